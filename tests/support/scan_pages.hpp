#pragma once
// Pages for the scanning tests to capture, import and find again: a white page with lines of
// "text" and one coloured block in its top-left quarter, so a test can tell the pages apart by
// the block's colour and tell a turn by where the block went. Written and read with cairo.
#include <filesystem>
#include <optional>
#include <string>

namespace onewindow::test {

enum class MarkColour { Red, Green, Blue };

// An A5 portrait page at `dpi` as a PNG file, its block in `colour`.
void writeMarkedPage(const std::filesystem::path& png, MarkColour colour, int dpi = 100);

struct FoundMark {
  MarkColour colour = MarkColour::Red;
  // Where the block's centre lies, as a share of the page's width and height (0…1).
  double x = 0, y = 0;
  bool portrait = true;  // the page itself
};

// The block on a page rendered to PNG; nullopt when no block is there.
std::optional<FoundMark> findMark(const std::filesystem::path& png);

const char* markColourName(MarkColour colour);

}  // namespace onewindow::test
