// What the commands share: printing problems and reading common options.
#include "common.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include <dpa/options.hpp>
#include <dpa/render.hpp>

void print_diagnostics(const std::string& file, const dpa::error& e) {
  const auto text = dpa::render_diagnostics(file, e);
  std::fwrite(text.data(), 1, text.size(), stderr);
}

int option_errors(const dpa::error& e) {
  for (const auto& d : e.diagnostics) {
    // The option as this tool spells it: /breach_budget is --breach-budget.
    std::string flag = d.pointer.empty() ? std::string() : "--" + d.pointer.substr(1);
    std::replace(flag.begin(), flag.end(), '_', '-');
    say(stderr, "dpa: {}{}{}\n", flag.empty() ? "" : flag + ": ", d.message, d.help.empty() ? "" : "; " + d.help);
  }
  return exit_error;
}

// Reads --as-of; prints the usage error and returns false when it is not a date.
bool read_as_of(const std::string& text, dpa::date& out) {
  auto d = dpa::parse_as_of(text);
  if (!d) {
    auto e = d.error();
    for (auto& x : e.diagnostics) x.pointer = "/as_of";
    option_errors(e);
    return false;
  }
  out = d.value();
  return true;
}

int usage_error(const std::string& message) {
  say(stderr, "dpa: {}\n", message);
  return exit_error;
}
