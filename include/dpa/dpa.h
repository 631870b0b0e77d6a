/*
 * dpa: the stable C ABI.
 *
 * Conventions
 * - Every fallible function returns an int status: DPA_OK (0) or a negative
 *   DPA_E* code. On failure, dpa_last_error_*() describe it (thread-local,
 *   valid until the next dpa_ call on the same thread).
 * - Out-parameters come first. What a *_new, *_parse, *_load, dpa_evaluate,
 *   dpa_policy_check, dpa_graph_evaluate, dpa_diff or dpa_scenario_compare
 *   returns belongs to the caller and is freed with the matching *_free; every
 *   *_free accepts NULL. A handle borrowed from another (dpa_diff_findings,
 *   dpa_graph_report_findings, dpa_scenario_knowledge) is never freed. Buffers (dpa_buf) are released
 *   with dpa_buf_dispose.
 * - Strings come in as UTF-8 with an explicit length (no NUL needed). Strings
 *   returned by getters are borrowed: they live as long as the handle they
 *   came from, and are NUL-terminated.
 * - Handles are immutable once created: a dpa_knowledge, dpa_document,
 *   dpa_tenant, dpa_policy, dpa_report, dpa_graph, dpa_graph_report,
 *   dpa_diff_result, dpa_scenario or dpa_scenario_report may be read from any
 *   number of threads at once. There is no global initialisation.
 * - Options come in versioned structs. A struct of an older version keeps
 *   working: the library reads only the fields that version has.
 * - No function aborts on bad input or a NULL handle; they return a status.
 */
#ifndef DPA_H
#define DPA_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DPA_VERSION_MAJOR 0
#define DPA_VERSION_MINOR 1
#define DPA_VERSION_PATCH 0
#define DPA_VERSION_NUMBER (DPA_VERSION_MAJOR * 10000 + DPA_VERSION_MINOR * 100 + DPA_VERSION_PATCH)
#define DPA_VERSION_STRING "0.1.0"
#define DPA_VERSION_CHECK(a, b, c) (DPA_VERSION_NUMBER >= ((a) * 10000 + (b) * 100 + (c)))

#if defined(DPA_STATIC)
#define DPA_API
#elif defined(__GNUC__)
#define DPA_API __attribute__((visibility("default")))
#else
#define DPA_API
#endif

/* Status codes: pinned, only appended. */
#define DPA_OK 0
#define DPA_EINVALID (-1)  /* an argument has a value that is not allowed */
#define DPA_EPARSE (-2)    /* the input is not valid: JSON, format, or content */
#define DPA_EBUFS (-3)     /* a caller's buffer is too small */
#define DPA_EVERSION (-4)  /* an options struct of an unknown version */
#define DPA_EMISUSE (-5)   /* a NULL handle or out-parameter */
#define DPA_ENOMEM (-6)    /* out of memory; nothing was created */
#define DPA_EINTERNAL (-7) /* a bug in dpa; please report it */
#define DPA_EIO (-8)       /* a file could not be read */

typedef struct dpa_knowledge dpa_knowledge;
typedef struct dpa_document dpa_document;
typedef struct dpa_report dpa_report;
typedef struct dpa_tenant dpa_tenant;
typedef struct dpa_policy dpa_policy;
typedef struct dpa_graph dpa_graph;
typedef struct dpa_graph_report dpa_graph_report;
typedef struct dpa_diff_result dpa_diff_result;
typedef struct dpa_scenario dpa_scenario;
typedef struct dpa_scenario_report dpa_scenario_report;

/* A buffer the library allocated; release it with dpa_buf_dispose. */
typedef struct dpa_buf {
  char *ptr; /* NUL-terminated */
  size_t size;
} dpa_buf;

/* ---- version and errors ------------------------------------------------ */

/* The library's version at run time (compare with DPA_VERSION_NUMBER). */
DPA_API unsigned int dpa_version_number(void);
/* Static text; never NULL. */
DPA_API const char *dpa_version_string(void);
/* Static text for a status code; never NULL. */
DPA_API const char *dpa_status_string(int status);

