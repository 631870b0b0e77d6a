// The field tables of the dpa/1 format: one line per JSON member, read by
// the loader, the writer and the schema consistency test alike.
#pragma once

#include <dpa/document.hpp>

#include "json/io.hpp"

namespace dpa::detail {

#define DPA_META(T, ...)                                     \
  template <>                                                \
  struct meta<T> {                                           \
    static constexpr auto fields = std::tuple{__VA_ARGS__};  \
  };

DPA_META(statement, req("text", &statement::text), opt("source", &statement::source))
DPA_META(contact, req("role", &contact::role), opt("name", &contact::name), opt("email", &contact::email),
         opt("phone", &contact::phone), opt("url", &contact::url))
DPA_META(party, req("name", &party::name), opt("legal_form", &party::legal_form),
         opt("country", &party::country, check::country), opt("address", &party::address),
         opt("registration", &party::registration), opt("contacts", &party::contacts), opt("source", &party::source))
DPA_META(parties, req("controller", &parties::controller), req("processor", &parties::processor))
DPA_META(version_entry, req("version", &version_entry::version), opt("date", &version_entry::date),
         req("change", &version_entry::change))
DPA_META(governing_law, opt("country", &governing_law::country, check::country), req("text", &governing_law::text),
         opt("source", &governing_law::source))
DPA_META(processing, opt("subject_matter", &processing::subject_matter), opt("duration", &processing::duration),
         opt("nature", &processing::nature), opt("purposes", &processing::purposes))
DPA_META(data_category, req("id", &data_category::id, check::id), req("name", &data_category::name),
         opt("examples", &data_category::examples), opt("special", &data_category::special),
         opt("criminal", &data_category::criminal), opt("source", &data_category::source))
DPA_META(special_categories, req("stance", &special_categories::stance), opt("source", &special_categories::source))
DPA_META(data_subject, req("id", &data_subject::id, check::id), req("name", &data_subject::name), opt("source", &data_subject::source))
DPA_META(infringement_notice, opt("bound", &infringement_notice::bound),
         opt("may_suspend", &infringement_notice::may_suspend), opt("source", &infringement_notice::source))
DPA_META(instructions, req("documented", &instructions::documented),
         opt("covers_transfers", &instructions::covers_transfers),
         opt("legal_requirement_exception", &instructions::legal_requirement_exception),
         opt("infringement", &instructions::infringement), opt("source", &instructions::source))
DPA_META(confidentiality, opt("survives_engagement", &confidentiality::survives_engagement),
         opt("statutory_alternative", &confidentiality::statutory_alternative), opt("source", &confidentiality::source))
DPA_META(security_measure, req("area", &security_measure::area), req("text", &security_measure::text))
DPA_META(security, opt("measures", &security::measures), opt("backups", &security::backups), opt("reference", &security::reference),
         opt("review_interval", &security::review_interval), opt("source", &security::source))
DPA_META(change_notice, opt("period", &change_notice::period), opt("timing", &change_notice::timing),
         opt("deemed_received", &change_notice::deemed_received), opt("channels", &change_notice::channels),
         opt("source", &change_notice::source))
DPA_META(objection, opt("window", &objection::window), opt("within_notice_period", &objection::within_notice_period),
         opt("grounds", &objection::grounds), opt("outcome", &objection::outcome),
         opt("resolution_period", &objection::resolution_period), opt("source", &objection::source))
DPA_META(subprocessing, req("authorisation", &subprocessing::authorisation), req("list", &subprocessing::list),
         opt("list_url", &subprocessing::list_url), opt("change_notice", &subprocessing::change_notice),
         opt("objection", &subprocessing::objection), opt("flow_down", &subprocessing::flow_down),
         opt("flow_down_as_required_by_law", &subprocessing::flow_down_as_required_by_law),
         opt("processor_liable", &subprocessing::processor_liable), opt("source", &subprocessing::source))
DPA_META(location, req("text", &location::text), req("kind", &location::kind),
         opt("country", &location::country, check::country), opt("area", &location::area, check::area),
         opt("detail", &location::detail), opt("source", &location::source))
DPA_META(transfer_tool, req("kind", &transfer_tool::kind), opt("modules", &transfer_tool::modules),
         opt("conditional", &transfer_tool::conditional), opt("covers", &transfer_tool::covers),
         opt("role_condition", &transfer_tool::role_condition), opt("relied_on", &transfer_tool::relied_on),
         opt("decision", &transfer_tool::decision),
         opt("applies_to", &transfer_tool::applies_to), opt("text", &transfer_tool::text),
         opt("source", &transfer_tool::source))
DPA_META(retention_rule, req("category", &retention_rule::category), opt("scope", &retention_rule::scope),
         opt("period", &retention_rule::period), opt("until", &retention_rule::until),
         opt("basis", &retention_rule::basis), opt("runs", &retention_rule::runs), opt("trigger", &retention_rule::trigger),
         opt("indefinite", &retention_rule::indefinite), opt("citation", &retention_rule::citation),
         opt("source", &retention_rule::source))
DPA_META(onward_transfer, req("recipient", &onward_transfer::recipient),
         opt("country", &onward_transfer::country, check::country), req("relation", &onward_transfer::relation),
         opt("tools", &onward_transfer::tools), opt("source", &onward_transfer::source))
DPA_META(subprocessor, req("id", &subprocessor::id, check::id), req("name", &subprocessor::name),
         opt("self_operated", &subprocessor::self_operated), opt("breach_notice", &subprocessor::breach_notice),
         opt("identity", &subprocessor::identity), opt("legal_name", &subprocessor::legal_name),
         opt("trade_name", &subprocessor::trade_name), opt("country", &subprocessor::country, check::country),
         opt("parent", &subprocessor::parent), opt("parent_country", &subprocessor::parent_country, check::country),
         opt("role", &subprocessor::role), opt("locations", &subprocessor::locations),
         opt("purpose", &subprocessor::purpose), opt("categories", &subprocessor::categories),
         opt("transfer_tools", &subprocessor::transfer_tools), opt("certifications", &subprocessor::certifications),
         opt("retention", &subprocessor::retention), opt("onward", &subprocessor::onward),
         opt("subprocessors", &subprocessor::subprocessors), opt("source", &subprocessor::source))
DPA_META(mention, req("name", &mention::name), req("context", &mention::context),
         opt("receives_personal_data", &mention::receives_personal_data), opt("source", &mention::source))
DPA_META(transfer_impact_assessment, req("performed", &transfer_impact_assessment::performed),
         opt("promised", &transfer_impact_assessment::promised),
         opt("available_on_request", &transfer_impact_assessment::available_on_request),
         opt("covers", &transfer_impact_assessment::covers),
         opt("source", &transfer_impact_assessment::source))
DPA_META(transfers, opt("primary_locations", &transfers::primary_locations), opt("tools", &transfers::tools),
         opt("tia", &transfers::tia), opt("source", &transfers::source))
DPA_META(breach, opt("bound", &breach::bound), opt("undue_delay", &breach::undue_delay), opt("target", &breach::target),
         opt("content", &breach::content), opt("content_general", &breach::content_general),
         opt("channels", &breach::channels), opt("limitation", &breach::limitation),
         opt("source", &breach::source))
DPA_META(dsr_assistance, opt("deadline", &dsr_assistance::deadline), opt("means", &dsr_assistance::means),
         opt("forwards_requests", &dsr_assistance::forwards_requests), opt("costs", &dsr_assistance::costs),
         opt("source", &dsr_assistance::source))
DPA_META(compliance_assistance, opt("security", &compliance_assistance::security),
         opt("breach_notification", &compliance_assistance::breach_notification), opt("dpia", &compliance_assistance::dpia),
         opt("prior_consultation", &compliance_assistance::prior_consultation),
         opt("source", &compliance_assistance::source))
DPA_META(deletion, req("choice", &deletion::choice), opt("deadline", &deletion::deadline),
         opt("backup_deadline", &deletion::backup_deadline), opt("export_window", &deletion::export_window),
         opt("certificate", &deletion::certificate), opt("statutory_exception", &deletion::statutory_exception),
         opt("source", &deletion::source))
DPA_META(audits, opt("information", &audits::information), opt("allowed", &audits::allowed),
         opt("inspections", &audits::inspections), opt("notice", &audits::notice),
         opt("max_per_year", &audits::max_per_year), opt("exceptions", &audits::exceptions),
         opt("costs", &audits::costs), opt("reports_accepted", &audits::reports_accepted),
         opt("reports", &audits::reports),
         opt("max_information_requests_per_year", &audits::max_information_requests_per_year), opt("source", &audits::source))
DPA_META(amendments, opt("mode", &amendments::mode), opt("notice", &amendments::notice),
         opt("termination_right", &amendments::termination_right), opt("source", &amendments::source))
DPA_META(document, req("id", &document::id, check::id), req("title", &document::title), opt("version", &document::version),
         opt("effective_date", &document::effective_date), opt("updated_date", &document::updated_date),
         opt("language", &document::language), opt("url", &document::url), opt("history", &document::history),
         req("parties", &document::parties), opt("governing_law", &document::governing_law),
         req("processing", &document::processing), opt("data_categories", &document::data_categories),
         opt("data_categories_form", &document::data_categories_form),
         opt("special_categories", &document::special_categories), opt("data_subjects", &document::data_subjects),
         opt("data_subjects_form", &document::data_subjects_form),
         opt("controller_obligations", &document::controller_obligations),
         opt("instructions", &document::instructions), opt("confidentiality", &document::confidentiality),
         opt("security", &document::security), opt("subprocessing", &document::subprocessing),
         opt("subprocessors", &document::subprocessors), opt("mentions", &document::mentions),
         opt("transfers", &document::transfers), opt("breach", &document::breach), opt("dsr", &document::dsr),
         opt("assistance", &document::assistance), opt("deletion", &document::deletion), opt("audits", &document::audits),
         opt("retention", &document::retention), opt("amendments", &document::amendments))
#undef DPA_META

}  // namespace dpa::detail
