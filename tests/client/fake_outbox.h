// An in-memory Outbox for tests that need no file: the same Enqueue rules
// as SqliteOutbox (PrepareForEnqueue), items kept in enqueue order, words
// erased on delivery. Can be told to fail writes. Any thread.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/random.h"
#include "client/model/outbox.h"

namespace carevoice::client::testing {

class FakeOutbox final : public Outbox {
 public:
  explicit FakeOutbox(std::string device_id = "fake-device-0001",
                      base::Random& random = base::SystemRandom::Get())
      : device_id_(std::move(device_id)), random_(random) {}

  // The next `n` writes (Enqueue, Mark*, CountAttempt, CacheCatalog) fail
  // with UNAVAILABLE and change nothing.
  void FailNextWrites(int n) {
    std::lock_guard lock(mu_);
    fail_writes_ = n;
  }

  const std::string& device_id() const override { return device_id_; }

  absl::StatusOr<OutboxItem> Enqueue(v1::Submission draft,
                                     absl::Time now) override {
    std::lock_guard lock(mu_);
    if (absl::Status s = WriteFault(); !s.ok()) return s;
    if (absl::Status s = PrepareForEnqueue(draft, device_id_, next_counter_,
                                           now, random_);
        !s.ok()) {
      return s;
    }
    ++next_counter_;
    OutboxItem item;
    item.submission_id = draft.submission_id();
    item.reference = draft.reference();
    item.submission = std::move(draft);
    order_.push_back(item.submission_id);
    items_[item.submission_id] = item;
    return item;
  }

  absl::StatusOr<std::vector<OutboxItem>> Pending(int limit) override {
    std::lock_guard lock(mu_);
    std::vector<OutboxItem> out;
    // Urgent (safeguarding) first, as the SQLite outbox.
    for (bool urgent : {true, false}) {
      for (const std::string& id : order_) {
        if (static_cast<int>(out.size()) >= limit) break;
        const OutboxItem& item = items_.at(id);
        if (item.state == DeliveryState::kPending &&
            item.submission.has_safeguarding() == urgent) {
          out.push_back(item);
        }
      }
    }
    return out;
  }

  absl::StatusOr<int> PendingCount() override {
    std::lock_guard lock(mu_);
    int n = 0;
    for (const auto& [id, item] : items_) {
      n += item.state == DeliveryState::kPending ? 1 : 0;
    }
    return n;
  }

  absl::StatusOr<std::optional<SealingKey>> PinnedSealingKey() override {
    std::lock_guard lock(mu_);
    return sealing_key_;
  }
  absl::Status PinSealingKey(const SealingKey& key) override {
    std::lock_guard lock(mu_);
    if (absl::Status s = WriteFault(); !s.ok()) return s;
    sealing_key_ = key;
    return absl::OkStatus();
  }

  absl::StatusOr<std::optional<OutboxItem>> Find(
      const std::string& id) override {
    std::lock_guard lock(mu_);
    auto it = items_.find(id);
    if (it == items_.end()) return std::optional<OutboxItem>();
    return std::optional<OutboxItem>(it->second);
  }

  absl::Status MarkDelivered(const std::string& submission_id) override {
    std::lock_guard lock(mu_);
    if (absl::Status s = WriteFault(); !s.ok()) return s;
    absl::StatusOr<OutboxItem*> item = Lookup(submission_id);
    if (!item.ok()) return item.status();
    (*item)->state = DeliveryState::kDelivered;
    (*item)->submission.Clear();  // the words go once acknowledged
    (*item)->reject_field.clear();
    (*item)->reject_key.clear();
    return absl::OkStatus();
  }

