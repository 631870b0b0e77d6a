// The C ABI of sub-processor graphs (dpa-graph/1) and scenarios (dpa-scenario/1).
#include "internal.hpp"

#include <cstdlib>
#include <cstring>

#include <dpa/render.hpp>

using namespace dpa_capi;

namespace {

// Output written a piece at a time straight into a malloc'd buffer, so that a
// large report is not held twice (as a string and as the caller's copy).
class piece_buffer {
 public:
  piece_buffer() = default;
  piece_buffer(const piece_buffer&) = delete;
  piece_buffer& operator=(const piece_buffer&) = delete;
  ~piece_buffer() { std::free(ptr_); }
  void append(std::string_view piece) {
    if (size_ + piece.size() + 1 > capacity_) {
      std::size_t want = capacity_ ? capacity_ : 4096;
      while (want < size_ + piece.size() + 1) want *= 2;
      char* grown = static_cast<char*>(std::realloc(ptr_, want));
      if (!grown) throw std::bad_alloc();
      ptr_ = grown;
      capacity_ = want;
    }
    if (!piece.empty()) std::memcpy(ptr_ + size_, piece.data(), piece.size());
    size_ += piece.size();
    ptr_[size_] = '\0';
  }
  // Hands the buffer over to the caller.
  int release_into(dpa_buf* out) {
    if (!ptr_) append({});
    out->ptr = ptr_;
    out->size = size_;
    ptr_ = nullptr;
    size_ = capacity_ = 0;
    return ok();
  }

 private:
  char* ptr_ = nullptr;
  std::size_t size_ = 0, capacity_ = 0;
};

// The findings in full, made once (a failed attempt, out of memory, is tried again next time).
const dpa_report& materialized(const dpa_graph_report* r) {
  std::call_once(r->materialized_flag, [r] {
    dpa::report full = r->result.findings;  // (the header: compact evaluation leaves findings empty)
    full.findings = r->result.materialize_all(*r->graph);
    r->materialized.reset(wrap(std::move(full)));
  });
  return *r->materialized;
}

int graph_result(dpa_graph** out, dpa::result<dpa::graph>&& g) {
  if (!g) return fail(status_of(g.error()), g.error());
  *out = new dpa_graph{std::make_shared<const dpa::graph>(std::move(g).value())};
  return ok();
}

int scenario_result(dpa_scenario** out, dpa::result<dpa::scenario>&& parsed, const dpa_knowledge* base,
                    std::string_view file) {
  if (!parsed) return fail(status_of(parsed.error()), parsed.error());
  auto s = std::make_unique<dpa_scenario>();
  auto& value = parsed.value();
  s->changed.version = value.knowledge.version();
  s->changed.kb = std::move(value.knowledge);
  s->changed.owned = false;
  s->base = base;
  s->name = std::move(value.name);
  s->date = value.as_of;
  if (value.as_of) s->as_of = dpa::to_string(*value.as_of);
  s->label = s->name.empty() ? std::string(file) : s->name;
  *out = s.release();
  return ok();
}

}  // namespace

extern "C" {

int dpa_graph_options_init(dpa_graph_options* opts, unsigned int version) {
  DPA_GUARD({
    DPA_REQUIRE(opts, "dpa_graph_options_init: opts is NULL");
    if (version != DPA_GRAPH_OPTIONS_VERSION)
      return fail(DPA_EVERSION, "unknown dpa_graph_options version " + std::to_string(version));
    *opts = dpa_graph_options DPA_GRAPH_OPTIONS_INIT;
    return ok();
  })
}

int dpa_graph_parse(dpa_graph** out, const char* utf8, size_t len, const dpa_load_options* lopts) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_graph_parse: out is NULL");
    *out = nullptr;
    DPA_REQUIRE(utf8 || len == 0, "dpa_graph_parse: utf8 is NULL");
    dpa::load_options lo;
    if (int rc = convert(lo, lopts); rc != DPA_OK) return rc;
    return graph_result(out, dpa::parse_graph(view(utf8, len), lo));
  })
}

