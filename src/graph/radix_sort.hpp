// LSD radix sort of (unsigned key, value) pairs by key, stable. The keys' low
// `bits` bits are sorted (the rest must be zero) in as few passes of at most
// 11 bits as cover them, so each pass's counts stay in the first-level cache;
// the counts of every pass are taken in one read, and a pass whose digit is
// the same for every key is skipped.
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace dpa::detail {

template <class Vector>
void radix_sort(Vector& items, Vector& spare, unsigned bits = 64) {
  constexpr unsigned max_digit = 11;
  const unsigned passes = std::max(1u, (bits + max_digit - 1) / max_digit);
  const unsigned width = (bits + passes - 1) / passes;
  const std::size_t buckets = std::size_t{1} << width;
  const std::uint64_t mask = buckets - 1;
  std::vector<std::size_t> count(buckets * passes);
  for (const auto& x : items)
    for (unsigned p = 0; p < passes; ++p) ++count[p * buckets + (x.first >> (p * width) & mask)];
  spare.resize(items.size());
  for (unsigned p = 0; p < passes; ++p) {
    const unsigned shift = p * width;
    auto* c = count.data() + p * buckets;
    if (items.empty() || c[items.front().first >> shift & mask] == items.size()) continue;
    std::size_t at = 0;
    for (std::size_t b = 0; b < buckets; ++b) at += std::exchange(c[b], at);
    for (const auto& x : items) spare[c[x.first >> shift & mask]++] = x;
    items.swap(spare);
  }
}

}  // namespace dpa::detail
