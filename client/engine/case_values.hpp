#pragma once
// The case values a front end hands the engine and gets back, named by the engine's interface
// (DESIGN.md §2–3): the desktop UI and onewindow-ctl include engine headers, never the local
// store's, so the store's tables can change without touching a screen. Read models the store
// already shapes for display are named here; what a command carries is the engine's own.

#include <string>
#include <vector>

#include "client/scan/scan_error.hpp"
#include "client/scan/scan_types.hpp"
#include "forms/case_vocabulary.hpp"
#include "localdb/captured_pages.hpp"
#include "localdb/case_queries.hpp"
#include "localdb/case_state.hpp"
#include "localdb/case_types.hpp"
#include "localdb/sync_repository.hpp"

namespace onewindow::engine {

using CaseState = localdb::CaseState;
using localdb::caseStateFromName;
using localdb::caseStateName;
using CaseSummary = localdb::CaseSummary;      // a row of a case list
using SyncListRow = localdb::SyncListRow;      // a row of the Sync page
using SubCaseRecord = localdb::SubCaseRecord;  // a part of a bundle as central routed it
using DraftContent = localdb::DraftContent;    // the applicant and the form's answers, autosaved
using PageRef = localdb::PageInput;            // a page already durable in the material store

// Scanning: the devices, their settings and the pages as the scan library names them.
using ScanSettings = scan::ScanSettings;
using ScanDevice = scan::DeviceInfo;
using ScanCapabilities = scan::Capabilities;
using ScanErrorKind = scan::ScanErrorKind;
using PageRaster = scan::Raster;  // a thumbnail: 8-bit grey or RGB rows
using PixelCrop = localdb::PixelCrop;
using PageArrangement = localdb::PageArrangement;

using forms::DecisionKind;
using forms::MaterialStatus;

// What the clerk recorded for one material at intake. Which materials the case asks for, and
// which of them are main, comes from the catalog in the engine, never from the front end.
struct MaterialAnswer {
  std::string key;
  MaterialStatus status = MaterialStatus::Pending;
  int originals = 0;
  int copies = 0;
  std::string eLicenceId;  // which e-licence replaced the paper (免提交)
  std::string note;
  std::vector<PageRef> pages;
};

// A decision as the clerk asks for it; the engine checks the rules and writes the notice's
// details itself.
struct DecisionAnswer {
  DecisionKind kind = DecisionKind::Accept;
  // Refusal: the grounds (required). Correction notice: anything to correct besides the form's
  // problems and the materials not supplied, which the engine lists itself.
  std::string grounds;
  std::string legalBasis;   // refusal; empty: the matter's, from the catalog
  std::string gapDeadline;  // YYYY-MM-DD, gap acceptance only
  bool commitmentSigned = false;
};

}  // namespace onewindow::engine
