#include "client/app/rating_dialog.hpp"

#include <wx/checklst.h>
#include <wx/display.h>
#include <wx/radiobox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "client/app/wx_string.hpp"
#include "forms/satisfaction.hpp"

namespace onewindow::app {
namespace {

// The reasons most often ticked at a street window; anything else goes into the text.
wxArrayString badRatingReasons() {
  wxArrayString reasons;
  reasons.Add(_("Long wait"));
  reasons.Add(_("Unfriendly service"));
  reasons.Add(_("Unclear what to bring"));
  reasons.Add(_("Had to come more than once"));
  reasons.Add(_("Slow handling"));
  reasons.Add(_("Other (write below)"));
  return reasons;
}

}  // namespace

RatingDialog::RatingDialog(wxWindow* parent, std::string caseUuid, std::string visit, Send send)
    : SecondVisitDialog(parent, _("Please rate our service"), std::move(send)),
      caseUuid_(std::move(caseUuid)),
      visit_(std::move(visit)) {
  SetName("rating-dialog");
  auto* prompt = new wxStaticText(this, wxID_ANY, _("How satisfied are you with this visit?"));
  prompt->SetFont(prompt->GetFont().Scale(1.5).Bold());
  content()->Add(prompt, wxSizerFlags().Border(wxBOTTOM, FromDIP(8)));
  wxArrayString levels;
  for (const std::string_view label : forms::kSatisfactionLabels)
    levels.Add(wxString::FromUTF8(label.data(), label.size()));
  level_ = new wxRadioBox(this, wxID_ANY, wxEmptyString, wxDefaultPosition, wxDefaultSize, levels,
                          5, wxRA_SPECIFY_COLS);
  level_->SetName("rating-level");
  level_->SetFont(level_->GetFont().Scale(1.4));
  level_->SetSelection(1);
  content()->Add(level_, wxSizerFlags().Expand());
  content()->Add(new wxStaticText(this, wxID_ANY, _("What went wrong? (needed for a low rating)")),
                 wxSizerFlags().Border(wxTOP, FromDIP(8)));
  reasons_ = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition,
                                wxSize(FromDIP(420), FromDIP(120)), badRatingReasons());
  reasons_->SetName("rating-reasons");
  content()->Add(reasons_, wxSizerFlags().Expand());
  comment_ = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition,
                            wxSize(FromDIP(420), FromDIP(60)), wxTE_MULTILINE);
  comment_->SetName("rating-comment");
  content()->Add(comment_, wxSizerFlags().Expand().Border(wxTOP, FromDIP(4)));
  finishLayout(_("Submit rating"));
  level_->Bind(wxEVT_RADIOBOX, [this](wxCommandEvent&) { showReasons(); });
  showReasons();
  // The applicant's screen, when the window has one; the clerk's otherwise.
  if (applicantScreenConnected()) {
    const wxRect area = wxDisplay(1u).GetClientArea();
    SetPosition(
        {area.x + (area.width - GetSize().x) / 2, area.y + (area.height - GetSize().y) / 2});
    secondScreen_ = true;
  }
}

bool RatingDialog::applicantScreenConnected() { return wxDisplay::GetCount() > 1; }

std::string RatingDialog::chosenLabel() const {
  return level_->GetString(static_cast<unsigned>(level_->GetSelection())).utf8_string();
}

void RatingDialog::showReasons() {
  const bool bad = forms::isBadSatisfaction(chosenLabel());
  reasons_->Enable(bad);
  comment_->Enable(true);
}

void RatingDialog::choose(int level) {
  level_->SetSelection(level);
  showReasons();
}

void RatingDialog::tickReason(int index) { reasons_->Check(static_cast<unsigned>(index), true); }

engine::Command RatingDialog::command() const {
  engine::RecordRating rating;
  rating.caseRef = caseUuid_;
  rating.visit = visit_;
  rating.label = chosenLabel();
  if (forms::isBadSatisfaction(rating.label)) {
    for (unsigned i = 0; i < reasons_->GetCount(); ++i)
      if (reasons_->IsChecked(i)) rating.reasons.push_back(reasons_->GetString(i).utf8_string());
  }
  rating.comment = comment_->GetValue().Strip(wxString::both).utf8_string();
  return rating;
}

}  // namespace onewindow::app
