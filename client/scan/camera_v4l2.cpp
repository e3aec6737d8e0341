#include "client/scan/camera_v4l2.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <libv4l2.h>
#include <linux/videodev2.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

namespace onewindow::scan {
namespace {

constexpr unsigned kBufferCount = 4;

int retryingIoctl(int fd, unsigned long request, void* argument) {
  int result = 0;
  do {
    result = v4l2_ioctl(fd, request, argument);
  } while (result < 0 && errno == EINTR);
  return result;
}

std::string errorText(const std::string& what, int error) {
  return what + ": " + std::strerror(error);
}

ScanErrorKind kindForOpenError(int error) {
  switch (error) {
    case ENOENT:
    case ENODEV:
    case ENXIO:
      return ScanErrorKind::Offline;
    case EBUSY:
      return ScanErrorKind::Busy;
    case ENOTTY:  // libv4l2 asked a node that is not a video device for its capabilities
    case EINVAL:
      return ScanErrorKind::Unsupported;
    default:
      return ScanErrorKind::Io;
  }
}

std::uint32_t effectiveCapabilities(const v4l2_capability& capability) {
  return (capability.capabilities & V4L2_CAP_DEVICE_CAPS) != 0 ? capability.device_caps
                                                               : capability.capabilities;
}

bool isStreamingCapture(const v4l2_capability& capability) {
  const std::uint32_t caps = effectiveCapabilities(capability);
  return (caps & V4L2_CAP_VIDEO_CAPTURE) != 0 && (caps & V4L2_CAP_STREAMING) != 0;
}

std::string cardName(const v4l2_capability& capability) {
  const char* card = reinterpret_cast<const char*>(capability.card);
  return std::string(card, strnlen(card, sizeof capability.card));
}

}  // namespace

std::optional<DeviceInfo> V4l2Camera::probe(const std::string& path) {
  // A plain open is enough to ask; libv4l2's conversion machinery is not needed for that.
  const int fd = ::open(path.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  v4l2_capability capability{};
  const bool camera =
      ::ioctl(fd, VIDIOC_QUERYCAP, &capability) == 0 && isStreamingCapture(capability);
  ::close(fd);
  if (!camera) return std::nullopt;
  return DeviceInfo{path, "camera", "", cardName(capability), "document camera"};
}

V4l2Camera::V4l2Camera(const std::string& path) : path_(path) {
  fd_ = v4l2_open(path.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
  if (fd_ < 0) {
    const int error = errno;
    throw ScanError(kindForOpenError(error), errorText("opening " + path, error));
  }
  v4l2_capability capability{};
  if (retryingIoctl(fd_, VIDIOC_QUERYCAP, &capability) < 0 || !isStreamingCapture(capability)) {
    v4l2_close(fd_);
    throw ScanError(ScanErrorKind::Unsupported, path + " is not a streaming video capture device");
  }
}

V4l2Camera::~V4l2Camera() {
  stopStreaming();
  v4l2_close(fd_);
}

std::vector<FrameSize> V4l2Camera::frameSizes() const {
  // The camera's own formats (libv4l2 adds emulated ones, which have the same sizes).
  std::vector<std::uint32_t> formats;
  v4l2_fmtdesc description{};
  description.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  for (description.index = 0; retryingIoctl(fd_, VIDIOC_ENUM_FMT, &description) == 0;
       ++description.index)
    if ((description.flags & V4L2_FMT_FLAG_EMULATED) == 0)
      formats.push_back(description.pixelformat);
  if (formats.empty()) return {};
  std::uint32_t preferred = formats.front();
  for (const std::uint32_t wanted : {V4L2_PIX_FMT_MJPEG, V4L2_PIX_FMT_YUYV})
    if (std::find(formats.begin(), formats.end(), wanted) != formats.end()) {
      preferred = wanted;
      break;
    }
  std::vector<FrameSize> sizes;
  v4l2_frmsizeenum size{};
  size.pixel_format = preferred;
  for (size.index = 0; retryingIoctl(fd_, VIDIOC_ENUM_FRAMESIZES, &size) == 0; ++size.index) {
    if (size.type == V4L2_FRMSIZE_TYPE_DISCRETE) {
      sizes.push_back(
          {static_cast<int>(size.discrete.width), static_cast<int>(size.discrete.height)});
    } else {  // stepwise or continuous: the ends of the range
      sizes.push_back(
          {static_cast<int>(size.stepwise.min_width), static_cast<int>(size.stepwise.min_height)});
      sizes.push_back(
          {static_cast<int>(size.stepwise.max_width), static_cast<int>(size.stepwise.max_height)});
      break;
    }
  }
  std::sort(sizes.begin(), sizes.end(), [](const FrameSize& a, const FrameSize& b) {
    return static_cast<long>(a.width) * a.height < static_cast<long>(b.width) * b.height;
  });
  return sizes;
}

void V4l2Camera::startStreaming(FrameSize wanted) {
  stopStreaming();
  if (wanted.width <= 0 || wanted.height <= 0) {
    const std::vector<FrameSize> sizes = frameSizes();
    if (!sizes.empty()) wanted = sizes.back();
  }
  v4l2_format format{};
  format.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  format.fmt.pix.width = static_cast<std::uint32_t>(std::max(wanted.width, 0));
  format.fmt.pix.height = static_cast<std::uint32_t>(std::max(wanted.height, 0));
  format.fmt.pix.pixelformat = V4L2_PIX_FMT_RGB24;
  format.fmt.pix.field = V4L2_FIELD_ANY;
  if (retryingIoctl(fd_, VIDIOC_S_FMT, &format) < 0) {
    const int error = errno;
    throw ScanError(error == EBUSY ? ScanErrorKind::Busy : ScanErrorKind::Io,
                    errorText("setting the format of " + path_, error));
  }
  if (format.fmt.pix.pixelformat != V4L2_PIX_FMT_RGB24)
    throw ScanError(ScanErrorKind::Unsupported, path_ + " cannot deliver RGB frames");
  width_ = static_cast<int>(format.fmt.pix.width);
  height_ = static_cast<int>(format.fmt.pix.height);
  bytesPerLine_ = std::max(static_cast<int>(format.fmt.pix.bytesperline), width_ * 3);

  v4l2_requestbuffers request{};
  request.count = kBufferCount;
  request.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  request.memory = V4L2_MEMORY_MMAP;
  if (retryingIoctl(fd_, VIDIOC_REQBUFS, &request) < 0 || request.count == 0) {
    const int error = errno;
    throw ScanError(error == EBUSY ? ScanErrorKind::Busy : ScanErrorKind::Io,
                    errorText("requesting buffers of " + path_, error));
  }
  for (std::uint32_t index = 0; index < request.count; ++index) {
    v4l2_buffer buffer{};
    buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    buffer.memory = V4L2_MEMORY_MMAP;
    buffer.index = index;
    if (retryingIoctl(fd_, VIDIOC_QUERYBUF, &buffer) < 0)
      throw ScanError(ScanErrorKind::Io, errorText("querying a buffer of " + path_, errno));
    void* start =
        v4l2_mmap(nullptr, buffer.length, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, buffer.m.offset);
    if (start == MAP_FAILED)
      throw ScanError(ScanErrorKind::Io, errorText("mapping a buffer of " + path_, errno));
    buffers_.push_back({start, buffer.length});
    if (retryingIoctl(fd_, VIDIOC_QBUF, &buffer) < 0)
      throw ScanError(ScanErrorKind::Io, errorText("queueing a buffer of " + path_, errno));
  }
  v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  if (retryingIoctl(fd_, VIDIOC_STREAMON, &type) < 0)
    throw ScanError(ScanErrorKind::Io, errorText("starting " + path_, errno));
  streaming_ = true;
}

void V4l2Camera::stopStreaming() {
  if (streaming_) {
    v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    retryingIoctl(fd_, VIDIOC_STREAMOFF, &type);
    streaming_ = false;
  }
  for (const Buffer& buffer : buffers_) v4l2_munmap(buffer.start, buffer.length);
  if (!buffers_.empty()) {
    buffers_.clear();
    v4l2_requestbuffers release{};  // count 0 frees the driver's buffers for the next stream
    release.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    release.memory = V4L2_MEMORY_MMAP;
    retryingIoctl(fd_, VIDIOC_REQBUFS, &release);
  }
}

std::optional<Raster> V4l2Camera::nextFrame(int timeoutMs) {
  if (!streaming_) throw ScanError(ScanErrorKind::Io, path_ + " is not streaming");
  for (;;) {
    pollfd descriptor{fd_, POLLIN, 0};
    const int ready = ::poll(&descriptor, 1, timeoutMs);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) throw ScanError(ScanErrorKind::Io, errorText("waiting for " + path_, errno));
    if (ready == 0) return std::nullopt;
    if ((descriptor.revents & (POLLERR | POLLHUP)) != 0)
      throw ScanError(ScanErrorKind::Offline, path_ + " stopped answering (unplugged?)");
    v4l2_buffer buffer{};
    buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    buffer.memory = V4L2_MEMORY_MMAP;
    if (retryingIoctl(fd_, VIDIOC_DQBUF, &buffer) < 0) {
      const int error = errno;
      if (error == EAGAIN) continue;
      throw ScanError(error == ENODEV ? ScanErrorKind::Offline : ScanErrorKind::Io,
                      errorText("reading a frame of " + path_, error));
    }
    Raster frame;
    frame.width = width_;
    frame.height = height_;
    frame.channels = 3;
    frame.pixels.resize(frame.stride() * static_cast<std::size_t>(height_));
    const bool complete = buffer.index < buffers_.size() &&
                          buffer.bytesused >= static_cast<std::uint32_t>(bytesPerLine_) *
                                                      static_cast<std::uint32_t>(height_ - 1) +
                                                  static_cast<std::uint32_t>(width_ * 3);
    if (complete) {
      const auto* source = static_cast<const std::uint8_t*>(buffers_[buffer.index].start);
      for (int y = 0; y < height_; ++y)
        std::memcpy(frame.pixels.data() + static_cast<std::size_t>(y) * frame.stride(),
                    source + static_cast<std::size_t>(y) * bytesPerLine_, frame.stride());
    }
    if (retryingIoctl(fd_, VIDIOC_QBUF, &buffer) < 0)
      throw ScanError(ScanErrorKind::Io, errorText("requeueing a buffer of " + path_, errno));
    if (complete && (buffer.flags & V4L2_BUF_FLAG_ERROR) == 0) return frame;
    // A short or damaged frame (a dropped USB packet): wait for the next one.
  }
}

}  // namespace onewindow::scan
