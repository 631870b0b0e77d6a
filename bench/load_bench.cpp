// Loading cost: parsing a seed DPA into the model, and reading durations.
#include <string>

#include <benchmark/benchmark.h>

#include <dpa/dpa.hpp>

namespace {

std::string seed(const char* name) {
  auto text = dpa::read_file(std::string(DPA_SOURCE_DIR) + "/examples/dpas/" + name + ".json", 1 << 24);
  return text ? text.value() : std::string{};
}

void parse_seed(benchmark::State& state, const char* name) {
  const std::string text = seed(name);
  (void)dpa::knowledge::embedded();  // built once, outside the timing
  for (auto _ : state) {
    auto doc = dpa::parse_document(text);
    benchmark::DoNotOptimize(doc);
    if (!doc) state.SkipWithError("seed does not load");
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK_CAPTURE(parse_seed, axion, "axion");
BENCHMARK_CAPTURE(parse_seed, hoviguard, "hoviguard");
BENCHMARK_CAPTURE(parse_seed, caos, "caos");
BENCHMARK_CAPTURE(parse_seed, sevenoways, "sevenoways");
BENCHMARK_CAPTURE(parse_seed, caelex, "caelex");

void write_seed(benchmark::State& state) {
  auto doc = dpa::parse_document(seed("caelex")).value();
  for (auto _ : state) benchmark::DoNotOptimize(dpa::to_json(doc));
}
BENCHMARK(write_seed);

void parse_duration(benchmark::State& state, const char* text) {
  for (auto _ : state) benchmark::DoNotOptimize(dpa::parse_duration(text));
}
BENCHMARK_CAPTURE(parse_duration, hours, "72 hours");
BENCHMARK_CAPTURE(parse_duration, words, "thirty (30) calendar days");
BENCHMARK_CAPTURE(parse_duration, month, "one month");
BENCHMARK_CAPTURE(parse_duration, years, "7 years");
BENCHMARK_CAPTURE(parse_duration, iso, "P1Y2M10DT2H");

void knowledge_query(benchmark::State& state) {
  const auto& kb = dpa::knowledge::embedded();
  auto on = *dpa::parse_date("2026-11-23");
  for (auto _ : state) benchmark::DoNotOptimize(kb.covered("US", on, {"dpf"}));
}
BENCHMARK(knowledge_query);

}  // namespace
