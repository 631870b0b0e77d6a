// A graph report for people: counts per rule, then the first findings of each.
#include <dpa/graph.hpp>
#include <dpa/render.hpp>

#include <iterator>
#include <vector>

#include <fmt/format.h>

namespace dpa {
inline namespace v1 {

std::string render_graph_text(const graph& g, const graph_report& r, std::string_view file, std::string_view note,
                              std::size_t per_rule) {
  std::string out;
  auto it = std::back_inserter(out);
  fmt::format_to(it, "{}  as of {}: {} organisations, {} agreements\n", file, to_string(r.findings.as_of),
                 g.organisations.size(), g.agreements.size());
  if (!note.empty()) fmt::format_to(it, "{}\n", note);
  out += '\n';
  for (const auto& [id, n] : r.counts()) fmt::format_to(it, "  {:<30} {}\n", id, n);
  fmt::format_to(it, "  {:<30} {}\n", "(undetermined chain latency)", r.undetermined);
  std::vector<std::size_t> shown(graph_rule_catalogue().size(), 0);
  bool header = false;
  for (const auto& c : r.compact) {
    if (++shown[c.rule] > per_rule) continue;
    if (!header) out += "\nfirst findings per rule\n";
    header = true;
    const auto f = r.materialize(g, c);
    fmt::format_to(it, "  {} {}: {}\n", to_string(f.severity), f.rule, f.message);
  }
  return printable(out);
}

}  // namespace v1
}  // namespace dpa
