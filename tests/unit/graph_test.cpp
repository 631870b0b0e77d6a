#include <doctest/doctest.h>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <thread>
#include <string>
#include <utility>
#include <vector>

#include <dpa/graph.hpp>
#include <dpa/render.hpp>

namespace {

std::string doc(std::string_view orgs, std::string_view agreements, std::string_view extra = {}) {
  return "{\"format\": \"dpa-graph/1\", \"as_of\": \"2026-11-23\"" + std::string(extra) + ", \"organisations\": [" +
         std::string(orgs) + "], \"agreements\": [" + std::string(agreements) + "]}";
}

struct outcome {
  std::map<std::string, std::size_t> counts;
  std::size_t undetermined = 0;
};

outcome run(const std::string& text, dpa::graph_options o = {}) {
  auto g = dpa::parse_graph(text);
  REQUIRE_MESSAGE(g.has_value(), (g ? "" : g.error().summary()));
  auto r = dpa::evaluate_graph(g.value(), o);
  return {r.findings.counts(), r.undetermined};
}

const char* eu3 = R"({"id": "c", "country": "DE"}, {"id": "p", "country": "FR"}, {"id": "s", "country": "IT"})";

}  // namespace

TEST_SUITE("graph") {
  TEST_CASE("counts include every graph rule, zero included") {
    auto r = run(doc(eu3, R"({"id": "a1", "client": "c", "processor": "p", "breach_notice": "24h"})"));
    CHECK(r.counts.size() == dpa::graph_rule_catalogue().size());
    for (const auto& [id, n] : r.counts) CHECK(n == 0);
    CHECK(r.undetermined == 0);
  }

  TEST_CASE("self-loop: a cycle, its own incoming agreement, undetermined latency") {
    auto r = run(doc(eu3, R"({"id": "a1", "client": "c", "processor": "p", "breach_notice": "24h", "change_notice": "30d"},
                             {"id": "a2", "client": "p", "processor": "p", "breach_notice": "1h"})"));
    CHECK(r.counts["graph/cycle"] == 1);
    CHECK(r.undetermined == 1);
    CHECK(r.counts["notice/flowdown"] == 1);  // a2 has no change notice; p promised 30d
  }

  TEST_CASE("an organisation whose only agreement is with itself is not a root") {
    auto r = run(doc(eu3, R"({"id": "a1", "client": "s", "processor": "s", "categories": ["x"], "breach_notice": "1h"})"));
    CHECK(r.counts["graph/cycle"] == 1);
    CHECK(r.counts["categories/leak"] == 0);  // its own incoming agreement carries x
    CHECK(r.undetermined == 1);
  }

  TEST_CASE("cycle with a tail: everything reachable from the cycle is undetermined") {
    auto r = run(doc(R"({"id": "r", "country": "DE"}, {"id": "x", "country": "DE"}, {"id": "y", "country": "DE"},
                        {"id": "t", "country": "DE"})",
                     R"({"id": "a1", "client": "r", "processor": "x", "breach_notice": "1h"},
                        {"id": "a2", "client": "x", "processor": "y", "breach_notice": "1h"},
                        {"id": "a3", "client": "y", "processor": "x", "breach_notice": "1h"},
                        {"id": "a4", "client": "y", "processor": "t", "breach_notice": "1h"})"));
    CHECK(r.counts["graph/cycle"] == 1);
    CHECK(r.undetermined == 3);  // a2, a3, a4; a1's client r is a root
  }

  TEST_CASE("diamond: the longest path counts, once") {
    auto text = doc(R"({"id": "r", "country": "DE"}, {"id": "m1", "country": "DE"}, {"id": "m2", "country": "DE"},
                       {"id": "z", "country": "DE"}, {"id": "w", "country": "DE"})",
                    R"({"id": "a1", "client": "r", "processor": "m1", "breach_notice": "10h"},
                       {"id": "a2", "client": "r", "processor": "m2", "breach_notice": "40h"},
                       {"id": "a3", "client": "m1", "processor": "z", "breach_notice": "10h"},
                       {"id": "a4", "client": "m2", "processor": "z", "breach_notice": "10h"},
                       {"id": "a5", "client": "z", "processor": "w", "breach_notice": "23h"})");
    auto r = run(text);
    CHECK(r.counts["breach/chain-budget"] == 1);  // a5: 23 + max(20, 50) = 73 > 72
    dpa::graph_options o;
    o.breach_budget_hours = 73;  // strictly greater fires
    CHECK(run(text, o).counts["breach/chain-budget"] == 0);
  }

  TEST_CASE("missing durations make the chain undetermined downstream") {
    auto r = run(doc(eu3, R"({"id": "a1", "client": "c", "processor": "p"},
                             {"id": "a2", "client": "p", "processor": "s", "breach_notice": "100h"})"));
    CHECK(r.counts["breach/unbounded"] == 1);
    CHECK(r.undetermined == 2);
    CHECK(r.counts["breach/chain-budget"] == 0);
  }

  TEST_CASE("categories from nowhere, retention and notice flow-down") {
    auto r = run(doc(eu3, R"({"id": "a1", "client": "c", "processor": "p", "categories": ["contact", "contact"],
                              "retention": {"contact": "30d", "ghost": "1d"}, "change_notice": "30d", "breach_notice": "1h"},
                             {"id": "a2", "client": "p", "processor": "s", "categories": ["contact", "health"],
                              "retention": {"contact": "721h", "health": "999d", "other": "9999d"}, "change_notice": "29d",
                              "breach_notice": "1h"})"));
    CHECK(r.counts["categories/leak"] == 1);      // health
    CHECK(r.counts["retention/flowdown"] == 1);   // contact 721h > 720h; health has no upstream retention
    CHECK(r.counts["notice/flowdown"] == 1);
  }

  TEST_CASE("a root with no agreements, and roots engaging processors") {
    auto r = run(doc(R"({"id": "lonely", "country": "DE"}, {"id": "c", "country": "DE"}, {"id": "p", "country": "DE"})",
                     R"({"id": "a1", "client": "c", "processor": "p", "categories": ["x"], "breach_notice": "1h"})"));
    CHECK(r.counts["categories/leak"] == 0);  // c is a root
    CHECK(r.undetermined == 0);
  }

  TEST_CASE("transfers: adequacy, DPF, module by role, obsolete, derogation, order of the rules") {
    auto orgs = R"({"id": "root", "country": "DE"}, {"id": "proc", "country": "DE"},
                   {"id": "us", "country": "US"}, {"id": "usdpf", "country": "US", "certifications": ["dpf"]},
                   {"id": "in", "country": "IN"}, {"id": "ch", "country": "CH"}, {"id": "bcr", "country": "IN", "certifications": ["bcr-p"]})";
    auto r = run(doc(orgs, R"({"id": "a0", "client": "root", "processor": "proc", "breach_notice": "1h"},
                              {"id": "a1", "client": "root", "processor": "in", "mechanisms": ["scc2021-m2"], "breach_notice": "1h"},
                              {"id": "a2", "client": "proc", "processor": "in", "mechanisms": ["scc2021-m2"], "breach_notice": "1h"},
                              {"id": "a3", "client": "proc", "processor": "us", "mechanisms": ["dpf"], "breach_notice": "1h"},
                              {"id": "a4", "client": "proc", "processor": "usdpf", "breach_notice": "1h"},
                              {"id": "a5", "client": "proc", "processor": "ch", "breach_notice": "1h"},
                              {"id": "a6", "client": "proc", "processor": "in", "mechanisms": ["scc2010", "art49-derogation"], "breach_notice": "1h"},
                              {"id": "a7", "client": "proc", "processor": "in", "mechanisms": ["art49-derogation"], "breach_notice": "1h"},
                              {"id": "a8", "client": "proc", "processor": "bcr", "mechanisms": ["bcr-p"], "breach_notice": "1h"})"));
    CHECK(r.counts["transfer/scc-module"] == 1);          // a2
    CHECK(r.counts["transfer/missing-mechanism"] == 1);   // a3: US without DPF listed as certified
    CHECK(r.counts["transfer/obsolete-mechanism"] == 1);  // a6 (before derogation in the order)
    CHECK(r.counts["transfer/derogation"] == 1);          // a7
    dpa::graph_options then;
    then.as_of = *dpa::parse_date("2019-06-01");
    auto old = run(doc(orgs, R"({"id": "a1", "client": "root", "processor": "us", "mechanisms": ["privacy-shield"], "breach_notice": "1h"},
                                {"id": "a2", "client": "root", "processor": "usdpf", "breach_notice": "1h"})"), then);
    CHECK(old.counts["transfer/obsolete-mechanism"] == 0);
    CHECK(old.counts["transfer/missing-mechanism"] == 1);  // DPF adequacy only from 2023-07-10
  }

  TEST_CASE("input errors are located, all of them") {
    auto bad = dpa::parse_graph(R"({"format": "dpa-graph/1",
      "organisations": [{"id": "o1", "country": "DE"}, {"id": "o1", "country": "Germany", "certifications": ["iso"]}],
      "agreements": [{"id": "o1", "client": "o1", "processor": "nobody", "breach_notice": "12H",
                      "mechanisms": ["scc"], "retention": {"x": "1.5d"}, "extra": 1}]})");
    REQUIRE_FALSE(bad.has_value());
    std::map<std::string, std::string> by_pointer;
    for (const auto& d : bad.error().diagnostics) {
      CHECK(d.line >= 1);
      by_pointer[d.pointer] = d.message;
    }
    CHECK(by_pointer.count("/organisations/1/id"));
    CHECK(by_pointer.count("/organisations/1/country"));
    CHECK(by_pointer.count("/organisations/1/certifications/0"));
    CHECK(by_pointer.count("/agreements/0/breach_notice"));
    CHECK(by_pointer.count("/agreements/0/mechanisms/0"));
    CHECK(by_pointer.count("/agreements/0/retention/x"));
    CHECK(by_pointer.count("/agreements/0/extra"));
    CHECK(by_pointer.count("/agreements/0/id"));
    for (auto d : {"12H", "12 h", "1.5d", "+3h", "12", "1000000001h", ""}) {
      CAPTURE(d);
      auto g = dpa::parse_graph(doc(eu3, std::string(R"({"id": "a", "client": "c", "processor": "p", "breach_notice": ")") + d + "\"}"));
      CHECK_FALSE(g.has_value());
    }
    for (auto d : {"0h", "007d", "1000000000h"}) {
      CAPTURE(d);
      auto g = dpa::parse_graph(doc(eu3, std::string(R"({"id": "a", "client": "c", "processor": "p", "breach_notice": ")") + d + "\"}"));
      CHECK(g.has_value());
    }
    CHECK_FALSE(dpa::parse_graph(R"({"format": "dpa-graph/2", "organisations": [], "agreements": []})").has_value());
    CHECK_FALSE(dpa::parse_graph(R"({"organisations": [], "agreements": []})").has_value());
    CHECK_FALSE(dpa::parse_graph(R"({"format": "dpa-graph/1", "organisations": [)").has_value());
    CHECK_FALSE(dpa::parse_graph("[]").has_value());
  }
}

namespace {

// A graph of n organisations and n - 1 agreements, one per line, several
// 256 KiB reading chunks long; names carry a two-byte character, so that
// columns (counted in code points) and byte offsets differ, and escapes and
// brackets, which a scan that skips values must see through (a few end in an
// escaped backslash: were it read as escaping the quote, the count would be off).
std::string large_graph(int n, std::string_view country = "DE") {
  std::string t = "{\"format\": \"dpa-graph/1\", \"as_of\": \"2026-11-23\",\n\"organisations\": [\n";
  for (int i = 0; i < n; ++i)
    t += "{\"id\": \"o" + std::to_string(i) + "\", \"name\": \"\\\"Ø\\\\ [x] {y} " + std::to_string(i) + (i % 1000 == 997 ? "\\\\" : "") + "\", \"country\": \"" + std::string(country) + "\"}" +
         (i + 1 < n ? ",\n" : "\n");
  t += "],\n\"agreements\": [\n";
  for (int i = 1; i < n; ++i)
    t += "{\"id\": \"a" + std::to_string(i) + "\", \"client\": \"o" + std::to_string(i - 1) + "\", \"processor\": \"o" +
         std::to_string(i) + "\", \"breach_notice\": \"24h\"}" + (i + 1 < n ? ",\n" : "\n");
  return t + "]}\n";
}

// The 1-based line and column (in code points) of a byte offset, counted here independently.
std::pair<std::uint32_t, std::uint32_t> line_column(const std::string& text, std::size_t offset) {
  std::uint32_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') line += 1, column = 1;
    else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return {line, column};
}

// The diagnostics for a text, read from memory and read from a file in chunks: the same either way.
std::vector<dpa::diagnostic> both_ways(const std::string& text, const std::string& name) {
  auto in_memory = dpa::parse_graph(text);
  REQUIRE_FALSE(in_memory.has_value());
  const auto file = std::filesystem::temp_directory_path() / ("dpa-graph-test-" + name + ".json");
  std::ofstream(file, std::ios::binary) << text;
  auto from_file = dpa::load_graph(file);
  std::filesystem::remove(file);
  REQUIRE_FALSE(from_file.has_value());
  const auto& a = in_memory.error().diagnostics;
  const auto& b = from_file.error().diagnostics;
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].pointer == b[i].pointer);
    CHECK(a[i].line == b[i].line);
    CHECK(a[i].column == b[i].column);
    CHECK(a[i].message == b[i].message);
  }
  return a;
}

}  // namespace

