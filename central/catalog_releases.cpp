#include "central/catalog_releases.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <set>
#include <span>
#include <sstream>

#include <pugixml.hpp>

#include "central/catalog_check.hpp"
#include "central/xml_reply.hpp"
#include "localdb/sha256.hpp"

namespace onewindow::central {
namespace {

std::string readWhole(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw CatalogPublishError(file.string() + ": cannot be read");
  std::ostringstream body;
  body << in.rdbuf();
  if (in.bad()) throw CatalogPublishError(file.string() + ": read failed");
  return body.str();
}

std::string hashOf(const std::string& body) {
  return localdb::sha256Hex(std::as_bytes(std::span{body.data(), body.size()}));
}

struct ReleaseFiles {
  CatalogManifest manifest;
  std::vector<std::string> bodies;  // parallel to manifest.files
};

ReleaseFiles collect(const std::filesystem::path& directory, const CatalogCheck& check) {
  ReleaseFiles release;
  release.manifest.release = check.release;
  release.manifest.published = check.published;
  std::set<std::string> paths{"catalog.xml"};
  paths.insert(check.formFiles.begin(), check.formFiles.end());
  paths.insert(check.mediaFiles.begin(), check.mediaFiles.end());
  for (const std::string& path : paths) {
    std::string body = readWhole(directory / path);
    release.manifest.files.push_back(CatalogFile{path, hashOf(body), body.size()});
    release.bodies.push_back(std::move(body));
  }
  return release;
}

std::vector<CatalogFile> filesOf(sql::Connection& db, const std::string& release) {
  auto select = db.prepare(
      "SELECT f.path, f.sha256, length(CAST(b.body AS BLOB)) FROM catalog_release_files f "
      "JOIN catalog_files b ON b.sha256 = f.sha256 WHERE f.release = ?1 ORDER BY f.path");
  select.bind(1, release);
  std::vector<CatalogFile> files;
  while (select.step()) {
    files.push_back(CatalogFile{select.columnText(0), select.columnText(1),
                                static_cast<std::uint64_t>(select.columnInt(2))});
  }
  return files;
}

bool sameFiles(const std::vector<CatalogFile>& a, const std::vector<CatalogFile>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const CatalogFile& x, const CatalogFile& y) {
                      return x.path == y.path && x.sha256 == y.sha256;
                    });
}

void makeCurrent(sql::Connection& db, const std::string& release) {
  auto current = db.prepare(
      "INSERT INTO catalog_current (only_row, release) VALUES (1, ?1) "
      "ON CONFLICT (only_row) DO UPDATE SET release = excluded.release");
  current.bind(1, release);
  current.run();
}

}  // namespace

PublishOutcome publishCatalog(sql::Connection& db, const std::filesystem::path& directory,
                              std::chrono::sys_seconds now, CatalogManifest* published,
                              std::vector<std::string>* notes) {
  const CatalogCheck check = checkCatalogDirectory(directory);
  if (notes != nullptr) *notes = check.notes;
  if (!check.problems.empty()) {
    std::string message = "the catalog in " + directory.string() + " cannot be published:";
    for (const std::string& problem : check.problems) message += "\n  " + problem;
    throw CatalogPublishError(message);
  }
  ReleaseFiles release = collect(directory, check);
  std::sort(release.manifest.files.begin(), release.manifest.files.end(),
            [](const CatalogFile& a, const CatalogFile& b) { return a.path < b.path; });
  if (published != nullptr) *published = release.manifest;

  sql::Transaction transaction(db);
  auto existing = db.prepare("SELECT 1 FROM catalog_releases WHERE release = ?1");
  existing.bind(1, release.manifest.release);
  if (existing.step()) {
    if (!sameFiles(filesOf(db, release.manifest.release), release.manifest.files)) {
      throw CatalogPublishError("release " + release.manifest.release +
                                " was published before with other content: give the catalog a "
                                "new release name");
    }
    makeCurrent(db, release.manifest.release);
    transaction.commit();
    return PublishOutcome::AlreadyPublished;
  }
  // Bodies were read before the hashes were taken; keep them paired by hash.
  for (std::size_t i = 0; i < release.bodies.size(); ++i) {
    auto file = db.prepare(
        "INSERT INTO catalog_files (sha256, body) VALUES (?1, ?2) ON CONFLICT DO NOTHING");
    file.bind(1, hashOf(release.bodies[i])).bindBlob(2, release.bodies[i]);
    file.run();
  }
  auto insertRelease = db.prepare(
      "INSERT INTO catalog_releases (release, published, published_at, manifest) "
      "VALUES (?1, ?2, ?3, ?4)");
  insertRelease.bind(1, release.manifest.release)
      .bind(2, release.manifest.published)
      .bind(3, static_cast<std::int64_t>(now.time_since_epoch().count()))
      .bind(4, manifestXml(release.manifest));
  insertRelease.run();
  for (const CatalogFile& file : release.manifest.files) {
    auto link =
        db.prepare("INSERT INTO catalog_release_files (release, path, sha256) VALUES (?1, ?2, ?3)");
    link.bind(1, release.manifest.release).bind(2, file.path).bind(3, file.sha256);
    link.run();
  }
  makeCurrent(db, release.manifest.release);
  transaction.commit();
  return PublishOutcome::Published;
}

