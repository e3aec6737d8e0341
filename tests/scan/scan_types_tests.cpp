#include <catch2/catch.hpp>

#include "client/scan/scan_error.hpp"
#include "client/scan/scan_types.hpp"

using namespace onewindow::scan;

TEST_CASE("A resolution is snapped to one the device offers", "[scan]") {
  Resolutions fixed{{75, 150, 300, 600}};
  CHECK(fixed.snap(300) == 300);
  CHECK(fixed.snap(200) == 150);
  CHECK(fixed.snap(225) == 300);  // a tie goes to the sharper one
  CHECK(fixed.snap(1200) == 600);
  Resolutions range{{}, 50, 1200, 100};
  CHECK(range.snap(10) == 50);
  CHECK(range.snap(300) == 350);  // 50, 150, ... 350 — steps count from the minimum
  CHECK(range.snap(4800) == 1200);
  Resolutions any{{}, 1, 1200, 0};
  CHECK(any.snap(299) == 299);
}

TEST_CASE("Every scan error has a clerk's sentence and a stable name", "[scan]") {
  for (const ScanErrorKind kind :
       {ScanErrorKind::FeederEmpty, ScanErrorKind::Jammed, ScanErrorKind::CoverOpen,
        ScanErrorKind::Busy, ScanErrorKind::Offline, ScanErrorKind::Io,
        ScanErrorKind::Unsupported}) {
    CHECK_FALSE(clerkMessage(kind).empty());
    CHECK(std::string(scanErrorKindName(kind)).find(' ') == std::string::npos);
  }
  const ScanError jam(ScanErrorKind::Jammed, "SANE: Document feeder jammed");
  CHECK(std::string(jam.what()).find("卡纸") == 0);
  CHECK(jam.detail() == "SANE: Document feeder jammed");
}
