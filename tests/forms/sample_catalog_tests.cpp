// The sample catalog the product ships (forms/catalog, see SAMPLE.md) against the domain table
// it was written from (/work/shared/domain/README.md, "Sample catalog for the product"): it must
// load clean, hold every matter of the table with the table's flags, and agree with itself.

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "forms/approval_rules.hpp"
#include "forms/catalog_loader.hpp"
#include "forms/catalog_search.hpp"
#include "forms/diagnostics.hpp"
#include "forms/form_session.hpp"
#include "forms/xform.hpp"

using namespace onewindow::forms;

namespace {

const std::string kSampleCatalog = std::string(ONEWINDOW_SAMPLE_CATALOG) + "/catalog.xml";

CivilDate day(const char* iso) { return *CivilDate::parseIso(iso); }

// A day the whole sample catalog is in effect on.
const CivilDate kToday = day("2026-12-01");

// Loads the sample catalog once; a load error fails with every diagnostic in the message.
const Catalog& sample() {
  static const Catalog catalog = [] {
    try {
      return loadCatalog(kSampleCatalog);
    } catch (const LoadError& error) {
      std::ostringstream problems;
      for (const auto& diagnostic : error.diagnostics()) problems << diagnostic.toString() << "\n";
      FAIL("the sample catalog does not load:\n" << problems.str());
      throw;
    }
  }();
  return catalog;
}

const Matter& matterNamed(const std::string& name, CivilDate date = kToday) {
  for (const Matter* matter : sample().mattersOn(date)) {
    if (matter->name.zh == name) return *matter;
  }
  FAIL("no matter named " << name << " in effect on " << date.iso());
  throw std::logic_error("unreachable");
}

const Bundle& bundleNamed(const std::string& name) {
  for (const Bundle* bundle : sample().bundlesOn(kToday)) {
    if (bundle->name.zh == name) return *bundle;
  }
  FAIL("no bundle named " << name);
  throw std::logic_error("unreachable");
}

std::set<std::string> keysOf(const std::vector<const Material*>& materials) {
  std::set<std::string> keys;
  for (const Material* material : materials) keys.insert(material->key);
  return keys;
}

// Loads a form the catalog names; a load error fails with every diagnostic in the message.
std::shared_ptr<const XFormDefinition> formOf(const FormRef& form) {
  static std::map<std::string, std::shared_ptr<const XFormDefinition>> loaded;
  const std::string path = form.path.string();
  if (auto found = loaded.find(path); found != loaded.end()) return found->second;
  try {
    auto definition = std::make_shared<const XFormDefinition>(loadXForm(path));
    loaded.emplace(path, definition);
    return definition;
  } catch (const LoadError& error) {
    std::ostringstream problems;
    for (const auto& diagnostic : error.diagnostics()) problems << diagnostic.toString() << "\n";
    FAIL("the form " << path << " does not load:\n" << problems.str());
    throw;
  }
}

// A session on a matter's form whose today() is 2026-12-01 (10:00 China time).
FormSession sessionFor(const Matter& matter) {
  SessionOptions options;
  options.clock = [] {
    return std::chrono::system_clock::time_point{} + std::chrono::seconds{1796090400};
  };
  options.newInstanceId = [] { return std::string("uuid:00000000-0000-4000-8000-000000000001"); };
  return FormSession(formOf(*matter.form), options);
}

void answer(FormSession& session, std::string_view path, std::string_view value) {
  INFO(path << " = " << value);
  (void)session.setAnswer(path, value);
  CHECK_FALSE(session.problemAt(path).has_value());
}

RuleResult decide(const Matter& matter, const FormSession& session) {
  REQUIRE(matter.rules.size() == 1);
  return evaluateRule(matter.rules.front(), session.instance().document_element(),
                      &session.environment());
}

std::vector<ConditionOutcome> outcomes(const RuleResult& result) {
  std::vector<ConditionOutcome> out;
  for (const ConditionTrace& trace : result.trace) out.push_back(trace.outcome);
  return out;
}

constexpr auto T = ConditionOutcome::True;
constexpr auto F = ConditionOutcome::False;

// The rows of the domain table, by the name the table gives them.
const std::vector<std::string> kTableMatters = {"居住证申领",
                                                "居住证签注",
                                                "生育登记",
                                                "残疾人证申领",
                                                "残疾人证补办",
                                                "重度残疾人护理补贴",
                                                "困难残疾人生活补贴",
                                                "敬老优待证",
                                                "高龄老人津贴",
                                                "最低生活保障",
                                                "临时救助",
                                                "个体工商户设立登记",
                                                "个体工商户简易注销",
                                                "退役军人优待证",
                                                "灵活就业人员参保登记",
                                                "城乡居民医保参保（少儿）",
                                                "社会保障卡申领",
                                                "义务教育学位申请"};
const std::vector<std::string> kTableBundles = {"新生儿出生一件事", "开办培训机构一件事",
                                                "开药店一件事", "水电气联合报装"};

}  // namespace

