#include "localdb/catalog_cache.hpp"

#include <fstream>
#include <span>
#include <stdexcept>
#include <system_error>

#include "localdb/sha256.hpp"

namespace onewindow::localdb {
namespace fs = std::filesystem;
namespace {

std::string hashOf(const std::string& body) {
  return sha256Hex(std::as_bytes(std::span{body.data(), body.size()}));
}

const char* kindOf(const std::string& path) { return path == "catalog.xml" ? "catalog" : "form"; }

// True when `file` exists and hashes to `sha256` (a materialised copy still intact).
bool intact(const fs::path& file, const std::string& sha256) {
  std::error_code error;
  if (!fs::is_regular_file(file, error)) return false;
  try {
    return sha256OfFile(file) == sha256;
  } catch (const HashFileError&) {
    return false;
  }
}

void writeFile(const fs::path& file, const std::string& body) {
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(body.data(), static_cast<std::streamsize>(body.size()));
  out.close();
  if (!out) throw std::runtime_error("cannot write the catalog file " + file.string());
}

}  // namespace

bool isSafeCatalogPath(const std::string& path) {
  if (path.empty() || path.size() > 200 || path.front() == '/' || path.back() == '/') return false;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    const std::string part = path.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    for (char c : part) {
      const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
      if (!allowed) return false;
    }
    start = end + 1;
  }
  return true;
}

std::optional<CatalogRelease> CatalogCache::activeRelease() {
  auto active = db_.prepare("SELECT release, published FROM catalog_active WHERE id = 1");
  if (!active.step()) return std::nullopt;
  CatalogRelease release{active.columnText(0), active.columnText(1), {}};
  auto files =
      db_.prepare("SELECT item_key, etag FROM catalog_cache WHERE version = ?1 ORDER BY item_key");
  files.bind(1, release.release);
  while (files.step()) release.files.push_back({files.columnText(0), files.columnText(1)});
  return release;
}

std::optional<std::string> CatalogCache::fileBody(const std::string& sha256) {
  auto select = db_.prepare("SELECT body FROM catalog_cache WHERE etag = ?1 LIMIT 1");
  select.bind(1, sha256);
  if (!select.step()) return std::nullopt;
  return select.columnText(0);
}

void CatalogCache::install(const CatalogRelease& release,
                           const std::map<std::string, std::string>& bodies,
                           const std::string& nowIso) {
  bool hasCatalog = false;
  for (const auto& file : release.files) {
    if (!isSafeCatalogPath(file.path)) {
      throw std::invalid_argument("the catalog release names an unsafe path '" + file.path + "'");
    }
    hasCatalog = hasCatalog || file.path == "catalog.xml";
  }
  if (!hasCatalog) throw std::invalid_argument("the catalog release has no catalog.xml");
  for (const auto& [sha256, body] : bodies) {
    if (hashOf(body) != sha256) {
      throw std::invalid_argument("a catalog file's content does not match its SHA-256 " + sha256);
    }
  }

  Transaction transaction(db_);
  for (const auto& file : release.files) {
    std::string body;
    if (const auto fetched = bodies.find(file.sha256); fetched != bodies.end()) {
      body = fetched->second;
    } else if (auto cached = fileBody(file.sha256)) {
      body = std::move(*cached);
    } else {
      throw std::invalid_argument("the body of " + file.path + " (" + file.sha256 +
                                  ") was neither fetched nor cached");
    }
    auto insert = db_.prepare(
        "INSERT INTO catalog_cache (kind, item_key, version, etag, effective_from, body, "
        "fetched_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
        "ON CONFLICT (kind, item_key, version) DO UPDATE SET etag = excluded.etag, "
        "body = excluded.body, fetched_at = excluded.fetched_at");
    insert.bind(1, kindOf(file.path))
        .bind(2, file.path)
        .bind(3, release.release)
        .bind(4, file.sha256)
        .bind(5, release.published)
        .bind(6, body)
        .bind(7, nowIso);
    insert.run();
  }
  auto active = db_.prepare(
      "INSERT INTO catalog_active (id, release, published, installed_at) VALUES (1, ?1, ?2, ?3) "
      "ON CONFLICT (id) DO UPDATE SET release = excluded.release, "
      "published = excluded.published, installed_at = excluded.installed_at");
  active.bind(1, release.release).bind(2, release.published).bind(3, nowIso);
  active.run();
  transaction.commit();
}

std::optional<fs::path> CatalogCache::materializeActive(const fs::path& root) {
  const auto release = activeRelease();
  if (!release) return std::nullopt;
  if (!isSafeCatalogPath(release->release)) {
    throw std::runtime_error("the active catalog release has an unusable name '" +
                             release->release + "'");
  }
  const fs::path directory = root / release->release;
  bool complete = true;
  for (const auto& file : release->files) {
    complete = complete && intact(directory / file.path, file.sha256);
  }
  if (complete) return directory / "catalog.xml";

  // Write a fresh copy beside it and swap, so a window never reads a half-written catalog.
  const fs::path staging = root / (release->release + ".partial");
  fs::remove_all(staging);
  for (const auto& file : release->files) {
    const auto body = fileBody(file.sha256);
    if (!body) throw std::runtime_error("the catalog store lost the body of " + file.path);
    writeFile(staging / file.path, *body);
  }
  fs::remove_all(directory);
  fs::rename(staging, directory);
  return directory / "catalog.xml";
}

}  // namespace onewindow::localdb
