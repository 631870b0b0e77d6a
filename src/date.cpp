#include <dpa/date.hpp>

#include <charconv>

#include <fmt/format.h>

namespace dpa {
inline namespace v1 {

std::optional<date> parse_date(std::string_view s) noexcept {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto num = [&](std::size_t pos, std::size_t len, int& out) {
    for (std::size_t i = pos; i < pos + len; ++i)
      if (s[i] < '0' || s[i] > '9') return false;
    std::from_chars(s.data() + pos, s.data() + pos + len, out);
    return true;
  };
  int y = 0, m = 0, d = 0;
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return std::nullopt;
  date result{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
              std::chrono::day{static_cast<unsigned>(d)}};
  if (!result.ok()) return std::nullopt;
  return result;
}

std::optional<stated_date> parse_stated_date(std::string_view s) noexcept {
  if (s.size() != 7) {
    if (auto d = parse_date(s)) return stated_date{*d};
    return std::nullopt;
  }
  auto day = parse_date(std::string(s) + "-01");  // YYYY-MM: the month
  if (!day) return std::nullopt;
  return stated_date{day->year() / day->month()};
}

std::string to_string(const stated_date& d) {
  auto s = to_string(d.first);
  if (d.month_only) s.resize(7);
  return s;
}

std::string to_string(date d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()));
}

date add_days(date d, int n) noexcept { return date{std::chrono::sys_days{d} + std::chrono::days{n}}; }

date today() noexcept {
  return date{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

}  // namespace v1
}  // namespace dpa
