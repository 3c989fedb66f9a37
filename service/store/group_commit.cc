#include "service/store/group_commit.h"

#include <utility>
#include <vector>

namespace carevoice::service::store {

GroupCommitter::GroupCommitter(GroupCommitTarget& target)
    : target_(target), writer_([this] { WriterLoop(); }) {}

GroupCommitter::~GroupCommitter() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  writer_.join();  // the writer drains the queue before it returns
}

absl::Status GroupCommitter::Write(WriteJob fn) {
  Job job{std::move(fn), {}};
  std::future<absl::Status> done = job.done.get_future();
  {
    std::lock_guard lock(mu_);
    queue_.push_back(&job);
  }
  cv_.notify_one();
  return done.get();
}

std::size_t GroupCommitter::queued() const {
  std::lock_guard lock(mu_);
  return queue_.size();
}

void GroupCommitter::WriterLoop() {
  while (true) {
    std::deque<Job*> group;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to do
      group.swap(queue_);
    }
    RunGroup(group);
  }
}

void GroupCommitter::RunGroup(const std::deque<Job*>& group) {
  std::vector<absl::Status> results(group.size());
  absl::Status tx = target_.Begin();
  for (std::size_t i = 0; tx.ok() && i < group.size(); ++i) {
    tx = target_.Savepoint();
    if (!tx.ok()) break;
    results[i] = group[i]->fn(target_.txn());
    // A failed job is undone alone; the rest of the group carries on.
    if (!results[i].ok()) tx = target_.RollbackToSavepoint();
    if (tx.ok()) tx = target_.ReleaseSavepoint();
  }
  if (tx.ok()) tx = target_.Commit();
  if (!tx.ok()) {
    // Nothing of this group is durable: every caller hears so.
    target_.Rollback();
    for (absl::Status& r : results) {
      if (r.ok()) r = tx;
    }
  }
  for (std::size_t i = 0; i < group.size(); ++i) {
    group[i]->done.set_value(results[i]);
  }
}

}  // namespace carevoice::service::store
