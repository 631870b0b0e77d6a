/* The C ABI from plain C99: a seed end to end, bad input, NULLs, versions,
 * every file of tests/hostile/, version-2 options (severity overrides,
 * suppressions, baselines), load limits, rendering and the rule catalogue. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stddef.h>

#include <dpa/dpa.h>

#include "check.h"

static void test_versions(void) {
  dpa_eval_options opts;
  CHECK(dpa_version_number() == DPA_VERSION_NUMBER);
  CHECK(strcmp(dpa_version_string(), DPA_VERSION_STRING) == 0);
  CHECK(DPA_VERSION_CHECK(0, 1, 0));
  CHECK(strcmp(dpa_status_string(DPA_EPARSE), "invalid input") == 0);
  CHECK(dpa_eval_options_init(&opts, DPA_EVAL_OPTIONS_VERSION) == DPA_OK);
  CHECK(opts.version == DPA_EVAL_OPTIONS_VERSION && opts.as_of == NULL);
  CHECK(dpa_eval_options_init(&opts, 99) == DPA_EVERSION);
  CHECK(dpa_eval_options_init(NULL, DPA_EVAL_OPTIONS_VERSION) == DPA_EMISUSE);
  CHECK(strstr(dpa_knowledge_version(dpa_knowledge_default()), "2026") != NULL);
}

static void test_seed(const char *root) {
  char path[4096];
  dpa_document *doc = NULL;
  dpa_report *report = NULL;
  dpa_eval_options opts = DPA_EVAL_OPTIONS_INIT;
  dpa_finding_info info;
  dpa_buf json = {NULL, 0};
  size_t i, n, e;
  int saw_module = 0, saw_contradiction = 0;

  snprintf(path, sizeof path, "%s/examples/dpas/hoviguard.json", root);
  CHECK(dpa_document_load(&doc, path) == DPA_OK);
  CHECK(doc != NULL);
  CHECK(strcmp(dpa_document_id(doc), "hoviguard") == 0);
  opts.as_of = "2026-11-23";
  CHECK(dpa_evaluate(&report, doc, &opts, NULL) == DPA_OK);
  n = dpa_report_finding_count(report);
  CHECK(n > 5);
  for (i = 0; i < n; ++i) {
    CHECK(dpa_report_finding(&info, report, i) == DPA_OK);
    CHECK(info.rule && info.message && info.severity && info.fingerprint && info.evidence_count > 0);
    if (strcmp(info.rule, "transfer/scc-module") == 0 && strcmp(info.subject, "xai") == 0) saw_module = 1;
    if (strcmp(info.rule, "retention/contradiction") == 0) saw_contradiction = 1;
    for (e = 0; e < info.evidence_count; ++e) {
      const char *pointer = NULL, *clause = NULL;
      unsigned int line = 0, column = 0;
      CHECK(dpa_report_evidence(&pointer, &clause, report, i, e) == DPA_OK);
      CHECK(pointer != NULL);
      CHECK(dpa_report_evidence_position(&line, &column, report, i, e) == DPA_OK);
      CHECK(line > 1 && column > 0); /* every pointer of a loaded document is in its text */
    }
  }
  CHECK(dpa_report_evidence_position(NULL, NULL, report, n, 0) == DPA_EINVALID);
  CHECK(saw_module && saw_contradiction);
  CHECK(dpa_report_has(report, "violation") == 1);
  CHECK(dpa_report_finding(&info, report, n) == DPA_EINVALID);
  CHECK(dpa_report_to_json(&json, report) == DPA_OK);
  CHECK(json.ptr && json.size > 100 && strstr(json.ptr, "\"transfer/scc-module\"") != NULL);
  dpa_buf_dispose(&json);
  CHECK(json.ptr == NULL);
  dpa_report_free(report);

  /* rule selection and bad options */
  opts.rules = "breach";
  CHECK(dpa_evaluate(&report, doc, &opts, NULL) == DPA_OK);
  for (i = 0; i < dpa_report_finding_count(report); ++i) {
    CHECK(dpa_report_finding(&info, report, i) == DPA_OK);
    CHECK(strncmp(info.rule, "breach/", 7) == 0);
  }
  dpa_report_free(report);
  opts.as_of = "23.11.2026";
  report = (dpa_report *)1;
  CHECK(dpa_evaluate(&report, doc, &opts, NULL) == DPA_EINVALID);
  CHECK(report == NULL);
  CHECK(strstr(dpa_last_error_message(), "23.11.2026") != NULL);

  /* to JSON and back */
  CHECK(dpa_document_to_json(&json, doc) == DPA_OK);
  {
    dpa_document *again = NULL;
    CHECK(dpa_document_parse(&again, json.ptr, json.size) == DPA_OK);
    dpa_document_free(again);
  }
  dpa_buf_dispose(&json);
  dpa_document_free(doc);
}

