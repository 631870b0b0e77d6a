// Scenario comparisons as JSON and as text: one writer for the command line,
// the C ABI and Python.
#include <dpa/scenario.hpp>

#include <iterator>

#include <fmt/format.h>

#include "json/io.hpp"

namespace dpa {
inline namespace v1 {

namespace {
namespace json = boost::json;
}  // namespace

transfer_change_names names_of(const graph& g, const transfer_change& c) {
  const auto& a = g.agreements[c.agreement];
  return {a.id, g.organisations[a.client].id, g.organisations[a.processor].id, g.country_of(a.processor)};
}

std::string render_scenario_json(const graph& g, const scenario_report& r, const scenario_labels& labels) {
  json::object out;
  out["graph"] = labels.graph;
  out["scenario"] = labels.scenario;
  out["as_of"] = to_string(r.base.findings.as_of);
  out["knowledge_base"] = labels.base_version;
  out["knowledge_scenario"] = labels.scenario_version;
  auto list = [&](const std::vector<transfer_change>& v) {
    json::array arr;
    arr.reserve(v.size());
    for (const auto& c : v) {
      const auto x = names_of(g, c);
      json::object o;
      o["agreement"] = x.agreement;
      o["pointer"] = fmt::format("/agreements/{}", c.agreement);
      o["client"] = x.client;
      o["processor"] = x.processor;
      o["country"] = x.country;
      o["before"] = c.before;
      o["after"] = c.after;
      arr.emplace_back(std::move(o));
    }
    return arr;
  };
  out["lost"] = list(r.lost);
  out["gained"] = list(r.gained);
  out["changed"] = list(r.changed);
  json::array controllers;
  for (auto o : r.controllers) controllers.emplace_back(g.organisations[o].id);
  out["controllers_affected"] = r.controllers.size();
  out["controllers"] = std::move(controllers);
  std::string text = json::serialize(out);
  text += '\n';
  return text;
}

std::string render_scenario_text(const graph& g, const scenario_report& r, const scenario_labels& labels,
                                 std::size_t rows) {
  std::string out;
  auto it = std::back_inserter(out);
  fmt::format_to(it, "{}  under \"{}\" as of {}\n  knowledge base {} -> {}\n\n", labels.graph, labels.scenario,
                 to_string(r.base.findings.as_of), labels.base_version, labels.scenario_version);
  fmt::format_to(it,
                 "  agreements that lose their transfer basis  {}\n  agreements that gain one                  {}\n"
                 "  agreements with another transfer finding  {}\n  controllers affected                      {}\n",
                 r.lost.size(), r.gained.size(), r.changed.size(), r.controllers.size());
  auto show = [&](const char* title, const std::vector<transfer_change>& v) {
    if (v.empty()) return;
    fmt::format_to(it, "\n{}\n", title);
    for (std::size_t i = 0; i < v.size() && i < rows; ++i) {
      const auto x = names_of(g, v[i]);
      fmt::format_to(it, "  {}: {} -> {} ({}): {} -> {}\n", x.agreement, x.client, x.processor, x.country,
                     v[i].before.empty() ? "basis" : v[i].before, v[i].after.empty() ? "basis" : v[i].after);
    }
    if (v.size() > rows) fmt::format_to(it, "  ... and {} more (the JSON form lists all)\n", v.size() - rows);
  };
  show("lose their basis", r.lost);
  show("gain a basis", r.gained);
  show("another finding", r.changed);
  if (!r.controllers.empty()) {
    out += "\ncontrollers affected\n";
    for (std::size_t i = 0; i < r.controllers.size() && i < rows; ++i)
      fmt::format_to(it, "  {}\n", g.organisations[r.controllers[i]].id);
    if (r.controllers.size() > rows) fmt::format_to(it, "  ... and {} more\n", r.controllers.size() - rows);
  }
  return out;
}

}  // namespace v1
}  // namespace dpa
