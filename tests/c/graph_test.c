/* The C ABI from plain C99: sub-processor graphs, the diff of two versions of
 * a DPA, and scenarios; their output compared with the command line's golden
 * files, their error paths, and NULLs. Run from the source tree's root (given
 * as the first argument), so that file names match the golden files. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <dpa/dpa.h>

#include "check.h"

/* 1 if `text` is exactly the golden file (JSON and SARIF goldens are the output alone). */
static int same_as_golden(const char *text, const char *golden) {
  char path[512];
  snprintf(path, sizeof path, "tests/golden/%s", golden);
  return matches_file(path, text, 1);
}

/* 1 if `text` is within the golden file (text goldens add the command line and exit code). */
static int within_golden(const char *text, const char *golden) {
  char path[512];
  snprintf(path, sizeof path, "tests/golden/%s", golden);
  return matches_file(path, text, 0);
}

static void test_graph_check(void) {
  dpa_graph *graph = NULL;
  dpa_graph_report *report = NULL;
  const dpa_report *findings = NULL;
  dpa_finding_info info;
  dpa_buf json = {NULL, 0};
  size_t i, n, sum = 0, violations = 9, warnings = 9, infos = 9;
  const char *rule = NULL;

  CHECK(dpa_graph_load(&graph, "examples/graphs/small.json", NULL) == DPA_OK);
  CHECK(dpa_graph_organisation_count(graph) == 7);
  CHECK(dpa_graph_agreement_count(graph) == 8);
  CHECK(dpa_graph_evaluate(&report, graph, NULL, NULL) == DPA_OK);
  dpa_graph_free(graph); /* the report keeps what it needs */
  CHECK(strcmp(dpa_graph_report_as_of(report), "2026-11-23") == 0);
  n = dpa_graph_report_finding_count(report);
  CHECK(n > 3);
  CHECK(dpa_graph_report_undetermined(report) == 4);
  CHECK(dpa_graph_report_severity_counts(&violations, &warnings, &infos, report) == DPA_OK);
  CHECK(violations + warnings + infos == n);
  CHECK(violations > 0);
  CHECK(dpa_graph_report_has(report, "violation") == 1);
  CHECK(dpa_graph_report_has(report, "bad") == DPA_EINVALID);
  CHECK(dpa_graph_report_rule_count(report) == 11);
  for (i = 0; i < dpa_graph_report_rule_count(report); ++i) {
    size_t count = 0;
    CHECK(dpa_graph_report_rule(&rule, &count, report, i) == DPA_OK);
    CHECK(rule != NULL && strchr(rule, '/') != NULL);
    sum += count;
  }
  CHECK(sum == n);
  CHECK(dpa_graph_report_rule(&rule, NULL, report, 11) == DPA_EINVALID);

  /* the findings in full, as a report borrowed from the graph report */
  CHECK(dpa_graph_report_findings(&findings, report) == DPA_OK);
  CHECK(findings != NULL);
  CHECK(dpa_report_finding_count(findings) == n);
  for (i = 0; i < n; ++i) {
    const char *pointer = NULL;
    unsigned int line = 9, column = 9;
    CHECK(dpa_report_finding(&info, findings, i) == DPA_OK);
    CHECK(info.rule && info.message && info.subject && info.fingerprint && info.evidence_count > 0);
    CHECK(dpa_report_evidence(&pointer, NULL, findings, i, 0) == DPA_OK);
    CHECK(strncmp(pointer, "/agreements/", 12) == 0 || strncmp(pointer, "/organisations/", 15) == 0);
    CHECK(dpa_report_evidence_position(&line, &column, findings, i, 0) == DPA_OK);
    CHECK(line == 0 && column == 0); /* a graph's text is not kept */
  }

  /* the same JSON as `dpa graph check --format json` */
  CHECK(dpa_graph_report_to_json(&json, report, "examples/graphs/small.json") == DPA_OK);
  CHECK(same_as_golden(json.ptr, "graph/small.json"));
  dpa_buf_dispose(&json);
  dpa_graph_report_free(report);
}

