// transfer: Chapter V (Arts. 44-49 GDPR) for every sub-processor, every
// location it declares and every onward step, at the as_of date.
#include <algorithm>

#include <fmt/format.h>

#include <dpa/render.hpp>

#include "rules/rule.hpp"

namespace dpa::detail {

namespace {

constexpr std::string_view scc_url = "https://eur-lex.europa.eu/eli/dec_impl/2021/914/oj";
constexpr std::string_view schrems2 = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:62018CJ0311";
constexpr std::string_view dpf_url = "https://eur-lex.europa.eu/eli/dec_impl/2023/1795/oj";

answer best(const std::vector<tool_use>& tools) {
  answer a = answer::no;
  for (const auto& t : tools) {
    if (t.valid == answer::yes) return answer::yes;
    if (t.valid == answer::depends) a = answer::depends;
  }
  return a;
}

// The certainty of "a transfer happens and this is wrong with it": both must hold.
answer both(answer a, answer b) {
  if (a == answer::no || b == answer::no) return answer::no;
  if (a == answer::yes && b == answer::yes) return answer::yes;
  return answer::depends;
}


std::string where_to(const recipient& r) {
  std::vector<std::string> places;
  for (const auto& d : r.destinations)
    if (d.needs_tool != answer::no && std::find(places.begin(), places.end(), d.country) == places.end())
      places.push_back(d.country);
  if (!r.unresolved.empty()) places.push_back("an unresolved location");
  if (places.empty()) return "a third country";
  auto last = std::move(places.back());
  places.pop_back();
  return places.empty() ? last : fmt::format("{} and {}", fmt::join(places, ", "), last);  // US, JP and an unresolved location
}

std::vector<evidence> recipient_evidence(const recipient& r) {
  std::vector<evidence> out{at(r.pointer, r.source)};
  for (const auto& d : r.destinations)
    if (d.needs_tool != answer::no) out.push_back(at(d.pointer));
  for (const auto& u : r.unresolved) out.push_back(at(u));
  return out;
}

void skip_unknown(const context& c, emitter& e) {
  for (const auto& r : c.transfers.recipients)
    if (r.unknown && !r.processor)  // an unknown processor location is transfer/unresolved-location
      e.cannot("no-location", fmt::format("`{}` has no country of establishment and no processing location", r.name),
               r.pointer);
  if (c.doc.subprocessing && c.doc.subprocessing->list == list_form::by_reference)
    e.cannot("list-by-reference",
             c.doc.subprocessors.empty()
                 ? std::string("the sub-processor list is only referenced, so its transfers cannot be checked")
                 : fmt::format("the sub-processor list is only referenced: the transfers of its {} encoded entries "
                               "were checked, those of entries added behind the link cannot be",
                               c.doc.subprocessors.size()),
             "/subprocessing/list");
}

// Every tool in force on a step that needs it, each once, with the step and how sure
// the need is: a general-clause tool on the processor when it covers the controller's
// transfer to the processor, else on the clause (recipient null) when onward steps
// lean on it; a tool named for a sub-processor or an onward step on that recipient.
// A step that another specific valid tool already covers needs none (open_need).
template <class F>
void each_needed_tool(const context& c, F&& f) {
  const recipient& processor = c.transfers.recipients.front();
  for (const auto& g : c.transfers.general) {
    if (!g.in_force || outside_chapter_v(g.tool->kind)) continue;
    if (g.import_need != answer::no)
      f(g, &processor, g.import_need);
    else if (g.onward_need != answer::no)
      f(g, static_cast<const recipient*>(nullptr), g.onward_need);
  }
  for (const auto& r : c.transfers.recipients) {
    if (r.processor) continue;  // its tools are the general clause's
    for (const auto& t : r.own) {
      if (!t.in_force || outside_chapter_v(t.tool->kind)) continue;
      if (answer need = open_need(r, &t); need != answer::no) f(t, &r, need);
    }
  }
}

std::string subject_of(const recipient* r) { return r ? r->id : std::string("transfers"); }

// Who relies on a tool, for a message: "the general transfer clause", "the processor `X`", "`X`".
std::string who(const recipient* r) {
  if (!r) return "the general transfer clause";
  if (r->processor) return fmt::format("the processor `{}` (the general transfer clause)", r->name);
  return fmt::format("`{}`", r->name);
}

certainty sure(answer need) { return need == answer::yes ? certainty::definite : certainty::possible; }

// The evidence of a finding about a general-clause tool on the processor names the processor too.
std::vector<evidence> tool_evidence(const tool_use& t, const recipient* r) {
  std::vector<evidence> ev{at(t.pointer, t.tool->source)};
  if (r && r->processor) ev.insert(ev.begin(), at(r->pointer, r->source));
  return ev;
}

}  // namespace

void add_transfer_rules(std::vector<rule_def>& out) {
  out.push_back(
      {{"transfer/missing-mechanism", severity::violation, "A transfer needs a valid tool", "Arts. 44 and 46 GDPR", gdpr,
        "Personal data may go to a third country only under an adequacy decision (Art. 45), appropriate safeguards "
        "(Art. 46: standard contractual clauses, binding corporate rules, ...) or a derogation (Art. 49). A "
        "recipient outside the EEA and not covered by adequacy (the processor itself, a sub-processor, or a "
        "sub-processor's parent) with no valid tool named for it and none in the agreement's general transfer "
        "clause has no basis at all.",
        "Name the tool for this sub-processor (for a processor-to-processor transfer, SCC 2021 Module 3), or a "
        "general clause that covers it.",
        R"({"subprocessors": [{"id": "crm-ai", "name": "CRM AI Inc.", "country": "IN"}], "transfers": null})",
        R"({"subprocessors": [{"id": "crm-ai", "name": "CRM AI Inc.", "country": "IN", "transfer_tools": [{"kind": "scc-2021", "modules": [3]}]}]})"},
       [](const context& c, emitter& e) {
         skip_unknown(c, e);
         for (const auto& r : c.transfers.recipients) {
           if (r.needs_tool == answer::no || r.independent_controller) continue;
           // A tool that may or may not apply (\"SCCs where required\") is left to inherited- and vague-mechanism.
           if (best(r.own) != answer::no || best(r.inherited) != answer::no) continue;
           auto ev = recipient_evidence(r);
           if (r.processor && c.doc.transfers) ev.push_back(at("/transfers", c.doc.transfers->source));
           e.fire_if(r.needs_tool, r.id,
                     r.processor ? fmt::format("the processor `{}` receives the controller's personal data in {} with no "
                                               "valid transfer tool",
                                               r.name, where_to(r))
                                 : fmt::format("`{}` receives personal data in {} with no valid transfer tool", r.name,
                                               where_to(r)),
                     std::move(ev));
         }
       }});
  out.push_back(
      {{"transfer/inherited-mechanism", severity::warning, "A transfer rests only on the general transfer clause",
        "Art. 46 GDPR; Art. 28(3)(a) GDPR", gdpr,
        "The sub-processor needs a Chapter V tool but the agreement names none for it; only the general transfer "
        "clause (\"we use SCCs for transfers\") covers it. The controller cannot tell from the agreement which tool "
        "applies to this recipient, or whether the clauses were concluded with it (EDPB Opinion 22/2024 expects the "
        "controller to be able to document the tool of every transfer in the chain).",
        "Name the tool for this sub-processor in the list (e.g. \"SCC 2021 Module 3\").",
        R"({"subprocessors": [{"id": "crm-ai", "name": "CRM AI Inc.", "country": "IN"}]})",
        R"({"subprocessors": [{"id": "crm-ai", "name": "CRM AI Inc.", "country": "IN", "transfer_tools": [{"kind": "scc-2021", "modules": [3]}]}]})"},
       [](const context& c, emitter& e) {
         skip_unknown(c, e);
         for (const auto& r : c.transfers.recipients) {
           if (r.needs_tool == answer::no || r.independent_controller || best(r.own) != answer::no) continue;
           answer inherited = best(r.inherited);
           if (inherited == answer::no) continue;
           std::vector<evidence> ev = recipient_evidence(r);
           for (const auto& t : r.inherited)
             if (t.valid != answer::no) ev.push_back(at(t.pointer, t.tool->source));
           e.fire_if(both(r.needs_tool, inherited), r.id,
                     fmt::format("`{}` receives personal data in {}, covered only by the general transfer clause", r.name,
                                 where_to(r)),
                     std::move(ev));
         }
       }});
  out.push_back(
      {{"transfer/scc-module", severity::warning, "The SCC module matches the roles",
        "Implementing Decision (EU) 2021/914, Annex, Section I", scc_url,
        "The 2021 standard contractual clauses come in four modules by the roles of exporter and importer: Module 1 "
        "controller to controller, Module 2 controller to processor, Module 3 processor to processor, Module 4 "
        "processor to controller. A processor passing data to its sub-processor needs Module 3; Module 2 describes "
        "the customer's own relation with the processor and does not bind the sub-processor as the chain requires.",
        "Conclude (or state) Module 3 with the sub-processor.",
        R"({"subprocessors": [{"id": "ai", "name": "AI Inc.", "country": "US", "transfer_tools": [{"kind": "scc-2021", "modules": [2]}]}], "transfers": {"tools": null}})",
        R"({"subprocessors": [{"id": "ai", "name": "AI Inc.", "country": "US", "transfer_tools": [{"kind": "scc-2021", "modules": [3]}]}], "transfers": {"tools": null}})"},
       [](const context& c, emitter& e) {
         each_needed_tool(c, [&](const tool_use& t, const recipient* r, answer need) {
           if (t.tool->kind != tool_kind::scc_2021 || t.tool->modules.empty()) return;
           if (r && r->independent_controller) return;
           const auto& m = t.tool->modules;
           auto has = [&](int x) { return std::find(m.begin(), m.end(), x) != m.end(); };
           // The modules that fit the steps the tool covers: a recipient's own tool, its step's module;
           // a general-clause tool, Module 2 for the import, Module 3 onward (or Module 2's own
           // Clauses 8.8 and 9 where one clause covers both).
           const tool_scope scope = t.tool->covers;
           const bool fits = !t.inherited                  ? has(r->expected_module)
                             : scope == tool_scope::import ? has(2)
                             : scope == tool_scope::onward ? has(3)
                                                           : has(2) || has(3);
           if (fits) return;
           const std::string modules = fmt::format("{} {}", m.size() == 1 ? "Module" : "Modules", fmt::join(m, "+"));
           std::string msg;
           if (!t.inherited)
             msg = r->onward ? fmt::format("the onward transfer from `{}` to `{}` relies on SCC {}; from a processor to "
                                           "its own processor it is Module {}", r->from, r->name, modules, r->expected_module)
                             : fmt::format("`{}` relies on SCC {}, but a transfer from the processor to its sub-processor "
                                           "is Module {}", r->name, modules, r->expected_module);
           else if (scope == tool_scope::import)
             msg = fmt::format("the general transfer clause relies on SCC {} for the controller's transfer to the "
                               "processor `{}`, which is Module 2 (controller to processor)",
                               modules, c.doc.parties.processor.name);
           else if (scope == tool_scope::onward)
             msg = fmt::format("the general transfer clause relies on SCC {} for the processor's transfers to its "
                               "sub-processors, which is Module 3 (processor to processor)", modules);
           else
             msg = fmt::format("the general transfer clause relies on SCC {}, which fits neither the controller's "
                               "transfer to the processor (Module 2) nor the processor's to its sub-processors (Module 3)",
                               modules);
           std::vector<evidence> ev{at(t.pointer + "/modules", t.tool->source)};
           if (r && r->processor) ev.insert(ev.begin(), at(r->pointer, r->source));
           e.fire(subject_of(r), std::move(msg), std::move(ev),
                  r && r->onward ? certainty::possible : sure(need));
         });
       }});
  out.push_back(
      {{"transfer/obsolete-mechanism", severity::violation, "A tool that is no longer valid",
        "Art. 46 GDPR; C-362/14 Schrems; C-311/18 Schrems II; Implementing Decision (EU) 2021/914 Art. 4", schrems2,
        "Safe Harbour fell on 6 October 2015 (C-362/14) and the Privacy Shield on 16 July 2020 (C-311/18), both "
        "with immediate effect. The 2001 and 2010 standard contractual clauses could not be used for new contracts "
        "after 26 September 2021 and lost all effect after 27 December 2022 (Decision 2021/914, Art. 4). An "
        "agreement that names such a tool has no basis from that date.",
        "Replace the tool: SCC 2021 (Module 3 for a sub-processor), or the Data Privacy Framework for a certified US "
        "recipient.",
        R"({"parties": {"processor": {"name": "Example Cloud Inc.", "country": "US"}}, "effective_date": "2019-05-01", "transfers": {"primary_locations": null, "tools": [{"kind": "scc-2010", "decision": "2010/87/EU", "covers": "import"}]}})",
        R"({"parties": {"processor": {"name": "Example Cloud Inc.", "country": "US"}}, "transfers": {"primary_locations": null, "tools": [{"kind": "scc-2021", "modules": [2], "covers": "import"}]}})"},
       [](const context& c, emitter& e) {
         each_needed_tool(c, [&](const tool_use& t, const recipient* r, answer need) {
           const auto* inst = c.kb.instrument(t.tool->kind);
           if (!inst) return;
           answer valid = c.kb.tool_valid(t.tool->kind, c.opts.as_of, c.doc.effective_date);
           bool ended = inst->validity.until && c.opts.as_of > *inst->validity.until;
           bool closed = inst->new_contracts_until && c.opts.as_of > *inst->new_contracts_until;
           if (valid == answer::yes || (!ended && !closed)) return;
           std::string since = ended ? to_string(add_days(*inst->validity.until, 1))
                                     : fmt::format("{} for contracts made after {}", to_string(add_days(*inst->new_contracts_until, 1)),
                                                   to_string(*inst->new_contracts_until));
           answer sure_valid = valid == answer::no ? answer::yes : answer::depends;
           e.fire_if(sure_valid == answer::yes && need == answer::yes ? answer::yes : answer::depends, subject_of(r),
                     fmt::format("{} relies on the {}, not valid since {}", who(r), inst->name, since),
                     tool_evidence(t, r));
         });
       }});
  out.push_back(
      {{"transfer/derogation", severity::warning, "A derogation used for a systematic transfer", "Art. 49 GDPR", gdpr,
        "Art. 49 derogations (consent, contract, public interest, ...) are exceptions for occasional transfers. "
        "EDPB Guidelines 2/2018 read them narrowly: a sub-processor receives data systematically, as part of the "
        "service, and cannot rest on a derogation.",
        "Use an Art. 46 safeguard (SCC 2021 Module 3) for the sub-processor.",
        R"x({"subprocessors": [{"id": "us", "name": "US Inc.", "country": "US", "transfer_tools": [{"kind": "derogation", "decision": "49(1)(a)"}]}], "transfers": {"tools": null}})x",
        R"({"subprocessors": [{"id": "us", "name": "US Inc.", "country": "US", "transfer_tools": [{"kind": "scc-2021", "modules": [3]}]}], "transfers": {"tools": null}})"},
       [](const context& c, emitter& e) {
         each_needed_tool(c, [&](const tool_use& t, const recipient* r, answer need) {
           if (t.tool->kind != tool_kind::derogation) return;
           e.fire(subject_of(r),
                  fmt::format("{} rests on an Art. 49 derogation{}, meant for occasional transfers only", who(r),
                              t.tool->decision ? " (" + *t.tool->decision + ")" : std::string()),
                  tool_evidence(t, r), sure(need));
         });
       }});
  out.push_back(
      {{"transfer/vague-mechanism", severity::warning, "A tool named without the detail to check it",
        "Art. 46 GDPR; Art. 28(3)(a) GDPR", gdpr,
        "\"Standard contractual clauses where required\" does not say which clauses (the 2021 set or a repealed "
        "one), which module, or for which recipients, so nobody can check that a transfer has a basis. A "
        "safeguard promised only conditionally is a promise to decide later. It matters only for a step that needs a "
        "tool and has no specific valid one: where every recipient is in the EEA or an adequate country, or named "
        "with its own SCC 2021 module, the phrase is harmless.",
        "Name the instrument (SCC 2021, Decision 2021/914), the module, and the recipients it covers.",
        R"({"subprocessors": [{"id": "crm-ai", "name": "CRM AI Inc.", "country": "US"}], "transfers": {"tools": [{"kind": "scc", "conditional": true, "text": "SCCs where required"}]}})",
        R"({"transfers": {"tools": [{"kind": "scc", "conditional": true, "text": "SCCs where required"}]}})"},
       [](const context& c, emitter& e) {
         each_needed_tool(c, [&](const tool_use& t, const recipient* r, answer need) {
           if (!vague(*t.tool)) return;
           std::string text =
               t.tool->text ? fmt::format("\"{}\"", *t.tool->text) : std::string(to_string(t.tool->kind));
           e.fire(subject_of(r),
                  fmt::format("{} names {} without saying which instrument, module or recipients",
                              r && !r->processor ? fmt::format("the entry for `{}`", r->name) : who(r), text),
                  tool_evidence(t, r), sure(need));
         });
       }});
  out.push_back(
      {{"transfer/no-tia", severity::warning, "SCCs or BCRs without a transfer impact assessment",
        "Art. 46(1) GDPR; C-311/18 Schrems II; Clause 14 of the 2021 SCCs", schrems2,
        "After Schrems II, SCCs and BCRs protect data only if the law of the destination lets the importer comply; "
        "Clause 14 of the 2021 SCCs makes the parties warrant that they assessed it (EDPB Recommendations 01/2020). "
        "An agreement that relies on such tools for a country without adequacy and says nothing of an assessment "
        "leaves the controller unable to show one was made.",
        "Carry out and document a transfer impact assessment, and say in the agreement that it exists and is "
        "available to the controller.",
        R"({"parties": {"processor": {"name": "Example Cloud Inc.", "country": "US"}}, "transfers": {"primary_locations": null, "tools": [{"kind": "scc-2021", "modules": [2], "covers": "import"}], "tia": null}})",
        R"({"parties": {"processor": {"name": "Example Cloud Inc.", "country": "US"}}, "transfers": {"primary_locations": null, "tools": [{"kind": "scc-2021", "modules": [2], "covers": "import"}], "tia": {"performed": false, "promised": true}}})"},
       [](const context& c, emitter& e) {
         skip_unknown(c, e);
         const auto* tia = c.doc.transfers && c.doc.transfers->tia ? &*c.doc.transfers->tia : nullptr;
         // A promise to assess ("will perform and document", as Clause 14 of the SCCs requires) binds the
         // processor as the clauses do: the controller can ask for the assessment. It counts as one.
         auto assessed = [&](const recipient& r) {
           if (!tia || !(tia->performed || tia->promised)) return false;
           if (tia->covers.empty()) return true;
           auto id = r.onward ? r.id.substr(0, r.id.find('/')) : r.id;  // an onward step is assessed with its sub-processor
           return std::find(tia->covers.begin(), tia->covers.end(), id) != tia->covers.end();
         };
         for (const auto& r : c.transfers.recipients) {
           if (r.needs_tool == answer::no || r.independent_controller || assessed(r)) continue;
           const auto& tools = best(r.own) != answer::no ? r.own : r.inherited;
           auto it = std::find_if(tools.begin(), tools.end(), [](const tool_use& t) {
             return t.valid != answer::no && needs_assessment(t.tool->kind);
           });
           if (it == tools.end()) continue;
           e.fire_if(r.needs_tool, r.id,
                     fmt::format("{} receives data in {} under {} and the agreement mentions no transfer impact assessment{}",
                                 r.processor ? fmt::format("the processor `{}`", r.name) : fmt::format("`{}`", r.name),
                                 where_to(r), describe(*it->tool),
                                 tia && (tia->performed || tia->promised) ? " that covers it" : ""),
                     {at(r.pointer, r.source), at(it->pointer, it->tool->source)});
         }
       }});
  out.push_back(
      {{"transfer/unresolved-location", severity::warning, "A processing location that is not a country",
        "Art. 44 GDPR; Art. 28(3)(a) GDPR", gdpr,
        "Whether Chapter V applies depends on where data goes. \"Global\", \"As configured\" or a region name "
        "without countries leave the controller unable to tell whether, and where, its data leaves the EEA.",
        "Name the countries (or the EEA) where the sub-processor processes the data, per configuration if it varies.",
        R"({"subprocessors": [{"id": "cdn", "name": "CDN Ltd", "country": "IE", "locations": [{"text": "Global", "kind": "global"}]}]})",
        R"({"subprocessors": [{"id": "cdn", "name": "CDN Ltd", "country": "IE", "locations": [{"text": "EU", "kind": "area", "area": "EU"}]}]})"},
       [](const context& c, emitter& e) {
         auto one = [&](const location& l, const std::string& ptr, const std::string& subject, const std::string& whose) {
           if (l.kind != location_kind::global && l.kind != location_kind::configurable &&
               l.kind != location_kind::unspecified)
             return;
           e.fire(subject, fmt::format("{} location \"{}\" is not a country", whose, l.text), {at(ptr, l.source)});
         };
         for_each_subprocessor(c, [&](const subprocessor& s, const std::string& ptr) {
           for (std::size_t i = 0; i < s.locations.size(); ++i)
             one(s.locations[i], fmt::format("{}/locations/{}", ptr, i), s.id, fmt::format("`{}`:", s.name));
         });
         if (c.doc.transfers)
           for (std::size_t i = 0; i < c.doc.transfers->primary_locations.size(); ++i)
             one(c.doc.transfers->primary_locations[i], fmt::format("/transfers/primary_locations/{}", i), "processor",
                 fmt::format("the processor `{}`: primary processing", c.doc.parties.processor.name));
         if (const auto& p = c.transfers.recipients.front(); p.unknown)
           e.fire("processor",
                  fmt::format("the processor `{}`: neither its country nor where it processes the data is stated, so "
                              "whether the controller's data leaves the EEA cannot be told",
                              p.name),
                  {at(p.pointer, p.source)});
       }});
  out.push_back(
      {{"transfer/dpf-only", severity::info, "A US transfer rests on the Data Privacy Framework alone",
        "Implementing Decision (EU) 2023/1795; Art. 45 GDPR", dpf_url,
        "The EU-US Data Privacy Framework covers only organisations on the DPF List. The General Court upheld it "
        "(T-553/23, 3 September 2025), but the appeal C-703/25 P is pending, and its predecessors fell with "
        "immediate effect. A transfer with no SCCs to fall back on would lose its basis the day the framework "
        "falls.",
        "Conclude SCC 2021 with the recipient as a fallback (Module 2 with the processor, Module 3 with a sub-processor).",
        R"({"parties": {"processor": {"name": "Example Cloud Inc.", "country": "US"}}, "transfers": {"primary_locations": null, "tools": [{"kind": "dpf", "covers": "import"}]}})",
        R"({"parties": {"processor": {"name": "Example Cloud Inc.", "country": "US"}}, "transfers": {"primary_locations": null, "tools": [{"kind": "dpf", "covers": "import"}, {"kind": "scc-2021", "modules": [2], "covers": "import"}]}})"},
       [](const context& c, emitter& e) {
         for (const auto& r : c.transfers.recipients) {
           bool via_dpf = std::any_of(r.destinations.begin(), r.destinations.end(), [](const destination& d) {
             return d.cover.status == coverage_status::conditional && d.cover.condition_met == answer::yes &&
                    d.cover.decision && d.cover.decision->tool == tool_kind::dpf;
           });
           if (!via_dpf) continue;
           auto fallback = [](const std::vector<tool_use>& tools) {
             return std::any_of(tools.begin(), tools.end(), [](const tool_use& t) {
               return t.valid != answer::no && needs_assessment(t.tool->kind);
             });
           };
           if (fallback(r.own) || fallback(r.inherited)) continue;
           e.fire(r.id, fmt::format("{} in the US is covered only by the Data Privacy Framework, with no SCCs to fall back on",
                                    r.processor ? fmt::format("the processor `{}`", r.name) : fmt::format("`{}`", r.name)),
                  {at(r.pointer, r.source)});
         }
       }});
}

}  // namespace dpa::detail
