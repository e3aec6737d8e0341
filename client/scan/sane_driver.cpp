#include "client/scan/sane_driver.hpp"

#include <algorithm>
#include <cmath>
#include <new>
#include <optional>

#include <sane/sane.h>

#include "client/scan/sane_frame.hpp"
#include "client/scan/sane_options.hpp"

namespace onewindow::scan {
namespace {

constexpr double kMmPerInch = 25.4;
constexpr std::size_t kReadChunk = 64 * 1024;
constexpr double kProgressStep = 0.05;

bool isFeeder(PaperSource source) {
  return source == PaperSource::Feeder || source == PaperSource::FeederDuplex;
}

std::string joined(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words) text += (text.empty() ? "" : ", ") + word;
  return text.empty() ? "nothing" : text;
}

bool deviceListed(const std::string& deviceId) {
  const SANE_Device** list = nullptr;
  if (sane_get_devices(&list, SANE_TRUE) != SANE_STATUS_GOOD || list == nullptr) return false;
  for (; *list != nullptr; ++list)
    if (deviceId == (*list)->name) return true;
  return false;
}

// One open handle. sane_cancel is always called before sane_close, whatever ended the batch:
// the SANE standard requires it to end a scan, and a backend left mid-scan keeps the device busy.
class OpenDevice {
 public:
  explicit OpenDevice(const std::string& deviceId) {
    const std::lock_guard lock(SaneSession::apiMutex());
    const SANE_Status status = sane_open(deviceId.c_str(), &handle_);
    if (status == SANE_STATUS_GOOD) return;
    const std::string what = "sane_open " + deviceId;
    if (status == SANE_STATUS_DEVICE_BUSY) throw saneError(status, what);
    // A device that is no longer listed was unplugged or switched off; anything else is the
    // device's own trouble.
    if (!deviceListed(deviceId))
      throw ScanError(ScanErrorKind::Offline,
                      what + ": " + sane_strstatus(status) + " (the device is not present)");
    throw saneError(status, what);
  }
  ~OpenDevice() {
    sane_cancel(handle_);
    const std::lock_guard lock(SaneSession::apiMutex());
    sane_close(handle_);
  }
  OpenDevice(const OpenDevice&) = delete;
  OpenDevice& operator=(const OpenDevice&) = delete;

  [[nodiscard]] SANE_Handle handle() const { return handle_; }

