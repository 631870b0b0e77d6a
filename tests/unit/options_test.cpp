// dpa/options.hpp: the one parser of options the CLI, the C ABI and Python share.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <dpa/options.hpp>

namespace {

// The first diagnostic of a failed result, as "pointer|message|help".
template <class T>
std::string first_problem(const dpa::result<T>& r) {
  REQUIRE_FALSE(r.has_value());
  REQUIRE_FALSE(r.error().diagnostics.empty());
  const auto& d = r.error().diagnostics.front();
  return d.pointer + "|" + d.message + "|" + d.help;
}

}  // namespace

TEST_SUITE("options") {
  TEST_CASE("rule selections: ids and families of the scope, split at commas, blanks dropped") {
    auto r = dpa::parse_rule_selection(" transfer , breach/no-slack,,", dpa::rule_scope::document);
    REQUIRE(r.has_value());
    CHECK(r.value() == std::vector<std::string>{"transfer", "breach/no-slack"});
    CHECK(dpa::parse_rule_selection("", dpa::rule_scope::document).value().empty());
    CHECK(dpa::parse_rule_selection(" , ", dpa::rule_scope::graph).value().empty());
    r = dpa::parse_rule_selection(std::vector<std::string>{"categories/leak,graph", "transfer"}, dpa::rule_scope::graph);
    REQUIRE(r.has_value());
    CHECK(r.value() == std::vector<std::string>{"categories/leak", "graph", "transfer"});
    CHECK(dpa::parse_rule_selection("tenant/residency", dpa::rule_scope::tenant).has_value());
    CHECK(dpa::parse_rule_selection("diff", dpa::rule_scope::diff).has_value());
  }

  TEST_CASE("rule selections: an unknown item is named, with the nearest rule or family") {
    for (auto scope : {dpa::rule_scope::document, dpa::rule_scope::graph}) {
      CAPTURE(dpa::to_string(scope));
      auto r = dpa::parse_rule_selection("transfr", scope);
      CHECK(first_problem(r) == "|`transfr` is not a " + std::string(dpa::to_string(scope)) +
                                    " rule id or family|did you mean `transfer`?");
      CHECK(r.error().diagnostics.front().code == dpa::errc::invalid_value);
    }
    CHECK(first_problem(dpa::parse_rule_selection("transfer/missing_mechanism", dpa::rule_scope::graph)) ==
          "|`transfer/missing_mechanism` is not a graph rule id or family|did you mean `transfer/missing-mechanism`?");
    CHECK(first_problem(dpa::parse_rule_selection("Breach", dpa::rule_scope::document)) ==
          "|`Breach` is not a document rule id or family|did you mean `breach`?");
    CHECK(first_problem(dpa::parse_rule_selection("nope/never", dpa::rule_scope::document)) ==
          "|`nope/never` is not a document rule id or family|");
    // every unknown item is reported, the known ones are not
    auto r = dpa::parse_rule_selection("breach,transfr,xyz", dpa::rule_scope::document);
    REQUIRE_FALSE(r.has_value());
    REQUIRE(r.error().diagnostics.size() == 2);
    CHECK(r.error().diagnostics[1].message.find("`xyz`") != std::string::npos);
  }

  TEST_CASE("rule selections: a rule of another catalogue says which") {
    CHECK(first_problem(dpa::parse_rule_selection("categories/leak", dpa::rule_scope::document)) ==
          "|`categories/leak` is a graph rule, not a document rule|");
    CHECK(first_problem(dpa::parse_rule_selection("art28", dpa::rule_scope::graph)) ==
          "|`art28` is a family of document rules, not of graph rules|");
    CHECK(first_problem(dpa::parse_rule_selection("tenant/residency", dpa::rule_scope::document)) ==
          "|`tenant/residency` is a tenant rule, not a document rule|");
    CHECK(first_problem(dpa::parse_rule_selection("transfer", dpa::rule_scope::tenant)) ==
          "|`transfer` is a family of document rules, not of tenant rules|");
  }

  TEST_CASE("dates and budgets name the value") {
    CHECK(dpa::to_string(dpa::parse_as_of("2022-12-27").value()) == "2022-12-27");
    CHECK(first_problem(dpa::parse_as_of("23.11.2026")) == "|`23.11.2026` is not a date|write YYYY-MM-DD");
    CHECK(first_problem(dpa::parse_as_of("2026-02-30")) == "|`2026-02-30` is not a date|write YYYY-MM-DD");
    CHECK(dpa::parse_breach_budget("72 hours").value().shortest() == 72 * 3600);
    CHECK(first_problem(dpa::parse_breach_budget("without undue delay")) ==
          "|`without undue delay` has no upper bound|a budget needs one, e.g. `72 hours`");
    CHECK(first_problem(dpa::parse_breach_budget("soon")).find("`soon`") != std::string::npos);
    CHECK(dpa::parse_breach_budget_hours("72h").value() == 72);
    CHECK(dpa::parse_breach_budget_hours("3 days").value() == 72);
    CHECK(first_problem(dpa::parse_breach_budget_hours("one month")) ==
          "|`one month` is not a whole number of hours (it reads 28d..31d)|write e.g. `72h` or `3d`");
    CHECK(first_problem(dpa::parse_breach_budget_hours("90 minutes")).find("`90 minutes`") != std::string::npos);
  }

  TEST_CASE("parse_options: every problem, each pointing at its option") {
    dpa::option_text t;
    t.as_of = "2022-12-27";
    t.breach_budget = "48 hours";
    t.rules = {"transfer", "breach/no-slack"};
    t.disable = {"transfer/derogation"};
    auto o = dpa::parse_options(t);
    REQUIRE(o.has_value());
    CHECK(dpa::to_string(o.value().as_of) == "2022-12-27");
    CHECK(o.value().breach_budget.shortest() == 48 * 3600);
    CHECK(o.value().enable == std::vector<std::string>{"transfer", "breach/no-slack"});
    CHECK(o.value().disable == std::vector<std::string>{"transfer/derogation"});

    t.as_of = "yesterday";
    t.breach_budget = "without undue delay";
    t.rules = {"transfr"};
    t.disable = {"graph/cycle"};
    auto bad = dpa::parse_options(t);
    REQUIRE_FALSE(bad.has_value());
    std::vector<std::string> pointers;
    for (const auto& d : bad.error().diagnostics) pointers.push_back(d.pointer);
    CHECK(pointers == std::vector<std::string>{"/as_of", "/breach_budget", "/rules", "/disable"});

    // the same selection is fine for the graph rules, and the graph's budget is in hours
    t = {};
    t.rules = {"graph/cycle"};
    t.breach_budget = "96h";
    auto g = dpa::parse_graph_options(t);
    REQUIRE(g.has_value());
    CHECK(g.value().enable == std::vector<std::string>{"graph/cycle"});
    CHECK(g.value().breach_budget_hours == 96);
    CHECK_FALSE(g.value().as_of.has_value());
    CHECK(first_problem(dpa::parse_options(t)) == "/rules|`graph/cycle` is a graph rule, not a document rule|");
    t.rules = {"transfr"};
    CHECK(first_problem(dpa::parse_graph_options(t)) ==
          "/rules|`transfr` is not a graph rule id or family|did you mean `transfer`?");
  }

  TEST_CASE("severity overrides, suppressions and baselines are options like the others") {
    dpa::option_text t;
    t.severity = {"transfer/no-tia=info, breach/no-slack = violation"};
    t.suppressions = R"({"suppressions": [{"rule": "breach/no-slack", "reason": "accepted"}]})";
    t.baseline = R"({"findings": [{"fingerprint": "abc"}]})";
    auto o = dpa::parse_options(t);
    REQUIRE_MESSAGE(o.has_value(), (o ? "" : o.error().summary()));
    CHECK(o.value().severity_overrides.at("transfer/no-tia") == dpa::severity::info);
    CHECK(o.value().severity_overrides.at("breach/no-slack") == dpa::severity::violation);
    CHECK(o.value().suppressions.size() == 1);
    CHECK(o.value().baseline == std::vector<std::string>{"abc"});

    t = {};
    t.severity = {"transfr/no-tia=info", "transfer=info", "breach/no-slack", "graph/cycle=info"};
    t.suppressions = "{\"suppressions\": [{\"rule\": 7}]}";
    auto bad = dpa::parse_options(t);
    REQUIRE_FALSE(bad.has_value());
    std::vector<std::string> seen;
    for (const auto& d : bad.error().diagnostics) seen.push_back(d.pointer + "|" + d.message);
    REQUIRE(seen.size() >= 5);  // the suppression entry has more than one problem
    CHECK(seen[0] == "/severity|`transfr/no-tia` is not a document rule id or family");
    CHECK(bad.error().diagnostics[0].help == "did you mean `transfer/no-tia`?");
    CHECK(seen[1] == "/severity|`transfer` is a family; a severity is set per rule id");
    CHECK(seen[2] == "/severity|`breach/no-slack` is not RULE=LEVEL");
    CHECK(seen[3] == "/severity|`graph/cycle` is a graph rule, not a document rule");
    CHECK(seen[4].rfind("/suppressions/suppressions/0", 0) == 0);  // a pointer into the suppressions' own text
    CHECK(bad.error().diagnostics[4].line == 1);

    // the diff scope has its own ids; graphs take none of these
    t = {};
    t.severity = {"diff/weakened=info"};
    CHECK(dpa::parse_options(t, dpa::rule_scope::diff).has_value());
    CHECK(first_problem(dpa::parse_graph_options(t)) ==
          "/severity|graphs take no severity overrides|select rules with `rules` and `disable` instead");
  }

  TEST_CASE("a very long value is shown cut, with its length") {
    const std::string long_id(5000, 'x');
    const auto p = first_problem(dpa::parse_rule_selection(long_id, dpa::rule_scope::document));
    CHECK(p.size() < 300);
    CHECK(p.find("(5000 bytes)") != std::string::npos);
  }
}
