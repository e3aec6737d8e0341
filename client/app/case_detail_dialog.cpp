#include "client/app/case_detail_dialog.hpp"

#include <wx/button.h>
#include <wx/filedlg.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/wrapsizer.h>

#include "client/app/capture_dialog.hpp"
#include "client/app/case_text.hpp"
#include "client/app/material_checklist.hpp"
#include "client/app/rating_dialog.hpp"
#include "client/app/request_ids.hpp"
#include "client/app/second_visit_dialogs.hpp"
#include "client/app/sync_page.hpp"
#include "client/app/verdict_text.hpp"
#include "client/app/wx_string.hpp"
#include "client/engine/time_text.hpp"
#include "forms/intake_rules.hpp"

namespace onewindow::app {
namespace {

using engine::DeskAction;

// The second visit's buttons; supplying is the Scan and Attach buttons at the materials.
constexpr DeskAction kActions[] = {
    DeskAction::AnswerCorrection, DeskAction::HandOver,   DeskAction::Post, DeskAction::Rate,
    DeskAction::Withdraw,         DeskAction::VoidOverdue};

wxListView* addList(wxNotebook* tabs, const wxString& title, const wxString& name,
                    std::initializer_list<std::pair<wxString, int>> columns) {
  auto* list = new wxListView(tabs, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                              wxLC_REPORT | wxLC_SINGLE_SEL);
  list->SetName(name);
  for (const auto& [heading, width] : columns)
    list->AppendColumn(heading, wxLIST_FORMAT_LEFT, tabs->FromDIP(width));
  tabs->AddPage(list, title);
  return list;
}

}  // namespace

CaseDetailDialog::CaseDetailDialog(wxWindow* parent, engine::Engine& engine,
                                   PrintingContext printing)
    : wxDialog(parent, wxID_ANY, _("Case"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      engine_(engine),
      printing_(std::move(printing)) {
  SetName("case-detail");
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  header_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
  header_->SetName("case-header");
  sizer->Add(header_, wxSizerFlags().Expand().Border(wxALL, FromDIP(10)));
  // A supervisor's 督办 note: what the clerk must act on first, under the case's identity.
  supervision_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
  supervision_->SetName("case-supervision");
  supervision_->SetForegroundColour(wxColour(0xB0, 0x00, 0x20));
  supervision_->SetFont(supervision_->GetFont().Bold());
  supervision_->Hide();
  sizer->Add(supervision_,
             wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(10)));
  message_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
  message_->SetName("case-message");
  sizer->Add(message_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, FromDIP(10)));

  tabs_ = new wxNotebook(this, wxID_ANY);
  materials_ =
      addList(tabs_, _("Materials"), "case-materials",
              {{_("Material"), 260}, {_("Status"), 170}, {_("Pages"), 60}, {_("Supplied"), 220}});
  answers_ = addList(tabs_, _("Form"), "case-answers", {{_("Question"), 300}, {_("Answer"), 400}});
  timeline_ = addList(
      tabs_, _("Timeline"), "case-timeline",
      {{_("When"), 140}, {_("Who"), 90}, {_("Window"), 60}, {_("What"), 150}, {_("Details"), 330}});
  documents_ =
      addList(tabs_, _("Documents"), "case-documents",
              {{_("Number"), 230}, {_("Document"), 200}, {_("Issued"), 140}, {_("Prints"), 60}});
  auto* syncPanel = new wxPanel(tabs_);
  auto* syncSizer = new wxBoxSizer(wxVERTICAL);
  sync_ = new wxStaticText(syncPanel, wxID_ANY, wxEmptyString);
  sync_->SetName("case-sync");
  syncSizer->Add(sync_, wxSizerFlags(1).Expand().Border(wxALL, FromDIP(8)));
  syncPanel->SetSizer(syncSizer);
  tabs_->AddPage(syncPanel, _("Central and sync"));
  sizer->Add(tabs_, wxSizerFlags(1).Expand().Border(wxALL, FromDIP(10)));

  auto* materialButtons = new wxBoxSizer(wxHORIZONTAL);
  scan_ = new wxButton(this, wxID_ANY, _("&Scan the owed material..."));
  attach_ = new wxButton(this, wxID_ANY, _("Attach &files..."));
  openDocument_ = new wxButton(this, wxID_ANY, _("&Open document"));
  for (wxButton* button : {scan_, attach_, openDocument_})
    materialButtons->Add(button, wxSizerFlags().Border(wxRIGHT, FromDIP(8)));
  sizer->Add(materialButtons, wxSizerFlags().Border(wxLEFT | wxRIGHT, FromDIP(10)));

  auto* actions = new wxWrapSizer(wxHORIZONTAL);
  for (DeskAction action : kActions) {
    auto* button = new wxButton(this, wxID_ANY, deskActionLabel(action) + "...");
    button->SetName(wxString::Format("desk-action-%d", static_cast<int>(action)));
    button->Bind(wxEVT_BUTTON, [this, action](wxCommandEvent&) { runAction(action); });
    actions->Add(button, wxSizerFlags().Border(wxRIGHT | wxBOTTOM, FromDIP(6)));
    buttons_[action] = button;
  }
  auto* close = new wxButton(this, wxID_CLOSE, _("Close"));
  close->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Hide(); });
  actions->Add(close, wxSizerFlags().Border(wxBOTTOM, FromDIP(6)));
  sizer->Add(actions, wxSizerFlags().Expand().Border(wxALL, FromDIP(10)));
  SetEscapeId(wxID_CLOSE);
  SetSizer(sizer);
  SetSize(FromDIP(wxSize(980, 680)));
  CentreOnParent();

  scan_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (const std::string key = selectedSlot(); !key.empty()) scanInto(key);
  });
  attach_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    const std::string key = selectedSlot();
    if (key.empty()) return;
    wxFileDialog dialog(this, _("Attach the material's pages"), wxEmptyString, wxEmptyString,
                        _("Scans and PDF (*.pdf;*.jpg;*.jpeg;*.png;*.tif;*.tiff)|"
                          "*.pdf;*.jpg;*.jpeg;*.png;*.tif;*.tiff"),
                        wxFD_OPEN | wxFD_MULTIPLE | wxFD_FILE_MUST_EXIST);
    if (dialog.ShowModal() != wxID_OK) return;
    wxArrayString paths;
    dialog.GetPaths(paths);
    std::vector<std::filesystem::path> files;
    for (const wxString& path : paths) files.emplace_back(path.utf8_string());
    supplyFiles(key, files);
  });
  openDocument_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    const long index = documents_->GetFirstSelected();
    if (index >= 0 && static_cast<std::size_t>(index) < detail_.documents.size())
      openDocument(detail_.documents[static_cast<std::size_t>(index)].document.kind);
  });
  materials_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { fillMaterials(); });
}