TEST_CASE("The sample catalog loads without diagnostics", "[forms][sample]") {
  const Catalog& catalog = sample();
  CHECK(catalog.sample);
  CHECK(catalog.matters.size() >= kTableMatters.size());
  CHECK(catalog.calendar("cn-mainland") != nullptr);
}

TEST_CASE("Every matter and bundle of the domain table is in the sample catalog by name",
          "[forms][sample]") {
  for (const std::string& name : kTableMatters) {
    INFO(name);
    CHECK(matterNamed(name).name.zh == name);
  }
  for (const std::string& name : kTableBundles) {
    INFO(name);
    CHECK(bundleNamed(name).name.zh == name);
  }
}

TEST_CASE("The sample catalog carries the flags of the domain table", "[forms][sample]") {
  for (const char* name : {"生育登记", "重度残疾人护理补贴", "困难残疾人生活补贴", "高龄老人津贴",
                           "个体工商户设立登记"}) {
    INFO(name << ": 秒 needs the flag and a rule");
    CHECK(matterNamed(name).flags.autoApproval);
    CHECK_FALSE(matterNamed(name).rules.empty());
  }
  for (const char* name : {"残疾人证申领", "最低生活保障", "临时救助"}) {
    INFO(name << ": 容 needs a secondary material to leave out");
    const Matter& matter = matterNamed(name);
    CHECK(matter.flags.gapAcceptance);
    CHECK(std::any_of(matter.materials.begin(), matter.materials.end(),
                      [](const Material& m) { return m.role == MaterialRole::Secondary; }));
  }
  for (const char* name : {"残疾人证申领", "敬老优待证", "高龄老人津贴", "最低生活保障", "临时救助",
                           "退役军人优待证"}) {
    INFO(name << ": 上");
    CHECK(matterNamed(name).flags.homeVisit);
  }
  for (const char* name :
       {"居住证签注", "生育登记", "个体工商户简易注销", "灵活就业人员参保登记"}) {
    INFO(name << ": 即 means an immediate case with an immediate limit");
    const Matter& matter = matterNamed(name);
    CHECK(matter.flags.immediate);
    CHECK(matter.caseType == CaseType::Immediate);
    CHECK(matter.limits.promised.unit == LimitUnit::Immediate);
  }
  for (const char* name :
       {"居住证申领", "居住证签注", "生育登记", "残疾人证补办", "重度残疾人护理补贴", "敬老优待证",
        "高龄老人津贴", "个体工商户设立登记", "退役军人优待证", "灵活就业人员参保登记",
        "城乡居民医保参保（少儿）", "义务教育学位申请"}) {
    INFO(name << ": 免 needs a material an e-licence can replace");
    const Matter& matter = matterNamed(name);
    CHECK(matter.flags.eLicence);
    CHECK(std::any_of(matter.materials.begin(), matter.materials.end(),
                      [](const Material& m) { return !m.eLicenceType.empty(); }));
  }
  // Matters without 免 in the table do not claim it.
  for (const char* name : {"残疾人证申领", "困难残疾人生活补贴", "最低生活保障", "临时救助",
                           "个体工商户简易注销", "社会保障卡申领"}) {
    INFO(name);
    CHECK_FALSE(matterNamed(name).flags.eLicence);
  }
  CHECK(matterNamed("个体工商户设立登记").basicCode == "000131128000");
}

