// Writes a synthetic catalog for scale benchmarks of the forms loaders (DESIGN.md §8, §11):
// N matters in the catalog format of forms/README.md with sizes like the real ones (guide
// texts, 5–12 materials, scenario questions, some 秒批 rules, bundles), Chinese names built from
// word pools with matching pinyin, valid GB 32100 codes, and one intake form with a chosen
// number of binds (groups, a repeat, relevance and calculate chains, constraints, cascading
// selects, uploads) in the shape pyxform writes.
//
// Usage: make_catalog <out-dir> <matters> [<form-binds>]   (form-binds defaults to 500)
// Output: <out-dir>/catalog.xml and <out-dir>/forms/synthetic_form.xml. The same arguments
// always give the same bytes (fixed seed, our own generator, no std distributions).

#include <array>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "forms/markup_escape.hpp"

namespace {

// SplitMix64: tiny, fast and specified bit for bit, so the output does not depend on the
// standard library's distributions.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform enough for data generation in [low, high].
  int between(int low, int high) {
    return low + static_cast<int>(next() % static_cast<std::uint64_t>(high - low + 1));
  }
  bool chance(int percent) { return between(1, 100) <= percent; }
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(between(0, static_cast<int>(items.size()) - 1))];
  }
  // `count` different items of `items` (count <= size), in the order drawn.
  template <typename T>
  std::vector<T> distinct(const std::vector<T>& items, int count) {
    std::vector<T> pool = items;
    std::vector<T> out;
    for (int i = 0; i < count; ++i) {
      const auto index = static_cast<std::size_t>(between(0, static_cast<int>(pool.size()) - 1));
      out.push_back(pool[index]);
      pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(index));
    }
    return out;
  }

 private:
  std::uint64_t state_;
};

// ---- XML text ---------------------------------------------------------------------------------

std::string escaped(std::string_view text) { return onewindow::forms::escapeMarkup(text); }

// The decimal digits of a non-negative value, zero-padded to `width`.
std::string padded(int value, std::size_t width) {
  std::string digits = std::to_string(value);
  return digits.size() >= width ? digits : std::string(width - digits.size(), '0') + digits;
}

// ` name="value"` with the value escaped.
std::string attr(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + escaped(value) + "\"";
}

// ---- codes ----------------------------------------------------------------------------------

constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// GB 11714 organisation code check character over the first 8 characters.
char organisationCheck(std::string_view first8) {
  static constexpr std::array<int, 8> kWeights = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    const char c = first8[i];
    const int value = (c >= '0' && c <= '9') ? c - '0' : c - 'A' + 10;
    sum += value * kWeights[i];
  }
  const int check = 11 - sum % 11;
  return check == 10 ? 'X' : check == 11 ? '0' : static_cast<char>('0' + check);
}

// GB 32100 check character over the first 17 characters.
char usccCheck(std::string_view first17) {
  static constexpr std::array<int, 17> kWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                                   29, 25, 13, 8,  24, 10, 30, 28};
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i)
    sum += static_cast<int>(kUsccAlphabet.find(first17[i])) * kWeights[i];
  return kUsccAlphabet[static_cast<std::size_t>((31 - sum % 31) % 31)];
}

// A government body's code in Shenzhen: 11 + region + "MB" + 6 characters + checks.
std::string syntheticUscc(Random& random) {
  static const std::vector<std::string> kRegions = {"440300", "440303", "440304", "440305",
                                                    "440306", "440307", "440308", "440309",
                                                    "440310", "440311"};
  std::string organisation = "MB";
  while (organisation.size() < 8) {
    // The organisation code uses the USCC alphabet so the whole code stays valid.
    organisation += kUsccAlphabet[static_cast<std::size_t>(random.between(0, 30))];
  }
  organisation += organisationCheck(organisation);
  std::string code = "11" + random.pick(kRegions) + organisation;
  return code + usccCheck(code);
}

// ---- word pools: Chinese with the pinyin of each character ----------------------------------

struct Word {
  std::string_view zh;
  std::string_view pinyin;  // syllables separated by spaces, one per character
  std::string_view en;
};

