// The station process of the district drill (district_drill_tests.cpp): see
// district_station.hpp.
//
// Usage: district_station PROFILE_DIR CENTRAL_URL [CA_FILE]

#include "district_station.hpp"

#include <cstdio>

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::fprintf(stderr, "usage: district_station PROFILE_DIR CENTRAL_URL [CA_FILE]\n");
    return 2;
  }
  return onewindow::test::runDistrictStation(argv[1], argv[2], argc == 4 ? argv[3] : "");
}
