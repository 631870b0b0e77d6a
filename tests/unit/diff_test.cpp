#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include <dpa/dpa.hpp>

namespace {
dpa::document seed(const char* name) {
  auto d = dpa::load_document(std::filesystem::path(DPA_SOURCE_DIR) / "examples/dpas" / (std::string(name) + ".json"));
  REQUIRE_MESSAGE(d.has_value(), (d ? "" : d.error().summary()));
  return std::move(d).value();
}
dpa::options at(const char* date) {
  dpa::options o;
  o.as_of = *dpa::parse_date(date);
  return o;
}
const dpa::change* find(const dpa::diff_result& r, std::string_view kind, std::string_view subject = {}) {
  for (const auto& c : r.changes)
    if (c.kind == kind && (subject.empty() || c.subject == subject)) return &c;
  return nullptr;
}
}  // namespace

TEST_SUITE("diff") {
  TEST_CASE("HOVIGuard v1.1 to v1.4: breach window weakened, xAI added, Cloudflare removed") {
    auto r = dpa::diff(seed("hoviguard-v1.1"), seed("hoviguard"), at("2026-11-23"));
    const auto* breach = find(r, "period-lengthened");
    REQUIRE(breach);
    CHECK(breach->pointer == "/breach/bound");
    CHECK(breach->direction == dpa::direction::weakened);
    CHECK(breach->before == "\"24 hours\"");
    CHECK(breach->after == "\"72 hours\"");
    const auto* xai = find(r, "subprocessor-added", "xai");
    REQUIRE(xai);
    CHECK(xai->pointer == "/subprocessors/2");
    CHECK(find(r, "subprocessor-removed", "cloudflare"));
    auto& f = r.findings.findings;
    CHECK(std::count_if(f.begin(), f.end(), [](const dpa::finding& x) { return x.rule == "diff/weakened"; }) == 1);
    CHECK(std::count_if(f.begin(), f.end(), [](const dpa::finding& x) {
            return x.rule == "diff/subprocessor-added" && x.subject == "xai";
          }) == 1);
  }

  TEST_CASE("the diff rules follow the selection; the changes are listed whichever run") {
    auto before = seed("hoviguard-v1.1"), after = seed("hoviguard");
    auto all = dpa::diff(before, after, at("2026-11-23"));
    auto o = at("2026-11-23");
    o.disable = {"diff/subprocessor-added"};
    auto some = dpa::diff(before, after, o);
    CHECK(some.changes == all.changes);
    CHECK(std::none_of(some.findings.findings.begin(), some.findings.findings.end(),
                       [](const dpa::finding& f) { return f.rule == "diff/subprocessor-added"; }));
    CHECK(std::any_of(all.findings.findings.begin(), all.findings.findings.end(),
                      [](const dpa::finding& f) { return f.rule == "diff/subprocessor-added"; }));
    CHECK(some.findings.rules_run.size() + 1 == all.findings.rules_run.size());
  }

  TEST_CASE("a document compared with itself has no changes") {
    auto d = seed("caelex");
    auto r = dpa::diff(d, d);
    CHECK(r.changes.empty());
    CHECK(r.findings.findings.empty());
  }

  TEST_CASE("directions: notice shortened, retention lengthened, rights removed, tools downgraded") {
    auto base = dpa::parse_document(dpa::clean_example_document()).value();
    auto next = dpa::parse_document(dpa::example_document(R"({
      "subprocessing": {"change_notice": {"period": "14 days"}, "objection": null, "flow_down": false},
      "retention": [{"category": "logs", "period": "90 days", "basis": "contractual"}],
      "audits": {"max_per_year": 0},
      "deletion": {"choice": "delete-on-request"},
      "subprocessors": [{"id": "hoster", "name": "Example Hosting SE", "country": "DE",
        "locations": [{"text": "Frankfurt", "kind": "country", "country": "DE"}, {"text": "Virginia", "kind": "country", "country": "US"}],
        "purpose": "Hosting", "categories": ["contact", "logs"], "transfer_tools": [{"kind": "scc", "conditional": true}]}],
      "data_categories": [{"id": "contact", "name": "Contact data"}, {"id": "logs", "name": "Access logs"},
                          {"id": "health", "name": "Health data", "special": true}]})")).value();
    auto r = dpa::diff(base, next, at("2026-11-23"));
    auto weakened = [&](std::string_view kind, std::string_view pointer) {
      for (const auto& c : r.changes)
        if (c.kind == kind && c.pointer == pointer) return c.direction == dpa::direction::weakened;
      FAIL_CHECK("no change ", kind, " at ", pointer);
      return false;
    };
    CHECK(weakened("period-shortened", "/subprocessing/change_notice/period"));
    CHECK(weakened("period-lengthened", "/retention/0/period"));
    CHECK(weakened("right-removed", "/subprocessing/objection"));
    CHECK(weakened("right-removed", "/subprocessing/flow_down"));
    CHECK(weakened("field-changed", "/audits/max_per_year"));
    CHECK(weakened("field-changed", "/deletion/choice"));
    CHECK(find(r, "country-added"));
    CHECK(find(r, "category-added", "health"));
    // tools: none -> "SCCs where required" is not a downgrade; SCC 2021 -> none is
    auto with_tool = dpa::parse_document(dpa::example_document(
        R"({"subprocessors": [{"id": "hoster", "name": "Example Hosting SE", "country": "US", "transfer_tools": [{"kind": "scc-2021", "modules": [3]}]}]})")).value();
    auto without = dpa::parse_document(dpa::example_document(
        R"({"subprocessors": [{"id": "hoster", "name": "Example Hosting SE", "country": "US", "transfer_tools": [{"kind": "scc", "conditional": true}]}]})")).value();
    auto down = dpa::diff(with_tool, without, at("2026-11-23"));
    REQUIRE(find(down, "tool-downgraded"));
    CHECK(find(down, "tool-downgraded")->direction == dpa::direction::weakened);
    CHECK(find(dpa::diff(without, with_tool, at("2026-11-23")), "tool-upgraded"));
  }

  TEST_CASE("month against days: a possible weakening") {
    auto a = dpa::parse_document(dpa::example_document(R"({"dsr": {"deadline": "30 days"}})")).value();
    auto b = dpa::parse_document(dpa::example_document(R"({"dsr": {"deadline": "one month"}})")).value();
    auto r = dpa::diff(a, b);
    REQUIRE(r.changes.size() == 1);
    CHECK(r.changes.front().certainty == dpa::certainty::possible);
    CHECK(r.changes.front().direction == dpa::direction::weakened);
  }

  TEST_CASE("the diff rules fire on their examples and stay quiet on the others") {
    auto base = dpa::parse_document(dpa::clean_example_document()).value();
    for (const auto& rule : dpa::diff_rule_catalogue()) {
      CAPTURE(rule.id);
      auto count = [&](std::string_view patch) {
        auto d = dpa::parse_document(dpa::example_document(patch));
        REQUIRE(d.has_value());
        auto f = dpa::diff(base, d.value()).findings.findings;
        return std::count_if(f.begin(), f.end(), [&](const dpa::finding& x) { return x.rule == rule.id; });
      };
      CHECK(count(rule.example_fires) > 0);
      CHECK(count(rule.example_quiet) == 0);
      CHECK(dpa::find_rule(rule.id) == &rule);
    }
  }
}
