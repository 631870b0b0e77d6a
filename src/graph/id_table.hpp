// The ids of a graph's organisations and agreements, for the loader to check
// that they are unique and to resolve the agreements' references.
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>
#include <vector>

#include <dpa/graph.hpp>

#include "graph/huge_pages.hpp"

namespace dpa::detail {

// Ids of organisations and agreements (the latter with the top bit set): an
// open-addressing table of (hash, value), keys read back from the graph.
// Filled and queried in batches at the end of reading (link), with the slots
// and keys of later entries prefetched, so that a million lookups overlap
// their cache misses instead of waiting for each in turn.
struct id_table {
  /// Set on an agreement's value; an organisation's is its index.
  static constexpr std::uint32_t agreement_bit = 1u << 31;
  static constexpr std::uint32_t empty = 0xFFFFFFFFu;
  struct slot {
    std::uint32_t hash = 0, value = empty;
  };
  std::vector<slot> slots;  // hash and value side by side: one cache line per probe
  const graph* g = nullptr;

  std::string_view key_of(std::uint32_t v) const {
    return v & agreement_bit ? g->agreements[v & ~agreement_bit].id : g->organisations[v].id;
  }
  // FNV-1a from a starting value drawn once per process, so that ids chosen to
  // share a hash (and make every insert compare keys) cannot be prepared ahead.
  static std::uint32_t hash(std::string_view s) {
    static const std::uint64_t basis = [] {
      static const int here = 0;
      const auto t = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
      return (14695981039346656037ull ^ reinterpret_cast<std::uintptr_t>(&here) ^ (t * 0x9E3779B97F4A7C15ull)) | 1;
    }();
    std::uint64_t h = basis;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return static_cast<std::uint32_t>(h ^ (h >> 32));
  }
  void reserve(std::size_t n) {
    std::size_t cap = 16;
    while (cap < 2 * n) cap <<= 1;
    slots.clear();
    reserve_huge(slots, cap, true);
    slots.resize(cap);
  }
  [[nodiscard]] std::size_t home(std::uint32_t h) const { return h & (slots.size() - 1); }
  void prefetch(std::uint32_t h) const { detail::prefetch(&slots[home(h)]); }
  // The first organisation whose hash is h: a candidate, to be confirmed by its key.
  [[nodiscard]] std::uint32_t candidate(std::uint32_t h) const {
    const std::size_t mask = slots.size() - 1;
    for (std::size_t i = home(h); slots[i].value != empty; i = (i + 1) & mask)
      if (slots[i].hash == h && !(slots[i].value & agreement_bit)) return slots[i].value;
    return empty;
  }
  [[nodiscard]] std::uint32_t find(std::string_view key, std::uint32_t h) const {
    const std::size_t mask = slots.size() - 1;
    for (std::size_t i = home(h); slots[i].value != empty; i = (i + 1) & mask)
      if (slots[i].hash == h && key_of(slots[i].value) == key) return slots[i].value;
    return empty;
  }
  // The entry already holding the key, or `empty` once v is placed. Needs reserve() for every entry first.
  std::uint32_t insert(std::string_view key, std::uint32_t h, std::uint32_t v) {
    const std::size_t mask = slots.size() - 1;
    std::size_t i = home(h);
    for (; slots[i].value != empty; i = (i + 1) & mask)
      if (slots[i].hash == h && key_of(slots[i].value) == key) return slots[i].value;
    slots[i] = {h, v};
    return empty;
  }
};

}  // namespace dpa::detail
