// 好差评 to central (POST /api/v1/ratings, API.md §4.8): each rating the window recorded goes once,
// by its own UUID, oldest first, whenever the case queue has nothing due. A retry after a lost
// reply is harmless (central answers 200 for the same id). A rating central refuses for good is
// marked with central's reason and not sent again; the case detail shows it.

#include "client/api/case_document.hpp"
#include "client/sync/sync_engine.hpp"
#include "forms/satisfaction.hpp"
#include "localdb/second_visit.hpp"

namespace onewindow::sync {

void SyncEngine::sendRatings() {
  if (ratingInFlight_ || authPause_) return;
  localdb::SecondVisitRepository ratings(db_);
  const std::vector<localdb::RatingRecord> due = ratings.unsyncedRatings(1);
  if (due.empty()) return;
  const localdb::RatingRecord& record = due.front();
  api::Rating rating;
  rating.id = record.rating.uuid;
  rating.caseUuid = record.caseUuid;
  rating.stage = record.rating.stage;
  rating.label = record.rating.label;
  rating.scale = "gb";
  rating.level = forms::satisfactionGbLevel(record.rating.label).value_or(0);
  rating.ratedAt = api::wireTimeFromIso(record.ratedAt).value_or(record.ratedAt);
  rating.reasons = record.rating.reasons;
  rating.comment = record.rating.comment;
  ratingInFlight_ = true;
  const std::string id = rating.id;
  port_.postRating(
      rating, onEngine<api::Stored>([this, id](api::Result<api::Stored> result) {
        ratingInFlight_ = false;
        localdb::SecondVisitRepository store(db_);
        if (result.ok()) {
          store.markRatingSynced(id);
          hooks_.post([this] { sendRatings(); });
        } else if (result.error().isPermanent()) {
          store.markRatingFailed(id, result.error().message);
          hooks_.log("rating " + id + " refused by central: " + result.error().message);
          hooks_.post([this] { sendRatings(); });
        } else if (result.error().recovery() == api::Recovery::PauseForLogin) {
          pauseForAuth(result.error().message);  // as for cases: nothing goes until a login
        } else {
          // Retried on the next pass of the queue (a kick, the timer, central coming back).
          hooks_.log("rating " + id + ": " + result.error().message);
        }
      }));
}

}  // namespace onewindow::sync
