#include "generated_form.hpp"

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "forms/markup_escape.hpp"

namespace onewindow::forms::testforms {

namespace {

std::string escaped(const std::string& text) { return escapeMarkup(text); }

std::string attr(const std::string& name, const std::string& value) {
  return " " + name + "=\"" + escapeMarkup(value) + "\"";
}

std::string two(int n) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%02d", n);
  return buffer;
}

// Text in both languages, with at most one <output> after the literal (a note's label).
struct Text {
  std::string zh;
  std::string en;
  std::string output;  // a path shown after the text, as pyxform writes ${name} in a label

  [[nodiscard]] bool empty() const { return zh.empty() && en.empty(); }
};

// One row of the XLSForm: a question, a calculate, a group or a repeat.
struct Row {
  enum class Kind { Field, Group, Repeat } kind = Kind::Field;
  std::string name;
  std::string path;     // generic path
  std::string type;     // bind type as written
  std::string control;  // input, select1, select; "" = calculate (no control)
  std::string list;     // choices of a select
  std::string filter;   // choice_filter, as pyxform writes it into the itemset predicate
  Text label;
  Text hint;
  Text constraintMsg;
  Text requiredMsg;
  std::string constraint;
  std::string relevant;
  std::string calculate;
  std::string appearance;
  bool required = false;
  bool readonly = false;
  bool preloadUid = false;
  std::vector<Row> children;
};

struct ChoiceRow {
  std::string list;
  std::string value;
  std::string zh;
  std::string en;
  std::string filterName;
  std::string filterValue;
};

Row group(const std::string& parent, const std::string& name, Text label,
          const std::string& appearance = {}) {
  Row row;
  row.kind = Row::Kind::Group;
  row.name = name;
  row.path = parent + "/" + name;
  row.label = std::move(label);
  row.appearance = appearance;
  return row;
}

Row repeat(const std::string& parent, const std::string& name, Text label) {
  Row row = group(parent, name, std::move(label));
  row.kind = Row::Kind::Repeat;
  return row;
}

Row input(const std::string& parent, const std::string& name, const std::string& type, Text label) {
  Row row;
  row.name = name;
  row.path = parent + "/" + name;
  row.type = type;
  row.control = "input";
  row.label = std::move(label);
  return row;
}

Row selectOne(const std::string& parent, const std::string& name, const std::string& list,
              Text label, const std::string& type = "string") {
  Row row = input(parent, name, type, std::move(label));
  row.control = "select1";
  row.list = list;
  return row;
}

Row selectMany(const std::string& parent, const std::string& name, const std::string& list,
               Text label) {
  Row row = input(parent, name, "string", std::move(label));
  row.control = "select";
  row.list = list;
  return row;
}

Row calculation(const std::string& parent, const std::string& name, const std::string& expression) {
  Row row;
  row.name = name;
  row.path = parent + "/" + name;
  row.type = "string";
  row.calculate = expression;
  return row;
}

std::vector<ChoiceRow> choiceRows() {
  std::vector<ChoiceRow> rows = {
      {"yes_no", "yes", "是", "Yes", "", ""},
      {"yes_no", "no", "否", "No", "", ""},
      {"relation", "spouse", "配偶", "Spouse", "", ""},
      {"relation", "child", "子女", "Child", "", ""},
      {"relation", "parent", "父母", "Parent", "", ""},
      {"relation", "other", "其他", "Other", "", ""},
      {"grades", "a", "优", "Excellent", "", ""},
      {"grades", "b", "良", "Good", "", ""},
      {"grades", "c", "中", "Fair", "", ""},
      {"grades", "d", "差", "Poor", "", ""},
      {"asset_kinds", "house", "房产", "Housing", "", ""},
      {"asset_kinds", "car", "车辆", "Vehicle", "", ""},
      {"asset_kinds", "deposit", "存款", "Deposit", "", ""},
      {"asset_kinds", "other", "其他", "Other", "", ""},
  };
  for (int o = 1; o <= 6; ++o)
    rows.push_back({"options", "o" + std::to_string(o), "选项" + std::to_string(o),
                    "Option " + std::to_string(o), "", ""});
  static constexpr const char* kDistricts[] = {"福田区", "罗湖区", "南山区", "宝安区", "龙岗区",
                                               "盐田区", "龙华区", "坪山区", "光明区", "大鹏新区"};
  // pyxform numbers itext ids per list, so each list stays contiguous.
  std::vector<ChoiceRow> streets;
  std::vector<ChoiceRow> communities;
  for (int d = 1; d <= 10; ++d) {
    const std::string district = "d" + std::to_string(d);
    rows.push_back(
        {"district", district, kDistricts[d - 1], "District " + std::to_string(d), "", ""});
    for (int s = 1; s <= 4; ++s) {
      const std::string street = district + "s" + std::to_string(s);
      streets.push_back(
          {"street", street, std::string(kDistricts[d - 1]) + "第" + std::to_string(s) + "街道",
           "Subdistrict " + std::to_string(d) + "-" + std::to_string(s), "district", district});
      for (int c = 1; c <= 3; ++c)
        communities.push_back({"community", street + "c" + std::to_string(c),
                               "第" + std::to_string(c) + "社区",
                               "Community " + street + "-" + std::to_string(c), "street", street});
    }
  }
  rows.insert(rows.end(), streets.begin(), streets.end());
  rows.insert(rows.end(), communities.begin(), communities.end());
  return rows;
}

Row applicantGroup() {
  Row applicant = group("/data", "applicant", {"申请人信息", "Applicant"}, "field-list");
  const std::string& p = applicant.path;
  Row name = input(p, "name", "string", {"姓名", "Name"});
  name.required = true;
  name.requiredMsg = {"请填写申请人姓名", "Enter the applicant's name"};
  Row id = input(p, "id_number", "string", {"公民身份号码", "ID number"});
  id.required = true;
  id.constraint = "id-number-valid(.)";
  id.constraintMsg = {"公民身份号码校验失败", "The ID number's check digit is wrong"};
  id.hint = {"18位居民身份证号码", "18-character resident ID number"};
  Row mobile = input(p, "mobile", "xsd:string", {"手机号码", "Mobile"});
  mobile.constraint = "regex(., '^1[3-9][0-9]{9}$')";
  mobile.constraintMsg = {"请输入11位手机号码", "Enter an 11-digit mobile number"};
  Row birth = input(p, "birth_date", "date", {"出生日期", "Date of birth"});
  birth.constraint = ". <= today()";
  birth.constraintMsg = {"日期不能晚于今天", "The date cannot be after today"};
  Row district = selectOne(p, "district", "district", {"所在区", "District"});
  Row street = selectOne(p, "street", "street", {"街道", "Subdistrict"});
  street.filter = "district= /data/applicant/district ";
  Row community = selectOne(p, "community", "community", {"社区", "Community"});
  community.filter = "street= current()/../street ";
  for (Row* row : {&district, &street, &community}) row->required = true;
  applicant.children = {
      name,   id,        calculation(p, "age", "age-from-id( /data/applicant/id_number )"),
      mobile, birth,     district,
      street, community, input(p, "address", "string", {"详细地址", "Street address"})};
  return applicant;
}

Row householdGroup() {
  Row household = group("/data", "household", {"家庭情况", "Household"});
  Row member = repeat(household.path, "member", {"家庭成员", "Household member"});
  const std::string& m = member.path;
  Row memberName = input(m, "member_name", "string", {"成员姓名", "Member's name"});
  memberName.required = true;
  Row memberId = input(m, "member_id", "string", {"成员身份号码", "Member's ID number"});
  memberId.constraint = "id-number-valid(.)";
  memberId.constraintMsg = {"公民身份号码校验失败", "The ID number's check digit is wrong"};
  Row income = input(m, "income", "decimal", {"月收入（元）", "Monthly income (yuan)"});
  income.constraint = ". >= 0";
  income.constraintMsg = {"收入不能为负数", "Income cannot be negative"};
  Row job = repeat(m, "job", {"工作经历", "Jobs"});
  Row pay = input(job.path, "pay", "decimal", {"月工资（元）", "Monthly pay (yuan)"});
  pay.constraint = ". >= 0";
  pay.constraintMsg = {"工资不能为负数", "Pay cannot be negative"};
  Row months = input(job.path, "months", "int", {"工作月数", "Months worked"});
  months.constraint = ". >= 1 and . <= 12";
  months.constraintMsg = {"应在1至12之间", "Between 1 and 12"};
  job.children = {input(job.path, "employer", "string", {"工作单位", "Employer"}), pay, months};
  member.children = {memberName,
                     memberId,
                     calculation(m, "member_age", "age-from-id( ../member_id )"),
                     selectOne(m, "relation", "relation", {"与申请人关系", "Relation"}),
                     income,
                     job,
                     calculation(m, "member_pay", "sum( ../job/pay )")};
  Row summary = input(household.path, "summary", "string",
                      {"家庭月收入合计（元）：",
                       "Household monthly income (yuan): ", "/data/household/total_income"});
  summary.readonly = true;
  household.children = {
      member, calculation(household.path, "member_count", "count( /data/household/member )"),
      calculation(household.path, "total_income", "sum( /data/household/member/income )"),
      calculation(household.path, "total_pay", "sum( /data/household/member/job/pay )"), summary};
  return household;
}

Row assetsGroup() {
  Row assets = group("/data", "assets", {"财产情况", "Assets"});
  Row asset = repeat(assets.path, "asset", {"财产", "Asset"});
  asset.relevant = " /data/assets/has_assets  = 'yes'";
  Row value = input(asset.path, "asset_value", "decimal", {"价值（元）", "Value (yuan)"});
  value.constraint = ". >= 0";
  value.constraintMsg = {"价值不能为负数", "A value cannot be negative"};
  asset.children = {selectOne(asset.path, "asset_kind", "asset_kinds", {"类别", "Kind"}), value,
                    input(asset.path, "asset_note", "string", {"说明", "Note"})};
  assets.children = {
      selectOne(assets.path, "has_assets", "yes_no", {"是否有财产", "Any assets?"}), asset,
      calculation(assets.path, "asset_total", "sum( /data/assets/asset/asset_value )")};
  return assets;
}

Row question(int section, int number) {
  const std::string parent = sectionPath(section);
  const std::string name = "s" + two(section) + "_q" + two(number);
  const std::string tag = std::to_string(section) + "-" + std::to_string(number);
  // Questions this one reads, earlier in its block of kQuestionKinds.
  const int blockStart = number - (number - 1) % kQuestionKinds;
  const auto kindAt = [&](QuestionKind kind) {
    return questionPath(section, blockStart + static_cast<int>(kind));
  };
  Row row;
  switch (static_cast<QuestionKind>((number - 1) % kQuestionKinds)) {
    case QuestionKind::Count:
      row = input(parent, name, "int", {"人数 " + tag, "Count " + tag});
      row.required = true;
      row.constraint = ". >= 0 and . <= 1000";
      row.constraintMsg = {"应在0至1000之间", "Between 0 and 1000"};
      row.hint = {"填写整数", "A whole number"};
      break;
    case QuestionKind::Amount:
      row = input(parent, name, "decimal", {"金额 " + tag, "Amount " + tag});
      break;
    case QuestionKind::Day:
      row = input(parent, name, "date", {"日期 " + tag, "Date " + tag});
      row.constraint = ". <= today()";
      row.constraintMsg = {"日期不能晚于今天", "The date cannot be after today"};
      break;
    case QuestionKind::YesNo:
      row = selectOne(parent, name, "yes_no", {"是否 " + tag, "Yes or no " + tag});
      break;
    case QuestionKind::Details:
      row = input(parent, name, "string", {"情况说明 " + tag, "Details " + tag});
      row.relevant = " " + kindAt(QuestionKind::YesNo) + "  = 'yes'";
      row.required = true;
      row.requiredMsg = {"请说明情况", "Give the details"};
      break;
    case QuestionKind::Subtotal:
      row = calculation(parent, name,
                        "coalesce( " + kindAt(QuestionKind::Count) + " , 0) + coalesce( " +
                            kindAt(QuestionKind::Amount) + " , 0)");
      break;
    case QuestionKind::Options:
      row = selectMany(parent, name, "options", {"多选 " + tag, "Options " + tag});
      break;
    case QuestionKind::Extra:
      row = input(parent, name, "xsd:int", {"补充人数 " + tag, "Extra count " + tag});
      row.relevant = " " + kindAt(QuestionKind::Count) + "  > 10";
      break;
    case QuestionKind::Remark:
      row = input(parent, name, "string", {"备注 " + tag, "Remark " + tag});
      row.constraint = "string-length(.) <= 50";
      row.constraintMsg = {"不超过50个字", "At most 50 characters"};
      break;
    case QuestionKind::At:
      row = input(parent, name, "time", {"时间 " + tag, "Time " + tag});
      break;
    case QuestionKind::Grade:
      row = selectOne(parent, name, "grades", {"评价 " + tag, "Grade " + tag}, "select1");
      break;
    case QuestionKind::Note:
      row = input(parent, name, "xsd:string",
                  {"小计 " + tag + "：", "Subtotal " + tag + ": ", kindAt(QuestionKind::Subtotal)});
      row.readonly = true;
      break;
  }
  return row;
}

// Section k: a field-list group relevant when section k-1's gate is "yes" and section k-1 was
// reached (its depth calculate says so), so the chain closes behind any "no".
Row section(int k, int questions, bool chain) {
  Row row = group("/data", "s" + two(k),
                  {"第" + std::to_string(k) + "部分", "Part " + std::to_string(k)}, "field-list");
  if (chain && k > 1) {
    const std::string previous = sectionPath(k - 1) + "/s" + two(k - 1);
    row.relevant =
        " " + previous + "_go  = 'yes' and  " + previous + "_depth  = " + std::to_string(k - 1);
  }
  Row gate = selectOne(row.path, "s" + two(k) + "_go", "yes_no",
                       {"是否继续填写第" + std::to_string(k + 1) + "部分",
                        "Go on to part " + std::to_string(k + 1) + "?"});
  gate.required = true;
  row.children.push_back(gate);
  const std::string depth = k == 1 ? "if( " + gatePath(1) + "  = 'yes', 1, 0)"
                                   : "if( " + sectionPath(k - 1) + "/s" + two(k - 1) +
                                         "_depth  = " + std::to_string(k - 1) + " and  " +
                                         gatePath(k) + "  = 'yes', " + std::to_string(k) + ", 0)";
  row.children.push_back(calculation(row.path, "s" + two(k) + "_depth", depth));
  for (int q = 1; q <= questions; ++q) row.children.push_back(question(k, q));
  return row;
}

class Writer {
 public:
  Writer(const std::vector<Row>& rows, const std::vector<ChoiceRow>& choices)
      : rows_(rows), choices_(choices) {}

