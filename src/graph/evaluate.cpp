// The graph rules of graph-format.md, each in linear time over the CSR graph.
#include <dpa/graph.hpp>

#include <algorithm>
#include <bit>
#include <iterator>
#include <span>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "graph/huge_pages.hpp"
#include "graph/radix_sort.hpp"
#include "rules/rule.hpp"

namespace dpa {
inline namespace v1 {

namespace {


// Rule texts for the graph form; ids shared with the single-document catalogue where they mean the same.
const std::vector<rule_info>& graph_rules() {
  static const std::vector<rule_info> rules = [] {
    std::vector<rule_info> r{
        {"breach/chain-budget", severity::violation, "Breach notices along a chain exceed the budget",
         "Art. 33(1) and (2) GDPR", detail::gdpr,
         "Each processor may take its own breach_notice to tell its client; along a chain from a controller down to "
         "the sub-processor where a breach happens, these add up. If the sum exceeds the controller's budget "
         "(72 hours by default), the controller learns too late to notify its authority in time.",
         "Shorten breach_notice somewhere along the critical path shown in the evidence.", "", ""},
        {"categories/leak", severity::violation, "A category passed on that the client was never given",
         "Art. 28(2)-(4) GDPR", detail::gdpr,
         "A processor may hand on only data it processes for its own clients. A category in a sub-processing "
         "agreement that none of the client's incoming agreements carries either comes from nowhere or is processed "
         "outside any controller's instruction.",
         "Remove the category, or find the agreement that should carry it.", "", ""},
        {"graph/cycle", severity::violation, "Organisations engage each other in a cycle", "Art. 28(2) and (4) GDPR", detail::gdpr,
         "A chain of processing agreements that comes back to where it started has no controller at its top for "
         "the organisations on it: instructions, notices and liability have no end point.",
         "Break the cycle: one of the agreements on it is not a sub-processing agreement.", "", ""},
        {"notice/flowdown", severity::violation, "Less change notice passed down than promised up",
         "Art. 28(2) and (4) GDPR", detail::gdpr,
         "A processor that promised its client N days' notice of new sub-processors can keep that promise only if "
         "its own sub-processors give it at least N days' notice of theirs.",
         "Give the agreement a change_notice at least as long as the client's longest incoming one.", "", ""},
        {"retention/flowdown", severity::violation, "A sub-processor keeps data longer than its client may",
         "Art. 28(4) GDPR; Art. 5(1)(e) GDPR", detail::gdpr,
         "The same obligations flow down the chain (Art. 28(4)): a sub-processor may not keep a category longer "
         "than the shortest retention its client accepted for it.",
         "Shorten the agreement's retention for the category to the client's shortest incoming one.", "", ""},
    };
    for (auto id : {"breach/unbounded", "transfer/derogation", "transfer/missing-mechanism", "transfer/obsolete-mechanism",
                    "transfer/scc-module", "transfer/unresolved-location"}) {
      const auto* base = find_rule(id);
      if (base) r.push_back(*base);
    }
    std::sort(r.begin(), r.end(), [](const rule_info& a, const rule_info& b) { return a.id < b.id; });
    return r;
  }();
  return rules;
}

// Rule indexes into graph_rules(), fixed by its sorted order.
enum rule_index : std::uint16_t {
  r_chain_budget, r_unbounded, r_leak, r_cycle, r_notice, r_retention, r_derogation, r_missing, r_obsolete, r_scc_module,
  r_unresolved
};

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

}  // namespace

const std::vector<rule_info>& graph_rule_catalogue() { return graph_rules(); }

std::string_view clean_example_graph() noexcept {
  return R"({
  "format": "dpa-graph/1",
  "as_of": "2026-11-23",
  "organisations": [
    {"id": "shop", "name": "Shop GmbH", "country": "DE"},
    {"id": "crm", "name": "CRM BV", "country": "NL"},
    {"id": "mail", "name": "Mailer GmbH", "country": "DE"}
  ],
  "agreements": [
    {"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "24h",
     "change_notice": "30d", "retention": {"contact": "30d"}},
    {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "24h",
     "change_notice": "30d", "retention": {"contact": "30d"}}
  ]
}
)";
}