TEST_CASE("graph errors in a large file: located where they are, read from memory or from the file in chunks") {
  const auto text = large_graph(12000);
  REQUIRE(text.size() > 3 * (256u << 10));
  SUBCASE("unbroken, it loads") { CHECK(dpa::parse_graph(text).has_value()); }
  const auto agreement_at = [&](int i) { return text.find("{\"id\": \"a" + std::to_string(i) + "\""); };

  SUBCASE("truncated inside an agreement, past the first chunks") {
    const auto cut = text.find("24h", agreement_at(9000));
    const auto d = both_ways(text.substr(0, cut), "truncated");
    REQUIRE(d.size() == 1);
    CHECK(d[0].message.find("ends too early") != std::string::npos);
    CHECK(d[0].pointer == "/agreements/8999/breach_notice");
    CHECK(std::pair(d[0].line, d[0].column) == line_column(text, cut));
  }
  SUBCASE("malformed in the middle: where the parser stopped, and the pointer there") {
    auto broken = text;
    const auto at = broken.find(", \"processor\"", agreement_at(7000));
    broken[at] = ';';
    const auto d = both_ways(broken, "malformed");
    REQUIRE(d.size() == 1);
    CHECK(d[0].code == dpa::errc::syntax);
    CHECK(d[0].pointer == "/agreements/6999/client");
    CHECK(std::pair(d[0].line, d[0].column) == line_column(broken, at));
  }
  SUBCASE("text after the document") {
    const auto d = both_ways(text + "{}", "extra");
    REQUIRE(d.size() == 1);
    CHECK(d[0].message.find("after the end") != std::string::npos);
    CHECK(std::pair(d[0].line, d[0].column) == line_column(text + "{}", text.size()));
  }
  SUBCASE("problems of meaning, far apart, each at its value; a missing member at its object") {
    auto broken = text;
    broken.replace(broken.find("\"client\": ", agreement_at(5)), 10, "\"customer\": ");
    broken.replace(broken.find("\"DE\"", broken.find("\"o11000\"")), 4, "\"Deutschland\"");
    const auto d = both_ways(broken, "meaning");
    REQUIRE(d.size() == 3);
    CHECK(d[0].pointer == "/organisations/11000/country");
    CHECK(std::pair(d[0].line, d[0].column) == line_column(broken, broken.find("\"Deutschland\"")));
    CHECK(d[1].pointer == "/agreements/4");
    CHECK(d[1].message == "missing required field `client`");
    CHECK(std::pair(d[1].line, d[1].column) == line_column(broken, broken.find("{\"id\": \"a5\"")));
    CHECK(d[2].pointer == "/agreements/4/customer");
    CHECK(std::pair(d[2].line, d[2].column) == line_column(broken, broken.find("\"customer\": ") + 12));
  }
  SUBCASE("more problems than are listed: the first thousand, in order, then how many more") {
    const auto broken = large_graph(12000, "D");
    const auto d = both_ways(broken, "many");
    REQUIRE(d.size() == 1001);
    CHECK(d[999].pointer == "/organisations/999/country");
    const auto column = line_column(broken, broken.find("\"D\"")).second;  // the same on every line up to o9
    for (std::uint32_t i = 0; i < 10; ++i) CHECK(std::pair(d[i].line, d[i].column) == std::pair(i + 3, column));
    for (std::uint32_t i = 0; i < 1000; ++i) CHECK(d[i].line == i + 3);
    CHECK(d[1000].line == 0);
    CHECK(d[1000].message == "11000 more problems, not listed: only the first 1000 are");
  }
}

