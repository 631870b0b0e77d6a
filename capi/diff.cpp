// The C ABI of dpa::diff: two versions of one DPA, their changes and the diff rules.
#include "internal.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <dpa/render.hpp>

using namespace dpa_capi;

namespace {

dpa::checked_file findings_file(const dpa_diff_result* d, const char* after_name) {
  const auto& r = *d->findings;
  return {&r.report, std::string(text_or_empty(after_name)),
          r.source ? std::string_view(*r.source) : std::string_view{}};
}

}  // namespace

extern "C" {

int dpa_diff(dpa_diff_result** out, const dpa_document* before, const dpa_document* after, const dpa_eval_options* opts,
             const dpa_knowledge* kb) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_diff: out is NULL");
    *out = nullptr;
    DPA_REQUIRE(before, "dpa_diff: before is NULL");
    DPA_REQUIRE(after, "dpa_diff: after is NULL");
    dpa::options o;
    if (int rc = convert(o, opts, dpa::rule_scope::diff); rc != DPA_OK) return rc;
    auto result = dpa::diff(before->doc, after->doc, o, kb_of(kb));
    auto d = std::make_unique<dpa_diff_result>();
    d->changes = std::move(result.changes);
    d->findings.reset(wrap(std::move(result.findings), after->text));  // evidence is in the new document
    *out = d.release();
    return ok();
  })
}

void dpa_diff_free(dpa_diff_result* diff) { delete diff; }

size_t dpa_diff_change_count(const dpa_diff_result* diff) { return diff ? diff->changes.size() : 0; }

int dpa_diff_change(dpa_change_info* out, const dpa_diff_result* diff, size_t index) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_diff_change: out is NULL");
    DPA_REQUIRE(diff, "dpa_diff_change: diff is NULL");
    if (index >= diff->changes.size()) return fail(DPA_EINVALID, "dpa_diff_change: index out of range");
    const auto& c = diff->changes[index];
    out->kind = c.kind.c_str();
    out->pointer = c.pointer.c_str();
    out->subject = c.subject.c_str();
    out->before = c.before.c_str();
    out->after = c.after.c_str();
    out->message = c.message.c_str();
    out->direction = dpa::to_string(c.direction).data();  // static literals
    out->certainty = dpa::to_string(c.certainty).data();
    return ok();
  })
}

const dpa_report* dpa_diff_findings(const dpa_diff_result* diff) { return diff ? diff->findings.get() : nullptr; }

int dpa_diff_to_json(dpa_buf* out, const dpa_diff_result* diff, const char* before_name, const char* after_name) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_diff_to_json: out is NULL");
    *out = dpa_buf{nullptr, 0};
    DPA_REQUIRE(diff, "dpa_diff_to_json: diff is NULL");
    return to_buf(out, dpa::render_diff_json(diff->changes, text_or_empty(before_name), findings_file(diff, after_name)));
  })
}

int dpa_diff_to_text(dpa_buf* out, const dpa_diff_result* diff, const char* before_name, const char* after_name,
                     int colour) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_diff_to_text: out is NULL");
    *out = dpa_buf{nullptr, 0};
    DPA_REQUIRE(diff, "dpa_diff_to_text: diff is NULL");
    return to_buf(out, dpa::render_diff_text(diff->changes, text_or_empty(before_name), findings_file(diff, after_name),
                                             colour != 0));
  })
}

int dpa_diff_to_sarif(dpa_buf* out, const dpa_diff_result* diff, const char* after_name) {
  DPA_GUARD({
    DPA_REQUIRE(out, "dpa_diff_to_sarif: out is NULL");
    *out = dpa_buf{nullptr, 0};
    DPA_REQUIRE(diff, "dpa_diff_to_sarif: diff is NULL");
    return to_buf(out, dpa::render_sarif({findings_file(diff, after_name)}));
  })
}

}  // extern "C"