static void test_graph_seeds(void) {
  dpa_graph *graph = NULL, *again = NULL;
  dpa_graph_report *one = NULL, *three = NULL;
  dpa_graph_options opts = DPA_GRAPH_OPTIONS_INIT;
  dpa_buf a = {NULL, 0}, b = {NULL, 0};
  char *text;
  size_t len = 0;

  CHECK(dpa_graph_load(&graph, "examples/graphs/seeds.json", NULL) == DPA_OK);
  CHECK(dpa_graph_evaluate(&one, graph, &opts, NULL) == DPA_OK);
  CHECK(dpa_graph_report_to_sarif(&a, one, "examples/graphs/seeds.json") == DPA_OK);
  CHECK(same_as_golden(a.ptr, "graph/seeds.sarif"));
  dpa_buf_dispose(&a);
  CHECK(dpa_graph_report_to_text(&a, one, "examples/graphs/seeds.json") == DPA_OK);
  CHECK(within_golden(a.ptr, "graph/seeds.txt")); /* the golden adds the command line and exit code */
  dpa_buf_dispose(&a);
  /* threads change nothing in the findings */
  opts.threads = 3;
  CHECK(dpa_graph_evaluate(&three, graph, &opts, NULL) == DPA_OK);
  CHECK(dpa_graph_report_to_json(&a, one, "examples/graphs/seeds.json") == DPA_OK);
  CHECK(dpa_graph_report_to_json(&b, three, "examples/graphs/seeds.json") == DPA_OK);
  CHECK(a.ptr && b.ptr && strcmp(a.ptr, b.ptr) == 0);
  CHECK(same_as_golden(b.ptr, "graph/seeds.json"));
  dpa_buf_dispose(&a);
  dpa_buf_dispose(&b);
  dpa_graph_report_free(three);
  three = NULL;

  /* from memory: the same findings */
  text = read_all("examples/graphs/seeds.json", &len);
  CHECK(text != NULL);
  CHECK(dpa_graph_parse(&again, text, len, NULL) == DPA_OK);
  free(text);
  CHECK(dpa_graph_evaluate(&three, again, NULL, NULL) == DPA_OK);
  CHECK(dpa_graph_report_finding_count(three) == dpa_graph_report_finding_count(one));
  dpa_graph_report_free(three);
  three = NULL;

  /* rule selection */
  opts.threads = 1;
  opts.rules = "transfer";
  CHECK(dpa_graph_evaluate(&three, graph, &opts, NULL) == DPA_OK);
  CHECK(dpa_graph_report_rule_count(three) == 5);
  dpa_graph_report_free(three);
  three = NULL;

  /* bad options name the option; nothing is made */
  opts.rules = "transfr";
  three = (dpa_graph_report *)1;
  CHECK(dpa_graph_evaluate(&three, graph, &opts, NULL) == DPA_EINVALID);
  CHECK(three == NULL);
  CHECK(strcmp(dpa_last_error_pointer(), "/rules") == 0);
  CHECK(strstr(dpa_last_error_message(), "`transfr`") != NULL);
  CHECK(strstr(dpa_last_error_hint(0), "transfer") != NULL);
  opts.rules = "breach/no-slack"; /* a document rule */
  CHECK(dpa_graph_evaluate(&three, graph, &opts, NULL) == DPA_EINVALID);
  opts.rules = NULL;
  opts.breach_budget = "one month";
  opts.threads = 1000;
  opts.as_of = "tomorrow";
  CHECK(dpa_graph_evaluate(&three, graph, &opts, NULL) == DPA_EINVALID);
  CHECK(dpa_last_error_count() == 3);
  {
    const char *pointer = NULL;
    CHECK(dpa_last_error_detail(NULL, &pointer, NULL, NULL, 2) == DPA_OK);
    CHECK(strcmp(pointer, "/threads") == 0);
  }
  opts.version = 99;
  CHECK(dpa_graph_evaluate(&three, graph, &opts, NULL) == DPA_EVERSION);
  CHECK(dpa_graph_options_init(&opts, 99) == DPA_EVERSION);
  CHECK(dpa_graph_options_init(&opts, DPA_GRAPH_OPTIONS_VERSION) == DPA_OK);
  CHECK(opts.threads == 1 && opts.rules == NULL);
  opts.breach_budget = "24h";
  CHECK(dpa_graph_evaluate(&three, graph, &opts, NULL) == DPA_OK);
  dpa_graph_report_free(three);

  dpa_graph_report_free(one);
  dpa_graph_free(again);
  dpa_graph_free(graph);
}

