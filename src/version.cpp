#include <dpa/version.hpp>

namespace dpa {
inline namespace v1 {
const char* version_string() noexcept { return DPA_VERSION_STRING; }
}  // namespace v1
}  // namespace dpa