/* The last error on this thread: its code (DPA_OK if none), its first message
 * (never NULL; "" if none), JSON pointer, line and column (0 when unknown).
 * Valid until the next dpa_ call on this thread. */
DPA_API int dpa_last_error_code(void);
DPA_API const char *dpa_last_error_message(void);
DPA_API const char *dpa_last_error_pointer(void);
DPA_API unsigned int dpa_last_error_line(void);
DPA_API unsigned int dpa_last_error_column(void);
/* A parse error lists every problem of the input: how many, and each one. */
DPA_API size_t dpa_last_error_count(void);
DPA_API int dpa_last_error_detail(const char **message, const char **pointer, unsigned int *line, unsigned int *column,
                                  size_t index);
/* The help of problem `index` ("did you mean `DE`?"): never NULL; "" when the
 * problem has none or there is no such problem. Valid as the other details. */
DPA_API const char *dpa_last_error_hint(size_t index);

/* ---- options ------------------------------------------------------------ */

#define DPA_EVAL_OPTIONS_VERSION_1 1 /* as_of, breach_budget, rules, disable */
#define DPA_EVAL_OPTIONS_VERSION_2 2 /* and severity, suppressions, baseline */
#define DPA_EVAL_OPTIONS_VERSION DPA_EVAL_OPTIONS_VERSION_2
typedef struct dpa_eval_options {
  unsigned int version;      /* DPA_EVAL_OPTIONS_VERSION */
  const char *as_of;         /* "YYYY-MM-DD"; NULL for today */
  const char *breach_budget; /* a duration such as "72 hours"; NULL for 72 hours */
  const char *rules;         /* comma-separated rule ids or families to run; NULL or "" for all */
  const char *disable;       /* comma-separated rule ids or families to skip; NULL or "" for none */
  /* version 2 */
  const char *severity;     /* comma-separated RULE=LEVEL overrides of a rule's severity
                               ("transfer/scc-module=warning"); LEVEL is violation, warning
                               or info; NULL or "" for none */
  const char *suppressions; /* the JSON text of a suppression file
                               ({"suppressions": [{"rule", "subject", "reason", "expires"}]});
                               NULL for none */
  const char *baseline;     /* the JSON text of an earlier report (dpa_report_to_json): its
                               findings, known by fingerprint, are left out; NULL for none */
} dpa_eval_options;
/* The functions taking options check them all: an as_of that is not a date, a
 * breach_budget that is not a bounded duration, or a rule id or family that is
 * not one of the rules the function runs (the document rules for dpa_evaluate,
 * the tenant rules for dpa_policy_new, the diff rules for dpa_diff) is
 * DPA_EINVALID, and the last error's message names the option and the value
 * ("rules: `transfr` is not a document rule id or family; did you mean
 * `transfer`?"), its pointer the option ("/rules"); dpa_last_error_detail lists
 * every problem. The same holds for version 2's fields: a severity item that is
 * not RULE=LEVEL or names no rule id of the function's rules ("/severity"), and
 * suppressions or a baseline
 * that do not read: each problem's pointer is the option followed by the pointer
 * in that text ("/suppressions/suppressions/0/reason"), its line and column are
 * in that text. The strings are read during the call only. */
#define DPA_EVAL_OPTIONS_INIT {DPA_EVAL_OPTIONS_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, NULL}
/* Fills *opts with the defaults of `version` (1 or 2), writing only the fields
 * that version has; DPA_EVERSION for an unknown one. */
DPA_API int dpa_eval_options_init(dpa_eval_options *opts, unsigned int version);

/* Bounds on what a parse or load function accepts: input over a bound is
 * DPA_EPARSE (the problem says which bound), never a crash. A zero field keeps
 * the default. */
