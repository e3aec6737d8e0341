#include "client/api/http_transport.hpp"

#include <atomic>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include <curl/curl.h>

namespace onewindow::api {
namespace {

// curl_global_init is not thread-safe; do it once for the process.
void initialiseCurlOnce() {
  static const bool initialised = [] {
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  }();
  (void)initialised;
}

TransportError classify(CURLcode code) {
  switch (code) {
    case CURLE_OK:
      return TransportError::None;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return TransportError::CouldNotResolve;
    case CURLE_COULDNT_CONNECT:
      return TransportError::CouldNotConnect;
    case CURLE_OPERATION_TIMEDOUT:
      return TransportError::Timeout;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
      return TransportError::Tls;
    case CURLE_WRITE_ERROR:
      return TransportError::ResponseTooLarge;  // our write callback refused
    default:
      return TransportError::Other;
  }
}

struct Transfer {
  RequestId id = 0;
  HttpRequest request;
  Completion completion;
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  HttpResponse response;
  std::size_t maxBytes = 0;
  bool tooLarge = false;
  char errorBuffer[CURL_ERROR_SIZE] = {};
};

std::size_t collectBody(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  if (transfer->response.body.size() + bytes > transfer->maxBytes) {
    transfer->tooLarge = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  transfer->response.body.append(data, bytes);
  return bytes;
}

}  // namespace

const char* describe(TransportError error) {
  switch (error) {
    case TransportError::None:
      return "no error";
    case TransportError::CouldNotResolve:
      return "the server name could not be resolved";
    case TransportError::CouldNotConnect:
      return "the server refused or could not be reached";
    case TransportError::Timeout:
      return "the server did not answer in time";
    case TransportError::Tls:
      return "the secure connection could not be verified";
    case TransportError::ResponseTooLarge:
      return "the server's reply was too large";
    case TransportError::Cancelled:
      return "the request was cancelled";
    case TransportError::Other:
      return "network error";
  }
  return "network error";
}

class HttpTransport::Worker {
 public:
  explicit Worker(TransportOptions options) : options_(std::move(options)) {
    initialiseCurlOnce();
    multi_ = curl_multi_init();
    // A station talks to one central: a few reused connections, with further requests
    // queued by curl, are kinder to the server than one connection per request.
    curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS, options_.maxConnectionsPerHost);
    thread_ = std::thread([this] { run(); });
  }

  ~Worker() {
    stopping_ = true;
    curl_multi_wakeup(multi_);
    thread_.join();
    curl_multi_cleanup(multi_);
  }

  RequestId send(HttpRequest request, Completion completion) {
    auto transfer = std::make_unique<Transfer>();
    transfer->request = std::move(request);
    transfer->completion = std::move(completion);
    transfer->maxBytes = options_.maxResponseBytes;
    RequestId id = 0;
    {
      std::lock_guard lock(mutex_);
      id = ++lastId_;
      transfer->id = id;
      incoming_.push_back(std::move(transfer));
    }
    curl_multi_wakeup(multi_);
    return id;
  }

  void cancel(RequestId id) {
    {
      std::lock_guard lock(mutex_);
      cancelled_.push_back(id);
    }
    curl_multi_wakeup(multi_);
  }

 private:
  void run() {
    while (!stopping_) {
      adoptIncoming();
      applyCancellations();
      int running = 0;
      curl_multi_perform(multi_, &running);
      collectFinished();
      curl_multi_poll(multi_, nullptr, 0, 1000, nullptr);
    }
    // Shutdown: everything still queued or in flight completes as cancelled.
    adoptIncoming();
    for (auto& [id, transfer] : active_) {
      curl_multi_remove_handle(multi_, transfer->easy);
      finish(*transfer, TransportError::Cancelled, "the network thread is shutting down");
    }
    active_.clear();
  }

  void adoptIncoming() {
    std::deque<std::unique_ptr<Transfer>> batch;
    {
      std::lock_guard lock(mutex_);
      batch.swap(incoming_);
    }
    for (auto& transfer : batch) {
      configure(*transfer);
      curl_multi_add_handle(multi_, transfer->easy);
      active_.emplace(transfer->easy, std::move(transfer));
    }
  }

