#pragma once
// What a supervisor does to the station's cases and ratings (issue 14): the 督办 mark with its
// note, which the clerk's case detail shows; the follow-up of each bad rating (calls made,
// outcome, closing); voiding a case central refused for good before it ever had it. Each write
// runs in one transaction with its audit entry (who, when, what, why). Who may do it is the
// engine's rule; this layer stores.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "localdb/case_types.hpp"
#include "localdb/sqlite.hpp"

namespace onewindow::localdb {

struct SupervisionMark {
  std::string note;
  std::string markedBy;
  std::string markedAt;
};

[[nodiscard]] std::optional<SupervisionMark> supervisionMark(Database& db, std::int64_t caseId);
// Sets (or replaces) the mark; an empty note is refused (CaseError Invalid).
void markSupervised(Database& db, const CaseRecord& record, const std::string& note,
                    const Actor& supervisor);
// Clears the mark; false when the case had none. The reason is audited.
bool clearSupervised(Database& db, const CaseRecord& record, const std::string& reason,
                     const Actor& supervisor);

// The mark as central keeps it (API.md §4.13), from central's reply or its change feed (§4.7,
// kind supervision): set, replaced or lifted by the supervisor who did it. `seq` is the seq of
// central's change that says so: one below the seq the case already has is old news, and one
// the store already says is no change (the mark made at this station, coming back). False then,
// so each change is audited once. The same seq again is applied: central's reply to a lift of a
// case it had lifted before names that lift, and must clear a mark kept here meanwhile.
bool applyCentralSupervision(Database& db, const CaseRecord& record, bool marked,
                             const std::string& text, const Actor& supervisor, std::int64_t seq);

// One step of a bad rating's follow-up. `contact`: "phone", "visit", "message" or "none".
struct FollowUpEntry {
  std::string at;
  std::string supervisorId;
  std::string contact;
  std::string outcome;
  std::string text;
  bool closes = false;
};

[[nodiscard]] bool isFollowUpContact(const std::string& contact);

// A bad rating (不满意, 非常不满意) and its follow-up so far.
struct BadRatingItem {
  std::int64_t ratingId = 0;
  std::string ratingUuid;
  std::string caseUuid;
  std::string caseNumber;  // official, else provisional
  std::string matterCode;
  std::string matterName;
  std::string applicantName;
  std::string clerkId;
  std::string windowCode;
  std::string label;
  std::vector<std::string> reasons;
  std::string comment;
  std::string ratedAt;
  std::vector<FollowUpEntry> entries;
  [[nodiscard]] bool closed() const;
};

// Bad ratings, oldest first; closed ones only when asked.
[[nodiscard]] std::vector<BadRatingItem> badRatings(Database& db, bool includeClosed);
[[nodiscard]] std::optional<BadRatingItem> badRating(Database& db, const std::string& ratingUuid);
// Appends a follow-up step (CaseError Invalid for an unknown contact or a step that says
// nothing, WrongState once the item is closed).
void appendFollowUp(Database& db, const BadRatingItem& item, const FollowUpEntry& entry,
                    const Actor& supervisor);

// A case central quarantined before it ever confirmed a version: voided with the reason, out of
// every queue. CaseError WrongState when it is not quarantined or central has a version of it.
void voidQuarantinedCase(Database& db, const CaseRecord& record, const std::string& reason,
                         const Actor& supervisor);

// What the figures are computed from: the station's cases taken in or decided within a
// period, and the ratings given within it.
struct FigureCase {
  std::string windowCode;
  std::string clerkId;
  std::string matterCode;
  std::string matterName;
  std::string state;
  std::string intakeAt;
  std::string acceptedAt;  // empty: never accepted
  std::string decidedAt;   // empty: not decided by the department yet
  std::string promisedDueDate;
  std::string legalDueDate;
};

struct FigureRating {
  std::string windowCode;
  std::string clerkId;
  std::string matterCode;
  std::string matterName;
  std::string label;
};

// ISO 8601 UTC bounds: from inclusive, before exclusive.
[[nodiscard]] std::vector<FigureCase> figureCases(Database& db, const std::string& from,
                                                  const std::string& before);
[[nodiscard]] std::vector<FigureRating> figureRatings(Database& db, const std::string& from,
                                                      const std::string& before);

}  // namespace onewindow::localdb