  LargeForm write(const LargeFormShape& shape) {
    out_ << "<?xml version=\"1.0\"?>\n"
            "<h:html xmlns=\"http://www.w3.org/2002/xforms\""
            " xmlns:ev=\"http://www.w3.org/2001/xml-events\""
            " xmlns:h=\"http://www.w3.org/1999/xhtml\" xmlns:jr=\"http://openrosa.org/javarosa\""
            " xmlns:odk=\"http://www.opendatakit.org/xforms\""
            " xmlns:orx=\"http://openrosa.org/xforms\""
            " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">\n"
            "  <h:head>\n"
            "    <h:title>大型综合申请表</h:title>\n"
            "    <model odk:xforms-version=\"1.0.0\">\n"
            "      <itext>\n";
    translation("Chinese (zh)", true);
    translation("English (en)", false);
    out_ << "      </itext>\n      <instance>\n        <data" << attr("id", shape.formId)
         << attr("version", shape.version) << ">\n";
    for (const Row& row : rows_) instance(row, "          ");
    out_ << "          <meta>\n            <instanceID/>\n          </meta>\n"
            "        </data>\n      </instance>\n";
    secondaryInstances();
    for (const Row& row : rows_) bind(row);
    out_ << "      <bind jr:preload=\"uid\" nodeset=\"/data/meta/instanceID\" readonly=\"true()\""
            " type=\"string\"/>\n";
    ++binds_;
    out_ << "    </model>\n  </h:head>\n  <h:body>\n";
    for (const Row& row : rows_) body(row, "    ");
    out_ << "  </h:body>\n</h:html>\n";
    return {out_.str(), binds_, controls_};
  }

