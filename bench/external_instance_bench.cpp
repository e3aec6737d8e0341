// External instance figures (issue 16), printed, never pass/fail: a form whose community list is
// a 20,000-row CSV beside it (select_one_from_file with choice_filter, as pyxform writes it).
//  1. loading the form: the first load reads and parses the CSV; a later one (another form or
//     a reopened one naming the same file) shares the parsed copy;
//  2. answering the first level of the cascade (the district), which narrows the 20,000
//     communities, and the second (the street); each answer timed with the redraw of the
//     narrowed select (control view), the median and the worst over every choice.
// Goals: load ≤ 100 ms, ≤ 10 ms per answer. Usage: bench_external_instance [ROWS] [RUNS]

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "forms/form_session.hpp"
#include "forms/xform.hpp"

using namespace onewindow::forms;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

constexpr int kDistricts = 10;
constexpr int kStreetsPerDistrict = 8;

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

std::string district(int d) { return "d" + std::to_string(d); }
std::string street(int d, int s) { return district(d) + "s" + std::to_string(s); }

void writeFiles(const fs::path& dir, int rows) {
  std::ofstream csv(dir / "communities.csv");
  csv << "name,label,district,street\n";
  for (int i = 0; i < rows; ++i) {
    const int d = i % kDistricts;
    const int s = (i / kDistricts) % kStreetsPerDistrict;
    csv << "c" << i << ",\"第" << i << "社区, " << street(d, s) << "\"," << district(d) << ","
        << street(d, s) << "\n";
  }
  std::string districts;
  std::string streets;
  for (int d = 0; d < kDistricts; ++d) {
    districts +=
        "<item><label>区" + std::to_string(d) + "</label><name>" + district(d) + "</name></item>";
    for (int s = 0; s < kStreetsPerDistrict; ++s)
      streets += "<item><label>街道" + street(d, s) + "</label><name>" + street(d, s) +
                 "</name><district>" + district(d) + "</district></item>";
  }
  std::ofstream(dir / "household.xml") << R"xml(<?xml version="1.0"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml" xmlns:jr="http://openrosa.org/javarosa" xmlns:odk="http://www.opendatakit.org/xforms">
  <h:head>
    <h:title>Household</h:title>
    <model odk:xforms-version="1.0.0">
      <instance>
        <data id="household" version="1">
          <district/><street/><community/>
          <meta><instanceID/></meta>
        </data>
      </instance>
      <instance id="district"><root>)xml"
                                       << districts << R"xml(</root></instance>
      <instance id="street"><root>)xml" << streets
                                       << R"xml(</root></instance>
      <instance id="communities" src="jr://file-csv/communities.csv"/>
      <bind nodeset="/data/district" type="string" required="true()"/>
      <bind nodeset="/data/street" type="string" required="true()"/>
      <bind nodeset="/data/community" type="string" required="true()"/>
      <bind jr:preload="uid" nodeset="/data/meta/instanceID" readonly="true()" type="string"/>
    </model>
  </h:head>
  <h:body>
    <select1 ref="/data/district"><label>District</label>
      <itemset nodeset="instance('district')/root/item"><value ref="name"/><label ref="label"/></itemset>
    </select1>
    <select1 ref="/data/street"><label>Street</label>
      <itemset nodeset="instance('street')/root/item[district= /data/district ]"><value ref="name"/><label ref="label"/></itemset>
    </select1>
    <select1 ref="/data/community" appearance="minimal"><label>Community</label>
      <itemset nodeset="instance('communities')/root/item[district= /data/district  and street= /data/street ]"><value ref="name"/><label ref="label"/></itemset>
    </select1>
  </h:body>
</h:html>
)xml";
}

}  // namespace

int main(int argc, char** argv) {
  const int rows = argc > 1 ? std::atoi(argv[1]) : 20000;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 7;
  const fs::path dir =
      fs::temp_directory_path() / ("onewindow-bench-external-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  writeFiles(dir, rows);
  const std::string form = (dir / "household.xml").string();

  // 1. Loads. The first one of each run reads the CSV (the previous run's copy is gone: every
  // definition holding it was destroyed); the second shares it.
  std::vector<double> cold;
  std::vector<double> warm;
  std::shared_ptr<const XFormDefinition> definition;
  for (int i = 0; i < runs; ++i) {
    definition.reset();
    auto start = Clock::now();
    auto first = std::make_shared<const XFormDefinition>(loadXForm(form));
    cold.push_back(ms(Clock::now() - start));
    start = Clock::now();
    definition = std::make_shared<const XFormDefinition>(loadXForm(form));
    warm.push_back(ms(Clock::now() - start));
  }
  std::printf("external CSV instance: %d rows, %zu bytes\n", rows,
              static_cast<std::size_t>(fs::file_size(dir / "communities.csv")));
  std::printf("form load, CSV read       median %7.2f ms  worst %7.2f ms   (goal <= 100 ms)\n",
              percentile(cold, 0.5), percentile(cold, 1.0));
  std::printf("form load, CSV shared     median %7.2f ms  worst %7.2f ms\n", percentile(warm, 0.5),
              percentile(warm, 1.0));

  // 2. Answers, each with the redraw of the select it narrowed.
  auto start = Clock::now();
  FormSession session(definition);
  (void)session.controls();
  const double openMs = ms(Clock::now() - start);
  std::vector<double> first;
  std::vector<double> second;
  std::size_t narrowed = 0;
  for (int run = 0; run < runs; ++run) {
    for (int d = 0; d < kDistricts; ++d) {
      start = Clock::now();
      session.setAnswer("/data/district", district(d));
      const auto streets = session.control("/data/street");
      first.push_back(ms(Clock::now() - start));
      for (int s = 0; s < kStreetsPerDistrict; ++s) {
        start = Clock::now();
        session.setAnswer("/data/street", street(d, s));
        narrowed = session.control("/data/community").choices.size();
        second.push_back(ms(Clock::now() - start));
      }
      if (streets.choices.size() != kStreetsPerDistrict) {
        std::fprintf(stderr, "bench_external_instance: %zu streets, expected %d\n",
                     streets.choices.size(), kStreetsPerDistrict);
        return 1;
      }
    }
  }
  std::printf("session open, first screen        %7.2f ms\n", openMs);
  std::printf(
      "answer district (1st level)  median %6.2f ms  p95 %6.2f ms  worst %6.2f ms  "
      "(goal <= 10 ms)\n",
      percentile(first, 0.5), percentile(first, 0.95), percentile(first, 1.0));
  std::printf(
      "answer street (2nd level)    median %6.2f ms  p95 %6.2f ms  worst %6.2f ms  "
      "(%zu communities left of %d)\n",
      percentile(second, 0.5), percentile(second, 0.95), percentile(second, 1.0), narrowed, rows);
  fs::remove_all(dir);
  return 0;
}
