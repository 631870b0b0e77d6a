/*
 * dpa: the stable C ABI.
 *
 * Conventions
 * - Every fallible function returns an int status: DPA_OK (0) or a negative
 *   DPA_E* code. On failure, dpa_last_error_*() describe it (thread-local,
 *   valid until the next dpa_ call on the same thread).
 * - Out-parameters come first. What a *_new, *_parse, *_load, dpa_evaluate or
 *   dpa_policy_check returns belongs to the caller and is freed with the
 *   matching *_free; every *_free accepts NULL. Buffers (dpa_buf) are released
 *   with dpa_buf_dispose.
 * - Strings come in as UTF-8 with an explicit length (no NUL needed). Strings
 *   returned by getters are borrowed: they live as long as the handle they
 *   came from, and are NUL-terminated.
 * - Handles are immutable once created: a dpa_knowledge, dpa_document,
 *   dpa_tenant, dpa_policy or dpa_report may be read from any number of
 *   threads at once. There is no global initialisation.
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

/* ---- options ------------------------------------------------------------ */

#define DPA_EVAL_OPTIONS_VERSION 1
typedef struct dpa_eval_options {
  unsigned int version;      /* DPA_EVAL_OPTIONS_VERSION */
  const char *as_of;         /* "YYYY-MM-DD"; NULL for today */
  const char *breach_budget; /* a duration such as "72 hours"; NULL for 72 hours */
  const char *rules;         /* comma-separated rule ids or families to run; NULL or "" for all */
  const char *disable;       /* comma-separated rule ids or families to skip; NULL or "" for none */
} dpa_eval_options;
/* The functions taking options check them all: an as_of that is not a date, a
 * breach_budget that is not a bounded duration, or a rule id or family that is
 * not one of the rules the function runs (the document rules for dpa_evaluate,
 * the tenant rules for dpa_policy_new) is DPA_EINVALID, and the last error's
 * message names the option and the value ("rules: `transfr` is not a document
 * rule id or family; did you mean `transfer`?"), its pointer the option
 * ("/rules"); dpa_last_error_detail lists every problem. */
#define DPA_EVAL_OPTIONS_INIT {DPA_EVAL_OPTIONS_VERSION, NULL, NULL, NULL, NULL}
/* Fills *opts with the defaults of `version`; DPA_EVERSION for an unknown one. */
DPA_API int dpa_eval_options_init(dpa_eval_options *opts, unsigned int version);

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
DPA_API void dpa_buf_dispose(dpa_buf *buf);

/* ---- tenants ----------------------------------------------------------------- */

/* A tenant configuration from dpa-tenant/1 JSON; free with dpa_tenant_free. */
DPA_API int dpa_tenant_parse(dpa_tenant **out, const char *utf8, size_t len);
DPA_API void dpa_tenant_free(dpa_tenant *tenant);
/* A DPA prepared for checking many tenants; free with dpa_policy_free. The
 * policy copies what it needs from doc, which may be freed afterwards; kb, when
 * given, must outlive the policy. */
DPA_API int dpa_policy_new(dpa_policy **out, const dpa_document *doc, const dpa_eval_options *opts,
                           const dpa_knowledge *kb);
DPA_API void dpa_policy_free(dpa_policy *policy);
/* Runs the tenant rules; free the report with dpa_report_free. */
DPA_API int dpa_policy_check(dpa_report **out, const dpa_policy *policy, const dpa_tenant *tenant);

#ifdef __cplusplus
}
#endif

#endif /* DPA_H */
