#include "central/connection_gate.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <deque>
#include <exception>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include "central/api_error_codes.hpp"
#include "central/server_log.hpp"
#include "central/xml_reply.hpp"

namespace onewindow::central {
namespace {

using SteadyClock = std::chrono::steady_clock;
using TimePoint = SteadyClock::time_point;
using std::chrono::milliseconds;

constexpr std::string_view kHeadEnd = "\r\n\r\n";
// What the gate reads per recv() while a head arrives.
constexpr std::size_t kGateReadBytes = 16 * 1024;
// What a worker reads per recv() when httplib asks for less (it reads the request line and
// headers byte by byte): httplib's own SocketStream buffers the same amount.
constexpr std::size_t kStreamReadBytes = 4096;

enum class Phase {
  Idle,       // waiting for the first byte of a request
  Head,       // part of a request head is in the buffer
  Lingering,  // an error reply was sent; reading and dropping until the client closes
};

struct GatedConnection {
  explicit GatedConnection(int socket) : fd(socket) {}
  ~GatedConnection() {
    uncount();
    ::shutdown(fd, SHUT_RDWR);
    ::close(fd);
  }
  GatedConnection(const GatedConnection&) = delete;
  GatedConnection& operator=(const GatedConnection&) = delete;

  void countIn(std::atomic<std::size_t>& counter) {
    ++counter;
    countedIn = &counter;
  }
  void uncount() {
    if (countedIn != nullptr) --*countedIn;
    countedIn = nullptr;
  }

  const int fd;
  std::string buffer;       // received and not yet consumed by a request
  std::size_t scanned = 0;  // bytes of `buffer` already searched for the end of the head
  Phase phase = Phase::Idle;
  TimePoint deadline;
  bool hasDeadline = false;
  std::size_t served = 0;  // requests answered on this connection
  // The open-connection counter this connection is part of; null once it lingers.
  std::atomic<std::size_t>* countedIn = nullptr;
};

// The offset just past the request head's "\r\n\r\n", or npos while it is incomplete.
// Remembers how far it searched, so a head trickling in is not searched again from the start.
std::size_t headEnd(GatedConnection& connection) {
  const std::size_t from = connection.scanned >= 3 ? connection.scanned - 3 : 0;
  const std::size_t found = connection.buffer.find(kHeadEnd, from);
  if (found == std::string::npos) {
    connection.scanned = connection.buffer.size();
    return std::string::npos;
  }
  return found + kHeadEnd.size();
}

void setNonBlocking(int fd) {
  const int flags = ::fcntl(fd, F_GETFL, 0);
  if (flags >= 0) ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

// Waits until `fd` has one of `events` (or an error or hang-up, which the next recv/send
// reports) or `deadline` passes.
bool waitFor(int fd, short events, TimePoint deadline) {
  for (;;) {
    const auto left = std::chrono::ceil<milliseconds>(deadline - SteadyClock::now()).count();
    if (left <= 0) return false;
    pollfd entry{fd, events, 0};
    const int ready = ::poll(&entry, 1, static_cast<int>(std::min<long long>(left, 1 << 30)));
    if (ready > 0) return true;
    if (ready == 0) return false;
    if (errno != EINTR) return false;
  }
}

void socketAddress(int fd, bool peer, std::string& ip, int& port) {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  auto* generic = reinterpret_cast<sockaddr*>(&address);
  if ((peer ? ::getpeername(fd, generic, &length) : ::getsockname(fd, generic, &length)) != 0) {
    return;
  }
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(&address);
    ::inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
    port = ntohs(v4->sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&address);
    ::inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
    port = ntohs(v6->sin6_port);
  } else {
    return;
  }
  ip = text;
}

std::string peerName(int fd) {
  std::string ip = "?";
  int port = 0;
  socketAddress(fd, true, ip, port);
  return ip + ":" + std::to_string(port);
}

// Writes what fits at once. Only for the small error replies of the gate, into a socket buffer
// that holds far more: a client that does not read is not waited for.
void sendWithoutWaiting(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t sent = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return;
    bytes.remove_prefix(static_cast<std::size_t>(sent));
  }
}

// A whole reply with an XML error body (central/API.md, Errors) and Connection: close.
std::string errorReply(int status, std::string_view reason, std::string_view code,
                       std::string_view message, int retryAfterSeconds = 0) {
  const std::string body = errorBody(code, message);
  std::string reply = "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason) + "\r\n";
  reply += "Content-Type: " + std::string(kXmlContentType) + "\r\n";
  reply += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  reply += "Connection: close\r\n";
  if (retryAfterSeconds > 0) reply += "Retry-After: " + std::to_string(retryAfterSeconds) + "\r\n";
  reply += "\r\n";
  reply += body;
  return reply;
}

std::string secondsText(milliseconds duration) {
  const long long ms = duration.count();
  if (ms % 1000 == 0) return std::to_string(ms / 1000) + " s";
  return std::to_string(ms) + " ms";
}

// httplib::Stream over a gated connection for one request: the bytes the gate (or an earlier
// request) left in the connection's buffer first, then the socket, each read and write
// bounded by a timeout so a stalled client costs a worker at most that long per step.
class GatedStream final : public httplib::Stream {
 public:
  GatedStream(GatedConnection& connection, const GateLimits& limits)
      : connection_(connection),
        readTimeout_(limits.readTimeout),
        writeTimeout_(limits.writeTimeout) {}

