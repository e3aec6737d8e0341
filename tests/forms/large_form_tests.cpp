// A generated pyxform-shaped form of 550+ binds (issue 16): it loads without a problem and runs
// as a small one does — a relevance chain twelve sections deep, sums over a repeat and a nested
// repeat, constraints with their messages, a cascade from secondary instances, non-relevant
// answers emptied in the submission. How fast it opens is bench_form_render's figure, not a test.

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "forms/form_session.hpp"
#include "forms/xform.hpp"
#include "generated_form.hpp"

using namespace onewindow::forms;
using testforms::gatePath;
using testforms::LargeFormShape;
using testforms::questionPath;
using testforms::sectionPath;

namespace {

const LargeFormShape kShape;

std::shared_ptr<const XFormDefinition> largeForm() {
  static const std::shared_ptr<const XFormDefinition> definition =
      std::make_shared<const XFormDefinition>(
          loadXFormText(testforms::writeLargeForm(kShape).xml, "large_form.xml"));
  return definition;
}

// 2026-11-27 10:00 in Shenzhen.
SessionOptions fixedOptions() {
  SessionOptions options;
  options.clock = [] {
    using namespace std::chrono;
    return sys_days{year{2026} / 11 / 27} + hours{2};
  };
  options.newInstanceId = [] { return std::string("uuid:00000000-0000-4000-8000-000000000016"); };
  return options;
}

std::vector<std::string> values(const std::vector<ChoiceView>& choices) {
  std::vector<std::string> out;
  for (const auto& choice : choices) out.push_back(choice.value);
  return out;
}

std::vector<std::string> problemPaths(const FormSession& session) {
  std::vector<std::string> out;
  for (const auto& problem : session.problems())
    out.push_back(problem.path + ": " + problem.message);
  return out;
}

// The Count questions of a section (int, required): numbers 1, 13, 25, …
std::vector<int> countQuestions() {
  std::vector<int> out;
  for (int q = 1; q <= kShape.questionsPerSection; q += testforms::kQuestionKinds) out.push_back(q);
  return out;
}

}  // namespace

TEST_CASE("A generated pyxform form of 550+ binds loads without a problem",
          "[forms][xforms][large-form]") {
  const testforms::LargeForm form = testforms::writeLargeForm(kShape);
  CHECK(form.binds >= 550);
  XFormDefinition definition;
  REQUIRE_NOTHROW(definition = loadXFormText(form.xml, "large_form.xml"));
  CHECK(definition.binds.size() >= 550);
  CHECK(definition.binds.size() == static_cast<std::size_t>(form.binds));
  CHECK(definition.id == "large_form");
  CHECK(definition.version == "2026120101");
  CHECK(definition.languages == std::vector<std::string>{"zh", "en"});
  CHECK(definition.defaultLanguage == "zh");
  CHECK(definition.secondaryInstanceIds().size() == 8);
  for (const char* path :
       {"/data/household/member", "/data/household/member/job", "/data/assets/asset"}) {
    INFO(path);
    const int node = definition.nodeIndex(path);
    REQUIRE(node >= 0);
    CHECK(definition.nodes[static_cast<std::size_t>(node)].repeat);
  }
  // Every bind parsed to what was written: the section gates and the types pyxform spells two
  // ways (select1 as string or select1, int and string with the xsd: prefix).
  CHECK(definition.bindFor(questionPath(1, 8))->type == DataType::Int);       // xsd:int
  CHECK(definition.bindFor(questionPath(1, 11))->type == DataType::Select1);  // select1
  CHECK(definition.bindFor(questionPath(1, 10))->type == DataType::Time);     // time
  CHECK(definition.bindFor(gatePath(kShape.sections))->required.has_value());
  CHECK(definition.bindFor(sectionPath(kShape.sections))->relevant.has_value());
  CHECK(definition.bindFor("/data/meta/instanceID")->preload == Preload::Uid);

  // A new instance: only the first screen's required answers are missing, in form order.
  FormSession session(std::make_shared<const XFormDefinition>(std::move(definition)),
                      fixedOptions());
  CHECK(session.value("/data/meta/instanceID") == "uuid:00000000-0000-4000-8000-000000000016");
  CHECK(session.problemAt("/data/applicant/name")->message == "请填写申请人姓名");
  session.setAnswer("/data/applicant/name", "张三");
  session.setAnswer("/data/applicant/id_number", "440304195005121239");
  session.setAnswer("/data/applicant/district", "d3");
  session.setAnswer("/data/applicant/street", "d3s2");
  session.setAnswer("/data/applicant/community", "d3s2c1");
  session.setAnswer("/data/household/member[1]/member_name", "李四");
  session.setAnswer(gatePath(1), "no");
  for (const int q : countQuestions()) session.setAnswer(questionPath(1, q), "3");
  INFO(Catch::StringMaker<std::vector<std::string>>::convert(problemPaths(session)));
  CHECK(session.problems().empty());
  CHECK(session.value("/data/applicant/age") == "76");
}