 private:
  SANE_Handle handle_ = nullptr;
};

std::optional<std::string> resolutionOption(const SaneOptions& options) {
  return options.firstPresent({"resolution", "x-resolution"});
}

Resolutions offeredResolutions(const SaneOptions& options) {
  Resolutions offered;
  const std::optional<std::string> name = resolutionOption(options);
  if (!name) return offered;
  for (const double value : options.wordList(*name))
    offered.list.push_back(static_cast<int>(std::lround(value)));
  std::sort(offered.list.begin(), offered.list.end());
  offered.list.erase(std::unique(offered.list.begin(), offered.list.end()), offered.list.end());
  if (const std::optional<SaneRange> range = options.range(*name)) {
    offered.min = static_cast<int>(std::ceil(range->min));
    offered.max = static_cast<int>(std::floor(range->max));
    offered.step = static_cast<int>(std::lround(range->quant));
  }
  return offered;
}

std::vector<int> offeredDepths(const SaneOptions& options) {
  std::vector<int> depths;
  for (const double value : options.wordList("depth"))
    depths.push_back(static_cast<int>(std::lround(value)));
  if (const std::optional<SaneRange> range = options.range("depth"))
    for (const int depth : {1, 8, 16})
      if (depth >= range->min && depth <= range->max) depths.push_back(depth);
  if (depths.empty()) depths.push_back(8);  // no depth option: the common case, 8 bits
  return depths;
}

bool offersDepth(const SaneOptions& options, int depth) {
  const std::vector<int> depths = offeredDepths(options);
  return std::find(depths.begin(), depths.end(), depth) != depths.end();
}

double areaExtentMm(const SaneOptions& options, const char* topLeft, const char* bottomRight) {
  const SANE_Option_Descriptor* option = options.descriptor(bottomRight);
  const std::optional<SaneRange> end = options.range(bottomRight);
  const std::optional<SaneRange> start = options.range(topLeft);
  if (option == nullptr || option->unit != SANE_UNIT_MM || !end) return 0;
  return end->max - (start ? start->min : 0.0);
}

// The mode value for `mode`, and whether black and white is emulated as grey at 1 bit (the
// test backend and some others have no lineart mode, only a depth of 1).
struct ModeChoice {
  std::string value;
  bool greyAtOneBit = false;
};

std::optional<ModeChoice> chooseMode(const SaneOptions& options, ColourMode mode) {
  const std::vector<std::string> values = options.stringList("mode");
  for (const std::string& value : values)
    if (colourModeFromSane(value) == mode) return ModeChoice{value, false};
  if (mode == ColourMode::BlackWhite && offersDepth(options, 1))
    for (const std::string& value : values)
      if (colourModeFromSane(value) == ColourMode::Grey) return ModeChoice{value, true};
  return std::nullopt;
}

void applySource(SaneOptions& options, PaperSource source) {
  if (source == PaperSource::Camera || source == PaperSource::Files)
    throw ScanError(ScanErrorKind::Unsupported,
                    std::string("a scanner has no source '") + paperSourceName(source) + "'");
  if (!options.has("source")) {
    if (source == PaperSource::Flatbed) return;  // a device without sources is a flatbed
    throw ScanError(ScanErrorKind::Unsupported, "the device has no document feeder");
  }
  const std::vector<std::string> values = options.stringList("source");
  const auto match = std::find_if(values.begin(), values.end(), [&](const std::string& value) {
    return paperSourceFromSane(value) == source;
  });
  if (match == values.end())
    throw ScanError(ScanErrorKind::Unsupported, std::string("no source '") +
                                                    paperSourceName(source) +
                                                    "'; the device offers " + joined(values));
  if (options.settable("source")) options.setString("source", *match);
}

bool applyMode(SaneOptions& options, ColourMode mode) {
  if (!options.has("mode")) {
    if (mode == ColourMode::Grey) return false;  // assume a grey-only device
    throw ScanError(ScanErrorKind::Unsupported, "the device has no scan modes");
  }
  const std::optional<ModeChoice> choice = chooseMode(options, mode);
  if (!choice)
    throw ScanError(ScanErrorKind::Unsupported, std::string("no mode '") + colourModeName(mode) +
                                                    "'; the device offers " +
                                                    joined(options.stringList("mode")));
  if (options.settable("mode")) options.setString("mode", choice->value);
  return choice->greyAtOneBit;
}

void applyDepth(SaneOptions& options, int wanted) {
  if (!options.settable("depth")) return;
  const std::vector<int> depths = offeredDepths(options);
  int depth = depths.front();
  for (const int candidate : {wanted, 8})
    if (std::find(depths.begin(), depths.end(), candidate) != depths.end()) {
      depth = candidate;
      break;
    }
  options.setNumber("depth", depth);
}

void applyResolution(SaneOptions& options, int wantedDpi) {
  const std::optional<std::string> name = resolutionOption(options);
  if (!name) return;  // a fixed-resolution device
  const int dpi = offeredResolutions(options).snap(wantedDpi);
  if (options.settable(*name)) options.setNumber(*name, dpi);
  if (*name == "x-resolution" && options.settable("y-resolution"))
    options.setNumber("y-resolution", dpi);
}

int currentDpi(const SaneOptions& options) {
  const std::optional<std::string> name = resolutionOption(options);
  if (!name || !options.descriptor(*name) || !SANE_OPTION_IS_ACTIVE(options.descriptor(*name)->cap))
    return 0;
  return static_cast<int>(std::lround(options.numberValue(*name)));
}

// The scan area in the option's own unit: millimetres, or pixels at the resolution set.
void applyArea(SaneOptions& options, const std::optional<AreaMm>& area, int dpi) {
  struct Edge {
    const char* name;
    double mm;
    bool end;
  };
  // The far edges first, so the near ones never have to pass them on the way.
  const Edge edges[] = {
      {"br-x", area ? area->left + area->width : 0, true},
      {"br-y", area ? area->top + area->height : 0, true},
      {"tl-x", area ? area->left : 0, false},
      {"tl-y", area ? area->top : 0, false},
  };
  for (const Edge& edge : edges) {
    if (!options.settable(edge.name)) continue;
    const SANE_Option_Descriptor* option = options.descriptor(edge.name);
    const std::optional<SaneRange> range = options.range(edge.name);
    double value = 0;
    if (option->unit == SANE_UNIT_MM) {
      value = edge.mm;
    } else if (option->unit == SANE_UNIT_PIXEL && dpi > 0) {
      value = edge.mm * dpi / kMmPerInch;
    } else {
      continue;  // a unit the driver cannot place: leave the device's default
    }
    if (range)
      value = area ? std::clamp(value, range->min, range->max)
                   : (edge.end ? range->max : range->min);  // none: the whole area
    options.setNumber(edge.name, value);
  }
}

// Reports progress every 5% so a fast device does not flood the GUI with events.
class ProgressThrottle {
 public:
  ProgressThrottle(CaptureObserver& observer, int index) : observer_(observer), index_(index) {}
  void report(double fraction) {
    fraction = std::clamp(fraction, 0.0, 1.0);
    if (fraction - lastReported_ < kProgressStep && !(fraction >= 1.0 && lastReported_ < 1.0))
      return;
    lastReported_ = fraction;
    observer_.pageProgress(index_, fraction);
  }

