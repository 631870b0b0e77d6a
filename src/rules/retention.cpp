// retention and deletion: Art. 28(3)(g), Art. 5(1)(e) GDPR.
#include <fmt/format.h>

#include "rules/rule.hpp"

namespace dpa::detail {

namespace {

std::string what(const retention_rule& r) { return r.scope ? fmt::format("`{}` ({})", r.category, *r.scope) : fmt::format("`{}`", r.category); }

template <class F>
void each_retention(const context& c, F&& f) {
  const auto& doc = c.doc;
  for (std::size_t i = 0; i < doc.retention.size(); ++i)
    f(doc.retention[i], fmt::format("/retention/{}", i), std::string("the agreement"), std::string());
  for_each_subprocessor(c, [&](const subprocessor& s, const std::string& ptr) {
    for (std::size_t i = 0; i < s.retention.size(); ++i)
      f(s.retention[i], fmt::format("{}/retention/{}", ptr, i), fmt::format("`{}`", s.name), s.id);
  });
}
}  // namespace

void add_retention_rules(std::vector<rule_def>& out) {
  out.push_back(
      {{"retention/beyond-termination", severity::warning, "Data kept past the deletion deadline without a legal duty",
        "Art. 28(3)(g) GDPR", gdpr,
        "At the end of the services the processor deletes or returns all personal data unless Union or Member "
        "State law requires storage (Art. 28(3)(g)). A retention period longer than the deletion deadline needs a "
        "statutory basis; a contractual wish, or an article that does not require storage (Art. 32 requires "
        "security, not seven years of logs), is not one. Periods of a year or more are read as archives that "
        "outlive the contract (definite); shorter ones as rolling windows that deletion at the end may cut short "
        "(possible). A period the agreement says runs during the term (`runs: during-term`) is cut short by the "
        "deletion at the end and is no finding. Data kept with no end (`indefinite`), or after the end for a time "
        "the agreement does not state (`runs: after-end`, or counted from the end or from account closure, with "
        "no period), may outlive the deadline (possible).",
        "Shorten the period to the deletion deadline, or cite the law that requires the storage.",
        R"({"retention": [{"category": "logs", "period": "7 years", "basis": "contractual"}]})",
        R"({"retention": [{"category": "logs", "period": "90 days", "runs": "during-term"}]})"},
       [](const context& c, emitter& e) {
         const auto& d = c.doc.deletion;
         if (!d || !d->deadline) {
           if (!c.doc.retention.empty()) e.cannot("no-deletion-deadline", "the agreement sets no deletion deadline to compare with", "/deletion");
           return;
         }
         each_retention(c, [&](const retention_rule& r, const std::string& ptr, const std::string& whose,
                                   const std::string& sub) {
           // A rolling limit during the term is cut short by the deletion at the end.
           if (r.basis == retention_basis::statutory || r.runs == retention_phase::during_term) return;
           if (!r.period) {
             if (r.indefinite)  // no end at all: past the deadline, unless the deletion at the end reaches it
               e.fire(sub.empty() ? r.category : sub,
                      fmt::format("{} keeps {} with no end, where the agreement deletes within {} at the end, and gives "
                                  "no statutory basis", whose, what(r), said(*d->deadline)),
                      {at(ptr + "/indefinite", r.source), at("/deletion/deadline", d->source)}, certainty::possible);
             else if (r.runs == retention_phase::after_end || r.trigger == retention_trigger::end_of_services ||
                      r.trigger == retention_trigger::account_closure)
               // kept after the end for a time the agreement does not state ("for a limited period after closure")
               e.fire(sub.empty() ? r.category : sub,
                      fmt::format("{} keeps {} after the end for a period the agreement does not state, where it "
                                  "deletes within {} at the end, and gives no statutory basis",
                                  whose, what(r), said(*d->deadline)),
                      {at(ptr, r.source), at("/deletion/deadline", d->source)}, certainty::possible);
             return;
           }
           answer beyond = longer(*r.period, *d->deadline);
           if (beyond == answer::no) return;
           bool archive = r.period->shortest() >= 365 * 86400;
           std::string why = r.citation ? fmt::format(" (it cites {}, which does not require storage)", *r.citation) : "";
           e.fire(sub.empty() ? r.category : sub,
                  fmt::format("{} keeps {} for {}, past the {} deletion deadline, without a statutory basis{}", whose, what(r),
                              said(*r.period), said(*d->deadline), why),
                  {at(ptr + "/period", r.source), at("/deletion/deadline", d->source)},
                  archive && beyond == answer::yes ? certainty::definite : certainty::possible);
         });
       }});
  out.push_back(
      {{"retention/contradiction", severity::violation, "Two retention statements for the same data disagree",
        "Art. 5(1)(e) and Art. 28(3) GDPR", gdpr,
        "When one clause says \"zero retention\" and another \"deleted within 30 days\" for the same data and "
        "recipient, the controller cannot tell data subjects how long their data is kept (Art. 13(2)(a)), and the "
        "instruction to the processor is ambiguous.",
        "Make the statements agree, or say which applies to what.",
        R"({"retention": [{"category": "logs", "period": "14 days"}, {"category": "logs", "period": "30 days"}]})",
        R"({"retention": [{"category": "logs", "period": "14 days"}, {"category": "logs", "period": "30 days", "trigger": "end-of-services"}]})"},
       [](const context& c, emitter& e) {
         auto compare = [&](const std::vector<retention_rule>& rules, const std::string& base, const std::string& whose,
                            const std::string& sub) {
           for (std::size_t i = 0; i < rules.size(); ++i)
             for (std::size_t j = i + 1; j < rules.size(); ++j) {
               const auto &a = rules[i], &b = rules[j];
               // Statements with different triggers govern different things.
               if (a.category != b.category || a.scope != b.scope || a.runs != b.runs || a.trigger != b.trigger ||
                   !a.period || !b.period)
                 continue;
               answer differ = negate(same_length(*a.period, *b.period));
               e.fire_if(differ, sub.empty() ? a.category : sub,
                         fmt::format("{} gives {} two retention periods: {} and {}", whose, what(a), said(*a.period),
                                     said(*b.period)),
                         {at(fmt::format("{}/retention/{}/period", base, i), a.source),
                          at(fmt::format("{}/retention/{}/period", base, j), b.source)});
             }
         };
         compare(c.doc.retention, "", "the agreement", "");
         for_each_subprocessor(c, [&](const subprocessor& s, const std::string& ptr) {
           compare(s.retention, ptr, fmt::format("`{}`", s.name), s.id);
         });
       }});
  out.push_back(
      {{"retention/backup-window", severity::warning, "Backups outlive a deletion or erasure promise",
        "Art. 17 and Art. 28(3)(g) GDPR", gdpr,
        "Data erased from production lives on in backups until they rotate. A promise to erase within a period "
        "that says nothing of backups is kept only if backups rotate faster; otherwise the controller tells data "
        "subjects something that is not true.",
        "Say how backups are handled: when erased data leaves them, and that restored backups re-apply erasures.",
        R"({"dsr": {"deadline": "10 days"}})", R"({})"},
       [](const context& c, emitter& e) {
         const auto& d = c.doc.deletion;
         // Backups that rotate within the erasure deadline take the erased data with them in time.
         if (c.doc.dsr && c.doc.dsr->deadline && d && d->backup_deadline &&
             longer(*d->backup_deadline, *c.doc.dsr->deadline) != answer::no) {
           e.fire("dsr",
                  fmt::format("erasure is promised within {}, but backups are kept for {} and the promise does not "
                              "account for them",
                              said(*c.doc.dsr->deadline), said(*d->backup_deadline)),
                  {at("/dsr/deadline", c.doc.dsr->source), at("/deletion/backup_deadline", d->source)},
                  certainty::possible);
         }
         const bool backups_exist = c.doc.security && c.doc.security->backups;
         if (d && d->deadline && !d->backup_deadline && backups_exist)
           e.fire("deletion",
                  fmt::format("data is deleted within {} at the end, but the agreement keeps backups and does not say "
                              "when they are deleted",
                              said(*d->deadline)),
                  {at("/deletion/deadline", d->source), at("/security/backups", c.doc.security->source)},
                  certainty::possible);
       }});
  out.push_back(
      {{"retention/deletion-deadline-missing", severity::warning, "Deletion after the end without a deadline",
        "Art. 28(3)(g) GDPR; EDPB Guidelines 07/2020", gdpr,
        "Deletion \"after termination\" with no deadline can be postponed indefinitely. EDPB Guidelines 07/2020 "
        "expect the processor to confirm deletion within an agreed timescale.",
        "State the deadline (e.g. within 30 days of the end of the services), including for backups.",
        R"({"deletion": {"deadline": null}})", R"({})"},
       [](const context& c, emitter& e) {
         const auto& d = c.doc.deletion;
         if (!d || d->choice == deletion_choice::return_only || d->choice == deletion_choice::not_stated) return;
         if (!d->deadline)
           e.fire("deletion", "personal data is deleted after the end of the services, but no deadline is given",
                  {at("/deletion", d->source)});
       }});
}

}  // namespace dpa::detail
