// The kiosk's durable outbox: one SQLite file (WAL, synchronous=FULL) that
// holds submissions until the service acknowledges them, the device's
// identity and reference counter, and the last good catalog.
//
// Nothing acknowledged to a person is ever lost: Enqueue returns only after
// the commit. After the service acknowledges an item its words are erased;
// only id, reference and delivery state remain. Thread-safe (one
// connection behind a mutex); the UI thread enqueues, the syncer drains.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "carevoice/v1/carevoice.pb.h"
#include "contract/validation.h"

namespace carevoice::client {

enum class DeliveryState {
  kPending,    // waiting to be sent
  kDelivered,  // acknowledged by the service (words erased)
  kRejected,   // refused by the service (kept, with the reason)
};

struct OutboxItem {
  std::string submission_id;
  std::string reference;        // canonical form, e.g. "KQ7M3RX9"
  DeliveryState state = DeliveryState::kPending;
  v1::Submission submission;    // empty once delivered
  int attempts = 0;
  std::string reject_field;     // for kRejected
  std::string reject_key;
};

class Outbox {
 public:
  // Opens or creates the outbox at `path`, migrating its schema. A new
  // outbox gets a fresh random device id.
  static absl::StatusOr<std::unique_ptr<Outbox>> Open(const std::string& path);
  ~Outbox();

  const std::string& device_id() const { return device_id_; }

  // Gives `draft` a fresh submission id and reference, sets created_at and
  // channel if unset, validates it with the contract rules, and commits it
  // durably. Returns the stored item. Fails (and stores nothing, consuming
  // no reference) when the draft breaks a contract rule -- InvalidArgument,
  // "field: key", see FieldErrorOf -- or the disk write fails.
  absl::StatusOr<OutboxItem> Enqueue(v1::Submission draft, absl::Time now);

  // Up to `limit` pending items, oldest first.
  absl::StatusOr<std::vector<OutboxItem>> Pending(int limit);
  absl::StatusOr<int> PendingCount();
  // An item by submission id, in any state.
  absl::StatusOr<std::optional<OutboxItem>> Find(const std::string& id);

  // Applies the service's answer: delivered erases the words (overwritten
  // in the file and checkpointed out of the WAL); rejected keeps them with
  // the reason (FailedPrecondition if the item was already delivered).
  // NotFound for an unknown id.
  absl::Status MarkDelivered(const std::string& submission_id);
  absl::Status MarkRejected(const std::string& submission_id,
                            const std::string& field,
                            const std::string& message_key);
  // Counts a failed send of a still-pending item (FailedPrecondition
  // otherwise).
  absl::Status CountAttempt(const std::string& submission_id);

  // The last good catalog, if any.
  absl::StatusOr<std::optional<v1::Catalog>> CachedCatalog();
  absl::Status CacheCatalog(const v1::Catalog& catalog);

 private:
  struct Db;
  Outbox(std::unique_ptr<Db> db, std::string device_id);
  std::unique_ptr<Db> db_;
  std::string device_id_;
};

// The field and message key of an Enqueue refusal, so the UI can show and
// speak it in the person's language; nullopt for any other status.
std::optional<contract::FieldError> FieldErrorOf(const absl::Status& status);

}  // namespace carevoice::client
