#include "forms/form_session.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <functional>
#include <random>
#include <set>
#include <sstream>
#include <unordered_map>

#include "forms/civil_date.hpp"
#include "forms/form_answer.hpp"
#include "forms/form_graph.hpp"

namespace onewindow::forms {
namespace {

using NodeKey = pugi::xml_node_struct*;

constexpr std::size_t kKinds = 8;
// jr:count beyond this is taken as a form error rather than a request for that many instances.
constexpr std::size_t kMaxRepeatCount = 500;

std::string randomInstanceId() {
  static thread_local std::mt19937_64 engine{std::random_device{}()};
  std::array<unsigned char, 16> bytes{};
  for (std::size_t i = 0; i < bytes.size(); i += 8) {
    const auto bits = engine();
    for (std::size_t j = 0; j < 8; ++j) bytes[i + j] = static_cast<unsigned char>(bits >> (8 * j));
  }
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "uuid:";
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 0x0F];
  }
  return out;
}

// ODK's dateTime text in China Standard Time: 2026-11-27T10:00:00.000+08:00.
std::string chinaDateTime(std::chrono::system_clock::time_point when) {
  using namespace std::chrono;
  const auto local = duration_cast<milliseconds>(when.time_since_epoch()) + hours{8};
  const auto dayMillis = static_cast<long long>(milliseconds{days{1}}.count());
  long long inDay = local.count() % dayMillis;
  if (inDay < 0) inDay += dayMillis;
  char clock[32];
  std::snprintf(clock, sizeof clock, "T%02lld:%02lld:%02lld.%03lld+08:00", inDay / 3600000,
                inDay / 60000 % 60, inDay / 1000 % 60, inDay % 1000);
  return chinaDate(when).iso() + clock;
}

void setText(pugi::xml_node node, std::string_view value) {
  while (node.first_child()) node.remove_child(node.first_child());
  if (!value.empty()) node.append_child(pugi::node_pcdata).set_value(std::string(value).c_str());
}

std::string textOf(pugi::xml_node node) {
  std::string out;
  for (auto child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      out += child.value();
    }
  }
  return out;
}

bool isAnswerable(ControlKind kind) {
  return kind == ControlKind::Input || kind == ControlKind::Select1 ||
         kind == ControlKind::Select || kind == ControlKind::Upload || kind == ControlKind::Range ||
         kind == ControlKind::Rank || kind == ControlKind::Trigger;
}

struct Step {
  std::string name;
  std::size_t index = 0;  // 0 = not given
};

// "/data/members[2]/name" → steps; nullopt when malformed.
std::optional<std::vector<Step>> parsePath(std::string_view path) {
  if (path.size() < 2 || path[0] != '/') return std::nullopt;
  std::vector<Step> steps;
  std::size_t at = 1;
  while (at <= path.size()) {
    auto end = path.find('/', at);
    if (end == std::string_view::npos) end = path.size();
    std::string_view step = path.substr(at, end - at);
    if (step.empty()) return std::nullopt;
    Step parsed;
    const auto bracket = step.find('[');
    if (bracket != std::string_view::npos) {
      if (step.back() != ']' || bracket == 0) return std::nullopt;
      const auto digits = step.substr(bracket + 1, step.size() - bracket - 2);
      if (digits.empty() || digits.size() > 6) return std::nullopt;
      std::size_t index = 0;
      for (const char c : digits) {
        if (c < '0' || c > '9') return std::nullopt;
        index = index * 10 + static_cast<std::size_t>(c - '0');
      }
      if (index == 0) return std::nullopt;
      parsed.index = index;
      step = step.substr(0, bracket);
    }
    parsed.name = std::string(step);
    steps.push_back(std::move(parsed));
    at = end + 1;
  }
  return steps;
}

}  // namespace

const NodeChange* ChangeSet::find(std::string_view path) const {
  for (const auto& change : nodes) {
    if (change.path == path) return &change;
  }
  return nullptr;
}

class FormSession::Impl : public expr::Environment {
 public:
  struct NodeState {
    int node = -1;  // generic node index
    bool selfRelevant = true;
    bool relevant = true;  // with the ancestors'
    bool selfReadonly = false;
    bool readonly = false;  // with the ancestors'
    bool required = false;
    bool constraintOk = true;
    std::array<std::string, kKinds> errors;  // an expression that failed, per ComputeKind
    bool itemsetKnown = false;
    std::vector<pugi::xml_node> items;  // itemset: the chosen item nodes
    std::vector<std::string> itemValues;
    std::string problem;
  };

  // What one call changed, per node, before it becomes a ChangeSet.
  struct Tracker {
    std::unordered_map<NodeKey, NodeChange> nodes;
    std::vector<std::string> repeats;
    std::unordered_map<NodeKey, bool> recheck;  // nodes whose problem may have changed
    NodeChange& at(pugi::xml_node node) { return nodes[node.internal_object()]; }
  };

  Impl(std::shared_ptr<const XFormDefinition> definition, SessionOptions options)
      : def_(std::move(definition)), options_(std::move(options)) {
    if (!def_) throw SessionError("no form definition");
    if (options_.language.empty()) {
      language_ = def_->defaultLanguage;
    } else {
      checkLanguage(options_.language);
      language_ = options_.language;
    }
    indexControls(def_->body);
  }

  // ---- construction -------------------------------------------------------------------------

  void startNew() {
    auto root = doc_.append_child(def_->primaryRoot().name());
    copyInstance(def_->primaryRoot(), root);
    Tracker ignored;
    initStates(root, -1, ignored);
    fillPreloads(true);
    for (const auto& action : def_->setValues) {
      if (!action.onFirstLoad) continue;
      const int node = def_->nodeIndex(action.ref);
      for (auto target : nodesOf(node)) applySetValue(action, target);
    }
    recalculateAll();
  }

