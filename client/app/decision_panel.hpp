#pragma once
// The decision on a case taken in: accept; accept with gaps (容缺受理: the gap materials, a
// supplement deadline no later than the promised date, the applicant's signed commitment);
// one-time correction notice (一次性告知: every form problem and every missing material at
// once, editable); refuse (不予受理: grounds required, legal basis, the applicant's remedies).
// The panel checks what the clerk can fix on the spot; the local store enforces the legal
// rules and its refusal is shown next to the button, nothing typed is lost.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <wx/panel.h>

#include "forms/civil_date.hpp"
#include "localdb/case_types.hpp"

class wxButton;
class wxCheckBox;
class wxRadioBox;
class wxStaticText;
class wxTextCtrl;

namespace onewindow::app {

class DateField;

struct DecisionMaterial {
  std::string key;
  std::string name;
  bool main = true;
  localdb::MaterialStatus status = localdb::MaterialStatus::Missing;
};

// What the panel proposes its texts from, taken when the case is finalized.
struct DecisionContext {
  std::vector<std::string> formProblems;      // "label: message", every problem of the form
  std::vector<DecisionMaterial> notReceived;  // gap and missing materials, checklist order
  forms::CivilDate today;
  std::optional<forms::CivilDate> promisedDue;  // the case's promised date
  std::string legalBasis;                       // from the guide, for the refusal
};

// The applicant's remedies against a refusal, as the refusal notice states them.
[[nodiscard]] wxString refusalRemedies();
// The one-time correction notice text: every form problem, then every material not received.
[[nodiscard]] wxString correctionNoticeText(const DecisionContext& context);

class DecisionPanel final : public wxPanel {
 public:
  explicit DecisionPanel(wxWindow* parent);

  void prepare(const DecisionContext& context);
  void onDecide(std::function<void(const localdb::DecisionInput&)> handler) {
    onDecide_ = std::move(handler);
  }
  // The panel changed its height (another decision chosen, a message shown).
  void onResize(std::function<void()> handler) { onResize_ = std::move(handler); }
  // The engine refused the decision: shown next to the button; everything typed stays.
  void showRefusal(const wxString& message);
  // The decision is recorded: the panel says so and takes no other.
  void showRecorded(const wxString& outcome);

  void choose(localdb::DecisionKind kind);
  // Presses "Record decision".
  void record();

  [[nodiscard]] wxRadioBox* kindChoice() const { return kind_; }
  [[nodiscard]] DateField* deadlinePicker() const { return deadline_; }
  [[nodiscard]] wxCheckBox* commitmentBox() const { return commitment_; }
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
  [[nodiscard]] std::optional<localdb::DecisionInput> collect();

  DecisionContext context_;
  wxRadioBox* kind_ = nullptr;
  std::vector<wxPanel*> pages_;  // in DecisionKind order
  wxStaticText* acceptNote_ = nullptr;
  wxStaticText* gapList_ = nullptr;
  DateField* deadline_ = nullptr;
  wxStaticText* deadlineNote_ = nullptr;
  wxCheckBox* commitment_ = nullptr;
  wxTextCtrl* notice_ = nullptr;
  wxTextCtrl* grounds_ = nullptr;
  wxTextCtrl* legalBasis_ = nullptr;
  wxButton* record_ = nullptr;
  wxStaticText* message_ = nullptr;
  bool waiting_ = false;
  std::function<void(const localdb::DecisionInput&)> onDecide_;
  std::function<void()> onResize_;
};

}  // namespace onewindow::app
