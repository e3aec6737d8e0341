#include "client/engine/durable_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace onewindow::engine {

void writeFileDurably(const std::filesystem::path& target, const std::string& bytes) {
  const std::filesystem::path temp = target.string() + ".part";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    throw std::runtime_error("cannot write " + temp.string() + ": " + std::strerror(errno));
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      std::filesystem::remove(temp);
      throw std::runtime_error("cannot write " + target.string() + ": " + std::strerror(error));
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    std::filesystem::remove(temp);
    throw std::runtime_error("cannot write " + target.string() + ": " + std::strerror(errno));
  }
  std::filesystem::rename(temp, target);
}

}  // namespace onewindow::engine
