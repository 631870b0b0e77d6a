// What the CLI's commands share: exit codes and error printing.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include <dpa/date.hpp>
#include <dpa/error.hpp>
#include <dpa/render.hpp>

/// fmt::print with control characters from the input made visible (dpa::printable),
/// for what the CLI writes for people. JSON, SARIF and DOT escape such characters
/// themselves, and the text report and the summary apply it themselves: those are printed as they are.
template <class... T>
void say(std::FILE* to, fmt::format_string<T...> format, T&&... args) {
  const auto text = dpa::printable(fmt::format(format, std::forward<T>(args)...));
  std::fwrite(text.data(), 1, text.size(), to);
}
template <class... T>
void say(fmt::format_string<T...> format, T&&... args) {
  say(stdout, format, std::forward<T>(args)...);
}

// 0 fine; 1 the input has problems (invalid, or findings at --fail-on); 2 usage or I/O error.
constexpr int exit_ok = 0, exit_findings = 1, exit_error = 2;

/// `file:line:column: error: pointer: message; help`, the form compilers use.
void print_diagnostics(const std::string& file, const dpa::error& e);
int usage_error(const std::string& message);
/// Prints the problems of options read with dpa::parse_options or parse_graph_options
/// (`dpa: --rules: message; help`, one line each) and returns exit_error.
int option_errors(const dpa::error& e);
/// Reads --as-of; prints the usage error and returns false when it is not a date.
bool read_as_of(const std::string& text, dpa::date& out);
