// The rule catalogue: what each rule checks, why, and what to do about it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <dpa/report.hpp>

namespace dpa {
inline namespace v1 {

struct rule_info {
  std::string_view id;         ///< "family/name", stable
  dpa::severity severity;      ///< default severity
  std::string_view title;      ///< one line
  std::string_view reference;  ///< "Art. 33(2) GDPR"
  std::string_view url;        ///< EUR-Lex or ELI link
  std::string_view rationale;  ///< a paragraph a lawyer can check
  std::string_view remediation;
  /// Top-level members merged into a clean example document: one makes the rule fire, one keeps it quiet.
  std::string_view example_fires;
  std::string_view example_quiet;
};

/// Every built-in rule over one document, sorted by id (the diff rules are in diff.hpp).
[[nodiscard]] const std::vector<rule_info>& rule_catalogue();
/// A rule of any catalogue by id: documents, diffs, tenants, graphs.
/// (The first call makes the catalogues: std::bad_alloc if memory runs out then.)
[[nodiscard]] const rule_info* find_rule(std::string_view id);
/// The rule id of any catalogue nearest to `id`, when close enough to be a likely typo ("did you mean").
[[nodiscard]] std::optional<std::string> closest_rule(std::string_view id);

/// What a rule is evaluated on. A rule id means one thing wherever it runs:
/// the transfer rules, for instance, run on documents and on graphs.
enum class rule_kind : unsigned char {
  document = 1,  ///< dpa::evaluate, `dpa check`
  diff = 2,      ///< dpa::diff, `dpa diff`
  tenant = 4,    ///< dpa::tenant_policy, `dpa tenant`
  graph = 8,     ///< dpa::evaluate_graph, `dpa graph check`
};
[[nodiscard]] std::string_view to_string(rule_kind k) noexcept;

/// One rule of the whole catalogue, with every kind it runs on.
struct catalogue_entry {
  const rule_info* info = nullptr;
  unsigned kinds = 0;  ///< bits of rule_kind
  [[nodiscard]] bool runs_on(rule_kind k) const noexcept { return (kinds & static_cast<unsigned>(k)) != 0; }
  [[nodiscard]] std::vector<rule_kind> kind_list() const;
};
/// Every rule once, sorted by id.
[[nodiscard]] const std::vector<catalogue_entry>& full_catalogue();

/// A complete, clean DPA document (JSON) in which no rule fires; rule examples patch it.
[[nodiscard]] std::string_view clean_example_document() noexcept;
/// The clean example document with `patch` applied as an RFC 7386 JSON merge
/// patch (objects merge, null deletes). A patch that is not JSON yields "".
[[nodiscard]] std::string example_document(std::string_view patch);
/// `base` with `patch` applied as an RFC 7386 JSON merge patch; "" if either is not JSON.
[[nodiscard]] std::string merge_patch(std::string_view base, std::string_view patch);

}  // namespace v1
}  // namespace dpa