CaseDetailDialog::~CaseDetailDialog() {
  if (action_ != nullptr) action_->Destroy();
  if (capture_ != nullptr) capture_->Destroy();
}

void CaseDetailDialog::show(const engine::CaseDetail& detail) {
  detail_ = detail;
  const engine::CaseRecord& r = detail_.record;
  SetTitle(wxString::Format(_("Case %s"), wx(r.officialNo.value_or(r.provisionalNo.value_or("")))));
  wxString text;
  text << _("Provisional no.: ") << wx(r.provisionalNo.value_or("")) << "    "
       << _("Official no.: ") << (r.officialNo ? wx(*r.officialNo) : _("not yet allocated")) << "\n"
       << _("Matter: ") << wx(r.matterName) << " (" << wx(r.matterCode) << ")\n"
       << _("Applicant: ") << wx(r.applicantName) << " " << wx(r.applicantIdNumber) << "\n"
       << _("State: ") << caseStateLabel(r.state);
  if (const wxString badge = dueBadgeLabel(detail_.badge); !badge.empty())
    text << "    " << _("Promised: ") << wx(r.promisedDueDate.value_or("")) << " (" << badge << ")";
  text << "\n" << _("Taken in: ") << localTimeText(r.intakeAt.value_or(""));
  if (r.acceptedAt) text << "    " << _("Accepted: ") << localTimeText(*r.acceptedAt);
  if (!detail_.gapDeadline.empty() && r.state == engine::CaseState::AcceptedWithGaps)
    text << "\n" << _("Owed materials due by: ") << wx(detail_.gapDeadline);
  if (!detail_.correctionDeadline.empty())
    text << "\n" << _("Correction due by: ") << wx(detail_.correctionDeadline);
  header_->SetLabel(text);
  if (detail_.supervision) {
    supervision_->SetLabel(wxString::Format(
        _("Supervised by %s (%s): %s"), wx(detail_.supervision->markedBy),
        localTimeText(detail_.supervision->markedAt), wx(detail_.supervision->note)));
  }
  supervision_->Show(detail_.supervision.has_value());
  for (const auto& [action, button] : buttons_) button->Disable();  // unless the engine allows it
  for (const engine::DeskActionState& state : detail_.actions) {
    const auto button = buttons_.find(state.action);
    if (button == buttons_.end()) continue;
    button->second->Enable(state.allowed);
    button->second->SetToolTip(state.allowed ? wxString() : wx(state.why));
  }
  fillMaterials();
  fillAnswers();
  fillTimeline();
  fillDocuments();
  fillSync();
  Layout();
}

