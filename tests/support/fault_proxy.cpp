#include "fault_proxy.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <stdexcept>
#include <string_view>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace onewindow::test {
namespace {

constexpr std::size_t kBufferBytes = 16 * 1024;
constexpr int kPollMs = 50;

sockaddr_in loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  return address;
}

// Closes with an RST instead of a FIN.
void resetAndClose(int fd) {
  linger option{1, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, sizeof option);
  ::close(fd);
}

}  // namespace

FaultProxy::FaultProxy(int targetPort) : targetPort_(targetPort), random_(1) {
  listenFd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listenFd_ < 0) throw std::runtime_error("FaultProxy: socket() failed");
  sockaddr_in address = loopback(0);
  if (::bind(listenFd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(listenFd_, 64) != 0) {
    ::close(listenFd_);
    throw std::runtime_error("FaultProxy: bind/listen on 127.0.0.1 failed");
  }
  socklen_t length = sizeof address;
  ::getsockname(listenFd_, reinterpret_cast<sockaddr*>(&address), &length);
  port_ = ntohs(address.sin_port);
  if (::pipe2(wakeFd_, O_CLOEXEC) != 0) {
    ::close(listenFd_);
    throw std::runtime_error("FaultProxy: pipe2 failed");
  }
  acceptThread_ = std::thread([this] { acceptLoop(); });
}

FaultProxy::~FaultProxy() {
  stopping_ = true;
  // The pipe stays readable once written: every thread polling it wakes and ends.
  (void)!::write(wakeFd_[1], "x", 1);
  acceptThread_.join();
  for (Connection& connection : live_) connection.thread.join();
  live_.clear();
  ::close(listenFd_);
  ::close(wakeFd_[0]);
  ::close(wakeFd_[1]);
}

void FaultProxy::setPlan(FaultPlan plan) {
  std::lock_guard lock(mutex_);
  defaultPlan_ = plan;
  mixed_.reset();
}

void FaultProxy::queuePlan(FaultPlan plan) {
  std::lock_guard lock(mutex_);
  queued_.push_back(plan);
}

void FaultProxy::setMixed(MixedFaults mixed) {
  std::lock_guard lock(mutex_);
  random_.seed(mixed.seed);
  mixed_ = mixed;
}

void FaultProxy::armExchange(int fromNow, FaultPlan plan) {
  std::lock_guard lock(mutex_);
  armed_ = std::make_pair(exchanges_ + fromNow, plan);
}

void FaultProxy::passAll() {
  std::lock_guard lock(mutex_);
  defaultPlan_ = FaultPlan{};
  queued_.clear();
  mixed_.reset();
  armed_.reset();
}

std::optional<FaultPlan> FaultProxy::startExchange() {
  std::lock_guard lock(mutex_);
  const int index = exchanges_++;
  if (!armed_ || armed_->first != index) return std::nullopt;
  FaultPlan plan = armed_->second;
  armed_.reset();
  return plan;
}

int FaultProxy::faultsApplied() const {
  int total = 0;
  for (const auto& count : faults_) total += count;
  return total;
}

FaultProxy::Decision FaultProxy::takeDecision() {
  std::lock_guard lock(mutex_);
  if (!queued_.empty()) {
    FaultPlan plan = queued_.front();
    queued_.pop_front();
    return Decision{plan};
  }
  if (mixed_) return Decision{std::nullopt};
  return Decision{defaultPlan_};
}

FaultPlan FaultProxy::drawMixed() {
  std::lock_guard lock(mutex_);
  if (!mixed_) return FaultPlan{};
  const double draw = std::uniform_real_distribution<double>(0.0, 1.0)(random_);
  const MixedFaults& m = *mixed_;
  FaultPlan plan;
  double edge = m.reset;
  if (draw < edge) {
    plan.fault = Fault::Reset;
  } else if (draw < (edge += m.stall)) {
    plan.fault = Fault::Stall;
    plan.stall = m.stallFor;
  } else if (draw < (edge += m.truncate)) {
    plan.fault = Fault::Truncate;
    plan.bytes = m.truncateBytes;
  } else if (draw < (edge += m.dropReply)) {
    plan.fault = Fault::DropReply;
  }
  return plan;
}

void FaultProxy::reapFinished() {
  for (auto it = live_.begin(); it != live_.end();) {
    if (it->finished) {
      it->thread.join();
      it = live_.erase(it);
    } else {
      ++it;
    }
  }
}