const std::vector<Word> kSubjects = {
    {"居民", "ju min", "Resident"},
    {"企业", "qi ye", "Enterprise"},
    {"个体", "ge ti", "Individual"},
    {"老年人", "lao nian ren", "Senior"},
    {"残疾人", "can ji ren", "Disability"},
    {"退役军人", "tui yi jun ren", "Veteran"},
    {"学生", "xue sheng", "Student"},
    {"农村", "nong cun", "Rural"},
    {"港口", "gang kou", "Port"},
    {"道路", "dao lu", "Road"},
    {"建筑", "jian zhu", "Construction"},
    {"食品", "shi pin", "Food"},
    {"药品", "yao pin", "Drug"},
    {"医疗", "yi liao", "Medical"},
    {"卫生", "wei sheng", "Health"},
    {"环境", "huan jing", "Environment"},
    {"水务", "shui wu", "Water"},
    {"燃气", "ran qi", "Gas"},
    {"电力", "dian li", "Power"},
    {"消防", "xiao fang", "Fire safety"},
    {"交通", "jiao tong", "Transport"},
    {"文化", "wen hua", "Culture"},
    {"体育", "ti yu", "Sports"},
    {"旅游", "lv you", "Tourism"},
    {"教育", "jiao yu", "Education"},
    {"培训", "pei xun", "Training"},
    {"社会", "she hui", "Social"},
    {"慈善", "ci shan", "Charity"},
    {"养老", "yang lao", "Elderly care"},
    {"托育", "tuo yu", "Childcare"},
    {"住房", "zhu fang", "Housing"},
    {"物业", "wu ye", "Property"},
    {"档案", "dang an", "Archive"},
    {"劳动", "lao dong", "Labour"},
    {"就业", "jiu ye", "Employment"},
    {"人才", "ren cai", "Talent"},
    {"户籍", "hu ji", "Hukou"},
    {"婚姻", "hun yin", "Marriage"},
    {"广告", "guang gao", "Advertising"},
    {"渔业", "yu ye", "Fishery"},
    {"林业", "lin ye", "Forestry"},
    {"种子", "zhong zi", "Seed"},
    {"出版", "chu ban", "Publishing"},
    {"印刷", "yin shua", "Printing"},
    {"气象", "qi xiang", "Meteorology"},
    {"测绘", "ce hui", "Surveying"},
    {"计量", "ji liang", "Metrology"},
    {"特种设备", "te zhong she bei", "Special equipment"},
};
const std::vector<Word> kObjects = {
    {"登记", "deng ji", "registration"},
    {"许可证", "xu ke zheng", "licence"},
    {"资格证", "zi ge zheng", "qualification"},
    {"备案", "bei an", "filing"},
    {"补贴", "bu tie", "subsidy"},
    {"津贴", "jin tie", "allowance"},
    {"证明", "zheng ming", "certificate"},
    {"执照", "zhi zhao", "permit"},
    {"审批", "shen pi", "approval"},
    {"核准", "he zhun", "authorisation"},
    {"认定", "ren ding", "recognition"},
    {"年检", "nian jian", "annual inspection"},
    {"信息", "xin xi", "information"},
    {"服务", "fu wu", "service"},
    {"救助", "jiu zhu", "relief"},
    {"奖励", "jiang li", "award"},
    {"评定", "ping ding", "assessment"},
    {"验收", "yan shou", "acceptance"},
    {"鉴定", "jian ding", "appraisal"},
    {"检验", "jian yan", "inspection"},
    {"保险", "bao xian", "insurance"},
    {"报装", "bao zhuang", "connection"},
    {"安置", "an zhi", "resettlement"},
    {"优待", "you dai", "preferential treatment"},
};
const std::vector<Word> kActions = {
    {"申领", "shen ling", "application"},
    {"申请", "shen qing", "request"},
    {"变更", "bian geng", "change"},
    {"注销", "zhu xiao", "cancellation"},
    {"延续", "yan xu", "renewal"},
    {"补办", "bu ban", "replacement"},
    {"换发", "huan fa", "reissue"},
    {"核发", "he fa", "issue"},
    {"首次办理", "shou ci ban li", "first issue"},
    {"迁移", "qian yi", "transfer"},
    {"撤回", "che hui", "withdrawal"},
    {"恢复", "hui fu", "restoration"},
    {"转移", "zhuan yi", "handover"},
    {"确认", "que ren", "confirmation"},
    {"发放", "fa fang", "payment"},
    {"查验", "cha yan", "verification"},
};

struct MaterialTemplate {
  std::string_view key;
  std::string_view zh;
  std::string_view en;
  int scanPolicy;  // index into kScanPolicies
  std::string_view eLicence;
};

struct ScanPolicy {
  int dpi;
  std::string_view colour;
  std::string_view format;
  long maxBytes;
};

const std::vector<ScanPolicy> kScanPolicies = {
    {300, "colour", "pdf", 2097152},  // ID cards: red emblem
    {300, "colour", "pdf", 5242880},  // certificates and seals
    {200, "grey", "pdf", 5242880},    // plain documents
    {200, "colour", "pdf", 2097152},  // signed forms
    {300, "colour", "jpeg", 204800},  // photos
    {300, "grey", "pdf", 5242880},    // small print
};

const std::vector<MaterialTemplate> kMaterials = {
    {"application_form", "申请表", "Application form", 3, ""},
    {"id_card", "居民身份证", "Resident ID card", 0, "居民身份证"},
    {"business_licence", "营业执照", "Business licence", 1, "营业执照"},
    {"household_register", "居民户口簿", "Household register", 1, "居民户口簿"},
    {"power_of_attorney", "授权委托书", "Power of attorney", 3, ""},
    {"site_proof", "场地使用证明", "Proof of site use", 1, ""},
    {"lease_contract", "房屋租赁合同", "Lease contract", 1, ""},
    {"property_cert", "不动产权证书", "Real-estate title certificate", 1, "不动产权证书"},
    {"qualification_cert", "资质证书", "Qualification certificate", 1, ""},
    {"commitment", "告知承诺书", "Commitment letter", 2, ""},
    {"photo", "近期免冠彩色照片", "Recent colour photo", 4, ""},
    {"test_report", "检验检测报告", "Test report", 5, ""},
    {"acceptance_report", "竣工验收报告", "Completion acceptance report", 1, ""},
    {"articles", "章程", "Articles of association", 2, ""},
    {"resolution", "股东会决议", "Shareholders' resolution", 3, ""},
    {"floor_plan", "平面布局图", "Floor plan", 3, ""},
    {"financial_statement", "财务报表", "Financial statements", 5, ""},
    {"audit_report", "审计报告", "Audit report", 1, ""},
    {"insurance_record", "社会保险参保证明", "Social insurance record", 1, "社会保险参保证明"},
    {"diploma", "学历证明", "Diploma", 1, "学历证书"},
    {"health_cert", "健康证明", "Health certificate", 1, ""},
    {"marriage_cert", "结婚证", "Marriage certificate", 1, "结婚证"},
    {"birth_medical_cert", "出生医学证明", "Birth medical certificate", 1, "出生医学证明"},
    {"tax_cert", "完税证明", "Tax payment certificate", 5, ""},
    {"bank_cert", "银行开户证明", "Bank account certificate", 1, ""},
    {"eia_approval", "环境影响评价批复", "EIA approval", 1, ""},
    {"fire_acceptance", "消防验收意见书", "Fire safety acceptance", 1, ""},
    {"planning_permit", "建设工程规划许可证", "Planning permit", 1, "建设工程规划许可证"},
    {"design_drawing", "设计图纸", "Design drawings", 3, ""},
    {"staff_list", "从业人员名单", "Staff list", 2, ""},
};