TEST_CASE("Placeholder limits of the domain table are marked as sample figures",
          "[forms][sample]") {
  for (const char* name : {"居住证申领", "重度残疾人护理补贴", "困难残疾人生活补贴", "敬老优待证",
                           "高龄老人津贴", "退役军人优待证", "灵活就业人员参保登记",
                           "城乡居民医保参保（少儿）", "社会保障卡申领", "义务教育学位申请"}) {
    INFO(name);
    CHECK(matterNamed(name).limits.promised.sample);
  }
  const Matter& permit = matterNamed("居住证申领");
  REQUIRE(permit.limits.legal.has_value());
  CHECK(*permit.limits.legal == Limit{15, LimitUnit::CalendarDay, true});
  CHECK(matterNamed("残疾人证申领").limits.promised == Limit{10, LimitUnit::WorkingDay, false});
  CHECK(matterNamed("残疾人证补办").limits.promised == Limit{10, LimitUnit::WorkingDay, false});
  // The veteran photo: 300 dpi colour JPEG up to 50 KB (the pixel size lives in the note).
  const Material* photo = matterNamed("退役军人优待证").material("photo");
  REQUIRE(photo != nullptr);
  CHECK(photo->scan.dpi == 300);
  CHECK(photo->scan.format == ScanFormat::Jpeg);
  CHECK(photo->scan.colour == ScanColour::Colour);
  CHECK(photo->scan.maxBytes == 50 * 1024);
  CHECK(photo->note.zh.find("352×440") != std::string::npos);
}

TEST_CASE("Every scan policy of the sample catalog follows the domain's scanning rules",
          "[forms][sample]") {
  for (const Matter& matter : sample().matters) {
    for (const Material& material : matter.materials) {
      INFO(matter.name.zh << " / " << material.key);
      CHECK(material.scan.dpi >= 200);
      CHECK(material.scan.maxBytes <= 5u * 1024 * 1024);
      CHECK(material.scan.maxBytes >= 50u * 1024);
      // Certificates bearing seals or red headers, and ID cards, are scanned in colour at 300.
      if (!material.eLicenceType.empty()) {
        CHECK(material.scan.colour == ScanColour::Colour);
        CHECK(material.scan.dpi == 300);
      }
    }
  }
}

TEST_CASE("The sample catalog has bundles of several parts and at least three 秒批 rules",
          "[forms][sample]") {
  const auto bundles = sample().bundlesOn(kToday);
  CHECK(bundles.size() >= 3);
  for (const Bundle* bundle : bundles) {
    INFO(bundle->name.zh);
    CHECK(bundle->parts.size() >= 2);
    for (const BundlePart& part : bundle->parts) CHECK(sample().matterOn(part.matter, kToday));
  }
  std::size_t rules = 0;
  for (const Matter* matter : sample().mattersOn(kToday)) rules += matter->rules.size();
  CHECK(rules >= 3);

  // The newborn bundle: one material set merged across its parts.
  const Bundle& newborn = bundleNamed("新生儿出生一件事");
  std::set<std::string> parts;
  for (const BundlePart& part : newborn.parts)
    parts.insert(sample().matterOn(part.matter, kToday)->name.zh);
  CHECK(parts.count("城乡居民医保参保（少儿）") == 1);
  CHECK(parts.count("社会保障卡申领") == 1);
  std::multiset<std::string> merged;
  for (const BundleMaterial& m : bundleMaterials(sample(), newborn, kToday))
    merged.insert(m.material.key);
  CHECK(merged.count("birth_medical_cert") == 1);
  CHECK(merged.count("household_register") == 1);
  CHECK(merged.count("marriage_cert") == 1);
  CHECK(merged.count("mother_id_card") == 1);
}

