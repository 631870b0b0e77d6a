// The jurisdiction knowledge base: loading `dpa-knowledge/1` and answering
// "is a recipient in this country covered on this date, and by what?".
#include <dpa/knowledge.hpp>

#include <algorithm>
#include <map>

#include <boost/uuid/detail/sha1.hpp>

#include "embedded.hpp"
#include "json/parse.hpp"
#include "text.hpp"
#include "document/enums.hpp"

namespace dpa::detail {

// The file's shape, read with the same machinery as documents.
struct kb_eea {
  std::string country, name;
  date valid_from{};
  std::optional<date> valid_until;
  std::string source;
  std::optional<std::string> note;
};
struct kb_adequacy {
  std::string id, country, decision;
  date valid_from{};
  std::optional<date> valid_until;
  std::string scope;
  std::optional<std::string> condition;
  std::optional<tool_kind> tool;
  std::string source;
  std::optional<std::string> note;
};
struct kb_organisation {
  std::string id, name, decision;
  date valid_from{};
  std::optional<date> valid_until;
  std::string scope, source;
};
struct kb_tool {
  tool_kind tool{};
  std::string name;
  date valid_from{};
  std::optional<date> new_contracts_until;
  std::optional<date> valid_until;
  std::string source;
  std::optional<std::string> note;
};
struct kb_period {
  std::string id, name;
  std::optional<dpa::duration> duration;
  date valid_from{};
  std::optional<date> valid_until;
  std::string source;
};
struct kb_file {
  std::string format, version;
  date compiled{};
  std::optional<std::string> notes;
  std::map<std::string, std::string> sources;
  std::vector<kb_eea> eea;
  std::vector<kb_adequacy> adequacy;
  std::vector<kb_organisation> organisations;
  std::vector<kb_tool> tools;
  std::vector<kb_period> periods;
};
struct kb_country {
  std::string code, name;
  std::optional<std::string> common_name, official_name;
};
struct kb_countries {
  std::string source;
  std::vector<kb_country> countries;
};

#define DPA_META(T, ...)                                    \
  template <>                                               \
  struct meta<T> {                                          \
    static constexpr auto fields = std::tuple{__VA_ARGS__}; \
  };
DPA_META(kb_eea, req("country", &kb_eea::country, check::country), req("name", &kb_eea::name),
         req("valid_from", &kb_eea::valid_from), opt("valid_until", &kb_eea::valid_until), req("source", &kb_eea::source),
         opt("note", &kb_eea::note))
DPA_META(kb_adequacy, req("id", &kb_adequacy::id), req("country", &kb_adequacy::country, check::country),
         req("decision", &kb_adequacy::decision), req("valid_from", &kb_adequacy::valid_from),
         opt("valid_until", &kb_adequacy::valid_until), req("scope", &kb_adequacy::scope),
         opt("condition", &kb_adequacy::condition), opt("tool", &kb_adequacy::tool), req("source", &kb_adequacy::source),
         opt("note", &kb_adequacy::note))
DPA_META(kb_organisation, req("id", &kb_organisation::id), req("name", &kb_organisation::name),
         req("decision", &kb_organisation::decision), req("valid_from", &kb_organisation::valid_from),
         opt("valid_until", &kb_organisation::valid_until), req("scope", &kb_organisation::scope),
         req("source", &kb_organisation::source))
DPA_META(kb_tool, req("tool", &kb_tool::tool), req("name", &kb_tool::name), req("valid_from", &kb_tool::valid_from),
         opt("new_contracts_until", &kb_tool::new_contracts_until), opt("valid_until", &kb_tool::valid_until),
         req("source", &kb_tool::source), opt("note", &kb_tool::note))
DPA_META(kb_period, req("id", &kb_period::id), req("name", &kb_period::name), opt("duration", &kb_period::duration),
         req("valid_from", &kb_period::valid_from), opt("valid_until", &kb_period::valid_until),
         req("source", &kb_period::source))
DPA_META(kb_file, req("format", &kb_file::format), req("version", &kb_file::version), req("compiled", &kb_file::compiled),
         opt("notes", &kb_file::notes), req("sources", &kb_file::sources), req("eea", &kb_file::eea),
         req("adequacy", &kb_file::adequacy), opt("organisations", &kb_file::organisations), req("tools", &kb_file::tools),
         opt("periods", &kb_file::periods))
DPA_META(kb_country, req("code", &kb_country::code), req("name", &kb_country::name),
         opt("common_name", &kb_country::common_name), opt("official_name", &kb_country::official_name))
DPA_META(kb_countries, req("source", &kb_countries::source), req("countries", &kb_countries::countries))
#undef DPA_META


namespace {

bool any_country(const void*, std::string_view code, std::string&) {
  return code.size() == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z';
}

std::string sha1_hex(std::string_view data) {
  boost::uuids::detail::sha1 h;
  h.process_bytes(data.data(), data.size());
  boost::uuids::detail::sha1::digest_type d;
  h.get_digest(d);
  std::string out;
  for (unsigned part : d) out += fmt::format("{:08x}", part);
  return out;
}

template <class T>
result<T> read_json(std::string_view text, const void* cc_ctx, country_checker cc) {
  limits lim;
  lim.max_bytes = std::size_t{64} << 20;
  BOOST_OUTCOME_TRY(auto root, parse_json_text(text, lim));
  reader r(lim, cc, cc_ctx);
  r.problems = duplicate_keys(text, lim.max_depth);
  T out;
  r.read(root, out);
  if (!r.problems.empty()) return locate(text, std::move(r.problems), lim.max_depth, r.unlisted);
  return out;
}

}  // namespace
}  // namespace dpa::detail

