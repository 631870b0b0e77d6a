// The graph rules of graph-format.md, each in linear time over the CSR graph.
#include <dpa/graph.hpp>

#include <algorithm>
#include <iterator>
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
  auto selected = [&](std::string_view id) { return detail::selected(id, options.enable, options.disable); };
  auto info = [&](std::string_view id) -> const rule_info& {
    for (const auto& r : graph_rules())
      if (r.id == id) return r;
    return graph_rules().front();
  };
  for (const auto& r : graph_rules())
    if (selected(r.id)) rep.rules_run.push_back(r.id);
  auto emit_into = [&](std::vector<finding>& into, std::string_view id, std::string subject, std::string message,
                       std::vector<evidence> ev, std::optional<severity> sev = std::nullopt) {
    if (!selected(id)) return;
    const auto& r = info(id);
    finding f;
    f.rule = r.id;
    f.severity = sev ? *sev : r.severity;
    f.subject = std::move(subject);
    f.message = std::move(message);
    f.evidence = std::move(ev);
    f.reference = r.reference;
    f.fingerprint = detail::fingerprint_of(f);
    into.push_back(std::move(f));
  };
  auto ag_ptr = [](std::uint32_t i) { return fmt::format("/agreements/{}", i); };
  auto org_name = [&](std::uint32_t o) { return std::string(g.organisations[o].id); };

  // Roots: client of at least one agreement, processor of none (a self-loop makes a processor).
  std::vector<std::uint8_t> is_client(n_org, 0);
  for (const auto& a : g.agreements) is_client[a.client] = 1;
  auto incoming_count = [&](std::uint32_t o) { return g.incoming_offsets[o + 1] - g.incoming_offsets[o]; };
  auto is_root = [&](std::uint32_t o) { return is_client[o] && incoming_count(o) == 0; };

  // Outgoing edges per client, with each edge's processor beside it so the
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
  // The rules fall into three independent passes, each writing its own findings;
  // with threads they run side by side. Findings are sorted at the end, so the
  // output is the same either way.
  auto transfer_pass = [&](std::vector<finding>& into) {
    auto emit = [&](std::string_view id, std::string subject, std::string message, std::vector<evidence> ev) {
      emit_into(into, id, std::move(subject), std::move(message), std::move(ev));
    };
  // 1. Transfers.
  // Whether a processor's country (with or without DPF) needs no tool: asked once per country.
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
  const bool transfer_rules = selected("transfer/scc-module") || selected("transfer/obsolete-mechanism") ||
                              selected("transfer/derogation") || selected("transfer/missing-mechanism");
  for (std::uint32_t i = 0; transfer_rules && i < n_ag; ++i) {
    const auto& a = g.agreements[i];
    const auto& p = g.organisations[a.processor];
    bool dpf_cert = p.certifications & graph::cert_dpf;
    if (adequate_for(a.processor)) continue;
    auto has = [&](graph_mechanism m) { return (a.mechanisms & static_cast<std::uint16_t>(m)) != 0; };
    bool client_root = is_root(a.client);
    bool us = g.country_of(a.processor) == "US";
    bool valid = (has(graph_mechanism::scc2021_m2) && client_root && on(as_of, "2021-06-27")) ||
                 (has(graph_mechanism::scc2021_m3) && !client_root && on(as_of, "2021-06-27")) ||
                 (has(graph_mechanism::dpf) && us && dpf_cert && dpf_decision) ||
                 (has(graph_mechanism::bcr_p) && (p.certifications & graph::cert_bcr_p)) ||
                 (has(graph_mechanism::scc2010) && on(as_of, {}, "2022-12-26")) ||
                 (has(graph_mechanism::privacy_shield) && on(as_of, "2016-08-01", "2020-07-15")) ||
                 (has(graph_mechanism::safe_harbor) && on(as_of, {}, "2015-10-05"));
    if (valid) continue;
    auto any = [&](std::initializer_list<graph_mechanism> ms) {
      return std::any_of(ms.begin(), ms.end(), [&](graph_mechanism m) { return has(m); });
    };
    const auto country = g.country_of(a.processor);
    std::string where = fmt::format("`{}`{} ({}) for `{}`", p.id,
                                    p.name.empty() || p.name == p.id ? std::string() : fmt::format(" \"{}\"", p.name),
                                    country == "ZZ" ? "country not known" : country, g.organisations[a.client].id);
    if (any({graph_mechanism::scc2021_m1, graph_mechanism::scc2021_m2, graph_mechanism::scc2021_m3, graph_mechanism::scc2021_m4}))
      emit("transfer/scc-module", std::string(a.id),
           fmt::format("agreement `{}`: the SCC module listed does not fit {}", a.id, where), {{ag_ptr(i), {}}});
    else if (any({graph_mechanism::scc2010, graph_mechanism::privacy_shield, graph_mechanism::safe_harbor}))
      emit("transfer/obsolete-mechanism", std::string(a.id),
           fmt::format("agreement `{}` relies on a tool no longer valid for {}", a.id, where), {{ag_ptr(i), {}}});
    else if (any({graph_mechanism::art49_derogation}))
      emit("transfer/derogation", std::string(a.id), fmt::format("agreement `{}` rests on an Art. 49 derogation for {}", a.id, where),
           {{ag_ptr(i), {}}});
    else
      emit("transfer/missing-mechanism", std::string(a.id), fmt::format("agreement `{}` has no valid transfer tool for {}", a.id, where),
           {{ag_ptr(i), {}}});
  }

  // 2. Unbounded breach notices.
  for (std::uint32_t i = 0; i < n_ag; ++i)
    if (g.agreements[i].breach_hours == graph::none)
      emit("breach/unbounded", std::string(g.agreements[i].id),
           fmt::format("agreement `{}` has no breach notice bound", g.agreements[i].id), {{ag_ptr(i), {}}});

  };

  auto chain_pass = [&](std::vector<finding>& into) {
    auto emit = [&](std::string_view id, std::string subject, std::string message, std::vector<evidence> ev) {
      emit_into(into, id, std::move(subject), std::move(message), std::move(ev));
    };
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
  std::vector<std::vector<std::uint32_t>> big_components;
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
        std::vector<std::uint32_t> members;
        std::uint32_t w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = 0;
          members.push_back(w);
        } while (w != v);
        if (members.size() > 1) {
          for (auto m : members) cyclic[m] = 1;
          big_components.push_back(std::move(members));
        }
      }
    }
  }
  for (auto& members : big_components) {
    std::vector<std::string_view> ids;
    for (auto m : members) ids.push_back(g.organisations[m].id);
    std::sort(ids.begin(), ids.end());
    std::vector<evidence> ev;
    std::sort(members.begin(), members.end(), [&](auto x, auto y) { return g.organisations[x].id < g.organisations[y].id; });
    for (auto m : members) ev.push_back({fmt::format("/organisations/{}", m), {}});
    emit("graph/cycle", fmt::format("{}", fmt::join(ids, ",")),
         fmt::format("organisations engage each other in a cycle: {}", fmt::join(ids, ", ")), std::move(ev));
  }
  for (std::uint32_t i = 0; i < n_ag; ++i) {
    const auto& a = g.agreements[i];
    if (a.client != a.processor) continue;
    cyclic[a.client] = 1;
    emit("graph/cycle", std::string(a.id), fmt::format("agreement `{}`: `{}` engages itself", a.id, org_name(a.client)),
         {{ag_ptr(i), {}}});
  }

  // 3. Chain latency. Tainted: on a cycle or reachable from one; their chains are undetermined.
  std::vector<std::uint8_t> tainted(cyclic);
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
  std::vector<std::int64_t> latency(n_ag, undetermined);     // L(a)
  std::vector<std::uint32_t> critical(n_org, UINT32_MAX);    // the incoming agreement giving that max
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
  const bool chain_rule = selected("breach/chain-budget");
  for (std::uint32_t i = 0; i < n_ag; ++i) {
    if (latency[i] == undetermined) {
      ++out.undetermined;
      continue;
    }
    if (latency[i] <= budget || !chain_rule) continue;
    // the critical path, from this agreement up to the controller (the first 32 hops)
    std::vector<evidence> path{{ag_ptr(i), {}}};
    for (auto o = g.agreements[i].client; critical[o] != UINT32_MAX && path.size() < 32; o = g.agreements[critical[o]].client)
      path.push_back({ag_ptr(critical[o]), {}});
    emit("breach/chain-budget", std::string(g.agreements[i].id),
         fmt::format("agreement `{}`: a breach may reach the controller after {}h, over the {}h budget", g.agreements[i].id,
                     latency[i], budget),
         std::move(path));
  }

  };

  auto flow_pass = [&](std::vector<finding>& into) {
    auto emit = [&](std::string_view id, std::string subject, std::string message, std::vector<evidence> ev) {
      emit_into(into, id, std::move(subject), std::move(message), std::move(ev));
    };
  // 4-6. Flow-down, per client that is not a root, from its incoming agreements.
  std::vector<std::int64_t> min_retention;  // per category, scratch
  std::vector<std::uint32_t> touched;
  std::vector<std::uint8_t> carried;
  min_retention.assign(g.category_names.size(), -1);
  carried.assign(g.category_names.size(), 0);
  const bool flow_rules = selected("notice/flowdown") || selected("retention/flowdown") || selected("categories/leak");
  for (std::uint32_t c = 0; flow_rules && c < n_org; ++c) {
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
        if (!std::binary_search(g.category_lists.begin() + f.categories_begin, g.category_lists.begin() + f.categories_end, cat))
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
      if (max_notice != graph::none && (a.change_hours == graph::none || a.change_hours < max_notice))
        emit("notice/flowdown", std::string(a.id),
             a.change_hours == graph::none
                 ? fmt::format("agreement `{}` gives no change notice; `{}` promised {}h upstream", a.id, org_name(c), max_notice)
                 : fmt::format("agreement `{}` gives {}h change notice; `{}` promised {}h upstream", a.id, a.change_hours,
                               org_name(c), max_notice),
             {{ag_ptr(i), {}}});
      for (auto x = a.categories_begin; x < a.categories_end; ++x) {
        auto cat = g.category_lists[x];
        if (!carried[cat])
          emit("categories/leak", fmt::format("{}:{}", a.id, g.category_names[cat]),
               fmt::format("agreement `{}` passes on `{}`, which no agreement gives `{}`", a.id, g.category_names[cat], org_name(c)),
               {{ag_ptr(i), {}}});
      }
      for (auto x = a.retention_begin; x < a.retention_end; ++x) {
        auto [cat, hours] = g.retention_lists[x];
        if (!std::binary_search(g.category_lists.begin() + a.categories_begin, g.category_lists.begin() + a.categories_end, cat))
          continue;
        if (min_retention[cat] != -1 && hours > min_retention[cat])
          emit("retention/flowdown", fmt::format("{}:{}", a.id, g.category_names[cat]),
               fmt::format("agreement `{}` keeps `{}` for {}h; `{}` may keep it only {}h", a.id, g.category_names[cat], hours,
                           org_name(c), min_retention[cat]),
               {{ag_ptr(i), {}}});
      }
    }
    for (auto cat : touched) {
      carried[cat] = 0;
      min_retention[cat] = -1;
    }
  }
  };

  std::vector<finding> parts[3];
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
  rep.findings.reserve(parts[0].size() + parts[1].size() + parts[2].size());
  for (auto& p : parts) std::move(p.begin(), p.end(), std::back_inserter(rep.findings));
  std::stable_sort(rep.findings.begin(), rep.findings.end(), [](const finding& a, const finding& b) {
    return std::tie(a.rule, a.subject) < std::tie(b.rule, b.subject);
  });
  return out;
}

}  // namespace v1
}  // namespace dpa
