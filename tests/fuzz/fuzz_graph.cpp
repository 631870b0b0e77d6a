// libFuzzer target: the streaming dpa-graph/1 loader, then every graph rule,
// once fresh and once in a workspace kept from input to input (the two must agree).
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
  static dpa::graph_workspace workspace;
  const dpa::graph_report again = dpa::evaluate_graph(g.value(), opts, dpa::knowledge::embedded(), workspace);
  if (again.undetermined != r.undetermined || again.critical != r.critical || again.components != r.components ||
      again.compact.size() != r.compact.size())
    std::abort();
  for (std::size_t i = 0; i < r.compact.size(); ++i) {
    const auto &x = r.compact[i], &y = again.compact[i];
    if (x.rule != y.rule || x.subject != y.subject || x.category != y.category || x.value != y.value || x.limit != y.limit)
      std::abort();
  }
  return 0;
}
