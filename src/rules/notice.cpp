// notice: periods the controller depends on.
#include <algorithm>

#include <fmt/format.h>

#include "rules/rule.hpp"

namespace dpa::detail {

void add_notice_rules(std::vector<rule_def>& out) {
  out.push_back(
      {{"notice/dsr-deadline", severity::warning, "The processor's deadline can exceed the controller's month",
        "Art. 12(3) GDPR", gdpr,
        "The controller must answer a data-subject request without undue delay and at the latest within one month "
        "of receipt (Art. 12(3)); a month is 28 to 31 days. A processor deadline that can be as long as the "
        "controller's whole month (\"within 30 days\" against a February) leaves the controller nothing.",
        "Agree a processor deadline clearly inside the month (e.g. 10 days).",
        R"({"dsr": {"deadline": "30 days"}})", R"({"dsr": {"deadline": "10 days"}})"},
       [](const context& c, emitter& e) {
         if (!c.doc.dsr || !c.doc.dsr->deadline) {
           if (c.doc.dsr) e.cannot("no-dsr-deadline", "the agreement gives no deadline for data-subject requests", "/dsr");
           return;
         }
         static const duration month = parse_duration("one month").value();
         const auto& d = *c.doc.dsr->deadline;
         e.fire_if(longer(d, month), "dsr",
                   fmt::format("the processor's deadline of {} can exceed the controller's one month (28 to 31 days)",
                               said(d)),
                   {at("/dsr/deadline", c.doc.dsr->source)});
       }});
  out.push_back(
      {{"notice/audit-frequency", severity::info, "Audits capped with no exception for a breach or an authority",
        "Art. 28(3)(h) GDPR", gdpr,
        "A cap of one audit a year is common, but after a breach or on a supervisory authority's order the "
        "controller must be able to audit at once. A cap with no such exception can block the audit that matters.",
        "Add exceptions to the cap: after a personal data breach and when a supervisory authority requires it.",
        R"({"audits": {"exceptions": null}})", R"({})"},
       [](const context& c, emitter& e) {
         const auto& a = c.doc.audits;
         if (!a || (!a->max_per_year && !a->max_information_requests_per_year)) return;
         auto has = [&](audit_exception x) { return std::find(a->exceptions.begin(), a->exceptions.end(), x) != a->exceptions.end(); };
         if (has(audit_exception::breach) || has(audit_exception::regulator)) return;
         if (!a->max_per_year) {
           e.fire("audits",
                  fmt::format("requests for information are capped at {} a year with no exception for a breach or a "
                              "regulator's order", *a->max_information_requests_per_year),
                  {at("/audits/max_information_requests_per_year", a->source)});
           return;
         }
         e.fire("audits",
                fmt::format("audits are capped at {} a year with no exception for a breach or a regulator's order{}",
                            *a->max_per_year, has(audit_exception::justified_reason) ? " (only \"justified reasons\")" : ""),
                {at("/audits/max_per_year", a->source)});
       }});
  out.push_back(
      {{"notice/amendment", severity::warning, "Amendments without notice or a right to terminate", "Art. 28(3) and (9) GDPR",
        gdpr,
        "The Art. 28 contract binds the processor as the controller instructs. A processor that may amend it "
        "unilaterally must at least give advance notice and let the controller leave; otherwise the controller's "
        "instructions can be rewritten under it.",
        "Give advance notice of amendments (e.g. 30 days) and a right to terminate over them.",
        R"({"amendments": {"mode": "unilateral"}})", R"({"amendments": {"mode": "unilateral", "notice": "30 days", "termination_right": true}})"},
       [](const context& c, emitter& e) {
         const auto& a = c.doc.amendments;
         if (!a || a->mode != amendment_mode::unilateral) return;
         std::vector<std::string> missing;
         if (!a->notice) missing.push_back("advance notice");
         if (!a->termination_right) missing.push_back("a right to terminate");
         if (!missing.empty())
           e.fire("amendments", fmt::format("the processor may amend the agreement without {}", fmt::join(missing, " or ")),
                  {at("/amendments", a->source)});
       }});
}

}  // namespace dpa::detail
