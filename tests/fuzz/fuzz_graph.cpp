// libFuzzer target: the streaming dpa-graph/1 loader, then every graph rule.
#include <dpa/dpa.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto g = dpa::parse_graph(text);
  if (!g) {
    if (g.error().diagnostics.empty()) std::abort();
    return 0;
  }
  dpa::graph_options opts;
  opts.as_of = dpa::date{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{23}};
  const dpa::graph_report r = dpa::evaluate_graph(g.value(), opts);
  if (r.undetermined > g.value().agreements.size()) std::abort();
  return 0;
}
