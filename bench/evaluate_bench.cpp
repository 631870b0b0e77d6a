// Rule evaluation: one loaded seed document, all rules; and parse + evaluate.
#include <string>

#include <benchmark/benchmark.h>

#include <dpa/dpa.hpp>
#include <dpa/evaluate.hpp>

namespace {

std::string seed_text(const char* name) {
  auto text = dpa::read_file(std::string(DPA_SOURCE_DIR) + "/examples/dpas/" + name + ".json", 1 << 24);
  return text ? text.value() : std::string{};
}

dpa::options fixed() {
  dpa::options o;
  o.as_of = *dpa::parse_date("2026-11-23");
  return o;
}

void evaluate_seed(benchmark::State& state, const char* name) {
  auto doc = dpa::parse_document(seed_text(name));
  if (!doc) {
    state.SkipWithError("seed does not load");
    return;
  }
  const auto opts = fixed();
  (void)dpa::knowledge::embedded();
  for (auto _ : state) benchmark::DoNotOptimize(dpa::evaluate(doc.value(), opts));
}
BENCHMARK_CAPTURE(evaluate_seed, axion, "axion");
BENCHMARK_CAPTURE(evaluate_seed, hoviguard, "hoviguard");
BENCHMARK_CAPTURE(evaluate_seed, caos, "caos");
BENCHMARK_CAPTURE(evaluate_seed, sevenoways, "sevenoways");
BENCHMARK_CAPTURE(evaluate_seed, caelex, "caelex");

void parse_and_evaluate(benchmark::State& state, const char* name) {
  const auto text = seed_text(name);
  const auto opts = fixed();
  (void)dpa::knowledge::embedded();
  for (auto _ : state) {
    auto doc = dpa::parse_document(text);
    if (!doc) {
      state.SkipWithError("seed does not load");
      break;
    }
    benchmark::DoNotOptimize(dpa::evaluate(doc.value(), opts));
  }
}
BENCHMARK_CAPTURE(parse_and_evaluate, hoviguard, "hoviguard");
BENCHMARK_CAPTURE(parse_and_evaluate, caelex, "caelex");
BENCHMARK_CAPTURE(parse_and_evaluate, sevenoways, "sevenoways");

}  // namespace
