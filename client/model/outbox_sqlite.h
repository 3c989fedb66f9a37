// The durable outbox: one SQLite file (WAL, synchronous=FULL, owner-only,
// secure_delete) through base/sqlite_db.h. Erased words are checkpointed
// out of the WAL. Thread-safe: one connection behind a mutex.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "client/model/outbox.h"

namespace carevoice::client {

class SqliteOutbox final : public Outbox {
 public:
  // Opens or creates the outbox at `path`, migrating its schema. A new
  // outbox gets a fresh random device id. FailedPrecondition for a file
  // written by a newer program or not an outbox; Unavailable when it cannot
  // be opened.
  static absl::StatusOr<std::unique_ptr<SqliteOutbox>> Open(
      const std::string& path);
  ~SqliteOutbox() override;

  const std::string& device_id() const override { return device_id_; }
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
  absl::StatusOr<std::optional<v1::Catalog>> CachedCatalog() override;
  absl::Status CacheCatalog(const v1::Catalog& catalog) override;

 private:
  struct Db;
  SqliteOutbox(std::unique_ptr<Db> db, std::string device_id);
  std::unique_ptr<Db> db_;
  std::string device_id_;
};

}  // namespace carevoice::client
