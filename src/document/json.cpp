// The `dpa/1` JSON format: field tables for every model struct, loading with
// located errors, and writing back.
#include <algorithm>
#include <fstream>
#include <set>
#include <unordered_map>

#include <dpa/knowledge.hpp>
#include <dpa/load.hpp>

#include "embedded.hpp"
#include "json/parse.hpp"
#include "document/enums.hpp"
#include "document/meta.hpp"
#include "json/scan.hpp"

namespace dpa::detail {


std::string pretty(const json::value& v) {
  std::string out;
  pretty_into(out, v, 0);
  return out;
}

void pretty_into(std::string& out, const json::value& v, std::size_t depth) {
  auto indent = [&](std::size_t n) { out.append(2 * n, ' '); };
  auto rec = [&](auto& self, const json::value& x, std::size_t depth) -> void {
    if (const auto* o = x.if_object(); o && !o->empty()) {
      out += "{\n";
      std::size_t i = 0;
      for (const auto& m : *o) {
        indent(depth + 1);
        out += json::serialize(json::string_view(m.key()));
        out += ": ";
        self(self, m.value(), depth + 1);
        out += ++i < o->size() ? ",\n" : "\n";
      }
      indent(depth);
      out += "}";
    } else if (const auto* a = x.if_array(); a && !a->empty()) {
      bool scalars = std::all_of(a->begin(), a->end(), [](const json::value& e) { return !e.is_structured(); });
      if (scalars && json::serialize(x).size() < 72) {
        out += json::serialize(x);
        return;
      }
      out += "[\n";
      for (std::size_t i = 0; i < a->size(); ++i) {
        indent(depth + 1);
        self(self, (*a)[i], depth + 1);
        out += i + 1 < a->size() ? ",\n" : "\n";
      }
      indent(depth);
      out += "]";
    } else {
      out += json::serialize(x);
    }
  };
  rec(rec, v, depth);
}

namespace {

constexpr std::string_view format_id = "dpa/1";

bool check_country(const void* ctx, std::string_view code, std::string& help) {
  const auto& kb = *static_cast<const knowledge*>(ctx);
  if (kb.country(code)) return true;
  if (auto s = kb.suggest_country(code)) help = fmt::format("did you mean `{}`?", *s);
  return false;
}

// Checks that need the whole document: unique ids and references.
class document_checks {
 public:
  // Runs after the structural pass, on what it could read: a check is skipped
  // where that pass already found a problem, so a bad value is reported once.
  document_checks(reader& r, const limits& l) : r_(r), limits_(l) {
    for (const auto& p : r.problems) earlier_.push_back(p.pointer);
  }

  void run(const document& doc) {
    std::set<std::string> ids;
    unique("/data_categories", doc.data_categories, ids);
    for (const auto& c : doc.data_categories) categories_.insert(c.id);
    categories_known_ = clean("/data_categories");
    std::set<std::string> subject_ids;
    unique("/data_subjects", doc.data_subjects, subject_ids);
    std::set<std::string> sub_ids;
    subprocessors("/subprocessors", doc.subprocessors, sub_ids);
    for (std::size_t i = 0; i < doc.retention.size(); ++i) {
      category_ref(fmt::format("/retention/{}/category", i), doc.retention[i].category);
      if (doc.retention[i].indefinite && doc.retention[i].period)
        at(fmt::format("/retention/{}/indefinite", i), errc::invalid_value,
           "`indefinite` and `period` contradict each other: data kept with no end has no period",
           "keep the one the text states; a period that ends on an event goes with `until`");
    }
    if (doc.transfers) tools("/transfers/tools", doc.transfers->tools);
    if (doc.transfers && doc.transfers->tia && clean("/subprocessors"))
      for (std::size_t i = 0; i < doc.transfers->tia->covers.size(); ++i) {
        const auto& id = doc.transfers->tia->covers[i];
        if (id.empty() || id == "processor" || sub_ids.count(id)) continue;
        std::vector<std::string_view> names(sub_ids.begin(), sub_ids.end());
        names.push_back("processor");
        auto near = closest(id, names);
        at(fmt::format("/transfers/tia/covers/{}", i), errc::dangling_reference,
           fmt::format("no sub-processor has the id `{}`", id),
           near ? fmt::format("did you mean `{}`?", *near) : "name a sub-processor id, or `processor`");
      }
    if (doc.transfers)
      for (std::size_t i = 0; i < doc.transfers->primary_locations.size(); ++i)
        location(fmt::format("/transfers/primary_locations/{}", i), doc.transfers->primary_locations[i]);
  }

 private:
  template <class T>
  void unique(const std::string& base, const std::vector<T>& items, std::set<std::string>& seen) {
    for (std::size_t i = 0; i < items.size(); ++i)
      if (!items[i].id.empty() && !seen.insert(items[i].id).second)
        at(fmt::format("{}/{}/id", base, i), errc::duplicate_id, fmt::format("id `{}` is used twice", items[i].id),
           "give every entry its own id");
  }

