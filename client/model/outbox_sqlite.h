// The durable outbox: one SQLite file (WAL, synchronous=FULL, owner-only,
// secure_delete) through base/sqlite_db.h. Erased words are checkpointed
// out of the WAL. Thread-safe: one connection behind a mutex.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "client/model/outbox.h"

namespace carevoice::client {

struct OutboxOptions {
  // A care-home tablet's: each item is sealed to the pinned sealing key
  // before it is written, so nothing readable of what a resident said is in
  // the file, its WAL or a temporary file (temp_store is memory). Enqueue
  // is refused (FailedPrecondition) until a key is pinned. The safeguarding
  // flag is not written either (it would say what an item is about), so
  // items go in the order they were made. Once opened to seal, a file
  // always seals, whatever later opens say.
  bool seal = false;
};

class SqliteOutbox final : public Outbox {
 public:
  // Opens or creates the outbox at `path`, migrating its schema. A new
  // outbox gets a fresh random device id. FailedPrecondition for a file
  // written by a newer program or not an outbox; Unavailable when it cannot
  // be opened.
  static absl::StatusOr<std::unique_ptr<SqliteOutbox>> Open(const std::string& path,
                                                            OutboxOptions options = {});
  ~SqliteOutbox() override;

  const std::string& device_id() const override { return device_id_; }
  // Whether this outbox seals what it keeps (OutboxOptions::seal).
  bool seals() const { return options_.seal; }
  absl::StatusOr<OutboxItem> Enqueue(v1::Submission draft,
                                     absl::Time now) override;
  absl::StatusOr<std::vector<OutboxItem>> Pending(int limit) override;
  absl::StatusOr<int> PendingCount() override;
  absl::StatusOr<std::optional<OutboxItem>> Find(
      const std::string& id) override;
  absl::Status MarkDelivered(const std::string& submission_id) override;
  absl::Status MarkRejected(const std::string& submission_id,
                            const std::string& field,
                            const std::string& message_key) override;
  absl::Status CountAttempt(const std::string& submission_id) override;
  absl::StatusOr<std::string> Credential() override;
  absl::Status SaveCredential(const std::string& credential) override;
  absl::StatusOr<std::optional<SealingKey>> PinnedSealingKey() override;
  absl::Status PinSealingKey(const SealingKey& key) override;
  absl::Status EnqueueTally(v1::TakingPart tally, absl::Time now) override;
  absl::StatusOr<std::vector<TallyItem>> PendingTallies(int limit) override;
  absl::Status ForgetTallies(const std::vector<std::string>& tally_ids) override;
  absl::StatusOr<std::optional<v1::Catalog>> CachedCatalog() override;
  absl::Status CacheCatalog(const v1::Catalog& catalog) override;

 private:
  struct Db;
  SqliteOutbox(std::unique_ptr<Db> db, std::string device_id, OutboxOptions options);
  // With db_->mu held.
  absl::StatusOr<std::optional<SealingKey>> PinnedKeyLocked();
  // A tablet's bytes sealed to its pinned key, in memory, before anything
  // is written: the sealed bytes and the key's id (mu held).
  // FAILED_PRECONDITION before the tablet has been given a key.
  struct Sealed {
    std::string body, key_id;
  };
  absl::StatusOr<Sealed> SealLocked(const std::string& body);
  std::unique_ptr<Db> db_;
  std::string device_id_;
  OutboxOptions options_;
};

}  // namespace carevoice::client
