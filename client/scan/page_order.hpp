#pragma once
// Putting a material's pages in order: moving, deleting, and merging a manual duplex batch.
// Templates over any movable page type (PageImage, a page record, an index).

#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace onewindow::scan {

// Moves the page at `from` so that it ends up at index `to` (the pages between shift by one).
// Throws std::out_of_range for an index past the end.
template <typename Page>
void movePage(std::vector<Page>& pages, std::size_t from, std::size_t to) {
  if (from >= pages.size() || to >= pages.size()) {
    throw std::out_of_range("movePage: page " + std::to_string(from) + " to " + std::to_string(to) +
                            " of " + std::to_string(pages.size()));
  }
  Page moving = std::move(pages[from]);
  pages.erase(pages.begin() + static_cast<std::ptrdiff_t>(from));
  pages.insert(pages.begin() + static_cast<std::ptrdiff_t>(to), std::move(moving));
}

// Throws std::out_of_range for an index past the end.
template <typename Page>
void deletePage(std::vector<Page>& pages, std::size_t index) {
  if (index >= pages.size()) {
    throw std::out_of_range("deletePage: page " + std::to_string(index) + " of " +
                            std::to_string(pages.size()));
  }
  pages.erase(pages.begin() + static_cast<std::ptrdiff_t>(index));
}

// Manual duplex on a simplex feeder: the clerk feeds the stack for the fronts, turns it over and
// feeds it again. The second pass reads the last sheet first, so `backs` arrives as
// b(N), b(N-1), ..., b(1). The result pairs each front with its own back:
//   f1, backs[N-1], f2, backs[N-2], ..., fN, backs[0].
// Throws std::invalid_argument when the passes differ in count (a sheet missed or doubled: the
// clerk rescans rather than getting pages silently paired wrong).
template <typename Page>
std::vector<Page> interleaveDuplex(std::vector<Page> fronts, std::vector<Page> backs) {
  if (fronts.size() != backs.size()) {
    throw std::invalid_argument("interleaveDuplex: " + std::to_string(fronts.size()) +
                                " fronts but " + std::to_string(backs.size()) + " backs");
  }
  std::vector<Page> pages;
  pages.reserve(fronts.size() * 2);
  for (std::size_t i = 0; i < fronts.size(); ++i) {
    pages.push_back(std::move(fronts[i]));
    pages.push_back(std::move(backs[backs.size() - 1 - i]));
  }
  return pages;
}

}  // namespace onewindow::scan
