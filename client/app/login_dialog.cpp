#include "client/app/login_dialog.hpp"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "client/engine/time_text.hpp"
#include "client/settings/settings.hpp"

namespace onewindow::app {
namespace {

wxString explain(const engine::LoginFinished& result) {
  switch (result.failure) {
    case engine::LoginFailure::None:
      return {};
    case engine::LoginFailure::BadCredentials:
      return _("Wrong clerk ID or password.");
    case engine::LoginFailure::ClerkInactive:
      return _("This clerk account is disabled. Ask your supervisor.");
    case engine::LoginFailure::Unreachable:
      return _(
          "Central cannot be reached. Check the network or the central URL in Settings. Offline "
          "login works only after one online login on this workstation.");
    case engine::LoginFailure::Tls:
      return _("Central's certificate is not trusted. Ask the administrator for the CA file.");
    case engine::LoginFailure::ServerError:
      return _("Central could not process the login. Try again in a moment.");
    case engine::LoginFailure::ClerkLocked:
      if (result.lockedUntil.empty()) {
        return _(
            "Too many wrong passwords: central has locked this clerk ID for a while. Try again "
            "later or ask your supervisor.");
      }
      return wxString::Format(
          _("Too many wrong passwords: central has locked this clerk ID until %s. Even the right "
            "password is refused until then; ask your supervisor if you need to work now."),
          wxString::FromUTF8(engine::chinaDateTimeText(result.lockedUntil)));
    case engine::LoginFailure::TooManyAttempts:
      if (!result.retryAfter) {
        return _("Too many failed logins from this workstation. Wait a minute, then try again.");
      }
      return wxString::Format(
          _("Too many failed logins from this workstation. Wait %lld s, then try again."),
          static_cast<long long>(result.retryAfter->count()));
    case engine::LoginFailure::OfflineRefused:
      return wxString::Format(_("Central cannot be reached and the offline login was refused: %s"),
                              wxString::FromUTF8(result.message));
    case engine::LoginFailure::Invalid:
      break;
  }
  return wxString::Format(_("Login refused: %s"), wxString::FromUTF8(result.message));
}

}  // namespace

LoginDialog::LoginDialog(wxWindow* parent, engine::Engine& engine, const wxString& windowCode,
                         const wxString& lastClerkId)
    : DialogBase(parent, _("OneWindow - Clerk login")), engine_(engine) {
  auto* heading = new wxStaticText(this, wxID_ANY, _("Log in to this window"));
  heading->SetFont(heading->GetFont().Scale(1.3).Bold());
  content()->Add(heading, wxSizerFlags().Border(wxBOTTOM, FromDIP(10)));

  auto* grid = new wxFlexGridSizer(2, FromDIP(8), FromDIP(10));
  grid->AddGrowableCol(1);
  auto addRow = [this, grid](const wxString& label, wxTextCtrl* field) {
    grid->Add(new wxStaticText(this, wxID_ANY, label), wxSizerFlags().CentreVertical());
    grid->Add(field, wxSizerFlags().Expand());
  };
  clerkId_ = new wxTextCtrl(this, wxID_ANY, lastClerkId, wxDefaultPosition,
                            wxSize(FromDIP(220), -1), wxTE_PROCESS_ENTER);
  clerkId_->SetName("clerk-id");
  password_ = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, wxDefaultSize,
                             wxTE_PASSWORD | wxTE_PROCESS_ENTER);
  password_->SetName("password");
  window_ = new wxTextCtrl(this, wxID_ANY, windowCode, wxDefaultPosition, wxDefaultSize,
                           wxTE_PROCESS_ENTER);
  window_->SetName("window");
  addRow(_("Clerk ID:"), clerkId_);
  addRow(_("Password:"), password_);
  addRow(_("Window:"), window_);
  content()->Add(grid, wxSizerFlags(1).Expand());
  finishLayout(_("&Log in"));

  // Clerks type fast: Enter moves to the next empty field, then logs in.
  for (wxTextCtrl* field : {clerkId_, password_, window_}) {
    field->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) {
      if (clerkId_->IsEmpty()) return clerkId_->SetFocus();
      if (password_->IsEmpty()) return password_->SetFocus();
      if (window_->IsEmpty()) return window_->SetFocus();
      if (acceptInput()) closeAccepted();
    });
  }

  subscription_ = engine_.subscribe([this](const engine::Notification& n) { onNotification(n); });
  (lastClerkId.empty() ? clerkId_ : password_)->SetFocus();
}

bool LoginDialog::acceptInput() {
  if (waiting_) return false;
  const std::string clerkId = clerkId_->GetValue().Strip(wxString::both).utf8_string();
  const std::string password = password_->GetValue().utf8_string();
  const std::string window = window_->GetValue().Strip(wxString::both).utf8_string();
  if (clerkId.empty()) {
    showMessage(_("Enter your clerk ID."));
    clerkId_->SetFocus();
    return false;
  }
  if (password.empty()) {
    showMessage(_("Enter your password."));
    password_->SetFocus();
    return false;
  }
  if (const std::string problem = settings::validateWindowCode(window); !problem.empty()) {
    showMessage(wxString::FromUTF8(problem));
    window_->SetFocus();
    return false;
  }
  showMessage(_("Checking with central..."));
  setWaiting(true);
  engine_.submit(engine::Login{clerkId, password, window});
  return false;  // closes when central answers
}

void LoginDialog::onNotification(const engine::Notification& notification) {
  const auto* result = std::get_if<engine::LoginFinished>(&notification);
  if (result == nullptr || !waiting_) return;
  setWaiting(false);
  if (result->ok()) {
    session_ = result->session;
    subscription_.reset();
    closeAccepted();
    return;
  }
  showMessage(explain(*result));
  password_->SetFocus();
  password_->SelectAll();
}

void LoginDialog::setWaiting(bool waiting) {
  waiting_ = waiting;
  okButton()->Enable(!waiting);
  for (wxTextCtrl* field : {clerkId_, password_, window_}) field->Enable(!waiting);
}

}  // namespace onewindow::app
