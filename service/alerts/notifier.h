// Telling the safeguarding team at once when an urgent worry arrives. The
// Notifier is told of each new safeguarding worry (never a replay) with
// its id and reference only, never the words. CommandNotifier runs the
// council's configured command for each (e.g. one that mails the team
// through the council's relay), off the request's thread.
//
// Thread-safety: Urgent may be called from any thread.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "absl/time/time.h"

namespace carevoice::service::alerts {

// What an alert carries: enough to find the case, nothing a person said.
struct Urgent {
  std::string submission_id;
  std::string reference;  // canonical, e.g. "KQ7M3RX9"
  std::string channel;    // kiosk, tablet, officer
  absl::Time received_at;
};

class Notifier {
 public:
  virtual ~Notifier() = default;
  // Must not block for long: the caller is answering a kiosk.
  virtual void Arrived(const Urgent& urgent) = 0;
};

// Runs `/bin/sh -c COMMAND` for each alert, one at a time in order, with
// the alert in its environment (CAREVOICE_SUBMISSION_ID,
// CAREVOICE_REFERENCE, CAREVOICE_CHANNEL, CAREVOICE_RECEIVED_AT as RFC
// 3339), stdin from /dev/null. A command still running after `timeout` is
// killed. Each run is logged by submission id and exit status. The
// destructor waits for alerts already queued (each bounded by `timeout`).
class CommandNotifier final : public Notifier {
 public:
  CommandNotifier(std::string command, absl::Duration timeout);
  ~CommandNotifier() override;
  CommandNotifier(const CommandNotifier&) = delete;
  CommandNotifier& operator=(const CommandNotifier&) = delete;

  void Arrived(const Urgent& urgent) override;

 private:
  void Run();
  // The command's exit code, or -1 when it could not start or was killed.
  int RunOne(const Urgent& urgent);

  const std::string command_;
  const absl::Duration timeout_;
  std::mutex mu_;
  std::condition_variable wake_;
  std::deque<Urgent> queue_;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace carevoice::service::alerts
