// A catalog of the size a province publishes (5,000 matters), generated, so the loader and
// the search are exercised at scale. The timing figures come from the hidden "[catalog-bench]" test
// (run it in an optimised build); the other tests assert behaviour only.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "forms/catalog_loader.hpp"
#include "forms/catalog_search.hpp"

using namespace onewindow::forms;

namespace {

// Form refs resolve against the good fixture's directory, where the form files exist.
const std::string kFileName = std::string(ONEWINDOW_FORMS_FIXTURES) + "/catalog/good/generated.xml";

CivilDate day(const char* iso) { return *CivilDate::parseIso(iso); }

// Syllables with their initials, combined into names such as 居住证申领 / jzzsl.
struct Syllable {
  const char* han;
  char initial;
};
constexpr Syllable kSyllables[] = {
    {"居", 'j'}, {"住", 'z'}, {"证", 'z'}, {"申", 's'}, {"领", 'l'}, {"残", 'c'}, {"疾", 'j'},
    {"人", 'r'}, {"补", 'b'}, {"贴", 't'}, {"高", 'g'}, {"龄", 'l'}, {"老", 'l'}, {"津", 'j'},
    {"生", 's'}, {"育", 'y'}, {"登", 'd'}, {"记", 'j'}, {"社", 's'}, {"保", 'b'}, {"医", 'y'},
    {"疗", 'l'}, {"个", 'g'}, {"体", 't'}, {"户", 'h'}, {"注", 'z'}, {"销", 'x'}, {"就", 'j'},
    {"业", 'y'}, {"培", 'p'}, {"训", 'x'}};
constexpr int kSyllableCount = sizeof kSyllables / sizeof kSyllables[0];

std::string basicCode(int index) {
  char code[16];
  std::snprintf(code, sizeof code, "4403%08d", index);
  return code;
}

// The generated matters; `index` picks name syllables deterministically.
std::string generatedCatalog(int matters) {
  std::string xml;
  xml.reserve(static_cast<std::size_t>(matters) * 2600);
  xml +=
      "<catalog xmlns=\"urn:onewindow:catalog:1\" release=\"gen\" published=\"2026-11-20\" "
      "sample=\"true\" publisher=\"generated\">\n"
      "  <calendar id=\"cn\"><holiday from=\"2026-10-01\" to=\"2026-10-07\" zh=\"国庆节\"/>"
      "<workday date=\"2026-10-10\" zh=\"调休\"/></calendar>\n  <categories>\n";
  for (int group = 0; group < 20; ++group) {
    xml += "    <category id=\"g" + std::to_string(group) + "\" zh=\"类别" + std::to_string(group) +
           "\"/>\n";
    for (int sub = 0; sub < 5; ++sub) {
      xml += "    <category id=\"g" + std::to_string(group) + "s" + std::to_string(sub) +
             "\" parent=\"g" + std::to_string(group) + "\" zh=\"子类\"/>\n";
    }
  }
  xml += "  </categories>\n";
  for (int i = 0; i < matters; ++i) {
    const auto code = basicCode(i);
    std::string name, initials;
    for (int k = 0; k < 5; ++k) {
      const auto& syllable = kSyllables[(i * 7 + k * 13 + i / 31) % kSyllableCount];
      name += syllable.han;
      initials += syllable.initial;
    }
    name += std::to_string(i);
    xml += "  <matter basic-code=\"" + code + "\" implementation-code=\"11440300MB2C9231735" +
           code + "\" version=\"1\" effective=\"2026-01-01\" category=\"g" +
           std::to_string(i % 20) + "s" + std::to_string(i % 5) +
           "\" type=\"07\" level=\"5\" case-type=\"2\" " + "calendar=\"cn\">\n    <name zh=\"" +
           name + "\" en=\"Generated matter " + std::to_string(i) + "\"/>\n    <search pinyin=\"" +
           initials + "\" keywords=\"关键词" + std::to_string(i % 97) + " keyword\"/>\n" +
           "    <targets>" + (i % 3 == 0 ? "2" : "1") + "</targets>\n" +
           "    <flags e-licence=\"true\"/>\n" +
           "    <limits legal=\"20\" legal-unit=\"working-day\" promised=\"10\" "
           "promised-unit=\"working-day\"/>\n"
           "    <guide><conditions><item zh=\"条件一\"/><item zh=\"条件二\"/></conditions>"
           "<flow><step zh=\"收件\"/><step zh=\"审核\"/></flow><fees zh=\"不收费\"/>"
           "<phone>0755-12345</phone></guide>\n    <materials>\n";
    for (int m = 0; m < 4; ++m) {
      xml += "      <material key=\"m" + std::to_string(m) + "\" role=\"" +
             (m == 0 ? "main" : "secondary") +
             "\" originals=\"1\" copies=\"1\" medium=\"paper\"><name zh=\"材料" +
             std::to_string(m) +
             "\"/><scan dpi=\"300\" colour=\"colour\" format=\"pdf\" max-bytes=\"2097152\"/>"
             "</material>\n";
    }
    xml +=
        "    </materials>\n    <scenarios><question id=\"q\" zh=\"情形\">"
        "<answer id=\"a\" zh=\"甲\" materials=\"m2\"/><answer id=\"b\" zh=\"乙\" materials=\"m3\"/>"
        "</question></scenarios>\n    <form ref=\"forms/residence_permit.xml\"/>\n";
    if (i % 10 == 0) {
      xml +=
          "    <rules><rule id=\"r\" zh=\"秒批\"><when zh=\"年满70周岁\" "
          "test=\"age-from-id(/data/id) &gt;= 70\" show=\"age-from-id(/data/id)\"/>"
          "<outcome zh=\"核准\" decision=\"approve\"/></rule></rules>\n";
    }
    xml += "  </matter>\n";
  }
  xml += "</catalog>\n";
  return xml;
}

class Timer {
 public:
  Timer() : wall_(std::chrono::steady_clock::now()), cpu_(cpuNow()) {}
  [[nodiscard]] double wallMs() const {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall_)
        .count();
  }
  [[nodiscard]] double cpuMs() const { return cpuNow() - cpu_; }