void CaseDetailDialog::fillMaterials() {
  const long selected = materials_->GetFirstSelected();
  if (materials_->GetItemCount() != static_cast<int>(detail_.slots.size())) {
    materials_->DeleteAllItems();
    for (std::size_t i = 0; i < detail_.slots.size(); ++i)
      materials_->InsertItem(static_cast<long>(i), wx(detail_.slots[i].slot.name));
  }
  for (std::size_t i = 0; i < detail_.slots.size(); ++i) {
    const engine::SlotView& view = detail_.slots[i];
    const long item = static_cast<long>(i);
    materials_->SetItem(item, 0, wx(view.slot.name));
    materials_->SetItem(item, 1,
                        view.owed
                            ? _("owed")
                            : materialStatusLabel(forms::materialStatusFromName(view.slot.status)
                                                      .value_or(engine::MaterialStatus::Pending)));
    materials_->SetItem(item, 2, wxString::Format("%zu", view.slot.pageHashes.size()));
    materials_->SetItem(item, 3, view.supplied ? localTimeText(view.supplied->at) : wxString());
    materials_->SetItemTextColour(
        item, view.owed ? wxColour(0xB0, 0x00, 0x20) : materials_->GetTextColour());
  }
  // The scan and attach buttons act on an owed material; the first owed one is chosen.
  long owedRow = -1;
  for (std::size_t i = 0; i < detail_.slots.size() && owedRow < 0; ++i)
    if (detail_.slots[i].owed) owedRow = static_cast<long>(i);
  if (selected < 0 && owedRow >= 0) materials_->Select(owedRow);
  const std::string key = selectedSlot();
  const bool canSupply = !key.empty() && allowed(DeskAction::Supply);
  scan_->Enable(canSupply);
  attach_->Enable(canSupply);
}

std::string CaseDetailDialog::selectedSlot() const {
  const long index = materials_->GetFirstSelected();
  if (index < 0 || static_cast<std::size_t>(index) >= detail_.slots.size()) return {};
  const engine::SlotView& view = detail_.slots[static_cast<std::size_t>(index)];
  return view.owed ? view.slot.key : std::string();
}

void CaseDetailDialog::fillAnswers() {
  answers_->DeleteAllItems();
  long row = 0;
  for (const engine::FormAnswerLine& line : detail_.answers) {
    const wxString indent(' ', static_cast<std::size_t>(line.depth) * 4);
    const long item = answers_->InsertItem(row++, indent + wx(line.label));
    answers_->SetItem(item, 1, wx(line.value));
    if (line.heading) answers_->SetItemFont(item, answers_->GetFont().Bold());
  }
}

void CaseDetailDialog::fillTimeline() {
  timeline_->DeleteAllItems();
  long row = 0;
  for (const engine::TimelineEntry& entry : detail_.timeline) {
    const long item = timeline_->InsertItem(row++, localTimeText(entry.at));
    timeline_->SetItem(item, 1, wx(entry.clerkId));
    timeline_->SetItem(item, 2, wx(entry.windowCode));
    timeline_->SetItem(item, 3, timelineActionLabel(entry.action));
    timeline_->SetItem(item, 4, wx(entry.details));
  }
}