const std::vector<std::string_view> kLegalBases = {
    "《中华人民共和国行政许可法》",
    "《优化营商环境条例》",
    "《中华人民共和国社会保险法》",
    "《社会救助暂行办法》",
    "《中华人民共和国食品安全法》",
    "《中华人民共和国药品管理法》",
    "《中华人民共和国市场主体登记管理条例》",
    "《中华人民共和国消防法》",
    "《中华人民共和国建筑法》",
    "《中华人民共和国老年人权益保障法》",
    "《中华人民共和国残疾人保障法》",
    "《居住证暂行条例》",
};

const std::vector<std::string_view> kConditionPhrases = {
    "申请人具有完全民事行为能力，提交的材料真实、合法、有效",
    "在深圳市行政区域内依法设立或者居住，并符合本事项规定的办理条件",
    "具备与申请事项相适应的场所、设备设施和专业技术人员",
    "未被列入严重失信主体名单，近三年内无重大违法违规记录",
    "已按规定缴纳相关费用，或者依法享受减免",
    "涉及第三方权益的，已取得利害关系人的书面同意",
};
const std::vector<std::string_view> kFlowPhrases = {
    "线上预约或现场取号",
    "综合窗口收件，核验身份及材料原件",
    "业务部门审核",
    "必要时组织现场核查",
    "作出决定并制发证照",
    "窗口领取或邮寄送达",
    "信息共享核验，符合条件的即时办结",
};

struct Faq {
  std::string_view question;
  std::string_view answer;
};
const std::vector<Faq> kFaqs = {
    {"需要本人到场吗？", "可以委托他人代办，代办人须携带授权委托书及本人身份证件原件。"},
    {"可以网上办理吗？", "可以通过广东政务服务网申报，材料齐全的无需到场。"},
    {"办理结果如何领取？", "可选择窗口领取或免费邮寄送达，电子证照同步推送至本人账户。"},
    {"材料不齐可以先受理吗？", "次要材料缺失且申请人书面承诺限期补齐的，可以容缺受理。"},
};

// The pinyin of a name's words: initials ("jzzsl") and the full syllables run together.
std::string pinyinForms(const std::vector<const Word*>& words) {
  std::string initials;
  std::string full;
  for (const Word* word : words) {
    std::istringstream syllables{std::string(word->pinyin)};
    std::string syllable;
    while (syllables >> syllable) {
      initials += syllable.front();
      full += syllable;
    }
  }
  return initials + " " + full;
}

// ---- the catalog ----------------------------------------------------------------------------

struct Category {
  std::string id;
  std::string parent;
  std::string zh;
  std::string en;
};

std::vector<Category> categories() {
  std::vector<Category> out;
  for (std::size_t top = 0; top < 10; ++top) {
    const Word& word = kSubjects[top * 4];
    const std::string id = "c" + std::to_string(top + 1);
    out.push_back({id, "", std::string(word.zh) + "服务", std::string(word.en) + " services"});
    for (int child = 1; child <= 3; ++child) {
      const Word& object = kObjects[(top + static_cast<std::size_t>(child) * 7) % kObjects.size()];
      out.push_back({id + "-" + std::to_string(child), id,
                     std::string(word.zh) + std::string(object.zh),
                     std::string(word.en) + " " + std::string(object.en)});
    }
  }
  return out;
}

void writeCalendar(std::ostream& out) {
  // The State Council's 2026 arrangement (the sample catalog carries 2025 too).
  struct Range {
    const char* from;
    const char* to;
    const char* zh;
  };
  static constexpr Range kHolidays[] = {
      {"2026-01-01", "2026-01-03", "元旦"},   {"2026-02-15", "2026-02-23", "春节"},
      {"2026-04-04", "2026-04-06", "清明节"}, {"2026-05-01", "2026-05-05", "劳动节"},
      {"2026-06-19", "2026-06-21", "端午节"}, {"2026-09-25", "2026-09-27", "中秋节"},
      {"2026-10-01", "2026-10-07", "国庆节"}};
  static constexpr const char* kWorkdays[] = {"2026-01-04", "2026-02-14", "2026-02-28",
                                              "2026-05-09", "2026-09-20", "2026-10-10"};
  out << "  <calendar id=\"cn-mainland\">\n";
  for (const Range& h : kHolidays)
    out << "    <holiday" << attr("from", h.from) << attr("to", h.to) << attr("zh", h.zh) << "/>\n";
  for (const char* day : kWorkdays)
    out << "    <workday" << attr("date", day) << attr("zh", "调休上班") << "/>\n";
  out << "  </calendar>\n";
}

struct MatterName {
  const Word* subject;
  const Word* object;
  const Word* action;
};

// N distinct names: every combination of the pools is indexed and a deterministic shuffle picks
// the first N.
std::vector<MatterName> matterNames(int count, Random& random) {
  const std::size_t total = kSubjects.size() * kObjects.size() * kActions.size();
  std::vector<std::size_t> order(total);
  for (std::size_t i = 0; i < total; ++i) order[i] = i;
  for (std::size_t i = total - 1; i > 0; --i) std::swap(order[i], order[random.next() % (i + 1)]);
  std::vector<MatterName> names;
  for (int i = 0; i < count; ++i) {
    std::size_t index = order[static_cast<std::size_t>(i)];
    const Word* action = &kActions[index % kActions.size()];
    index /= kActions.size();
    const Word* object = &kObjects[index % kObjects.size()];
    index /= kObjects.size();
    names.push_back({&kSubjects[index], object, action});
  }
  return names;
}

