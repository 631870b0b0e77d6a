#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include <fmt/format.h>

#include <dpa/knowledge.hpp>
#include <dpa/load.hpp>

namespace {

const std::string minimal = R"({"format":"dpa/1","id":"t","title":"T",
"parties":{"controller":{"name":"C"},"processor":{"name":"P"}},
"processing":{}})";

// Replaces the closing brace of `minimal` with `extra` members.
std::string with(std::string_view extra) {
  std::string s = minimal;
  s.pop_back();
  return s + "," + std::string(extra) + "}";
}

dpa::error failure(std::string_view text, dpa::limits lim = {}) {
  dpa::load_options o;
  o.limits = lim;
  auto r = dpa::parse_document(text, o);
  CAPTURE(text.substr(0, 200));
  REQUIRE_FALSE(r.has_value());
  return r.error();
}

const dpa::diagnostic& first(const dpa::error& e) {
  REQUIRE_FALSE(e.diagnostics.empty());
  return e.diagnostics.front();
}

}  // namespace

TEST_SUITE("load") {
  TEST_CASE("a minimal document loads") {
    auto r = dpa::parse_document(minimal);
    REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().summary()));
    CHECK(r.value().id == "t");
    CHECK_FALSE(r.value().breach.has_value());
  }

  TEST_CASE("syntax errors carry line, column and the pointer where the text stops") {
    auto e = failure("{\"format\":\"dpa/1\",\n\"parties\": {\"controller\": {\"name\": ");
    CHECK(first(e).code == dpa::errc::syntax);
    CHECK(first(e).line == 2);
    CHECK(first(e).pointer == "/parties/controller/name");
    CHECK(first(e).message.find("ends too early") != std::string::npos);

    auto e2 = failure("{\"format\": \"dpa/1\", \"id\": tru}");
    CHECK(first(e2).code == dpa::errc::syntax);
    CHECK(first(e2).pointer == "/id");

    auto empty = failure("");
    CHECK(first(empty).message == "empty document");
    CHECK(first(empty).line == 1);
    CHECK(first(failure("  \n ")).code == dpa::errc::syntax);
    CHECK(first(failure("[]")).code == dpa::errc::wrong_type);
    CHECK(first(failure("{} {}")).message.find("after the end") != std::string::npos);
  }

  TEST_CASE("invalid UTF-8 and control characters") {
    auto e = failure("{\"format\":\"dpa/1\",\"id\":\"a\xff\"}");
    CHECK(first(e).code == dpa::errc::invalid_utf8);
    CHECK(first(e).pointer == "/id");
    auto nul = failure(std::string("{\"format\":\"dpa/1\",\"id\":\"a\0b\"}", 29));
    CHECK(first(nul).code == dpa::errc::syntax);
    CHECK(first(nul).pointer == "/id");
  }

  TEST_CASE("every problem of a document is reported, in document order") {
    auto e = failure(with(R"("subprocessors":[{"id":"a","name":"A","country":"Germany"}],
      "breach":{"bound":"30 dayz"},"audits":{"max_per_year":"once"},"contry":"DE",
      "deletion":{"choice":"shred"}, "confidentiality": null)"));
    REQUIRE(e.diagnostics.size() == 6);
    CHECK(e.diagnostics[0].pointer == "/subprocessors/0/country");
    CHECK(e.diagnostics[0].message == "`Germany` is not an ISO 3166-1 alpha-2 code");
    CHECK(e.diagnostics[0].help == "did you mean `DE`?");
    CHECK(e.diagnostics[0].line == 3);
    CHECK(e.diagnostics[1].pointer == "/breach/bound");
    CHECK(e.diagnostics[1].help == "did you mean `days`?");
    CHECK(e.diagnostics[2].pointer == "/audits/max_per_year");
    CHECK(e.diagnostics[2].code == dpa::errc::wrong_type);
    CHECK(e.diagnostics[3].pointer == "/contry");
    CHECK(e.diagnostics[3].code == dpa::errc::unknown_field);
    CHECK(e.diagnostics[4].pointer == "/deletion/choice");
    CHECK(e.diagnostics[4].message.find("`delete-or-return`") != std::string::npos);
    CHECK(e.diagnostics[5].pointer == "/confidentiality");
    for (const auto& d : e.diagnostics) {
      CHECK(d.line >= 1);
      CHECK(d.column >= 1);
    }
  }

  TEST_CASE("unknown fields are errors, with a suggestion") {
    auto e = failure(with(R"("breach":{"bund":"72 hours"})"));
    CHECK(first(e).code == dpa::errc::unknown_field);
    CHECK(first(e).pointer == "/breach/bund");
    CHECK(first(e).help == "did you mean `bound`?");
  }

  TEST_CASE("more problems than are listed: the first thousand, in document order, then how many more") {
    std::string extra;
    for (int i = 0; i < 5000; ++i) extra += (i ? "," : "") + std::string("\"junk") + std::to_string(i) + "\":1";
    // a problem from the checks after the structural pass, beyond the listed ones
    auto e = failure(with(extra + R"(,"retention":[{"category":"nowhere","period":"P1D"}])"));
    REQUIRE(e.diagnostics.size() == 1001);
    CHECK(e.diagnostics[0].pointer == "/junk0");
    CHECK(e.diagnostics[999].pointer == "/junk999");
    CHECK(e.diagnostics[999].line == 3);
    CHECK(e.diagnostics[1000].message == "4001 more problems, not listed: only the first 1000 are");
    CHECK(e.diagnostics[1000].line == 0);
  }

  TEST_CASE("missing required fields name the object") {
    auto e = failure(R"({"format":"dpa/1","id":"t","parties":{"controller":{},"processor":{"name":"P"}},"processing":{}})");
    REQUIRE(e.diagnostics.size() == 2);
    CHECK(e.diagnostics[0].pointer == "");
    CHECK(e.diagnostics[0].message == "missing required field `title`");
    CHECK(e.diagnostics[1].pointer == "/parties/controller");
    CHECK(e.diagnostics[1].column == 52);
  }

  TEST_CASE("format version") {
    CHECK(first(failure(R"({"id":"t"})")).message.find("`format`") != std::string::npos);
    CHECK(first(failure(R"({"format":"dpa/2"})")).code == dpa::errc::unsupported_format);
  }

  TEST_CASE("duplicate keys and duplicate ids") {
    auto e = failure(with(R"("id":"again")"));
    CHECK(first(e).code == dpa::errc::duplicate_key);
    CHECK(first(e).pointer == "/id");
    auto ids = failure(with(R"("subprocessors":[{"id":"a","name":"A","subprocessors":[{"id":"a","name":"B"}]}])"));
    CHECK(first(ids).code == dpa::errc::duplicate_id);
    CHECK(first(ids).pointer == "/subprocessors/0/subprocessors/0/id");
    auto cats = failure(with(R"("data_categories":[{"id":"x","name":"X"},{"id":"x","name":"Y"}])"));
    CHECK(first(cats).code == dpa::errc::duplicate_id);
  }

  TEST_CASE("references and cross-field rules") {
    auto e = failure(with(R"("data_categories":[{"id":"billing","name":"B"}],
      "retention":[{"category":"biling","period":"7 years"}])"));
    CHECK(first(e).code == dpa::errc::dangling_reference);
    CHECK(first(e).help == "did you mean `billing`?");
    auto loc = failure(with(R"("subprocessors":[{"id":"a","name":"A","locations":[{"text":"x","kind":"country"}]}])"));
    CHECK(first(loc).pointer == "/subprocessors/0/locations/0");
    auto mod = failure(with(R"("transfers":{"tools":[{"kind":"scc-2021","modules":[5]},{"kind":"bcr","modules":[1]}]})"));
    REQUIRE(mod.diagnostics.size() == 2);
    CHECK(mod.diagnostics[0].pointer == "/transfers/tools/0/modules/0");
    auto id = failure(with(R"("subprocessors":[{"id":"Not Valid","name":"A"}])"));
    CHECK(first(id).pointer == "/subprocessors/0/id");
    auto area = failure(with(R"("transfers":{"primary_locations":[{"text":"x","kind":"area","area":"APAC"}]})"));
    CHECK(first(area).help == "use `EEA`, `EU` or `adequate` (the countries with an adequacy decision)");
  }

  TEST_CASE("dates and numbers") {
    CHECK(first(failure(with(R"("effective_date":"2026-02-30")"))).code == dpa::errc::invalid_date);
    CHECK(first(failure(with(R"("effective_date":"18 April 2026")"))).code == dpa::errc::invalid_date);
    // Hebelki's AVV: "Stand: Februar 2026", a month without a day
    auto loaded = dpa::parse_document(with(R"("updated_date":"2026-02","history":[{"version":"1","date":"2025-11","change":"first"}])"));
    REQUIRE(loaded.has_value());
    const auto& month = loaded.value();
    CHECK(month.updated_date->month_only);
    CHECK(month.updated_date->last() == dpa::date{std::chrono::year{2026} / 2 / 28});
    CHECK(dpa::to_json(month).find(R"("updated_date": "2026-02")") != std::string::npos);
    CHECK(dpa::parse_document(dpa::to_json(month)).value() == month);
    for (auto bad : {"2026-13", "2026-2", "2026-02-", "202602", "2026-00"})
      CHECK(first(failure(with(fmt::format(R"("effective_date":"{}")", bad)))).code == dpa::errc::invalid_date);
    for (auto n : {"1e400", "18446744073709551616", "-1", "1.5", "2e9", "-0.0"}) {
      CAPTURE(n);
      auto e = failure(with(std::string(R"("audits":{"max_per_year":)") + n + "}"));
      CHECK(first(e).pointer == "/audits/max_per_year");
    }
  }

  TEST_CASE("limits are errors, not crashes") {
    std::string deep = "{\"format\":\"dpa/1\",\"x\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
    auto e = failure(deep);
    CHECK(first(e).code == dpa::errc::too_deep);
    CHECK(first(e).pointer.rfind("/x/0/0", 0) == 0);

    dpa::limits small;
    small.max_bytes = 100;
    CHECK(first(failure(minimal + std::string(200, ' '), small)).code == dpa::errc::too_large);

    dpa::limits few;
    few.max_items = 2;
    auto items = failure(with(R"("data_subjects":[{"id":"a","name":"A"},{"id":"b","name":"B"},{"id":"c","name":"C"}])"), few);
    CHECK(first(items).pointer == "/data_subjects");

    dpa::limits short_strings;
    short_strings.max_string = 8;
    CHECK(first(failure(with(R"("url":"https://example.com/long")"), short_strings)).code == dpa::errc::too_large);

    dpa::limits subs;
    subs.max_subprocessors = 1;
    CHECK(first(failure(with(R"("subprocessors":[{"id":"a","name":"A"},{"id":"b","name":"B"}])"), subs)).code ==
          dpa::errc::too_large);
  }

  TEST_CASE("the seed examples round-trip: load, write, load gives the same model") {
    for (auto name : {"axion", "hoviguard", "caos", "sevenoways", "caelex"}) {
      CAPTURE(name);
      auto path = std::filesystem::path(DPA_SOURCE_DIR) / "examples/dpas" / (std::string(name) + ".json");
      auto doc = dpa::load_document(path);
      REQUIRE_MESSAGE(doc.has_value(), (doc ? "" : doc.error().summary()));
      auto text = dpa::to_json(doc.value());
      auto again = dpa::parse_document(text);
      REQUIRE_MESSAGE(again.has_value(), (again ? "" : again.error().summary()));
      CHECK(again.value() == doc.value());
      CHECK(dpa::to_json(again.value()) == text);
    }
  }

  TEST_CASE("I/O errors") {
    auto r = dpa::load_document("/nonexistent/dpa.json");
    REQUIRE_FALSE(r.has_value());
    CHECK(first(r.error()).code == dpa::errc::io);
    auto dir = dpa::load_document(DPA_SOURCE_DIR);
    REQUIRE_FALSE(dir.has_value());
    CHECK(first(dir.error()).message.find("directory") != std::string::npos);
  }

  TEST_CASE(".value() on a failure throws dpa::exception with the details") {
    auto r = dpa::parse_document("{");
    CHECK_THROWS_AS((void)r.value(), dpa::exception);
    try {
      (void)r.value();
    } catch (const dpa::exception& ex) {
      CHECK(ex.detail().diagnostics.size() == 1);
      CHECK(ex.code() == dpa::errc::syntax);
    }
  }
}
