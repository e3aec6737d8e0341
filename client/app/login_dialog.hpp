#pragma once
// Clerk login: clerk ID, password and window number, checked by central through the engine.
// The dialog never blocks while central is asked: the OK button is disabled and the answer
// arrives as a notification.

#include <optional>

#include "client/app/dialog_base.hpp"
#include "client/engine/engine.hpp"

class wxTextCtrl;

namespace onewindow::app {

class LoginDialog final : public DialogBase {
 public:
  LoginDialog(wxWindow* parent, engine::Engine& engine, const wxString& windowCode,
              const wxString& lastClerkId);

  [[nodiscard]] const std::optional<engine::ClerkSession>& session() const { return session_; }
  [[nodiscard]] bool waitingForCentral() const { return waiting_; }
  // For tests and screenshots: the message shown in the dialog.
  [[nodiscard]] wxString shownMessage() const { return message(); }

  wxTextCtrl* clerkIdField() const { return clerkId_; }
  wxTextCtrl* passwordField() const { return password_; }
  wxTextCtrl* windowField() const { return window_; }

 protected:
  bool acceptInput() override;

 private:
  void onNotification(const engine::Notification& notification);
  void setWaiting(bool waiting);

  engine::Engine& engine_;
  engine::Subscription subscription_;
  wxTextCtrl* clerkId_ = nullptr;
  wxTextCtrl* password_ = nullptr;
  wxTextCtrl* window_ = nullptr;
  bool waiting_ = false;
  std::optional<engine::ClerkSession> session_;
};

}  // namespace onewindow::app
