// ItemIndexes (forms/expr.hpp): secondary instances' items by a child's text, built once per
// (parent, item name, key) and kept while the owner lives.

#include <map>
#include <string>
#include <tuple>
#include <unordered_map>

#include "forms/expr.hpp"
#include "forms/expr_nodes.hpp"

namespace onewindow::forms::expr {

struct ItemIndexes::Impl {
  using Key = std::tuple<const void*, std::string, std::string>;
  std::map<Key, std::unordered_map<std::string, NodeSet>> indexes;
  NodeSet none;
};

ItemIndexes::ItemIndexes() : impl_(std::make_unique<Impl>()) {}
ItemIndexes::~ItemIndexes() = default;

const NodeSet& ItemIndexes::items(pugi::xml_node parent, std::string_view itemName,
                                  std::string_view key, std::string_view value) {
  Impl::Key id{parent.internal_object(), std::string(itemName), std::string(key)};
  auto found = impl_->indexes.find(id);
  if (found == impl_->indexes.end()) {
    std::unordered_map<std::string, NodeSet> index;
    for (auto item = parent.child(std::get<1>(id).c_str()); item;
         item = item.next_sibling(std::get<1>(id).c_str())) {
      // An item with the key child twice is listed under each of its values, once.
      for (auto field = item.child(std::get<2>(id).c_str()); field;
           field = field.next_sibling(std::get<2>(id).c_str())) {
        NodeSet& under = index[stringValue(pugi::xpath_node(field))];
        if (under.empty() || under.back() != pugi::xpath_node(item)) under.emplace_back(item);
      }
    }
    found = impl_->indexes.emplace(std::move(id), std::move(index)).first;
  }
  const auto hit = found->second.find(std::string(value));
  return hit == found->second.end() ? impl_->none : hit->second;
}

}  // namespace onewindow::forms::expr