/* Options go through the library's one parser: an unknown rule id or family,
 * in rules or disable, is DPA_EINVALID naming it, for every function taking options. */
static void test_options(const char *root) {
  char path[4096];
  dpa_document *doc = NULL;
  dpa_report *report = NULL;
  dpa_policy *policy = NULL;
  dpa_buf json = {NULL, 0};
  const char *message = NULL, *pointer = NULL;
  dpa_eval_options opts = DPA_EVAL_OPTIONS_INIT;
  snprintf(path, sizeof path, "%s/examples/dpas/caelex.json", root);
  CHECK(dpa_document_load(&doc, path) == DPA_OK);
  opts.as_of = "2026-11-23";

  opts.rules = "transfr";
  report = (dpa_report *)1;
  CHECK(dpa_evaluate(&report, doc, &opts, NULL) == DPA_EINVALID);
  CHECK(report == NULL);
  CHECK(dpa_last_error_code() == DPA_EINVALID);
  CHECK(strstr(dpa_last_error_message(), "`transfr`") != NULL);
  CHECK(strstr(dpa_last_error_message(), "did you mean `transfer`?") != NULL);
  CHECK(strcmp(dpa_last_error_pointer(), "/rules") == 0);
  CHECK(dpa_evaluate_json(&json, "{}", 2, &opts) == DPA_EINVALID);
  CHECK(json.ptr == NULL);
  CHECK(strstr(dpa_last_error_message(), "`transfr`") != NULL);

  /* every bad item is listed; a good one beside it does not hide it */
  opts.rules = "breach, transfr";
  opts.disable = "art28/nope";
  CHECK(dpa_evaluate(&report, doc, &opts, NULL) == DPA_EINVALID);
  CHECK(dpa_last_error_count() == 2);
  CHECK(dpa_last_error_detail(&message, &pointer, NULL, NULL, 1) == DPA_OK);
  CHECK(strstr(message, "`art28/nope`") != NULL && strcmp(pointer, "/disable") == 0);

  /* a graph rule is not a document rule; blanks select nothing (all rules run) */
  opts.rules = "graph/cycle";
  opts.disable = NULL;
  CHECK(dpa_evaluate(&report, doc, &opts, NULL) == DPA_EINVALID);
  CHECK(strstr(dpa_last_error_message(), "`graph/cycle` is a graph rule") != NULL);
  opts.rules = " , ";
  CHECK(dpa_evaluate(&report, doc, &opts, NULL) == DPA_OK);
  CHECK(dpa_report_finding_count(report) > 0);
  dpa_report_free(report);
  report = NULL;
  opts.rules = "transfer,breach/no-slack";
  CHECK(dpa_evaluate(&report, doc, &opts, NULL) == DPA_OK);
  dpa_report_free(report);

  /* the tenant policy takes tenant rules */
  opts.rules = "tenant";
  CHECK(dpa_policy_new(&policy, doc, &opts, NULL) == DPA_OK);
  dpa_policy_free(policy);
  policy = (dpa_policy *)1;
  opts.rules = "tenant/residence";
  CHECK(dpa_policy_new(&policy, doc, &opts, NULL) == DPA_EINVALID);
  CHECK(policy == NULL);
  CHECK(strstr(dpa_last_error_message(), "did you mean `tenant/residency`?") != NULL);

  /* dates and budgets name the value too */
  opts.rules = NULL;
  opts.breach_budget = "without undue delay";
  CHECK(dpa_evaluate(&report, doc, &opts, NULL) == DPA_EINVALID);
  CHECK(strstr(dpa_last_error_message(), "breach_budget: `without undue delay`") != NULL);
  dpa_document_free(doc);
}

