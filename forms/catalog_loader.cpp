// Reads catalog XML element by element, collecting every problem with its location rather
// than stopping at the first; cross-references (categories, calendars, bundle parts) are
// checked once the whole file has been read. See forms/README.md for the format.

#include "forms/catalog_loader.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <new>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "forms/catalog_codes.hpp"
#include "forms/catalog_xml_offsets.hpp"
#include "forms/diagnostics.hpp"

namespace onewindow::forms {
namespace {

constexpr std::string_view kNamespace = "urn:onewindow:catalog:1";

using Names = std::initializer_list<std::string_view>;

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool isBlank(std::string_view text) { return std::all_of(text.begin(), text.end(), isSpace); }

// The same for a value as pugixml gives it: usually decided at its first character, so it is
// not measured first.
bool isBlank(const char* text) {
  while (isSpace(*text)) ++text;
  return *text == '\0';
}

// `text` (NUL-terminated, as pugixml gives names and values) is `literal`, without measuring
// `text` first: most comparisons are decided at the first character.
bool equals(const char* text, std::string_view literal) {
  for (const char c : literal) {
    if (*text++ != c) return false;
  }
  return *text == '\0';
}

bool isIdentifier(std::string_view text) {
  if (text.empty()) return false;
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!letter(text[0])) return false;
  return std::all_of(text.begin(), text.end(), [&](char c) {
    return letter(c) || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

// Calls `onToken(token, offset)` for each space-separated token of `text`, with its byte
// offset there (no vector of them to allocate for a few words).
template <typename OnToken>
void forEachToken(std::string_view text, OnToken&& onToken) {
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && isSpace(text[i])) ++i;
    const auto start = i;
    while (i < text.size() && !isSpace(text[i])) ++i;
    if (i > start) onToken(text.substr(start, i - start), start);
  }
}

std::size_t countTokens(std::string_view text) {
  std::size_t count = 0;
  forEachToken(text, [&](std::string_view, std::size_t) { ++count; });
  return count;
}

std::string tag(pugi::xml_node node) { return std::string("<") + node.name() + ">"; }

// Hash maps keyed by std::string in which a string_view is looked up without a copy.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const {
    return std::hash<std::string_view>{}(text);
  }
};
template <typename Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

// A reference to check once the whole catalog is read.
struct PendingReference {
  pugi::xml_node element;
  pugi::xml_attribute attribute;
  std::string_view value;       // in the document, which outlives the checks
  std::size_t valueOffset = 0;  // where `value` starts inside the attribute's value
};

// Copied, never made: pugixml's constructors are calls into the shared library.
const pugi::xml_attribute kNoAttribute;

// An attribute an element may take, as allowOnly found it on the element (the first copy,
// when repeated). The value is kept here because pugixml's accessors are calls into the shared
// library too, and a catalog has hundreds of thousands of attributes.
struct Attribute {
  pugi::xml_node element;
  std::string_view name;
  pugi::xml_attribute xml = kNoAttribute;  // null when absent
  const char* value = nullptr;             // null when absent

  explicit operator bool() const { return value != nullptr; }
};

// Memory from pugixml's allocator, for a document to parse in place and free.
struct XmlBuffer {
  char* data = nullptr;
  std::size_t size = 0;

  static XmlBuffer allocate(std::size_t size) {
    auto* data = static_cast<char*>(pugi::get_memory_allocation_function()(size > 0 ? size : 1));
    if (data == nullptr) throw std::bad_alloc();
    return XmlBuffer{data, size};
  }
  void release() { pugi::get_memory_deallocation_function()(data); }
};

class Reader {
 public:
  // `buffer` is parsed in place (a catalog runs to megabytes: no second copy); pugixml's
  // offsets still index the text as read. `rawText` gives that text again for locating
  // problems, which only a broken catalog has.
  Reader(std::string file, XmlBuffer buffer, std::function<std::string()> rawText,
         std::filesystem::path directory)
      : file_(std::move(file)),
        buffer_(buffer),
        rawText_(std::move(rawText)),
        directory_(std::move(directory)) {}

  Catalog read() {
    pugi::xml_document document;
    // Comments, processing instructions and the DOCTYPE are skipped; entities and CDATA are
    // decoded; whitespace-only text is dropped so only real text reaches the checks.
    // The document takes the buffer over (and frees it).
    const auto result = document.load_buffer_inplace_own(buffer_.data, buffer_.size,
                                                         pugi::parse_default, pugi::encoding_utf8);
    if (!result) {
      problems_.push_back(source().at(static_cast<std::size_t>(result.offset),
                                      std::string("XML syntax error: ") + result.description()));
      throw LoadError(std::move(problems_));
    }
    catalog_.file = file_;
    const auto root = document.document_element();
    if (std::string_view(root.name()) != "catalog") {
      problem(root, "the root element is " + tag(root) + ", expected <catalog>");
    } else {
      readCatalog(root);
      checkReferences();
    }
    if (!problems_.empty()) {
      std::stable_sort(
          problems_.begin(), problems_.end(), [](const Diagnostic& left, const Diagnostic& right) {
            return std::tie(left.line, left.column) < std::tie(right.line, right.column);
          });
      throw LoadError(std::move(problems_));
    }
    return std::move(catalog_);
  }

 private:
  // ---- reporting -------------------------------------------------------------------------

  const SourceText& source() {
    if (!source_) source_.emplace(file_, rawText_());
    return *source_;
  }

  void problem(pugi::xml_node node, std::string message) {
    problems_.push_back(source().at(node, std::move(message)));
  }

  void problem(pugi::xml_node element, pugi::xml_attribute attribute, std::string message,
               std::size_t valueOffset = 0) {
    const auto raw = rawValueOffset(source().text(), element, attribute, valueOffset);
    problems_.push_back(source().at(element, attribute, std::move(message), raw));
  }

  // "attribute 'x' of <y>: what", located at the value (`valueOffset` bytes into it).
  void attributeProblem(pugi::xml_node element, pugi::xml_attribute attribute,
                        const std::string& what, std::size_t valueOffset = 0) {
    problem(element, attribute,
            "attribute '" + std::string(attribute.name()) + "' of " + tag(element) + ": " + what,
            valueOffset);
  }

