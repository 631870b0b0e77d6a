// Names of the model's enumerations in the JSON formats.
#pragma once

#include <dpa/document.hpp>

#include "json/io.hpp"

namespace dpa::detail {

#define DPA_ENUM(E, ...)                                          \
  template <>                                                     \
  struct enum_table<E> {                                          \
    static constexpr std::array items = {__VA_ARGS__};            \
  };
template <class E>
using ev = std::pair<E, std::string_view>;

DPA_ENUM(special_stance, ev<special_stance>{special_stance::not_addressed, "not-addressed"},
         ev<special_stance>{special_stance::excluded, "excluded"},
         ev<special_stance>{special_stance::excluded_unless_agreed, "excluded-unless-agreed"},
         ev<special_stance>{special_stance::permitted, "permitted"})
DPA_ENUM(authorisation, ev<authorisation>{authorisation::not_stated, "not-stated"},
         ev<authorisation>{authorisation::general, "general"}, ev<authorisation>{authorisation::specific, "specific"})
DPA_ENUM(list_form, ev<list_form>{list_form::inline_list, "inline"}, ev<list_form>{list_form::by_reference, "by-reference"},
         ev<list_form>{list_form::both, "both"}, ev<list_form>{list_form::none, "none"})
DPA_ENUM(objection_outcome, ev<objection_outcome>{objection_outcome::not_stated, "not-stated"},
         ev<objection_outcome>{objection_outcome::terminate, "terminate"},
         ev<objection_outcome>{objection_outcome::terminate_affected, "terminate-affected"},
         ev<objection_outcome>{objection_outcome::negotiate, "negotiate"},
         ev<objection_outcome>{objection_outcome::processor_decides, "processor-decides"})
DPA_ENUM(location_kind, ev<location_kind>{location_kind::country, "country"}, ev<location_kind>{location_kind::area, "area"},
         ev<location_kind>{location_kind::global, "global"},
         ev<location_kind>{location_kind::configurable, "configurable"},
         ev<location_kind>{location_kind::unspecified, "unspecified"})
DPA_ENUM(tool_kind, ev<tool_kind>{tool_kind::adequacy, "adequacy"}, ev<tool_kind>{tool_kind::scc, "scc"},
         ev<tool_kind>{tool_kind::scc_2021, "scc-2021"}, ev<tool_kind>{tool_kind::scc_2010, "scc-2010"},
         ev<tool_kind>{tool_kind::scc_2001, "scc-2001"}, ev<tool_kind>{tool_kind::dpf, "dpf"},
         ev<tool_kind>{tool_kind::privacy_shield, "privacy-shield"}, ev<tool_kind>{tool_kind::safe_harbor, "safe-harbor"},
         ev<tool_kind>{tool_kind::bcr, "bcr"}, ev<tool_kind>{tool_kind::code_of_conduct, "code-of-conduct"},
         ev<tool_kind>{tool_kind::certification, "certification"},
         ev<tool_kind>{tool_kind::ad_hoc_clauses, "ad-hoc-clauses"}, ev<tool_kind>{tool_kind::uk_idta, "uk-idta"},
         ev<tool_kind>{tool_kind::uk_addendum, "uk-addendum"}, ev<tool_kind>{tool_kind::derogation, "derogation"},
         ev<tool_kind>{tool_kind::unspecified, "unspecified"}, ev<tool_kind>{tool_kind::art28_clauses, "art28-clauses"})
DPA_ENUM(tool_scope, ev<tool_scope>{tool_scope::unstated, "unstated"}, ev<tool_scope>{tool_scope::import, "import"},
         ev<tool_scope>{tool_scope::onward, "onward"}, ev<tool_scope>{tool_scope::both, "both"})
DPA_ENUM(role_condition, ev<role_condition>{role_condition::none, "none"},
         ev<role_condition>{role_condition::customer_is_controller, "customer-is-controller"},
         ev<role_condition>{role_condition::customer_is_processor, "customer-is-processor"})
DPA_ENUM(retention_basis, ev<retention_basis>{retention_basis::not_stated, "not-stated"},
         ev<retention_basis>{retention_basis::contractual, "contractual"},
         ev<retention_basis>{retention_basis::statutory, "statutory"})
DPA_ENUM(audit_reports, ev<audit_reports>{audit_reports::alongside, "alongside"},
         ev<audit_reports>{audit_reports::first, "first"}, ev<audit_reports>{audit_reports::instead, "instead"})
DPA_ENUM(notice_timing, ev<notice_timing>{notice_timing::prior, "prior"},
         ev<notice_timing>{notice_timing::on_change, "on-change"}, ev<notice_timing>{notice_timing::after, "after"})
DPA_ENUM(retention_trigger, ev<retention_trigger>{retention_trigger::unstated, "unstated"},
         ev<retention_trigger>{retention_trigger::collection, "collection"},
         ev<retention_trigger>{retention_trigger::end_of_services, "end-of-services"},
         ev<retention_trigger>{retention_trigger::account_closure, "account-closure"},
         ev<retention_trigger>{retention_trigger::event, "event"})
DPA_ENUM(description_form, ev<description_form>{description_form::described, "described"},
         ev<description_form>{description_form::in_passing, "in-passing"},
         ev<description_form>{description_form::by_reference, "by-reference"})
DPA_ENUM(retention_phase, ev<retention_phase>{retention_phase::unstated, "unstated"},
         ev<retention_phase>{retention_phase::during_term, "during-term"},
         ev<retention_phase>{retention_phase::after_end, "after-end"})
DPA_ENUM(identity, ev<identity>{identity::legal_entity, "legal-entity"}, ev<identity>{identity::trade_name, "trade-name"},
         ev<identity>{identity::generic, "generic"})
DPA_ENUM(recipient_role, ev<recipient_role>{recipient_role::processor, "processor"},
         ev<recipient_role>{recipient_role::independent_controller, "independent-controller"})
DPA_ENUM(breach_item, ev<breach_item>{breach_item::nature, "nature"},
         ev<breach_item>{breach_item::subject_categories, "subject-categories"},
         ev<breach_item>{breach_item::subject_count, "subject-count"},
         ev<breach_item>{breach_item::record_categories, "record-categories"},
         ev<breach_item>{breach_item::record_count, "record-count"},
         ev<breach_item>{breach_item::contact_point, "contact-point"},
         ev<breach_item>{breach_item::consequences, "consequences"}, ev<breach_item>{breach_item::measures, "measures"})
DPA_ENUM(deletion_choice, ev<deletion_choice>{deletion_choice::not_stated, "not-stated"},
         ev<deletion_choice>{deletion_choice::delete_or_return, "delete-or-return"},
         ev<deletion_choice>{deletion_choice::delete_only, "delete"},
         ev<deletion_choice>{deletion_choice::return_only, "return"},
         ev<deletion_choice>{deletion_choice::delete_on_request, "delete-on-request"},
         ev<deletion_choice>{deletion_choice::on_instruction, "on-instruction"},
         ev<deletion_choice>{deletion_choice::delete_or_deidentify, "delete-or-deidentify"})
DPA_ENUM(audit_exception, ev<audit_exception>{audit_exception::breach, "breach"},
         ev<audit_exception>{audit_exception::regulator, "regulator"},
         ev<audit_exception>{audit_exception::justified_reason, "justified-reason"})
DPA_ENUM(audit_costs, ev<audit_costs>{audit_costs::not_stated, "not-stated"},
         ev<audit_costs>{audit_costs::controller, "controller"}, ev<audit_costs>{audit_costs::processor, "processor"},
         ev<audit_costs>{audit_costs::controller_unless_findings, "controller-unless-findings"},
         ev<audit_costs>{audit_costs::controller_unless_breach, "controller-unless-breach"})
DPA_ENUM(amendment_mode, ev<amendment_mode>{amendment_mode::not_stated, "not-stated"},
         ev<amendment_mode>{amendment_mode::mutual, "mutual"},
         ev<amendment_mode>{amendment_mode::unilateral, "unilateral"})
#undef DPA_ENUM


}  // namespace dpa::detail
