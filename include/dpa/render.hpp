// Human-readable renderings of the model.
#pragma once

#include <string>

#include <dpa/document.hpp>

namespace dpa {
inline namespace v1 {

/// A terminal-width summary: parties, periods, and a table of sub-processors
/// with country, locations and transfer tools.
[[nodiscard]] std::string render_summary(const document& doc);

/// "SCC 2021 module 3 (where required)" and the like.
[[nodiscard]] std::string describe(const transfer_tool& tool);
/// "Falkenstein, DE", "Global (US-based) [global]".
[[nodiscard]] std::string describe(const location& where);

}  // namespace v1
}  // namespace dpa