TEST_CASE("graph limits: size and item count are errors, not exhaustion") {
  const auto text = doc(eu3, R"({"id": "a1", "client": "c", "processor": "p"}, {"id": "a2", "client": "p", "processor": "s"})");
  dpa::load_options o;
  o.limits.max_graph_items = 4;
  auto r = dpa::parse_graph(text, o);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().diagnostics.front().code == dpa::errc::too_large);
  CHECK(r.error().diagnostics.front().pointer == "/agreements/1");
  CHECK(r.error().diagnostics.front().line == 1);
  o = {};
  o.limits.max_graph_bytes = 100;
  r = dpa::parse_graph(text, o);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().diagnostics.front().code == dpa::errc::too_large);
  CHECK(dpa::parse_graph(text).has_value());
}

TEST_CASE("graph members: retention keys are category names, duplicates are reported") {
  auto ok = dpa::parse_graph(doc(eu3, R"({"id": "a1", "client": "c", "processor": "p", "categories": ["id", "name"],
                                          "retention": {"id": "1d", "name": "2d"}})"));
  REQUIRE_MESSAGE(ok.has_value(), (ok ? "" : ok.error().summary()));
  CHECK(ok.value().retention_lists.size() == 2);
  auto dup = dpa::parse_graph(doc(eu3, R"({"id": "a1", "client": "c", "processor": "p", "processor": "s",
                                           "retention": {"x": "1d", "x": "2d"}})"));
  REQUIRE_FALSE(dup.has_value());
  std::vector<std::string> pointers;
  for (const auto& d : dup.error().diagnostics)
    if (d.code == dpa::errc::duplicate_key) pointers.push_back(d.pointer);
  CHECK(pointers == std::vector<std::string>{"/agreements/0/processor", "/agreements/0/retention/x"});
}

