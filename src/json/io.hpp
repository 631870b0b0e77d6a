// Reading JSON into model types and writing them back, driven by one table
// of fields per struct (`meta<T>::fields`), so the loader, the writer and the
// unknown-field check can never disagree about the format.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/json.hpp>
#include <fmt/format.h>

#include <dpa/date.hpp>
#include <dpa/duration.hpp>
#include <dpa/error.hpp>
#include <dpa/load.hpp>

#include "text.hpp"

namespace dpa::detail {

namespace json = boost::json;

/// Names of an enumeration's values: specialise with `static constexpr std::array items`.
template <class E>
struct enum_table;

template <class E>
std::string_view enum_name(E e) noexcept {
  for (const auto& [value, name] : enum_table<E>::items)
    if (value == e) return name;
  return "?";
}

/// Extra checks a string field asks for.
enum class check { none, country, area, id };

template <class S, class M>
struct field {
  std::string_view name;
  M S::*member;
  bool required;
  check chk;
};
template <class S, class M>
constexpr field<S, M> req(std::string_view name, M S::*m, check c = check::none) {
  return {name, m, true, c};
}
template <class S, class M>
constexpr field<S, M> opt(std::string_view name, M S::*m, check c = check::none) {
  return {name, m, false, c};
}

/// Specialise with `static constexpr auto fields = std::tuple{req(...), opt(...)}`.
template <class T>
struct meta;

template <class T, class = void>
struct has_meta : std::false_type {};
template <class T>
struct has_meta<T, std::void_t<decltype(meta<T>::fields)>> : std::true_type {};

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_string_map : std::false_type {};
template <class V>
struct is_string_map<std::map<std::string, V>> : std::true_type {};
template <class T>
struct is_vector : std::false_type {};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {};

/// Inputs report at most this many problems, in document order; the rest are
/// counted and the count is the last diagnostic.
inline constexpr std::size_t max_listed_problems = 1000;

struct problem {
  errc code;
  std::string message;
  std::string pointer;
  std::string help;
};

/// Validates a country code; returns a help text for a near miss.
using country_checker = bool (*)(const void* ctx, std::string_view code, std::string& help);

/// The problems an input has: the first max_listed_problems, and how many more
/// (locate() reports both). Readers of documents and of graphs collect into one.
struct problem_list {
  std::vector<problem> problems;  // the first max_listed_problems found
  std::size_t unlisted = 0;       // problems beyond those: counted, and the count reported

  void add(problem p) {
    if (problems.size() < max_listed_problems) problems.push_back(std::move(p));
    else ++unlisted;
  }
  /// Nothing more will be listed: a problem's suggestion need not be searched for.
  bool listing_full() const noexcept { return problems.size() >= max_listed_problems; }
};

class reader : public problem_list {
 public:
  reader(const limits& l, country_checker cc, const void* cc_ctx) : limits_(l), check_country_(cc), cc_ctx_(cc_ctx) {}

  std::string pointer;

  void fail(errc code, std::string message, std::string help = {}) {
    add({code, std::move(message), pointer, std::move(help)});
  }