std::string limitsElement(Random& random) {
  const int kind = random.between(0, 9);
  if (kind == 0)
    return "<limits legal=\"0\" legal-unit=\"immediate\" promised=\"0\" "
           "promised-unit=\"immediate\"/>";
  const int legal = random.pick(std::vector<int>{5, 10, 15, 20, 30, 60});
  const int promised = random.between(1, legal);
  const char* legalUnit = kind < 3 ? "calendar-day" : "working-day";
  std::string out = "<limits";
  out += attr("legal", std::to_string(legal)) + attr("legal-unit", legalUnit);
  out += attr("promised", std::to_string(promised)) + attr("promised-unit", "working-day");
  return out + "/>";
}

void writeMatter(std::ostream& out, int index, const MatterName& name, const std::string& body,
                 const std::vector<Category>& cats, Random& random, std::string& basicCode) {
  static const std::vector<std::string> kTypes = {"01", "02", "05", "07", "10", "20"};
  const std::string type = random.pick(kTypes);
  const std::string seq = padded(index + 1, 6);
  basicCode = "4403" + type + seq;
  const int level = random.between(3, 5);
  const std::string zh =
      std::string(name.subject->zh) + std::string(name.object->zh) + std::string(name.action->zh);
  const std::string en = std::string(name.subject->en) + " " + std::string(name.object->en) + " " +
                         std::string(name.action->en);
  const bool autoApproval = random.chance(10);
  const bool gapAcceptance = random.chance(20);
  const bool immediate = random.chance(15);
  const Category& category =
      cats[static_cast<std::size_t>(random.between(0, static_cast<int>(cats.size()) - 1))];

  out << "  <matter" << attr("basic-code", basicCode)
      << attr("implementation-code", body + std::to_string(level) + basicCode)
      << attr("version", "1") << attr("effective", "2026-01-01") << attr("category", category.id)
      << attr("type", type) << attr("level", std::to_string(level))
      << attr("case-type", immediate ? "1" : "2") << attr("calendar", "cn-mainland") << ">\n";
  out << "    <name" << attr("zh", zh) << attr("en", en) << "/>\n";
  out << "    <search" << attr("pinyin", pinyinForms({name.subject, name.object, name.action}))
      << attr("keywords", std::string(name.subject->zh) + " " + std::string(name.object->zh) + " " +
                              std::string(name.object->en))
      << "/>\n";
  out << "    <targets>" << (random.chance(60) ? "1" : "1 2") << "</targets>\n";
  auto flag = [](bool value) { return value ? "true" : "false"; };
  out << "    <flags" << attr("auto-approval", flag(autoApproval))
      << attr("gap-acceptance", flag(gapAcceptance)) << attr("e-licence", flag(random.chance(40)))
      << attr("home-visit", flag(random.chance(10)))
      << attr("district-wide", flag(random.chance(70))) << attr("immediate", flag(immediate))
      << "/>\n";
  out << "    " << limitsElement(random) << "\n";

  out << "    <guide>\n      <conditions>\n";
  for (std::string_view condition : random.distinct(kConditionPhrases, random.between(2, 5)))
    out << "        <item" << attr("zh", std::string(condition) + "（" + zh + "）") << "/>\n";
  out << "      </conditions>\n      <flow>\n";
  const int steps = random.between(3, 7);
  for (int i = 0; i < steps; ++i)
    out << "        <step"
        << attr("zh", kFlowPhrases[static_cast<std::size_t>(i) % kFlowPhrases.size()]) << "/>\n";
  out << "      </flow>\n";
  out << "      <fees" << attr("zh", random.chance(80) ? "不收费" : "按国家规定标准收费") << "/>\n";
  out << "      <place" << attr("zh", "各街道党群服务中心综合窗口") << "/>\n";
  out << "      <hours" << attr("zh", "周一至周五 9:00–12:00，14:00–18:00") << "/>\n";
  out << "      <phone sample=\"true\">0755-12345</phone>\n";
  const std::vector<std::string_view> laws = random.distinct(kLegalBases, 2);
  out << "      <legal-basis" << attr("zh", std::string(laws[0]) + "；" + std::string(laws[1]))
      << "/>\n";
  for (const Faq& faq : random.distinct(kFaqs, random.between(0, 3)))
    out << "      <faq><q" << attr("zh", std::string(faq.question) + "（" + zh + "）") << "/><a"
        << attr("zh", faq.answer) << "/></faq>\n";
  out << "    </guide>\n";

  // 5–12 distinct materials.
  std::vector<std::size_t> chosen;
  std::set<std::size_t> used;
  const int materialCount = random.between(5, 12);
  while (static_cast<int>(chosen.size()) < materialCount) {
    const auto m =
        static_cast<std::size_t>(random.between(0, static_cast<int>(kMaterials.size()) - 1));
    if (used.insert(m).second) chosen.push_back(m);
  }
  out << "    <materials>\n";
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    const MaterialTemplate& m = kMaterials[chosen[i]];
    const ScanPolicy& scan = kScanPolicies[static_cast<std::size_t>(m.scanPolicy)];
    const bool secondary = gapAcceptance && i >= 3 && random.chance(50);
    const int originals = random.between(0, 1);
    out << "      <material" << attr("key", m.key) << attr("role", secondary ? "secondary" : "main")
        << attr("originals", std::to_string(originals))
        << attr("copies", std::to_string(random.between(originals == 0 ? 1 : 0, 2)))
        << attr("medium", m.eLicence.empty() ? "paper" : "both");
    if (!m.eLicence.empty()) out << attr("e-licence-type", m.eLicence);
    out << ">\n        <name" << attr("zh", m.zh) << attr("en", m.en) << "/>\n";
    if (random.chance(50))
      out << "        <note" << attr("zh", "核验原件，复印件加盖公章或签名") << "/>\n";
    out << "        <scan" << attr("dpi", std::to_string(scan.dpi)) << attr("colour", scan.colour)
        << attr("format", scan.format) << attr("max-bytes", std::to_string(scan.maxBytes))
        << "/>\n";
    out << "      </material>\n";
  }
  out << "    </materials>\n";

  // Scenario questions pick among the last materials, so some stay unconditional.
  const int questions = random.between(0, 2);
  if (questions > 0) {
    out << "    <scenarios>\n";
    for (int q = 0; q < questions; ++q) {
      const std::size_t a = chosen[chosen.size() - 1 - static_cast<std::size_t>(q) * 2];
      const std::size_t b = chosen[chosen.size() - 2 - static_cast<std::size_t>(q) * 2];
      out << "      <question" << attr("id", "q" + std::to_string(q + 1))
          << attr("zh", q == 0 ? "申请人属于哪种情形？" : "是否委托他人办理？")
          << attr("en", q == 0 ? "Which case applies?" : "Is an agent applying?") << ">\n";
      out << "        <answer" << attr("id", "a") << attr("zh", "情形一")
          << attr("materials", kMaterials[a].key) << "/>\n";
      out << "        <answer" << attr("id", "b") << attr("zh", "情形二")
          << attr("materials", kMaterials[b].key) << "/>\n";
      out << "      </question>\n";
    }
    out << "    </scenarios>\n";
  }
  out << "    <form ref=\"forms/synthetic_form.xml\"/>\n";
  if (autoApproval) {
    out << "    <rules>\n      <rule" << attr("id", "auto") << attr("zh", zh + "秒批") << ">\n";
    out << "        <when" << attr("zh", "身份证号码有效")
        << attr("test", "id-number-valid(/data/applicant/id_number)")
        << attr("show", "/data/applicant/id_number") << "/>\n";
    out << "        <when" << attr("zh", "年满18周岁")
        << attr("test", "age-from-id(/data/applicant/id_number) >= 18")
        << attr("show", "age-from-id(/data/applicant/id_number)") << "/>\n";
    out << "        <when" << attr("zh", "深圳户籍")
        << attr("test", "/data/applicant/hukou = 'shenzhen'")
        << attr("show", "jr:choice-name(/data/applicant/hukou, '/data/applicant/hukou')") << "/>\n";
    out << "        <outcome" << attr("zh", "符合条件，自动核准") << attr("decision", "approve")
        << "/>\n";
    out << "      </rule>\n    </rules>\n";
  }
  out << "  </matter>\n";
}

