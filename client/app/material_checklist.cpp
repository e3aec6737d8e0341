#include "client/app/material_checklist.hpp"

#include <algorithm>

#include <wx/button.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/radiobox.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>

#include "client/app/section_heading.hpp"
#include "client/app/wx_string.hpp"

namespace onewindow::app {
namespace {

// An empty label while nothing is attached (a hidden window in the grid upsets GTK's layout).
void showAttached(wxStaticText* label, std::size_t files, int scannedPages) {
  wxString text;
  if (files > 0)
    text = wxString::Format(wxPLURAL("%d file attached", "%d files attached", files),
                            static_cast<int>(files));
  if (scannedPages > 0) {
    if (!text.empty()) text += "; ";
    text += wxString::Format(wxPLURAL("%d page scanned", "%d pages scanned", scannedPages),
                             scannedPages);
  }
  label->SetLabel(text);
}

using engine::MaterialStatus;

wxString requirementText(const forms::Material& material) {
  wxString text =
      wxString::Format(_("%d original(s), %d copy(ies)"), material.originals, material.copies);
  if (!material.eLicenceType.empty())
    text += "; " + wxString::Format(_("e-licence: %s"), wx(material.eLicenceType));
  return text;
}

}  // namespace

std::vector<ChecklistMaterial> checklistFor(const forms::Catalog& catalog,
                                            const forms::IntakeSubject& subject,
                                            const forms::ScenarioAnswers& answers,
                                            forms::CivilDate date, const std::string& language) {
  std::vector<ChecklistMaterial> out;
  for (forms::ChecklistItem& item : forms::intakeChecklist(catalog, subject, answers, date)) {
    wxArrayString askedBy;
    for (const std::string& code : item.askedBy) {
      const forms::Matter* matter = catalog.matterOn(code, date);
      askedBy.Add(matter != nullptr ? wx(matter->name.in(language)) : wx(code));
    }
    out.push_back({std::move(item.material), item.gapAllowed, item.eLicenceAllowed,
                   wxJoin(askedBy, ',', '\0')});
  }
  return out;
}

wxString materialStatusLabel(MaterialStatus status) {
  switch (status) {
    case MaterialStatus::Pending:
      return _("not checked");
    case MaterialStatus::Received:
      return _("received");
    case MaterialStatus::ELicence:
      return _("e-licence (no paper)");
    case MaterialStatus::Gap:
      return _("gap (supplied later)");
    case MaterialStatus::Missing:
      return _("missing");
  }
  return {};
}

// --- Scenario questions ---------------------------------------------------------------------

ScenarioQuestions::ScenarioQuestions(wxWindow* parent,
                                     const std::vector<forms::ScenarioQuestion>& questions,
                                     const std::string& language)
    : wxPanel(parent, wxID_ANY) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  for (const forms::ScenarioQuestion& question : questions) {
    wxArrayString labels;
    for (const forms::ScenarioAnswer& answer : question.answers)
      labels.Add(wx(answer.label.in(language)));
    Question entry{&question, nullptr, nullptr};
    if (question.multiple) {
      sizer->Add(new wxStaticText(this, wxID_ANY, wx(question.label.in(language))),
                 wxSizerFlags().Border(wxTOP, FromDIP(4)));
      entry.multiple = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, labels);
      entry.multiple->SetName("scenario-" + wx(question.id));
      entry.multiple->Bind(wxEVT_CHECKLISTBOX, [this](wxCommandEvent&) {
        if (onChange_) onChange_();
      });
      sizer->Add(entry.multiple, wxSizerFlags().Expand());
    } else {
      entry.single = new wxRadioBox(this, wxID_ANY, wx(question.label.in(language)),
                                    wxDefaultPosition, wxDefaultSize, labels, 0, wxRA_SPECIFY_ROWS);
      entry.single->SetName("scenario-" + wx(question.id));
      entry.single->Bind(wxEVT_RADIOBOX, [this](wxCommandEvent&) {
        if (onChange_) onChange_();
      });
      sizer->Add(entry.single, wxSizerFlags().Expand().Border(wxBOTTOM, FromDIP(4)));
    }
    questions_.push_back(entry);
  }
  SetSizer(sizer);
}