 private:
  CaptureObserver& observer_;
  int index_;
  double lastReported_ = 0;
};

enum class PageOutcome { Done, NoPaper, Cancelled };

struct PageResult {
  PageOutcome outcome = PageOutcome::Done;
  Raster raster;
};

bool isSingleColour(SANE_Frame format) {
  return format == SANE_FRAME_RED || format == SANE_FRAME_GREEN || format == SANE_FRAME_BLUE;
}

// One page: sane_start per frame (three for a three-pass scanner), sane_read until EOF.
PageResult readPage(SANE_Handle handle, const std::string& deviceId, int index, int dpi,
                    CaptureObserver& observer, const CancelFlag& cancel) {
  SanePageAssembler assembler;
  ProgressThrottle progress(observer, index);
  std::vector<std::uint8_t> chunk(kReadChunk);
  bool started = false;
  for (int frame = 0;; ++frame) {
    if (cancel.cancelled()) return {PageOutcome::Cancelled, {}};
    SANE_Status status = sane_start(handle);
    if (status == SANE_STATUS_NO_DOCS && frame == 0) return {PageOutcome::NoPaper, {}};
    if (status != SANE_STATUS_GOOD) throw saneError(status, "sane_start on " + deviceId);
    SANE_Parameters parameters{};
    status = sane_get_parameters(handle, &parameters);
    if (status != SANE_STATUS_GOOD) throw saneError(status, "sane_get_parameters on " + deviceId);
    const int frames = isSingleColour(parameters.format) ? 3 : 1;
    // lines == -1: the device does not know the height (a hand scanner, a feeder measuring
    // the sheet): read until EOF and report no progress.
    const bool knownHeight = parameters.lines > 0;
    const double frameBytes =
        knownHeight ? static_cast<double>(parameters.lines) * parameters.bytes_per_line : 0;
    std::vector<std::uint8_t> bytes;
    if (knownHeight) bytes.reserve(static_cast<std::size_t>(frameBytes));
    for (;;) {
      if (cancel.cancelled()) return {PageOutcome::Cancelled, {}};
      SANE_Int length = 0;
      status = sane_read(handle, chunk.data(), static_cast<SANE_Int>(chunk.size()), &length);
      if (status == SANE_STATUS_NO_DOCS && frame == 0 && bytes.empty())
        return {PageOutcome::NoPaper, {}};
      if (status != SANE_STATUS_GOOD && status != SANE_STATUS_EOF)
        throw saneError(status, "sane_read on " + deviceId);
      if (!started) {
        observer.pageStarted(index);
        started = true;
      }
      if (status == SANE_STATUS_EOF) break;
      bytes.insert(bytes.end(), chunk.begin(), chunk.begin() + length);
      if (knownHeight)
        progress.report((frame + std::min(1.0, static_cast<double>(bytes.size()) / frameBytes)) /
                        frames);
    }
    assembler.addFrame(parameters, bytes);
    if (parameters.last_frame) break;
    if (frame >= 2) throw ScanError(ScanErrorKind::Io, deviceId + " sent more than three frames");
  }
  return {PageOutcome::Done, assembler.page(dpi)};
}

}  // namespace

