// What a rule sees and how it reports. Internal to the library.
#pragma once

#include <algorithm>
#include <tuple>
#include <string>
#include <vector>

#include <dpa/evaluate.hpp>
#include <dpa/rules.hpp>

#include "rules/transfer_analysis.hpp"

namespace dpa::detail {

/// The GDPR on EUR-Lex, the reference of most rules.
inline constexpr std::string_view gdpr = "https://eur-lex.europa.eu/eli/reg/2016/679/oj";

struct context {
  const document& doc;
  const options& opts;
  const knowledge& kb;
  const transfer_analysis& transfers;
};

/// Collects what one rule finds. Severity, reference and fingerprint are filled in by the evaluator.
class emitter {
 public:
  explicit emitter(const rule_info& info) : info_(info) {}

  void fire(std::string subject, std::string message, std::vector<evidence> where,
            certainty c = certainty::definite) {
    finding f;
    f.rule = info_.id;
    f.severity = info_.severity;
    f.certainty = c;
    f.subject = std::move(subject);
    f.message = std::move(message);
    f.evidence = std::move(where);
    f.reference = info_.reference;
    findings.push_back(std::move(f));
  }
  /// A finding at warning severity whatever the rule's default: an element present but thin.
  void thin(std::string subject, std::string message, std::vector<evidence> where,
            certainty c = certainty::definite) {
    fire(std::move(subject), std::move(message), std::move(where), c);
    findings.back().severity = severity::warning;
  }
  /// Like fire(), but only when `a` is yes (definite) or depends (possible).
  void fire_if(answer a, std::string subject, std::string message, std::vector<evidence> where) {
    if (a == answer::no) return;
    fire(std::move(subject), std::move(message), std::move(where),
         a == answer::yes ? certainty::definite : certainty::possible);
  }
  /// Findings in evidence order (rules run in id order, so the report needs no further sort).
  void sort() {
    std::stable_sort(findings.begin(), findings.end(), [](const finding& a, const finding& b) {
      auto pa = a.evidence.empty() ? std::string_view{} : std::string_view(a.evidence.front().pointer);
      auto pb = b.evidence.empty() ? std::string_view{} : std::string_view(b.evidence.front().pointer);
      return std::tie(pa, a.subject, a.message) < std::tie(pb, b.subject, b.message);
    });
    std::stable_sort(skipped.begin(), skipped.end(), [](const not_evaluated& a, const not_evaluated& b) {
      return std::tie(a.pointer, a.reason) < std::tie(b.pointer, b.reason);
    });
  }
  void cannot(std::string reason, std::string detail, std::string pointer = {}) {
    skipped.push_back({info_.id, std::move(reason), std::move(detail), std::move(pointer)});
  }

  std::vector<finding> findings;
  std::vector<not_evaluated> skipped;

 private:
  const rule_info& info_;
};

using check_fn = void (*)(const context&, emitter&);

struct rule_def {
  rule_info info;
  check_fn check;
};

// Each family adds its rules; the registry sorts them by id.
void add_art28_rules(std::vector<rule_def>& out);
void add_transfer_rules(std::vector<rule_def>& out);
void add_subprocessor_rules(std::vector<rule_def>& out);
void add_breach_rules(std::vector<rule_def>& out);
void add_retention_rules(std::vector<rule_def>& out);
void add_notice_rules(std::vector<rule_def>& out);

const std::vector<rule_def>& builtin_rules();

/// Evidence at `pointer`, with the clause when the document records one.
inline evidence at(std::string pointer, const clause_ref& clause = {}) { return {std::move(pointer), clause, 0, 0}; }

/// Every sub-processor at every depth, with its JSON pointer, in document order.
template <class F>
void for_each_subprocessor(const context& c, F&& fn) {
  for (const auto& [sub, pointer] : c.transfers.subprocessors) fn(*sub, pointer);
}

/// Does a rule run under these selections? `enable` empty means all; entries are ids or families.
inline bool selected(std::string_view id, const std::vector<std::string>& enable, const std::vector<std::string>& disable) {
  auto family = id.substr(0, id.find('/'));
  auto in = [&](const std::vector<std::string>& v) {
    return std::any_of(v.begin(), v.end(), [&](const std::string& s) { return s == id || s == family; });
  };
  return (enable.empty() || in(enable)) && !in(disable);
}

/// Stable identity of a finding: its rule, subject and evidence pointers (FNV-1a, hex).
std::string fingerprint_of(const finding& f);

/// not yes is no, not no is yes, depends stays.
inline answer negate(answer a) { return a == answer::yes ? answer::no : a == answer::no ? answer::yes : answer::depends; }

/// "72 hours", "without undue delay": the duration as the contract says it.
inline std::string said(const duration& d) { return "`" + d.text() + "`"; }

}  // namespace dpa::detail