TEST_CASE("graph index: agreements grouped by processor, lists in the same order") {
  auto g = dpa::parse_graph(doc(eu3, R"({"id": "a1", "client": "p", "processor": "s", "categories": ["z", "y"], "breach_notice": "2h"},
                                        {"id": "a2", "client": "c", "processor": "p", "categories": ["x"], "retention": {"x": "3d"}},
                                        {"id": "a3", "client": "c", "processor": "s", "categories": ["y"]})"));
  REQUIRE(g.has_value());
  const auto& in = g.value().incoming;
  REQUIRE(g.value().indexed());
  CHECK(in.offsets == std::vector<std::uint32_t>{0, 0, 1, 3});      // c: none, p: a2, s: a1 then a3
  CHECK(in.agreement == std::vector<std::uint32_t>{1, 0, 2});
  CHECK(in.client == std::vector<std::uint32_t>{0, 1, 0});
  const auto& out = g.value().outgoing;
  CHECK(out.offsets == std::vector<std::uint32_t>{0, 2, 3, 3});     // c: a2 then a3, p: a1
  CHECK(out.agreement == std::vector<std::uint32_t>{1, 2, 0});
  CHECK(out.processor == std::vector<std::uint32_t>{1, 2, 2});
  CHECK(out.breach_hours == std::vector<std::int64_t>{dpa::graph::none, dpa::graph::none, 2});
  // every agreement's own ranges still name its categories
  for (std::uint32_t k = 0; k < 3; ++k) {
    const auto& a = g.value().agreements[in.agreement[k]];
    CHECK(a.categories_begin == in.category_offsets[k]);
    CHECK(a.categories_end == in.category_offsets[k + 1]);
    CHECK(a.retention_begin == in.retention_offsets[k]);
  }
  const auto& a1 = g.value().agreements[0];
  std::vector<std::string_view> names;
  for (auto x = a1.categories_begin; x < a1.categories_end; ++x)
    names.push_back(g.value().category_names[g.value().category_lists[x]]);
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string_view>{"y", "z"});
}

