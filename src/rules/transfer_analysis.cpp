#include "transfer_analysis.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "../text.hpp"

namespace dpa::detail {

namespace {

}  // namespace

// A general-clause tool naming recipients reaches a sub-processor whose name
// starts with, or is started by, one of them ("Backblaze" reaches "Backblaze B2").
bool tool_names(const transfer_tool& t, const subprocessor& s) {
  if (t.applies_to.empty()) return true;
  for (const auto& n : t.applies_to) {
    auto want = detail::ascii_lower(n);
    for (const auto* have : {&s.name, s.legal_name ? &*s.legal_name : nullptr, s.trade_name ? &*s.trade_name : nullptr}) {
      if (!have) continue;
      auto h = detail::ascii_lower(*have);
      if (h.rfind(want, 0) == 0 || want.rfind(h, 0) == 0) return true;
    }
  }
  return false;
}

namespace {

answer join(answer a, answer b) {  // "any needs a tool"
  if (a == answer::yes || b == answer::yes) return answer::yes;
  if (a == answer::depends || b == answer::depends) return answer::depends;
  return answer::no;
}

// What a recipient claims of itself through the tools named for it: a
// self-certification framework (DPF, Privacy Shield, Safe Harbour) meets the
// condition of the adequacy decision that names it as its tool.
std::vector<std::string> attributes_of(const std::vector<transfer_tool>& tools, const std::vector<std::string>& certifications,
                                       const knowledge& kb) {
  std::vector<std::string> out = certifications;
  for (const auto& t : tools)
    for (const auto& a : kb.adequacy())
      if (a.tool == t.kind && !a.condition.empty()) out.push_back(a.condition);
  return out;
}

destination place(const country_code& c, std::string pointer, date on, const std::vector<std::string>& attributes,
                  const knowledge& kb) {
  destination d{c, std::move(pointer), {}, answer::no};
  d.cover = kb.covered(c, on, attributes, false);
  // A certification framework must show in the DPA: unstated means not relied on.
  if (d.cover.status == coverage_status::conditional && d.cover.decision && d.cover.decision->tool &&
      d.cover.condition_met == answer::depends)
    d.cover.condition_met = answer::no;
  switch (d.cover.covered()) {
    case answer::yes: d.needs_tool = answer::no; break;
    case answer::no: d.needs_tool = answer::yes; break;
    case answer::depends: d.needs_tool = answer::depends; break;
  }
  return d;
}

}  // namespace

bool needs_assessment(tool_kind k) noexcept {
  switch (k) {
    case tool_kind::scc:
    case tool_kind::scc_2021:
    case tool_kind::scc_2010:
    case tool_kind::scc_2001:
    case tool_kind::bcr:
    case tool_kind::ad_hoc_clauses:
    case tool_kind::code_of_conduct:
    case tool_kind::certification: return true;
    default: return false;
  }
}

answer tool_gives_basis(const transfer_tool& t, date on, std::optional<date> concluded, const knowledge& kb) {
  switch (t.kind) {
    case tool_kind::adequacy:  // covered through the destination, not through the tool
    case tool_kind::dpf:
    case tool_kind::privacy_shield:
    case tool_kind::safe_harbor:
    case tool_kind::uk_idta:   // UK law, not a Chapter V GDPR tool
    case tool_kind::uk_addendum: return answer::no;
    case tool_kind::scc:
    case tool_kind::unspecified: return answer::depends;
    default: return kb.tool_valid(t.kind, on, concluded);
  }
}

transfer_analysis analyse_transfers(const document& doc, date on, const knowledge& kb) {
  transfer_analysis out;
  const auto concluded = doc.effective_date;
  if (doc.transfers) {
    for (std::size_t i = 0; i < doc.transfers->tools.size(); ++i) {
      const auto& t = doc.transfers->tools[i];
      out.general.push_back({&t, fmt::format("/transfers/tools/{}", i), true, tool_gives_basis(t, on, concluded, kb)});
    }
  }

  auto visit = [&](auto& self, const subprocessor& s, const std::string& ptr, bool top) -> void {
    out.subprocessors.push_back({&s, ptr});
    recipient r;
    r.id = s.id;
    r.name = s.name;
    r.pointer = ptr;
    r.source = s.source;
    r.independent_controller = s.role == recipient_role::independent_controller;
    const auto attributes = attributes_of(s.transfer_tools, s.certifications, kb);
    if (s.country) r.destinations.push_back(place(*s.country, ptr + "/country", on, attributes, kb));
    for (std::size_t i = 0; i < s.locations.size(); ++i) {
      const auto& l = s.locations[i];
      auto lp = fmt::format("{}/locations/{}", ptr, i);
      if (l.kind == location_kind::country && l.country) {
        r.destinations.push_back(place(*l.country, lp, on, attributes, kb));
      } else if (l.kind == location_kind::global || l.kind == location_kind::configurable ||
                 l.kind == location_kind::unspecified) {
        r.unresolved.push_back(lp);
      }
    }
    r.unknown = r.destinations.empty() && r.unresolved.empty() && s.locations.empty();
    for (const auto& d : r.destinations) r.needs_tool = join(r.needs_tool, d.needs_tool);
    if (!r.unresolved.empty()) r.needs_tool = join(r.needs_tool, answer::depends);
    for (std::size_t i = 0; i < s.transfer_tools.size(); ++i) {
      const auto& t = s.transfer_tools[i];
      r.own.push_back({&t, fmt::format("{}/transfer_tools/{}", ptr, i), false, tool_gives_basis(t, on, concluded, kb)});
    }
    if (top)  // the general clause covers the processor's own sub-processors
      for (const auto& g : out.general)
        if (tool_names(*g.tool, s)) r.inherited.push_back(g);
    out.recipients.push_back(std::move(r));

    for (std::size_t i = 0; i < s.onward.size(); ++i) {
      const auto& o = s.onward[i];
      recipient step;
      step.id = fmt::format("{}/onward/{}", s.id, i);
      step.name = o.recipient;
      step.from = s.name;
      step.pointer = fmt::format("{}/onward/{}", ptr, i);
      step.source = o.source;
      step.onward = true;
      if (o.country)
        step.destinations.push_back(place(*o.country, step.pointer + "/country", on, attributes_of(o.tools, {}, kb), kb));
      step.unknown = !o.country;
      for (const auto& d : step.destinations) step.needs_tool = join(step.needs_tool, d.needs_tool);
      for (std::size_t j = 0; j < o.tools.size(); ++j) {
        const auto& t = o.tools[j];
        step.own.push_back({&t, fmt::format("{}/tools/{}", step.pointer, j), false, tool_gives_basis(t, on, concluded, kb)});
      }
      out.recipients.push_back(std::move(step));
    }
    for (std::size_t i = 0; i < s.subprocessors.size(); ++i)
      self(self, s.subprocessors[i], fmt::format("{}/subprocessors/{}", ptr, i), false);
  };
  for (std::size_t i = 0; i < doc.subprocessors.size(); ++i)
    visit(visit, doc.subprocessors[i], fmt::format("/subprocessors/{}", i), true);
  return out;
}

}  // namespace dpa::detail
