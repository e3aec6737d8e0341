#include "loopback.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace onewindow::test {

int freeLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket: " + std::string(std::strerror(errno)));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    const std::string why = std::strerror(errno);
    ::close(fd);
    throw std::runtime_error("cannot find a free port: " + why);
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

bool acceptsConnections(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool connected = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return connected;
}

std::vector<int> establishedConnectionsTo(int port) {
  // Each line: "sl local_address rem_address st ...", addresses as HEXIP:HEXPORT with the
  // IPv4 address in host byte order; state 01 is ESTABLISHED.
  constexpr const char* kLoopback = "0100007F";
  std::ifstream table("/proc/net/tcp");
  if (!table) throw std::runtime_error("cannot read /proc/net/tcp");
  std::string line;
  std::getline(table, line);  // the header
  std::vector<int> ports;
  while (std::getline(table, line)) {
    std::istringstream fields(line);
    std::string slot, local, remote, state;
    fields >> slot >> local >> remote >> state;
    if (state != "01") continue;
    const std::size_t remoteColon = remote.find(':');
    const std::size_t localColon = local.find(':');
    if (remoteColon == std::string::npos || localColon == std::string::npos) continue;
    if (remote.substr(0, remoteColon) != kLoopback) continue;
    if (std::stoi(remote.substr(remoteColon + 1), nullptr, 16) != port) continue;
    ports.push_back(std::stoi(local.substr(localColon + 1), nullptr, 16));
  }
  std::sort(ports.begin(), ports.end());
  return ports;
}

}  // namespace onewindow::test
