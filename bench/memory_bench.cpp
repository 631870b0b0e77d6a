// What a random read costs on this machine, by the size of the array read:
// a chase through a random cycle (each load's address comes from the one
// before, so nothing overlaps). The graph rules read per-organisation state
// at random: 16 bytes an organisation, so 1.6 MB at 100k organisations and
// 16 MB at 1M; this is why their cost grows faster than the graph.
#include <cstdint>
#include <numeric>
#include <random>
#include <vector>

#include <benchmark/benchmark.h>

namespace {

void memory_random_read(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0)) / sizeof(std::uint32_t);
  std::vector<std::uint32_t> order(n), next(n);
  std::iota(order.begin(), order.end(), 0u);
  std::shuffle(order.begin(), order.end(), std::mt19937_64(42));
  for (std::size_t i = 0; i < n; ++i) next[order[i]] = order[(i + 1) % n];
  constexpr std::int64_t loads = 1 << 20;
  std::uint32_t at = order[0];
  for (auto _ : state) {
    for (std::int64_t i = 0; i < loads; ++i) at = next[at];
    benchmark::DoNotOptimize(at);
  }
  // seconds per load (printed with an SI prefix: 17n is 17 ns)
  state.counters["per_load"] =
      benchmark::Counter(static_cast<double>(state.iterations() * loads), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

BENCHMARK(memory_random_read)->RangeMultiplier(4)->Range(256 << 10, 64 << 20)->Unit(benchmark::kMillisecond);

}  // namespace
