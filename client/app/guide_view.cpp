#include "client/app/guide_view.hpp"

#include <algorithm>

#include <wx/button.h>
#include <wx/html/htmlwin.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "forms/markup_escape.hpp"

namespace onewindow::app {
namespace {

// Everything the catalog says goes through here: catalog text is data, never markup.
wxString escape(const wxString& text) {
  return wxString::FromUTF8(forms::escapeMarkup(text.utf8_string()));
}

wxString esc(const std::string& utf8) { return escape(wxString::FromUTF8(utf8)); }

wxString sampleMark() {
  return "<font color=\"#b35900\"><i> [" + escape(_("sample data")) + "]</i></font>";
}

// A catalog text in the clerk's language, escaped, with its sample mark.
wxString text(const forms::Text& value, const std::string& language) {
  wxString out = esc(value.in(language));
  if (value.sample) out += sampleMark();
  return out;
}

wxString heading(const wxString& title) {
  return "<p><font size=\"+1\"><b>" + escape(title) + "</b></font></p>";
}

wxString row(const wxString& label, const wxString& valueHtml) {
  return "<tr><td valign=\"top\" nowrap><b>" + escape(label) + "</b></td><td>" + valueHtml +
         "</td></tr>";
}

wxString caseTypeText(forms::CaseType type) {
  switch (type) {
    case forms::CaseType::Immediate:
      return _("immediate case");
    case forms::CaseType::PromisedTime:
      return _("promised-time case");
    case forms::CaseType::Joint:
      return _("joint case");
    case forms::CaseType::Other:
      return _("other case type");
  }
  return {};
}

wxString targetText(int target) {
  switch (target) {
    case 1:
      return _("natural persons");
    case 2:
      return _("enterprises");
    case 3:
      return _("public institutions");
    case 4:
      return _("social organisations");
    case 5:
      return _("government organs");
    default:
      return _("other organisations");
  }
}

wxString flagsText(const forms::MatterFlags& flags) {
  wxArrayString words;
  if (flags.autoApproval) words.Add(_("auto-approval candidate (rules decide at once)"));
  if (flags.gapAcceptance) words.Add(_("gap acceptance: secondary materials may follow later"));
  if (flags.eLicence) words.Add(_("e-licences may replace paper"));
  if (flags.homeVisit) words.Add(_("home visit service"));
  if (flags.districtWide) words.Add(_("accepted at any window of the district"));
  if (flags.immediate) words.Add(_("finished on the spot"));
  if (words.empty()) return escape(_("none"));
  wxString out;
  for (const wxString& word : words) out += "&bull; " + escape(word) + "<br>";
  return out;
}

wxString roleText(forms::MaterialRole role) {
  return role == forms::MaterialRole::Main ? _("main") : _("secondary");
}

wxString mediumText(forms::MaterialMedium medium) {
  switch (medium) {
    case forms::MaterialMedium::Paper:
      return _("paper");
    case forms::MaterialMedium::Electronic:
      return _("electronic");
    case forms::MaterialMedium::Both:
      return _("paper or electronic");
  }
  return {};
}

wxString materialsTable(const std::vector<const forms::Material*>& materials,
                        const std::vector<wxString>& askedBy, const std::string& language) {
  wxString html =
      "<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\" width=\"100%\"><tr "
      "bgcolor=\"#e8eef5\">";
  wxArrayString columns;
  columns.Add(_("Material"));
  columns.Add(_("Role"));
  columns.Add(_("Originals"));
  columns.Add(_("Copies"));
  columns.Add(_("Medium"));
  columns.Add(_("E-licence"));
  columns.Add(_("Scan"));
  if (!askedBy.empty()) columns.Add(_("Asked by"));
  for (const wxString& column : columns) html += "<th align=\"left\">" + escape(column) + "</th>";
  html += "</tr>";
  for (std::size_t i = 0; i < materials.size(); ++i) {
    const forms::Material& material = *materials[i];
    wxString name = text(material.name, language);
    if (material.sample) name += sampleMark();
    if (!material.note.empty()) name += "<br><small>" + text(material.note, language) + "</small>";
    wxString scan = escape(scanPolicyText(material.scan));
    if (material.scan.sample) scan += sampleMark();
    html += "<tr><td>" + name + "</td><td>" + escape(roleText(material.role)) + "</td><td>" +
            wxString::Format("%d", material.originals) + "</td><td>" +
            wxString::Format("%d", material.copies) + "</td><td>" +
            escape(mediumText(material.medium)) + "</td><td>" +
            (material.eLicenceType.empty() ? wxString("&mdash;") : esc(material.eLicenceType)) +
            "</td><td>" + scan + "</td>";
    if (!askedBy.empty()) html += "<td>" + askedBy[i] + "</td>";
    html += "</tr>";
  }
  return html + "</table>";
}

wxString guideSections(const forms::Guide& guide, const std::string& language) {
  wxString html;
  if (!guide.conditions.empty()) {
    html += heading(_("Conditions")) + "<ul>";
    for (const forms::Text& item : guide.conditions) html += "<li>" + text(item, language);
    html += "</ul>";
  }
  if (!guide.flow.empty()) {
    html += heading(_("Flow")) + "<ol>";
    for (const forms::Text& step : guide.flow) html += "<li>" + text(step, language);
    html += "</ol>";
  }
  wxString practical;
  if (!guide.fees.empty()) practical += row(_("Fees"), text(guide.fees, language));
  if (!guide.place.empty()) practical += row(_("Place"), text(guide.place, language));
  if (!guide.hours.empty()) practical += row(_("Hours"), text(guide.hours, language));
  if (!guide.phone.empty()) practical += row(_("Phone"), text(guide.phone, "zh"));
  if (!guide.legalBasis.empty())
    practical += row(_("Legal basis"), text(guide.legalBasis, language));
  if (!practical.empty()) html += heading(_("Where and how")) + "<table>" + practical + "</table>";
  if (!guide.faq.empty()) {
    html += heading(_("Frequently asked questions"));
    for (const forms::FaqEntry& entry : guide.faq) {
      html += "<p><b>" + escape(_("Q: ")) + text(entry.question, language) + "</b><br>" +
              escape(_("A: ")) + text(entry.answer, language) + "</p>";
    }
  }
  return html;
}

wxString pageStart(const forms::Catalog& catalog, const forms::Text& name) {
  wxString html = "<html><body>";
  if (catalog.sample) {
    html += "<table width=\"100%\" bgcolor=\"#fff1db\"><tr><td><font color=\"#b35900\">" +
            escape(_("This catalog is sample data: its figures are placeholders, not the "
                     "published ones.")) +
            "</font></td></tr></table>";
  }
  html += "<h3>" + esc(name.zh);
  if (!name.en.empty())
    html += " <small><font color=\"#666666\">" + esc(name.en) + "</font></small>";
  if (name.sample) html += sampleMark();
  return html + "</h3>";
}

}  // namespace

wxString bytesText(std::uint64_t bytes) {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
    return wxString::Format("%llu MB", static_cast<unsigned long long>(bytes / (1024 * 1024)));
  if (bytes >= 1024 * 1024)
    return wxString::Format("%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  if (bytes >= 1024)
    return wxString::Format("%llu KB", static_cast<unsigned long long>(bytes / 1024));
  return wxString::Format("%llu B", static_cast<unsigned long long>(bytes));
}

wxString limitText(const forms::Limit& limit) {
  switch (limit.unit) {
    case forms::LimitUnit::Immediate:
      return _("immediate (on the spot)");
    case forms::LimitUnit::WorkingDay:
      return wxString::Format(wxPLURAL("%d working day", "%d working days", limit.days),
                              limit.days);
    case forms::LimitUnit::CalendarDay:
      return wxString::Format(wxPLURAL("%d calendar day", "%d calendar days", limit.days),
                              limit.days);
  }
  return {};
}

wxString scanPolicyText(const forms::ScanPolicy& scan) {
  wxString colour;
  switch (scan.colour) {
    case forms::ScanColour::Colour:
      colour = _("colour");
      break;
    case forms::ScanColour::Grey:
      colour = _("greyscale");
      break;
    case forms::ScanColour::BlackWhite:
      colour = _("black and white");
      break;
  }
  wxString format;
  switch (scan.format) {
    case forms::ScanFormat::Pdf:
      format = "PDF";
      break;
    case forms::ScanFormat::Jpeg:
      format = "JPEG";
      break;
    case forms::ScanFormat::Png:
      format = "PNG";
      break;
    case forms::ScanFormat::Tiff:
      format = "TIFF";
      break;
  }
  wxString text = wxString::Format(_("%d dpi, %s, %s, at most %s"), scan.dpi, colour, format,
                                   bytesText(scan.maxBytes));
  if (scan.maxPageBytes > 0)
    text += wxString::Format(_(", at most %s a page"), bytesText(scan.maxPageBytes));
  if (scan.layout == forms::ScanLayout::IdCard) text += _(", both sides on one page");
  return text;
}

wxString matterGuideHtml(const forms::Catalog& catalog, const forms::Matter& matter,
                         const std::string& language) {
  wxString html = pageStart(catalog, matter.name);
  if (matter.sample) html += "<p>" + sampleMark() + "</p>";

  wxString identity;
  identity += row(_("Basic code"), esc(matter.basicCode));
  identity += row(_("Implementation code"), esc(matter.implementationCode));
  identity += row(_("Version"), wxString::Format(_("%d, in effect since %s"), matter.version,
                                                 wxString::FromUTF8(matter.effective.iso())));
  if (const forms::Category* category = catalog.category(matter.category))
    identity += row(_("Category"), text(category->name, language));
  identity += row(_("Case type"), escape(caseTypeText(matter.caseType)));
  wxArrayString targets;
  for (const int target : matter.targets) targets.Add(targetText(target));
  identity += row(_("For"), escape(wxJoin(targets, ',', '\0')));
  wxString limits;
  if (matter.limits.legal) limits += escape(_("legal: ") + limitText(*matter.limits.legal));
  if (!limits.empty()) limits += "; ";
  limits += "<b>" + escape(_("promised: ") + limitText(matter.limits.promised)) + "</b>";
  if (matter.limits.promised.sample || (matter.limits.legal && matter.limits.legal->sample))
    limits += sampleMark();
  identity += row(_("Time limits"), limits);
  identity += row(_("Service"), flagsText(matter.flags));
  html += "<table>" + identity + "</table>";

  // The materials first: what the clerk checks with the applicant at the window.
  html += heading(_("Materials"));
  std::vector<const forms::Material*> materials;
  for (const forms::Material& material : matter.materials) materials.push_back(&material);
  html += materialsTable(materials, {}, language);
  if (!matter.scenarios.empty()) {
    html += "<p>" + escape(_("The list depends on the applicant's situation:")) + "</p><ul>";
    for (const forms::ScenarioQuestion& question : matter.scenarios) {
      wxArrayString answers;
      for (const forms::ScenarioAnswer& answer : question.answers)
        answers.Add(wxString::FromUTF8(answer.label.in(language)));
      html += "<li>" + text(question.label, language) + " " + escape(wxJoin(answers, '/', '\0'));
    }
    html += "</ul>";
  }

  html += guideSections(matter.guide, language);
  if (!matter.rules.empty()) {
    html += heading(_("Auto-approval rules"));
    for (const forms::ApprovalRule& rule : matter.rules) {
      html += "<p><b>" + text(rule.label, language) + "</b>: ";
      wxArrayString conditions;
      for (const forms::RuleCondition& condition : rule.conditions)
        conditions.Add(wxString::FromUTF8(condition.label.in(language)));
      html += escape(wxJoin(conditions, ';', '\0')) + " &rarr; " + text(rule.outcome, language) +
              "</p>";
    }
  }
  return html + "</body></html>";
}

wxString bundleGuideHtml(const forms::Catalog& catalog, const forms::Bundle& bundle,
                         forms::CivilDate date, const std::string& language) {
  wxString html = pageStart(catalog, bundle.name);
  wxString identity = row(_("Bundle code"), esc(bundle.code));
  if (const forms::Category* category = catalog.category(bundle.category))
    identity += row(_("Category"), text(category->name, language));
  identity += row(_("Service"), escape(_("one form and one set of materials; the case is split "
                                         "into one sub-case per department")));
  html += "<table>" + identity + "</table>";

  html += heading(_("Parts"));
  html +=
      "<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\" width=\"100%\"><tr "
      "bgcolor=\"#e8eef5\"><th align=\"left\">" +
      escape(_("Matter")) + "</th><th align=\"left\">" + escape(_("Department")) +
      "</th><th align=\"left\">" + escape(_("Time limits")) + "</th></tr>";
  for (const forms::BundlePart& part : bundle.parts) {
    const forms::Matter* matter = catalog.matterOn(part.matter, date);
    html += "<tr><td>" +
            (matter != nullptr
                 ? text(matter->name, language) + " (" + esc(part.matter) + ")"
                 : esc(part.matter) + " &mdash; " + escape(_("no version in effect today"))) +
            "</td><td>" + esc(part.department) + "</td><td>" +
            (matter != nullptr ? escape(limitText(matter->limits.promised)) : wxString()) +
            "</td></tr>";
  }
  html += "</table>";

  html += heading(_("Materials"));
  try {
    const std::vector<forms::BundleMaterial> merged = forms::bundleMaterials(catalog, bundle, date);
    std::vector<const forms::Material*> materials;
    std::vector<wxString> askedBy;
    for (const forms::BundleMaterial& entry : merged) {
      materials.push_back(&entry.material);
      wxArrayString names;
      for (const std::string& code : entry.matters) {
        const forms::Matter* matter = catalog.matterOn(code, date);
        names.Add(wxString::FromUTF8(matter != nullptr ? matter->name.in(language) : code));
      }
      askedBy.push_back(escape(wxJoin(names, ',', '\0')));
    }
    html += materialsTable(materials, askedBy, language);
  } catch (const std::exception& error) {
    html += "<p><font color=\"#b00020\">" + esc(error.what()) + "</font></p>";
  }
  return html + "</body></html>";
}

GuideView::GuideView(wxWindow* parent) : wxPanel(parent, wxID_ANY) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  html_ = new wxHtmlWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxHW_SCROLLBAR_AUTO);
  html_->SetName("guide-html");
  html_->SetStandardFonts(FromDIP(10));
  sizer->Add(html_, wxSizerFlags(1).Expand());
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  start_ = new wxButton(this, wxID_ANY, _("&Start intake"));
  start_->SetName("guide-start");
  start_->SetDefault();
  buttons->Add(start_, wxSizerFlags().CenterVertical());
  back_ = new wxButton(this, wxID_ANY, _("&Back to the case"));
  back_->SetName("guide-back");
  back_->Hide();
  buttons->Add(back_, wxSizerFlags().CenterVertical().Border(wxLEFT, FromDIP(8)));
  hint_ = new wxStaticText(this, wxID_ANY, _("Enter starts the intake of this matter."));
  hint_->SetName("guide-message");
  buttons->Add(hint_, wxSizerFlags(1).CenterVertical().Border(wxLEFT, FromDIP(10)));
  sizer->Add(buttons, wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));
  SetSizer(sizer);
  start_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (onStart_ && !choice_.empty()) onStart_();
  });
  back_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (onBack_) onBack_();
  });
}

void GuideView::show(const CatalogChoice& choice, forms::CivilDate date,
                     const std::string& language) {
  choice_ = choice;
  if (choice.empty()) {
    html_->SetPage("<html><body></body></html>");
    start_->Disable();
    return;
  }
  showMessage(wxEmptyString, false);
  html_->SetPage(choice.matter != nullptr
                     ? matterGuideHtml(*choice.catalog, *choice.matter, language)
                     : bundleGuideHtml(*choice.catalog, *choice.bundle, date, language));
  start_->Enable();
}

void GuideView::focusStart() { start_->SetFocus(); }

void GuideView::showBackToCase(bool show) {
  back_->Show(show);
  Layout();
}

void GuideView::showMessage(const wxString& text, bool error) {
  hint_->SetForegroundColour(error ? wxColour(0xB0, 0x00, 0x20) : GetForegroundColour());
  hint_->SetLabel(text.empty() ? _("Enter starts the intake of this matter.") : text);
  Layout();
}

wxString GuideView::message() const { return hint_->GetLabel(); }

wxString GuideView::text() const { return html_->ToText(); }

}  // namespace onewindow::app
