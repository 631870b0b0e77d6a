// The C ABI over the C++ API: errors, options, knowledge bases, documents,
// reports, tenants and the rule catalogue (graph.cpp has graphs and scenarios,
// diff.cpp the diff).
#include "internal.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>

#include <dpa/render.hpp>
#include <dpa/rules.hpp>

namespace {

struct last_error {
  int code = DPA_OK;
  std::vector<dpa::diagnostic> diagnostics;
  std::string message;
  const char* fixed = nullptr;  // a static message, used when `message` could not be stored
};
thread_local last_error g_error;

// Recording an error must not fail itself: when memory runs out while copying
// the details, the error keeps its code and a fixed message.
int out_of_memory(int code) noexcept {
  g_error.code = code;
  g_error.diagnostics.clear();
  g_error.message.clear();
  g_error.fixed = "out of memory (while recording the error)";
  return code;
}

}  // namespace

namespace dpa_capi {

int fail(int code, std::string message) noexcept {
  g_error.code = code;
  g_error.fixed = nullptr;
  g_error.diagnostics.clear();
  g_error.message = std::move(message);
  return code;
}

int fail(int code, const dpa::error& e) noexcept {
  try {
    g_error.code = code;
    g_error.fixed = nullptr;
    g_error.diagnostics = e.diagnostics;
    g_error.message = e.diagnostics.empty() ? std::string("error") : e.diagnostics.front().message;
    return code;
  } catch (...) {
    return out_of_memory(code);
  }
}

int ok() noexcept {
  g_error.fixed = nullptr;
  g_error.code = DPA_OK;
  g_error.diagnostics.clear();
  g_error.message.clear();
  return DPA_OK;
}

int internal_error(const char* what) noexcept {
  try {
    return fail(DPA_EINTERNAL, std::string("internal error: ") + what);
  } catch (...) {
    return out_of_memory(DPA_EINTERNAL);
  }
}

int status_of(const dpa::error& e) {
  if (!e.diagnostics.empty() && e.diagnostics.front().code == dpa::errc::io) return DPA_EIO;
  return DPA_EPARSE;
}

// An options error: the message names the option and the value, and carries the
// help (a near rule id) so that C callers see it too; every problem stays in the details.
int fail_options(const dpa::error& e) noexcept {
  try {
    std::string message = "invalid options";
    if (!e.diagnostics.empty()) {
      const auto& d = e.diagnostics.front();
      // "/rules" names the option; "/suppressions/suppressions/0/reason" an option and a place in its text
      if (!d.pointer.empty()) {
        const auto slash = d.pointer.find('/', 1);
        message = d.pointer.substr(1, slash == std::string::npos ? std::string::npos : slash - 1) + ": ";
        if (slash != std::string::npos) message += d.pointer.substr(slash) + ": ";
      } else {
        message.clear();
      }
      message += d.message;
      if (!d.help.empty()) message += "; " + d.help;
    }
    fail(DPA_EINVALID, e);
    g_error.message = std::move(message);
    return DPA_EINVALID;
  } catch (...) {
    return out_of_memory(DPA_EINVALID);
  }
}

// Converts C options with the library's parser (dpa/options.hpp), the rules checked
// against `scope`; returns DPA_OK or an error status (with the last error set). Every
// problem of every option is reported.
int convert(dpa::options& out, const dpa_eval_options* in, dpa::rule_scope scope) {
  if (!in) return DPA_OK;
  if (in->version != DPA_EVAL_OPTIONS_VERSION_1 && in->version != DPA_EVAL_OPTIONS_VERSION_2)
    return fail(DPA_EVERSION, "dpa_eval_options.version is " + std::to_string(in->version) +
                                  "; this library knows 1 and 2");
  dpa::option_text text;
  if (in->as_of) text.as_of = in->as_of;
  if (in->breach_budget) text.breach_budget = in->breach_budget;
  if (in->rules) text.rules.emplace_back(in->rules);
  if (in->disable) text.disable.emplace_back(in->disable);
  if (in->version >= DPA_EVAL_OPTIONS_VERSION_2) {
    if (in->severity) text.severity.emplace_back(in->severity);
    if (in->suppressions) text.suppressions = in->suppressions;
    if (in->baseline) text.baseline = in->baseline;
  }
  auto parsed = dpa::parse_options(text, scope);
  if (!parsed) return fail_options(parsed.error());
  out = std::move(parsed).value();
  return DPA_OK;
}

int convert(dpa::load_options& out, const dpa_load_options* in) {
  if (!in) return DPA_OK;
  if (in->version != DPA_LOAD_OPTIONS_VERSION)
    return fail(DPA_EVERSION, "dpa_load_options.version is " + std::to_string(in->version) + "; this library knows " +
                                  std::to_string(DPA_LOAD_OPTIONS_VERSION));
  if (in->max_depth > 1000)
    return fail_options(dpa::error{{dpa::diagnostic{dpa::errc::invalid_value,
                                                    "`" + std::to_string(in->max_depth) + "` is over 1000 levels",
                                                    "/max_depth", 0, 0, ""}}});
  if (in->max_bytes) out.limits.max_bytes = out.limits.max_graph_bytes = in->max_bytes;
  if (in->max_depth) out.limits.max_depth = in->max_depth;
  if (in->max_string) out.limits.max_string = in->max_string;
  if (in->max_items) out.limits.max_items = out.limits.max_graph_items = in->max_items;
  out.kb = in->kb ? &in->kb->kb : nullptr;
  return DPA_OK;
}

int convert(dpa::graph_options& out, const dpa_graph_options* in) {
  if (!in) return DPA_OK;
  if (in->version != DPA_GRAPH_OPTIONS_VERSION)
    return fail(DPA_EVERSION, "dpa_graph_options.version is " + std::to_string(in->version) + "; this library knows " +
                                  std::to_string(DPA_GRAPH_OPTIONS_VERSION));
  dpa::option_text text;
  if (in->as_of) text.as_of = in->as_of;
  if (in->breach_budget) text.breach_budget = in->breach_budget;
  if (in->rules) text.rules.emplace_back(in->rules);
  if (in->disable) text.disable.emplace_back(in->disable);
  dpa::error problems;
  auto parsed = dpa::parse_graph_options(text);
  if (parsed)
    out = std::move(parsed).value();
  else
    problems = parsed.error();
  if (in->threads > 256)
    problems.diagnostics.push_back({dpa::errc::invalid_value, "`" + std::to_string(in->threads) + "` is over 256 threads",
                                    "/threads", 0, 0, ""});
  if (!problems.diagnostics.empty()) return fail_options(problems);
  out.threads = in->threads ? in->threads : 1;
  return DPA_OK;
}

dpa_report* wrap(dpa::report&& r, std::shared_ptr<const std::string> source) {
  auto out = std::make_unique<dpa_report>();
  out->report = std::move(r);
  out->source = std::move(source);
  out->text.reserve(out->report.findings.size());
  for (const auto& f : out->report.findings)
    out->text.push_back({std::string(f.rule), std::string(f.reference), f.subject, f.message, f.fingerprint});
  return out.release();
}

int to_buf(dpa_buf* out, std::string_view s) {
  char* p = static_cast<char*>(std::malloc(s.size() + 1));
  if (!p) return fail(DPA_ENOMEM, "out of memory");
  if (!s.empty()) std::memcpy(p, s.data(), s.size());
  p[s.size()] = '\0';
  out->ptr = p;
  out->size = s.size();
  return ok();
}

}  // namespace dpa_capi