TEST_CASE("graph index: a graph built by hand is evaluated once reindexed") {
  dpa::graph g;
  g.organisations = {{"c", "", {'D', 'E'}}, {"p", "", {'U', 'S'}}};
  dpa::graph::agreement a;
  a.id = "a1";
  a.client = 0;
  a.processor = 1;
  a.breach_hours = 100;
  g.agreements = {a};
  g.as_of = dpa::parse_date("2026-11-23");
  CHECK_FALSE(g.indexed());
  CHECK_THROWS_AS((void)dpa::evaluate_graph(g), std::invalid_argument);
  g.reindex();
  REQUIRE(g.indexed());
  auto r = dpa::evaluate_graph(g);
  CHECK(r.findings.counts()["transfer/missing-mechanism"] == 1);
  CHECK(r.findings.counts()["breach/chain-budget"] == 1);
}

TEST_CASE("graph ids: unique across organisations and agreements, wherever the arrays sit") {
  // agreements first: references still resolve, the agreement that takes an organisation's id is reported
  auto r = dpa::parse_graph(R"({"format": "dpa-graph/1", "agreements": [
      {"id": "a1", "client": "c", "processor": "p"}, {"id": "p", "client": "c", "processor": "p"}],
      "organisations": [{"id": "c", "country": "DE"}, {"id": "p", "country": "FR"}, {"id": "c", "country": "IT"}]})");
  REQUIRE_FALSE(r.has_value());
  std::vector<std::string> pointers;
  for (const auto& d : r.error().diagnostics) {
    CHECK(d.code == dpa::errc::duplicate_id);
    pointers.push_back(d.pointer);
  }
  CHECK(pointers == std::vector<std::string>{"/agreements/1/id", "/organisations/2/id"});
  auto ok = dpa::parse_graph(R"({"format": "dpa-graph/1", "agreements": [{"id": "a1", "client": "c", "processor": "p"}],
      "organisations": [{"id": "c", "country": "DE"}, {"id": "p", "country": "FR"}]})");
  REQUIRE(ok.has_value());
  CHECK(ok.value().agreements[0].client == 0);
  CHECK(ok.value().agreements[0].processor == 1);
}

