// HEAD/PUT/PATCH /api/v1/materials/{sha256} on the real server (central/API.md §4.3-4.4).

#include <filesystem>

#include <catch2/catch.hpp>

#include "central_process.hpp"
#include "sync_test_helpers.hpp"
#include "temp_dir.hpp"

using namespace onewindow::test;

TEST_CASE("a whole material is stored once and HEAD then tells its size", "[central][process]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  StationClient station(central.port(), "station-a");
  const std::string bytes = "scanned page bytes";
  const std::string sha256 = sha256Of(bytes);

  const httplib::Result before = station.headMaterial(sha256);
  REQUIRE(before);
  CHECK(before->status == 404);
  CHECK(before->get_header_value("Upload-Offset") == "0");

  const httplib::Result put = station.putMaterial(bytes);
  REQUIRE(put);
  CHECK(put->status == 201);
  const httplib::Result again = station.putMaterial(bytes);
  REQUIRE(again);
  CHECK(again->status == 200);

  const httplib::Result after = station.headMaterial(sha256);
  REQUIRE(after);
  CHECK(after->status == 200);
  CHECK(after->get_header_value("Content-Length") == std::to_string(bytes.size()));
  CHECK(std::filesystem::exists(dir / "central-materials" / sha256.substr(0, 2) /
                                sha256.substr(2, 2) / sha256));
}

TEST_CASE("material names and hashes are checked", "[central][process]") {
  TempDir dir;
  CentralProcess central(dir / "central.db");
  central.start();
  StationClient station(central.port(), "station-a");

  const httplib::Result badName = station.putMaterial("x", "ABC");
  REQUIRE(badName);
  CHECK(badName->status == 400);
  CHECK(errorCodeOf(badName) == "material.bad_name");

  const httplib::Result mismatch = station.putMaterial("these bytes", sha256Of("other bytes"));
  REQUIRE(mismatch);
  CHECK(mismatch->status == 422);
  CHECK(errorCodeOf(mismatch) == "material.hash_mismatch");
  const httplib::Result head = station.headMaterial(sha256Of("other bytes"));
  REQUIRE(head);
  CHECK(head->status == 404);

  const httplib::Result noStation = station.client().Head(
      ("/api/v1/materials/" + sha256Of("x")).c_str(),
      httplib::Headers{{"Authorization", station.headers().find("Authorization")->second}});
  REQUIRE(noStation);
  CHECK(noStation->status == 400);
}

TEST_CASE("a chunked upload resumes where HEAD says after an interruption", "[central][process]") {
  TempDir dir;
  CentralProcess central(dir / "central.db", CentralOptions{true, {"--chunk-bytes", "8"}, {}, {}});
  central.start();
  StationClient station(central.port(), "station-a");
  const std::string bytes = "0123456789abcdefghijKLMNOP";  // 26 bytes: 4 chunks of 8
  const std::string sha256 = sha256Of(bytes);

  for (std::size_t offset : {0U, 8U}) {
    const httplib::Result chunk =
        station.patchChunk(sha256, offset, bytes.size(), bytes.substr(offset, 8));
    REQUIRE(chunk);
    CHECK(chunk->status == 204);
    CHECK(chunk->get_header_value("Upload-Offset") == std::to_string(offset + 8));
  }
  // "The connection broke": a new station process asks where to go on, after a restart too.
  central.restart();
  StationClient resumed(central.port(), "station-a");
  const httplib::Result head = resumed.headMaterial(sha256);
  REQUIRE(head);
  CHECK(head->status == 404);
  CHECK(head->get_header_value("Upload-Offset") == "16");

  const httplib::Result wrongOffset = resumed.patchChunk(sha256, 8, bytes.size(), "89abcdef");
  REQUIRE(wrongOffset);
  CHECK(wrongOffset->status == 409);
  CHECK(errorCodeOf(wrongOffset) == "material.offset_mismatch");
  CHECK(wrongOffset->get_header_value("Upload-Offset") == "16");

  const httplib::Result third = resumed.patchChunk(sha256, 16, bytes.size(), bytes.substr(16, 8));
  REQUIRE(third);
  CHECK(third->status == 204);
  const httplib::Result last = resumed.patchChunk(sha256, 24, bytes.size(), bytes.substr(24));
  REQUIRE(last);
  CHECK(last->status == 201);

  const httplib::Result done = resumed.headMaterial(sha256);
  REQUIRE(done);
  CHECK(done->status == 200);
  CHECK(done->get_header_value("Content-Length") == "26");
  CHECK_FALSE(std::filesystem::exists(dir / "central-uploads" / (sha256 + ".part")));
}

TEST_CASE("a chunked upload that does not verify is discarded", "[central][process]") {
  TempDir dir;
  CentralProcess central(dir / "central.db", CentralOptions{true, {"--chunk-bytes", "8"}, {}, {}});
  central.start();
  StationClient station(central.port(), "station-a");
  const std::string sha256 = sha256Of("the real content");
  REQUIRE(station.patchChunk(sha256, 0, 12, "not the rea")->status == 413);  // over chunk-bytes
  REQUIRE(station.patchChunk(sha256, 0, 12, "not the ")->status == 204);
  const httplib::Result last = station.patchChunk(sha256, 8, 12, "real");
  REQUIRE(last);
  CHECK(last->status == 422);
  CHECK(errorCodeOf(last) == "material.hash_mismatch");
  const httplib::Result head = station.headMaterial(sha256);
  REQUIRE(head);
  CHECK(head->get_header_value("Upload-Offset") == "0");
}

TEST_CASE("materials over max-material-bytes are refused with 413 material.too_large",
          "[central][process]") {
  TempDir dir;
  CentralProcess central(dir / "central.db",
                         CentralOptions{true, {"--max-material-bytes", "100"}, {}, {}});
  central.start();
  StationClient station(central.port(), "station-a");
  const std::string big(101, 'x');

  const httplib::Result put = station.putMaterial(big);
  REQUIRE(put);
  CHECK(put->status == 413);
  CHECK(errorCodeOf(put) == "material.too_large");
  const httplib::Result patch = station.patchChunk(sha256Of(big), 0, big.size(), "x");
  REQUIRE(patch);
  CHECK(patch->status == 413);
  CHECK(errorCodeOf(patch) == "material.too_large");

  // The connection is still good for the next request.
  const httplib::Result small = station.putMaterial(std::string(100, 'y'));
  REQUIRE(small);
  CHECK(small->status == 201);
}