static void test_graph_errors(void) {
  dpa_graph *graph = (dpa_graph *)1;
  dpa_graph_report *report = NULL;
  dpa_load_options lopts = DPA_LOAD_OPTIONS_INIT;
  const char *bad = "{\"format\": \"dpa-graph/1\",\n \"organisations\": [{\"id\": \"a\", \"country\": \"Germany\"}],\n"
                    " \"agreements\": []}";
  const char *message = NULL;
  unsigned int line = 0, column = 0;
  dpa_buf buf = {NULL, 0};
  const dpa_report *findings = NULL;

  CHECK(dpa_graph_parse(&graph, bad, strlen(bad), NULL) == DPA_EPARSE);
  CHECK(graph == NULL);
  CHECK(dpa_last_error_count() >= 1);
  CHECK(dpa_last_error_line() == 2 && dpa_last_error_column() > 1);
  CHECK(dpa_last_error_detail(&message, NULL, &line, &column, 0) == DPA_OK);
  CHECK(strstr(message, "Germany") != NULL);
  CHECK(dpa_graph_parse(&graph, "{\"format\": ", 11, NULL) == DPA_EPARSE);
  CHECK(dpa_graph_parse(&graph, "", 0, NULL) == DPA_EPARSE);
  CHECK(dpa_graph_load(&graph, "/nonexistent/graph.json", NULL) == DPA_EIO);
  CHECK(graph == NULL);
  CHECK(strlen(dpa_last_error_message()) > 0);
  /* limits */
  lopts.max_bytes = 100;
  CHECK(dpa_graph_load(&graph, "examples/graphs/small.json", &lopts) == DPA_EPARSE);
  CHECK(graph == NULL);
  lopts.max_bytes = 0;
  lopts.max_items = 3;
  CHECK(dpa_graph_load(&graph, "examples/graphs/small.json", &lopts) == DPA_EPARSE);
  CHECK(strlen(dpa_last_error_hint(0)) > 0);
  lopts.max_items = 0;
  lopts.max_depth = 5000;
  CHECK(dpa_graph_load(&graph, "examples/graphs/small.json", &lopts) == DPA_EINVALID);
  CHECK(strcmp(dpa_last_error_pointer(), "/max_depth") == 0);
  lopts.max_depth = 0;
  lopts.version = 42;
  CHECK(dpa_graph_load(&graph, "examples/graphs/small.json", &lopts) == DPA_EVERSION);
  CHECK(dpa_load_options_init(&lopts, DPA_LOAD_OPTIONS_VERSION) == DPA_OK);
  CHECK(dpa_graph_load(&graph, "examples/graphs/small.json", &lopts) == DPA_OK);
  dpa_graph_free(graph);
  graph = NULL;

  /* NULL handles and out-parameters */
  CHECK(dpa_graph_parse(NULL, "{}", 2, NULL) == DPA_EMISUSE);
  CHECK(dpa_graph_parse(&graph, NULL, 3, NULL) == DPA_EMISUSE);
  CHECK(dpa_graph_load(&graph, NULL, NULL) == DPA_EMISUSE);
  CHECK(dpa_graph_evaluate(&report, NULL, NULL, NULL) == DPA_EMISUSE);
  CHECK(dpa_graph_evaluate(NULL, NULL, NULL, NULL) == DPA_EMISUSE);
  CHECK(dpa_graph_report_to_json(&buf, NULL, "x") == DPA_EMISUSE);
  CHECK(buf.ptr == NULL);
  CHECK(dpa_graph_report_to_sarif(NULL, NULL, NULL) == DPA_EMISUSE);
  CHECK(dpa_graph_report_to_text(NULL, NULL, NULL) == DPA_EMISUSE);
  CHECK(dpa_graph_report_findings(&findings, NULL) == DPA_EMISUSE);
  CHECK(findings == NULL);
  CHECK(dpa_graph_report_severity_counts(NULL, NULL, NULL, NULL) == DPA_EMISUSE);
  CHECK(dpa_graph_report_rule(NULL, NULL, NULL, 0) == DPA_EMISUSE);
  CHECK(dpa_graph_report_has(NULL, "info") == DPA_EMISUSE);
  CHECK(dpa_graph_options_init(NULL, DPA_GRAPH_OPTIONS_VERSION) == DPA_EMISUSE);
  CHECK(dpa_load_options_init(NULL, DPA_LOAD_OPTIONS_VERSION) == DPA_EMISUSE);
  CHECK(dpa_graph_report_finding_count(NULL) == 0);
  CHECK(dpa_graph_report_undetermined(NULL) == 0);
  CHECK(dpa_graph_report_rule_count(NULL) == 0);
  CHECK(dpa_graph_organisation_count(NULL) == 0);
  CHECK(strcmp(dpa_graph_report_as_of(NULL), "") == 0);
  dpa_graph_free(NULL);
  dpa_graph_report_free(NULL);
}

