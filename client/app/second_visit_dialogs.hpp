#pragma once
// The small windows of the second visit, one per command: the clerk types what the applicant
// says, OK sends the command to the engine, and the window stays open until the engine answers —
// closed when the command is done, its refusal shown in the window otherwise. The rules are the
// engine's; these only gather the input.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "client/app/dialog_base.hpp"
#include "client/engine/engine.hpp"
#include "forms/form_session.hpp"

class wxCheckBox;
class wxCheckListBox;
class wxChoice;
class wxListBox;
class wxRadioBox;
class wxTextCtrl;
class wxPanel;

namespace onewindow::app {

class DateField;
class FormView;

// The base: sends its command through `send` and waits for the answer.
class SecondVisitDialog : public DialogBase {
 public:
  using Send = std::function<void(engine::Command)>;
  // Shown modeless (the window behind stays usable): Cancel destroys it.
  SecondVisitDialog(wxWindow* parent, const wxString& title, Send send);

  // The engine's refusal, in the window; OK may be pressed again.
  void refuse(const wxString& why);
  [[nodiscard]] wxString shownMessage() const { return message(); }
  void pressOk();  // what the OK button does

 protected:
  [[nodiscard]] virtual engine::Command command() const = 0;
  bool acceptInput() final;

 private:
  Send send_;
};

// Withdrawal or voiding: the reason.
class ReasonDialog final : public SecondVisitDialog {
 public:
  enum class Kind { Withdraw, VoidOverdue };
  ReasonDialog(wxWindow* parent, Kind kind, std::string caseUuid, Send send);
  [[nodiscard]] wxTextCtrl* reasonField() const { return reason_; }

 private:
  [[nodiscard]] engine::Command command() const override;
  Kind kind_;
  std::string caseUuid_;
  wxTextCtrl* reason_ = nullptr;
};

// Posting the result: carrier and tracking number.
class PostingDialog final : public SecondVisitDialog {
 public:
  PostingDialog(wxWindow* parent, std::string caseUuid, Send send);
  [[nodiscard]] wxTextCtrl* carrierField() const { return carrier_; }
  [[nodiscard]] wxTextCtrl* trackingField() const { return tracking_; }

 private:
  [[nodiscard]] engine::Command command() const override;
  std::string caseUuid_;
  wxTextCtrl* carrier_ = nullptr;
  wxTextCtrl* tracking_ = nullptr;
};

// The decision on a correction notice's supplements.
class CorrectionAnswerDialog final : public SecondVisitDialog {
 public:
  // With the case's form and answers (CaseDetail::correctionForm/-Answers) the clerk can also
  // correct the answers the notice listed, in the form itself; without, only decide.
  CorrectionAnswerDialog(wxWindow* parent, std::string caseUuid, Send send,
                         const engine::CaseDetail& detail, const std::string& language);
  ~CorrectionAnswerDialog() override;
  [[nodiscard]] wxRadioBox* decisionBox() const { return decision_; }
  [[nodiscard]] wxCheckBox* correctAnswersBox() const { return correctAnswers_; }
  [[nodiscard]] FormView* formView() const { return formView_; }
  [[nodiscard]] wxTextCtrl* groundsField() const { return grounds_; }
  [[nodiscard]] DateField* deadlineField() const { return deadline_; }
  [[nodiscard]] wxCheckBox* commitmentBox() const { return commitment_; }

 private:
  [[nodiscard]] engine::Command command() const override;
  void addForm(const engine::CaseDetail& detail, const std::string& language);
  std::string caseUuid_;
  wxRadioBox* decision_ = nullptr;
  wxTextCtrl* grounds_ = nullptr;
  DateField* deadline_ = nullptr;
  wxCheckBox* commitment_ = nullptr;
  wxCheckBox* correctAnswers_ = nullptr;
  wxPanel* formPanel_ = nullptr;
  std::unique_ptr<forms::FormSession> session_;  // outlives formView_ (destroyed first)
  std::string answersAsOpened_;                  // the session's answers before any edit
  FormView* formView_ = nullptr;
};

// 出件: who collects, their ID checked, which documents go with them. `printResult` issues the
// result notice and opens it for printing; its number is then handed over.
class HandoverDialog final : public SecondVisitDialog {
 public:
  HandoverDialog(wxWindow* parent, std::string caseUuid, const engine::CaseDetail& detail,
                 Send send, std::function<void()> printResult);
  // A document issued for the case, listed; `handed`: ticked to go with the collector (the
  // result printed for the hand-over is, the notices issued at intake are not).
  void addDocument(const std::string& number, const wxString& title, bool handed);

  [[nodiscard]] wxTextCtrl* nameField() const { return name_; }
  [[nodiscard]] wxTextCtrl* idNumberField() const { return idNumber_; }
  [[nodiscard]] wxCheckBox* authorisedBox() const { return authorised_; }
  [[nodiscard]] wxCheckBox* idCheckedBox() const { return idChecked_; }
  [[nodiscard]] wxCheckListBox* documentList() const { return documents_; }
  [[nodiscard]] wxButton* printButton() const { return print_; }

 private:
  [[nodiscard]] engine::Command command() const override;
  std::string caseUuid_;
  wxTextCtrl* name_ = nullptr;
  wxChoice* idType_ = nullptr;
  wxTextCtrl* idNumber_ = nullptr;
  wxCheckBox* authorised_ = nullptr;
  wxCheckBox* idChecked_ = nullptr;
  wxCheckListBox* documents_ = nullptr;
  wxButton* print_ = nullptr;
  std::vector<std::string> numbers_;
};

}  // namespace onewindow::app
