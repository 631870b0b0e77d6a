// The floor under the graph loader: Boost.JSON's basic_parser (the streaming
// parser dpa::load_graph is built on) reading the same dpa-graph/1 file in
// the same 256 KiB chunks, with a handler that only adds up what it is given.
// Whatever the loader costs above this is its own work; the simdjson case
// (simdjson_bench.cpp) is the same walk with another parser.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include <benchmark/benchmark.h>
#include <boost/json/basic_parser_impl.hpp>

#include "graph_inputs.hpp"

namespace {

namespace json = boost::json;

struct adder {
  static constexpr std::size_t max_object_size = std::size_t(-1), max_array_size = std::size_t(-1),
                               max_key_size = std::size_t(-1), max_string_size = std::size_t(-1);
  std::size_t n = 0;
  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }
  bool on_object_begin(json::error_code&) { return true; }
  bool on_object_end(std::size_t, json::error_code&) { return true; }
  bool on_array_begin(json::error_code&) { return true; }
  bool on_array_end(std::size_t, json::error_code&) { return true; }
  bool on_key_part(json::string_view s, std::size_t, json::error_code&) { return n += s.size(), true; }
  bool on_key(json::string_view s, std::size_t, json::error_code&) { return n += s.size(), true; }
  bool on_string_part(json::string_view s, std::size_t, json::error_code&) { return n += s.size(), true; }
  bool on_string(json::string_view s, std::size_t, json::error_code&) { return n += s.size(), true; }
  bool on_number_part(json::string_view, json::error_code&) { return true; }
  bool on_int64(std::int64_t v, json::string_view, json::error_code&) { return n += static_cast<std::size_t>(v), true; }
  bool on_uint64(std::uint64_t v, json::string_view, json::error_code&) { return n += v, true; }
  bool on_double(double, json::string_view s, json::error_code&) { return n += s.size(), true; }
  bool on_bool(bool b, json::error_code&) { return n += b, true; }
  bool on_null(json::error_code&) { return true; }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }
};

void graph_boost_json_walk(benchmark::State& state) {
  auto file = bench_graph_file(state.range(0));
  auto bytes = std::filesystem::file_size(file);
  constexpr std::size_t chunk = std::size_t{256} << 10;
  std::unique_ptr<char[]> buf(new char[chunk]);
  for (auto _ : state) {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(file.c_str(), "rb"), &std::fclose);
    json::basic_parser<adder> p(json::parse_options{});
    json::error_code ec;
    for (;;) {
      const std::size_t got = std::fread(buf.get(), 1, chunk, f.get());
      const bool more = got == chunk;
      p.write_some(more, buf.get(), got, ec);
      if (ec) state.SkipWithError("the file does not parse");
      if (ec || !more) break;
    }
    benchmark::DoNotOptimize(p.handler().n);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}

BENCHMARK(graph_boost_json_walk)->Apply(bench_graph_sizes);

}  // namespace