SaneDriver::SaneDriver() = default;
SaneDriver::~SaneDriver() = default;

std::vector<DeviceInfo> SaneDriver::devices() {
  std::vector<DeviceInfo> found;
  const std::lock_guard lock(SaneSession::apiMutex());
  const SANE_Device** list = nullptr;
  if (sane_get_devices(&list, SANE_TRUE) != SANE_STATUS_GOOD || list == nullptr) return found;
  for (; *list != nullptr; ++list) {
    const SANE_Device& device = **list;
    found.push_back({device.name, "sane", device.vendor ? device.vendor : "",
                     device.model ? device.model : "", device.type ? device.type : ""});
  }
  return found;
}

Capabilities SaneDriver::capabilities(const std::string& deviceId) {
  const OpenDevice device(deviceId);
  const SaneOptions options(device.handle());
  Capabilities capabilities;
  for (const std::string& value : options.stringList("source"))
    if (const std::optional<PaperSource> source = paperSourceFromSane(value))
      if (std::find(capabilities.sources.begin(), capabilities.sources.end(), *source) ==
          capabilities.sources.end())
        capabilities.sources.push_back(*source);
  if (!options.has("source")) capabilities.sources.push_back(PaperSource::Flatbed);
  for (const ColourMode mode : {ColourMode::Colour, ColourMode::Grey, ColourMode::BlackWhite})
    if (chooseMode(options, mode)) capabilities.modes.push_back(mode);
  if (!options.has("mode")) capabilities.modes.push_back(ColourMode::Grey);
  capabilities.depths = offeredDepths(options);
  capabilities.resolutions = offeredResolutions(options);
  capabilities.maxWidthMm = areaExtentMm(options, "tl-x", "br-x");
  capabilities.maxHeightMm = areaExtentMm(options, "tl-y", "br-y");
  return capabilities;
}

void SaneDriver::setBackendOption(std::string optionName, std::string value) {
  const std::lock_guard lock(pendingMutex_);
  pendingOptions_.emplace_back(std::move(optionName), std::move(value));
}

std::vector<std::pair<std::string, std::string>> SaneDriver::takePendingOptions() {
  const std::lock_guard lock(pendingMutex_);
  return std::exchange(pendingOptions_, {});
}

void SaneDriver::capture(const std::string& deviceId, const ScanSettings& settings,
                         CaptureObserver& observer, const CancelFlag& cancel) {
  CaptureEnd end;
  try {
    const OpenDevice device(deviceId);
    SaneOptions options(device.handle());
    // Source first: on real devices it changes the scan area and sometimes the resolutions;
    // the mode then changes the depths.
    applySource(options, settings.source);
    const bool greyAtOneBit = applyMode(options, settings.mode);
    if (greyAtOneBit) {
      applyDepth(options, 1);
    } else if (settings.mode != ColourMode::BlackWhite) {
      applyDepth(options, settings.depth);
    }
    applyResolution(options, settings.dpi);
    applyArea(options, settings.area, currentDpi(options));

    const int pageLimit = isFeeder(settings.source) ? settings.maxPages : 1;
    for (int index = 0; pageLimit <= 0 || index < pageLimit; ++index) {
      if (cancel.cancelled()) {
        end.cancelled = true;
        break;
      }
      for (const auto& [name, value] : takePendingOptions()) options.setFromText(name, value);
      PageResult result =
          readPage(device.handle(), deviceId, index, currentDpi(options), observer, cancel);
      if (result.outcome == PageOutcome::Cancelled) {
        end.cancelled = true;  // the partial page is dropped
        break;
      }
      if (result.outcome == PageOutcome::NoPaper) {
        if (index == 0)
          throw ScanError(ScanErrorKind::FeederEmpty, deviceId + ": no paper to scan");
        break;  // the feeder ran empty after at least one page: the batch is complete
      }
      observer.pageDone(index, std::move(result.raster));
      ++end.pagesDone;
    }
  } catch (const ScanError& error) {
    end.error = error;
  } catch (const std::bad_alloc&) {
    end.error = ScanError(ScanErrorKind::Io, deviceId + ": out of memory for the page");
  }
  // The device is cancelled and closed by now, so whoever reacts to `ended` may open it again.
  observer.ended(end);
}

}  // namespace onewindow::scan