graph_rule_example graph_rule_examples(std::string_view id) noexcept {
  // Merge patches replace whole arrays, so each patch gives the organisations or agreements it changes in full;
  // the transfer examples move the mailer to India and give its step the tools under test.
  static constexpr std::pair<std::string_view, graph_rule_example> examples[] = {
      {"breach/chain-budget",
       {R"({"agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "48h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "48h", "change_notice": "30d", "retention": {"contact": "30d"}}]})",
        R"({"agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "48h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "12h", "change_notice": "30d", "retention": {"contact": "30d"}}]})"}},
      {"breach/unbounded",
       {R"({"agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}]})",
        R"({})"}},
      {"categories/leak",
       {R"({"agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact", "health"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}]})",
        R"({"agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact", "health"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact", "health"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}]})"}},
      {"graph/cycle",
       {R"({"agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "mail-crm", "client": "mail", "processor": "crm", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}]})",
        R"({})"}},
      {"notice/flowdown",
       {R"({"agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "24h", "change_notice": "7d", "retention": {"contact": "30d"}}]})",
        R"({"agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "24h", "change_notice": "7d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "24h", "change_notice": "7d", "retention": {"contact": "30d"}}]})"}},
      {"retention/flowdown",
       {R"({"agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "90d"}}]})",
        R"({"agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "90d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "90d"}}]})"}},
      {"transfer/derogation",
       {R"({"organisations": [{"id": "shop", "name": "Shop GmbH", "country": "DE"}, {"id": "crm", "name": "CRM BV", "country": "NL"}, {"id": "mail", "name": "Mailer Pvt Ltd", "country": "IN"}], "agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}, "mechanisms": ["art49-derogation"]}]})",
        R"({"organisations": [{"id": "shop", "name": "Shop GmbH", "country": "DE"}, {"id": "crm", "name": "CRM BV", "country": "NL"}, {"id": "mail", "name": "Mailer Pvt Ltd", "country": "IN"}], "agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}, "mechanisms": ["scc2021-m3"]}]})"}},
      {"transfer/missing-mechanism",
       {R"({"organisations": [{"id": "shop", "name": "Shop GmbH", "country": "DE"}, {"id": "crm", "name": "CRM BV", "country": "NL"}, {"id": "mail", "name": "Mailer Pvt Ltd", "country": "IN"}]})",
        R"({"organisations": [{"id": "shop", "name": "Shop GmbH", "country": "DE"}, {"id": "crm", "name": "CRM BV", "country": "NL"}, {"id": "mail", "name": "Mailer Pvt Ltd", "country": "IN"}], "agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}, "mechanisms": ["scc2021-m3"]}]})"}},
      {"transfer/obsolete-mechanism",
       {R"({"organisations": [{"id": "shop", "name": "Shop GmbH", "country": "DE"}, {"id": "crm", "name": "CRM BV", "country": "NL"}, {"id": "mail", "name": "Mailer Pvt Ltd", "country": "IN"}], "agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}, "mechanisms": ["scc2010"]}]})",
        R"({"organisations": [{"id": "shop", "name": "Shop GmbH", "country": "DE"}, {"id": "crm", "name": "CRM BV", "country": "NL"}, {"id": "mail", "name": "Mailer Pvt Ltd", "country": "IN"}], "agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}, "mechanisms": ["scc2021-m3"]}]})"}},
      {"transfer/scc-module",
       {R"({"organisations": [{"id": "shop", "name": "Shop GmbH", "country": "DE"}, {"id": "crm", "name": "CRM BV", "country": "NL"}, {"id": "mail", "name": "Mailer Pvt Ltd", "country": "IN"}], "agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}, "mechanisms": ["scc2021-m2"]}]})",
        R"({"organisations": [{"id": "shop", "name": "Shop GmbH", "country": "DE"}, {"id": "crm", "name": "CRM BV", "country": "NL"}, {"id": "mail", "name": "Mailer Pvt Ltd", "country": "IN"}], "agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}, "mechanisms": ["scc2021-m3"]}]})"}},
      {"transfer/unresolved-location",
       {R"({"organisations": [{"id": "shop", "name": "Shop GmbH", "country": "DE"}, {"id": "crm", "name": "CRM BV", "country": "NL"}, {"id": "mail", "name": "Mailer", "country": "ZZ"}]})",
        R"({})"}},
  };
  for (const auto& [rule, example] : examples)
    if (rule == id) return example;
  return {};
}

