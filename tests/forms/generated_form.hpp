#pragma once
// A large intake form written the way pyxform (XLSForm → XForm) writes one, generated in plain
// C++ so that forms_tests (large_form_tests.cpp) and bench_form_render (issue 16: a form of 550+
// binds opens to its first screen within the 500-bind goal) run the same document.
//
// What it holds, in pyxform's shape: itext in "Chinese (zh)" (default) and "English (en)"; an
// applicant group (field-list) with a district → street → community cascade from secondary
// instances; a household repeat with a nested jobs repeat and sums over both; an assets repeat
// with its total; a chain of sections (field-list groups) where section k is relevant when
// section k-1 was answered "yes" and was itself reached, so one answer early in the chain hides
// or shows every section after it; every bind type of the subset that an input or select takes
// (string, int, decimal, date, time, select1, xsd:int, xsd:string), constraints with
// jr:constraintMsg, required with jr:requiredMsg, calculates, a note with an <output>, and
// meta/instanceID with jr:preload="uid".

#include <string>

namespace onewindow::forms::testforms {

struct LargeFormShape {
  int sections = 12;             // the relevance chain, at least 2
  int questionsPerSection = 42;  // besides each section's gate and reached-depth calculate
  // false: no section has a relevant (every section open), the same form otherwise, for
  // telling what hidden sections cost from what the controls cost.
  bool chain = true;
  std::string formId = "large_form";
  std::string version = "2026120101";
};

struct LargeForm {
  std::string xml;
  int binds = 0;     // <bind> elements written
  int controls = 0;  // body controls (inputs, selects), groups and repeats not counted
};

[[nodiscard]] LargeForm writeLargeForm(const LargeFormShape& shape = {});

// Paths of the generated form, for tests that drive it. Sections are numbered from 1.
[[nodiscard]] std::string sectionPath(int section);  // "/data/s01"
// The section's gate, a yes/no select1: "yes" (with every gate before it "yes") opens the next.
[[nodiscard]] std::string gatePath(int section);  // "/data/s01/s01_go"
// A question of a section by its number (1-based): "/data/s01/s01_q07". Question n is of kind
// (n - 1) % 12 in the order of questionKinds() below.
[[nodiscard]] std::string questionPath(int section, int question);

// The kinds of questions a section cycles through, in order.
enum class QuestionKind {
  Count,     // int, required, 0..1000 with jr:constraintMsg
  Amount,    // decimal
  Day,       // date, not after today
  YesNo,     // select1 (bind type string, as current pyxform writes it)
  Details,   // string, relevant when the YesNo before it is "yes", required
  Subtotal,  // calculate: Count + Amount of this block
  Options,   // select (multiple)
  Extra,     // xsd:int, relevant when the Count before it is > 10
  Remark,    // string, at most 50 characters
  At,        // time
  Grade,     // select1 bind type select1 (older tools)
  Note,      // xsd:string, read-only, label shows the Subtotal through <output>
};
inline constexpr int kQuestionKinds = 12;

}  // namespace onewindow::forms::testforms