forms::ScenarioAnswers ScenarioQuestions::answers() const {
  forms::ScenarioAnswers out;
  for (const Question& entry : questions_) {
    std::vector<std::string>& chosen = out[entry.question->id];
    for (std::size_t i = 0; i < entry.question->answers.size(); ++i) {
      const bool on = entry.single != nullptr ? entry.single->GetSelection() == static_cast<int>(i)
                                              : entry.multiple->IsChecked(static_cast<unsigned>(i));
      if (on) chosen.push_back(entry.question->answers[i].id);
    }
  }
  return out;
}

bool ScenarioQuestions::choose(const std::string& questionId, const std::string& answerId) {
  for (const Question& entry : questions_) {
    if (entry.question->id != questionId) continue;
    for (std::size_t i = 0; i < entry.question->answers.size(); ++i) {
      if (entry.question->answers[i].id != answerId) continue;
      if (entry.single != nullptr) {
        entry.single->SetSelection(static_cast<int>(i));
      } else {
        entry.multiple->Check(static_cast<unsigned>(i), true);
      }
      if (onChange_) onChange_();
      return true;
    }
  }
  return false;
}

void ScenarioQuestions::freeze() { Disable(); }

// --- Material checklist ---------------------------------------------------------------------

MaterialChecklist::MaterialChecklist(wxWindow* parent) : wxPanel(parent, wxID_ANY) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  grid_ = new wxFlexGridSizer(4, FromDIP(4), FromDIP(8));
  grid_->AddGrowableCol(0, 1);
  sizer->Add(grid_, wxSizerFlags().Expand());
  summary_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
  summary_->SetName("checklist-summary");
  sizer->Add(summary_, wxSizerFlags().Border(wxTOP, FromDIP(6)));
  SetSizer(sizer);
}

void MaterialChecklist::setMaterials(std::vector<ChecklistMaterial> materials,
                                     const std::string& language) {
  std::map<std::string, Recorded> previous;
  for (const Row& row : rows_)
    previous[row.key] = {statusOf(row), row.originals->GetValue(), row.copies->GetValue()};
  materials_ = std::move(materials);
  language_ = language;
  build(previous);
}

