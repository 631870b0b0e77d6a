// The `dpa graph` commands: check, stats, map, build and scenario.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <optional>

#include <boost/json.hpp>
#include <fmt/format.h>

#include <dpa/dpa.hpp>
#include <dpa/options.hpp>
#include <dpa/scenario.hpp>

#include "check.hpp"
#include "common.hpp"

namespace {

// Progress on stderr for long runs, only when stderr is a terminal.
class progress {
 public:
  explicit progress(std::string file) : file_(std::move(file)), tty_(isatty(STDERR_FILENO) == 1) {}
  void say(const std::string& what) {
    if (!tty_) return;
    const auto s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    std::fputs("\r\033[K", stderr);  // back to the line start, erase it
    ::say(stderr, "{}: {} ({:.1f} s)", file_, what, s);
    shown_ = true;
  }
  void done() {
    if (shown_) std::fputs("\r\033[K", stderr);
    shown_ = false;
  }
  ~progress() { done(); }

 private:
  std::string file_;
  bool tty_ = false, shown_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// Loads the graph, with progress; on failure prints the errors and sets the exit code.
std::optional<dpa::graph> load_or_report(const std::string& file, progress& p, int& rc) {
  p.say("loading");
  auto g = dpa::load_graph(file);
  if (g) return std::move(g).value();
  p.done();
  print_diagnostics(file, g.error());
  rc = g.error().diagnostics.front().code == dpa::errc::io ? exit_error : exit_findings;
  return std::nullopt;
}

// Loads with progress shown while loading only (for commands that then work quickly).
std::optional<dpa::graph> load_with_progress(const std::string& file, int& rc) {
  progress p(file);
  auto g = load_or_report(file, p, rc);
  p.done();
  return g;
}

}  // namespace

int cmd_graph_check(const graph_args& a) {
  dpa::option_text text;
  if (!a.as_of.empty()) text.as_of = a.as_of;
  if (!a.breach_budget.empty()) text.breach_budget = a.breach_budget;
  text.rules = a.rules;
  text.disable = a.disable;
  auto parsed = dpa::parse_graph_options(text);
  if (!parsed) return option_errors(parsed.error());
  dpa::graph_options opts = std::move(parsed).value();
  opts.threads = a.threads;
  std::optional<dpa::scenario> scenario;
  if (!a.scenario.empty()) {
    auto s = dpa::load_scenario(a.scenario);
    if (!s) {
      print_diagnostics(a.scenario, s.error());
      return exit_error;
    }
    scenario = std::move(s).value();
    if (!opts.as_of && scenario->as_of) opts.as_of = scenario->as_of;
  }
  const dpa::knowledge& kb = scenario ? scenario->knowledge : dpa::knowledge::embedded();
  progress p(a.file);
  int rc = exit_ok;
  auto g = load_or_report(a.file, p, rc);
  if (!g) return rc;
  p.say(fmt::format("evaluating {} agreements", g.value().agreements.size()));
  opts.materialize = a.format == "sarif";  // text and JSON make each finding's text as they write it
  auto result = dpa::evaluate_graph(g.value(), opts, kb);
  p.done();
  result.findings.subject = a.file;
  if (a.format == "sarif") {
    fmt::print("{}", dpa::render_sarif({{&result.findings, a.file, {}}}));
  } else if (a.format == "json") {
    dpa::render_graph_json(g.value(), result, a.file,
                           [](std::string_view piece) { std::fwrite(piece.data(), 1, piece.size(), stdout); });
  } else {
    const std::string note = scenario ? fmt::format("knowledge base {} ({})", kb.version(), a.scenario) : std::string();
    fmt::print("{}", dpa::render_graph_text(g.value(), result, a.file, note));
  }
  auto w = result.worst();
  return w && *w >= dpa::severity::violation ? exit_findings : exit_ok;
}

int cmd_graph_stats(const graph_args& a) {
  int rc = exit_ok;
  auto loaded = load_with_progress(a.file, rc);
  if (!loaded) return rc;
  const auto& g = *loaded;
  const auto n = g.organisations.size();
  const auto& out_offsets = g.outgoing.offsets;
  const auto& out = g.outgoing.processor;
  std::size_t roots = 0, isolated = 0;
  for (std::uint32_t o = 0; o < n; ++o) {
    roots += g.is_root(o);
    isolated += g.outgoing_count(o) == 0 && g.incoming_count(o) == 0;
  }
  // depth: agreements between a controller and the organisation, along the longest path (Kahn's order)
  std::vector<std::uint32_t> pending(n), depth(n, 0), ready;
  for (std::uint32_t o = 0; o < n; ++o) {
    pending[o] = g.incoming_count(o);
    if (pending[o] == 0) ready.push_back(o);
  }
  std::size_t ordered = 0;
  while (!ready.empty()) {
    auto o = ready.back();
    ready.pop_back();
    ++ordered;
    for (auto k = out_offsets[o]; k < out_offsets[o + 1]; ++k) {
      const auto p = out[k];
      depth[p] = std::max(depth[p], depth[o] + 1);
      if (--pending[p] == 0) ready.push_back(p);
    }
  }
  std::map<std::uint32_t, std::size_t> depths;
  for (std::size_t o = 0; o < n; ++o)
    if (pending[o] == 0) ++depths[depth[o]];
  std::map<std::string_view, std::size_t> countries;
  for (std::uint32_t o = 0; o < n; ++o) ++countries[g.country_of(o)];
  std::vector<std::pair<std::size_t, std::uint32_t>> hubs;
  for (std::uint32_t o = 0; o < n; ++o) hubs.push_back({g.incoming_count(o), o});
  std::partial_sort(hubs.begin(), hubs.begin() + std::min<std::size_t>(10, hubs.size()), hubs.end(),
                    [](const auto& x, const auto& y) { return x.first > y.first || (x.first == y.first && x.second < y.second); });
  say("{}\n  organisations  {}\n  agreements     {}\n  roots          {} (controllers)\n  isolated       {}\n"
             "  on or below a cycle  {}\n  categories     {}\n",
             a.file, n, g.agreements.size(), roots, isolated, n - ordered, g.category_names.size());
  say("\ndepth (agreements from a controller)\n");
  for (const auto& [d, count] : depths) say("  {:>4}  {}\n", d, count);
  std::vector<std::pair<std::size_t, std::string_view>> by_count;
  for (const auto& [c, count] : countries) by_count.push_back({count, c});
  std::sort(by_count.rbegin(), by_count.rend());
  say("\ncountries\n");
  for (std::size_t i = 0; i < by_count.size() && i < 15; ++i) say("  {}  {}\n", by_count[i].second, by_count[i].first);
  say("\nhubs (most incoming agreements)\n");
  for (std::size_t i = 0; i < hubs.size() && i < 10 && hubs[i].first > 0; ++i)
    say("  {:<20} {}\n", g.organisations[hubs[i].second].id, hubs[i].first);
  return exit_ok;
}

int cmd_graph_map(const graph_args& a, bool svg) {
  int rc = exit_ok;
  auto loaded = load_with_progress(a.file, rc);
  if (!loaded) return rc;
  const auto& g = *loaded;
  dpa::graph_options opts;
  if (!a.as_of.empty() && !read_as_of(a.as_of, opts.as_of.emplace())) return exit_error;
  opts.materialize = false;  // the map reads the compact findings
  const std::string dot = dpa::render_graph_dot(g, dpa::evaluate_graph(g, opts), a.file);
  if (!svg) {
    fmt::print("{}", dot);
    return exit_ok;
  }
  // SVG through graphviz's dot, when installed
  std::FILE* pipe = popen("dot -Tsvg", "w");
  if (!pipe) return usage_error("graphviz's `dot` is needed for --svg");
  std::fwrite(dot.data(), 1, dot.size(), pipe);
  rc = pclose(pipe);
  if (rc != 0) return usage_error("graphviz's `dot` failed (is graphviz installed?)");
  return exit_ok;
}

int cmd_graph_build(const graph_args& a) {
  dpa::graph_build_options opts;
  if (!a.as_of.empty() && !read_as_of(a.as_of, opts.as_of.emplace())) return exit_error;
  if (!a.controller_country.empty()) {
    if (!dpa::knowledge::embedded().country(a.controller_country))
      return usage_error(fmt::format("--controller-country `{}` is not an ISO 3166-1 alpha-2 code", a.controller_country));
    opts.controller_country = a.controller_country;
  }
  std::vector<dpa::document> docs;
  docs.reserve(a.files.size());
  bool failed = false;
  for (const auto& f : a.files) {
    auto d = dpa::load_document(f);
    if (!d) {
      print_diagnostics(f, d.error());
      failed = true;
      continue;
    }
    docs.push_back(std::move(d).value());
  }
  if (failed) return exit_findings;
  std::vector<dpa::graph_source> sources;
  for (std::size_t i = 0; i < docs.size(); ++i) sources.push_back({a.files[i], &docs[i]});
  auto built = dpa::build_graph(sources, opts);
  if (!a.quiet)
    for (const auto& n : built.notes) say(stderr, "{}: note: {}: {}\n", n.help, n.pointer.empty() ? "/" : n.pointer, n.message);
  if (a.output.empty() || a.output == "-") {
    fmt::print("{}", built.json);
  } else {
    std::FILE* out = std::fopen(a.output.c_str(), "wb");
    if (!out || std::fwrite(built.json.data(), 1, built.json.size(), out) != built.json.size()) {
      if (out) std::fclose(out);
      return usage_error(fmt::format("cannot write `{}`", a.output));
    }
    if (std::fclose(out) != 0) return usage_error(fmt::format("cannot write `{}`", a.output));
  }
  return exit_ok;
}

int cmd_graph_scenario(const graph_args& a) {
  dpa::graph_options opts;
  if (!a.as_of.empty() && !read_as_of(a.as_of, opts.as_of.emplace())) return exit_error;
  opts.threads = a.threads;
  auto s = dpa::load_scenario(a.scenario);
  if (!s) {
    print_diagnostics(a.scenario, s.error());
    return exit_error;
  }
  if (!opts.as_of && s.value().as_of) opts.as_of = s.value().as_of;
  progress p(a.file);
  int rc = exit_ok;
  auto loaded = load_or_report(a.file, p, rc);
  if (!loaded) return rc;
  const auto& g = *loaded;
  p.say("evaluating under both knowledge bases");
  const auto& base = dpa::knowledge::embedded();
  auto r = dpa::compare_scenario(g, opts, base, s.value().knowledge);
  p.done();
  const std::string name = s.value().name.empty() ? a.scenario : s.value().name;
  const dpa::scenario_labels labels{a.file, name, base.version(), s.value().knowledge.version()};
  fmt::print("{}", a.format == "json" ? dpa::render_scenario_json(g, r, labels) : dpa::render_scenario_text(g, r, labels));
  return r.lost.empty() ? exit_ok : exit_findings;
}