struct graph_workspace::buffers {
  // Kahn's walk: the state it touches at random (the push to each processor),
  // kept to 16 bytes: "undetermined" is a latency above every other one, which
  // the maximum keeps once it is there.
  struct org_state {
    std::int64_t best = 0;                         // the largest latency of an incoming agreement, or unknown
    std::uint32_t critical = graph_finding::none;  // the incoming agreement giving it, first in file order among equals
    std::uint32_t pending = 0;                     // incoming agreements not settled yet
  };
  static_assert(sizeof(org_state) == 16);
  struct call {  // a frame of Tarjan's walk
    std::uint32_t org, next, end;
  };
  detail::huge_page_vector<std::uint8_t> root;
  detail::huge_page_vector<org_state> state;
  std::vector<std::uint32_t> late;
  std::vector<std::uint64_t> taken_bits;
  std::vector<std::uint32_t> rank, org_of, edge_offsets, sub_edges, index, low, stack;
  std::vector<std::uint8_t> on_stack;
  std::vector<call> calls;
  detail::huge_page_vector<std::uint32_t> summary;
  detail::huge_page_vector<std::pair<std::uint32_t, std::int64_t>> entries;
  std::vector<std::int64_t> min_retention;
  std::vector<std::uint8_t> carried;
  std::vector<std::uint32_t> touched;
  detail::huge_page_vector<graph_finding> parts[3];  // the findings of each pass
  detail::huge_page_vector<std::pair<std::uint64_t, std::uint32_t>> keys, spare;

  [[nodiscard]] std::size_t bytes() const noexcept {
    std::size_t n = 0;
    auto add = [&](const auto& v) { n += v.capacity() * sizeof(v[0]); };
    add(root), add(state), add(late), add(taken_bits), add(rank), add(org_of), add(edge_offsets), add(sub_edges);
    add(index), add(low), add(stack), add(on_stack), add(calls), add(summary), add(entries), add(min_retention);
    add(carried), add(touched), add(parts[0]), add(parts[1]), add(parts[2]), add(keys), add(spare);
    return n;
  }
};

graph_workspace::graph_workspace() = default;
graph_workspace::graph_workspace(graph_workspace&&) noexcept = default;
graph_workspace& graph_workspace::operator=(graph_workspace&&) noexcept = default;
graph_workspace::~graph_workspace() = default;
void graph_workspace::release() noexcept { buffers_.reset(); }
std::size_t graph_workspace::capacity_bytes() const noexcept { return buffers_ ? buffers_->bytes() : 0; }

graph_report evaluate_graph(const graph& g, const graph_options& options, const knowledge& kb) {
  graph_workspace workspace;
  return evaluate_graph(g, options, kb, workspace);
}

