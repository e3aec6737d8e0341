#pragma once
// The decision on a case taken in: accept; accept with gaps (容缺受理: the gap materials, a
// supplement deadline no later than the promised date, the applicant's signed commitment);
// one-time correction notice (一次性告知: every form problem and every material not supplied,
// which the engine lists itself, and whatever else the clerk adds); refuse (不予受理: grounds
// required, legal basis, the applicant's remedies). The rules are the engine's: the panel sends
// what the clerk chose and typed, and shows the engine's refusal at the field it concerns;
// nothing typed is lost.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <wx/panel.h>

#include "client/engine/case_values.hpp"
#include "forms/civil_date.hpp"
#include "forms/intake_rules.hpp"

class wxButton;
class wxCheckBox;
class wxRadioBox;
class wxStaticText;
class wxTextCtrl;

namespace onewindow::app {

class DateField;

// What the panel shows, from the case as the engine took it in (CaseFinalized).
struct DecisionContext {
  std::vector<std::string> formProblems;     // "label: message", in the clerk's language
  std::vector<forms::CaseSlot> notSupplied;  // materials not received, checklist order
  forms::CivilDate today;
  forms::CivilDate promisedDue;         // the case's promised date
  forms::CivilDate correctionDeadline;  // the last day for a one-time correction notice
  std::string legalBasis;               // from the catalog, for the refusal
};

// The applicant's remedies against a refusal, as the refusal notice states them.
[[nodiscard]] wxString refusalRemedies();
// What a one-time correction notice lists before anything the clerk adds: every form problem,
// then every material not supplied (the engine writes the same into the notice).
[[nodiscard]] wxString correctionNoticeText(const DecisionContext& context);

class DecisionPanel final : public wxPanel {
 public:
  explicit DecisionPanel(wxWindow* parent);

  void prepare(const DecisionContext& context);
  void onDecide(std::function<void(const engine::DecisionAnswer&)> handler) {
    onDecide_ = std::move(handler);
  }
  // The panel changed its height (another decision chosen, a message shown).
  void onResize(std::function<void()> handler) { onResize_ = std::move(handler); }
  // The engine refused the decision: each problem shown next to the button and the focus on
  // the field of the first; everything typed stays.
  void showRefusal(const wxString& message, const std::vector<forms::RuleProblem>& problems = {});
  // The decision is recorded: the panel says so and takes no other.
  void showRecorded(const wxString& outcome);

  void choose(engine::DecisionKind kind);
  // Presses "Record decision".
  void record();

  [[nodiscard]] wxRadioBox* kindChoice() const { return kind_; }
  [[nodiscard]] DateField* deadlinePicker() const { return deadline_; }
  [[nodiscard]] wxCheckBox* commitmentBox() const { return commitment_; }
  [[nodiscard]] wxStaticText* noticeItems() const { return noticeItems_; }
  [[nodiscard]] wxTextCtrl* noticeText() const { return notice_; }
  [[nodiscard]] wxTextCtrl* groundsText() const { return grounds_; }
  [[nodiscard]] wxTextCtrl* legalBasisText() const { return legalBasis_; }
  [[nodiscard]] wxButton* recordButton() const { return record_; }
  [[nodiscard]] wxString gapListText() const;
  [[nodiscard]] wxString message() const;
  [[nodiscard]] bool waiting() const { return waiting_; }

 private:
  void buildAcceptPage(wxWindow* parent);
  void buildGapPage(wxWindow* parent);
  void buildCorrectionPage(wxWindow* parent);
  void buildRefusalPage(wxWindow* parent);
  void showMessage(const wxString& text, bool error);
  [[nodiscard]] engine::DecisionAnswer collect() const;

  DecisionContext context_;
  wxRadioBox* kind_ = nullptr;
  std::vector<wxPanel*> pages_;  // in DecisionKind order
  wxStaticText* acceptNote_ = nullptr;
  wxStaticText* gapList_ = nullptr;
  DateField* deadline_ = nullptr;
  wxStaticText* deadlineNote_ = nullptr;
  wxCheckBox* commitment_ = nullptr;
  wxStaticText* noticeItems_ = nullptr;
  wxTextCtrl* notice_ = nullptr;
  wxTextCtrl* grounds_ = nullptr;
  wxTextCtrl* legalBasis_ = nullptr;
  wxButton* record_ = nullptr;
  wxStaticText* message_ = nullptr;
  bool waiting_ = false;
  std::function<void(const engine::DecisionAnswer&)> onDecide_;
  std::function<void()> onResize_;
};

}  // namespace onewindow::app
