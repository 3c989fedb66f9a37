// The storage engine beneath the Store's business rules: plain rows in,
// plain rows out, and a way to run a write atomically and durably. The
// rules (replays, conflicts, who took part counted apart, what is audited)
// live once in ruled_store.cc; SQLite (sqlite_engine.cc), a future
// PostgreSQL engine and the in-memory test engine only store.
//
// Thread-safety: every StoreEngine method may be called from any thread at
// once. A WriteTxn belongs to the one job it was handed to.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "carevoice/v1/carevoice.pb.h"
#include "service/store/store.h"
#include "service/store/submission_facts.h"

namespace carevoice::service::store {

// A submission as the rules decided to keep it.
struct SubmissionRow {
  std::string submission_id;
  std::string body;  // canonical bytes, PIN removed
  std::string device_id;
  std::string reference;
  std::string kind;
  bool urgent = false;
  std::string service_id;
  absl::Time received_at;  // whole microseconds
  // created_at corrected by the device's clock offset; whole microseconds.
  absl::Time told_at;
  absl::Duration clock_offset;  // service minus device; whole microseconds
  std::string pin_hash{};       // keyed hash of its PIN; empty for none
  ReportFacts facts{};          // what reports count it by
};

// What a later write compares a replay against.
struct StoredBody {
  std::string body;
  absl::Time received_at;
};

// What is stored at one moment: how many submissions, and the last one's
// position in the oldest-first order (received_at, then submission_id).
struct SubmissionsExtent {
  std::int64_t count = 0;
  std::optional<ListCursor> last;
};

// One write job's view of the open transaction. Valid only during the job.
class WriteTxn : public AccessRows {
 public:

  // The kept body of `submission_id`, nullopt when there is none.
  virtual absl::StatusOr<std::optional<StoredBody>> FindSubmission(
      std::string_view submission_id) = 0;
  // Inserts a new submission with status RECEIVED and no reply.
  virtual absl::Status InsertSubmission(const SubmissionRow& row) = 0;
  // Records that the visit `tally_id` is counted; false (and nothing
  // written) when it was counted before.
  virtual absl::StatusOr<bool> MarkTallyCounted(std::string_view tally_id) = 0;
  // Adds one to the count of (month, aspect, value), creating it at one.
  virtual absl::Status AddTakingPartCount(std::string_view month, std::string_view aspect,
                                          std::string_view value) = 0;
  virtual absl::Status InsertAudit(const AuditEntry& entry) = 0;
  // Keeps a quarantined row, unless the same device, id and bytes are
  // kept already.
  virtual absl::Status InsertQuarantine(const QuarantineRow& row) = 0;
  // The newest `limit` quarantined rows, raw left empty.
  virtual absl::StatusOr<std::vector<QuarantineRow>> ListQuarantine(int limit) = 0;
  // Appends a catalog; returns its serial.
  virtual absl::StatusOr<std::int64_t> InsertCatalog(std::string_view bytes, absl::Time at,
                                                     std::string_view by) = 0;
  // A Forum ballot's box; nullopt when none was made.
  virtual absl::StatusOr<std::optional<BallotBox>> FindBallotBox(std::string_view ballot_id) = 0;
  // Inserts, or replaces the box of the same ballot. Its sets are sorted.
  virtual absl::Status PutBallotBox(const BallotBox& box) = 0;
  // The newest audit row (seq and hash), nullopt when there is none.
  virtual absl::StatusOr<std::optional<AuditEntry>> LastAudit() = 0;

  // Erasure: each removes one row (fine when it is gone already), or
  // blanks one audit row's reason (the chain covers only its hash).
  virtual absl::Status DeleteSubmission(std::string_view submission_id) = 0;
  // Keeps a submission with a new (anonymised) body.
  virtual absl::Status ReplaceSubmissionBody(std::string_view submission_id,
                                             std::string_view body) = 0;
  virtual absl::Status DeleteQuarantined(std::int64_t id) = 0;
  virtual absl::Status EraseAuditReason(std::int64_t seq) = 0;