TEST_CASE("Answers along a twelve-section relevance chain open its end and one 'no' closes it",
          "[forms][form-session][large-form]") {
  FormSession session(largeForm(), fixedOptions());
  const int last = kShape.sections;
  CHECK(session.relevant(sectionPath(1)));
  for (int k = 2; k <= last; ++k) CHECK_FALSE(session.relevant(sectionPath(k)));

  for (int k = 1; k < last; ++k) {
    INFO("gate " << k);
    // A question of a closed section cannot be answered; the gate before it opens it.
    CHECK_THROWS_AS(session.setAnswer(gatePath(k + 1), "yes"), SessionError);
    const ChangeSet changes = session.setAnswer(gatePath(k), "yes");
    const NodeChange* opened = changes.find(sectionPath(k + 1));
    REQUIRE(opened != nullptr);
    CHECK(opened->relevant);
    CHECK(session.relevant(sectionPath(k + 1)));
    CHECK(session.relevant(questionPath(k + 1, 1)));
    if (k + 2 <= last) CHECK_FALSE(session.relevant(sectionPath(k + 2)));
  }
  CHECK(session.value("/data/s11/s11_depth") == "11");  // the calculate the chain reads
  session.setAnswer(questionPath(last, 1), "7");
  session.setAnswer(questionPath(last, 4), "yes");
  session.setAnswer(questionPath(last, 5), "情况属实");
  CHECK(session.value(questionPath(last, 6)) == "7");  // the subtotal of the end section

  // One "no" at the third gate closes every section after it, down to the last.
  const ChangeSet closed = session.setAnswer(gatePath(3), "no");
  for (int k = 4; k <= last; ++k) {
    INFO("section " << k);
    const NodeChange* change = closed.find(sectionPath(k));
    REQUIRE(change != nullptr);
    CHECK(change->relevant);
    CHECK_FALSE(session.relevant(sectionPath(k)));
  }
  CHECK(session.relevant(sectionPath(3)));
  CHECK_FALSE(session.relevant(questionPath(last, 5)));
  // The closed answers stay in the draft, leave the submission, and are not validated.
  CHECK(session.value(questionPath(last, 1)) == "7");
  const std::string draft = session.instanceXml();
  CHECK_THAT(draft, Catch::Contains("<s12_q01>7</s12_q01>"));
  CHECK_THAT(draft, Catch::Contains("<s12_q05>情况属实</s12_q05>"));
  const std::string submission = session.submissionXml();
  CHECK_THAT(submission, Catch::Contains("<s12_q01 />"));
  CHECK_THAT(submission, Catch::Contains("<s12_q05 />"));
  CHECK_THAT(submission, Catch::Contains("<s12_go />"));
  CHECK_THAT(submission, Catch::Contains("<s03_go>no</s03_go>"));
  CHECK_THAT(submission, Catch::Contains("<s02_go>yes</s02_go>"));
  for (const auto& problem : session.problems())
    CHECK(problem.path.rfind(sectionPath(last), 0) != 0);

  // "yes" again reopens the chain with the answers kept.
  const ChangeSet reopened = session.setAnswer(gatePath(3), "yes");
  REQUIRE(reopened.find(sectionPath(last)) != nullptr);
  CHECK(session.relevant(questionPath(last, 5)));
  CHECK_THAT(session.submissionXml(), Catch::Contains("<s12_q01>7</s12_q01>"));
}

