#pragma once
// 好差评 at the window: the applicant rates the visit on the five levels. On a second screen
// when one is connected (the window turned towards the applicant), else in the middle of the
// clerk's screen for the clerk to turn. A rating of 不满意 or below asks why (ticked reasons or a
// text); the engine decides whether it is complete.

#include <string>
#include <vector>

#include "client/app/second_visit_dialogs.hpp"

class wxCheckListBox;
class wxRadioBox;
class wxTextCtrl;

namespace onewindow::app {

class RatingDialog final : public SecondVisitDialog {
 public:
  RatingDialog(wxWindow* parent, std::string caseUuid, std::string visit, Send send);

  void choose(int level);  // 0 = 非常满意 … 4 = 非常不满意
  void tickReason(int index);
  [[nodiscard]] wxRadioBox* levelBox() const { return level_; }
  [[nodiscard]] wxCheckListBox* reasonList() const { return reasons_; }
  [[nodiscard]] wxTextCtrl* commentField() const { return comment_; }
  [[nodiscard]] bool onSecondScreen() const { return secondScreen_; }
  // A second screen is the applicant's: the window opens there.
  [[nodiscard]] static bool applicantScreenConnected();

 private:
  [[nodiscard]] engine::Command command() const override;
  void showReasons();
  [[nodiscard]] std::string chosenLabel() const;

  std::string caseUuid_;
  std::string visit_;
  wxRadioBox* level_ = nullptr;
  wxCheckListBox* reasons_ = nullptr;
  wxTextCtrl* comment_ = nullptr;
  bool secondScreen_ = false;
};

}  // namespace onewindow::app
