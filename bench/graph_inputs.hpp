// The generated graphs the graph benchmarks read (graph_bench.cpp defines these).
#pragma once

#include <cstdint>
#include <string>

#include <benchmark/benchmark.h>

/// The path of gen_graph's graph of n organisations (seed 42), written to the
/// temp directory the first time it is asked for; empty if that fails.
std::string bench_graph_file(std::int64_t n);

/// 10k and 100k organisations (and 1M with DPA_BENCH_1M=1), in milliseconds, three iterations.
void bench_graph_sizes(benchmark::internal::Benchmark* b);