TEST_CASE("Every form the sample catalog names exists", "[forms][sample]") {
  for (const Matter& matter : sample().matters) {
    INFO(matter.name.zh);
    REQUIRE(matter.form.has_value());
    CHECK(std::filesystem::is_regular_file(matter.form->path));
  }
  for (const Bundle& bundle : sample().bundles) {
    INFO(bundle.name.zh);
    REQUIRE(bundle.form.has_value());
    CHECK(std::filesystem::is_regular_file(bundle.form->path));
  }
}

TEST_CASE("The sample calendar follows the State Council's 2025 and 2026 notices",
          "[forms][sample]") {
  const WorkingCalendar* calendar = sample().calendar("cn-mainland");
  REQUIRE(calendar != nullptr);
  CHECK_FALSE(calendar->sample());
  CHECK(calendar->isWorkingDay(day("2026-02-14")));  // Saturday, make-up workday
  CHECK_FALSE(calendar->isWorkingDay(day("2026-02-16")));
  CHECK_FALSE(calendar->isWorkingDay(day("2026-02-23")));
  CHECK(calendar->isWorkingDay(day("2026-02-24")));
  CHECK(calendar->isWorkingDay(day("2026-05-09")));
  CHECK_FALSE(calendar->isWorkingDay(day("2026-06-19")));
  CHECK_FALSE(calendar->isWorkingDay(day("2026-09-25")));
  CHECK_FALSE(calendar->isWorkingDay(day("2026-10-07")));
  CHECK(calendar->isWorkingDay(day("2026-10-08")));
  CHECK(calendar->isWorkingDay(day("2026-10-10")));
  CHECK_FALSE(calendar->isWorkingDay(day("2025-10-08")));
  CHECK(calendar->isWorkingDay(day("2025-10-11")));
  // A residence permit taken in on the Thursday before the Mid-Autumn holiday: 15 working days
  // skip both holidays and count the make-up Saturday of 10 October.
  const Matter& permit = matterNamed("居住证申领");
  CHECK(deadline(sample().calendarOf(permit), day("2026-09-24"), permit.limits.promised) ==
        day("2026-10-22"));
}

TEST_CASE("Scenario answers of the sample catalog tailor the material lists", "[forms][sample]") {
  const Matter& permit = matterNamed("居住证申领");
  CHECK(keysOf(tailoredMaterials(permit, {{"residence_proof", {"lease"}}})) ==
        std::set<std::string>{"id_card", "photo_receipt", "lease_contract"});
  CHECK(keysOf(tailoredMaterials(permit, {{"residence_proof", {"labour"}}})) ==
        std::set<std::string>{"id_card", "photo_receipt", "labour_contract"});

  const Matter& dibao = matterNamed("最低生活保障");
  const auto keys =
      keysOf(tailoredMaterials(dibao, {{"household_situation", {"employed", "disabled"}}}));
  CHECK(keys.count("income_proof") == 1);
  CHECK(keys.count("disability_card") == 1);
  CHECK(keys.count("unemployment_cert") == 0);
  CHECK(keys.count("finance_consent") == 1);
}

TEST_CASE("The sample matters are found by pinyin initials and keywords", "[forms][sample]") {
  const CatalogSearch search(sample(), kToday);
  const auto first = [&search](const char* text) -> std::string {
    const auto hits = search.query(text);
    if (hits.empty()) return "";
    return hits.front().matter ? hits.front().matter->name.zh : hits.front().bundle->name.zh;
  };
  CHECK(first("jzzsl") == "居住证申领");
  CHECK(first("gtgshsldj") == "个体工商户设立登记");
  CHECK(first("gllrjt") == "高龄老人津贴");
  CHECK(first("xsecsyjs") == "新生儿出生一件事");
  CHECK(first("000131128000") == "个体工商户设立登记");
  CHECK(first("dibao") == "最低生活保障");
}

