#include "client/scan/scan_types.hpp"

#include <cstdlib>
#include <limits>

namespace onewindow::scan {

const char* colourModeName(ColourMode mode) {
  switch (mode) {
    case ColourMode::Colour:
      return "colour";
    case ColourMode::Grey:
      return "grey";
    case ColourMode::BlackWhite:
      return "bw";
  }
  return "colour";
}

const char* paperSourceName(PaperSource source) {
  switch (source) {
    case PaperSource::Flatbed:
      return "flatbed";
    case PaperSource::Feeder:
      return "feeder";
    case PaperSource::FeederDuplex:
      return "feeder-duplex";
    case PaperSource::Camera:
      return "camera";
    case PaperSource::Files:
      return "files";
  }
  return "flatbed";
}

std::string DeviceInfo::label() const {
  std::string text = vendor;
  if (!model.empty()) text += (text.empty() ? "" : " ") + model;
  if (text.empty()) text = kind;
  return text + " (" + id + ")";
}

int Resolutions::snap(int wanted) const {
  if (!list.empty()) {
    int best = list.front();
    for (const int value : list) {
      const int distance = std::abs(value - wanted), bestDistance = std::abs(best - wanted);
      if (distance < bestDistance || (distance == bestDistance && value > best)) best = value;
    }
    return best;
  }
  if (max <= 0) return wanted;  // the device did not say: ask for what is wanted
  if (wanted <= min) return min;
  if (wanted >= max) return max;
  if (step <= 0) return wanted;
  const int below = min + (wanted - min) / step * step;
  const int above = below + step;
  if (above > max) return below;
  return wanted - below < above - wanted ? below : above;
}

}  // namespace onewindow::scan