void CaseDetailDialog::fillDocuments() {
  documents_->DeleteAllItems();
  long row = 0;
  for (const engine::DocumentView& view : detail_.documents) {
    const long item = documents_->InsertItem(row++, wx(view.document.documentNo));
    documents_->SetItem(item, 1, wx(view.document.title));
    documents_->SetItem(item, 2, localTimeText(view.document.issuedAt));
    documents_->SetItem(item, 3, wxString::Format("%zu", view.prints.size()));
  }
  openDocument_->Enable(!detail_.documents.empty());
}

void CaseDetailDialog::fillSync() {
  const engine::CaseRecord& r = detail_.record;
  wxString text;
  text << _("Sync: ") << syncStateLabel(r.syncState) << "\n";
  if (detail_.sync) {
    text << wxString::Format(_("Central has version %d of the case; %d attempt(s)."),
                             detail_.sync->confirmedVersion, detail_.sync->attempts)
         << "\n";
    if (!detail_.sync->nextAttemptAt.empty())
      text << _("Next attempt: ") << localTimeText(detail_.sync->nextAttemptAt) << "\n";
    if (!detail_.sync->lastError.empty())
      text << _("Reason: ") << syncErrorText(detail_.sync->lastErrorCode, detail_.sync->lastError)
           << "\n";
  }
  if (const auto& certificate = detail_.certificate) {
    text << wxString::Format(_("Certificate %s issued %s"), wx(certificate->number),
                             localTimeText(certificate->issuedAt));
    if (!certificate->issuer.empty())
      text << wxString::Format(_(" by %s"), wx(certificate->issuer));
    if (!certificate->validUntil.empty())
      text << wxString::Format(_(", valid until %s"), wx(certificate->validUntil));
    text << "\n";
  }
  for (const engine::SubCaseRecord& sub : detail_.subCases) {
    text << wxString::Format(_("Part %s (%s) went to %s: %s"), wx(sub.subNo), wx(sub.matterName),
                             wx(sub.department), wx(sub.state))
         << "\n";
  }
  for (const engine::CaseEventRecord& event : detail_.events) {
    const engine::CaseEventInput& e = event.event;
    text << localTimeText(event.at) << "  ";
    switch (e.kind) {
      case engine::CaseEventKind::Withdrawal:
        text << _("Withdrawn: ") << wx(e.reason);
        break;
      case engine::CaseEventKind::Void:
        text << _("Voided: ") << wx(e.reason);
        break;
      case engine::CaseEventKind::Handover:
        text << wxString::Format(_("Handed over to %s%s"), wx(e.collectorName),
                                 e.authorised ? _(" (authorised collector)") : wxString());
        break;
      case engine::CaseEventKind::Posting:
        text << wxString::Format(_("Posted by %s, tracking number %s"), wx(e.carrier),
                                 wx(e.trackingNo));
        break;
    }
    text << "\n";
  }
  for (const engine::RatingRecord& rating : detail_.ratings) {
    text << _("Rating: ") << wx(rating.rating.label);
    if (!rating.rating.reasons.empty() || !rating.rating.comment.empty()) {
      wxString why;
      for (const std::string& reason : rating.rating.reasons) why << wx(reason) << "；";
      why << wx(rating.rating.comment);
      text << " (" << why << ")";
    }
    text << "  ";
    if (rating.synced) {
      text << _("sent to central");
    } else if (!rating.syncError.empty()) {
      text << _("refused by central: ") << wx(rating.syncError);
    } else {
      text << _("waiting to be sent");
    }
    text << "\n";
  }
  sync_->SetLabel(text);
}

wxButton* CaseDetailDialog::actionButton(DeskAction action) const {
  const auto found = buttons_.find(action);
  return found == buttons_.end() ? nullptr : found->second;
}

RatingDialog* CaseDetailDialog::ratingDialog() const {
  return dynamic_cast<RatingDialog*>(action_);
}

HandoverDialog* CaseDetailDialog::handoverDialog() const {
  return dynamic_cast<HandoverDialog*>(action_);
}

wxString CaseDetailDialog::headerText() const { return header_->GetLabel(); }

wxString CaseDetailDialog::supervisionText() const {
  return supervision_->IsShown() ? supervision_->GetLabel() : wxString();
}

