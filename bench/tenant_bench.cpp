// Tenant checks against one prepared DPA, from 1, 2 and 8 threads sharing it.
#include <string>
#include <thread>
#include <vector>

#include <benchmark/benchmark.h>

#include <dpa/dpa.hpp>

namespace {

struct fixture {
  dpa::document doc;
  dpa::tenant_policy policy;
  dpa::tenant_config clean, trips;
};

const fixture& shared() {
  static const fixture f = [] {
    std::string root = DPA_SOURCE_DIR;
    auto doc = dpa::load_document(root + "/examples/dpas/hoviguard.json").value();
    dpa::options o;
    o.as_of = *dpa::parse_date("2026-11-23");
    dpa::tenant_policy policy(doc, o);
    return fixture{doc, std::move(policy), dpa::load_tenant(root + "/examples/tenants/hoviguard-clean.json").value(),
                   dpa::load_tenant(root + "/examples/tenants/hoviguard-trips.json").value()};
  }();
  return f;
}

void tenant_check_clean(benchmark::State& state) {
  const auto& f = shared();
  for (auto _ : state) benchmark::DoNotOptimize(f.policy.check(f.clean));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(tenant_check_clean)->Threads(1)->Threads(2)->Threads(8)->UseRealTime();

void tenant_check_five_findings(benchmark::State& state) {
  const auto& f = shared();
  for (auto _ : state) benchmark::DoNotOptimize(f.policy.check(f.trips));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(tenant_check_five_findings)->Threads(1)->Threads(2)->Threads(8)->UseRealTime();

// The same 40000 checks per iteration, split over N threads that share one
// policy: time per iteration falls with N as far as there are cores.
void tenant_check_batch(benchmark::State& state) {
  const auto& f = shared();
  const auto threads = static_cast<int>(state.range(0));
  constexpr int total = 40000;
  for (auto _ : state) {
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
      pool.emplace_back([&] {
        for (int i = 0; i < total / threads; ++i) benchmark::DoNotOptimize(f.policy.check(f.trips));
      });
    for (auto& t : pool) t.join();
  }
  state.SetItemsProcessed(state.iterations() * total);
}
BENCHMARK(tenant_check_batch)->Arg(1)->Arg(2)->Arg(8)->Unit(benchmark::kMillisecond)->UseRealTime();

void tenant_policy_prepare(benchmark::State& state) {
  const auto& f = shared();
  for (auto _ : state) benchmark::DoNotOptimize(dpa::tenant_policy(f.doc));
}
BENCHMARK(tenant_policy_prepare);

void evaluate_threads(benchmark::State& state) {
  const auto& f = shared();
  dpa::options o;
  o.as_of = *dpa::parse_date("2026-11-23");
  for (auto _ : state) benchmark::DoNotOptimize(dpa::evaluate(f.doc, o));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(evaluate_threads)->Threads(1)->Threads(2)->UseRealTime();

}  // namespace
