#include "rules/transfer_analysis.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "text.hpp"

namespace dpa::detail {

namespace {

answer join(answer a, answer b) {  // "any needs a tool"
  if (a == answer::yes || b == answer::yes) return answer::yes;
  if (a == answer::depends || b == answer::depends) return answer::depends;
  return answer::no;
}

// Does one of `names` name an organisation called any of `have`? A name reaches
// one it starts, or is started by ("Backblaze" reaches "Backblaze B2").
bool names_one_of(const std::vector<std::string>& names, std::initializer_list<const std::string*> have) {
  for (const auto& n : names) {
    auto want = detail::ascii_lower(n);
    for (const auto* h : have) {
      if (!h) continue;
      auto l = detail::ascii_lower(*h);
      if (l.rfind(want, 0) == 0 || want.rfind(l, 0) == 0) return true;
    }
  }
  return false;
}

const std::string* opt_ptr(const std::optional<std::string>& s) { return s ? &*s : nullptr; }

bool names_processor(const transfer_tool& t, const party& p) { return names_one_of(t.applies_to, {&p.name}); }

bool names_subprocessor(const transfer_tool& t, const subprocessor& s) {
  return names_one_of(t.applies_to, {&s.name, opt_ptr(s.legal_name), opt_ptr(s.trade_name)});
}

bool is_scc(tool_kind k) {
  return k == tool_kind::scc || k == tool_kind::scc_2021 || k == tool_kind::scc_2010 || k == tool_kind::scc_2001;
}

// The general clause's tool reaches a sub-processor of the processor: it covers
// onward transfers and names it (or no one), or it is the SCCs the customer
// concluded with the processor, whose Clauses 8.8 and 9 (Module 2) govern the
// processor's onward transfers whoever they name as importer.
// Only SCCs for an import that is a transfer are Chapter V clauses: between an EEA
// customer and an EEA processor they govern nothing onward.
bool reaches_subprocessor(const transfer_tool& t, const subprocessor& s, const party& processor, bool import_transfers) {
  return covers_onward(t, s) || (import_transfers && is_scc(t.kind) && covers_import(t, processor));
}

// What a recipient claims of itself through the tools named for it: a
// self-certification framework (DPF, Privacy Shield, Safe Harbour) meets the
// condition of the adequacy decision that names it as its tool.
std::vector<std::string> attributes_of(const std::vector<tool_use>& tools, const std::vector<std::string>& certifications,
                                       const knowledge& kb) {
  std::vector<std::string> out = certifications;
  for (const auto& t : tools)
    if (t.in_force && !t.tool->conditional)  // "where applicable, the DPF" claims no certification
      for (const auto& a : kb.adequacy())
        if (a.tool == t.tool->kind && !a.condition.empty()) out.push_back(a.condition);
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

tool_use use(const transfer_tool& t, std::string pointer, bool general, date on, std::optional<stated_date> concluded,
             const knowledge& kb) {
  tool_use u{&t, std::move(pointer), general};
  u.in_force = in_force(t);
  u.valid = u.in_force ? tool_gives_basis(t, on, concluded, kb) : answer::no;
  return u;
}

// The locations a recipient declares: countries become destinations, areas
// (the EEA, the adequate countries) are resolved, anything else is unresolved.
void add_locations(recipient& r, const std::vector<location>& locations, const std::string& base, date on,
                   const std::vector<std::string>& attributes, const knowledge& kb) {
  for (std::size_t i = 0; i < locations.size(); ++i) {
    const auto& l = locations[i];
    auto lp = fmt::format("{}/{}", base, i);
    if (l.kind == location_kind::country && l.country) {
      r.destinations.push_back(place(*l.country, lp, on, attributes, kb));
    } else if (l.kind == location_kind::global || l.kind == location_kind::configurable ||
               l.kind == location_kind::unspecified) {
      r.unresolved.push_back(lp);
    }
  }
}

void settle_need(recipient& r) {
  for (const auto& d : r.destinations) r.needs_tool = join(r.needs_tool, d.needs_tool);
  if (!r.unresolved.empty()) r.needs_tool = join(r.needs_tool, answer::depends);
}

bool in_eea(const knowledge& kb, const std::optional<country_code>& c, date on) { return c && kb.eea(*c, on); }

}  // namespace

bool covers_import(const transfer_tool& t, const party& processor) {
  if (t.covers == tool_scope::onward) return false;
  if (t.applies_to.empty()) return true;
  return names_processor(t, processor);
}

bool covers_onward(const transfer_tool& t, const subprocessor& s) {
  return t.covers != tool_scope::import && (t.applies_to.empty() || names_subprocessor(t, s));
}

// Evaluation reads the customer as a controller (the usual case, and the one
// Module 2 describes); a tool that applies only to a processor customer is not in force.
bool in_force(const transfer_tool& t) noexcept {
  return t.relied_on && t.role_condition != role_condition::customer_is_processor;
}

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

// "Where required" on a tool that names its instrument is met wherever a step needs
// a tool, so only a tool that does not say which instrument it is stays vague.
bool vague(const transfer_tool& t) noexcept { return t.kind == tool_kind::scc || t.kind == tool_kind::unspecified; }

bool outside_chapter_v(tool_kind k) noexcept {
  return k == tool_kind::uk_idta || k == tool_kind::uk_addendum || k == tool_kind::art28_clauses;
}

answer tool_gives_basis(const transfer_tool& t, date on, std::optional<stated_date> concluded, const knowledge& kb) {
  switch (t.kind) {
    case tool_kind::adequacy:  // covered through the destination, not through the tool
    case tool_kind::dpf:
    case tool_kind::privacy_shield:
    case tool_kind::safe_harbor:
    case tool_kind::uk_idta:   // UK law, not a Chapter V GDPR tool
    case tool_kind::uk_addendum:
    case tool_kind::art28_clauses: return answer::no;  // Art. 28(7) clauses bind a processor, they transfer nothing
    case tool_kind::scc:
    case tool_kind::unspecified: return answer::depends;
    default: return kb.tool_valid(t.kind, on, concluded);
  }
}

answer open_need(const recipient& r, const tool_use* except) {
  if (r.needs_tool == answer::no) return answer::no;
  auto specific = [&](const tool_use& u) {
    if (&u == except || (except && u.tool == except->tool) || !u.in_force || u.valid != answer::yes) return false;
    if (vague(*u.tool)) return false;
    if (u.tool->kind != tool_kind::scc_2021) return true;
    const auto& m = u.tool->modules;
    auto has = [&](int x) { return std::find(m.begin(), m.end(), x) != m.end(); };
    // A general-clause SCC reaching a sub-processor: Module 3 for the onward step, or the
    // customer's Module 2, whose Clauses 8.8 and 9 govern the processor's onward transfers.
    if (u.inherited && !r.processor) return has(3) || (u.tool->covers != tool_scope::onward && has(2));
    return has(r.expected_module);
  };
  for (const auto* list : {&r.own, &r.inherited})
    if (std::any_of(list->begin(), list->end(), specific)) return answer::no;
  return r.needs_tool;
}

transfer_analysis analyse_transfers(const document& doc, date on, const knowledge& kb) {
  transfer_analysis out;
  const auto concluded = doc.effective_date;
  const party& processor = doc.parties.processor;
  if (doc.transfers)
    for (std::size_t i = 0; i < doc.transfers->tools.size(); ++i)
      out.general.push_back(use(doc.transfers->tools[i], fmt::format("/transfers/tools/{}", i), true, on, concluded, kb));

  // The controller's own transfer to the processor: its country of establishment
  // and the primary processing locations, covered by the general clause's import tools.
  {
    recipient r;
    r.id = "processor";
    r.name = processor.name;
    r.pointer = "/parties/processor";
    r.source = processor.source;
    r.processor = true;
    r.expected_module = 2;
    for (const auto& g : out.general)
      if (covers_import(*g.tool, processor)) r.own.push_back(g);
    const auto attributes = attributes_of(r.own, {}, kb);
    if (processor.country) r.destinations.push_back(place(*processor.country, r.pointer + "/country", on, attributes, kb));
    if (doc.transfers) add_locations(r, doc.transfers->primary_locations, "/transfers/primary_locations", on, attributes, kb);
    // A list entry the processor runs itself is where the processor processes (its establishment stays unknown
    // if the text does not give it: whether the importer is in a third country decides the transfer).
    for (std::size_t i = 0; i < doc.subprocessors.size(); ++i) {
      const auto& s = doc.subprocessors[i];
      if (!s.self_operated) continue;
      const auto ptr = fmt::format("/subprocessors/{}", i);
      if (s.country) r.destinations.push_back(place(*s.country, ptr + "/country", on, attributes, kb));
      add_locations(r, s.locations, ptr + "/locations", on, attributes, kb);
    }
    r.unknown = !processor.country && (!doc.transfers || doc.transfers->primary_locations.empty());
    settle_need(r);
    out.recipients.push_back(std::move(r));
  }
  if (doc.parties.controller.country && !in_eea(kb, doc.parties.controller.country, on) &&
      out.recipients.front().needs_tool != answer::no)
    out.assumptions.push_back(fmt::format(
        "the controller is established in {}, outside the EEA; its transfer to the processor was evaluated as a "
        "transfer subject to Chapter V GDPR (the controller's processing falling under Art. 3(2)); if the GDPR does "
        "not apply to it, that step needs no transfer tool",
        *doc.parties.controller.country));

  const bool import_transfers = out.recipients.front().needs_tool != answer::no;
  auto visit = [&](auto& self, const subprocessor& s, const std::string& ptr, bool top) -> void {
    if (s.self_operated) return;  // not a sub-processor: its locations are the processor's
    out.subprocessors.push_back({&s, ptr});
    recipient r;
    r.id = s.id;
    r.name = s.name;
    r.pointer = ptr;
    r.source = s.source;
    r.independent_controller = s.role == recipient_role::independent_controller;
    for (std::size_t i = 0; i < s.transfer_tools.size(); ++i)
      r.own.push_back(use(s.transfer_tools[i], fmt::format("{}/transfer_tools/{}", ptr, i), false, on, concluded, kb));
    if (top)  // the general clause covers the processor's own sub-processors
      for (const auto& g : out.general)
        if (reaches_subprocessor(*g.tool, s, processor, import_transfers)) r.inherited.push_back(g);
    const auto attributes = attributes_of(r.own, s.certifications, kb);
    if (s.country) r.destinations.push_back(place(*s.country, ptr + "/country", on, attributes, kb));
    add_locations(r, s.locations, ptr + "/locations", on, attributes, kb);
    r.unknown = r.destinations.empty() && r.unresolved.empty() && s.locations.empty();
    settle_need(r);
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
      for (std::size_t j = 0; j < o.tools.size(); ++j)
        step.own.push_back(use(o.tools[j], fmt::format("{}/tools/{}", step.pointer, j), false, on, concluded, kb));
      if (o.country)
        step.destinations.push_back(place(*o.country, step.pointer + "/country", on, attributes_of(step.own, {}, kb), kb));
      step.unknown = !o.country;
      settle_need(step);
      out.recipients.push_back(std::move(step));
    }
    for (std::size_t i = 0; i < s.subprocessors.size(); ++i)
      self(self, s.subprocessors[i], fmt::format("{}/subprocessors/{}", ptr, i), false);
  };
  for (std::size_t i = 0; i < doc.subprocessors.size(); ++i)
    visit(visit, doc.subprocessors[i], fmt::format("/subprocessors/{}", i), true);