std::optional<CatalogManifest> currentCatalog(sql::Connection& db) {
  auto select = db.prepare(
      "SELECT r.release, r.published FROM catalog_current c "
      "JOIN catalog_releases r ON r.release = c.release");
  if (!select.step()) return std::nullopt;
  CatalogManifest manifest{select.columnText(0), select.columnText(1), {}};
  manifest.files = filesOf(db, manifest.release);
  return manifest;
}

std::optional<std::string> catalogFileBody(sql::Connection& db, const std::string& sha256) {
  auto select = db.prepare("SELECT body FROM catalog_files WHERE sha256 = ?1");
  select.bind(1, sha256);
  if (!select.step()) return std::nullopt;
  return select.columnBlob(0);
}

std::filesystem::path writeOutRelease(sql::Connection& db, const CatalogManifest& manifest,
                                      const std::filesystem::path& root) {
  const std::filesystem::path directory = root / manifest.release;
  const std::filesystem::path marker = directory / ".complete";
  if (std::filesystem::exists(marker)) return directory / "catalog.xml";
  // Several central processes share the data directory (a district): each writes its own
  // staging directory, and the first rename wins; a later one finds the release in place.
  static std::atomic<unsigned> writes{0};
  const std::filesystem::path staging =
      root / (manifest.release + ".partial-" + std::to_string(::getpid()) + "-" +
              std::to_string(writes++));
  std::filesystem::remove_all(staging);
  for (const CatalogFile& file : manifest.files) {
    const auto body = catalogFileBody(db, file.sha256);
    if (!body) throw std::runtime_error("the catalog store lost " + file.path);
    std::filesystem::create_directories((staging / file.path).parent_path());
    std::ofstream out(staging / file.path, std::ios::binary | std::ios::trunc);
    out << *body;
    if (!out) throw std::runtime_error("cannot write " + (staging / file.path).string());
  }
  std::ofstream(staging / ".complete") << manifest.release << "\n";
  std::error_code taken;
  std::filesystem::rename(staging, directory, taken);
  if (taken) {
    if (std::filesystem::exists(marker)) {
      std::filesystem::remove_all(staging);  // another process wrote it meanwhile
      return directory / "catalog.xml";
    }
    std::filesystem::remove_all(directory);  // a torn write of a crashed process
    std::filesystem::rename(staging, directory);
  }
  return directory / "catalog.xml";
}

std::string manifestXml(const CatalogManifest& manifest) {
  pugi::xml_document document;
  pugi::xml_node root = document.append_child("catalog-release");
  root.append_attribute("release").set_value(manifest.release.c_str());
  root.append_attribute("published").set_value(manifest.published.c_str());
  for (const CatalogFile& file : manifest.files) {
    pugi::xml_node node = root.append_child("file");
    node.append_attribute("path").set_value(file.path.c_str());
    node.append_attribute("sha256").set_value(file.sha256.c_str());
    node.append_attribute("bytes").set_value(std::to_string(file.bytes).c_str());
  }
  return toXmlText(document);
}

}  // namespace onewindow::central