#define DPA_LOAD_OPTIONS_VERSION 1
typedef struct dpa_load_options {
  unsigned int version; /* DPA_LOAD_OPTIONS_VERSION */
  size_t max_bytes;     /* the whole input: 16 MiB for a document or tenant, 4 GiB for a graph */
  size_t max_depth;     /* nesting of arrays and objects: 64; at most 1000 */
  size_t max_string;    /* one string: 64 KiB */
  size_t max_items;     /* one array: 100 000; for a graph, organisations and agreements
                           together: 100 000 000 */
  const dpa_knowledge *kb; /* countries are checked against it (read during the call); NULL
                              for the built-in knowledge base */
} dpa_load_options;
/* A max_depth over 1000 is DPA_EINVALID naming it ("/max_depth"). */
#define DPA_LOAD_OPTIONS_INIT {DPA_LOAD_OPTIONS_VERSION, 0, 0, 0, 0, NULL}
DPA_API int dpa_load_options_init(dpa_load_options *opts, unsigned int version);

/* ---- knowledge base ------------------------------------------------------ */

/* The knowledge base compiled into the library: borrowed, static, never freed. */
DPA_API const dpa_knowledge *dpa_knowledge_default(void);
/* A knowledge base from dpa-knowledge/1 JSON; free with dpa_knowledge_free. */
DPA_API int dpa_knowledge_parse(dpa_knowledge **out, const char *utf8, size_t len);
DPA_API void dpa_knowledge_free(dpa_knowledge *kb);
/* Borrowed from kb. */
DPA_API const char *dpa_knowledge_version(const dpa_knowledge *kb);

/* ---- documents ------------------------------------------------------------ */

/* A DPA document from dpa/1 JSON, or from a file; free with dpa_document_free. */
DPA_API int dpa_document_parse(dpa_document **out, const char *utf8, size_t len);
DPA_API int dpa_document_load(dpa_document **out, const char *path);
DPA_API void dpa_document_free(dpa_document *doc);
/* The same with bounds (lopts may be NULL: the defaults). */
DPA_API int dpa_document_parse_with(dpa_document **out, const char *utf8, size_t len, const dpa_load_options *lopts);
DPA_API int dpa_document_load_with(dpa_document **out, const char *path, const dpa_load_options *lopts);
/* Borrowed from doc. */
DPA_API const char *dpa_document_id(const dpa_document *doc);
/* The document as canonical dpa/1 JSON; release with dpa_buf_dispose. */
DPA_API int dpa_document_to_json(dpa_buf *out, const dpa_document *doc);

/* ---- evaluation and reports -------------------------------------------------- */

/* Runs the rules. opts and kb may be NULL (defaults; the built-in knowledge base).
 * Free the report with dpa_report_free. */
DPA_API int dpa_evaluate(dpa_report **out, const dpa_document *doc, const dpa_eval_options *opts,
                         const dpa_knowledge *kb);
/* Parse, evaluate and render in one call: JSON in, JSON report out. */
DPA_API int dpa_evaluate_json(dpa_buf *out, const char *utf8, size_t len, const dpa_eval_options *opts);
DPA_API void dpa_report_free(dpa_report *report);

typedef struct dpa_finding_info {
  const char *rule;        /* "transfer/missing-mechanism" */
  const char *severity;    /* "violation", "warning" or "info" */
  const char *certainty;   /* "definite" or "possible" */
  const char *subject;     /* the thing concerned */
  const char *message;     /* one line */
  const char *reference;   /* the legal basis */
  const char *fingerprint; /* stable across runs */
  size_t evidence_count;
  int suppressed;
} dpa_finding_info;

DPA_API size_t dpa_report_finding_count(const dpa_report *report);
/* Fills *out with borrowed strings that live as long as the report. */
DPA_API int dpa_report_finding(dpa_finding_info *out, const dpa_report *report, size_t index);
/* A finding's evidence: a JSON pointer, and the clause or NULL. Borrowed. */
DPA_API int dpa_report_evidence(const char **pointer, const char **clause, const dpa_report *report, size_t finding,
                                size_t index);