void MaterialChecklist::build(const std::map<std::string, Recorded>& previous) {
  Freeze();
  grid_->Clear(true);
  rows_.clear();
  const wxColour grey = wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT);
  for (const wxString& heading : {_("Material"), _("Status"), _("Originals"), _("Copies")}) {
    grid_->Add(sectionHeading(this, heading));
  }
  for (const ChecklistMaterial& entry : materials_) {
    const forms::Material& material = entry.material;
    Row row;
    row.key = material.key;
    row.offered.push_back(MaterialStatus::Received);
    if (entry.eLicenceAllowed) row.offered.push_back(MaterialStatus::ELicence);
    if (entry.gapAllowed) row.offered.push_back(MaterialStatus::Gap);
    row.offered.push_back(MaterialStatus::Missing);

    // Name (main materials starred) with what is required on a grey line below it.
    wxString name = wx(material.name.in(language_));
    name += material.role == forms::MaterialRole::Main ? " *" : "";
    auto* nameCell = new wxBoxSizer(wxVERTICAL);
    auto* label = new wxStaticText(this, wxID_ANY, name);
    label->SetToolTip(material.role == forms::MaterialRole::Main ? _("Main material")
                                                                 : _("Secondary material"));
    nameCell->Add(label);
    wxString required = requirementText(material);
    if (!entry.askedBy.empty()) required += "\n" + wxString::Format(_("for %s"), entry.askedBy);
    auto* requiredLabel = new wxStaticText(this, wxID_ANY, required);
    requiredLabel->SetForegroundColour(grey);
    requiredLabel->SetFont(requiredLabel->GetFont().Smaller());
    requiredLabel->Wrap(FromDIP(160));
    nameCell->Add(requiredLabel);
    auto* captureLine = new wxBoxSizer(wxHORIZONTAL);
    row.capture =
        new wxButton(this, wxID_ANY, _("Scan…"), wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT);
    row.capture->SetName("scan-" + wx(material.key));
    row.capture->SetToolTip(_("Scan or import this material's pages"));
    row.capture->Bind(wxEVT_BUTTON, [this, key = material.key](wxCommandEvent&) {
      if (onCapture_) onCapture_(key);
    });
    captureLine->Add(row.capture, wxSizerFlags().CenterVertical().Border(wxRIGHT, FromDIP(6)));
    row.attached = new wxStaticText(this, wxID_ANY, wxEmptyString);
    row.attached->SetName("attached-" + wx(material.key));
    row.attached->SetFont(row.attached->GetFont().Smaller());
    captureLine->Add(row.attached, wxSizerFlags().CenterVertical());
    nameCell->Add(captureLine, wxSizerFlags().Border(wxTOP, FromDIP(2)));
    showAttached(row.attached, attachedPages(material.key).size(), scannedPages(material.key));
    grid_->Add(nameCell, wxSizerFlags().CenterVertical());

    row.status = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxSize(FromDIP(160), -1));
    row.status->SetName("status-" + wx(material.key));
    for (const MaterialStatus status : row.offered) row.status->Append(materialStatusLabel(status));
    grid_->Add(row.status, wxSizerFlags().CenterVertical());
    // GTK draws a spin control with both buttons beside the entry: its default width.
    row.originals = new wxSpinCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, wxDefaultSize,
                                   wxSP_ARROW_KEYS, 0, 99, 0);
    row.originals->SetName("originals-" + wx(material.key));
    row.copies = new wxSpinCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, wxDefaultSize,
                                wxSP_ARROW_KEYS, 0, 99, 0);
    row.copies->SetName("copies-" + wx(material.key));
    grid_->Add(row.originals, wxSizerFlags().CenterVertical());
    grid_->Add(row.copies, wxSizerFlags().CenterVertical());

    // Until the clerk says otherwise a material is missing: nothing is received by default.
    const auto before = previous.find(material.key);
    MaterialStatus status = MaterialStatus::Missing;
    if (before != previous.end() && std::find(row.offered.begin(), row.offered.end(),
                                              before->second.status) != row.offered.end())
      status = before->second.status;
    row.status->SetSelection(static_cast<int>(
        std::find(row.offered.begin(), row.offered.end(), status) - row.offered.begin()));
    rows_.push_back(row);
    applyStatus(rows_.back(), entry, false);
    if (before != previous.end() && status == MaterialStatus::Received) {
      rows_.back().originals->SetValue(before->second.originals);
      rows_.back().copies->SetValue(before->second.copies);
    }

    const std::size_t index = rows_.size() - 1;
    row.status->Bind(wxEVT_CHOICE, [this, index](wxCommandEvent&) {
      applyStatus(rows_[index], materials_[index], true);
      if (onChange_) onChange_();
    });
    for (wxSpinCtrl* spin : {row.originals, row.copies}) {
      spin->Bind(wxEVT_SPINCTRL, [this](wxSpinEvent&) {
        if (onChange_) onChange_();
      });
    }
  }
  Thaw();
  Layout();
  GetParent()->Layout();
}

void MaterialChecklist::applyStatus(Row& row, const ChecklistMaterial& material, bool fillCounts) {
  const MaterialStatus status = statusOf(row);
  const bool received = status == MaterialStatus::Received;
  row.originals->Enable(received);
  row.copies->Enable(received);
  if (!received) {
    row.originals->SetValue(0);
    row.copies->SetValue(0);
  } else if (fillCounts && row.originals->GetValue() == 0 && row.copies->GetValue() == 0) {
    row.originals->SetValue(material.material.originals);
    row.copies->SetValue(material.material.copies);
  }
  int notReceived = 0;
  for (const Row& each : rows_) {
    const MaterialStatus s = statusOf(each);
    notReceived += (s == MaterialStatus::Gap || s == MaterialStatus::Missing) ? 1 : 0;
  }
  summary_->SetLabel(notReceived == 0
                         ? _("Every material is received or replaced by an e-licence.")
                         : wxString::Format(_("%d material(s) not received."), notReceived));
}

MaterialStatus MaterialChecklist::statusOf(const Row& row) const {
  const int selection = row.status->GetSelection();
  if (selection < 0 || static_cast<std::size_t>(selection) >= row.offered.size())
    return MaterialStatus::Pending;
  return row.offered[static_cast<std::size_t>(selection)];
}

const MaterialChecklist::Row* MaterialChecklist::rowFor(const std::string& key) const {
  for (const Row& row : rows_) {
    if (row.key == key) return &row;
  }
  return nullptr;
}

MaterialStatus MaterialChecklist::status(const std::string& key) const {
  const Row* row = rowFor(key);
  return row != nullptr ? statusOf(*row) : MaterialStatus::Pending;
}