  // ---- attributes ------------------------------------------------------------------------

  // The same for an attribute allowOnly found.
  void attributeProblem(const Attribute& attribute, const std::string& what,
                        std::size_t valueOffset = 0) {
    attributeProblem(attribute.element, attribute.xml, what, valueOffset);
  }

  // Every attribute of `element` must be among `names`; returns what it carries of each, in
  // the order of `names`, for the checks to take by structured binding: one pass over the
  // attribute list instead of a search by name for every value read.
  template <std::size_t N>
  std::array<Attribute, N> allowOnly(pugi::xml_node element, const std::string_view (&names)[N]) {
    auto found = slots(element, names, std::make_index_sequence<N>());
    findAttributes(element, found.data(), N);
    return found;
  }

  // Made from their parts: a default-constructed pugixml handle is a library call.
  template <std::size_t N, std::size_t... I>
  static std::array<Attribute, N> slots(pugi::xml_node element, const std::string_view (&names)[N],
                                        std::index_sequence<I...>) {
    return {Attribute{element, names[I]}...};
  }

  // The same for an element that takes no attribute.
  void allowNone(pugi::xml_node element) { findAttributes(element, nullptr, 0); }

  // Fills the `count` slots at `allowed` from the attributes of `element`, reporting unknown
  // and repeated ones.
  void findAttributes(pugi::xml_node element, Attribute* allowed, std::size_t count) {
    // Catalogs mostly write attributes in the order the format lists them, which is the order
    // of `allowed`: each search starts after the slot the previous name filled, so it usually
    // matches at once.
    std::size_t start = 0;
    for (auto attribute = element.first_attribute(); attribute;
         attribute = attribute.next_attribute()) {
      const char* name = attribute.name();
      Attribute* slot = nullptr;
      for (std::size_t tried = 0, i = start; tried < count;
           ++tried, i = i + 1 < count ? i + 1 : 0) {
        if (equals(name, allowed[i].name)) {
          slot = &allowed[i];
          start = i + 1 < count ? i + 1 : 0;
          break;
        }
      }
      bool repeated = false;
      if (slot != nullptr) {
        repeated = static_cast<bool>(*slot);
        if (!repeated) {
          slot->xml = attribute;
          slot->value = attribute.value();
        }
      } else {
        problem(element, attribute,
                "unknown attribute '" + std::string(name) + "' on " + tag(element));
        for (auto earlier = element.first_attribute(); earlier != attribute;
             earlier = earlier.next_attribute()) {
          if (std::strcmp(name, earlier.name()) == 0) {
            repeated = true;
            break;
          }
        }
      }
      // pugixml keeps both copies of a repeated attribute; the checks read only the first, so
      // the second must not pass unnoticed. Located at the element: attribute positions are
      // found by name, which would point at the first copy.
      if (repeated) {
        problem(element, "attribute '" + std::string(name) + "' is given twice on " + tag(element));
      }
    }
  }

  // An attribute found by name, where allowOnly's result is not at hand. Also for 'sample' on
  // the elements that do not take it: reported as unknown, its value has always been checked
  // too (text() read it wherever it read a text).
  static Attribute lookUp(pugi::xml_node element, const char* name) {
    Attribute found{element, name};
    if (const auto attribute = element.attribute(name)) {
      found.xml = attribute;
      found.value = attribute.value();
    }
    return found;
  }

  // Given and not blank.
  bool required(const Attribute& attribute) {
    if (!attribute) {
      problem(attribute.element, "missing attribute '" + std::string(attribute.name) + "' on " +
                                     tag(attribute.element));
      return false;
    }
    if (isBlank(attribute.value)) {
      attributeProblem(attribute, "is empty");
      return false;
    }
    return true;
  }

  std::string requiredString(const Attribute& attribute) {
    return required(attribute) ? std::string(attribute.value) : std::string();
  }

  std::string identifier(const Attribute& attribute) {
    if (!required(attribute)) return {};
    if (!isIdentifier(attribute.value)) {
      attributeProblem(attribute, "'" + std::string(attribute.value) +
                                      "' is not an identifier (ASCII letters, digits, '_' and '-', "
                                      "starting with a letter)");
    }
    return attribute.value;
  }