void writeCatalog(const std::filesystem::path& file, int matters, Random& random) {
  std::ofstream out(file, std::ios::binary);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<!-- Synthetic catalog written by bench/make_catalog for scale benchmarks. -->\n";
  out << "<catalog xmlns=\"urn:onewindow:catalog:1\" release=\"synthetic.1\" "
         "published=\"2026-11-27\""
         " sample=\"true\" publisher=\"OneWindow benchmark\">\n";
  writeCalendar(out);
  const std::vector<Category> cats = categories();
  out << "  <categories>\n";
  for (const Category& c : cats) {
    out << "    <category" << attr("id", c.id);
    if (!c.parent.empty()) out << attr("parent", c.parent);
    out << attr("zh", c.zh) << attr("en", c.en) << "/>\n";
  }
  out << "  </categories>\n";

  std::vector<std::string> bodies;
  for (int i = 0; i < 40; ++i) bodies.push_back(syntheticUscc(random));
  const std::vector<MatterName> names = matterNames(matters, random);
  std::vector<std::string> basicCodes;
  for (int i = 0; i < matters; ++i) {
    std::string code;
    writeMatter(out, i, names[static_cast<std::size_t>(i)], random.pick(bodies), cats, random,
                code);
    basicCodes.push_back(code);
  }
  // One bundle per 40 matters, each of 2–4 distinct consecutive matters.
  for (int b = 0; b + 4 <= matters && b / 40 < 999; b += 40) {
    const std::string code = "44030000B" + padded(b / 40 + 1, 3);
    out << "  <bundle" << attr("code", code) << attr("version", "1")
        << attr("effective", "2026-01-01") << attr("category", cats.front().id) << ">\n";
    out << "    <name" << attr("zh", "联办事项" + std::to_string(b / 40 + 1) + "一件事") << "/>\n";
    out << "    <form ref=\"forms/synthetic_form.xml\"/>\n";
    const int parts = random.between(2, 4);
    for (int p = 0; p < parts; ++p)
      out << "    <part" << attr("matter", basicCodes[static_cast<std::size_t>(b + p)])
          << attr("department", "区政务服务数据管理局") << "/>\n";
    out << "  </bundle>\n";
  }
  out << "</catalog>\n";
}

// ---- the form ---------------------------------------------------------------------------------

// One node of the synthetic form, rendered as pyxform renders an XLSForm row.
struct Field {
  std::string path;
  std::string name;
  std::string type;     // bind type
  std::string control;  // input, select1, select, upload, or "" (calculate)
  std::string list;     // choice list for selects
  std::string filter;   // itemset predicate
  std::string zh;
  std::string en;
  std::string constraint;
  std::string constraintZh;
  std::string relevant;
  std::string calculate;
  bool required = false;
  bool readonly = false;
};

struct Group {
  std::string path;
  std::string zh;
  std::string en;
  std::string relevant;
  bool repeat = false;
  std::vector<Field> fields;
};

struct Choice {
  std::string list;
  std::string value;
  std::string zh;
  std::string en;
  std::string filterName;
  std::string filterValue;
};