  // Which steps need each general-clause tool.
  for (auto& g : out.general) {
    for (const auto& r : out.recipients) {
      if (r.independent_controller) continue;
      const auto& list = r.processor ? r.own : r.inherited;
      auto it = std::find_if(list.begin(), list.end(), [&](const tool_use& u) { return u.tool == g.tool; });
      if (it == list.end()) continue;
      // A sub-processor whose own entry names a valid tool does not lean on the general clause.
      answer need = open_need(r, &*it);
      if (r.processor)
        g.import_need = join(g.import_need, need);
      else
        g.onward_need = join(g.onward_need, need);
    }
  }
  // A list kept only behind a link hides the onward steps: whether one needs the clause is
  // unknown, unless another tool of the clause specifically and validly reaches them all.
  if (doc.subprocessing && doc.subprocessing->list == list_form::by_reference) {
    auto onward = [&](const tool_use& g) {
      return (g.tool->covers != tool_scope::import && g.tool->applies_to.empty()) ||
             (import_transfers && is_scc(g.tool->kind) && covers_import(*g.tool, processor));
    };
    // Only clauses can be concluded with any recipient; adequacy, BCRs or the DPF depend on who it is.
    auto specific = [&](const tool_use& g) {
      return g.in_force && g.valid == answer::yes && onward(g) &&
             ((g.tool->kind == tool_kind::scc_2021 && !g.tool->modules.empty()) || g.tool->kind == tool_kind::ad_hoc_clauses);
    };
    for (auto& g : out.general)
      if (onward(g) && std::none_of(out.general.begin(), out.general.end(),
                                    [&](const tool_use& o) { return o.tool != g.tool && specific(o); }))
        g.onward_need = join(g.onward_need, answer::depends);
  }
  return out;
}

}  // namespace dpa::detail