static void test_tenants(const char *root) {
  char path[4096];
  dpa_document *doc = NULL;
  dpa_policy *policy = NULL;
  dpa_tenant *tenant = NULL;
  dpa_report *report = NULL;
  char *text;
  size_t len = 0;
  dpa_eval_options opts = DPA_EVAL_OPTIONS_INIT;
  opts.as_of = "2026-11-23";
  snprintf(path, sizeof path, "%s/examples/dpas/hoviguard.json", root);
  CHECK(dpa_document_load(&doc, path) == DPA_OK);
  CHECK(dpa_policy_new(&policy, doc, &opts, NULL) == DPA_OK);
  dpa_document_free(doc); /* the policy keeps what it needs */
  snprintf(path, sizeof path, "%s/examples/tenants/hoviguard-trips.json", root);
  text = read_all(path, &len);
  CHECK(text != NULL);
  CHECK(dpa_tenant_parse(&tenant, text, len) == DPA_OK);
  free(text);
  CHECK(dpa_policy_check(&report, policy, tenant) == DPA_OK);
  CHECK(dpa_report_finding_count(report) == 5);
  dpa_report_free(report);
  CHECK(dpa_policy_check(&report, policy, NULL) == DPA_EMISUSE);
  dpa_tenant_free(tenant);
  dpa_policy_free(policy);
}

static void test_bad_input(void) {
  dpa_document *doc = (dpa_document *)1;
  const char *bad = "{\"format\": \"dpa/1\", \"id\": \"x\",\n \"title\": \"T\", \"parties\": {}, \"processing\": {},\n"
                    " \"subprocessors\": [{\"id\": \"a\", \"name\": \"A\", \"country\": \"Germany\"}]}";
  const char *message = NULL, *pointer = NULL;
  unsigned int line = 0, column = 0;
  dpa_buf buf = {NULL, 0};
  CHECK(dpa_document_parse(&doc, bad, strlen(bad)) == DPA_EPARSE);
  CHECK(doc == NULL);
  CHECK(dpa_last_error_code() == DPA_EPARSE);
  CHECK(dpa_last_error_count() == 3);
  CHECK(strcmp(dpa_last_error_pointer(), "/parties") == 0);
  CHECK(dpa_last_error_line() == 2);
  CHECK(dpa_last_error_detail(&message, &pointer, &line, &column, 2) == DPA_OK);
  CHECK(strcmp(pointer, "/subprocessors/0/country") == 0);
  CHECK(strstr(message, "Germany") != NULL);
  CHECK(line == 3 && column > 1);
  CHECK(strcmp(dpa_last_error_hint(2), "did you mean `DE`?") == 0);
  CHECK(strcmp(dpa_last_error_hint(99), "") == 0);
  CHECK(dpa_last_error_detail(&message, &pointer, &line, &column, 3) == DPA_EINVALID);
  /* truncated, empty, invalid UTF-8, NUL inside */
  CHECK(dpa_document_parse(&doc, "{\"format\": ", 11) == DPA_EPARSE);
  CHECK(dpa_document_parse(&doc, "", 0) == DPA_EPARSE);
  CHECK(dpa_document_parse(&doc, NULL, 0) == DPA_EPARSE);
  CHECK(dpa_document_parse(&doc, "{\"id\": \"\xff\"}", 11) == DPA_EPARSE);
  CHECK(dpa_document_parse(&doc, "{\"id\": \"a\0b\"}", 13) == DPA_EPARSE);
  CHECK(dpa_document_load(&doc, "/nonexistent/dpa.json") == DPA_EIO);
  CHECK(dpa_evaluate_json(&buf, bad, strlen(bad), NULL) == DPA_EPARSE);
  CHECK(buf.ptr == NULL);
  /* NULL handles and out-parameters */
  CHECK(dpa_document_parse(NULL, "{}", 2) == DPA_EMISUSE);
  CHECK(dpa_document_parse(&doc, NULL, 5) == DPA_EMISUSE);
  CHECK(dpa_evaluate(NULL, NULL, NULL, NULL) == DPA_EMISUSE);
  CHECK(dpa_report_finding(NULL, NULL, 0) == DPA_EMISUSE);
  CHECK(dpa_report_finding_count(NULL) == 0);
  CHECK(dpa_report_has(NULL, "warning") == DPA_EMISUSE);
  CHECK(strlen(dpa_last_error_message()) > 0);
  CHECK(dpa_tenant_parse(NULL, "{}", 2) == DPA_EMISUSE);
  CHECK(dpa_knowledge_parse(NULL, "{}", 2) == DPA_EMISUSE);
  /* every free accepts NULL */
  dpa_document_free(NULL);
  dpa_report_free(NULL);
  dpa_tenant_free(NULL);
  dpa_policy_free(NULL);
  dpa_knowledge_free(NULL);
  dpa_knowledge_free((dpa_knowledge *)dpa_knowledge_default());
  dpa_buf_dispose(NULL);
}

