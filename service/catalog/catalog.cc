#include "service/catalog/catalog.h"

#include <google/protobuf/util/json_util.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/canonical.h"
#include "base/files.h"
#include "base/proto_time.h"
#include "contract/validation.h"
#include "service/catalog/json_check.h"
#include "service/log.h"

namespace carevoice::service::catalog {
namespace {

constexpr absl::Duration kCheckInterval = absl::Seconds(1);

std::uint64_t Fnv1a64(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ull;
  }
  return hash;
}

}  // namespace

std::string CatalogVersion(const v1::Catalog& catalog) {
  v1::Catalog content = catalog;
  content.clear_version();
  // Canonical bytes put map entries (LocalizedText) in key order, so equal
  // content hashes equally whatever order the file listed them in.
  return absl::StrFormat("%016x", Fnv1a64(base::CanonicalBytes(content)));
}

namespace {

// Parses the JSON mapping of `message`'s type, or says where it does not fit.
absl::Status ParseJson(const std::string& json, const std::string& source,
                       google::protobuf::Message& message) {
  const google::protobuf::Descriptor& type = *message.GetDescriptor();
  if (auto where = JsonMismatch(json, type)) {
    return absl::InvalidArgumentError(
        where->field.empty()
            ? absl::StrCat(source, " is not a JSON ", type.full_name(), ": ", where->message_key)
            : absl::StrCat(source, ": ", where->field, ": ", where->message_key));
  }
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;  // a misspelt key is a mistake
  if (!google::protobuf::util::JsonStringToMessage(json, &message, options).ok()) {
    // The parser's message quotes the text; say where, not what.
    return absl::InvalidArgumentError(
        absl::StrCat(source, " is not a JSON ", type.full_name()));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::Consultation> ParseConsultationJson(const std::string& json,
                                                       const std::string& source) {
  v1::Consultation consultation;
  if (absl::Status s = ParseJson(json, source, consultation); !s.ok()) return s;
  if (auto error = contract::ValidateConsultation(consultation)) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": ", error->field, ": ", error->message_key));
  }
  return consultation;
}

absl::StatusOr<v1::ForumBallot> ParseBallotJson(const std::string& json,
                                                const std::string& source) {
  v1::ForumBallot ballot;
  if (absl::Status s = ParseJson(json, source, ballot); !s.ok()) return s;
  if (auto error = contract::ValidateBallot(ballot)) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": ", error->field, ": ", error->message_key));
  }
  return ballot;
}

absl::StatusOr<v1::Catalog> ParseCatalogJson(const std::string& json,
                                             const std::string& source) {
  v1::Catalog catalog;
  if (absl::Status s = ParseJson(json, source, catalog); !s.ok()) return s;
  catalog.clear_version();  // set from the content, never from the file
  if (auto error = contract::ValidateCatalog(catalog)) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": ", error->field, ": ", error->message_key));
  }
  catalog.set_version(CatalogVersion(catalog));
  return catalog;
}

absl::StatusOr<v1::Catalog> LoadCatalogFile(const std::string& path) {
  absl::StatusOr<std::string> text = base::ReadWholeFile(path);
  if (!text.ok()) return text.status();
  return ParseCatalogJson(*text, path);
}