 private:
  void text(const std::string& id, const Text& t, bool zh) {
    out_ << "          <text" << attr("id", id) << ">\n            <value>"
         << escaped(zh ? t.zh : t.en);
    if (!t.output.empty()) out_ << "<output value=\" " << t.output << " \"/>";
    out_ << "</value>\n          </text>\n";
  }

  void texts(const Row& row, bool zh) {
    if (!row.label.empty()) text(row.path + ":label", row.label, zh);
    if (!row.hint.empty()) text(row.path + ":hint", row.hint, zh);
    if (!row.constraintMsg.empty()) text(row.path + ":jr:constraintMsg", row.constraintMsg, zh);
    if (!row.requiredMsg.empty()) text(row.path + ":jr:requiredMsg", row.requiredMsg, zh);
    for (const Row& child : row.children) texts(child, zh);
  }

  void translation(const std::string& lang, bool isDefault) {
    out_ << "        <translation" << (isDefault ? " default=\"true()\"" : "") << attr("lang", lang)
         << ">\n";
    for (const Row& row : rows_) texts(row, lang == "Chinese (zh)");
    std::string list;
    int index = 0;
    for (const ChoiceRow& c : choices_) {
      if (c.list != list) {
        list = c.list;
        index = 0;
      }
      text(c.list + "-" + std::to_string(index++), {c.zh, c.en, ""}, lang == "Chinese (zh)");
    }
    out_ << "        </translation>\n";
  }