static void test_json_entry_point(const char *root) {
  char path[4096];
  char *text;
  size_t len = 0;
  dpa_buf out = {NULL, 0};
  dpa_eval_options opts = DPA_EVAL_OPTIONS_INIT;
  opts.as_of = "2026-11-23";
  snprintf(path, sizeof path, "%s/examples/dpas/caos.json", root);
  text = read_all(path, &len);
  CHECK(text != NULL);
  CHECK(dpa_evaluate_json(&out, text, len, &opts) == DPA_OK);
  CHECK(out.ptr && strstr(out.ptr, "breach/notice-missing") != NULL);
  dpa_buf_dispose(&out);
  free(text);
}

/* Every hostile input: an error with a message and a location, no handle, through each entry point. */
static void test_hostile_directory(const char *root) {
  char dir[4096], path[8192];
  DIR *d;
  struct dirent *e;
  int files = 0;
  snprintf(dir, sizeof dir, "%s/tests/hostile", root);
  d = opendir(dir);
  CHECK(d != NULL);
  if (!d) return;
  while ((e = readdir(d)) != NULL) {
    size_t len = 0, n = strlen(e->d_name);
    char *text;
    dpa_document *doc = (dpa_document *)&files; /* must be reset to NULL */
    dpa_tenant *tenant = (dpa_tenant *)&files;
    dpa_buf out = {NULL, 0};
    int status;
    if (n < 6 || strcmp(e->d_name + n - 5, ".json") != 0) continue;
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    text = read_all(path, &len);
    CHECK(text != NULL);
    if (!text) continue;
    ++files;
    status = dpa_document_parse(&doc, text, len);
    CHECK(status == DPA_EPARSE);
    CHECK(doc == NULL);
    CHECK(dpa_last_error_code() == DPA_EPARSE);
    CHECK(strlen(dpa_last_error_message()) > 0);
    CHECK(dpa_last_error_count() >= 1);
    if (status != DPA_EPARSE || strlen(dpa_last_error_message()) == 0) fprintf(stderr, "  in %s\n", e->d_name);
    /* the same bytes as a tenant configuration and through the one-call entry point */
    CHECK(dpa_tenant_parse(&tenant, text, len) == DPA_EPARSE);
    CHECK(tenant == NULL);
    CHECK(dpa_evaluate_json(&out, text, len, NULL) == DPA_EPARSE);
    CHECK(out.ptr == NULL);
    dpa_buf_dispose(&out);
    free(text);
  }
  closedir(d);
  CHECK(files >= 15);
}