absl::StatusOr<std::unique_ptr<Catalogs>> Catalogs::Open(store::Store& store,
                                                         const base::Clock& clock,
                                                         const std::string& seed_path) {
  std::unique_ptr<Catalogs> catalogs(new Catalogs(store, clock));
  absl::StatusOr<std::int64_t> serial = store.LatestCatalogSerial();
  if (!serial.ok()) return serial.status();
  if (*serial == 0 && !seed_path.empty()) {
    absl::StatusOr<v1::Catalog> seed = LoadCatalogFile(seed_path);
    if (!seed.ok()) return seed.status();
    absl::StatusOr<std::int64_t> stored = store.PublishCatalog(
        base::CanonicalBytes(*seed),
        {clock.Now(), "(--catalog)", absl::StrCat("catalog_seed:", seed->version()), 1});
    if (!stored.ok()) return stored.status();
    LogInfo(absl::StrCat("catalog seeded from --catalog: version ", seed->version()));
  } else if (*serial > 0 && !seed_path.empty()) {
    LogInfo("the store has a catalog: --catalog only seeds an empty store, so it is not read");
  }
  std::lock_guard lock(catalogs->mu_);
  auto empty = std::make_shared<v1::Catalog>();
  empty->set_version(CatalogVersion(*empty));
  catalogs->current_ = std::move(empty);
  if (auto s = catalogs->RefreshLocked(); !s.ok()) return s;
  catalogs->last_check_ = clock.Now();
  return catalogs;
}

absl::Status Catalogs::RefreshLocked() {
  absl::StatusOr<std::int64_t> serial = store_.LatestCatalogSerial();
  if (!serial.ok()) return serial.status();
  if (*serial == serial_) return absl::OkStatus();
  absl::StatusOr<std::optional<store::StoredCatalog>> newest = store_.LatestCatalog();
  if (!newest.ok()) return newest.status();
  if (!newest->has_value()) return absl::OkStatus();
  auto catalog = std::make_shared<v1::Catalog>();
  if (!catalog->ParseFromString((*newest)->bytes)) {
    return absl::DataLossError(
        absl::StrCat("stored catalog ", (*newest)->serial, " cannot be parsed"));
  }
  serial_ = (*newest)->serial;
  if (catalog->version() != current_->version()) {
    LogInfo(absl::StrCat("serving catalog version ", catalog->version()));
  }
  current_ = std::move(catalog);
  return absl::OkStatus();
}

std::shared_ptr<const v1::Catalog> Catalogs::Get() {
  std::lock_guard lock(mu_);
  const absl::Time now = clock_.Now();
  if (now - last_check_ < kCheckInterval) return current_;
  last_check_ = now;
  if (absl::Status s = RefreshLocked(); !s.ok()) {
    LogWarning(absl::StrCat("catalog not refreshed, still serving version ",
                            current_->version(), ": ", s.message()));
  }
  return current_;
}

absl::StatusOr<std::string> Catalogs::Publish(const std::string& by, const std::string& json) {
  absl::StatusOr<v1::Catalog> catalog = ParseCatalogJson(json, "the catalog");
  if (!catalog.ok()) return catalog.status();
  std::lock_guard lock(mu_);
  if (absl::Status s = RefreshLocked(); !s.ok()) return s;
  // A file may carry consultations as they were published (an exported
  // catalog, edited), but none new or changed.
  for (int i = 0; i < catalog->consultations_size(); ++i) {
    const v1::Consultation& given = catalog->consultations(i);
    const auto& current = current_->consultations();
    const bool same = std::any_of(current.begin(), current.end(), [&](const v1::Consultation& c) {
      return c.id() == given.id() && base::CanonicalBytes(c) == base::CanonicalBytes(given);
    });
    if (!same) {
      return absl::InvalidArgumentError(absl::StrCat(
          "the catalog: consultations[", i, "]: ", std::string(contract::kErrNotAllowed),
          " (publish or close consultations with: carevoice-admin consultation ...)"));
    }
  }
  for (int i = 0; i < catalog->ballots_size(); ++i) {
    const v1::ForumBallot& given = catalog->ballots(i);
    const auto& current = current_->ballots();
    const bool same = std::any_of(current.begin(), current.end(), [&](const v1::ForumBallot& b) {
      return b.id() == given.id() && base::CanonicalBytes(b) == base::CanonicalBytes(given);
    });
    if (!same) {
      return absl::InvalidArgumentError(absl::StrCat(
          "the catalog: ballots[", i, "]: ", std::string(contract::kErrNotAllowed),
          " (publish ballots with: carevoice-admin ballot ...)"));
    }
  }
  *catalog->mutable_consultations() = current_->consultations();
  *catalog->mutable_ballots() = current_->ballots();
  // Notices officers published stay, unless the file gives one of the
  // same id (then the file's words are the council's now).
  for (const v1::Notice& n : current_->notices()) {
    const auto& given = catalog->notices();
    if (!n.published_by().empty() &&
        std::none_of(given.begin(), given.end(),
                     [&](const v1::Notice& g) { return g.id() == n.id(); })) {
      *catalog->add_notices() = n;
    }
  }
  catalog->set_version(CatalogVersion(*catalog));
  if (catalog->version() == current_->version()) return catalog->version();
  const std::string version = catalog->version();
  if (absl::Status s = StoreLocked(*std::move(catalog), by, "catalog_publish:" + version);
      !s.ok()) {
    return s;
  }
  return version;
}

