// The default answers of Environment: no secondary instances, the real clock, no labels, a
// fixed seed for randomize().

#include "forms/expr.hpp"

namespace onewindow::forms::expr {

pugi::xml_node Environment::instance(std::string_view) const { return {}; }

std::chrono::system_clock::time_point Environment::now() const {
  return std::chrono::system_clock::now();
}

std::string Environment::choiceLabel(pugi::xml_node, std::string_view) const { return {}; }

ItemIndexes* Environment::itemIndexes() const { return nullptr; }

std::uint64_t Environment::randomSeed() const { return 20261127; }

}  // namespace onewindow::forms::expr
