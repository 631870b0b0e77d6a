#include "text.hpp"

#include <dpa/render.hpp>

#include <algorithm>
#include <cctype>

namespace dpa::detail {

std::string_view trim(std::string_view s) noexcept {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::string normalise_phrase(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < in.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    char mapped = 0;
    if (c == 0xE2 && i + 2 < in.size() && static_cast<unsigned char>(in[i + 1]) == 0x80) {
      unsigned char c3 = static_cast<unsigned char>(in[i + 2]);
      if (c3 >= 0x90 && c3 <= 0x95) mapped = '-';     // hyphen, en dash, em dash, ...
      if (c3 == 0xAF || c3 == 0x89 || c3 == 0x8A) mapped = ' ';  // narrow no-break, thin spaces
      if (mapped) {
        i += 2;
      } else {
        mapped = static_cast<char>(c);  // another character (quotes, ellipsis): its bytes as they are
      }
    } else if (c == 0xC2 && i + 1 < in.size() && static_cast<unsigned char>(in[i + 1]) == 0xA0) {
      mapped = ' ';
      i += 1;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      mapped = ' ';
    } else {
      mapped = static_cast<char>(c < 0x80 ? std::tolower(c) : c);
    }
    if (mapped == ' ') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(mapped);
  }
  while (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t cap) {
  if (a.size() > b.size() + cap || b.size() > a.size() + cap) return cap;
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      char x = static_cast<char>(std::tolower(static_cast<unsigned char>(a[i - 1])));
      char y = static_cast<char>(std::tolower(static_cast<unsigned char>(b[j - 1])));
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x == y ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return std::min(prev[b.size()], cap);
}

std::optional<std::string> closest(std::string_view word, const std::vector<std::string_view>& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = word.size() <= 3 ? 2 : 3;  // a likely typo, not any word
  for (auto c : candidates) {
    auto d = edit_distance(word, c);
    if (d < best_distance && d < std::max<std::size_t>(c.size(), 2)) {
      best_distance = d;
      best = std::string(c);
    }
  }
  return best;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::size_t utf8_length(std::string_view s) noexcept {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::size_t utf8_char(std::string_view s, std::size_t i, char32_t* cp) noexcept {
  if (i >= s.size()) return 0;
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = byte(0);
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte (Table 3-7 of the Unicode standard)
  char32_t v = 0;
  if (c < 0x80) {
    n = 1;
    v = c;
  } else if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    v = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    v = c & 0x0F;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    v = c & 0x07;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (n > s.size() - i) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const unsigned char b = byte(k);
    if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return 0;
    v = (v << 6) | (b & 0x3F);
  }
  if (cp) *cp = v;
  return n;
}

void append_pointer_token(std::string& pointer, std::string_view token) {
  pointer.push_back('/');
  for (char c : token) {
    if (c == '~') {
      pointer += "~0";
    } else if (c == '/') {
      pointer += "~1";
    } else {
      pointer.push_back(c);
    }
  }
}

}  // namespace dpa::detail

namespace dpa {
inline namespace v1 {

std::string printable(std::string_view s) {
  auto plain = [](unsigned char c, unsigned char next) {
    return !(c < 0x20 && c != '\n' && c != '\t') && c != 0x7F && !(c == 0xC2 && next >= 0x80 && next <= 0x9F);
  };
  std::size_t i = 0;
  while (i < s.size() && plain(static_cast<unsigned char>(s[i]), i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0)) ++i;
  if (i == s.size()) return std::string(s);  // the usual case: nothing to replace
  std::string out(s.substr(0, i));
  out.reserve(s.size() + 16);
  for (; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    const auto next = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
    if (plain(c, next)) {
      out.push_back(static_cast<char>(c));
    } else if (c == 0xC2) {  // a C1 control, U+0080-U+009F
      out += "<U+00";
      out.push_back("0123456789ABCDEF"[next >> 4]);
      out.push_back("0123456789ABCDEF"[next & 15]);
      out.push_back('>');
      ++i;
    } else {  // U+2400 + c, or U+2421 for DEL: three bytes, E2 90 xx
      const unsigned picture = c == 0x7F ? 0x21 : c;
      out += "\xE2\x90";
      out.push_back(static_cast<char>(0x80 | picture));
    }
  }
  return out;
}

}  // namespace v1
}  // namespace dpa