/* Where that evidence is in the document's text: 1-based line and column (in characters), or 0 and 0 when
   the report has no text to place it in (documents from dpa_document_load and dpa_document_parse keep it). */
DPA_API int dpa_report_evidence_position(unsigned int *line, unsigned int *column, const dpa_report *report,
                                         size_t finding, size_t index);
/* 1 if a finding at `severity` ("violation", "warning", "info") or above is present, 0 if not; negative on error. */
DPA_API int dpa_report_has(const dpa_report *report, const char *severity);
/* The report as JSON (schema/report.schema.json); release with dpa_buf_dispose. */
DPA_API int dpa_report_to_json(dpa_buf *out, const dpa_report *report);
/* The report for a terminal: findings grouped by severity, each evidence at
 * FILE:LINE:COLUMN when the report's document kept its text (see
 * dpa_report_evidence_position). `file` names the input (NULL for none);
 * `colour` non-zero adds ANSI colours. Release with dpa_buf_dispose. */
DPA_API int dpa_report_to_text(dpa_buf *out, const dpa_report *report, const char *file, int colour);
/* The report as SARIF 2.1.0 (one run, one result per finding), citing `file`
 * (NULL for none) at each evidence's line and column. Release with dpa_buf_dispose. */
DPA_API int dpa_report_to_sarif(dpa_buf *out, const dpa_report *report, const char *file);
DPA_API void dpa_buf_dispose(dpa_buf *buf);

/* ---- tenants ----------------------------------------------------------------- */

/* A tenant configuration from dpa-tenant/1 JSON; free with dpa_tenant_free. */
DPA_API int dpa_tenant_parse(dpa_tenant **out, const char *utf8, size_t len);
/* The same with bounds (lopts may be NULL), and from a file (DPA_EIO when it cannot be read). */
DPA_API int dpa_tenant_parse_with(dpa_tenant **out, const char *utf8, size_t len, const dpa_load_options *lopts);
DPA_API int dpa_tenant_load(dpa_tenant **out, const char *path, const dpa_load_options *lopts);
DPA_API void dpa_tenant_free(dpa_tenant *tenant);
/* A DPA prepared for checking many tenants; free with dpa_policy_free. The
 * policy copies what it needs from doc, which may be freed afterwards; kb, when
 * given, must outlive the policy. */
DPA_API int dpa_policy_new(dpa_policy **out, const dpa_document *doc, const dpa_eval_options *opts,
                           const dpa_knowledge *kb);
DPA_API void dpa_policy_free(dpa_policy *policy);
/* Runs the tenant rules; free the report with dpa_report_free. */
DPA_API int dpa_policy_check(dpa_report **out, const dpa_policy *policy, const dpa_tenant *tenant);

/* ---- the rule catalogue -------------------------------------------------------- */

/* What a rule is evaluated on: bits of dpa_rule_info.kinds. */
#define DPA_RULE_KIND_DOCUMENT 1u /* dpa_evaluate */
#define DPA_RULE_KIND_DIFF 2u     /* dpa_diff */
#define DPA_RULE_KIND_TENANT 4u   /* dpa_policy_check */
#define DPA_RULE_KIND_GRAPH 8u    /* dpa_graph_evaluate */

/* One rule. Every string is static (never freed) and NUL-terminated. */
typedef struct dpa_rule_info {
  const char *id;          /* "family/name", stable */
  const char *title;       /* one line */
  const char *severity;    /* default severity: "violation", "warning" or "info" */
  const char *reference;   /* "Art. 33(2) GDPR" */
  const char *url;         /* EUR-Lex or ELI link */
  const char *rationale;   /* a paragraph */
  const char *remediation; /* what to do */
  unsigned int kinds;      /* DPA_RULE_KIND_* bits */
  const char *kind_names;  /* the same as text: "document,graph" */
} dpa_rule_info;

