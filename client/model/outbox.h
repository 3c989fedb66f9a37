// The kiosk's outbox interface: it holds submissions until the service
// acknowledges them, the device's identity, credential and reference
// counter, and the last good catalog. SqliteOutbox (outbox_sqlite.h) is the durable one;
// tests use FakeOutbox (tests/client/fake_outbox.h).
//
// Nothing acknowledged to a person is ever lost: Enqueue returns only after
// the commit. After the service acknowledges an item its words are erased;
// only id, reference and delivery state remain. Implementations are
// thread-safe: the UI thread enqueues, the syncer drains.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "base/random.h"
#include "carevoice/v1/carevoice.pb.h"
#include "client/model/sealing.h"
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
  // The stored body cannot be read (its bytes were damaged on disk): the
  // submission is empty and raw_body holds the bytes, to be handed to the
  // service's quarantine rather than lost or left to block the queue.
  bool damaged = false;
  std::string raw_body;
  // On a care-home tablet the item is sealed for the service: `sealed`
  // holds the sealed bytes, `sealed_key_id` the key, and `submission` is
  // empty (except in what Enqueue returns, which lives in memory only).
  std::string sealed;
  std::string sealed_key_id;
};

// One counted visit waiting to go (how someone took part, and who they
// are if they said): never beside a submission, and forgotten once counted.
struct TallyItem {
  std::string tally_id;
  v1::TakingPart tally;        // empty when sealed
  std::string sealed;          // on a care-home tablet: the sealed TakingPart
  std::string sealed_key_id;
  absl::CivilDay made_on;      // device clock: only the day is kept
  bool damaged = false;        // its bytes cannot be read: forget it
};

class Outbox {
 public:
  virtual ~Outbox() = default;

  virtual const std::string& device_id() const = 0;

  // Gives `draft` a fresh submission id, reference and PIN, sets created_at and
  // channel if unset, validates it with the contract rules, and commits it
  // durably. Returns the stored item. Fails (and stores nothing, consuming
  // no reference) when the draft breaks a contract rule -- InvalidArgument,
  // "field: key", see FieldErrorOf -- or the write fails.
  virtual absl::StatusOr<OutboxItem> Enqueue(v1::Submission draft,
                                             absl::Time now) = 0;

  // Up to `limit` pending items: safeguarding worries first, then the rest,
  // each oldest first. A damaged item comes back marked so, never as an
  // error that would hold back the items behind it.
  virtual absl::StatusOr<std::vector<OutboxItem>> Pending(int limit) = 0;
  virtual absl::StatusOr<int> PendingCount() = 0;
  // An item by submission id, in any state.
  virtual absl::StatusOr<std::optional<OutboxItem>> Find(
      const std::string& id) = 0;

  // Applies the service's answer: delivered erases the words; rejected
  // keeps them with the reason (FailedPrecondition if the item was already
  // delivered), except a refused Forum vote (message key "ballot.*"),
  // which keeps nothing. NotFound for an unknown id.
  virtual absl::Status MarkDelivered(const std::string& submission_id) = 0;
  virtual absl::Status MarkRejected(const std::string& submission_id,
                                    const std::string& field,
                                    const std::string& message_key) = 0;
  // Counts a failed send of a still-pending item (FailedPrecondition
  // otherwise).
  virtual absl::Status CountAttempt(const std::string& submission_id) = 0;

  // The device's credential from enrolment ("" before it is enrolled), and
  // saving a new one (replacing any before), durably.
  virtual absl::StatusOr<std::string> Credential() = 0;
  virtual absl::Status SaveCredential(const std::string& credential) = 0;

  // The service's sealing key this device pinned (at enrolment, then from
  // the service's own answers), if any; and pinning a new one, durably.
  virtual absl::StatusOr<std::optional<SealingKey>> PinnedSealingKey() = 0;
  virtual absl::Status PinSealingKey(const SealingKey& key) = 0;

  // Counted visits. EnqueueTally gives `tally` a fresh random id and the
  // month of `now`, validates it (InvalidArgument "field: key") and
  // commits it durably (sealed on a tablet; FailedPrecondition before a
  // key is pinned). PendingTallies gives up to `limit`, in no order that
  // follows when they were made; ForgetTallies deletes them once the
  // service has counted them, leaving no trace.
  virtual absl::Status EnqueueTally(v1::TakingPart tally, absl::Time now) = 0;
  virtual absl::StatusOr<std::vector<TallyItem>> PendingTallies(int limit) = 0;
  virtual absl::Status ForgetTallies(const std::vector<std::string>& tally_ids) = 0;
  // The last good catalog, if any.
  virtual absl::StatusOr<std::optional<v1::Catalog>> CachedCatalog() = 0;
  virtual absl::Status CacheCatalog(const v1::Catalog& catalog) = 0;
};

// The rules every Outbox applies in Enqueue before it stores a draft, so
// implementations do not repeat them: sets a fresh random submission id,
// the reference for this device's `counter`, a fresh random 4-digit PIN, created_at (if unset) and the
// channel (kiosk, if unset), then validates. ResourceExhausted when the
// device has used all its references; InvalidArgument with the field (see
// FieldErrorOf) when the draft breaks a contract rule.
absl::Status PrepareForEnqueue(v1::Submission& draft,
                               const std::string& device_id,
                               std::int64_t counter, absl::Time now,
                               base::Random& random);

// The rules every Outbox applies in EnqueueTally before it stores a tally:
// a fresh random id, the month of `now` (UTC), then validation.
absl::Status PrepareTally(v1::TakingPart& tally, absl::Time now, base::Random& random);

// The field and message key of an Enqueue refusal, so the UI can show and
// speak it in the person's language; nullopt for any other status.
std::optional<contract::FieldError> FieldErrorOf(const absl::Status& status);

}  // namespace carevoice::client