absl::Status Catalogs::StoreLocked(v1::Catalog catalog, const std::string& by,
                                   const std::string& action) {
  catalog.set_version(CatalogVersion(catalog));
  absl::StatusOr<std::int64_t> stored =
      store_.PublishCatalog(base::CanonicalBytes(catalog), {clock_.Now(), by, action, 1});
  if (!stored.ok()) return stored.status();
  return RefreshLocked();
}

absl::StatusOr<v1::Consultation> Catalogs::PublishConsultation(const std::string& by,
                                                               const std::string& json) {
  absl::StatusOr<v1::Consultation> consultation =
      ParseConsultationJson(json, "the consultation");
  if (!consultation.ok()) return consultation.status();
  if (auto error = contract::ValidateNewConsultation(*consultation, clock_.Now())) {
    return absl::InvalidArgumentError(
        absl::StrCat("the consultation: ", error->field, ": ", error->message_key));
  }
  std::lock_guard lock(mu_);
  if (absl::Status s = RefreshLocked(); !s.ok()) return s;
  for (const v1::Consultation& c : current_->consultations()) {
    // Ids are for ever: answers name them, long after closing.
    if (c.id() == consultation->id()) {
      return absl::AlreadyExistsError(
          absl::StrCat("the consultation: id: ", std::string(contract::kErrDuplicate),
                       " (a consultation ", c.id(), " was published before)"));
    }
  }
  v1::Catalog next = *current_;
  *next.add_consultations() = *consultation;
  if (auto error = contract::ValidateCatalog(next)) {
    return absl::InvalidArgumentError(
        absl::StrCat("the catalog: ", error->field, ": ", error->message_key));
  }
  if (absl::Status s = StoreLocked(std::move(next), by,
                                   "consultation_publish:" + consultation->id());
      !s.ok()) {
    return s;
  }
  return *consultation;
}

absl::StatusOr<v1::Consultation> Catalogs::CloseConsultation(const std::string& by,
                                                             const std::string& id) {
  std::lock_guard lock(mu_);
  if (absl::Status s = RefreshLocked(); !s.ok()) return s;
  v1::Catalog next = *current_;
  v1::Consultation* found = nullptr;
  for (v1::Consultation& c : *next.mutable_consultations()) {
    if (c.id() == id) found = &c;
  }
  if (found == nullptr) return absl::NotFoundError(absl::StrCat("no consultation ", id));
  const absl::Time now = clock_.Now();
  if (base::FromProtoTimestamp(found->closes_at()) <= now) {
    return absl::FailedPreconditionError(absl::StrCat("consultation ", id, " has closed already"));
  }
  base::SetProtoTimestamp(now, found->mutable_closes_at());
  // One that had not opened yet closes as it would have opened.
  if (base::FromProtoTimestamp(found->opens_at()) >= now) {
    base::SetProtoTimestamp(now - absl::Seconds(1), found->mutable_opens_at());
  }
  found->set_closed_early(true);
  v1::Consultation closed = *found;
  if (absl::Status s = StoreLocked(std::move(next), by, "consultation_close:" + id); !s.ok()) {
    return s;
  }
  return closed;
}