  bool is_readable() const override {
    return offset_ < connection_.buffer.size() ||
           waitFor(connection_.fd, POLLIN, SteadyClock::now() + readTimeout_);
  }

  bool is_writable() const override {
    return waitFor(connection_.fd, POLLOUT, SteadyClock::now() + writeTimeout_);
  }

  ssize_t read(char* ptr, std::size_t size) override {
    std::string& buffer = connection_.buffer;
    if (offset_ < buffer.size()) {
      const std::size_t given = std::min(size, buffer.size() - offset_);
      std::memcpy(ptr, buffer.data() + offset_, given);
      offset_ += given;
      return static_cast<ssize_t>(given);
    }
    buffer.clear();
    offset_ = 0;
    // Large reads (bodies) go straight to the caller; they never ask past the body's length,
    // so nothing of a following request is taken.
    if (size >= kStreamReadBytes) return receive(ptr, size);
    buffer.resize(kStreamReadBytes);
    const ssize_t received = receive(buffer.data(), buffer.size());
    buffer.resize(received > 0 ? static_cast<std::size_t>(received) : 0);
    if (received <= 0) return received;
    const std::size_t given = std::min(size, buffer.size());
    std::memcpy(ptr, buffer.data(), given);
    offset_ = given;
    return static_cast<ssize_t>(given);
  }

  using httplib::Stream::write;
  ssize_t write(const char* ptr, std::size_t size) override {
    const TimePoint deadline = SteadyClock::now() + writeTimeout_;
    for (;;) {
      const ssize_t sent = ::send(connection_.fd, ptr, size, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (sent >= 0) return sent;
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
      if (!waitFor(connection_.fd, POLLOUT, deadline)) return -1;
    }
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    socketAddress(connection_.fd, true, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    socketAddress(connection_.fd, false, ip, port);
  }
  socket_t socket() const override { return connection_.fd; }

  // Leaves in the connection's buffer only what the request did not consume: the start of
  // the next request when the client sent it early (pipelining).
  void keepUnread() {
    connection_.buffer.erase(0, offset_);
    offset_ = 0;
    connection_.scanned = 0;
  }

 private:
  ssize_t receive(char* ptr, std::size_t size) {
    const TimePoint deadline = SteadyClock::now() + readTimeout_;
    for (;;) {
      const ssize_t received = ::recv(connection_.fd, ptr, size, MSG_DONTWAIT);
      if (received >= 0) return received;
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
      if (!waitFor(connection_.fd, POLLIN, deadline)) return -1;
    }
  }

  GatedConnection& connection_;
  std::size_t offset_ = 0;  // bytes of the buffer this request consumed
  milliseconds readTimeout_;
  milliseconds writeTimeout_;
};

// The accept loop only hands sockets to the gate: a pool would add a thread hop and nothing
// else, so the job runs at once in the accept thread.
class InlineTaskQueue final : public httplib::TaskQueue {
 public:
  void enqueue(std::function<void()> job) override { job(); }
  void shutdown() override {}
};

}  // namespace

struct ConnectionGate::Impl {
  Impl(GateLimits gateLimits, RequestRunner requestRunner)
      : limits(gateLimits),
        runner(std::move(requestRunner)),
        timeoutReply(errorReply(408, "Request Timeout", error_code::kRequestTimeout,
                                "the request head (request line and headers) was not complete "
                                "within " +
                                    secondsText(limits.headerTimeout) + " of its first byte")),
        tooLargeReply(errorReply(431, "Request Header Fields Too Large",
                                 error_code::kHeaderTooLarge,
                                 "the request head (request line and headers) is larger than " +
                                     std::to_string(limits.maxHeaderBytes) + " bytes")),
        fullReply(errorReply(503, "Service Unavailable", error_code::kServiceUnavailable,
                             "the server has " + std::to_string(limits.maxConnections) +
                                 " connections open, its limit; retry later",
                             limits.retryAfterSeconds)) {
    limits.workers = std::max<std::size_t>(limits.workers, 1);
    limits.maxRequestsPerConnection = std::max<std::size_t>(limits.maxRequestsPerConnection, 1);
  }