  void subprocessors(const std::string& base, const std::vector<subprocessor>& list, std::set<std::string>& seen) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      const auto& s = list[i];
      std::string here = fmt::format("{}/{}", base, i);
      if (++count_ == limits_.max_subprocessors + 1)
        at(here, errc::too_large, fmt::format("more than {} sub-processors", limits_.max_subprocessors));
      if (!s.id.empty() && !seen.insert(s.id).second)
        at(here + "/id", errc::duplicate_id, fmt::format("sub-processor id `{}` is used twice", s.id),
           "give every sub-processor its own id, nested ones included");
      if (s.identity == identity::generic && s.legal_name)
        at(here + "/legal_name", errc::invalid_value, "a generic sub-processor has no legal name",
           "set `identity` to `legal-entity` or remove `legal_name`");
      for (std::size_t j = 0; j < s.categories.size(); ++j)
        category_ref(fmt::format("{}/categories/{}", here, j), s.categories[j]);
      for (std::size_t j = 0; j < s.retention.size(); ++j)
        category_ref(fmt::format("{}/retention/{}/category", here, j), s.retention[j].category);
      for (std::size_t j = 0; j < s.locations.size(); ++j)
        location(fmt::format("{}/locations/{}", here, j), s.locations[j]);
      tools(here + "/transfer_tools", s.transfer_tools);
      for (std::size_t j = 0; j < s.onward.size(); ++j) tools(fmt::format("{}/onward/{}/tools", here, j), s.onward[j].tools);
      subprocessors(here + "/subprocessors", s.subprocessors, seen);
    }
  }

  void tools(const std::string& base, const std::vector<transfer_tool>& list) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      const auto& t = list[i];
      if (!clean(fmt::format("{}/{}/kind", base, i))) continue;
      bool scc = t.kind == tool_kind::scc || t.kind == tool_kind::scc_2021;
      for (std::size_t j = 0; j < t.modules.size(); ++j) {
        std::string here = fmt::format("{}/{}/modules/{}", base, i, j);
        if (!scc)
          at(here, errc::invalid_value, fmt::format("modules belong to standard contractual clauses, not `{}`", enum_name(t.kind)));
        else if (t.modules[j] < 1 || t.modules[j] > 4)
          at(here, errc::invalid_value, fmt::format("SCC module `{}` does not exist", t.modules[j]), "modules are 1 to 4");
      }
    }
  }

  void location(const std::string& here, const dpa::location& l) {
    if (!clean(here + "/kind")) return;
    if (l.kind == location_kind::country && !l.country)
      at(here, errc::missing_field, "a location of kind `country` needs `country`");
    if (l.kind != location_kind::country && l.country)
      at(here + "/country", errc::invalid_value, fmt::format("`country` is only for locations of kind `country`, not `{}`", enum_name(l.kind)));
    if (l.kind == location_kind::area && !l.area) at(here, errc::missing_field, "a location of kind `area` needs `area`");
    if (l.kind != location_kind::area && l.area)
      at(here + "/area", errc::invalid_value, fmt::format("`area` is only for locations of kind `area`, not `{}`", enum_name(l.kind)));
  }

  void category_ref(const std::string& here, const std::string& id) {
    if (categories_known_ && !id.empty() && !categories_.count(id)) {
      std::vector<std::string_view> names(categories_.begin(), categories_.end());
      auto near = closest(id, names);
      at(here, errc::dangling_reference, fmt::format("no data category has the id `{}`", id),
         near ? fmt::format("did you mean `{}`?", *near) : "declare it under /data_categories");
    }
  }

  void at(std::string pointer, errc code, std::string message, std::string help = {}) {
    r_.add({code, std::move(message), std::move(pointer), std::move(help)});
  }

  // No problem was found at or below `pointer` in the structural pass.
  bool clean(const std::string& pointer) const {
    for (const auto& e : earlier_)
      if (e.compare(0, pointer.size(), pointer) == 0 && (e.size() == pointer.size() || e[pointer.size()] == '/'))
        return false;
    return true;
  }

  reader& r_;
  const limits& limits_;
  std::vector<std::string> earlier_;
  std::set<std::string> categories_;
  bool categories_known_ = true;
  std::size_t count_ = 0;
};

error single(errc code, std::string message, std::string_view text, std::size_t offset, std::string pointer,
             std::string help = {}) {
  auto pos = position_at(text, offset);
  return error{{diagnostic{code, std::move(message), std::move(pointer), pos.line, pos.column, std::move(help)}}};
}

}  // namespace

