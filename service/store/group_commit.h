// Group commit, apart from any SQL: one writer thread takes every write job
// waiting, runs them in ONE transaction (each under its own savepoint, so a
// failing job is undone alone), commits once, then answers each caller.
// Many concurrent RPCs thus share one fsync, and a caller is answered only
// after the commit that holds its rows (DESIGN.md rule 1).
//
// Write() may be called from any thread; the GroupCommitTarget is used only
// by the writer thread.
#pragma once

#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

#include "absl/status/status.h"
#include "service/store/engine.h"

namespace carevoice::service::store {

// What an engine provides for group commit. Writer thread only.
class GroupCommitTarget {
 public:
  virtual ~GroupCommitTarget() = default;
  virtual absl::Status Begin() = 0;
  virtual absl::Status Savepoint() = 0;
  virtual absl::Status RollbackToSavepoint() = 0;
  virtual absl::Status ReleaseSavepoint() = 0;
  virtual absl::Status Commit() = 0;
  virtual void Rollback() = 0;
  // The jobs' view of the open transaction.
  virtual WriteTxn& txn() = 0;
};

class GroupCommitter {
 public:
  // Starts the writer thread; `target` must outlive this object.
  explicit GroupCommitter(GroupCommitTarget& target);
  // Runs every job still queued, then stops the writer thread.
  ~GroupCommitter();
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  // Queues `job` and waits until the transaction holding it has committed
  // (the job's status) or failed (the failure).
  absl::Status Write(WriteJob job);

  // Jobs waiting for the next transaction (for tests and diagnostics).
  std::size_t queued() const;

 private:
  struct Job {
    WriteJob fn;
    std::promise<absl::Status> done;
  };
  void WriterLoop();
  void RunGroup(const std::deque<Job*>& group);

  GroupCommitTarget& target_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job*> queue_;  // guarded by mu_
  bool stopping_ = false;   // guarded by mu_
  std::thread writer_;      // last: starts after everything above exists
};

}  // namespace carevoice::service::store