static void test_diff(void) {
  dpa_document *before = NULL, *after = NULL;
  dpa_diff_result *diff = NULL;
  dpa_eval_options opts = DPA_EVAL_OPTIONS_INIT;
  dpa_change_info change;
  dpa_finding_info info;
  const dpa_report *findings;
  dpa_buf buf = {NULL, 0};
  size_t i, n;
  int saw_removed = 0;

  CHECK(dpa_document_load(&before, "examples/dpas/hoviguard-v1.1.json") == DPA_OK);
  CHECK(dpa_document_load(&after, "examples/dpas/hoviguard.json") == DPA_OK);
  opts.as_of = "2026-11-23";
  CHECK(dpa_diff(&diff, before, after, &opts, NULL) == DPA_OK);
  dpa_document_free(before); /* the diff keeps what it needs */
  dpa_document_free(after);
  n = dpa_diff_change_count(diff);
  CHECK(n > 3);
  for (i = 0; i < n; ++i) {
    CHECK(dpa_diff_change(&change, diff, i) == DPA_OK);
    CHECK(change.kind && change.pointer && change.subject && change.before && change.after && change.message);
    CHECK(strcmp(change.direction, "neutral") == 0 || strcmp(change.direction, "weakened") == 0 ||
          strcmp(change.direction, "strengthened") == 0);
    CHECK(strcmp(change.certainty, "definite") == 0 || strcmp(change.certainty, "possible") == 0);
    if (strcmp(change.kind, "subprocessor-removed") == 0 && strcmp(change.subject, "cloudflare") == 0) {
      saw_removed = 1;
      CHECK(strcmp(change.after, "") == 0 && strstr(change.before, "Cloudflare") != NULL);
    }
  }
  CHECK(saw_removed);
  CHECK(dpa_diff_change(&change, diff, n) == DPA_EINVALID);

  findings = dpa_diff_findings(diff);
  CHECK(findings != NULL);
  CHECK(dpa_report_finding_count(findings) > 0);
  for (i = 0; i < dpa_report_finding_count(findings); ++i) {
    unsigned int line = 0, column = 0;
    CHECK(dpa_report_finding(&info, findings, i) == DPA_OK);
    CHECK(strncmp(info.rule, "diff/", 5) == 0);
    CHECK(dpa_report_evidence_position(&line, &column, findings, i, 0) == DPA_OK);
    CHECK(line > 1 && column > 0); /* placed in the new document's text */
  }

  /* the same output as `dpa diff` */
  CHECK(dpa_diff_to_json(&buf, diff, "examples/dpas/hoviguard-v1.1.json", "examples/dpas/hoviguard.json") == DPA_OK);
  CHECK(same_as_golden(buf.ptr, "diff/hoviguard-v1.1-v1.4.json"));
  dpa_buf_dispose(&buf);
  CHECK(dpa_diff_to_text(&buf, diff, "examples/dpas/hoviguard-v1.1.json", "examples/dpas/hoviguard.json", 0) ==
        DPA_OK);
  CHECK(within_golden(buf.ptr, "diff/hoviguard-v1.1-v1.4.txt"));
  dpa_buf_dispose(&buf);
  CHECK(dpa_diff_to_sarif(&buf, diff, "examples/dpas/hoviguard.json") == DPA_OK);
  CHECK(buf.ptr && strstr(buf.ptr, "\"ruleId\": \"diff/") != NULL && strstr(buf.ptr, "\"startLine\": 1,") == NULL);
  dpa_buf_dispose(&buf);
  CHECK(dpa_report_to_sarif(&buf, findings, "examples/dpas/hoviguard.json") == DPA_OK);
  dpa_buf_dispose(&buf);
  dpa_diff_free(diff);
  diff = NULL;

  /* options are checked against the diff rules */
  CHECK(dpa_document_load(&before, "examples/dpas/hoviguard-v1.1.json") == DPA_OK);
  opts.rules = "transfer";
  diff = (dpa_diff_result *)1;
  CHECK(dpa_diff(&diff, before, before, &opts, NULL) == DPA_EINVALID);
  CHECK(diff == NULL);
  CHECK(strcmp(dpa_last_error_pointer(), "/rules") == 0);
  opts.rules = "diff/weakened";
  CHECK(dpa_diff(&diff, before, before, &opts, NULL) == DPA_OK);
  CHECK(dpa_diff_change_count(diff) == 0); /* a document against itself */
  CHECK(dpa_report_finding_count(dpa_diff_findings(diff)) == 0);
  dpa_diff_free(diff);
  diff = NULL;

  /* NULLs */
  CHECK(dpa_diff(&diff, before, NULL, NULL, NULL) == DPA_EMISUSE);
  CHECK(dpa_diff(NULL, before, before, NULL, NULL) == DPA_EMISUSE);
  CHECK(dpa_diff_change(&change, NULL, 0) == DPA_EMISUSE);
  CHECK(dpa_diff_change(NULL, NULL, 0) == DPA_EMISUSE);
  CHECK(dpa_diff_to_json(&buf, NULL, NULL, NULL) == DPA_EMISUSE);
  CHECK(dpa_diff_to_text(NULL, NULL, NULL, NULL, 0) == DPA_EMISUSE);
  CHECK(dpa_diff_to_sarif(&buf, NULL, NULL) == DPA_EMISUSE);
  CHECK(dpa_diff_findings(NULL) == NULL);
  CHECK(dpa_diff_change_count(NULL) == 0);
  dpa_diff_free(NULL);
  dpa_document_free(before);
}

