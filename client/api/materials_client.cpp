// Materials (API.md §4.3–4.4): HEAD, whole PUT, resumable PATCH chunks — streamed from disk.

#include <algorithm>
#include <memory>
#include <system_error>

#include "client/api/central_client.hpp"
#include "client/api/protocol_support.hpp"

namespace onewindow::api {
namespace {

const std::string kOctetStream = "Content-Type: application/octet-stream";
// Consecutive 409 offset_mismatch replies without progress before giving up: central that
// keeps moving the offset is broken, and looping would never end.
constexpr int kMaxOffsetMismatches = 3;

// One uploadMaterial call: a chain of requests, each started from the previous completion on
// the network thread. Owned by the completions in flight (never by the client).
class UploadJob : public std::enable_shared_from_this<UploadJob> {
 public:
  using Done = std::function<void(Result<UploadOutcome>)>;

  UploadJob(HttpTransport& transport, std::function<HttpRequest(std::string)> requestFor,
            std::filesystem::path file, std::uint64_t size, std::uint64_t chunkBytes, Done done)
      : transport_(transport),
        requestFor_(std::move(requestFor)),
        file_(std::move(file)),
        size_(size),
        chunkBytes_(chunkBytes),
        done_(std::move(done)) {}

  void start() {
    auto self = shared_from_this();
    transport_.send(requestFor_("HEAD"),
                    [self](HttpResponse response) { self->onStatus(response); });
  }

 private:
  void onStatus(const HttpResponse& response) {
    const Result<MaterialStatus> status = parseMaterialStatus(response);
    if (!status.ok()) return fail(status.error());
    if (status.value().present) {
      if (status.value().size != size_) {
        return fail(malformedReply(
            response, "central holds this sha256 with " + std::to_string(status.value().size) +
                          " bytes, the local file has " + std::to_string(size_)));
      }
      outcome_.alreadyPresent = true;
      return succeed();
    }
    std::error_code error;
    const std::uintmax_t onDisk = std::filesystem::file_size(file_, error);
    if (error || onDisk != size_) {
      ApiError local{ApiErrorKind::Rejected, 0, "client.upload_source",
                     error ? "cannot read " + file_.string() + ": " + error.message()
                           : file_.string() + " has " + std::to_string(onDisk) +
                                 " bytes, expected " + std::to_string(size_)};
      local.transport = TransportError::UploadSource;
      return fail(local);
    }
    if (size_ <= chunkBytes_) return putWhole();
    const std::uint64_t offset = status.value().uploadOffset;
    outcome_.resumedFrom = offset < size_ ? offset : 0;
    sendChunk(outcome_.resumedFrom);
  }

  void putWhole() {
    HttpRequest request = requestFor_("PUT");
    request.headers.push_back(kOctetStream);
    request.timeout = std::chrono::milliseconds(0);
    request.uploadFile = file_;
    request.uploadOffset = 0;
    request.uploadLength = size_;
    auto self = shared_from_this();
    transport_.send(std::move(request), [self](HttpResponse response) {
      self->noteUpload(response);
      if (response.reachedServer() && (response.status == 201 || response.status == 200)) {
        self->outcome_.alreadyPresent = response.status == 200;
        return self->succeed();
      }
      self->fail(errorFrom(response));
    });
  }

  void sendChunk(std::uint64_t offset) {
    const std::uint64_t length = std::min(chunkBytes_, size_ - offset);
    HttpRequest request = requestFor_("PATCH");
    request.headers.push_back(kOctetStream);
    request.headers.push_back("Upload-Offset: " + std::to_string(offset));
    request.headers.push_back("Upload-Length: " + std::to_string(size_));
    request.timeout = std::chrono::milliseconds(0);
    request.uploadFile = file_;
    request.uploadOffset = offset;
    request.uploadLength = length;
    auto self = shared_from_this();
    transport_.send(std::move(request),
                    [self, offset](HttpResponse response) { self->onChunk(response, offset); });
  }

  void onChunk(const HttpResponse& response, std::uint64_t offset) {
    noteUpload(response);
    if (!response.reachedServer()) return fail(errorFrom(response));
    switch (response.status) {
      case 201:
      case 200:
        outcome_.alreadyPresent = response.status == 200;
        return succeed();
      case 204: {
        const auto next = serverOffset(response);
        if (!next || *next <= offset || *next >= size_) {
          return fail(malformedReply(response, "a 204 chunk reply needs an Upload-Offset after " +
                                                   std::to_string(offset) + " and before " +
                                                   std::to_string(size_)));
        }
        mismatches_ = 0;
        return sendChunk(*next);
      }
      case 409: {
        ApiError error = errorFrom(response);
        const auto next = serverOffset(response);
        if (error.code != "material.offset_mismatch" || !next) return fail(error);
        if (*next >= size_ || ++mismatches_ > kMaxOffsetMismatches) {
          return fail(malformedReply(response, "central keeps moving the upload offset (now " +
                                                   std::to_string(*next) + ")"));
        }
        return sendChunk(*next);
      }
      default:
        return fail(errorFrom(response));
    }
  }

  void noteUpload(const HttpResponse& response) {
    outcome_.bytesSent += response.uploadedBytes;
    outcome_.largestRead = std::max(outcome_.largestRead, response.largestUploadRead);
  }

  static std::optional<std::uint64_t> serverOffset(const HttpResponse& response) {
    const auto value = response.header("Upload-Offset");
    return value ? detail::parseUnsigned(*value) : std::nullopt;
  }

  void succeed() { done_(outcome_); }
  void fail(const ApiError& error) { done_(error); }

  HttpTransport& transport_;
  std::function<HttpRequest(std::string)> requestFor_;
  std::filesystem::path file_;
  std::uint64_t size_;
  std::uint64_t chunkBytes_;
  Done done_;
  UploadOutcome outcome_;
  int mismatches_ = 0;
};

std::string materialPath(const std::string& sha256) { return "/api/v1/materials/" + sha256; }

}  // namespace

RequestId CentralClient::materialStatus(const std::string& sha256,
                                        std::function<void(Result<MaterialStatus>)> done) {
  if (!isSha256Name(sha256)) {
    done(invalidArgument("a material name is 64 lowercase hex digits, not '" + sha256 + "'"));
    return 0;
  }
  return transport_.send(
      authorised("HEAD", materialPath(sha256)),
      [done = std::move(done)](HttpResponse response) { done(parseMaterialStatus(response)); });
}

void CentralClient::uploadMaterial(const std::string& sha256, const std::filesystem::path& file,
                                   std::uint64_t size, std::uint64_t chunkBytes,
                                   std::function<void(Result<UploadOutcome>)> done) {
  if (!isSha256Name(sha256)) {
    done(invalidArgument("a material name is 64 lowercase hex digits, not '" + sha256 + "'"));
    return;
  }
  if (chunkBytes == 0 || size == 0) {
    done(invalidArgument("a material upload needs a size and a chunk size above 0"));
    return;
  }
  const Endpoint target = endpoint();
  const std::string path = materialPath(sha256);
  auto requestFor = [target, path](std::string method) {
    return authorised(target, std::move(method), path, kCallTimeout);
  };
  auto job = std::make_shared<UploadJob>(transport_, std::move(requestFor), file, size, chunkBytes,
                                         std::move(done));
  job->start();
}

}  // namespace onewindow::api
