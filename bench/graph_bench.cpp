// Graph load and evaluation at 10k and 100k organisations (1M with DPA_BENCH_1M=1),
// on graphs written by gen_graph (deterministic, seed 42).
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include <benchmark/benchmark.h>

#include <dpa/graph.hpp>

#include "graph_inputs.hpp"

namespace {

std::string graph_file(std::int64_t n) { return bench_graph_file(n); }

}  // namespace

std::string bench_graph_file(std::int64_t n) {
  auto path = std::filesystem::temp_directory_path() / ("dpa-bench-graph-" + std::to_string(n) + ".json");
  if (!std::filesystem::exists(path)) {
    auto cmd = std::string(GEN_GRAPH) + " " + std::to_string(n) + " 42 > " + path.string();
    if (std::system(cmd.c_str()) != 0) return {};
  }
  return path.string();
}

void bench_graph_sizes(benchmark::internal::Benchmark* b) {
  b->Arg(10'000)->Arg(100'000);
  if (std::getenv("DPA_BENCH_1M")) b->Arg(1'000'000);
  b->Unit(benchmark::kMillisecond)->Iterations(3);
}

namespace {

const dpa::graph& loaded(std::int64_t n) {
  static std::map<std::int64_t, dpa::graph> cache;
  auto it = cache.find(n);
  if (it == cache.end()) it = cache.emplace(n, dpa::load_graph(graph_file(n)).value()).first;
  return it->second;
}

void graph_load(benchmark::State& state) {
  auto file = graph_file(state.range(0));
  auto bytes = std::filesystem::file_size(file);
  for (auto _ : state) {
    auto g = dpa::load_graph(file);
    if (!g) state.SkipWithError("the graph does not load");
    benchmark::DoNotOptimize(g);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}

// All rules, findings in compact form (what `dpa graph check` does for text output).
void graph_evaluate(benchmark::State& state) {
  const auto& g = loaded(state.range(0));
  dpa::graph_options o;
  o.materialize = false;
  std::size_t findings = 0;
  for (auto _ : state) {
    auto r = dpa::evaluate_graph(g, o);
    findings = r.compact.size();
    benchmark::DoNotOptimize(r);
  }
  state.counters["agreements"] = static_cast<double>(g.agreements.size());
  state.counters["findings"] = static_cast<double>(findings);
}

// Evaluations of g in one workspace (dpa::graph_workspace), as a program that
// evaluates repeatedly does: a first one untimed, then no fresh pages.
void evaluate_in_workspace(benchmark::State& state, const dpa::graph& g, const dpa::graph_options& o) {
  dpa::graph_workspace workspace;
  benchmark::DoNotOptimize(dpa::evaluate_graph(g, o, dpa::knowledge::embedded(), workspace));
  for (auto _ : state) benchmark::DoNotOptimize(dpa::evaluate_graph(g, o, dpa::knowledge::embedded(), workspace));
  state.counters["workspace_MB"] = static_cast<double>(workspace.capacity_bytes()) / 1e6;
}

// All rules, compact, again and again in one workspace.
void graph_evaluate_reused(benchmark::State& state) {
  dpa::graph_options o;
  o.materialize = false;
  evaluate_in_workspace(state, loaded(state.range(0)), o);
}

// The same on three threads (one per rule pass).
void graph_evaluate_threads(benchmark::State& state) {
  const auto& g = loaded(state.range(0));
  dpa::graph_options o;
  o.materialize = false;
  o.threads = 3;
  for (auto _ : state) benchmark::DoNotOptimize(dpa::evaluate_graph(g, o));
}

// All rules with every finding's text, subject, evidence and fingerprint made (JSON and SARIF output).
void graph_evaluate_materialised(benchmark::State& state) {
  const auto& g = loaded(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(dpa::evaluate_graph(g));
}

// One rule family alone, in a reused workspace (the latency pass always runs:
// it also counts the undetermined agreements).
void graph_family(benchmark::State& state, const char* family) {
  const auto& g = loaded(state.range(0));
  dpa::graph_options o;
  o.enable = {family};
  o.materialize = false;
  evaluate_in_workspace(state, g, o);
}

BENCHMARK(graph_load)->Apply(bench_graph_sizes);
BENCHMARK(graph_evaluate)->Apply(bench_graph_sizes);
BENCHMARK(graph_evaluate_reused)->Apply(bench_graph_sizes);
BENCHMARK(graph_evaluate_threads)->Apply(bench_graph_sizes);
BENCHMARK(graph_evaluate_materialised)->Apply(bench_graph_sizes);
BENCHMARK_CAPTURE(graph_family, transfer, "transfer")->Apply(bench_graph_sizes);
BENCHMARK_CAPTURE(graph_family, breach, "breach")->Apply(bench_graph_sizes);
BENCHMARK_CAPTURE(graph_family, notice, "notice")->Apply(bench_graph_sizes);
BENCHMARK_CAPTURE(graph_family, retention, "retention")->Apply(bench_graph_sizes);
BENCHMARK_CAPTURE(graph_family, categories, "categories")->Apply(bench_graph_sizes);
BENCHMARK_CAPTURE(graph_family, cycle, "graph")->Apply(bench_graph_sizes);

}  // namespace
