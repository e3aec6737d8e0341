#pragma once
// The service catalog as the loader builds it from catalog XML (forms/README.md, "The catalog
// format"): matters with their service guides, materials, limits, scenario questions, intake
// forms and 秒批 rules; 一件事 bundles; categories; working-day calendars. Read-only once loaded:
// the workstation and the reference central server answer "what applies on this date" from it.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "forms/catalog_text.hpp"
#include "forms/civil_date.hpp"
#include "forms/expr.hpp"
#include "forms/working_calendar.hpp"

namespace onewindow::forms {

struct Category {
  std::string id;
  std::string parent;  // empty for a top-level category
  Text name;
};

// GB/T 39046 case type (办件类型).
enum class CaseType { Immediate = 1, PromisedTime = 2, Joint = 3, Other = 9 };

struct MatterFlags {
  bool autoApproval = false;   // 秒批 candidate
  bool gapAcceptance = false;  // 容缺受理 allowed
  bool eLicence = false;       // 免提交: e-licences may replace paper
  bool homeVisit = false;      // 上门办
  bool districtWide = false;   // 区内通办
  bool immediate = false;      // 即办
};

struct MatterLimits {
  std::optional<Limit> legal;  // 法定时限, when the catalog states one
  Limit promised;              // 承诺时限: what the receipt's completion date counts
};

struct FaqEntry {
  Text question;
  Text answer;
};

// 办事指南: every part is optional; empty Text / vectors mean "not given".
struct Guide {
  std::vector<Text> conditions;  // 受理条件
  std::vector<Text> flow;        // 办理流程, in order
  Text fees;
  Text place;
  Text hours;
  Text phone;  // the number is kept in zh (same in both languages)
  Text legalBasis;
  std::vector<FaqEntry> faq;
};

enum class MaterialRole { Main, Secondary };  // 容缺 may leave out secondary ones only
enum class MaterialMedium { Paper, Electronic, Both };
enum class ScanColour { Colour, Grey, BlackWhite };
enum class ScanFormat { Pdf, Jpeg, Png, Tiff };

// How a material's scanned pages go out (DESIGN.md §9): the platforms that receive them limit
// the size of an attachment and of a page, and the department wants colour where a red seal or
// header matters.
enum class ScanLayout { Pages, IdCard };  // IdCard: both sides of a card on one A4 page

struct ScanPolicy {
  int dpi = 300;  // 150–600
  ScanColour colour = ScanColour::Colour;
  ScanFormat format = ScanFormat::Pdf;
  std::uint64_t maxBytes = 0;      // the whole attachment; > 0
  std::uint64_t maxPageBytes = 0;  // one page; 0: as the attachment
  int qualityFloor = 40;           // JPEG quality is lowered step by step, never below this
  ScanLayout layout = ScanLayout::Pages;
  bool sample = false;
};

struct Material {
  std::string key;  // unique within the matter; upload controls bind to it
  MaterialRole role = MaterialRole::Main;
  int originals = 0;
  int copies = 0;
  MaterialMedium medium = MaterialMedium::Paper;
  std::string eLicenceType;  // the 电子证照 that may replace it (免提交); empty = none
  Text name;
  Text note;
  ScanPolicy scan;
  bool sample = false;
};

struct ScenarioAnswer {
  std::string id;
  Text label;
  std::vector<std::string> materials;  // keys of the matter's materials this answer needs
};

struct ScenarioQuestion {
  std::string id;
  Text label;
  bool multiple = false;  // several answers may be chosen
  std::vector<ScenarioAnswer> answers;
};

// question id → the chosen answer id(s).
using ScenarioAnswers = std::map<std::string, std::vector<std::string>, std::less<>>;

// An intake form file named by the catalog, relative to the catalog file.
struct FormRef {
  std::string ref;             // as written in the catalog
  std::filesystem::path path;  // resolved against the catalog's directory
};

struct RuleCondition {
  Text label;
  expr::Expression test;                 // true for the rule to pass
  std::optional<expr::Expression> show;  // what the clerk reads ("78"); absent = nothing shown
};

enum class RuleDecision { Approve };

struct ApprovalRule {
  std::string id;
  Text label;
  std::vector<RuleCondition> conditions;  // all must hold
  Text outcome;
  RuleDecision decision = RuleDecision::Approve;
};

struct Matter {
  std::string basicCode;           // 12 digits
  std::string implementationCode;  // 31: implementing body's USCC + level digit + basic code
  int version = 1;
  CivilDate effective;
  std::string category;
  std::string type;  // GB/T 39046 matter type, two digits ("07")
  int level = 0;     // exercise level 1–6
  CaseType caseType = CaseType::PromisedTime;
  std::string calendar;  // id of the catalog calendar its working-day limits count on
  Text name;
  std::vector<std::string> pinyin;    // e.g. "jzzsl" (initials), lowercase
  std::vector<std::string> keywords;  // as written; search lowercases ASCII
  std::vector<int> targets;           // GB/T 39046 service targets 1–6
  MatterFlags flags;
  MatterLimits limits;
  Guide guide;
  std::vector<Material> materials;
  std::vector<ScenarioQuestion> scenarios;
  std::optional<FormRef> form;
  std::vector<ApprovalRule> rules;
  bool sample = false;
  // The kind of the document template its result is printed with at pick-up (a certificate
  // on pre-printed stock, a card); empty: the matter issues no certificate at the window.
  std::string certificateTemplate;