TEST_CASE("The old-age allowance changed to 秒批 on 2026-01-01", "[forms][sample]") {
  const Matter& before = matterNamed("高龄老人津贴", day("2025-06-01"));
  const Matter& after = matterNamed("高龄老人津贴", day("2026-06-01"));
  CHECK(before.version == 1);
  CHECK(before.rules.empty());
  CHECK_FALSE(before.flags.autoApproval);
  CHECK(after.version == 2);
  CHECK(after.flags.autoApproval);
  CHECK(after.rules.size() == 1);
}

TEST_CASE("Every form of the sample catalog loads", "[forms][sample]") {
  for (const Matter& matter : sample().matters) {
    INFO(matter.name.zh);
    const auto form = formOf(*matter.form);
    CHECK(form->defaultLanguage == "zh");
    CHECK(std::find(form->languages.begin(), form->languages.end(), "en") != form->languages.end());
    CHECK(form->title == matter.name.zh);
  }
  for (const Bundle& bundle : sample().bundles) {
    INFO(bundle.name.zh);
    CHECK(formOf(*bundle.form)->title == bundle.name.zh);
  }
}

TEST_CASE("Upload controls of the sample forms are material slots of their matter",
          "[forms][sample]") {
  for (const Matter* matter : sample().mattersOn(kToday)) {
    std::size_t uploads = 0;
    for (const Bind& bind : formOf(*matter->form)->binds) {
      if (bind.type != DataType::Binary) continue;
      ++uploads;
      INFO(matter->name.zh << ": " << bind.nodeset);
      CHECK(matter->material(bind.materialKey) != nullptr);
    }
    INFO(matter->name.zh);
    CHECK(uploads >= 2);
  }
  for (const Bundle* bundle : sample().bundlesOn(kToday)) {
    std::set<std::string> keys;
    for (const BundleMaterial& m : bundleMaterials(sample(), *bundle, kToday))
      keys.insert(m.material.key);
    for (const Bind& bind : formOf(*bundle->form)->binds) {
      if (bind.type != DataType::Binary) continue;
      INFO(bundle->name.zh << ": " << bind.nodeset);
      CHECK(keys.count(bind.materialKey) == 1);
    }
  }
}

TEST_CASE("The nodes the sample 秒批 rules read exist in their forms", "[forms][sample]") {
  std::size_t checked = 0;
  for (const Matter& matter : sample().matters) {
    for (const ApprovalRule& rule : matter.rules) {
      const auto form = formOf(*matter.form);
      for (const RuleCondition& condition : rule.conditions) {
        auto paths = condition.test.references("/data");
        if (condition.show) {
          const auto shown = condition.show->references("/data");
          paths.insert(paths.end(), shown.begin(), shown.end());
        }
        for (const std::string& path : paths) {
          INFO(matter.name.zh << " / " << rule.id << " reads " << path);
          CHECK(form->nodeIndex(path) >= 0);
          ++checked;
        }
      }
    }
  }
  CHECK(checked >= 12);
}

TEST_CASE("The old-age allowance is approved by 秒批 with the allowance of the age band",
          "[forms][sample]") {
  const Matter& matter = matterNamed("高龄老人津贴");
  FormSession session = sessionFor(matter);
  answer(session, "/data/applicant/id_number", "440304194005051213");  // born 1940-05-05
  answer(session, "/data/applicant/hukou", "shenzhen");
  CHECK(session.value("/data/allowance/amount") == "300");

  RuleResult result = decide(matter, session);
  CHECK(result.passed);
  REQUIRE(result.trace.size() == 3);
  CHECK(result.trace[0].shown == "86");
  CHECK(result.trace[1].shown == "深圳户籍");
  CHECK(result.trace[2].shown == "300");

  answer(session, "/data/applicant/id_number", "440304195001011235");  // 76 years old
  CHECK(session.value("/data/allowance/amount") == "200");
  answer(session, "/data/applicant/hukou", "non_shenzhen");
  result = decide(matter, session);
  CHECK_FALSE(result.passed);
  CHECK(outcomes(result) == std::vector<ConditionOutcome>{T, F, T});

  answer(session, "/data/applicant/id_number", "440304198506152010");  // 41 years old
  CHECK(session.value("/data/allowance/amount") == "0");
  CHECK(outcomes(decide(matter, session)) == std::vector<ConditionOutcome>{F, F, F});
}