  absl::Status MarkRejected(const std::string& submission_id,
                            const std::string& field,
                            const std::string& message_key) override {
    std::lock_guard lock(mu_);
    if (absl::Status s = WriteFault(); !s.ok()) return s;
    absl::StatusOr<OutboxItem*> item = Lookup(submission_id);
    if (!item.ok()) return item.status();
    if ((*item)->state == DeliveryState::kDelivered) {
      return absl::FailedPreconditionError("fake outbox: already delivered");
    }
    (*item)->state = DeliveryState::kRejected;
    (*item)->reject_field = field;
    (*item)->reject_key = message_key;
    return absl::OkStatus();
  }

  absl::Status CountAttempt(const std::string& submission_id) override {
    std::lock_guard lock(mu_);
    if (absl::Status s = WriteFault(); !s.ok()) return s;
    absl::StatusOr<OutboxItem*> item = Lookup(submission_id);
    if (!item.ok()) return item.status();
    if ((*item)->state != DeliveryState::kPending) {
      return absl::FailedPreconditionError("fake outbox: not pending");
    }
    ++(*item)->attempts;
    return absl::OkStatus();
  }

  absl::StatusOr<std::optional<v1::Catalog>> CachedCatalog() override {
    std::lock_guard lock(mu_);
    return catalog_;
  }

  absl::StatusOr<std::string> Credential() override {
    std::lock_guard lock(mu_);
    return credential_;
  }
  absl::Status SaveCredential(const std::string& credential) override {
    std::lock_guard lock(mu_);
    if (absl::Status s = WriteFault(); !s.ok()) return s;
    credential_ = credential;
    return absl::OkStatus();
  }

  absl::Status EnqueueTally(v1::TakingPart tally, absl::Time now) override {
    std::lock_guard lock(mu_);
    if (absl::Status s = WriteFault(); !s.ok()) return s;
    if (absl::Status s = PrepareTally(tally, now, random_); !s.ok()) return s;
    TallyItem item;
    item.tally_id = tally.tally_id();
    item.made_on = absl::ToCivilDay(now, absl::UTCTimeZone());
    item.tally = std::move(tally);
    tallies_[item.tally_id] = std::move(item);
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<TallyItem>> PendingTallies(int limit) override {
    std::lock_guard lock(mu_);
    std::vector<TallyItem> out;
    for (const auto& [id, item] : tallies_) {  // by random id, as the SQLite outbox
      if (static_cast<int>(out.size()) >= limit) break;
      out.push_back(item);
    }
    return out;
  }

  absl::Status ForgetTallies(const std::vector<std::string>& tally_ids) override {
    std::lock_guard lock(mu_);
    if (absl::Status s = WriteFault(); !s.ok()) return s;
    for (const std::string& id : tally_ids) tallies_.erase(id);
    return absl::OkStatus();
  }

  absl::Status CacheCatalog(const v1::Catalog& catalog) override {
    std::lock_guard lock(mu_);
    if (absl::Status s = WriteFault(); !s.ok()) return s;
    catalog_ = catalog;
    return absl::OkStatus();
  }

 private:
  absl::Status WriteFault() {
    if (fail_writes_ == 0) return absl::OkStatus();
    --fail_writes_;
    return absl::UnavailableError("fake outbox: write failed");
  }
  absl::StatusOr<OutboxItem*> Lookup(const std::string& id) {
    auto it = items_.find(id);
    if (it == items_.end()) {
      return absl::NotFoundError(absl::StrCat("fake outbox: no item ", id));
    }
    return &it->second;
  }

  const std::string device_id_;
  std::optional<SealingKey> sealing_key_;
  base::Random& random_;
  std::mutex mu_;
  std::int64_t next_counter_ = 0;              // guarded by mu_
  std::vector<std::string> order_;             // guarded by mu_
  std::map<std::string, OutboxItem> items_;    // guarded by mu_
  std::map<std::string, TallyItem> tallies_;   // guarded by mu_
  std::optional<v1::Catalog> catalog_;
  std::string credential_;         // guarded by mu_
  int fail_writes_ = 0;                        // guarded by mu_
};

}  // namespace carevoice::client::testing
