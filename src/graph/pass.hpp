// What the graph rule passes share. Each pass (pass_transfer.cpp, pass_chain.cpp,
// pass_flow.cpp) defines its rules (text, examples, message) and the walk that
// finds them; evaluate.cpp runs the passes, side by side with threads, sorts what
// they found and makes each finding's text.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <dpa/graph.hpp>

#include "graph/huge_pages.hpp"

namespace dpa {
inline namespace v1 {

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

}  // namespace v1
}  // namespace dpa

namespace dpa::detail {

/// A rule's index in graph_rule_catalogue(), as graph_finding::rule holds it.
using rule_index = std::uint16_t;

/// One graph rule as its pass defines it.
struct graph_rule_def {
  /// Its text; a rule whose id is a document rule's (the transfer rules,
  /// breach/unbounded) gives only the id (shared_text) and shares that rule's text.
  rule_info info;
  graph_rule_example example;
  /// Fills `f.message` (and evidence beyond the agreement's own) of a compact finding.
  void (*describe)(const graph& g, const graph_report& r, const graph_finding& c, finding& f);
};

/// The text of a graph rule that is also a document rule: its id alone.
constexpr rule_info shared_text(std::string_view id) {
  rule_info r{};
  r.id = id;
  return r;
}

/// The rules each pass defines.
std::span<const graph_rule_def> transfer_pass_rules();
std::span<const graph_rule_def> chain_pass_rules();
std::span<const graph_rule_def> flow_pass_rules();

/// The rule definitions in catalogue order (sorted by id), and an id's index.
const std::vector<const graph_rule_def*>& graph_rule_defs();
rule_index graph_rule_index(std::string_view id);

using finding_sink = huge_page_vector<graph_finding>;

/// What every pass reads: the graph, the evaluation's settings, which rules run,
/// and the workspace's buffers; a pass writes its findings to its own sink.
struct graph_pass {
  const graph& g;
  const knowledge& kb;
  date as_of;
  std::int64_t budget;  ///< hours
  const std::vector<std::uint8_t>& on_rule;
  graph_workspace::buffers& ws;
  graph_report& out;  ///< the chain pass fills undetermined, critical and components

  [[nodiscard]] bool selected(rule_index r) const { return on_rule[r] != 0; }
  /// Positions (in graph::incoming) of organisation o's incoming agreements.
  [[nodiscard]] std::pair<std::uint32_t, std::uint32_t> positions(std::uint32_t o) const {
    return {g.incoming.offsets[o], g.incoming.offsets[o + 1]};
  }
  [[nodiscard]] bool is_root(std::uint32_t o) const { return ws.root[o] != 0; }
  /// Position k's categories (sorted).
  [[nodiscard]] std::span<const std::uint32_t> categories_at(std::uint32_t k) const {
    const auto& in = g.incoming;
    return std::span(g.category_lists).subspan(in.category_offsets[k], in.category_offsets[k + 1] - in.category_offsets[k]);
  }
  /// f(category, hours) for position k's retention of the categories it carries, in category order.
  template <class F>
  void for_each_retention(std::uint32_t k, F&& f) const {
    const auto& in = g.incoming;
    const auto cats = categories_at(k);
    auto ci = cats.begin();
    for (auto x = in.retention_offsets[k]; x < in.retention_offsets[k + 1]; ++x) {
      const auto [cat, hours] = g.retention_lists[x];
      while (ci != cats.end() && *ci < cat) ++ci;
      if (ci != cats.end() && *ci == cat) f(cat, hours);
    }
  }
};

void transfer_pass(const graph_pass& p, finding_sink& into);
void chain_pass(const graph_pass& p, finding_sink& into);
void flow_pass(const graph_pass& p, finding_sink& into);

/// "`mail` "Mailer GmbH" (DE) for `crm`": an agreement's processor, its country and its client.
std::string processor_phrase(const graph& g, const graph::agreement& a);
std::string agreement_pointer(std::uint32_t i);

}  // namespace dpa::detail