  void start();
  void stop();
  void adopt(int fd);

  // Any thread: hands a connection to the epoll thread (closes it when the gate has stopped).
  void giveBack(std::unique_ptr<GatedConnection> connection);
  void wake() const {
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t written = ::write(wakeFd, &one, sizeof one);
  }
  void noteRefusal();

  // The epoll thread.
  void pollLoop();
  void takeInbox();
  void welcome(std::unique_ptr<GatedConnection> connection);
  void onReadable(GatedConnection& connection);
  void examine(GatedConnection& connection);
  void dispatch(GatedConnection& connection);
  void reject(GatedConnection& connection, const std::string& reply, const std::string& why);
  void drop(int fd);
  void setDeadline(GatedConnection& connection, TimePoint deadline);
  void expire(TimePoint now);
  int millisecondsToNextDeadline() const;

  // The workers.
  void workLoop();
  void serve(std::unique_ptr<GatedConnection> connection);
  void queueReady(std::unique_ptr<GatedConnection> connection);

  GateLimits limits;
  RequestRunner runner;
  const std::string timeoutReply;
  const std::string tooLargeReply;
  const std::string fullReply;

  std::mutex lifecycleMutex;  // start() and stop()
  bool stopped = false;
  std::atomic<bool> started{false};
  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> open{0};
  int epollFd = -1;
  int wakeFd = -1;
  std::thread poller;
  std::vector<std::thread> workers;

  // Connections on their way to the epoll thread: new, refused, or back from a worker.
  std::mutex inboxMutex;
  bool inboxOpen = false;
  std::vector<std::unique_ptr<GatedConnection>> inbox;

  // Connections with a complete request head, waiting for a worker.
  std::mutex readyMutex;
  std::condition_variable readyCondition;
  std::deque<std::unique_ptr<GatedConnection>> ready;
  bool workersStop = false;

  // Owned by the epoll thread.
  std::unordered_map<int, std::unique_ptr<GatedConnection>> owned;
  std::set<std::pair<TimePoint, int>> deadlines;
  std::size_t lingering = 0;
  std::vector<char> readBuffer = std::vector<char>(kGateReadBytes);

