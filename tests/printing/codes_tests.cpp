#include <cairo.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <numeric>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <sys/wait.h>

#include "printing/code128.hpp"
#include "printing/qr_code.hpp"

namespace printing = onewindow::printing;

namespace {

constexpr int kPixelsPerModule = 4;

struct Decoded {
  int exitCode = -1;
  std::string text;
};

// A PNG path of its own under the temporary directory, removed at the end of the test.
class ScratchPng {
 public:
  explicit ScratchPng(const std::string& name)
      : path_(std::filesystem::temp_directory_path() /
              ("onewindow-codes-" + std::to_string(getpid()) + "-" + name + ".png")) {}
  ~ScratchPng() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  ScratchPng(const ScratchPng&) = delete;
  ScratchPng& operator=(const ScratchPng&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

bool haveZbarimg() { return std::system("command -v zbarimg >/dev/null 2>&1") == 0; }

// Runs zbarimg on `png` with only `symbology` enabled; its stdout without the final newline.
// stderr (D-Bus noise) is dropped.
Decoded decode(const std::filesystem::path& png, const std::string& symbology) {
  const std::string command =
      "zbarimg -q --raw -Sdisable -S" + symbology + ".enable '" + png.string() + "' 2>/dev/null";
  Decoded decoded;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return decoded;
  char buffer[4096];
  std::size_t read = 0;
  while ((read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) decoded.text.append(buffer, read);
  const int status = pclose(pipe);
  decoded.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (!decoded.text.empty() && decoded.text.back() == '\n') decoded.text.pop_back();
  return decoded;
}

// Draws dark modules as black rectangles on white, the way the renderer will.
class Canvas {
 public:
  Canvas(int width, int height)
      : surface_(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height)),
        cairo_(cairo_create(surface_)) {
    cairo_set_source_rgb(cairo_, 1, 1, 1);
    cairo_paint(cairo_);
    cairo_set_source_rgb(cairo_, 0, 0, 0);
  }
  ~Canvas() {
    cairo_destroy(cairo_);
    cairo_surface_destroy(surface_);
  }
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;

  void rectangle(double x, double y, double width, double height) {
    cairo_rectangle(cairo_, x, y, width, height);
  }
  bool writePng(const std::filesystem::path& path) {
    cairo_fill(cairo_);
    cairo_surface_flush(surface_);
    return cairo_surface_write_to_png(surface_, path.c_str()) == CAIRO_STATUS_SUCCESS;
  }

 private:
  cairo_surface_t* surface_;
  cairo_t* cairo_;
};

void renderQr(const printing::QrMatrix& matrix, const std::filesystem::path& png) {
  constexpr int kQuiet = 4;
  const int side = (matrix.size + 2 * kQuiet) * kPixelsPerModule;
  Canvas canvas(side, side);
  for (int y = 0; y < matrix.size; ++y) {
    for (int x = 0; x < matrix.size; ++x) {
      if (matrix.at(x, y))
        canvas.rectangle((x + kQuiet) * kPixelsPerModule, (y + kQuiet) * kPixelsPerModule,
                         kPixelsPerModule, kPixelsPerModule);
    }
  }
  REQUIRE(canvas.writePng(png));
}

void renderCode128(const printing::Code128& code, const std::filesystem::path& png) {
  constexpr int kQuiet = 10;
  constexpr int kBarHeight = 60;
  constexpr int kMargin = 10;
  Canvas canvas((code.totalModules + 2 * kQuiet) * kPixelsPerModule, kBarHeight + 2 * kMargin);
  int x = kQuiet;
  for (std::size_t i = 0; i < code.modules.size(); ++i) {
    if (i % 2 == 0)
      canvas.rectangle(x * kPixelsPerModule, kMargin, code.modules[i] * kPixelsPerModule,
                       kBarHeight);
    x += code.modules[i];
  }
  REQUIRE(canvas.writePng(png));
}

void requireZbarimg() {
  if (!haveZbarimg())
    FAIL("zbarimg is not installed (package zbar-tools): the codes cannot be checked by decoding");
}

}  // namespace

TEST_CASE("codes: QR codes decode back to their text", "[printing][codes]") {
  requireZbarimg();
  const std::vector<std::string> texts{"https://zwfw.sz.gov.cn/v/P-20261127-0001?c=7K3Q",
                                       "深圳市罗湖区 受理通知书"};
  int index = 0;
  for (const std::string& text : texts) {
    INFO(text);
    const printing::QrMatrix matrix = printing::encodeQr(text);
    REQUIRE(matrix.size >= 21);
    REQUIRE(matrix.dark.size() == static_cast<std::size_t>(matrix.size * matrix.size));
    ScratchPng png("qr-" + std::to_string(index++));
    renderQr(matrix, png.path());
    const Decoded decoded = decode(png.path(), "qrcode");
    CHECK(decoded.exitCode == 0);
    CHECK(decoded.text == text);
  }
}

TEST_CASE("codes: QR levels, sizes and refusals", "[printing][codes]") {
  // Case-sensitive 8-bit data, smallest version: 17 bytes fit version 1 at L.
  const auto small = printing::encodeQr("abcdefghijklmnopq", printing::QrLevel::L);
  CHECK(small.size == 21);
  // The finder pattern's corner is dark, the separator next to it light.
  CHECK(small.at(0, 0));
  CHECK_FALSE(small.at(7, 0));
  CHECK(printing::encodeQr("x", printing::QrLevel::H).size == 21);
  CHECK(printing::encodeQr(std::string(200, 'a'), printing::QrLevel::H).size >
        printing::encodeQr(std::string(200, 'a'), printing::QrLevel::L).size);

  CHECK(printing::encodeQr(std::string(2331, 'a')).size == 177);
  CHECK_THROWS_WITH(printing::encodeQr(std::string(2332, 'a')),
                    "QR code: the text is too long (2332 bytes; at most 2331 fit at error "
                    "correction level M)");
  CHECK_THROWS_AS(printing::encodeQr(std::string(1274, 'a'), printing::QrLevel::H),
                  std::invalid_argument);
  // Non-ASCII text carries the UTF-8 ECI, which takes one byte of the capacity.
  std::string accented;
  for (int i = 0; i < 1165; ++i) accented += "é";
  CHECK(printing::encodeQr(accented).size == 177);
  CHECK_THROWS_WITH(printing::encodeQr("a" + accented),
                    "QR code: the text is too long (2331 bytes; at most 2330 fit at error "
                    "correction level M)");
  CHECK_THROWS_AS(printing::encodeQr(""), std::invalid_argument);
}

TEST_CASE("codes: Code 128 decodes back to its text", "[printing][codes]") {
  requireZbarimg();
  const std::vector<std::string> texts{"P2026112700001",
                                       "ABC-123 x",
                                       "12345678901234",
                                       "1234567",
                                       "A123456B",
                                       "x",
                                       "~ !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}"};
  int index = 0;
  for (const std::string& text : texts) {
    INFO(text);
    const printing::Code128 code = printing::encodeCode128(text);
    ScratchPng png("code128-" + std::to_string(index++));
    renderCode128(code, png.path());
    const Decoded decoded = decode(png.path(), "code128");
    CHECK(decoded.exitCode == 0);
    CHECK(decoded.text == text);
  }
}

TEST_CASE("codes: Code 128 code sets, check symbol and widths", "[printing][codes]") {
  // B for the letter and the odd digit, then C for the even rest of the trailing run.
  CHECK(printing::code128Codewords("P2026112700001") ==
        std::vector<int>{104, 48, 18, 99, 2, 61, 12, 70, 0, 1, 30});
  CHECK(printing::code128Codewords("ABC-123 x") ==
        std::vector<int>{104, 33, 34, 35, 13, 17, 18, 19, 0, 88, 38});
  // Digits only, even: start in C.
  CHECK(printing::code128Codewords("12345678901234") ==
        std::vector<int>{105, 12, 34, 56, 78, 90, 12, 34, 86});
  // Starts with 4 digits then letters: C, then back to B.
  CHECK(printing::code128Codewords("1234AB").at(0) == 105);
  CHECK(printing::code128Codewords("1234AB").at(3) == 100);
  // 3 leading digits are shorter in B; a middle run of 4 stays in B, of 6 goes in C.
  CHECK(printing::code128Codewords("123A").at(0) == 104);
  CHECK(printing::code128Codewords("A1234B").size() == 8);
  CHECK(printing::code128Codewords("A123456B") ==
        std::vector<int>{104, 33, 99, 12, 34, 56, 100, 34,
                         (104 + 33 + 2 * 99 + 3 * 12 + 4 * 34 + 5 * 56 + 6 * 100 + 7 * 34) % 103});

  // Every symbol is 11 modules of 3 bars and 3 spaces whose bars add up to an even number;
  // these texts use every value of code set B and C.
  std::string everyB;
  for (char c = ' '; c <= '~'; ++c) everyB.push_back(c);
  std::string everyC;
  for (int pair = 0; pair < 100; ++pair) {
    everyC.push_back(static_cast<char>('0' + pair / 10));
    everyC.push_back(static_cast<char>('0' + pair % 10));
  }
  for (const std::string& text : {everyB, everyC}) {
    const printing::Code128 code = printing::encodeCode128(text);
    const std::size_t symbols = printing::code128Codewords(text).size();
    REQUIRE(code.modules.size() == symbols * 6 + 7);
    CHECK(code.totalModules == std::accumulate(code.modules.begin(), code.modules.end(), 0));
    CHECK(code.totalModules == static_cast<int>(symbols) * 11 + 13);
    for (std::size_t s = 0; s < symbols; ++s) {
      const auto* widths = &code.modules[s * 6];
      INFO("symbol " << s);
      CHECK(widths[0] + widths[1] + widths[2] + widths[3] + widths[4] + widths[5] == 11);
      CHECK((widths[0] + widths[2] + widths[4]) % 2 == 0);
    }
  }
  const auto stop = printing::encodeCode128("x").modules;
  CHECK(std::vector<int>(stop.end() - 7, stop.end()) == std::vector<int>{2, 3, 3, 1, 1, 1, 2});
}

TEST_CASE("codes: Code 128 refuses what it cannot encode, naming the position",
          "[printing][codes]") {
  CHECK_THROWS_WITH(printing::encodeCode128("AB\tC"),
                    "Code 128: the character at position 3 (byte 0x09) of \"AB\tC\" is not "
                    "printable ASCII (32–126)");
  CHECK_THROWS_WITH(
      printing::encodeCode128("案件1"),
      Catch::Matchers::StartsWith("Code 128: the character at position 1 (byte 0xE6)"));
  CHECK_THROWS_AS(printing::encodeCode128("abc\x7f"), std::invalid_argument);
  CHECK_THROWS_AS(printing::encodeCode128(""), std::invalid_argument);
}