absl::StatusOr<v1::Notice> Catalogs::PublishNotice(const std::string& by,
                                                   const std::string& json) {
  v1::Notice notice;
  if (absl::Status s = ParseJson(json, "the notice", notice); !s.ok()) return s;
  if (notice.has_published_at() || !notice.published_by().empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the notice: ", notice.has_published_at() ? "published_at" : "published_by", ": ",
        std::string(contract::kErrNotAllowed),
        " (the service dates it and names who published it)"));
  }
  if (auto error = contract::ValidateNotice(notice)) {
    return absl::InvalidArgumentError(
        absl::StrCat("the notice: ", error->field, ": ", error->message_key));
  }
  base::SetProtoTimestamp(clock_.Now(), notice.mutable_published_at());
  notice.set_published_by(by);
  std::lock_guard lock(mu_);
  if (absl::Status s = RefreshLocked(); !s.ok()) return s;
  for (const v1::Notice& n : current_->notices()) {
    if (n.id() == notice.id()) {
      return absl::AlreadyExistsError(absl::StrCat(
          "the notice: id: ", std::string(contract::kErrDuplicate), " (a notice ", n.id(),
          " is published)"));
    }
  }
  v1::Catalog next = *current_;
  *next.add_notices() = notice;
  if (absl::Status s = StoreLocked(std::move(next), by, "notice_publish:" + notice.id()); !s.ok()) {
    return s;
  }
  return notice;
}

absl::StatusOr<v1::ForumBallot> Catalogs::PublishBallot(const std::string& by,
                                                        const std::string& json) {
  absl::StatusOr<v1::ForumBallot> ballot = ParseBallotJson(json, "the ballot");
  if (!ballot.ok()) return ballot.status();
  if (auto error = contract::ValidateNewBallot(*ballot, clock_.Now())) {
    return absl::InvalidArgumentError(
        absl::StrCat("the ballot: ", error->field, ": ", error->message_key));
  }
  std::lock_guard lock(mu_);
  if (absl::Status s = RefreshLocked(); !s.ok()) return s;
  for (const v1::ForumBallot& b : current_->ballots()) {
    if (b.id() == ballot->id()) {
      return absl::AlreadyExistsError(
          absl::StrCat("the ballot: id: ", std::string(contract::kErrDuplicate),
                       " (a ballot ", b.id(), " was published before)"));
    }
  }
  v1::Catalog next = *current_;
  *next.add_ballots() = *ballot;
  if (auto error = contract::ValidateCatalog(next)) {
    return absl::InvalidArgumentError(
        absl::StrCat("the catalog: ", error->field, ": ", error->message_key));
  }
  if (absl::Status s = StoreLocked(std::move(next), by, "ballot_publish:" + ballot->id());
      !s.ok()) {
    return s;
  }
  return *ballot;
}

absl::StatusOr<v1::ForumBallot> Catalogs::PublishBallotResult(const std::string& by,
                                                              const std::string& id,
                                                              const v1::BallotResult& result) {
  std::lock_guard lock(mu_);
  if (absl::Status s = RefreshLocked(); !s.ok()) return s;
  v1::Catalog next = *current_;
  v1::ForumBallot* found = nullptr;
  for (v1::ForumBallot& b : *next.mutable_ballots()) {
    if (b.id() == id) found = &b;
  }
  if (found == nullptr) return absl::NotFoundError(absl::StrCat("no ballot ", id));
  *found->mutable_result() = result;
  v1::ForumBallot counted = *found;
  if (absl::Status s = StoreLocked(std::move(next), by, "ballot_count:" + id); !s.ok()) return s;
  return counted;
}

}  // namespace carevoice::service::catalog
