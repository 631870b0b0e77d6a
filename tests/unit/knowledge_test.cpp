#include <doctest/doctest.h>

#include <dpa/knowledge.hpp>

using dpa::answer;
using dpa::coverage_status;
using dpa::parse_date;

namespace {
dpa::date day(std::string_view s) { return *parse_date(s); }
}  // namespace

TEST_SUITE("knowledge") {
  TEST_CASE("the embedded knowledge base loads and is dated") {
    const auto& kb = dpa::knowledge::embedded();
    CHECK(kb.version() == "2026.11.23");
    CHECK(kb.checksum().size() == 40);
    CHECK(kb.countries().size() == 249);
    CHECK(kb.eea_members().size() >= 30);
    CHECK(kb.country("DE"));
    CHECK_FALSE(kb.country("XX"));
    CHECK_FALSE(kb.country("de"));
  }

  TEST_CASE("country suggestions") {
    const auto& kb = dpa::knowledge::embedded();
    CHECK(kb.suggest_country("Germany") == "DE");
    CHECK(kb.suggest_country("germany") == "DE");
    CHECK(kb.suggest_country("de") == "DE");
    CHECK(kb.suggest_country("UK") == "GB");
    CHECK(kb.suggest_country("EL") == "GR");
    CHECK(kb.suggest_country("USA") == "US");
    CHECK(kb.suggest_country("Germnay") == "DE");
    CHECK_FALSE(kb.suggest_country("XX").has_value());
  }

  TEST_CASE("EEA membership follows accession and withdrawal") {
    const auto& kb = dpa::knowledge::embedded();
    CHECK(kb.covered("DE", day("2026-11-23")).status == coverage_status::eea);
    CHECK(kb.covered("HR", day("2013-06-30")).status == coverage_status::third_country);
    CHECK(kb.covered("HR", day("2013-07-01")).status == coverage_status::eea);
    CHECK(kb.covered("NO", day("2026-11-23")).status == coverage_status::eea);
    CHECK(kb.covered("CH", day("2026-11-23")).status == coverage_status::adequate);
  }

  TEST_CASE("the United Kingdom: member, bridge, adequacy, renewal") {
    const auto& kb = dpa::knowledge::embedded();
    CHECK(kb.covered("GB", day("2020-12-31")).status == coverage_status::eea);
    auto bridge = kb.covered("GB", day("2021-03-01"));
    CHECK(bridge.status == coverage_status::adequate);
    CHECK(bridge.decision->id == "adequacy/GB-bridge");
    CHECK(kb.covered("GB", day("2026-11-23")).decision->id == "adequacy/GB");
    CHECK(kb.covered("GB", day("2031-12-27")).covered() == answer::yes);
    CHECK(kb.covered("GB", day("2031-12-28")).status == coverage_status::third_country);
  }

  TEST_CASE("the United States: Safe Harbour, Privacy Shield, DPF, only for certified organisations") {
    const auto& kb = dpa::knowledge::embedded();
    auto sh = kb.covered("US", day("2015-10-05"));
    CHECK(sh.status == coverage_status::conditional);
    CHECK(sh.decision->id == "adequacy/US-safe-harbor");
    CHECK(kb.covered("US", day("2015-10-06")).status == coverage_status::third_country);
    CHECK(kb.covered("US", day("2019-06-01")).decision->id == "adequacy/US-privacy-shield");
    CHECK(kb.covered("US", day("2020-07-16")).status == coverage_status::third_country);
    CHECK(kb.covered("US", day("2023-07-09")).status == coverage_status::third_country);
    auto dpf = kb.covered("US", day("2026-11-23"));
    CHECK(dpf.status == coverage_status::conditional);
    CHECK(dpf.decision->condition == "dpf");
    CHECK(dpf.covered() == answer::depends);
    CHECK(kb.covered("US", day("2026-11-23"), {"dpf"}).covered() == answer::yes);
    CHECK(kb.covered("US", day("2026-11-23"), {}, true).covered() == answer::no);
  }

  TEST_CASE("Brazil from 26 January 2026; Canada only under PIPEDA") {
    const auto& kb = dpa::knowledge::embedded();
    CHECK(kb.covered("BR", day("2026-01-25")).status == coverage_status::third_country);
    CHECK(kb.covered("BR", day("2026-01-26")).status == coverage_status::adequate);
    CHECK(kb.covered("CA", day("2026-11-23")).status == coverage_status::conditional);
    CHECK(kb.covered("IN", day("2026-11-23")).covered() == answer::no);
  }

  TEST_CASE("transfer tools and their dates") {
    const auto& kb = dpa::knowledge::embedded();
    using dpa::tool_kind;
    CHECK(kb.tool_valid(tool_kind::scc_2021, day("2026-11-23")) == answer::yes);
    CHECK(kb.tool_valid(tool_kind::scc_2021, day("2021-06-26")) == answer::no);
    CHECK(kb.tool_valid(tool_kind::scc_2010, day("2020-01-01")) == answer::yes);
    CHECK(kb.tool_valid(tool_kind::scc_2010, day("2022-06-01")) == answer::depends);
    CHECK(kb.tool_valid(tool_kind::scc_2010, day("2022-06-01"), day("2021-01-01")) == answer::yes);
    CHECK(kb.tool_valid(tool_kind::scc_2010, day("2022-06-01"), day("2021-12-01")) == answer::no);
    CHECK(kb.tool_valid(tool_kind::scc_2010, day("2022-12-28"), day("2021-01-01")) == answer::no);
    // A contract dated only by its month: the 2010 SCCs took new contracts until 2021-09-26 (Decision 2021/914, Art. 4)
    auto month = [](std::string_view m) { return dpa::parse_stated_date(m).value(); };
    CHECK(kb.tool_valid(tool_kind::scc_2010, day("2022-06-01"), month("2021-08")) == answer::yes);
    CHECK(kb.tool_valid(tool_kind::scc_2010, day("2022-06-01"), month("2021-09")) == answer::depends);
    CHECK(kb.tool_valid(tool_kind::scc_2010, day("2022-06-01"), month("2021-10")) == answer::no);
    CHECK(kb.tool_valid(tool_kind::privacy_shield, day("2019-06-01")) == answer::yes);
    CHECK(kb.tool_valid(tool_kind::privacy_shield, day("2020-07-16")) == answer::no);
    CHECK(kb.tool_valid(tool_kind::safe_harbor, day("2026-11-23")) == answer::no);
    CHECK(kb.tool_valid(tool_kind::dpf, day("2026-11-23")) == answer::yes);
  }

  TEST_CASE("a knowledge base can be replaced at run time, with located errors") {
    auto kb = dpa::knowledge::parse(R"({"format":"dpa-knowledge/1","version":"test","compiled":"2027-01-01",
      "sources":{"s":"a source"},"eea":[{"country":"DE","name":"Germany","valid_from":"1958-01-01","source":"s"}],
      "adequacy":[{"id":"adequacy/US-DPF","country":"US","decision":"2023/1795","valid_from":"2023-07-10",
      "valid_until":"2027-05-31","scope":"DPF only","condition":"dpf","tool":"dpf","source":"s"}],"tools":[]})");
    REQUIRE(kb.has_value());
    CHECK(kb.value().version() == "test");
    CHECK(kb.value().covered("US", day("2027-06-01"), {"dpf"}).covered() == answer::no);
    CHECK(kb.value().covered("FR", day("2027-06-01")).covered() == answer::no);

    auto bad = dpa::knowledge::parse(R"({"format":"dpa-knowledge/1","version":"x","compiled":"2027-01-01",
      "sources":{},"eea":[{"country":"Germany","name":"Germany","valid_from":"1958-01-01","source":"nowhere"}],
      "adequacy":[],"tools":[]})");
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().diagnostics.front().pointer == "/eea/0/country");
    CHECK(bad.error().diagnostics.front().line == 2);
  }
}
