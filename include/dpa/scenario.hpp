// Scenarios: the same graph under a knowledge base changed by a small override
// file ("the Data Privacy Framework falls on 2027-06-01"), and what changes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <dpa/date.hpp>
#include <dpa/error.hpp>
#include <dpa/graph.hpp>
#include <dpa/knowledge.hpp>

namespace dpa {
inline namespace v1 {

/// A dpa-scenario/1 file applied to a knowledge base.
///
///   {"format": "dpa-scenario/1", "name": "DPF falls", "as_of": "2027-06-01",
///    "changes": [{"id": "adequacy/US-DPF", "valid_until": "2027-05-31"},
///                {"id": "adequacy/BR", "remove": true}]}
///
/// Each change names an adequacy decision or organisation entry by `id`, or a
/// transfer tool by `tool`, and sets `valid_from` / `valid_until` (inclusive,
/// as in the knowledge base; `null` clears a date) or removes the entry. The
/// changed knowledge base judges documents and graphs alike: a tool's new dates
/// (`{"tool": "scc-2021", "valid_until": "2027-05-31"}`) reach the graph rules'
/// mechanisms as well (where a removed tool gives no basis: a graph has no
/// "possible").
struct scenario {
  std::string name;
  std::optional<date> as_of;  ///< the date the scenario is judged at, if it names one
  dpa::knowledge knowledge;   ///< the changed knowledge base (its version says so)
};

[[nodiscard]] result<scenario> parse_scenario(std::string_view json, const knowledge& base = knowledge::embedded());
[[nodiscard]] result<scenario> load_scenario(const std::filesystem::path& file, const knowledge& base = knowledge::embedded());

/// One agreement whose transfer finding differs between the two knowledge bases.
struct transfer_change {
  std::uint32_t agreement = 0;
  std::string_view before;  ///< transfer rule id under the base, "" when there was none
  std::string_view after;   ///< under the scenario, "" when there is none
};

/// What a change names in the graph: the agreement, its client, its processor and
/// the processor's country (views into the graph).
struct transfer_change_names {
  std::string_view agreement, client, processor, country;
};
[[nodiscard]] transfer_change_names names_of(const graph& g, const transfer_change& c);

struct scenario_report {
  std::vector<transfer_change> lost;    ///< agreements that lose their transfer basis
  std::vector<transfer_change> gained;  ///< agreements that gain one
  std::vector<transfer_change> changed; ///< a different transfer finding either way
  std::vector<std::uint32_t> controllers;  ///< roots whose data reaches an agreement that lost its basis, sorted
  graph_report base, changed_report;
};

/// Evaluates `g` under both knowledge bases at the same date and compares the transfer findings.
[[nodiscard]] scenario_report compare_scenario(const graph& g, const graph_options& options, const knowledge& base,
                                               const knowledge& changed);

/// What a scenario report is about, for its header: the graph's file, the
/// scenario's name and the two knowledge bases' versions.
struct scenario_labels {
  std::string_view graph;
  std::string_view scenario;
  std::string_view base_version;
  std::string_view scenario_version;
};

/// The comparison as one JSON object: the labels, `as_of`, `lost`, `gained`
/// and `changed` (each agreement with its id, pointer, client, processor,
/// country, and the transfer rule before and after: "" for none),
/// `controllers_affected` and `controllers`.
[[nodiscard]] std::string render_scenario_json(const graph& g, const scenario_report& r, const scenario_labels& labels);
/// The comparison for people: the counts, then at most `rows` agreements of each list.
[[nodiscard]] std::string render_scenario_text(const graph& g, const scenario_report& r, const scenario_labels& labels,
                                               std::size_t rows = 20);

}  // namespace v1
}  // namespace dpa
