#pragma once
// The catalog release central serves (the last one published), loaded with the forms library
// for the rules that read it on central: 秒批 (auto_approval) and the split of a bundle into
// sub-cases (bundle_routing). Loaded once per release and shared by the request threads.

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "central/sql/sql.hpp"
#include "forms/xform_cache.hpp"

namespace onewindow::forms {
struct Catalog;
}

namespace onewindow::central {

class CurrentCatalog {
 public:
  // `workDirectory`: where releases are written out for the loaders.
  explicit CurrentCatalog(std::filesystem::path workDirectory);

  // Null when no release is published. Throws forms::LoadError when the release on record no
  // longer loads (it did when it was published; a newer forms library may be stricter).
  [[nodiscard]] std::shared_ptr<const forms::Catalog> inEffect(sql::Connection& db);
  // The intake forms of the releases, loaded once (the rules and 秒批 share them).
  [[nodiscard]] forms::XFormCache& forms() { return forms_; }

 private:
  std::filesystem::path workDirectory_;
  std::mutex mutex_;
  std::string loadedRelease_;
  std::shared_ptr<const forms::Catalog> catalog_;
  forms::XFormCache forms_;
};

}  // namespace onewindow::central
