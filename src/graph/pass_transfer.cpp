// The transfer pass: per processor, whether each incoming agreement needs a transfer
// tool and has a valid one; and every agreement without a breach notice bound.
#include "graph/pass.hpp"

#include <algorithm>
#include <bit>
#include <span>

#include <fmt/format.h>

#include "rules/rule.hpp"

namespace dpa::detail {

namespace {

constexpr std::uint16_t bit(graph_mechanism m) { return static_cast<std::uint16_t>(m); }

// The mechanisms whose validity depends on the date alone, as the knowledge base
// the graph is evaluated with has it: found once per evaluation, then asked per
// agreement as a bit mask. (bcr-p and the module of the 2021 SCCs also depend on
// the processor and the client: see the transfer pass.)
struct dated_validity {
  std::uint16_t valid = 0;  ///< scc2010, privacy-shield, safe-harbor and dpf bits valid on the date
  bool scc2021 = false;     ///< the 2021 SCCs are in force (a module still has to fit)
};

dated_validity validity_on(const knowledge& kb, date on) {
  // A graph gives no date on which an agreement was made: it is read as made while
  // its tool was open to new contracts, so a tool closed to new ones still carries
  // it to the end of its validity (the 2010 SCCs: to 2022-12-27 inclusive,
  // Implementing Decision (EU) 2021/914 Art. 4(4)). A tool the knowledge base does
  // not list gives no basis.
  auto tool_holds = [&](tool_kind t) {
    const auto* inst = kb.instrument(t);
    return inst && kb.tool_valid(t, on, inst->validity.from) == answer::yes;
  };
  // dpf, privacy-shield and safe-harbor rest on an adequacy decision as well
  // (2023/1795, 2016/1250, 2000/520/EC): valid while both it and the tool hold.
  auto decision_holds = [&](tool_kind t) {
    return std::any_of(kb.adequacy().begin(), kb.adequacy().end(),
                       [&](const adequacy_decision& d) { return d.tool == t && d.validity.holds_on(on); });
  };
  dated_validity out;
  out.scc2021 = tool_holds(tool_kind::scc_2021);
  if (tool_holds(tool_kind::scc_2010)) out.valid |= bit(graph_mechanism::scc2010);
  for (auto [t, m] : {std::pair(tool_kind::privacy_shield, graph_mechanism::privacy_shield),
                      std::pair(tool_kind::safe_harbor, graph_mechanism::safe_harbor),
                      std::pair(tool_kind::dpf, graph_mechanism::dpf)})
    if (tool_holds(t) && decision_holds(t)) out.valid |= bit(m);
  return out;
}

void describe_derogation(const graph& g, const graph_report&, const graph_finding& c, finding& f) {
  const auto& a = g.agreements[c.subject];
  f.message = fmt::format("agreement `{}` rests on an Art. 49 derogation for {}", a.id, processor_phrase(g, a));
}

void describe_missing(const graph& g, const graph_report&, const graph_finding& c, finding& f) {
  const auto& a = g.agreements[c.subject];
  f.message = fmt::format("agreement `{}` has no valid transfer tool for {}", a.id, processor_phrase(g, a));
}

void describe_obsolete(const graph& g, const graph_report&, const graph_finding& c, finding& f) {
  const auto& a = g.agreements[c.subject];
  f.message = fmt::format("agreement `{}` relies on a tool no longer valid for {}", a.id, processor_phrase(g, a));
}

void describe_scc_module(const graph& g, const graph_report&, const graph_finding& c, finding& f) {
  const auto& a = g.agreements[c.subject];
  f.message = fmt::format("agreement `{}`: the SCC module listed does not fit {}", a.id, processor_phrase(g, a));
}

void describe_unresolved(const graph& g, const graph_report&, const graph_finding& c, finding& f) {
  const auto& a = g.agreements[c.subject];
  f.message = fmt::format("agreement `{}`: whether data leaves the EEA cannot be told, no location is known of {}",
                          a.id, processor_phrase(g, a));
}

void describe_unbounded(const graph& g, const graph_report&, const graph_finding& c, finding& f) {
  const auto& a = g.agreements[c.subject];
  f.message = fmt::format("agreement `{}` has no breach notice bound", a.id);
}

// The transfer rules share their text with the document rules of the same ids; the examples
// move the mailer to India and give its step the tools under test.
constexpr graph_rule_def transfer_rules[] = {
    {shared_text("transfer/derogation"),
     {R"({"organisations": [{"id": "shop", "name": "Shop GmbH", "country": "DE"}, {"id": "crm", "name": "CRM BV", "country": "NL"}, {"id": "mail", "name": "Mailer Pvt Ltd", "country": "IN"}], "agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}, "mechanisms": ["art49-derogation"]}]})",
      R"({"organisations": [{"id": "shop", "name": "Shop GmbH", "country": "DE"}, {"id": "crm", "name": "CRM BV", "country": "NL"}, {"id": "mail", "name": "Mailer Pvt Ltd", "country": "IN"}], "agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}, "mechanisms": ["scc2021-m3"]}]})"},
     describe_derogation},
    {shared_text("transfer/missing-mechanism"),
     {R"({"organisations": [{"id": "shop", "name": "Shop GmbH", "country": "DE"}, {"id": "crm", "name": "CRM BV", "country": "NL"}, {"id": "mail", "name": "Mailer Pvt Ltd", "country": "IN"}]})",
      R"({"organisations": [{"id": "shop", "name": "Shop GmbH", "country": "DE"}, {"id": "crm", "name": "CRM BV", "country": "NL"}, {"id": "mail", "name": "Mailer Pvt Ltd", "country": "IN"}], "agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}, "mechanisms": ["scc2021-m3"]}]})"},
     describe_missing},
    {shared_text("transfer/obsolete-mechanism"),
     {R"({"organisations": [{"id": "shop", "name": "Shop GmbH", "country": "DE"}, {"id": "crm", "name": "CRM BV", "country": "NL"}, {"id": "mail", "name": "Mailer Pvt Ltd", "country": "IN"}], "agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}, "mechanisms": ["scc2010"]}]})",
      R"({"organisations": [{"id": "shop", "name": "Shop GmbH", "country": "DE"}, {"id": "crm", "name": "CRM BV", "country": "NL"}, {"id": "mail", "name": "Mailer Pvt Ltd", "country": "IN"}], "agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}, "mechanisms": ["scc2021-m3"]}]})"},
     describe_obsolete},
    {shared_text("transfer/scc-module"),
     {R"({"organisations": [{"id": "shop", "name": "Shop GmbH", "country": "DE"}, {"id": "crm", "name": "CRM BV", "country": "NL"}, {"id": "mail", "name": "Mailer Pvt Ltd", "country": "IN"}], "agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}, "mechanisms": ["scc2021-m2"]}]})",
      R"({"organisations": [{"id": "shop", "name": "Shop GmbH", "country": "DE"}, {"id": "crm", "name": "CRM BV", "country": "NL"}, {"id": "mail", "name": "Mailer Pvt Ltd", "country": "IN"}], "agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}, "mechanisms": ["scc2021-m3"]}]})"},
     describe_scc_module},
    {shared_text("transfer/unresolved-location"),
     {R"({"organisations": [{"id": "shop", "name": "Shop GmbH", "country": "DE"}, {"id": "crm", "name": "CRM BV", "country": "NL"}, {"id": "mail", "name": "Mailer", "country": "ZZ"}]})",
      R"({})"},
     describe_unresolved},
    {shared_text("breach/unbounded"),
     {R"({"agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}]})",
      R"({})"},
     describe_unbounded},
};

}  // namespace