/* 1 if `text` is within the file (text goldens add the command line and exit code). */
static int within_file(const char *root, const char *file, const char *text) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", root, file);
  return matches_file(path, text, 0);
}

/* The fields of dpa_eval_options version 1, as a caller built against it has them. */
typedef struct eval_options_v1 {
  unsigned int version;
  const char *as_of, *breach_budget, *rules, *disable;
} eval_options_v1;

static void test_options_v2(const char *root) {
  char path[4096];
  dpa_document *doc = NULL;
  dpa_report *report = NULL, *again = NULL;
  dpa_eval_options opts = DPA_EVAL_OPTIONS_INIT;
  dpa_finding_info info;
  dpa_buf json = {NULL, 0};
  eval_options_v1 *v1;
  char *suppressions;
  size_t i, n, len = 0;
  int saw = 0;

  snprintf(path, sizeof path, "%s/examples/dpas/hoviguard.json", root);
  CHECK(dpa_document_load(&doc, path) == DPA_OK);
  opts.as_of = "2026-11-23";

  /* a version-1 struct, exactly its size (a read past it shows under valgrind and ASan) */
  v1 = (eval_options_v1 *)malloc(sizeof *v1);
  CHECK(v1 != NULL);
  if (!v1) return;
  CHECK(offsetof(dpa_eval_options, severity) == sizeof *v1);
  CHECK(dpa_eval_options_init((dpa_eval_options *)v1, DPA_EVAL_OPTIONS_VERSION_1) == DPA_OK);
  CHECK(v1->version == 1 && v1->rules == NULL);
  v1->as_of = "2026-11-23";
  CHECK(dpa_evaluate(&report, doc, (const dpa_eval_options *)v1, NULL) == DPA_OK);
  n = dpa_report_finding_count(report);
  dpa_report_free(report);
  free(v1);
  CHECK(dpa_eval_options_init(&opts, DPA_EVAL_OPTIONS_VERSION_2) == DPA_OK);
  CHECK(opts.version == 2 && opts.severity == NULL && opts.baseline == NULL);
  opts.as_of = "2026-11-23";

  /* severity overrides */
  opts.severity = "transfer/scc-module=info, retention/contradiction = warning";
  CHECK(dpa_evaluate(&report, doc, &opts, NULL) == DPA_OK);
  CHECK(dpa_report_finding_count(report) == n);
  for (i = 0; i < dpa_report_finding_count(report); ++i) {
    CHECK(dpa_report_finding(&info, report, i) == DPA_OK);
    if (strcmp(info.rule, "transfer/scc-module") == 0) {
      saw = 1;
      CHECK(strcmp(info.severity, "info") == 0);
    }
    if (strcmp(info.rule, "retention/contradiction") == 0) CHECK(strcmp(info.severity, "warning") == 0);
  }
  CHECK(saw);
  dpa_report_free(report);
  report = (dpa_report *)1;
  opts.severity = "transfer/scc-modul=info,breach/no-slack";
  CHECK(dpa_evaluate(&report, doc, &opts, NULL) == DPA_EINVALID);
  CHECK(report == NULL);
  CHECK(dpa_last_error_count() == 2);
  CHECK(strcmp(dpa_last_error_pointer(), "/severity") == 0);
  CHECK(strstr(dpa_last_error_message(), "severity: `transfer/scc-modul` is not a document rule id") != NULL);
  CHECK(strcmp(dpa_last_error_hint(0), "did you mean `transfer/scc-module`?") == 0);
  CHECK(strstr(dpa_last_error_message(), "did you mean `transfer/scc-module`?") != NULL);
  opts.severity = NULL;

  /* suppressions: the finding stays, marked */
  snprintf(path, sizeof path, "%s/examples/suppressions.json", root);
  suppressions = read_all(path, &len);
  CHECK(suppressions != NULL);
  opts.suppressions = suppressions;
  CHECK(dpa_evaluate(&report, doc, &opts, NULL) == DPA_OK);
  saw = 0;
  for (i = 0; i < dpa_report_finding_count(report); ++i) {
    CHECK(dpa_report_finding(&info, report, i) == DPA_OK);
    if (strcmp(info.rule, "breach/no-slack") == 0) saw = info.suppressed;
  }
  CHECK(saw == 1);
  dpa_report_free(report);
  free(suppressions);
  opts.suppressions = "{\"suppressions\": [{\"rule\": \"breach/no-slack\",\n \"subject\": 7}]}";
  CHECK(dpa_evaluate(&report, doc, &opts, NULL) == DPA_EINVALID);
  CHECK(strcmp(dpa_last_error_pointer(), "/suppressions/suppressions/0") == 0);
  CHECK(dpa_last_error_count() == 2);
  CHECK(strcmp(dpa_last_error_message(), "suppressions: /suppressions/0: missing required field `reason`") == 0);
  CHECK(dpa_last_error_line() >= 1);
  opts.suppressions = "{";
  CHECK(dpa_evaluate(&report, doc, &opts, NULL) == DPA_EINVALID);
  CHECK(strncmp(dpa_last_error_pointer(), "/suppressions", 13) == 0);
  opts.suppressions = NULL;

  /* a baseline: what an earlier report found is left out */
  CHECK(dpa_evaluate(&report, doc, &opts, NULL) == DPA_OK);
  CHECK(dpa_report_to_json(&json, report) == DPA_OK);
  dpa_report_free(report);
  opts.baseline = json.ptr;
  CHECK(dpa_evaluate(&again, doc, &opts, NULL) == DPA_OK);
  CHECK(dpa_report_finding_count(again) == 0);
  dpa_report_free(again);
  dpa_buf_dispose(&json);
  opts.baseline = "[1, ";
  CHECK(dpa_evaluate(&again, doc, &opts, NULL) == DPA_EINVALID);
  CHECK(strncmp(dpa_last_error_pointer(), "/baseline", 9) == 0);
  /* every option's problems at once */
  opts.rules = "transfr";
  opts.severity = "x";
  CHECK(dpa_evaluate(&again, doc, &opts, NULL) == DPA_EINVALID);
  CHECK(dpa_last_error_count() == 3);
  opts.rules = NULL;
  opts.severity = NULL;
  opts.baseline = NULL;

  /* the tenant policy and the one-call entry point take version 2 too */
  opts.severity = "tenant/residency=info";
  {
    dpa_policy *policy = NULL;
    CHECK(dpa_policy_new(&policy, doc, &opts, NULL) == DPA_OK);
    dpa_policy_free(policy);
  }
  opts.version = 3;
  CHECK(dpa_evaluate(&report, doc, &opts, NULL) == DPA_EVERSION);
  CHECK(dpa_eval_options_init(&opts, 3) == DPA_EVERSION);
  dpa_document_free(doc);
}

