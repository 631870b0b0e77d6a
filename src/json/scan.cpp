#include "json/scan.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <charconv>
#include <unordered_set>

#include "text.hpp"

namespace dpa::detail {

text_position position_at(std::string_view text, std::size_t offset) { return positions_at(text, {offset}).front(); }

std::vector<text_position> positions_at(std::string_view text, const std::vector<std::size_t>& offsets) {
  std::vector<text_position> out;
  out.reserve(offsets.size());
  std::size_t at = 0;  // everything before `at` is counted into `here`
  text_position here{1, 1};
  for (auto offset : offsets) {
    offset = std::min(offset, text.size());
    if (offset < at) {  // not ascending: count again from the start
      at = 0;
      here = {1, 1};
    }
    const auto span = text.substr(at, offset - at);
    if (const auto nl = span.rfind('\n'); nl != std::string_view::npos) {
      here.line += static_cast<std::uint32_t>(std::count(span.begin(), span.end(), '\n'));
      here.column = static_cast<std::uint32_t>(utf8_length(span.substr(nl + 1)) + 1);
    } else {
      here.column += static_cast<std::uint32_t>(utf8_length(span));
    }
    at = offset;
    out.push_back(here);
  }
  return out;
}

namespace {

void put_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Reads a string starting at text[pos] == '"'; returns the offset after the
// closing quote, or npos if the text ends first. Decodes into `out` if given.
std::size_t read_string(std::string_view text, std::size_t pos, std::string* out) {
  ++pos;
  while (pos < text.size()) {
    char c = text[pos];
    if (c == '"') return pos + 1;
    if (c != '\\') {
      if (out) out->push_back(c);
      ++pos;
      continue;
    }
    if (pos + 1 >= text.size()) return std::string_view::npos;
    char e = text[pos + 1];
    if (e == 'u') {
      if (pos + 6 > text.size()) return std::string_view::npos;
      std::uint32_t cp = 0;
      std::from_chars(text.data() + pos + 2, text.data() + pos + 6, cp, 16);
      pos += 6;
      if (cp >= 0xD800 && cp < 0xDC00 && pos + 6 <= text.size() && text[pos] == '\\' && text[pos + 1] == 'u') {
        std::uint32_t low = 0;
        std::from_chars(text.data() + pos + 2, text.data() + pos + 6, low, 16);
        if (low >= 0xDC00 && low < 0xE000) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          pos += 6;
        }
      }
      if (out) put_utf8(*out, cp);
      continue;
    }
    if (out) {
      switch (e) {
        case 'b': out->push_back('\b'); break;
        case 'f': out->push_back('\f'); break;
        case 'n': out->push_back('\n'); break;
        case 'r': out->push_back('\r'); break;
        case 't': out->push_back('\t'); break;
        default: out->push_back(e); break;
      }
    }
    pos += 2;
  }
  return std::string_view::npos;
}

// The offset after the string starting at text[pos] == '"', or npos if the
// text ends first: the next quote not escaped, found with memchr.
std::size_t skip_string(std::string_view text, std::size_t pos) {
  for (++pos; pos < text.size(); ++pos) {
    const void* q = std::memchr(text.data() + pos, '"', text.size() - pos);
    if (!q) return std::string_view::npos;
    pos = static_cast<std::size_t>(static_cast<const char*>(q) - text.data());
    std::size_t backslashes = 0;
    while (text[pos - 1 - backslashes] == '\\') ++backslashes;  // (the opening quote stops it)
    if (backslashes % 2 == 0) return pos + 1;
  }
  return std::string_view::npos;
}

// Skips the object or array at text[pos]; returns the offset after its closing
// bracket, or npos if the text ends first. Brackets are only counted, not
// matched: a skipped value is one the scan does not need to read.
std::size_t skip_container(std::string_view text, std::size_t pos) {
  static constexpr auto special = [] {
    std::array<bool, 256> t{};
    for (unsigned char c : std::string_view("\"{}[]")) t[c] = true;
    return t;
  }();
  std::size_t depth = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  while (pos < text.size()) {
    while (pos < text.size() && !special[p[pos]]) ++pos;
    if (pos == text.size()) break;
    const char c = text[pos];
    if (c == '"') {
      pos = skip_string(text, pos);
      if (pos == std::string_view::npos) return pos;
      continue;
    }
    if (c == '{' || c == '[') {
      ++depth;
    } else if (--depth == 0) {
      return pos + 1;
    }
    ++pos;
  }
  return std::string_view::npos;
}

struct frame {
  bool object = false;
  std::size_t index = 0;
  std::size_t base = 0;  // length of the container's own pointer
  std::vector<std::string> keys;          // few keys: a linear search is fastest
  std::unordered_set<std::string> many;   // beyond that, a hash set
  bool insert(std::string key) {
    if (many.empty()) {
      if (std::find(keys.begin(), keys.end(), key) != keys.end()) return false;
      keys.push_back(std::move(key));
      if (keys.size() > 32) {
        many.insert(std::make_move_iterator(keys.begin()), std::make_move_iterator(keys.end()));
        keys.clear();
      }
      return true;
    }
    return many.insert(std::move(key)).second;
  }
};

enum class expect { value, value_or_end, key, key_or_end, colon, comma_or_end };

}  // namespace

