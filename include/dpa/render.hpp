// Human-readable renderings of the model.
#pragma once

#include <string>

#include <dpa/diff.hpp>
#include <dpa/document.hpp>
#include <dpa/error.hpp>
#include <dpa/report.hpp>

namespace dpa {
inline namespace v1 {

/// A terminal-width summary: parties, periods, and a table of sub-processors
/// with country, locations and transfer tools.
[[nodiscard]] std::string render_summary(const document& doc);

/// "SCC 2021 module 3 (where required)" and the like.
[[nodiscard]] std::string describe(const transfer_tool& tool);
/// "Falkenstein, DE", "Global (US-based) [global]".
[[nodiscard]] std::string describe(const location& where);

/// One checked file: its report, its name, and its text (to locate evidence by line and column).
struct checked_file {
  const report* result = nullptr;
  std::string file;
  std::string_view text;  ///< may be empty: evidence then has no line and column
};

/// Fills each evidence's line and column from the text the report's document was
/// loaded from (one pass over the text, however many findings).
void locate_evidence(report& r, std::string_view text);

/// For a terminal: findings grouped by severity, with where they are. `colour` adds ANSI colours.
[[nodiscard]] std::string render_text(const checked_file& f, bool colour = false);
/// One report as JSON (schema/report.schema.json); several as a JSON array of them.
[[nodiscard]] std::string render_json(const std::vector<checked_file>& files);
/// SARIF 2.1.0 for code-scanning tools: one run, one result per finding.
[[nodiscard]] std::string render_sarif(const std::vector<checked_file>& files);

/// Two versions compared (dpa::diff), for a terminal: the change events, then the
/// diff rules' findings as render_text shows them. `new_file` holds the findings'
/// report (diff_result::findings) with the new version's name and text.
[[nodiscard]] std::string render_diff_text(const std::vector<change>& changes, std::string_view old_file,
                                           const checked_file& new_file, bool colour = false);
/// The same as JSON: {"old", "new", "as_of", "changes": [{"kind", "pointer", "subject",
/// "direction", "certainty", "message", "before", "after"}], "report": render_json's object}.
[[nodiscard]] std::string render_diff_json(const std::vector<change>& changes, std::string_view old_file,
                                           const checked_file& new_file);

/// Problems the way compilers print them, one line each:
/// `file:line:column: error: pointer: message; help`; `file: error: message` for
/// the file as a whole, `error: message` when it could not be read. Made printable.
[[nodiscard]] std::string render_diagnostics(std::string_view file, const error& e);

/// One validated file for render_validation_json: its name, and its problems (nullptr when valid).
struct validated_file {
  std::string_view file;
  const error* problems = nullptr;
};
/// `[{"file", "valid", "errors": [{"code", "message", "pointer", "line", "column", "help"}]}]`,
/// one object per file, in order.
[[nodiscard]] std::string render_validation_json(const std::vector<validated_file>& files);

/// `s` safe to show on a terminal: control characters other than newline and
/// tab, which a document can carry in any string (an escape sequence in a
/// vendor's name would otherwise reach the terminal), become visible: C0
/// controls and DEL as their Control Pictures (U+2400-U+2421: `␀`, `␛`),
/// C1 controls as `<U+009B>`. Every renderer above applies it to what comes
/// from the input; JSON and SARIF escape such characters anyway.
[[nodiscard]] std::string printable(std::string_view s);

}  // namespace v1
}  // namespace dpa
