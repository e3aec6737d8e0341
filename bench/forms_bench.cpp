// Forms figures (issue 4), printed, never pass/fail, each the median of several runs:
//  1. loading a synthetic catalog of 5,000 matters (and of 560), written by make_catalog;
//  2. search latency per keystroke over the 5,000 matters: names and pinyin initials typed one
//     character at a time, p50/p95/max;
//  3. opening a 500-bind form: load the XForm, start a session and build every control view
//     (what the screen draws first);
//  4. recalculation after one answer in that form, p50/p95/max over many answers.
// Usage: bench_forms [MATTERS] [BINDS] [RUNS]   (defaults 5000 500 7)

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "forms/catalog_loader.hpp"
#include "forms/catalog_search.hpp"
#include "forms/form_session.hpp"
#include "forms/xform.hpp"

using namespace onewindow::forms;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
  return values[index];
}

// CPU time of this process: on a shared machine wall time also counts other processes.
double cpuMs() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1000.0 + static_cast<double>(now.tv_nsec) / 1e6;
}

struct Timing {
  double wallMs = 0;
  double cpuMs = 0;
  double firstWallMs = 0;  // the first run: memory the process has never touched before
};

// What WORK returns is destroyed after the clocks stop: a clerk waits for a catalog or a form
// to load, never for the previous one to be freed.
template <typename Work>
Timing medianMs(int runs, Work&& work) {
  std::vector<double> wall;
  std::vector<double> cpu;
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    const double cpuStart = cpuMs();
    const auto result = work();
    cpu.push_back(cpuMs() - cpuStart);
    wall.push_back(ms(Clock::now() - start));
  }
  return {percentile(wall, 0.5), percentile(cpu, 0.5), wall.empty() ? 0 : wall.front()};
}

fs::path generate(const fs::path& root, int matters, int binds) {
  const fs::path out = root / ("catalog-" + std::to_string(matters));
  const std::string command = std::string(ONEWINDOW_MAKE_CATALOG) + " " + out.string() + " " +
                              std::to_string(matters) + " " + std::to_string(binds) +
                              " > /dev/null";
  if (std::system(command.c_str()) != 0) {
    std::fprintf(stderr, "bench_forms: make_catalog failed: %s\n", command.c_str());
    std::exit(1);
  }
  return out;
}

// Every prefix of a UTF-8 string, one code point at a time: what the search box holds after
// each keystroke (an input method commits whole characters).
std::vector<std::string> prefixes(const std::string& text) {
  std::vector<std::string> result;
  for (std::size_t i = 1; i <= text.size(); ++i) {
    if (i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      result.push_back(text.substr(0, i));
    }
  }
  return result;
}

void benchSearch(const Catalog& catalog, CivilDate date) {
  const auto start = Clock::now();
  const CatalogSearch search(catalog, date);
  const double indexMs = ms(Clock::now() - start);
  std::vector<double> times;
  std::vector<double> cpuTimes;
  std::size_t hits = 0;
  const auto matters = catalog.mattersOn(date);
  for (std::size_t i = 0; i < matters.size(); i += std::max<std::size_t>(1, matters.size() / 200)) {
    std::vector<std::string> typed = prefixes(matters[i]->name.zh);
    if (!matters[i]->pinyin.empty()) {
      const auto pinyin = prefixes(matters[i]->pinyin.front());
      typed.insert(typed.end(), pinyin.begin(), pinyin.end());
    }
    for (const std::string& text : typed) {
      const auto queryStart = Clock::now();
      const double cpuStart = cpuMs();
      hits += search.query(text).size();
      cpuTimes.push_back(cpuMs() - cpuStart);
      times.push_back(ms(Clock::now() - queryStart));
    }
  }
  std::printf("search index build            %8.2f ms\n", indexMs);
  std::printf(
      "search per keystroke          p50 %.3f ms  p95 %.3f ms  max %.3f ms  (%zu keystrokes, %zu "
      "hits)\n",
      percentile(times, 0.5), percentile(times, 0.95), percentile(times, 1.0), times.size(), hits);
}

void benchForm(const fs::path& formFile, int runs) {
  std::size_t controls = 0;
  const Timing open = medianMs(runs, [&] {
    auto definition = std::make_shared<const XFormDefinition>(loadXForm(formFile.string()));
    auto session = std::make_unique<FormSession>(definition);
    controls = session->controls().size();
    return session;
  });
  std::printf(
      "open 500-bind form + views    %8.2f ms  (CPU %.2f ms)  median of %d  (%zu top-level "
      "controls)\n",
      open.wallMs, open.cpuMs, runs, controls);

  auto definition = std::make_shared<const XFormDefinition>(loadXForm(formFile.string()));
  FormSession session(definition);
  std::vector<std::string> inputs;
  const std::function<void(const std::vector<ControlView>&)> collect =
      [&](const std::vector<ControlView>& views) {
        for (const ControlView& view : views) {
          if (view.kind == ControlKind::Input && !view.readonly &&
              (view.type == DataType::String || view.type == DataType::Int)) {
            inputs.push_back(view.path);
          }
          collect(view.children);
          collect(view.instances);
        }
      };
  collect(session.controls());
  std::vector<double> times;
  std::size_t changed = 0;
  for (int round = 0; round < 5; ++round) {
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      if (!session.relevant(inputs[i])) continue;  // hidden now: the clerk cannot answer it
      const auto start = Clock::now();
      const ChangeSet changes = session.setAnswer(inputs[i], std::to_string(round * 1000 + 17 + i));
      times.push_back(ms(Clock::now() - start));
      changed += changes.nodes.size();
    }
  }
  std::printf(
      "recalculation after an answer p50 %.3f ms  p95 %.3f ms  max %.3f ms  (%zu answers, %zu node "
      "changes)\n",
      percentile(times, 0.5), percentile(times, 0.95), percentile(times, 1.0), times.size(),
      changed);
}

}  // namespace

int main(int argc, char** argv) {
  const int matters = argc > 1 ? std::atoi(argv[1]) : 5000;
  const int binds = argc > 2 ? std::atoi(argv[2]) : 500;
  const int runs = argc > 3 ? std::atoi(argv[3]) : 7;
  const fs::path root = fs::temp_directory_path() / "onewindow-bench-forms";
  fs::remove_all(root);
  fs::create_directories(root);

  for (const int size : {560, matters}) {
    const fs::path dir = generate(root, size, binds);
    const auto bytes = fs::file_size(dir / "catalog.xml");
    const Timing load = medianMs(runs, [&] { return loadCatalog(dir / "catalog.xml"); });
    std::printf(
        "load catalog of %5d matters  %8.2f ms  (CPU %.2f ms)  median of %d  (%.1f MiB; first "
        "load in this process %.0f ms)\n",
        size, load.wallMs, load.cpuMs, runs, static_cast<double>(bytes) / (1024.0 * 1024.0),
        load.firstWallMs);
    if (size == matters) {
      const Catalog catalog = loadCatalog(dir / "catalog.xml");
      benchSearch(catalog, catalog.published);
      benchForm(dir / "forms" / "synthetic_form.xml", runs);
    }
  }
  fs::remove_all(root);
  return 0;
}