graph_report evaluate_graph(const graph& g, const graph_options& options, const knowledge& kb, graph_workspace& workspace) {
  const date as_of = options.as_of ? *options.as_of : g.as_of ? *g.as_of : today();
  const std::int64_t budget = options.breach_budget_hours ? *options.breach_budget_hours
                              : g.breach_budget_hours ? *g.breach_budget_hours
                                                      : 72;
  const auto n_org = static_cast<std::uint32_t>(g.organisations.size());
  const auto n_ag = static_cast<std::uint32_t>(g.agreements.size());
  if (!g.indexed()) throw std::invalid_argument("evaluate_graph: the graph is not indexed (call graph::reindex)");
  if (!workspace.buffers_) workspace.buffers_ = std::make_unique<graph_workspace::buffers>();
  auto& ws = *workspace.buffers_;
  graph_report out;
  auto& rep = out.findings;
  rep.as_of = as_of;
  rep.knowledge_version = kb.version();
  rep.knowledge_checksum = kb.checksum();
  const auto& rules = graph_rules();
  std::vector<std::uint8_t> on_rule(rules.size(), 0);
  for (std::size_t r = 0; r < rules.size(); ++r)
    if (detail::selected(rules[r].id, options.enable, options.disable)) {
      on_rule[r] = 1;
      rep.rules_run.push_back(rules[r].id);
    }
  auto selected = [&](rule_index r) { return on_rule[r] != 0; };

  // Every pass reads the agreements grouped by processor (graph::incoming),
  // position k being agreement in.agreement[k]: in order, where it can.
  const auto& in = g.incoming;
  auto positions = [&](std::uint32_t o) { return std::pair(in.offsets[o], in.offsets[o + 1]); };

  // Which organisations are roots, a byte each: asked per agreement, at random.
  auto& root = ws.root;
  root.assign(n_org, 0);
  for (std::uint32_t o = 0; o < n_org; ++o) root[o] = g.is_root(o);
  auto is_root = [&](std::uint32_t o) { return root[o] != 0; };
  // Position k's categories (sorted), and its retention for categories it carries.
  auto categories_at = [&](std::uint32_t k) {
    return std::span(g.category_lists).subspan(in.category_offsets[k], in.category_offsets[k + 1] - in.category_offsets[k]);
  };
  auto for_each_retention = [&](std::uint32_t k, auto&& f) {  // f(category, hours), in category order
    const auto cats = categories_at(k);
    auto ci = cats.begin();
    for (auto x = in.retention_offsets[k]; x < in.retention_offsets[k + 1]; ++x) {
      const auto [cat, hours] = g.retention_lists[x];
      while (ci != cats.end() && *ci < cat) ++ci;
      if (ci != cats.end() && *ci == cat) f(cat, hours);
    }
  };

  // The rules fall into three independent passes, each writing its own compact
  // findings; with threads they run side by side. The findings are sorted at the
  // end, so the output is the same either way.
  auto transfer_pass = [&](detail::huge_page_vector<graph_finding>& into) {
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
    const bool any_transfer_rule = selected(r_scc_module) || selected(r_obsolete) || selected(r_derogation) ||
                                   selected(r_missing) || selected(r_unresolved);
    for (std::uint32_t o = 0; any_transfer_rule && o < n_org; ++o) {
      if (g.incoming_count(o) == 0) continue;
      // ZZ, "not known" (a DPA that never says where the organisation is): whether a transfer
      // happens cannot be told, as the document check reports it, rather than a missing tool.
      const auto& cc = g.organisations[o].country;
      if (cc[0] == 'Z' && cc[1] == 'Z') {
        if (selected(r_unresolved))
          for (auto [k, end] = positions(o); k < end; ++k) into.push_back({r_unresolved, false, in.agreement[k]});
        continue;
      }
      if (adequate_for(o)) continue;
      const auto& p = g.organisations[o];
      const bool dpf_ok = g.country_of(o) == "US" && (p.certifications & graph::cert_dpf) &&
                          (dated.valid & bit(graph_mechanism::dpf)) != 0;
      const bool bcr_ok = p.certifications & graph::cert_bcr_p;
      for (auto [k, end] = positions(o); k < end; ++k) {
        const std::uint16_t m = in.mechanisms[k];
        const bool valid = (m & valid_on_date) != 0 || ((m & bit(graph_mechanism::dpf)) && dpf_ok) ||
                           ((m & bit(graph_mechanism::bcr_p)) && bcr_ok) ||
                           // module 2 from a controller, module 3 from a processor: the client's role decides
                           ((m & (bit(graph_mechanism::scc2021_m2) | bit(graph_mechanism::scc2021_m3))) && dated.scc2021 &&
                            (m & bit(is_root(in.client[k]) ? graph_mechanism::scc2021_m2 : graph_mechanism::scc2021_m3)));
        if (valid) continue;
        const rule_index r = (m & sccs)                                    ? r_scc_module
                             : (m & obsolete)                              ? r_obsolete
                             : (m & bit(graph_mechanism::art49_derogation)) ? r_derogation
                                                                           : r_missing;
        if (selected(r)) into.push_back({r, false, in.agreement[k]});
      }
    }
    // 2. Unbounded breach notices.
    for (std::uint32_t j = 0; selected(r_unbounded) && j < n_ag; ++j)
      if (g.outgoing.breach_hours[j] == graph::none) into.push_back({r_unbounded, false, g.outgoing.agreement[j]});
  };

  auto chain_pass = [&](detail::huge_page_vector<graph_finding>& into) {
    // 3. Chain latency, in topological order (Kahn): an organisation is taken
    // once all its incoming agreements are settled, then pushes the latency of
    // each outgoing agreement (its breach bound plus the client's largest
    // incoming latency) to the processor. What is never taken is on a cycle or
    // downstream of one (tainted): chains through it are undetermined.
    // Any topological order gives the same result, so the walk takes the
    // organisations in file order where it can (most files list clients before
    // their processors: then it reads memory in order), and an organisation
    // that becomes ready after the walk has passed it right away.
    constexpr std::uint32_t no_agreement = graph_finding::none;
    constexpr std::int64_t unknown = INT64_MAX;
    auto& state = ws.state;
    detail::assign_huge(state, n_org, {});
    for (std::uint32_t o = 0; o < n_org; ++o) state[o].pending = g.incoming_count(o);
    const auto& out_offsets = g.outgoing.offsets;
    const auto& targets = g.outgoing.processor;
    const auto& breach = g.outgoing.breach_hours;
    const auto& agreement = g.outgoing.agreement;
    std::size_t determined = 0;
    auto& late = ws.late;  // ready, and before the walk's position
    late.clear();
    auto take = [&](std::uint32_t o, std::uint32_t walk) {
      const std::int64_t from = state[o].best;
      const auto end = out_offsets[o + 1];
      for (auto j = out_offsets[o]; j < end; ++j) {
        if (j + 4 < end) detail::prefetch(&state[targets[j + 4]]);
        auto& p = state[targets[j]];
        if (from != unknown && breach[j] != graph::none) {
          ++determined;
          const std::int64_t l = breach[j] + from;
          if (l > p.best || p.critical == no_agreement || (l == p.best && agreement[j] < p.critical)) {
            if (p.best != unknown) p.best = l;
            p.critical = agreement[j];
          }
          if (l > budget && selected(r_chain_budget)) {
            graph_finding f{r_chain_budget, false, agreement[j]};
            f.value = l;
            f.limit = budget;
            into.push_back(f);
          }
        } else {
          p.best = unknown;
        }
        if (--p.pending == 0 && targets[j] < walk) late.push_back(targets[j]);
      }
    };
    constexpr std::uint32_t ahead = detail::prefetch_ahead / 4;
    for (std::uint32_t o = 0; o < n_org; ++o) {
      if (o + ahead < n_org)
        for (auto j = out_offsets[o + ahead], e = std::min(out_offsets[o + ahead + 1], j + 4); j < e; ++j)
          detail::prefetch(&state[targets[j]]);
      if (state[o].pending != 0) continue;  // (a processor of someone later: taken then, or never)
      take(o, o);
      while (!late.empty()) {
        const auto t = late.back();
        late.pop_back();
        take(t, o);
      }
    }
    out.undetermined = n_ag - determined;
    // Taken by Kahn's walk: pending is 0. Kept as bits as well, for the walk
    // below, which asks it of every client of the organisations not taken.
    auto& taken_bits = ws.taken_bits;
    taken_bits.assign((n_org + 63) / 64, 0);
    std::uint32_t n_taken = 0;
    detail::reserve_huge(out.critical, n_org);
    for (std::uint32_t o = 0; o < n_org; ++o) {
      const bool taken = state[o].pending == 0;
      n_taken += taken;
      taken_bits[o / 64] |= std::uint64_t{taken} << o % 64;
      out.critical.push_back(taken && state[o].best != unknown ? state[o].critical : graph_finding::none);
    }
    auto taken = [&](std::uint32_t o) { return (taken_bits[o / 64] >> o % 64 & 1) != 0; };
    if (n_taken == n_org) return;  // no cycles

    // 7. Cycles, among the organisations never taken: Tarjan's components over
    // the edges between them (processor -> client), and self-loops. Those
    // organisations are numbered again, in file order, and the edges between
    // them copied out (in the order of `incoming`), so that the walk works on
    // a small graph that stays in cache. A local number is the count of
    // organisations not taken before it: one count per 64 of them, plus the
    // bits of the last word.
    const std::size_t words = taken_bits.size();
    auto& rank = ws.rank;
    rank.assign(words, 0);
    for (std::uint32_t w = 0, count = 0; w < words; ++w) {
      rank[w] = count;
      const auto live = w + 1 < words || n_org % 64 == 0 ? ~std::uint64_t{0} : (std::uint64_t{1} << n_org % 64) - 1;
      count += static_cast<std::uint32_t>(std::popcount(~taken_bits[w] & live));
    }
    auto local = [&](std::uint32_t o) {
      return rank[o / 64] + static_cast<std::uint32_t>(std::popcount(~taken_bits[o / 64] & ((std::uint64_t{1} << o % 64) - 1)));
    };
    auto& org_of = ws.org_of;              // local number -> organisation
    auto& edge_offsets = ws.edge_offsets;  // local number -> its clients not taken, in sub_edges
    auto& sub_edges = ws.sub_edges;
    detail::clear_huge(org_of, n_org - n_taken);
    detail::clear_huge(edge_offsets, n_org - n_taken + 1);
    sub_edges.clear();
    edge_offsets.push_back(0);
    for (std::uint32_t w = 0; w < words; ++w) {
      for (auto bits = ~taken_bits[w]; bits != 0; bits &= bits - 1) {
        const auto o = static_cast<std::uint32_t>(w * 64 + std::countr_zero(bits));
        if (o >= n_org) break;
        org_of.push_back(o);
        for (auto [k, end] = positions(o); k < end; ++k) {
          const auto client = in.client[k];
          if (client == o && selected(r_cycle)) into.push_back({r_cycle, false, in.agreement[k]});
          if (!taken(client)) sub_edges.push_back(local(client));
        }
        edge_offsets.push_back(static_cast<std::uint32_t>(sub_edges.size()));
      }
    }
    const auto m = static_cast<std::uint32_t>(org_of.size());
    constexpr std::uint32_t unvisited = UINT32_MAX;
    auto& index = ws.index;
    auto& low = ws.low;
    auto& on_stack = ws.on_stack;
    auto& stack = ws.stack;
    auto& calls = ws.calls;
    index.assign(m, unvisited);
    low.assign(m, 0);
    on_stack.assign(m, 0);
    stack.clear();
    calls.clear();
    std::uint32_t counter = 0;
    auto visit = [&](std::uint32_t v) {
      index[v] = low[v] = counter++;
      on_stack[v] = 1;
      stack.push_back(v);
      calls.push_back({v, edge_offsets[v], edge_offsets[v + 1]});
    };
    for (std::uint32_t root = 0; root < m; ++root) {
      if (index[root] != unvisited) continue;
      visit(root);
      while (!calls.empty()) {
        auto& c = calls.back();
        if (c.next < c.end) {
          const std::uint32_t w = sub_edges[c.next++];
          if (index[w] == unvisited) {
            visit(w);  // (c is not used after this: calls may have moved)
          } else if (on_stack[w] != 0) {
            low[c.org] = std::min(low[c.org], index[w]);
          }
          continue;
        }
        const std::uint32_t v = c.org;
        calls.pop_back();
        if (!calls.empty()) low[calls.back().org] = std::min(low[calls.back().org], low[v]);
        if (low[v] != index[v]) continue;
        std::size_t top = stack.size();
        while (stack[--top] != v) {
        }
        const auto members = std::span(stack).subspan(top);
        for (auto x : members) on_stack[x] = 0;
        if (members.size() > 1 && selected(r_cycle)) {
          // (put in id order, the order the finding names them, only when its text is made)
          graph_finding f{r_cycle, true, static_cast<std::uint32_t>(out.components.size())};
          out.components.push_back(static_cast<std::uint32_t>(members.size()));
          for (auto x : members) out.components.push_back(org_of[x]);
          f.value = org_of[*std::min_element(members.begin(), members.end())];  // its position, for sorting
          into.push_back(f);
        }
        stack.resize(top);
      }
    }
  };

  auto flow_pass = [&](detail::huge_page_vector<graph_finding>& into) {
    // 4-6. Flow-down. First, per organisation that is a client but not a root, a
    // summary of its incoming agreements: the longest change notice, and per
    // category carried the shortest retention (none: -1), in category order.
    // Built in one sweep over the positions; then every agreement is checked
    // against its client's summary, in the same order.
    if (!selected(r_notice) && !selected(r_retention) && !selected(r_leak)) return;
    // A summary is a header entry (its number of categories, the longest
    // notice) followed by one entry per category (the category, the shortest
    // retention or -1), in category order; summary[o] is where o's header is
    // (none for roots and for organisations that are no client). The check
    // looks summaries up at random: the 4-byte index and one line of entries.
    constexpr std::uint32_t no_summary = UINT32_MAX;
    auto& summary = ws.summary;
    detail::assign_huge(summary, n_org, no_summary);
    auto& entries = ws.entries;
    detail::clear_huge(entries, std::size_t{2} * n_org);  // a header and a category each, to start with
    {
      auto& min_retention = ws.min_retention;  // per category, scratch
      auto& carried = ws.carried;
      auto& touched = ws.touched;
      min_retention.assign(g.category_names.size(), -1);
      carried.assign(g.category_names.size(), 0);
      for (std::uint32_t o = 0; o < n_org; ++o) {
        auto [first, end] = positions(o);
        if (g.outgoing_count(o) == 0 || first == end) continue;
        std::int64_t max_notice = graph::none;
        touched.clear();
        for (auto k = first; k < end; ++k) {
          max_notice = std::max(max_notice, in.change_hours[k]);
          for (auto cat : categories_at(k))
            if (!carried[cat]) {
              carried[cat] = 1;
              touched.push_back(cat);
            }
          for_each_retention(k, [&](std::uint32_t cat, std::int64_t hours) {
            if (min_retention[cat] == -1 || hours < min_retention[cat]) min_retention[cat] = hours;
          });
        }
        std::sort(touched.begin(), touched.end());
        summary[o] = static_cast<std::uint32_t>(entries.size());
        entries.emplace_back(static_cast<std::uint32_t>(touched.size()), max_notice);
        for (auto cat : touched) {
          entries.emplace_back(cat, min_retention[cat]);
          carried[cat] = 0;
          min_retention[cat] = -1;
        }
      }
    }
    constexpr std::uint32_t ahead = detail::prefetch_ahead;
    for (std::uint32_t k = 0; k < n_ag; ++k) {
      if (k + ahead < n_ag) detail::prefetch(&summary[in.client[k + ahead]]);
      if (k + ahead / 2 < n_ag) {
        const auto next = summary[in.client[k + ahead / 2]];
        if (next != no_summary) {  // its header, and the line after when the summary reaches into it
          detail::prefetch(&entries[next]);
          detail::prefetch(&entries[std::min<std::size_t>(next + 3, entries.size() - 1)]);
        }
      }
      const auto at = summary[in.client[k]];
      if (at == no_summary) continue;
      const auto max_notice = entries[at].second;
      const auto have = std::span(entries).subspan(at + 1, entries[at].first);
      const auto i = in.agreement[k];
      const auto change = in.change_hours[k];
      if (selected(r_notice) && max_notice != graph::none && (change == graph::none || change < max_notice)) {
        graph_finding f{r_notice, false, i};
        f.value = change;
        f.limit = max_notice;
        into.push_back(f);
      }
      auto e = have.begin();
      for (auto cat : categories_at(k)) {
        while (e != have.end() && e->first < cat) ++e;
        if (e != have.end() && e->first == cat) continue;
        if (selected(r_leak)) {
          graph_finding f{r_leak, false, i};
          f.category = cat;
          into.push_back(f);
        }
      }
      if (!selected(r_retention)) continue;
      e = have.begin();
      for_each_retention(k, [&](std::uint32_t cat, std::int64_t hours) {
        while (e != have.end() && e->first < cat) ++e;
        if (e == have.end() || e->first != cat || e->second == -1 || hours <= e->second) return;
        graph_finding f{r_retention, false, i};
        f.category = cat;
        f.value = hours;
        f.limit = e->second;
        into.push_back(f);
      });
    }
  };

  auto& parts = ws.parts;
  for (auto& p : parts) p.clear();
  if (options.threads > 1) {
    std::thread chain([&] { chain_pass(parts[1]); });
    std::thread flow;
    if (options.threads > 2) flow = std::thread([&] { flow_pass(parts[2]); });
    transfer_pass(parts[0]);
    if (!flow.joinable()) flow_pass(parts[2]);
    chain.join();
    if (flow.joinable()) flow.join();
  } else {
    transfer_pass(parts[0]);
    chain_pass(parts[1]);
    flow_pass(parts[2]);
  }
  // By rule, then where in the file: agreements before organisations (as their
  // pointers sort), then category. As one key per finding, sorted by radix:
  // rule (4 bits), organisations or not (1), position, category (none last),
  // the last two as wide as this graph needs; by comparison in the
  // (theoretical) case of a key wider than 64 bits.
  const std::size_t total = parts[0].size() + parts[1].size() + parts[2].size();
  auto finding_at = [&](std::size_t i) -> const graph_finding& {
    if (i < parts[0].size()) return parts[0][i];
    i -= parts[0].size();
    return i < parts[1].size() ? parts[1][i] : parts[2][i - parts[1].size()];
  };
  static_assert(r_unresolved < 16, "a rule index takes 4 bits of the sort key");
  const unsigned category_bits = std::bit_width(g.category_names.size());  // (leaves room for "none")
  const unsigned position_bits = std::bit_width(std::max<std::size_t>(n_ag, n_org));
  const unsigned key_bits = 4 + 1 + position_bits + category_bits;
  detail::reserve_huge(out.compact, total);
  if (key_bits <= 64) {
    const std::uint64_t no_category = (std::uint64_t{1} << category_bits) - 1;
    auto& keys = ws.keys;
    auto& spare = ws.spare;
    detail::clear_huge(keys, total);
    detail::clear_huge(spare, total);
    for (std::uint32_t i = 0; i < total; ++i) {
      const auto& f = finding_at(i);
      const std::uint64_t where = f.on_organisations ? static_cast<std::uint32_t>(f.value) : f.subject;
      std::uint64_t key = f.rule;
      key = key << 1 | f.on_organisations;
      key = key << position_bits | where;
      key = key << category_bits | (f.category == graph_finding::none ? no_category : f.category);
      keys.emplace_back(key, i);
    }
    detail::radix_sort(keys, spare, key_bits);
    for (const auto& [key, i] : keys) out.compact.push_back(finding_at(i));
  } else {
    for (std::size_t i = 0; i < total; ++i) out.compact.push_back(finding_at(i));
    auto position = [](const graph_finding& f) {
      return std::tuple(f.rule, f.on_organisations, f.on_organisations ? static_cast<std::uint32_t>(f.value) : f.subject,
                        f.category);
    };
    std::sort(out.compact.begin(), out.compact.end(),
              [&](const graph_finding& x, const graph_finding& y) { return position(x) < position(y); });
  }
  if (options.materialize) {
    rep.findings.reserve(out.compact.size());
    for (const auto& f : out.compact) rep.findings.push_back(out.materialize(g, f));
  }
  return out;
}

