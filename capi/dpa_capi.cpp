// The C ABI over the C++ API. The only file with extern "C" definitions.
#include <dpa/dpa.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <vector>

#include <dpa/dpa.hpp>
#include <dpa/options.hpp>

struct dpa_knowledge {
  dpa::knowledge kb;
  std::string version;
};
struct dpa_document {
  dpa::document doc;
  // As loaded, shared with the reports made from it, which place their evidence in it on request.
  std::shared_ptr<const std::string> text;
};
struct dpa_tenant {
  dpa::tenant_config tenant;
};
struct dpa_policy {
  dpa::tenant_policy policy;
};
struct dpa_report {
  dpa::report report;
  // NUL-terminated copies of what the C view hands out
  struct strings {
    std::string rule, reference, subject, message, fingerprint;
  };
  std::vector<strings> text;
  // The document's text; evidence lines and columns are found in it once, at the first
  // dpa_report_evidence_position, not on every evaluation (a scan of the text costs about
  // as much as the evaluation itself).
  std::shared_ptr<const std::string> source;
  mutable std::once_flag located;
};

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

std::string_view view(const char* utf8, size_t len) { return len == 0 ? std::string_view{} : std::string_view(utf8, len); }

// An options error: the message names the option and the value, and carries the
// help (a near rule id) so that C callers see it too; every problem stays in the details.
int fail_options(const dpa::error& e) noexcept {
  try {
    std::string message = "invalid options";
    if (!e.diagnostics.empty()) {
      const auto& d = e.diagnostics.front();
      message = (d.pointer.empty() ? std::string() : d.pointer.substr(1) + ": ") + d.message;
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
// against `scope`; returns DPA_OK or an error status (with the last error set).
int convert(dpa::options& out, const dpa_eval_options* in, dpa::rule_scope scope) {
  if (!in) return DPA_OK;
  if (in->version != DPA_EVAL_OPTIONS_VERSION)
    return fail(DPA_EVERSION, "dpa_eval_options.version is " + std::to_string(in->version) + "; this library knows " +
                                  std::to_string(DPA_EVAL_OPTIONS_VERSION));
  dpa::option_text text;
  if (in->as_of) text.as_of = in->as_of;
  if (in->breach_budget) text.breach_budget = in->breach_budget;
  if (in->rules) text.rules.emplace_back(in->rules);
  if (in->disable) text.disable.emplace_back(in->disable);
  auto parsed = dpa::parse_options(text, scope);
  if (!parsed) return fail_options(parsed.error());
  out = std::move(parsed).value();
  return DPA_OK;
}

dpa_report* wrap(dpa::report&& r, std::shared_ptr<const std::string> source = {}) {
  auto out = std::make_unique<dpa_report>();
  out->report = std::move(r);
  out->source = std::move(source);
  out->text.reserve(out->report.findings.size());
  for (const auto& f : out->report.findings)
    out->text.push_back({std::string(f.rule), std::string(f.reference), f.subject, f.message, f.fingerprint});
  return out.release();
}

const dpa::knowledge& kb_of(const dpa_knowledge* kb) { return kb ? kb->kb : dpa::knowledge::embedded(); }

}  // namespace

// Every body runs inside this guard: no exception crosses the boundary.
#define DPA_GUARD(...)                                       \
  try {                                                      \
    __VA_ARGS__                                              \
  } catch (const std::bad_alloc&) {                          \
    return fail(DPA_ENOMEM, "out of memory");                \
  } catch (const std::exception& e) {                        \
    return internal_error(e.what());                         \
  } catch (...) {                                            \
    return internal_error("unknown exception");              \
  }

#define DPA_REQUIRE(cond, what) \
  if (!(cond)) return fail(DPA_EMISUSE, what)

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

int dpa_eval_options_init(dpa_eval_options* opts, unsigned int version) {
  DPA_REQUIRE(opts, "dpa_eval_options_init: opts is NULL");
  if (version != DPA_EVAL_OPTIONS_VERSION)
    return fail(DPA_EVERSION, "unknown dpa_eval_options version " + std::to_string(version));
  *opts = dpa_eval_options DPA_EVAL_OPTIONS_INIT;
  return ok();
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
  if (kb && kb != dpa_knowledge_default()) delete kb;
}

const char* dpa_knowledge_version(const dpa_knowledge* kb) { return kb ? kb->version.c_str() : ""; }

int dpa_document_parse(dpa_document** out, const char* utf8, size_t len) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_document_parse: out is NULL");
    *out = nullptr;
    DPA_REQUIRE(utf8 || len == 0, "dpa_document_parse: utf8 is NULL");
    auto doc = dpa::parse_document(view(utf8, len));
    if (!doc) return fail(status_of(doc.error()), doc.error());
    *out = new dpa_document{std::move(doc).value(), std::make_shared<const std::string>(view(utf8, len))};
    return ok();
  })
}

int dpa_document_load(dpa_document** out, const char* path) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_document_load: out is NULL");
    *out = nullptr;
    DPA_REQUIRE(path, "dpa_document_load: path is NULL");
    auto text = dpa::read_file(path, dpa::limits{}.max_bytes);
    if (!text) return fail(status_of(text.error()), text.error());
    auto doc = dpa::parse_document(text.value());
    if (!doc) return fail(status_of(doc.error()), doc.error());
    *out = new dpa_document{std::move(doc).value(), std::make_shared<const std::string>(std::move(text).value())};
    return ok();
  })
}

void dpa_document_free(dpa_document* doc) { delete doc; }

const char* dpa_document_id(const dpa_document* doc) { return doc ? doc->doc.id.c_str() : ""; }

namespace {
int to_buf(dpa_buf* out, const std::string& s) {
  char* p = static_cast<char*>(std::malloc(s.size() + 1));
  if (!p) return fail(DPA_ENOMEM, "out of memory");
  std::memcpy(p, s.data(), s.size());
  p[s.size()] = '\0';
  out->ptr = p;
  out->size = s.size();
  return ok();
}
}  // namespace

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

void dpa_buf_dispose(dpa_buf* buf) {
  if (!buf) return;
  std::free(buf->ptr);
  buf->ptr = nullptr;
  buf->size = 0;
}

int dpa_tenant_parse(dpa_tenant** out, const char* utf8, size_t len) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_tenant_parse: out is NULL");
    *out = nullptr;
    DPA_REQUIRE(utf8 || len == 0, "dpa_tenant_parse: utf8 is NULL");
    auto t = dpa::parse_tenant(view(utf8, len));
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
