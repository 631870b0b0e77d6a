// breach: Art. 33 GDPR.
#include <algorithm>

#include <fmt/format.h>

#include "rules/rule.hpp"

namespace dpa::detail {

void add_breach_rules(std::vector<rule_def>& out) {
  out.push_back(
      {{"breach/notice-missing", severity::violation, "No duty to notify the controller of a breach", "Art. 33(2) GDPR",
        gdpr,
        "Art. 33(2): the processor shall notify the controller without undue delay after becoming aware of a "
        "personal data breach. The controller's own 72 hours (Art. 33(1)) depend on it. Assistance \"with "
        "notifications\" is not a duty to notify.",
        "Add: the processor notifies the controller of any personal data breach without undue delay and in any "
        "case within a fixed number of hours.",
        R"({"breach": null})", R"({})"},
       [](const context& c, emitter& e) {
         if (!c.doc.breach) e.fire("breach", "the agreement has no duty to notify the controller of a personal data breach", {at("")});
       }});
  out.push_back(
      {{"breach/unbounded", severity::warning, "Breach notice with no concrete bound", "Art. 33(2) GDPR", gdpr,
        "\"Without undue delay\" is the law's minimum, not a deadline the controller can plan with: it has 72 hours "
        "from its own awareness (Art. 33(1)). EDPB Guidelines 07/2020 expect the contract to fix the time frame.",
        "Add a bound in hours (e.g. \"and in any case within 24 hours\").",
        R"({"breach": {"bound": null}})", R"({})"},
       [](const context& c, emitter& e) {
         if (!c.doc.breach) return;
         const auto& b = *c.doc.breach;
         if (!b.bound || !b.bound->bounded())
           e.fire("breach",
                  b.bound ? fmt::format("breach notice is due {}, with no concrete bound", said(*b.bound))
                          : std::string("breach notice has no concrete bound"),
                  {at(b.bound ? "/breach/bound" : "/breach", b.source)});
       }});
  out.push_back(
      {{"breach/no-slack", severity::warning, "The processor's bound uses up the controller's 72 hours",
        "Art. 33(1) and (2) GDPR", gdpr,
        "The controller must notify the supervisory authority within 72 hours of becoming aware (Art. 33(1)); "
        "it may be aware only when the processor tells it, but authorities expect the processor's delay to count. "
        "A processor bound of 72 hours or more leaves the controller no time to assess and notify.",
        "Agree a bound well inside the controller's budget (24 to 48 hours is common).",
        R"({"breach": {"bound": "72 hours"}})", R"({})"},
       [](const context& c, emitter& e) {
         if (!c.doc.breach || !c.doc.breach->bound || !c.doc.breach->bound->bounded()) return;
         const auto& b = *c.doc.breach;
         auto msg = fmt::format("the processor may take {} to notify a breach, leaving nothing of the controller's {}",
                                said(*b.bound), c.opts.breach_budget.describe());
         if (b.target) msg += fmt::format(" (the {} target does not bind)", said(*b.target));
         e.fire_if(negate(shorter(*b.bound, c.opts.breach_budget)), "breach", std::move(msg), {at("/breach/bound", b.source)});
       }});
  out.push_back(
      {{"breach/content", severity::warning, "The breach notice lacks items of Art. 33(3)", "Art. 33(3) GDPR", gdpr,
        "The controller's notice to the authority must describe the nature of the breach (categories and "
        "approximate numbers of data subjects and records), a contact point, the likely consequences and the "
        "measures taken or proposed (Art. 33(3)). It can only do so if the processor's notice carries them. A "
        "notice promised to carry whatever the controller needs to meet its obligations reaches every item.",
        "List the Art. 33(3) items the processor's notice contains, or refer to Art. 33(3).",
        R"({"breach": {"content": ["nature"]}})", R"({"breach": {"content": null, "content_general": true}})"},
       [](const context& c, emitter& e) {
         if (!c.doc.breach || c.doc.breach->content_general) return;
         const auto& b = *c.doc.breach;
         auto has = [&](breach_item i) { return std::find(b.content.begin(), b.content.end(), i) != b.content.end(); };
         std::vector<std::string> missing;
         if (!has(breach_item::nature)) missing.push_back("the nature of the breach");
         if (!has(breach_item::subject_categories) || !has(breach_item::subject_count))
           missing.push_back("categories and numbers of data subjects");
         if (!has(breach_item::record_categories) || !has(breach_item::record_count))
           missing.push_back("categories and numbers of records");
         if (!has(breach_item::contact_point)) missing.push_back("a contact point");
         if (!has(breach_item::consequences)) missing.push_back("likely consequences");
         if (!has(breach_item::measures)) missing.push_back("measures taken or proposed");
         if (!missing.empty())
           e.fire("breach", fmt::format("the breach notice does not include {}", fmt::join(missing, ", ")),
                  {at(b.content.empty() ? "/breach" : "/breach/content", b.source)});
       }});
}

}  // namespace dpa::detail