using namespace dpa_capi;

namespace {

// "did you mean `transfer/no-tia`?" for the rule id nearest to `id`, or "".
std::string did_you_mean(std::string_view id) {
  auto near = dpa::closest_rule(id);
  return near ? "did you mean `" + *near + "`?" : std::string();
}
}  // namespace

extern "C" {

unsigned int dpa_version_number(void) { return DPA_VERSION_NUMBER; }
const char* dpa_version_string(void) { return DPA_VERSION_STRING; }

const char* dpa_status_string(int status) {
  switch (status) {
    case DPA_OK: return "ok";
    case DPA_EINVALID: return "invalid argument";
    case DPA_EPARSE: return "invalid input";
    case DPA_EBUFS: return "buffer too small";
    case DPA_EVERSION: return "unknown options version";
    case DPA_EMISUSE: return "misuse: a NULL handle or out-parameter";
    case DPA_ENOMEM: return "out of memory";
    case DPA_EINTERNAL: return "internal error";
    case DPA_EIO: return "input/output error";
    default: return "unknown status";
  }
}

int dpa_last_error_code(void) { return g_error.code; }
const char* dpa_last_error_message(void) { return g_error.fixed ? g_error.fixed : g_error.message.c_str(); }
const char* dpa_last_error_pointer(void) {
  return g_error.diagnostics.empty() ? "" : g_error.diagnostics.front().pointer.c_str();
}
unsigned int dpa_last_error_line(void) { return g_error.diagnostics.empty() ? 0 : g_error.diagnostics.front().line; }
unsigned int dpa_last_error_column(void) { return g_error.diagnostics.empty() ? 0 : g_error.diagnostics.front().column; }
size_t dpa_last_error_count(void) { return g_error.diagnostics.size(); }

int dpa_last_error_detail(const char** message, const char** pointer, unsigned int* line, unsigned int* column,
                          size_t index) {
  if (index >= g_error.diagnostics.size()) return DPA_EINVALID;  // leaves the last error as it is
  const auto& d = g_error.diagnostics[index];
  if (message) *message = d.message.c_str();
  if (pointer) *pointer = d.pointer.c_str();
  if (line) *line = d.line;
  if (column) *column = d.column;
  return DPA_OK;
}

const char* dpa_last_error_hint(size_t index) {
  return index < g_error.diagnostics.size() ? g_error.diagnostics[index].help.c_str() : "";
}

int dpa_eval_options_init(dpa_eval_options* opts, unsigned int version) {
  DPA_GUARD({
    DPA_REQUIRE(opts, "dpa_eval_options_init: opts is NULL");
    const dpa_eval_options defaults = DPA_EVAL_OPTIONS_INIT;
    switch (version) {
      case DPA_EVAL_OPTIONS_VERSION_1:  // a caller's struct of version 1 ends before `severity`
        std::memcpy(opts, &defaults, offsetof(dpa_eval_options, severity));
        break;
      case DPA_EVAL_OPTIONS_VERSION_2: *opts = defaults; break;
      default: return fail(DPA_EVERSION, "unknown dpa_eval_options version " + std::to_string(version));
    }
    opts->version = version;
    return ok();
  })
}

int dpa_load_options_init(dpa_load_options* opts, unsigned int version) {
  DPA_GUARD({
    DPA_REQUIRE(opts, "dpa_load_options_init: opts is NULL");
    if (version != DPA_LOAD_OPTIONS_VERSION)
      return fail(DPA_EVERSION, "unknown dpa_load_options version " + std::to_string(version));
    *opts = dpa_load_options DPA_LOAD_OPTIONS_INIT;
    return ok();
  })
}

const dpa_knowledge* dpa_knowledge_default(void) {
  try {
    static const dpa_knowledge kb{dpa::knowledge::embedded(), dpa::knowledge::embedded().version()};
    return &kb;
  } catch (...) {
    fail(DPA_ENOMEM, "out of memory");
    return nullptr;
  }
}

int dpa_knowledge_parse(dpa_knowledge** out, const char* utf8, size_t len) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_knowledge_parse: out is NULL");
    *out = nullptr;
    DPA_REQUIRE(utf8 || len == 0, "dpa_knowledge_parse: utf8 is NULL");
    auto kb = dpa::knowledge::parse(view(utf8, len));
    if (!kb) return fail(status_of(kb.error()), kb.error());
    std::string version = kb.value().version();
    *out = new dpa_knowledge{std::move(kb).value(), std::move(version)};
    return ok();
  })
}

