#include <doctest/doctest.h>

#include <dpa/duration.hpp>

using dpa::answer;
using dpa::duration;
using dpa::parse_duration;

namespace {
constexpr std::int64_t H = 3600, D = 86400;

duration parsed(std::string_view text) {
  auto d = parse_duration(text);
  CAPTURE(text);
  REQUIRE_MESSAGE(d.has_value(), (d ? "" : d.error().summary()));
  return d.value();
}

void check(std::string_view text, std::int64_t lo, std::int64_t hi) {
  CAPTURE(text);
  auto d = parsed(text);
  CHECK(d.shortest() == lo);
  CHECK(d.longest() == hi);
  CHECK(d.text() == text);
}
}  // namespace

TEST_SUITE("duration") {
  TEST_CASE("hours and days in every spelling") {
    check("72 hours", 72 * H, 72 * H);
    check("72h", 72 * H, 72 * H);
    check("72 hrs", 72 * H, 72 * H);
    check("1 hour", H, H);
    check("30 days", 30 * D, 30 * D);
    check("30d", 30 * D, 30 * D);
    check("thirty (30) days", 30 * D, 30 * D);
    check("Thirty (30) Days", 30 * D, 30 * D);
    check("30 calendar days", 30 * D, 30 * D);
    check("twenty-four hours", 24 * H, 24 * H);
    check("twenty four hours", 24 * H, 24 * H);
    check("a day", D, D);
    check("2 weeks", 14 * D, 14 * D);
    check("90-day cycle", 90 * D, 90 * D);
    check("90-day backup cycle", 90 * D, 90 * D);
    check("rolling 30-day cycle", 30 * D, 30 * D);
    check("within 30 days", 30 * D, 30 * D);
    check("0 days", 0, 0);
    check("30 days.", 30 * D, 30 * D);
  }

  TEST_CASE("ranges") {
    check("48-72 hours", 48 * H, 72 * H);
    check("48\xE2\x80\x93" "72 hours", 48 * H, 72 * H);  // en dash
    check("48 to 72 hours", 48 * H, 72 * H);
    auto bad = parse_duration("72-48 hours");
    CHECK_FALSE(bad.has_value());
  }

  TEST_CASE("calendar months and years are intervals") {
    check("one month", 28 * D, 31 * D);
    check("1 month", 28 * D, 31 * D);
    check("P1M", 28 * D, 31 * D);
    check("2 months", 59 * D, 62 * D);  // Feb+Mar (non-leap) .. Jul+Aug
    check("3 months", 89 * D, 92 * D);
    check("one year", 365 * D, 366 * D);
    check("a year", 365 * D, 366 * D);
    check("P1Y", 365 * D, 366 * D);
    // 7 years hold one or two 29 Februaries, or none across a century year like 2100.
    check("7 years", 2555 * D, 2557 * D);
    check("12 months", 365 * D, 366 * D);
  }

  TEST_CASE("business days span weekends") {
    check("1 business day", 1 * D, 3 * D);   // Friday -> Monday
    check("5 business days", 5 * D, 7 * D);  // Sunday -> Friday .. Friday -> Friday
    check("5 working days", 5 * D, 7 * D);
    check("6 business days", 8 * D, 10 * D);
    check("10 business days", 12 * D, 14 * D);
    auto bad = parse_duration("5 business hours");
    CHECK_FALSE(bad.has_value());
  }

  TEST_CASE("ISO 8601") {
    check("PT72H", 72 * H, 72 * H);
    check("P30D", 30 * D, 30 * D);
    check("P2W", 14 * D, 14 * D);
    check("PT90M", 90 * 60, 90 * 60);
    check("P1DT12H", 36 * H, 36 * H);
    check("p30d", 30 * D, 30 * D);
    for (auto bad : {"P", "PT", "P1H", "PT1D", "P1D1Y", "P1.5D", "P-1D"}) {
      CAPTURE(bad);
      CHECK_FALSE(parse_duration(bad).has_value());
    }
  }

  TEST_CASE("qualitative bounds have no upper limit") {
    auto u = parsed("without undue delay");
    CHECK(u.how() == duration::kind::undue_delay);
    CHECK_FALSE(u.bounded());
    CHECK(u.shortest() == 0);
    auto i = parsed("immediately");
    CHECK(i.how() == duration::kind::immediately);
    CHECK_FALSE(i.bounded());
    CHECK(parsed("Without undue delay").how() == duration::kind::undue_delay);
  }

  TEST_CASE("errors say what is wrong and suggest") {
    auto e = parse_duration("30 dayz");
    REQUIRE_FALSE(e.has_value());
    const auto& d = e.error().diagnostics.front();
    CHECK(d.code == dpa::errc::invalid_duration);
    CHECK(d.message.find("unknown unit `dayz`") != std::string::npos);
    CHECK(d.help == "did you mean `days`?");
    for (auto bad : {"", "   ", "days", "thirty (31) days", "30", "soon", "30 days later", "99999999 days",
                     "1e400 days", "30 fortnights", "-5 days", "3.5 days"}) {
      CAPTURE(bad);
      CHECK_FALSE(parse_duration(bad).has_value());
    }
  }

  TEST_CASE("comparisons answer yes, no or depends") {
    auto h72 = parsed("72 hours"), h24 = parsed("24 hours"), d30 = parsed("30 days"), month = parsed("one month");
    auto d28 = parsed("28 days"), d31 = parsed("31 days"), d32 = parsed("32 days"), undue = parsed("without undue delay");
    CHECK(dpa::at_most(h24, h72) == answer::yes);
    CHECK(dpa::at_most(h72, h72) == answer::yes);
    CHECK(dpa::at_most(h72, h24) == answer::no);
    CHECK(dpa::shorter(h72, h72) == answer::no);
    CHECK(dpa::shorter(h24, h72) == answer::yes);
    // "within 30 days" against one month: it depends on the month
    CHECK(dpa::at_most(d30, month) == answer::depends);
    CHECK(dpa::longer(d30, month) == answer::depends);
    // boundaries of [28 d, 31 d]
    CHECK(dpa::at_most(d28, month) == answer::yes);
    CHECK(dpa::at_most(d31, month) == answer::depends);
    CHECK(dpa::at_most(d32, month) == answer::no);
    CHECK(dpa::longer(d32, month) == answer::yes);
    CHECK(dpa::at_most(month, d31) == answer::yes);
    CHECK(dpa::at_most(month, d28) == answer::depends);
    // no upper bound: never certainly within a fixed limit
    CHECK(dpa::at_most(undue, h72) == answer::depends);
    CHECK(dpa::at_most(h72, undue) == answer::depends);
    CHECK(dpa::same_length(h72, parsed("3 days")) == answer::yes);
    CHECK(dpa::same_length(h72, h24) == answer::no);
    CHECK(dpa::same_length(month, d30) == answer::depends);
  }

  TEST_CASE("describe gives a short normal form") {
    CHECK(parsed("72 hours").describe() == "72h");
    CHECK(parsed("30 days").describe() == "30d");
    CHECK(parsed("one month").describe() == "28d..31d");
    CHECK(parsed("without undue delay").describe() == "without undue delay");
  }
}
