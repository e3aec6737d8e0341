#pragma once
// Intake forms loaded once and shared by everyone who checks answers against them: the
// workstation engine at finalize and decision, central's request threads for every submitted
// case. A file is read again only when its size or modification time changed (a new catalog
// release written over an old one). Thread-safe.

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>

#include "forms/xform.hpp"

namespace onewindow::forms {

class XFormCache {
 public:
  // Throws LoadError (every problem located) or std::runtime_error when the file is missing.
  [[nodiscard]] std::shared_ptr<const XFormDefinition> load(const std::filesystem::path& file);

 private:
  struct Entry {
    std::filesystem::file_time_type modified;
    std::uintmax_t size = 0;
    std::shared_ptr<const XFormDefinition> definition;
  };
  std::mutex mutex_;
  std::map<std::filesystem::path, Entry> entries_;
};

}  // namespace onewindow::forms