void dpa_knowledge_free(dpa_knowledge* kb) {
  if (kb && kb->owned && kb != dpa_knowledge_default()) delete kb;
}

const char* dpa_knowledge_version(const dpa_knowledge* kb) { return kb ? kb->version.c_str() : ""; }

int dpa_document_parse_with(dpa_document** out, const char* utf8, size_t len, const dpa_load_options* lopts) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_document_parse: out is NULL");
    *out = nullptr;
    DPA_REQUIRE(utf8 || len == 0, "dpa_document_parse: utf8 is NULL");
    dpa::load_options lo;
    if (int rc = convert(lo, lopts); rc != DPA_OK) return rc;
    auto doc = dpa::parse_document(view(utf8, len), lo);
    if (!doc) return fail(status_of(doc.error()), doc.error());
    *out = new dpa_document{std::move(doc).value(), std::make_shared<const std::string>(view(utf8, len))};
    return ok();
  })
}

int dpa_document_parse(dpa_document** out, const char* utf8, size_t len) {
  return dpa_document_parse_with(out, utf8, len, nullptr);
}

int dpa_document_load_with(dpa_document** out, const char* path, const dpa_load_options* lopts) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_document_load: out is NULL");
    *out = nullptr;
    DPA_REQUIRE(path, "dpa_document_load: path is NULL");
    dpa::load_options lo;
    if (int rc = convert(lo, lopts); rc != DPA_OK) return rc;
    auto text = dpa::read_file(path, lo.limits.max_bytes);
    if (!text) return fail(status_of(text.error()), text.error());
    auto doc = dpa::parse_document(text.value(), lo);
    if (!doc) return fail(status_of(doc.error()), doc.error());
    *out = new dpa_document{std::move(doc).value(), std::make_shared<const std::string>(std::move(text).value())};
    return ok();
  })
}

