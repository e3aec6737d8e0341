#include "printing/document_data.hpp"

namespace onewindow::printing {

void DocumentData::set(std::string path, std::string value) {
  fields_.insert_or_assign(std::move(path), std::move(value));
}

const std::string* DocumentData::find(std::string_view path) const {
  const auto found = fields_.find(path);
  return found == fields_.end() ? nullptr : &found->second;
}

std::string DocumentData::valueOr(std::string_view path, std::string_view fallback) const {
  const std::string* value = find(path);
  return value ? *value : std::string(fallback);
}

std::vector<DocumentRow>& DocumentData::list(const std::string& name) { return lists_[name]; }

const std::vector<DocumentRow>* DocumentData::findList(std::string_view name) const {
  const auto found = lists_.find(name);
  return found == lists_.end() ? nullptr : &found->second;
}

} // namespace onewindow::printing
