// Durations as contracts state them, held as intervals of seconds.
//
// "one month" is not a number of days: it is anything from 28 to 31 days
// depending on when it starts. A duration is therefore an interval
// [shortest, longest]; "without undue delay" has no upper bound at all.
// Comparisons answer yes, no or depends.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include <dpa/error.hpp>

namespace dpa {
inline namespace v1 {

/// Three-valued answer of a comparison between intervals.
enum class answer : std::uint8_t { no, yes, depends };

[[nodiscard]] constexpr std::string_view to_string(answer a) noexcept {
  switch (a) {
    case answer::no: return "no";
    case answer::yes: return "yes";
    case answer::depends: return "depends";
  }
  return "depends";
}

class duration {
 public:
  using seconds = std::int64_t;
  static constexpr seconds unbounded = std::numeric_limits<seconds>::max();

  /// How the duration was stated.
  enum class kind : std::uint8_t {
    fixed,        ///< a quantity in hours, days, months, years, business days, ...
    undue_delay,  ///< "without undue delay": no upper bound
    immediately,  ///< "immediately": as fast as possible, no stated bound
  };

  duration() = default;
  /// An exact interval, e.g. from_seconds(3600, 3600) for one hour.
  static duration from_seconds(seconds shortest, seconds longest, std::string text = {});
  static duration hours(std::int64_t n) { return from_seconds(n * 3600, n * 3600); }
  static duration days(std::int64_t n) { return from_seconds(n * 86400, n * 86400); }

  [[nodiscard]] seconds shortest() const noexcept { return shortest_; }
  /// `unbounded` when there is no upper bound.
  [[nodiscard]] seconds longest() const noexcept { return longest_; }
  [[nodiscard]] bool bounded() const noexcept { return longest_ != unbounded; }
  [[nodiscard]] bool exact() const noexcept { return shortest_ == longest_; }
  [[nodiscard]] kind how() const noexcept { return kind_; }
  /// The text as the contract (or document) gave it; used when writing back.
  [[nodiscard]] const std::string& text() const noexcept { return text_; }
  /// A short normal form such as "72h", "28d..31d", "unbounded".
  [[nodiscard]] std::string describe() const;

  friend bool operator==(const duration&, const duration&) = default;

 private:
  friend result<duration> parse_duration(std::string_view);
  seconds shortest_ = 0;
  seconds longest_ = 0;
  kind kind_ = kind::fixed;
  std::string text_;
};

/// Parses what contracts write, in English or German: "72 hours", "72h",
/// "30 days", "thirty (30) days", "30 (thirty) days", "30 calendar days",
/// "5 business days", "one month", "7 years", "90-day cycle", "48-72 hours",
/// ISO 8601 ("PT72H", "P30D", "P1M", "P1Y2M10DT2H"), "without undue delay",
/// "immediately"; "binnen 30 Tagen", "innerhalb von 14 Tagen", "spätestens
/// nach 24 Stunden", "dreißig (30) Kalendertage", "5 Werktage", "72 Std.",
/// "unverzüglich", "sofort". Umlauts may be written ae, oe, ue, ss.
///
/// Months and years count as calendar periods (Regulation 1182/71 Art.
/// 3(2)(c)): n months span every length they can take over the 400-year
/// Gregorian cycle, so one month is [28 d, 31 d] and one year [365 d, 366 d].
/// n business days (Arbeitstage) span [n + 2*floor((n-1)/5), n + 2*ceil(n/5)]
/// calendar days (weekends; public holidays are not modelled and can lengthen
/// a period); n Werktage, Saturdays included, [n + floor((n-1)/6), n +
/// ceil(n/6)]. "72 hours (business hours)" counts 8 business hours a day,
/// Monday to Friday, so it spans nights and weekends: [248 h, 312 h]. A
/// minimum ("at least 30 days", "mindestens 30 Tage") has no upper bound:
/// [30 d, unbounded]. An error quotes what was unexpected as written, in whole
/// UTF-8 characters.
[[nodiscard]] result<duration> parse_duration(std::string_view text);

/// Is `a` never longer than `b`? yes when every value of a is <= every value
/// of b, no when every value of a is > every value of b, depends otherwise.
[[nodiscard]] answer at_most(const duration& a, const duration& b) noexcept;
/// Is `a` always strictly shorter than `b`?
[[nodiscard]] answer shorter(const duration& a, const duration& b) noexcept;
/// Is `a` always strictly longer than `b`? (the negation of at_most)
[[nodiscard]] answer longer(const duration& a, const duration& b) noexcept;
/// Do `a` and `b` certainly mean the same span (both exact and equal)?
[[nodiscard]] answer same_length(const duration& a, const duration& b) noexcept;

}  // namespace v1
}  // namespace dpa
