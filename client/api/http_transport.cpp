#include "client/api/http_transport.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
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
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2_STREAM:
      return TransportError::ConnectionLost;
    case CURLE_READ_ERROR:
    case CURLE_ABORTED_BY_CALLBACK:
      return TransportError::UploadSource;  // only our read callback aborts
    default:
      return TransportError::Other;
  }
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' ||
                           text.back() == '\n')) {
    text.remove_suffix(1);
  }
  return text;
}

// The upload source of one transfer: an open file, read from on the network thread only.
struct UploadSource {
  std::FILE* file = nullptr;
  std::uint64_t offset = 0;  // where the upload starts in the file
  std::uint64_t length = 0;
  std::uint64_t position = 0;  // bytes of the upload handed to curl so far
  bool failed = false;
  std::string failure;

  UploadSource() = default;
  UploadSource(const UploadSource&) = delete;
  UploadSource& operator=(const UploadSource&) = delete;
  ~UploadSource() {
    if (file != nullptr) std::fclose(file);
  }
};

struct Transfer {
  RequestId id = 0;
  HttpRequest request;
  Completion completion;
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  HttpResponse response;
  std::size_t maxBytes = 0;
  bool tooLarge = false;
  std::unique_ptr<UploadSource> upload;
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

std::size_t collectHeader(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  transfer->response.headers.addLine(std::string_view(data, bytes));
  return bytes;
}

// Reads straight into curl's upload buffer: at most `size * count` bytes are ever in memory.
std::size_t readUpload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  UploadSource& source = *transfer->upload;
  const std::uint64_t remaining = source.length - source.position;
  const std::size_t wanted =
      static_cast<std::size_t>(std::min<std::uint64_t>(remaining, size * count));
  if (wanted == 0) return 0;
  const std::size_t got = std::fread(buffer, 1, wanted, source.file);
  if (got == 0) {
    source.failed = true;
    source.failure = std::ferror(source.file) != 0
                         ? "reading " + transfer->request.uploadFile.string() + " failed"
                         : transfer->request.uploadFile.string() + " ended before the " +
                               std::to_string(source.length) + " bytes to upload";
    return CURL_READFUNC_ABORT;
  }
  source.position += got;
  transfer->response.uploadedBytes += got;
  if (got > transfer->response.largestUploadRead) transfer->response.largestUploadRead = got;
  return got;
}

// curl rewinds when it resends a request (a reused connection that turned out dead).
int seekUpload(void* user, curl_off_t offset, int origin) {
  auto* transfer = static_cast<Transfer*>(user);
  UploadSource& source = *transfer->upload;
  if (origin != SEEK_SET || offset < 0 || static_cast<std::uint64_t>(offset) > source.length) {
    return CURL_SEEKFUNC_CANTSEEK;
  }
  const auto target = static_cast<off_t>(source.offset + static_cast<std::uint64_t>(offset));
  if (::fseeko(source.file, target, SEEK_SET) != 0) return CURL_SEEKFUNC_FAIL;
  source.position = static_cast<std::uint64_t>(offset);
  return CURL_SEEKFUNC_OK;
}

}  // namespace

void ResponseHeaders::addLine(std::string_view line) {
  // Every response (a 100 Continue, a redirect) starts with its status line: keep the last.
  if (line.substr(0, 5) == "HTTP/") {
    fields_.clear();
    return;
  }
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return;
  std::string name = lowercase(trimmed(line.substr(0, colon)));
  if (fields_.size() >= kMaxHeaderFields && fields_.find(name) == fields_.end()) return;
  fields_[std::move(name)] = std::string(trimmed(line.substr(colon + 1)));
}