TEST_CASE("The care subsidy for severe disabilities is approved for grades 1 and 2 only",
          "[forms][sample]") {
  const Matter& matter = matterNamed("重度残疾人护理补贴");
  FormSession session = sessionFor(matter);
  answer(session, "/data/applicant/id_number", "440304195607020312");
  answer(session, "/data/applicant/hukou", "shenzhen");
  answer(session, "/data/disability/card_number", "44030419560702031241");
  answer(session, "/data/disability/category", "4");
  answer(session, "/data/disability/grade", "1");
  RuleResult result = decide(matter, session);
  CHECK(result.passed);
  CHECK(result.trace[2].shown == "一级");

  answer(session, "/data/disability/card_number", "44030419560702031243");
  answer(session, "/data/disability/grade", "3");
  result = decide(matter, session);
  CHECK(outcomes(result) == std::vector<ConditionOutcome>{T, T, F});

  // The form refuses a grade that contradicts the card number.
  (void)session.setAnswer("/data/disability/grade", "2");
  CHECK(session.problemAt("/data/disability/grade").has_value());
}

TEST_CASE("Birth registration is approved when both spouses are valid and married",
          "[forms][sample]") {
  const Matter& matter = matterNamed("生育登记");
  FormSession session = sessionFor(matter);
  answer(session, "/data/applicant/id_number", "440304198703204027");
  answer(session, "/data/spouse/spouse_id_number", "440304198506152010");
  answer(session, "/data/marriage/married", "yes");
  answer(session, "/data/marriage/marriage_cert_no", "J440304-2012-004517");
  CHECK(decide(matter, session).passed);

  answer(session, "/data/marriage/married", "no");
  CHECK(outcomes(decide(matter, session)) == std::vector<ConditionOutcome>{T, T, T, F});

  // An invalid spouse number is a problem on the form and fails the rule.
  (void)session.setAnswer("/data/spouse/spouse_id_number", "440304198506152011");
  CHECK(session.problemAt("/data/spouse/spouse_id_number").has_value());
  CHECK(outcomes(decide(matter, session)) == std::vector<ConditionOutcome>{T, F, T, F});
}

TEST_CASE("Individual business registration is approved for adults without prior permits",
          "[forms][sample]") {
  const Matter& matter = matterNamed("个体工商户设立登记");
  FormSession session = sessionFor(matter);
  answer(session, "/data/applicant/id_number", "440304200001010033");
  answer(session, "/data/business/needs_permit", "no");
  answer(session, "/data/business/premises_kind", "commitment");
  RuleResult result = decide(matter, session);
  CHECK(result.passed);
  CHECK(result.trace[1].shown == "26");

  answer(session, "/data/applicant/id_number", "440304201203150020");  // 14 years old
  answer(session, "/data/business/needs_permit", "yes");
  CHECK(outcomes(decide(matter, session)) == std::vector<ConditionOutcome>{T, F, F, T});
}

TEST_CASE("The sample address lists cascade from district to street to community",
          "[forms][sample]") {
  FormSession session = sessionFor(matterNamed("居住证申领"));
  CHECK(session.control("/data/address/district").choices.size() == 10);
  answer(session, "/data/address/district", "futian");
  std::vector<std::string> streets;
  for (const ChoiceView& choice : session.control("/data/address/street").choices)
    streets.push_back(choice.label);
  CHECK(streets == std::vector<std::string>{"华富街道", "莲花街道"});
  answer(session, "/data/address/street", "huafu");
  const auto communities = session.control("/data/address/community").choices;
  REQUIRE_FALSE(communities.empty());
  CHECK(communities.front().label == "莲花一村社区");
  session.setLanguage("en");
  CHECK(session.control("/data/address/street").choices.front().label == "Huafu Subdistrict");
}