finding graph_report::materialize(const graph& g, const graph_finding& c) const {
  const auto& r = graph_rules()[c.rule];
  finding f;
  f.rule = r.id;
  f.severity = r.severity;
  f.reference = r.reference;
  auto ag_ptr = [](std::uint32_t i) { return fmt::format("/agreements/{}", i); };
  if (c.on_organisations) {
    const auto n = components[c.subject];
    std::vector<std::uint32_t> members(components.begin() + c.subject + 1, components.begin() + c.subject + 1 + n);
    std::sort(members.begin(), members.end(), [&](auto x, auto y) { return g.organisations[x].id < g.organisations[y].id; });
    std::vector<std::string_view> ids;
    for (const auto o : members) {
      ids.push_back(g.organisations[o].id);
      f.evidence.push_back({fmt::format("/organisations/{}", o), {}});
    }
    f.subject = fmt::format("{}", fmt::join(ids, ","));
    f.message = fmt::format("organisations engage each other in a cycle: {}", fmt::join(ids, ", "));
    f.fingerprint = detail::fingerprint_of(f);
    return f;
  }
  const auto& a = g.agreements[c.subject];
  const auto client = g.organisations[a.client].id;
  f.subject = c.category == graph_finding::none ? std::string(a.id)
                                                : fmt::format("{}:{}", a.id, g.category_names[c.category]);
  f.evidence.push_back({ag_ptr(c.subject), {}});
  auto processor = [&] {
    const auto& p = g.organisations[a.processor];
    const auto country = g.country_of(a.processor);
    return fmt::format("`{}`{} ({}) for `{}`", p.id,
                       p.name.empty() || p.name == p.id ? std::string() : fmt::format(" \"{}\"", p.name),
                       country == "ZZ" ? "country not known" : country, client);
  };
  switch (c.rule) {
    case r_scc_module:
      f.message = fmt::format("agreement `{}`: the SCC module listed does not fit {}", a.id, processor());
      break;
    case r_obsolete: f.message = fmt::format("agreement `{}` relies on a tool no longer valid for {}", a.id, processor()); break;
    case r_derogation: f.message = fmt::format("agreement `{}` rests on an Art. 49 derogation for {}", a.id, processor()); break;
    case r_missing: f.message = fmt::format("agreement `{}` has no valid transfer tool for {}", a.id, processor()); break;
    case r_unresolved:
      f.message = fmt::format("agreement `{}`: whether data leaves the EEA cannot be told, no location is known of {}",
                              a.id, processor());
      break;
    case r_unbounded: f.message = fmt::format("agreement `{}` has no breach notice bound", a.id); break;
    case r_cycle: f.message = fmt::format("agreement `{}`: `{}` engages itself", a.id, client); break;
    case r_chain_budget:
      f.message = fmt::format("agreement `{}`: a breach may reach the controller after {}h, over the {}h budget", a.id,
                              c.value, c.limit);
      {
        const auto path = critical_path(g, c);
        for (std::size_t k = 1; k < path.size(); ++k) f.evidence.push_back({ag_ptr(path[k]), {}});
      }
      break;
    case r_notice:
      f.message = c.value == graph::none
                      ? fmt::format("agreement `{}` gives no change notice; `{}` promised {}h upstream", a.id, client, c.limit)
                      : fmt::format("agreement `{}` gives {}h change notice; `{}` promised {}h upstream", a.id, c.value,
                                    client, c.limit);
      break;
    case r_leak:
      f.message = fmt::format("agreement `{}` passes on `{}`, which no agreement gives `{}`", a.id,
                              g.category_names[c.category], client);
      break;
    case r_retention:
      f.message = fmt::format("agreement `{}` keeps `{}` for {}h; `{}` may keep it only {}h", a.id,
                              g.category_names[c.category], c.value, client, c.limit);
      break;
    default: break;
  }
  f.fingerprint = detail::fingerprint_of(f);
  return f;
}

std::vector<std::uint32_t> graph_report::critical_path(const graph& g, const graph_finding& f) const {
  std::vector<std::uint32_t> path{f.subject};
  for (auto up = g.agreements[f.subject].client; up < critical.size() && critical[up] != graph_finding::none && path.size() < 32;
       up = g.agreements[critical[up]].client)
    path.push_back(critical[up]);
  return path;
}

std::map<std::string, std::size_t> graph_report::counts() const {
  std::map<std::string, std::size_t> out;
  for (auto id : findings.rules_run) out[std::string(id)] = 0;
  std::vector<std::size_t> per(graph_rules().size(), 0);
  for (const auto& f : compact) ++per[f.rule];
  for (std::size_t r = 0; r < per.size(); ++r)
    if (auto it = out.find(std::string(graph_rules()[r].id)); it != out.end()) it->second = per[r];
  return out;
}

std::optional<severity> graph_report::worst() const {
  std::optional<severity> w;
  for (const auto& f : compact) {
    const auto s = graph_rules()[f.rule].severity;
    if (!w || s > *w) w = s;
    if (*w == severity::violation) break;
  }
  return w;
}

}  // namespace v1
}  // namespace dpa