wxString CaseDetailDialog::messageText() const { return message_->GetLabel(); }

void CaseDetailDialog::showMessage(const wxString& text, bool error) {
  message_->SetLabel(text);
  message_->SetForegroundColour(error ? wxColour(0xB0, 0x00, 0x20) : GetForegroundColour());
  Layout();
}

bool CaseDetailDialog::allowed(DeskAction action) const {
  return std::any_of(
      detail_.actions.begin(), detail_.actions.end(),
      [&](const engine::DeskActionState& s) { return s.action == action && s.allowed; });
}

void CaseDetailDialog::send(engine::Command command) {
  actionRequest_ = nextWindowRequestId();
  std::visit(
      [this](auto& c) {
        if constexpr (requires { c.requestId; }) c.requestId = actionRequest_;
      },
      command);
  engine_.submit(std::move(command));
}

void CaseDetailDialog::openActionDialog(SecondVisitDialog* dialog) {
  if (action_ != nullptr) action_->Destroy();
  action_ = dialog;
  dialog->Bind(wxEVT_DESTROY, [this, dialog](wxWindowDestroyEvent& event) {
    if (event.GetEventObject() == dialog && action_ == dialog) action_ = nullptr;
    event.Skip();
  });
  dialog->Show();
}

void CaseDetailDialog::runAction(DeskAction action) {
  const std::string uuid = detail_.record.uuid;
  auto sender = [this](engine::Command command) { send(std::move(command)); };
  switch (action) {
    case DeskAction::Supply: {
      const std::string key = selectedSlot();
      if (!key.empty()) scanInto(key);
      break;
    }
    case DeskAction::AnswerCorrection:
      openActionDialog(new CorrectionAnswerDialog(this, uuid, sender, detail_, language_));
      break;
    case DeskAction::Withdraw:
      openActionDialog(new ReasonDialog(this, ReasonDialog::Kind::Withdraw, uuid, sender));
      break;
    case DeskAction::VoidOverdue:
      openActionDialog(new ReasonDialog(this, ReasonDialog::Kind::VoidOverdue, uuid, sender));
      break;
    case DeskAction::Post:
      openActionDialog(new PostingDialog(this, uuid, sender));
      break;
    case DeskAction::HandOver:
      openActionDialog(new HandoverDialog(this, uuid, detail_, sender, [this] { printResult(); }));
      break;
    case DeskAction::Rate:
      askRating();
      break;
  }
}

void CaseDetailDialog::askRating() {
  if (detail_.pendingRatingVisit.empty()) return;
  openActionDialog(new RatingDialog(this, detail_.record.uuid, detail_.pendingRatingVisit,
                                    [this](engine::Command command) { send(std::move(command)); }));
}

std::optional<forms::Material> CaseDetailDialog::materialOf(const std::string& slotKey) const {
  if (!catalog_) return std::nullopt;
  const auto intakeAt = engine::parseIsoUtc(detail_.record.intakeAt.value_or(""));
  if (!intakeAt) return std::nullopt;
  const forms::CivilDate day = forms::chinaDate(*intakeAt);
  const auto subject = forms::subjectOn(*catalog_, detail_.record.matterCode, day);
  if (!subject) return std::nullopt;
  if (subject->matter != nullptr) {
    for (const forms::Material& material : subject->matter->materials)
      if (material.key == slotKey) return material;
  } else {
    for (const forms::BundleMaterial& merged :
         forms::bundleMaterials(*catalog_, *subject->bundle, day))
      if (merged.material.key == slotKey) return merged.material;
  }
  return std::nullopt;
}

void CaseDetailDialog::scanInto(const std::string& slotKey) {
  const auto material = materialOf(slotKey);
  if (!material) {
    showMessage(_("The catalog has no such material: load the catalog first."), true);
    return;
  }
  if (capture_ != nullptr) capture_->Destroy();
  const std::string scanner = printing_.settings ? printing_.settings().scanner : std::string();
  const std::string uuid = detail_.record.uuid;  // the case the pages go to, whatever is shown then
  capture_ = new CaptureDialog(this, engine_, uuid, *material, language_, scanner);
  capture_->Bind(wxEVT_DESTROY, [this](wxWindowDestroyEvent& event) {
    if (event.GetEventObject() == capture_) capture_ = nullptr;
    event.Skip();
  });
  capture_->onClosed([this, uuid, slotKey](int pages, bool) {
    if (pages > 0) send(engine::SupplyMaterial{0, uuid, slotKey, {}});
  });
  capture_->Show();
}

