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
/// The date `n` days later (earlier for negative n).
[[nodiscard]] date add_days(date d, int n) noexcept;
/// Today in UTC.
[[nodiscard]] date today() noexcept;

}  // namespace v1
}  // namespace dpa