TEST_CASE("graph ids: a reference to an agreement's id, or to nothing, dangles") {
  auto r = dpa::parse_graph(doc(eu3, R"({"id": "a1", "client": "c", "processor": "p"},
                                        {"id": "a2", "client": "a1", "processor": ""})"));
  REQUIRE_FALSE(r.has_value());
  std::vector<std::string> pointers;
  for (const auto& d : r.error().diagnostics) pointers.push_back(d.pointer);
  CHECK(pointers == std::vector<std::string>{"/agreements/1/client", "/agreements/1/processor"});
}

TEST_CASE("chain budget: the critical path follows the largest latency, the first in file order among equals") {
  auto g = dpa::parse_graph(doc(R"({"id": "r1", "country": "DE"}, {"id": "r2", "country": "DE"}, {"id": "x", "country": "DE"},
                                   {"id": "y", "country": "DE"})",
                                R"({"id": "a1", "client": "r1", "processor": "x", "breach_notice": "40h"},
                                   {"id": "a2", "client": "r2", "processor": "x", "breach_notice": "40h"},
                                   {"id": "a3", "client": "r2", "processor": "x", "breach_notice": "10h"},
                                   {"id": "a4", "client": "x", "processor": "y", "breach_notice": "40h"})"));
  REQUIRE(g.has_value());
  auto r = dpa::evaluate_graph(g.value());
  REQUIRE(r.findings.counts()["breach/chain-budget"] == 1);
  const dpa::graph_finding* f = nullptr;
  for (const auto& c : r.compact)
    if (dpa::graph_rule_catalogue()[c.rule].id == "breach/chain-budget") f = &c;
  REQUIRE(f != nullptr);
  CHECK(f->value == 80);
  CHECK(r.critical_path(g.value(), *f) == std::vector<std::uint32_t>{3, 0});  // a4, then a1 (a2 ties, comes later)
  const auto full = r.materialize(g.value(), *f);
  REQUIRE(full.evidence.size() == 2);
  CHECK(full.evidence[1].pointer == "/agreements/0");
}

TEST_CASE("chain budget: the same latencies and paths whatever order the organisations are listed in") {
  // r -> x -> y -> z, and r -> y directly; listed top down, bottom up, and mixed.
  const char* agreements = R"({"id": "a1", "client": "r", "processor": "x", "breach_notice": "30h"},
                              {"id": "a2", "client": "x", "processor": "y", "breach_notice": "30h"},
                              {"id": "a3", "client": "r", "processor": "y", "breach_notice": "70h"},
                              {"id": "a4", "client": "y", "processor": "z", "breach_notice": "5h"},
                              {"id": "a5", "client": "z", "processor": "w"})";
  for (const char* orgs : {R"({"id": "r", "country": "DE"}, {"id": "x", "country": "DE"}, {"id": "y", "country": "DE"},
                              {"id": "z", "country": "DE"}, {"id": "w", "country": "DE"})",
                           R"({"id": "w", "country": "DE"}, {"id": "z", "country": "DE"}, {"id": "y", "country": "DE"},
                              {"id": "x", "country": "DE"}, {"id": "r", "country": "DE"})",
                           R"({"id": "y", "country": "DE"}, {"id": "w", "country": "DE"}, {"id": "r", "country": "DE"},
                              {"id": "z", "country": "DE"}, {"id": "x", "country": "DE"})"}) {
    CAPTURE(orgs);
    auto g = dpa::parse_graph(doc(orgs, agreements));
    REQUIRE(g.has_value());
    auto r = dpa::evaluate_graph(g.value());
    CHECK(r.undetermined == 1);  // a5: no breach notice
    std::vector<std::pair<std::uint32_t, std::int64_t>> over;  // (agreement, latency) over 72h
    for (const auto& c : r.compact)
      if (dpa::graph_rule_catalogue()[c.rule].id == "breach/chain-budget") {
        over.emplace_back(c.subject, c.value);
        if (c.subject == 3) CHECK(r.critical_path(g.value(), c) == std::vector<std::uint32_t>{3, 2});  // a4, a3
      }
    CHECK(over == std::vector<std::pair<std::uint32_t, std::int64_t>>{{3, 75}});  // a3 alone is 70h, a2's chain 60h
  }
}