int dpa_graph_load(dpa_graph** out, const char* path, const dpa_load_options* lopts) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_graph_load: out is NULL");
    *out = nullptr;
    DPA_REQUIRE(path, "dpa_graph_load: path is NULL");
    dpa::load_options lo;
    if (int rc = convert(lo, lopts); rc != DPA_OK) return rc;
    return graph_result(out, dpa::load_graph(path, lo));
  })
}

void dpa_graph_free(dpa_graph* graph) { delete graph; }

size_t dpa_graph_organisation_count(const dpa_graph* graph) { return graph ? graph->graph->organisations.size() : 0; }
size_t dpa_graph_agreement_count(const dpa_graph* graph) { return graph ? graph->graph->agreements.size() : 0; }

int dpa_graph_evaluate(dpa_graph_report** out, const dpa_graph* graph, const dpa_graph_options* opts,
                       const dpa_knowledge* kb) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_graph_evaluate: out is NULL");
    *out = nullptr;
    DPA_REQUIRE(graph, "dpa_graph_evaluate: graph is NULL");
    dpa::graph_options o;
    if (int rc = convert(o, opts); rc != DPA_OK) return rc;
    o.materialize = false;  // the text of the findings is made when asked for
    auto r = std::make_unique<dpa_graph_report>();
    r->graph = graph->graph;
    r->result = dpa::evaluate_graph(*graph->graph, o, kb_of(kb));
    r->as_of = dpa::to_string(r->result.findings.as_of);
    for (auto& [id, n] : r->result.counts()) r->rules.emplace_back(id, n);
    const auto& catalogue = dpa::graph_rule_catalogue();
    for (const auto& f : r->result.compact) ++r->per_severity[static_cast<int>(catalogue[f.rule].severity)];
    *out = r.release();
    return ok();
  })
}

void dpa_graph_report_free(dpa_graph_report* report) { delete report; }

const char* dpa_graph_report_as_of(const dpa_graph_report* report) { return report ? report->as_of.c_str() : ""; }

size_t dpa_graph_report_finding_count(const dpa_graph_report* report) {
  return report ? report->result.compact.size() : 0;
}

size_t dpa_graph_report_undetermined(const dpa_graph_report* report) { return report ? report->result.undetermined : 0; }

int dpa_graph_report_severity_counts(size_t* violations, size_t* warnings, size_t* infos,
                                     const dpa_graph_report* report) {
  DPA_GUARD({
    DPA_REQUIRE(report, "dpa_graph_report_severity_counts: report is NULL");
    if (violations) *violations = report->per_severity[static_cast<int>(dpa::severity::violation)];
    if (warnings) *warnings = report->per_severity[static_cast<int>(dpa::severity::warning)];
    if (infos) *infos = report->per_severity[static_cast<int>(dpa::severity::info)];
    return ok();
  })
}

size_t dpa_graph_report_rule_count(const dpa_graph_report* report) { return report ? report->rules.size() : 0; }

int dpa_graph_report_rule(const char** rule, size_t* findings, const dpa_graph_report* report, size_t index) {
  DPA_GUARD({
    DPA_REQUIRE(report, "dpa_graph_report_rule: report is NULL");
    if (index >= report->rules.size()) return fail(DPA_EINVALID, "dpa_graph_report_rule: index out of range");
    if (rule) *rule = report->rules[index].first.c_str();
    if (findings) *findings = report->rules[index].second;
    return ok();
  })
}

int dpa_graph_report_has(const dpa_graph_report* report, const char* severity) {
  DPA_GUARD({
    DPA_REQUIRE(report, "dpa_graph_report_has: report is NULL");
    DPA_REQUIRE(severity, "dpa_graph_report_has: severity is NULL");
    auto s = dpa::parse_severity(severity);
    if (!s) return fail(DPA_EINVALID, std::string("`") + severity + "` is not violation, warning or info");
    auto w = report->result.worst();
    ok();
    return w && *w >= *s ? 1 : 0;
  })
}

