// Expression::references(): the instance paths an expression reads, for the form's dependency
// graph. Paths are followed symbolically: each (sub)expression that yields nodes yields the
// paths of those nodes, and a path is recorded where its nodes' values are used.
//
// Path forms beyond plain child steps: "*" for any element, "@name" for an attribute,
// "a//b" for a descendant step (any depth), and "//b" when only the name is known
// (following:: and preceding:: axes). An expression too tangled to follow within a fixed
// budget (a crafted one: ancestor::* steps inside nested predicates) gets "//*", which
// depends on everything: slower recalculation, never a missed dependency.

#include <algorithm>
#include <set>

#include "forms/expr_ast.hpp"
#include "forms/expr_functions.hpp"

namespace onewindow::forms::expr {
namespace {

using Node = Expression::Node;

// Where nodes are: an absolute path ("" is the document root), or somewhere in a secondary
// instance (which never changes, so it is not a dependency).
struct Target {
  std::string path;
  bool secondary = false;
};

std::string parentOf(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? std::string{} : path.substr(0, slash);
}

std::string stepName(const Step& step) {
  switch (step.test) {
    case NodeTest::Name:
      return step.name;
    case NodeTest::PrefixAnyName:
      return step.name + "*";
    default:
      return "*";
  }
}

bool nameTest(const Step& step) { return step.test == NodeTest::Name; }

// The segments of an absolute path: "/a/b" → {"a", "b"}.
std::vector<std::string> segmentsOf(const std::string& path) {
  std::vector<std::string> segments;
  std::size_t at = 0;
  while (at < path.size()) {
    const auto slash = path.find('/', at + 1);
    const auto end = slash == std::string::npos ? path.size() : slash;
    segments.push_back(path.substr(at + 1, end - at - 1));
    at = end;
  }
  return segments;
}

bool operator<(const Target& a, const Target& b) {
  return a.secondary != b.secondary ? a.secondary < b.secondary : a.path < b.path;
}
bool operator==(const Target& a, const Target& b) {
  return a.secondary == b.secondary && a.path == b.path;
}

void sortUnique(std::vector<Target>& targets) {
  std::sort(targets.begin(), targets.end());
  targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
}

// Raised when an expression would take too long to follow (ancestor::* steps and nested
// predicates multiply the paths); references() then answers "//*": anything.
struct TooComplex {};
constexpr std::size_t kWorkBudget = 20'000;
constexpr std::size_t kMaxPaths = 1'000;

class Collector {
 public:
  explicit Collector(std::string currentPath) : currentPath_(std::move(currentPath)) {}

  // Records the paths of the nodes whose values `node` uses.
  void use(const Node& node, const Target& context) {
    spend();
    for (const auto& target : nodesOf(node, context)) record(target);
  }

  std::vector<std::string> result() const { return {paths_.begin(), paths_.end()}; }

 private:
  void spend() {
    if (++work_ > kWorkBudget) throw TooComplex{};
  }

  void record(const Target& target) {
    if (target.secondary) return;
    std::string path = target.path;
    while (path.size() > 1 && path.back() == '/') path.pop_back();  // a trailing "//" marker
    paths_.insert(path.empty() ? "/" : path);
    if (paths_.size() > kMaxPaths) throw TooComplex{};
  }

  // The nodes `node` yields (nothing when it is not a node-set); the paths it reads on the way
  // are recorded.
  std::vector<Target> nodesOf(const Node& node, const Target& context) {
    switch (node.kind) {
      case Node::Kind::Number:
      case Node::Kind::String:
        return {};
      case Node::Kind::Negate:
        use(node.operands.front(), context);
        return {};
      case Node::Kind::Chain: {
        if (node.operators.front() != Operator::Union) {
          for (const auto& operand : node.operands) use(operand, context);
          return {};
        }
        std::vector<Target> all;
        for (const auto& operand : node.operands) {
          auto some = nodesOf(operand, context);
          all.insert(all.end(), some.begin(), some.end());
        }
        return all;
      }
      case Node::Kind::FunctionCall:
        return callNodes(node, context);
      case Node::Kind::Path:
        return pathNodes(node, context);
    }
    return {};
  }

