// A graph as Graphviz DOT: where each organisation is, and which agreements carry findings.
#include <dpa/graph.hpp>
#include <dpa/render.hpp>

#include <algorithm>
#include <iterator>

#include <fmt/format.h>

namespace dpa {
inline namespace v1 {

namespace {

std::string dot_escape(std::string_view text) {
  std::string out;
  for (char c : printable(text)) {  // (a NUL would end graphviz's reading)
    if (c == '\n') {  // a line break in a label
      out += "\\n";
      continue;
    }
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string render_graph_dot(const graph& g, const graph_report& r, std::string_view title, const knowledge& kb) {
  const auto as_of = r.findings.as_of;
  const auto& rules = graph_rule_catalogue();
  // The worst finding per agreement marks its edge: the first of that severity, in report order.
  std::vector<int> worst(g.agreements.size(), -1);
  std::vector<std::string_view> why(g.agreements.size());
  auto mark = [&](std::size_t agreement, const rule_info& rule) {
    if (static_cast<int>(rule.severity) <= worst[agreement]) return;
    worst[agreement] = static_cast<int>(rule.severity);
    why[agreement] = rule.id;
  };
  for (const auto& f : r.compact) {
    const auto& rule = rules[f.rule];
    if (!f.on_organisations) {
      mark(f.subject, rule);
      continue;
    }
    // A cycle: a length, then its members.
    const auto first = r.components.begin() + f.subject + 1;
    std::vector<std::uint32_t> members(first, first + r.components[f.subject]);
    std::sort(members.begin(), members.end());
    auto in = [&](std::uint32_t o) { return std::binary_search(members.begin(), members.end(), o); };
    for (std::size_t i = 0; i < g.agreements.size(); ++i)
      if (in(g.agreements[i].client) && in(g.agreements[i].processor)) mark(i, rule);
  }
  std::string dot;
  auto it = std::back_inserter(dot);
  fmt::format_to(it,
                 "digraph subprocessors {{\n  label=\"{} as of {}: EEA (blue), adequate (green), third country "
                 "(orange), not known (grey); red edges carry a violation, amber a warning\";\n  labelloc=t; "
                 "rankdir=LR; node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"]; edge "
                 "[fontname=\"Helvetica\", fontsize=9];\n",
                 dot_escape(title), to_string(as_of));
  for (std::uint32_t o = 0; o < g.organisations.size(); ++o) {
    const auto& org = g.organisations[o];
    auto cover = kb.covered(g.country_of(o), as_of,
                            (org.certifications & graph::cert_dpf) ? std::vector<std::string>{"dpf"}
                                                                   : std::vector<std::string>{});
    const char* colour = g.country_of(o) == "ZZ"                   ? "#eaecf0"
                         : cover.status == coverage_status::eea    ? "#d1e9ff"
                         : cover.covered() == answer::yes          ? "#d3f8df"
                                                                   : "#fedf89";
    fmt::format_to(it, "  \"{}\" [label=\"{}\\n{}\", fillcolor=\"{}\"];\n", dot_escape(org.id),
                   dot_escape(org.name.empty() ? org.id : org.name),
                   g.country_of(o) == "ZZ" ? "country not known" : g.country_of(o), colour);
  }
  for (std::size_t i = 0; i < g.agreements.size(); ++i) {
    const auto& ag = g.agreements[i];
    const char* colour = worst[i] == static_cast<int>(severity::violation) ? "#d92d20"
                         : worst[i] == static_cast<int>(severity::warning) ? "#f79009"
                                                                           : "#667085";
    fmt::format_to(it, "  \"{}\" -> \"{}\" [color=\"{}\", tooltip=\"{}\"{}];\n",
                   dot_escape(g.organisations[ag.client].id), dot_escape(g.organisations[ag.processor].id), colour,
                   dot_escape(ag.id), why[i].empty() ? "" : fmt::format(", label=\"{}\"", dot_escape(why[i])));
  }
  dot += "}\n";
  return dot;
}

}  // namespace v1
}  // namespace dpa
