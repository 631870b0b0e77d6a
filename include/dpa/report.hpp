// Findings and reports: the one result type of every evaluation.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <dpa/date.hpp>
#include <dpa/document.hpp>

namespace dpa {
inline namespace v1 {

enum class severity : std::uint8_t { info, warning, violation };
enum class certainty : std::uint8_t { definite, possible };

[[nodiscard]] std::string_view to_string(severity s) noexcept;
[[nodiscard]] std::string_view to_string(certainty c) noexcept;
[[nodiscard]] std::optional<severity> parse_severity(std::string_view s) noexcept;

/// Where a finding's evidence is: a JSON pointer into the document and, when
/// the document records it, the clause of the agreement.
struct evidence {
  std::string pointer;
  std::optional<std::string> clause;
  /// Where the pointer is in the document's text, 1-based; 0 until locate_evidence() is given
  /// the text (or when the text has no such value).
  std::uint32_t line = 0, column = 0;
  friend bool operator==(const evidence&, const evidence&) = default;
};

// Rule ids and references are views of the static rule catalogue: valid for
// the life of the program, never owned by a report.
struct finding {
  std::string_view rule;  ///< "transfer/missing-mechanism"
  dpa::severity severity = dpa::severity::warning;
  dpa::certainty certainty = dpa::certainty::definite;
  std::string subject;  ///< the thing concerned: a sub-processor id, a category, a clause
  std::string message;  ///< one line naming the subject
  std::vector<dpa::evidence> evidence;
  std::string_view reference;  ///< the legal basis, e.g. "Art. 33(2) GDPR"
  std::string fingerprint;  ///< stable across runs: rule, subject and where
  bool suppressed = false;
  std::string suppression_reason;
  friend bool operator==(const finding&, const finding&) = default;
};

/// A rule that could not be evaluated, with a reason code.
struct not_evaluated {
  std::string_view rule;
  std::string reason;  ///< "list-by-reference", "no-location", "no-deletion-deadline", ...
  std::string detail;
  std::string pointer;
  friend bool operator==(const not_evaluated&, const not_evaluated&) = default;
};

/// Where one recipient's data goes and on what basis, at the report's date.
struct transfer_basis {
  std::string recipient;  ///< sub-processor id ("stripe/onward/0" for an onward step)
  std::string name;
  country_code country;
  std::string basis;   ///< "eea", "adequacy", "tool", "none", "undetermined"
  std::string detail;  ///< the decision or tool relied on
  std::string pointer;
  friend bool operator==(const transfer_basis&, const transfer_basis&) = default;
};

struct report {
  std::string subject;  ///< the document's id (or the file, set by the caller)
  date as_of{};
  std::string knowledge_version;
  std::string knowledge_checksum;
  std::vector<std::string_view> rules_run;  ///< sorted
  std::vector<finding> findings;       ///< ordered by rule id, then evidence pointer
  std::vector<not_evaluated> not_evaluable;
  std::vector<transfer_basis> transfer_map;  ///< every recipient and destination, in document order
  std::vector<std::string> notes;      ///< e.g. an expired suppression

  /// Findings per rule id for every rule that ran (zero included); suppressed ones are not counted.
  [[nodiscard]] std::map<std::string, std::size_t> counts() const;
  /// The highest severity among findings that are not suppressed.
  [[nodiscard]] std::optional<dpa::severity> worst() const;
};

}  // namespace v1
}  // namespace dpa
