#pragma once
// The case desk's values (the window's cases and the second visit): what the list and the
// detail show, and what the second-visit commands carry. Every verdict here — the due badge,
// which actions a case allows and why not — is decided in the engine, so the screens and
// onewindow-ctl show the same.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client/engine/case_values.hpp"
#include "forms/xform.hpp"
#include "localdb/case_certificates.hpp"
#include "localdb/case_desk_queries.hpp"
#include "localdb/document_repository.hpp"
#include "localdb/second_visit.hpp"
#include "localdb/supervision.hpp"

namespace onewindow::engine {

using CaseSort = localdb::CaseSort;
using TimelineEntry = localdb::TimelineEntry;
using CaseSyncStatus = localdb::CaseSyncStatus;
using SupplyRecord = localdb::SupplyRecord;
using CaseEventRecord = localdb::CaseEventRecord;
using CaseEventKind = localdb::CaseEventKind;
using RatingRecord = localdb::RatingRecord;
using IssuedDocument = localdb::IssuedDocument;
using PrintRecord = localdb::PrintRecord;
using SlotRecord = localdb::SlotRecord;
using CaseRecord = localdb::CaseRecord;
using CaseEventInput = localdb::CaseEventInput;
using CertificateRecord = localdb::CertificateRecord;

enum class CaseScope { Window, Station };  // this window's cases, or every case of the station

struct CaseListQuery {
  CaseScope scope = CaseScope::Window;
  std::vector<CaseState> states;  // empty: every state but drafts
  std::string matterCode;         // empty: any matter
  std::string intakeFrom;         // YYYY-MM-DD (China date), inclusive; empty: no bound
  std::string intakeTo;           // YYYY-MM-DD (China date), inclusive; empty: no bound
  std::string lookup;             // the start of a number, an ID number or a mobile number
  CaseSort sort = CaseSort::IntakeTime;
  bool descending = true;
};

// The promised date as the clerk reads it, counted on the case's working calendar.
enum class DueBadgeKind {
  None,             // nothing is running against a date (decided, finished, refused, …)
  WorkingDaysLeft,  // N 个工作日
  DueToday,         // 今日到期
  Overdue,          // 已超期
  Suspended,        // 已中止: the clock stands still
};

struct DueBadge {
  DueBadgeKind kind = DueBadgeKind::None;
  int workingDays = 0;  // WorkingDaysLeft: how many; Overdue: how many past
};

struct CaseListRow {
  CaseSummary summary;         // ID and mobile numbers cleared: they leave the engine masked
  std::string maskedIdNumber;  // 440305********123X
  DueBadge badge;
};

// The second-visit actions and whether the case allows each now; when not, the engine's reason.
enum class DeskAction { Supply, AnswerCorrection, VoidOverdue, Withdraw, HandOver, Post, Rate };

struct DeskActionState {
  DeskAction action = DeskAction::Withdraw;
  bool allowed = false;
  std::string why;  // English, for logs and ctl; the screen phrases the action itself
};

struct SlotView {
  SlotRecord slot;
  std::optional<SupplyRecord> supplied;  // after the decision
  bool owed = false;                     // the applicant still owes it (gap, correction)
};

struct DocumentView {
  IssuedDocument document;
  std::vector<PrintRecord> prints;
};

// One line of the form's answers as a read-only document: a group's heading, or a question
// with its answer as the clerk read it (a choice by its label).
struct FormAnswerLine {
  int depth = 0;
  bool heading = false;
  std::string label;
  std::string value;
};

struct CaseDetail {
  CaseRecord record;                    // applicant's ID number masked, mobile left out
  std::vector<FormAnswerLine> answers;  // the form's latest answers with its labels (relevant)
  std::vector<SlotView> slots;
  std::vector<DocumentView> documents;
  std::vector<SubCaseRecord> subCases;
  std::vector<CaseEventRecord> events;
  std::vector<RatingRecord> ratings;
  std::vector<TimelineEntry> timeline;
  std::optional<CaseSyncStatus> sync;
  DueBadge badge;
  std::string gapDeadline;         // YYYY-MM-DD when a 容缺 decision set one
  std::string correctionDeadline;  // YYYY-MM-DD when a correction notice is being answered
  std::vector<DeskActionState> actions;
  std::string pendingRatingVisit;  // a visit not rated yet ("decision:12", "handover:3")
  std::optional<CertificateRecord> certificate;  // central's, once issued
  // While a correction notice may be answered: the form as of intake and its latest answers
  // (instance XML), which a correction starts from (AnswerCorrection::correctedAnswers).
  std::shared_ptr<const forms::XFormDefinition> correctionForm;
  std::string correctionAnswers;
  // The document printed for the hand-over: the matter's certificate (its template) once central
  // issued it, else the result notice.
  std::string resultDocument = "completion-notice";
  std::optional<localdb::SupervisionMark> supervision;  // 督办: a supervisor's mark and note
};

// The collector of a result at pick-up.
struct Collector {
  std::string name;
  std::string idType = "id_card";
  std::string idNumber;
  bool authorised = false;  // 委托: not the applicant
  bool idChecked = false;   // the clerk looked at the ID document
};

}  // namespace onewindow::engine