std::span<const graph_rule_def> transfer_pass_rules() { return transfer_rules; }

void transfer_pass(const graph_pass& pass, finding_sink& into) {
  const graph& g = pass.g;
  const knowledge& kb = pass.kb;
  const date as_of = pass.as_of;
  const auto& in = g.incoming;
  const auto n_org = static_cast<std::uint32_t>(g.organisations.size());
  const auto n_ag = static_cast<std::uint32_t>(g.agreements.size());
  const rule_index r_derogation = graph_rule_index("transfer/derogation");
  const rule_index r_missing = graph_rule_index("transfer/missing-mechanism");
  const rule_index r_obsolete = graph_rule_index("transfer/obsolete-mechanism");
  const rule_index r_scc_module = graph_rule_index("transfer/scc-module");
  const rule_index r_unresolved = graph_rule_index("transfer/unresolved-location");
  const rule_index r_unbounded = graph_rule_index("breach/unbounded");
  // 1. Transfers. Whether a processor's country (with or without DPF) needs no tool: asked once per country.
  std::vector<std::int8_t> adequate_memo(26 * 26 * 2, -1);
  auto adequate_for = [&](std::uint32_t org) {
    const auto& o = g.organisations[org];
    bool dpf_cert = o.certifications & graph::cert_dpf;
    auto slot = ((o.country[0] - 'A') * 26 + (o.country[1] - 'A')) * 2 + (dpf_cert ? 1 : 0);
    if (adequate_memo[slot] < 0) {
      auto cover = kb.covered(g.country_of(org), as_of);
      adequate_memo[slot] = cover.status == coverage_status::eea || cover.status == coverage_status::adequate ||
                            (cover.status == coverage_status::conditional && cover.decision &&
                             (cover.decision->tool ? (*cover.decision->tool == tool_kind::dpf && dpf_cert) : true));
    }
    return adequate_memo[slot] == 1;
  };
  const auto dated = validity_on(kb, as_of);
  const std::uint16_t valid_on_date = dated.valid & ~bit(graph_mechanism::dpf);  // dpf: a certified US processor too
  constexpr std::uint16_t sccs = bit(graph_mechanism::scc2021_m1) | bit(graph_mechanism::scc2021_m2) |
                                 bit(graph_mechanism::scc2021_m3) | bit(graph_mechanism::scc2021_m4);
  constexpr std::uint16_t obsolete =
      bit(graph_mechanism::scc2010) | bit(graph_mechanism::privacy_shield) | bit(graph_mechanism::safe_harbor);
  const bool any_transfer_rule = pass.selected(r_scc_module) || pass.selected(r_obsolete) || pass.selected(r_derogation) ||
                                 pass.selected(r_missing) || pass.selected(r_unresolved);
  for (std::uint32_t o = 0; any_transfer_rule && o < n_org; ++o) {
    if (g.incoming_count(o) == 0) continue;
    // ZZ, "not known" (a DPA that never says where the organisation is): whether a transfer
    // happens cannot be told, as the document check reports it, rather than a missing tool.
    const auto& cc = g.organisations[o].country;
    if (cc[0] == 'Z' && cc[1] == 'Z') {
      if (pass.selected(r_unresolved))
        for (auto [k, end] = pass.positions(o); k < end; ++k) into.push_back({r_unresolved, false, in.agreement[k]});
      continue;
    }
    if (adequate_for(o)) continue;
    const auto& p = g.organisations[o];
    const bool dpf_ok = g.country_of(o) == "US" && (p.certifications & graph::cert_dpf) &&
                        (dated.valid & bit(graph_mechanism::dpf)) != 0;
    const bool bcr_ok = p.certifications & graph::cert_bcr_p;
    for (auto [k, end] = pass.positions(o); k < end; ++k) {
      const std::uint16_t m = in.mechanisms[k];
      const bool valid = (m & valid_on_date) != 0 || ((m & bit(graph_mechanism::dpf)) && dpf_ok) ||
                         ((m & bit(graph_mechanism::bcr_p)) && bcr_ok) ||
                         // module 2 from a controller, module 3 from a processor: the client's role decides
                         ((m & (bit(graph_mechanism::scc2021_m2) | bit(graph_mechanism::scc2021_m3))) && dated.scc2021 &&
                          (m & bit(pass.is_root(in.client[k]) ? graph_mechanism::scc2021_m2 : graph_mechanism::scc2021_m3)));
      if (valid) continue;
      const rule_index r = (m & sccs)                                    ? r_scc_module
                           : (m & obsolete)                              ? r_obsolete
                           : (m & bit(graph_mechanism::art49_derogation)) ? r_derogation
                                                                         : r_missing;
      if (pass.selected(r)) into.push_back({r, false, in.agreement[k]});
    }
  }
  // 2. Unbounded breach notices.
  for (std::uint32_t j = 0; pass.selected(r_unbounded) && j < n_ag; ++j)
    if (g.outgoing.breach_hours[j] == graph::none) into.push_back({r_unbounded, false, g.outgoing.agreement[j]});
}

}  // namespace dpa::detail