std::optional<std::string> ResponseHeaders::find(std::string_view name) const {
  const auto found = fields_.find(lowercase(name));
  if (found == fields_.end()) return std::nullopt;
  return found->second;
}

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
    case TransportError::ConnectionLost:
      return "the connection broke before the reply was complete";
    case TransportError::UploadSource:
      return "the file to upload could not be read";
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

  ~Worker() { shutdown(); }

  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Joins the network thread; everything pending completes as Cancelled. Idempotent.
  void shutdown() {
    if (!thread_.joinable()) return;
    stopping_ = true;
    curl_multi_wakeup(multi_);
    thread_.join();
    curl_multi_cleanup(multi_);
    multi_ = nullptr;
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
      if (!closed_) {
        incoming_.push_back(std::move(transfer));
        curl_multi_wakeup(multi_);
        return id;
      }
    }
    // The network thread has ended: nothing will ever send this.
    finish(*transfer, TransportError::Cancelled, "the network thread has shut down");
    return id;
  }

  void cancel(RequestId id) {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    cancelled_.push_back(id);
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
    // Shutdown: everything in flight or queued completes as cancelled, including requests
    // that those completions send (a multi-step upload asks for its next step).
    for (auto& [easy, transfer] : active_) {
      curl_multi_remove_handle(multi_, easy);
      finish(*transfer, TransportError::Cancelled, "the network thread is shutting down");
    }
    active_.clear();
    for (;;) {
      std::deque<std::unique_ptr<Transfer>> batch;
      {
        std::lock_guard lock(mutex_);
        batch.swap(incoming_);
        if (batch.empty()) {
          closed_ = true;
          break;
        }
      }
      for (auto& transfer : batch) {
        finish(*transfer, TransportError::Cancelled, "the network thread is shutting down");
      }
    }
  }

  void adoptIncoming() {
    std::deque<std::unique_ptr<Transfer>> batch;
    {
      std::lock_guard lock(mutex_);
      batch.swap(incoming_);
    }
    for (auto& transfer : batch) {
      std::string failure;
      if (!openUpload(*transfer, failure)) {
        finish(*transfer, TransportError::UploadSource, failure);
        continue;
      }
      configure(*transfer);
      curl_multi_add_handle(multi_, transfer->easy);
      active_.emplace(transfer->easy, std::move(transfer));
    }
  }

  static bool openUpload(Transfer& transfer, std::string& failure) {
    const HttpRequest& request = transfer.request;
    if (request.uploadFile.empty()) return true;
    auto source = std::make_unique<UploadSource>();
    source->file = std::fopen(request.uploadFile.c_str(), "rbe");
    if (source->file == nullptr) {
      failure = "cannot open " + request.uploadFile.string() + ": " + std::strerror(errno);
      return false;
    }
    if (::fseeko(source->file, static_cast<off_t>(request.uploadOffset), SEEK_SET) != 0) {
      failure = "cannot seek in " + request.uploadFile.string() + ": " + std::strerror(errno);
      return false;
    }
    source->offset = request.uploadOffset;
    source->length = request.uploadLength;
    transfer.upload = std::move(source);
    return true;
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
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, collectHeader);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &transfer);

    for (const std::string& header : request.headers) {
      transfer.headers = curl_slist_append(transfer.headers, header.c_str());
    }
    // curl adds "Expect: 100-continue" to larger bodies, which costs a round trip per request.
    transfer.headers = curl_slist_append(transfer.headers, "Expect:");
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, transfer.headers);

    if (transfer.upload) {
      curl_easy_setopt(easy, CURLOPT_UPLOAD, 1L);
      if (request.method != "PUT") {
        curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
      }
      curl_easy_setopt(easy, CURLOPT_INFILESIZE_LARGE,
                       static_cast<curl_off_t>(request.uploadLength));
      curl_easy_setopt(easy, CURLOPT_READFUNCTION, readUpload);
      curl_easy_setopt(easy, CURLOPT_READDATA, &transfer);
      curl_easy_setopt(easy, CURLOPT_SEEKFUNCTION, seekUpload);
      curl_easy_setopt(easy, CURLOPT_SEEKDATA, &transfer);
    } else if (request.method == "GET") {
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
        auto node = active_.extract(it);
        finish(*node.mapped(), TransportError::Cancelled, "cancelled by the caller");
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
      TransportError error = transfer.tooLarge ? TransportError::ResponseTooLarge : classify(code);
      std::string detail =
          transfer.errorBuffer[0] != 0 ? transfer.errorBuffer : curl_easy_strerror(code);
      if (transfer.upload && transfer.upload->failed) {
        error = TransportError::UploadSource;
        detail = transfer.upload->failure;
      }
      finish(transfer, error, detail);
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
    if (transfer.easy != nullptr) curl_easy_cleanup(transfer.easy);
    transfer.easy = nullptr;
    transfer.upload.reset();
    if (transfer.completion) transfer.completion(std::move(transfer.response));
  }

  TransportOptions options_;
  CURLM* multi_ = nullptr;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  bool closed_ = false;  // the network thread takes nothing more (guarded by mutex_)
  RequestId lastId_ = 0;
  std::deque<std::unique_ptr<Transfer>> incoming_;
  std::vector<RequestId> cancelled_;
  std::map<CURL*, std::unique_ptr<Transfer>> active_;  // network thread only
};

HttpTransport::HttpTransport(TransportOptions options)
    : worker_(std::make_unique<Worker>(std::move(options))) {}

// The worker stops (and runs its last completions) while it is still whole, so a completion
// that sends a follow-up request meets a worker that answers "cancelled".
HttpTransport::~HttpTransport() { worker_->shutdown(); }

RequestId HttpTransport::send(HttpRequest request, Completion completion) {
  return worker_->send(std::move(request), std::move(completion));
}

void HttpTransport::cancel(RequestId id) { worker_->cancel(id); }

}  // namespace onewindow::api
