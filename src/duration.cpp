#include <dpa/duration.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <limits>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "text.hpp"

namespace dpa {
inline namespace v1 {

namespace {

constexpr std::int64_t minute = 60, hour = 3600, day = 86400;
constexpr std::int64_t max_quantity = 1'000'000;  // far past any contract, far from overflow

struct interval {
  std::int64_t lo = 0, hi = 0;
  interval& operator+=(interval o) {
    lo += o.lo;
    hi += o.hi;
    return *this;
  }
};

// Shortest and longest span of n calendar months over the 400-year Gregorian
// cycle, counting as Regulation 1182/71 Art. 3(2)(c) does: from a day to the
// same date n months later, or the last day of that month if it has no such date.
interval month_span_uncached(std::int64_t n) {
  constexpr std::int64_t cycle_months = 4800;  // the Gregorian calendar repeats every 400 years
  constexpr std::int64_t cycle_days = 146097;
  // Month lengths and day counts over two cycles, so a window of up to one
  // cycle can start anywhere in the first without wrapping.
  static const auto table = [] {
    struct t {
      std::array<std::int64_t, 2 * cycle_months + 1> prefix{};
      std::array<std::int64_t, 2 * cycle_months> length{};
    } r;
    for (std::int64_t i = 0; i < 2 * cycle_months; ++i) {
      auto ym = std::chrono::year{2000 + static_cast<int>(i / 12)} / std::chrono::month{static_cast<unsigned>(i % 12 + 1)} /
                std::chrono::last;
      r.length[i] = static_cast<unsigned>(ym.day());
      r.prefix[i + 1] = r.prefix[i] + r.length[i];
    }
    return r;
  }();
  std::int64_t whole = n / cycle_months, rest = n % cycle_months;
  std::int64_t lo = std::numeric_limits<std::int64_t>::max(), hi = 0;
  for (std::int64_t m = 0; m < cycle_months; ++m) {
    // from the first of a month to the first n months later; from its last
    // day to the same date, or the end of a shorter month (1182/71 Art. 3(2)(c))
    std::int64_t from_first = table.prefix[m + rest] - table.prefix[m];
    std::int64_t from_last = from_first + std::min<std::int64_t>(0, table.length[m + rest] - table.length[m]);
    lo = std::min(lo, from_last);
    hi = std::max(hi, from_first);
  }
  return {(lo + whole * cycle_days) * day, (hi + whole * cycle_days) * day};
}

// Spans of up to 10 years, computed once on first use (about a millisecond):
// for every start month of the 400-year cycle and every length up to 120
// months, the shortest and the longest span in days.
constexpr int cached_months = 120;
struct month_spans {
  std::array<std::int64_t, cached_months + 1> lo{}, hi{};
};

constexpr int month_length(int index) {  // months since January 2000
  int year = 2000 + index / 12, month = index % 12 + 1;
  if (month == 2) return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
  return (month == 4 || month == 6 || month == 9 || month == 11) ? 30 : 31;
}

constexpr auto month_lengths = [] {
  std::array<std::int8_t, 4800 + cached_months + 1> out{};
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<std::int8_t>(month_length(static_cast<int>(i)));
  return out;
}();

month_spans compute_month_spans() {
  month_spans t;
  for (std::size_t n = 0; n < t.lo.size(); ++n) {
    t.lo[n] = std::numeric_limits<std::int64_t>::max();
    t.hi[n] = 0;
  }
  for (int m = 0; m < 4800; ++m) {
    std::int64_t from_first = 0;
    const int start = month_lengths[m];
    for (int n = 0; n <= cached_months; ++n) {
      if (n > 0) from_first += month_lengths[m + n - 1];
      std::int64_t from_last = from_first + std::min(0, month_lengths[m + n] - start);
      t.lo[n] = std::min(t.lo[n], from_last);
      t.hi[n] = std::max(t.hi[n], from_first);
    }
  }
  return t;
}


interval month_span(std::int64_t n) {
  static const month_spans cached_spans = compute_month_spans();
  if (n < static_cast<std::int64_t>(cached_spans.lo.size())) return {cached_spans.lo[n] * day, cached_spans.hi[n] * day};
  return month_span_uncached(n);
}

interval business_days(std::int64_t n) {
  if (n == 0) return {};
  return {(n + 2 * ((n - 1) / 5)) * day, (n + 2 * ((n + 4) / 5)) * day};
}

enum class unit { second, minute, hour, day, week, month, year, business_day };

struct unit_word {
  std::string_view word;
  unit u;
};
constexpr std::array unit_words{
    unit_word{"s", unit::second},        unit_word{"sec", unit::second},     unit_word{"second", unit::second},
    unit_word{"seconds", unit::second},  unit_word{"min", unit::minute},     unit_word{"mins", unit::minute},
    unit_word{"minute", unit::minute},   unit_word{"minutes", unit::minute}, unit_word{"h", unit::hour},
    unit_word{"hr", unit::hour},         unit_word{"hrs", unit::hour},       unit_word{"hour", unit::hour},
    unit_word{"hours", unit::hour},      unit_word{"d", unit::day},          unit_word{"day", unit::day},
    unit_word{"days", unit::day},        unit_word{"w", unit::week},         unit_word{"wk", unit::week},
    unit_word{"wks", unit::week},        unit_word{"week", unit::week},      unit_word{"weeks", unit::week},
    unit_word{"mo", unit::month},        unit_word{"month", unit::month},    unit_word{"months", unit::month},
    unit_word{"y", unit::year},          unit_word{"yr", unit::year},        unit_word{"yrs", unit::year},
    unit_word{"year", unit::year},       unit_word{"years", unit::year},
};

interval span(unit u, std::int64_t n) {
  switch (u) {
    case unit::second: return {n, n};
    case unit::minute: return {n * minute, n * minute};
    case unit::hour: return {n * hour, n * hour};
    case unit::day: return {n * day, n * day};
    case unit::week: return {n * 7 * day, n * 7 * day};
    case unit::month: return month_span(n);
    case unit::year: return month_span(12 * n);
    case unit::business_day: return business_days(n);
  }
  return {};
}

constexpr std::array<std::string_view, 20> small_numbers{
    "zero",    "one",     "two",       "three",    "four",     "five",    "six",
    "seven",   "eight",   "nine",      "ten",      "eleven",   "twelve",  "thirteen",
    "fourteen", "fifteen", "sixteen",  "seventeen", "eighteen", "nineteen"};
constexpr std::array<std::string_view, 8> tens{"twenty", "thirty",  "forty", "fifty",
                                               "sixty",  "seventy", "eighty", "ninety"};

std::optional<std::int64_t> word_number(std::string_view w) {
  if (w == "a" || w == "an") return 1;
  for (std::size_t i = 0; i < small_numbers.size(); ++i)
    if (w == small_numbers[i]) return static_cast<std::int64_t>(i);
  for (std::size_t i = 0; i < tens.size(); ++i)
    if (w == tens[i]) return static_cast<std::int64_t>(20 + 10 * i);
  return std::nullopt;
}

struct token {
  enum kind { word, number, punct } k;
  std::string_view text;
  std::int64_t value = 0;
};

// Splits lower-cased text into words, numbers and single punctuation marks.
std::optional<std::vector<token>> tokenize(std::string_view s, std::string& bad) {
  std::vector<token> out;
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == ' ') {
      ++i;
    } else if (c >= 'a' && c <= 'z') {
      std::size_t j = i;
      while (j < s.size() && s[j] >= 'a' && s[j] <= 'z') ++j;
      out.push_back({token::word, s.substr(i, j - i)});
      i = j;
    } else if (c >= '0' && c <= '9') {
      std::size_t j = i;
      while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
      token t{token::number, s.substr(i, j - i)};
      if (j - i > 7) {
        bad = std::string(t.text);
        return std::nullopt;
      }
      std::from_chars(s.data() + i, s.data() + j, t.value);
      out.push_back(t);
      i = j;
    } else if (c == '(' || c == ')' || c == '-' || c == ',') {
      out.push_back({token::punct, s.substr(i, 1)});
      ++i;
    } else {
      bad = std::string(1, c);
      return std::nullopt;
    }
  }
  return out;
}

result<duration> failure(std::string message, std::string help = {}) {
  return error{{diagnostic{errc::invalid_duration, std::move(message), {}, 0, 0, std::move(help)}}};
}

std::optional<interval> parse_iso(std::string_view s) {
  // P[nY][nM][nW][nD][T[nH][nM][nS]]
  if (s.size() < 2 || s[0] != 'p') return std::nullopt;
  interval total;
  std::int64_t months = 0;
  bool time = false, any = false;
  std::size_t i = 1;
  const std::string_view date_units = "ymwd", time_units = "hms";
  std::size_t last_date = 0, last_time = 0;
  while (i < s.size()) {
    if (s[i] == 't') {
      if (time) return std::nullopt;
      time = true;
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    if (j == i || j == s.size() || j - i > 7) return std::nullopt;
    std::int64_t n = 0;
    std::from_chars(s.data() + i, s.data() + j, n);
    char u = s[j];
    const auto& units = time ? time_units : date_units;
    auto pos = units.find(u);
    auto& last = time ? last_time : last_date;
    if (pos == std::string_view::npos || pos + 1 <= last) return std::nullopt;  // order Y M W D / H M S
    last = pos + 1;
    if (!time) {
      if (u == 'y') months += 12 * n;
      if (u == 'm') months += n;
      if (u == 'w') total += span(unit::week, n);
      if (u == 'd') total += span(unit::day, n);
    } else {
      if (u == 'h') total += span(unit::hour, n);
      if (u == 'm') total += span(unit::minute, n);
      if (u == 's') total += span(unit::second, n);
    }
    any = true;
    i = j + 1;
  }
  if (!any || (time && last_time == 0)) return std::nullopt;
  if (months > 0) total += month_span(months);
  return total;
}

}  // namespace

duration duration::from_seconds(seconds shortest, seconds longest, std::string text) {
  duration d;
  d.shortest_ = shortest;
  d.longest_ = longest;
  d.text_ = text.empty() ? std::string{} : std::move(text);
  if (d.text_.empty()) d.text_ = d.describe();
  return d;
}

std::string duration::describe() const {
  if (kind_ == kind::undue_delay) return "without undue delay";
  if (kind_ == kind::immediately) return "immediately";
  auto one = [](seconds s) {
    if (s == unbounded) return std::string("unbounded");
    if (s % day == 0 && s >= 4 * day) return fmt::format("{}d", s / day);
    if (s % hour == 0) return fmt::format("{}h", s / hour);
    if (s % minute == 0) return fmt::format("{}min", s / minute);
    return fmt::format("{}s", s);
  };
  if (exact()) return one(shortest_);
  return one(shortest_) + ".." + one(longest_);
}

result<duration> parse_duration(std::string_view original) {
  std::string s = detail::normalise_phrase(original);
  if (s.empty()) return failure("an empty string is not a duration");
  duration d;
  d.text_ = std::string(detail::trim(original));
  if (s == "without undue delay" || s == "undue delay" || s == "without delay" || s == "promptly") {
    d.kind_ = duration::kind::undue_delay;
    d.longest_ = duration::unbounded;
    return d;
  }
  if (s == "immediately" || s == "forthwith") {
    d.kind_ = duration::kind::immediately;
    d.longest_ = duration::unbounded;
    return d;
  }
  if (s[0] == 'p' && s.find(' ') == std::string::npos) {
    auto iso = parse_iso(s);
    if (!iso) return failure(fmt::format("`{}` is not an ISO 8601 duration", d.text_), "write e.g. `PT72H`, `P30D` or `P1M`");
    d.shortest_ = iso->lo;
    d.longest_ = iso->hi;
    return d;
  }

  std::string bad;
  auto tokens = tokenize(s, bad);
  if (!tokens) return failure(fmt::format("`{}` is not a duration: unexpected `{}`", d.text_, bad));
  const auto& t = *tokens;
  std::size_t i = 0;
  auto at_word = [&](std::string_view w) { return i < t.size() && t[i].k == token::word && t[i].text == w; };
  auto at_punct = [&](char c) { return i < t.size() && t[i].k == token::punct && t[i].text[0] == c; };

  // a quantity: 30 | thirty | twenty-four | thirty (30) | one hundred
  auto quantity = [&]() -> std::optional<std::int64_t> {
    std::optional<std::int64_t> n;
    if (i < t.size() && t[i].k == token::number) {
      n = t[i++].value;
    } else if (i < t.size() && t[i].k == token::word) {
      n = word_number(t[i].text);
      if (!n) return std::nullopt;
      ++i;
      if (*n >= 20 && *n % 10 == 0) {  // twenty-four, twenty four
        std::size_t save = i;
        if (at_punct('-')) ++i;
        if (i < t.size() && t[i].k == token::word) {
          auto units = word_number(t[i].text);
          if (units && *units >= 1 && *units <= 9) {
            *n += *units;
            ++i;
          } else {
            i = save;
          }
        } else {
          i = save;
        }
      }
      if (at_word("hundred")) {
        ++i;
        *n *= 100;
      }
      if (at_punct('(')) {  // thirty (30)
        if (i + 2 < t.size() && t[i + 1].k == token::number && t[i + 2].k == token::punct && t[i + 2].text == ")") {
          if (t[i + 1].value != *n) return std::nullopt;
          i += 3;
        } else {
          return std::nullopt;
        }
      }
    }
    return n;
  };

  if (at_word("rolling") || at_word("within") ) {
    // "within" and "rolling" carry no length; the field says what the bound means
    ++i;
  }
  auto first = quantity();
  if (!first) {
    if (i < t.size() && t[i].k == token::word && !word_number(t[i].text)) {
      auto near = detail::closest(t[i].text, {"without undue delay", "immediately"});
      return failure(fmt::format("`{}` is not a duration", d.text_),
                     near ? fmt::format("did you mean `{}`?", *near) : "write e.g. `72 hours`, `30 days`, `one month` or `P30D`");
    }
    return failure(fmt::format("`{}` is not a duration: expected a number", d.text_),
                   "write e.g. `72 hours`, `30 days`, `one month` or `P30D`");
  }
  std::int64_t lo_n = *first, hi_n = *first;
  if (at_punct('-') || at_word("to")) {  // 48-72 hours, 48 to 72 hours
    std::size_t save = i;
    ++i;
    auto second = quantity();
    if (second) {
      hi_n = *second;
      if (hi_n < lo_n) return failure(fmt::format("`{}` is not a duration: the range runs backwards", d.text_));
    } else {
      i = save;
    }
  }
  if (at_punct('-')) ++i;  // 90-day
  bool business = false;
  if (at_word("calendar")) {
    ++i;
  } else if (at_word("business") || at_word("working")) {
    business = true;
    ++i;
  }
  if (i >= t.size() || t[i].k != token::word)
    return failure(fmt::format("`{}` is not a duration: no unit", d.text_), "add a unit: hours, days, weeks, months or years");
  std::string_view uw = t[i].text;
  auto found = std::find_if(unit_words.begin(), unit_words.end(), [&](const unit_word& w) { return w.word == uw; });
  if (found == unit_words.end()) {
    std::vector<std::string_view> names{"hours", "days", "weeks", "months", "years", "minutes", "business days"};
    auto near = detail::closest(uw, names);
    return failure(fmt::format("`{}` is not a duration: unknown unit `{}`", d.text_, uw),
                   near ? fmt::format("did you mean `{}`?", *near) : "use hours, days, weeks, months or years");
  }
  unit u = found->u;
  ++i;
  if (business) {
    if (u != unit::day) return failure(fmt::format("`{}` is not a duration: business periods are counted in days", d.text_));
    u = unit::business_day;
  }
  // "90-day backup cycle", "30-day notice period": nouns that name the period, not its length
  static constexpr std::array<std::string_view, 8> trailing{"cycle",  "period",  "window", "backup",
                                                             "rolling", "notice", "retention", "term"};
  while (i < t.size() && t[i].k == token::word &&
         std::find(trailing.begin(), trailing.end(), t[i].text) != trailing.end())
    ++i;
  if (i != t.size())
    return failure(fmt::format("`{}` is not a duration: unexpected `{}`", d.text_, t[i].text));
  if (lo_n > max_quantity || hi_n > max_quantity)
    return failure(fmt::format("`{}` is too long to be a contractual period", d.text_));
  d.shortest_ = span(u, lo_n).lo;
  d.longest_ = span(u, hi_n).hi;
  return d;
}

answer at_most(const duration& a, const duration& b) noexcept {
  if (a.longest() <= b.shortest()) return answer::yes;
  if (a.shortest() > b.longest()) return answer::no;
  return answer::depends;
}

answer shorter(const duration& a, const duration& b) noexcept {
  if (a.longest() < b.shortest()) return answer::yes;
  if (a.shortest() >= b.longest()) return answer::no;
  return answer::depends;
}

answer longer(const duration& a, const duration& b) noexcept {
  switch (at_most(a, b)) {
    case answer::yes: return answer::no;
    case answer::no: return answer::yes;
    default: return answer::depends;
  }
}

answer same_length(const duration& a, const duration& b) noexcept {
  if (a.exact() && b.exact() && a.bounded() && b.bounded())
    return a.shortest() == b.shortest() ? answer::yes : answer::no;
  if (a.longest() < b.shortest() || b.longest() < a.shortest()) return answer::no;
  return answer::depends;
}

}  // namespace v1
}  // namespace dpa
