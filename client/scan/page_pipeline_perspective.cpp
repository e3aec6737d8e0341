#include "client/scan/page_pipeline_perspective.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "client/scan/page_pipeline_internal.hpp"

namespace onewindow::scan {

using detail::checked;
using detail::PixPtr;

namespace {

constexpr int kSearchSide = 1000;
// Only the middle of each side is fitted: the page's corners may be rounded or bent.
constexpr double kSideTrim = 0.12;
// The largest page whose perspective we straighten: 12000 px a side.
constexpr int kMaxOutputSide = 12000;

struct Point {
  double x = 0, y = 0;
};

// A line `across = slope * along + offset`; for the top and bottom sides `along` is x.
struct Line {
  double slope = 0, offset = 0;
};

Line fitLine(const std::vector<Point>& points) {
  double sa = 0, sc = 0, saa = 0, sac = 0;
  for (const Point& p : points) {
    sa += p.x;
    sc += p.y;
    saa += p.x * p.x;
    sac += p.x * p.y;
  }
  const auto n = static_cast<double>(points.size());
  const double denominator = n * saa - sa * sa;
  if (std::abs(denominator) < 1e-9) return {0, sc / n};
  const double slope = (n * sac - sa * sc) / denominator;
  return {slope, (sc - slope * sa) / n};
}

// Fits, drops the points far off the line (a finger, a paper clip on the edge), fits again.
Line fitRobustLine(std::vector<Point> points) {
  Line line = fitLine(points);
  std::vector<double> residuals;
  residuals.reserve(points.size());
  for (const Point& p : points)
    residuals.push_back(std::abs(p.y - (line.slope * p.x + line.offset)));
  std::vector<double> sorted = residuals;
  std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
  const double limit = std::max(1.5, 3.0 * sorted[sorted.size() / 2]);
  std::vector<Point> kept;
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (residuals[i] <= limit) kept.push_back(points[i]);
  }
  return kept.size() >= 2 ? fitLine(kept) : line;
}

// Where a near-horizontal line (y = h.slope x + h.offset) meets a near-vertical one
// (x = v.slope y + v.offset).
std::pair<double, double> intersect(const Line& horizontal, const Line& vertical) {
  const double x = (vertical.slope * horizontal.offset + vertical.offset) /
                   (1.0 - vertical.slope * horizontal.slope);
  return {x, horizontal.slope * x + horizontal.offset};
}

double distance(std::pair<double, double> a, std::pair<double, double> b) {
  return std::hypot(a.first - b.first, a.second - b.second);
}

// The page's true width/height from its image under a pinhole camera whose axis passes through
// the image's centre (Zhang & He, "Whiteboard scanning and image enhancement", 2007). Returns
// 0 when the corners are inconsistent.
double perspectiveAspect(const Quad& quad, double centreX, double centreY, double assumedFocal) {
  auto at = [&](int i) {
    return std::array<double, 3>{quad.corners[i].first - centreX, quad.corners[i].second - centreY,
                                 1.0};
  };
  const auto m1 = at(0), m2 = at(1), m4 = at(2), m3 = at(3);  // TL, TR, BR, BL
  auto cross = [](const std::array<double, 3>& a, const std::array<double, 3>& b) {
    return std::array<double, 3>{a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2],
                                 a[0] * b[1] - a[1] * b[0]};
  };
  auto dot = [](const std::array<double, 3>& a, const std::array<double, 3>& b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  };
  const double k2 = dot(cross(m1, m4), m3) / dot(cross(m2, m4), m3);
  const double k3 = dot(cross(m1, m4), m2) / dot(cross(m3, m4), m2);
  std::array<double, 3> n2{}, n3{};
  for (int i = 0; i < 3; ++i) {
    n2[i] = k2 * m2[i] - m1[i];
    n3[i] = k3 * m3[i] - m1[i];
  }
  // With a pair of parallel sides the focal length cannot be recovered; a document camera's
  // lens is then assumed (its focal length about the image's longer side, ~55° across).
  double focal2 = assumedFocal * assumedFocal;
  if (std::abs(n2[2] * n3[2]) > 1e-9) {
    const double measured = -(n2[0] * n3[0] + n2[1] * n3[1]) / (n2[2] * n3[2]);
    if (measured > 0 && std::isfinite(measured)) focal2 = measured;
  }
  const double width2 = n2[0] * n2[0] + n2[1] * n2[1] + focal2 * n2[2] * n2[2];
  const double height2 = n3[0] * n3[0] + n3[1] * n3[1] + focal2 * n3[2] * n3[2];
  const double aspect = std::sqrt(width2 / height2);
  return std::isfinite(aspect) && aspect > 0.05 && aspect < 20 ? aspect : 0;
}

}  // namespace