  template <class T>
  void read(const json::value& v, T& out, check chk = check::none) {
    if constexpr (is_optional<T>::value) {
      out.emplace();
      read(v, *out, chk);
    } else if constexpr (is_vector<T>::value) {
      const auto* a = v.if_array();
      if (!a) return type_error(v, "an array");
      if (a->size() > limits_.max_items) {
        fail(errc::too_large, fmt::format("array of {} items exceeds the limit of {}", a->size(), limits_.max_items));
        return;
      }
      out.resize(a->size());
      for (std::size_t i = 0; i < a->size(); ++i) {
        auto saved = pointer.size();
        pointer += '/';
        pointer += std::to_string(i);
        read((*a)[i], out[i], chk);
        pointer.resize(saved);
      }
    } else if constexpr (is_string_map<T>::value) {
      const auto* o = v.if_object();
      if (!o) return type_error(v, "an object");
      for (const auto& m : *o) {
        auto saved = pointer.size();
        append_pointer_token(pointer, m.key());
        read(m.value(), out[std::string(m.key())], chk);
        pointer.resize(saved);
      }
    } else if constexpr (std::is_same_v<T, std::string>) {
      const auto* s = v.if_string();
      if (!s) return type_error(v, "a string");
      if (s->empty()) return fail(errc::invalid_value, "empty string; leave the field out instead");
      if (s->size() > limits_.max_string)
        return fail(errc::too_large, fmt::format("string of {} bytes exceeds the limit of {}", s->size(), limits_.max_string));
      out.assign(s->data(), s->size());
      if (chk == check::country) country(out);
      if (chk == check::id && !valid_id(out))
        fail(errc::invalid_value, fmt::format("`{}` is not a valid id", shorten(out)),
             "ids use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit");
      if (chk == check::area && out != "EEA" && out != "EU" && out != "adequate")
        fail(errc::invalid_value, fmt::format("`{}` is not a known area", out),
             "use `EEA`, `EU` or `adequate` (the countries with an adequacy decision)");
    } else if constexpr (std::is_same_v<T, bool>) {
      if (!v.is_bool()) return type_error(v, "true or false");
      out = v.get_bool();
    } else if constexpr (std::is_same_v<T, int>) {
      if (v.is_int64() && v.get_int64() >= 0 && v.get_int64() <= 1'000'000) {
        out = static_cast<int>(v.get_int64());
      } else if (v.is_uint64() || v.is_int64() || v.is_double()) {
        fail(errc::invalid_value, fmt::format("`{}` is not a whole number from 0 to 1000000", json::serialize(v)));
      } else {
        type_error(v, "a number");
      }
    } else if constexpr (std::is_same_v<T, date>) {
      const auto* s = v.if_string();
      if (!s) return type_error(v, "a date string");
      auto d = parse_date(std::string_view(*s));
      if (!d) return fail(errc::invalid_date, fmt::format("`{}` is not a date", shorten(*s)), "write dates as YYYY-MM-DD");
      out = *d;
    } else if constexpr (std::is_same_v<T, stated_date>) {
      const auto* s = v.if_string();
      if (!s) return type_error(v, "a date string");
      auto d = parse_stated_date(std::string_view(*s));
      if (!d)
        return fail(errc::invalid_date, fmt::format("`{}` is not a date", shorten(*s)),
                    "write dates as YYYY-MM-DD, or YYYY-MM when the text gives only a month");
      out = *d;
    } else if constexpr (std::is_same_v<T, duration>) {
      const auto* s = v.if_string();
      if (!s) return type_error(v, "a duration string such as \"30 days\"");
      if (s->size() > 200) return fail(errc::invalid_duration, "a duration of more than 200 characters is not a duration");
      auto d = parse_duration(std::string_view(*s));
      if (!d) {
        const auto& diag = d.error().diagnostics.front();
        return fail(errc::invalid_duration, diag.message, diag.help);
      }
      out = std::move(d).value();
    } else if constexpr (std::is_enum_v<T>) {
      const auto* s = v.if_string();
      if (!s) return type_error(v, "a string");
      std::string_view sv(*s);
      std::vector<std::string_view> names;
      for (const auto& [value, name] : enum_table<T>::items) {
        if (name == sv) {
          out = value;
          return;
        }
        names.push_back(name);
      }
      auto near = closest(sv, names);
      std::string all;
      for (auto n : names) all += fmt::format("{}`{}`", all.empty() ? "" : ", ", n);
      fail(errc::invalid_value, fmt::format("`{}` is not one of {}", shorten(*s), all),
           near ? fmt::format("did you mean `{}`?", *near) : std::string{});
    } else {
      static_assert(has_meta<T>::value, "no JSON mapping for this type");
      read_object(v, out);
    }
  }

 private:
  template <class T>
  void read_object(const json::value& v, T& out) {
    const auto* o = v.if_object();
    if (!o) return type_error(v, "an object");
    constexpr const auto& fields = meta<T>::fields;
    std::apply(
        [&](const auto&... f) {
          ((f.required && !o->contains(f.name) ? fail(errc::missing_field, fmt::format("missing required field `{}`", f.name))
                                               : void()),
           ...);
        },
        fields);
    for (const auto& member : *o) {
      std::string_view key = member.key();
      bool found = false;
      std::apply(
          [&](const auto&... f) {
            (((!found && key == f.name) ? (found = true, read_member(key, member.value(), out.*(f.member), f.chk)) : void()),
             ...);
          },
          fields);
      if (!found) {
        auto saved = pointer.size();
        append_pointer_token(pointer, key);
        if (listing_full()) {
          ++unlisted;  // not listed: no suggestion to search for
        } else {
          std::vector<std::string_view> names;
          std::apply([&](const auto&... f) { (names.push_back(f.name), ...); }, fields);
          auto near = closest(key, names);
          fail(errc::unknown_field, fmt::format("unknown field `{}`", shorten(key)),
               near ? fmt::format("did you mean `{}`?", *near) : std::string{});
        }
        pointer.resize(saved);
      }
    }
  }

