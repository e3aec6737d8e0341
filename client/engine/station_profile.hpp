#pragma once
// The station as its printed documents name it (the seal's owner, the enquiry numbers, the
// public verification site); from the workstation's settings.
#include <string>

namespace onewindow::engine {

struct StationProfile {
  std::string centreName;
  std::string centreAddress;
  std::string centrePhone;
  std::string windowPhone;    // the window's enquiry number, printed as the clerk's
  std::string verifyBaseUrl;  // the public progress and verification site; empty: central's
};

}  // namespace onewindow::engine
