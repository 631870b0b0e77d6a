// The graph's indexes: its agreements grouped by processor and by client, with
// the fields the rules read side by side (graph::incoming, graph::outgoing).
#include <dpa/graph.hpp>

#include <algorithm>
#include <utility>

#include "graph/huge_pages.hpp"

namespace dpa {
inline namespace v1 {

using detail::reserve_huge;

graph::graph() = default;
graph::graph(graph&&) noexcept = default;
graph& graph::operator=(graph&&) noexcept = default;
graph::~graph() = default;

using detail::prefer_huge_pages;
using detail::reserve_huge;

void graph::reindex() {
  const auto n_org = organisations.size(), n_ag = agreements.size();
  incoming_index in;
  outgoing_index out;
  in.offsets.assign(n_org + 1, 0);
  out.offsets.assign(n_org + 1, 0);
  for (const auto& a : agreements) {
    ++in.offsets[a.processor + 1];
    ++out.offsets[a.client + 1];
  }
  for (std::size_t o = 0; o < n_org; ++o) {
    in.offsets[o + 1] += in.offsets[o];
    out.offsets[o + 1] += out.offsets[o];
  }
  reserve_huge(in.agreement, n_ag, true);
  in.agreement.resize(n_ag);
  {
    std::vector<std::uint32_t> fill(in.offsets.begin(), in.offsets.end() - 1);
    for (std::uint32_t i = 0; i < n_ag; ++i) in.agreement[fill[agreements[i].processor]++] = i;
  }
  // Gather each position's fields, and the lists in the same order; the
  // agreement records are prefetched some positions ahead, their lists half as
  // far. The outgoing entries are scattered by client as the positions pass.
  reserve_huge(in.client, n_ag, true);
  reserve_huge(in.mechanisms, n_ag, true);
  reserve_huge(in.change_hours, n_ag, true);
  reserve_huge(in.category_offsets, n_ag + 1, true);
  reserve_huge(in.retention_offsets, n_ag + 1, true);
  out.agreement = detail::huge_vector<std::uint32_t>(n_ag);
  out.processor = detail::huge_vector<std::uint32_t>(n_ag);
  out.breach_hours = detail::huge_vector<std::int64_t>(n_ag);
  std::vector<std::uint32_t> fill(out.offsets.begin(), out.offsets.end() - 1);
  std::vector<std::uint32_t> categories;
  std::vector<std::pair<std::uint32_t, std::int64_t>> retention;
  reserve_huge(categories, category_lists.size(), true);
  reserve_huge(retention, retention_lists.size(), true);
  constexpr std::size_t ahead = detail::prefetch_ahead;
  std::size_t k = 0;
  for (std::uint32_t o = 0; o < n_org; ++o) {
    for (const auto end = in.offsets[o + 1]; k < end; ++k) {
      if (k + ahead < n_ag) detail::prefetch(&agreements[in.agreement[k + ahead]]);
      if (k + ahead / 2 < n_ag) {
        const auto& next = agreements[in.agreement[k + ahead / 2]];
        if (next.categories_begin < category_lists.size()) detail::prefetch(&category_lists[next.categories_begin]);
        if (next.retention_begin < retention_lists.size()) detail::prefetch(&retention_lists[next.retention_begin]);
        detail::prefetch(&fill[next.client]);
      }
      const auto i = in.agreement[k];
      auto& a = agreements[i];
      in.client.push_back(a.client);
      in.mechanisms.push_back(a.mechanisms);
      in.change_hours.push_back(a.change_hours);
      const auto j = fill[a.client]++;
      out.agreement[j] = i;
      out.processor[j] = o;
      out.breach_hours[j] = a.breach_hours;
      const auto cats = static_cast<std::uint32_t>(categories.size());
      const auto rets = static_cast<std::uint32_t>(retention.size());
      in.category_offsets.push_back(cats);
      in.retention_offsets.push_back(rets);
      categories.insert(categories.end(), category_lists.begin() + a.categories_begin,
                        category_lists.begin() + a.categories_end);
      retention.insert(retention.end(), retention_lists.begin() + a.retention_begin,
                       retention_lists.begin() + a.retention_end);
      a.categories_begin = cats;
      a.categories_end = static_cast<std::uint32_t>(categories.size());
      a.retention_begin = rets;
      a.retention_end = static_cast<std::uint32_t>(retention.size());
    }
  }
  in.category_offsets.push_back(static_cast<std::uint32_t>(categories.size()));
  in.retention_offsets.push_back(static_cast<std::uint32_t>(retention.size()));
  category_lists = std::move(categories);
  retention_lists = std::move(retention);
  incoming = std::move(in);
  outgoing = std::move(out);
}

}  // namespace v1
}  // namespace dpa
