#pragma once
// Scenario questions (情形引导) and the material checklist they tailor. Per material the clerk
// records what the applicant brought: received (originals and copies counted), replaced by an
// e-licence (免提交, only when the material has an e-licence type), a gap (容缺, only secondary
// materials of a matter that allows gap acceptance) or missing. Which materials are listed and
// what each allows come from the rules (forms::intakeChecklist), the same the engine decides
// with; the checklist becomes the material answers of FinalizeIntake.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <wx/panel.h>

#include "client/engine/case_values.hpp"
#include "forms/catalog.hpp"
#include "forms/intake_rules.hpp"

class wxButton;
class wxChoice;
class wxFlexGridSizer;
class wxRadioBox;
class wxCheckListBox;
class wxSpinCtrl;
class wxStaticText;

namespace onewindow::app {

// One material as the checklist offers it.
struct ChecklistMaterial {
  forms::Material material;
  bool gapAllowed = false;       // 容缺 (forms::ChecklistItem::gapAllowed)
  bool eLicenceAllowed = false;  // 免提交
  wxString askedBy;              // bundle: the parts that ask for it; empty for a single matter
};

// The materials a case of `subject` asks for on `date` given the answers (forms::intakeChecklist),
// with the names of the bundle parts asking for each. Throws like intakeChecklist.
[[nodiscard]] std::vector<ChecklistMaterial> checklistFor(const forms::Catalog& catalog,
                                                          const forms::IntakeSubject& subject,
                                                          const forms::ScenarioAnswers& answers,
                                                          forms::CivilDate date,
                                                          const std::string& language);

[[nodiscard]] wxString materialStatusLabel(engine::MaterialStatus status);

class ScenarioQuestions final : public wxPanel {
 public:
  ScenarioQuestions(wxWindow* parent, const std::vector<forms::ScenarioQuestion>& questions,
                    const std::string& language);

  [[nodiscard]] forms::ScenarioAnswers answers() const;
  // Chooses an answer as a click would (for a multiple question: ticks it); false if unknown.
  bool choose(const std::string& questionId, const std::string& answerId);
  void onChange(std::function<void()> handler) { onChange_ = std::move(handler); }
  void freeze();  // after finalize the answers are part of the case

 private:
  struct Question {
    const forms::ScenarioQuestion* question = nullptr;
    wxRadioBox* single = nullptr;
    wxCheckListBox* multiple = nullptr;
  };
  std::vector<Question> questions_;
  std::function<void()> onChange_;
};

class MaterialChecklist final : public wxPanel {
 public:
  explicit MaterialChecklist(wxWindow* parent);

  // Shows `materials`; a material still listed keeps what the clerk recorded for it.
  void setMaterials(std::vector<ChecklistMaterial> materials, const std::string& language);
  void onChange(std::function<void()> handler) { onChange_ = std::move(handler); }
  void freeze();

  // What the clerk recorded for each listed material, with the files attached to it.
  [[nodiscard]] std::vector<engine::MaterialAnswer> answers() const;
  [[nodiscard]] const std::vector<ChecklistMaterial>& materials() const { return materials_; }
  [[nodiscard]] engine::MaterialStatus status(const std::string& key) const;
  // Sets a status as the clerk would with the row's choice; false when the row does not offer
  // it (e.g. a gap for a main material).
  bool setStatus(const std::string& key, engine::MaterialStatus status);
  [[nodiscard]] std::vector<engine::MaterialStatus> offeredStatuses(const std::string& key) const;
  [[nodiscard]] wxChoice* statusControl(const std::string& key) const;
  [[nodiscard]] wxSpinCtrl* originalsControl(const std::string& key) const;
  [[nodiscard]] wxSpinCtrl* copiesControl(const std::string& key) const;
  // Every material received or replaced by an e-licence, all at once (the usual case).
  void markAllReceived();
  // A file stored for the material (from the form's upload control): the material counts as
  // received and its slot carries the file. False when no listed material has `key`.
  bool attachPage(const std::string& key, const engine::PageRef& page);
  [[nodiscard]] std::vector<engine::PageRef> attachedPages(const std::string& key) const;
  void forgetAttachments();  // a new case
  // Scanning: the row's Scan… button asks for the material's capture window; the pages captured
  // (kept by the engine in the draft) show on the row and make the material received.
  void onCapture(std::function<void(const std::string& key)> handler) {
    onCapture_ = std::move(handler);
  }
  bool setScannedPages(const std::string& key, int pages);
  [[nodiscard]] int scannedPages(const std::string& key) const;
  [[nodiscard]] wxButton* captureControl(const std::string& key) const;

 private:
  struct Row {
    std::string key;
    std::vector<engine::MaterialStatus> offered;
    wxChoice* status = nullptr;
    wxSpinCtrl* originals = nullptr;
    wxSpinCtrl* copies = nullptr;
    wxStaticText* attached = nullptr;  // "2 files attached", empty while none
    wxButton* capture = nullptr;
  };
  struct Recorded {
    engine::MaterialStatus status;
    int originals;
    int copies;
  };
  void build(const std::map<std::string, Recorded>& previous);
  void applyStatus(Row& row, const ChecklistMaterial& material, bool fillCounts);
  [[nodiscard]] const Row* rowFor(const std::string& key) const;
  [[nodiscard]] engine::MaterialStatus statusOf(const Row& row) const;

  std::vector<ChecklistMaterial> materials_;
  std::vector<Row> rows_;
  // Files attached per material key; kept when the list is tailored again.
  std::map<std::string, std::vector<engine::PageRef>> pages_;
  std::map<std::string, int> scanned_;  // pages captured per material key
  std::function<void(const std::string&)> onCapture_;
  std::string language_ = "zh";
  wxFlexGridSizer* grid_ = nullptr;
  wxStaticText* summary_ = nullptr;
  std::function<void()> onChange_;
};

}  // namespace onewindow::app
