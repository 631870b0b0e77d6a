#include <dpa/render.hpp>

#include <algorithm>

#include <fmt/format.h>

#include "text.hpp"

namespace dpa {
inline namespace v1 {

namespace {

std::string pad(std::string_view s, std::size_t width) {
  std::string out(s);
  auto len = detail::utf8_length(s);
  if (len < width) out.append(width - len, ' ');
  return out;
}

std::string clip(std::string_view s, std::size_t width) {
  if (detail::utf8_length(s) <= width) return std::string(s);
  std::string out;
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && ++n > width - 1) break;
    out.push_back(s[i]);
  }
  return out + "…";
}

std::string period(const std::optional<duration>& d) { return d ? d->text() : "-"; }

std::string src(const clause_ref& s) { return s ? fmt::format("  [{}]", *s) : std::string{}; }

void row(std::string& out, std::string_view label, std::string_view value, const clause_ref& source = {}) {
  auto width = detail::utf8_length(label) >= 28 ? detail::utf8_length(label) + 2 : 28;
  out += fmt::format("  {}{}{}\n", pad(label, width), value, src(source));
}

}  // namespace

std::string describe(const transfer_tool& t) {
  std::string out;
  switch (t.kind) {
    case tool_kind::scc: out = "SCCs (version not stated)"; break;
    case tool_kind::scc_2021: out = "SCC 2021"; break;
    case tool_kind::scc_2010: out = "SCC 2010"; break;
    case tool_kind::scc_2001: out = "SCC 2001/2004"; break;
    case tool_kind::dpf: out = "EU-US DPF"; break;
    case tool_kind::privacy_shield: out = "Privacy Shield"; break;
    case tool_kind::safe_harbor: out = "Safe Harbour"; break;
    case tool_kind::bcr: out = "BCR"; break;
    case tool_kind::adequacy: out = "adequacy"; break;
    case tool_kind::derogation: out = "Art. 49 derogation"; break;
    case tool_kind::art28_clauses: out = "Art. 28(7) clauses (2021/915)"; break;
    default: out = std::string(to_string(t.kind)); break;
  }
  if (!t.modules.empty()) {
    out += t.modules.size() == 1 ? " module " : " modules ";
    for (std::size_t i = 0; i < t.modules.size(); ++i) out += fmt::format("{}{}", i ? "+" : "", t.modules[i]);
  }
  if (t.decision && t.kind == tool_kind::adequacy) out += fmt::format(" ({})", *t.decision);
  if (t.conditional) out += " (conditional)";
  return out;
}

std::string describe(const location& l) {
  switch (l.kind) {
    case location_kind::country:
      return l.detail ? fmt::format("{}, {}", *l.detail, *l.country) : *l.country;
    case location_kind::area:
      return l.detail ? fmt::format("{}, {}", *l.detail, *l.area) : *l.area;
    case location_kind::global: return fmt::format("\"{}\" (global)", l.text);
    case location_kind::configurable: return fmt::format("\"{}\" (configurable)", l.text);
    case location_kind::unspecified: return fmt::format("\"{}\" (unresolved)", l.text);
  }
  return l.text;
}

