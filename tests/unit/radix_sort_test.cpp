#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "../../src/radix_sort.hpp"

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