  void configure(Transfer& transfer) {
    CURL* easy = curl_easy_init();
    transfer.easy = easy;
    const HttpRequest& request = transfer.request;
    curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(easy, CURLOPT_PRIVATE, &transfer);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer.errorBuffer);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_USERAGENT, options_.userAgent.c_str());
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options_.connectTimeout.count()));
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, options_.lowSpeedBytes);
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME,
                     static_cast<long>(options_.lowSpeedTime.count()));
    if (request.timeout.count() > 0) {
      curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
    }
    // TLS verification is always on; a private CA is added, never a switch to turn it off.
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!options_.caBundle.empty())
      curl_easy_setopt(easy, CURLOPT_CAINFO, options_.caBundle.c_str());
    // Proxies: libcurl reads http_proxy/https_proxy/no_proxy from the environment, which is
    // how a Linux desktop publishes its system proxy.
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, collectBody);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &transfer);

    for (const std::string& header : request.headers) {
      transfer.headers = curl_slist_append(transfer.headers, header.c_str());
    }
    // curl adds "Expect: 100-continue" to larger POSTs, which costs a round trip per request.
    transfer.headers = curl_slist_append(transfer.headers, "Expect:");
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, transfer.headers);

    if (request.method == "GET") {
      curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
    } else if (request.method == "HEAD") {
      curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
    } else {
      curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
      if (request.method != "DELETE" || !request.body.empty()) {
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(request.body.size()));
      }
    }
  }

  void applyCancellations() {
    std::vector<RequestId> ids;
    {
      std::lock_guard lock(mutex_);
      ids.swap(cancelled_);
    }
    for (RequestId id : ids) {
      for (auto it = active_.begin(); it != active_.end(); ++it) {
        if (it->second->id != id) continue;
        curl_multi_remove_handle(multi_, it->first);
        finish(*it->second, TransportError::Cancelled, "cancelled by the caller");
        active_.erase(it);
        break;
      }
    }
  }

  void collectFinished() {
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi_, &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      CURL* easy = message->easy_handle;
      const CURLcode code = message->data.result;
      curl_multi_remove_handle(multi_, easy);
      auto node = active_.extract(easy);
      if (node.empty()) continue;
      Transfer& transfer = *node.mapped();
      if (code == CURLE_OK) {
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &transfer.response.status);
        const char* type = nullptr;
        curl_easy_getinfo(easy, CURLINFO_CONTENT_TYPE, &type);
        if (type != nullptr) transfer.response.contentType = type;
      }
      const TransportError error =
          transfer.tooLarge ? TransportError::ResponseTooLarge : classify(code);
      finish(transfer, error,
             transfer.errorBuffer[0] != 0 ? transfer.errorBuffer : curl_easy_strerror(code));
    }
  }

  static void finish(Transfer& transfer, TransportError error, const std::string& detail) {
    transfer.response.error = error;
    if (error != TransportError::None) {
      transfer.response.errorDetail = detail;
      transfer.response.status = 0;
    }
    curl_slist_free_all(transfer.headers);
    transfer.headers = nullptr;
    curl_easy_cleanup(transfer.easy);
    transfer.easy = nullptr;
    if (transfer.completion) transfer.completion(std::move(transfer.response));
  }

  TransportOptions options_;
  CURLM* multi_ = nullptr;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  RequestId lastId_ = 0;
  std::deque<std::unique_ptr<Transfer>> incoming_;
  std::vector<RequestId> cancelled_;
  std::map<CURL*, std::unique_ptr<Transfer>> active_;  // network thread only
};

HttpTransport::HttpTransport(TransportOptions options)
    : worker_(std::make_unique<Worker>(std::move(options))) {}

HttpTransport::~HttpTransport() = default;

RequestId HttpTransport::send(HttpRequest request, Completion completion) {
  return worker_->send(std::move(request), std::move(completion));
}

void HttpTransport::cancel(RequestId id) { worker_->cancel(id); }

}  // namespace onewindow::api