void FaultProxy::acceptLoop() {
  while (!stopping_) {
    pollfd fds[2] = {{wakeFd_[0], POLLIN, 0}, {listenFd_, POLLIN, 0}};
    const int ready = ::poll(fds, 2, 200);
    reapFinished();
    if (ready <= 0) continue;
    if (fds[0].revents != 0) break;
    const int client = ::accept4(listenFd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    ++connections_;
    if (static_cast<int>(live_.size()) >= kMaxConnections) {
      ::close(client);
      continue;
    }
    Decision decision = takeDecision();
    Connection& connection = live_.emplace_back();
    connection.thread = std::thread([this, client, decision, &connection] {
      serve(client, decision);
      connection.finished = true;
    });
  }
}

void FaultProxy::serve(int client, Decision decision) {
  const int server = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in target = loopback(targetPort_);
  if (server < 0 || ::connect(server, reinterpret_cast<sockaddr*>(&target), sizeof target) != 0) {
    if (server >= 0) ::close(server);
    resetAndClose(client);  // as a refused server would look through a proxy
    return;
  }

  // Sends everything unless the proxy stops or the peer goes away.
  auto sendAll = [this](int fd, const char* data, std::size_t size) {
    while (size > 0) {
      pollfd writable{fd, POLLOUT, 0};
      if (stopping_) return false;
      if (::poll(&writable, 1, kPollMs) <= 0) continue;
      const ssize_t sent = ::send(fd, data, size, MSG_NOSIGNAL);
      if (sent <= 0) return false;
      data += sent;
      size -= static_cast<std::size_t>(sent);
    }
    return true;
  };

  int clientFd = client;
  int serverFd = server;
  auto closeBoth = [&](bool reset) {
    if (clientFd >= 0) {
      if (reset) {
        resetAndClose(clientFd);
      } else {
        ::shutdown(clientFd, SHUT_RDWR);
        ::close(clientFd);
      }
    }
    if (serverFd >= 0) ::close(serverFd);
    clientFd = serverFd = -1;
  };

  int exchange = -1;
  bool replying = true;  // so the first client bytes start exchange 0
  FaultPlan active;      // the fault of the current exchange
  // A DropReply waiting for a request of at least its `bytes` (one that carries a document):
  // the smaller exchanges before it, whatever their number, pass.
  std::optional<FaultPlan> carried;
  bool applied = false;  // counted once per exchange
  std::size_t requestBytes = 0;
  std::size_t replyBytes = 0;
  bool clientOpen = true;
  bool serverOpen = true;
  bool stalled = false;
  std::chrono::steady_clock::time_point stallEnd;
  bool stallForever = false;
  std::string held;  // reply bytes held during a stall
  char buffer[kBufferBytes];

  auto apply = [&](Fault fault) {
    if (!applied) countFault(fault);
    applied = true;
  };

  while (!stopping_ && (clientOpen || serverOpen)) {
    if (stalled && !stallForever && std::chrono::steady_clock::now() >= stallEnd) {
      stalled = false;
      if (!held.empty() && !sendAll(clientFd, held.data(), held.size())) break;
      held.clear();
    }
    pollfd fds[3] = {{wakeFd_[0], POLLIN, 0},
                     {clientOpen ? clientFd : -1, POLLIN, 0},
                     {serverOpen && !stalled ? serverFd : -1, POLLIN, 0}};
    if (::poll(fds, 3, kPollMs) <= 0) continue;
    if (fds[0].revents != 0) break;

    if (fds[1].revents != 0) {
      const ssize_t got = ::recv(clientFd, buffer, sizeof buffer, 0);
      if (got <= 0) {
        clientOpen = false;
        if (!stalled) ::shutdown(serverFd, SHUT_WR);
        if (stalled || !serverOpen) break;  // nobody is left to talk to
      } else {
        if (replying) {  // a new exchange begins
          replying = false;
          ++exchange;
          const std::optional<FaultPlan> armed = startExchange();
          requestBytes = replyBytes = 0;
          applied = false;
          if (armed) {
            active = *armed;
          } else if (carried) {
            active = *carried;
            carried.reset();
          } else if (decision.fixed) {
            active = decision.fixed->exchange == exchange ? *decision.fixed : FaultPlan{};
          } else {
            active = drawMixed();
          }
        }
        std::size_t forward = static_cast<std::size_t>(got);
        const bool cutRequest = active.fault == Fault::Reset && active.bytes > 0 &&
                                requestBytes + forward >= active.bytes;
        if (cutRequest) forward = active.bytes - requestBytes;
        if (forward > 0 && !sendAll(serverFd, buffer, forward)) break;
        requestBytes += forward;
        if (cutRequest) {
          apply(Fault::Reset);
          closeBoth(true);
          break;
        }
      }
    }

    if (fds[2].revents != 0) {
      const ssize_t got = ::recv(serverFd, buffer, sizeof buffer, 0);
      if (got <= 0) {
        serverOpen = false;
        if (clientOpen) ::shutdown(clientFd, SHUT_WR);
        if (!clientOpen) break;
        continue;
      }
      replying = true;
      std::size_t forward = static_cast<std::size_t>(got);
      switch (active.fault) {
        case Fault::Pass:
          break;
        case Fault::Reset:
          apply(Fault::Reset);
          closeBoth(true);
          return;
        case Fault::DropReply:
          if (active.bytes > 0 && requestBytes < active.bytes) {
            carried = active;  // too small to be the one meant: pass, and wait for it
            active = FaultPlan{};
            break;
          }
          apply(Fault::DropReply);
          closeBoth(false);
          return;
        case Fault::Truncate: {
          apply(Fault::Truncate);
          const std::size_t room = active.bytes - replyBytes;
          if (forward >= room) {
            if (room > 0) (void)sendAll(clientFd, buffer, room);
            closeBoth(false);
            return;
          }
          break;
        }
        case Fault::Stall:
          if (!applied) {
            apply(Fault::Stall);
            stalled = true;
            stallForever = active.stall.count() == 0;
            stallEnd = std::chrono::steady_clock::now() + active.stall;
          }
          if (stalled) {
            held.append(buffer, forward);
            forward = 0;
          }
          break;
      }
      if (forward > 0 && !sendAll(clientFd, buffer, forward)) break;
      replyBytes += forward;
    }
  }
  closeBoth(false);
}

}  // namespace onewindow::test