static void test_limits_and_files(const char *root) {
  char path[4096];
  char *text;
  size_t len = 0;
  dpa_document *doc = (dpa_document *)1;
  dpa_tenant *tenant = (dpa_tenant *)1;
  dpa_load_options lopts = DPA_LOAD_OPTIONS_INIT;

  snprintf(path, sizeof path, "%s/examples/dpas/hoviguard.json", root);
  text = read_all(path, &len);
  CHECK(text != NULL);
  if (!text) return;
  lopts.max_bytes = 1000;
  CHECK(dpa_document_parse_with(&doc, text, len, &lopts) == DPA_EPARSE);
  CHECK(doc == NULL);
  CHECK(strstr(dpa_last_error_message(), "limit") != NULL);
  CHECK(dpa_document_load_with(&doc, path, &lopts) == DPA_EPARSE);
  lopts.max_bytes = 0;
  lopts.max_depth = 2;
  CHECK(dpa_document_parse_with(&doc, text, len, &lopts) == DPA_EPARSE);
  CHECK(dpa_last_error_line() > 0);
  lopts.max_depth = 1001;
  CHECK(dpa_document_parse_with(&doc, text, len, &lopts) == DPA_EINVALID);
  CHECK(strcmp(dpa_last_error_pointer(), "/max_depth") == 0);
  CHECK(strstr(dpa_last_error_message(), "max_depth: `1001`") != NULL);
  lopts.max_depth = 0;
  lopts.max_string = 8;
  CHECK(dpa_document_parse_with(&doc, text, len, &lopts) == DPA_EPARSE);
  lopts.max_string = 0;
  lopts.version = 0;
  CHECK(dpa_document_parse_with(&doc, text, len, &lopts) == DPA_EVERSION);
  CHECK(dpa_load_options_init(&lopts, 2) == DPA_EVERSION);
  CHECK(dpa_load_options_init(&lopts, DPA_LOAD_OPTIONS_VERSION) == DPA_OK);
  lopts.kb = dpa_knowledge_default();
  CHECK(dpa_document_parse_with(&doc, text, len, &lopts) == DPA_OK);
  dpa_document_free(doc);
  doc = NULL;
  CHECK(dpa_document_load_with(&doc, path, NULL) == DPA_OK);
  dpa_document_free(doc);
  free(text);

  /* tenants from a file */
  snprintf(path, sizeof path, "%s/examples/tenants/hoviguard-trips.json", root);
  CHECK(dpa_tenant_load(&tenant, path, NULL) == DPA_OK);
  {
    dpa_policy *policy = NULL;
    dpa_report *report = NULL;
    dpa_eval_options opts = DPA_EVAL_OPTIONS_INIT;
    opts.as_of = "2026-11-23";
    snprintf(path, sizeof path, "%s/examples/dpas/hoviguard.json", root);
    CHECK(dpa_document_load(&doc, path) == DPA_OK);
    CHECK(dpa_policy_new(&policy, doc, &opts, NULL) == DPA_OK);
    CHECK(dpa_policy_check(&report, policy, tenant) == DPA_OK);
    CHECK(dpa_report_finding_count(report) == 5);
    dpa_report_free(report);
    dpa_policy_free(policy);
    dpa_document_free(doc);
  }
  dpa_tenant_free(tenant);
  tenant = (dpa_tenant *)1;
  CHECK(dpa_tenant_load(&tenant, "/nonexistent/tenant.json", NULL) == DPA_EIO);
  CHECK(tenant == NULL);
  lopts.max_bytes = 10;
  snprintf(path, sizeof path, "%s/examples/tenants/hoviguard-trips.json", root);
  CHECK(dpa_tenant_load(&tenant, path, &lopts) != DPA_OK);
  text = read_all(path, &len);
  CHECK(dpa_tenant_parse_with(&tenant, text, len, &lopts) == DPA_EPARSE);
  CHECK(dpa_tenant_parse_with(&tenant, text, len, NULL) == DPA_OK);
  dpa_tenant_free(tenant);
  free(text);
  CHECK(dpa_tenant_load(NULL, path, NULL) == DPA_EMISUSE);
  CHECK(dpa_tenant_load(&tenant, NULL, NULL) == DPA_EMISUSE);
  CHECK(dpa_document_load_with(&doc, NULL, NULL) == DPA_EMISUSE);
  CHECK(dpa_document_parse_with(NULL, "{}", 2, NULL) == DPA_EMISUSE);
}