std::vector<Choice> choiceLists() {
  std::vector<Choice> out = {
      {"hukou_types", "shenzhen", "深圳户籍", "Shenzhen hukou", "", ""},
      {"hukou_types", "non_shenzhen", "非深圳户籍", "Non-Shenzhen hukou", "", ""},
      {"yes_no", "yes", "是", "Yes", "", ""},
      {"yes_no", "no", "否", "No", "", ""},
  };
  static constexpr const char* kDistricts[] = {"福田区", "罗湖区", "南山区", "宝安区", "龙岗区",
                                               "盐田区", "龙华区", "坪山区", "光明区", "大鹏新区"};
  // Each list stays contiguous: itext ids and secondary instances number items per list.
  std::vector<Choice> streets;
  std::vector<Choice> communities;
  for (int d = 0; d < 10; ++d) {
    const std::string district = "d" + std::to_string(d + 1);
    out.push_back(
        {"districts", district, kDistricts[d], "District " + std::to_string(d + 1), "", ""});
    for (int s = 0; s < 4; ++s) {
      const std::string street = district + "s" + std::to_string(s + 1);
      streets.push_back({"streets", street,
                         std::string(kDistricts[d]) + "第" + std::to_string(s + 1) + "街道",
                         "Subdistrict " + std::to_string(s + 1), "district", district});
      for (int c = 0; c < 5; ++c)
        communities.push_back({"communities", street + "c" + std::to_string(c + 1),
                               "第" + std::to_string(c + 1) + "社区",
                               "Community " + std::to_string(c + 1), "street", street});
    }
  }
  out.insert(out.end(), streets.begin(), streets.end());
  out.insert(out.end(), communities.begin(), communities.end());
  for (int o = 0; o < 8; ++o)
    out.push_back({"options", "o" + std::to_string(o + 1), "选项" + std::to_string(o + 1),
                   "Option " + std::to_string(o + 1), "", ""});
  return out;
}

Field input(const std::string& group, const std::string& name, const std::string& type,
            const std::string& zh, const std::string& en) {
  Field f;
  f.path = group + "/" + name;
  f.name = name;
  f.type = type;
  f.control = "input";
  f.zh = zh;
  f.en = en;
  return f;
}

Field calculation(const std::string& group, const std::string& name,
                  const std::string& expression) {
  Field f;
  f.path = group + "/" + name;
  f.name = name;
  f.type = "string";
  f.calculate = expression;
  return f;
}

Field select(const std::string& group, const std::string& name, const std::string& list,
             bool multiple, const std::string& zh, const std::string& en) {
  Field f = input(group, name, "string", zh, en);
  f.control = multiple ? "select" : "select1";
  f.list = list;
  return f;
}

// The fixed part of the form: applicant, address, a household repeat, uploads (30 binds with
// the meta bind).
std::vector<Group> fixedGroups() {
  std::vector<Group> groups;
  Group applicant{"/data/applicant", "申请人信息", "Applicant", "", false, {}};
  Field name = input(applicant.path, "name", "string", "姓名", "Name");
  name.required = true;
  Field id = input(applicant.path, "id_number", "string", "公民身份号码", "ID number");
  id.required = true;
  id.constraint = "id-number-valid(.)";
  id.constraintZh = "公民身份号码无效";
  Field mobile = input(applicant.path, "mobile", "string", "手机号码", "Mobile");
  mobile.required = true;
  mobile.constraint = "regex(., '^1[3-9][0-9]{9}$')";
  mobile.constraintZh = "请输入11位手机号码";
  Field hukou = select(applicant.path, "hukou", "hukou_types", false, "户籍", "Hukou");
  hukou.required = true;
  applicant.fields = {
      name,
      id,
      calculation(applicant.path, "age", "age-from-id( /data/applicant/id_number )"),
      calculation(applicant.path, "gender",
                  "if(string-length( /data/applicant/id_number ) = 18, if(int(substr( "
                  "/data/applicant/id_number , 16, 17)) mod 2 = 1, 'male', 'female'), '')"),
      mobile,
      hukou};
  groups.push_back(applicant);

  Group address{"/data/address", "居住地址", "Address", "", false, {}};
  Field street = select(address.path, "street", "streets", false, "街道", "Subdistrict");
  street.filter = "district= /data/address/district ";
  Field community = select(address.path, "community", "communities", false, "社区", "Community");
  community.filter = "street= /data/address/street ";
  address.fields = {select(address.path, "district", "districts", false, "所在区", "District"),
                    street, community,
                    input(address.path, "detail", "string", "详细地址", "Street address")};
  for (Field& f : address.fields) f.required = true;
  groups.push_back(address);

  Group members{"/data/household/member", "家庭成员", "Household member", "", true, {}};
  Field memberId = input(members.path, "member_id_number", "string", "公民身份号码", "ID number");
  memberId.constraint = "id-number-valid(.)";
  memberId.constraintZh = "公民身份号码无效";
  Field income = input(members.path, "income", "decimal", "月收入（元）", "Monthly income");
  income.constraint = ". >= 0";
  income.constraintZh = "收入不能为负数";
  members.fields = {input(members.path, "member_name", "string", "姓名", "Name"), memberId,
                    calculation(members.path, "member_age", "age-from-id( ../member_id_number )"),
                    select(members.path, "relation", "options", false, "关系", "Relation"), income};
  groups.push_back(members);

  Group household{"/data/household", "", "", "", false, {}};
  household.fields = {
      calculation(household.path, "member_count", "count( /data/household/member )"),
      calculation(household.path, "total_income", "sum( /data/household/member/income )")};
  groups.push_back(household);

  Group materials{"/data/materials", "申请材料", "Materials", "", false, {}};
  for (std::size_t i = 0; i < 12; ++i) {
    const MaterialTemplate& m = kMaterials[i];
    Field upload =
        input(materials.path, std::string(m.key), "binary", std::string(m.zh), std::string(m.en));
    upload.control = "upload";
    materials.fields.push_back(upload);
  }
  groups.push_back(materials);
  return groups;
}