/* Every rule once, sorted by id: how many (0 only when memory ran out), and each one. */
DPA_API size_t dpa_rule_count(void);
DPA_API int dpa_rule_at(dpa_rule_info *out, size_t index);
/* A rule by id; DPA_EINVALID for an id that is none, with a hint ("did you mean
 * `breach/no-slack`?") when one is near. */
DPA_API int dpa_rule_find(dpa_rule_info *out, const char *id);

/* ---- sub-processor graphs (dpa-graph/1) ----------------------------------------- */

/* A graph from dpa-graph/1 JSON, or from a file (streamed; DPA_EIO when it
 * cannot be read); lopts may be NULL. Free with dpa_graph_free. Problems carry
 * a pointer, line and column as for documents. */
DPA_API int dpa_graph_parse(dpa_graph **out, const char *utf8, size_t len, const dpa_load_options *lopts);
DPA_API int dpa_graph_load(dpa_graph **out, const char *path, const dpa_load_options *lopts);
DPA_API void dpa_graph_free(dpa_graph *graph);
DPA_API size_t dpa_graph_organisation_count(const dpa_graph *graph);
DPA_API size_t dpa_graph_agreement_count(const dpa_graph *graph);

#define DPA_GRAPH_OPTIONS_VERSION 1
typedef struct dpa_graph_options {
  unsigned int version;      /* DPA_GRAPH_OPTIONS_VERSION */
  const char *as_of;         /* "YYYY-MM-DD"; NULL for the graph's as_of, else today */
  const char *breach_budget; /* a whole number of hours ("72h", "3 days"); NULL for the graph's, else 72h */
  const char *rules;         /* comma-separated graph rule ids or families to run; NULL or "" for all */
  const char *disable;       /* comma-separated graph rule ids or families to skip; NULL or "" for none */
  unsigned int threads;      /* 0 or 1: one; up to 3 passes run side by side; at most 256.
                                The findings are the same for any value. */
} dpa_graph_options;
/* Bad values are DPA_EINVALID naming the option, as for dpa_eval_options
 * ("/rules", "/as_of", "/breach_budget", "/threads"). */
#define DPA_GRAPH_OPTIONS_INIT {DPA_GRAPH_OPTIONS_VERSION, NULL, NULL, NULL, NULL, 1}
DPA_API int dpa_graph_options_init(dpa_graph_options *opts, unsigned int version);

/* Runs the graph rules. opts and kb may be NULL (defaults; the built-in
 * knowledge base); kb is read during the call only. The report keeps the graph
 * alive: the graph may be freed first. Free with dpa_graph_report_free. The
 * findings are kept compact; their text is made at the first
 * dpa_graph_report_findings or dpa_graph_report_to_sarif. */
DPA_API int dpa_graph_evaluate(dpa_graph_report **out, const dpa_graph *graph, const dpa_graph_options *opts,
                               const dpa_knowledge *kb);
DPA_API void dpa_graph_report_free(dpa_graph_report *report);
/* The date the graph was judged at, "YYYY-MM-DD"; borrowed ("" for NULL). */
DPA_API const char *dpa_graph_report_as_of(const dpa_graph_report *report);
DPA_API size_t dpa_graph_report_finding_count(const dpa_graph_report *report);
/* Agreements whose chain latency is undetermined (downstream of a cycle or of an unbounded notice). */
DPA_API size_t dpa_graph_report_undetermined(const dpa_graph_report *report);
/* Findings per severity; each out-parameter may be NULL. */
DPA_API int dpa_graph_report_severity_counts(size_t *violations, size_t *warnings, size_t *infos,
                                             const dpa_graph_report *report);
/* The rules that ran, sorted by id, each with its number of findings (zero
 * included). The rule id is borrowed from the report. */
DPA_API size_t dpa_graph_report_rule_count(const dpa_graph_report *report);
DPA_API int dpa_graph_report_rule(const char **rule, size_t *findings, const dpa_graph_report *report, size_t index);
/* 1 if a finding at `severity` or above is present, 0 if not; negative on error. */
DPA_API int dpa_graph_report_has(const dpa_graph_report *report, const char *severity);
/* The findings in full (ordered by rule, then place in the file), as a report
 * borrowed from the graph report: read it with dpa_report_finding_count,
 * dpa_report_finding, dpa_report_evidence (pointers /agreements/<i> and
 * /organisations/<i>) and render it with the dpa_report_to_* functions. Do not
 * free it. */
