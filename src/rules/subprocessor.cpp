// subprocessor: Art. 28(2) and (4) GDPR, EDPB Opinion 22/2024.
#include <algorithm>

#include <fmt/format.h>

#include "text.hpp"
#include "rules/rule.hpp"

namespace dpa::detail {

namespace {

bool general_or_unstated(const context& c) {
  return c.doc.subprocessing && c.doc.subprocessing->authorisation != authorisation::specific;
}
}  // namespace

void add_subprocessor_rules(std::vector<rule_def>& out) {
  out.push_back(
      {{"subprocessor/unidentified", severity::violation, "A sub-processor that is not an identifiable entity",
        "Art. 28(2) and (4) GDPR; EDPB Opinion 22/2024", gdpr,
        "The controller must have the identity (name, address, contact) of every processor and sub-processor at "
        "every level readily available (EDPB Opinion 22/2024). \"VPS Provider\" names a kind of service, not a "
        "legal entity: the controller cannot object to it, check its guarantees or locate its transfers.",
        "Name the legal entity (e.g. \"Hetzner Online GmbH\") with its country.",
        R"({"subprocessors": [{"id": "vps", "name": "VPS Provider", "identity": "generic"}]})",
        R"({"subprocessors": [{"id": "mail", "name": "Own mail server", "identity": "generic", "country": "DE", "self_operated": true}]})"},
       [](const context& c, emitter& e) {
         for_each_subprocessor(c, [&](const subprocessor& s, const std::string& ptr) {
           if (s.identity == identity::generic)
             e.fire(s.id, fmt::format("\"{}\" is not an identifiable legal entity", s.name),
                    {at(ptr + "/name", s.source)});
         });
       }});
  out.push_back(
      {{"subprocessor/list-by-reference", severity::info, "The sub-processor list is only referenced",
        "Art. 28(2) GDPR; EDPB Opinion 22/2024", gdpr,
        "The agreement points to a web page for its sub-processors. That is allowed, but the list is outside the "
        "document: what it says, and every rule that depends on it (transfers, identity, locations), cannot be "
        "evaluated here, and the controller must keep a dated copy to show what it authorised.",
        "Encode the referenced list in the document (or attach it as an annex) so it can be checked.",
        R"({"subprocessing": {"list": "by-reference", "list_url": "https://example.com/subprocessors"}, "subprocessors": null})",
        R"({})"},
       [](const context& c, emitter& e) {
         const auto& s = c.doc.subprocessing;
         if (s && s->list == list_form::by_reference)
           e.fire("subprocessing",
                  fmt::format("the sub-processor list is only referenced{}; {}",
                              s->list_url ? fmt::format(" ({})", *s->list_url) : std::string(),
                              c.doc.subprocessors.empty()
                                  ? std::string("it cannot be evaluated")
                                  : fmt::format("the {} entries encoded from it were evaluated, but it can change "
                                                "without the agreement changing",
                                                c.doc.subprocessors.size())),
                  {at("/subprocessing/list", s->source)});
       }});
  out.push_back(
      {{"subprocessor/unlisted", severity::warning, "A recipient of personal data missing from the list",
        "Art. 28(2) GDPR", gdpr,
        "A third party that the agreement itself says receives personal data (a backup store, a log service, an "
        "email gateway) is a sub-processor whether or not it is listed. Leaving it off the list deprives the "
        "controller of its authorisation and objection rights for that recipient.",
        "Add the recipient to the sub-processor list, or state that it receives no personal data.",
        R"({"mentions": [{"name": "LogCloud", "context": "log shipping", "receives_personal_data": true}]})",
        R"({"mentions": [{"name": "Example Hosting", "context": "hosting", "receives_personal_data": true}]})"},
       [](const context& c, emitter& e) {
         // A referenced list whose entries were encoded is compared as encoded.
         if (c.doc.subprocessing && c.doc.subprocessing->list == list_form::by_reference && c.doc.subprocessors.empty()) {
           if (std::any_of(c.doc.mentions.begin(), c.doc.mentions.end(),
                           [](const mention& m) { return m.receives_personal_data; }))
             e.cannot("list-by-reference", "recipients named in the text cannot be compared with a list that is only referenced",
                      "/subprocessing/list");
           return;
         }
         std::vector<std::string> names;
         for_each_subprocessor(c, [&](const subprocessor& s, const std::string&) {
           for (const auto* n : {&s.name, s.legal_name ? &*s.legal_name : nullptr, s.trade_name ? &*s.trade_name : nullptr})
             if (n) names.push_back(detail::ascii_lower(*n));
         });
         for (std::size_t i = 0; i < c.doc.mentions.size(); ++i) {
           const auto& m = c.doc.mentions[i];
           if (!m.receives_personal_data) continue;
           auto want = detail::ascii_lower(m.name);
           bool listed = std::any_of(names.begin(), names.end(), [&](const std::string& n) {
             return n.rfind(want, 0) == 0 || want.rfind(n, 0) == 0;
           });
           if (!listed)
             e.fire(m.name, fmt::format("`{}` receives personal data ({}) but is not in the sub-processor list", m.name, m.context),
                    {at(fmt::format("/mentions/{}", i), m.source)});
         }
       }});
  out.push_back(
      {{"subprocessor/change-notice-missing", severity::violation, "No notice of intended changes of sub-processors",
        "Art. 28(2) GDPR", gdpr,
        "Under a general authorisation the processor shall inform the controller of any intended addition or "
        "replacement of sub-processors, giving it the opportunity to object (Art. 28(2), second sentence). Without "
        "notice the controller learns of a new recipient only after its data is there.",
        "Promise advance notice of changes, with a period (e.g. 30 days) and a channel (email to a registered "
        "contact).",
        R"({"subprocessing": {"change_notice": null}})", R"({})"},
       [](const context& c, emitter& e) {
         if (!general_or_unstated(c)) return;
         const auto& n = c.doc.subprocessing->change_notice;
         if (!n) {
           e.fire("subprocessing", "the agreement does not promise notice of intended changes of sub-processors",
                  {at("/subprocessing", c.doc.subprocessing->source)});
         } else if (n->timing != notice_timing::prior) {
           // Notice "when the list is modified" may come with the change; notice after it is no notice of an intended one.
           e.fire("subprocessing",
                  n->timing == notice_timing::after
                      ? "notice of a new sub-processor comes after the change, not before it"
                      : "notice of a new sub-processor is promised only as the change is made, possibly after it",
                  {at("/subprocessing/change_notice/timing", n->source)},
                  n->timing == notice_timing::after ? certainty::definite : certainty::possible);
         }
       }});
  out.push_back(
      {{"subprocessor/change-notice-unbounded", severity::warning, "Notice of changes promised with no period",
        "Art. 28(2) GDPR; Clause 9(a) of the 2021 SCCs", gdpr,
        "Notice that comes a day before the change gives no real chance to object. The 2021 SCCs (Clause 9(a), "
        "Option 2) require the parties to fill in a period; an agreement without one is incomplete.",
        "State the period of advance notice (e.g. at least 30 days before the change).",
        R"({"subprocessing": {"change_notice": {"period": null}}})",
        R"({"subprocessing": {"change_notice": {"period": null, "timing": "on-change"}}})"},
       [](const context& c, emitter& e) {
         if (!c.doc.subprocessing || !c.doc.subprocessing->change_notice) return;
         const auto& n = *c.doc.subprocessing->change_notice;
         if (!n.period && n.timing == notice_timing::prior)  // notice that may come late is change-notice-missing
           e.fire("subprocessing", "notice of sub-processor changes is promised but no period is given",
                  {at("/subprocessing/change_notice", n.source)});
       }});
  out.push_back(
      {{"subprocessor/objection-missing", severity::violation, "No opportunity to object to a change",
        "Art. 28(2) GDPR", gdpr,
        "Art. 28(2) gives the controller, under a general authorisation, the opportunity to object to intended "
        "changes. An agreement that only informs takes that right away.",
        "Give the controller a right to object within the notice period, and say what follows (e.g. termination "
        "without penalty).",
        R"({"subprocessing": {"objection": null}})", R"({})"},
       [](const context& c, emitter& e) {
         if (!general_or_unstated(c) || c.doc.subprocessing->objection) return;
         e.fire("subprocessing", "the agreement gives no opportunity to object to a new sub-processor",
                {at("/subprocessing", c.doc.subprocessing->source)});
       }});
  out.push_back(
      {{"subprocessor/objection-window", severity::warning, "The window to object is too short or ends too late",
        "Art. 28(2) GDPR", gdpr,
        "An objection is only useful before the change takes effect and with time to assess the new recipient. A "
        "window that runs past the change, or is shorter than the configured minimum (14 days by default), is a "
        "right in name only.",
        "Let the window run with the notice period, of at least the minimum, ending before the change takes effect.",
        R"({"subprocessing": {"change_notice": {"period": "7 days"}}})", R"({})"},
       [](const context& c, emitter& e) {
         if (!c.doc.subprocessing || !c.doc.subprocessing->objection) return;
         const auto& s = *c.doc.subprocessing;
         const auto& o = *s.objection;
         const auto* notice = s.change_notice && s.change_notice->period ? &*s.change_notice->period : nullptr;
         const duration* window = o.window ? &*o.window : (o.within_notice_period ? notice : nullptr);
         if (!window) {
           e.cannot("no-objection-window", "the agreement gives no window for objections", "/subprocessing/objection");
           return;
         }
         e.fire_if(shorter(*window, c.opts.min_objection_window), "subprocessing",
                   fmt::format("the controller has {} to object, less than {}", said(*window),
                               c.opts.min_objection_window.describe()),
                   {at(o.window ? "/subprocessing/objection/window" : "/subprocessing/change_notice/period", o.source)});
         if (o.window && notice)
           e.fire_if(longer(*o.window, *notice), "subprocessing",
                     fmt::format("the window to object ({}) ends after the change takes effect (notice {})", said(*o.window),
                                 said(*notice)),
                     {at("/subprocessing/objection/window", o.source)});
       }});
}

}  // namespace dpa::detail
