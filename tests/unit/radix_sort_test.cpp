#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "graph/radix_sort.hpp"

TEST_CASE("radix sort: the order and stability of a comparison sort") {
  std::mt19937_64 rng(7);
  for (std::size_t n : {0, 1, 2, 17, 5000}) {
    for (int spread : {0, 1, 2, 3}) {
      using item = std::pair<std::uint64_t, std::uint32_t>;
      std::vector<item> items(n), spare;
      for (std::uint32_t i = 0; i < n; ++i) {
        std::uint64_t key = rng();
        if (spread == 0) key &= 0xFF;                      // low digit only: three passes skipped
        if (spread == 1) key = (key & 0xF) << 60;          // high digit only
        if (spread == 2) key = key % 7 << 40 | (key & 3);  // many equal keys: stability shows
        items[i] = {key, i};
      }
      auto expected = items;
      std::stable_sort(expected.begin(), expected.end(), [](const item& a, const item& b) { return a.first < b.first; });
      dpa::detail::radix_sort(items, spare);
      CHECK(items == expected);
    }
  }
}

TEST_CASE("radix sort: keys narrower than 64 bits, in passes of at most 11 bits") {
  std::mt19937_64 rng(11);
  using item = std::pair<std::uint64_t, std::uint32_t>;
  for (unsigned bits : {0u, 1u, 11u, 12u, 23u, 31u, 33u, 45u}) {
    std::vector<item> items(3000), spare;
    for (std::uint32_t i = 0; i < items.size(); ++i) {
      std::uint64_t key = bits == 0 ? 0 : rng() >> (64 - bits);
      if (i % 3 == 0) key &= ~std::uint64_t{0x7};  // repeated keys: stability shows
      items[i] = {key, i};
    }
    auto expected = items;
    std::stable_sort(expected.begin(), expected.end(), [](const item& a, const item& b) { return a.first < b.first; });
    dpa::detail::radix_sort(items, spare, bits);
    CHECK_MESSAGE(items == expected, "bits: ", bits);
  }
}
