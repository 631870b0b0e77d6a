// What the CLI's commands share: exit codes and error printing.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <dpa/date.hpp>
#include <dpa/error.hpp>

// 0 fine; 1 the input has problems (invalid, or findings at --fail-on); 2 usage or I/O error.
constexpr int exit_ok = 0, exit_findings = 1, exit_error = 2;

/// `file:line:column: error: pointer: message; help`, the form compilers use.
void print_diagnostics(const std::string& file, const dpa::error& e);
int usage_error(const std::string& message);
/// Reads --as-of; prints the usage error and returns false when it is not a date.
bool read_as_of(const std::string& text, dpa::date& out);
