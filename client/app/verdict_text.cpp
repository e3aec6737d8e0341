#include "client/app/verdict_text.hpp"

#include <wx/intl.h>

#include "client/app/wx_string.hpp"

namespace onewindow::app {
namespace {}  // namespace

wxString ruleProblemText(const forms::RuleProblem& problem) {
  using forms::Rule;
  const wxString subject = wx(problem.subject);
  const wxString detail = wx(problem.detail);
  switch (problem.rule) {
    case Rule::NoCatalog:
      return _(
          "This workstation has no matter catalog yet: log in while central is online to "
          "fetch it.");
    case Rule::UnknownMatter:
      return wxString::Format(_("The catalog has no matter %s in effect today."), detail);
    case Rule::FormMismatch:
      return _(
          "The answers are not of the intake form in force for this matter: start the "
          "intake again.");
    case Rule::FormUnreadable:
      return wxString::Format(_("The intake form cannot be read: %s"), detail);
    case Rule::FormAnswer:
      return wxString::Format(_("Form, %s: %s"), subject, detail);
    case Rule::ApplicantName:
      return _("Enter the applicant's name.");
    case Rule::ApplicantIdType:
      return _("Choose the kind of the applicant's ID.");
    case Rule::ApplicantIdNumber:
      return detail.empty()
                 ? _("Enter the applicant's ID number.")
                 : wxString::Format(_("The applicant's ID number is not valid (%s)."), detail);
    case Rule::ScenarioAnswer:
      return _("The answers about the applicant's situation do not fit this matter.");
    case Rule::MaterialUnknown:
      return wxString::Format(_("“%s” is not asked for in the applicant's situation."), subject);
    case Rule::MaterialAbsent:
      return wxString::Format(_("“%s” is asked for but missing from the case."), subject);
    case Rule::MaterialRole:
      return wxString::Format(_("“%s” is marked main or secondary unlike the catalog."), subject);
    case Rule::GapNotAllowed:
      return problem.detail == "main"
                 ? wxString::Format(_("“%s” is a main material: it cannot be supplied later."),
                                    subject)
                 : wxString::Format(_("“%s” cannot be supplied later: this matter does not "
                                      "allow acceptance with gaps."),
                                    subject);
    case Rule::ELicenceNotAllowed:
      return wxString::Format(_("“%s” cannot be replaced by an e-licence."), subject);
    case Rule::PagesNotReceived:
      return wxString::Format(_("“%s” has scanned pages but is not marked as received."), subject);
    case Rule::DueDate:
      return wxString::Format(_("A due date of the case is not the one the calendar gives (%s)."),
                              detail);
    case Rule::NotSupplied:
      return wxString::Format(_("“%s” has not been supplied."), subject);
    case Rule::FormInvalid:
      return _(
          "The intake form has problems: the case cannot be accepted; issue a one-time "
          "correction notice.");
    case Rule::NoGap:
      return _("No material is a gap: record a plain acceptance instead.");
    case Rule::GapDeadlineMissing:
      return detail.empty() ? _("Enter the date by which the gaps must be supplied.")
                            : wxString::Format(_("“%s” is not a date (YYYY-MM-DD)."), detail);
    case Rule::GapDeadlinePast:
      return wxString::Format(_("The deadline %s has passed already."), detail);
    case Rule::GapDeadlineLate:
      return wxString::Format(_("The deadline may not be later than the promised date %s."),
                              detail);
    case Rule::CommitmentMissing:
      return _("The applicant must sign the commitment first.");
    case Rule::CorrectionLate:
      return wxString::Format(_("A one-time correction notice had to be issued by %s (the 5th "
                                "working day after intake)."),
                              detail);
    case Rule::CorrectionEmpty:
      return _("The notice lists nothing to correct: state what must be corrected or supplied.");
    case Rule::RefusalGrounds:
      return _("State the grounds of the refusal.");
    case Rule::DecisionState:
      return wxString::Format(_("The case's state does not follow from its decisions (%s)."),
                              detail);
    case Rule::SupplyNotExpected:
      return _("The case awaits no supplement.");
    case Rule::SupplyNotOwed:
      return wxString::Format(_("%s is not owed by the applicant."), subject);
    case Rule::SupplyLate:
      return wxString::Format(_("The deadline %s has passed: the material can no longer be "
                                "supplied."),
                              detail);
    case Rule::CorrectionTwice:
      return _("A one-time correction notice is issued once: accept, accept with gaps or refuse.");
    case Rule::VoidNotOverdue:
      return _("Only a gap acceptance whose deadline has passed with a gap still owed is voided.");
    case Rule::ReasonMissing:
      return _("Enter the reason.");
    case Rule::CollectorName:
      return _("Enter the collector's name.");
    case Rule::CollectorId:
      return _("The collector's ID number is not valid.");
    case Rule::CollectorNotApplicant:
      return _("The collector's ID is not the applicant's: record an authorised collector.");
    case Rule::CollectorIdUnchecked:
      return _("Check the collector's ID document first.");
    case Rule::HandoverNoDocuments:
      return _("Print the result before handing it over.");
    case Rule::TrackingMissing:
      return _("Enter the tracking number.");
    case Rule::RatingLabel:
      return _("Choose one of the five levels.");
    case Rule::RatingReasons:
      return _("A rating of dissatisfied needs a reason ticked or written.");
    case Rule::EventMissing:
      return wxString::Format(_("The case's state lacks its record (%s)."), detail);
  }
  return wx(problem.message);
}

wxString refusalText(const std::string& message, const std::vector<forms::RuleProblem>& problems) {
  return problems.empty() ? wxString::FromUTF8(message) : ruleProblemsText(problems);
}

wxString commandFailureText(engine::CommandFailure failure, const std::string& message,
                            const std::vector<forms::RuleProblem>& problems) {
  if (!problems.empty()) return ruleProblemsText(problems);
  wxString lead;
  switch (failure) {
    case engine::CommandFailure::NotLoggedIn:
      lead = _("Nobody is logged in.");
      break;
    case engine::CommandFailure::NotAllowed:
      lead = _("This is for supervisors.");
      break;
    case engine::CommandFailure::NotFound:
      lead = _("Not found.");
      break;
    case engine::CommandFailure::WrongState:
      lead = _("Not possible in the case's present state.");
      break;
    case engine::CommandFailure::Invalid:
    case engine::CommandFailure::BrokenRules:
      lead = _("Not accepted as entered.");
      break;
    case engine::CommandFailure::NoCatalog:
      lead = _("There is no matter catalog to decide with.");
      break;
    case engine::CommandFailure::DiskFull:
      lead = _("The disk is full: nothing was saved.");
      break;
    case engine::CommandFailure::Storage:
    case engine::CommandFailure::PrintFailed:
      lead = _("It could not be saved or written.");
      break;
    case engine::CommandFailure::CentralRefused:
      lead = _("Central could not do it.");
      break;
  }
  return lead + " (" + wxString::FromUTF8(message) + ")";
}

wxString ruleProblemsText(const std::vector<forms::RuleProblem>& problems) {
  wxString text;
  for (const forms::RuleProblem& problem : problems) {
    if (!text.empty()) text += "\n";
    text += ruleProblemText(problem);
  }
  return text;
}

wxString syncErrorText(const std::string& code, const std::string& detail) {
  wxString reason;
  if (code == "case.rule_violation") {
    reason =
        _("Central refused the case: by central's catalog it breaks a rule of the window "
          "(listed below). Log in online so that this workstation gets central's catalog, "
          "then ask the supervisor how to settle the case.");
  } else if (code == "case.invalid") {
    reason = _("Central refused the case as malformed: ask support.");
  } else if (code == "case.conflict") {
    reason =
        _("Central holds this case with other contents under the same version: ask "
          "support to compare.");
  } else if (code == "case.missing_materials") {
    reason = _("Central lacks some scanned pages of the case.");
  } else if (code == "request.payload_too_large" || code == "material.too_large") {
    reason = _("The case or one of its scans is larger than central accepts.");
  } else if (code == "material.hash_mismatch") {
    reason = _("A scan arrived damaged at central.");
  } else if (code == "server.internal_error" || code == "server.unavailable") {
    reason = _("Central had a problem of its own; the case is sent again later.");
  } else if (code == "client.material_missing" || code == "client.upload_source") {
    reason =
        _("A scanned page of the case is missing or unreadable on this workstation (run "
          "onewindow-ctl fsck).");
  } else if (code == "client.case_missing") {
    reason = _("The case is missing from the local store.");
  } else if (code == "client.version_differs") {
    reason =
        _("Central holds a version of this case with other contents: ask support to "
          "compare.");
  }
  if (reason.empty()) return wx(detail);
  return detail.empty() ? reason : reason + "\n" + _("Details:") + " " + wx(detail);
}

wxString printErrorText(const std::string& code, const std::string& detail) {
  wxString reason;
  if (code == "print.no_printer_named") {
    reason = _("No printer is set for this document: choose one in Settings.");
  } else if (code == "print.scheduler_unreachable") {
    reason =
        _("The print service (CUPS) of this workstation is not running: ask support to start it.");
  } else if (code == "print.scheduler_not_responding") {
    reason = _("The print service (CUPS) does not answer: try again shortly or ask support.");
  } else if (code == "print.scheduler_lost") {
    reason =
        _("The print service (CUPS) stopped during the print: check whether the page came "
          "out before printing again.");
  } else if (code == "print.not_authorized") {
    reason = _("This workstation may not print on that printer: ask support.");
  } else if (code == "print.no_such_printer") {
    reason = _("The print service knows no printer of that name: check the name in Settings.");
  } else if (code == "print.printer_stopped") {
    reason =
        _("The printer is stopped (out of paper, jammed or paused): check it, then print "
          "again.");
  } else if (code == "print.not_accepting_jobs") {
    reason = _("The printer does not accept jobs at the moment: ask support to enable it.");
  } else if (code == "print.media_not_supported") {
    reason = _("The printer has no paper of this document's size.");
  } else if (code == "print.sides_not_supported") {
    reason = _("The printer cannot print this document's sides as asked.");
  } else if (code == "print.document_unreadable") {
    reason = _("The printer could not read the document.");
  } else if (code == "print.job_refused") {
    reason = _("The print service refused the job.");
  } else if (code == "print.job_aborted") {
    reason = _("The printer gave up on the job: check the printer, then print again.");
  } else if (code == "print.job_canceled") {
    reason = _("The job was cancelled at the printer or the print service.");
  } else if (code == "print.follow_timed_out") {
    reason =
        _("The job was sent but the printer has not reported it printed: check whether the "
          "page came out before printing again.");
  } else if (code == "print.cancelled") {
    reason = _("The print was cancelled.");
  } else if (code == "print.unknown") {
    reason = _("The print failed.");
  }
  if (reason.empty()) return wx(detail);
  return detail.empty() ? reason : reason + "\n" + _("Details:") + " " + wx(detail);
}

}  // namespace onewindow::app
