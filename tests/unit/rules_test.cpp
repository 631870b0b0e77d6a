#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <thread>

#include <dpa/dpa.hpp>
#include <dpa/evaluate.hpp>
#include <dpa/render.hpp>
#include <dpa/graph.hpp>
#include <dpa/rules.hpp>

namespace {

const dpa::date today_fixed = *dpa::parse_date("2026-11-23");

dpa::document load(std::string_view text) {
  auto d = dpa::parse_document(text);
  REQUIRE_MESSAGE(d.has_value(), (d ? "" : d.error().summary()));
  return std::move(d).value();
}

dpa::document seed(const char* name) {
  auto d = dpa::load_document(std::filesystem::path(DPA_SOURCE_DIR) / "examples/dpas" / (std::string(name) + ".json"));
  REQUIRE_MESSAGE(d.has_value(), (d ? "" : d.error().summary()));
  return std::move(d).value();
}

dpa::report run(const dpa::document& d, std::string_view as_of = "2026-11-23", dpa::options o = {}) {
  o.as_of = *dpa::parse_date(as_of);
  return dpa::evaluate(d, o);
}

std::vector<const dpa::finding*> fired(const dpa::report& r, std::string_view rule, std::string_view subject = {}) {
  std::vector<const dpa::finding*> out;
  for (const auto& f : r.findings)
    if (f.rule == rule && (subject.empty() || f.subject == subject)) out.push_back(&f);
  return out;
}

}  // namespace

