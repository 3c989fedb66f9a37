// The catalog the service serves to kiosks (services, providers, sites,
// questions, notices, help numbers): published into the store by an admin,
// first seeded from a JSON file. Its version is a hash of its content, so
// it changes exactly when the content does.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "base/clock.h"
#include "carevoice/v1/catalog.pb.h"
#include "service/store/store.h"

namespace carevoice::service::catalog {

// Hex FNV-1a 64 of the deterministic serialization of `catalog` with its
// version field cleared: 16 lower-case hex digits.
std::string CatalogVersion(const v1::Catalog& catalog);

// Reads the JSON mapping of v1.Catalog at `path` (unknown fields refused),
// checks it with contract::ValidateCatalog and sets its version. Error
// messages name the file and the bad field, never the file's text.
absl::StatusOr<v1::Catalog> LoadCatalogFile(const std::string& path);

// The catalog the service serves to kiosks, kept in the store: an admin
// publishes a new one (validated like a file), every replica serves the
// newest. Safe to call from any thread.
class Catalogs {
 public:
  // `store` and `clock` must outlive this. When the store holds no
  // catalog yet and `seed_path` (the service's --catalog) is given, that
  // file is loaded and stored as the first; a store that has one ignores
  // it (a publication is not undone by a restart). Fails when the seed
  // does not load. With neither, an empty catalog is served.
  static absl::StatusOr<std::unique_ptr<Catalogs>> Open(store::Store& store,
                                                        const base::Clock& clock,
                                                        const std::string& seed_path);

  // The newest catalog. Asks the store at most once a second (by `clock`)
  // whether a newer one was published, by this replica or another.
  std::shared_ptr<const v1::Catalog> Get();

  // Validates `json` (the JSON mapping of v1.Catalog, unknown fields
  // refused) and stores it as the newest, audited in `by`'s name
  // ("catalog_publish:<version>"). INVALID_ARGUMENT naming the bad field,
  // never quoting the text. Content equal to the newest stores nothing.
  // Returns the version kiosks will see.
  // The consultations are the store's own: they are carried into the new
  // catalog, and a file may name them only as they are (a consultation new
  // or changed in it is refused: they are published one by one, below).
  absl::StatusOr<std::string> Publish(const std::string& by, const std::string& json);

  // Publishes a consultation from `json` (the JSON mapping of
  // v1.Consultation, unknown fields refused; checked as
  // contract::ValidateNewConsultation, its id new among every consultation
  // ever published) in a new catalog, audited "consultation_publish:<id>".
  // INVALID_ARGUMENT names the bad field; ALREADY_EXISTS a used id.
  absl::StatusOr<v1::Consultation> PublishConsultation(const std::string& by,
                                                       const std::string& json);
  // Closes a consultation now, open or still to open: its closes_at
  // becomes now and closed_early is set, audited "consultation_close:<id>".
  // Answers given before now are still counted. NOT_FOUND for an unknown
  // id, FAILED_PRECONDITION for one closed already.
  absl::StatusOr<v1::Consultation> CloseConsultation(const std::string& by, const std::string& id);

  // Publishes a notice ("You said, we did") from `json` (the JSON mapping
  // of v1.Notice, unknown fields refused): an id new among the notices, a
  // title and body in English at least, optional Easy Read words; dated
  // now and marked as published by `by`, audited "notice_publish:<id>".
  // INVALID_ARGUMENT names the bad field; ALREADY_EXISTS a used id.
  absl::StatusOr<v1::Notice> PublishNotice(const std::string& by, const std::string& json);
  // Publishes a Forum ballot from `json` (the JSON mapping of
  // v1.ForumBallot, unknown fields refused; checked as
  // contract::ValidateNewBallot, its id new among every ballot), audited
  // "ballot_publish:<id>". INVALID_ARGUMENT names the bad field;
  // ALREADY_EXISTS a used id.
  absl::StatusOr<v1::ForumBallot> PublishBallot(const std::string& by, const std::string& json);
  // Sets ballot `id`'s counted result, published to kiosks, audited
  // "ballot_count:<id>". NOT_FOUND for an unknown id.
  absl::StatusOr<v1::ForumBallot> PublishBallotResult(const std::string& by,
                                                      const std::string& id,
                                                      const v1::BallotResult& result);

 private:
  Catalogs(store::Store& store, const base::Clock& clock) : store_(store), clock_(clock) {}
  // Loads the newest from the store into current_ if it is newer (mu_ held).
  absl::Status RefreshLocked();
  // Stores `catalog` (its version set here) as the newest, audited as
  // `action`, and serves it (mu_ held).
  absl::Status StoreLocked(v1::Catalog catalog, const std::string& by, const std::string& action);

  store::Store& store_;
  const base::Clock& clock_;
  std::mutex mu_;
  std::shared_ptr<const v1::Catalog> current_;  // guarded by mu_
  std::int64_t serial_ = 0;                     // guarded by mu_
  absl::Time last_check_;                       // guarded by mu_
};

// Parses and validates a catalog's JSON text and sets its version. Errors
// name `source` and the bad field, never the text.
absl::StatusOr<v1::Catalog> ParseCatalogJson(const std::string& json, const std::string& source);

// Parses a consultation's JSON text, checked as contract::ValidateConsultation
// (not yet against a clock). Errors name `source` and the bad field.
absl::StatusOr<v1::Consultation> ParseConsultationJson(const std::string& json,
                                                       const std::string& source);

// Parses a Forum ballot's JSON text, checked as contract::ValidateBallot.
absl::StatusOr<v1::ForumBallot> ParseBallotJson(const std::string& json,
                                                const std::string& source);

}  // namespace carevoice::service::catalog