TEST_CASE("The minimum-allowance form counts the household and its income per head",
          "[forms][sample]") {
  FormSession session = sessionFor(matterNamed("最低生活保障"));
  CHECK(session.repeatCount("/data/household/member") == 1);
  answer(session, "/data/household/member[1]/member_id_number", "440304198506152010");
  answer(session, "/data/household/member[1]/monthly_income", "2400");
  (void)session.addRepeat("/data/household/member");
  answer(session, "/data/household/member[2]/member_id_number", "440304201203150020");
  answer(session, "/data/household/member[2]/monthly_income", "0");
  (void)session.addRepeat("/data/household/member");
  answer(session, "/data/household/member[3]/monthly_income", "900");
  CHECK(session.value("/data/household/member[2]/member_age") == "14");
  CHECK(session.value("/data/household/per_capita_income") == "1100");
  // Proofs follow the household situation.
  answer(session, "/data/situation", "employed disabled");
  CHECK(session.relevant("/data/materials/income_proof"));
  CHECK(session.relevant("/data/materials/disability_card"));
  CHECK_FALSE(session.relevant("/data/materials/unemployment_cert"));
}

TEST_CASE("A matter names the template its certificate is printed with", "[forms][catalog]") {
  const Catalog catalog = loadCatalog(std::string(ONEWINDOW_SAMPLE_CATALOG) + "/catalog.xml");
  const CivilDate today = *CivilDate::parseIso("2026-11-27");
  CHECK(catalog.matterOn("000131128000", today)->certificateTemplate == "business-licence");
  CHECK(catalog.matterOn("440300200002", today)->certificateTemplate == "senior-card");
  CHECK(catalog.matterOn("440300070001", today)->certificateTemplate.empty());
}

TEST_CASE("Scan policies: ID cards go on one page, pages have their own size limit",
          "[forms][catalog][sample][scan]") {
  for (const Matter* matter : sample().mattersOn(kToday)) {
    for (const Material& material : matter->materials) {
      INFO(matter->basicCode << " " << material.key);
      CHECK(material.scan.qualityFloor >= 10);
      if (material.scan.maxPageBytes > 0)
        CHECK(material.scan.maxPageBytes <= material.scan.maxBytes);
      if (material.key == "id_card") {
        CHECK(material.scan.layout == ScanLayout::IdCard);
        CHECK(material.scan.maxPageBytes == 524288);
        CHECK(material.scan.colour == ScanColour::Colour);  // the red of the national emblem
      }
    }
  }
}

TEST_CASE("Scan policy attributes out of range are located errors", "[forms][catalog][scan]") {
  std::ifstream in(kSampleCatalog, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto replaceFirst = [&text](const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
  };
  replaceFirst("layout=\"id-card\"", "layout=\"both-sides\"");
  replaceFirst("max-page-bytes=\"307200\"", "max-page-bytes=\"0\" quality-floor=\"5\"");
  try {
    (void)loadCatalogText(kSampleCatalog, text);
    FAIL("the catalog loaded");
  } catch (const LoadError& error) {
    std::string messages;
    for (const auto& diagnostic : error.diagnostics()) messages += diagnostic.message + "\n";
    CHECK_THAT(messages, Catch::Contains("'both-sides' is not one of pages, id-card"));
    CHECK_THAT(messages, Catch::Contains("attribute 'max-page-bytes' of <scan>: 0 is outside"));
    CHECK_THAT(messages,
               Catch::Contains("attribute 'quality-floor' of <scan>: 5 is outside 10-95"));
    CHECK(error.diagnostics().size() == 3);
  }
}