TEST_SUITE("rules") {
  TEST_CASE("the catalogue has every id of rules.md, sorted, with documentation") {
    const char* ids[] = {
        "art28/subject-matter", "art28/duration", "art28/nature-purpose", "art28/data-categories", "art28/data-subjects",
        "art28/controller-rights", "art28/documented-instructions", "art28/instruction-infringement",
        "art28/confidentiality", "art28/security", "art28/subprocessor-conditions", "art28/dsr-assistance",
        "art28/compliance-assistance", "art28/deletion-or-return", "art28/audits", "transfer/missing-mechanism",
        "transfer/inherited-mechanism", "transfer/scc-module", "transfer/obsolete-mechanism", "transfer/derogation",
        "transfer/vague-mechanism", "transfer/no-tia", "transfer/unresolved-location", "transfer/dpf-only",
        "subprocessor/unidentified", "subprocessor/list-by-reference", "subprocessor/unlisted",
        "subprocessor/change-notice-missing", "subprocessor/change-notice-unbounded", "subprocessor/objection-missing",
        "subprocessor/objection-window", "breach/notice-missing", "breach/unbounded", "breach/no-slack", "breach/content",
        "retention/beyond-termination", "retention/contradiction", "retention/backup-window",
        "retention/deletion-deadline-missing", "notice/dsr-deadline", "notice/audit-frequency", "notice/amendment"};
    for (auto id : ids) {
      CAPTURE(id);
      const auto* r = dpa::find_rule(id);
      REQUIRE(r);
      CHECK(!r->title.empty());
      CHECK(!r->reference.empty());
      CHECK(r->url.rfind("https://", 0) == 0);
      CHECK(r->rationale.size() > 80);
      CHECK(!r->remediation.empty());
    }
    const auto& all = dpa::rule_catalogue();
    CHECK(std::is_sorted(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.id < b.id; }));
  }

  TEST_CASE("the clean template makes no rule fire") {
    auto r = run(load(dpa::clean_example_document()));
    for (const auto& f : r.findings) CAPTURE(f.message);
    CHECK(r.findings.empty());
    CHECK(r.rules_run.size() == dpa::rule_catalogue().size());
  }

  TEST_CASE("one catalogue: every rule once, with the kinds it runs on") {
    const auto& all = dpa::full_catalogue();
    std::set<std::string_view> ids;
    for (const auto& e : all) CHECK(ids.insert(e.info->id).second);
    std::size_t expected = 0;
    std::set<std::string_view> seen;
    for (const auto* cat : {&dpa::rule_catalogue(), &dpa::diff_rule_catalogue(), &dpa::tenant_rule_catalogue(),
                            &dpa::graph_rule_catalogue()})
      for (const auto& r : *cat) expected += seen.insert(r.id).second;
    CHECK(all.size() == expected);
    auto entry = [&](std::string_view id) -> const dpa::catalogue_entry& {
      auto it = std::find_if(all.begin(), all.end(), [&](const auto& e) { return e.info->id == id; });
      REQUIRE(it != all.end());
      return *it;
    };
    CHECK(entry("transfer/missing-mechanism").runs_on(dpa::rule_kind::document));
    CHECK(entry("transfer/missing-mechanism").runs_on(dpa::rule_kind::graph));
    CHECK(entry("graph/cycle").kind_list() == std::vector{dpa::rule_kind::graph});
    CHECK(entry("tenant/residency").kind_list() == std::vector{dpa::rule_kind::tenant});
    // a shared id has one text: the graph's breach/unbounded is the document's
    CHECK(dpa::find_rule("graph/cycle") != nullptr);
    CHECK(entry("breach/unbounded").info == dpa::find_rule("breach/unbounded"));
    for (const auto& g : dpa::graph_rule_catalogue())
      if (const auto* d = dpa::find_rule(g.id)) CHECK(d->title == g.title);
  }

  TEST_CASE("every graph rule fires on its graph example and stays quiet on the other") {
    auto clean = dpa::parse_graph(dpa::clean_example_graph());
    REQUIRE(clean.has_value());
    CHECK(dpa::evaluate_graph(clean.value()).findings.findings.empty());  // the clean graph: no finding at all
    for (const auto& r : dpa::graph_rule_catalogue()) {
      CAPTURE(r.id);
      const auto example = dpa::graph_rule_examples(r.id);
      REQUIRE_FALSE(example.fires.empty());
      auto run_rule = [&](std::string_view patch) {
        auto g = dpa::parse_graph(dpa::merge_patch(dpa::clean_example_graph(), patch));
        REQUIRE(g.has_value());
        dpa::graph_options o;
        o.enable = {std::string(r.id)};
        return dpa::evaluate_graph(g.value(), o).findings.findings.size();
      };
      CHECK(run_rule(example.fires) > 0);
      CHECK(run_rule(example.quiet) == 0);
    }
    CHECK(dpa::graph_rule_examples("art28/audits").fires.empty());
  }

  TEST_CASE("every rule fires on its example and stays quiet on the other") {
    for (const auto& rule : dpa::rule_catalogue()) {
      CAPTURE(rule.id);
      dpa::options only;
      only.enable = {std::string(rule.id)};
      auto fires = dpa::parse_document(dpa::example_document(rule.example_fires));
      REQUIRE_MESSAGE(fires.has_value(), (fires ? "" : fires.error().summary()));
      CHECK_FALSE(fired(run(fires.value(), "2026-11-23", only), rule.id).empty());
      auto quiet = dpa::parse_document(dpa::example_document(rule.example_quiet));
      REQUIRE_MESSAGE(quiet.has_value(), (quiet ? "" : quiet.error().summary()));
      CHECK(fired(run(quiet.value(), "2026-11-23", only), rule.id).empty());
    }
  }

  TEST_CASE("Axion") {
    auto r = run(seed("axion"));
    CHECK(fired(r, "breach/no-slack").size() == 1);
    CHECK(fired(r, "subprocessor/list-by-reference").size() == 1);
    auto dsr = fired(r, "notice/dsr-deadline");
    REQUIRE(dsr.size() == 1);
    CHECK(dsr.front()->certainty == dpa::certainty::possible);
    CHECK(std::none_of(r.findings.begin(), r.findings.end(),
                       [](const dpa::finding& f) { return f.severity == dpa::severity::violation; }));
  }

  TEST_CASE("HOVIGuard") {
    auto r = run(seed("hoviguard"));
    CHECK(fired(r, "transfer/scc-module", "xai").size() == 1);
    CHECK(fired(r, "retention/contradiction", "xai").size() == 1);
    auto beyond = fired(r, "retention/beyond-termination");
    REQUIRE(beyond.size() == 1);
    CHECK(beyond.front()->subject == "audit");
    CHECK(beyond.front()->certainty == dpa::certainty::definite);
    CHECK(fired(r, "art28/instruction-infringement").size() == 1);
    CHECK(fired(r, "breach/no-slack").size() == 1);
    CHECK(fired(r, "transfer/missing-mechanism").empty());
    CHECK(fired(r, "subprocessor/unlisted").empty());
  }

  TEST_CASE("CAOS") {
    auto r = run(seed("caos"));
    for (auto id : {"breach/notice-missing", "subprocessor/change-notice-unbounded", "subprocessor/list-by-reference",
                    "retention/deletion-deadline-missing", "art28/deletion-or-return"}) {
      CAPTURE(id);
      CHECK(fired(r, id).size() == 1);
    }
  }

  TEST_CASE("Sevenoways") {
    auto r = run(seed("sevenoways"));
    CHECK(fired(r, "subprocessor/unidentified", "vps-provider").size() == 1);
    // The VPS provider's and the Meta Cloud API's locations, and the processor itself, whose country the text never states.
    CHECK(fired(r, "transfer/unresolved-location").size() == 3);
    CHECK(fired(r, "transfer/unresolved-location", "processor").size() == 1);
    for (auto id : {"transfer/vague-mechanism", "transfer/no-tia", "subprocessor/change-notice-missing",
                    "subprocessor/objection-missing", "art28/instruction-infringement", "art28/compliance-assistance"}) {
      CAPTURE(id);
      CHECK_FALSE(fired(r, id).empty());
    }
  }

  TEST_CASE("Caelex") {
    auto r = run(seed("caelex"));
    auto inherited = fired(r, "transfer/inherited-mechanism");
    REQUIRE(inherited.size() == 1);
    CHECK(inherited.front()->subject == "sentry");
    CHECK(fired(r, "breach/no-slack").size() == 1);
    CHECK(fired(r, "transfer/missing-mechanism").empty());
    CHECK(fired(r, "transfer/scc-module").empty());
  }

  TEST_CASE("a contract dated only by its month, across the 2010 SCCs' cut-off for new contracts") {
    auto at = [](std::string_view month) {
      auto doc = load(dpa::example_document(std::string(R"({"effective_date": ")") + std::string(month) +
                                            R"(", "subprocessors": [{"id": "in", "name": "Data India Pvt Ltd", "country": "IN",
        "transfer_tools": [{"kind": "scc-2010"}]}], "transfers": {"tools": [], "tia": {"performed": true}}})"));
      return run(doc, "2022-06-01");  // the report outlives the findings fired() points into
    };
    auto august = at("2021-08");
    CHECK(fired(august, "transfer/obsolete-mechanism", "in").empty());  // before 2021-09-27: valid until 2022-12-27
    auto september = at("2021-09");  // the 26th or the 28th: it depends on the day
    auto s = fired(september, "transfer/obsolete-mechanism", "in");
    REQUIRE(s.size() == 1);
    CHECK(s.front()->certainty == dpa::certainty::possible);
    auto october = at("2021-10");
    auto o = fired(october, "transfer/obsolete-mechanism", "in");
    REQUIRE(o.size() == 1);
    CHECK(o.front()->certainty == dpa::certainty::definite);
  }

  TEST_CASE("the date of the law matters: 2019 against 2026") {
    auto doc = load(dpa::example_document(R"({"effective_date": "2018-06-01", "subprocessors": [
      {"id": "us", "name": "US Analytics Inc.", "country": "US", "transfer_tools": [{"kind": "privacy-shield"}]},
      {"id": "uk", "name": "UK Mail Ltd", "country": "GB"},
      {"id": "br", "name": "Brasil Dados Ltda", "country": "BR", "transfer_tools": [{"kind": "scc-2010"}]}],
      "transfers": {"tools": [], "tia": {"performed": true}}})"));
    auto then = run(doc, "2019-06-01"), now = run(doc, "2026-11-23");
    CHECK(fired(then, "transfer/obsolete-mechanism").empty());
    CHECK(fired(now, "transfer/obsolete-mechanism", "us").size() == 1);
    // Brazil is adequate since 2026-01-26: the step needs no tool, so its obsolete one is no finding.
    CHECK(fired(now, "transfer/obsolete-mechanism", "br").empty());
    CHECK(fired(then, "transfer/missing-mechanism").empty());  // SCC 2010 carried Brazil in 2019
    CHECK(fired(now, "transfer/missing-mechanism", "us").size() == 1);
    CHECK(fired(now, "transfer/missing-mechanism", "br").empty());  // adequate since 2026-01-26
    auto basis = [](const dpa::report& r, std::string_view id) {
      for (const auto& t : r.transfer_map)
        if (t.recipient == id) return t.basis;
      return std::string();
    };
    CHECK(basis(then, "uk") == "eea");
    CHECK(basis(now, "uk") == "adequacy");
    CHECK(basis(then, "br") == "tool");
    CHECK(basis(now, "br") == "adequacy");
    CHECK(basis(then, "us") == "adequacy");
    CHECK(basis(now, "us") == "none");
  }

  TEST_CASE("US recipients: DPF alone, DPF with SCCs, neither") {
    auto doc = load(dpa::example_document(R"({"subprocessors": [
      {"id": "dpf", "name": "A Inc.", "country": "US", "transfer_tools": [{"kind": "dpf"}]},
      {"id": "both", "name": "B Inc.", "country": "US", "transfer_tools": [{"kind": "dpf"}, {"kind": "scc-2021", "modules": [3]}]},
      {"id": "none", "name": "C Inc.", "country": "US"}], "transfers": null})"));
    auto r = run(doc);
    CHECK(fired(r, "transfer/dpf-only", "dpf").size() == 1);
    CHECK(fired(r, "transfer/dpf-only", "both").empty());
    CHECK(fired(r, "transfer/missing-mechanism", "none").size() == 1);
    CHECK(fired(r, "transfer/missing-mechanism", "dpf").empty());
    // before the DPF there was no adequacy for the US
    auto before = run(doc, "2023-07-01");
    CHECK(fired(before, "transfer/missing-mechanism", "dpf").size() == 1);
  }

  // The controller's own transfer to the processor goes through the same analysis as every other step.
  TEST_CASE("the processor as a recipient") {
    auto us = [](std::string_view transfers) {
      return load(dpa::example_document(std::string(R"({"parties": {"processor": {"name": "Cloud Inc.", "country": "US"}},
        "transfers": )") + std::string(transfers) + "}"));
    };
    auto transfer_findings = [](const dpa::report& r) {
      std::vector<std::string> out;
      for (const auto& f : r.findings)
        if (f.rule.starts_with("transfer/")) out.push_back(std::string(f.rule) + " " + f.subject);
      return out;
    };

    SUBCASE("SCC 2021 Module 2 without an assessment: no-tia on the processor") {
      auto r = run(us(R"({"tools": [{"kind": "scc-2021", "modules": [2], "covers": "import", "source": "§9"}], "tia": null})"));
      auto f = fired(r, "transfer/no-tia", "processor");
      REQUIRE(f.size() == 1);
      CHECK(f.front()->evidence.front().pointer == "/parties/processor");
      CHECK(f.front()->evidence.back().pointer == "/transfers/tools/0");
      CHECK(f.front()->evidence.back().clause == "§9");
      CHECK(fired(r, "transfer/scc-module").empty());
      CHECK(fired(r, "transfer/missing-mechanism").empty());
      CHECK(std::any_of(r.transfer_map.begin(), r.transfer_map.end(), [](const dpa::transfer_basis& b) {
        return b.recipient == "processor" && b.country == "US" && b.basis == "tool";
      }));
      // Its EEA sub-processor needs nothing, and inherits nothing to complain about.
      CHECK(fired(r, "transfer/inherited-mechanism").empty());
    }
    SUBCASE("the 2010 SCCs alone: obsolete-mechanism (and no valid tool) on the processor") {
      auto r = run(us(R"({"tools": [{"kind": "scc-2010", "decision": "2010/87/EU"}], "tia": {"performed": true}})"));
      CHECK(fired(r, "transfer/obsolete-mechanism", "processor").size() == 1);
      CHECK(fired(r, "transfer/obsolete-mechanism", "transfers").empty());
      CHECK(fired(r, "transfer/missing-mechanism", "processor").size() == 1);
    }
    SUBCASE("the DPF listed and no SCCs: dpf-only on the processor") {
      auto r = run(us(R"({"tools": [{"kind": "dpf", "covers": "import"}]})"));
      CHECK(transfer_findings(r) == std::vector<std::string>{"transfer/dpf-only processor"});
      // Stated only 'where applicable', the framework is no certification: no basis at all.
      auto maybe = run(us(R"({"tools": [{"kind": "dpf", "covers": "import", "conditional": true}]})"));
      CHECK(fired(maybe, "transfer/missing-mechanism", "processor").size() == 1);
    }
    SUBCASE("an EEA processor with EEA sub-processors: no transfer finding at all") {
      auto r = run(load(dpa::example_document(R"({"transfers": {"tools": [
        {"kind": "scc", "conditional": true, "text": "SCCs where required"}, {"kind": "scc-2010"}], "tia": null}})")));
      CHECK(transfer_findings(r).empty());
      auto area = run(load(dpa::example_document(R"({"parties": {"processor": {"name": "Cloud GmbH", "country": null}},
        "transfers": {"primary_locations": [{"text": "countries with an adequacy decision", "kind": "area", "area": "adequate"}]}})")));
      CHECK(transfer_findings(area).empty());
    }
    SUBCASE("a processor whose country and locations the text never states: unresolved") {
      auto r = run(load(dpa::example_document(R"({"parties": {"processor": {"name": "Cloud Ltd", "country": null}},
        "transfers": {"primary_locations": null}})")));
      CHECK(transfer_findings(r) == std::vector<std::string>{"transfer/unresolved-location processor"});
    }
    SUBCASE("Module 2 for the import and Module 3 'to the extent Customer is a processor' are right") {
      auto r = run(us(R"({"tools": [{"kind": "scc-2021", "modules": [2], "covers": "import"},
        {"kind": "scc-2021", "modules": [3], "covers": "import", "role_condition": "customer-is-processor"}],
        "tia": {"performed": true}})"));
      CHECK(transfer_findings(r).empty());
      auto wrong = run(us(R"({"tools": [{"kind": "scc-2021", "modules": [3], "covers": "import"}], "tia": {"performed": true}})"));
      CHECK(fired(wrong, "transfer/scc-module", "processor").size() == 1);
    }
    SUBCASE("customer-processor SCCs govern onward steps, even naming the processor as importer") {
      auto r = run(us(R"({"tools": [{"kind": "scc-2021", "modules": [2], "applies_to": ["Cloud Inc."]}], "tia": {"performed": true}})"));
      auto with_us = run(load(dpa::example_document(R"({"parties": {"processor": {"name": "Cloud Inc.", "country": "US"}},
        "subprocessors": [{"id": "db", "name": "DB Inc.", "country": "US"}, {"id": "mail", "name": "Mail Inc.", "country": "US"}],
        "transfers": {"primary_locations": null, "tools": [{"kind": "scc-2021", "modules": [2], "applies_to": ["Cloud Inc."]}],
                      "tia": {"performed": true}}})")));
      CHECK(fired(with_us, "transfer/missing-mechanism").empty());
      CHECK(fired(with_us, "transfer/inherited-mechanism").size() == 2);
      CHECK(transfer_findings(r).empty());
    }
    SUBCASE("a tool the text does not rely on is no basis and no finding") {
      auto r = run(us(R"({"tools": [{"kind": "scc-2021", "modules": [2]}, {"kind": "privacy-shield", "relied_on": false}],
        "tia": {"performed": true}})"));
      CHECK(transfer_findings(r).empty());
    }
    SUBCASE("a controller outside the EEA: the assumption is stated") {
      auto r = run(load(dpa::example_document(R"({"parties": {"controller": {"name": "Buyer Inc.", "country": "US"},
        "processor": {"name": "Cloud Inc.", "country": "US"}}, "transfers": {"primary_locations": null,
        "tools": [{"kind": "scc-2021", "modules": [2]}], "tia": {"performed": true}}})")));
      REQUIRE(r.notes.size() == 1);
      CHECK(r.notes.front().find("outside the EEA") != std::string::npos);
    }
  }

  TEST_CASE("transfer rules only where a tool is needed") {
    // DPF and SCCs for a DPF-listed US sub-processor: the DPF covers it, nothing is vague.
    auto dpf = run(load(dpa::example_document(R"({"subprocessors": [{"id": "us", "name": "US Inc.", "country": "US",
      "transfer_tools": [{"kind": "dpf"}, {"kind": "scc", "text": "SCCs"}]}], "transfers": {"tools": null}})")));
    CHECK(fired(dpf, "transfer/vague-mechanism").empty());
    // 'SCC 2021 Module 3 where required' names the instrument and is met wherever a tool is needed.
    auto named = run(load(dpa::example_document(R"({"subprocessors": [{"id": "us", "name": "US Inc.", "country": "US",
      "transfer_tools": [{"kind": "scc-2021", "modules": [3], "conditional": true}]}]})")));
    CHECK(fired(named, "transfer/vague-mechanism").empty());
    // A vague entry that a specific general clause covers is harmless; alone it is vague.
    auto covered = run(load(dpa::example_document(R"({"subprocessors": [{"id": "us", "name": "US Inc.", "country": "US",
      "transfer_tools": [{"kind": "scc", "text": "SCCs"}]}]})")));
    CHECK(fired(covered, "transfer/vague-mechanism").empty());
    auto alone = run(load(dpa::example_document(R"({"subprocessors": [{"id": "us", "name": "US Inc.", "country": "US",
      "transfer_tools": [{"kind": "scc", "text": "SCCs"}]}], "transfers": {"tools": null}})")));
    CHECK(fired(alone, "transfer/vague-mechanism", "us").size() == 1);
    // A list behind a link: the vague general clause may matter (possible), unless clauses cover every onward step.
    auto hidden = run(load(dpa::example_document(R"({"subprocessing": {"list": "by-reference", "list_url": "https://x.example/subs"},
      "subprocessors": null, "transfers": {"tools": [{"kind": "unspecified", "covers": "onward", "text": "an approved mechanism"}]}})")));
    REQUIRE(fired(hidden, "transfer/vague-mechanism", "transfers").size() == 1);
    CHECK(fired(hidden, "transfer/vague-mechanism", "transfers").front()->certainty == dpa::certainty::possible);
  }

  TEST_CASE("a transfer impact assessment covers the recipients it names") {
    auto r = run(load(dpa::example_document(R"({"subprocessors": [
      {"id": "a", "name": "A Inc.", "country": "US", "transfer_tools": [{"kind": "scc-2021", "modules": [3]}]},
      {"id": "b", "name": "B Inc.", "country": "US", "transfer_tools": [{"kind": "scc-2021", "modules": [3]}]}],
      "transfers": {"tia": {"performed": true, "covers": ["a"]}}})")));
    CHECK(fired(r, "transfer/no-tia", "a").empty());
    CHECK(fired(r, "transfer/no-tia", "b").size() == 1);
    auto bad = dpa::parse_document(dpa::example_document(R"({"transfers": {"tia": {"performed": true, "covers": ["hostr"]}}})"));
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().diagnostics.front().pointer == "/transfers/tia/covers/0");
    CHECK(bad.error().diagnostics.front().help == "did you mean `hoster`?");
  }

  TEST_CASE("retention: rolling limits during the term, and triggers that differ") {
    auto r = run(load(dpa::example_document(R"({"retention": [
      {"category": "logs", "period": "90 days", "runs": "during-term"},
      {"category": "logs", "period": "1 year", "runs": "after-end", "basis": "contractual"}]})")));
    CHECK(fired(r, "retention/contradiction").empty());
    auto beyond = fired(r, "retention/beyond-termination");
    REQUIRE(beyond.size() == 1);
    CHECK(beyond.front()->evidence.front().pointer == "/retention/1/period");
  }

  TEST_CASE("present is present: the duty to flag an infringing instruction") {
    for (auto bound : {R"("without undue delay")", R"("promptly")", "null"}) {
      CAPTURE(bound);
      auto r = run(load(dpa::example_document(std::string(R"({"instructions": {"infringement": {"bound": )") + bound + "}}}")));
      CHECK(fired(r, "art28/instruction-infringement").empty());
    }
    auto late = run(load(dpa::example_document(R"({"instructions": {"infringement": {"bound": "10 business days"}}})")));
    CHECK(fired(late, "art28/instruction-infringement").size() == 1);
  }

  TEST_CASE("what real DPAs say: self-operated entries, deletion variants, open-ended retention, references") {
    auto self = run(load(dpa::example_document(R"({"subprocessors": [{"id": "hoster", "name": "Example Hosting SE", "country": "DE"},
      {"id": "smtp", "name": "Self-hosted mail server", "identity": "generic", "self_operated": true, "country": "DE"}]})")));
    CHECK(self.findings.empty());  // not a sub-processor: nothing to identify, no transfer
    auto us_self = run(load(dpa::example_document(R"({"subprocessors": [{"id": "smtp", "name": "Mail server", "identity": "generic",
      "self_operated": true, "country": "US"}], "transfers": {"tools": null}})")));
    CHECK(fired(us_self, "transfer/missing-mechanism", "processor").size() == 1);

    auto deidentify = run(load(dpa::example_document(R"({"deletion": {"choice": "delete-or-deidentify", "deadline": "30 days"}})")));
    CHECK(fired(deidentify, "art28/deletion-or-return").size() == 1);
    auto instructed = run(load(dpa::example_document(R"({"deletion": {"choice": "on-instruction", "deadline": "30 days"}})")));
    CHECK(fired(instructed, "art28/deletion-or-return").empty());

    auto forever = run(load(dpa::example_document(R"({"retention": [{"category": "logs", "indefinite": true, "until": "kept in the ordinary course of business"}]})")));
    auto f = fired(forever, "retention/beyond-termination");
    REQUIRE(f.size() == 1);
    CHECK(f.front()->certainty == dpa::certainty::possible);
    auto rolling = run(load(dpa::example_document(R"({"retention": [{"category": "logs", "indefinite": true, "runs": "during-term"}]})")));
    CHECK(fired(rolling, "retention/beyond-termination").empty());
    // Infracost DPA, Annex I.B: "for the life of the Customer account and for a limited period after closure";
    // §10.2: logs "maintained and deleted in accordance with Infracost's standard retention schedules" after the end.
    auto unstated = run(load(dpa::example_document(R"({"retention": [
      {"category": "logs", "until": "for a limited period after closure", "trigger": "account-closure"},
      {"category": "contact", "until": "standard retention schedules", "runs": "after-end"},
      {"category": "logs", "until": "until the account is closed"}]})")));
    auto u = fired(unstated, "retention/beyond-termination");
    REQUIRE(u.size() == 2);  // the third has no period and is not said to outlive the end: quiet
    CHECK(u[0]->certainty == dpa::certainty::possible);
    CHECK(u[1]->certainty == dpa::certainty::possible);
    auto triggers = run(load(dpa::example_document(R"({"retention": [{"category": "logs", "period": "90 days", "trigger": "collection"},
      {"category": "logs", "period": "30 days", "trigger": "account-closure"}]})")));
    CHECK(fired(triggers, "retention/contradiction").empty());

    auto ref = run(load(dpa::example_document(R"({"data_categories_form": "by-reference", "data_subjects_form": "in-passing"})")));
    CHECK(fired(ref, "art28/data-categories").size() == 1);
    CHECK(fired(ref, "art28/data-categories").front()->severity == dpa::severity::warning);
    CHECK(fired(ref, "art28/data-subjects").size() == 1);

    auto promised = run(load(dpa::example_document(R"({"subprocessors": [{"id": "a", "name": "A Inc.", "country": "US",
      "transfer_tools": [{"kind": "scc-2021", "modules": [3]}]}], "transfers": {"tia": {"performed": false, "promised": true}}})")));
    CHECK(fired(promised, "transfer/no-tia").empty());  // a binding promise to assess, as Clause 14 asks, counts
  }

  TEST_CASE("change notice: before, as, or after the change") {
    auto at = [](std::string_view change_notice) {
      return run(load(dpa::example_document(std::string(R"({"subprocessing": {"change_notice": )") +
                                            std::string(change_notice) + "}}")));
    };
    auto prior = at(R"({"period": "30 days", "timing": "prior"})");
    CHECK(fired(prior, "subprocessor/change-notice-missing").empty());
    auto as_made = at(R"({"period": null, "timing": "on-change"})");
    auto m = fired(as_made, "subprocessor/change-notice-missing");
    REQUIRE(m.size() == 1);
    CHECK(m.front()->certainty == dpa::certainty::possible);
    CHECK(fired(as_made, "subprocessor/change-notice-unbounded").empty());
    auto late = at(R"({"period": null, "timing": "after"})");
    REQUIRE(fired(late, "subprocessor/change-notice-missing").size() == 1);
    CHECK(fired(late, "subprocessor/change-notice-missing").front()->certainty == dpa::certainty::definite);
    auto in_advance = at(R"({"period": null})");
    CHECK(fired(in_advance, "subprocessor/change-notice-missing").empty());
    CHECK(fired(in_advance, "subprocessor/change-notice-unbounded").size() == 1);
  }

  TEST_CASE("audits: reports first or instead, and a cap on information requests") {
    auto first = run(load(dpa::example_document(R"({"audits": {"reports": "first"}})")));
    CHECK(fired(first, "art28/audits").empty());
    auto instead = run(load(dpa::example_document(R"({"audits": {"reports": "instead"}})")));
    REQUIRE(fired(instead, "art28/audits").size() == 1);
    CHECK(fired(instead, "art28/audits").front()->severity == dpa::severity::warning);
    auto info = run(load(dpa::example_document(R"({"audits": {"max_per_year": null, "exceptions": null,
      "max_information_requests_per_year": 1}})")));
    REQUIRE(fired(info, "notice/audit-frequency").size() == 1);
    CHECK(fired(info, "notice/audit-frequency").front()->message.find("requests for information") != std::string::npos);
  }

  TEST_CASE("Art. 28(7) clauses are no transfer tool; flow-down of what the law requires is thin") {
    auto clauses = run(load(dpa::example_document(R"({"transfers": {"tools": [{"kind": "art28-clauses", "decision": "2021/915",
      "text": "the controller-processor Standard Contractual Clauses"}]}})")));
    CHECK(clauses.findings.empty());
    auto us = run(load(dpa::example_document(R"({"subprocessors": [{"id": "us", "name": "US Inc.", "country": "US",
      "transfer_tools": [{"kind": "art28-clauses"}]}], "transfers": {"tools": null}})")));
    CHECK(fired(us, "transfer/missing-mechanism", "us").size() == 1);  // they give no basis for a transfer
    CHECK(fired(us, "transfer/vague-mechanism").empty());
    auto law = run(load(dpa::example_document(R"({"subprocessing": {"flow_down_as_required_by_law": true}})")));
    REQUIRE(fired(law, "art28/subprocessor-conditions").size() == 1);
    CHECK(fired(law, "art28/subprocessor-conditions").front()->severity == dpa::severity::warning);
  }

  TEST_CASE("durations feed certainty") {
    auto month = load(dpa::example_document(R"({"dsr": {"deadline": "30 days"}})"));
    auto r = run(month);
    REQUIRE(fired(r, "notice/dsr-deadline").size() == 1);
    CHECK(fired(r, "notice/dsr-deadline").front()->certainty == dpa::certainty::possible);
    auto over = run(load(dpa::example_document(R"({"dsr": {"deadline": "32 days"}})")));
    CHECK(fired(over, "notice/dsr-deadline").front()->certainty == dpa::certainty::definite);
    CHECK(fired(run(load(dpa::example_document(R"({"dsr": {"deadline": "28 days"}})"))), "notice/dsr-deadline").empty());
  }

  TEST_CASE("options: selection, severity, breach budget") {
    auto doc = seed("hoviguard");
    dpa::options o;
    o.enable = {"breach"};
    auto r = run(doc, "2026-11-23", o);
    CHECK(std::all_of(r.rules_run.begin(), r.rules_run.end(), [](std::string_view id) { return id.rfind("breach/", 0) == 0; }));
    CHECK(r.rules_run.size() == 4);
    o = {};
    o.disable = {"transfer", "art28/instruction-infringement"};
    r = run(doc, "2026-11-23", o);
    CHECK(fired(r, "transfer/scc-module").empty());
    CHECK(fired(r, "art28/instruction-infringement").empty());
    CHECK(r.counts().count("transfer/scc-module") == 0);
    o = {};
    o.severity_overrides["breach/no-slack"] = dpa::severity::violation;
    CHECK(fired(run(doc, "2026-11-23", o), "breach/no-slack").front()->severity == dpa::severity::violation);
    o = {};
    o.breach_budget = dpa::duration::hours(96);
    CHECK(fired(run(doc, "2026-11-23", o), "breach/no-slack").empty());
  }

  TEST_CASE("suppressions need a reason, expire, and are reported as suppressed") {
    auto parsed = dpa::parse_suppressions(R"({"suppressions": [
      {"rule": "breach/no-slack", "reason": "accepted by legal, ticket 12"},
      {"rule": "transfer/scc-module", "subject": "xai", "reason": "module 3 being signed", "expires": "2026-12-31"}]})");
    REQUIRE(parsed.has_value());
    dpa::options o;
    o.suppressions = parsed.value();
    auto r = run(seed("hoviguard"), "2026-11-23", o);
    auto slack = fired(r, "breach/no-slack");
    REQUIRE(slack.size() == 1);
    CHECK(slack.front()->suppressed);
    CHECK(slack.front()->suppression_reason == "accepted by legal, ticket 12");
    CHECK(r.counts().at("breach/no-slack") == 0);
    CHECK(fired(r, "transfer/scc-module", "xai").front()->suppressed);
    CHECK(r.notes.empty());
    auto later = run(seed("hoviguard"), "2027-01-01", o);
    CHECK_FALSE(fired(later, "transfer/scc-module", "xai").front()->suppressed);
    REQUIRE(later.notes.size() == 1);
    CHECK(later.notes.front().find("expired on 2026-12-31") != std::string::npos);

    auto no_reason = dpa::parse_suppressions(R"({"suppressions": [{"rule": "breach/no-slack"}]})");
    REQUIRE_FALSE(no_reason.has_value());
    CHECK(no_reason.error().diagnostics.front().message == "missing required field `reason`");
    auto bad_rule = dpa::parse_suppressions(R"({"suppressions": [{"rule": "breach/no-slak", "reason": "x"}]})");
    REQUIRE_FALSE(bad_rule.has_value());
    CHECK(bad_rule.error().diagnostics.front().pointer == "/suppressions/0/rule");
  }

  TEST_CASE("baseline: only new findings, by stable fingerprint") {
    auto v14 = seed("hoviguard");
    auto before = run(v14);
    std::set<std::string> prints;
    for (const auto& f : before.findings) {
      CHECK(f.fingerprint.size() == 16);
      prints.insert(f.fingerprint);
    }
    CHECK(prints.size() == before.findings.size());
    auto again = run(v14);
    for (std::size_t i = 0; i < again.findings.size(); ++i) CHECK(again.findings[i].fingerprint == before.findings[i].fingerprint);
    dpa::options o;
    o.baseline.assign(prints.begin(), prints.end());
    CHECK(run(v14, "2026-11-23", o).findings.empty());
    v14.breach.reset();
    auto after = run(v14, "2026-11-23", o);
    REQUIRE(after.findings.size() == 1);
    CHECK(after.findings.front().rule == "breach/notice-missing");
  }

  TEST_CASE("evaluation is deterministic and safe from many threads") {
    auto doc = seed("sevenoways");
    auto expected = run(doc);
    std::vector<std::thread> threads;
    std::vector<int> same(8, 0);
    for (int t = 0; t < 8; ++t)
      threads.emplace_back([&, t] {
        bool ok = true;
        for (int i = 0; i < 50; ++i) {
          dpa::options o;
          o.as_of = today_fixed;
          auto r = dpa::evaluate(doc, o);
          ok = ok && r.findings == expected.findings && r.not_evaluable == expected.not_evaluable;
        }
        same[t] = ok;
      });
    for (auto& t : threads) t.join();
    CHECK(std::count(same.begin(), same.end(), 1) == 8);
  }
}
