// Two versions compared, as text and as JSON: one writer for the command line, the C ABI and Python.
#include <dpa/render.hpp>

#include <iterator>

#include <fmt/format.h>

#include "json/io.hpp"

namespace dpa {
inline namespace v1 {

std::string render_diff_text(const std::vector<change>& changes, std::string_view old_file, const checked_file& new_file,
                             bool colour) {
  std::string head;
  auto it = std::back_inserter(head);
  fmt::format_to(it, "{} -> {}\n\nchanges ({})\n", old_file, new_file.file, changes.size());
  for (const auto& c : changes)
    fmt::format_to(it, "  {:<12} {:<21} {}{}\n", to_string(c.direction), c.kind, c.message,
                   c.certainty == certainty::possible ? " (possible)" : "");
  std::string out = printable(head);
  out += '\n';
  out += render_text(new_file, colour);
  return out;
}

std::string render_diff_json(const std::vector<change>& changes, std::string_view old_file, const checked_file& new_file) {
  namespace json = boost::json;
  json::array list;
  list.reserve(changes.size());
  for (const auto& c : changes) {
    json::object o{{"kind", c.kind},
                   {"pointer", c.pointer},
                   {"subject", c.subject},
                   {"direction", to_string(c.direction)},
                   {"certainty", to_string(c.certainty)},
                   {"message", c.message}};
    if (!c.before.empty()) o["before"] = json::parse(c.before);
    if (!c.after.empty()) o["after"] = json::parse(c.after);
    list.push_back(std::move(o));
  }
  json::object out{{"old", old_file},
                   {"new", new_file.file},
                   {"as_of", new_file.result ? to_string(new_file.result->as_of) : std::string()},
                   {"changes", std::move(list)},
                   {"report", json::parse(render_json({new_file}))}};
  return json::serialize(out) + "\n";
}

}  // namespace v1
}  // namespace dpa