  // As pyxform's Section.xml_instance: outside a repeat, a repeat is written as its template
  // (jr:template, nested repeats as templates too) followed by one instance (the form opens with
  // it), whose nested repeats are plain instances without a template of their own.
  enum class Copy { Normal, Template, Instance };

  void instance(const Row& row, const std::string& indent, Copy copy = Copy::Normal) {
    if (row.kind == Row::Kind::Field) {
      out_ << indent << "<" << row.name << "/>\n";
      return;
    }
    const auto element = [&](bool isTemplate, Copy childCopy) {
      out_ << indent << "<" << row.name << (isTemplate ? " jr:template=\"\"" : "") << ">\n";
      for (const Row& child : row.children) instance(child, indent + "  ", childCopy);
      out_ << indent << "</" << row.name << ">\n";
    };
    if (row.kind == Row::Kind::Group) {
      element(false, copy == Copy::Template ? Copy::Normal : copy);
    } else if (copy == Copy::Normal) {
      element(true, Copy::Template);
      element(false, Copy::Instance);
    } else {
      element(copy == Copy::Template, copy);
    }
  }

  void secondaryInstances() {
    std::string list;
    int index = 0;
    for (const ChoiceRow& c : choices_) {
      if (c.list != list) {
        if (!list.empty()) out_ << "        </root>\n      </instance>\n";
        list = c.list;
        index = 0;
        out_ << "      <instance" << attr("id", c.list) << ">\n        <root>\n";
      }
      out_ << "          <item>\n            <itextId>" << c.list << "-" << index++
           << "</itextId>\n            <name>" << c.value << "</name>\n";
      if (!c.filterName.empty())
        out_ << "            <" << c.filterName << ">" << c.filterValue << "</" << c.filterName
             << ">\n";
      out_ << "          </item>\n";
    }
    out_ << "        </root>\n      </instance>\n";
  }

