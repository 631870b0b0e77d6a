// Mapping a file into memory, with reading it as the fallback.
#include "graph/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <dpa/load.hpp>

namespace dpa::detail {

text_again::~text_again() {
  if (map_) ::munmap(map_, size_);
}

std::string_view text_again::map(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat st {};
  if (fd >= 0 && ::fstat(fd, &st) == 0 && st.st_size > 0) {
    void* p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (p != MAP_FAILED) {
      map_ = p;
      size_ = static_cast<std::size_t>(st.st_size);
      ::madvise(map_, size_, MADV_SEQUENTIAL);
      view_ = {static_cast<const char*>(map_), size_};
    }
  }
  if (fd >= 0) ::close(fd);
  if (!map_)
    if (auto text = read_file(file, std::size_t{4} << 30)) owned_ = std::move(text).value(), view_ = owned_;
  return view_;
}

}  // namespace dpa::detail
