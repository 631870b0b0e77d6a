// art28: the contents Art. 28(2)-(4) GDPR requires. Absent: violation; present but thin: warning.
#include <fmt/format.h>

#include "rules/rule.hpp"

namespace dpa::detail {

namespace {


// Fires a violation when absent, or a warning when `thin` names what is missing.
void absent_or_thin(emitter& e, bool present, std::string_view subject, std::string_view what, std::string pointer,
                    const clause_ref& clause = {}, std::string thin = {}) {
  if (!present) {
    e.fire(std::string(subject), fmt::format("the agreement does not state {}", what), {at(pointer)});
  } else if (!thin.empty()) {
    e.thin(std::string(subject), std::move(thin), {at(pointer, clause)});
  }
}

// What a description that is not in the agreement lacks ("" when it is described there).
std::string form_gap(description_form f, std::string_view what) {
  switch (f) {
    case description_form::in_passing: return fmt::format("{} are only mentioned in passing, not set out", what);
    case description_form::by_reference:
      return fmt::format("{} are given only by reference to another document or circularly, not set out", what);
    default: return {};
  }
}

}  // namespace

void add_art28_rules(std::vector<rule_def>& out) {
  out.push_back({{"art28/subject-matter", severity::violation, "The subject matter of the processing is stated",
                  "Art. 28(3) GDPR", gdpr,
                  "Art. 28(3) GDPR requires the contract to set out the subject matter of the processing. Without it "
                  "the controller cannot show what it instructed the processor to do.",
                  "State what the processing is about, e.g. \"hosting of the customer's CRM data\".",
                  R"({"processing": {"subject_matter": null}})", R"({})"},
                 [](const context& c, emitter& e) {
                   absent_or_thin(e, c.doc.processing.subject_matter.has_value(), "processing", "the subject matter of the processing",
                                  "/processing");
                 }});
  out.push_back({{"art28/duration", severity::violation, "The duration of the processing is stated", "Art. 28(3) GDPR",
                  gdpr,
                  "Art. 28(3) GDPR requires the contract to set out the duration of the processing, which bounds how "
                  "long the processor may hold the data.",
                  "State how long the processing lasts, e.g. \"for the term of the main contract\".",
                  R"({"processing": {"duration": null}})", R"({})"},
                 [](const context& c, emitter& e) {
                   absent_or_thin(e, c.doc.processing.duration.has_value(), "processing", "the duration of the processing",
                                  "/processing");
                 }});
  out.push_back({{"art28/nature-purpose", severity::violation, "The nature and purpose of the processing are stated",
                  "Art. 28(3) GDPR", gdpr,
                  "Art. 28(3) GDPR requires both the nature (what operations) and the purpose (why) of the processing. "
                  "A purpose alone does not say what the processor does with the data; a list of operations alone does "
                  "not bound why.",
                  "List the operations (storage, transmission, analysis, ...) and the purposes they serve.",
                  R"({"processing": {"nature": null}})", R"({})"},
                 [](const context& c, emitter& e) {
                   const auto& p = c.doc.processing;
                   if (p.nature.empty() && p.purposes.empty()) {
                     absent_or_thin(e, false, "processing", "the nature or the purpose of the processing", "/processing");
                   } else if (p.nature.empty()) {
                     absent_or_thin(e, true, "processing", "", "/processing/purposes", p.purposes.front().source,
                                    "the purposes are stated but not the nature of the processing (what operations)");
                   } else if (p.purposes.empty()) {
                     absent_or_thin(e, true, "processing", "", "/processing/nature", p.nature.front().source,
                                    "the nature is stated but not the purposes of the processing");
                   }
                 }});
  out.push_back({{"art28/data-categories", severity::violation, "The types of personal data are stated", "Art. 28(3) GDPR",
                  gdpr, "Art. 28(3) GDPR requires the contract to set out the type of personal data processed.",
                  "List the categories of personal data, flagging any special categories (Art. 9) or criminal data (Art. 10).",
                  R"({"data_categories": null, "subprocessors": [{"id": "hoster", "name": "Example Hosting SE", "country": "DE"}], "retention": null})", R"({})"},
                 [](const context& c, emitter& e) {
                   absent_or_thin(e, !c.doc.data_categories.empty(), "data_categories", "the types of personal data", "",
                                  {}, form_gap(c.doc.data_categories_form, "the types of personal data"));
                 }});
  out.push_back({{"art28/data-subjects", severity::violation, "The categories of data subjects are stated", "Art. 28(3) GDPR",
                  gdpr, "Art. 28(3) GDPR requires the contract to set out the categories of data subjects.",
                  "List whose data is processed: employees, end users, the customer's customers, ...",
                  R"({"data_subjects": null})", R"({})"},
                 [](const context& c, emitter& e) {
                   absent_or_thin(e, !c.doc.data_subjects.empty(), "data_subjects", "the categories of data subjects", "",
                                  {}, form_gap(c.doc.data_subjects_form, "the categories of data subjects"));
                 }});
  out.push_back({{"art28/controller-rights", severity::violation, "The obligations and rights of the controller are stated",
                  "Art. 28(3) GDPR", gdpr,
                  "Art. 28(3) GDPR requires the contract to set out the obligations and rights of the controller, not only "
                  "the processor's duties.",
                  "Add a clause on the controller's obligations and rights (instructions, audits, objections, choice of "
                  "return or deletion).",
                  R"({"controller_obligations": null})", R"({})"},
                 [](const context& c, emitter& e) {
                   absent_or_thin(e, c.doc.controller_obligations.has_value(), "controller_obligations",
                                  "the obligations and rights of the controller", "");
                 }});
  out.push_back({{"art28/documented-instructions", severity::violation,
                  "Processing only on documented instructions, including transfers", "Art. 28(3)(a) GDPR", gdpr,
                  "Art. 28(3)(a) GDPR: the processor processes personal data only on documented instructions from the "
                  "controller, including with regard to transfers to a third country, unless Union or Member State law "
                  "requires otherwise. A clause that does not mention transfers leaves them outside the instructions.",
                  "State that the processor acts only on documented instructions, including for third-country transfers.",
                  R"({"instructions": {"covers_transfers": false}})", R"({})"},
                 [](const context& c, emitter& e) {
                   const auto& i = c.doc.instructions;
                   absent_or_thin(e, i && i->documented, "instructions", "that processing happens only on documented instructions",
                                  "/instructions", i ? i->source : clause_ref{},
                                  i && !i->covers_transfers
                                      ? "the duty to follow documented instructions does not extend to transfers to third countries"
                                      : "");
                 }});
  out.push_back({{"art28/instruction-infringement", severity::violation,
                  "The processor must say when an instruction infringes the law", "Art. 28(3) GDPR, last subparagraph", gdpr,
                  "Under the last subparagraph of Art. 28(3) GDPR the processor shall immediately inform the controller if, "
                  "in its opinion, an instruction infringes the GDPR or other Union or Member State data protection law. "
                  "A duty worded \"promptly\", \"without undue delay\" or \"unverzüglich\", or with no time at all, is "
                  "present: it is read as the Regulation's \"immediately\". Only its absence, or a fixed bound of more "
                  "than 72 hours (\"within 5 business days\"), which lets the processor carry out an unlawful instruction "
                  "meanwhile, is a finding.",
                  "Add: \"The processor shall immediately inform the controller if, in its opinion, an instruction "
                  "infringes data protection law.\"",
                  R"({"instructions": {"infringement": null}})", R"({"instructions": {"infringement": {"bound": "without undue delay"}}})"},
                 [](const context& c, emitter& e) {
                   const auto& i = c.doc.instructions;
                   if (!i || !i->infringement) {
                     e.fire("instructions", "the agreement has no duty to tell the controller when an instruction infringes the law",
                            {at(i ? "/instructions" : "", i ? i->source : clause_ref{})});
                     return;
                   }
                   const auto& inf = *i->infringement;
                   constexpr duration::seconds late = 72 * 3600;
                   if (inf.bound && inf.bound->how() == duration::kind::fixed && inf.bound->longest() > late)
                     e.thin("instructions", fmt::format("the processor may take {} to say that an instruction infringes the "
                            "law, where the GDPR says immediately", said(*inf.bound)),
                            {at("/instructions/infringement/bound", inf.source)},
                            inf.bound->shortest() > late ? certainty::definite : certainty::possible);
                 }});
  out.push_back({{"art28/confidentiality", severity::violation, "Persons authorised to process are bound by confidentiality",
                  "Art. 28(3)(b) GDPR", gdpr,
                  "Art. 28(3)(b) GDPR: persons authorised to process the personal data have committed themselves to "
                  "confidentiality or are under an appropriate statutory obligation of confidentiality.",
                  "Add a confidentiality clause covering everyone who processes the data.",
                  R"({"confidentiality": null})", R"({})"},
                 [](const context& c, emitter& e) {
                   absent_or_thin(e, c.doc.confidentiality.has_value(), "confidentiality",
                                  "that persons processing the data are bound by confidentiality", "");
                 }});
  out.push_back({{"art28/security", severity::violation, "Security measures under Art. 32 are part of the contract",
                  "Art. 28(3)(c) GDPR; Art. 32 GDPR", gdpr,
                  "Art. 28(3)(c) GDPR requires the processor to take all measures required under Art. 32. EDPB "
                  "Guidelines 07/2020 expect the contract to say concretely which measures, not merely restate the law.",
                  "List the technical and organisational measures (encryption, access control, resilience, testing) or "
                  "reference an annex that does.",
                  R"({"security": {"measures": null}})", R"({})"},
                 [](const context& c, emitter& e) {
                   const auto& s = c.doc.security;
                   absent_or_thin(e, s.has_value(), "security", "the security measures of Art. 32", "/security",
                                  s ? s->source : clause_ref{},
                                  s && s->measures.empty() && !s->reference
                                      ? "security is promised but no concrete measure is listed or referenced"
                                      : "");
                 }});
  out.push_back({{"art28/subprocessor-conditions", severity::violation,
                  "Sub-processors need authorisation and the same obligations", "Art. 28(2), 28(3)(d), 28(4) GDPR", gdpr,
                  "A processor may engage another processor only with the controller's prior specific or general written "
                  "authorisation (Art. 28(2)), and must impose the same data protection obligations on it by contract "
                  "(Art. 28(4)), remaining fully liable. An agreement that states neither leaves sub-processing "
                  "unregulated; one that states only one is thin.",
                  "State the kind of authorisation (specific or general) and that sub-processors are bound by the same "
                  "obligations by contract.",
                  R"({"subprocessing": {"authorisation": "not-stated", "flow_down": false}})", R"({})"},
                 [](const context& c, emitter& e) {
                   const auto& s = c.doc.subprocessing;
                   if (!s) {
                     e.fire("subprocessing", "the agreement does not regulate sub-processing", {at("")});
                     return;
                   }
                   bool authorised = s->authorisation != authorisation::not_stated;
                   if (!authorised && !s->flow_down) {
                     e.fire("subprocessing", "the agreement states neither an authorisation of sub-processors nor that they "
                            "are bound by the same obligations", {at("/subprocessing", s->source)});
                   } else if (!authorised) {
                     e.thin("subprocessing", "the kind of authorisation for sub-processors (specific or general) is not stated",
                            {at("/subprocessing/authorisation", s->source)});
                   } else if (!s->flow_down) {
                     e.thin("subprocessing", "the agreement does not impose the same data protection obligations on "
                            "sub-processors by contract (Art. 28(4))", {at("/subprocessing", s->source)});
                   } else if (s->flow_down_as_required_by_law) {
                     e.thin("subprocessing", "sub-processors are bound only to the obligations the law requires, not to "
                            "the same obligations as this agreement (Art. 28(4))",
                            {at("/subprocessing/flow_down_as_required_by_law", s->source)});
                   }
                 }});
  out.push_back({{"art28/dsr-assistance", severity::violation, "The processor assists with data-subject requests",
                  "Art. 28(3)(e) GDPR", gdpr,
                  "Art. 28(3)(e) GDPR: the processor assists the controller by appropriate technical and organisational "
                  "measures, insofar as possible, in responding to requests to exercise data-subject rights (Arts. 12-22).",
                  "Add the duty to assist with data-subject requests and say how (self-service, API, forwarding).",
                  R"({"dsr": null})", R"({})"},
                 [](const context& c, emitter& e) {
                   absent_or_thin(e, c.doc.dsr.has_value(), "dsr", "assistance with data-subject requests", "");
                 }});
  out.push_back({{"art28/compliance-assistance", severity::violation, "The processor assists with Arts. 32 to 36",
                  "Art. 28(3)(f) GDPR", gdpr,
                  "Art. 28(3)(f) GDPR: the processor assists the controller in ensuring compliance with Arts. 32 to 36: "
                  "security of processing, notification of breaches to the authority and to data subjects, data "
                  "protection impact assessments and prior consultation. The processor's own security measures "
                  "(Art. 28(3)(c)) are its help with Art. 32; what must not be missing is help with Arts. 33 to 36.",
                  "Add the duty to assist with security (Art. 32), breach notification (Arts. 33-34), DPIAs (Art. 35) and "
                  "prior consultation (Art. 36).",
                  R"({"assistance": {"prior_consultation": false}})", R"({})"},
                 [](const context& c, emitter& e) {
                   const auto& a = c.doc.assistance;
                   if (!a) {
                     e.fire("assistance", "the agreement does not state assistance with Arts. 32 to 36", {at("")});
                     return;
                   }
                   std::vector<std::string> missing;
                   // The processor's own security commitments (Art. 28(3)(c)) are its help with Art. 32.
                   const bool secures = c.doc.security && (!c.doc.security->measures.empty() || c.doc.security->reference);
                   if (!a->security && !secures) missing.push_back("security (Art. 32)");
                   if (!a->breach_notification) missing.push_back("breach notification (Arts. 33-34)");
                   if (!a->dpia) missing.push_back("impact assessments (Art. 35)");
                   if (!a->prior_consultation) missing.push_back("prior consultation (Art. 36)");
                   if (!missing.empty()) {
                     e.thin("assistance", fmt::format("assistance does not cover {}", fmt::join(missing, ", ")),
                            {at("/assistance", a->source)});
                   }
                 }});
  out.push_back({{"art28/deletion-or-return", severity::violation,
                  "Delete or return all data at the end, at the controller's choice", "Art. 28(3)(g) GDPR", gdpr,
                  "Art. 28(3)(g) GDPR: after the end of the services the processor deletes or returns all personal data, "
                  "at the choice of the controller, and deletes existing copies unless Union or Member State law requires "
                  "storage. Deletion only on request, or without a return option, takes the choice away from the "
                  "controller.",
                  "Give the controller the choice between deletion and return at the end, and make deletion of all copies "
                  "the default.",
                  R"({"deletion": {"choice": "delete-on-request"}})", R"({"deletion": {"choice": "on-instruction", "deadline": null}})"},
                 [](const context& c, emitter& e) {
                   const auto& d = c.doc.deletion;
                   if (!d || d->choice == deletion_choice::not_stated) {
                     e.fire("deletion", "the agreement does not say that data is deleted or returned at the end",
                            {at(d ? "/deletion" : "", d ? d->source : clause_ref{})});
                     return;
                   }
                   std::string why;
                   switch (d->choice) {
                     case deletion_choice::delete_on_request:
                       why = "data is deleted only on the controller's request, and return is not offered";
                       break;
                     case deletion_choice::delete_only: why = "the controller cannot choose return of the data"; break;
                     case deletion_choice::return_only: why = "the agreement offers return but not deletion of the data"; break;
                     case deletion_choice::delete_or_deidentify:
                       why = "the processor may de-identify the data instead of deleting or returning it, at its own choice";
                       break;
                     default: return;
                   }
                   e.thin("deletion", why, {at("/deletion/choice", d->source)});
                 }});
  out.push_back({{"art28/audits", severity::violation, "Information, audits and inspections", "Art. 28(3)(h) GDPR", gdpr,
                  "Art. 28(3)(h) GDPR: the processor makes available all information necessary to demonstrate compliance "
                  "and allows for and contributes to audits, including inspections, by the controller or an auditor it "
                  "mandates.",
                  "Grant information, audits and inspections; reports may come first or complement audits, but not "
                  "replace them.",
                  R"({"audits": {"allowed": false, "inspections": false}})", R"({"audits": {"reports": "first"}})"},
                 [](const context& c, emitter& e) {
                   const auto& a = c.doc.audits;
                   if (!a || (!a->information && !a->allowed)) {
                     e.fire("audits", "the agreement grants neither information nor audits", {at(a ? "/audits" : "")});
                     return;
                   }
                   std::vector<std::string> missing;
                   if (!a->information) missing.push_back("information to demonstrate compliance");
                   if (a->allowed && a->reports == audit_reports::instead) {
                     // Reports first, audits where they fall short, is accepted practice; reports instead is no audit right.
                     e.thin("audits", "third-party reports replace the controller's audits: the agreement grants no audit of its own",
                            {at("/audits/reports", a->source)});
                     return;
                   }
                   if (!a->allowed) missing.push_back("audits");
                   if (!a->inspections) missing.push_back("inspections");
                   if (!missing.empty()) {
                     e.thin("audits", fmt::format("the agreement does not grant {}", fmt::join(missing, " or ")),
                            {at("/audits", a->source)});
                   }
                 }});
}

}  // namespace dpa::detail