TEST_CASE("graph workspace: used again, on graphs large and small, on one thread and three, the same report as a fresh evaluation") {
  auto big = dpa::parse_graph(doc(R"({"id": "r", "country": "DE"}, {"id": "x", "country": "US"}, {"id": "y", "country": "DE"},
                                     {"id": "z", "country": "DE"})",
                                  R"({"id": "a1", "client": "r", "processor": "x", "categories": ["c1", "c2"],
                                      "breach_notice": "50h", "change_notice": "30d", "retention": {"c1": "10d"}},
                                     {"id": "a2", "client": "x", "processor": "y", "categories": ["c1", "c3"],
                                      "breach_notice": "50h", "retention": {"c1": "20d"}},
                                     {"id": "a3", "client": "y", "processor": "z", "breach_notice": "1h"},
                                     {"id": "a4", "client": "z", "processor": "y", "breach_notice": "1h"})"));
  auto small = dpa::parse_graph(doc(eu3, R"({"id": "a1", "client": "c", "processor": "p", "categories": ["c9"]},
                                            {"id": "a2", "client": "p", "processor": "s", "categories": ["c8"]})"));
  REQUIRE(big.has_value());
  REQUIRE(small.has_value());
  auto same = [](const dpa::graph_report& a, const dpa::graph_report& b) {
    CHECK(a.findings.counts() == b.findings.counts());
    CHECK(a.undetermined == b.undetermined);
    CHECK(a.critical == b.critical);
    CHECK(a.components == b.components);
    REQUIRE(a.compact.size() == b.compact.size());
    for (std::size_t i = 0; i < a.compact.size(); ++i) {
      CHECK(a.compact[i].rule == b.compact[i].rule);
      CHECK(a.compact[i].subject == b.compact[i].subject);
      CHECK(a.compact[i].category == b.compact[i].category);
      CHECK(a.compact[i].value == b.compact[i].value);
    }
  };
  const auto fresh_big = dpa::evaluate_graph(big.value());
  const auto fresh_small = dpa::evaluate_graph(small.value());
  CHECK(fresh_big.compact.size() >= 5);  // transfer, chain budget, cycle, notice, retention, leak
  dpa::graph_workspace workspace;
  CHECK(workspace.capacity_bytes() == 0);
  for (unsigned threads : {1u, 3u}) {
    dpa::graph_options o;
    o.threads = threads;
    same(dpa::evaluate_graph(big.value(), o, dpa::knowledge::embedded(), workspace), fresh_big);
    same(dpa::evaluate_graph(small.value(), o, dpa::knowledge::embedded(), workspace), fresh_small);
    same(dpa::evaluate_graph(big.value(), o, dpa::knowledge::embedded(), workspace), fresh_big);
  }
  CHECK(workspace.capacity_bytes() > 0);
  workspace.release();
  CHECK(workspace.capacity_bytes() == 0);
  same(dpa::evaluate_graph(small.value(), {}, dpa::knowledge::embedded(), workspace), fresh_small);
}

