// Calendar dates (ISO 8601, proleptic Gregorian).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace dpa {
inline namespace v1 {

using date = std::chrono::year_month_day;

/// Parses `YYYY-MM-DD`; nothing else is accepted.
[[nodiscard]] std::optional<date> parse_date(std::string_view text) noexcept;
[[nodiscard]] std::string to_string(date d);

/// A date as an agreement states it: a day, or only a month ("Stand: Februar
/// 2026" is `2026-02`, ISO 8601's reduced precision). A month stands for every
/// day in it, so a comparison with it may depend on the day.
struct stated_date {
  date first{};             ///< the day, or the first day of the month
  bool month_only = false;

  constexpr stated_date() = default;
  constexpr stated_date(date day) noexcept : first(day) {}  // NOLINT: a day is a stated date
  constexpr stated_date(std::chrono::year_month month) noexcept : first(month / std::chrono::day{1}), month_only(true) {}

  /// The day, or the last day of the month.
  [[nodiscard]] constexpr date last() const noexcept {
    return month_only ? date{first.year() / first.month() / std::chrono::last} : first;
  }
  friend bool operator==(const stated_date&, const stated_date&) = default;
};

/// Parses `YYYY-MM-DD` or `YYYY-MM`.
[[nodiscard]] std::optional<stated_date> parse_stated_date(std::string_view text) noexcept;
/// `YYYY-MM-DD`, or `YYYY-MM` for a month.
[[nodiscard]] std::string to_string(const stated_date& d);
/// The date `n` days later (earlier for negative n).
[[nodiscard]] date add_days(date d, int n) noexcept;
/// Today in UTC.
[[nodiscard]] date today() noexcept;

}  // namespace v1
}  // namespace dpa
