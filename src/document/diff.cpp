// Field-by-field comparison of two versions of a DPA, classified by what the
// change means for the controller.
#include <dpa/diff.hpp>

#include <algorithm>
#include <map>

#include <dpa/render.hpp>

#include "json/io.hpp"
#include "document/enums.hpp"
#include "document/meta.hpp"
#include "rules/rule.hpp"

namespace dpa {
inline namespace v1 {

std::string_view to_string(direction d) noexcept {
  switch (d) {
    case direction::neutral: return "neutral";
    case direction::weakened: return "weakened";
    case direction::strengthened: return "strengthened";
  }
  return "neutral";
}

namespace {

namespace json = boost::json;

const std::vector<rule_info>& diff_rules() {
  static const std::vector<rule_info> rules{
      {"diff/subprocessor-added", severity::info, "A new sub-processor", "Art. 28(2) GDPR", detail::gdpr,
       "A sub-processor that the new version lists and the old one did not. Under a general authorisation the "
       "controller must have been told in advance and given the chance to object (Art. 28(2)); under a specific "
       "one it must have authorised it.",
       "Check that notice was given within the agreed period, and object if the new recipient is not acceptable.",
       R"({"subprocessors": [{"id": "hoster", "name": "Example Hosting SE", "country": "DE"}, {"id": "mail", "name": "Mail GmbH", "country": "DE"}]})",
       R"({})"},
      {"diff/weakened", severity::warning, "A period or promise moved against the controller",
       "Art. 28(3) GDPR", detail::gdpr,
       "The new version gives the controller less: a longer breach window, shorter notice of changes, longer "
       "retention, later deletion, a removed right or a weaker transfer tool. Amendments to the detriment of the "
       "controller need its agreement or at least notice and a way out.",
       "Review the change with the processor; object or terminate where the agreement allows it.",
       R"({"breach": {"bound": "72 hours"}})", R"({"breach": {"bound": "12 hours"}})"},
  };
  return rules;
}

// Which way a longer duration moves, by the member's path with array indexes as '*'.
int longer_is_worse(std::string_view path) {
  static const std::pair<std::string_view, int> table[] = {
      {"/breach/bound", +1},
      {"/breach/target", +1},
      {"/subprocessing/change_notice/period", -1},
      {"/subprocessing/objection/window", -1},
      {"/subprocessing/objection/resolution_period", +1},
      {"/deletion/deadline", +1},
      {"/deletion/backup_deadline", +1},
      {"/deletion/export_window", -1},
      {"/dsr/deadline", +1},
      {"/audits/notice", +1},
      {"/amendments/notice", -1},
      {"/instructions/infringement/bound", +1},
      {"/security/review_interval", +1},
      {"/retention/*/period", +1},
      {"/subprocessors/*/retention/*/period", +1},
  };
  for (auto [p, sense] : table)
    if (path == p) return sense;
  if (path.size() > 18 && path.substr(path.size() - 18) == "/retention/*/period") return +1;
  return 0;
}

// Members whose loss takes something from the controller.
bool protective(std::string_view path) {
  static const std::string_view members[] = {
      "/breach", "/breach/undue_delay", "/subprocessing/objection", "/subprocessing/change_notice",
      "/subprocessing/flow_down", "/subprocessing/processor_liable", "/subprocessing/objection/within_notice_period",
      "/instructions", "/instructions/documented", "/instructions/covers_transfers",
      "/instructions/legal_requirement_exception", "/instructions/infringement", "/confidentiality",
      "/confidentiality/survives_engagement", "/security", "/dsr", "/dsr/forwards_requests", "/assistance",
      "/assistance/security", "/assistance/breach_notification", "/assistance/dpia", "/assistance/prior_consultation",
      "/deletion", "/deletion/certificate", "/deletion/statutory_exception", "/audits", "/audits/information",
      "/audits/allowed", "/audits/inspections", "/amendments/termination_right", "/transfers/tia",
      "/transfers/tia/performed", "/transfers/tia/available_on_request", "/controller_obligations"};
  return std::find(std::begin(members), std::end(members), path) != std::end(members);
}

// Rank of an enumerated value for the controller (higher is better); 0 when unranked.
int enum_rank(std::string_view path, std::string_view value) {
  auto rank = [&](std::initializer_list<std::string_view> worst_to_best) {
    int i = 1;
    for (auto v : worst_to_best) {
      if (v == value) return i;
      ++i;
    }
    return 0;
  };
  if (path == "/deletion/choice") return rank({"not-stated", "delete-on-request", "return", "delete", "delete-or-return"});
  if (path == "/amendments/mode") return rank({"not-stated", "unilateral", "mutual"});
  if (path == "/subprocessing/authorisation") return rank({"not-stated", "general", "specific"});
  if (path == "/subprocessing/list") return rank({"none", "by-reference", "both", "inline"});
  if (path == "/subprocessing/objection/outcome")
    return rank({"processor-decides", "not-stated", "negotiate", "terminate-affected", "terminate"});
  return 0;
}

// How strong a sub-processor's transfer basis is, for "tool downgraded".
int tool_rank(const json::value* tools, const detail::context& ctx) {
  if (!tools || !tools->is_array()) return 0;
  int best = 0;
  for (const auto& t : tools->get_array()) {
    const auto* o = t.if_object();
    if (!o || !o->contains("kind")) continue;
    std::string_view kind = o->at("kind").as_string();
    bool conditional = o->contains("conditional") && o->at("conditional").as_bool();
    tool_kind k{};
    for (const auto& [value, name] : detail::enum_table<tool_kind>::items)
      if (name == kind) k = value;
    int r = 0;
    if (ctx.kb.instrument(k) && ctx.kb.tool_valid(k, ctx.opts.as_of, ctx.doc.effective_date) == answer::no) {
      r = 0;
    } else if (k == tool_kind::scc_2021) {
      bool m3 = false;
      if (const auto* m = o->if_contains("modules"))
        for (const auto& x : m->as_array()) m3 = m3 || (x.is_int64() && x.get_int64() == 3);
      r = m3 ? 5 : 4;
    } else if (k == tool_kind::bcr || k == tool_kind::code_of_conduct || k == tool_kind::certification ||
               k == tool_kind::ad_hoc_clauses) {
      r = 4;
    } else if (k == tool_kind::dpf || k == tool_kind::adequacy) {
      r = 3;
    } else if (k == tool_kind::scc || k == tool_kind::unspecified || k == tool_kind::derogation) {
      r = 1;
    } else {
      r = 2;
    }
    if (conditional) r = std::min(r, 1);
    best = std::max(best, r);
  }
  return best;
}

// The member as a person would name it.
std::string label(std::string_view path) {
  static const std::pair<std::string_view, std::string_view> names[] = {
      {"/breach/bound", "the breach notice bound"},
      {"/breach/target", "the breach notice target"},
      {"/subprocessing/change_notice/period", "notice of sub-processor changes"},
      {"/subprocessing/objection/window", "the window to object"},
      {"/subprocessing/objection/resolution_period", "the time to resolve an objection"},
      {"/deletion/deadline", "the deletion deadline"},
      {"/deletion/backup_deadline", "the backup deletion deadline"},
      {"/deletion/export_window", "the export window"},
      {"/dsr/deadline", "the data-subject request deadline"},
      {"/audits/notice", "the audit notice"},
      {"/amendments/notice", "notice of amendments"},
      {"/instructions/infringement/bound", "notice of infringing instructions"},
      {"/security/review_interval", "the review interval of the security measures"},
  };
  for (auto [p, n] : names)
    if (path == p) return std::string(n);
  if (path.size() > 18 && path.substr(path.size() - 18) == "/retention/*/period") return "a retention period";
  return std::string(path);
}

void strip_sources(json::value& v) {
  if (auto* o = v.if_object()) {
    o->erase("source");
    for (auto& m : *o) strip_sources(m.value());
  } else if (auto* a = v.if_array()) {
    for (auto& e : *a) strip_sources(e);
  }
}

struct differ {
  const detail::context& ctx;  // the new document's
  const json::value& root_old;
  const json::value& root_new;
  std::vector<change> out;

  static std::string text(const json::value& v) { return json::serialize(v); }

  // The key that matches array elements across versions.
  static std::string key_of(std::string_view path, const json::value& v) {
    const auto* o = v.if_object();
    if (!o) return text(v);
    auto get = [&](std::string_view k) -> std::string {
      auto* x = o->if_contains(k);
      return x ? (x->is_string() ? std::string(x->get_string()) : text(*x)) : std::string();
    };
    if (o->contains("id")) return "id:" + get("id");
    if (path.size() >= 10 && path.substr(path.size() - 10) == "/retention") return get("category") + "|" + get("scope");
    if (path.size() >= 10 && path.substr(path.size() - 10) == "/locations") return get("text") + "|" + get("country");
    if (path == "/mentions") return get("name");
    if (path == "/history") return get("version");
    if (path.size() >= 7 && path.substr(path.size() - 7) == "/onward") return get("recipient");
    if (path.size() >= 9 && path.substr(path.size() - 9) == "/contacts") return get("role") + "|" + get("email");
    if (o->contains("text")) return get("text");
    if (o->contains("kind")) return get("kind");
    return text(v);
  }

  // The innermost sub-processor or data category on the path, in the document the pointer is into.
  static std::string subject_of(const std::string& ptr, const json::value& doc) {
    std::string best, walked;
    const json::value* cur = &doc;
    std::size_t pos = 0;
    while (cur && pos < ptr.size()) {
      auto next = ptr.find('/', pos + 1);
      std::string token = ptr.substr(pos + 1, next == std::string::npos ? std::string::npos : next - pos - 1);
      if (const auto* o = cur->if_object()) {
        cur = o->if_contains(token);
      } else if (const auto* a = cur->if_array()) {
        std::size_t i = std::strtoul(token.c_str(), nullptr, 10);
        cur = i < a->size() ? &(*a)[i] : nullptr;
        bool named = walked.size() >= 14 && walked.substr(walked.size() - 14) == "/subprocessors";
        if (cur && cur->is_object() && cur->as_object().contains("id") && (named || walked == "/data_categories"))
          best = std::string(cur->as_object().at("id").as_string());
      }
      walked = ptr.substr(0, next == std::string::npos ? ptr.size() : next);
      pos = next == std::string::npos ? ptr.size() : next;
    }
    return !best.empty() ? best : ptr.empty() ? "/" : ptr;
  }

  void emit(std::string kind, std::string pointer, const json::value* before, const json::value* after,
            std::string message, direction d, certainty c = certainty::definite) {
    change ch;
    ch.kind = std::move(kind);
    ch.pointer = std::move(pointer);
    ch.before = before ? text(*before) : "";
    ch.after = after ? text(*after) : "";
    ch.message = std::move(message);
    ch.direction = d;
    ch.certainty = c;
    ch.subject = subject_of(ch.pointer, after ? root_new : root_old);
    out.push_back(std::move(ch));
  }

  void walk(const json::value* a, const json::value* b, const std::string& old_ptr, const std::string& new_ptr,
            const std::string& path) {
    if (a && b && *a == *b) return;
    const std::string& ptr = b ? new_ptr : old_ptr;
    // whole sub-processors and data categories
    bool is_sub = path.size() >= 16 && path.substr(path.size() - 16) == "/subprocessors/*";
    if (is_sub && (!a || !b)) {
      const auto& v = a ? *a : *b;
      std::string name(v.as_object().at("name").as_string());
      std::string country = v.as_object().contains("country") ? std::string(v.as_object().at("country").as_string()) : "?";
      if (b)
        emit("subprocessor-added", ptr, nullptr, b, fmt::format("sub-processor `{}` ({}) added", name, country),
             direction::neutral);
      else
        emit("subprocessor-removed", ptr, a, nullptr, fmt::format("sub-processor `{}` ({}) removed", name, country),
             direction::neutral);
      return;
    }
    if (path == "/data_categories/*" && (!a || !b)) {
      const auto& v = a ? *a : *b;
      std::string id(v.as_object().at("id").as_string());
      emit(b ? "category-added" : "category-removed", ptr, a, b,
           fmt::format("data category `{}` {}", id, b ? "added" : "removed"), direction::neutral);
      return;
    }
    if (path.size() >= 12 && path.substr(path.size() - 12) == "/locations/*" && (!a || !b)) {
      const auto& v = a ? *a : *b;
      const auto* country = v.is_object() ? v.as_object().if_contains("country") : nullptr;
      std::string where = country ? text(*country) : text(v.as_object().at("text"));
      emit(b ? "country-added" : "country-removed", ptr, a, b,
           fmt::format("processing location {} {}", where, b ? "added" : "removed"), direction::neutral);
      return;
    }
    if (path.size() >= 15 && path.substr(path.size() - 15) == "/transfer_tools") {
      int before = tool_rank(a, ctx), after = tool_rank(b, ctx);
      if (after < before)
        emit("tool-downgraded", ptr, a, b, fmt::format("transfer tools weakened: {} -> {}", a ? text(*a) : "none", b ? text(*b) : "none"),
             direction::weakened);
      else if (after > before)
        emit("tool-upgraded", ptr, a, b, fmt::format("transfer tools strengthened: {} -> {}", a ? text(*a) : "none", b ? text(*b) : "none"),
             direction::strengthened);
      else
        emit("field-changed", ptr, a, b, fmt::format("transfer tools changed at {}", ptr), direction::neutral);
      return;
    }
    if (a && b && a->is_object() && b->is_object()) {
      const auto &oa = a->as_object(), &ob = b->as_object();
      for (const auto& m : oa) {
        std::string k(m.key());
        std::string op = old_ptr, np = new_ptr;
        detail::append_pointer_token(op, k);
        detail::append_pointer_token(np, k);
        walk(&m.value(), ob.if_contains(k), op, np, path + "/" + k);
      }
      for (const auto& m : ob) {
        if (oa.contains(m.key())) continue;
        std::string k(m.key());
        std::string np = new_ptr;
        detail::append_pointer_token(np, k);
        walk(nullptr, &m.value(), old_ptr + "/" + k, np, path + "/" + k);
      }
      return;
    }
    if (a && b && a->is_array() && b->is_array()) {
      const auto &xa = a->as_array(), &xb = b->as_array();
      bool scalars = std::all_of(xa.begin(), xa.end(), [](const json::value& v) { return !v.is_structured(); }) &&
                     std::all_of(xb.begin(), xb.end(), [](const json::value& v) { return !v.is_structured(); });
      if (scalars) {
        for (std::size_t i = 0; i < xa.size(); ++i)
          if (std::find(xb.begin(), xb.end(), xa[i]) == xb.end()) {
            bool item = path == "/breach/content";
            emit(item ? "right-removed" : "field-removed", fmt::format("{}/{}", old_ptr, i), &xa[i], nullptr,
                 fmt::format("{} no longer lists {}", path, text(xa[i])), item ? direction::weakened : direction::neutral);
          }
        for (std::size_t i = 0; i < xb.size(); ++i)
          if (std::find(xa.begin(), xa.end(), xb[i]) == xa.end()) {
            bool item = path == "/breach/content";
            emit(item ? "right-added" : "field-added", fmt::format("{}/{}", new_ptr, i), nullptr, &xb[i],
                 fmt::format("{} now lists {}", path, text(xb[i])), item ? direction::strengthened : direction::neutral);
          }
        return;
      }
      std::map<std::string, std::size_t> in_new;
      for (std::size_t j = 0; j < xb.size(); ++j) in_new.emplace(key_of(path, xb[j]), j);
      std::vector<bool> matched(xb.size(), false);
      for (std::size_t i = 0; i < xa.size(); ++i) {
        auto it = in_new.find(key_of(path, xa[i]));
        if (it != in_new.end() && !matched[it->second]) {
          matched[it->second] = true;
          walk(&xa[i], &xb[it->second], fmt::format("{}/{}", old_ptr, i), fmt::format("{}/{}", new_ptr, it->second),
               path + "/*");
        } else {
          walk(&xa[i], nullptr, fmt::format("{}/{}", old_ptr, i), "", path + "/*");
        }
      }
      for (std::size_t j = 0; j < xb.size(); ++j)
        if (!matched[j]) walk(nullptr, &xb[j], "", fmt::format("{}/{}", new_ptr, j), path + "/*");
      return;
    }
    leaf(a, b, old_ptr, new_ptr, path);
  }

  void leaf(const json::value* a, const json::value* b, const std::string& old_ptr, const std::string& new_ptr,
            const std::string& path) {
    const std::string& ptr = b ? new_ptr : old_ptr;
    // durations
    if (int sense = longer_is_worse(path); sense != 0 && a && b && a->is_string() && b->is_string()) {
      auto da = parse_duration(std::string_view(a->get_string())), db = parse_duration(std::string_view(b->get_string()));
      if (da && db) {
        answer up = longer(db.value(), da.value()), down = shorter(db.value(), da.value());
        answer moved = up != answer::no ? up : down;
        bool lengthened = up != answer::no;
        if (moved != answer::no) {
          bool worse = (sense > 0) == lengthened;
          emit(lengthened ? "period-lengthened" : "period-shortened", ptr, a, b,
               fmt::format("{} {} from `{}` to `{}`", label(path), lengthened ? "lengthened" : "shortened", da.value().text(),
                           db.value().text()),
               worse ? direction::weakened : direction::strengthened,
               moved == answer::yes ? certainty::definite : certainty::possible);
          return;
        }
      }
    }
    if (path == "/audits/max_per_year" && a && b && a->is_int64() && b->is_int64()) {
      bool fewer = b->get_int64() < a->get_int64();
      emit("field-changed", ptr, a, b, fmt::format("audits per year {} from {} to {}", fewer ? "reduced" : "raised", text(*a), text(*b)),
           fewer ? direction::weakened : direction::strengthened);
      return;
    }
    if (a && b && a->is_string() && b->is_string()) {
      int ra = enum_rank(path, a->get_string()), rb = enum_rank(path, b->get_string());
      if (ra && rb && ra != rb) {
        emit("field-changed", ptr, a, b, fmt::format("{} changed from {} to {}", path, text(*a), text(*b)),
             rb < ra ? direction::weakened : direction::strengthened);
        return;
      }
    }
    if (protective(path)) {
      bool had = a && (!a->is_bool() || a->get_bool()), has = b && (!b->is_bool() || b->get_bool());
      if (had && !has) {
        emit("right-removed", ptr, a, b, fmt::format("{} removed", path), direction::weakened);
        return;
      }
      if (!had && has) {
        emit("right-added", ptr, a, b, fmt::format("{} added", path), direction::strengthened);
        return;
      }
    }
    if (path.size() > 10 && path.substr(path.size() - 10) == "/country" && b &&
        path.find("/locations/") != std::string::npos) {
      emit("country-added", ptr, a, b, fmt::format("processing location now in {}", text(*b)), direction::neutral);
      return;
    }
    if (!a)
      emit("field-added", ptr, nullptr, b, fmt::format("{} added: {}", path, text(*b).substr(0, 80)), direction::neutral);
    else if (!b)
      emit("field-removed", ptr, a, nullptr, fmt::format("{} removed", path), direction::neutral);
    else
      emit("field-changed", ptr, a, b, fmt::format("{} changed from {} to {}", path, text(*a).substr(0, 60), text(*b).substr(0, 60)),
           direction::neutral);
  }
};

}  // namespace

const std::vector<rule_info>& diff_rule_catalogue() { return diff_rules(); }

diff_result diff(const document& before, const document& after, const options& opts, const knowledge& kb) {
  const auto analysis = detail::analyse_transfers(after, opts.as_of, kb);
  const detail::context ctx{after, opts, kb, analysis};
  json::value a = detail::write(before), b = detail::write(after);
  differ d{ctx, a, b, {}};
  // the version label, history and clause references change with every version;
  // they are not part of what is agreed
  for (auto* v : {&a, &b}) {
    strip_sources(*v);
    v->as_object().erase("version");
    v->as_object().erase("history");
    v->as_object().erase("effective_date");
    v->as_object().erase("updated_date");
  }
  d.walk(&a, &b, "", "", "");

  diff_result result;
  result.findings.subject = after.id;
  result.findings.as_of = opts.as_of;
  result.findings.knowledge_version = kb.version();
  result.findings.knowledge_checksum = kb.checksum();
  auto selected = [&](const rule_info& r) { return detail::selected(r.id, opts.enable, opts.disable); };
  for (const auto& r : diff_rules())
    if (selected(r)) result.findings.rules_run.push_back(r.id);
  const auto& added = diff_rules()[0];
  const auto& weakened = diff_rules()[1];
  for (const auto& ch : d.out) {  // (the changes are listed whichever rules run)
    const rule_info* rule = ch.kind == "subprocessor-added" ? &added : ch.direction == direction::weakened ? &weakened : nullptr;
    if (!rule || !selected(*rule)) continue;
    finding f;
    f.rule = rule->id;
    f.severity = rule->severity;
    f.certainty = ch.certainty;
    f.subject = ch.subject;
    f.message = ch.message;
    f.evidence = {evidence{ch.pointer, {}, 0, 0}};
    f.reference = rule->reference;
    result.findings.findings.push_back(std::move(f));
  }
  std::stable_sort(result.findings.findings.begin(), result.findings.findings.end(),
                   [](const finding& x, const finding& y) { return x.rule < y.rule; });
  for (auto& f : result.findings.findings) {
    f.fingerprint = detail::fingerprint_of(f);
    if (auto it = opts.severity_overrides.find(f.rule); it != opts.severity_overrides.end()) f.severity = it->second;
  }
  result.changes = std::move(d.out);
  return result;
}

}  // namespace v1
}  // namespace dpa