int dpa_document_load(dpa_document** out, const char* path) { return dpa_document_load_with(out, path, nullptr); }

void dpa_document_free(dpa_document* doc) { delete doc; }

const char* dpa_document_id(const dpa_document* doc) { return doc ? doc->doc.id.c_str() : ""; }

int dpa_document_to_json(dpa_buf* out, const dpa_document* doc) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_document_to_json: out is NULL");
    *out = dpa_buf{nullptr, 0};
    DPA_REQUIRE(doc, "dpa_document_to_json: doc is NULL");
    return to_buf(out, dpa::to_json(doc->doc));
  })
}

int dpa_evaluate(dpa_report** out, const dpa_document* doc, const dpa_eval_options* opts, const dpa_knowledge* kb) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_evaluate: out is NULL");
    *out = nullptr;
    DPA_REQUIRE(doc, "dpa_evaluate: doc is NULL");
    dpa::options o;
    if (int rc = convert(o, opts, dpa::rule_scope::document); rc != DPA_OK) return rc;
    *out = wrap(dpa::evaluate(doc->doc, o, kb_of(kb)), doc->text);
    return ok();
  })
}

int dpa_evaluate_json(dpa_buf* out, const char* utf8, size_t len, const dpa_eval_options* opts) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_evaluate_json: out is NULL");
    *out = dpa_buf{nullptr, 0};
    DPA_REQUIRE(utf8 || len == 0, "dpa_evaluate_json: utf8 is NULL");
    dpa::options o;
    if (int rc = convert(o, opts, dpa::rule_scope::document); rc != DPA_OK) return rc;
    auto doc = dpa::parse_document(view(utf8, len));
    if (!doc) return fail(status_of(doc.error()), doc.error());
    auto r = dpa::evaluate(doc.value(), o);
    return to_buf(out, dpa::render_json({{&r, "", view(utf8, len)}}));
  })
}

void dpa_report_free(dpa_report* report) { delete report; }

size_t dpa_report_finding_count(const dpa_report* report) { return report ? report->report.findings.size() : 0; }

int dpa_report_finding(dpa_finding_info* out, const dpa_report* report, size_t index) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_report_finding: out is NULL");
    DPA_REQUIRE(report, "dpa_report_finding: report is NULL");
    if (index >= report->report.findings.size()) return fail(DPA_EINVALID, "dpa_report_finding: index out of range");
    const auto& f = report->report.findings[index];
    const auto& t = report->text[index];
    out->rule = t.rule.c_str();
    out->severity = dpa::to_string(f.severity).data();  // static literals
    out->certainty = dpa::to_string(f.certainty).data();
    out->subject = t.subject.c_str();
    out->message = t.message.c_str();
    out->reference = t.reference.c_str();
    out->fingerprint = t.fingerprint.c_str();
    out->evidence_count = f.evidence.size();
    out->suppressed = f.suppressed ? 1 : 0;
    return ok();
  })
}

namespace {
// A finding's evidence by index; null when either index is out of range.
const dpa::evidence* evidence_at(const dpa_report* report, size_t finding, size_t index) {
  const auto& findings = report->report.findings;
  if (finding >= findings.size() || index >= findings[finding].evidence.size()) return nullptr;
  return &findings[finding].evidence[index];
}
}  // namespace

