// dpa-scenario/1: a knowledge base changed by a few dated overrides, and the
// graph's transfer findings compared under both.
#include <dpa/scenario.hpp>

#include <algorithm>

#include <fmt/format.h>

#include "json/parse.hpp"

namespace dpa {
inline namespace v1 {

namespace json = boost::json;

result<scenario> parse_scenario(std::string_view text, const knowledge& base) {
  limits lim;
  lim.max_bytes = std::size_t{1} << 20;
  BOOST_OUTCOME_TRY(auto parsed, detail::parse_json_text(text, lim));
  std::vector<detail::problem> problems = detail::duplicate_keys(text, lim.max_depth);
  auto problem = [&](std::string pointer, errc code, std::string message, std::string help = {}) {
    problems.push_back({code, std::move(message), std::move(pointer), std::move(help)});
  };
  scenario out;
  json::value kb = json::parse(base.source());
  if (!parsed.is_object()) {
    problem("", errc::wrong_type, "a dpa-scenario/1 document must be a JSON object");
    return detail::locate(text, std::move(problems), lim.max_depth);
  }
  const auto& root = parsed.get_object();
  for (const auto& [key, value] : root)
    if (key != "format" && key != "name" && key != "as_of" && key != "changes")
      problem(std::string("/").append(key), errc::unknown_field, fmt::format("unknown member `{}`", std::string_view(key)),
              "dpa-scenario/1 has format, name, as_of and changes");
  const auto* format = root.if_contains("format");
  if (!format || !format->is_string() || format->get_string() != "dpa-scenario/1")
    problem(format ? "/format" : "", format ? errc::unsupported_format : errc::missing_field,
            "the format must be `dpa-scenario/1`");
  if (const auto* name = root.if_contains("name")) {
    if (name->is_string()) out.name = std::string(name->get_string());
    else problem("/name", errc::wrong_type, "expected a string");
  }
  if (const auto* as_of = root.if_contains("as_of")) {
    auto d = as_of->is_string() ? parse_date(std::string_view(as_of->get_string())) : std::nullopt;
    if (d) out.as_of = d;
    else problem("/as_of", errc::invalid_date, "expected an ISO 8601 date (YYYY-MM-DD)");
  }
  const auto* changes = root.if_contains("changes");
  if (!changes || !changes->is_array()) {
    problem(changes ? "/changes" : "", changes ? errc::wrong_type : errc::missing_field,
            "`changes` must be an array of changes");
  } else {
    auto& kbo = kb.as_object();
    for (std::size_t i = 0; i < changes->get_array().size(); ++i) {
      const auto& c = changes->get_array()[i];
      const auto at = fmt::format("/changes/{}", i);
      if (!c.is_object()) {
        problem(at, errc::wrong_type, "expected an object");
        continue;
      }
      const auto& co = c.get_object();
      // The entry it names: an adequacy decision or organisation by id, a tool by its name.
      json::array* list = nullptr;
      std::size_t index = 0;
      std::string wanted;
      if (const auto* id = co.if_contains("id"); id && id->is_string()) {
        wanted = std::string(id->get_string());
        for (const char* section : {"adequacy", "organisations"}) {
          auto& arr = kbo[section].as_array();
          for (std::size_t k = 0; k < arr.size() && !list; ++k)
            if (arr[k].as_object().at("id").as_string() == id->get_string()) list = &arr, index = k;
        }
      } else if (const auto* tool = co.if_contains("tool"); tool && tool->is_string()) {
        wanted = std::string(tool->get_string());
        auto& arr = kbo["tools"].as_array();
        for (std::size_t k = 0; k < arr.size() && !list; ++k)
          if (arr[k].as_object().at("tool").as_string() == tool->get_string()) list = &arr, index = k;
      } else {
        problem(at, errc::missing_field, "a change names an entry by `id` (a decision) or `tool`");
        continue;
      }
      if (!list) {
        problem(at + (co.contains("id") ? "/id" : "/tool"), errc::dangling_reference,
                fmt::format("the knowledge base has no entry `{}`", wanted), "`dpa` lists them in data/jurisdictions.json");
        continue;
      }
      bool remove = false;
      for (const auto& [key, value] : co) {
        const auto kp = at + "/" + std::string(key);
        if (key == "id" || key == "tool") continue;
        if (key == "remove") {
          if (value.is_bool()) remove = value.get_bool();
          else problem(kp, errc::wrong_type, "expected true or false");
        } else if (key == "valid_from" || key == "valid_until") {
          if (value.is_null()) {
            if (key == "valid_from") problem(kp, errc::invalid_value, "`valid_from` cannot be cleared");
            else (*list)[index].as_object().erase(key);
          } else if (value.is_string() && parse_date(std::string_view(value.get_string()))) {
            (*list)[index].as_object()[key] = value;
          } else {
            problem(kp, errc::invalid_date, "expected an ISO 8601 date (YYYY-MM-DD) or null");
          }
        } else {
          problem(kp, errc::unknown_field, fmt::format("unknown member `{}`", std::string_view(key)),
                  "a change has id or tool, and valid_from, valid_until or remove");
        }
      }
      if (remove) list->erase(list->begin() + static_cast<std::ptrdiff_t>(index));
    }
  }
  if (!problems.empty()) return detail::locate(text, std::move(problems), lim.max_depth);
  auto& kbo = kb.as_object();
  kbo["version"] = fmt::format("{}+scenario:{}", std::string_view(kbo["version"].as_string()),
                               out.name.empty() ? "unnamed" : out.name);
  auto changed = knowledge::parse(json::serialize(kb));
  if (!changed) {
    auto e = changed.error();
    for (auto& d : e.diagnostics) d.message = "the scenario leaves the knowledge base inconsistent: " + d.message;
    return e;
  }
  out.knowledge = std::move(changed).value();
  return out;
}

result<scenario> load_scenario(const std::filesystem::path& file, const knowledge& base) {
  BOOST_OUTCOME_TRY(auto text, read_file(file, std::size_t{1} << 20));
  return parse_scenario(text, base);
}

scenario_report compare_scenario(const graph& g, const graph_options& options, const knowledge& base,
                                 const knowledge& changed) {
  scenario_report out;
  graph_options opts = options;
  if (!opts.as_of) opts.as_of = g.as_of ? *g.as_of : today();
  opts.enable = {"transfer"};
  opts.materialize = false;
  graph_workspace workspace;  // the second evaluation reuses the first one's memory
  out.base = evaluate_graph(g, opts, base, workspace);
  out.changed_report = evaluate_graph(g, opts, changed, workspace);
  // The transfer finding of each agreement (at most one per agreement: rule 1), under each.
  auto by_agreement = [&](const graph_report& r) {
    std::vector<std::pair<std::uint32_t, std::string_view>> v;
    for (const auto& f : r.compact)  // only transfer rules ran: one finding per agreement at most (rule 1)
      v.emplace_back(f.subject, graph_rule_catalogue()[f.rule].id);
    std::sort(v.begin(), v.end());
    return v;
  };
  const auto before = by_agreement(out.base), after = by_agreement(out.changed_report);
  std::size_t i = 0, j = 0;
  while (i < before.size() || j < after.size()) {
    if (j == after.size() || (i < before.size() && before[i].first < after[j].first)) {
      out.gained.push_back({before[i].first, before[i].second, ""});
      ++i;
    } else if (i == before.size() || after[j].first < before[i].first) {
      out.lost.push_back({after[j].first, "", after[j].second});
      ++j;
    } else {
      if (before[i].second != after[j].second) out.changed.push_back({before[i].first, before[i].second, after[j].second});
      ++i, ++j;
    }
  }
  // Controllers affected: the roots that reach the client of an agreement that lost its basis.
  const auto n = g.organisations.size();
  std::vector<std::uint8_t> seen(n, 0);
  std::vector<std::uint32_t> stack;
  for (const auto& c : out.lost) {
    const auto client = g.agreements[c.agreement].client;
    if (!seen[client]) seen[client] = 1, stack.push_back(client);
  }
  while (!stack.empty()) {
    const auto o = stack.back();
    stack.pop_back();
    for (auto k = g.incoming.offsets[o]; k < g.incoming.offsets[o + 1]; ++k) {
      const auto up = g.incoming.client[k];
      if (!seen[up]) seen[up] = 1, stack.push_back(up);
    }
  }
  for (std::uint32_t o = 0; o < n; ++o)
    if (seen[o] && g.is_root(o)) out.controllers.push_back(o);
  return out;
}

}  // namespace v1
}  // namespace dpa