 private:
  static double cpuNow() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
  }
  std::chrono::steady_clock::time_point wall_;
  double cpu_;
};

double percentile(std::vector<double> values, int percent) {
  std::sort(values.begin(), values.end());
  const auto index = std::min(values.size() - 1, values.size() * percent / 100);
  return values[index];
}

double median(const std::vector<double>& values) { return percentile(values, 50); }

}  // namespace

TEST_CASE("A 5000-matter catalog loads and is searchable", "[forms][catalog][scale]") {
  const auto catalog = loadCatalogText(kFileName, generatedCatalog(5000));
  REQUIRE(catalog.matters.size() == 5000);
  CHECK(catalog.categories.size() == 120);
  CHECK(catalog.matters[4999].materials.size() == 4);
  CHECK(catalog.matters[4990].rules.size() == 1);

  const CatalogSearch search(catalog, day("2026-12-01"));
  const auto exact = search.query(basicCode(1234));
  REQUIRE_FALSE(exact.empty());
  CHECK(exact[0].match == MatchKind::ExactCode);
  CHECK(exact[0].matter->basicCode == basicCode(1234));

  SearchFilter filter;
  filter.category = "g3";  // matters 3, 23, 43, ... in its sub-categories
  filter.target = TargetFilter::Legal;
  const auto hits = search.query("", filter);
  CHECK(hits.size() == 84);  // i % 20 == 3 and i % 3 == 0: i = 3, 63, 123, ...
  CHECK(std::all_of(hits.begin(), hits.end(), [](const SearchHit& hit) {
    return hit.matter->category.rfind("g3s", 0) == 0 && hit.matter->forLegalEntities();
  }));
  filter.limit = 10;
  CHECK(search.query("", filter).size() == 10);
}

TEST_CASE("Catalog load and search timings at 5000 matters", "[.][catalog-bench]") {
  // Wall time suffers when other jobs share the machine; the process's CPU time shows what
  // the code itself costs. Both are printed.
  const auto text = generatedCatalog(5000);
  std::vector<double> loadWall, loadCpu;
  for (int run = 0; run < 7; ++run) {
    const Timer timer;
    const auto catalog = loadCatalogText(kFileName, text);
    loadWall.push_back(timer.wallMs());
    loadCpu.push_back(timer.cpuMs());
  }
  std::printf("catalog load, 5000 matters, %.1f MB: first %.1f ms wall / %.1f ms CPU\n",
              static_cast<double>(text.size()) / 1e6, loadWall[0], loadCpu[0]);
  std::printf("  then median %.1f ms wall / %.1f ms CPU\n", median(loadWall), median(loadCpu));

  const auto catalog = loadCatalogText(kFileName, text);
  const CatalogSearch search(catalog, day("2026-12-01"));
  // Each prefix of a few typed queries is one keystroke.
  const std::vector<std::string> typed = {"jzzsl",      "居住证申领", "440300001234", "keyword",
                                          "残疾人补贴", "gllj",       "zzz"};
  std::vector<double> wall, cpu;
  for (int round = 0; round < 5; ++round) {
    for (const auto& query : typed) {
      for (std::size_t length = 1; length <= query.size(); ++length) {
        // Whole characters only: a keystroke adds a character, not a UTF-8 byte.
        if (length < query.size() && (static_cast<unsigned char>(query[length]) & 0xC0) == 0x80) {
          continue;
        }
        const Timer timer;
        const auto hits = search.query(std::string_view(query).substr(0, length));
        wall.push_back(timer.wallMs());
        cpu.push_back(timer.cpuMs());
        CHECK(hits.size() <= 5000);
      }
    }
  }
  std::printf(
      "search keystroke over 5000 matters: p95 %.2f ms wall / %.2f ms CPU, "
      "median %.2f / %.2f, worst %.2f / %.2f\n",
      percentile(wall, 95), percentile(cpu, 95), median(wall), median(cpu), percentile(wall, 100),
      percentile(cpu, 100));
}
