// Streaming loader for dpa-graph/1: a Boost.JSON basic_parser handler that
// fills the compact graph directly, collecting every problem with its pointer.
#include <dpa/graph.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <unordered_map>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/json/basic_parser_impl.hpp>
#include <fmt/format.h>

#include "graph/huge_pages.hpp"
#include "graph/id_table.hpp"
#include "graph/mapped_file.hpp"
#include "json/parse.hpp"
#include "text.hpp"

namespace dpa {
inline namespace v1 {

using detail::prefer_huge_pages;
using detail::reserve_huge;

struct graph_builder : detail::problem_list {
  graph g;
  const knowledge& kb;
  const limits& lim;

  // Strings live in blocks that never move: up to 1 MiB each, smaller for small inputs.
  char* block = nullptr;
  std::size_t block_left = 0, block_size = 1 << 20;
  std::string_view keep(std::string_view s) {
    if (s.empty()) return {};
    if (s.size() > block_left) {
      std::size_t size = std::max(s.size(), block_size);
      g.arena_.push_back(std::unique_ptr<char[]>(new char[size]));  // not zeroed: every byte is written before use
      prefer_huge_pages(g.arena_.back().get(), size);
      block = g.arena_.back().get();
      block_left = size;
    }
    std::memcpy(block, s.data(), s.size());
    std::string_view out(block, s.size());
    block += s.size();
    block_left -= s.size();
    return out;
  }

  static constexpr std::uint32_t agreement_bit = detail::id_table::agreement_bit;
  using id_table = detail::id_table;
  id_table ids;
  std::vector<std::uint32_t> org_hash, agreement_hash;
  // The client and processor named by each agreement, resolved in link(): their
  // text end to end in ref_text (reference j has ref_size[j] bytes; agreement
  // i's are 2i and 2i + 1); ref_given says which were given at all.
  std::vector<char> ref_text;
  std::vector<std::uint32_t> ref_size;
  std::vector<std::uint8_t> ref_given;  // bit 0: client, bit 1: processor
  std::unordered_map<std::string_view, std::uint32_t> categories;

  explicit graph_builder(const knowledge& k, const limits& l) : kb(k), lim(l) { ids.g = &g; }

  // Frees what was read (not the problems): before the text is read again to place them.
  void drop_graph() {
    categories = {};  // (its keys point into the graph's strings)
    g = graph{};
    ids.slots = {};
    org_hash = {}, agreement_hash = {}, ref_size = {};
    ref_text = {}, ref_given = {};
  }

  void problem(std::string pointer, errc code, std::string message, std::string help = {}) {
    add({code, std::move(message), std::move(pointer), std::move(help)});
  }

  std::uint32_t category(std::string_view name) {
    auto it = categories.find(name);
    if (it != categories.end()) return it->second;
    auto kept = keep(name);
    auto id = static_cast<std::uint32_t>(g.category_names.size());
    g.category_names.push_back(kept);
    categories.emplace(kept, id);
    return id;
  }
};

namespace {

namespace json = boost::json;

// "<digits>h" or "<digits>d", at most 1e9 in its unit; hours, or nullopt.
std::optional<std::int64_t> graph_duration(std::string_view s) {
  if (s.size() < 2) return std::nullopt;
  char unit = s.back();
  auto digits = s.substr(0, s.size() - 1);
  if ((unit != 'h' && unit != 'd') || digits.empty()) return std::nullopt;
  std::int64_t n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
    if (n > 1'000'000'000) return std::nullopt;
  }
  return unit == 'd' ? n * 24 : n;
}

std::optional<graph_mechanism> mechanism_of(std::string_view s) {
  static constexpr std::pair<std::string_view, graph_mechanism> names[] = {
      {"scc2021-m1", graph_mechanism::scc2021_m1}, {"scc2021-m2", graph_mechanism::scc2021_m2},
      {"scc2021-m3", graph_mechanism::scc2021_m3}, {"scc2021-m4", graph_mechanism::scc2021_m4},
      {"scc2010", graph_mechanism::scc2010},       {"safe-harbor", graph_mechanism::safe_harbor},
      {"privacy-shield", graph_mechanism::privacy_shield}, {"dpf", graph_mechanism::dpf},
      {"bcr-p", graph_mechanism::bcr_p},           {"art49-derogation", graph_mechanism::art49_derogation}};
  for (auto [n, m] : names)
    if (n == s) return m;
  return std::nullopt;
}

enum class ctx : std::uint8_t { root, orgs, org, certs, ags, ag, cats, mechs, retention, skip };

// The members dpa-graph/1 defines, so the reader switches on a number instead of comparing strings.
enum class member : std::uint8_t {
  other, format, as_of, breach_budget, organisations, agreements, id, name, country, certifications,
  client, processor, categories, mechanisms, breach_notice, change_notice, retention
};

constexpr std::string_view key_names[] = {"",          "format",        "as_of",         "breach_budget", "organisations",
                                          "agreements", "id",           "name",          "country",       "certifications",
                                          "client",    "processor",     "categories",    "mechanisms",    "breach_notice",
                                          "change_notice", "retention"};

member classify(std::string_view s) {
  auto is = [&](member k) { return s == key_names[static_cast<int>(k)] ? k : member::other; };
  switch (s.size()) {
    case 2: return is(member::id);
    case 4: return is(member::name);
    case 5: return is(member::as_of);
    case 6: return s[0] == 'f' ? is(member::format) : is(member::client);
    case 7: return is(member::country);
    case 9: return s[0] == 'p' ? is(member::processor) : is(member::retention);
    case 10: return s[0] == 'a' ? is(member::agreements) : s[0] == 'c' ? is(member::categories) : is(member::mechanisms);
    case 13:
      if (s[0] == 'o') return is(member::organisations);
      if (s[0] == 'c') return is(member::change_notice);
      return s[7] == 'b' ? is(member::breach_budget) : is(member::breach_notice);
    case 14: return is(member::certifications);
    default: return member::other;
  }
}

struct frame {
  ctx kind;
  bool array;
  std::size_t index = 0;     // arrays: elements seen
  member k = member::other;     // objects: the current member
  std::uint32_t seen = 0;    // objects: the members met so far, as bits of `member`
  std::string key;           // the member's text, kept only when it is not one of `member`'s (or names a category)
  [[nodiscard]] std::string_view key_text() const { return k == member::other ? std::string_view(key) : key_names[static_cast<int>(k)]; }
};

class handler {
 public:
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  explicit handler(graph_builder& b) : b_(b) {}

  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }

  bool on_object_begin(json::error_code& ec) {
    auto slot = begin_value();
    if ((slot == ctx::org || slot == ctx::ag) && stack_.size() == 2 &&
        b_.g.organisations.size() + b_.g.agreements.size() >= std::min<std::size_t>(b_.lim.max_graph_items, 0x7FFFFFFF)) {
      b_.problem(pointer(), errc::too_large,
                 fmt::format("more than {} organisations and agreements together", b_.lim.max_graph_items),
                 "raise limits::max_graph_items if this graph is meant to be this large");
      too_large = true;
      ec = json::error::object_too_large;  // stop reading: the rest would only be dropped
      return false;
    }
    ctx next = ctx::skip;
    if (stack_.empty()) {
      next = ctx::root;
    } else if ((slot == ctx::org || slot == ctx::ag || slot == ctx::retention) && opens(slot)) {
      next = slot;
      if (slot == ctx::org) start_organisation();
      if (slot == ctx::ag) start_agreement();
    } else if (slot != ctx::skip) {
      type_error(slot, "an object");
    }
    stack_.push_back({next, false, 0, member::other, 0, {}});
    if (next == ctx::org || next == ctx::ag || next == ctx::retention || next == ctx::root) others_.clear();
    return true;
  }

  bool on_object_end(std::size_t, json::error_code&) {
    frame f = std::move(stack_.back());
    stack_.pop_back();
    if (f.kind == ctx::root) finish_root();
    if (f.kind == ctx::org) finish_org();
    if (f.kind == ctx::ag) finish_agreement();
    if (f.kind == ctx::retention) std::sort(b_.g.retention_lists.begin() + ag_.retention_begin, b_.g.retention_lists.end());
    return true;
  }

  bool on_array_begin(json::error_code&) {
    auto slot = begin_value();
    ctx next = ctx::skip;
    if (stack_.empty()) {
      b_.problem("", errc::wrong_type, "a dpa-graph/1 document must be a JSON object");
    } else if ((slot == ctx::orgs || slot == ctx::ags || slot == ctx::certs || slot == ctx::cats || slot == ctx::mechs) &&
               opens(slot)) {
      next = slot;
    } else if (slot != ctx::skip) {
      type_error(slot, "an array");
    }
    stack_.push_back({next, true, 0, member::other, 0, {}});
    return true;
  }

  bool on_array_end(std::size_t, json::error_code&) {
    auto kind = stack_.back().kind;
    stack_.pop_back();
    if (kind == ctx::cats) {  // sorted, a category listed twice counts once
      auto& v = b_.g.category_lists;
      auto begin = v.begin() + ag_.categories_begin;
      std::sort(begin, v.end());
      v.erase(std::unique(begin, v.end()), v.end());
    }
    return true;
  }

  bool on_key_part(json::string_view s, std::size_t, json::error_code&) {
    part_.append(s.data(), s.size());
    return true;
  }
  bool on_key(json::string_view s, std::size_t, json::error_code&) {
    auto& f = stack_.back();
    std::string_view text(s.data(), s.size());
    if (!part_.empty()) {
      part_.append(s.data(), s.size());
      text = part_;
    }
    // In a retention object the members are category names, whatever they spell.
    f.k = f.kind == ctx::retention ? member::other : classify(text);
    if (f.k == member::other) f.key.assign(text.data(), text.size());
    if (f.kind == ctx::org || f.kind == ctx::ag || f.kind == ctx::root || f.kind == ctx::retention) {
      if (f.k != member::other) {
        const std::uint32_t bit = 1u << static_cast<int>(f.k);
        if (f.seen & bit) b_.problem(pointer(), errc::duplicate_key, fmt::format("key `{}` appears twice in one object", text));
        f.seen |= bit;
      } else if (std::find(others_.begin(), others_.end(), f.key) != others_.end()) {
        b_.problem(pointer(), errc::duplicate_key, fmt::format("key `{}` appears twice in one object", text));
      } else {
        others_.push_back(f.key);
      }
    }
    part_.clear();
    return true;
  }

  bool on_string_part(json::string_view s, std::size_t, json::error_code&) {
    part_.append(s.data(), s.size());
    return true;
  }
  bool on_string(json::string_view s, std::size_t, json::error_code&) {
    if (bare_root()) {
      part_.clear();
      return true;
    }
    std::string_view value(s.data(), s.size());
    if (!part_.empty()) {
      part_.append(s.data(), s.size());
      value = part_;
    }
    string_value(begin_value(), value);
    part_.clear();
    return true;
  }

  bool on_number_part(json::string_view, json::error_code&) { return true; }
  bool on_int64(std::int64_t, json::string_view, json::error_code&) { return scalar("a number"); }
  bool on_uint64(std::uint64_t, json::string_view, json::error_code&) { return scalar("a number"); }
  bool on_double(double, json::string_view, json::error_code&) { return scalar("a number"); }
  bool on_bool(bool, json::error_code&) { return scalar("a boolean"); }
  bool on_null(json::error_code&) { return scalar("null"); }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }

  bool saw_format = false;
  bool too_large = false;

 private:
  // Which slot the next value fills, given the innermost container and key.
  ctx begin_value() {
    if (stack_.empty()) return ctx::root;
    auto& f = stack_.back();
    if (f.array) ++f.index;
    switch (f.kind) {
      case ctx::skip: return ctx::skip;
      case ctx::root:
        if (f.k == member::organisations) return ctx::orgs;
        if (f.k == member::agreements) return ctx::ags;
        if (f.k == member::format || f.k == member::as_of || f.k == member::breach_budget) return ctx::root;
        unknown(f.key_text(), {"format", "as_of", "breach_budget", "organisations", "agreements"});
        return ctx::skip;
      case ctx::orgs: return ctx::org;
      case ctx::ags: return ctx::ag;
      case ctx::org:
        if (f.k == member::certifications) return ctx::certs;
        if (f.k == member::id || f.k == member::name || f.k == member::country) return ctx::org;
        unknown(f.key_text(), {"id", "name", "country", "certifications"});
        return ctx::skip;
      case ctx::ag:
        if (f.k == member::categories) return ctx::cats;
        if (f.k == member::mechanisms) return ctx::mechs;
        if (f.k == member::retention) return ctx::retention;
        if (f.k == member::id || f.k == member::client || f.k == member::processor || f.k == member::breach_notice ||
            f.k == member::change_notice)
          return ctx::ag;
        unknown(f.key_text(), {"id", "client", "processor", "categories", "mechanisms", "breach_notice", "change_notice",
                        "retention"});
        return ctx::skip;
      case ctx::certs: return ctx::certs;
      case ctx::cats: return ctx::cats;
      case ctx::mechs: return ctx::mechs;
      case ctx::retention: return ctx::retention;
    }
    return ctx::skip;
  }

  // The pointer of the value being read (for a value inside an array, its index).
  std::string pointer() const {
    std::string p;
    for (const auto& f : stack_) {
      if (f.array) {
        p += '/';
        p += std::to_string(f.index == 0 ? 0 : f.index - 1);
      } else if (auto k = f.key_text(); !k.empty()) {
        detail::append_pointer_token(p, k);
      }
    }
    return p;
  }

  void unknown(std::string_view key, std::initializer_list<std::string_view> names) {
    auto near = b_.listing_full() ? std::optional<std::string>{} : detail::closest(key, std::vector<std::string_view>(names));
    b_.problem(pointer(), errc::unknown_field, fmt::format("unknown field `{}`", key),
               near ? fmt::format("did you mean `{}`?", *near) : std::string{});
  }

  // `slot` is what begin_value() makes of the value: the frame it opens when
  // it is a container (the value of `categories` opens a cats frame), or the
  // kind of the frame it is read in when it is a string (an element of
  // `categories`, or a field such as an organisation's `id`).
  bool opens(ctx slot) const { return stack_.back().kind != slot; }

  void type_error(ctx slot, std::string_view found) {
    if (const auto& f = stack_.back(); !f.array)  // the member is there, if not usable
      (f.kind == ctx::root ? mistyped_root_ : mistyped_) |= bit(f.k);
    std::string_view expected = !opens(slot)                                                      ? "a string"
                                : slot == ctx::org || slot == ctx::ag || slot == ctx::retention ? "an object"
                                                                                                : "an array";
    b_.problem(pointer(), errc::wrong_type, fmt::format("expected {}, found {}", expected, found));
  }

  // A document that is a bare string, number, true, false or null.
  bool bare_root() {
    if (!stack_.empty()) return false;
    b_.problem("", errc::wrong_type, "a dpa-graph/1 document must be a JSON object");
    return true;
  }

  bool scalar(std::string_view what) {
    if (bare_root()) return true;
    auto slot = begin_value();
    if (slot != ctx::skip) type_error(slot, what);
    return true;
  }

  void string_value(ctx slot, std::string_view v) {
    if (slot == ctx::skip) return;
    auto& f = stack_.back();
    if (v.size() > b_.lim.max_string) {
      b_.problem(pointer(), errc::too_large, fmt::format("string of {} bytes exceeds the limit", v.size()));
      return;
    }
    switch (f.kind) {
      case ctx::root:
        if (f.k == member::format) {
          saw_format = true;
          if (v != "dpa-graph/1")
            b_.problem(pointer(), errc::unsupported_format, fmt::format("unsupported format `{}`", v),
                       "this version of dpa reads `dpa-graph/1`");
        } else if (f.k == member::as_of) {
          if (auto d = parse_date(v)) b_.g.as_of = *d;
          else b_.problem(pointer(), errc::invalid_date, fmt::format("`{}` is not a date", v), "write YYYY-MM-DD");
        } else if (f.k == member::breach_budget) {
          if (auto h = graph_duration(v)) b_.g.breach_budget_hours = *h;
          else duration_error(v);
        } else {
          type_error(slot, "a string");
        }
        return;
      case ctx::org:
        if (f.k == member::id) org_.id = b_.keep(v);
        else if (f.k == member::name) org_.name = b_.keep(v);
        else if (f.k == member::country) {
          // ZZ (user-assigned in ISO 3166-1) is "not known": graphs built from DPAs that do not say.
          if (b_.kb.country(v) || v == "ZZ") {
            org_.country = {v[0], v[1]};
            org_has_country_ = true;
          } else {
            std::string help;
            if (!b_.listing_full())  // (a suggestion costs a search: only for a problem that is listed)
              if (auto s = b_.kb.suggest_country(v)) help = fmt::format("did you mean `{}`?", *s);
            b_.problem(pointer(), errc::invalid_country, fmt::format("`{}` is not an ISO 3166-1 alpha-2 code", v), help);
            org_has_country_ = true;  // reported; not "missing" as well
          }
        } else {
          type_error(slot, "a string");
        }
        return;
      case ctx::certs:
        if (v == "dpf") org_.certifications |= graph::cert_dpf;
        else if (v == "bcr-p") org_.certifications |= graph::cert_bcr_p;
        else b_.problem(pointer(), errc::invalid_value, fmt::format("unknown certification `{}`", v), "use `dpf` or `bcr-p`");
        return;
      case ctx::ag:
        if (f.k == member::id) ag_.id = b_.keep(v);
        else if (f.k == member::client) client_.assign(v.data(), v.size()), has_client_ = true;
        else if (f.k == member::processor) processor_.assign(v.data(), v.size()), has_processor_ = true;
        else if (f.k == member::breach_notice || f.k == member::change_notice) {
          auto h = graph_duration(v);
          if (!h) duration_error(v);
          else (f.k == member::breach_notice ? ag_.breach_hours : ag_.change_hours) = *h;
        } else {
          type_error(slot, "a string");
        }
        return;
      case ctx::cats: b_.g.category_lists.push_back(b_.category(v)); return;
      case ctx::mechs:
        if (auto m = mechanism_of(v)) ag_.mechanisms |= static_cast<std::uint16_t>(*m);
        else b_.problem(pointer(), errc::invalid_value, fmt::format("unknown mechanism `{}`", v));
        return;
      case ctx::retention:
        if (auto h = graph_duration(v)) b_.g.retention_lists.push_back({b_.category(f.key), *h});
        else duration_error(v);
        return;
      default: type_error(slot, "a string"); return;
    }
  }

  void duration_error(std::string_view v) {
    const auto digits = v.substr(0, v.empty() ? 0 : v.size() - 1);
    const bool well_formed = v.size() >= 2 && (v.back() == 'h' || v.back() == 'd') &&
                             std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (well_formed)  // then only too large
      b_.problem(pointer(), errc::invalid_duration,
                 fmt::format("`{}` is more than 1000000000 {}, the most a dpa-graph/1 duration may say", v,
                             v.back() == 'h' ? "hours" : "days"));
    else
      b_.problem(pointer(), errc::invalid_duration, fmt::format("`{}` is not a dpa-graph/1 duration", v),
                 "write whole hours or days: `72h`, `30d`");
  }

  void start_organisation() {
    org_ = {};
    mistyped_ = 0;
  }

  void start_agreement() {
    ag_ = {};
    ag_.categories_begin = static_cast<std::uint32_t>(b_.g.category_lists.size());
    ag_.retention_begin = static_cast<std::uint32_t>(b_.g.retention_lists.size());
    has_client_ = has_processor_ = false;
    mistyped_ = 0;
  }

  // Ids are checked for uniqueness, and references resolved, in link().
  void finish_org() {
    // (a member of the wrong type is reported as such, not as missing as well)
    if (!org_has_country_ && !(mistyped_ & bit(member::country)))
      b_.problem(pointer(), errc::missing_field, "missing required field `country`");
    if (org_.id.empty() && !(mistyped_ & bit(member::id)))
      b_.problem(pointer(), errc::missing_field, "an organisation without `id`");
    b_.g.organisations.push_back(org_);
    b_.org_hash.push_back(graph_builder::id_table::hash(org_.id));
    org_ = {};
    org_has_country_ = false;
  }

  void finish_agreement() {
    ag_.categories_end = static_cast<std::uint32_t>(b_.g.category_lists.size());
    ag_.retention_end = static_cast<std::uint32_t>(b_.g.retention_lists.size());
    if (!has_client_ && !(mistyped_ & bit(member::client)))
      b_.problem(pointer(), errc::missing_field, "missing required field `client`");
    if (!has_processor_ && !(mistyped_ & bit(member::processor)))
      b_.problem(pointer(), errc::missing_field, "missing required field `processor`");
    if (ag_.id.empty() && !(mistyped_ & bit(member::id)))
      b_.problem(pointer(), errc::missing_field, "an agreement without `id`");
    b_.g.agreements.push_back(ag_);
    b_.agreement_hash.push_back(graph_builder::id_table::hash(ag_.id));
    for (const auto* ref : {&client_, &processor_}) {
      b_.ref_text.insert(b_.ref_text.end(), ref->begin(), ref->end());
      b_.ref_size.push_back(static_cast<std::uint32_t>(ref->size()));  // at most limits::max_string
    }
    b_.ref_given.push_back(static_cast<std::uint8_t>((has_client_ ? 1 : 0) | (has_processor_ ? 2 : 0)));
    client_.clear();
    processor_.clear();
  }

  void finish_root() {
    if (!saw_format && !(mistyped_root_ & bit(member::format)))
      b_.problem("", errc::missing_field, "missing required field `format`", "add \"format\": \"dpa-graph/1\"");
  }

  graph_builder& b_;
  std::vector<frame> stack_;
  std::string part_;
  std::vector<std::string> others_;  // members of the innermost checked object that are not dpa-graph/1's
  graph::organisation org_{};
  bool org_has_country_ = false;
  static constexpr std::uint32_t bit(member m) { return std::uint32_t{1} << static_cast<unsigned>(m); }
  std::uint32_t mistyped_ = 0;       // members of the organisation or agreement being read that had the wrong type
  std::uint32_t mistyped_root_ = 0;  // the same for the document's own members
  graph::agreement ag_{};
  std::string client_, processor_;
  bool has_client_ = false, has_processor_ = false;
};

constexpr std::size_t ahead = detail::prefetch_ahead;

// Checks that ids are unique, resolves the agreements' references, and indexes the graph.
void link(graph_builder& b) {
  auto& g = b.g;
  auto& ids = b.ids;
  const auto n_org = g.organisations.size(), n_ag = g.agreements.size();
  ids.reserve(n_org + n_ag);
  auto claim = [&](std::string_view id, std::uint32_t h, std::uint32_t value, const char* array, std::size_t index) {
    if (id.empty()) return;  // reported while reading
    if (ids.insert(id, h, value) != graph_builder::id_table::empty)
      b.problem(fmt::format("/{}/{}/id", array, index), errc::duplicate_id, fmt::format("id `{}` is used twice", id),
                "ids are unique across organisations and agreements");
  };
  for (std::size_t o = 0; o < n_org; ++o) {
    if (o + ahead < n_org) ids.prefetch(b.org_hash[o + ahead]);
    claim(g.organisations[o].id, b.org_hash[o], static_cast<std::uint32_t>(o), "organisations", o);
  }
  for (std::size_t i = 0; i < n_ag; ++i) {
    if (i + ahead < n_ag) ids.prefetch(b.agreement_hash[i + ahead]);
    claim(g.agreements[i].id, b.agreement_hash[i], static_cast<std::uint32_t>(i) | graph_builder::agreement_bit,
          "agreements", i);
  }
  b.org_hash = {};
  b.agreement_hash = {};

  // References: first the candidate with the same hash (slots prefetched), then
  // each confirmed by its key (records and keys prefetched).
  const std::size_t n_ref = 2 * n_ag;
  auto field = [&](std::size_t j) -> std::uint32_t& {
    return j % 2 ? g.agreements[j / 2].processor : g.agreements[j / 2].client;
  };
  // The text of reference j, for j = 0, 1, 2, ... in turn (each copy of the lambda keeps its own place).
  auto ref_key = [&, at = std::size_t{0}](std::size_t j) mutable {
    const std::string_view key(b.ref_text.data() + at, b.ref_size[j]);
    at += key.size();
    return key;
  };
  {
    // hashes for the slots prefetched ahead, in a ring
    std::array<std::uint32_t, ahead> ring{};
    auto lookahead = ref_key;
    for (std::size_t j = 0; j < std::min(ahead, n_ref); ++j) {
      ring[j] = graph_builder::id_table::hash(lookahead(j));
      ids.prefetch(ring[j]);
    }
    for (std::size_t j = 0; j < n_ref; ++j) {
      const auto h = ring[j % ahead];
      if (j + ahead < n_ref) {
        ring[j % ahead] = graph_builder::id_table::hash(lookahead(j + ahead));
        ids.prefetch(ring[j % ahead]);
      }
      field(j) = ids.candidate(h);
    }
  }
  const auto missing = static_cast<std::uint32_t>(n_org);  // a placeholder while problems are reported
  for (std::size_t j = 0; j < n_ref; ++j) {
    if (j + 2 * ahead < n_ref && field(j + 2 * ahead) < n_org) detail::prefetch(&g.organisations[field(j + 2 * ahead)]);
    if (j + ahead < n_ref && field(j + ahead) < n_org) detail::prefetch(g.organisations[field(j + ahead)].id.data());
    const auto key = ref_key(j);
    auto& v = field(j);
    if (!(b.ref_given[j / 2] & (j % 2 ? 2 : 1))) {
      v = missing;
      continue;
    }
    if (v != graph_builder::id_table::empty && g.organisations[v].id == key) continue;
    v = ids.find(key, graph_builder::id_table::hash(key));  // another organisation with the same hash, or none
    if (v != graph_builder::id_table::empty && !(v & graph_builder::agreement_bit)) continue;
    v = missing;
    b.problem(fmt::format("/agreements/{}/{}", j / 2, j % 2 ? "processor" : "client"), errc::dangling_reference,
              fmt::format("no organisation has the id `{}`", key));
  }
  b.ref_text = {};
  b.ref_size = {};
  b.ref_given = {};
  ids.slots = {};
  if (!b.problems.empty()) return;  // the graph will not be handed out
  g.reindex();
}


template <class Feed>
result<graph> build(const load_options& options, std::string_view source, std::size_t size_hint, Feed&& feed,
                    const std::function<std::string_view(detail::text_again& again)>& reread) {
  const knowledge& kb = options.kb ? *options.kb : knowledge::embedded();
  graph_builder b(kb, options.limits);
  // String blocks: small for small inputs, 16 MiB (huge pages) for big graphs.
  b.block_size = std::clamp<std::size_t>(size_hint / 8, 4096, std::size_t{16} << 20);
  reserve_huge(b.g.organisations, size_hint / 600);
  reserve_huge(b.g.agreements, size_hint / 200);
  reserve_huge(b.g.category_lists, size_hint / 100);
  reserve_huge(b.g.retention_lists, size_hint / 200);
  reserve_huge(b.org_hash, size_hint / 600);
  reserve_huge(b.agreement_hash, size_hint / 200);
  reserve_huge(b.ref_text, size_hint / 12);
  reserve_huge(b.ref_size, size_hint / 100);
  reserve_huge(b.ref_given, size_hint / 200);
  json::parse_options popts;
  popts.max_depth = options.limits.max_depth;
  json::basic_parser<handler> parser(popts, b);
  if (size_hint > options.limits.max_graph_bytes)
    return error{{diagnostic{errc::too_large,
                             fmt::format("the graph is {} bytes, over the limit of {}", size_hint, options.limits.max_graph_bytes),
                             "", 0, 0, "raise limits::max_graph_bytes if this graph is meant to be this large"}}};
  json::error_code ec;
  std::size_t consumed = 0, failed_at = std::string_view::npos;
  bool ok = feed([&](const char* data, std::size_t size, bool more) {
    const auto used = parser.write_some(more, data, size, ec);
    if (used == size && !ec) {
      consumed += size;
      return true;
    }
    failed_at = consumed + used;  // less than the whole chunk without an error: text after the document
    return false;
  });
  // On the way out with problems: the graph read so far is dropped before the
  // text is read again to place them.
  detail::text_again storage;
  auto located = [&] {
    b.drop_graph();
    return detail::locate(reread(storage), std::move(b.problems), options.limits.max_depth, b.unlisted);
  };
  if (parser.handler().too_large) return located();
  if (!ok || ec || !parser.done()) {
    if (!ec && failed_at == std::string_view::npos)
      return error{{diagnostic{errc::io, fmt::format("{}: read error", source), "", 0, 0, {}}}};
    b.drop_graph();
    const auto text = reread(storage);
    if (detail::trim(text).empty()) return detail::parse_json_text(text, options.limits).error();  // "empty document"
    if (!ec) ec = json::error::extra_data;
    return detail::syntax_error_at(text, failed_at, ec, options.limits.max_depth);
  }
  link(b);  // dangling references are reported with the other problems
  if (!b.problems.empty()) return located();
  return std::move(b.g);
}

}  // namespace