  void resume(std::string_view xml) {
    pugi::xml_document draft;
    const auto parsed =
        draft.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!parsed) throw SessionError(std::string("the draft is not XML: ") + parsed.description());
    const auto draftRoot = draft.document_element();
    const auto formRoot = def_->primaryRoot();
    if (std::string_view(draftRoot.name()) != formRoot.name() ||
        std::string_view(draftRoot.attribute("id").value()) != def_->id) {
      throw SessionError("the draft is an instance of form '" +
                         std::string(draftRoot.attribute("id").value()) + "', not of '" + def_->id +
                         "'");
    }
    auto root = doc_.append_child(formRoot.name());
    for (auto attr : formRoot.attributes()) root.append_attribute(attr.name()) = attr.value();
    mergeDraft(0, formRoot, draftRoot, root);
    Tracker ignored;
    initStates(root, -1, ignored);
    fillPreloads(false);
    recalculateAll();
  }

  // ---- environment --------------------------------------------------------------------------

  [[nodiscard]] pugi::xml_node instance(std::string_view id) const override {
    const auto* document = def_->secondaryInstance(id);
    return document == nullptr ? pugi::xml_node{} : document->document_element();
  }

  [[nodiscard]] std::chrono::system_clock::time_point now() const override {
    return options_.clock ? options_.clock() : std::chrono::system_clock::now();
  }

  [[nodiscard]] std::string choiceLabel(pugi::xml_node selectNode,
                                        std::string_view value) const override {
    const auto* state = stateOf(selectNode);
    if (state == nullptr) return {};
    const Control* control = def_->nodes[static_cast<std::size_t>(state->node)].control;
    if (control == nullptr) return {};
    for (const auto& choice : choicesOf(*control, selectNode)) {
      if (choice.value == value) return choice.label;
    }
    return {};
  }

  // randomize() without a seed: one order for the whole session, not a new one per keystroke.
  [[nodiscard]] std::uint64_t randomSeed() const override { return randomSeed_; }

  // Cascades over long choice lists (a CSV of every community) look items up by the answer
  // above them; the definition, which owns those documents, outlives this session.
  [[nodiscard]] expr::ItemIndexes* itemIndexes() const override { return &itemIndexes_; }

  // ---- queries ------------------------------------------------------------------------------

  const XFormDefinition& definition() const { return *def_; }
  const std::string& language() const { return language_; }
  const pugi::xml_document& document() const { return doc_; }

  void setLanguage(std::string_view language) {
    checkLanguage(language);
    language_ = std::string(language);
    // Messages may come from itext: every problem is re-worded.
    forEachElement(doc_.document_element(),
                   [&](pugi::xml_node node) { stateOf(node)->problem = problemOf(node); });
  }

  std::vector<ControlView> controls() const {
    std::vector<ControlView> out;
    for (const auto& control : def_->body) {
      if (auto view = viewWithin(control, doc_.document_element())) out.push_back(std::move(*view));
    }
    return out;
  }

  ControlView control(std::string_view path) const {
    if (const auto repeat = resolveRepeat(path, false)) {
      return viewOf(*repeat->control, repeat->parent);
    }
    const auto node = resolve(path);
    if (!node) throw SessionError("no node at " + std::string(path));
    const auto& generic = def_->nodes[static_cast<std::size_t>(stateOf(node)->node)];
    if (generic.repeat && generic.control != nullptr) {  // one instance: "/data/members[2]"
      return instanceView(*generic.control, node, render(labelled(*generic.control).label, node));
    }
    if (generic.control != nullptr) return viewOf(*generic.control, node);
    if (const auto group = groups_.find(stateOf(node)->node); group != groups_.end()) {
      return viewOf(*group->second, node);
    }
    throw SessionError(std::string(path) + " has no control");
  }

  std::string value(std::string_view path) const { return textOf(require(path)); }
  bool relevant(std::string_view path) const { return stateOf(require(path))->relevant; }

  std::size_t repeatCount(std::string_view path) const {
    const auto repeat = resolveRepeat(path, true);
    return instancesOf(repeat->parent, repeat->node).size();
  }

  std::vector<Problem> problems() const {
    std::vector<Problem> out;
    forEachElement(doc_.document_element(), [&](pugi::xml_node node) {
      const auto* state = stateOf(node);
      if (!state->problem.empty()) out.push_back(problemFor(node, *state));
    });
    return out;
  }

  std::optional<Problem> problemAt(std::string_view path) const {
    const auto node = require(path);
    const auto* state = stateOf(node);
    if (state->problem.empty()) return std::nullopt;
    return problemFor(node, *state);
  }

  std::string instanceXml() const { return serialize(doc_); }

  std::string submissionXml() const {
    pugi::xml_document copy;
    copy.append_copy(doc_.document_element());
    clearNonRelevant(doc_.document_element(), copy.document_element());
    // jr:preload end: the moment the submission is written.
    for (const auto& bind : def_->binds) {
      if (bind.preload != Preload::End) continue;
      for (auto node : nodesOf(def_->nodeIndex(bind.nodeset))) {
        if (auto target = resolveIn(copy.document_element(), pathOf(node))) {
          setText(target, chinaDateTime(now()));
        }
      }
    }
    return serialize(copy);
  }

  std::vector<UploadSlot> uploadSlots() const {
    std::vector<UploadSlot> out;
    forEachElement(doc_.document_element(), [&](pugi::xml_node node) {
      const auto* state = stateOf(node);
      const auto& generic = def_->nodes[static_cast<std::size_t>(state->node)];
      if (generic.control == nullptr || generic.control->kind != ControlKind::Upload) return;
      UploadSlot slot;
      slot.path = pathOf(node);
      slot.materialKey = def_->binds[static_cast<std::size_t>(generic.bind)].materialKey;
      slot.label = render(generic.control->label, node);
      slot.mediatype = generic.control->mediatype;
      slot.required = state->required;
      slot.relevant = state->relevant;
      slot.value = textOf(node);
      out.push_back(std::move(slot));
    });
    return out;
  }

  // ---- changes ------------------------------------------------------------------------------

  ChangeSet setAnswer(std::string_view path, std::string_view text) {
    const auto node = require(path);
    const auto* state = stateOf(node);
    const auto& generic = def_->nodes[static_cast<std::size_t>(state->node)];
    if (generic.control == nullptr || !isAnswerable(generic.control->kind)) {
      throw SessionError(std::string(path) + " is not an answerable control");
    }
    const auto& bind = def_->binds[static_cast<std::size_t>(generic.bind)];
    if (bind.calculate) throw SessionError(std::string(path) + " is calculated");
    if (state->readonly) throw SessionError(std::string(path) + " is read-only");
    if (!state->relevant) throw SessionError(std::string(path) + " is not relevant");
    const std::string value = normalizedAnswer(bind.type, text);
    Tracker tracker;
    if (value != textOf(node)) {
      setText(node, value);
      std::set<std::size_t> pending;
      valueChanged(node, pending, tracker);
      recalculate(pending, tracker);
      runValueChangedActions(node, generic.path, tracker);
    }
    return finish(tracker);
  }

  // A node's value changed (an answer, an action): it is reported and rechecked, and what
  // depends on it is scheduled.
  void valueChanged(pugi::xml_node node, std::set<std::size_t>& pending, Tracker& tracker) {
    tracker.at(node).value = true;
    tracker.recheck[node.internal_object()] = true;
    schedule(pending, def_->graph().afterValueChange(stateOf(node)->node));
  }

  // Runs a setvalue on `target`; true (and scheduled) when the value changed.
  bool setByAction(const SetValue& action, pugi::xml_node target, std::set<std::size_t>& pending,
                   Tracker& tracker) {
    const std::string before = textOf(target);
    applySetValue(action, target);
    if (textOf(target) == before) return false;
    valueChanged(target, pending, tracker);
    return true;
  }

  // xforms-value-changed actions of the control just answered, after the answer's own
  // recalculation (as ODK runs them), each target then recalculated in turn. A target in a
  // repeat is the one in the same repeat instance as the answer.
  void runValueChangedActions(pugi::xml_node answered, const std::string& source,
                              Tracker& tracker) {
    for (const auto& action : def_->setValues) {
      if (!action.onValueChanged || action.source != source) continue;
      const auto target = nearestNode(answered, action.ref);
      std::set<std::size_t> pending;
      if (target && setByAction(action, target, pending, tracker)) recalculate(pending, tracker);
    }
  }

  // The node at generic path `path` nearest to `from`: through the repeat instances `from` is
  // in, then the first instance of any repeat below them.
  pugi::xml_node nearestNode(pugi::xml_node from, const std::string& path) {
    pugi::xml_node at = from;
    while (at.type() == pugi::node_element) {
      const std::string& here = def_->nodes[static_cast<std::size_t>(stateOf(at)->node)].path;
      if (path == here) return at;
      if (path.size() > here.size() && path.compare(0, here.size(), here) == 0 &&
          path[here.size()] == '/') {
        std::size_t step = here.size() + 1;
        while (at && step <= path.size()) {
          const auto end = std::min(path.find('/', step), path.size());
          at = at.child(path.substr(step, end - step).c_str());
          step = end + 1;
        }
        return at;
      }
      at = at.parent();
    }
    return {};
  }

  // odk-new-repeat actions of the repeat that gained `added`: a target inside the repeat is set
  // in the new instance (also for actions of a repeat nested in it, whose first instance came
  // with the template); a target elsewhere (a count of instances added) is the one nearest to
  // the new instance, and what reads it is recalculated.
  void runNewRepeatActions(pugi::xml_node added, std::set<std::size_t>& pending, Tracker& tracker) {
    const std::string& repeat = def_->nodes[static_cast<std::size_t>(stateOf(added)->node)].path;
    for (const auto& action : def_->setValues) {
      if (!action.onNewRepeat) continue;
      const bool inside = action.ref.size() > action.repeat.size() &&
                          action.ref.compare(0, action.repeat.size(), action.repeat) == 0 &&
                          action.ref[action.repeat.size()] == '/';
      if (inside) {
        forEachElement(added, [&](pugi::xml_node node) {
          if (def_->nodes[static_cast<std::size_t>(stateOf(node)->node)].path == action.ref) {
            applySetValue(action, node);
          }
        });
        continue;
      }
      if (action.repeat != repeat) continue;
      if (const auto target = nearestNode(added, action.ref))
        setByAction(action, target, pending, tracker);
    }
  }

  ChangeSet addRepeat(std::string_view path) {
    const auto repeat = resolveRepeat(path, true);
    checkAddRemove(*repeat->control, path);
    Tracker tracker;
    std::set<std::size_t> pending;
    runNewRepeatActions(appendInstance(repeat->parent, repeat->node, tracker), pending, tracker);
    schedule(pending, def_->graph().within(repeat->node));
    schedule(pending, def_->graph().afterStructureChange(repeat->node));
    recalculate(pending, tracker);
    tracker.repeats.push_back(repeatPathOf(repeat->parent, repeat->node));
    return finish(tracker);
  }

  ChangeSet removeRepeat(std::string_view path, std::size_t index) {
    const auto repeat = resolveRepeat(path, true);
    checkAddRemove(*repeat->control, path);
    const auto instances = instancesOf(repeat->parent, repeat->node);
    if (index == 0 || index > instances.size()) {
      throw SessionError(std::string(path) + " has no instance " + std::to_string(index));
    }
    Tracker tracker;
    removeInstance(instances[index - 1], tracker);
    std::set<std::size_t> pending;
    schedule(pending, def_->graph().afterStructureChange(repeat->node));
    recalculate(pending, tracker);
    tracker.repeats.push_back(repeatPathOf(repeat->parent, repeat->node));
    return finish(tracker);
  }

 private:
  struct RepeatRef {
    const Control* control = nullptr;
    pugi::xml_node parent;  // the concrete parent of the instances
    int node = -1;          // the repeat's generic node
  };

  // ---- structure ----------------------------------------------------------------------------

  void checkLanguage(std::string_view language) const {
    if (def_->languages.empty() && language.empty()) return;
    if (std::find(def_->languages.begin(), def_->languages.end(), language) ==
        def_->languages.end()) {
      throw SessionError("the form has no language '" + std::string(language) + "'");
    }
  }

  void indexControls(const std::vector<Control>& controls) {
    for (const auto& control : controls) {
      if (control.kind == ControlKind::Group && !control.ref.empty()) {
        groups_[def_->nodeIndex(control.ref)] = &control;
      }
      // pyxform labels a repeat through the group around it.
      if (control.kind == ControlKind::Group && control.children.size() == 1 &&
          control.children.front().kind == ControlKind::Repeat &&
          control.children.front().ref == control.ref) {
        repeatWrappers_[&control.children.front()] = &control;
      }
      indexControls(control.children);
    }
  }

  bool isTemplate(pugi::xml_node templateNode) const {
    return templateNodes().count(templateNode.internal_object()) != 0;
  }

  const std::set<NodeKey>& templateNodes() const {
    if (!templateNodesReady_) {
      for (const auto& node : def_->nodes) {
        if (!node.repeat) continue;
        const auto t = def_->repeatTemplate(node.path);
        // A template proper carries jr:template; a repeat without one uses its first instance,
        // which is also a real instance and must be copied.
        bool marked = false;
        for (auto attr : t.attributes()) {
          const std::string_view name = attr.name();
          if (name.size() >= 9 && name.substr(name.size() - 9) == ":template") marked = true;
        }
        if (marked) templateNodeSet_.insert(t.internal_object());
      }
      templateNodesReady_ = true;
    }
    return templateNodeSet_;
  }

  // Copies a template subtree without jr:template nodes and their attribute.
  void copyInstance(pugi::xml_node from, pugi::xml_node to) const {
    for (auto attr : from.attributes()) {
      const std::string_view name = attr.name();
      if (name.size() >= 9 && name.substr(name.size() - 9) == ":template") continue;
      to.append_attribute(attr.name()) = attr.value();
    }
    for (auto child : from.children()) {
      if (child.type() == pugi::node_element) {
        if (isTemplate(child)) continue;
        copyInstance(child, to.append_child(child.name()));
      } else if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
        to.append_child(pugi::node_pcdata).set_value(child.value());
      }
    }
  }

  // A draft onto the form's structure: the draft's values and repeat instances, the form's
  // elements (new fields get their defaults), nothing the form does not know.
  void mergeDraft(int generic, pugi::xml_node formNode, pugi::xml_node draftNode,
                  pugi::xml_node out) {
    const auto& node = def_->nodes[static_cast<std::size_t>(generic)];
    if (node.children.empty()) {
      setText(out, textOf(draftNode));
      return;
    }
    for (auto child : draftNode.children()) {
      if (child.type() != pugi::node_element) continue;
      const bool known = std::any_of(node.children.begin(), node.children.end(), [&](int c) {
        return def_->nodes[static_cast<std::size_t>(c)].name == child.name();
      });
      if (!known) {
        throw SessionError("the draft has " + node.path + "/" + child.name() +
                           ", which the form does not have");
      }
    }
    for (const int c : node.children) {
      const auto& childNode = def_->nodes[static_cast<std::size_t>(c)];
      if (childNode.repeat) {
        const auto templateNode = def_->repeatTemplate(childNode.path);
        for (auto draftChild : draftNode.children(childNode.name.c_str())) {
          auto made = out.append_child(childNode.name.c_str());
          mergeDraft(c, templateNode, draftChild, made);
        }
        continue;
      }
      const auto formChild = formNode.child(childNode.name.c_str());
      const auto draftChild = draftNode.child(childNode.name.c_str());
      auto made = out.append_child(childNode.name.c_str());
      if (draftChild) {
        mergeDraft(c, formChild, draftChild, made);
      } else {
        copyInstance(formChild, made);
      }
    }
  }

  // States for a new subtree; generic nodes found through the parent's children by name.
  void initStates(pugi::xml_node node, int parentGeneric, Tracker& tracker) {
    int generic = 0;
    if (parentGeneric >= 0) {
      generic = -1;
      for (const int c : def_->nodes[static_cast<std::size_t>(parentGeneric)].children) {
        if (def_->nodes[static_cast<std::size_t>(c)].name == node.name()) generic = c;
      }
      if (generic < 0) throw SessionError(std::string("unexpected element ") + node.name());
    }
    auto& state = states_[node.internal_object()];
    state = NodeState{};
    state.node = generic;
    const auto parentState = parentGeneric >= 0 ? stateOf(node.parent()) : nullptr;
    state.relevant = parentState == nullptr || parentState->relevant;
    state.readonly = parentState != nullptr && parentState->readonly;
    tracker.recheck[node.internal_object()] = true;
    for (auto child : node.children()) {
      if (child.type() == pugi::node_element) initStates(child, generic, tracker);
    }
    structureChanged_ = true;
  }

  // jr:preload: the instance id wherever it is missing; start and today on a new instance only.
  void fillPreloads(bool newInstance) {
    for (const auto& bind : def_->binds) {
      if (bind.preload == Preload::None || bind.preload == Preload::End) continue;
      if (bind.preload != Preload::Uid && !newInstance) continue;
      for (auto node : nodesOf(def_->nodeIndex(bind.nodeset))) {
        if (!textOf(node).empty()) continue;
        switch (bind.preload) {
          case Preload::Uid:
            setText(node, options_.newInstanceId ? options_.newInstanceId() : randomInstanceId());
            break;
          case Preload::Start:
            setText(node, chinaDateTime(now()));
            break;
          case Preload::Today:
            setText(node, chinaDate(now()).iso());
            break;
          case Preload::DeviceId:
            setText(node, options_.deviceId);
            break;
          case Preload::UserName:
            setText(node, options_.userName);
            break;
          default:
            break;
        }
      }
    }
  }

  void applySetValue(const SetValue& action, pugi::xml_node target) {
    std::string value = action.literal.value_or("");
    if (action.value) {
      try {
        value = action.value->evaluateString(context(target));
      } catch (const expr::EvalError&) {
        value.clear();  // as an empty default; the field stays answerable
      }
    }
    setText(target, value);
  }

  const std::vector<pugi::xml_node>& nodesOf(int generic) const {
    if (structureChanged_) {
      nodesByPath_.assign(def_->nodes.size(), {});
      forEachElement(doc_.document_element(), [&](pugi::xml_node node) {
        nodesByPath_[static_cast<std::size_t>(stateOf(node)->node)].push_back(node);
      });
      structureChanged_ = false;
    }
    return nodesByPath_[static_cast<std::size_t>(generic)];
  }

  std::vector<pugi::xml_node> instancesOf(pugi::xml_node parent, int repeatNode) const {
    std::vector<pugi::xml_node> out;
    const auto& name = def_->nodes[static_cast<std::size_t>(repeatNode)].name;
    for (auto child : parent.children(name.c_str())) out.push_back(child);
    return out;
  }

  pugi::xml_node appendInstance(pugi::xml_node parent, int repeatNode, Tracker& tracker) {
    const auto& generic = def_->nodes[static_cast<std::size_t>(repeatNode)];
    const auto instances = instancesOf(parent, repeatNode);
    pugi::xml_node made;
    if (!instances.empty()) {
      made = parent.insert_child_after(generic.name.c_str(), instances.back());
    } else {
      // Before the first sibling that follows the repeat in the form's order.
      const auto& siblings = def_->nodes[static_cast<std::size_t>(generic.parent)].children;
      auto position = std::find(siblings.begin(), siblings.end(), repeatNode);
      pugi::xml_node before;
      for (auto next = position + 1; next != siblings.end() && !before; ++next) {
        before = parent.child(def_->nodes[static_cast<std::size_t>(*next)].name.c_str());
      }
      made = before ? parent.insert_child_before(generic.name.c_str(), before)
                    : parent.append_child(generic.name.c_str());
    }
    copyInstance(def_->repeatTemplate(generic.path), made);
    initStates(made, generic.parent, tracker);
    return made;
  }

  void removeInstance(pugi::xml_node instance, Tracker& tracker) {
    forEachElement(instance, [&](pugi::xml_node node) {
      states_.erase(node.internal_object());
      tracker.nodes.erase(node.internal_object());
      tracker.recheck.erase(node.internal_object());
    });
    instance.parent().remove_child(instance);
    structureChanged_ = true;
  }

  // ---- recalculation ------------------------------------------------------------------------

  expr::Context context(pugi::xml_node node) const {
    expr::Context context;
    context.node = node;
    context.current = node;
    context.environment = this;
    return context;
  }

  static void schedule(std::set<std::size_t>& pending, const std::vector<std::size_t>& more) {
    pending.insert(more.begin(), more.end());
  }

  void recalculateAll() {
    Tracker tracker;
    std::set<std::size_t> pending;
    for (std::size_t c = 0; c < def_->graph().computations().size(); ++c) pending.insert(c);
    recalculate(pending, tracker);
    forEachElement(doc_.document_element(),
                   [&](pugi::xml_node node) { stateOf(node)->problem = problemOf(node); });
  }

  void recalculate(std::set<std::size_t>& pending, Tracker& tracker) {
    const auto& computations = def_->graph().computations();
    while (!pending.empty()) {
      const auto index = *pending.begin();
      pending.erase(pending.begin());
      const auto& computation = computations[index];
      if (computation.kind == ComputeKind::RepeatCount) {
        const int parent = def_->nodes[static_cast<std::size_t>(computation.node)].parent;
        const auto parents = nodesOf(parent);  // a copy: instances change under us
        for (auto node : parents) runRepeatCount(computation, node, pending, tracker);
        continue;
      }
      const auto targets = nodesOf(computation.node);
      for (auto node : targets) run(computation, node, pending, tracker);
    }
    for (const auto& [key, yes] : tracker.recheck) {
      pugi::xml_node node(key);
      auto* state = stateOf(node);
      if (state == nullptr) continue;
      std::string problem = problemOf(node);
      if (problem != state->problem) {
        state->problem = std::move(problem);
        tracker.at(node).validity = true;
      }
    }
    tracker.recheck.clear();
  }

  template <typename F>
  bool guarded(NodeState& state, ComputeKind kind, pugi::xml_node node, Tracker& tracker,
               F&& evaluate) {
    auto& error = state.errors[static_cast<std::size_t>(kind)];
    try {
      evaluate();
      if (!error.empty()) {
        error.clear();
        tracker.recheck[node.internal_object()] = true;
      }
      return true;
    } catch (const expr::EvalError& e) {
      if (error != e.what()) {
        error = e.what();
        tracker.recheck[node.internal_object()] = true;
      }
      return false;
    }
  }

  void run(const Computation& computation, pugi::xml_node node, std::set<std::size_t>& pending,
           Tracker& tracker) {
    auto* state = stateOf(node);
    const auto ctx = context(node);
    switch (computation.kind) {
      case ComputeKind::Calculate: {
        std::string value;
        if (!guarded(*state, computation.kind, node, tracker,
                     [&] { value = computation.expression->evaluateString(ctx); })) {
          value.clear();
        }
        if (value != textOf(node)) {
          setText(node, value);
          tracker.at(node).value = true;
          tracker.recheck[node.internal_object()] = true;
          schedule(pending, def_->graph().afterValueChange(computation.node));
        }
        break;
      }
      case ComputeKind::Relevant: {
        bool relevant = true;
        guarded(*state, computation.kind, node, tracker,
                [&] { relevant = computation.expression->evaluateBoolean(ctx); });
        if (relevant != state->selfRelevant) {
          state->selfRelevant = relevant;
          propagateInherited(node, tracker);
        }
        break;
      }
      case ComputeKind::Readonly: {
        bool readonly = false;
        guarded(*state, computation.kind, node, tracker,
                [&] { readonly = computation.expression->evaluateBoolean(ctx); });
        if (readonly != state->selfReadonly) {
          state->selfReadonly = readonly;
          propagateInherited(node, tracker);
        }
        break;
      }
      case ComputeKind::Required: {
        bool required = false;
        guarded(*state, computation.kind, node, tracker,
                [&] { required = computation.expression->evaluateBoolean(ctx); });
        if (required != state->required) {
          state->required = required;
          tracker.at(node).required = true;
          tracker.recheck[node.internal_object()] = true;
        }
        break;
      }
      case ComputeKind::Constraint: {
        bool ok = true;
        if (!textOf(node).empty()) {
          if (!guarded(*state, computation.kind, node, tracker,
                       [&] { ok = computation.expression->evaluateBoolean(ctx); })) {
            ok = true;  // the failure itself is the problem reported
          }
        } else {
          state->errors[static_cast<std::size_t>(computation.kind)].clear();
        }
        if (ok != state->constraintOk) {
          state->constraintOk = ok;
          tracker.recheck[node.internal_object()] = true;
        }
        break;
      }
      case ComputeKind::Itemset: {
        std::vector<pugi::xml_node> items;
        std::vector<std::string> values;
        guarded(*state, computation.kind, node, tracker,
                [&] { evaluateItemset(*computation.control->itemset, node, items, values); });
        if (!state->itemsetKnown || values != state->itemValues) {
          if (state->itemsetKnown) tracker.at(node).choices = true;
          tracker.recheck[node.internal_object()] = true;
        }
        state->items = std::move(items);
        state->itemValues = std::move(values);
        state->itemsetKnown = true;
        break;
      }
      case ComputeKind::Label:
        tracker.at(node).label = true;
        break;
      case ComputeKind::RepeatCount:
        break;  // handled by runRepeatCount
    }
  }

  void runRepeatCount(const Computation& computation, pugi::xml_node parent,
                      std::set<std::size_t>& pending, Tracker& tracker) {
    auto* state = stateOf(parent);
    double wanted = 0;
    guarded(*state, ComputeKind::RepeatCount, parent, tracker,
            [&] { wanted = computation.expression->evaluateNumber(context(parent)); });
    std::size_t count = 0;
    if (wanted == wanted && wanted > 0) {
      count = wanted >= static_cast<double>(kMaxRepeatCount) ? kMaxRepeatCount
                                                             : static_cast<std::size_t>(wanted);
    }
    auto instances = instancesOf(parent, computation.node);
    if (instances.size() == count) return;
    while (instances.size() < count) {
      const auto added = appendInstance(parent, computation.node, tracker);
      runNewRepeatActions(added, pending, tracker);
      instances.push_back(added);
    }
    while (instances.size() > count) {
      removeInstance(instances.back(), tracker);
      instances.pop_back();
    }
    schedule(pending, def_->graph().within(computation.node));
    schedule(pending, def_->graph().afterStructureChange(computation.node));
    tracker.repeats.push_back(repeatPathOf(parent, computation.node));
  }

  void evaluateItemset(const Itemset& itemset, pugi::xml_node node,
                       std::vector<pugi::xml_node>& items, std::vector<std::string>& values) const {
    const auto result = itemset.nodeset.evaluate(context(node));
    const auto& nodes = result.nodes();
    std::size_t position = 0;
    for (const auto& item : nodes) {
      ++position;
      expr::Context itemContext;
      itemContext.node = item.node();
      itemContext.position = position;
      itemContext.size = nodes.size();
      itemContext.current = node;
      itemContext.environment = this;
      std::string value = itemset.value.evaluateString(itemContext);
      if (value.empty()) continue;
      items.push_back(item.node());
      values.push_back(std::move(value));
    }
  }

  // Relevance and read-only are inherited: a node is relevant when it and all its ancestors
  // are; recomputed for the subtree whose own flag changed.
  void propagateInherited(pugi::xml_node node, Tracker& tracker) {
    const auto* parentState =
        node.parent().type() == pugi::node_element ? stateOf(node.parent()) : nullptr;
    auto* state = stateOf(node);
    const bool relevant = state->selfRelevant && (parentState == nullptr || parentState->relevant);
    const bool readonly = state->selfReadonly || (parentState != nullptr && parentState->readonly);
    if (relevant != state->relevant) {
      state->relevant = relevant;
      tracker.at(node).relevant = true;
      tracker.recheck[node.internal_object()] = true;
    }
    if (readonly != state->readonly) {
      state->readonly = readonly;
      tracker.at(node).readonly = true;
      tracker.recheck[node.internal_object()] = true;
    }
    for (auto child : node.children()) {
      if (child.type() != pugi::node_element) continue;
      const auto* childState = stateOf(child);
      const bool childRelevant = childState->selfRelevant && relevant;
      const bool childReadonly = childState->selfReadonly || readonly;
      if (childRelevant != childState->relevant || childReadonly != childState->readonly) {
        propagateInherited(child, tracker);
      }
    }
  }

  // ---- validation ---------------------------------------------------------------------------

  std::string problemOf(pugi::xml_node node) const {
    const auto* state = stateOf(node);
    if (!state->relevant) return {};
    for (std::size_t k = 0; k < kKinds; ++k) {
      if (state->errors[k].empty()) continue;
      return "The form cannot compute its " +
             std::string(computeKindName(static_cast<ComputeKind>(k))) + ": " + state->errors[k];
    }
    const auto& generic = def_->nodes[static_cast<std::size_t>(state->node)];
    if (generic.control == nullptr || !isAnswerable(generic.control->kind)) return {};
    const auto& bind = def_->binds[static_cast<std::size_t>(generic.bind)];
    const std::string value = textOf(node);
    if (value.empty()) {
      if (state->required && !state->readonly) {
        return message(bind.requiredMessage, node, "This answer is required.");
      }
      return {};
    }
    if (auto shape = answerShapeProblem(bind.type, value); !shape.empty()) return shape;
    // An acknowledgement is given ("OK", as ODK stores it) or not at all.
    if (generic.control->kind == ControlKind::Trigger && value != "OK")
      return "Acknowledge by ticking the box, or leave it empty.";
    if (generic.control->kind == ControlKind::Range) {
      if (!onScale(*generic.control, value))
        return "Choose a value on the scale: from its start to its end, in its steps.";
    }
    if (bind.type == DataType::Rank) {
      auto allowed = choiceValues(*generic.control, *state);
      auto given = splitValues(value);
      // Each distinct choice once: a list that repeats a value (a CSV can) offers it once.
      std::sort(allowed.begin(), allowed.end());
      allowed.erase(std::unique(allowed.begin(), allowed.end()), allowed.end());
      std::sort(given.begin(), given.end());
      if (given != allowed) return "Put every listed choice in order, each once.";
    }
    if (bind.type == DataType::Select1 || bind.type == DataType::Select) {
      const auto allowed = choiceValues(*generic.control, *state);
      for (const auto& token : splitValues(value)) {
        if (std::find(allowed.begin(), allowed.end(), token) == allowed.end()) {
          return bind.type == DataType::Select1
                     ? "Choose one of the listed choices."
                     : "'" + token + "' is not one of the listed choices.";
        }
      }
    }
    if (!state->constraintOk) {
      return message(bind.constraintMessage, node, "This answer is not accepted by the form.");
    }
    return {};
  }

  // A range's answer is start + k * step for a whole k, within the scale (either way round). A
  // decimal step is compared with a tolerance: 0.1 has no exact binary value.
  static bool onScale(const Control& control, const std::string& value) {
    double number = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (error != std::errc{} || end != value.data() + value.size()) return false;
    const double low = std::min(control.rangeStart, control.rangeEnd);
    const double high = std::max(control.rangeStart, control.rangeEnd);
    const double tolerance = control.rangeStep * 1e-9;
    if (number < low - tolerance || number > high + tolerance) return false;
    const double steps = (number - control.rangeStart) / control.rangeStep;
    return std::abs(steps - std::round(steps)) < 1e-6;
  }

  static std::vector<std::string> splitValues(const std::string& value) {
    std::vector<std::string> values;
    std::size_t at = 0;
    while (at < value.size()) {
      auto end = value.find(' ', at);
      if (end == std::string::npos) end = value.size();
      if (end > at) values.push_back(value.substr(at, end - at));
      at = end + 1;
    }
    return values;
  }

  std::vector<std::string> choiceValues(const Control& control, const NodeState& state) const {
    if (control.itemset) return state.itemValues;
    std::vector<std::string> values;
    for (const auto& item : control.items) values.push_back(item.value);
    return values;
  }

  std::string message(const TextRef& ref, pugi::xml_node node, std::string fallback) const {
    if (ref.empty()) return fallback;
    std::string text = render(ref, node);
    return text.empty() ? fallback : text;
  }

  Problem problemFor(pugi::xml_node node, const NodeState& state) const {
    Problem problem;
    problem.path = pathOf(node);
    const auto& generic = def_->nodes[static_cast<std::size_t>(state.node)];
    if (generic.control != nullptr) problem.label = render(generic.control->label, node);
    problem.message = state.problem;
    return problem;
  }

  // ---- rendering ----------------------------------------------------------------------------

  std::string render(const TextRef& ref, pugi::xml_node node) const {
    const RichText* text = def_->text(ref, language_);
    if (text == nullptr) return {};
    std::string out;
    for (const auto& piece : *text) {
      if (!piece.output) {
        out += piece.literal;
        continue;
      }
      try {
        out += piece.output->evaluateString(context(node));
      } catch (const expr::EvalError&) {
        // An output that cannot be computed shows nothing; the label stays readable.
      }
    }
    const auto first = out.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    const auto last = out.find_last_not_of(" \t\r\n");
    return out.substr(first, last - first + 1);
  }

  std::vector<ChoiceView> choicesOf(const Control& control, pugi::xml_node node) const {
    std::vector<ChoiceView> out;
    if (!control.itemset) {
      for (const auto& item : control.items) {
        out.push_back(ChoiceView{item.value, render(item.label, node)});
      }
      return out;
    }
    const auto* state = stateOf(node);
    for (std::size_t i = 0; i < state->items.size(); ++i) {
      expr::Context itemContext;
      itemContext.node = state->items[i];
      itemContext.position = i + 1;
      itemContext.size = state->items.size();
      itemContext.current = node;
      itemContext.environment = this;
      std::string label;
      try {
        if (control.itemset->labelItextId) {
          TextRef ref;
          ref.itextId = control.itemset->labelItextId->evaluateString(itemContext);
          label = render(ref, node);
        } else if (control.itemset->label) {
          label = control.itemset->label->evaluateString(itemContext);
        }
      } catch (const expr::EvalError&) {
        label.clear();
      }
      if (label.empty()) label = state->itemValues[i];
      out.push_back(ChoiceView{state->itemValues[i], std::move(label)});
    }
    return out;
  }

  // The concrete node of `control` (a child of a control whose node is `context`).
  pugi::xml_node locate(const std::string& genericPath, pugi::xml_node context) const {
    const auto& contextPath = def_->nodes[static_cast<std::size_t>(stateOf(context)->node)].path;
    if (genericPath.compare(0, contextPath.size(), contextPath) != 0) return {};
    pugi::xml_node at = context;
    std::size_t pos = contextPath.size();
    while (at && pos < genericPath.size()) {
      const auto next = genericPath.find('/', pos + 1);
      const auto end = next == std::string::npos ? genericPath.size() : next;
      at = at.child(genericPath.substr(pos + 1, end - pos - 1).c_str());
      pos = end;
    }
    return at;
  }

  std::optional<ControlView> viewWithin(const Control& control, pugi::xml_node context) const {
    if (control.ref.empty()) return viewOf(control, context, true);
    if (control.kind == ControlKind::Repeat || isRepeatGroup(control)) {
      const auto parentPath = control.ref.substr(0, control.ref.rfind('/'));
      const auto parent = locate(parentPath, context);
      if (!parent) return std::nullopt;
      return viewOf(control, parent);
    }
    const auto node = locate(control.ref, context);
    if (!node) return std::nullopt;
    return viewOf(control, node);
  }

  // The control whose label a control shows: pyxform labels a repeat through its group.
  const Control& labelled(const Control& control) const {
    const auto wrapper = repeatWrappers_.find(&control);
    return control.label.empty() && wrapper != repeatWrappers_.end() ? *wrapper->second : control;
  }

  // One repeat instance as a group of its controls.
  ControlView instanceView(const Control& repeat, pugi::xml_node instance,
                           const std::string& label) const {
    ControlView item;
    item.kind = ControlKind::Group;
    item.path = pathOf(instance);
    item.label = label;
    item.relevant = stateOf(instance)->relevant;
    item.readonly = stateOf(instance)->readonly;
    for (const auto& child : repeat.children) {
      if (auto childView = viewWithin(child, instance))
        item.children.push_back(std::move(*childView));
    }
    return item;
  }

  bool isRepeatGroup(const Control& control) const {
    if (control.kind != ControlKind::Group || control.ref.empty()) return false;
    return def_->nodes[static_cast<std::size_t>(def_->nodeIndex(control.ref))].repeat;
  }

  // `node`: the bound node; for a repeat (or a group wrapping one) the instances' parent; for
  // a group without ref, the node its children are relative to (`unbound`).
  ControlView viewOf(const Control& control, pugi::xml_node node, bool unbound = false) const {
    ControlView view;
    view.kind = control.kind;
    view.appearance = control.appearance;
    const auto* state = stateOf(node);
    const bool wrapsRepeat = control.kind == ControlKind::Repeat || isRepeatGroup(control);
    if (wrapsRepeat) {
      const int repeatNode = def_->nodeIndex(control.ref);
      view.path = repeatPathOf(node, repeatNode);
      view.relevant = state->relevant;
      view.readonly = state->readonly;
    } else if (!unbound) {
      view.path = pathOf(node);
      view.relevant = state->relevant;
      view.readonly = state->readonly;
      view.required = state->required;
      view.value = textOf(node);
      view.problem = state->problem;
    } else {
      view.relevant = state->relevant;
    }
    view.label = render(labelled(control).label, node);
    view.hint = render(labelled(control).hint, node);
    if (isAnswerable(control.kind)) {
      const auto& bind = def_->binds[static_cast<std::size_t>(
          def_->nodes[static_cast<std::size_t>(state->node)].bind)];
      view.type = bind.type;
      view.readonly = view.readonly || bind.calculate.has_value();
      if (control.kind == ControlKind::Select1 || control.kind == ControlKind::Select ||
          control.kind == ControlKind::Rank) {
        view.choices = choicesOf(control, node);
      }
      if (control.kind == ControlKind::Range) {
        view.rangeStart = control.rangeStart;
        view.rangeEnd = control.rangeEnd;
        view.rangeStep = control.rangeStep;
      }
      if (control.kind == ControlKind::Upload) {
        view.materialKey = bind.materialKey;
        view.mediatype = control.mediatype;
      }
    }
    if (control.kind == ControlKind::Repeat) {
      const int repeatNode = def_->nodeIndex(control.ref);
      view.canAddRemove = !control.repeatCount && !control.noAddRemove;
      for (auto instance : instancesOf(node, repeatNode)) {
        view.instances.push_back(instanceView(control, instance, view.label));
      }
      return view;
    }
    for (const auto& child : control.children) {
      if (auto childView = viewWithin(child, node)) {
        view.children.push_back(std::move(*childView));
      }
    }
    return view;
  }

  // ---- paths --------------------------------------------------------------------------------

  std::string pathOf(pugi::xml_node node) const {
    std::vector<pugi::xml_node> chain;
    for (auto at = node; at && at.type() == pugi::node_element; at = at.parent()) {
      chain.push_back(at);
    }
    std::string path;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      path += '/';
      path += it->name();
      const auto* state = stateOf(*it);
      if (state != nullptr && def_->nodes[static_cast<std::size_t>(state->node)].repeat) {
        std::size_t index = 1;
        for (auto sibling = it->previous_sibling(it->name()); sibling;
             sibling = sibling.previous_sibling(it->name())) {
          ++index;
        }
        path += '[' + std::to_string(index) + ']';
      }
    }
    return path;
  }

  std::string repeatPathOf(pugi::xml_node parent, int repeatNode) const {
    return pathOf(parent) + "/" + def_->nodes[static_cast<std::size_t>(repeatNode)].name;
  }

  pugi::xml_node resolve(std::string_view path) const {
    return resolveIn(doc_.document_element(), path);
  }

  static pugi::xml_node resolveIn(pugi::xml_node root, std::string_view path) {
    const auto steps = parsePath(path);
    if (!steps) return {};
    pugi::xml_node at = root;
    if (steps->front().name != at.name() || steps->front().index > 1) return {};
    for (std::size_t i = 1; i < steps->size() && at; ++i) {
      const auto& step = (*steps)[i];
      std::size_t wanted = step.index == 0 ? 1 : step.index;
      pugi::xml_node found;
      for (auto child : at.children(step.name.c_str())) {
        if (--wanted == 0) {
          found = child;
          break;
        }
      }
      at = found;
    }
    return at;
  }

  pugi::xml_node require(std::string_view path) const {
    const auto node = resolve(path);
    if (!node) throw SessionError("no node at " + std::string(path));
    return node;
  }

  std::optional<RepeatRef> resolveRepeat(std::string_view path, bool mustExist) const {
    const auto slash = path.rfind('/');
    const auto last = slash == std::string_view::npos ? path : path.substr(slash + 1);
    const bool indexed = last.find('[') != std::string_view::npos;
    pugi::xml_node parent;
    if (!indexed && slash != std::string_view::npos && slash > 0) {
      parent = resolve(path.substr(0, slash));
    }
    if (parent) {
      const int parentGeneric = stateOf(parent)->node;
      for (const int c : def_->nodes[static_cast<std::size_t>(parentGeneric)].children) {
        const auto& child = def_->nodes[static_cast<std::size_t>(c)];
        if (child.name == last && child.repeat && child.control != nullptr) {
          return RepeatRef{child.control, parent, c};
        }
      }
    }
    if (mustExist) throw SessionError(std::string(path) + " is not a repeat");
    return std::nullopt;
  }

  void checkAddRemove(const Control& control, std::string_view path) const {
    if (control.repeatCount) {
      throw SessionError(std::string(path) + " follows its jr:count; change the count instead");
    }
    if (control.noAddRemove)
      throw SessionError(std::string(path) + " has a fixed number of entries");
  }

  // ---- output -------------------------------------------------------------------------------

  static std::string serialize(const pugi::xml_document& document) {
    std::ostringstream out;
    document.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
    return out.str();
  }

  void clearNonRelevant(pugi::xml_node live, pugi::xml_node copy) const {
    if (!stateOf(live)->relevant) {
      forEachElement(copy, [](pugi::xml_node node) {
        for (auto child = node.first_child(); child;) {
          auto next = child.next_sibling();
          if (child.type() != pugi::node_element) node.remove_child(child);
          child = next;
        }
      });
      return;
    }
    auto copyChild = copy.first_child();
    for (auto child : live.children()) {
      while (copyChild && copyChild.type() != pugi::node_element) {
        copyChild = copyChild.next_sibling();
      }
      if (child.type() != pugi::node_element) continue;
      clearNonRelevant(child, copyChild);
      copyChild = copyChild.next_sibling();
    }
  }

  ChangeSet finish(Tracker& tracker) const {
    ChangeSet changes;
    if (!tracker.nodes.empty()) {
      forEachElement(doc_.document_element(), [&](pugi::xml_node node) {
        const auto found = tracker.nodes.find(node.internal_object());
        if (found == tracker.nodes.end()) return;
        NodeChange change = found->second;
        if (!(change.value || change.relevant || change.required || change.readonly ||
              change.validity || change.choices || change.label)) {
          return;
        }
        change.path = pathOf(node);
        changes.nodes.push_back(std::move(change));
      });
    }
    for (auto& repeat : tracker.repeats) {
      if (std::find(changes.repeats.begin(), changes.repeats.end(), repeat) ==
          changes.repeats.end()) {
        changes.repeats.push_back(std::move(repeat));
      }
    }
    return changes;
  }

  template <typename F>
  static void forEachElement(pugi::xml_node node, F&& visit) {
    if (!node) return;
    visit(node);
    for (auto child : node.children()) {
      if (child.type() == pugi::node_element) forEachElement(child, visit);
    }
  }

  NodeState* stateOf(pugi::xml_node node) {
    const auto found = states_.find(node.internal_object());
    return found == states_.end() ? nullptr : &found->second;
  }
  const NodeState* stateOf(pugi::xml_node node) const {
    const auto found = states_.find(node.internal_object());
    return found == states_.end() ? nullptr : &found->second;
  }

  std::shared_ptr<const XFormDefinition> def_;
  SessionOptions options_;
  std::string language_;
  pugi::xml_document doc_;
  std::unordered_map<NodeKey, NodeState> states_;
  std::unordered_map<int, const Control*> groups_;
  std::unordered_map<const Control*, const Control*> repeatWrappers_;
  mutable std::vector<std::vector<pugi::xml_node>> nodesByPath_;
  mutable bool structureChanged_ = true;
  mutable std::set<NodeKey> templateNodeSet_;
  mutable bool templateNodesReady_ = false;
  const std::uint64_t randomSeed_ =
      (std::uint64_t{std::random_device{}()} << 32) ^ std::random_device{}();
  mutable expr::ItemIndexes itemIndexes_;
};