static void test_rendering(const char *root) {
  char path[4096];
  dpa_document *doc = NULL;
  dpa_report *report = NULL;
  dpa_eval_options opts = DPA_EVAL_OPTIONS_INIT;
  dpa_buf out = {NULL, 0};
  snprintf(path, sizeof path, "%s/examples/dpas/hoviguard.json", root);
  CHECK(dpa_document_load(&doc, path) == DPA_OK);
  opts.as_of = "2026-11-23";
  CHECK(dpa_evaluate(&report, doc, &opts, NULL) == DPA_OK);
  /* what `dpa check` prints for the same file */
  CHECK(dpa_report_to_text(&out, report, "examples/dpas/hoviguard.json", 0) == DPA_OK);
  CHECK(within_file(root, "tests/golden/check/hoviguard.txt", out.ptr));
  dpa_buf_dispose(&out);
  CHECK(dpa_report_to_text(&out, report, NULL, 1) == DPA_OK);
  CHECK(out.ptr && strstr(out.ptr, "\x1b[") != NULL);
  dpa_buf_dispose(&out);
  CHECK(dpa_report_to_sarif(&out, report, "examples/dpas/hoviguard.json") == DPA_OK);
  CHECK(within_file(root, "tests/golden/check/hoviguard.sarif", out.ptr));
  dpa_buf_dispose(&out);
  CHECK(dpa_report_to_text(&out, NULL, NULL, 0) == DPA_EMISUSE);
  CHECK(dpa_report_to_sarif(NULL, report, NULL) == DPA_EMISUSE);
  dpa_report_free(report);
  dpa_document_free(doc);
}