std::optional<Quad> findDocumentCorners(const PageImage& image) {
  detail::requireValid(image, "findDocumentCorners");
  double scale = 1.0;
  PixPtr grey = detail::greyReduced(image.pix(), kSearchSide, &scale);
  int threshold = 0;
  const detail::Component paper = detail::paperComponent(grey.get(), &threshold);
  const int rw = pixGetWidth(grey.get()), rh = pixGetHeight(grey.get());
  if (paper.pixels < rw * rh / 20) return std::nullopt;
  if (paper.x <= 0 || paper.y <= 0 || paper.x + paper.width >= rw || paper.y + paper.height >= rh) {
    return std::nullopt;  // the page runs off the frame: its corners are not all seen
  }

  // Rough corners: the component's extreme points along the two diagonals.
  PIX* mask = paper.mask.get();
  const int wpl = pixGetWpl(mask);
  auto set = [&](int x, int y) {
    return GET_DATA_BIT(pixGetData(mask) + static_cast<std::size_t>(wpl) * y, x) != 0;
  };
  Point tl{1e9, 1e9}, tr{-1e9, 1e9}, br{-1e9, -1e9}, bl{1e9, -1e9};
  for (int y = 0; y < paper.height; ++y) {
    for (int x = 0; x < paper.width; ++x) {
      if (!set(x, y)) continue;
      if (x + y < tl.x + tl.y) tl = {double(x), double(y)};
      if (x + y > br.x + br.y) br = {double(x), double(y)};
      if (x - y > tr.x - tr.y) tr = {double(x), double(y)};
      if (x - y < bl.x - bl.y) bl = {double(x), double(y)};
    }
  }

  // Border points along the middle of each side, in full-image pixel coordinates.
  auto span = [](double from, double to) {
    const double trim = (to - from) * kSideTrim;
    return std::pair<int, int>{static_cast<int>(from + trim), static_cast<int>(to - trim)};
  };
  std::vector<Point> top, bottom, left, right;  // left/right hold (y, x): fitted as x(y)
  const auto ox = static_cast<double>(paper.x), oy = static_cast<double>(paper.y);
  for (auto [from, to] = span(tl.x, tr.x); from <= to; ++from) {
    for (int y = 0; y < paper.height; ++y) {
      if (set(from, y)) {
        top.push_back({(from + ox + 0.5) / scale, (y + oy) / scale});
        break;
      }
    }
  }
  for (auto [from, to] = span(bl.x, br.x); from <= to; ++from) {
    for (int y = paper.height - 1; y >= 0; --y) {
      if (set(from, y)) {
        bottom.push_back({(from + ox + 0.5) / scale, (y + 1 + oy) / scale});
        break;
      }
    }
  }
  for (auto [from, to] = span(tl.y, bl.y); from <= to; ++from) {
    for (int x = 0; x < paper.width; ++x) {
      if (set(x, from)) {
        left.push_back({(from + oy + 0.5) / scale, (x + ox) / scale});
        break;
      }
    }
  }
  for (auto [from, to] = span(tr.y, br.y); from <= to; ++from) {
    for (int x = paper.width - 1; x >= 0; --x) {
      if (set(x, from)) {
        right.push_back({(from + oy + 0.5) / scale, (x + 1 + ox) / scale});
        break;
      }
    }
  }
  if (top.size() < 5 || bottom.size() < 5 || left.size() < 5 || right.size() < 5) {
    return std::nullopt;
  }
  const Line topLine = fitRobustLine(top), bottomLine = fitRobustLine(bottom);
  const Line leftLine = fitRobustLine(left), rightLine = fitRobustLine(right);
  Quad quad{{intersect(topLine, leftLine), intersect(topLine, rightLine),
             intersect(bottomLine, rightLine), intersect(bottomLine, leftLine)}};
  for (const auto& [x, y] : quad.corners) {
    if (!std::isfinite(x) || !std::isfinite(y)) return std::nullopt;
  }
  return quad;
}

