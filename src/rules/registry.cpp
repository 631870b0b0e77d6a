// The built-in rules, sorted by id, and the clean example document their examples patch.
#include <algorithm>

#include <boost/json.hpp>
#include <fmt/format.h>

#include <dpa/diff.hpp>
#include <dpa/graph.hpp>
#include <dpa/tenant.hpp>

#include "rules/rule.hpp"
#include "text.hpp"

namespace dpa::detail {

const std::vector<rule_def>& builtin_rules() {
  static const std::vector<rule_def> rules = [] {
    std::vector<rule_def> out;
    add_art28_rules(out);
    add_breach_rules(out);
    add_notice_rules(out);
    add_retention_rules(out);
    add_subprocessor_rules(out);
    add_transfer_rules(out);
    std::sort(out.begin(), out.end(), [](const rule_def& a, const rule_def& b) { return a.info.id < b.info.id; });
    return out;
  }();
  return rules;
}

}  // namespace dpa::detail

namespace dpa {
inline namespace v1 {

const std::vector<rule_info>& rule_catalogue() {
  static const std::vector<rule_info> infos = [] {
    std::vector<rule_info> out;
    for (const auto& r : detail::builtin_rules()) out.push_back(r.info);
    return out;
  }();
  return infos;
}

namespace {

const rule_info* find_in(const std::vector<rule_info>& all, std::string_view id) noexcept {
  auto it = std::lower_bound(all.begin(), all.end(), id, [](const rule_info& r, std::string_view k) { return r.id < k; });
  return it != all.end() && it->id == id ? &*it : nullptr;
}

}  // namespace

const rule_info* find_rule(std::string_view id) {
  // (graph rules that share an id with a document rule share its text; graph_rules() looks them up here,
  // so this searches the three catalogues that stand alone first)
  for (const auto* all : {&rule_catalogue(), &diff_rule_catalogue(), &tenant_rule_catalogue()})
    if (const auto* r = find_in(*all, id)) return r;
  return find_in(graph_rule_catalogue(), id);
}

std::optional<std::string> closest_rule(std::string_view id) {
  std::vector<std::string_view> ids;
  for (const auto& e : full_catalogue()) ids.push_back(e.info->id);
  return detail::closest(id, ids);
}

std::string_view to_string(rule_kind k) noexcept {
  switch (k) {
    case rule_kind::document: return "document";
    case rule_kind::diff: return "diff";
    case rule_kind::tenant: return "tenant";
    case rule_kind::graph: return "graph";
  }
  return "document";
}

std::vector<rule_kind> catalogue_entry::kind_list() const {
  std::vector<rule_kind> out;
  for (auto k : {rule_kind::document, rule_kind::diff, rule_kind::tenant, rule_kind::graph})
    if (kinds & static_cast<unsigned>(k)) out.push_back(k);
  return out;
}

const std::vector<catalogue_entry>& full_catalogue() {
  static const std::vector<catalogue_entry> entries = [] {
    std::vector<catalogue_entry> out;
    auto add = [&](const std::vector<rule_info>& rules, rule_kind k) {
      for (const auto& r : rules) {
        auto it = std::find_if(out.begin(), out.end(), [&](const catalogue_entry& e) { return e.info->id == r.id; });
        if (it == out.end()) it = out.insert(out.end(), {find_rule(r.id), 0});
        it->kinds |= static_cast<unsigned>(k);
      }
    };
    add(rule_catalogue(), rule_kind::document);
    add(diff_rule_catalogue(), rule_kind::diff);
    add(tenant_rule_catalogue(), rule_kind::tenant);
    add(graph_rule_catalogue(), rule_kind::graph);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.info->id < b.info->id; });
    return out;
  }();
  return entries;
}

std::string_view clean_example_document() noexcept {
  return R"({
  "format": "dpa/1",
  "id": "example",
  "title": "Example Cloud data processing agreement",
  "version": "1.0",
  "effective_date": "2026-01-15",
  "parties": {
    "controller": {"name": "The customer"},
    "processor": {"name": "Example Cloud GmbH", "country": "DE"}
  },
  "processing": {
    "subject_matter": {"text": "Hosting of the customer's CRM data", "source": "§1"},
    "duration": {"text": "The term of the main contract", "source": "§1"},
    "nature": [{"text": "Storage, retrieval and deletion", "source": "§2"}],
    "purposes": [{"text": "Providing the CRM service", "source": "§2"}]
  },
  "data_categories": [
    {"id": "contact", "name": "Contact data"},
    {"id": "logs", "name": "Access logs"}
  ],
  "special_categories": {"stance": "excluded"},
  "data_subjects": [{"id": "customers", "name": "The customer's customers"}],
  "controller_obligations": {"text": "The customer gives instructions, may object to sub-processors and may audit"},
  "instructions": {"documented": true, "covers_transfers": true, "legal_requirement_exception": true,
                   "infringement": {"bound": "immediately"}},
  "confidentiality": {"survives_engagement": true},
  "security": {"measures": [{"area": "encryption", "text": "AES-256 at rest, TLS 1.3 in transit"}]},
  "subprocessing": {
    "authorisation": "general",
    "list": "inline",
    "change_notice": {"period": "30 days"},
    "objection": {"within_notice_period": true, "outcome": "terminate"},
    "flow_down": true,
    "processor_liable": true
  },
  "subprocessors": [
    {"id": "hoster", "name": "Example Hosting SE", "country": "DE",
     "locations": [{"text": "Frankfurt", "kind": "country", "country": "DE"}],
     "purpose": "Hosting", "categories": ["contact", "logs"]}
  ],
  "transfers": {
    "primary_locations": [{"text": "Germany", "kind": "country", "country": "DE"}],
    "tools": [{"kind": "scc-2021", "modules": [3], "decision": "2021/914"}],
    "tia": {"performed": true}
  },
  "breach": {"bound": "24 hours", "undue_delay": true,
             "content": ["nature", "subject-categories", "subject-count", "record-categories", "record-count",
                         "contact-point", "consequences", "measures"]},
  "dsr": {"means": ["self-service export and erasure"]},
  "assistance": {"security": true, "breach_notification": true, "dpia": true, "prior_consultation": true},
  "deletion": {"choice": "delete-or-return", "deadline": "30 days", "backup_deadline": "30 days", "certificate": true,
               "statutory_exception": true},
  "audits": {"information": true, "allowed": true, "inspections": true, "notice": "30 days", "max_per_year": 1,
             "exceptions": ["breach", "regulator"]},
  "retention": [{"category": "logs", "period": "14 days", "basis": "contractual"}],
  "amendments": {"mode": "mutual"}
}
)";
}

namespace {
void apply_patch(boost::json::value& target, const boost::json::value& patch) {
  if (!patch.is_object()) {
    target = patch;
    return;
  }
  if (!target.is_object()) target = boost::json::object{};
  auto& t = target.as_object();
  for (const auto& [k, v] : patch.as_object()) {
    if (v.is_null()) {
      t.erase(k);
    } else {
      apply_patch(t[k], v);
    }
  }
}
}  // namespace

std::string merge_patch(std::string_view base, std::string_view patch) {
  boost::json::error_code ec;
  auto doc = boost::json::parse(base, ec);
  if (ec) return {};
  auto p = boost::json::parse(patch, ec);
  if (ec) return {};
  apply_patch(doc, p);
  return boost::json::serialize(doc);
}

std::string example_document(std::string_view patch) { return merge_patch(clean_example_document(), patch); }

}  // namespace v1
}  // namespace dpa
