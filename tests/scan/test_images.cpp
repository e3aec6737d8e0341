#include "test_images.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <stdexcept>

namespace onewindow::scan::testimages {

namespace {

constexpr double kMmPerInch = 25.4;

Raster blank(int width, int height, int dpi, Rgb colour) {
  Raster raster;
  raster.width = width;
  raster.height = height;
  raster.channels = 3;
  raster.dpi = dpi;
  raster.pixels.resize(raster.stride() * height);
  for (std::size_t i = 0; i < raster.pixels.size(); i += 3) {
    raster.pixels[i] = colour.r;
    raster.pixels[i + 1] = colour.g;
    raster.pixels[i + 2] = colour.b;
  }
  return raster;
}

std::uint8_t* at(Raster& raster, int x, int y) {
  return raster.pixels.data() + raster.stride() * y + 3 * static_cast<std::size_t>(x);
}

// Ink on paper darkens it: each channel is multiplied by the ink's.
void stamp(Raster& raster, int x, int y, Rgb ink) {
  if (x < 0 || y < 0 || x >= raster.width || y >= raster.height) return;
  std::uint8_t* p = at(raster, x, y);
  p[0] = static_cast<std::uint8_t>(p[0] * ink.r / 255);
  p[1] = static_cast<std::uint8_t>(p[1] * ink.g / 255);
  p[2] = static_cast<std::uint8_t>(p[2] * ink.b / 255);
}

void fillRect(Raster& raster, int x0, int y0, int x1, int y1, Rgb ink) {
  for (int y = std::max(y0, 0); y < std::min(y1, raster.height); ++y) {
    for (int x = std::max(x0, 0); x < std::min(x1, raster.width); ++x) stamp(raster, x, y, ink);
  }
}

// Bilinear sample at continuous coordinates (pixel (0,0) covers [0,1)²), channel c.
double sample(const Raster& raster, double x, double y, int c) {
  const double fx = std::clamp(x - 0.5, 0.0, raster.width - 1.0);
  const double fy = std::clamp(y - 0.5, 0.0, raster.height - 1.0);
  const int x0 = static_cast<int>(fx), y0 = static_cast<int>(fy);
  const int x1 = std::min(x0 + 1, raster.width - 1), y1 = std::min(y0 + 1, raster.height - 1);
  const double ax = fx - x0, ay = fy - y0;
  auto v = [&](int px, int py) {
    return static_cast<double>(raster.pixels[raster.stride() * py + raster.channels * px +
                                             (raster.channels == 3 ? c : 0)]);
  };
  return (v(x0, y0) * (1 - ax) + v(x1, y0) * ax) * (1 - ay) +
         (v(x0, y1) * (1 - ax) + v(x1, y1) * ax) * ay;
}

void putSample(Raster& out, int x, int y, const Raster& source, double sx, double sy) {
  std::uint8_t* p = at(out, x, y);
  for (int c = 0; c < 3; ++c) {
    p[c] =
        static_cast<std::uint8_t>(std::lround(std::clamp(sample(source, sx, sy, c), 0.0, 255.0)));
  }
}

// A plane-to-plane projective map from four point pairs (8 unknowns, Gaussian elimination).
struct Homography {
  std::array<double, 9> h{};
  [[nodiscard]] std::pair<double, double> apply(double x, double y) const {
    const double w = h[6] * x + h[7] * y + h[8];
    return {(h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w};
  }
};

Homography solveHomography(const std::array<std::pair<double, double>, 4>& from,
                           const std::array<std::pair<double, double>, 4>& to) {
  std::array<std::array<double, 9>, 8> m{};
  for (int i = 0; i < 4; ++i) {
    const auto [x, y] = from[i];
    const auto [u, v] = to[i];
    m[2 * i] = {x, y, 1, 0, 0, 0, -u * x, -u * y, u};
    m[2 * i + 1] = {0, 0, 0, x, y, 1, -v * x, -v * y, v};
  }
  for (int col = 0; col < 8; ++col) {
    int pivot = col;
    for (int row = col + 1; row < 8; ++row) {
      if (std::abs(m[row][col]) > std::abs(m[pivot][col])) pivot = row;
    }
    std::swap(m[col], m[pivot]);
    if (std::abs(m[col][col]) < 1e-12) throw std::runtime_error("degenerate homography");
    for (int row = 0; row < 8; ++row) {
      if (row == col) continue;
      const double factor = m[row][col] / m[col][col];
      for (int k = col; k < 9; ++k) m[row][k] -= factor * m[col][k];
    }
  }
  Homography result;
  for (int i = 0; i < 8; ++i) result.h[i] = m[i][8] / m[i][i];
  result.h[8] = 1;
  return result;
}

}  // namespace

Raster makePage(const PageSpec& spec) {
  const double px = spec.dpi / kMmPerInch;  // pixels per millimetre
  const int width = static_cast<int>(std::lround(spec.widthMm * px));
  const int height = static_cast<int>(std::lround(spec.heightMm * px));
  Raster page = blank(width, height, spec.dpi, spec.paper);
  std::mt19937 random(spec.seed);
  std::uniform_int_distribution<int> wordLetters(2, 8);
  const Rgb ink{35, 35, 40};

  const double left = 20 * px, right = width - 20 * px;
  for (int line = 0; line < spec.textLines; ++line) {
    const double top = (25 + 8.0 * line) * px;
    if (top + 3 * px > height - 20 * px) break;
    double x = left;
    while (true) {
      const int letters = wordLetters(random);
      const double wordEnd = x + letters * 2.9 * px;
      if (wordEnd > right) break;
      for (int letter = 0; letter < letters; ++letter) {  // glyph-like blocks, not one bar
        const double lx = x + letter * 2.9 * px;
        fillRect(page, static_cast<int>(lx), static_cast<int>(top), static_cast<int>(lx + 2.4 * px),
                 static_cast<int>(top + 2.6 * px), ink);
      }
      x = wordEnd + 2.5 * px;
    }
  }
  if (spec.photo) {
    const int x0 = static_cast<int>(left), x1 = static_cast<int>(right);
    const int y0 = height * 3 / 10, y1 = height / 2;
    for (int y = y0; y < y1; ++y) {
      for (int x = x0; x < x1; ++x) {
        const double u = double(x - x0) / (x1 - x0), v = double(y - y0) / (y1 - y0);
        const Rgb colour{static_cast<std::uint8_t>(60 + 180 * u),
                         static_cast<std::uint8_t>(80 + 150 * v),
                         static_cast<std::uint8_t>(128 + 100 * std::sin(12 * u + 7 * v))};
        std::uint8_t* p = at(page, x, y);
        p[0] = colour.r;
        p[1] = colour.g;
        p[2] = colour.b;
      }
    }
  }
  if (spec.seal) {
    const double cx = width - 55 * px, cy = height - 60 * px, radius = 20 * px;
    const double ring = 1.2 * px, star = 4 * px;
    const Rgb red{205, 35, 40};
    for (int y = static_cast<int>(cy - radius - 2); y <= static_cast<int>(cy + radius + 2); ++y) {
      for (int x = static_cast<int>(cx - radius - 2); x <= static_cast<int>(cx + radius + 2); ++x) {
        const double r = std::hypot(x + 0.5 - cx, y + 0.5 - cy);
        if ((r <= radius && r >= radius - ring) || r <= star) stamp(page, x, y, red);
      }
    }
  }
  if (spec.noise > 0) addNoise(page, spec.noise, spec.seed * 7919U + 1U);
  return page;
}

Raster makeGridPage(int dpi, double widthMm, double heightMm, double spacingMm) {
  const double px = dpi / kMmPerInch;
  const int width = static_cast<int>(std::lround(widthMm * px));
  const int height = static_cast<int>(std::lround(heightMm * px));
  Raster page = blank(width, height, dpi, Rgb{250, 250, 248});
  const int thickness = std::max(2, static_cast<int>(0.6 * px));
  const Rgb ink{20, 20, 30};
  for (double mm = spacingMm; mm < widthMm - 1; mm += spacingMm) {
    const int x = static_cast<int>(std::lround(mm * px));
    fillRect(page, x - thickness / 2, 0, x - thickness / 2 + thickness, height, ink);
  }
  for (double mm = spacingMm; mm < heightMm - 1; mm += spacingMm) {
    const int y = static_cast<int>(std::lround(mm * px));
    fillRect(page, 0, y - thickness / 2, width, y - thickness / 2 + thickness, ink);
  }
  return page;
}

Raster rotated(const Raster& page, double degrees, Rgb fill) {
  Raster out = blank(page.width, page.height, page.dpi, fill);
  const double angle = degrees * std::numbers::pi / 180.0;
  const double c = std::cos(angle), s = std::sin(angle);
  const double cx = page.width / 2.0, cy = page.height / 2.0;
  for (int y = 0; y < out.height; ++y) {
    for (int x = 0; x < out.width; ++x) {
      const double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
      // Clockwise on screen (y down) turns (1,0) towards (0,1); this is its inverse.
      const double sx = cx + dx * c + dy * s, sy = cy - dx * s + dy * c;
      if (sx < 0 || sy < 0 || sx >= page.width || sy >= page.height) continue;
      putSample(out, x, y, page, sx, sy);
    }
  }
  return out;
}

Raster onBackground(const Raster& page, int border, Rgb background) {
  Raster out = blank(page.width + 2 * border, page.height + 2 * border, page.dpi, background);
  for (int y = 0; y < page.height; ++y) {
    std::copy_n(page.pixels.data() + page.stride() * y, page.stride(), at(out, border, y + border));
  }
  return out;
}

void addNoise(Raster& raster, double sigma, std::uint32_t seed) {
  std::uint32_t state = seed | 1U;
  auto uniform = [&] {  // xorshift32: fast enough for 300-dpi pages
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return (state & 0xFFFFFF) / double(0x1000000);
  };
  const std::size_t pixels = static_cast<std::size_t>(raster.width) * raster.height;
  for (std::size_t i = 0; i < pixels; ++i) {
    // The sum of four uniforms is close enough to a normal distribution (variance 4/12).
    const double n = (uniform() + uniform() + uniform() + uniform() - 2.0) / std::sqrt(1.0 / 3.0);
    const int delta = static_cast<int>(std::lround(n * sigma));
    for (int c = 0; c < raster.channels; ++c) {
      std::uint8_t& p = raster.pixels[i * raster.channels + c];
      p = static_cast<std::uint8_t>(std::clamp(p + delta, 0, 255));
    }
  }
}

CameraView cameraView(const Raster& page, int frameWidth, int frameHeight, double tiltXDegrees,
                      double tiltYDegrees, double turnDegrees) {
  const double mmPerPixel = kMmPerInch / page.dpi;
  const double widthMm = page.width * mmPerPixel, heightMm = page.height * mmPerPixel;
  const double focal = std::max(frameWidth, frameHeight);
  const double distance = focal * heightMm / (0.7 * frameHeight);
  const double a = tiltXDegrees * std::numbers::pi / 180, b = tiltYDegrees * std::numbers::pi / 180;
  const double g = turnDegrees * std::numbers::pi / 180;
  auto project = [&](double u, double v) {
    double x = (u / page.width - 0.5) * widthMm, y = (v / page.height - 0.5) * heightMm, z = 0;
    const double xt = x * std::cos(g) - y * std::sin(g), yt = x * std::sin(g) + y * std::cos(g);
    x = xt;
    y = yt;
    const double za = z * std::cos(a) - y * std::sin(a);  // the top (y < 0) moves away
    y = y * std::cos(a) + z * std::sin(a);
    z = za;
    const double zb = z * std::cos(b) + x * std::sin(b);  // the right side (x > 0) moves away
    x = x * std::cos(b) - z * std::sin(b);
    z = zb + distance;
    return std::pair<double, double>{frameWidth / 2.0 + focal * x / z,
                                     frameHeight / 2.0 + focal * y / z};
  };
  const std::array<std::pair<double, double>, 4> pageCorners{
      {{0, 0}, {page.width, 0}, {page.width, page.height}, {0, page.height}}};
  CameraView view;
  for (int i = 0; i < 4; ++i)
    view.corners[i] = project(pageCorners[i].first, pageCorners[i].second);
  const Homography frameToPage = solveHomography(view.corners, pageCorners);

  view.frame = blank(frameWidth, frameHeight, 0, Rgb{70, 60, 52});
  for (int y = 0; y < frameHeight; ++y) {
    for (int x = 0; x < frameWidth; ++x) {
      const auto [u, v] = frameToPage.apply(x + 0.5, y + 0.5);
      if (u < 0 || v < 0 || u >= page.width || v >= page.height) {
        // The desk: darker towards the bottom, as under a lamp.
        std::uint8_t* p = at(view.frame, x, y);
        const int shade = 20 * y / frameHeight;
        p[0] = static_cast<std::uint8_t>(p[0] - shade);
        p[1] = static_cast<std::uint8_t>(p[1] - shade);
        p[2] = static_cast<std::uint8_t>(p[2] - shade);
        continue;
      }
      putSample(view.frame, x, y, page, u, v);
    }
  }
  addNoise(view.frame, 3, 99);
  return view;
}

int greyAt(const Raster& raster, int x, int y) {
  const std::uint8_t* p =
      raster.pixels.data() + raster.stride() * y + static_cast<std::size_t>(raster.channels) * x;
  return raster.channels == 3 ? (p[0] + p[1] + p[2]) / 3 : p[0];
}

}  // namespace onewindow::scan::testimages
