// The graph rules take the validity of transfer tools from the knowledge base
// they are evaluated with: the embedded one, or one a scenario changed. They
// agree with the document rules on the days a tool ends.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <dpa/evaluate.hpp>
#include <dpa/graph.hpp>
#include <dpa/load.hpp>
#include <dpa/rules.hpp>
#include <dpa/scenario.hpp>

namespace {

dpa::date day(const char* iso) {
  auto d = dpa::parse_date(iso);
  REQUIRE_MESSAGE(d.has_value(), iso);
  return *d;
}

// A controller in DE engaging a processor in DE, which engages `in` (India: a
// transfer is needed) under `mechanism`.
dpa::graph chain_to_india(std::string_view mechanism) {
  const std::string text = R"({"format": "dpa-graph/1", "as_of": "2026-11-23",
    "organisations": [{"id": "root", "country": "DE"}, {"id": "proc", "country": "DE"}, {"id": "in", "country": "IN"}],
    "agreements": [{"id": "a0", "client": "root", "processor": "proc", "breach_notice": "1h"},
                   {"id": "a1", "client": "proc", "processor": "in", "mechanisms": [")" +
                           std::string(mechanism) + R"("], "breach_notice": "1h"}]})";
  auto g = dpa::parse_graph(text);
  REQUIRE_MESSAGE(g.has_value(), (g ? "" : g.error().summary()));
  return std::move(g).value();
}

// The transfer rule the graph rules give agreement a1 on `on` under `kb` ("" for none).
std::string graph_transfer_finding(const dpa::graph& g, dpa::date on,
                                   const dpa::knowledge& kb = dpa::knowledge::embedded()) {
  dpa::graph_options o;
  o.as_of = on;
  o.enable = {"transfer"};
  auto r = dpa::evaluate_graph(g, o, kb);
  std::string out;
  for (const auto& f : r.findings.findings) {
    CHECK(f.subject == "a1");  // a0 stays in the EEA
    out = std::string(f.rule);
  }
  return out;
}

// The transfer rules that fire for a sub-processor in India under the 2010 SCCs
// of a DPA made on 2020-05-01 (its general clause names no tool), judged on `on`.
std::vector<std::string> document_transfer_findings(dpa::date on) {
  auto doc = dpa::parse_document(dpa::example_document(R"({"effective_date": "2020-05-01", "subprocessors": [
      {"id": "in", "name": "India Data Pvt Ltd", "country": "IN", "purpose": "support",
       "transfer_tools": [{"kind": "scc-2010"}]}], "transfers": {"tools": null}})"));
  REQUIRE_MESSAGE(doc.has_value(), (doc ? "" : doc.error().summary()));
  dpa::options o;
  o.as_of = on;
  o.enable = {"transfer"};
  const auto r = dpa::evaluate(doc.value(), o);
  std::vector<std::string> out;
  for (const auto& f : r.findings) out.emplace_back(f.rule);
  return out;
}

dpa::knowledge scenario_kb(const char* json) {
  auto s = dpa::parse_scenario(json);
  REQUIRE_MESSAGE(s.has_value(), (s ? "" : s.error().summary()));
  return std::move(s).value().knowledge;
}

}  // namespace