/// Parses JSON text with Boost.JSON, turning a syntax error into a located diagnostic.
result<json::value> parse_json_text(std::string_view text, const limits& lim) {
  if (text.size() > lim.max_bytes)
    return single(errc::too_large, fmt::format("document of {} bytes exceeds the limit of {} bytes", text.size(), lim.max_bytes),
                  text, 0, "");
  if (trim(text).empty()) return single(errc::syntax, "empty document", text, text.size(), "", "the document must be a JSON object");
  json::parse_options opts;
  opts.max_depth = lim.max_depth;
  json::stream_parser p(json::storage_ptr(), opts);
  json::error_code ec;
  std::size_t used = p.write_some(text.data(), text.size(), ec);
  if (!ec && used < text.size()) ec = json::error::extra_data;
  if (!ec) p.finish(ec);
  if (!ec) return p.release();
  return syntax_error_at(text, used, ec, lim.max_depth);
}

error syntax_error_at(std::string_view text, std::size_t offset, json::error_code ec, std::size_t max_depth) {
  offset = std::min(offset, text.size());
  scan_request req;
  req.stop = offset;
  req.max_depth = max_depth;
  auto where = scan_json(text, req).pointer_at_stop;
  std::string message;
  errc code = errc::syntax;
  std::string help;
  if (offset == 0 && text.starts_with("\xEF\xBB\xBF")) {
    message = "the text begins with a byte order mark (U+FEFF), which JSON does not allow (RFC 8259, section 8.1)";
    help = "save the file as UTF-8 without a BOM";
  } else if (ec == json::error::too_deep) {
    code = errc::too_deep;
    message = fmt::format("nesting deeper than {} levels", max_depth);
  } else if (ec == json::error::incomplete || offset >= text.size()) {
    message = "the document ends too early (truncated JSON?)";
    offset = text.size();
  } else if (ec == json::error::extra_data) {
    message = "unexpected text after the end of the document";
  } else {
    // Invalid UTF-8 shows up as a syntax error at a byte with the high bit set.
    std::size_t probe = offset;
    while (probe < text.size() && probe < offset + 4 && static_cast<unsigned char>(text[probe]) < 0x80) ++probe;
    bool non_ascii = probe < text.size() && static_cast<unsigned char>(text[probe]) >= 0x80;
    if (non_ascii && offset < text.size() && text[offset] != '\\') {
      code = errc::invalid_utf8;
      message = "invalid UTF-8 in a string";
    } else if (offset < text.size() && static_cast<unsigned char>(text[offset]) < 0x20 && text[offset] != '\n' &&
               text[offset] != '\t' && text[offset] != '\r') {
      message = fmt::format("control character U+{:04X} is not allowed here", static_cast<unsigned>(text[offset]));
    } else {
      message = fmt::format("malformed JSON ({})", ec.message());
    }
  }
  return single(code, message, text, offset, where, help);
}

/// Turns reader problems into located diagnostics in document order.
error locate(std::string_view text, std::vector<problem> problems, std::size_t max_depth, std::size_t unlisted) {
  // Each pointer and its parents, found in one scan: a pointer into a value the
  // text does not contain (a missing member) falls back to the nearest parent.
  std::unordered_map<std::string, std::size_t> wanted;
  for (const auto& p : problems)
    for (std::string_view q = p.pointer;; q = q.substr(0, q.rfind('/'))) {
      if (!wanted.emplace(q, std::string_view::npos).second || q.empty()) break;
    }
  scan_request req;
  req.max_depth = max_depth;
  req.wanted = &wanted;
  scan_json(text, req);
  std::vector<std::pair<std::size_t, diagnostic>> located;
  located.reserve(problems.size());
  for (auto& p : problems) {
    std::string_view q = p.pointer;
    auto offset = wanted[std::string(q)];
    while (offset == std::string_view::npos && !q.empty()) {
      q = q.substr(0, q.rfind('/'));
      offset = wanted[std::string(q)];
    }
    if (offset == std::string_view::npos) offset = 0;
    located.push_back({offset, diagnostic{p.code, std::move(p.message), std::move(p.pointer), 0, 0, std::move(p.help)}});
  }
  std::stable_sort(located.begin(), located.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  if (located.size() > max_listed_problems) {
    unlisted += located.size() - max_listed_problems;
    located.resize(max_listed_problems);
  }
  std::vector<std::size_t> offsets;
  offsets.reserve(located.size());
  for (const auto& l : located) offsets.push_back(l.first);
  const auto positions = positions_at(text, offsets);
  error e;
  e.diagnostics.reserve(located.size());
  for (std::size_t i = 0; i < located.size(); ++i) {
    auto& d = located[i].second;
    d.line = positions[i].line;
    d.column = positions[i].column;
    e.diagnostics.push_back(std::move(d));
  }
  if (unlisted != 0)
    e.diagnostics.push_back({errc::too_large,
                             fmt::format("{} more problems, not listed: only the first {} are", unlisted,
                                         max_listed_problems),
                             "", 0, 0, {}});
  return e;
}

std::vector<problem> duplicate_keys(std::string_view text, std::size_t max_depth) {
  scan_request req;
  req.max_depth = max_depth;
  req.find_duplicates = true;
  std::vector<problem> out;
  for (auto& d : scan_json(text, req).duplicates) {
    auto key = d.pointer.substr(d.pointer.rfind('/') + 1);
    out.push_back({errc::duplicate_key, fmt::format("key `{}` appears twice in one object", key), d.pointer,
                   "JSON readers disagree on which one wins; keep one"});
  }
  return out;
}

}  // namespace dpa::detail

