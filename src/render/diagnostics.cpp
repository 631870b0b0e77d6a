// Problems in an input, for people (compiler style) and for programs (JSON).
#include <dpa/render.hpp>

#include <iterator>

#include <fmt/format.h>

#include "json/io.hpp"

namespace dpa {
inline namespace v1 {

namespace {
std::string json_quote(std::string_view s) { return boost::json::serialize(boost::json::value(boost::json::string_view(s))); }
}  // namespace

std::string render_diagnostics(std::string_view file, const error& e) {
  std::string out;
  auto it = std::back_inserter(out);
  for (const auto& d : e.diagnostics) {
    const std::string help = d.help.empty() ? "" : "; " + d.help;
    if (d.code == errc::io) {
      fmt::format_to(it, "error: {}{}\n", d.message, help);
    } else if (d.line == 0) {  // about the file as a whole
      fmt::format_to(it, "{}: error: {}{}\n", file, d.message, help);
    } else {
      fmt::format_to(it, "{}:{}:{}: error: {}: {}{}\n", file, d.line, d.column, d.pointer.empty() ? "/" : d.pointer,
                     d.message, help);
    }
  }
  return printable(out);
}

std::string render_validation_json(const std::vector<validated_file>& files) {
  std::string out = "[";
  auto it = std::back_inserter(out);
  bool first_file = true;
  for (const auto& f : files) {
    fmt::format_to(it, "{}\n  {{\"file\": {}, \"valid\": {}, \"errors\": [", first_file ? "" : ",", json_quote(f.file),
                   f.problems ? "false" : "true");
    first_file = false;
    if (f.problems) {
      bool first = true;
      for (const auto& d : f.problems->diagnostics) {
        fmt::format_to(it,
                       "{}\n    {{\"code\": {}, \"message\": {}, \"pointer\": {}, \"line\": {}, \"column\": {}, "
                       "\"help\": {}}}",
                       first ? "" : ",", json_quote(make_error_code(d.code).message()), json_quote(d.message),
                       json_quote(d.pointer), d.line, d.column, json_quote(d.help));
        first = false;
      }
      out += "\n  ";
    }
    out += "]}";
  }
  out += "\n]\n";
  return out;
}

}  // namespace v1
}  // namespace dpa