int dpa_report_evidence(const char** pointer, const char** clause, const dpa_report* report, size_t finding,
                        size_t index) {
  DPA_GUARD({
    DPA_REQUIRE(report, "dpa_report_evidence: report is NULL");
    const auto* e = evidence_at(report, finding, index);
    if (!e) return fail(DPA_EINVALID, "dpa_report_evidence: index out of range");
    if (pointer) *pointer = e->pointer.c_str();
    if (clause) *clause = e->clause ? e->clause->c_str() : nullptr;
    return ok();
  })
}

int dpa_report_evidence_position(unsigned int* line, unsigned int* column, const dpa_report* report, size_t finding,
                                 size_t index) {
  DPA_GUARD({
    DPA_REQUIRE(report, "dpa_report_evidence_position: report is NULL");
    const auto* e = evidence_at(report, finding, index);
    if (!e) return fail(DPA_EINVALID, "dpa_report_evidence_position: index out of range");
    // Only the line and column members are written, once, under the flag; nothing else reads them.
    std::call_once(report->located, [&] {
      if (report->source) dpa::locate_evidence(const_cast<dpa::report&>(report->report), *report->source);
    });
    if (line) *line = e->line;
    if (column) *column = e->column;
    return ok();
  })
}

int dpa_report_has(const dpa_report* report, const char* severity) {
  DPA_GUARD({
    DPA_REQUIRE(report, "dpa_report_has: report is NULL");
    DPA_REQUIRE(severity, "dpa_report_has: severity is NULL");
    auto s = dpa::parse_severity(severity);
    if (!s) return fail(DPA_EINVALID, std::string("`") + severity + "` is not violation, warning or info");
    auto w = report->report.worst();
    ok();
    return w && *w >= *s ? 1 : 0;
  })
}

int dpa_report_to_json(dpa_buf* out, const dpa_report* report) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_report_to_json: out is NULL");
    *out = dpa_buf{nullptr, 0};
    DPA_REQUIRE(report, "dpa_report_to_json: report is NULL");
    return to_buf(out, dpa::render_json({{&report->report, "", {}}}));
  })
}

int dpa_report_to_text(dpa_buf* out, const dpa_report* report, const char* file, int colour) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_report_to_text: out is NULL");
    *out = dpa_buf{nullptr, 0};
    DPA_REQUIRE(report, "dpa_report_to_text: report is NULL");
    const std::string_view text = report->source ? std::string_view(*report->source) : std::string_view{};
    return to_buf(out, dpa::render_text({&report->report, std::string(text_or_empty(file)), text}, colour != 0));
  })
}

int dpa_report_to_sarif(dpa_buf* out, const dpa_report* report, const char* file) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_report_to_sarif: out is NULL");
    *out = dpa_buf{nullptr, 0};
    DPA_REQUIRE(report, "dpa_report_to_sarif: report is NULL");
    const std::string_view text = report->source ? std::string_view(*report->source) : std::string_view{};
    return to_buf(out, dpa::render_sarif({{&report->report, std::string(text_or_empty(file)), text}}));
  })
}

void dpa_buf_dispose(dpa_buf* buf) {
  if (!buf) return;
  std::free(buf->ptr);
  buf->ptr = nullptr;
  buf->size = 0;
}

int dpa_tenant_parse_with(dpa_tenant** out, const char* utf8, size_t len, const dpa_load_options* lopts) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_tenant_parse: out is NULL");
    *out = nullptr;
    DPA_REQUIRE(utf8 || len == 0, "dpa_tenant_parse: utf8 is NULL");
    dpa::load_options lo;
    if (int rc = convert(lo, lopts); rc != DPA_OK) return rc;
    auto t = dpa::parse_tenant(view(utf8, len), lo);
    if (!t) return fail(status_of(t.error()), t.error());
    *out = new dpa_tenant{std::move(t).value()};
    return ok();
  })
}

int dpa_tenant_parse(dpa_tenant** out, const char* utf8, size_t len) {
  return dpa_tenant_parse_with(out, utf8, len, nullptr);
}

int dpa_tenant_load(dpa_tenant** out, const char* path, const dpa_load_options* lopts) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_tenant_load: out is NULL");
    *out = nullptr;
    DPA_REQUIRE(path, "dpa_tenant_load: path is NULL");
    dpa::load_options lo;
    if (int rc = convert(lo, lopts); rc != DPA_OK) return rc;
    auto t = dpa::load_tenant(path, lo);
    if (!t) return fail(status_of(t.error()), t.error());
    *out = new dpa_tenant{std::move(t).value()};
    return ok();
  })
}

