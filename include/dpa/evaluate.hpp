// Evaluating the rule catalogue over one DPA document.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <dpa/date.hpp>
#include <dpa/document.hpp>
#include <dpa/duration.hpp>
#include <dpa/error.hpp>
#include <dpa/knowledge.hpp>
#include <dpa/report.hpp>

namespace dpa {
inline namespace v1 {

/// Silences one finding (or all of a rule) with a reason; an expired entry stops
/// silencing and the report says so.
struct suppression {
  std::string rule;     ///< a rule id
  std::string subject;  ///< the finding's subject; empty matches every subject
  std::string reason;   ///< mandatory
  std::optional<date> expires;
};

struct options {
  date as_of = today();
  /// The controller's own deadline to notify the supervisory authority (Art. 33(1)).
  duration breach_budget = duration::hours(72);
  /// Shortest usable window to object to a new sub-processor.
  duration min_objection_window = duration::days(14);
  /// Rule ids or families ("transfer") to run; empty runs all.
  std::vector<std::string> enable;
  /// Rule ids or families to skip.
  std::vector<std::string> disable;
  std::map<std::string, severity, std::less<>> severity_overrides;
  std::vector<suppression> suppressions;
  /// Fingerprints of findings already known; these are left out of the report.
  std::vector<std::string> baseline;
};

/// Runs every selected rule. Pure: the same inputs give the same report, and any
/// number of threads may evaluate against shared documents and knowledge.
[[nodiscard]] report evaluate(const document& doc, const options& opts = {},
                              const knowledge& kb = knowledge::embedded());

/// Reads a suppression file (JSON: {"suppressions":[{"rule","subject","reason","expires"}]}).
[[nodiscard]] result<std::vector<suppression>> parse_suppressions(std::string_view json);

/// Fingerprints of the findings in an earlier JSON report, for baseline mode.
[[nodiscard]] result<std::vector<std::string>> parse_baseline(std::string_view json_report);

}  // namespace v1
}  // namespace dpa