std::vector<MaterialStatus> MaterialChecklist::offeredStatuses(const std::string& key) const {
  const Row* row = rowFor(key);
  return row != nullptr ? row->offered : std::vector<MaterialStatus>{};
}

wxChoice* MaterialChecklist::statusControl(const std::string& key) const {
  const Row* row = rowFor(key);
  return row != nullptr ? row->status : nullptr;
}

wxSpinCtrl* MaterialChecklist::originalsControl(const std::string& key) const {
  const Row* row = rowFor(key);
  return row != nullptr ? row->originals : nullptr;
}

wxSpinCtrl* MaterialChecklist::copiesControl(const std::string& key) const {
  const Row* row = rowFor(key);
  return row != nullptr ? row->copies : nullptr;
}

bool MaterialChecklist::setStatus(const std::string& key, MaterialStatus status) {
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    Row& row = rows_[i];
    if (row.key != key) continue;
    const auto found = std::find(row.offered.begin(), row.offered.end(), status);
    if (found == row.offered.end()) return false;
    row.status->SetSelection(static_cast<int>(found - row.offered.begin()));
    wxCommandEvent event(wxEVT_CHOICE, row.status->GetId());
    event.SetEventObject(row.status);
    event.SetInt(row.status->GetSelection());
    row.status->GetEventHandler()->ProcessEvent(event);
    return true;
  }
  return false;
}

bool MaterialChecklist::attachPage(const std::string& key, const engine::PageRef& page) {
  const Row* row = rowFor(key);
  if (row == nullptr) return false;
  std::vector<engine::PageRef>& pages = pages_[key];
  const bool known = std::any_of(pages.begin(), pages.end(),
                                 [&](const engine::PageRef& p) { return p.sha256 == page.sha256; });
  if (!known) pages.push_back(page);
  setStatus(key, MaterialStatus::Received);
  showAttached(row->attached, pages.size(), scannedPages(key));
  Layout();
  if (onChange_) onChange_();
  return true;
}

std::vector<engine::PageRef> MaterialChecklist::attachedPages(const std::string& key) const {
  const auto found = pages_.find(key);
  return found == pages_.end() ? std::vector<engine::PageRef>() : found->second;
}

void MaterialChecklist::forgetAttachments() {
  pages_.clear();
  scanned_.clear();
}

bool MaterialChecklist::setScannedPages(const std::string& key, int pages) {
  const Row* row = rowFor(key);
  if (row == nullptr) return false;
  scanned_[key] = pages;
  // Pages captured mean the applicant brought it; the engine makes them the material's files.
  if (pages > 0) setStatus(key, MaterialStatus::Received);
  showAttached(row->attached, attachedPages(key).size(), pages);
  Layout();
  if (onChange_) onChange_();
  return true;
}

int MaterialChecklist::scannedPages(const std::string& key) const {
  const auto found = scanned_.find(key);
  return found == scanned_.end() ? 0 : found->second;
}

wxButton* MaterialChecklist::captureControl(const std::string& key) const {
  const Row* row = rowFor(key);
  return row == nullptr ? nullptr : row->capture;
}

void MaterialChecklist::markAllReceived() {
  for (const Row& row : rows_) setStatus(row.key, MaterialStatus::Received);
}

std::vector<engine::MaterialAnswer> MaterialChecklist::answers() const {
  std::vector<engine::MaterialAnswer> out;
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    const Row& row = rows_[i];
    const forms::Material& material = materials_[i].material;
    engine::MaterialAnswer answer;
    answer.key = material.key;
    answer.status = statusOf(row);
    answer.originals = row.originals->GetValue();
    answer.copies = row.copies->GetValue();
    // The e-licence itself is looked up in the licence system; the slot records which one.
    if (answer.status == MaterialStatus::ELicence) answer.note = material.eLicenceType;
    // Files go with a received material only: one marked missing after all keeps none.
    if (answer.status == MaterialStatus::Received) answer.pages = attachedPages(material.key);
    out.push_back(std::move(answer));
  }
  return out;
}

void MaterialChecklist::freeze() {
  for (Row& row : rows_) {
    row.status->Disable();
    row.originals->Disable();
    row.copies->Disable();
    row.capture->Disable();  // taken in: the materials are frozen with the case
  }
}

}  // namespace onewindow::app