void dpa_tenant_free(dpa_tenant* tenant) { delete tenant; }

int dpa_policy_new(dpa_policy** out, const dpa_document* doc, const dpa_eval_options* opts, const dpa_knowledge* kb) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_policy_new: out is NULL");
    *out = nullptr;
    DPA_REQUIRE(doc, "dpa_policy_new: doc is NULL");
    dpa::options o;
    if (int rc = convert(o, opts, dpa::rule_scope::tenant); rc != DPA_OK) return rc;
    *out = new dpa_policy{dpa::tenant_policy(doc->doc, o, kb_of(kb))};
    return ok();
  })
}

void dpa_policy_free(dpa_policy* policy) { delete policy; }

int dpa_policy_check(dpa_report** out, const dpa_policy* policy, const dpa_tenant* tenant) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_policy_check: out is NULL");
    *out = nullptr;
    DPA_REQUIRE(policy, "dpa_policy_check: policy is NULL");
    DPA_REQUIRE(tenant, "dpa_policy_check: tenant is NULL");
    *out = wrap(policy->policy.check(tenant->tenant));
    return ok();
  })
}

}  // extern "C"

namespace {

// The catalogue with NUL-terminated copies of its text, made once.
struct rule_row {
  std::string id, title, reference, url, rationale, remediation, kind_names;
  const char* severity = "";
  unsigned kinds = 0;
};
static_assert(DPA_RULE_KIND_DOCUMENT == static_cast<unsigned>(dpa::rule_kind::document) &&
              DPA_RULE_KIND_DIFF == static_cast<unsigned>(dpa::rule_kind::diff) &&
              DPA_RULE_KIND_TENANT == static_cast<unsigned>(dpa::rule_kind::tenant) &&
              DPA_RULE_KIND_GRAPH == static_cast<unsigned>(dpa::rule_kind::graph));

// Throws std::bad_alloc when the table cannot be made (the next call tries again).
const std::vector<rule_row>& rule_table() {
  static const std::vector<rule_row> table = [] {
    std::vector<rule_row> rows;
    for (const auto& e : dpa::full_catalogue()) {
      const auto& r = *e.info;
      rule_row row{std::string(r.id), std::string(r.title), std::string(r.reference), std::string(r.url),
                   std::string(r.rationale), std::string(r.remediation), {}, dpa::to_string(r.severity).data(), e.kinds};
      for (auto k : e.kind_list()) {
        if (!row.kind_names.empty()) row.kind_names += ',';
        row.kind_names += dpa::to_string(k);
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }();
  return table;
}

void fill(dpa_rule_info* out, const rule_row& r) {
  out->id = r.id.c_str();
  out->title = r.title.c_str();
  out->severity = r.severity;
  out->reference = r.reference.c_str();
  out->url = r.url.c_str();
  out->rationale = r.rationale.c_str();
  out->remediation = r.remediation.c_str();
  out->kinds = r.kinds;
  out->kind_names = r.kind_names.c_str();
}

}  // namespace

extern "C" {

size_t dpa_rule_count(void) {
  try {
    const auto n = rule_table().size();
    ok();
    return n;
  } catch (...) {
    fail(DPA_ENOMEM, "out of memory");
    return 0;
  }
}

int dpa_rule_at(dpa_rule_info* out, size_t index) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_rule_at: out is NULL");
    const auto& table = rule_table();
    if (index >= table.size()) return fail(DPA_EINVALID, "dpa_rule_at: index out of range");
    fill(out, table[index]);
    return ok();
  })
}

int dpa_rule_find(dpa_rule_info* out, const char* id) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_rule_find: out is NULL");
    DPA_REQUIRE(id, "dpa_rule_find: id is NULL");
    const auto& table = rule_table();
    auto it = std::lower_bound(table.begin(), table.end(), std::string_view(id),
                               [](const rule_row& r, std::string_view x) { return r.id < x; });
    if (it == table.end() || it->id != id)
      return fail(DPA_EINVALID, dpa::error{{dpa::diagnostic{dpa::errc::invalid_value,
                                                            "`" + std::string(id) + "` is not a rule id", "", 0, 0,
                                                            did_you_mean(id)}}});
    fill(out, *it);
    return ok();
  })
}

}  // extern "C"