static void test_scenario(void) {
  dpa_scenario *scenario = NULL;
  dpa_graph *graph = NULL;
  dpa_scenario_report *report = NULL;
  dpa_graph_report *under = NULL;
  dpa_transfer_change_info row;
  dpa_graph_options opts = DPA_GRAPH_OPTIONS_INIT;
  size_t lost = 9, gained = 9, changed = 9, controllers = 9;
  const char *id = NULL;
  dpa_buf buf = {NULL, 0};
  const dpa_knowledge *kb;
  char *text;
  size_t len = 0;

  CHECK(dpa_scenario_load(&scenario, "examples/scenarios/dpf-falls.json", NULL) == DPA_OK);
  CHECK(strcmp(dpa_scenario_name(scenario), "the Data Privacy Framework falls on 2027-06-01") == 0);
  CHECK(strcmp(dpa_scenario_as_of(scenario), "2027-06-01") == 0);
  kb = dpa_scenario_knowledge(scenario);
  CHECK(kb != NULL && strstr(dpa_knowledge_version(kb), "+scenario:") != NULL);
  dpa_knowledge_free((dpa_knowledge *)kb); /* borrowed: left alone */
  CHECK(dpa_graph_load(&graph, "examples/graphs/seeds.json", NULL) == DPA_OK);
  CHECK(dpa_scenario_compare(&report, graph, scenario, NULL) == DPA_OK);

  /* the changed knowledge base judges graphs (and documents) directly */
  opts.as_of = "2027-06-01";
  CHECK(dpa_graph_evaluate(&under, graph, &opts, dpa_scenario_knowledge(scenario)) == DPA_OK);
  CHECK(dpa_graph_report_finding_count(under) > 0);
  dpa_graph_report_free(under);

  dpa_graph_free(graph); /* the report keeps what it needs */
  dpa_scenario_free(scenario);
  CHECK(strcmp(dpa_scenario_report_as_of(report), "2027-06-01") == 0);
  CHECK(dpa_scenario_report_counts(&lost, &gained, &changed, &controllers, report) == DPA_OK);
  CHECK(lost == 1 && gained == 0 && changed == 0 && controllers == 1);
  CHECK(dpa_scenario_report_change(&row, report, DPA_SCENARIO_LOST, 0) == DPA_OK);
  CHECK(strcmp(row.agreement, "hoviguard/dpa/stripe/onward/0") == 0);
  CHECK(strcmp(row.client, "stripe-payments-europe") == 0 && strcmp(row.processor, "stripe") == 0);
  CHECK(strcmp(row.country, "US") == 0);
  CHECK(strcmp(row.before, "") == 0 && strcmp(row.after, "transfer/scc-module") == 0);
  CHECK(row.index < 100);
  CHECK(dpa_scenario_report_change(&row, report, DPA_SCENARIO_LOST, 1) == DPA_EINVALID);
  CHECK(dpa_scenario_report_change(&row, report, DPA_SCENARIO_GAINED, 0) == DPA_EINVALID);
  CHECK(dpa_scenario_report_change(&row, report, 7, 0) == DPA_EINVALID);
  CHECK(dpa_scenario_report_controller(&id, report, 0) == DPA_OK);
  CHECK(strcmp(id, "hoviguard:controller") == 0);
  CHECK(dpa_scenario_report_controller(&id, report, 1) == DPA_EINVALID);

  /* the same output as `dpa graph scenario` */
  CHECK(dpa_scenario_report_to_json(&buf, report, "examples/graphs/seeds.json") == DPA_OK);
  CHECK(same_as_golden(buf.ptr, "graph/seeds-dpf-falls.json"));
  dpa_buf_dispose(&buf);
  CHECK(dpa_scenario_report_to_text(&buf, report, "examples/graphs/seeds.json", 20) == DPA_OK);
  CHECK(within_golden(buf.ptr, "graph/seeds-dpf-falls.txt"));
  dpa_buf_dispose(&buf);
  dpa_scenario_report_free(report);
  report = NULL;

  /* from memory, and at another date than the scenario's */
  text = read_all("examples/scenarios/brazil-withdrawn.json", &len);
  CHECK(text != NULL);
  CHECK(dpa_scenario_parse(&scenario, text, len, dpa_knowledge_default()) == DPA_OK);
  free(text);
  CHECK(dpa_graph_load(&graph, "examples/graphs/seeds.json", NULL) == DPA_OK);
  opts.as_of = "2026-12-01";
  CHECK(dpa_scenario_compare(&report, graph, scenario, &opts) == DPA_OK);
  CHECK(strcmp(dpa_scenario_report_as_of(report), "2026-12-01") == 0);
  CHECK(dpa_scenario_report_to_text(&buf, report, NULL, 0) == DPA_OK);
  CHECK(buf.ptr && buf.size > 0);
  dpa_buf_dispose(&buf);
  dpa_scenario_report_free(report);
  report = NULL;
  opts.as_of = "someday";
  CHECK(dpa_scenario_compare(&report, graph, scenario, &opts) == DPA_EINVALID);
  CHECK(strcmp(dpa_last_error_pointer(), "/as_of") == 0);
  dpa_scenario_free(scenario);
  scenario = NULL;

  /* bad scenarios: every problem with its line, column and hint */
  scenario = (dpa_scenario *)1;
  CHECK(dpa_scenario_load(&scenario, "tests/hostile/scenario-bad.json", NULL) == DPA_EPARSE);
  CHECK(scenario == NULL);
  CHECK(dpa_last_error_count() == 3);
  CHECK(dpa_last_error_line() == 2 && dpa_last_error_column() == 21);
  CHECK(strcmp(dpa_last_error_pointer(), "/changes/0/id") == 0);
  CHECK(strstr(dpa_last_error_hint(0), "data/jurisdictions.json") != NULL);
  CHECK(strcmp(dpa_last_error_hint(3), "") == 0);
  CHECK(dpa_scenario_load(&scenario, "/nonexistent/scenario.json", NULL) == DPA_EIO);
  CHECK(dpa_scenario_parse(&scenario, "{\"format\": \"dpa-scenario/1\"", 26, NULL) == DPA_EPARSE);

  /* NULLs */
  CHECK(dpa_scenario_parse(NULL, "{}", 2, NULL) == DPA_EMISUSE);
  CHECK(dpa_scenario_parse(&scenario, NULL, 2, NULL) == DPA_EMISUSE);
  CHECK(dpa_scenario_load(&scenario, NULL, NULL) == DPA_EMISUSE);
  CHECK(dpa_scenario_compare(&report, graph, NULL, NULL) == DPA_EMISUSE);
  CHECK(dpa_scenario_compare(&report, NULL, NULL, NULL) == DPA_EMISUSE);
  CHECK(dpa_scenario_report_counts(NULL, NULL, NULL, NULL, NULL) == DPA_EMISUSE);
  CHECK(dpa_scenario_report_change(NULL, NULL, 0, 0) == DPA_EMISUSE);
  CHECK(dpa_scenario_report_controller(NULL, NULL, 0) == DPA_EMISUSE);
  CHECK(dpa_scenario_report_to_json(&buf, NULL, NULL) == DPA_EMISUSE);
  CHECK(dpa_scenario_report_to_text(NULL, NULL, NULL, 5) == DPA_EMISUSE);
  CHECK(dpa_scenario_knowledge(NULL) == NULL);
  CHECK(strcmp(dpa_scenario_name(NULL), "") == 0);
  dpa_scenario_free(NULL);
  dpa_scenario_report_free(NULL);
  dpa_graph_free(graph);
}

int main(int argc, char **argv) {
  if (argc > 1 && chdir(argv[1]) != 0) {
    perror(argv[1]);
    return 2;
  }
  test_graph_check();
  test_graph_seeds();
  test_graph_errors();
  test_diff();
  test_scenario();
  printf("%d passed, %d failed\n", checks - failures, failures);
  return failures == 0 ? 0 : 1;
}