int dpa_graph_report_findings(const dpa_report** out, const dpa_graph_report* report) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_graph_report_findings: out is NULL");
    *out = nullptr;
    DPA_REQUIRE(report, "dpa_graph_report_findings: report is NULL");
    *out = &materialized(report);
    return ok();
  })
}

int dpa_graph_report_to_json(dpa_buf* out, const dpa_graph_report* report, const char* file) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_graph_report_to_json: out is NULL");
    *out = dpa_buf{nullptr, 0};
    DPA_REQUIRE(report, "dpa_graph_report_to_json: report is NULL");
    // The file names the document, as on the command line. A copy of the compact
    // report costs little beside the text rendered from it.
    dpa::graph_report named = report->result;
    named.findings.subject = text_or_empty(file);
    piece_buffer buf;
    dpa::render_graph_json(*report->graph, named, text_or_empty(file), [&](std::string_view piece) { buf.append(piece); });
    return buf.release_into(out);
  })
}

int dpa_graph_report_to_text(dpa_buf* out, const dpa_graph_report* report, const char* file) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_graph_report_to_text: out is NULL");
    *out = dpa_buf{nullptr, 0};
    DPA_REQUIRE(report, "dpa_graph_report_to_text: report is NULL");
    return to_buf(out, dpa::render_graph_text(*report->graph, report->result, text_or_empty(file)));
  })
}

int dpa_graph_report_to_sarif(dpa_buf* out, const dpa_graph_report* report, const char* file) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_graph_report_to_sarif: out is NULL");
    *out = dpa_buf{nullptr, 0};
    DPA_REQUIRE(report, "dpa_graph_report_to_sarif: report is NULL");
    return to_buf(out, dpa::render_sarif({{&materialized(report).report, std::string(text_or_empty(file)), {}}}));
  })
}

int dpa_scenario_parse(dpa_scenario** out, const char* utf8, size_t len, const dpa_knowledge* base) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_scenario_parse: out is NULL");
    *out = nullptr;
    DPA_REQUIRE(utf8 || len == 0, "dpa_scenario_parse: utf8 is NULL");
    return scenario_result(out, dpa::parse_scenario(view(utf8, len), kb_of(base)), base, "");
  })
}

int dpa_scenario_load(dpa_scenario** out, const char* path, const dpa_knowledge* base) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_scenario_load: out is NULL");
    *out = nullptr;
    DPA_REQUIRE(path, "dpa_scenario_load: path is NULL");
    return scenario_result(out, dpa::load_scenario(path, kb_of(base)), base, path);
  })
}

void dpa_scenario_free(dpa_scenario* scenario) { delete scenario; }

const char* dpa_scenario_name(const dpa_scenario* scenario) { return scenario ? scenario->name.c_str() : ""; }
const char* dpa_scenario_as_of(const dpa_scenario* scenario) { return scenario ? scenario->as_of.c_str() : ""; }
const dpa_knowledge* dpa_scenario_knowledge(const dpa_scenario* scenario) {
  return scenario ? &scenario->changed : nullptr;
}

int dpa_scenario_compare(dpa_scenario_report** out, const dpa_graph* graph, const dpa_scenario* scenario,
                         const dpa_graph_options* opts) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_scenario_compare: out is NULL");
    *out = nullptr;
    DPA_REQUIRE(graph, "dpa_scenario_compare: graph is NULL");
    DPA_REQUIRE(scenario, "dpa_scenario_compare: scenario is NULL");
    dpa::graph_options o;
    if (int rc = convert(o, opts); rc != DPA_OK) return rc;
    if (!o.as_of && scenario->date) o.as_of = scenario->date;  // as `dpa graph scenario`
    const auto& base = kb_of(scenario->base);
    const auto& g = *graph->graph;
    auto r = std::make_unique<dpa_scenario_report>();
    r->graph = graph->graph;
    r->result = dpa::compare_scenario(g, o, base, scenario->changed.kb);
    const std::vector<dpa::transfer_change>* lists[3] = {&r->result.lost, &r->result.gained, &r->result.changed};
    for (int l = 0; l < 3; ++l) {
      r->rows[l].reserve(lists[l]->size());
      for (const auto& c : *lists[l]) {
        const auto x = dpa::names_of(g, c);
        r->rows[l].push_back({std::string(x.agreement), std::string(x.client), std::string(x.processor),
                              std::string(x.country), std::string(c.before), std::string(c.after), c.agreement});
      }
    }
    for (auto c : r->result.controllers) r->controllers.emplace_back(g.organisations[c].id);
    r->as_of = dpa::to_string(r->result.base.findings.as_of);
    r->label = scenario->label;
    r->base_version = base.version();
    r->scenario_version = scenario->changed.version;
    *out = r.release();
    return ok();
  })
}