  std::optional<long long> integerValue(const Attribute& attribute, long long min, long long max) {
    const std::string_view text = attribute.value;
    long long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || text.empty()) {
      attributeProblem(attribute, "'" + std::string(text) + "' is not a whole number");
      return std::nullopt;
    }
    if (value < min || value > max) {
      attributeProblem(attribute, std::string(text) + " is outside " + std::to_string(min) + "-" +
                                      std::to_string(max));
      return std::nullopt;
    }
    return value;
  }

  std::optional<long long> requiredInteger(const Attribute& attribute, long long min,
                                           long long max) {
    if (!required(attribute)) return std::nullopt;
    return integerValue(attribute, min, max);
  }

  std::optional<CivilDate> requiredDate(const Attribute& attribute) {
    if (!required(attribute)) return std::nullopt;
    const auto date = CivilDate::parseIso(attribute.value);
    if (!date) {
      attributeProblem(attribute, "'" + std::string(attribute.value) +
                                      "' is not a date of the form YYYY-MM-DD that exists");
    }
    return date;
  }

  bool boolean(const Attribute& attribute) {
    if (!attribute) return false;
    if (equals(attribute.value, "true")) return true;
    if (!equals(attribute.value, "false")) {
      attributeProblem(attribute, "'" + std::string(attribute.value) + "' is not true or false");
    }
    return false;
  }

  // One of `choices`, as its index.
  std::optional<std::size_t> choice(const Attribute& attribute, Names choices) {
    if (!required(attribute)) return std::nullopt;
    const auto found = std::find_if(choices.begin(), choices.end(), [&](std::string_view option) {
      return equals(attribute.value, option);
    });
    if (found != choices.end()) return static_cast<std::size_t>(found - choices.begin());
    std::string list;
    for (const auto& option : choices) {
      if (!list.empty()) list += ", ";
      list += option;
    }
    attributeProblem(attribute, "'" + std::string(attribute.value) + "' is not one of " + list);
    return std::nullopt;
  }

  // zh (required), en, sample.
  Text text(const Attribute& zh, const Attribute& en, const Attribute& sample) {
    Text text;
    text.zh = requiredString(zh);
    if (en) text.en = en.value;
    text.sample = boolean(sample);
    return text;
  }

  Text textElement(pugi::xml_node element) {
    const auto [zh, en, sample] = allowOnly(element, {"zh", "en", "sample"});
    noChildren(element);
    return text(zh, en, sample);
  }

  // ---- children --------------------------------------------------------------------------

  // Calls `onElement` for each child element; it returns false for a name it does not take.
  template <typename OnElement>
  void children(pugi::xml_node element, OnElement&& onElement) {
    for (auto child = element.first_child(); child; child = child.next_sibling()) {
      const auto type = child.type();
      if (type == pugi::node_element) {
        if (!onElement(child)) {
          problem(child, "unknown element " + tag(child) + " in " + tag(element));
        }
      } else if ((type == pugi::node_pcdata || type == pugi::node_cdata) &&
                 !isBlank(child.value())) {
        problem(child, "unexpected text in " + tag(element));
      }
    }
  }

  void noChildren(pugi::xml_node element) {
    children(element, [](pugi::xml_node) { return false; });
  }

  // The text of an element that takes text and no child elements.
  std::string textContent(pugi::xml_node element) {
    std::string content;
    for (auto child = element.first_child(); child; child = child.next_sibling()) {
      if (child.type() == pugi::node_element) {
        problem(child, "unknown element " + tag(child) + " in " + tag(element));
      } else if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
        content += child.value();
      }
    }
    return content;
  }

  // True the first time; a second occurrence is reported.
  bool once(pugi::xml_node& slot, pugi::xml_node child, pugi::xml_node parent) {
    if (slot) {
      problem(child, "duplicate " + tag(child) + " in " + tag(parent) + " (first at line " +
                         std::to_string(source().at(slot, "").line) + ")");
      return false;
    }
    slot = child;
    return true;
  }

  void requireChild(pugi::xml_node slot, pugi::xml_node parent, const char* name) {
    if (!slot) problem(parent, "missing <" + std::string(name) + "> in " + tag(parent));
  }

  // Reports a second use of `key` in `seen`.
  // `describe()` names the thing in the message; called only when there is a problem.
  template <typename Describe>
  bool firstUse(StringMap<pugi::xml_node>& seen, const std::string& key, const Attribute& attribute,
                Describe describe) {
    if (key.empty()) return true;
    const auto [it, inserted] = seen.try_emplace(key, attribute.element);
    if (!inserted) {
      attributeProblem(attribute, "duplicate " + describe() + " (first at line " +
                                      std::to_string(source().at(it->second, "").line) + ")");
    }
    return inserted;
  }

  // The same for the few keys inside one matter (materials, questions, answers, rules, parts),
  // where a linear scan beats a hash map.
  using SmallSeen = std::vector<std::pair<std::string_view, pugi::xml_node>>;
  template <typename Describe>
  bool firstUse(SmallSeen& seen, std::string_view key, const Attribute& attribute,
                Describe describe) {
    if (key.empty()) return true;
    for (const auto& [used, at] : seen) {
      if (used == key) {
        attributeProblem(attribute, "duplicate " + describe() + " (first at line " +
                                        std::to_string(source().at(at, "").line) + ")");
        return false;
      }
    }
    seen.emplace_back(key, attribute.element);
    return true;
  }

  // ---- the catalog -----------------------------------------------------------------------

  void readCatalog(pugi::xml_node root) {
    const auto [xmlns, release, published, sample, publisher] =
        allowOnly(root, {"xmlns", "release", "published", "sample", "publisher"});
    if (!xmlns) {
      problem(root, "missing xmlns=\"" + std::string(kNamespace) + "\" on <catalog>");
    } else if (xmlns.value != kNamespace) {
      attributeProblem(xmlns, "namespace '" + std::string(xmlns.value) + "' is not '" +
                                  std::string(kNamespace) + "' (catalog format version 1)");
    }
    catalog_.release = requiredString(release);
    if (auto date = requiredDate(published)) catalog_.published = *date;
    catalog_.publisher = requiredString(publisher);
    catalog_.sample = boolean(sample);

    pugi::xml_node categories;
    catalog_.matters.reserve(countChildren(root, "matter"));
    children(root, [&](pugi::xml_node child) {
      const std::string_view name = child.name();
      if (name == "calendar") {
        readCalendar(child);
      } else if (name == "categories") {
        if (once(categories, child, root)) readCategories(child);
      } else if (name == "matter") {
        readMatter(child);
      } else if (name == "bundle") {
        readBundle(child);
      } else {
        return false;
      }
      return true;
    });
  }

  static std::size_t countChildren(pugi::xml_node element, const char* name) {
    std::size_t count = 0;
    for (auto child = element.child(name); child; child = child.next_sibling(name)) ++count;
    return count;
  }

  void readCalendar(pugi::xml_node element) {
    const auto [idAttribute, sampleAttribute] = allowOnly(element, {"id", "sample"});
    const auto id = identifier(idAttribute);
    firstUse(calendarIds_, id, idAttribute, [&] { return "calendar id '" + id + "'"; });
    const bool sample = boolean(sampleAttribute);
    std::vector<Holiday> holidays;
    std::vector<MakeUpWorkday> workdays;
    children(element, [&](pugi::xml_node child) {
      const std::string_view kind = child.name();
      if (kind == "holiday") {
        const auto [fromAttribute, toAttribute, zh, en, holidaySample] =
            allowOnly(child, {"from", "to", "zh", "en", "sample"});
        noChildren(child);
        const auto from = requiredDate(fromAttribute);
        const auto to = requiredDate(toAttribute);
        auto name = text(zh, en, holidaySample);
        if (from && to && *to < *from) {
          attributeProblem(toAttribute, to->iso() + " is before 'from' " + from->iso());
        } else if (from && to) {
          holidays.push_back(Holiday{*from, *to, std::move(name)});
        }
      } else if (kind == "workday") {
        const auto [dateAttribute, zh, en, workdaySample] =
            allowOnly(child, {"date", "zh", "en", "sample"});
        noChildren(child);
        const auto date = requiredDate(dateAttribute);
        auto name = text(zh, en, workdaySample);
        if (date && date->isoWeekday() < 6) {
          attributeProblem(dateAttribute, date->iso() +
                                              " is a weekday; a make-up workday is a "
                                              "Saturday or Sunday");
        } else if (date) {
          workdays.push_back(MakeUpWorkday{*date, std::move(name)});
        }
      } else {
        return false;
      }
      return true;
    });
    catalog_.calendars.emplace_back(id, std::move(holidays), std::move(workdays), sample);
  }

  void readCategories(pugi::xml_node element) {
    allowNone(element);
    children(element, [&](pugi::xml_node child) {
      if (std::string_view(child.name()) != "category") return false;
      const auto [id, parent, zh, en, sample] =
          allowOnly(child, {"id", "parent", "zh", "en", "sample"});
      noChildren(child);
      Category category;
      category.id = identifier(id);
      firstUse(categoryIds_, category.id, id, [&] { return "category id '" + category.id + "'"; });
      if (parent) {
        category.parent = parent.value;
        categoryParents_.push_back(PendingReference{child, parent.xml, parent.value});
      }
      category.name = text(zh, en, sample);
      catalog_.categories.push_back(std::move(category));
      return true;
    });
  }

  // ---- matters ---------------------------------------------------------------------------

  void readMatter(pugi::xml_node element) {
    const auto [basic, implementation, versionAttribute, effectiveAttribute, category, type, level,
                caseType, calendar, sample, certificate] =
        allowOnly(element, {"basic-code", "implementation-code", "version", "effective", "category",
                            "type", "level", "case-type", "calendar", "sample", "certificate"});
    Matter matter;
    if (required(basic)) {
      matter.basicCode = basic.value;
      if (const auto bad = basicCodeProblem(matter.basicCode)) {
        attributeProblem(basic, bad->message, bad->offset);
      }
    }
    if (required(implementation)) {
      matter.implementationCode = implementation.value;
      if (const auto bad = implementationCodeProblem(matter.implementationCode, matter.basicCode)) {
        attributeProblem(implementation, bad->message, bad->offset);
      }
    }
    const auto version = requiredInteger(versionAttribute, 1, 1'000'000);
    if (version) matter.version = static_cast<int>(*version);
    const auto effective = requiredDate(effectiveAttribute);
    if (effective) matter.effective = *effective;
    if (required(category)) {
      matter.category = category.value;
      references_.push_back(PendingReference{element, category.xml, category.value});
    }
    if (required(type)) {
      matter.type = type.value;
      static constexpr std::array<std::string_view, 14> kTypes = {
          "00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "20", "21"};
      if (std::find(kTypes.begin(), kTypes.end(), matter.type) == kTypes.end()) {
        attributeProblem(type, "'" + matter.type + "' is not a matter type code (00-11, 20, 21)");
      }
    }
    if (const auto value = requiredInteger(level, 1, 6)) matter.level = static_cast<int>(*value);
    if (const auto index = choice(caseType, {"1", "2", "3", "9"})) {
      static constexpr CaseType kCaseTypes[] = {CaseType::Immediate, CaseType::PromisedTime,
                                                CaseType::Joint, CaseType::Other};
      matter.caseType = kCaseTypes[*index];
    }
    if (required(calendar)) {
      matter.calendar = calendar.value;
      calendarReferences_.push_back(PendingReference{element, calendar.xml, calendar.value});
    }
    matter.sample = boolean(sample);
    if (certificate) {
      // The kind of a document template (printing/templates): lowercase words and hyphens.
      matter.certificateTemplate = certificate.value;
      const bool wellFormed =
          !matter.certificateTemplate.empty() &&
          std::all_of(
              matter.certificateTemplate.begin(), matter.certificateTemplate.end(),
              [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
      if (!wellFormed)
        attributeProblem(certificate, "'" + matter.certificateTemplate +
                                          "' is not a template kind (lowercase letters, digits, "
                                          "hyphens, e.g. business-licence)");
    }

    if (!matter.basicCode.empty() && version) {
      firstUse(
          matterVersions_, matter.basicCode + '#' + std::to_string(*version), versionAttribute,
          [&] { return "matter " + matter.basicCode + " version " + std::to_string(*version); });
    }
    if (!matter.basicCode.empty() && effective) {
      // The date as written is its iso(): parseIso takes YYYY-MM-DD only (and snprintf is slow).
      firstUse(matterEffective_, matter.basicCode + '@' + effectiveAttribute.value,
               effectiveAttribute, [&] {
                 return "effective date " + effective->iso() + " for matter " + matter.basicCode +
                        ": two versions cannot take effect on the same day";
               });
    }

    pugi::xml_node name, search, targets, flags, limits, guide, materials, scenarios, form, rules;
    std::vector<PendingReference> answerKeys;
    children(element, [&](pugi::xml_node child) {
      const std::string_view childName = child.name();
      if (childName == "name") {
        if (once(name, child, element)) matter.name = textElement(child);
      } else if (childName == "search") {
        if (once(search, child, element)) readSearch(child, matter.pinyin, matter.keywords);
      } else if (childName == "targets") {
        if (once(targets, child, element)) matter.targets = readTargets(child);
      } else if (childName == "flags") {
        if (once(flags, child, element)) matter.flags = readFlags(child);
      } else if (childName == "limits") {
        if (once(limits, child, element)) matter.limits = readLimits(child);
      } else if (childName == "guide") {
        if (once(guide, child, element)) matter.guide = readGuide(child);
      } else if (childName == "materials") {
        if (once(materials, child, element)) matter.materials = readMaterials(child);
      } else if (childName == "scenarios") {
        if (once(scenarios, child, element)) matter.scenarios = readScenarios(child, answerKeys);
      } else if (childName == "form") {
        if (once(form, child, element)) matter.form = readForm(child);
      } else if (childName == "rules") {
        if (once(rules, child, element)) matter.rules = readRules(child);
      } else {
        return false;
      }
      return true;
    });
    requireChild(name, element, "name");
    requireChild(targets, element, "targets");
    requireChild(limits, element, "limits");
    for (const auto& key : answerKeys) {
      if (matter.material(key.value) == nullptr) {
        attributeProblem(key.element, key.attribute,
                         "material '" + std::string(key.value) + "' is not a material of matter " +
                             matter.basicCode,
                         key.valueOffset);
      }
    }
    catalog_.matters.push_back(std::move(matter));
  }

  void readSearch(pugi::xml_node element, std::vector<std::string>& pinyin,
                  std::vector<std::string>& keywords) {
    const auto [pinyinAttribute, keywordsAttribute] = allowOnly(element, {"pinyin", "keywords"});
    noChildren(element);
    if (pinyinAttribute) {
      pinyin.reserve(countTokens(pinyinAttribute.value));
      // An init-capture: clang before 16 cannot capture a structured binding.
      forEachToken(pinyinAttribute.value, [&, &pinyinAttr = pinyinAttribute](std::string_view token,
                                                                             std::size_t offset) {
        const bool lowercase =
            std::all_of(token.begin(), token.end(), [](char c) { return c >= 'a' && c <= 'z'; });
        if (!lowercase) {
          attributeProblem(pinyinAttr,
                           "pinyin '" + std::string(token) + "' has characters other than a-z",
                           offset);
        }
        pinyin.emplace_back(token);
      });
    }
    if (keywordsAttribute) {
      keywords.reserve(countTokens(keywordsAttribute.value));
      forEachToken(keywordsAttribute.value,
                   [&](std::string_view token, std::size_t) { keywords.emplace_back(token); });
    }
  }

  std::vector<int> readTargets(pugi::xml_node element) {
    allowNone(element);
    const auto content = textContent(element);
    std::vector<int> targets;
    forEachToken(content, [&](std::string_view token, std::size_t) {
      if (token.size() != 1 || token[0] < '1' || token[0] > '6') {
        problem(element, "service target '" + std::string(token) + "' is not a code 1-6");
      } else if (const int code = token[0] - '0';
                 std::find(targets.begin(), targets.end(), code) != targets.end()) {
        problem(element, "service target " + std::string(token) + " is listed twice");
      } else {
        targets.push_back(code);
      }
    });
    if (isBlank(content)) problem(element, "<targets> names no service target");
    return targets;
  }

  MatterFlags readFlags(pugi::xml_node element) {
    const auto [autoApproval, gapAcceptance, eLicence, homeVisit, districtWide, immediate] =
        allowOnly(element, {"auto-approval", "gap-acceptance", "e-licence", "home-visit",
                            "district-wide", "immediate"});
    noChildren(element);
    MatterFlags flags;
    flags.autoApproval = boolean(autoApproval);
    flags.gapAcceptance = boolean(gapAcceptance);
    flags.eLicence = boolean(eLicence);
    flags.homeVisit = boolean(homeVisit);
    flags.districtWide = boolean(districtWide);
    flags.immediate = boolean(immediate);
    return flags;
  }

  std::optional<Limit> limit(const Attribute& number, const Attribute& unitName, bool sample) {
    const bool given = required(number);
    const auto unit = choice(unitName, {"working-day", "calendar-day", "immediate"});
    if (!given) return std::nullopt;
    const auto days = integerValue(number, 0, 100'000);
    if (!days || !unit) return std::nullopt;
    static constexpr LimitUnit kUnits[] = {LimitUnit::WorkingDay, LimitUnit::CalendarDay,
                                           LimitUnit::Immediate};
    const Limit result{static_cast<int>(*days), kUnits[*unit], sample};
    if (result.unit == LimitUnit::Immediate && result.days != 0) {
      attributeProblem(number, "an immediate limit is 0 days, got " + std::to_string(result.days));
      return std::nullopt;
    }
    return result;
  }

  MatterLimits readLimits(pugi::xml_node element) {
    const auto [legal, legalUnit, promisedAttribute, promisedUnit, sampleAttribute] =
        allowOnly(element, {"legal", "legal-unit", "promised", "promised-unit", "sample"});
    noChildren(element);
    MatterLimits limits;
    const bool sample = boolean(sampleAttribute);
    if (legal || legalUnit) limits.legal = limit(legal, legalUnit, sample);
    const auto promised = limit(promisedAttribute, promisedUnit, sample);
    if (promised) limits.promised = *promised;
    if (promised && limits.legal && promised->unit == limits.legal->unit &&
        promised->days > limits.legal->days) {
      attributeProblem(promisedAttribute, "the promised limit " + std::to_string(promised->days) +
                                              " is longer than the legal limit " +
                                              std::to_string(limits.legal->days));
    }
    return limits;
  }

  Guide readGuide(pugi::xml_node element) {
    const auto [sampleAttribute] = allowOnly(element, {"sample"});
    const bool sample = boolean(sampleAttribute);
    Guide guide;
    pugi::xml_node conditions, flow, fees, place, hours, phone, legalBasis;
    const auto single = [&](pugi::xml_node& slot, pugi::xml_node child, Text& into) {
      if (once(slot, child, element)) {
        into = textElement(child);
        into.sample = into.sample || sample;
      }
    };
    const auto list = [&](pugi::xml_node& slot, pugi::xml_node child, const char* itemName,
                          std::vector<Text>& into) {
      if (!once(slot, child, element)) return;
      allowNone(child);
      into.reserve(countChildren(child, itemName));
      children(child, [&](pugi::xml_node item) {
        if (std::string_view(item.name()) != itemName) return false;
        into.push_back(textElement(item));
        into.back().sample = into.back().sample || sample;
        return true;
      });
    };
    children(element, [&](pugi::xml_node child) {
      const std::string_view name = child.name();
      if (name == "conditions") {
        list(conditions, child, "item", guide.conditions);
      } else if (name == "flow") {
        list(flow, child, "step", guide.flow);
      } else if (name == "fees") {
        single(fees, child, guide.fees);
      } else if (name == "place") {
        single(place, child, guide.place);
      } else if (name == "hours") {
        single(hours, child, guide.hours);
      } else if (name == "legal-basis") {
        single(legalBasis, child, guide.legalBasis);
      } else if (name == "phone") {
        if (once(phone, child, element)) {
          const auto [phoneSample] = allowOnly(child, {"sample"});
          guide.phone.zh = textContent(child);
          if (isBlank(guide.phone.zh)) problem(child, "<phone> is empty");
          guide.phone.sample = boolean(phoneSample) || sample;
        }
      } else if (name == "faq") {
        guide.faq.push_back(readFaq(child, sample));
      } else {
        return false;
      }
      return true;
    });
    return guide;
  }

  FaqEntry readFaq(pugi::xml_node element, bool sample) {
    allowNone(element);
    FaqEntry entry;
    pugi::xml_node question, answer;
    children(element, [&](pugi::xml_node child) {
      const std::string_view name = child.name();
      if (name == "q") {
        if (once(question, child, element)) entry.question = textElement(child);
      } else if (name == "a") {
        if (once(answer, child, element)) entry.answer = textElement(child);
      } else {
        return false;
      }
      return true;
    });
    requireChild(question, element, "q");
    requireChild(answer, element, "a");
    entry.question.sample = entry.question.sample || sample;
    entry.answer.sample = entry.answer.sample || sample;
    return entry;
  }

  std::vector<Material> readMaterials(pugi::xml_node element) {
    allowNone(element);
    std::vector<Material> materials;
    materials.reserve(countChildren(element, "material"));
    SmallSeen keys;
    keys.reserve(materials.capacity());
    children(element, [&](pugi::xml_node child) {
      if (std::string_view(child.name()) != "material") return false;
      materials.push_back(readMaterial(child, keys));
      return true;
    });
    return materials;
  }

  // `keys`: the keys of the materials before it in the list, to report a repeated one.
  Material readMaterial(pugi::xml_node element, SmallSeen& keys) {
    const auto [key, role, originals, copies, medium, licence, sample] = allowOnly(
        element, {"key", "role", "originals", "copies", "medium", "e-licence-type", "sample"});
    Material material;
    material.key = identifier(key);
    // The key as written (even blank) counts for repeats, as it always has.
    const std::string_view written = key ? key.value : "";
    firstUse(keys, written, key, [&] { return "material key '" + std::string(written) + "'"; });
    if (const auto index = choice(role, {"main", "secondary"})) {
      material.role = *index == 0 ? MaterialRole::Main : MaterialRole::Secondary;
    }
    if (const auto value = requiredInteger(originals, 0, 1000)) {
      material.originals = static_cast<int>(*value);
    }
    if (const auto value = requiredInteger(copies, 0, 1000)) {
      material.copies = static_cast<int>(*value);
    }
    if (const auto index = choice(medium, {"paper", "electronic", "both"})) {
      static constexpr MaterialMedium kMedia[] = {MaterialMedium::Paper, MaterialMedium::Electronic,
                                                  MaterialMedium::Both};
      material.medium = kMedia[*index];
    }
    if (licence) {
      material.eLicenceType = licence.value;
      if (isBlank(material.eLicenceType)) attributeProblem(licence, "is empty");
    }
    material.sample = boolean(sample);
    pugi::xml_node name, note, scan;
    children(element, [&](pugi::xml_node child) {
      const std::string_view childName = child.name();
      if (childName == "name") {
        if (once(name, child, element)) material.name = textElement(child);
      } else if (childName == "note") {
        if (once(note, child, element)) material.note = textElement(child);
      } else if (childName == "scan") {
        if (once(scan, child, element)) material.scan = readScan(child);
      } else {
        return false;
      }
      return true;
    });
    requireChild(name, element, "name");
    requireChild(scan, element, "scan");
    return material;
  }

  ScanPolicy readScan(pugi::xml_node element) {
    const auto [dpi, colour, format, maxBytes, maxPageBytes, qualityFloor, layout, sample] =
        allowOnly(element, {"dpi", "colour", "format", "max-bytes", "max-page-bytes",
                            "quality-floor", "layout", "sample"});
    noChildren(element);
    ScanPolicy scan;
    if (const auto value = requiredInteger(dpi, 150, 600)) scan.dpi = static_cast<int>(*value);
    if (const auto index = choice(colour, {"colour", "grey", "bw"})) {
      static constexpr ScanColour kColours[] = {ScanColour::Colour, ScanColour::Grey,
                                                ScanColour::BlackWhite};
      scan.colour = kColours[*index];
    }
    if (const auto index = choice(format, {"pdf", "jpeg", "png", "tiff"})) {
      static constexpr ScanFormat kFormats[] = {ScanFormat::Pdf, ScanFormat::Jpeg, ScanFormat::Png,
                                                ScanFormat::Tiff};
      scan.format = kFormats[*index];
    }
    if (const auto value = requiredInteger(maxBytes, 1, 1LL << 40)) {
      scan.maxBytes = static_cast<std::uint64_t>(*value);
    }
    if (maxPageBytes) {
      if (const auto value = requiredInteger(maxPageBytes, 1, 1LL << 40))
        scan.maxPageBytes = static_cast<std::uint64_t>(*value);
    }
    if (qualityFloor) {
      if (const auto value = requiredInteger(qualityFloor, 10, 95))
        scan.qualityFloor = static_cast<int>(*value);
    }
    if (layout) {
      if (const auto index = choice(layout, {"pages", "id-card"}))
        scan.layout = *index == 0 ? ScanLayout::Pages : ScanLayout::IdCard;
    }
    scan.sample = boolean(sample);
    return scan;
  }

  std::vector<ScenarioQuestion> readScenarios(pugi::xml_node element,
                                              std::vector<PendingReference>& answerKeys) {
    allowNone(element);
    std::vector<ScenarioQuestion> questions;
    questions.reserve(countChildren(element, "question"));
    SmallSeen questionIds;
    questionIds.reserve(questions.capacity());
    children(element, [&](pugi::xml_node child) {
      if (std::string_view(child.name()) != "question") return false;
      const auto [id, zh, en, multiple] = allowOnly(child, {"id", "zh", "en", "multiple"});
      ScenarioQuestion question;
      question.id = identifier(id);
      const std::string_view writtenId = id ? id.value : "";
      firstUse(questionIds, writtenId, id,
               [&] { return "question id '" + std::string(writtenId) + "'"; });
      question.label = text(zh, en, lookUp(child, "sample"));
      question.multiple = boolean(multiple);
      question.answers.reserve(countChildren(child, "answer"));
      SmallSeen answerIds;
      answerIds.reserve(question.answers.capacity());
      children(child, [&](pugi::xml_node answerElement) {
        if (std::string_view(answerElement.name()) != "answer") return false;
        const auto [answerId, answerZh, answerEn, keys] =
            allowOnly(answerElement, {"id", "zh", "en", "materials"});
        noChildren(answerElement);
        ScenarioAnswer answer;
        answer.id = identifier(answerId);
        firstUse(answerIds, answerId ? answerId.value : "", answerId,
                 [&] { return "answer id '" + answer.id + "' in question '" + question.id + "'"; });
        answer.label = text(answerZh, answerEn, lookUp(answerElement, "sample"));
        if (keys) {
          forEachToken(keys.value, [&, &materialsAttr = keys](std::string_view token,
                                                              std::size_t offset) {
            answer.materials.emplace_back(token);
            answerKeys.push_back(PendingReference{answerElement, materialsAttr.xml, token, offset});
          });
        }
        question.answers.push_back(std::move(answer));
        return true;
      });
      if (question.answers.empty()) problem(child, "question '" + question.id + "' has no answer");
      questions.push_back(std::move(question));
      return true;
    });
    return questions;
  }

  std::optional<FormRef> readForm(pugi::xml_node element) {
    const auto [ref] = allowOnly(element, {"ref"});
    noChildren(element);
    if (!required(ref)) return std::nullopt;
    // Many matters share a form: resolve and stat each distinct ref once (and look it up
    // without making a string of it first).
    const std::string_view value = ref.value;
    auto it = forms_.find(value);
    const bool inserted = it == forms_.end();
    if (inserted) it = forms_.emplace(value, FormCheck{}).first;
    auto& checked = it->second;
    if (inserted) {
      const std::filesystem::path relative(it->first);
      checked.absolute = relative.is_absolute();
      if (!checked.absolute) {
        checked.path = (directory_ / relative).lexically_normal();
        std::error_code error;
        checked.exists = std::filesystem::is_regular_file(checked.path, error);
      }
    }
    if (checked.absolute) {
      attributeProblem(ref, "'" + it->first + "' must be relative to the catalog file");
      return std::nullopt;
    }
    if (!checked.exists) {
      attributeProblem(ref, "form file '" + checked.path.string() + "' does not exist");
    }
    return FormRef{it->first, checked.path};
  }

  std::vector<ApprovalRule> readRules(pugi::xml_node element) {
    allowNone(element);
    std::vector<ApprovalRule> rules;
    SmallSeen ruleIds;
    children(element, [&](pugi::xml_node child) {
      if (std::string_view(child.name()) != "rule") return false;
      if (auto rule = readRule(child)) {
        const auto id = lookUp(child, "id");
        const std::string_view written = id ? id.value : "";
        firstUse(ruleIds, written, id, [&] { return "rule id '" + std::string(written) + "'"; });
        rules.push_back(std::move(*rule));
      }
      return true;
    });
    return rules;
  }

  std::optional<expr::Expression> expression(const Attribute& attribute) {
    try {
      return expr::Expression::parse(attribute.value);
    } catch (const expr::ParseError& error) {
      attributeProblem(attribute, std::string("expression error: ") + error.what(), error.offset());
      return std::nullopt;
    }
  }

  std::optional<ApprovalRule> readRule(pugi::xml_node element) {
    const auto [id, zh, en] = allowOnly(element, {"id", "zh", "en"});
    ApprovalRule rule;
    rule.id = identifier(id);
    rule.label = text(zh, en, lookUp(element, "sample"));
    bool complete = true;
    pugi::xml_node outcome;
    children(element, [&](pugi::xml_node child) {
      const std::string_view name = child.name();
      if (name == "when") {
        const auto [whenZh, whenEn, testAttribute, showAttribute] =
            allowOnly(child, {"zh", "en", "test", "show"});
        noChildren(child);
        auto label = text(whenZh, whenEn, lookUp(child, "sample"));
        std::optional<expr::Expression> test;
        if (required(testAttribute)) test = expression(testAttribute);
        std::optional<expr::Expression> show;
        if (showAttribute) {
          show = expression(showAttribute);
          if (!show) complete = false;
        }
        if (test) {
          rule.conditions.push_back(RuleCondition{std::move(label), std::move(*test), show});
        } else {
          complete = false;
        }
      } else if (name == "outcome") {
        if (once(outcome, child, element)) {
          const auto [outcomeZh, outcomeEn, decision] = allowOnly(child, {"zh", "en", "decision"});
          noChildren(child);
          rule.outcome = text(outcomeZh, outcomeEn, lookUp(child, "sample"));
          choice(decision, {"approve"});
          rule.decision = RuleDecision::Approve;
        }
      } else {
        return false;
      }
      return true;
    });
    if (!element.child("when")) problem(element, "rule '" + rule.id + "' has no <when>");
    requireChild(outcome, element, "outcome");
    if (!complete) return std::nullopt;
    return rule;
  }

  // ---- bundles ---------------------------------------------------------------------------

  void readBundle(pugi::xml_node element) {
    const auto [code, versionAttribute, effectiveAttribute, category, sample] =
        allowOnly(element, {"code", "version", "effective", "category", "sample"});
    Bundle bundle;
    if (required(code)) {
      bundle.code = code.value;
      if (const auto bad = bundleCodeProblem(bundle.code)) {
        attributeProblem(code, bad->message, bad->offset);
      }
    }
    const auto version = requiredInteger(versionAttribute, 1, 1'000'000);
    if (version) bundle.version = static_cast<int>(*version);
    const auto effective = requiredDate(effectiveAttribute);
    if (effective) bundle.effective = *effective;
    if (required(category)) {
      bundle.category = category.value;
      references_.push_back(PendingReference{element, category.xml, category.value});
    }
    bundle.sample = boolean(sample);
    if (!bundle.code.empty() && version) {
      firstUse(bundleVersions_, bundle.code + '#' + std::to_string(*version), versionAttribute,
               [&] { return "bundle " + bundle.code + " version " + std::to_string(*version); });
    }
    if (!bundle.code.empty() && effective) {
      // As for matters: the date as written is its iso().
      firstUse(bundleEffective_, bundle.code + '@' + effectiveAttribute.value, effectiveAttribute,
               [&] {
                 return "effective date " + effective->iso() + " for bundle " + bundle.code +
                        ": two versions cannot take effect on the same day";
               });
    }
    pugi::xml_node name, search, form;
    SmallSeen partMatters;
    children(element, [&](pugi::xml_node child) {
      const std::string_view childName = child.name();
      if (childName == "name") {
        if (once(name, child, element)) bundle.name = textElement(child);
      } else if (childName == "search") {
        if (once(search, child, element)) readSearch(child, bundle.pinyin, bundle.keywords);
      } else if (childName == "form") {
        if (once(form, child, element)) bundle.form = readForm(child);
      } else if (childName == "part") {
        const auto [matter, department] = allowOnly(child, {"matter", "department"});
        noChildren(child);
        BundlePart part;
        if (required(matter)) {
          part.matter = matter.value;
          if (const auto bad = basicCodeProblem(part.matter)) {
            attributeProblem(matter, bad->message, bad->offset);
          } else if (firstUse(partMatters, matter.value, matter, [&] {
                       return "part matter " + part.matter + " in bundle " + bundle.code;
                     })) {
            partReferences_.push_back(PendingReference{child, matter.xml, matter.value});
          }
        }
        part.department = requiredString(department);
        bundle.parts.push_back(std::move(part));
      } else {
        return false;
      }
      return true;
    });
    requireChild(name, element, "name");
    if (bundle.parts.size() < 2) {
      problem(element, "bundle " + bundle.code + " has " + std::to_string(bundle.parts.size()) +
                           " <part>; a bundle joins at least two matters");
    }
    catalog_.bundles.push_back(std::move(bundle));
  }

  // ---- cross-references ------------------------------------------------------------------

  void checkReferences() {
    for (const auto& reference : references_) {
      if (!categoryIds_.contains(reference.value)) {
        attributeProblem(reference.element, reference.attribute,
                         "no category '" + std::string(reference.value) + "' in the catalog");
      }
    }
    for (const auto& reference : categoryParents_) {
      if (!categoryIds_.contains(reference.value)) {
        attributeProblem(reference.element, reference.attribute,
                         "no category '" + std::string(reference.value) + "' in the catalog");
      }
    }
    checkCategoryCycles();
    for (const auto& reference : calendarReferences_) {
      if (!calendarIds_.contains(reference.value)) {
        attributeProblem(reference.element, reference.attribute,
                         "no calendar '" + std::string(reference.value) + "' in the catalog");
      }
    }
    std::unordered_set<std::string_view> basicCodes;
    basicCodes.reserve(catalog_.matters.size());
    for (const auto& matter : catalog_.matters) basicCodes.insert(matter.basicCode);
    for (const auto& reference : partReferences_) {
      if (!basicCodes.contains(reference.value)) {
        attributeProblem(
            reference.element, reference.attribute,
            "no matter with basic code " + std::string(reference.value) + " in the catalog");
      }
    }
  }

  void checkCategoryCycles() {
    std::unordered_map<std::string_view, std::string_view> parents;
    for (const auto& category : catalog_.categories) {
      if (!category.parent.empty()) parents.emplace(category.id, category.parent);
    }
    // Each category on a cycle is reported once, at its own element.
    for (const auto& reference : categoryParents_) {
      const auto& start = reference.element.attribute("id").value();
      std::string_view at = reference.value;
      for (std::size_t steps = 0; steps <= parents.size(); ++steps) {
        if (at == start) {
          attributeProblem(
              reference.element, reference.attribute,
              "category '" + std::string(start) + "' lies below itself (parent cycle)");
          break;
        }
        const auto next = parents.find(at);
        if (next == parents.end()) break;
        at = next->second;
      }
    }
  }

  std::string file_;
  XmlBuffer buffer_;
  std::function<std::string()> rawText_;
  std::optional<SourceText> source_;  // made on the first problem
  std::filesystem::path directory_;
  Catalog catalog_;
  std::vector<Diagnostic> problems_;
  StringMap<pugi::xml_node> calendarIds_, categoryIds_, matterVersions_, matterEffective_,
      bundleVersions_, bundleEffective_;
  std::vector<PendingReference> references_, categoryParents_, calendarReferences_, partReferences_;
  struct FormCheck {
    std::filesystem::path path;
    bool absolute = false;
    bool exists = false;
  };
  StringMap<FormCheck> forms_;
};

}  // namespace

namespace {

// One allocation of the file's size: a catalog runs to megabytes, and growing a string
// stream copies it several times over (each copy faulting in fresh pages).
std::string readCatalogFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  const auto size = in ? static_cast<std::streamoff>(in.tellg()) : std::streamoff(-1);
  if (size < 0) return readSourceFile(path);  // reports why the file cannot be read
  std::string text(static_cast<std::size_t>(size), '\0');
  in.seekg(0);
  if (!in.read(text.data(), size)) return readSourceFile(path);
  return text;
}

XmlBuffer copyToXmlBuffer(std::string_view text) {
  XmlBuffer buffer = XmlBuffer::allocate(text.size());
  std::memcpy(buffer.data, text.data(), text.size());
  return buffer;
}

// Like readCatalogFile, into memory pugixml takes over: no zero-filling and no copy of
// megabytes before parsing.
XmlBuffer readCatalogBuffer(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  const auto size = in ? static_cast<std::streamoff>(in.tellg()) : std::streamoff(-1);
  if (size < 0) return copyToXmlBuffer(readSourceFile(path));  // throws saying why
  XmlBuffer buffer = XmlBuffer::allocate(static_cast<std::size_t>(size));
  in.seekg(0);
  if (!in.read(buffer.data, size)) {
    buffer.release();
    return copyToXmlBuffer(readSourceFile(path));
  }
  return buffer;
}

}  // namespace

Catalog loadCatalog(const std::filesystem::path& path) {
  const std::string file = path.string();
  const XmlBuffer buffer = readCatalogBuffer(file);
  // A broken catalog is read again to locate its problems (parsing changed the buffer).
  return Reader(
             file, buffer, [file] { return readCatalogFile(file); }, path.parent_path())
      .read();
}

Catalog loadCatalogText(const std::string& fileName, std::string text) {
  const XmlBuffer buffer = copyToXmlBuffer(text);
  return Reader(
             fileName, buffer, [raw = std::move(text)] { return raw; },
             std::filesystem::path(fileName).parent_path())
      .read();
}

}  // namespace onewindow::forms
