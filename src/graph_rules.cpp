// The graph rules of graph-format.md, each in linear time over the CSR graph.
#include <dpa/graph.hpp>

#include <algorithm>
#include <iterator>
#include <span>
#include <thread>

#include <fmt/format.h>

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
        {"breach/unbounded", severity::warning, "An agreement without a breach notice bound", "Art. 33(2) GDPR", detail::gdpr,
         "An agreement that does not bound how long the processor may take to report a breach leaves every chain "
         "through it without a determined latency.",
         "Give the agreement a breach_notice in hours.", "", ""},
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
    for (auto id : {"transfer/derogation", "transfer/missing-mechanism", "transfer/obsolete-mechanism",
                    "transfer/scc-module"}) {
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
  r_chain_budget, r_unbounded, r_leak, r_cycle, r_notice, r_retention, r_derogation, r_missing, r_obsolete, r_scc_module
};

bool on(date d, std::string_view from, std::string_view until = {}) {
  if (!from.empty() && d < *parse_date(from)) return false;
  if (!until.empty() && d > *parse_date(until)) return false;
  return true;
}

}  // namespace

const std::vector<rule_info>& graph_rule_catalogue() { return graph_rules(); }

graph_report evaluate_graph(const graph& g, const graph_options& options, const knowledge& kb) {
  const date as_of = options.as_of ? *options.as_of : g.as_of ? *g.as_of : today();
  const std::int64_t budget = options.breach_budget_hours ? *options.breach_budget_hours
                              : g.breach_budget_hours ? *g.breach_budget_hours
                                                      : 72;
  const auto n_org = static_cast<std::uint32_t>(g.organisations.size());
  const auto n_ag = static_cast<std::uint32_t>(g.agreements.size());
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

  // Roots: client of at least one agreement, processor of none (a self-loop makes a processor).
  std::vector<std::uint8_t> is_client(n_org, 0);
  for (const auto& a : g.agreements) is_client[a.client] = 1;
  auto incoming_count = [&](std::uint32_t o) { return g.incoming_offsets[o + 1] - g.incoming_offsets[o]; };
  auto is_root = [&](std::uint32_t o) { return is_client[o] && incoming_count(o) == 0; };

  // Outgoing edges per client, with each edge's processor and breach bound beside it, so the
  // passes below read memory in order instead of chasing agreement records.
  std::vector<std::uint32_t> out_offsets(n_org + 1, 0), out_list(n_ag), out_target(n_ag);
  std::vector<std::int64_t> out_breach(n_ag);
  for (const auto& a : g.agreements) ++out_offsets[a.client + 1];
  for (std::uint32_t o = 0; o < n_org; ++o) out_offsets[o + 1] += out_offsets[o];
  {
    std::vector<std::uint32_t> fill(out_offsets.begin(), out_offsets.end() - 1);
    for (std::uint32_t i = 0; i < n_ag; ++i) {
      auto k = fill[g.agreements[i].client]++;
      out_list[k] = i;
      out_target[k] = g.agreements[i].processor;
      out_breach[k] = g.agreements[i].breach_hours;
    }
  }

  // The rules fall into three independent passes, each writing its own compact
  // findings; with threads they run side by side. The findings are sorted at the
  // end, so the output is the same either way.
  auto transfer_pass = [&](std::vector<graph_finding>& into) {
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
    // The dpf mechanism rests on the DPF adequacy decision (Implementing Decision (EU) 2023/1795, in
    // force from 2023-07-10): valid while the knowledge base says the decision holds.
    const bool dpf_decision = std::any_of(kb.adequacy().begin(), kb.adequacy().end(), [&](const adequacy_decision& d) {
      return d.country == "US" && d.tool == tool_kind::dpf && d.validity.holds_on(as_of);
    });
    const bool scc2021 = on(as_of, "2021-06-27"), scc2010 = on(as_of, {}, "2022-12-26"),
               privacy_shield = on(as_of, "2016-08-01", "2020-07-15"), safe_harbor = on(as_of, {}, "2015-10-05");
    constexpr auto bit = [](graph_mechanism m) { return static_cast<std::uint16_t>(m); };
    constexpr std::uint16_t sccs = bit(graph_mechanism::scc2021_m1) | bit(graph_mechanism::scc2021_m2) |
                                   bit(graph_mechanism::scc2021_m3) | bit(graph_mechanism::scc2021_m4);
    constexpr std::uint16_t obsolete =
        bit(graph_mechanism::scc2010) | bit(graph_mechanism::privacy_shield) | bit(graph_mechanism::safe_harbor);
    const bool any_transfer_rule = selected(r_scc_module) || selected(r_obsolete) || selected(r_derogation) || selected(r_missing);
    for (std::uint32_t i = 0; any_transfer_rule && i < n_ag; ++i) {
      const auto& a = g.agreements[i];
      if (adequate_for(a.processor)) continue;
      const auto& p = g.organisations[a.processor];
      const std::uint16_t m = a.mechanisms;
      const bool client_root = is_root(a.client);
      const bool valid = ((m & bit(graph_mechanism::scc2021_m2)) && client_root && scc2021) ||
                         ((m & bit(graph_mechanism::scc2021_m3)) && !client_root && scc2021) ||
                         ((m & bit(graph_mechanism::dpf)) && g.country_of(a.processor) == "US" &&
                          (p.certifications & graph::cert_dpf) && dpf_decision) ||
                         ((m & bit(graph_mechanism::bcr_p)) && (p.certifications & graph::cert_bcr_p)) ||
                         ((m & bit(graph_mechanism::scc2010)) && scc2010) ||
                         ((m & bit(graph_mechanism::privacy_shield)) && privacy_shield) ||
                         ((m & bit(graph_mechanism::safe_harbor)) && safe_harbor);
      if (valid) continue;
      const rule_index r = (m & sccs)                                    ? r_scc_module
                           : (m & obsolete)                              ? r_obsolete
                           : (m & bit(graph_mechanism::art49_derogation)) ? r_derogation
                                                                         : r_missing;
      if (selected(r)) into.push_back({r, false, i});
    }
    // 2. Unbounded breach notices.
    for (std::uint32_t i = 0; selected(r_unbounded) && i < n_ag; ++i)
      if (g.agreements[i].breach_hours == graph::none) into.push_back({r_unbounded, false, i});
  };

  auto chain_pass = [&](std::vector<graph_finding>& into) {
    // 7. Cycles: iterative Tarjan over client -> processor edges.
    constexpr std::uint32_t unvisited = UINT32_MAX;
    std::vector<std::uint32_t> index(n_org, unvisited), low(n_org, 0);
    std::vector<std::uint8_t> on_stack(n_org, 0), cyclic(n_org, 0);
    std::vector<std::uint32_t> stack;
    struct call {
      std::uint32_t org, next;
    };
    std::vector<call> calls;
    std::uint32_t counter = 0;
    for (std::uint32_t root = 0; root < n_org; ++root) {
      if (index[root] != unvisited) continue;
      calls.push_back({root, out_offsets[root]});
      index[root] = low[root] = counter++;
      stack.push_back(root);
      on_stack[root] = 1;
      while (!calls.empty()) {
        auto& c = calls.back();
        if (c.next < out_offsets[c.org + 1]) {
          std::uint32_t w = out_target[c.next++];
          if (index[w] == unvisited) {
            index[w] = low[w] = counter++;
            stack.push_back(w);
            on_stack[w] = 1;
            calls.push_back({w, out_offsets[w]});
          } else if (on_stack[w]) {
            low[c.org] = std::min(low[c.org], index[w]);
          }
          continue;
        }
        std::uint32_t v = c.org;
        calls.pop_back();
        if (!calls.empty()) low[calls.back().org] = std::min(low[calls.back().org], low[v]);
        if (low[v] == index[v]) {
          const auto begin = stack.size();
          std::size_t top = stack.size();
          while (stack[--top] != v) {
          }
          const auto size = static_cast<std::uint32_t>(begin - top);
          for (auto k = top; k < begin; ++k) on_stack[stack[k]] = 0;
          if (size > 1) {
            // (put in id order, the order the finding names them, only when its text is made)
            const auto members = std::span(stack).subspan(top);
            for (auto m : members) cyclic[m] = 1;
            if (selected(r_cycle)) {
              graph_finding f{r_cycle, true, static_cast<std::uint32_t>(out.components.size())};
              out.components.push_back(size);
              out.components.insert(out.components.end(), members.begin(), members.end());
              f.value = *std::min_element(members.begin(), members.end());  // its position, for sorting
              into.push_back(f);
            }
          }
          stack.resize(top);
        }
      }
    }
    for (std::uint32_t i = 0; i < n_ag; ++i) {
      const auto& a = g.agreements[i];
      if (a.client != a.processor) continue;
      cyclic[a.client] = 1;
      if (selected(r_cycle)) into.push_back({r_cycle, false, i});
    }

    // 3. Chain latency. Tainted: on a cycle or reachable from one; their chains are undetermined.
    std::vector<std::uint8_t> tainted(std::move(cyclic));
    {
      std::vector<std::uint32_t> work;
      for (std::uint32_t o = 0; o < n_org; ++o)
        if (tainted[o]) work.push_back(o);
      while (!work.empty()) {
        auto o = work.back();
        work.pop_back();
        for (auto k = out_offsets[o]; k < out_offsets[o + 1]; ++k) {
          auto p = out_target[k];
          if (!tainted[p]) {
            tainted[p] = 1;
            work.push_back(p);
          }
        }
      }
    }
    constexpr std::int64_t undetermined = -1;
    std::vector<std::int64_t> latency(n_ag, undetermined);   // L(a)
    std::vector<std::uint32_t> critical(n_org, UINT32_MAX);  // the incoming agreement giving that max
    {
      // Kahn's order over untainted organisations (their ancestors are untainted too).
      std::vector<std::uint32_t> pending(n_org, 0), ready;
      for (std::uint32_t o = 0; o < n_org; ++o) {
        if (tainted[o]) continue;
        pending[o] = incoming_count(o);
        if (pending[o] == 0) ready.push_back(o);
      }
      while (!ready.empty()) {
        auto o = ready.back();
        ready.pop_back();
        std::int64_t best = 0;
        bool known = true;
        for (auto k = g.incoming_offsets[o]; k < g.incoming_offsets[o + 1]; ++k) {
          auto f = g.incoming[k];
          if (latency[f] == undetermined) {
            known = false;
            break;
          }
          if (latency[f] > best || critical[o] == UINT32_MAX) {
            if (latency[f] >= best) critical[o] = f;
            best = std::max(best, latency[f]);
          }
        }
        for (auto k = out_offsets[o]; k < out_offsets[o + 1]; ++k) {
          if (known && out_breach[k] != graph::none) latency[out_list[k]] = out_breach[k] + best;
          auto p = out_target[k];
          if (!tainted[p] && --pending[p] == 0) ready.push_back(p);
        }
      }
    }
    for (std::uint32_t i = 0; i < n_ag; ++i) {
      if (latency[i] == undetermined) {
        ++out.undetermined;
        continue;
      }
      if (latency[i] <= budget || !selected(r_chain_budget)) continue;
      // the critical path, from this agreement up to the controller (the first 32 hops)
      graph_finding f{r_chain_budget, false, i};
      f.value = latency[i];
      f.limit = budget;
      f.path = static_cast<std::uint32_t>(out.paths.size());
      out.paths.push_back(0);
      out.paths.push_back(i);
      for (auto o = g.agreements[i].client; critical[o] != UINT32_MAX && out.paths.size() - f.path < 33;
           o = g.agreements[critical[o]].client)
        out.paths.push_back(critical[o]);
      out.paths[f.path] = static_cast<std::uint32_t>(out.paths.size() - f.path - 1);
      into.push_back(f);
    }
  };

  auto flow_pass = [&](std::vector<graph_finding>& into) {
    // 4-6. Flow-down, per client that is not a root, from its incoming agreements.
    std::vector<std::int64_t> min_retention(g.category_names.size(), -1);  // per category, scratch
    std::vector<std::uint8_t> carried(g.category_names.size(), 0);
    std::vector<std::uint32_t> touched;
    if (!selected(r_notice) && !selected(r_retention) && !selected(r_leak)) return;
    for (std::uint32_t c = 0; c < n_org; ++c) {
      if (out_offsets[c] == out_offsets[c + 1] || incoming_count(c) == 0) continue;  // not a client, or a root
      std::int64_t max_notice = graph::none;
      touched.clear();
      for (auto k = g.incoming_offsets[c]; k < g.incoming_offsets[c + 1]; ++k) {
        const auto& f = g.agreements[g.incoming[k]];
        max_notice = std::max(max_notice, f.change_hours);
        for (auto x = f.categories_begin; x < f.categories_end; ++x) {
          auto cat = g.category_lists[x];
          if (!carried[cat]) touched.push_back(cat);
          carried[cat] = 1;
        }
        for (auto x = f.retention_begin; x < f.retention_end; ++x) {
          auto [cat, hours] = g.retention_lists[x];
          // only categories the incoming agreement carries count
          if (!std::binary_search(g.category_lists.begin() + f.categories_begin,
                                  g.category_lists.begin() + f.categories_end, cat))
            continue;
          if (min_retention[cat] == -1 || hours < min_retention[cat]) {
            if (min_retention[cat] == -1 && !carried[cat]) touched.push_back(cat);
            min_retention[cat] = hours;
          }
        }
      }
      for (auto k = out_offsets[c]; k < out_offsets[c + 1]; ++k) {
        auto i = out_list[k];
        const auto& a = g.agreements[i];
        if (selected(r_notice) && max_notice != graph::none && (a.change_hours == graph::none || a.change_hours < max_notice)) {
          graph_finding f{r_notice, false, i};
          f.value = a.change_hours;
          f.limit = max_notice;
          into.push_back(f);
        }
        for (auto x = a.categories_begin; selected(r_leak) && x < a.categories_end; ++x) {
          auto cat = g.category_lists[x];
          if (!carried[cat]) {
            graph_finding f{r_leak, false, i};
            f.category = cat;
            into.push_back(f);
          }
        }
        for (auto x = a.retention_begin; selected(r_retention) && x < a.retention_end; ++x) {
          auto [cat, hours] = g.retention_lists[x];
          if (!std::binary_search(g.category_lists.begin() + a.categories_begin,
                                  g.category_lists.begin() + a.categories_end, cat))
            continue;
          if (min_retention[cat] != -1 && hours > min_retention[cat]) {
            graph_finding f{r_retention, false, i};
            f.category = cat;
            f.value = hours;
            f.limit = min_retention[cat];
            into.push_back(f);
          }
        }
      }
      for (auto cat : touched) {
        carried[cat] = 0;
        min_retention[cat] = -1;
      }
    }
  };

  std::vector<graph_finding> parts[3];
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
  out.compact.reserve(parts[0].size() + parts[1].size() + parts[2].size());
  for (auto& p : parts) out.compact.insert(out.compact.end(), p.begin(), p.end());
  // By rule, then where in the file: agreements before organisations (as their pointers sort), then category.
  auto position = [](const graph_finding& f) {
    return std::tuple(f.rule, f.on_organisations, f.on_organisations ? static_cast<std::uint32_t>(f.value) : f.subject,
                      f.category);
  };
  std::sort(out.compact.begin(), out.compact.end(),
            [&](const graph_finding& x, const graph_finding& y) { return position(x) < position(y); });
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
    case r_unbounded: f.message = fmt::format("agreement `{}` has no breach notice bound", a.id); break;
    case r_cycle: f.message = fmt::format("agreement `{}`: `{}` engages itself", a.id, client); break;
    case r_chain_budget:
      f.message = fmt::format("agreement `{}`: a breach may reach the controller after {}h, over the {}h budget", a.id,
                              c.value, c.limit);
      for (std::uint32_t k = 2; k <= paths[c.path]; ++k) f.evidence.push_back({ag_ptr(paths[c.path + k]), {}});
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
