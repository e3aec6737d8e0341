#pragma once
// The size limits central advertises (GET /api/v1/limits, central/API.md §4.2) and enforces.

#include <cstddef>

namespace onewindow::central {

inline constexpr std::size_t kMebibyte = std::size_t{1} << 20;

struct ServerLimits {
  std::size_t maxRequestBytes = kMebibyte;        // any XML request body
  std::size_t maxMaterialBytes = 20 * kMebibyte;  // one material, whole
  std::size_t chunkBytes = kMebibyte;             // one PATCH chunk
  std::size_t maxCaseBytes = kMebibyte;           // one case body
};

}  // namespace onewindow::central
