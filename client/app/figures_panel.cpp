#include "client/app/figures_panel.hpp"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/filedlg.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "client/app/figure_chart_view.hpp"
#include "client/app/request_ids.hpp"
#include "client/app/verdict_text.hpp"
#include "client/app/wx_string.hpp"
#include "client/engine/figure_charts.hpp"

namespace onewindow::app {
FiguresPanel::FiguresPanel(wxWindow* parent, engine::Engine& engine)
    : wxPanel(parent), engine_(engine) {
  SetName("supervisor-figures");
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* choices = new wxBoxSizer(wxHORIZONTAL);
  period_ = new wxChoice(this, wxID_ANY);
  period_->SetName("figures-period");
  period_->Append(_("Today"));
  period_->Append(_("This week"));
  period_->Append(_("This month"));
  period_->SetSelection(0);
  grouping_ = new wxChoice(this, wxID_ANY);
  grouping_->SetName("figures-grouping");
  grouping_->Append(_("By window"));
  grouping_->Append(_("By clerk"));
  grouping_->Append(_("By matter"));
  grouping_->SetSelection(0);
  figure_ = new wxChoice(this, wxID_ANY);
  figure_->SetName("figures-chart-figure");
  csv_ = new wxButton(this, wxID_ANY, _("Export CSV…"));
  pdf_ = new wxButton(this, wxID_ANY, _("Export PDF…"));
  for (wxWindow* control : std::initializer_list<wxWindow*>{period_, grouping_, figure_})
    choices->Add(control, wxSizerFlags().CenterVertical().Border(wxRIGHT, FromDIP(8)));
  choices->AddStretchSpacer();
  choices->Add(csv_, wxSizerFlags().CenterVertical().Border(wxRIGHT, FromDIP(6)));
  choices->Add(pdf_, wxSizerFlags().CenterVertical());
  sizer->Add(choices, wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));

  list_ = new wxListView(this, wxID_ANY, wxDefaultPosition, wxSize(-1, FromDIP(170)),
                         wxLC_REPORT | wxLC_SINGLE_SEL);
  list_->SetName("figures-table");
  sizer->Add(list_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, FromDIP(8)));
  chart_ = new FigureChartView(this);
  sizer->Add(chart_, wxSizerFlags(1).Expand().Border(wxALL, FromDIP(8)));
  formulas_ = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition,
                             wxSize(-1, FromDIP(90)), wxTE_MULTILINE | wxTE_READONLY);
  formulas_->SetName("figures-formulas");
  sizer->Add(formulas_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, FromDIP(8)));
  message_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
  message_->SetName("figures-message");
  sizer->Add(message_, wxSizerFlags().Border(wxALL, FromDIP(8)));
  SetSizer(sizer);

  period_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { refresh(); });
  grouping_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { refresh(); });
  figure_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { chartFigure(figure_->GetSelection()); });
  csv_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    wxFileDialog dialog(this, _("Export the figures as CSV"), wxEmptyString, "figures.csv",
                        _("CSV files (*.csv)|*.csv"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() == wxID_OK)
      exportCsv(std::filesystem::path(dialog.GetPath().utf8_string()));
  });
  pdf_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    wxFileDialog dialog(this, _("Export the figures as PDF"), wxEmptyString, "figures.pdf",
                        _("PDF files (*.pdf)|*.pdf"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() == wxID_OK)
      exportPdf(std::filesystem::path(dialog.GetPath().utf8_string()));
  });
  csv_->Disable();
  pdf_->Disable();
}

void FiguresPanel::refresh() {
  engine::ComputeFigures command;
  request_ = nextWindowRequestId();
  command.requestId = request_;
  command.period = static_cast<engine::FigurePeriod>(std::max(0, period_->GetSelection()));
  command.grouping = static_cast<engine::FigureGrouping>(std::max(0, grouping_->GetSelection()));
  engine_.submit(command);
}

void FiguresPanel::choose(engine::FigurePeriod period, engine::FigureGrouping grouping) {
  period_->SetSelection(static_cast<int>(period));
  grouping_->SetSelection(static_cast<int>(grouping));
  refresh();
}

