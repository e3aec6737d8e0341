#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "client/scan/page_order.hpp"

using namespace onewindow::scan;

TEST_CASE("A page is moved to where the clerk drops it", "[scan][pipeline]") {
  std::vector<std::string> pages{"a", "b", "c", "d"};
  movePage(pages, 0, 2);
  CHECK(pages == std::vector<std::string>{"b", "c", "a", "d"});
  movePage(pages, 3, 0);
  CHECK(pages == std::vector<std::string>{"d", "b", "c", "a"});
  movePage(pages, 1, 1);
  CHECK(pages == std::vector<std::string>{"d", "b", "c", "a"});
  CHECK_THROWS_AS(movePage(pages, 4, 0), std::out_of_range);
  CHECK_THROWS_AS(movePage(pages, 0, 4), std::out_of_range);
}

TEST_CASE("A page is deleted and the rest keep their order", "[scan][pipeline]") {
  std::vector<int> pages{1, 2, 3};
  deletePage(pages, 1);
  CHECK(pages == std::vector<int>{1, 3});
  CHECK_THROWS_AS(deletePage(pages, 2), std::out_of_range);
  deletePage(pages, 0);
  deletePage(pages, 0);
  CHECK(pages.empty());
}

TEST_CASE("A manual duplex batch pairs each front with its own back", "[scan][pipeline]") {
  // The second pass reads the turned stack from the last sheet: backs arrive b3, b2, b1.
  const std::vector<std::string> fronts{"f1", "f2", "f3"};
  const std::vector<std::string> backs{"b3", "b2", "b1"};
  CHECK(interleaveDuplex(fronts, backs) ==
        std::vector<std::string>{"f1", "b1", "f2", "b2", "f3", "b3"});
  CHECK(interleaveDuplex(std::vector<int>{}, std::vector<int>{}).empty());
  CHECK_THROWS_AS(interleaveDuplex(fronts, std::vector<std::string>{"b2", "b1"}),
                  std::invalid_argument);
}