  // Reads inside the transaction, for reads that must commit together with
  // their audit row. Same contract as StoreEngine::ListSubmissions.
  virtual absl::StatusOr<ListPage> ListSubmissions(
      int limit, const std::optional<ListCursor>& after) = 0;
  // How many submissions are stored, and the newest one's position in the
  // oldest-first order (nullopt when there are none).
  virtual absl::StatusOr<SubmissionsExtent> Extent() = 0;
};

using WriteJob = std::function<absl::Status(WriteTxn&)>;

class StoreEngine {
 public:
  virtual ~StoreEngine() = default;

  // Runs `job` in a transaction and returns its status once that is known
  // to be durably committed. When the job fails, everything it wrote is
  // undone (and nothing else); when the commit fails, the job's writes are
  // undone and the commit's error is returned.
  virtual absl::Status Write(WriteJob job) = 0;

  // Reads see only committed data. Same contracts as the Store methods of
  // the same names; `limit` is already checked to be >= 1.
  virtual absl::StatusOr<std::vector<ReferenceStatus>> FindByReference(
      std::string_view reference) = 0;
  virtual absl::StatusOr<ListPage> ListSubmissions(
      int limit, const std::optional<ListCursor>& after) = 0;
  virtual absl::StatusOr<std::int64_t> ForEachSubmission(
      const std::function<bool(const v1::SubmissionRecord&)>& sink) = 0;
  // As ForEachSubmission, but only records at or before `upto` in the
  // oldest-first order.
  virtual absl::StatusOr<std::int64_t> ForEachSubmissionUpTo(
      const ListCursor& upto,
      const std::function<bool(const v1::SubmissionRecord&)>& sink) = 0;
  virtual absl::StatusOr<std::vector<AuditEntry>> ListAudit(int limit) = 0;
  // Calls `sink` with every audit row, oldest first, until it returns
  // false; one read transaction, one row in memory at a time.
  virtual absl::Status ForEachAudit(const std::function<bool(const AuditEntry&)>& sink) = 0;
  // A consistent copy of the whole database, to `sink` in chunks (see
  // Store::Backup); UNIMPLEMENTED for an engine that cannot.
  virtual absl::Status Backup(const std::function<bool(std::string_view chunk)>& sink) = 0;
  // After an erasure: makes sure what was removed is gone from the files'
  // bytes too (SQLite: the WAL checkpointed and truncated; freed pages are
  // overwritten as they are freed).
  virtual absl::Status Scrub() = 0;
  // Calls `sink` with every quarantined row, with its bytes, oldest first,
  // until it returns false.
  virtual absl::Status ForEachQuarantined(
      const std::function<bool(const QuarantineRow&)>& sink) = 0;
  virtual absl::StatusOr<std::vector<TakingPartCount>> TakingPartCounts() = 0;
  virtual absl::StatusOr<std::vector<FacetCount>> CountSubmissions(absl::Time from, absl::Time to,
                                                                   ReportFacet facet) = 0;
  virtual absl::StatusOr<StoredExtent> SubmissionsStored() = 0;
  virtual absl::Status ForEachClockedCase(absl::Time from, absl::Time to, bool open_only,
                                          const std::function<bool(const ClockedCase&)>& sink) = 0;
  virtual absl::Status ForEachThemedCase(absl::Time from, absl::Time to, bool with_bodies,
                                         const std::function<bool(const ThemedCase&)>& sink) = 0;
  virtual absl::Status ForEachSubmissionOfKind(
      std::string_view kind, absl::Time from, absl::Time to,
      const std::function<bool(const v1::Submission&)>& sink) = 0;
  virtual absl::StatusOr<std::vector<FacetCount>> CountOutcomes(absl::Time from, absl::Time to,
                                                                std::string_view kind) = 0;
  virtual absl::StatusOr<std::optional<Device>> FindDeviceByCredential(
      std::string_view credential_hash) = 0;
  virtual absl::StatusOr<std::int64_t> LatestCatalogSerial() = 0;
  virtual absl::StatusOr<std::optional<StoredCatalog>> LatestCatalog() = 0;
};

// The Store over `engine`: the business rules, written once for every
// engine.
std::unique_ptr<Store> NewRuledStore(std::unique_ptr<StoreEngine> engine);

}  // namespace carevoice::service::store
