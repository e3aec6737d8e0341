#include "central/fault_injection.hpp"

#include <unistd.h>

#include <array>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <optional>
#include <thread>
#include <utility>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pugixml.hpp>
#include <sys/socket.h>

#include "central/api_error_codes.hpp"
#include "central/route_support.hpp"
#include "central/server_log.hpp"

namespace onewindow::central {
namespace {

constexpr std::array kEndpoints{
    std::string_view{"cases.put"},
    std::string_view{"cases.get"},
    std::string_view{"materials.put"},
    std::string_view{"materials.patch"},
    std::string_view{"materials.head"},
    std::string_view{"changes"},
    std::string_view{"health"},
    std::string_view{"limits"},
    std::string_view{"ratings.post"},
    std::string_view{"catalog"},
    std::string_view{"catalog.file"},
    std::string_view{"centre.cases"},
    std::string_view{"centre.supervision"},
    std::string_view{"any"},
};

std::optional<FaultKind> kindFromName(std::string_view name) {
  if (name == "delay") return FaultKind::Delay;
  if (name == "status") return FaultKind::Status;
  if (name == "reset") return FaultKind::Reset;
  if (name == "commit-drop") return FaultKind::CommitDrop;
  return std::nullopt;
}

RequestProblem invalid(std::string message) {
  return RequestProblem{400, std::string(error_code::kInvalidField), std::move(message)};
}

// An integer attribute in [low, high]; `fallback` when absent.
std::optional<int> intAttribute(const pugi::xml_node& node, const char* name, int fallback, int low,
                                int high) {
  const pugi::xml_attribute attribute = node.attribute(name);
  if (!attribute) return fallback;
  const std::string_view text = attribute.value();
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < low || value > high) {
    return std::nullopt;
  }
  return value;
}

std::string addressText(const sockaddr_storage& address) {
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (address.ss_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(&address);
    inet_ntop(AF_INET, &v4->sin_addr, text.data(), text.size());
  } else if (address.ss_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&address);
    inet_ntop(AF_INET6, &v6->sin6_addr, text.data(), text.size());
  }
  return text.data();
}

int portOf(const sockaddr_storage& address) {
  if (address.ss_family == AF_INET) {
    return ntohs(reinterpret_cast<const sockaddr_in*>(&address)->sin_port);
  }
  if (address.ss_family == AF_INET6) {
    return ntohs(reinterpret_cast<const sockaddr_in6*>(&address)->sin6_port);
  }
  return -1;
}

// The descriptor of the connected socket whose peer is the request's client.
std::optional<int> socketOf(const httplib::Request& request) {
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", error)) {
    int fd = -1;
    const std::string name = entry.path().filename().string();
    const auto [end, parseError] = std::from_chars(name.data(), name.data() + name.size(), fd);
    if (parseError != std::errc() || end != name.data() + name.size()) continue;
    sockaddr_storage peer{};
    socklen_t peerLength = sizeof peer;
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peerLength) != 0) continue;
    sockaddr_storage local{};
    socklen_t localLength = sizeof local;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &localLength) != 0) continue;
    if (portOf(peer) == request.remote_port && addressText(peer) == request.remote_addr &&
        portOf(local) == request.local_port) {
      return fd;
    }
  }
  return std::nullopt;
}

enum class Before { Handle, Answered, Dropped };

// Applies the "before" faults: delays, then a reset or an injected status.
Before applyBefore(const std::vector<Fault>& fired, const httplib::Request& request,
                   httplib::Response& response) {
  for (const Fault& fault : fired) {
    if (fault.kind == FaultKind::Delay) {
      std::this_thread::sleep_for(std::chrono::milliseconds(fault.delayMs));
    }
  }
  for (const Fault& fault : fired) {
    if (fault.kind == FaultKind::Reset) {
      logLine("fault: reset " + request.method + " " + request.path);
      dropConnection(request);
      response.status = 500;  // never sent: the connection is gone
      return Before::Dropped;
    }
    if (fault.kind == FaultKind::Status) {
      logLine("fault: status " + std::to_string(fault.status) + " for " + request.method + " " +
              request.path);
      if (fault.retryAfter >= 0) {
        response.set_header("Retry-After", std::to_string(fault.retryAfter));
      }
      replyError(response, fault.status,
                 fault.status >= 500 ? error_code::kServiceUnavailable : error_code::kBadRequest,
                 "injected fault (test switch): status " + std::to_string(fault.status));
      return Before::Answered;
    }
  }
  return Before::Handle;
}

void applyAfter(const std::vector<Fault>& fired, const httplib::Request& request) {
  for (const Fault& fault : fired) {
    if (fault.kind == FaultKind::CommitDrop) {
      logLine("fault: commit-drop " + request.method + " " + request.path);
      dropConnection(request);
      return;
    }
  }
}

}  // namespace

bool isFaultEndpoint(std::string_view name) {
  for (const std::string_view known : kEndpoints) {
    if (known == name) return true;
  }
  return false;
}