constexpr int kFixedBinds = 30;

// The rest of the binds: groups of 20 questions of every kind, relevance and calculate chains.
std::vector<Group> chainGroups(int binds) {
  std::vector<Group> groups;
  int made = 0;
  for (int g = 1; made < binds; ++g) {
    const std::string gname = "g" + padded(g, 3);
    Group group{"/data/" + gname,
                "第" + std::to_string(g) + "部分",
                "Part " + std::to_string(g),
                "",
                false,
                {}};
    // Every fifth group depends on the first answer of the group before it (its bind counts).
    if (g > 1 && g % 5 == 0 && made + 1 < binds) {
      const std::string previous = "g" + padded(g - 1, 3);
      group.relevant = " /data/" + previous + "/" + previous + "_f01  > 0";
      ++made;
    }
    std::string previousInt;
    std::string previousCalc;
    std::string previousYesNo;
    for (int i = 1; i <= 20 && made < binds; ++i, ++made) {
      const std::string name = gname + "_f" + padded(i, 2);
      const std::string label = "问题" + std::to_string(g) + "-" + std::to_string(i);
      const std::string labelEn = "Question " + std::to_string(g) + "-" + std::to_string(i);
      Field f;
      switch (i % 10) {
        case 0:
          f = input(group.path, name, "string", label, labelEn);
          f.constraint = "string-length(.) <= 50";
          f.constraintZh = "不超过50个字";
          break;
        case 1:
          f = input(group.path, name, "int", label, labelEn);
          f.constraint = ". >= 0 and . <= 1000";
          f.constraintZh = "应在0至1000之间";
          f.required = true;
          previousInt = f.path;
          break;
        case 2:
          f = input(group.path, name, "decimal", label, labelEn);
          break;
        case 3:
          f = input(group.path, name, "date", label, labelEn);
          f.constraint = ". <= today()";
          f.constraintZh = "日期不能晚于今天";
          break;
        case 4:
          f = select(group.path, name, "yes_no", false, label, labelEn);
          previousYesNo = f.path;
          break;
        case 5:
          f = input(group.path, name, "string", label, labelEn);
          f.relevant = " " + previousYesNo + "  = 'yes'";
          f.required = true;
          break;
        case 6:
          f = calculation(group.path, name,
                          previousCalc.empty()
                              ? "coalesce( " + previousInt + " , 0) * 2"
                              : " " + previousCalc + "  + coalesce( " + previousInt + " , 0)");
          previousCalc = f.path;
          break;
        case 7:
          f = select(group.path, name, "options", true, label, labelEn);
          break;
        case 8:
          f = input(group.path, name, "int", label, labelEn);
          f.relevant = " " + previousInt + "  > 10";
          break;
        case 9:
          f = input(group.path, name, "string", label, labelEn);
          f.readonly = true;
          f.calculate = "concat( /data/applicant/name , '-', " +
                        (previousCalc.empty() ? std::string("''") : " " + previousCalc + " ") + ")";
          break;
      }
      group.fields.push_back(f);
    }
    groups.push_back(group);
  }
  return groups;
}