  // Refusals are logged at most once a second: a flood would otherwise flood the log too.
  std::mutex refusalMutex;
  std::size_t refusalsUnlogged = 0;
  TimePoint lastRefusalLog;
};

void ConnectionGate::Impl::start() {
  std::lock_guard lock(lifecycleMutex);
  if (started || stopped) return;
  epollFd = ::epoll_create1(EPOLL_CLOEXEC);
  if (epollFd < 0) throw std::system_error(errno, std::generic_category(), "epoll_create1");
  wakeFd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (wakeFd < 0) {
    const int error = errno;
    ::close(epollFd);
    epollFd = -1;
    throw std::system_error(error, std::generic_category(), "eventfd");
  }
  epoll_event wakeEvent{};
  wakeEvent.events = EPOLLIN;
  wakeEvent.data.fd = wakeFd;
  ::epoll_ctl(epollFd, EPOLL_CTL_ADD, wakeFd, &wakeEvent);
  {
    std::lock_guard inboxLock(inboxMutex);
    inboxOpen = true;
  }
  poller = std::thread([this] { pollLoop(); });
  for (std::size_t i = 0; i < limits.workers; ++i) workers.emplace_back([this] { workLoop(); });
  started = true;
}

void ConnectionGate::Impl::stop() {
  std::lock_guard lock(lifecycleMutex);
  if (stopped) return;
  stopped = true;
  stopping = true;
  if (!started) return;
  // The epoll thread closes every connection it holds and refuses those handed back later.
  wake();
  poller.join();
  // Workers finish what they run and the heads already complete (answered with
  // Connection: close), then end.
  {
    std::lock_guard readyLock(readyMutex);
    workersStop = true;
  }
  readyCondition.notify_all();
  for (std::thread& worker : workers) worker.join();
  workers.clear();
  ::close(wakeFd);
  ::close(epollFd);
  wakeFd = epollFd = -1;
}

void ConnectionGate::Impl::adopt(int fd) {
  auto connection = std::make_unique<GatedConnection>(fd);
  if (!started || stopping) return;  // closed by the destructor
  setNonBlocking(fd);
  if (open.load() >= limits.maxConnections) {
    // Answered at once rather than queued: a client that waits for a slot cannot tell a full
    // server from a dead one, while a 503 with Retry-After says when to come back.
    sendWithoutWaiting(fd, fullReply);
    ::shutdown(fd, SHUT_WR);
    connection->phase = Phase::Lingering;
    noteRefusal();
  } else {
    connection->countIn(open);
  }
  giveBack(std::move(connection));
}

void ConnectionGate::Impl::noteRefusal() {
  std::lock_guard lock(refusalMutex);
  ++refusalsUnlogged;
  const TimePoint now = SteadyClock::now();
  if (now - lastRefusalLog < std::chrono::seconds(1)) return;
  logLine("refused " + std::to_string(refusalsUnlogged) + " connection(s) with 503: " +
          std::to_string(limits.maxConnections) + " connections are open, the limit");
  refusalsUnlogged = 0;
  lastRefusalLog = now;
}

void ConnectionGate::Impl::giveBack(std::unique_ptr<GatedConnection> connection) {
  {
    std::lock_guard lock(inboxMutex);
    if (!inboxOpen) return;  // stopped: `connection` closes on the way out
    inbox.push_back(std::move(connection));
  }
  wake();
}

void ConnectionGate::Impl::pollLoop() {
  std::array<epoll_event, 128> events{};
  while (!stopping) {
    const int count = ::epoll_wait(epollFd, events.data(), static_cast<int>(events.size()),
                                   millisecondsToNextDeadline());
    if (count < 0) {
      if (errno == EINTR) continue;
      logLine(std::string("connection gate: epoll_wait failed: ") + std::strerror(errno));
      break;
    }
    for (int i = 0; i < count; ++i) {
      const int fd = events[static_cast<std::size_t>(i)].data.fd;
      if (fd == wakeFd) {
        std::uint64_t value = 0;
        [[maybe_unused]] const ssize_t drained = ::read(wakeFd, &value, sizeof value);
        continue;
      }
      const auto found = owned.find(fd);
      if (found == owned.end()) continue;
      try {
        onReadable(*found->second);
      } catch (const std::exception& error) {
        logLine(std::string("connection gate: dropping a connection: ") + error.what());
        drop(fd);
      }
    }
    takeInbox();
    expire(SteadyClock::now());
  }
  std::vector<std::unique_ptr<GatedConnection>> late;
  {
    std::lock_guard lock(inboxMutex);
    inboxOpen = false;
    late.swap(inbox);
  }
  late.clear();
  deadlines.clear();
  owned.clear();
  lingering = 0;
}

void ConnectionGate::Impl::takeInbox() {
  std::vector<std::unique_ptr<GatedConnection>> arrived;
  {
    std::lock_guard lock(inboxMutex);
    arrived.swap(inbox);
  }
  for (std::unique_ptr<GatedConnection>& connection : arrived) welcome(std::move(connection));
}

void ConnectionGate::Impl::welcome(std::unique_ptr<GatedConnection> connection) {
  const bool refused = connection->phase == Phase::Lingering;
  // Lingering sockets are bounded too; past the bound a reset is the lesser evil.
  if (refused && lingering >= limits.maxConnections) return;
  epoll_event event{};
  event.events = EPOLLIN | EPOLLRDHUP;
  event.data.fd = connection->fd;
  if (::epoll_ctl(epollFd, EPOLL_CTL_ADD, connection->fd, &event) != 0) return;
  GatedConnection& added = *connection;
  owned.emplace(added.fd, std::move(connection));
  const TimePoint now = SteadyClock::now();
  if (refused) {
    ++lingering;
    setDeadline(added, now + limits.lingerTime);
    return;
  }
  added.phase = Phase::Idle;
  setDeadline(added, now + limits.idleTimeout);
  // Back from a worker with the start of the next request already read.
  if (!added.buffer.empty()) examine(added);
}

void ConnectionGate::Impl::onReadable(GatedConnection& connection) {
  if (connection.phase == Phase::Lingering) {
    for (;;) {
      const ssize_t received = ::recv(connection.fd, readBuffer.data(), readBuffer.size(), 0);
      if (received > 0) continue;
      if (received < 0 && errno == EINTR) continue;
      if (received < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      drop(connection.fd);  // the client closed (or reset): the reply had its chance
      return;
    }
  }
  for (;;) {
    const ssize_t received = ::recv(connection.fd, readBuffer.data(), readBuffer.size(), 0);
    if (received > 0) {
      connection.buffer.append(readBuffer.data(), static_cast<std::size_t>(received));
      // Enough for a decision: the rest (a body, a pipelined request) stays in the socket.
      if (headEnd(connection) != std::string::npos ||
          connection.buffer.size() > limits.maxHeaderBytes) {
        break;
      }
      continue;
    }
    if (received < 0 && errno == EINTR) continue;
    if (received < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
    // Closed or reset by the client, between requests or within a head: nobody to answer.
    drop(connection.fd);
    return;
  }
  examine(connection);
}

void ConnectionGate::Impl::examine(GatedConnection& connection) {
  const std::size_t end = headEnd(connection);
  if (end != std::string::npos && end <= limits.maxHeaderBytes) {
    dispatch(connection);
    return;
  }
  if (end != std::string::npos || connection.buffer.size() > limits.maxHeaderBytes) {
    reject(connection, tooLargeReply,
           "request head over " + std::to_string(limits.maxHeaderBytes) + " bytes -> 431");
    return;
  }
  if (!connection.buffer.empty() && connection.phase == Phase::Idle) {
    // The head's deadline runs from its first byte, however slowly the rest comes.
    connection.phase = Phase::Head;
    setDeadline(connection, SteadyClock::now() + limits.headerTimeout);
  }
}

void ConnectionGate::Impl::dispatch(GatedConnection& connection) {
  const int fd = connection.fd;
  ::epoll_ctl(epollFd, EPOLL_CTL_DEL, fd, nullptr);
  if (connection.hasDeadline) deadlines.erase({connection.deadline, fd});
  connection.hasDeadline = false;
  const auto found = owned.find(fd);
  std::unique_ptr<GatedConnection> taken = std::move(found->second);
  owned.erase(found);
  queueReady(std::move(taken));
}

void ConnectionGate::Impl::reject(GatedConnection& connection, const std::string& reply,
                                  const std::string& why) {
  logLine("connection from " + peerName(connection.fd) + ": " + why);
  sendWithoutWaiting(connection.fd, reply);
  ::shutdown(connection.fd, SHUT_WR);
  connection.uncount();
  std::string().swap(connection.buffer);
  if (lingering >= limits.maxConnections) {
    drop(connection.fd);
    return;
  }
  connection.phase = Phase::Lingering;
  ++lingering;
  setDeadline(connection, SteadyClock::now() + limits.lingerTime);
}

void ConnectionGate::Impl::drop(int fd) {
  const auto found = owned.find(fd);
  if (found == owned.end()) return;
  GatedConnection& connection = *found->second;
  if (connection.hasDeadline) deadlines.erase({connection.deadline, fd});
  if (connection.phase == Phase::Lingering) --lingering;
  owned.erase(found);  // closes the socket, which also leaves the epoll set
}

void ConnectionGate::Impl::setDeadline(GatedConnection& connection, TimePoint deadline) {
  if (connection.hasDeadline) deadlines.erase({connection.deadline, connection.fd});
  connection.deadline = deadline;
  connection.hasDeadline = true;
  deadlines.emplace(deadline, connection.fd);
}

void ConnectionGate::Impl::expire(TimePoint now) {
  while (!deadlines.empty() && deadlines.begin()->first <= now) {
    const int fd = deadlines.begin()->second;
    GatedConnection& connection = *owned.at(fd);
    if (connection.phase == Phase::Head) {
      reject(connection, timeoutReply,
             "request head not complete within " + secondsText(limits.headerTimeout) + " -> 408");
    } else {
      drop(fd);  // idle past the keep-alive timeout, or done lingering
    }
  }
}

int ConnectionGate::Impl::millisecondsToNextDeadline() const {
  if (deadlines.empty()) return -1;
  const auto left =
      std::chrono::ceil<milliseconds>(deadlines.begin()->first - SteadyClock::now()).count();
  return static_cast<int>(std::clamp<long long>(left, 0, 1 << 30));
}

void ConnectionGate::Impl::queueReady(std::unique_ptr<GatedConnection> connection) {
  {
    std::lock_guard lock(readyMutex);
    ready.push_back(std::move(connection));
  }
  readyCondition.notify_one();
}

void ConnectionGate::Impl::workLoop() {
  for (;;) {
    std::unique_ptr<GatedConnection> connection;
    {
      std::unique_lock lock(readyMutex);
      readyCondition.wait(lock, [this] { return workersStop || !ready.empty(); });
      if (ready.empty()) return;
      connection = std::move(ready.front());
      ready.pop_front();
    }
    serve(std::move(connection));
  }
}

void ConnectionGate::Impl::serve(std::unique_ptr<GatedConnection> connection) {
  const bool lastRequest = stopping || connection->served + 1 >= limits.maxRequestsPerConnection;
  bool keepOpen = false;
  {
    GatedStream stream(*connection, limits);
    try {
      keepOpen = runner(stream, lastRequest);
    } catch (const std::exception& error) {
      // httplib hands handler exceptions to the exception handler; this is httplib itself.
      logLine(std::string("connection gate: request processing failed: ") + error.what());
    }
    stream.keepUnread();
  }
  ++connection->served;
  if (!keepOpen || lastRequest || stopping) return;  // closed on the way out
  if (connection->buffer.empty() && connection->buffer.capacity() > kGateReadBytes) {
    std::string().swap(connection->buffer);
  }
  const std::size_t end = headEnd(*connection);
  if (end != std::string::npos && end <= limits.maxHeaderBytes) {
    // A pipelined request is complete already: to the back of the queue, behind the others.
    queueReady(std::move(connection));
    return;
  }
  giveBack(std::move(connection));
}

ConnectionGate::ConnectionGate(GateLimits limits, RequestRunner runner)
    : impl_(std::make_unique<Impl>(limits, std::move(runner))) {}

ConnectionGate::~ConnectionGate() { stop(); }

void ConnectionGate::start() { impl_->start(); }
void ConnectionGate::adopt(int socket) { impl_->adopt(socket); }
void ConnectionGate::stop() { impl_->stop(); }
std::size_t ConnectionGate::openConnections() const { return impl_->open.load(); }

GatedHttpServer::GatedHttpServer(GateLimits limits)
    : backlog_(limits.maxConnections),
      gate_(limits, [this](httplib::Stream& stream, bool lastRequest) {
        bool connectionClosed = false;
        const bool answered = process_request(stream, lastRequest, connectionClosed, nullptr);
        return answered && !connectionClosed;
      }) {
  new_task_queue = [] { return new InlineTaskQueue; };
  // What httplib puts in its Keep-Alive reply header (whole seconds).
  set_keep_alive_timeout(std::max<time_t>(
      1, static_cast<time_t>(
             std::chrono::duration_cast<std::chrono::seconds>(limits.idleTimeout).count())));
  set_keep_alive_max_count(limits.maxRequestsPerConnection);
  set_read_timeout(limits.readTimeout);
  set_write_timeout(limits.writeTimeout);
}

GatedHttpServer::~GatedHttpServer() { gate_.stop(); }

void GatedHttpServer::widenListenBacklog() {
  const socket_t listening = svr_sock_;
  if (listening == INVALID_SOCKET) return;
  // listen() again on a listening socket only changes its backlog (the kernel caps it at
  // net.core.somaxconn).
  ::listen(listening, static_cast<int>(std::min<std::size_t>(backlog_, 65535)));
}

bool GatedHttpServer::serve() {
  gate_.start();
  struct StopGate {
    ConnectionGate& gate;
    ~StopGate() { gate.stop(); }
  } stopGate{gate_};
  return listen_after_bind();
}

bool GatedHttpServer::process_and_close_socket(socket_t sock) {
  gate_.adopt(sock);
  return true;
}

std::size_t raiseOpenFileLimit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 0;
  // An unlimited hard limit is not a value the soft limit may take for files (fs.nr_open
  // caps it); a million is far beyond any connection limit here.
  constexpr rlim_t kCeiling = 1 << 20;
  const rlim_t wanted = limit.rlim_max == RLIM_INFINITY ? kCeiling : limit.rlim_max;
  if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < wanted) {
    rlimit raised = limit;
    raised.rlim_cur = wanted;
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  return limit.rlim_cur == RLIM_INFINITY ? static_cast<std::size_t>(kCeiling)
                                         : static_cast<std::size_t>(limit.rlim_cur);
}

}  // namespace onewindow::central