std::variant<std::vector<Fault>, RequestProblem> parseFaults(std::string_view body) {
  pugi::xml_document document;
  const pugi::xml_parse_result parsed = document.load_buffer(body.data(), body.size());
  if (!parsed) {
    return RequestProblem{
        400, std::string(error_code::kMalformedXml),
        std::string("the request body is not well-formed XML: ") + parsed.description()};
  }
  const pugi::xml_node root = document.document_element();
  if (std::string_view(root.name()) != "faults") {
    return RequestProblem{400, std::string(error_code::kWrongDocument),
                          "expected a <faults> document"};
  }
  std::vector<Fault> faults;
  for (const pugi::xml_node node : root.children("fault")) {
    Fault fault;
    fault.endpoint = node.attribute("endpoint").as_string("any");
    if (!isFaultEndpoint(fault.endpoint))
      return invalid("unknown fault endpoint " + fault.endpoint);
    const std::optional<FaultKind> kind = kindFromName(node.attribute("kind").value());
    if (!kind) return invalid("fault kind must be delay, status, reset or commit-drop");
    fault.kind = *kind;
    const auto delay = intAttribute(node, "delay-ms", 0, 0, 600000);
    const auto status = intAttribute(node, "status", 503, 400, 599);
    const auto retryAfter = intAttribute(node, "retry-after", -1, 0, 86400);
    const auto count = intAttribute(node, "count", 0, 0, 1000000);
    if (!delay || !status || !retryAfter || !count) {
      return invalid(
          "fault attributes delay-ms, status (400-599), retry-after, count must be "
          "integers in range");
    }
    fault.delayMs = *delay;
    fault.status = *status;
    fault.retryAfter = *retryAfter;
    fault.count = *count;
    fault.probability = node.attribute("probability").as_double(1.0);
    if (!(fault.probability >= 0.0 && fault.probability <= 1.0)) {
      return invalid("fault probability must be between 0 and 1");
    }
    faults.push_back(std::move(fault));
  }
  return faults;
}

FaultInjector::FaultInjector(std::uint64_t seed) : random_(seed) {}

void FaultInjector::replace(std::vector<Fault> faults) {
  std::lock_guard lock(mutex_);
  faults_ = std::move(faults);
}

void FaultInjector::clear() { replace({}); }

std::vector<Fault> FaultInjector::fire(std::string_view endpoint) {
  std::lock_guard lock(mutex_);
  std::vector<Fault> fired;
  for (Fault& fault : faults_) {
    if (fault.endpoint != endpoint && fault.endpoint != "any") continue;
    if (fault.count > 0 && fault.fired >= fault.count) continue;
    if (fault.probability < 1.0) {
      std::uniform_real_distribution<double> draw(0.0, 1.0);
      if (draw(random_) >= fault.probability) continue;
    }
    ++fault.fired;
    fired.push_back(fault);
  }
  return fired;
}

void dropConnection(const httplib::Request& request) {
  const std::optional<int> fd = socketOf(request);
  if (!fd) {
    logLine("fault: could not find the socket of " + request.remote_addr + ":" +
            std::to_string(request.remote_port));
    return;
  }
  // Linger 0: the close httplib does later sends a reset. shutdown() ends the connection now
  // but leaves the descriptor to httplib, which still owns and closes it.
  const linger abort{1, 0};
  ::setsockopt(*fd, SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
  ::shutdown(*fd, SHUT_RDWR);
}

httplib::Server::Handler withFaults(FaultInjector* faults, std::string endpoint,
                                    httplib::Server::Handler handler) {
  if (faults == nullptr) return handler;
  return [faults, endpoint = std::move(endpoint), handler = std::move(handler)](
             const httplib::Request& request, httplib::Response& response) {
    const std::vector<Fault> fired = faults->fire(endpoint);
    if (applyBefore(fired, request, response) != Before::Handle) return;
    handler(request, response);
    applyAfter(fired, request);
  };
}

httplib::Server::HandlerWithContentReader withFaults(
    FaultInjector* faults, std::string endpoint,
    httplib::Server::HandlerWithContentReader handler) {
  if (faults == nullptr) return handler;
  return [faults, endpoint = std::move(endpoint), handler = std::move(handler)](
             const httplib::Request& request, httplib::Response& response,
             const httplib::ContentReader& reader) {
    const std::vector<Fault> fired = faults->fire(endpoint);
    const Before before = applyBefore(fired, request, response);
    // An answered status fault still reads the body off a connection that stays open.
    if (before == Before::Answered) reader([](const char*, std::size_t) { return true; });
    if (before != Before::Handle) return;
    handler(request, response, reader);
    applyAfter(fired, request);
  };
}

void installFaultRoutes(httplib::Server& server, FaultInjector& faults) {
  constexpr const char* kPath = "/api/v1/_test/faults";
  server.Put(kPath, [&faults](const httplib::Request& request, httplib::Response& response) {
    auto parsed = parseFaults(request.body);
    if (const auto* problem = std::get_if<RequestProblem>(&parsed)) {
      replyError(response, problem->httpStatus, problem->code, problem->message);
      return;
    }
    auto& list = std::get<std::vector<Fault>>(parsed);
    logLine("fault injection: " + std::to_string(list.size()) + " fault(s) set");
    faults.replace(std::move(list));
    response.status = 204;
  });
  server.Delete(kPath, [&faults](const httplib::Request&, httplib::Response& response) {
    faults.clear();
    logLine("fault injection: cleared");
    response.status = 204;
  });
}

}  // namespace onewindow::central