FormSession::FormSession(std::shared_ptr<const XFormDefinition> definition, SessionOptions options)
    : impl_(std::make_unique<Impl>(std::move(definition), std::move(options))) {
  impl_->startNew();
}

FormSession::FormSession(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

FormSession FormSession::resume(std::shared_ptr<const XFormDefinition> definition,
                                std::string_view instanceXml, SessionOptions options) {
  auto impl = std::make_unique<Impl>(std::move(definition), std::move(options));
  impl->resume(instanceXml);
  return FormSession(std::move(impl));
}

FormSession::FormSession(FormSession&&) noexcept = default;
FormSession& FormSession::operator=(FormSession&&) noexcept = default;
FormSession::~FormSession() = default;

const XFormDefinition& FormSession::definition() const { return impl_->definition(); }
const std::string& FormSession::language() const { return impl_->language(); }
void FormSession::setLanguage(std::string_view language) { impl_->setLanguage(language); }
std::vector<ControlView> FormSession::controls() const { return impl_->controls(); }
ControlView FormSession::control(std::string_view path) const { return impl_->control(path); }
std::string FormSession::value(std::string_view path) const { return impl_->value(path); }
bool FormSession::relevant(std::string_view path) const { return impl_->relevant(path); }
ChangeSet FormSession::setAnswer(std::string_view path, std::string_view text) {
  return impl_->setAnswer(path, text);
}
ChangeSet FormSession::addRepeat(std::string_view repeatPath) {
  return impl_->addRepeat(repeatPath);
}
ChangeSet FormSession::removeRepeat(std::string_view repeatPath, std::size_t index) {
  return impl_->removeRepeat(repeatPath, index);
}
std::size_t FormSession::repeatCount(std::string_view repeatPath) const {
  return impl_->repeatCount(repeatPath);
}
std::vector<Problem> FormSession::problems() const { return impl_->problems(); }
std::optional<Problem> FormSession::problemAt(std::string_view path) const {
  return impl_->problemAt(path);
}
std::string FormSession::instanceXml() const { return impl_->instanceXml(); }
std::string FormSession::submissionXml() const { return impl_->submissionXml(); }
std::vector<UploadSlot> FormSession::uploadSlots() const { return impl_->uploadSlots(); }
const pugi::xml_document& FormSession::instance() const { return impl_->document(); }
const expr::Environment& FormSession::environment() const { return *impl_; }

}  // namespace onewindow::forms
