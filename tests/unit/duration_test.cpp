#include <doctest/doctest.h>

#include <dpa/duration.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <utility>

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

// The message of the error `text` gives; fails the test when it parses.
std::string rejected(std::string_view text) {
  CAPTURE(text);
  auto d = parse_duration(text);
  REQUIRE_FALSE(d.has_value());
  return d.error().diagnostics.front().message;
}

// Calendar days from an event to the end of the n-th working day after it,
// shortest and longest over the seven weekdays it can fall on (0 = Monday).
std::pair<std::int64_t, std::int64_t> simulated_days(std::int64_t n, bool saturday_works) {
  std::int64_t lo = INT64_MAX, hi = 0;
  for (int start = 0; start < 7; ++start) {
    std::int64_t counted = 0, day = 0;
    while (counted < n) {
      ++day;
      int weekday = static_cast<int>((start + day) % 7);
      if (weekday < 5 || (weekday == 5 && saturday_works)) ++counted;
    }
    lo = std::min(lo, day);
    hi = std::max(hi, day);
  }
  return {lo, hi};
}

// Hours from an event to the end of n business hours (9:00 to 17:00, Monday to
// Friday), shortest and longest over every hour of the week it can fall on.
std::pair<std::int64_t, std::int64_t> simulated_business_hours(std::int64_t n) {
  std::int64_t lo = INT64_MAX, hi = 0;
  for (int start = 0; start < 7 * 24; ++start) {
    std::int64_t counted = 0, elapsed = 0;
    while (counted < n) {
      int at = static_cast<int>((start + elapsed) % (7 * 24));
      if (at / 24 < 5 && at % 24 >= 9 && at % 24 < 17) ++counted;
      ++elapsed;
    }
    lo = std::min(lo, elapsed);
    hi = std::max(hi, elapsed);
  }
  return {lo, hi};
}

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
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
    auto bad = parse_duration("5 business weeks");
    CHECK_FALSE(bad.has_value());
    CHECK(bad.error().diagnostics.front().help == "write e.g. `5 business days` or `72 business hours`");
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

  TEST_CASE("German: unverzüglich, sofort, umgehend") {
    for (auto text : {"unverzüglich", "Unverzüglich", "UNVERZÜGLICH", "unverzueglich", "unverzu\xCC\x88glich",
                      "ohne schuldhaftes Zögern", "Ohne schuldhaftes Zoegern", "umgehend", "Umgehend.",
                      "ohne Verzögerung", "ohne unangemessene Verzögerung"}) {
      CAPTURE(text);
      auto d = parsed(text);
      CHECK(d.how() == duration::kind::undue_delay);
      CHECK(d.shortest() == 0);
      CHECK_FALSE(d.bounded());
      CHECK(d.text() == std::string(text));
    }
    auto now = parsed("sofort");
    CHECK(now.how() == duration::kind::immediately);
    CHECK_FALSE(now.bounded());
    CHECK(parsed("Sofort").describe() == "immediately");
    CHECK(parsed("unverzüglich").describe() == "without undue delay");
    CHECK(rejected("unverzüglich foo") == "`unverzüglich foo` is not a duration: unexpected `foo`");
    CHECK(rejected("unverzüglich, spätestens innerhalb von 24 Stunden").find("is two periods") != std::string::npos);
    auto typo = parse_duration("unverzuglich");
    REQUIRE_FALSE(typo.has_value());
    CHECK(typo.error().diagnostics.front().help == "did you mean `unverzüglich`?");
  }

  TEST_CASE("German: binnen, innerhalb (von), spätestens, höchstens") {
    check("binnen 30 Tagen", 30 * D, 30 * D);
    check("binnen 24 Stunden", 24 * H, 24 * H);
    check("Innerhalb von 14 Tagen", 14 * D, 14 * D);
    check("innerhalb 14 Tagen", 14 * D, 14 * D);
    check("innerhalb von 48 Stunden", 48 * H, 48 * H);
    check("innerhalb von 5 Werktagen", 5 * D, 6 * D);
    check("innerhalb von 5 Arbeitstagen", 5 * D, 7 * D);
    check("innerhalb von 2 Wochen", 14 * D, 14 * D);
    check("innerhalb von 3 Monaten", 89 * D, 92 * D);
    check("innerhalb von 7 Jahren", 2555 * D, 2557 * D);
    check("spätestens nach 24 Stunden", 24 * H, 24 * H);
    check("spaetestens nach 24 Stunden", 24 * H, 24 * H);
    check("spätestens innerhalb von 24 Stunden", 24 * H, 24 * H);
    check("spätestens binnen 7 Tagen", 7 * D, 7 * D);
    check("höchstens 30 Tage", 30 * D, 30 * D);
    check("längstens 6 Monate", 181 * D, 184 * D);
    check("48 bis 72 Stunden", 48 * H, 72 * H);
    check("binnen 48\xE2\x80\x93" "72 Stunden", 48 * H, 72 * H);
    check("binnen 30 Tagen.", 30 * D, 30 * D);
    CHECK(rejected("binnen Tagen") == "`binnen Tagen` is not a duration: no number before `Tagen`");
    CHECK(rejected("innerhalb von Tagen").find("no number before `Tagen`") != std::string::npos);
    CHECK(rejected("binnen kurzem") == "`binnen kurzem` is not a duration: expected a number after `binnen`");
    CHECK(rejected("spätestens innerhalb von bald").find("expected a number after `spätestens innerhalb von`") !=
          std::string::npos);
    CHECK(rejected("innerhalb von 14 Tagen nach Mitteilung").find("unexpected `nach`") != std::string::npos);
    CHECK(rejected("binnen 30 Tagn").find("unknown unit `Tagn`") != std::string::npos);
  }

  TEST_CASE("German units in singular, plural and the cases contracts use") {
    for (auto text : {"1 Tag", "1 Tage", "1 Tagen", "binnen eines Tages", "1 Kalendertag", "1 Kalendertage",
                      "1 Kalendertagen"}) {
      CAPTURE(text);
      check(text, D, D);
    }
    for (auto text : {"1 Stunde", "1 Stunden", "1 Std.", "1 Std", "1 h"}) check(text, H, H);
    check("30 Minuten", 30 * 60, 30 * 60);
    check("1 Minute", 60, 60);
    check("90 Sekunden", 90, 90);
    for (auto text : {"1 Woche", "1 Wochen"}) check(text, 7 * D, 7 * D);
    for (auto text : {"1 Monat", "1 Monate", "1 Monaten", "innerhalb eines Monats"}) check(text, 28 * D, 31 * D);
    for (auto text : {"1 Jahr", "1 Jahre", "1 Jahren", "binnen eines Jahres"}) check(text, 365 * D, 366 * D);
    for (auto text : {"1 Werktag", "1 Werktage", "1 Werktagen"}) check(text, D, 2 * D);
    for (auto text : {"1 Arbeitstag", "1 Arbeitstage", "1 Arbeitstagen", "1 Geschäftstag"}) check(text, D, 3 * D);
    check("30 Kalendertage", 30 * D, 30 * D);
    check("30 KALENDERTAGE", 30 * D, 30 * D);
    check("72 Std.", 72 * H, 72 * H);
    CHECK(rejected("72 Std. später") == "`72 Std. später` is not a duration: unexpected `später`");
    CHECK(rejected("72 Stunden. später").find("unexpected `.`") != std::string::npos);  // only abbreviations take a period
  }

  TEST_CASE("Werktage include Saturdays, Arbeitstage are business days") {
    check("1 Werktag", D, 2 * D);        // Saturday -> Monday
    check("5 Werktage", 5 * D, 6 * D);   // 5 days, or 6 across a Sunday
    check("6 Werktage", 6 * D, 7 * D);
    check("7 Werktage", 8 * D, 9 * D);
    check("12 Werktage", 13 * D, 14 * D);
    check("5 Arbeitstage", 5 * D, 7 * D);
    check("10 Arbeitstage", 12 * D, 14 * D);
    check("0 Werktage", 0, 0);
    for (std::int64_t n = 1; n <= 60; ++n) {
      CAPTURE(n);
      auto [lo6, hi6] = simulated_days(n, true);
      auto werktage = parsed(std::to_string(n) + " Werktage");
      CHECK(werktage.shortest() == lo6 * D);
      CHECK(werktage.longest() == hi6 * D);
      auto [lo5, hi5] = simulated_days(n, false);
      auto arbeitstage = parsed(std::to_string(n) + " Arbeitstage");
      CHECK(arbeitstage.shortest() == lo5 * D);
      CHECK(arbeitstage.longest() == hi5 * D);
    }
  }

  TEST_CASE("hours counted in business hours: from the hours themselves to 8-hour business days") {
    // Shortest: the hours straight through working days ("48 hours, weekends not counted");
    // longest: 8 business hours a day (9:00 to 17:00), starting just after a Friday's close.
    check("72 hours (business hours)", 72 * H, 312 * H);  // at most 9 business days: Friday 17:00 -> Thursday week
    check("48 Stunden (Geschäftszeiten)", 48 * H, 240 * H);
    check("innerhalb von 48 Stunden (Geschäftszeiten)", 48 * H, 240 * H);
    check("48 Stunden (Geschaeftszeiten)", 48 * H, 240 * H);
    check("72 Std. (Geschäftszeiten)", 72 * H, 312 * H);
    check("8 hours (business hours)", 8 * H, 72 * H);  // one day, or from Friday's close to Monday's
    check("1 hour (business hours)", H, 65 * H);
    check("40 hours (working hours)", 40 * H, 168 * H);
    check("24 hours (during business hours)", 24 * H, 120 * H);
    check("48-72 hours (business hours)", 48 * H, 312 * H);
    check("0 hours (business hours)", 0, 0);
    // the same hours written as a business unit (Art. 33 clauses: "within 72 business hours")
    check("72 business hours", 72 * H, 312 * H);
    check("within 24 working hours", 24 * H, 120 * H);
    CHECK_FALSE(parse_duration("72 business hours (business hours)").has_value());
    for (std::int64_t n = 1; n <= 120; ++n) {  // the longest matches a clock run over every hour of the week
      CAPTURE(n);
      auto [lo, hi] = simulated_business_hours(n);
      auto d = parsed(std::to_string(n) + " hours (business hours)");
      CHECK(d.shortest() == n * H);
      CHECK(lo >= n);
      CHECK(d.longest() == hi * H);
    }
    CHECK(rejected("3 Tage (Geschäftszeiten)").find("only hours are counted in business hours") != std::string::npos);
    CHECK(rejected("72 hours (business days)").find("unexpected `(`") != std::string::npos);
    for (std::int64_t n : {1, 8, 24, 72, 120}) {  // "N business hours" reads as "N hours (business hours)"
      CAPTURE(n);
      CHECK(parsed(std::to_string(n) + " business hours").longest() ==
            parsed(std::to_string(n) + " hours (business hours)").longest());
    }
  }

  TEST_CASE("two periods in one phrase are named, with what to encode") {
    // Hebelki AVV §12: "unverzüglich, spätestens innerhalb von 24 Stunden"
    auto msg = [](std::string_view text) {
      auto r = parse_duration(text);
      REQUIRE_FALSE(r.has_value());
      return r.error().diagnostics.front();
    };
    auto d = msg("unverzüglich, spätestens innerhalb von 24 Stunden");
    CHECK(d.message == "`unverzüglich, spätestens innerhalb von 24 Stunden` is two periods, `unverzüglich` and "
                       "`spätestens innerhalb von 24 Stunden`; a duration is one");
    CHECK(d.help.find("fixed bound `spätestens innerhalb von 24 Stunden`") != std::string::npos);
    CHECK(msg("without undue delay and in any event within 72 hours").help.find("fixed bound `within 72 hours`") !=
          std::string::npos);
    CHECK(msg("within 72 hours and without undue delay").help.find("fixed bound `within 72 hours`") != std::string::npos);
    CHECK(msg("within 24 hours, and no later than 72 hours").help.find("the period that binds") != std::string::npos);
    CHECK(msg("72 hours foo").message == "`72 hours foo` is not a duration: unexpected `foo`");
    CHECK(msg("unverzüglich foo").message == "`unverzüglich foo` is not a duration: unexpected `foo`");
    // the rest is searched once, not again inside the rest
    CHECK(msg("24 hours, 48 hours, 72 hours").message.find("`24 hours` and `48 hours, 72 hours`") == std::string::npos);
  }

  TEST_CASE("minimums have no upper bound") {
    check("mindestens 14 Tage", 14 * D, duration::unbounded);
    check("Mindestens 30 Kalendertage", 30 * D, duration::unbounded);
    check("mindestens 10 Jahre", 3651 * D, duration::unbounded);
    check("at least 30 days", 30 * D, duration::unbounded);
    check("at least thirty (30) days", 30 * D, duration::unbounded);
    auto notice = parsed("mindestens 14 Tage");
    CHECK(notice.how() == duration::kind::fixed);
    CHECK(notice.describe() == "14d..unbounded");
    // long enough for a 14-day minimum, never certainly short enough for a deadline
    CHECK(dpa::shorter(notice, parsed("14 days")) == answer::no);
    CHECK(dpa::at_most(notice, parsed("30 days")) == answer::depends);
    CHECK(dpa::longer(parsed("mindestens 10 Jahre"), parsed("30 days")) == answer::yes);
    CHECK(rejected("mindestens 2-3 Wochen").find("`mindestens` takes one number, not a range") != std::string::npos);
    CHECK(rejected("mindestens Tage").find("no number before `Tage`") != std::string::npos);
  }

  TEST_CASE("German number words") {
    constexpr std::array<const char*, 31> one_to_31{
        "ein",           "zwei",           "drei",          "vier",           "fünf",          "sechs",
        "sieben",        "acht",           "neun",          "zehn",           "elf",           "zwölf",
        "dreizehn",      "vierzehn",       "fünfzehn",      "sechzehn",       "siebzehn",      "achtzehn",
        "neunzehn",      "zwanzig",        "einundzwanzig", "zweiundzwanzig", "dreiundzwanzig", "vierundzwanzig",
        "fünfundzwanzig", "sechsundzwanzig", "siebenundzwanzig", "achtundzwanzig", "neunundzwanzig", "dreißig",
        "einunddreißig"};
    for (std::size_t n = 1; n <= one_to_31.size(); ++n) {
      auto text = std::string(one_to_31[n - 1]) + " Tage";
      CAPTURE(text);
      check(text, static_cast<std::int64_t>(n) * D, static_cast<std::int64_t>(n) * D);
    }
    const std::pair<const char*, std::int64_t> more[] = {
        {"fuenf", 5},           {"zwoelf", 12},         {"dreissig", 30},       {"Dreißig", 30},
        {"fünfundvierzig", 45}, {"achtundvierzig", 48}, {"sechzig", 60},        {"zweiundsiebzig", 72},
        {"neunzig", 90},        {"hundert", 100},       {"einhundert", 100},    {"hundertachtzig", 180},
        {"einhundertachtzig", 180}, {"dreihundertfünfundsechzig", 365}, {"dreihundertfuenfundsechzig", 365},
        {"hundertundeins", 101}, {"zweitausend", 2000}, {"null", 0},            {"eins", 1}};
    for (auto [word, n] : more) {
      auto text = std::string(word) + " Tage";
      CAPTURE(text);
      check(text, n * D, n * D);
    }
    check("ein Tag", D, D);
    check("eine Woche", 7 * D, 7 * D);
    check("einen Monat", 28 * D, 31 * D);
    check("binnen einem Jahr", 365 * D, 366 * D);
    check("binnen einer Woche", 7 * D, 7 * D);
    check("achtundvierzig bis zweiundsiebzig Stunden", 48 * H, 72 * H);
    check("zweiundsiebzig Std.", 72 * H, 72 * H);
    for (auto bad : {"undzwanzig Tage", "einszwanzig Tage", "zwanzigeins Tage", "hunderthundert Tage",
                     "elfundzwanzig Tage", "eine Million Tage"}) {
      CAPTURE(bad);
      CHECK_FALSE(parse_duration(bad).has_value());
    }
  }

  TEST_CASE("numbers in words and in figures, in either order and language") {
    check("30 (thirty) days", 30 * D, 30 * D);
    check("thirty (30) days", 30 * D, 30 * D);
    check("dreißig (30) Tage", 30 * D, 30 * D);
    check("30 (dreißig) Tage", 30 * D, 30 * D);
    check("30 (dreissig) Kalendertage", 30 * D, 30 * D);
    check("72 (seventy-two) hours", 72 * H, 72 * H);
    check("zweiundsiebzig (72) Stunden", 72 * H, 72 * H);
    check("one hundred and eighty (180) days", 180 * D, 180 * D);
    check("three hundred sixty-five days", 365 * D, 365 * D);
    check("30 (30) days", 30 * D, 30 * D);
    check("30-day", 30 * D, 30 * D);
    check("30 calendar days", 30 * D, 30 * D);
    check("thirty (30) calendar days", 30 * D, 30 * D);
    check("within 30 (thirty) days", 30 * D, 30 * D);
    check("binnen dreißig (30) Tagen", 30 * D, 30 * D);
    CHECK(rejected("30 (31) days") == "`30 (31) days` is not a duration: `30` and `31` disagree");
    CHECK(rejected("thirty (31) days") == "`thirty (31) days` is not a duration: `thirty` and `31` disagree");
    CHECK(rejected("30 (thirty-one) days").find("`30` and `thirty-one` disagree") != std::string::npos);
    CHECK(rejected("Dreißig (31) Tage").find("`Dreißig` and `31` disagree") != std::string::npos);
    CHECK(rejected("30 (einunddreißig) Tage").find("`30` and `einunddreißig` disagree") != std::string::npos);
    CHECK(rejected("48 (48)-72 (73) hours").find("`72` and `73` disagree") != std::string::npos);
    auto help = parse_duration("30 (31) days");
    REQUIRE_FALSE(help.has_value());
    CHECK(help.error().diagnostics.front().help == "write the same number in words and in figures, e.g. `thirty (30) days`");
    CHECK(rejected("3.5 days") == "`3.5 days` is not a duration: `3.5` is not a whole number");
    CHECK(rejected("3,5 Tage") == "`3,5 Tage` is not a duration: `3,5` is not a whole number");
    CHECK(rejected("30 (x) days").find("unexpected `(`") != std::string::npos);
  }

  TEST_CASE("errors show whole UTF-8 characters") {
    CHECK(rejected("30 Tage…") == "`30 Tage…` is not a duration: unexpected `…`");
    CHECK(rejected("30 days \xE2\x80\x9C") == "`30 days \xE2\x80\x9C` is not a duration: unexpected `\xE2\x80\x9C`");
    CHECK(rejected("30 días") == "`30 días` is not a duration: unknown unit `días`");
    CHECK(rejected("30 Tage \xF0\x9F\x98\x80") == "`30 Tage \xF0\x9F\x98\x80` is not a duration: unexpected `\xF0\x9F\x98\x80`");
    CHECK(rejected("30 Tage \xFF") == "`30 Tage \xFF` is not a duration: unexpected byte 0xFF");
    CHECK(rejected("30 T\xC3") == "`30 T\xC3` is not a duration: unexpected byte 0xC3");  // a character cut short
    CHECK(rejected("30 \xED\xA0\x80") == "`30 \xED\xA0\x80` is not a duration: unexpected byte 0xED");  // a surrogate
    // Any byte that starts no character is refused, never skipped or looped on (0xA0 alone once hung the
    // tokenizer: it is the last byte of a no-break space).
    for (int b = 0x80; b <= 0xFF; ++b) {
      for (std::string text : {std::string(1, static_cast<char>(b)), "30 Tage " + std::string(1, static_cast<char>(b)),
                               "30" + std::string(1, static_cast<char>(b)) + "Tage"}) {
        CAPTURE(b);
        auto d = parse_duration(text);
        REQUIRE_FALSE(d.has_value());
        CHECK(d.error().diagnostics.front().message.find("unexpected byte 0x") != std::string::npos);
      }
    }
    check("30\xC2\xA0Tage", 30 * D, 30 * D);              // a no-break space, whole
    check("30\xE2\x80\xAF" "days", 30 * D, 30 * D);       // a narrow no-break space
    // Cut anywhere, a German phrase never yields a message that splits a character of its own.
    const std::string phrase = "spätestens innerhalb von dreißig Tagen (Geschäftszeiten) ü";
    for (std::size_t cut = 0; cut <= phrase.size(); ++cut) {
      const std::string text = phrase.substr(0, cut);
      if (!valid_utf8(text)) continue;
      CAPTURE(text);
      auto d = parse_duration(text);
      if (!d) CHECK(valid_utf8(d.error().diagnostics.front().message));
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
