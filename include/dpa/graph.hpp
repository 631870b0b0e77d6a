// Sub-processor graphs (dpa-graph/1): organisations and the agreements
// between them, loaded by streaming, stored compactly, and checked by the
// graph rules of graph-format.md in linear time.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <dpa/date.hpp>
#include <dpa/document.hpp>
#include <dpa/error.hpp>
#include <dpa/knowledge.hpp>
#include <dpa/load.hpp>
#include <dpa/report.hpp>
#include <dpa/rules.hpp>

namespace dpa {
inline namespace v1 {

/// Transfer mechanisms of dpa-graph/1, as bits.
enum class graph_mechanism : std::uint16_t {
  scc2021_m1 = 1 << 0,
  scc2021_m2 = 1 << 1,
  scc2021_m3 = 1 << 2,
  scc2021_m4 = 1 << 3,
  scc2010 = 1 << 4,
  safe_harbor = 1 << 5,
  privacy_shield = 1 << 6,
  dpf = 1 << 7,
  bcr_p = 1 << 8,
  art49_derogation = 1 << 9,
};

class graph {
 public:
  static constexpr std::int64_t none = -1;  ///< a duration that is not given
  static constexpr std::uint8_t cert_dpf = 1, cert_bcr_p = 2;

  struct organisation {
    std::string_view id, name;
    std::array<char, 2> country{};
    std::uint8_t certifications = 0;
  };
  struct agreement {
    std::string_view id;
    std::uint32_t client = 0, processor = 0;
    std::uint32_t categories_begin = 0, categories_end = 0;  ///< into category_lists, sorted, unique
    std::uint32_t retention_begin = 0, retention_end = 0;    ///< into retention_lists, sorted by category
    std::uint16_t mechanisms = 0;
    std::int64_t breach_hours = none, change_hours = none;
  };

  std::vector<organisation> organisations;
  std::vector<agreement> agreements;  ///< in file order: agreement i is /agreements/i
  std::vector<std::uint32_t> category_lists;
  std::vector<std::pair<std::uint32_t, std::int64_t>> retention_lists;  ///< (category, hours)
  std::vector<std::string_view> category_names;                        ///< interned
  std::optional<date> as_of;
  std::optional<std::int64_t> breach_budget_hours;

  /// The agreements grouped by processor (file order within each), with the
  /// fields the rules read side by side, so that the rules read memory in
  /// order. Position k holds agreement `agreement[k]`; the positions of
  /// organisation o's incoming agreements are offsets[o] .. offsets[o+1).
  /// Built by reindex() (the loader calls it).
  struct incoming_index {
    std::vector<std::uint32_t> offsets;  ///< organisations + 1
    std::vector<std::uint32_t> agreement, client;
    std::vector<std::uint16_t> mechanisms;
    std::vector<std::int64_t> change_hours;
    /// Position k's categories are category_lists[category_offsets[k] .. category_offsets[k+1]),
    /// its retention retention_lists[retention_offsets[k] .. retention_offsets[k+1]).
    std::vector<std::uint32_t> category_offsets, retention_offsets;
  };
  incoming_index incoming;
  /// The agreements grouped by client (then as in `incoming`): organisation o's
  /// outgoing agreements are entries offsets[o] .. offsets[o+1), each with its
  /// processor and breach bound beside it. Built by reindex().
  struct outgoing_index {
    std::vector<std::uint32_t> offsets;  ///< organisations + 1
    std::vector<std::uint32_t> agreement, processor;
    std::vector<std::int64_t> breach_hours;
  };
  outgoing_index outgoing;

  [[nodiscard]] std::uint32_t incoming_count(std::uint32_t org) const noexcept {
    return incoming.offsets[org + 1] - incoming.offsets[org];
  }
  [[nodiscard]] std::uint32_t outgoing_count(std::uint32_t org) const noexcept {
    return outgoing.offsets[org + 1] - outgoing.offsets[org];
  }
  /// A root (a controller at the top of its chains): client of at least one
  /// agreement, processor of none (a self-loop makes a processor).
  [[nodiscard]] bool is_root(std::uint32_t org) const noexcept {
    return outgoing_count(org) > 0 && incoming_count(org) == 0;
  }
  [[nodiscard]] std::string_view country_of(std::uint32_t org) const noexcept {
    return {organisations[org].country.data(), 2};
  }
  /// Rebuilds `incoming` and `outgoing` from `organisations` and `agreements`, storing the
  /// category and retention lists in its order (the agreements' ranges follow).
  /// Call it after filling or changing a graph by hand; evaluate_graph needs it.
  void reindex();
  [[nodiscard]] bool indexed() const noexcept {
    return incoming.offsets.size() == organisations.size() + 1 && incoming.agreement.size() == agreements.size() &&
           incoming.category_offsets.size() == agreements.size() + 1 &&
           outgoing.offsets.size() == organisations.size() + 1 && outgoing.agreement.size() == agreements.size();
  }

  graph();
  graph(graph&&) noexcept;
  graph& operator=(graph&&) noexcept;
  ~graph();

 private:
  friend struct graph_builder;
  std::vector<std::unique_ptr<char[]>> arena_;  // backing store of every string_view above
};

struct graph_options {
  std::optional<date> as_of;  ///< overrides the file's as_of; default today
  std::optional<std::int64_t> breach_budget_hours;  ///< overrides the file's budget; default 72
  std::vector<std::string> enable, disable;
  unsigned threads = 1;  ///< up to 3 passes run side by side; the findings are the same for any value
  /// Fill graph_report::findings with every finding's text. Off, only the compact
  /// form is made (fast at millions of findings); graph_report::materialize gives
  /// the text of the ones wanted.
  bool materialize = true;
};

/// A graph finding in compact form: the rule, where, and the numbers its message needs.
struct graph_finding {
  static constexpr std::uint32_t none = UINT32_MAX;
  std::uint16_t rule = 0;         ///< index into graph_rule_catalogue()
  bool on_organisations = false;  ///< a cycle of organisations: `subject` is an offset into graph_report::components
  std::uint32_t subject = 0;      ///< otherwise the agreement's index
  std::uint32_t category = none;  ///< index into graph::category_names
  std::int64_t value = 0;         ///< hours: the latency, the notice given, the retention (graph::none: not given)
  std::int64_t limit = 0;         ///< hours: the budget, the notice promised, the retention allowed
};

struct graph_report {
  report findings;               ///< evidence points at /agreements/<i> and /organisations/<i>
  std::size_t undetermined = 0;  ///< agreements whose chain latency is undetermined
  std::vector<graph_finding> compact;  ///< every finding, by rule, then position in the file
  /// The organisations of each cycle, as a flat list: a length followed by its
  /// items (materialize names them in id order).
  std::vector<std::uint32_t> components;
  /// Per organisation whose chain latency is determined: the incoming agreement
  /// giving its largest latency (the first in file order among equals);
  /// graph_finding::none for roots and undetermined ones.
  std::vector<std::uint32_t> critical;

  /// A chain-budget finding's critical path: its agreement, then the agreements
  /// above it up to the controller (at most 32 in all).
  [[nodiscard]] std::vector<std::uint32_t> critical_path(const graph& g, const graph_finding& f) const;

  /// Findings per rule id for every rule that ran, zero included.
  [[nodiscard]] std::map<std::string, std::size_t> counts() const;
  [[nodiscard]] std::optional<severity> worst() const;
  /// The full finding (subject, message, evidence, fingerprint) of a compact one.
  [[nodiscard]] finding materialize(const graph& g, const graph_finding& f) const;
  /// Every finding in full, in report order (what graph_options::materialize fills in).
  [[nodiscard]] std::vector<finding> materialize_all(const graph& g) const;
};

/// Streams dpa-graph/1 JSON (Boost.JSON's incremental parser; no DOM).
[[nodiscard]] result<graph> parse_graph(std::string_view json, const load_options& options = {});
/// Streams a file in chunks; on error the file is read again to locate the problems.
[[nodiscard]] result<graph> load_graph(const std::filesystem::path& file, const load_options& options = {});

/// The scratch memory of evaluate_graph, kept from one call to the next: a
/// graph evaluated again (another date, another budget, a scenario) or one of
/// about the same size then costs no fresh pages from the system (at a million
/// organisations 125 MB, and 5 % to a quarter of an evaluation's time). One evaluation
/// at a time may use a workspace; it holds nothing the report refers to.
class graph_workspace {
 public:
  graph_workspace();
  graph_workspace(graph_workspace&&) noexcept;
  graph_workspace& operator=(graph_workspace&&) noexcept;
  ~graph_workspace();
  /// Gives the memory back; the next evaluation asks for it again.
  void release() noexcept;
  /// Bytes held (capacity of the buffers), for who wants to budget them.
  [[nodiscard]] std::size_t capacity_bytes() const noexcept;

  struct buffers;  ///< (defined where the rules are)

 private:
  std::unique_ptr<buffers> buffers_;
  friend graph_report evaluate_graph(const graph&, const graph_options&, const knowledge&, graph_workspace&);
};

/// Checks an indexed graph (see graph::reindex; throws std::invalid_argument otherwise).
/// `kb` decides which countries need a transfer tool and how long each dated
/// mechanism holds (scc2021-m*, scc2010, privacy-shield, safe-harbor and dpf:
/// knowledge::tool_valid, with the adequacy decision for the last three), read
/// once per evaluation; a graph gives no date of conclusion, so an agreement on
/// a tool closed to new contracts counts until the tool's end.
[[nodiscard]] graph_report evaluate_graph(const graph& g, const graph_options& options = {},
                                          const knowledge& kb = knowledge::embedded());
/// The same, working in `workspace` (the report is the same).
[[nodiscard]] graph_report evaluate_graph(const graph& g, const graph_options& options, const knowledge& kb,
                                          graph_workspace& workspace);

/// Writes the JSON report of a graph check (schema/report.schema.json, with the
/// graph's `undetermined`, `organisations` and `agreements` added), a piece at a
/// time: each finding's text is made from the compact form as it is written, so
/// millions of findings never sit in memory at once (evaluate with
/// graph_options::materialize = false).
void render_graph_json(const graph& g, const graph_report& r, std::string_view file,
                       const std::function<void(std::string_view)>& write);

/// For a terminal: the graph's size and date, the findings per rule (every rule
/// that ran), the agreements whose chain latency is undetermined, then the first
/// `per_rule` findings of each rule. `note`, when not empty, is a line after the first.
[[nodiscard]] std::string render_graph_text(const graph& g, const graph_report& r, std::string_view file,
                                            std::string_view note = {}, std::size_t per_rule = 5);

/// The graph as a Graphviz DOT digraph, titled `title` (a file name): organisations
/// coloured by where they are as of the report's date (EEA, adequate, third
/// country, not known), agreements red or amber by their worst finding and
/// labelled with its rule. A cycle marks every agreement between its members.
[[nodiscard]] std::string render_graph_dot(const graph& g, const graph_report& r, std::string_view title,
                                           const knowledge& kb = knowledge::embedded());

/// One DPA document given to build_graph, with the file it came from (for notes).
struct graph_source {
  std::string file;
  const document* doc = nullptr;
};

struct graph_build_options {
  std::optional<date> as_of;  ///< written as the graph's as_of; also the date for placing organisations
  std::optional<country_code> controller_country;  ///< for controllers whose DPA names no country; default ZZ
};

struct graph_build {
  std::string json;               ///< the dpa-graph/1 document
  std::vector<diagnostic> notes;  ///< what could not be carried; `help` holds the file
};

/// Links DPA documents into one dpa-graph/1 graph: per document, its controllers
/// (one root) engage the processor, the processor each listed sub-processor,
/// each sub-processor its own and its onward recipients. Organisations named in
/// several documents are one node (matched by document id or legal name).
/// Country `ZZ` marks an organisation whose country the documents do not give.
[[nodiscard]] graph_build build_graph(const std::vector<graph_source>& sources, const graph_build_options& options = {},
                                      const knowledge& kb = knowledge::embedded());

/// The graph rules, sorted by id.
[[nodiscard]] const std::vector<rule_info>& graph_rule_catalogue();

/// A small dpa-graph/1 graph (a shop, its CRM in the Netherlands, the CRM's
/// mailer in Germany) on which no graph rule fires; graph rule examples patch it.
[[nodiscard]] std::string_view clean_example_graph() noexcept;
/// A graph rule's two examples, RFC 7386 merge patches of clean_example_graph():
/// with the first the rule fires, with the second it stays quiet. Empty for an id
/// that is no graph rule.
struct graph_rule_example {
  std::string_view fires, quiet;
};
[[nodiscard]] graph_rule_example graph_rule_examples(std::string_view id) noexcept;

}  // namespace v1
}  // namespace dpa