TEST_CASE("graph JSON: written a piece at a time, the same as the whole report") {
  auto g = dpa::parse_graph(doc(eu3, R"({"id": "a1", "client": "c", "processor": "p", "breach_notice": "100h"},
                                        {"id": "a2", "client": "p", "processor": "s", "categories": ["x"]})"));
  REQUIRE(g.has_value());
  dpa::graph_options o;
  o.materialize = false;
  const auto r = dpa::evaluate_graph(g.value(), o);
  std::string streamed;
  dpa::render_graph_json(g.value(), r, "g.json", [&](std::string_view piece) { streamed += piece; });
  const auto whole = dpa::evaluate_graph(g.value());
  std::string expected = dpa::render_json({{&whole.findings, "g.json", {}}});
  expected.replace(expected.rfind('}'), std::string::npos, ",\"undetermined\":1,\"organisations\":3,\"agreements\":2}\n");
  CHECK(streamed == expected);
  CHECK(streamed.find("\"breach/chain-budget\": 1") != std::string::npos);
}

TEST_CASE("printable: control characters from the input shown, not obeyed") {
  CHECK(dpa::printable("plain, Ünïcode; new\nline\ttab") == "plain, Ünïcode; new\nline\ttab");
  CHECK(dpa::printable(std::string("a\0b", 3)) == "a\xE2\x90\x80" "b");  // ␀
  CHECK(dpa::printable("\x1b[2Jgone") == "\xE2\x90\x9B[2Jgone");         // ␛
  CHECK(dpa::printable("cr\r del\x7F") == "cr\xE2\x90\x8D del\xE2\x90\xA1");
  CHECK(dpa::printable("csi\xC2\x9B" "1m, nbsp\xC2\xA0") == "csi<U+009B>1m, nbsp\xC2\xA0");
  CHECK(dpa::printable("cut\xC2") == "cut\xC2");
}

TEST_CASE("graph from a pipe: read once, its problems located as in a file") {
  const auto fifo = std::filesystem::temp_directory_path() / "dpa-graph-test-fifo";
  std::filesystem::remove(fifo);
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const std::string text = "{\"format\": \"dpa-graph/1\",\n \"organisations\": [{\"id\": \"a\", \"country\": \"XX\"}],\n \"agreements\": [";
  std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << text; });
  auto r = dpa::load_graph(fifo);
  writer.join();
  std::filesystem::remove(fifo);
  REQUIRE_FALSE(r.has_value());
  const auto& d = r.error().diagnostics;
  REQUIRE(d.size() == 1);  // the syntax error: the text ends inside `agreements`
  CHECK(d[0].pointer == "/agreements");
  CHECK(d[0].line == 3);
  CHECK(d[0].message.find("ends too early") != std::string::npos);
}