scan_result scan_json(std::string_view text, const scan_request& req) {
  scan_result result;
  std::string path;
  std::vector<frame> stack;
  expect state = expect::value;
  std::size_t pos = 0;
  const std::size_t end = std::min(req.stop, text.size());
  auto element_path = [&](frame& f) {
    path.resize(f.base);
    path.push_back('/');
    char buf[24];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, f.index);
    path.append(buf, p);
  };
  // With pointers wanted, a container on the way to none of them is skipped,
  // and the scan ends once all are found: locating a few problems in a large
  // file reads it once, quickly. Stopping at an offset, an object or array two
  // levels down or deeper that ends before the stop is skipped.
  std::unordered_set<std::string> on_the_way;
  std::size_t unfound = 0;
  if (req.wanted && !req.find_duplicates) {
    for (const auto& [pointer, offset] : *req.wanted) {
      unfound += offset == std::string_view::npos;
      for (auto slash = pointer.find('/'); slash != std::string::npos; slash = pointer.find('/', slash + 1))
        on_the_way.insert(pointer.substr(0, slash));
    }
  }
  auto skippable = [&] {
    if (req.find_duplicates) return false;
    if (req.wanted) return !req.wanted->contains(path) && !on_the_way.contains(path);
    return req.stop != std::string_view::npos && stack.size() >= 2;
  };
  auto note_value = [&] {
    if (!req.wanted) return;
    auto it = req.wanted->find(path);
    if (it != req.wanted->end() && it->second == std::string_view::npos) {
      it->second = pos;
      --unfound;
    }
  };

  // Past the `}` or `]` at pos: back to the enclosing container's path.
  auto close_container = [&] {
    path.resize(stack.back().base);
    stack.pop_back();
    ++pos;
  };

  while (true) {
    while (pos < end && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r')) ++pos;
    if (pos >= end) break;
    char c = text[pos];
    switch (state) {
      case expect::value_or_end:
        if (c == ']') {
          close_container();
          state = expect::comma_or_end;
          break;
        }
        [[fallthrough]];
      case expect::value:
        if (!stack.empty() && !stack.back().object) element_path(stack.back());
        note_value();
        if (req.wanted && unfound == 0) goto done;
        if ((c == '{' || c == '[') && skippable()) {
          if (auto after = skip_container(text.substr(0, end), pos); after != std::string_view::npos) {
            pos = after;
            state = expect::comma_or_end;
            break;
          }
        }
        if (c == '{' || c == '[') {
          if (stack.size() >= req.max_depth) goto done;
          frame f;
          f.object = c == '{';
          f.base = path.size();
          stack.push_back(std::move(f));
          state = c == '{' ? expect::key_or_end : expect::value_or_end;
          ++pos;
        } else if (c == '"') {
          pos = read_string(text, pos, nullptr);
          if (pos == std::string_view::npos) goto done;
          state = expect::comma_or_end;
        } else {
          std::size_t start = pos;
          while (pos < end && text[pos] != ',' && text[pos] != '}' && text[pos] != ']' && text[pos] != ' ' &&
                 text[pos] != '\n' && text[pos] != '\r' && text[pos] != '\t')
            ++pos;
          if (pos == start) goto done;
          state = expect::comma_or_end;
        }
        break;
      case expect::key_or_end:
        if (c == '}') {
          close_container();
          state = expect::comma_or_end;
          break;
        }
        [[fallthrough]];
      case expect::key: {
        if (c != '"') goto done;
        std::string key;
        std::size_t key_start = pos;
        pos = read_string(text, pos, &key);
        if (pos == std::string_view::npos) goto done;
        auto& f = stack.back();
        path.resize(f.base);
        append_pointer_token(path, key);
        if (req.find_duplicates) {
          if (!f.insert(std::move(key))) result.duplicates.push_back({path, key_start});
        }
        state = expect::colon;
        break;
      }
      case expect::colon:
        if (c != ':') goto done;
        ++pos;
        state = expect::value;
        break;
      case expect::comma_or_end:
        if (stack.empty()) goto done;
        if (c == ',') {
          ++pos;
          auto& f = stack.back();
          if (f.object) {
            path.resize(f.base);
            state = expect::key;
          } else {
            ++f.index;
            state = expect::value;
          }
        } else if (c == (stack.back().object ? '}' : ']')) {
          close_container();
        } else {
          goto done;
        }
        break;
    }
  }
done:
  result.pointer_at_stop = path;
  return result;
}

}  // namespace dpa::detail