TEST_CASE("Sums follow a repeat and a nested repeat as instances are added",
          "[forms][form-session][large-form]") {
  FormSession session(largeForm(), fixedOptions());
  const std::string members = "/data/household/member";
  REQUIRE(session.repeatCount(members) == 1);  // pyxform's initial instance
  session.setAnswer(members + "[1]/income", "1200");
  CHECK(session.value("/data/household/total_income") == "1200");
  CHECK(session.value("/data/household/member_count") == "1");

  const ChangeSet added = session.addRepeat(members);
  CHECK(std::find(added.repeats.begin(), added.repeats.end(), members) != added.repeats.end());
  REQUIRE(session.repeatCount(members) == 2);
  CHECK(session.value("/data/household/member_count") == "2");
  const ChangeSet answered = session.setAnswer(members + "[2]/income", "800");
  CHECK(session.value("/data/household/total_income") == "2000");
  const NodeChange* total = answered.find("/data/household/total_income");
  REQUIRE(total != nullptr);
  CHECK(total->value);
  const NodeChange* summary = answered.find("/data/household/summary");
  REQUIRE(summary != nullptr);
  CHECK(summary->label);
  CHECK(session.control("/data/household/summary").label == "家庭月收入合计（元）：2000");

  // The nested repeat: jobs of the second member, summed per member and over the household.
  const std::string jobs = members + "[2]/job";
  CHECK(session.repeatCount(jobs) == 0);  // a member from the template has no job yet
  session.addRepeat(jobs);
  session.addRepeat(jobs);
  REQUIRE(session.repeatCount(jobs) == 2);
  session.setAnswer(jobs + "[1]/pay", "3000");
  session.setAnswer(jobs + "[2]/pay", "4500");
  CHECK(session.value(members + "[2]/member_pay") == "7500");
  REQUIRE(session.repeatCount(members + "[1]/job") == 1);  // the initial instance's job
  session.setAnswer(members + "[1]/job[1]/pay", "500");
  CHECK(session.value(members + "[1]/member_pay") == "500");
  CHECK(session.value("/data/household/total_pay") == "8000");

  // Removing a member takes its income and jobs out of the sums.
  session.removeRepeat(members, 1);
  CHECK(session.value("/data/household/total_income") == "800");
  CHECK(session.value("/data/household/total_pay") == "7500");

  // The assets repeat is relevant on an answer; its total sums what was entered.
  CHECK_FALSE(session.relevant("/data/assets/asset[1]/asset_value"));
  session.setAnswer("/data/assets/has_assets", "yes");
  CHECK(session.relevant("/data/assets/asset[1]/asset_value"));
  session.setAnswer("/data/assets/asset[1]/asset_value", "300000");
  session.addRepeat("/data/assets/asset");
  session.setAnswer("/data/assets/asset[2]/asset_value", "150000");
  CHECK(session.value("/data/assets/asset_total") == "450000");
}

TEST_CASE("Constraints of the large form report their itext messages",
          "[forms][form-session][large-form]") {
  FormSession session(largeForm(), fixedOptions());
  const ChangeSet changes = session.setAnswer(questionPath(1, 1), "5000");
  REQUIRE(changes.find(questionPath(1, 1)) != nullptr);
  CHECK(changes.find(questionPath(1, 1))->validity);
  REQUIRE(session.problemAt(questionPath(1, 1)));
  CHECK(session.problemAt(questionPath(1, 1))->message == "应在0至1000之间");
  session.setAnswer(questionPath(1, 3), "2026-12-01");  // after the session's today
  CHECK(session.problemAt(questionPath(1, 3))->message == "日期不能晚于今天");
  session.setAnswer("/data/applicant/id_number", "440304195005121230");
  CHECK(session.problemAt("/data/applicant/id_number")->message == "公民身份号码校验失败");
  session.setAnswer("/data/household/member[1]/income", "-5");
  CHECK(session.problemAt("/data/household/member[1]/income")->message == "收入不能为负数");
  session.setLanguage("en");
  CHECK(session.problemAt(questionPath(1, 1))->message == "Between 0 and 1000");
  session.setAnswer(questionPath(1, 1), "50");
  CHECK_FALSE(session.problemAt(questionPath(1, 1)));
  // The Count above 10 makes its Extra question relevant.
  CHECK(session.relevant(questionPath(1, 8)));
}

TEST_CASE("The large form's cascade filters a secondary instance by the answer above",
          "[forms][form-session][large-form]") {
  FormSession session(largeForm(), fixedOptions());
  CHECK(session.control("/data/applicant/district").choices.size() == 10);
  CHECK(session.control("/data/applicant/street").choices.empty());
  session.setAnswer("/data/applicant/district", "d3");
  CHECK(values(session.control("/data/applicant/street").choices) ==
        std::vector<std::string>{"d3s1", "d3s2", "d3s3", "d3s4"});
  CHECK(session.control("/data/applicant/street").choices.front().label == "南山区第1街道");
  session.setAnswer("/data/applicant/street", "d3s2");
  CHECK(values(session.control("/data/applicant/community").choices) ==
        std::vector<std::string>{"d3s2c1", "d3s2c2", "d3s2c3"});
  session.setAnswer("/data/applicant/community", "d3s2c3");
  session.setAnswer("/data/applicant/district", "d4");
  CHECK(session.problemAt("/data/applicant/street"));  // not among the choices any more
}

TEST_CASE("Without its chain the large form opens with every section relevant",
          "[forms][form-session][large-form]") {
  // The variant bench_form_render opens beside the chained one.
  LargeFormShape shape;
  shape.chain = false;
  const testforms::LargeForm form = testforms::writeLargeForm(shape);
  CHECK(form.binds == testforms::writeLargeForm(kShape).binds - (kShape.sections - 1));
  FormSession session(
      std::make_shared<const XFormDefinition>(loadXFormText(form.xml, "large_form_open.xml")),
      fixedOptions());
  for (int k = 1; k <= shape.sections; ++k) CHECK(session.relevant(sectionPath(k)));
}