  [[nodiscard]] const Material* material(std::string_view key) const;
  [[nodiscard]] bool forPersons() const;        // target 1 (natural person)
  [[nodiscard]] bool forLegalEntities() const;  // any of targets 2–6
};

struct BundlePart {
  std::string matter;      // basic code of a matter in the catalog
  std::string department;  // where the part's sub-case is routed
};

// 一件事一次办: one guide, one form, one material set, split into sub-cases per part.
struct Bundle {
  std::string code;  // 12 characters, digits and capital letters
  int version = 1;
  CivilDate effective;
  std::string category;
  Text name;
  std::vector<std::string> pinyin;
  std::vector<std::string> keywords;
  std::optional<FormRef> form;
  std::vector<BundlePart> parts;
  bool sample = false;
};

// A material of a bundle's merged list: one per key across the parts.
struct BundleMaterial {
  Material material;                 // main if main in any part; counts are the largest asked
  std::vector<std::string> matters;  // basic codes of the parts that ask for it
};

struct Catalog {
  std::string file;  // the file it was loaded from (diagnostics, display)
  std::string release;
  CivilDate published;
  bool sample = false;  // the whole catalog is sample data
  std::string publisher;
  std::vector<WorkingCalendar> calendars;
  std::vector<Category> categories;  // in file order
  std::vector<Matter> matters;       // every version, in file order
  std::vector<Bundle> bundles;       // every version, in file order

  [[nodiscard]] const WorkingCalendar* calendar(std::string_view id) const;
  [[nodiscard]] const Category* category(std::string_view id) const;
  // Categories whose parent is `parent` ("" = the top level), in file order.
  [[nodiscard]] std::vector<const Category*> childCategories(std::string_view parent) const;
  // `id` is `ancestor` or lies below it.
  [[nodiscard]] bool categoryWithin(std::string_view id, std::string_view ancestor) const;

  // The version of a matter in effect on `date` (latest `effective` not after it), looked up
  // by basic or implementation code; nullptr when none is in effect yet.
  [[nodiscard]] const Matter* matterOn(std::string_view code, CivilDate date) const;
  // Every matter in effect on `date`, one version per basic code, in file order.
  [[nodiscard]] std::vector<const Matter*> mattersOn(CivilDate date) const;
  // Every version of a matter by basic code, oldest effective date first.
  [[nodiscard]] std::vector<const Matter*> versions(std::string_view basicCode) const;

  [[nodiscard]] const Bundle* bundleOn(std::string_view code, CivilDate date) const;
  [[nodiscard]] std::vector<const Bundle*> bundlesOn(CivilDate date) const;

  // The calendar a matter's limits count on (every loaded matter names an existing one).
  [[nodiscard]] const WorkingCalendar& calendarOf(const Matter& matter) const;
};

// The materials a matter asks for given the scenario answers: materials no answer mentions
// always; the others when a chosen answer names them. Matter order. Throws
// std::invalid_argument naming an unknown question or answer id.
[[nodiscard]] std::vector<const Material*> tailoredMaterials(const Matter& matter,
                                                             const ScenarioAnswers& answers);

// A bundle's materials on `date`: the parts' materials (each part's version in effect then)
// merged by key, in part order then material order. Throws std::out_of_range when a part has
// no version in effect on `date`.
[[nodiscard]] std::vector<BundleMaterial> bundleMaterials(const Catalog& catalog,
                                                          const Bundle& bundle, CivilDate date);

}  // namespace onewindow::forms