  void bind(const Row& row) {
    const bool field = row.kind == Row::Kind::Field;
    if (field || !row.relevant.empty()) {
      out_ << "      <bind" << attr("nodeset", row.path);
      if (field) out_ << attr("type", row.type);
      if (!row.calculate.empty()) out_ << attr("calculate", row.calculate);
      if (!row.constraint.empty()) out_ << attr("constraint", row.constraint);
      if (!row.constraintMsg.empty())
        out_ << attr("jr:constraintMsg", "jr:itext('" + row.path + ":jr:constraintMsg')");
      if (!row.relevant.empty()) out_ << attr("relevant", row.relevant);
      if (row.required) out_ << attr("required", "true()");
      if (!row.requiredMsg.empty())
        out_ << attr("jr:requiredMsg", "jr:itext('" + row.path + ":jr:requiredMsg')");
      if (row.readonly) out_ << attr("readonly", "true()");
      out_ << "/>\n";
      ++binds_;
    }
    for (const Row& child : row.children) bind(child);
  }

  void label(const Row& row, const std::string& indent) {
    out_ << indent << "<label ref=\"jr:itext('" << row.path << ":label')\"/>\n";
    if (!row.hint.empty())
      out_ << indent << "<hint ref=\"jr:itext('" << row.path << ":hint')\"/>\n";
  }