  std::vector<Target> callNodes(const Node& call, const Target& context) {
    const FunctionInfo& info = *call.function;
    if (info.role == FunctionRole::Current) return {Target{currentPath_, false}};
    if (info.role == FunctionRole::Instance) {
      for (const auto& argument : call.operands) use(argument, context);
      return {Target{{}, true}};
    }
    if (info.role == FunctionRole::Randomize) {
      // The same nodes in another order.
      for (std::size_t i = 1; i < call.operands.size(); ++i) use(call.operands[i], context);
      return nodesOf(call.operands.front(), context);
    }
    if (info.name == "if") {
      use(call.operands[0], context);
      auto yes = nodesOf(call.operands[1], context);
      auto no = nodesOf(call.operands[2], context);
      yes.insert(yes.end(), no.begin(), no.end());
      return yes;
    }
    for (const auto& argument : call.operands) use(argument, context);
    return {};
  }

  std::vector<Target> pathNodes(const Node& path, const Target& context) {
    std::vector<Target> targets;
    if (path.hasFilter()) {
      targets = nodesOf(path.operands.front(), context);
      for (const auto& target : targets) {
        for (const auto& predicate : path.filterPredicates) use(predicate, target);
      }
    } else if (path.absolute) {
      targets.push_back(Target{{}, false});  // "/" is the primary instance, even in predicates
    } else {
      targets.push_back(context);
    }
    for (const auto& step : path.steps) {
      std::vector<Target> next;
      for (const auto& target : targets) {
        spend();
        for (auto& reached : stepFrom(target, step)) next.push_back(std::move(reached));
      }
      sortUnique(next);
      for (const auto& reached : next) {
        for (const auto& predicate : step.predicates) use(predicate, reached);
      }
      targets = std::move(next);
    }
    return targets;
  }

  static std::vector<Target> stepFrom(const Target& from, const Step& step) {
    if (from.secondary) return {from};
    const std::string& path = from.path;
    // A path ending in '/' has just taken a descendant-or-self::node() step ("//").
    const bool afterDescendants = !path.empty() && path.back() == '/';
    switch (step.axis) {
      case Axis::Child:
        if (step.test == NodeTest::Text) return {from};  // an element's text is its value
        if (step.test == NodeTest::Comment || step.test == NodeTest::ProcessingInstruction) {
          return {};
        }
        return {Target{path + "/" + stepName(step), false}};
      case Axis::Attribute:
        return {Target{path + "/@" + stepName(step), false}};
      case Axis::Self:
        return {from};
      case Axis::Parent:
        return {Target{parentOf(path), false}};
      case Axis::DescendantOrSelf:
        if (step.test == NodeTest::AnyNode) {
          return {Target{afterDescendants ? path : path + "/", false}};
        }
        [[fallthrough]];
      case Axis::Descendant:
        return {Target{path + (afterDescendants ? "/" : "//") + stepName(step), false}};
      case Axis::Ancestor:
      case Axis::AncestorOrSelf:
        return ancestors(from, step);
      case Axis::FollowingSibling:
      case Axis::PrecedingSibling:
        return {Target{parentOf(path) + "/" + stepName(step), false}};
      case Axis::Following:
      case Axis::Preceding:
        return {Target{"//" + stepName(step), false}};
    }
    return {};
  }

  static std::vector<Target> ancestors(const Target& from, const Step& step) {
    const auto segments = segmentsOf(from.path);
    std::vector<Target> found;
    std::string prefix;
    const std::size_t last = step.axis == Axis::AncestorOrSelf
                                 ? segments.size()
                                 : segments.size() - (segments.empty() ? 0 : 1);
    if (step.test == NodeTest::AnyNode) found.push_back(Target{{}, false});  // the root
    for (std::size_t i = 0; i < last; ++i) {
      prefix += "/" + segments[i];
      const bool matches = !nameTest(step) || segments[i] == step.name;
      if (matches && step.test != NodeTest::Text && step.test != NodeTest::Comment &&
          step.test != NodeTest::ProcessingInstruction) {
        found.push_back(Target{prefix, false});
      }
    }
    return found;
  }

  std::string currentPath_;
  std::set<std::string> paths_;
  std::size_t work_ = 0;
};

std::string normalizedContext(std::string_view contextPath) {
  std::string path(contextPath);
  while (!path.empty() && path.back() == '/') path.pop_back();
  return path;
}

}  // namespace

std::vector<std::string> Expression::references(std::string_view contextPath) const {
  const std::string context = normalizedContext(contextPath);
  Collector collector(context);
  try {
    collector.use(*root_, Target{context, false});
  } catch (const TooComplex&) {
    return {"//*"};
  }
  return collector.result();
}

}  // namespace onewindow::forms::expr