static void test_catalogue(void) {
  dpa_rule_info info;
  size_t i, n = dpa_rule_count();
  const char *previous = "";
  int graph_rules = 0;
  CHECK(n > 30);
  for (i = 0; i < n; ++i) {
    CHECK(dpa_rule_at(&info, i) == DPA_OK);
    CHECK(info.id && info.title && info.severity && info.reference && info.url && info.rationale && info.remediation);
    CHECK(strcmp(previous, info.id) < 0);
    CHECK(info.kinds != 0 && strlen(info.kind_names) > 0);
    graph_rules += (info.kinds & DPA_RULE_KIND_GRAPH) != 0;
    previous = info.id;
  }
  CHECK(graph_rules == 11);
  CHECK(dpa_rule_at(&info, n) == DPA_EINVALID);
  CHECK(dpa_rule_find(&info, "transfer/scc-module") == DPA_OK);
  CHECK(strcmp(info.id, "transfer/scc-module") == 0);
  CHECK((info.kinds & DPA_RULE_KIND_DOCUMENT) && (info.kinds & DPA_RULE_KIND_GRAPH));
  CHECK(strcmp(info.kind_names, "document,graph") == 0);
  CHECK(dpa_rule_find(&info, "diff/weakened") == DPA_OK);
  CHECK(info.kinds == DPA_RULE_KIND_DIFF);
  CHECK(dpa_rule_find(&info, "breach/no-slak") == DPA_EINVALID);
  CHECK(strcmp(dpa_last_error_hint(0), "did you mean `breach/no-slack`?") == 0);
  CHECK(dpa_rule_find(&info, "zzzz") == DPA_EINVALID);
  CHECK(strcmp(dpa_last_error_hint(0), "") == 0);
  CHECK(dpa_rule_find(&info, NULL) == DPA_EMISUSE);
  CHECK(dpa_rule_find(NULL, "graph/cycle") == DPA_EMISUSE);
  CHECK(dpa_rule_at(NULL, 0) == DPA_EMISUSE);
}

int main(int argc, char **argv) {
  const char *root = argc > 1 ? argv[1] : ".";
  test_versions();
  test_seed(root);
  test_tenants(root);
  test_options(root);
  test_bad_input();
  test_json_entry_point(root);
  test_hostile_directory(root);
  test_options_v2(root);
  test_limits_and_files(root);
  test_rendering(root);
  test_catalogue();
  printf("%d passed, %d failed\n", checks - failures, failures);
  return failures == 0 ? 0 : 1;
}