void writeForm(const std::filesystem::path& file, int binds) {
  std::vector<Group> groups = fixedGroups();
  for (Group& g : chainGroups(binds - kFixedBinds)) groups.push_back(g);
  const std::vector<Choice> choices = choiceLists();

  std::ofstream out(file, std::ios::binary);
  out << "<?xml version=\"1.0\"?>\n"
         "<h:html xmlns=\"http://www.w3.org/2002/xforms\" "
         "xmlns:ev=\"http://www.w3.org/2001/xml-events\""
         " xmlns:h=\"http://www.w3.org/1999/xhtml\" xmlns:jr=\"http://openrosa.org/javarosa\""
         " xmlns:odk=\"http://www.opendatakit.org/xforms\" xmlns:orx=\"http://openrosa.org/xforms\""
         " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">\n"
         "  <h:head>\n    <h:title>合成表单</h:title>\n    <model odk:xforms-version=\"1.0.0\">\n";

  // itext: choices, labels, constraint messages, in zh (default) and en.
  out << "      <itext>\n";
  for (int language = 0; language < 2; ++language) {
    out << "        <translation" << (language == 0 ? " default=\"true()\"" : "")
        << attr("lang", language == 0 ? "zh" : "en") << ">\n";
    int index = 0;
    std::string currentList;
    for (const Choice& c : choices) {
      if (c.list != currentList) {
        currentList = c.list;
        index = 0;
      }
      out << "          <text" << attr("id", c.list + "-" + std::to_string(index++)) << "><value>"
          << escaped(language == 0 ? c.zh : c.en) << "</value></text>\n";
    }
    for (const Group& g : groups) {
      if (!g.zh.empty())
        out << "          <text" << attr("id", g.path + ":label") << "><value>"
            << escaped(language == 0 ? g.zh : g.en) << "</value></text>\n";
      for (const Field& f : g.fields) {
        if (!f.control.empty())
          out << "          <text" << attr("id", f.path + ":label") << "><value>"
              << escaped(language == 0 ? f.zh : f.en) << "</value></text>\n";
        if (!f.constraintZh.empty())
          out << "          <text" << attr("id", f.path + ":jr:constraintMsg") << "><value>"
              << escaped(language == 0 ? f.constraintZh : "Check this answer")
              << "</value></text>\n";
      }
    }
    out << "        </translation>\n";
  }
  out << "      </itext>\n";

  // Primary instance: groups nest by path; the repeat gets a template and one copy.
  out << "      <instance>\n        <data id=\"synthetic_form\" version=\"1\">\n";
  auto writeFields = [&out](const Group& g, const std::string& indent) {
    for (const Field& f : g.fields) out << indent << "<" << f.name << "/>\n";
  };
  for (const Group& g : groups) {
    if (g.path == "/data/household/member") {
      out << "          <household>\n";
      for (const char* tmpl : {" jr:template=\"\"", ""}) {
        out << "            <member" << tmpl << ">\n";
        writeFields(g, "              ");
        out << "            </member>\n";
      }
    } else if (g.path == "/data/household") {
      writeFields(g, "            ");
      out << "          </household>\n";
    } else {
      const std::string name = g.path.substr(6);
      out << "          <" << name << ">\n";
      writeFields(g, "            ");
      out << "          </" << name << ">\n";
    }
  }
  out << "          <meta>\n            <instanceID/>\n          </meta>\n        </data>\n      "
         "</instance>\n";

  // Secondary instances, one per list.
  std::string currentList;
  int index = 0;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    const Choice& c = choices[i];
    if (c.list != currentList) {
      if (!currentList.empty()) out << "        </root>\n      </instance>\n";
      currentList = c.list;
      index = 0;
      out << "      <instance" << attr("id", c.list) << ">\n        <root>\n";
    }
    out << "          <item><itextId>" << c.list << "-" << index++ << "</itextId><name>" << c.value
        << "</name>";
    if (!c.filterName.empty())
      out << "<" << c.filterName << ">" << c.filterValue << "</" << c.filterName << ">";
    out << "</item>\n";
  }
  out << "        </root>\n      </instance>\n";

  // Binds in document order.
  for (const Group& g : groups) {
    if (!g.relevant.empty())
      out << "      <bind" << attr("nodeset", g.path) << attr("relevant", g.relevant) << "/>\n";
    for (const Field& f : g.fields) {
      out << "      <bind" << attr("nodeset", f.path) << attr("type", f.type);
      if (!f.calculate.empty()) out << attr("calculate", f.calculate);
      if (!f.constraint.empty())
        out << attr("constraint", f.constraint)
            << attr("jr:constraintMsg", "jr:itext('" + f.path + ":jr:constraintMsg')");
      if (!f.relevant.empty()) out << attr("relevant", f.relevant);
      if (f.required) out << attr("required", "true()");
      if (f.readonly) out << attr("readonly", "true()");
      out << "/>\n";
    }
  }
  out << "      <bind nodeset=\"/data/meta/instanceID\" type=\"string\" readonly=\"true()\""
         " jr:preload=\"uid\"/>\n    </model>\n  </h:head>\n  <h:body>\n";

  auto label = [](const std::string& path) {
    return "<label ref=\"jr:itext('" + path + ":label')\"/>";
  };
  for (const Group& g : groups) {
    if (g.path == "/data/household") continue;
    std::string indent = "    ";
    out << indent << "<group" << attr("ref", g.path) << ">\n      " << label(g.path) << "\n";
    if (g.repeat) {
      out << "      <repeat" << attr("nodeset", g.path) << ">\n";
      indent = "        ";
    } else {
      indent = "      ";
    }
    for (const Field& f : g.fields) {
      if (f.control.empty()) continue;
      if (f.control == "upload") {
        out << indent << "<upload mediatype=\"application/*\"" << attr("ref", f.path) << ">"
            << label(f.path) << "</upload>\n";
      } else if (f.control == "select1" || f.control == "select") {
        std::string nodeset = "instance('" + f.list + "')/root/item";
        if (!f.filter.empty()) nodeset += "[" + f.filter + "]";
        out << indent << "<" << f.control << attr("ref", f.path) << ">" << label(f.path)
            << "<itemset" << attr("nodeset", nodeset)
            << "><value ref=\"name\"/><label ref=\"jr:itext(itextId)\"/></itemset></" << f.control
            << ">\n";
      } else {
        out << indent << "<input" << attr("ref", f.path) << ">" << label(f.path) << "</input>\n";
      }
    }
    if (g.repeat) out << "      </repeat>\n";
    out << "    </group>\n";
  }
  out << "  </h:body>\n</h:html>\n";
}

int parsePositive(const char* text, const char* what) {
  char* end = nullptr;
  const long value = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || value <= 0 || value > 1000000) {
    std::cerr << "make_catalog: " << what << " must be a positive number, not '" << text << "'\n";
    std::exit(2);
  }
  return static_cast<int>(value);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::cerr << "usage: make_catalog <out-dir> <matters> [<form-binds>]\n";
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  const int matters = parsePositive(argv[2], "matters");
  const int binds = argc == 4 ? parsePositive(argv[3], "form-binds") : 500;
  const int maxMatters = static_cast<int>(kSubjects.size() * kObjects.size() * kActions.size());
  if (matters > maxMatters) {
    std::cerr << "make_catalog: at most " << maxMatters << " matters (distinct names)\n";
    return 2;
  }
  if (binds < kFixedBinds + 1) {
    std::cerr << "make_catalog: a form needs at least " << kFixedBinds + 1 << " binds\n";
    return 2;
  }
  std::filesystem::create_directories(dir / "forms");
  Random random(20261127);
  writeCatalog(dir / "catalog.xml", matters, random);
  writeForm(dir / "forms" / "synthetic_form.xml", binds);
  std::cout << "wrote " << (dir / "catalog.xml").string() << " ("
            << std::filesystem::file_size(dir / "catalog.xml") << " bytes, " << matters
            << " matters) and " << (dir / "forms" / "synthetic_form.xml").string() << " ("
            << std::filesystem::file_size(dir / "forms" / "synthetic_form.xml") << " bytes, "
            << binds << " binds)\n";
  return 0;
}
