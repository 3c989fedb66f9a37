// The officer console's calls to the service, made off the window's thread:
// the console posts an OfficerCall and goes on drawing (and saying) "asking
// the service"; the answer comes back as an OfficerAnswer through the
// callback, on the worker's thread (the console queues it and wakes the
// window). One call at a time, in the order posted, through the shared
// OfficerClient.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "absl/status/statusor.h"
#include "client/model/officer_calls.h"

namespace carevoice::client {

class OfficerClient;

// Writes a committee pack's figures in a format ("pdf", "html", "xlsx",
// "csv", "md"): the packs renderers, given by the program (the model does
// not link them).
using PackRenderer = std::function<absl::StatusOr<std::string>(
    const std::string& format, const v1::CommitteeReport& report)>;

// Makes `call` through `client` (blocking) and says how it went. An export
// or a pack (written by `render`) goes to its file whole or not at all
// (client/model/whole_file.h), and tells `progress` how far it has got as
// it goes.
OfficerAnswer MakeCall(OfficerClient& client, const OfficerCall& call,
                       const std::function<void(const OfficerAnswer&)>& progress = {},
                       const PackRenderer& render = {});

class OfficerWorker {
 public:
  using Listener = std::function<void(OfficerAnswer)>;
  OfficerWorker(OfficerClient& client, Listener listener, PackRenderer render = {});
  // Waits for the call under way (each has a deadline); drops the rest.
  ~OfficerWorker();
  OfficerWorker(const OfficerWorker&) = delete;
  OfficerWorker& operator=(const OfficerWorker&) = delete;

  void Post(OfficerCall call);

 private:
  void Loop();

  OfficerClient& client_;
  Listener listener_;
  PackRenderer render_;
  std::mutex mu_;
  std::condition_variable wake_;
  std::deque<OfficerCall> calls_;  // guarded by mu_
  bool stopping_ = false;          // guarded by mu_
  std::thread thread_;
};

}  // namespace carevoice::client
