// libFuzzer target: the C ABI driven by the input. The first bytes choose a
// sequence of calls (parse, evaluate, render, tenant checks, frees, NULL
// arguments, in any order); the rest of the input is the JSON those calls read.
// Any crash, leak (LeakSanitizer) or status without a message is a finding.
#include <dpa/dpa.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace {

void check_status(int status) {
  if (status == DPA_OK) return;
  // Every failure leaves a code and a message behind.
  if (dpa_last_error_code() != status) std::abort();
  const char* message = dpa_last_error_message();
  if (message == nullptr || *message == '\0') std::abort();
  if (dpa_status_string(status) == nullptr) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Layout: one byte n (0-15 used), n operation bytes, then JSON A, a NUL, JSON B.
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t steps = input.empty() ? 0 : static_cast<unsigned char>(input[0]) % 16;
  const std::string_view rest = input.substr(input.empty() ? 0 : 1);
  const std::string ops(rest.substr(0, steps));
  const std::string_view payload = rest.substr(ops.size());
  const std::size_t cut = payload.find('\0');
  const std::string json_a(payload.substr(0, cut));
  const std::string json_b(cut == std::string_view::npos ? std::string_view{} : payload.substr(cut + 1));

  dpa_document* doc = nullptr;
  dpa_report* report = nullptr;
  dpa_tenant* tenant = nullptr;
  dpa_policy* policy = nullptr;
  dpa_eval_options opts = DPA_EVAL_OPTIONS_INIT;
  opts.as_of = "2026-11-23";

  for (const char op : ops) {
    switch (static_cast<unsigned char>(op) % 14) {
      case 0:
        dpa_document_free(doc);
        doc = nullptr;
        check_status(dpa_document_parse(&doc, json_a.data(), json_a.size()));
        break;
      case 1:
        check_status(dpa_document_parse(nullptr, json_a.data(), json_a.size()));
        break;
      case 2:
        dpa_report_free(report);
        report = nullptr;
        check_status(dpa_evaluate(&report, doc, &opts, nullptr));
        break;
      case 3: {
        dpa_buf buf{};
        check_status(dpa_report_to_json(&buf, report));
        dpa_buf_dispose(&buf);
        break;
      }
      case 4: {
        dpa_buf buf{};
        check_status(dpa_evaluate_json(&buf, json_a.data(), json_a.size(), &opts));
        dpa_buf_dispose(&buf);
        break;
      }
      case 5: {
        dpa_finding_info info{};
        const std::size_t n = dpa_report_finding_count(report);
        for (std::size_t i = 0; i <= n; ++i) {
          const int status = dpa_report_finding(&info, report, i);
          if (report != nullptr && i < n && status != DPA_OK) std::abort();
          check_status(status);
          const char *pointer = nullptr, *clause = nullptr;
          check_status(dpa_report_evidence(&pointer, &clause, report, i, 0));
        }
        if (const int has = dpa_report_has(report, json_b.c_str()); has < 0) check_status(has);
        break;
      }
      case 6:
        dpa_tenant_free(tenant);
        tenant = nullptr;
        check_status(dpa_tenant_parse(&tenant, json_b.data(), json_b.size()));
        break;
      case 7:
        dpa_policy_free(policy);
        policy = nullptr;
        check_status(dpa_policy_new(&policy, doc, &opts, nullptr));
        break;
      case 8:
        dpa_report_free(report);
        report = nullptr;
        check_status(dpa_policy_check(&report, policy, tenant));
        break;
      case 9: {
        dpa_buf buf{};
        check_status(dpa_document_to_json(&buf, doc));
        dpa_buf_dispose(&buf);
        break;
      }
      case 10:
        dpa_document_free(doc);
        doc = nullptr;
        break;
      case 11: {
        // Options taken from the input: rule lists, budgets and dates it chose.
        dpa_eval_options o = DPA_EVAL_OPTIONS_INIT;
        o.as_of = json_b.c_str();
        o.breach_budget = json_b.c_str();
        o.rules = (json_b.size() % 2) ? json_b.c_str() : nullptr;
        o.disable = (json_b.size() % 3) ? nullptr : json_b.c_str();
        dpa_report* r = nullptr;
        check_status(dpa_evaluate(&r, doc, &o, nullptr));
        dpa_report_free(r);
        break;
      }
      case 12: {
        dpa_knowledge* kb = nullptr;
        check_status(dpa_knowledge_parse(&kb, json_b.data(), json_b.size()));
        if (kb != nullptr && doc != nullptr) {
          dpa_report* r = nullptr;
          check_status(dpa_evaluate(&r, doc, &opts, kb));
          dpa_report_free(r);
        }
        dpa_knowledge_free(kb);
        break;
      }
      default: {
        dpa_eval_options o{};
        check_status(dpa_eval_options_init(&o, static_cast<unsigned char>(op)));
        check_status(dpa_eval_options_init(nullptr, DPA_EVAL_OPTIONS_VERSION));
        break;
      }
    }
  }
  dpa_policy_free(policy);
  dpa_tenant_free(tenant);
  dpa_report_free(report);
  dpa_document_free(doc);
  return 0;
}