void FiguresPanel::chartFigure(int figure) {
  if (!table_ || figure < 0 || static_cast<std::size_t>(figure) >= table_->definitions.size())
    return;
  figure_->SetSelection(figure);
  chart_->show(*table_, static_cast<std::size_t>(figure));
}

void FiguresPanel::showTable(const engine::FigureTable& table) {
  const int chosen = std::max(0, figure_->GetSelection());
  table_ = table;
  list_->ClearAll();
  const wxString kGroupHeadings[] = {_("Window"), _("Clerk"), _("Matter")};  // this language
  list_->AppendColumn(kGroupHeadings[static_cast<int>(table.grouping)], wxLIST_FORMAT_LEFT,
                      FromDIP(180));
  for (const engine::FigureDefinition& definition : table.definitions)
    list_->AppendColumn(wx(definition.name), wxLIST_FORMAT_RIGHT, FromDIP(100));
  const auto addRow = [&](const wxString& name, const engine::FigureRow& row) {
    const long at = list_->InsertItem(list_->GetItemCount(), name);
    for (std::size_t i = 0; i < table.definitions.size(); ++i)
      list_->SetItem(at, static_cast<long>(i) + 1,
                     wx(engine::figureValueText(table.definitions[i], row.values[i])));
    return at;
  };
  for (const engine::FigureRow& row : table.rows)
    addRow(wx(row.group == row.groupName ? row.group : row.groupName), row);
  const long total = addRow(_("Total"), table.total);
  list_->SetItemFont(total, list_->GetFont().Bold());

  figure_->Clear();
  for (const engine::FigureDefinition& definition : table.definitions)
    figure_->Append(wx(definition.name));
  wxString formulas;
  formulas << wxString::Format(_("Period: %s to %s"), wx(table.from), wx(table.to)) << "\n";
  for (const engine::FigureDefinition& definition : table.definitions)
    formulas << wx(definition.name) << " = " << wx(definition.formula) << "\n";
  for (const std::string& note : table.notes) formulas << wx(note) << "\n";
  formulas_->ChangeValue(formulas);
  csv_->Enable();
  pdf_->Enable();
  chartFigure(std::min(chosen, static_cast<int>(table.definitions.size()) - 1));
  Layout();
}

void FiguresPanel::exportCsv(const std::filesystem::path& file) {
  exportAs(engine::ExportFigures::Format::Csv, file);
}

void FiguresPanel::exportPdf(const std::filesystem::path& file) {
  exportAs(engine::ExportFigures::Format::Pdf, file);
}

void FiguresPanel::exportAs(engine::ExportFigures::Format format,
                            const std::filesystem::path& file) {
  engine::ExportFigures command;
  exportRequest_ = nextWindowRequestId();
  command.requestId = exportRequest_;
  command.period = static_cast<engine::FigurePeriod>(std::max(0, period_->GetSelection()));
  command.grouping = static_cast<engine::FigureGrouping>(std::max(0, grouping_->GetSelection()));
  command.format = format;
  command.chartFigure = static_cast<std::size_t>(std::max(0, figure_->GetSelection()));
  command.file = file;
  engine_.submit(command);
}

wxString FiguresPanel::formulasText() const { return formulas_->GetValue(); }

void FiguresPanel::showMessage(const wxString& text, bool error) {
  message_->SetLabel(text);
  message_->SetForegroundColour(error ? wxColour(0xB0, 0x00, 0x20) : GetForegroundColour());
  Layout();
}

wxString FiguresPanel::messageText() const { return message_->GetLabel(); }

void FiguresPanel::onNotification(const engine::Notification& notification) {
  if (const auto* computed = std::get_if<engine::FiguresComputed>(&notification)) {
    if (computed->requestId == request_) showTable(computed->table);
  } else if (const auto* exported = std::get_if<engine::FiguresExported>(&notification)) {
    if (exported->requestId != exportRequest_) return;
    exported_ = exported->file;
    showMessage(wxString::Format(_("The figures are saved in %s."), wx(exported_.string())), false);
  } else if (const auto* failed = std::get_if<engine::CommandFailed>(&notification)) {
    if (failed->requestId == request_ || failed->requestId == exportRequest_)
      showMessage(commandFailureText(failed->failure, failed->message, failed->problems), true);
  }
}

}  // namespace onewindow::app