void CaseDetailDialog::supplyFiles(const std::string& slotKey,
                                   const std::vector<std::filesystem::path>& files) {
  if (files.empty() || !supplyStores_.empty()) return;  // one batch at a time
  supply_ = engine::SupplyMaterial{0, detail_.record.uuid, slotKey, {}};
  for (const std::filesystem::path& file : files) {
    const std::uint64_t request = nextWindowRequestId();
    supplyStores_.insert(request);
    engine_.submit(engine::StoreMaterial{request, file});
  }
  showMessage(_("Storing the pages..."), false);
}

void CaseDetailDialog::openDocument(const std::string& kind) {
  documentRequest_ = nextWindowRequestId();
  documentForHandover_ = false;
  engine_.submit(engine::IssueDocument{documentRequest_, detail_.record.uuid, kind, 90});
}

void CaseDetailDialog::printResult() {
  openDocument(detail_.resultDocument);
  documentForHandover_ = true;
}

void CaseDetailDialog::onNotification(const engine::Notification& notification) {
  if (capture_ != nullptr) capture_->onNotification(notification);
  if (const auto* recorded = std::get_if<engine::SecondVisitRecorded>(&notification)) {
    if (recorded->requestId != actionRequest_) return;
    actionRequest_ = 0;
    if (action_ != nullptr) {
      action_->Destroy();
      action_ = nullptr;
    }
    show(recorded->detail);
    showMessage(wxString::Format(_("Done: the case is now %s."),
                                 caseStateLabel(recorded->detail.record.state)),
                false);
    if (recorded->askRating) askRating();
  } else if (const auto* stored = std::get_if<engine::MaterialStored>(&notification)) {
    if (supplyStores_.erase(stored->requestId) == 0) return;
    supply_.pages.push_back({stored->sha256, stored->size, stored->mediaType});
    if (supplyStores_.empty()) send(supply_);
  } else if (const auto* news = std::get_if<engine::CaseSyncNews>(&notification)) {
    // Central moved the case on (ready for pick-up, an official number): show it as it is now.
    if (IsShown() && news->uuid == detail_.record.uuid && actionRequest_ == 0) {
      showRequest_ = nextWindowRequestId();
      engine_.submit(engine::ShowCase{showRequest_, detail_.record.uuid});
    }
  } else if (const auto* shown = std::get_if<engine::CaseDetailReady>(&notification)) {
    if (shown->requestId == showRequest_) show(shown->detail);
  } else if (const auto* ready = std::get_if<engine::DocumentReady>(&notification)) {
    if (ready->requestId != documentRequest_) return;
    documentRequest_ = 0;
    if (preview_ != nullptr) preview_->Destroy();
    preview_ = new DocumentPreview(this, engine_, *ready, printing_);
    preview_->Bind(wxEVT_DESTROY, [this](wxWindowDestroyEvent& event) {
      if (event.GetEventObject() == preview_) preview_ = nullptr;
      event.Skip();
    });
    preview_->Show();
    if (documentForHandover_) {
      if (auto* handover = handoverDialog())
        handover->addDocument(ready->documentNo, wx(ready->title), true);
    }
  } else if (const auto* failed = std::get_if<engine::CommandFailed>(&notification)) {
    const bool storing = supplyStores_.erase(failed->requestId) != 0;
    if (!storing && failed->requestId != actionRequest_ && failed->requestId != documentRequest_ &&
        failed->requestId != showRequest_)
      return;
    const wxString why = refusalText(failed->message, failed->problems);
    if (failed->requestId == actionRequest_) {
      actionRequest_ = 0;
      if (action_ != nullptr) {
        action_->refuse(why);
      } else {
        showMessage(why, true);
      }
    } else {
      if (storing) supplyStores_.clear();  // a page not stored: the batch is not supplied
      if (failed->requestId == documentRequest_) documentRequest_ = 0;
      showMessage(why, true);
    }
  }
}

}  // namespace onewindow::app
