// Out of memory through the C ABI: the k-th allocation fails, for every k until
// a call gets through. Each failing call must return DPA_ENOMEM with a message
// and leave no handle behind; nothing may crash or terminate. operator new is
// replaced here, so every allocation in the library (and in the C++ runtime it
// calls) can be made to fail.
#include <dpa/dpa.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <new>
#include <sstream>
#include <string>

namespace {
long countdown = -1;  // allocations left before one fails; -1: never fail
bool failed = false;

void* allocate(std::size_t n) {
  if (countdown == 0) {
    failed = true;
    throw std::bad_alloc();
  }
  if (countdown > 0) --countdown;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
}  // namespace

void* operator new(std::size_t n) { return allocate(n); }
void* operator new[](std::size_t n) { return allocate(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  try {
    return allocate(n);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t n, const std::nothrow_t& t) noexcept { return operator new(n, t); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace {

int failures = 0;
void expect(bool ok, const char* what, long k) {
  if (ok) return;
  std::fprintf(stderr, "FAIL at allocation %ld: %s\n", k, what);
  ++failures;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The sweeps are numbered in order; a run takes those whose number is `part` modulo
// `parts` (argv[2] "PART/PARTS", default all), so that ctest runs the parts side by side.
long part = 0, parts = 1, next_sweep = 0;
bool mine() { return next_sweep++ % parts == part; }

// Runs `call` with the k-th allocation failing, for k = 0, 1, ... until it succeeds without a failure.
template <class Call>
long sweep(const char* name, Call call) {
  if (!mine()) return 0;
  long k = 0;
  for (;; ++k) {
    failed = false;
    countdown = k;
    const int status = call(k);
    countdown = -1;
    if (!failed) {
      expect(status == DPA_OK, name, k);
      break;
    }
    // an allocation failed: the call reports it (or got through when the failure was absorbed)
    expect(status == DPA_OK || status == DPA_ENOMEM, name, k);
    if (status == DPA_ENOMEM) {
      expect(dpa_last_error_code() == DPA_ENOMEM, "last error code", k);
      expect(std::strlen(dpa_last_error_message()) > 0, "a message", k);
    }
  }
  std::printf("%s: %ld allocation failures survived\n", name, k);
  return k;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string root = argc > 1 ? argv[1] : ".";
  if (argc > 2 && (std::sscanf(argv[2], "%ld/%ld", &part, &parts) != 2 || parts < 1 || part < 0 || part >= parts)) {
    std::fprintf(stderr, "usage: %s ROOT [PART/PARTS]\n", argv[0]);
    return 2;
  }
  const std::string seed = read(root + "/examples/dpas/hoviguard.json");
  const std::string tenant = read(root + "/examples/tenants/hoviguard-trips.json");
  dpa_eval_options opts = DPA_EVAL_OPTIONS_INIT;
  opts.as_of = "2026-11-23";

  sweep("dpa_document_parse", [&](long k) {
    dpa_document* doc = reinterpret_cast<dpa_document*>(&failures);  // must be overwritten
    int s = dpa_document_parse(&doc, seed.data(), seed.size());
    expect((s == DPA_OK) == (doc != nullptr), "a handle exactly on success", k);
    dpa_document_free(s == DPA_OK ? doc : nullptr);
    return s;
  });

  dpa_document* doc = nullptr;
  if (dpa_document_parse(&doc, seed.data(), seed.size()) != DPA_OK) return 1;
  sweep("dpa_evaluate", [&](long k) {
    dpa_report* r = nullptr;
    int s = dpa_evaluate(&r, doc, &opts, nullptr);
    expect((s == DPA_OK) == (r != nullptr), "a report exactly on success", k);
    dpa_report_free(r);
    return s;
  });
  dpa_report* report = nullptr;
  if (dpa_evaluate(&report, doc, &opts, nullptr) != DPA_OK) return 1;
  sweep("dpa_report_to_json", [&](long k) {
    dpa_buf buf{nullptr, 0};
    int s = dpa_report_to_json(&buf, report);
    expect((s == DPA_OK) == (buf.ptr != nullptr), "a buffer exactly on success", k);
    dpa_buf_dispose(&buf);
    return s;
  });
  sweep("dpa_evaluate_json", [&](long k) {
    dpa_buf buf{nullptr, 0};
    int s = dpa_evaluate_json(&buf, seed.data(), seed.size(), &opts);
    expect((s == DPA_OK) == (buf.ptr != nullptr), "a buffer exactly on success", k);
    dpa_buf_dispose(&buf);
    return s;
  });
  sweep("dpa_policy_new + dpa_tenant_parse + dpa_policy_check", [&](long k) {
    dpa_policy* p = nullptr;
    dpa_tenant* t = nullptr;
    dpa_report* r = nullptr;
    int s = dpa_policy_new(&p, doc, &opts, nullptr);
    if (s == DPA_OK) s = dpa_tenant_parse(&t, tenant.data(), tenant.size());
    if (s == DPA_OK) s = dpa_policy_check(&r, p, t);
    expect((s == DPA_OK) == (r != nullptr), "a report exactly on success", k);
    dpa_report_free(r);
    dpa_tenant_free(t);
    dpa_policy_free(p);
    return s;
  });
  // the rule catalogue (its table is made at the first call)
  sweep("dpa_rule_find", [&](long) {
    dpa_rule_info info;
    return dpa_rule_find(&info, "graph/cycle");
  });

  // graphs: parse, evaluate, the findings in full, JSON
  const std::string small = read(root + "/examples/graphs/small.json");
  sweep("dpa_graph_parse", [&](long k) {
    dpa_graph* g = reinterpret_cast<dpa_graph*>(&failures);
    int s = dpa_graph_parse(&g, small.data(), small.size(), nullptr);
    expect((s == DPA_OK) == (g != nullptr), "a graph exactly on success", k);
    dpa_graph_free(s == DPA_OK ? g : nullptr);
    return s;
  });
  dpa_graph* graph = nullptr;
  if (dpa_graph_parse(&graph, small.data(), small.size(), nullptr) != DPA_OK) return 1;
  sweep("dpa_graph_evaluate + dpa_graph_report_findings + dpa_graph_report_to_json", [&](long k) {
    dpa_graph_report* r = nullptr;
    const dpa_report* findings = nullptr;
    dpa_buf buf{nullptr, 0};
    int s = dpa_graph_evaluate(&r, graph, nullptr, nullptr);
    expect((s == DPA_OK) == (r != nullptr), "a report exactly on success", k);
    if (s == DPA_OK) s = dpa_graph_report_findings(&findings, r);
    if (s == DPA_OK) s = dpa_graph_report_to_json(&buf, r, "small.json");
    expect((s == DPA_OK) == (buf.ptr != nullptr), "a buffer exactly on success", k);
    dpa_buf_dispose(&buf);
    dpa_graph_report_free(r);
    return s;
  });

  // a scenario compared on the graph (parsed once: the knowledge base is large)
  const std::string falls = read(root + "/examples/scenarios/dpf-falls.json");
  dpa_scenario* scenario = nullptr;
  if (dpa_scenario_parse(&scenario, falls.data(), falls.size(), nullptr) != DPA_OK) return 1;
  sweep("dpa_scenario_compare + dpa_scenario_report_to_json", [&](long k) {
    dpa_scenario_report* r = nullptr;
    dpa_buf buf{nullptr, 0};
    int s = dpa_scenario_compare(&r, graph, scenario, nullptr);
    expect((s == DPA_OK) == (r != nullptr), "a report exactly on success", k);
    if (s == DPA_OK) s = dpa_scenario_report_to_json(&buf, r, "small.json");
    dpa_buf_dispose(&buf);
    dpa_scenario_report_free(r);
    return s;
  });
  dpa_scenario_free(scenario);
  dpa_graph_free(graph);

  // the diff of two versions: rendered under failing allocations (dpa::diff itself is
  // left out: its comparison of JSON values calls boost::json::object::equal, which is
  // noexcept, and out of memory there terminates)
  const std::string older = read(root + "/examples/dpas/hoviguard-v1.1.json");
  dpa_document* before = nullptr;
  if (dpa_document_parse(&before, older.data(), older.size()) != DPA_OK) return 1;
  dpa_diff_result* diff = nullptr;
  if (dpa_diff(&diff, before, doc, &opts, nullptr) != DPA_OK) return 1;
  sweep("dpa_diff_to_json + dpa_diff_to_text", [&](long k) {
    dpa_buf buf{nullptr, 0};
    int s = dpa_diff_to_json(&buf, diff, "old.json", "new.json");
    expect((s == DPA_OK) == (buf.ptr != nullptr), "a buffer exactly on success", k);
    dpa_buf_dispose(&buf);
    if (s == DPA_OK) s = dpa_diff_to_text(&buf, diff, "old.json", "new.json", 0);
    dpa_buf_dispose(&buf);
    return s;
  });
  dpa_diff_free(diff);
  dpa_document_free(before);

  // version-2 options: suppressions and severity overrides
  const std::string suppressions = read(root + "/examples/suppressions.json");
  dpa_eval_options v2 = DPA_EVAL_OPTIONS_INIT;
  v2.as_of = "2026-11-23";
  v2.severity = "transfer/scc-module=info";
  v2.suppressions = suppressions.c_str();
  sweep("dpa_evaluate (version-2 options) + dpa_report_to_text", [&](long k) {
    dpa_report* r = nullptr;
    dpa_buf buf{nullptr, 0};
    int s = dpa_evaluate(&r, doc, &v2, nullptr);
    expect((s == DPA_OK) == (r != nullptr), "a report exactly on success", k);
    if (s == DPA_OK) s = dpa_report_to_text(&buf, r, "hoviguard.json", 0);
    dpa_buf_dispose(&buf);
    dpa_report_free(r);
    return s;
  });

  // a parse error whose details cannot be recorded still reports an error
  const std::string bad = "{\"format\": \"dpa/1\", \"id\": 7}";
  long k = 0;
  const bool bad_is_mine = mine();
  for (; bad_is_mine; ++k) {
    failed = false;
    countdown = k;
    dpa_document* d = nullptr;
    int s = dpa_document_parse(&d, bad.data(), bad.size());
    countdown = -1;
    expect(s != DPA_OK && d == nullptr, "a bad document never loads", k);
    expect(std::strlen(dpa_last_error_message()) > 0, "a message", k);
    if (!failed) break;
  }
  if (bad_is_mine) std::printf("bad document: %ld allocation failures survived\n", k);

  dpa_report_free(report);
  dpa_document_free(doc);
  std::printf("%s\n", failures ? "FAILED" : "all out-of-memory paths return DPA_ENOMEM and leave no handle");
  return failures ? 1 : 0;
}
