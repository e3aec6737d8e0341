#pragma once
// The service guide (办事指南) of a matter or a bundle, readable at a glance while the applicant
// waits: identity and codes, limits, flags in words, conditions, flow, fees, place, hours,
// phone, legal basis, FAQ and the materials with their scan policy. Figures the catalog marks
// as sample data are marked so on screen. "Start intake" (Enter) begins a case.

#include <functional>
#include <string>

#include <wx/panel.h>

#include "client/app/matter_catalog_source.hpp"

class wxButton;
class wxHtmlWindow;
class wxStaticText;

namespace onewindow::app {

// The guide as HTML for wxHtmlWindow; every catalog text is escaped.
[[nodiscard]] wxString matterGuideHtml(const forms::Catalog& catalog, const forms::Matter& matter,
                                       const std::string& language);
[[nodiscard]] wxString bundleGuideHtml(const forms::Catalog& catalog, const forms::Bundle& bundle,
                                       forms::CivilDate date, const std::string& language);

// "15 working days", "immediate", "30 calendar days".
[[nodiscard]] wxString limitText(const forms::Limit& limit);
// "300 dpi, colour, PDF, at most 2 MB" (with the page limit and the ID-card layout when set).
[[nodiscard]] wxString scanPolicyText(const forms::ScanPolicy& scan);
// "512 B", "300 KB", "2 MB", "1.5 MB".
[[nodiscard]] wxString bytesText(std::uint64_t bytes);

class GuideView final : public wxPanel {
 public:
  explicit GuideView(wxWindow* parent);

  void show(const CatalogChoice& choice, forms::CivilDate date, const std::string& language);
  void onStart(std::function<void()> handler) { onStart_ = std::move(handler); }
  void onBack(std::function<void()> handler) { onBack_ = std::move(handler); }
  // While a case is being taken in, the guide of another matter offers the way back to it.
  void showBackToCase(bool show);
  // A line under the guide: why the intake could not start, or that it is starting.
  void showMessage(const wxString& text, bool error);
  void focusStart();

  [[nodiscard]] const CatalogChoice& choice() const { return choice_; }
  [[nodiscard]] wxHtmlWindow* html() const { return html_; }
  [[nodiscard]] wxButton* startButton() const { return start_; }
  [[nodiscard]] wxButton* backButton() const { return back_; }
  [[nodiscard]] wxString message() const;
  // The guide as plain text (what the clerk reads), for tests and copying.
  [[nodiscard]] wxString text() const;

 private:
  CatalogChoice choice_;
  wxHtmlWindow* html_ = nullptr;
  wxStaticText* hint_ = nullptr;
  wxButton* start_ = nullptr;
  wxButton* back_ = nullptr;
  std::function<void()> onStart_;
  std::function<void()> onBack_;
};

}  // namespace onewindow::app