PageImage correctPerspective(const PageImage& image, const Quad& quad, int outWidth,
                             int outHeight) {
  detail::requireValid(image, "correctPerspective");
  const auto& c = quad.corners;
  double area = 0;  // shoelace: a proper quad has a clear area and no crossed sides
  for (int i = 0; i < 4; ++i) {
    if (!std::isfinite(c[i].first) || !std::isfinite(c[i].second)) {
      throw std::invalid_argument("correctPerspective: a corner is not a number");
    }
    area += c[i].first * c[(i + 1) % 4].second - c[(i + 1) % 4].first * c[i].second;
  }
  if (area / 2 < 16.0) {
    throw std::invalid_argument(
        "correctPerspective: the corners do not enclose a page (give them clockwise: TL, TR, BR, "
        "BL)");
  }
  if (outWidth < 0 || outHeight < 0) {
    throw std::invalid_argument("correctPerspective: a negative output size");
  }
  if (outWidth == 0 || outHeight == 0) {
    const double sideHeight = std::max(distance(c[0], c[3]), distance(c[1], c[2]));
    const double sideWidth = std::max(distance(c[0], c[1]), distance(c[3], c[2]));
    double aspect = perspectiveAspect(quad, image.width() / 2.0, image.height() / 2.0,
                                      std::max(image.width(), image.height()));
    if (aspect == 0) aspect = sideWidth / sideHeight;
    if (outWidth == 0 && outHeight == 0) outHeight = static_cast<int>(std::lround(sideHeight));
    if (outWidth == 0) outWidth = static_cast<int>(std::lround(outHeight * aspect));
    if (outHeight == 0) outHeight = static_cast<int>(std::lround(outWidth / aspect));
  }
  outWidth = std::clamp(outWidth, 1, kMaxOutputSide);
  outHeight = std::clamp(outHeight, 1, kMaxOutputSide);

  // Leptonica's projective warp keeps the source's size, so a larger page needs a larger canvas.
  PixPtr canvas = checked(pixAddBorderGeneral(image.pix(), 0, std::max(0, outWidth - image.width()),
                                              0, std::max(0, outHeight - image.height()),
                                              image.bitonal() ? 0 : 0xffffffff),
                          "enlarging the canvas");
  // Leptonica places pixel centres at whole numbers; our corners are on pixel edges.
  detail::PtaPtr source(ptaCreate(4)), target(ptaCreate(4));
  const std::array<std::pair<double, double>, 4> rectangle{
      {{0, 0}, {outWidth, 0}, {outWidth, outHeight}, {0, outHeight}}};
  for (int i = 0; i < 4; ++i) {
    ptaAddPt(source.get(), static_cast<float>(c[i].first - 0.5),
             static_cast<float>(c[i].second - 0.5));
    ptaAddPt(target.get(), static_cast<float>(rectangle[i].first - 0.5),
             static_cast<float>(rectangle[i].second - 0.5));
  }
  PixPtr warped =
      checked(pixProjectivePta(canvas.get(), target.get(), source.get(), L_BRING_IN_WHITE),
              "straightening the perspective");
  detail::BoxPtr box(boxCreate(0, 0, outWidth, outHeight));
  PixPtr page = checked(pixClipRectangle(warped.get(), box.get(), nullptr), "cutting the page");
  pixSetResolution(page.get(), image.dpi(), image.dpi());
  return PageImage(page.release());
}

}  // namespace onewindow::scan