DPA_API int dpa_graph_report_findings(const dpa_report **out, const dpa_graph_report *report);
/* The JSON report of the graph (schema/report.schema.json, with `undetermined`,
 * `organisations` and `agreements` added), naming `file` (NULL for none) as
 * its file and document. Release with dpa_buf_dispose. */
DPA_API int dpa_graph_report_to_json(dpa_buf *out, const dpa_graph_report *report, const char *file);
/* SARIF 2.1.0 citing `file` (NULL for none). Release with dpa_buf_dispose. */
DPA_API int dpa_graph_report_to_sarif(dpa_buf *out, const dpa_graph_report *report, const char *file);
/* For a terminal, as `dpa graph check` prints it: the size, the findings per rule,
 * the undetermined chain latencies, the first five findings of each rule; naming
 * `file` (NULL for none). Release with dpa_buf_dispose. */
DPA_API int dpa_graph_report_to_text(dpa_buf *out, const dpa_graph_report *report, const char *file);

/* ---- diff of two versions of one DPA ---------------------------------------------- */

/* Compares two versions of one agreement and runs the diff rules (opts checked
 * against them; NULL for the defaults; kb NULL for the built-in one). The result
 * copies what it needs: both documents may be freed first. Free with dpa_diff_free. */
DPA_API int dpa_diff(dpa_diff_result **out, const dpa_document *before, const dpa_document *after,
                     const dpa_eval_options *opts, const dpa_knowledge *kb);
DPA_API void dpa_diff_free(dpa_diff_result *diff);

/* One change. Strings are borrowed from the diff result. */
typedef struct dpa_change_info {
  const char *kind;      /* "subprocessor-added", "country-added", "tool-downgraded", "period-shortened", ... */
  const char *pointer;   /* in the new document; in the old one for removals */
  const char *subject;   /* sub-processor id, category id, or the member's pointer */
  const char *before;    /* JSON text of the old value; "" when added */
  const char *after;     /* JSON text of the new value; "" when removed */
  const char *message;   /* one line */
  const char *direction; /* "neutral", "weakened" or "strengthened" (for the controller) */
  const char *certainty; /* "definite" or "possible" */
} dpa_change_info;

DPA_API size_t dpa_diff_change_count(const dpa_diff_result *diff);
DPA_API int dpa_diff_change(dpa_change_info *out, const dpa_diff_result *diff, size_t index);
/* The diff rules' findings (evidence in the new document, placed in its text),
 * borrowed from the diff result: read and render it as any report; do not free
 * it. NULL for a NULL diff. */
DPA_API const dpa_report *dpa_diff_findings(const dpa_diff_result *diff);
/* The diff as JSON: {"old", "new", "as_of", "changes", "report"}, as `dpa diff
 * --format json` writes it; before_name and after_name name the two files (NULL
 * for none). Release with dpa_buf_dispose. */
DPA_API int dpa_diff_to_json(dpa_buf *out, const dpa_diff_result *diff, const char *before_name, const char *after_name);
/* The changes, then the findings, for a terminal (`colour` non-zero adds ANSI colours to the findings). */
DPA_API int dpa_diff_to_text(dpa_buf *out, const dpa_diff_result *diff, const char *before_name,
                             const char *after_name, int colour);
/* The findings as SARIF 2.1.0, citing after_name (NULL for none). */
DPA_API int dpa_diff_to_sarif(dpa_buf *out, const dpa_diff_result *diff, const char *after_name);

/* ---- scenarios (dpa-scenario/1) ------------------------------------------------------ */