void dpa_scenario_report_free(dpa_scenario_report* report) { delete report; }

const char* dpa_scenario_report_as_of(const dpa_scenario_report* report) { return report ? report->as_of.c_str() : ""; }

int dpa_scenario_report_counts(size_t* lost, size_t* gained, size_t* changed, size_t* controllers,
                               const dpa_scenario_report* report) {
  DPA_GUARD({
    DPA_REQUIRE(report, "dpa_scenario_report_counts: report is NULL");
    if (lost) *lost = report->rows[DPA_SCENARIO_LOST].size();
    if (gained) *gained = report->rows[DPA_SCENARIO_GAINED].size();
    if (changed) *changed = report->rows[DPA_SCENARIO_CHANGED].size();
    if (controllers) *controllers = report->controllers.size();
    return ok();
  })
}

int dpa_scenario_report_change(dpa_transfer_change_info* out, const dpa_scenario_report* report, int list,
                               size_t index) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_scenario_report_change: out is NULL");
    DPA_REQUIRE(report, "dpa_scenario_report_change: report is NULL");
    if (list < DPA_SCENARIO_LOST || list > DPA_SCENARIO_CHANGED)
      return fail(DPA_EINVALID, "dpa_scenario_report_change: list is not DPA_SCENARIO_LOST, _GAINED or _CHANGED");
    const auto& rows = report->rows[list];
    if (index >= rows.size()) return fail(DPA_EINVALID, "dpa_scenario_report_change: index out of range");
    const auto& r = rows[index];
    out->agreement = r.agreement.c_str();
    out->client = r.client.c_str();
    out->processor = r.processor.c_str();
    out->country = r.country.c_str();
    out->before = r.before.c_str();
    out->after = r.after.c_str();
    out->index = r.index;
    return ok();
  })
}

int dpa_scenario_report_controller(const char** id, const dpa_scenario_report* report, size_t index) {
  DPA_GUARD({
    DPA_REQUIRE(id, "dpa_scenario_report_controller: id is NULL");
    DPA_REQUIRE(report, "dpa_scenario_report_controller: report is NULL");
    if (index >= report->controllers.size()) return fail(DPA_EINVALID, "dpa_scenario_report_controller: index out of range");
    *id = report->controllers[index].c_str();
    return ok();
  })
}

int dpa_scenario_report_to_json(dpa_buf* out, const dpa_scenario_report* report, const char* graph_name) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_scenario_report_to_json: out is NULL");
    *out = dpa_buf{nullptr, 0};
    DPA_REQUIRE(report, "dpa_scenario_report_to_json: report is NULL");
    const dpa::scenario_labels labels{text_or_empty(graph_name), report->label, report->base_version,
                                      report->scenario_version};
    return to_buf(out, dpa::render_scenario_json(*report->graph, report->result, labels));
  })
}

int dpa_scenario_report_to_text(dpa_buf* out, const dpa_scenario_report* report, const char* graph_name, size_t rows) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_scenario_report_to_text: out is NULL");
    *out = dpa_buf{nullptr, 0};
    DPA_REQUIRE(report, "dpa_scenario_report_to_text: report is NULL");
    const dpa::scenario_labels labels{text_or_empty(graph_name), report->label, report->base_version,
                                      report->scenario_version};
    return to_buf(out, dpa::render_scenario_text(*report->graph, report->result, labels, rows));
  })
}

}  // extern "C"
