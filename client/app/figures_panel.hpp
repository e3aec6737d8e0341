#pragma once
// The figures: today / this week / this month, by window, by clerk or by matter, each figure
// with its formula; a chart of one figure by group and the period day by day; export to CSV
// (UTF-8 with BOM, for the spreadsheet programs at the window) and to PDF.

#include <cstdint>
#include <filesystem>
#include <optional>

#include <wx/panel.h>

#include "client/engine/engine.hpp"

class wxButton;
class wxChoice;
class wxListView;
class wxStaticText;
class wxTextCtrl;

namespace onewindow::app {

class FigureChartView;

class FiguresPanel final : public wxPanel {
 public:
  FiguresPanel(wxWindow* parent, engine::Engine& engine);

  void onNotification(const engine::Notification& notification);
  void refresh();
  void choose(engine::FigurePeriod period, engine::FigureGrouping grouping);
  void chartFigure(int figure);  // an index of the definitions

  // The exports, as the buttons do them after asking for the file: the engine writes it (off
  // this thread) and the line under the table says where, or why not.
  void exportCsv(const std::filesystem::path& file);
  void exportPdf(const std::filesystem::path& file);
  // The file of the last export the engine finished; empty before.
  [[nodiscard]] const std::filesystem::path& exported() const { return exported_; }

  [[nodiscard]] const std::optional<engine::FigureTable>& table() const { return table_; }
  [[nodiscard]] wxListView* list() const { return list_; }
  [[nodiscard]] FigureChartView* chart() const { return chart_; }
  [[nodiscard]] wxString formulasText() const;
  [[nodiscard]] wxString messageText() const;

 private:
  void showTable(const engine::FigureTable& table);
  void showMessage(const wxString& text, bool error);
  void exportAs(engine::ExportFigures::Format format, const std::filesystem::path& file);

  engine::Engine& engine_;
  std::uint64_t request_ = 0;
  std::uint64_t exportRequest_ = 0;
  std::filesystem::path exported_;
  wxChoice* period_ = nullptr;
  wxChoice* grouping_ = nullptr;
  wxChoice* figure_ = nullptr;
  wxListView* list_ = nullptr;
  FigureChartView* chart_ = nullptr;
  wxTextCtrl* formulas_ = nullptr;
  wxButton* csv_ = nullptr;
  wxButton* pdf_ = nullptr;
  wxStaticText* message_ = nullptr;
  std::optional<engine::FigureTable> table_;
};

}  // namespace onewindow::app
