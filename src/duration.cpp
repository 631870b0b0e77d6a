#include <dpa/duration.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
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

// (580 000 steps: written on plain pointers, as an unoptimised, sanitized build
// would otherwise spend a third of every process start-up here.)
month_spans compute_month_spans() {
  month_spans t;
  std::int64_t* lo = t.lo.data();
  std::int64_t* hi = t.hi.data();
  const std::int8_t* length = month_lengths.data();
  for (int n = 0; n <= cached_months; ++n) {
    lo[n] = std::numeric_limits<std::int64_t>::max();
    hi[n] = 0;
  }
  for (int m = 0; m < 4800; ++m) {
    std::int64_t from_first = 0;
    const int start = length[m];
    for (int n = 0; n <= cached_months; ++n) {
      if (n > 0) from_first += length[m + n - 1];
      const int shorter = length[m + n] - start;
      const std::int64_t from_last = from_first + (shorter < 0 ? shorter : 0);
      if (from_last < lo[n]) lo[n] = from_last;
      if (from_first > hi[n]) hi[n] = from_first;
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

// German Werktage are every day but Sundays and public holidays, Saturdays
// included: "Als Werktage gelten alle Kalendertage, die nicht Sonn- oder
// gesetzliche Feiertage sind" (BUrlG § 3(2)), and § 193 BGB names the
// Sonnabend beside Sundays and holidays because it is a Werktag. Arbeitstage
// (and Geschäftstage) are Monday to Friday, read as business days. So n
// Werktage skip one Sunday per six days: [n + floor((n-1)/6), n + ceil(n/6)]
// calendar days. Like business days, public holidays are not modelled, nor is
// § 193 BGB moving a period's last day off a Saturday, Sunday or holiday (it
// would move calendar-day periods too, which are read as exact).
interval werktage(std::int64_t n) {
  if (n == 0) return {};
  return {(n + (n - 1) / 6) * day, (n + (n + 5) / 6) * day};
}

// n hours counted in business hours ("72 hours (business hours)", "48 Stunden
// (Geschäftszeiten)"). Contracts leave open how long a business day is: read
// as hours of the working days ("48 hours, weekends not counted"), 48 hours
// can pass in two days; read as 8 business hours a day (9:00 to 17:00, Monday
// to Friday, no public holidays) they fill d = ceil(n/8) business days. Both
// readings are in the interval. Shortest: n hours, running straight through
// working days. Longest, on the 8-hour reading: the clock starts just after a
// Friday's close, so the 64 hours to Monday's opening come first, then the n
// hours with a 16-hour night between days and a 48-hour weekend after every
// fifth day; no start waits longer, and a shorter business day (or a holiday)
// would lengthen it.
interval business_hours(std::int64_t n) {
  if (n == 0) return {};
  const std::int64_t days = (n + 7) / 8;
  const std::int64_t eight_hour_days = n + 16 * (days - 1) + 48 * ((days - 1) / 5);
  return {n * hour, (eight_hour_days + 64) * hour};
}

enum class unit { second, minute, hour, day, week, month, year, business_day, werktag, business_hour };

struct unit_word {
  std::string_view word;  // folded: ASCII, umlauts as ae, oe, ue, ss
  unit u;
  bool abbreviation = false;  // may take a period: "72 Std."
};
// Sorted, so that the words of each initial letter sit together (see
// unit_initials). German nouns in every case and number the contracts use
// ("binnen eines Monats", "innerhalb von zwei Monaten").
constexpr std::array unit_words{
    unit_word{"arbeitstag", unit::business_day},      unit_word{"arbeitstage", unit::business_day},
    unit_word{"arbeitstagen", unit::business_day},    unit_word{"arbeitstages", unit::business_day},
    unit_word{"d", unit::day, true},                  unit_word{"day", unit::day},
    unit_word{"days", unit::day},                     unit_word{"geschaeftstag", unit::business_day},
    unit_word{"geschaeftstage", unit::business_day},  unit_word{"geschaeftstagen", unit::business_day},
    unit_word{"geschaeftstages", unit::business_day}, unit_word{"h", unit::hour, true},
    unit_word{"hour", unit::hour},                    unit_word{"hours", unit::hour},
    unit_word{"hr", unit::hour, true},                unit_word{"hrs", unit::hour, true},
    unit_word{"jahr", unit::year},                    unit_word{"jahre", unit::year},
    unit_word{"jahren", unit::year},                  unit_word{"jahres", unit::year},
    unit_word{"jahrs", unit::year},                   unit_word{"kalendertag", unit::day},
    unit_word{"kalendertage", unit::day},             unit_word{"kalendertagen", unit::day},
    unit_word{"kalendertages", unit::day},            unit_word{"min", unit::minute, true},
    unit_word{"mins", unit::minute, true},            unit_word{"minute", unit::minute},
    unit_word{"minuten", unit::minute},               unit_word{"minutes", unit::minute},
    unit_word{"mo", unit::month, true},               unit_word{"monat", unit::month},
    unit_word{"monate", unit::month},                 unit_word{"monaten", unit::month},
    unit_word{"monats", unit::month},                 unit_word{"month", unit::month},
    unit_word{"months", unit::month},                 unit_word{"s", unit::second, true},
    unit_word{"sec", unit::second, true},             unit_word{"second", unit::second},
    unit_word{"seconds", unit::second},               unit_word{"sek", unit::second, true},
    unit_word{"sekunde", unit::second},               unit_word{"sekunden", unit::second},
    unit_word{"std", unit::hour, true},               unit_word{"stunde", unit::hour},
    unit_word{"stunden", unit::hour},                 unit_word{"tag", unit::day},
    unit_word{"tage", unit::day},                     unit_word{"tagen", unit::day},
    unit_word{"tages", unit::day},                    unit_word{"w", unit::week, true},
    unit_word{"week", unit::week},                    unit_word{"weeks", unit::week},
    unit_word{"werktag", unit::werktag},              unit_word{"werktage", unit::werktag},
    unit_word{"werktagen", unit::werktag},            unit_word{"werktages", unit::werktag},
    unit_word{"wk", unit::week, true},                unit_word{"wks", unit::week, true},
    unit_word{"woche", unit::week},                   unit_word{"wochen", unit::week},
    unit_word{"y", unit::year, true},                 unit_word{"year", unit::year},
    unit_word{"years", unit::year},                   unit_word{"yr", unit::year, true},
    unit_word{"yrs", unit::year, true},
};
static_assert(std::is_sorted(unit_words.begin(), unit_words.end(),
                             [](const unit_word& a, const unit_word& b) { return a.word < b.word; }));

// Where the words of each initial letter start in unit_words: those starting
// with c are [unit_initials[c - 'a'], unit_initials[c - 'a' + 1]).
constexpr auto unit_initials = [] {
  std::array<std::uint8_t, 27> at{};
  std::size_t w = 0;
  for (char c = 'a'; c <= 'z'; ++c) {
    while (w < unit_words.size() && unit_words[w].word[0] < c) ++w;
    at[static_cast<std::size_t>(c - 'a')] = static_cast<std::uint8_t>(w);
  }
  at[26] = static_cast<std::uint8_t>(unit_words.size());
  return at;
}();

const unit_word* find_unit(std::string_view key) {
  if (key.empty() || key[0] < 'a' || key[0] > 'z') return nullptr;
  const auto c = static_cast<std::size_t>(key[0] - 'a');
  for (std::size_t w = unit_initials[c]; w < unit_initials[c + 1]; ++w)
    if (unit_words[w].word == key) return &unit_words[w];
  return nullptr;
}

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
    case unit::werktag: return werktage(n);
    case unit::business_hour: return business_hours(n);
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

// German number words, folded (fünf -> fuenf, dreißig -> dreissig). German
// writes a number below a million as one word: "einundzwanzig" (21),
// "achtundvierzig" (48), "hundertachtzig" (180), "dreihundertfünfundsechzig"
// (365), "zweitausend".
constexpr std::array<std::string_view, 9> german_ones{"ein",  "zwei",   "drei", "vier", "fuenf",
                                                      "sechs", "sieben", "acht", "neun"};
constexpr std::array<std::string_view, 10> german_teens{"zehn",     "elf",       "zwoelf",   "dreizehn", "vierzehn",
                                                        "fuenfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn"};
constexpr std::array<std::string_view, 8> german_tens{"zwanzig", "dreissig", "vierzig", "fuenfzig",
                                                      "sechzig", "siebzig",  "achtzig", "neunzig"};

std::optional<std::int64_t> index_in(std::string_view w, const auto& words) {
  for (std::size_t i = 0; i < words.size(); ++i)
    if (w == words[i]) return static_cast<std::int64_t>(i);
  return std::nullopt;
}

// 1 to 99: "eins", "zwölf", "vierzig", "einundvierzig"
std::optional<std::int64_t> german_below_hundred(std::string_view w) {
  if (w == "eins") return 1;
  if (auto i = index_in(w, german_ones)) return *i + 1;
  if (auto i = index_in(w, german_teens)) return *i + 10;
  if (auto i = index_in(w, german_tens)) return 10 * *i + 20;
  auto und = w.find("und");
  if (und == std::string_view::npos) return std::nullopt;
  auto ones = index_in(w.substr(0, und), german_ones), ten = index_in(w.substr(und + 3), german_tens);
  if (!ones || !ten) return std::nullopt;
  return *ones + 1 + 10 * *ten + 20;
}

// 1 to 999: "hundert", "einhundertachtzig", "dreihundertundfünf"
std::optional<std::int64_t> german_below_thousand(std::string_view w) {
  auto at = w.find("hundert");
  if (at == std::string_view::npos) return german_below_hundred(w);
  std::int64_t hundreds = 1;
  if (at > 0) {
    auto h = index_in(w.substr(0, at), german_ones);
    if (!h) return std::nullopt;
    hundreds = *h + 1;
  }
  auto rest = w.substr(at + 7);
  if (rest.starts_with("und")) rest.remove_prefix(3);
  if (rest.empty()) return 100 * hundreds;
  auto r = german_below_hundred(rest);
  if (!r) return std::nullopt;
  return 100 * hundreds + *r;
}

std::optional<std::int64_t> german_number(std::string_view w) {
  // "ein" and its inflections stand for one on their own: "binnen einer Woche", "innerhalb eines Monats"
  if (w == "eine" || w == "einem" || w == "einen" || w == "einer" || w == "eines") return 1;
  if (w == "null") return 0;
  auto at = w.find("tausend");
  if (at == std::string_view::npos) return german_below_thousand(w);
  std::int64_t thousands = 1;
  if (at > 0) {
    auto t = german_below_thousand(w.substr(0, at));
    if (!t) return std::nullopt;
    thousands = *t;
  }
  auto rest = w.substr(at + 7);
  if (rest.starts_with("und")) rest.remove_prefix(3);
  if (rest.empty()) return 1000 * thousands;
  auto r = german_below_thousand(rest);
  if (!r) return std::nullopt;
  return 1000 * thousands + *r;
}

struct token {
  enum kind { word, number, punct } k;
  std::string_view text;  ///< as written, whole UTF-8 characters
  std::string_view key;   ///< words in lower case with umlauts folded (Prüfung -> pruefung); `-` for any dash
  std::int64_t value = 0;
};

// Letters that may be part of a word: Latin (with the German umlauts and ß),
// Greek, Cyrillic and combining marks ("u" + U+0308 is "ü" decomposed). Other
// characters are never part of a duration and end it with an error.
bool letter(char32_t c) {
  return (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x300 && c <= 0x36F) ||
         (c >= 0x370 && c <= 0x52F && c != 0x37E && c != 0x387) || (c >= 0x1E00 && c <= 0x1EFF);
}

// Appends the key of a word to `keys`: ASCII in lower case, and ä, ö, ü
// (either case, or decomposed with U+0308) as ae, oe, ue, and ß or ẞ as ss,
// as German writes them without umlauts. Never longer than the word.
void append_key(std::string& keys, std::string_view w) {
  const std::size_t from = keys.size();
  std::size_t i = 0;
  while (i < w.size()) {
    char32_t cp = 0;
    const std::size_t n = detail::utf8_char(w, i, &cp);  // the tokenizer passes whole characters only
    switch (cp) {
      case 0xE4: case 0xC4: keys += "ae"; break;   // ä Ä
      case 0xF6: case 0xD6: keys += "oe"; break;   // ö Ö
      case 0xFC: case 0xDC: keys += "ue"; break;   // ü Ü
      case 0xDF: case 0x1E9E: keys += "ss"; break;  // ß ẞ
      case 0x308:  // a combining diaeresis after a, o or u
        if (keys.size() > from && (keys.back() == 'a' || keys.back() == 'o' || keys.back() == 'u')) {
          keys.push_back('e');
          break;
        }
        [[fallthrough]];
      default:
        if (cp >= 'A' && cp <= 'Z') {
          keys.push_back(static_cast<char>(cp - 'A' + 'a'));
        } else {
          keys.append(w.substr(i, n));
        }
    }
    i += n;
  }
}

// Splits text into words, numbers and single punctuation marks, always at the
// boundary of a UTF-8 character, reading it as normalise_phrase does: any
// case, runs of white space and no-break or thin spaces as one space, Unicode
// hyphens and dashes as `-`, and periods at the end dropped. Tokens keep the
// text as written, for messages. On failure `bad` says what was unexpected:
// a whole character, or a byte that is not one.
std::optional<std::vector<token>> tokenize(std::string_view s, std::string& keys, std::string& bad) {
  std::vector<token> out;
  out.reserve(8);  // one allocation for the usual duration, not one per doubling
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    // ASCII first, it is nearly all there is; a byte that starts no character
    // leaves n = 0 and cp = 0, never one of the spaces below (a loop without progress)
    char32_t cp = static_cast<unsigned char>(c);
    std::size_t n = 1;
    if (cp >= 0x80) {
      cp = 0;
      n = detail::utf8_char(s, i, &cp);
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || cp == 0xA0 || cp == 0x2009 || cp == 0x200A || cp == 0x202F) {
      i += n;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (n > 1 && letter(cp))) {
      std::size_t j = i;
      bool plain = true;  // lower-case ASCII only: the key is the text
      while (j < s.size()) {
        const auto b = static_cast<unsigned char>(s[j]);
        if (b >= 'a' && b <= 'z') {
          ++j;
          continue;
        }
        std::size_t m = 1;
        if (b >= 0x80) {
          char32_t cpj = 0;
          m = detail::utf8_char(s, j, &cpj);
          if (m < 2 || !letter(cpj)) break;
        } else if (b < 'A' || b > 'Z') {
          break;
        }
        plain = false;
        j += m;
      }
      token t{token::word, s.substr(i, j - i), s.substr(i, j - i)};
      if (!plain) {
        // `keys` gets room for all of s at once, and a key is never longer than
        // its word, so it never reallocates and the keys already made stay valid
        if (keys.capacity() < s.size()) keys.reserve(s.size());
        const std::size_t from = keys.size();
        append_key(keys, t.text);
        t.key = std::string_view(keys).substr(from);
      }
      out.push_back(t);
      i = j;
    } else if (c >= '0' && c <= '9') {
      std::size_t j = i;
      while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
      token t{token::number, s.substr(i, j - i), s.substr(i, j - i)};
      if (j - i > 7) {
        bad = fmt::format("unexpected `{}`", t.text);
        return std::nullopt;
      }
      std::from_chars(s.data() + i, s.data() + j, t.value);
      out.push_back(t);
      i = j;
    } else if (c == '(' || c == ')' || c == '-' || c == ',' || c == '.') {
      out.push_back({token::punct, s.substr(i, 1), s.substr(i, 1)});
      ++i;
    } else if (cp >= 0x2010 && cp <= 0x2015) {  // hyphens, en and em dashes
      out.push_back({token::punct, s.substr(i, n), "-"});
      i += n;
    } else if (n > 0) {  // a whole character that has no place in a duration
      bad = fmt::format("unexpected `{}`", s.substr(i, n));
      return std::nullopt;
    } else {
      bad = fmt::format("unexpected byte 0x{:02X}", static_cast<unsigned char>(c));
      return std::nullopt;
    }
  }
  // the period that ends a sentence ("30 days."), and any right before it
  const char* next = nullptr;
  while (!out.empty() && out.back().k == token::punct && out.back().key == "." &&
         (!next || out.back().text.data() + 1 == next)) {
    next = out.back().text.data();
    out.pop_back();
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

// Phrases that state no length, as normalise_phrase writes them, with words
// folded as token keys are.
struct phrase {
  std::string_view words;
  duration::kind how;
};
constexpr auto undue = duration::kind::undue_delay, at_once = duration::kind::immediately;
constexpr std::array phrases{
    phrase{"without undue delay", undue},
    phrase{"undue delay", undue},
    phrase{"without delay", undue},
    phrase{"promptly", undue},
    phrase{"immediately", at_once},
    phrase{"forthwith", at_once},
    // § 121(1) BGB defines unverzüglich as "ohne schuldhaftes Zögern". The
    // German GDPR writes it for "without undue delay" (Art. 33(2)) and also for
    // "immediately" (the last subparagraph of Art. 28(3)); read here as the
    // former, the weaker promise.
    phrase{"unverzueglich", undue},
    phrase{"ohne schuldhaftes zoegern", undue},
    phrase{"ohne unangemessene verzoegerung", undue},
    phrase{"ohne verzoegerung", undue},
    // "umgehend" is no term of law. In use it means "promptly", the same as
    // unverzüglich (without avoidable delay, leaving the time needed to act),
    // not "sofort" (at once), so it is read as without undue delay: reading it
    // as immediately would credit the contract with a stricter promise than it
    // clearly makes. Both kinds have no upper bound and no rule tells them
    // apart today, so the choice shows only in how the duration is described.
    phrase{"umgehend", undue},
    phrase{"sofort", at_once},
};

// How many tokens the phrase takes from the start of `t`; 0 when it does not match.
std::size_t phrase_length(std::string_view p, const std::vector<token>& t) {
  std::size_t n = 0, at = 0;
  while (at < p.size()) {
    if (n >= t.size() || t[n].k != token::word) return 0;
    const std::string_view w = t[n].key;
    if (w[0] != p[at] || p.substr(at, w.size()) != w) return 0;  // the first letter rules out most
    at += w.size();
    if (at < p.size() && p[at++] != ' ') return 0;
    ++n;
  }
  return n;
}

// What may stand in parentheses after hours to count them in business hours.
constexpr std::array<std::string_view, 11> business_hours_notes{
    "business hours",          "working hours",          "during business hours",          "within business hours",
    "geschaeftszeit",          "geschaeftszeiten",       "geschaeftsstunden",              "arbeitszeit",
    "arbeitszeiten",           "waehrend der geschaeftszeiten", "innerhalb der geschaeftszeiten"};

constexpr std::string_view number_help = "write e.g. `72 hours`, `30 days`, `one month` or `P30D`";

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

namespace {

// "unverzüglich, spätestens innerhalb von 24 Stunden", "within 24 hours, and no later than 72 hours":
// text after a complete period that is itself a period. Returns the failure that names both, or nothing.
// `whole` is the text the tokens view.
thread_local bool looking_for_second = false;

std::optional<result<duration>> two_periods(std::string_view whole, std::string_view first,
                                            const std::vector<token>& t, std::size_t from, bool first_has_length) {
  if (looking_for_second) return std::nullopt;  // one level: the rest is not searched again
  struct searching {
    searching() noexcept { looking_for_second = true; }
    ~searching() { looking_for_second = false; }
  } guard;
  std::optional<std::string_view> second;
  bool second_has_length = false;
  const char* end = whole.data() + whole.size();
  for (std::size_t j = from; j < t.size() && !second; ++j) {
    if (t[j].k == token::punct) continue;
    std::string_view rest(t[j].text.data(), static_cast<std::size_t>(end - t[j].text.data()));
    if (auto r = parse_duration(rest)) second = rest, second_has_length = r.value().bounded();
  }
  if (!second) return std::nullopt;
  std::string help = "encode the period that binds; the other (a first notice, a full report) goes in its own "
                     "member or stays in the clause";
  if (first_has_length != second_has_length)
    help = fmt::format("encode the fixed bound `{}` as the duration and the duty to act `{}` apart (for a breach: "
                       "`undue_delay: true`)",
                       first_has_length ? first : *second, first_has_length ? *second : first);
  return failure(fmt::format("`{}` is two periods, `{}` and `{}`; a duration is one", whole, first, *second), help);
}

}  // namespace

result<duration> parse_duration(std::string_view original) {
  std::string s = detail::normalise_phrase(original);
  if (s.empty()) return failure("an empty string is not a duration");
  duration d;
  d.text_ = std::string(detail::trim(original));
  for (const auto& p : phrases) {  // as most contracts write them; other spellings below, once tokenized
    if (s == p.words) {
      d.kind_ = p.how;
      d.longest_ = duration::unbounded;
      return d;
    }
  }
  if (s[0] == 'p' && s.find(' ') == std::string::npos) {
    auto iso = parse_iso(s);
    if (!iso) return failure(fmt::format("`{}` is not an ISO 8601 duration", d.text_), "write e.g. `PT72H`, `P30D` or `P1M`");
    d.shortest_ = iso->lo;
    d.longest_ = iso->hi;
    return d;
  }

  std::string bad, keys;
  auto tokens = tokenize(detail::trim(original), keys, bad);
  if (!tokens) return failure(fmt::format("`{}` is not a duration: {}", d.text_, bad));
  const auto& t = *tokens;

  std::size_t i = 0;
  auto at_word = [&](std::string_view w) { return i < t.size() && t[i].k == token::word && t[i].key == w; };
  auto at_punct = [&](char c) { return i < t.size() && t[i].k == token::punct && t[i].key[0] == c; };
  // tokens [from, to) as written
  auto written = [&](std::size_t from, std::size_t to) {
    const char* end = t[to - 1].text.data() + t[to - 1].text.size();
    return std::string_view(t[from].text.data(), static_cast<std::size_t>(end - t[from].text.data()));
  };
  std::string problem, problem_help;  // why a quantity is malformed, when it is

  // a number in words: thirty | twenty-four | twenty four | one hundred and eighty | dreißig | einundzwanzig
  auto in_words = [&]() -> std::optional<std::int64_t> {
    if (i >= t.size() || t[i].k != token::word) return std::nullopt;
    auto n = word_number(t[i].key);
    if (!n) {
      auto german = german_number(t[i].key);
      if (german) ++i;
      return german;
    }
    ++i;
    auto add_units = [&](std::int64_t& v) {  // twenty-four, twenty four
      if (v < 20 || v % 10 != 0) return;
      std::size_t save = i;
      if (at_punct('-')) ++i;
      if (i < t.size() && t[i].k == token::word) {
        auto units = word_number(t[i].key);
        if (units && *units >= 1 && *units <= 9) {
          v += *units;
          ++i;
          return;
        }
      }
      i = save;
    };
    add_units(*n);
    if (at_word("hundred")) {
      ++i;
      *n *= 100;
      std::size_t save = i;
      if (at_word("and")) ++i;  // one hundred and eighty
      std::optional<std::int64_t> rest;
      if (i < t.size() && t[i].k == token::word && t[i].key != "a" && t[i].key != "an") rest = word_number(t[i].key);
      if (rest && *rest >= 1) {
        ++i;
        add_units(*rest);
        *n += *rest;
      } else {
        i = save;
      }
    }
    return n;
  };

  // a quantity: 30 | thirty | thirty (30) | 30 (thirty) | dreißig (30) | 30 (dreißig)
  auto quantity = [&]() -> std::optional<std::int64_t> {
    const std::size_t from = i;
    std::optional<std::int64_t> n;
    if (i < t.size() && t[i].k == token::number) {
      n = t[i++].value;
      if (i + 1 < t.size() && (at_punct('.') || at_punct(',')) && t[i + 1].k == token::number) {  // 1.5, 3,5
        problem = fmt::format("`{}` is not a whole number", written(from, i + 2));
        problem_help = "write a whole number of a smaller unit, e.g. `36 hours`";
        return std::nullopt;
      }
    } else {
      n = in_words();
      if (!n) return std::nullopt;
    }
    const std::size_t to = i;
    if (at_punct('(')) {  // the number again, in the other form
      const std::size_t open = i++;
      std::optional<std::int64_t> again;
      if (i < t.size() && t[i].k == token::number) {
        again = t[i++].value;
      } else {
        again = in_words();
      }
      if (!again || !at_punct(')')) {  // not a number in parentheses: not ours to read
        i = open;
        return n;
      }
      ++i;
      if (*again != *n) {
        problem = fmt::format("`{}` and `{}` disagree", written(from, to), written(open + 1, i - 1));
        problem_help = "write the same number in words and in figures, e.g. `thirty (30) days`";
        return std::nullopt;
      }
    }
    return n;
  };
  auto malformed = [&] { return failure(fmt::format("`{}` is not a duration: {}", d.text_, problem), problem_help); };

  // Words that carry no length: "within", "binnen", "spätestens nach" and the
  // like say that the period is a bound, which the field the duration fills
  // already says, so "binnen 30 Tagen" is 30 days as "within 30 days" is.
  //
  // "mindestens 14 Tage" and "at least 14 days" state a minimum: the contract
  // allows any length from 14 days up, so the interval is [14 d, unbounded].
  // Rules then read it for what it promises: a check that a period is long
  // enough (a notice period, an objection window) compares its shortest and
  // passes; a check that it is short enough (retention against a deletion
  // deadline, a breach bound) finds no upper bound and answers depends, or
  // yes once even the minimum is too long. Reading it as exactly 14 days would
  // hide that the contract allows keeping the data longer.
  bool minimum = false;
  const std::size_t prefix_from = i;
  if (at_word("within") || at_word("rolling") || at_word("binnen") || at_word("hoechstens") || at_word("laengstens")) {
    ++i;
  } else if (at_word("innerhalb")) {  // innerhalb (von)
    ++i;
    if (at_word("von")) ++i;
  } else if (at_word("spaetestens")) {  // spätestens (nach | binnen | innerhalb (von))
    ++i;
    if (at_word("nach") || at_word("binnen")) {
      ++i;
    } else if (at_word("innerhalb")) {
      ++i;
      if (at_word("von")) ++i;
    }
  } else if (at_word("mindestens") || (at_word("at") && i + 1 < t.size() && t[i + 1].key == "least")) {
    minimum = true;
    i += t[i].key == "at" ? 2 : 1;
  }
  const std::size_t prefix_to = i;

  auto first = quantity();
  if (!first && i == 0) {
    // a phrase without a length in another spelling ("Unverzüglich", "ohne
    // schuldhaftes Zoegern"); no phrase starts with a number or a prefix
    for (const auto& p : phrases) {
      const std::size_t n = phrase_length(p.words, t);
      if (n == 0) continue;
      if (n < t.size()) {
        if (auto two = two_periods(detail::trim(original), written(0, n), t, n, false)) return std::move(*two);
        return failure(fmt::format("`{}` is not a duration: unexpected `{}`", d.text_, t[n].text),
                       "a duration is one period: state a fixed bound as a duration of its own");
      }
      d.kind_ = p.how;
      d.longest_ = duration::unbounded;
      return d;
    }
  }
  if (!first) {
    if (!problem.empty()) return malformed();
    if (i < t.size() && t[i].k == token::word) {
      if (find_unit(t[i].key) || at_word("calendar") || at_word("business") || at_word("working"))
        return failure(fmt::format("`{}` is not a duration: no number before `{}`", d.text_, t[i].text),
                       "write e.g. `30 days` or `binnen 30 Tagen`");
      if (prefix_to > prefix_from)
        return failure(fmt::format("`{}` is not a duration: expected a number after `{}`", d.text_,
                                   written(prefix_from, prefix_to)),
                       "write e.g. `30 days` or `binnen 30 Tagen`");
      auto near = detail::closest(t[i].text, {"without undue delay", "immediately", "unverzüglich", "sofort", "umgehend"});
      return failure(fmt::format("`{}` is not a duration", d.text_),
                     near ? fmt::format("did you mean `{}`?", *near) : std::string(number_help));
    }
    return failure(fmt::format("`{}` is not a duration: expected a number", d.text_), std::string(number_help));
  }
  std::int64_t lo_n = *first, hi_n = *first;
  if (at_punct('-') || at_word("to") || at_word("bis")) {  // 48-72 hours, 48 to 72 hours, 48 bis 72 Stunden
    std::size_t save = i;
    ++i;
    auto second = quantity();
    if (second) {
      hi_n = *second;
      if (hi_n < lo_n) return failure(fmt::format("`{}` is not a duration: the range runs backwards", d.text_));
      if (minimum)
        return failure(fmt::format("`{}` is not a duration: `{}` takes one number, not a range", d.text_,
                                   written(prefix_from, prefix_to)));
    } else if (!problem.empty()) {
      return malformed();
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
  if (i < t.size() && t[i].k != token::word)
    return failure(fmt::format("`{}` is not a duration: unexpected `{}`", d.text_, t[i].text));
  if (i >= t.size())
    return failure(fmt::format("`{}` is not a duration: no unit", d.text_), "add a unit: hours, days, weeks, months or years");
  const unit_word* found = find_unit(t[i].key);
  if (!found) {
    std::vector<std::string_view> names{"hours", "days", "weeks", "months", "years", "minutes", "business days",
                                        "Stunden", "Tage", "Wochen", "Monate", "Jahre", "Werktage", "Arbeitstage"};
    auto near = detail::closest(t[i].text, names);
    return failure(fmt::format("`{}` is not a duration: unknown unit `{}`", d.text_, t[i].text),
                   near ? fmt::format("did you mean `{}`?", *near) : "use hours, days, weeks, months or years");
  }
  unit u = found->u;
  ++i;
  if (found->abbreviation && at_punct('.')) ++i;  // 72 Std.
  if (business) {  // 5 business days; 72 business hours, read as `72 hours (business hours)`
    if (u != unit::day && u != unit::hour)
      return failure(fmt::format("`{}` is not a duration: business periods are counted in days or hours", d.text_),
                     "write e.g. `5 business days` or `72 business hours`");
    u = u == unit::day ? unit::business_day : unit::business_hour;
  }
  if (at_punct('(')) {  // 72 hours (business hours), 48 Stunden (Geschäftszeiten)
    std::size_t j = i + 1;
    std::string note;
    while (j < t.size() && j < i + 5 && t[j].k == token::word) {
      if (!note.empty()) note.push_back(' ');
      note += t[j++].key;
    }
    if (j < t.size() && t[j].k == token::punct && t[j].key[0] == ')' &&
        std::find(business_hours_notes.begin(), business_hours_notes.end(), note) != business_hours_notes.end()) {
      if (business)
        return failure(fmt::format("`{}` is not a duration: it says business hours twice", d.text_),
                       "write `72 business hours` or `72 hours (business hours)`");
      if (u != unit::hour)
        return failure(fmt::format("`{}` is not a duration: only hours are counted in business hours", d.text_),
                       "write e.g. `72 hours (business hours)` or `5 business days`");
      u = unit::business_hour;
      i = j + 1;
    }
  }
  // "90-day backup cycle", "30-day notice period": nouns that name the period, not its length
  static constexpr std::array<std::string_view, 8> trailing{"cycle",  "period",  "window", "backup",
                                                             "rolling", "notice", "retention", "term"};
  while (i < t.size() && t[i].k == token::word &&
         std::find(trailing.begin(), trailing.end(), t[i].key) != trailing.end())
    ++i;
  if (i != t.size()) {
    if (auto two = two_periods(detail::trim(original), written(0, i), t, i, true)) return std::move(*two);
    return failure(fmt::format("`{}` is not a duration: unexpected `{}`", d.text_, t[i].text));
  }
  if (lo_n > max_quantity || hi_n > max_quantity)
    return failure(fmt::format("`{}` is too long to be a contractual period", d.text_));
  d.shortest_ = span(u, lo_n).lo;
  d.longest_ = minimum ? duration::unbounded : span(u, hi_n).hi;
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