TEST_SUITE("graph") {
  TEST_CASE("the 2010 SCCs: valid on 2022-12-27, not on 2022-12-28, in the document and the graph rules") {
    // Implementing Decision (EU) 2021/914 Art. 4(4): contracts made before 27 September 2021 on the 2010
    // clauses provide appropriate safeguards until 27 December 2022.
    const auto& kb = dpa::knowledge::embedded();
    CHECK(kb.tool_valid(dpa::tool_kind::scc_2010, day("2022-12-27"), day("2020-05-01")) == dpa::answer::yes);
    CHECK(kb.tool_valid(dpa::tool_kind::scc_2010, day("2022-12-28"), day("2020-05-01")) == dpa::answer::no);

    CHECK(document_transfer_findings(day("2022-12-27")).empty());
    const auto after = document_transfer_findings(day("2022-12-28"));
    CHECK(std::find(after.begin(), after.end(), "transfer/obsolete-mechanism") != after.end());

    const auto g = chain_to_india("scc2010");
    CHECK(graph_transfer_finding(g, day("2022-12-27")) == "");
    CHECK(graph_transfer_finding(g, day("2022-12-28")) == "transfer/obsolete-mechanism");
    // closed to new contracts from 2021-09-27; a graph gives no date of conclusion, so an agreement
    // is read as made before: still valid in between
    CHECK(graph_transfer_finding(g, day("2022-06-01")) == "");
  }

  TEST_CASE("dated mechanisms: the graph rules agree with the knowledge base on every boundary") {
    const auto& kb = dpa::knowledge::embedded();
    struct mechanism {
      const char* name;
      dpa::tool_kind tool;
    };
    for (const auto m : {mechanism{"scc2010", dpa::tool_kind::scc_2010},
                         mechanism{"privacy-shield", dpa::tool_kind::privacy_shield},
                         mechanism{"safe-harbor", dpa::tool_kind::safe_harbor}}) {
      const auto* inst = kb.instrument(m.tool);
      REQUIRE(inst != nullptr);
      REQUIRE(inst->validity.until.has_value());
      const auto g = chain_to_india(m.name);
      for (const auto on : {dpa::add_days(inst->validity.from, -1), inst->validity.from, *inst->validity.until,
                            dpa::add_days(*inst->validity.until, 1)}) {
        CAPTURE(m.name);
        CAPTURE(dpa::to_string(on));
        const bool valid = inst->validity.holds_on(on);
        CHECK(graph_transfer_finding(g, on) == std::string(valid ? "" : "transfer/obsolete-mechanism"));
      }
    }
    // the 2021 SCCs (module 3 from a processor): from 2021-06-27, Art. 4(1) of 2021/914
    const auto g = chain_to_india("scc2021-m3");
    CHECK(graph_transfer_finding(g, day("2021-06-26")) == "transfer/scc-module");
    CHECK(graph_transfer_finding(g, day("2021-06-27")) == "");
  }

  TEST_CASE("scenario: a changed tool changes the graph findings") {
    const auto g = chain_to_india("scc2021-m3");
    const auto ended = scenario_kb(R"({"format": "dpa-scenario/1", "name": "scc-2021 ends",
        "changes": [{"tool": "scc-2021", "valid_until": "2027-05-31"}]})");
    CHECK(graph_transfer_finding(g, day("2027-05-31"), ended) == "");
    CHECK(graph_transfer_finding(g, day("2027-06-01"), ended) == "transfer/scc-module");
    CHECK(graph_transfer_finding(g, day("2027-06-01")) == "");  // the embedded knowledge base: in force

    dpa::graph_options o;
    o.as_of = day("2027-06-01");
    auto r = dpa::compare_scenario(g, o, dpa::knowledge::embedded(), ended);
    REQUIRE(r.lost.size() == 1);
    CHECK(g.agreements[r.lost[0].agreement].id == "a1");
    CHECK(r.lost[0].after == "transfer/scc-module");
    REQUIRE(r.controllers.size() == 1);
    CHECK(g.organisations[r.controllers[0]].id == "root");

    // and the other way: the 2010 SCCs given another year
    const auto g2010 = chain_to_india("scc2010");
    const auto longer = scenario_kb(R"({"format": "dpa-scenario/1", "name": "scc-2010 longer",
        "changes": [{"tool": "scc-2010", "valid_until": "2023-12-27"}]})");
    CHECK(graph_transfer_finding(g2010, day("2023-06-01")) == "transfer/obsolete-mechanism");
    CHECK(graph_transfer_finding(g2010, day("2023-06-01"), longer) == "");
    r = dpa::compare_scenario(g2010, [] {
      dpa::graph_options x;
      x.as_of = *dpa::parse_date("2023-06-01");
      return x;
    }(), dpa::knowledge::embedded(), longer);
    CHECK(r.gained.size() == 1);
    CHECK(r.lost.empty());

    // a tool the knowledge base no longer lists gives no basis
    const auto removed = scenario_kb(R"({"format": "dpa-scenario/1", "name": "no scc-2021",
        "changes": [{"tool": "scc-2021", "remove": true}]})");
    CHECK(graph_transfer_finding(g, day("2026-11-23"), removed) == "transfer/scc-module");
  }

  TEST_CASE("scenario: the DPF decision ending ends the dpf mechanism") {
    // A US processor without the dpf certification in the graph, relying on `dpf`: never valid.
    // One with it is adequate while the decision holds; the mechanism matters when it does not.
    auto parsed = dpa::parse_graph(R"({"format": "dpa-graph/1", "as_of": "2026-11-23",
      "organisations": [{"id": "root", "country": "DE"}, {"id": "us", "country": "US", "certifications": ["dpf"]}],
      "agreements": [{"id": "a1", "client": "root", "processor": "us", "mechanisms": ["dpf"], "breach_notice": "1h"}]})");
    REQUIRE(parsed.has_value());
    const auto& g = parsed.value();
    const auto decision_ends = scenario_kb(R"({"format": "dpa-scenario/1", "name": "dpf falls",
        "changes": [{"id": "adequacy/US-DPF", "valid_until": "2027-05-31"}]})");
    CHECK(graph_transfer_finding(g, day("2027-06-01")) == "");
    CHECK(graph_transfer_finding(g, day("2027-06-01"), decision_ends) == "transfer/missing-mechanism");
  }
}
