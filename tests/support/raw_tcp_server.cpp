#include "raw_tcp_server.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace onewindow::test {

RawTcpServer::RawTcpServer(Behaviour behaviour, std::string reply,
                           std::chrono::milliseconds slowDelay)
    : behaviour_(behaviour), reply_(std::move(reply)), slowDelay_(slowDelay) {
  listenFd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listenFd_ < 0) throw std::runtime_error("socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  if (::bind(listenFd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(listenFd_, 16) != 0) {
    ::close(listenFd_);
    throw std::runtime_error("bind/listen on 127.0.0.1 failed");
  }
  socklen_t length = sizeof address;
  ::getsockname(listenFd_, reinterpret_cast<sockaddr*>(&address), &length);
  port_ = ntohs(address.sin_port);
  if (::pipe2(wakeFd_, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
  thread_ = std::thread([this] { run(); });
}

RawTcpServer::~RawTcpServer() {
  stopping_ = true;
  (void)!::write(wakeFd_[1], "x", 1);
  thread_.join();
  for (int fd : open_) ::close(fd);
  ::close(listenFd_);
  ::close(wakeFd_[0]);
  ::close(wakeFd_[1]);
}

std::string RawTcpServer::httpReply(const std::string& statusLine, const std::string& body,
                                    const std::string& contentType) {
  return "HTTP/1.1 " + statusLine + "\r\nContent-Type: " + contentType +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" +
         body;
}

void RawTcpServer::run() {
  while (!stopping_) {
    pollfd fds[2] = {{wakeFd_[0], POLLIN, 0}, {listenFd_, POLLIN, 0}};
    const int watched = behaviour_ == Behaviour::NeverAccept ? 1 : 2;
    if (::poll(fds, static_cast<nfds_t>(watched), 1000) <= 0) continue;
    if (fds[0].revents != 0) break;
    const int connection = ::accept4(listenFd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (connection < 0) continue;
    ++accepted_;
    serve(connection);
  }
}

void RawTcpServer::serve(int connection) {
  // Read whatever request arrives first; the tests' requests are small.
  char buffer[8192];
  pollfd readable{connection, POLLIN, 0};
  if (::poll(&readable, 1, 2000) > 0) (void)!::read(connection, buffer, sizeof buffer);

  switch (behaviour_) {
    case Behaviour::NeverAnswer:
    case Behaviour::NeverAccept:
      open_.push_back(connection);  // held open until the destructor
      return;
    case Behaviour::FixedReply:
      (void)!::send(connection, reply_.data(), reply_.size(), MSG_NOSIGNAL);
      break;
    case Behaviour::SlowReply:
      for (char c : reply_) {
        if (stopping_ || ::send(connection, &c, 1, MSG_NOSIGNAL) != 1) break;
        std::this_thread::sleep_for(slowDelay_);
      }
      break;
  }
  ::shutdown(connection, SHUT_WR);
  ::close(connection);
}

}  // namespace onewindow::test
