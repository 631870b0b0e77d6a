// The DPA document model: what an Art. 28 GDPR agreement says, as data.
//
// Every struct that records a statement of the contract has a `source`: the
// clause or section it came from ("§5.4", "Annex B row 3"). Optional members
// are absent when the contract does not say; absence is information the rules
// read, so the loader never invents defaults for them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <dpa/date.hpp>
#include <dpa/duration.hpp>

namespace dpa {
inline namespace v1 {

using country_code = std::string;  ///< ISO 3166-1 alpha-2, upper case ("DE")
using clause_ref = std::optional<std::string>;

/// A statement of the contract kept as text (subject matter, a purpose, ...).
struct statement {
  std::string text;
  clause_ref source;
  friend bool operator==(const statement&, const statement&) = default;
};

struct contact {
  std::string role;  ///< "data protection", "security incidents", ...
  std::optional<std::string> name;
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::optional<std::string> url;
  friend bool operator==(const contact&, const contact&) = default;
};

struct party {
  std::string name;  ///< as written ("the customer using the service")
  std::optional<std::string> legal_form;
  std::optional<country_code> country;
  std::optional<std::string> address;
  std::optional<std::string> registration;  ///< VAT or register number
  std::vector<contact> contacts;
  clause_ref source;
  friend bool operator==(const party&, const party&) = default;
};

struct parties {
  party controller;
  party processor;
  friend bool operator==(const parties&, const parties&) = default;
};

struct version_entry {
  std::string version;
  std::optional<stated_date> date;
  std::string change;
  friend bool operator==(const version_entry&, const version_entry&) = default;
};

struct governing_law {
  std::optional<country_code> country;
  std::string text;
  clause_ref source;
  friend bool operator==(const governing_law&, const governing_law&) = default;
};

struct processing {
  std::optional<statement> subject_matter;
  std::optional<statement> duration;
  std::vector<statement> nature;
  std::vector<statement> purposes;
  friend bool operator==(const processing&, const processing&) = default;
};

struct data_category {
  std::string id;
  std::string name;
  std::vector<std::string> examples;
  bool special = false;   ///< Art. 9 GDPR special category
  bool criminal = false;  ///< Art. 10 GDPR criminal-conviction data
  clause_ref source;
  friend bool operator==(const data_category&, const data_category&) = default;
};

/// What the DPA says about Art. 9 special-category data.
enum class special_stance : std::uint8_t {
  not_addressed,          ///< the DPA is silent
  excluded,               ///< not processed
  excluded_unless_agreed, ///< only by separate agreement or configuration
  permitted,              ///< may be processed
};

struct special_categories {
  special_stance stance = special_stance::not_addressed;
  clause_ref source;
  friend bool operator==(const special_categories&, const special_categories&) = default;
};

/// How the agreement states its data categories or data subjects.
enum class description_form : std::uint8_t {
  described,     ///< listed or described in the agreement (the default)
  in_passing,    ///< only mentioned in passing ("personal data such as names")
  by_reference,  ///< only by reference to another document, or circularly ("data processed under the Terms")
};

struct data_subject {
  std::string id;
  std::string name;
  clause_ref source;
  friend bool operator==(const data_subject&, const data_subject&) = default;
};

/// Art. 28(3) last subparagraph: telling the controller an instruction infringes the law.
struct infringement_notice {
  std::optional<duration> bound;  ///< "immediately", "without undue delay", ...
  bool may_suspend = false;       ///< processor may suspend until confirmed
  clause_ref source;
  friend bool operator==(const infringement_notice&, const infringement_notice&) = default;
};

/// Art. 28(3)(a): processing only on documented instructions.
struct instructions {
  bool documented = false;
  bool covers_transfers = false;       ///< "including with regard to transfers"
  bool legal_requirement_exception = false;
  std::optional<infringement_notice> infringement;
  clause_ref source;
  friend bool operator==(const instructions&, const instructions&) = default;
};

/// Art. 28(3)(b).
struct confidentiality {
  bool survives_engagement = false;
  bool statutory_alternative = false;
  clause_ref source;
  friend bool operator==(const confidentiality&, const confidentiality&) = default;
};

struct security_measure {
  std::string area;  ///< "encryption", "access control", ...
  std::string text;
  friend bool operator==(const security_measure&, const security_measure&) = default;
};

/// Art. 28(3)(c) and Art. 32.
struct security {
  std::vector<security_measure> measures;
  bool backups = false;  ///< the processor keeps backups of the personal data
  std::optional<std::string> reference;  ///< measures kept in another document
  std::optional<duration> review_interval;
  clause_ref source;
  friend bool operator==(const security&, const security&) = default;
};

enum class authorisation : std::uint8_t { not_stated, general, specific };

/// How the sub-processor list is given.
enum class list_form : std::uint8_t {
  inline_list,   ///< in the DPA
  by_reference,  ///< only behind a link or another document
  both,          ///< in the DPA and (possibly more current) behind a link
  none,          ///< no list at all
};

/// When notice of a sub-processor change is given, relative to the change.
enum class notice_timing : std::uint8_t {
  prior,       ///< before the change (with `period`, or "in advance" without one): the default
  on_change,   ///< "when modifying the list", "within reasonable time": possibly only as or after it happens
  after,       ///< after the change ("we will notify you of new sub-processors")
};

struct change_notice {
  std::optional<duration> period;  ///< absent: notice promised with no period
  notice_timing timing = notice_timing::prior;
  bool deemed_received = false;    ///< posting on a web page or sending is deemed notice
  std::vector<std::string> channels;
  clause_ref source;
  friend bool operator==(const change_notice&, const change_notice&) = default;
};

enum class objection_outcome : std::uint8_t {
  not_stated,
  terminate,           ///< controller may terminate the agreement
  terminate_affected,  ///< controller may terminate the affected service
  negotiate,           ///< parties seek agreement; nothing further
  processor_decides,   ///< processor may proceed regardless
};

struct objection {
  std::optional<duration> window;   ///< how long the controller has to object
  bool within_notice_period = false;///< window runs with the notice period
  std::optional<std::string> grounds;
  objection_outcome outcome = objection_outcome::not_stated;
  std::optional<duration> resolution_period;  ///< time to agree before the outcome
  clause_ref source;
  friend bool operator==(const objection&, const objection&) = default;
};

/// Art. 28(2) and (4): engaging sub-processors.
struct subprocessing {
  dpa::authorisation authorisation = dpa::authorisation::not_stated;
  list_form list = list_form::inline_list;
  std::optional<std::string> list_url;
  std::optional<dpa::change_notice> change_notice;
  std::optional<dpa::objection> objection;
  bool flow_down = false;         ///< obligations imposed on sub-processors by contract
  bool flow_down_as_required_by_law = false;  ///< only "the obligations required by law", not the same as this DPA's
  bool processor_liable = false;  ///< processor remains fully liable
  clause_ref source;
  friend bool operator==(const subprocessing&, const subprocessing&) = default;
};

enum class location_kind : std::uint8_t {
  country,       ///< one country (`country` set)
  area,          ///< a group of countries (`area` set: "EEA", "EU")
  global,        ///< "Global", "worldwide"
  configurable,  ///< "As configured": depends on a setting
  unspecified,   ///< stated but not resolvable
};

struct location {
  std::string text;  ///< as written: "US East", "Global (US-based)"
  location_kind kind = location_kind::unspecified;
  std::optional<country_code> country;
  std::optional<std::string> area;    ///< "EEA", "EU" or "adequate" (countries with an adequacy decision)
  std::optional<std::string> detail;  ///< city or cloud region ("eu-central-1")
  clause_ref source;
  friend bool operator==(const location&, const location&) = default;
};

enum class tool_kind : std::uint8_t {
  adequacy,         ///< an Art. 45 adequacy decision
  scc,              ///< "standard contractual clauses" without saying which
  scc_2021,         ///< Implementing Decision (EU) 2021/914
  scc_2010,         ///< Decision 2010/87/EU (repealed)
  scc_2001,         ///< Decisions 2001/497/EC and 2004/915/EC (repealed)
  dpf,              ///< EU-US Data Privacy Framework (Decision (EU) 2023/1795)
  privacy_shield,   ///< Decision (EU) 2016/1250, invalidated 2020-07-16
  safe_harbor,      ///< Decision 2000/520/EC, invalidated 2015-10-06
  bcr,              ///< binding corporate rules, Art. 47
  code_of_conduct,  ///< Art. 46(2)(e)
  certification,    ///< Art. 46(2)(f)
  ad_hoc_clauses,   ///< Art. 46(3)(a)
  uk_idta,          ///< UK International Data Transfer Agreement
  uk_addendum,      ///< UK Addendum to the EU SCCs
  derogation,       ///< Art. 49
  unspecified,      ///< "appropriate safeguards" without naming one
  art28_clauses,    ///< Implementing Decision (EU) 2021/915: Art. 28(7) clauses, a contract, not a Chapter V tool
};

/// Which steps of the chain a general-clause tool covers.
enum class tool_scope : std::uint8_t {
  unstated,  ///< the clause does not say: read as covering every step
  import,    ///< the controller's own transfer to the processor (SCC Module 2)
  onward,    ///< the processor's transfers to its sub-processors (Module 3)
  both,
};

/// A condition on the parties' roles under which alone a tool applies
/// ("Module 3 applies to the extent Customer is a processor").
enum class role_condition : std::uint8_t {
  none,
  customer_is_controller,
  customer_is_processor,
};

struct transfer_tool {
  tool_kind kind = tool_kind::unspecified;
  std::vector<int> modules;              ///< SCC modules 1-4
  bool conditional = false;              ///< "where required", "where applicable" (vague only for kinds scc and unspecified)
  tool_scope covers = tool_scope::unstated;
  dpa::role_condition role_condition = dpa::role_condition::none;
  bool relied_on = true;                 ///< false: named, but the text says it is not relied on
  std::optional<std::string> decision;   ///< "2021/914", "49(1)(a)"
  std::vector<std::string> applies_to;   ///< recipients the DPA names for this tool
  std::optional<std::string> text;       ///< as written
  clause_ref source;
  friend bool operator==(const transfer_tool&, const transfer_tool&) = default;
};

enum class retention_basis : std::uint8_t { not_stated, contractual, statutory };

/// From what a retention period is counted.
enum class retention_trigger : std::uint8_t {
  unstated,
  collection,       ///< from when the data is collected or created
  end_of_services,  ///< from the end of the contract or the services
  account_closure,  ///< from the closure or deletion of an account
  event,            ///< from another event the text names ("after the end user revokes access")
};

/// When a retention period runs.
enum class retention_phase : std::uint8_t {
  unstated,
  during_term,  ///< a rolling limit while the services run ("chats are deleted after 90 days"), cut short by the deletion at the end
  after_end,    ///< kept after the end of the services (an archive)
};

struct retention_rule {
  std::string category;                   ///< id of a data category
  std::optional<std::string> scope;       ///< the part of it concerned ("invoices")
  std::optional<duration> period;         ///< absent: kept until `until`
  std::optional<std::string> until;       ///< "account deletion", "send or failure"
  retention_basis basis = retention_basis::not_stated;
  retention_phase runs = retention_phase::unstated;
  retention_trigger trigger = retention_trigger::unstated;
  bool indefinite = false;                ///< no end at all: "not automatically deleted", "kept in the ordinary course of business"
  std::optional<std::string> citation;    ///< "§ 132 BAO"
  clause_ref source;
  friend bool operator==(const retention_rule&, const retention_rule&) = default;
};

/// How well a sub-processor is identified (EDPB Opinion 22/2024).
enum class identity : std::uint8_t {
  legal_entity,  ///< full legal name ("Hetzner Online GmbH")
  trade_name,    ///< a name that identifies one company ("Cloudflare")
  generic,       ///< a description, not an entity ("VPS Provider")
};

enum class recipient_role : std::uint8_t { processor, independent_controller };

/// Data handed on from a sub-processor to a parent or affiliate.
struct onward_transfer {
  std::string recipient;
  std::optional<country_code> country;
  std::string relation;  ///< "parent", "affiliate"
  std::vector<transfer_tool> tools;
  clause_ref source;
  friend bool operator==(const onward_transfer&, const onward_transfer&) = default;
};

struct subprocessor {
  std::string id;
  std::string name;  ///< as written
  /// Listed, but run by the processor itself (a self-hosted mail server): not a
  /// sub-processor; its locations are the processor's own.
  bool self_operated = false;
  /// The sub-processor's own breach-notification bound, where the DPA states it ("72 h").
  std::optional<duration> breach_notice;
  dpa::identity identity = dpa::identity::legal_entity;
  std::optional<std::string> legal_name;
  std::optional<std::string> trade_name;   ///< "Sentry" for Functional Software Inc.
  std::optional<country_code> country;     ///< country of establishment
  std::optional<std::string> parent;
  std::optional<country_code> parent_country;
  recipient_role role = recipient_role::processor;
  std::vector<location> locations;
  std::optional<std::string> purpose;
  std::vector<std::string> categories;     ///< data category ids
  std::vector<transfer_tool> transfer_tools;
  std::vector<std::string> certifications; ///< "dpf", "iso-27001", "soc2"
  std::vector<retention_rule> retention;
  std::vector<onward_transfer> onward;
  std::vector<dpa::subprocessor> subprocessors; ///< its own sub-processors
  clause_ref source;
  friend bool operator==(const subprocessor&, const subprocessor&) = default;
};

/// A third party the DPA names outside its sub-processor list.
struct mention {
  std::string name;
  std::string context;  ///< what the text says it does
  bool receives_personal_data = false;
  clause_ref source;
  friend bool operator==(const mention&, const mention&) = default;
};

struct transfer_impact_assessment {
  bool performed = false;
  bool promised = false;  ///< "will perform and document": a binding promise, read as an assessment
  bool available_on_request = false;
  /// The recipients the assessment covers (sub-processor ids, "processor"); empty: all of them.
  std::vector<std::string> covers;
  clause_ref source;
  friend bool operator==(const transfer_impact_assessment&, const transfer_impact_assessment&) = default;
};

/// Chapter V: the DPA's general transfer clause.
struct transfers {
  std::vector<location> primary_locations;  ///< where processing mainly happens
  std::vector<transfer_tool> tools;         ///< tools the general clause names
  std::optional<transfer_impact_assessment> tia;
  clause_ref source;
  friend bool operator==(const transfers&, const transfers&) = default;
};

/// Items of Art. 33(3) GDPR a breach notice may contain.
enum class breach_item : std::uint8_t {
  nature,
  subject_categories,
  subject_count,
  record_categories,
  record_count,
  contact_point,
  consequences,
  measures,
};

/// Art. 33(2): the processor notifies the controller.
struct breach {
  std::optional<duration> bound;   ///< the outer limit ("72 hours")
  bool undue_delay = false;        ///< "without undue delay" is stated
  std::optional<duration> target;  ///< a non-binding aim ("target 24 hours")
  std::vector<breach_item> content;
  /// The content is promised generally: "information sufficient for the controller to meet its
  /// obligations" (Arts. 33-34), which reaches every item of Art. 33(3).
  bool content_general = false;
  std::vector<std::string> channels;
  std::optional<std::string> limitation;  ///< "attributable to the processor's sphere"
  clause_ref source;
  friend bool operator==(const breach&, const breach&) = default;
};

/// Art. 28(3)(e): assistance with data-subject requests.
struct dsr_assistance {
  std::optional<duration> deadline;
  std::vector<std::string> means;  ///< "self-service export", "admin API"
  bool forwards_requests = false;
  std::optional<std::string> costs;
  clause_ref source;
  friend bool operator==(const dsr_assistance&, const dsr_assistance&) = default;
};

/// Art. 28(3)(f): assistance with Arts. 32-36.
struct compliance_assistance {
  bool security = false;            ///< Art. 32
  bool breach_notification = false; ///< Arts. 33-34
  bool dpia = false;                ///< Art. 35
  bool prior_consultation = false;  ///< Art. 36
  clause_ref source;
  friend bool operator==(const compliance_assistance&, const compliance_assistance&) = default;
};

enum class deletion_choice : std::uint8_t {
  not_stated,
  delete_or_return,   ///< at the controller's choice (Art. 28(3)(g))
  delete_only,        ///< deletion, no return
  return_only,        ///< return, no deletion
  delete_on_request,  ///< deletion only if the controller asks
  on_instruction,     ///< returned or deleted as the controller instructs, with no fixed default
  delete_or_deidentify,  ///< deleted or de-identified, at the processor's choice
};

/// Art. 28(3)(g): deletion or return after the end of the services.
struct deletion {
  deletion_choice choice = deletion_choice::not_stated;
  std::optional<duration> deadline;
  std::optional<duration> backup_deadline;
  std::optional<duration> export_window;
  bool certificate = false;           ///< deletion confirmed or certified
  bool statutory_exception = false;   ///< storage required by law is kept
  clause_ref source;
  friend bool operator==(const deletion&, const deletion&) = default;
};

enum class audit_exception : std::uint8_t { breach, regulator, justified_reason };
enum class audit_costs : std::uint8_t {
  not_stated,
  controller,
  processor,
  controller_unless_findings,  ///< unless the audit finds material defects
  controller_unless_breach,    ///< unless a breach triggered the audit
};

/// How third-party audit reports (SOC 2, ISO 27001) stand to the controller's own audits.
enum class audit_reports : std::uint8_t {
  alongside,  ///< offered as well, or not said (the default)
  first,      ///< audits only where the reports do not answer the controller's questions
  instead,    ///< reports replace audits: the controller cannot audit itself
};

/// Art. 28(3)(h): information and audits, including inspections.
struct audits {
  bool information = false;
  bool allowed = false;      ///< audits by the controller or its auditor
  bool inspections = false;
  std::optional<duration> notice;
  std::optional<int> max_per_year;
  std::vector<audit_exception> exceptions;
  audit_costs costs = audit_costs::not_stated;
  bool reports_accepted = false;
  audit_reports reports = audit_reports::alongside;
  std::optional<int> max_information_requests_per_year;  ///< a cap on requests for information, not on audits
  clause_ref source;
  friend bool operator==(const audits&, const audits&) = default;
};

enum class amendment_mode : std::uint8_t { not_stated, mutual, unilateral };

struct amendments {
  amendment_mode mode = amendment_mode::not_stated;
  std::optional<duration> notice;
  bool termination_right = false;
  clause_ref source;
  friend bool operator==(const amendments&, const amendments&) = default;
};

/// One data processing agreement, as stated.
struct document {
  std::string id;  ///< a short stable name ("hoviguard")
  std::string title;
  std::optional<std::string> version;
  std::optional<stated_date> effective_date;  ///< to the day, or to the month ("Stand: Februar 2026")
  std::optional<stated_date> updated_date;
  std::optional<std::string> language;  ///< the authoritative language
  std::optional<std::string> url;
  std::vector<version_entry> history;
  dpa::parties parties;
  std::optional<dpa::governing_law> governing_law;
  dpa::processing processing;
  std::vector<data_category> data_categories;
  description_form data_categories_form = description_form::described;
  dpa::special_categories special_categories;
  std::vector<data_subject> data_subjects;
  description_form data_subjects_form = description_form::described;
  std::optional<statement> controller_obligations;
  std::optional<dpa::instructions> instructions;
  std::optional<dpa::confidentiality> confidentiality;
  std::optional<dpa::security> security;
  std::optional<dpa::subprocessing> subprocessing;
  std::vector<dpa::subprocessor> subprocessors;
  std::vector<mention> mentions;
  std::optional<dpa::transfers> transfers;
  std::optional<dpa::breach> breach;
  std::optional<dsr_assistance> dsr;
  std::optional<compliance_assistance> assistance;
  std::optional<dpa::deletion> deletion;
  std::optional<dpa::audits> audits;
  std::vector<retention_rule> retention;
  std::optional<dpa::amendments> amendments;
  friend bool operator==(const document&, const document&) = default;
};

/// The names the JSON format uses for each enumeration ("scc-2021", ...).
std::string_view to_string(special_stance) noexcept;
std::string_view to_string(authorisation) noexcept;
std::string_view to_string(list_form) noexcept;
std::string_view to_string(objection_outcome) noexcept;
std::string_view to_string(location_kind) noexcept;
std::string_view to_string(tool_kind) noexcept;
std::string_view to_string(tool_scope) noexcept;
std::string_view to_string(role_condition) noexcept;
std::string_view to_string(retention_basis) noexcept;
std::string_view to_string(notice_timing) noexcept;
std::string_view to_string(retention_trigger) noexcept;
std::string_view to_string(description_form) noexcept;
std::string_view to_string(retention_phase) noexcept;
std::string_view to_string(identity) noexcept;
std::string_view to_string(recipient_role) noexcept;
std::string_view to_string(breach_item) noexcept;
std::string_view to_string(deletion_choice) noexcept;
std::string_view to_string(audit_exception) noexcept;
std::string_view to_string(audit_costs) noexcept;
std::string_view to_string(audit_reports) noexcept;
std::string_view to_string(amendment_mode) noexcept;

}  // namespace v1
}  // namespace dpa