namespace dpa {
inline namespace v1 {

#define DPA_TO_STRING(E) \
  std::string_view to_string(E e) noexcept { return detail::enum_name(e); }
DPA_TO_STRING(special_stance)
DPA_TO_STRING(authorisation)
DPA_TO_STRING(list_form)
DPA_TO_STRING(objection_outcome)
DPA_TO_STRING(location_kind)
DPA_TO_STRING(tool_kind)
DPA_TO_STRING(tool_scope)
DPA_TO_STRING(role_condition)
DPA_TO_STRING(retention_basis)
DPA_TO_STRING(notice_timing)
DPA_TO_STRING(retention_trigger)
DPA_TO_STRING(description_form)
DPA_TO_STRING(retention_phase)
DPA_TO_STRING(identity)
DPA_TO_STRING(recipient_role)
DPA_TO_STRING(breach_item)
DPA_TO_STRING(deletion_choice)
DPA_TO_STRING(audit_exception)
DPA_TO_STRING(audit_costs)
DPA_TO_STRING(audit_reports)
DPA_TO_STRING(amendment_mode)
#undef DPA_TO_STRING

result<document> parse_document(std::string_view text, const load_options& options) {
  using namespace detail;
  const auto& lim = options.limits;
  const knowledge& kb = options.kb ? *options.kb : knowledge::embedded();
  BOOST_OUTCOME_TRY(auto root, parse_json_text(text, lim));

  reader r(lim, &check_country, &kb);
  r.problems = duplicate_keys(text, lim.max_depth);
  document doc;
  if (auto* o = root.if_object()) {
    if (const auto* f = o->if_contains("format")) {
      if (!f->is_string() || f->get_string() != format_id) {
        r.problems.push_back({errc::unsupported_format,
                              fmt::format("unsupported format {}", json::serialize(*f).substr(0, 60)), "/format",
                              fmt::format("this version of dpa reads `{}`", format_id)});
        return locate(text, std::move(r.problems), lim.max_depth, r.unlisted);
      }
      o->stable_erase("format");  // (erase would move the last member here, out of document order)
    } else {
      r.problems.push_back({errc::missing_field, "missing required field `format`", "",
                            fmt::format("add \"format\": \"{}\"", format_id)});
    }
    r.read(root, doc);
    document_checks(r, lim).run(doc);
  } else {
    r.pointer.clear();
    r.fail(errc::wrong_type, "a DPA document must be a JSON object");
  }
  if (!r.problems.empty()) return locate(text, std::move(r.problems), lim.max_depth, r.unlisted);
  return doc;
}

result<std::string> read_file(const std::filesystem::path& file, std::size_t max_bytes) {
  auto io_error = [&](std::string what) {
    return error{{diagnostic{errc::io, fmt::format("{}: {}", file.string(), what), {}, 0, 0, {}}}};
  };
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) return io_error("is a directory");
  std::ifstream in(file, std::ios::binary);
  if (!in) return io_error("cannot open file");
  std::string data;
  if (const auto size = std::filesystem::file_size(file, ec); !ec && size <= max_bytes)
    data.reserve(static_cast<std::size_t>(size));  // one allocation, not a doubling one (twice the file at its peak)
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    data.append(buf, static_cast<std::size_t>(in.gcount()));
    if (data.size() > max_bytes) {
      return error{{diagnostic{errc::too_large,
                               fmt::format("document exceeds the limit of {} bytes", max_bytes), "", 1, 1, {}}}};
    }
  }
  if (in.bad()) return io_error("read error");
  return data;
}

result<document> load_document(const std::filesystem::path& file, const load_options& options) {
  BOOST_OUTCOME_TRY(auto text, read_file(file, options.limits.max_bytes));
  return parse_document(text, options);
}

std::string to_json(const document& doc) {
  auto v = detail::write(doc);
  auto& o = v.as_object();
  detail::json::object out;
  out.emplace("format", detail::format_id);
  for (auto& m : o) out.emplace(m.key(), std::move(m.value()));
  return detail::pretty(out) + "\n";
}

std::string_view document_schema() noexcept { return detail::embedded_document_schema(); }

}  // namespace v1
}  // namespace dpa
