// What changed between two versions of one DPA, as change events, and the
// diff rules (diff/subprocessor-added, diff/weakened) over them.
#pragma once

#include <string>
#include <vector>

#include <dpa/document.hpp>
#include <dpa/evaluate.hpp>
#include <dpa/report.hpp>
#include <dpa/rules.hpp>

namespace dpa {
inline namespace v1 {

/// Which way a change moves for the controller.
enum class direction : std::uint8_t { neutral, weakened, strengthened };
[[nodiscard]] std::string_view to_string(direction d) noexcept;

struct change {
  /// subprocessor-added, subprocessor-removed, country-added, country-removed,
  /// tool-downgraded, tool-upgraded, period-lengthened, period-shortened,
  /// category-added, category-removed, right-removed, right-added, field-added,
  /// field-removed, field-changed
  std::string kind;
  std::string pointer;  ///< in the new document; in the old one for removals
  std::string subject;  ///< sub-processor id, category id, or the member's pointer
  std::string before;   ///< JSON text of the old value ("" when added)
  std::string after;    ///< JSON text of the new value ("" when removed)
  std::string message;
  dpa::direction direction = dpa::direction::neutral;
  dpa::certainty certainty = dpa::certainty::definite;
  friend bool operator==(const change&, const change&) = default;
};

struct diff_result {
  std::vector<change> changes;  ///< in document order
  report findings;              ///< the diff rules, evidence in the new document
};

/// Compares two versions of one agreement field by field.
[[nodiscard]] diff_result diff(const document& before, const document& after, const options& opts = {},
                               const knowledge& kb = knowledge::embedded());

/// The diff rules, sorted by id.
[[nodiscard]] const std::vector<rule_info>& diff_rule_catalogue();

}  // namespace v1
}  // namespace dpa