  template <class M>
  void read_member(std::string_view key, const json::value& v, M& out, check chk) {
    auto saved = pointer.size();
    append_pointer_token(pointer, key);
    if (v.is_null()) {
      fail(errc::wrong_type, "null is not allowed; leave the field out when the contract is silent");
    } else {
      read(v, out, chk);
    }
    pointer.resize(saved);
  }

  void type_error(const json::value& v, std::string_view expected) {
    std::string_view got = "null";
    switch (v.kind()) {
      case json::kind::object: got = "an object"; break;
      case json::kind::array: got = "an array"; break;
      case json::kind::string: got = "a string"; break;
      case json::kind::bool_: got = "a boolean"; break;
      case json::kind::int64:
      case json::kind::uint64:
      case json::kind::double_: got = "a number"; break;
      case json::kind::null: got = "null"; break;
    }
    fail(errc::wrong_type, fmt::format("expected {}, found {}", expected, got));
  }

  void country(const std::string& code) {
    std::string help;
    if (!check_country_(cc_ctx_, code, help))
      fail(errc::invalid_country, fmt::format("`{}` is not an ISO 3166-1 alpha-2 code", shorten(code)), std::move(help));
  }

  static bool valid_id(std::string_view s) {
    auto ok = [](char c, bool first) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (!first && (c == '.' || c == '_' || c == '-'));
    };
    for (std::size_t i = 0; i < s.size(); ++i)
      if (!ok(s[i], i == 0)) return false;
    return !s.empty();
  }

  static std::string shorten(std::string_view s) {
    if (s.size() <= 60) return std::string(s);
    std::size_t cut = 57;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    return std::string(s.substr(0, cut)) + "...";
  }

  const limits& limits_;
  country_checker check_country_;
  const void* cc_ctx_;
};

/// Writes a model value as JSON; absent optionals, empty arrays and optional
/// members at their default are left out.
template <class T>
json::value write(const T& v) {
  if constexpr (is_optional<T>::value) {
    return v ? write(*v) : json::value(nullptr);
  } else if constexpr (is_vector<T>::value) {
    json::array a;
    a.reserve(v.size());
    for (const auto& item : v) a.push_back(write(item));
    return a;
  } else if constexpr (std::is_same_v<T, std::string>) {
    return json::value(json::string_view(v));
  } else if constexpr (std::is_same_v<T, bool>) {
    return json::value(v);
  } else if constexpr (std::is_same_v<T, int>) {
    return json::value(static_cast<std::int64_t>(v));
  } else if constexpr (std::is_same_v<T, date> || std::is_same_v<T, stated_date>) {
    return json::value(to_string(v));
  } else if constexpr (std::is_same_v<T, duration>) {
    return json::value(v.text());
  } else if constexpr (std::is_enum_v<T>) {
    return json::value(enum_name(v));
  } else {
    static const T defaults{};
    json::object o;
    std::apply(
        [&](const auto&... f) {
          (
              [&] {
                const auto& m = v.*(f.member);
                using M = std::decay_t<decltype(m)>;
                if constexpr (is_optional<M>::value) {
                  if (!m) return;
                } else if constexpr (is_vector<M>::value) {
                  if (m.empty()) return;
                } else if constexpr (std::is_same_v<M, bool> || std::is_enum_v<M>) {
                  if (!f.required && m == defaults.*(f.member)) return;  // the default reads back the same
                }
                o.emplace(f.name, write(m));
              }(),
              ...);
        },
        meta<T>::fields);
    return o;
  }
}

/// Indented JSON text, two spaces, one member per line.
std::string pretty(const json::value& v);
/// The same, appended to `out`, for a value that sits `depth` levels deep.
void pretty_into(std::string& out, const json::value& v, std::size_t depth);

}  // namespace dpa::detail