result<graph> parse_graph(std::string_view text, const load_options& options) {
  return build(
      options, "the graph text", text.size(), [&](auto&& write) { return write(text.data(), text.size(), false); },
      [&](detail::text_again& again) { return again.hold(text); });
}

result<graph> load_graph(const std::filesystem::path& file, const load_options& options) {
  // A pipe or a device cannot be read twice (to place problems): read it once,
  // whole. (A directory gets read_file's error.)
  if (std::error_code ec; std::filesystem::exists(file, ec) && !std::filesystem::is_regular_file(file, ec)) {
    BOOST_OUTCOME_TRY(auto text, read_file(file, options.limits.max_graph_bytes));
    return parse_graph(text, options);
  }
  std::FILE* f = std::fopen(file.c_str(), "rb");
  if (!f) return error{{diagnostic{errc::io, fmt::format("{}: cannot open file", file.string()), {}, 0, 0, {}}}};
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> closer(f, &std::fclose);
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  const std::size_t size_hint = ec ? 0 : static_cast<std::size_t>(size);
  auto feed = [&](auto&& write) {
    // 256 KiB chunks (the buffer stays in cache), or the whole file in one if smaller (one byte more, to see its end)
    const std::size_t chunk = std::min<std::size_t>(std::size_t{256} << 10, size_hint + 1);
    std::unique_ptr<char[]> buf(new char[chunk]);
    while (true) {
      std::size_t n = std::fread(buf.get(), 1, chunk, f);
      bool more = n == chunk;
      if (!write(buf.get(), n, more)) return false;
      if (!more) return !std::ferror(f);
    }
  };
  auto reread = [&](detail::text_again& again) { return again.map(file); };
  return build(options, file.string(), size_hint, feed, reread);
}

}  // namespace v1
}  // namespace dpa
