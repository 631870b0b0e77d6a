// `dpa check`, `dpa rules`, `dpa explain`.
#pragma once

#include <string>
#include <vector>

struct check_args {
  std::vector<std::string> files;
  std::string as_of;
  std::string format = "text";
  std::vector<std::string> rules;
  std::vector<std::string> disable;
  std::vector<std::string> severity;  // ID=LEVEL
  std::string fail_on = "violation";
  std::string breach_budget;
  std::string suppressions;
  std::string baseline;
  std::string knowledge;
  std::string colour = "auto";
};

int cmd_check(const check_args& args);
int cmd_rules(const std::string& format, const std::string& kind);
int cmd_explain(const std::string& id);

struct diff_args {
  std::string before, after;
  std::string as_of;
  std::vector<std::string> rules, disable, severity;
  std::string format = "text";
  std::string fail_on = "warning";
};
int cmd_diff(const diff_args& args);

struct tenant_args {
  std::string dpa;
  std::vector<std::string> tenants;
  std::string as_of;
  std::vector<std::string> rules, disable, severity;
  std::string format = "text";
  std::string fail_on = "violation";
};
int cmd_tenant(const tenant_args& args);

struct graph_args {
  std::string file;
  std::vector<std::string> files;  ///< build: DPA documents
  std::string as_of;
  std::string breach_budget;
  std::string format = "text";
  std::vector<std::string> rules;
  std::vector<std::string> disable;
  std::string scenario;
  std::string output;
  std::string controller_country;
  unsigned threads = 1;
  bool quiet = false;
};
int cmd_graph_check(const graph_args& args);
int cmd_graph_stats(const graph_args& args);
int cmd_graph_map(const graph_args& args, bool svg);
int cmd_graph_build(const graph_args& args);
int cmd_graph_scenario(const graph_args& args);
