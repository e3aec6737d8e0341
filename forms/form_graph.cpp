#include "forms/form_graph.hpp"

#include <algorithm>
#include <functional>
#include <queue>

#include "forms/xform.hpp"

namespace onewindow::forms {
namespace {

using Indexes = std::vector<std::size_t>;

void sortUnique(Indexes& indexes) {
  std::sort(indexes.begin(), indexes.end());
  indexes.erase(std::unique(indexes.begin(), indexes.end()), indexes.end());
}

void collectDescendants(const std::vector<InstanceNode>& nodes, int node, std::vector<int>& out) {
  for (const int child : nodes[static_cast<std::size_t>(node)].children) {
    out.push_back(child);
    collectDescendants(nodes, child, out);
  }
}

// What a computation's result changes, for the order and for cycles:
// - a calculate changes its node's value, hence what readers of the node or of an ancestor see
//   (a repeat ancestor excepted: readers of a repeat read its instances, not their answers);
// - jr:count adds or removes nodes: readers of the repeat, its ancestors and everything below;
// - a relevant changes whether its node and everything below can be answered. Values stay, so
//   readers of ancestors are unaffected; but a relevant that reads its own node or one below it
//   (or a calculate fed by them) would lock the clerk out, so those readers depend on it and such
//   a form is a reported cycle.
bool writesValue(ComputeKind kind) { return kind == ComputeKind::Calculate; }
bool writesStructure(ComputeKind kind) { return kind == ComputeKind::RepeatCount; }
bool writesRelevance(ComputeKind kind) { return kind == ComputeKind::Relevant; }

}  // namespace

std::string_view computeKindName(ComputeKind kind) {
  switch (kind) {
    case ComputeKind::Calculate:
      return "calculate";
    case ComputeKind::Relevant:
      return "relevant";
    case ComputeKind::Required:
      return "required";
    case ComputeKind::Readonly:
      return "readonly";
    case ComputeKind::Constraint:
      return "constraint";
    case ComputeKind::Itemset:
      return "itemset";
    case ComputeKind::RepeatCount:
      return "jr:count";
    case ComputeKind::Label:
      return "label output";
  }
  return "calculate";
}

DependencyGraph::DependencyGraph(const std::vector<InstanceNode>& nodes,
                                 std::vector<Computation> computations) {
  const std::size_t nodeCount = nodes.size();
  const std::size_t count = computations.size();

  // Readers per node, in the loader's order for now.
  std::vector<Indexes> readers(nodeCount);
  for (std::size_t c = 0; c < count; ++c) {
    for (const int node : computations[c].reads) {
      readers[static_cast<std::size_t>(node)].push_back(c);
    }
  }
  // Readers of a node and of the ancestors whose string value contains it — but for a repeat:
  // what names a repeat (count(), position(..), indexed-repeat's repeat arguments) reads its
  // instances, not the answers in them, as in ODK. It follows the repeat's structure
  // (structureReaders), so a calculate inside a repeat that numbers its instance, position(..),
  // or counts the instances, count(../../r), is not its own cycle.
  auto valueReaders = [&](int node) {
    Indexes out;
    for (int at = node; at >= 0; at = nodes[static_cast<std::size_t>(at)].parent) {
      if (at != node && nodes[static_cast<std::size_t>(at)].repeat) continue;
      const auto& direct = readers[static_cast<std::size_t>(at)];
      out.insert(out.end(), direct.begin(), direct.end());
    }
    sortUnique(out);
    return out;
  };
  auto subtreeReaders = [&](int node, Indexes out) {
    std::vector<int> below;
    collectDescendants(nodes, node, below);
    for (const int d : below) {
      const auto& direct = readers[static_cast<std::size_t>(d)];
      out.insert(out.end(), direct.begin(), direct.end());
    }
    sortUnique(out);
    return out;
  };
  auto structureReaders = [&](int node) { return subtreeReaders(node, valueReaders(node)); };
  auto relevanceReaders = [&](int node) {
    return subtreeReaders(node, readers[static_cast<std::size_t>(node)]);
  };

  // Edges writer → reader.
  std::vector<Indexes> edges(count);
  for (std::size_t c = 0; c < count; ++c) {
    const auto kind = computations[c].kind;
    if (writesValue(kind)) edges[c] = valueReaders(computations[c].node);
    if (writesStructure(kind)) edges[c] = structureReaders(computations[c].node);
    if (writesRelevance(kind)) edges[c] = relevanceReaders(computations[c].node);
  }

  // Kahn's algorithm, lowest original index first so the order is stable.
  std::vector<std::size_t> indegree(count, 0);
  for (std::size_t c = 0; c < count; ++c) {
    for (const auto to : edges[c]) {
      if (to != c) ++indegree[to];
    }
  }
  std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
  for (std::size_t c = 0; c < count; ++c) {
    const bool selfLoop = std::find(edges[c].begin(), edges[c].end(), c) != edges[c].end();
    if (indegree[c] == 0 && !selfLoop) ready.push(c);
  }
  std::vector<std::size_t> order;
  std::vector<bool> placed(count, false);
  while (!ready.empty()) {
    const auto c = ready.top();
    ready.pop();
    order.push_back(c);
    placed[c] = true;
    for (const auto to : edges[c]) {
      if (to == c) continue;
      if (--indegree[to] == 0) {
        const bool selfLoop = std::find(edges[to].begin(), edges[to].end(), to) != edges[to].end();
        if (!selfLoop) ready.push(to);
      }
    }
  }

  // What is left sits on a cycle or downstream of one. Report each cycle once: from every
  // unplaced computation not yet on a reported cycle, search (breadth first, along unplaced
  // edges) the shortest way back to it.
  if (order.size() < count) {
    std::vector<bool> onReportedCycle(count, false);
    for (std::size_t start = 0; start < count; ++start) {
      if (placed[start] || onReportedCycle[start]) continue;
      std::vector<std::size_t> cameFrom(count, count);
      std::queue<std::size_t> frontier;
      frontier.push(start);
      bool back = false;
      std::size_t last = start;
      while (!frontier.empty() && !back) {
        const auto at = frontier.front();
        frontier.pop();
        for (const auto to : edges[at]) {
          if (placed[to]) continue;
          if (to == start) {
            back = true;
            last = at;
            break;
          }
          if (cameFrom[to] == count) {
            cameFrom[to] = at;
            frontier.push(to);
          }
        }
      }
      if (!back) continue;
      DependencyCycle cycle;
      for (auto at = last; at != start; at = cameFrom[at]) cycle.computations.push_back(at);
      cycle.computations.push_back(start);
      std::reverse(cycle.computations.begin(), cycle.computations.end());
      for (const auto c : cycle.computations) onReportedCycle[c] = true;
      cycles_.push_back(std::move(cycle));
    }
    for (std::size_t c = 0; c < count; ++c) {
      if (!placed[c]) order.push_back(c);
    }
  }

  // Renumber into topological order.
  std::vector<std::size_t> rank(count);
  for (std::size_t i = 0; i < count; ++i) rank[order[i]] = i;
  computations_.reserve(count);
  for (const auto c : order) computations_.push_back(std::move(computations[c]));
  for (auto& cycle : cycles_) {
    for (auto& c : cycle.computations) c = rank[c];
  }
  for (auto& list : readers) {
    for (auto& c : list) c = rank[c];
    sortUnique(list);
  }

  afterValue_.resize(nodeCount);
  afterStructure_.resize(nodeCount);
  within_.resize(nodeCount);
  for (std::size_t n = 0; n < nodeCount; ++n) {
    afterValue_[n] = valueReaders(static_cast<int>(n));
    afterStructure_[n] = structureReaders(static_cast<int>(n));
  }
  for (std::size_t c = 0; c < count; ++c) {
    for (int at = computations_[c].node; at >= 0; at = nodes[static_cast<std::size_t>(at)].parent) {
      within_[static_cast<std::size_t>(at)].push_back(c);
    }
  }
}

}  // namespace onewindow::forms