  void body(const Row& row, const std::string& indent) {
    if (row.kind != Row::Kind::Field) {
      out_ << indent << "<group";
      if (!row.appearance.empty()) out_ << attr("appearance", row.appearance);
      out_ << attr("ref", row.path) << ">\n";
      label(row, indent + "  ");
      std::string inner = indent + "  ";
      if (row.kind == Row::Kind::Repeat) {
        out_ << inner << "<repeat" << attr("nodeset", row.path) << ">\n";
        inner += "  ";
      }
      for (const Row& child : row.children) body(child, inner);
      if (row.kind == Row::Kind::Repeat) out_ << indent << "  </repeat>\n";
      out_ << indent << "</group>\n";
      return;
    }
    if (row.control.empty()) return;  // a calculate has no control
    ++controls_;
    out_ << indent << "<" << row.control << attr("ref", row.path) << ">\n";
    label(row, indent + "  ");
    if (!row.list.empty()) {
      std::string nodeset = "instance('" + row.list + "')/root/item";
      if (!row.filter.empty()) nodeset += "[" + row.filter + "]";
      out_ << indent << "  <itemset" << attr("nodeset", nodeset) << ">\n"
           << indent << "    <value ref=\"name\"/>\n"
           << indent << "    <label ref=\"jr:itext(itextId)\"/>\n"
           << indent << "  </itemset>\n";
    }
    out_ << indent << "</" << row.control << ">\n";
  }

  const std::vector<Row>& rows_;
  const std::vector<ChoiceRow>& choices_;
  std::ostringstream out_;
  int binds_ = 0;
  int controls_ = 0;
};

}  // namespace

std::string sectionPath(int section) { return "/data/s" + two(section); }

std::string gatePath(int section) { return sectionPath(section) + "/s" + two(section) + "_go"; }

std::string questionPath(int section, int question) {
  return sectionPath(section) + "/s" + two(section) + "_q" + two(question);
}

LargeForm writeLargeForm(const LargeFormShape& shape) {
  std::vector<Row> rows = {applicantGroup(), householdGroup(), assetsGroup()};
  for (int k = 1; k <= shape.sections; ++k)
    rows.push_back(section(k, shape.questionsPerSection, shape.chain));
  const std::vector<ChoiceRow> choices = choiceRows();
  return Writer(rows, choices).write(shape);
}

}  // namespace onewindow::forms::testforms
