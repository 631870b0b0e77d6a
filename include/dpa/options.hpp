// Options as text, read in one place: the rule selections, dates and
// durations that the command line, the C ABI and Python receive, checked and
// turned into dpa::options and dpa::graph_options. Every error names the
// value it is about (and, for a rule selection, the nearest rule or family).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <dpa/date.hpp>
#include <dpa/duration.hpp>
#include <dpa/error.hpp>
#include <dpa/evaluate.hpp>
#include <dpa/graph.hpp>

namespace dpa {
inline namespace v1 {

/// The catalogue a rule selection is checked against: the rules that will run.
enum class rule_scope : std::uint8_t {
  document,  ///< rule_catalogue(): dpa::evaluate
  diff,      ///< diff_rule_catalogue(): dpa::diff
  tenant,    ///< tenant_rule_catalogue(): dpa::tenant_policy
  graph,     ///< graph_rule_catalogue(): dpa::evaluate_graph
};

/// "document", "diff", "tenant" or "graph".
[[nodiscard]] std::string_view to_string(rule_scope s) noexcept;

/// Rule ids or families ("transfer", "breach/no-slack") of `scope`, from a
/// comma-separated list; blanks around items and empty items are dropped, so
/// "" selects nothing (every rule runs). An item that is no rule id or family
/// of the scope is an error (errc::invalid_value) naming it, one diagnostic per
/// such item, with help: "did you mean `transfer`?" for a near miss, or the
/// catalogue it belongs to ("`categories/leak` is a graph rule, ...").
[[nodiscard]] result<std::vector<std::string>> parse_rule_selection(std::string_view comma_separated, rule_scope scope);
/// The same for a list whose items may each be comma-separated.
[[nodiscard]] result<std::vector<std::string>> parse_rule_selection(const std::vector<std::string>& items,
                                                                    rule_scope scope);

/// A date YYYY-MM-DD (errc::invalid_date naming the text otherwise).
[[nodiscard]] result<date> parse_as_of(std::string_view text);
/// A breach budget for the document rules: any duration with an upper bound
/// ("72 hours", "3 days"); "without undue delay" is an error.
[[nodiscard]] result<duration> parse_breach_budget(std::string_view text);
/// A breach budget for the graph rules: an exact, whole number of hours ("72h",
/// "3 days"); "one month" (28 to 31 days) is an error.
[[nodiscard]] result<std::int64_t> parse_breach_budget_hours(std::string_view text);

/// Options as the callers receive them. An absent value keeps the default.
struct option_text {
  std::optional<std::string> as_of;
  std::optional<std::string> breach_budget;
  std::vector<std::string> rules;    ///< rule ids or families to run; items may be comma-separated
  std::vector<std::string> disable;  ///< rule ids or families to skip; items may be comma-separated
  /// RULE=LEVEL (`transfer/no-tia=info`); items may be comma-separated.
  std::vector<std::string> severity;
  /// A suppression file's text (see parse_suppressions) and an earlier JSON report's (parse_baseline).
  std::optional<std::string> suppressions, baseline;
};

/// Severity overrides from RULE=LEVEL items (items may be comma-separated), each
/// rule an id of `scope`'s catalogue.
[[nodiscard]] result<std::map<std::string, severity, std::less<>>> parse_severity_overrides(
    const std::vector<std::string>& items, rule_scope scope);

/// dpa::options from text, the rules checked against `scope`. Every problem is
/// reported, each diagnostic's pointer naming the option ("/rules", "/disable",
/// "/as_of", "/breach_budget", "/severity"); a problem inside the suppressions or
/// the baseline has its pointer in that text after "/suppressions" or "/baseline",
/// with the line and column in that text.
[[nodiscard]] result<options> parse_options(const option_text& text, rule_scope scope = rule_scope::document);
/// dpa::graph_options from text (the rules checked against the graph rules).
/// Graphs take no severity overrides, suppressions or baseline: given, each is a problem.
[[nodiscard]] result<graph_options> parse_graph_options(const option_text& text);

}  // namespace v1
}  // namespace dpa
