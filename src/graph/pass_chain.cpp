// The chain pass: breach-notice latency from each controller down its chains
// (Kahn's walk), then cycles among what that walk could not order (Tarjan).
#include "graph/pass.hpp"

#include <algorithm>
#include <bit>
#include <span>

#include <fmt/format.h>

#include "rules/rule.hpp"

namespace dpa::detail {

namespace {

void describe_chain_budget(const graph& g, const graph_report& r, const graph_finding& c, finding& f) {
  const auto& a = g.agreements[c.subject];
  f.message = fmt::format("agreement `{}`: a breach may reach the controller after {}h, over the {}h budget", a.id,
                          c.value, c.limit);
  {
    const auto path = r.critical_path(g, c);
    for (std::size_t k = 1; k < path.size(); ++k) f.evidence.push_back({agreement_pointer(path[k]), {}});
  }
}

void describe_cycle(const graph& g, const graph_report& r, const graph_finding& c, finding& f) {
  if (c.on_organisations) {  // a cycle of several organisations, named in id order
    const auto n = r.components[c.subject];
    std::vector<std::uint32_t> members(r.components.begin() + c.subject + 1, r.components.begin() + c.subject + 1 + n);
    std::sort(members.begin(), members.end(), [&](auto x, auto y) { return g.organisations[x].id < g.organisations[y].id; });
    std::vector<std::string_view> ids;
    for (const auto o : members) {
      ids.push_back(g.organisations[o].id);
      f.evidence.push_back({fmt::format("/organisations/{}", o), {}});
    }
    f.subject = fmt::format("{}", fmt::join(ids, ","));
    f.message = fmt::format("organisations engage each other in a cycle: {}", fmt::join(ids, ", "));
    return;
  }
  const auto& a = g.agreements[c.subject];
  f.message = fmt::format("agreement `{}`: `{}` engages itself", a.id, g.organisations[a.client].id);
}

constexpr graph_rule_def chain_rules[] = {
    {{"breach/chain-budget", severity::violation, "Breach notices along a chain exceed the budget",
      "Art. 33(1) and (2) GDPR", detail::gdpr,
      "Each processor may take its own breach_notice to tell its client; along a chain from a controller down to "
      "the sub-processor where a breach happens, these add up. If the sum exceeds the controller's budget "
      "(72 hours by default), the controller learns too late to notify its authority in time.",
      "Shorten breach_notice somewhere along the critical path shown in the evidence.", "", ""},
     {R"({"agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "48h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "48h", "change_notice": "30d", "retention": {"contact": "30d"}}]})",
      R"({"agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "48h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "12h", "change_notice": "30d", "retention": {"contact": "30d"}}]})"},
     describe_chain_budget},
    {{"graph/cycle", severity::violation, "Organisations engage each other in a cycle", "Art. 28(2) and (4) GDPR", detail::gdpr,
      "A chain of processing agreements that comes back to where it started has no controller at its top for "
      "the organisations on it: instructions, notices and liability have no end point.",
      "Break the cycle: one of the agreements on it is not a sub-processing agreement.", "", ""},
     {R"({"agreements": [{"id": "shop-crm", "client": "shop", "processor": "crm", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "crm-mail", "client": "crm", "processor": "mail", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}, {"id": "mail-crm", "client": "mail", "processor": "crm", "categories": ["contact"], "breach_notice": "24h", "change_notice": "30d", "retention": {"contact": "30d"}}]})",
      R"({})"},
     describe_cycle},
};

}  // namespace

std::span<const graph_rule_def> chain_pass_rules() { return chain_rules; }

void chain_pass(const graph_pass& pass, finding_sink& into) {
  const graph& g = pass.g;
  const std::int64_t budget = pass.budget;
  const auto& in = g.incoming;
  const auto n_org = static_cast<std::uint32_t>(g.organisations.size());
  const auto n_ag = static_cast<std::uint32_t>(g.agreements.size());
  auto& ws = pass.ws;
  auto& out = pass.out;
  const rule_index r_chain_budget = graph_rule_index("breach/chain-budget");
  const rule_index r_cycle = graph_rule_index("graph/cycle");
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
        if (l > budget && pass.selected(r_chain_budget)) {
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
      for (auto [k, end] = pass.positions(o); k < end; ++k) {
        const auto client = in.client[k];
        if (client == o && pass.selected(r_cycle)) into.push_back({r_cycle, false, in.agreement[k]});
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
      if (members.size() > 1 && pass.selected(r_cycle)) {
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
}

}  // namespace dpa::detail
