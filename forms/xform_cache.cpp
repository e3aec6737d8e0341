#include "forms/xform_cache.hpp"

#include <stdexcept>

namespace onewindow::forms {

std::shared_ptr<const XFormDefinition> XFormCache::load(const std::filesystem::path& file) {
  std::error_code error;
  const auto modified = std::filesystem::last_write_time(file, error);
  if (error)
    throw std::runtime_error("the form " + file.string() + " cannot be read: " + error.message());
  const std::uintmax_t size = std::filesystem::file_size(file, error);
  {
    std::lock_guard lock(mutex_);
    const auto found = entries_.find(file);
    if (found != entries_.end() && found->second.modified == modified && found->second.size == size)
      return found->second.definition;
  }
  // Loaded outside the lock: two threads may both load a changed form; the second one wins.
  auto definition = std::make_shared<const XFormDefinition>(loadXForm(file.string()));
  std::lock_guard lock(mutex_);
  entries_[file] = Entry{modified, size, definition};
  return definition;
}

}  // namespace onewindow::forms
