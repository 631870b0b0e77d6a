// Options as text, read in one place (see options.hpp): the CLI, the C ABI
// and Python all go through these functions, so they accept and reject the
// same values with the same messages.
#include <dpa/options.hpp>

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include <dpa/diff.hpp>
#include <dpa/rules.hpp>
#include <dpa/tenant.hpp>

#include "text.hpp"

namespace dpa {
inline namespace v1 {

namespace {

constexpr std::array all_scopes{rule_scope::document, rule_scope::diff, rule_scope::tenant, rule_scope::graph};

const std::vector<rule_info>& catalogue(rule_scope s) {
  switch (s) {
    case rule_scope::diff: return diff_rule_catalogue();
    case rule_scope::tenant: return tenant_rule_catalogue();
    case rule_scope::graph: return graph_rule_catalogue();
    case rule_scope::document: break;
  }
  return rule_catalogue();
}

// The ids and the families of a scope's catalogue, and both together (for near misses).
struct selectors {
  std::vector<std::string_view> ids, families, all;
};

const selectors& selectors_of(rule_scope s) {
  static const std::array<selectors, all_scopes.size()> table = [] {
    std::array<selectors, all_scopes.size()> out;
    for (auto scope : all_scopes) {
      auto& x = out[static_cast<std::size_t>(scope)];
      for (const auto& r : catalogue(scope)) {
        x.ids.push_back(r.id);
        const auto family = r.id.substr(0, r.id.find('/'));
        if (std::find(x.families.begin(), x.families.end(), family) == x.families.end()) x.families.push_back(family);
      }
      x.all = x.ids;
      x.all.insert(x.all.end(), x.families.begin(), x.families.end());
    }
    return out;
  }();
  return table[static_cast<std::size_t>(s)];
}

bool contains(const std::vector<std::string_view>& v, std::string_view x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// A value as an error message shows it: whole, unless it is very long.
std::string shown(std::string_view value) {
  constexpr std::size_t max = 120;
  if (value.size() <= max) return std::string(value);
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 sequence
  return fmt::format("{}... ({} bytes)", value.substr(0, cut), value.size());
}

diagnostic problem(errc code, std::string message, std::string help = {}) {
  return diagnostic{code, std::move(message), {}, 0, 0, std::move(help)};
}

// Why `item` selects nothing in `scope`, or nothing when it selects something.
std::optional<diagnostic> check_selector(std::string_view item, rule_scope scope) {
  const auto& own = selectors_of(scope);
  if (contains(own.ids, item) || contains(own.families, item)) return std::nullopt;
  const auto lower = detail::ascii_lower(item);
  auto near = contains(own.all, lower) ? std::optional<std::string>(lower) : detail::closest(lower, own.all);
  std::string help = near ? fmt::format("did you mean `{}`?", *near) : std::string();
  for (auto other : all_scopes) {
    if (other == scope) continue;
    const auto& theirs = selectors_of(other);
    if (contains(theirs.ids, item))
      return problem(errc::invalid_value,
                     fmt::format("`{}` is a {} rule, not a {} rule", shown(item), to_string(other), to_string(scope)),
                     std::move(help));
    if (contains(theirs.families, item))
      return problem(errc::invalid_value,
                     fmt::format("`{}` is a family of {} rules, not of {} rules", shown(item), to_string(other),
                                 to_string(scope)),
                     std::move(help));
  }
  return problem(errc::invalid_value, fmt::format("`{}` is not a {} rule id or family", shown(item), to_string(scope)),
                 std::move(help));
}

void split_into(std::vector<std::string>& out, std::string_view list) {
  while (true) {
    const auto comma = list.find(',');
    const auto item = detail::trim(list.substr(0, comma));
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
}

result<std::vector<std::string>> checked(std::vector<std::string> items, rule_scope scope) {
  error e;
  for (const auto& item : items)
    if (auto d = check_selector(item, scope)) e.diagnostics.push_back(std::move(*d));
  if (!e.diagnostics.empty()) return e;
  return items;
}

}  // namespace

std::string_view to_string(rule_scope s) noexcept {
  switch (s) {
    case rule_scope::document: return "document";
    case rule_scope::diff: return "diff";
    case rule_scope::tenant: return "tenant";
    case rule_scope::graph: return "graph";
  }
  return "document";
}

result<std::vector<std::string>> parse_rule_selection(std::string_view comma_separated, rule_scope scope) {
  std::vector<std::string> items;
  split_into(items, comma_separated);
  return checked(std::move(items), scope);
}

result<std::vector<std::string>> parse_rule_selection(const std::vector<std::string>& lists, rule_scope scope) {
  std::vector<std::string> items;
  for (const auto& list : lists) split_into(items, list);
  return checked(std::move(items), scope);
}

result<date> parse_as_of(std::string_view text) {
  if (auto d = parse_date(text)) return *d;
  return error{{problem(errc::invalid_date, fmt::format("`{}` is not a date", shown(text)), "write YYYY-MM-DD")}};
}

result<duration> parse_breach_budget(std::string_view text) {
  auto d = parse_duration(text);
  if (!d) return d;
  if (!d.value().bounded())
    return error{{problem(errc::invalid_duration, fmt::format("`{}` has no upper bound", shown(text)),
                          "a budget needs one, e.g. `72 hours`")}};
  return d;
}

result<std::int64_t> parse_breach_budget_hours(std::string_view text) {
  BOOST_OUTCOME_TRY(auto d, parse_breach_budget(text));
  if (!d.exact() || d.shortest() % 3600 != 0)
    return error{{problem(errc::invalid_duration,
                          fmt::format("`{}` is not a whole number of hours (it reads {})", shown(text), d.describe()),
                          "write e.g. `72h` or `3d`")}};
  return d.shortest() / 3600;
}

namespace {

// Where an option's problems point: at the option itself, or, for an option that is
// a JSON text of its own, inside that text after the option's name (line and column
// then stay the text's own).
enum class problems_at : bool { option, inside };

// Reads `text` into `out` with `parse`, or adds its diagnostics, pointed at `pointer`, to `e`.
template <class T, class Parse>
void read_option(error& e, std::string_view pointer, Parse&& parse, T& out, problems_at at = problems_at::option) {
  auto r = parse();
  if (r) {
    out = std::move(r).value();
    return;
  }
  for (auto& d : r.error().diagnostics) {
    if (at == problems_at::inside)
      d.pointer.insert(0, pointer);
    else
      d.pointer = pointer;
    e.diagnostics.push_back(std::move(d));
  }
}

}  // namespace

result<std::map<std::string, severity, std::less<>>> parse_severity_overrides(const std::vector<std::string>& items,
                                                                              rule_scope scope) {
  std::vector<std::string> split;
  for (const auto& list : items) split_into(split, list);
  std::map<std::string, severity, std::less<>> out;
  error e;
  for (const auto& item : split) {
    const auto eq = item.find('=');
    const auto rule = detail::trim(std::string_view(item).substr(0, eq));
    const auto level =
        eq == std::string::npos ? std::optional<severity>{} : parse_severity(detail::trim(std::string_view(item).substr(eq + 1)));
    if (!level) {
      e.diagnostics.push_back(problem(errc::invalid_value, fmt::format("`{}` is not RULE=LEVEL", shown(item)),
                                      "write e.g. `transfer/no-tia=info`; a level is violation, warning or info"));
      continue;
    }
    if (auto d = check_selector(rule, scope)) {
      e.diagnostics.push_back(std::move(*d));
      continue;
    }
    if (!contains(selectors_of(scope).ids, rule)) {
      e.diagnostics.push_back(problem(errc::invalid_value,
                                      fmt::format("`{}` is a family; a severity is set per rule id", shown(rule)),
                                      fmt::format("`dpa rules --kind {}` lists the ids", to_string(scope))));
      continue;
    }
    out.insert_or_assign(std::string(rule), *level);
  }
  if (!e.diagnostics.empty()) return e;
  return out;
}

result<options> parse_options(const option_text& text, rule_scope scope) {
  options out;
  error e;
  if (text.as_of) read_option(e, "/as_of", [&] { return parse_as_of(*text.as_of); }, out.as_of);
  if (text.breach_budget)
    read_option(e, "/breach_budget", [&] { return parse_breach_budget(*text.breach_budget); }, out.breach_budget);
  read_option(e, "/rules", [&] { return parse_rule_selection(text.rules, scope); }, out.enable);
  read_option(e, "/disable", [&] { return parse_rule_selection(text.disable, scope); }, out.disable);
  read_option(e, "/severity", [&] { return parse_severity_overrides(text.severity, scope); }, out.severity_overrides);
  if (text.suppressions)
    read_option(e, "/suppressions", [&] { return parse_suppressions(*text.suppressions); }, out.suppressions,
                problems_at::inside);
  if (text.baseline)
    read_option(e, "/baseline", [&] { return parse_baseline(*text.baseline); }, out.baseline, problems_at::inside);
  if (!e.diagnostics.empty()) return e;
  return out;
}

result<graph_options> parse_graph_options(const option_text& text) {
  graph_options out;
  error e;
  if (text.as_of) read_option(e, "/as_of", [&] { return parse_as_of(*text.as_of); }, out.as_of.emplace());
  if (text.breach_budget)
    read_option(e, "/breach_budget", [&] { return parse_breach_budget_hours(*text.breach_budget); },
                out.breach_budget_hours.emplace());
  read_option(e, "/rules", [&] { return parse_rule_selection(text.rules, rule_scope::graph); }, out.enable);
  read_option(e, "/disable", [&] { return parse_rule_selection(text.disable, rule_scope::graph); }, out.disable);
  auto not_for_graphs = [&](std::string_view pointer, std::string_view what) {
    e.diagnostics.push_back(diagnostic{errc::invalid_value, fmt::format("graphs take no {}", what), std::string(pointer), 0, 0,
                                       "select rules with `rules` and `disable` instead"});
  };
  if (!text.severity.empty()) not_for_graphs("/severity", "severity overrides");
  if (text.suppressions) not_for_graphs("/suppressions", "suppressions");
  if (text.baseline) not_for_graphs("/baseline", "baseline");
  if (!e.diagnostics.empty()) return e;
  return out;
}

}  // namespace v1
}  // namespace dpa