std::string render_summary(const document& d) {
  std::string out;
  out += d.title;
  if (d.version) out += fmt::format("  version {}", *d.version);
  if (d.effective_date) out += fmt::format("  effective {}", to_string(*d.effective_date));
  if (d.updated_date) out += fmt::format("  updated {}", to_string(*d.updated_date));
  out += "\n\nParties\n";
  auto party_line = [](const party& p) {
    std::string s = clip(p.name, 70);
    if (p.country) s += fmt::format(" ({})", *p.country);
    return s;
  };
  row(out, "processor", party_line(d.parties.processor), d.parties.processor.source);
  row(out, "controller", party_line(d.parties.controller), d.parties.controller.source);
  if (d.governing_law)
    row(out, "governing law", clip(d.governing_law->text, 70), d.governing_law->source);
  if (d.language) row(out, "authoritative language", *d.language);

  out += "\nPeriods\n";
  if (d.breach) {
    std::string b = period(d.breach->bound);
    if (d.breach->undue_delay) b += d.breach->bound ? " (and without undue delay)" : "without undue delay";
    if (d.breach->target) b += fmt::format(", target {}", d.breach->target->text());
    row(out, "breach notice", b, d.breach->source);
  } else {
    row(out, "breach notice", "not stated");
  }
  if (d.subprocessing) {
    const auto& s = *d.subprocessing;
    row(out, "sub-processor notice",
        s.change_notice ? (s.change_notice->period ? s.change_notice->period->text() : "promised, no period") : "not stated",
        s.change_notice ? s.change_notice->source : s.source);
    std::string obj = "not stated";
    if (s.objection) {
      obj = s.objection->window ? s.objection->window->text()
            : s.objection->within_notice_period ? "within the notice period"
                                                : "allowed, no window";
      obj += fmt::format("; outcome: {}", to_string(s.objection->outcome));
    }
    row(out, "objection", obj, s.objection ? s.objection->source : clause_ref{});
  }
  if (d.deletion) {
    std::string del = fmt::format("{}, {}", to_string(d.deletion->choice),
                                  d.deletion->deadline ? "within " + d.deletion->deadline->text() : "no deadline");
    if (d.deletion->backup_deadline) del += fmt::format("; backups {}", d.deletion->backup_deadline->text());
    row(out, "deletion after end", del, d.deletion->source);
  } else {
    row(out, "deletion after end", "not stated");
  }
  row(out, "data-subject requests", d.dsr ? (d.dsr->deadline ? d.dsr->deadline->text() : "assistance, no deadline") : "not stated",
      d.dsr ? d.dsr->source : clause_ref{});
  if (d.audits) {
    std::string a = !d.audits->allowed ? std::string("information only, no audits")
                    : d.audits->notice ? fmt::format("{} notice", d.audits->notice->text())
                                       : std::string("no notice period");
    if (d.audits->max_per_year) a += fmt::format(", at most {} a year", *d.audits->max_per_year);
    row(out, "audits", a, d.audits->source);
  }
  if (d.amendments) {
    const auto& a = *d.amendments;
    std::string text = a.mode == amendment_mode::mutual       ? std::string("by agreement only")
                       : a.mode == amendment_mode::unilateral ? std::string("processor may amend")
                                                              : std::string("procedure not stated");
    if (a.notice) text += fmt::format(", {} notice", a.notice->text());
    if (a.termination_right) text += ", right to terminate";
    row(out, "amendments", text, a.source);
  }

  std::size_t special = std::count_if(d.data_categories.begin(), d.data_categories.end(),
                                      [](const data_category& c) { return c.special; });
  out += fmt::format("\nData\n  {} data categories ({} special), {} categories of data subjects; special categories: {}\n",
                     d.data_categories.size(), special, d.data_subjects.size(), to_string(d.special_categories.stance));
  for (const auto& r : d.retention) {
    std::string what = r.period ? r.period->text() : r.until ? fmt::format("until {}", *r.until) : "not stated";
    if (r.basis == retention_basis::statutory && r.citation) what += fmt::format(" (statutory: {})", *r.citation);
    row(out, fmt::format("keep {}", r.scope ? *r.scope : r.category), what, r.source);
  }

  std::size_t total = 0;
  auto count = [&](auto& self, const std::vector<subprocessor>& list) -> void {
    for (const auto& s : list) {
      ++total;
      self(self, s.subprocessors);
    }
  };
  count(count, d.subprocessors);
  std::string list = d.subprocessing ? std::string(to_string(d.subprocessing->list)) : "not stated";
  out += fmt::format("\nSub-processors ({}, list {}{})\n", total, list,
                     d.subprocessing && d.subprocessing->list_url ? ": " + *d.subprocessing->list_url : "");
  if (total > 0) {
    out += fmt::format("  {}{}{}{}\n", pad("name", 42), pad("country", 9), pad("locations", 30), "transfer tools");
    auto rows = [&](auto& self, const std::vector<subprocessor>& list, int depth) -> void {
      for (const auto& s : list) {
        std::string name = std::string(2 * depth, ' ') + (s.identity == identity::generic ? "\"" + s.name + "\"" : s.name);
        if (s.role == recipient_role::independent_controller) name += " [controller]";
        std::string where;
        for (const auto& l : s.locations) where += (where.empty() ? "" : "; ") + describe(l);
        std::string tools;
        for (const auto& t : s.transfer_tools) tools += (tools.empty() ? "" : "; ") + describe(t);
        if (tools.empty()) tools = "-";
        out += fmt::format("  {}{}{}{}\n", pad(clip(name, 40), 42), pad(s.country.value_or("?"), 9),
                           pad(clip(where.empty() ? "-" : where, 28), 30), tools);
        for (const auto& o : s.onward) {
          std::string step = fmt::format("{}-> {} ({})", std::string(2 * depth + 2, ' '), o.recipient,
                                         o.country.value_or("?"));
          std::string via;
          for (const auto& t : o.tools) via += (via.empty() ? "" : "; ") + describe(t);
          out += fmt::format("  {}{}{}{}\n", pad(clip(step, 40), 42), pad(o.country.value_or("?"), 9),
                             pad(o.relation, 30), via.empty() ? "-" : via);
        }
        self(self, s.subprocessors, depth + 1);
      }
    };
    rows(rows, d.subprocessors, 0);
  }
  if (d.transfers) {
    out += "\nTransfers\n";
    std::string where;
    for (const auto& l : d.transfers->primary_locations) where += (where.empty() ? "" : "; ") + describe(l);
    if (!where.empty()) row(out, "primary processing", where);
    for (const auto& t : d.transfers->tools) {
      std::string to;
      for (const auto& n : t.applies_to) to += (to.empty() ? " for " : ", ") + n;
      row(out, "general clause", describe(t) + to, t.source);
    }
    if (d.transfers->tia)
      row(out, "transfer impact assessment", d.transfers->tia->performed ? "performed" : "not performed",
          d.transfers->tia->source);
  }
  return printable(out);  // (what a document says, on a terminal)
}

}  // namespace v1
}  // namespace dpa
