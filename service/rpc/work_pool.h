// A fixed set of threads running posted work in order of posting. The
// KioskSync methods that take raw bytes run on gRPC's callback threads,
// which must not block; their work (a store commit) is posted here.
//
// Thread-safety: Post from any thread. The destructor runs what is queued,
// then joins.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace carevoice::service::rpc {

class WorkPool {
 public:
  explicit WorkPool(int threads);
  ~WorkPool();
  WorkPool(const WorkPool&) = delete;
  WorkPool& operator=(const WorkPool&) = delete;

  void Post(std::function<void()> work);

 private:
  void Run();

  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_;  // guarded by mu_
  bool stopping_ = false;                    // guarded by mu_
  std::vector<std::thread> threads_;
};

}  // namespace carevoice::service::rpc