namespace dpa {
inline namespace v1 {

answer coverage::covered() const noexcept {
  switch (status) {
    case coverage_status::eea:
    case coverage_status::adequate: return answer::yes;
    case coverage_status::conditional: return condition_met;
    case coverage_status::third_country: return answer::no;
  }
  return answer::no;
}

namespace {
std::vector<country_info> load_countries() {
  auto parsed = detail::read_json<detail::kb_countries>(detail::embedded_countries(), nullptr, &detail::any_country);
  std::vector<country_info> out;
  if (!parsed) return out;  // the build checks the embedded file; this cannot fail at run time
  for (auto& c : parsed.value().countries)
    out.push_back({c.code, c.name, c.common_name.value_or(""), c.official_name.value_or("")});
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
  return out;
}
}  // namespace

result<knowledge> knowledge::parse(std::string_view text) {
  static const std::vector<country_info> countries = load_countries();
  knowledge kb;
  kb.countries_ = countries;
  BOOST_OUTCOME_TRY(auto file, detail::read_json<detail::kb_file>(text, &kb, [](const void* ctx, std::string_view code,
                                                                                   std::string& help) {
    const auto& k = *static_cast<const knowledge*>(ctx);
    if (k.country(code)) return true;
    if (auto s = k.suggest_country(code)) help = fmt::format("did you mean `{}`?", *s);
    return false;
  }));
  std::vector<detail::problem> problems;
  if (file.format != "dpa-knowledge/1")
    problems.push_back({errc::unsupported_format, fmt::format("unsupported format `{}`", file.format), "/format",
                        "this version of dpa reads `dpa-knowledge/1`"});
  auto source_ok = [&](const std::string& key, std::string pointer) {
    if (!file.sources.count(key))
      problems.push_back({errc::dangling_reference, fmt::format("no source has the key `{}`", key), std::move(pointer),
                          "declare it under /sources"});
  };
  kb.version_ = file.version;
  kb.compiled_ = file.compiled;
  kb.checksum_ = detail::sha1_hex(text);
  kb.source_ = std::string(text);
  for (std::size_t i = 0; i < file.eea.size(); ++i) {
    auto& e = file.eea[i];
    source_ok(e.source, fmt::format("/eea/{}/source", i));
    kb.eea_.push_back({e.country, e.name, {e.valid_from, e.valid_until}, file.sources[e.source], e.note.value_or("")});
  }
  for (std::size_t i = 0; i < file.adequacy.size(); ++i) {
    auto& a = file.adequacy[i];
    source_ok(a.source, fmt::format("/adequacy/{}/source", i));
    kb.adequacy_.push_back({a.id, a.country, a.decision, {a.valid_from, a.valid_until}, a.scope, a.condition.value_or(""),
                            a.tool, file.sources[a.source], a.note.value_or("")});
  }
  for (std::size_t i = 0; i < file.tools.size(); ++i) {
    auto& t = file.tools[i];
    source_ok(t.source, fmt::format("/tools/{}/source", i));
    kb.tools_.push_back({t.tool, t.name, {t.valid_from, t.valid_until}, t.new_contracts_until, file.sources[t.source],
                         t.note.value_or("")});
  }
  if (!problems.empty()) return detail::locate(text, std::move(problems), 64);
  return kb;
}

result<knowledge> knowledge::load(const std::filesystem::path& file) {
  BOOST_OUTCOME_TRY(auto text, read_file(file, std::size_t{64} << 20));
  return parse(text);
}

const knowledge& knowledge::embedded() {
  static const knowledge kb = [] {
    auto r = parse(detail::embedded_jurisdictions());
    // The build validates the embedded file (tests/unit), so this holds.
    return r ? std::move(r).value() : knowledge{};
  }();
  return kb;
}

const country_info* knowledge::country(std::string_view code) const noexcept {
  auto it = std::lower_bound(countries_.begin(), countries_.end(), code,
                             [](const country_info& c, std::string_view k) { return c.code < k; });
  return it != countries_.end() && it->code == code ? &*it : nullptr;
}

std::optional<country_code> knowledge::suggest_country(std::string_view text) const {
  std::string upper(text);
  for (auto& c : upper)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  if (country(upper)) return upper;
  static constexpr std::pair<std::string_view, std::string_view> aliases[] = {
      {"uk", "GB"},          {"el", "GR"},         {"usa", "US"},      {"u.s.", "US"},          {"u.s.a.", "US"},
      {"united states", "US"}, {"america", "US"},  {"england", "GB"},  {"great britain", "GB"}, {"britain", "GB"},
      {"scotland", "GB"},    {"wales", "GB"},      {"korea", "KR"},    {"south korea", "KR"},   {"czech republic", "CZ"},
      {"russia", "RU"},      {"holland", "NL"},    {"the netherlands", "NL"}, {"deutschland", "DE"}, {"österreich", "AT"},
      {"schweiz", "CH"},     {"suisse", "CH"},     {"espana", "ES"},   {"españa", "ES"},        {"ger", "DE"}};
  auto lower = detail::ascii_lower(detail::trim(text));
  for (auto [alias, code] : aliases)
    if (lower == alias) return country_code(code);
  std::vector<std::string_view> names;
  for (const auto& c : countries_) {
    for (const auto* n : {&c.name, &c.common_name, &c.official_name})
      if (!n->empty() && detail::ascii_lower(*n) == lower) return c.code;
  }
  std::optional<country_code> best;
  std::size_t best_d = 3;
  for (const auto& c : countries_) {
    for (const auto* n : {&c.name, &c.common_name}) {
      if (n->empty()) continue;
      auto d = detail::edit_distance(lower, detail::ascii_lower(*n), 3);
      if (d < best_d) {
        best_d = d;
        best = c.code;
      }
    }
  }
  return best;
}

const eea_membership* knowledge::eea(std::string_view code, date on) const noexcept {
  for (const auto& m : eea_)
    if (m.country == code && m.validity.holds_on(on)) return &m;
  return nullptr;
}

coverage knowledge::covered(std::string_view code, date on, const std::vector<std::string>& attributes,
                            bool attributes_known) const {
  coverage c;
  if (const auto* m = eea(code, on)) {
    c.status = coverage_status::eea;
    c.membership = m;
    return c;
  }
  // A whole-country decision wins over a conditional one.
  const adequacy_decision* conditional = nullptr;
  for (const auto& a : adequacy_) {
    if (a.country != code || !a.validity.holds_on(on)) continue;
    if (a.condition.empty()) {
      c.status = coverage_status::adequate;
      c.decision = &a;
      return c;
    }
    if (!conditional) conditional = &a;
  }
  if (conditional) {
    c.status = coverage_status::conditional;
    c.decision = conditional;
    bool has = std::find(attributes.begin(), attributes.end(), conditional->condition) != attributes.end();
    c.condition_met = has ? answer::yes : attributes_known ? answer::no : answer::depends;
  }
  return c;
}

const transfer_instrument* knowledge::instrument(tool_kind t) const noexcept {
  for (const auto& i : tools_)
    if (i.tool == t) return &i;
  return nullptr;
}

answer knowledge::tool_valid(tool_kind t, date on, std::optional<stated_date> concluded) const {
  const auto* i = instrument(t);
  if (!i) return answer::depends;  // adequacy, unspecified: nothing dated to check
  if (!i->validity.holds_on(on)) return answer::no;
  if (i->new_contracts_until && on > *i->new_contracts_until) {
    if (!concluded) return answer::depends;
    if (concluded->last() <= *i->new_contracts_until) return answer::yes;
    return concluded->first > *i->new_contracts_until ? answer::no : answer::depends;  // a month across the cut-off
  }
  return answer::yes;
}

}  // namespace v1
}  // namespace dpa
