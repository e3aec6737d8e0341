#pragma once
// The dependency graph of a form: every expression the runtime evaluates (calculate, relevant,
// required, readonly, constraint, itemsets, jr:count, label outputs), which instance nodes it
// reads (from Expression::references) and which it changes, in one topological order. Built
// once when the form loads: the loader reports cycles from it, and a session re-runs only the
// computations downstream of an answer.

#include <cstddef>
#include <string>
#include <vector>

#include "forms/expr.hpp"

namespace onewindow::forms {

struct Control;
struct InstanceNode;

enum class ComputeKind {
  Calculate,
  Relevant,
  Required,
  Readonly,
  Constraint,
  Itemset,
  RepeatCount,
  Label
};

struct Computation {
  ComputeKind kind = ComputeKind::Calculate;
  int node = -1;  // target node (generic path index); for RepeatCount the repeat's node
  const expr::Expression* expression = nullptr;  // none for Label (a label has several)
  const Control* control = nullptr;              // Itemset and Label
  std::vector<int> reads;                        // nodes read, sorted
};

// A cycle: the computations involved, in order (each one feeds the next, the last feeds the
// first).
struct DependencyCycle {
  std::vector<std::size_t> computations;
};

class DependencyGraph {
 public:
  // `nodes` gives the tree (parents, children) of the primary instance; computations are
  // sorted topologically (a cycle is broken at an arbitrary edge and reported in cycles()).
  DependencyGraph(const std::vector<InstanceNode>& nodes, std::vector<Computation> computations);

  [[nodiscard]] const std::vector<Computation>& computations() const { return computations_; }
  [[nodiscard]] const std::vector<DependencyCycle>& cycles() const { return cycles_; }

  // Computations (indexes, ascending = topological order) to re-run when the value of `node`
  // changed: readers of the node itself and of its ancestors (whose string value contains it),
  // except readers of a repeat, which read its instances (count, position), not their answers.
  [[nodiscard]] const std::vector<std::size_t>& afterValueChange(int node) const {
    return afterValue_[static_cast<std::size_t>(node)];
  }
  // …when instances of the repeat `node` were added or removed: readers of the repeat, its
  // ancestors and every node below it.
  [[nodiscard]] const std::vector<std::size_t>& afterStructureChange(int node) const {
    return afterStructure_[static_cast<std::size_t>(node)];
  }
  // Computations whose target lies at or below `node` (topological order): what a new repeat
  // instance must evaluate for its own nodes.
  [[nodiscard]] const std::vector<std::size_t>& within(int node) const {
    return within_[static_cast<std::size_t>(node)];
  }

 private:
  std::vector<Computation> computations_;
  std::vector<DependencyCycle> cycles_;
  std::vector<std::vector<std::size_t>> afterValue_;
  std::vector<std::vector<std::size_t>> afterStructure_;
  std::vector<std::vector<std::size_t>> within_;
};

[[nodiscard]] std::string_view computeKindName(ComputeKind kind);

}  // namespace onewindow::forms
