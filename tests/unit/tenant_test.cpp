#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <thread>

#include <dpa/dpa.hpp>

namespace {
std::filesystem::path root() { return DPA_SOURCE_DIR; }
dpa::options fixed() {
  dpa::options o;
  o.as_of = *dpa::parse_date("2026-11-23");
  return o;
}
std::size_t count(const dpa::report& r, std::string_view rule) {
  return static_cast<std::size_t>(
      std::count_if(r.findings.begin(), r.findings.end(), [&](const dpa::finding& f) { return f.rule == rule; }));
}
}  // namespace

TEST_SUITE("tenant") {
  TEST_CASE("every tenant rule fires on its example and stays quiet on the other") {
    auto base = dpa::parse_document(dpa::clean_example_document()).value();
    auto clean = dpa::parse_tenant(dpa::clean_example_tenant());
    REQUIRE(clean.has_value());
    CHECK(dpa::check_tenant(base, clean.value(), fixed()).findings.empty());
    for (const auto& rule : dpa::tenant_rule_catalogue()) {
      CAPTURE(rule.id);
      auto fires = dpa::parse_tenant(dpa::merge_patch(dpa::clean_example_tenant(), rule.example_fires));
      auto quiet = dpa::parse_tenant(dpa::merge_patch(dpa::clean_example_tenant(), rule.example_quiet));
      REQUIRE(fires.has_value());
      REQUIRE(quiet.has_value());
      CHECK(count(dpa::check_tenant(base, fires.value(), fixed()), rule.id) > 0);
      CHECK(count(dpa::check_tenant(base, quiet.value(), fixed()), rule.id) == 0);
      CHECK(dpa::find_rule(rule.id) == &rule);
    }
  }

  TEST_CASE("HOVIGuard tenants: one clean, one tripping every rule the DPA allows") {
    auto doc = dpa::load_document(root() / "examples/dpas/hoviguard.json").value();
    const dpa::tenant_policy policy(doc, fixed());
    auto clean = dpa::load_tenant(root() / "examples/tenants/hoviguard-clean.json");
    REQUIRE(clean.has_value());
    CHECK(policy.check(clean.value()).findings.empty());
    auto trips = dpa::load_tenant(root() / "examples/tenants/hoviguard-trips.json");
    REQUIRE(trips.has_value());
    auto r = policy.check(trips.value());
    CHECK(count(r, "tenant/dpa-version") == 1);
    CHECK(count(r, "tenant/residency") == 2);  // xAI in the US; Stripe through its US parent
    CHECK(count(r, "tenant/retention-exceeds") == 1);
    CHECK(count(r, "tenant/subprocessor-not-authorised") == 1);
    CHECK(count(r, "tenant/special-category") == 0);  // HOVIGuard does not exclude Art. 9 data
    auto caelex = dpa::load_document(root() / "examples/dpas/caelex.json").value();
    auto special = dpa::load_tenant(root() / "examples/tenants/caelex-special.json").value();
    CHECK(count(dpa::check_tenant(caelex, special, fixed()), "tenant/special-category") == 1);
  }

  TEST_CASE("bad tenant files are located errors") {
    auto e = dpa::parse_tenant(R"({"format": "dpa-tenant/1", "tenant": "t", "dpa": {"id": "x", "version": "1"},
      "residency": "Europe", "retention": [{"category": "logs", "period": "forever"}], "featurs": []})");
    REQUIRE_FALSE(e.has_value());
    REQUIRE(e.error().diagnostics.size() == 3);
    CHECK(e.error().diagnostics[0].pointer == "/residency");
    CHECK(e.error().diagnostics[1].pointer == "/retention/0/period");
    CHECK(e.error().diagnostics[2].help == "did you mean `features`?");
  }

  TEST_CASE("one shared policy, many threads, same answers") {
    auto doc = dpa::load_document(root() / "examples/dpas/hoviguard.json").value();
    const dpa::tenant_policy policy(doc, fixed());
    auto tenant = dpa::load_tenant(root() / "examples/tenants/hoviguard-trips.json").value();
    auto expected = policy.check(tenant);
    std::vector<int> ok(8, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
      threads.emplace_back([&, t] {
        bool same = true;
        for (int i = 0; i < 200; ++i) same = same && policy.check(tenant).findings == expected.findings;
        ok[t] = same;
      });
    for (auto& t : threads) t.join();
    CHECK(std::count(ok.begin(), ok.end(), 1) == 8);
  }
}
