// LSD radix sort of (64-bit key, value) pairs by key, 16 bits a pass, stable;
// a pass whose digit is the same for every key is skipped.
#pragma once

#include <array>
#include <cstdint>
#include <utility>
#include <algorithm>
#include <vector>

namespace dpa::detail {

template <class Vector>
void radix_sort(Vector& items, Vector& spare) {
  spare.resize(items.size());
  std::vector<std::size_t> count(std::size_t{1} << 16);
  for (unsigned shift = 0; shift < 64; shift += 16) {
    std::fill(count.begin(), count.end(), 0);
    for (const auto& x : items) ++count[(x.first >> shift) & 0xFFFF];
    if (!items.empty() && count[(items.front().first >> shift) & 0xFFFF] == items.size()) continue;
    std::size_t at = 0;
    for (auto& c : count) at += std::exchange(c, at);
    for (const auto& x : items) spare[count[(x.first >> shift) & 0xFFFF]++] = x;
    items.swap(spare);
  }
}

}  // namespace dpa::detail