/* A scenario: a knowledge base changed by dated overrides, from dpa-scenario/1
 * JSON or from a file (DPA_EIO when it cannot be read). The changes apply to
 * `base` (NULL for the built-in knowledge base), which, when given, must outlive
 * the scenario. Free with dpa_scenario_free. */
DPA_API int dpa_scenario_parse(dpa_scenario **out, const char *utf8, size_t len, const dpa_knowledge *base);
DPA_API int dpa_scenario_load(dpa_scenario **out, const char *path, const dpa_knowledge *base);
DPA_API void dpa_scenario_free(dpa_scenario *scenario);
/* Borrowed from the scenario: its name ("" if it has none) and its date ("" if it names none). */
DPA_API const char *dpa_scenario_name(const dpa_scenario *scenario);
DPA_API const char *dpa_scenario_as_of(const dpa_scenario *scenario);
/* The changed knowledge base, borrowed from the scenario (NULL for NULL): pass
 * it to dpa_evaluate or dpa_graph_evaluate; do not free it. */
DPA_API const dpa_knowledge *dpa_scenario_knowledge(const dpa_scenario *scenario);

/* Evaluates the graph under the base and the changed knowledge base at one
 * date (opts->as_of, else the scenario's, else the graph's or today; opts may be
 * NULL) and compares the transfer findings. The report keeps what it needs of
 * the graph and the scenario: both may be freed first. Free with
 * dpa_scenario_report_free. */
DPA_API int dpa_scenario_compare(dpa_scenario_report **out, const dpa_graph *graph, const dpa_scenario *scenario,
                                 const dpa_graph_options *opts);
DPA_API void dpa_scenario_report_free(dpa_scenario_report *report);
/* Borrowed: the date of the comparison, "YYYY-MM-DD". */
DPA_API const char *dpa_scenario_report_as_of(const dpa_scenario_report *report);
/* How many agreements lose, gain or change their transfer basis, and how many
 * controllers reach an agreement that lost it; each out-parameter may be NULL. */
DPA_API int dpa_scenario_report_counts(size_t *lost, size_t *gained, size_t *changed, size_t *controllers,
                                       const dpa_scenario_report *report);

/* The lists of dpa_scenario_report_change. */
#define DPA_SCENARIO_LOST 0
#define DPA_SCENARIO_GAINED 1
#define DPA_SCENARIO_CHANGED 2

/* One agreement whose transfer finding differs. Strings are borrowed from the scenario report. */
typedef struct dpa_transfer_change_info {
  const char *agreement; /* the agreement's id */
  const char *client;    /* organisation ids */
  const char *processor;
  const char *country;   /* the processor's country */
  const char *before;    /* the transfer rule id under the base; "" for none */
  const char *after;     /* under the scenario; "" for none */
  size_t index;          /* the agreement's place in the file: /agreements/<index> */
} dpa_transfer_change_info;

/* Row `index` of list DPA_SCENARIO_LOST, _GAINED or _CHANGED (in file order);
 * DPA_EINVALID for another list or an index out of range. */
DPA_API int dpa_scenario_report_change(dpa_transfer_change_info *out, const dpa_scenario_report *report, int list,
                                       size_t index);
/* Controller `index` (sorted): its organisation id, borrowed from the report. */
DPA_API int dpa_scenario_report_controller(const char **id, const dpa_scenario_report *report, size_t index);
/* The comparison as one JSON object (as `dpa graph scenario --format json`):
 * graph_name names the graph (NULL for none); the scenario is named by its name,
 * or, when it has none, by the file it was loaded from. Release with dpa_buf_dispose. */
DPA_API int dpa_scenario_report_to_json(dpa_buf *out, const dpa_scenario_report *report, const char *graph_name);
/* The comparison for people: the counts, then at most `rows` agreements of each list (the command line shows 20). */
DPA_API int dpa_scenario_report_to_text(dpa_buf *out, const dpa_scenario_report *report, const char *graph_name,
                                        size_t rows);

#ifdef __cplusplus
}
#endif

#endif /* DPA_H */
