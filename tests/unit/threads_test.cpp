// Concurrency: documents, tenant checks and graphs from 8 threads against
// shared immutable inputs give exactly the answers of one thread. Run under
// ThreadSanitizer by `make test-tsan` (the tsan preset picks the test cases
// whose names mention threads).
#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include <dpa/dpa.hpp>

namespace {

std::string source(const char* path) { return dpa::read_file(std::string(DPA_SOURCE_DIR) + "/" + path, 1 << 24).value(); }

}  // namespace

TEST_CASE("threads: eight threads load, evaluate, check tenants and graphs on shared inputs") {
  const dpa::date as_of{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{23}};
  // shared, immutable after this point
  const std::string dpa_text = source("examples/dpas/hoviguard.json");
  const std::string tenant_text = source("examples/tenants/hoviguard-trips.json");
  const std::string graph_text = source("examples/graphs/seeds.json");
  const dpa::document doc = dpa::parse_document(dpa_text).value();
  dpa::options opts;
  opts.as_of = as_of;
  const dpa::tenant_policy policy(doc, opts);
  const dpa::tenant_config tenant = dpa::parse_tenant(tenant_text).value();
  const dpa::graph graph = dpa::parse_graph(graph_text).value();
  dpa::graph_options gopts;
  gopts.as_of = as_of;

  // what one thread sees
  const dpa::report want_eval = dpa::evaluate(doc, opts);
  const dpa::report want_tenant = policy.check(tenant);
  const auto want_graph = dpa::evaluate_graph(graph, gopts);

  std::vector<int> mismatches(8, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 10; ++round) {
        auto parsed = dpa::parse_document(dpa_text);
        if (!parsed || !(parsed.value() == doc)) ++mismatches[t];
        if (!(dpa::evaluate(doc, opts).findings == want_eval.findings)) ++mismatches[t];
        if (!(policy.check(tenant).findings == want_tenant.findings)) ++mismatches[t];
        auto g = dpa::parse_graph(graph_text);
        if (!g || g.value().agreements.size() != graph.agreements.size()) ++mismatches[t];
        dpa::graph_options o = gopts;
        o.threads = 1 + static_cast<unsigned>(round % 3);
        auto r = dpa::evaluate_graph(graph, o);
        if (!(r.findings.findings == want_graph.findings.findings) || r.undetermined != want_graph.undetermined) ++mismatches[t];
        if (!(dpa::knowledge::embedded().checksum() == want_eval.knowledge_checksum)) ++mismatches[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 8; ++t) CHECK_MESSAGE(mismatches[t] == 0, "thread ", t);
}
