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

#include "client/model/officer_calls.h"

namespace carevoice::client {

class OfficerClient;

// Makes `call` through `client` (blocking) and says how it went. An export
// writes its file whole or not at all (client/model/whole_file.h), and
// tells `progress` how far it has got as it goes.
OfficerAnswer MakeCall(OfficerClient& client, const OfficerCall& call,
                       const std::function<void(const OfficerAnswer&)>& progress = {});

class OfficerWorker {
 public:
  using Listener = std::function<void(OfficerAnswer)>;
  OfficerWorker(OfficerClient& client, Listener listener);
  // Waits for the call under way (each has a deadline); drops the rest.
  ~OfficerWorker();
  OfficerWorker(const OfficerWorker&) = delete;
  OfficerWorker& operator=(const OfficerWorker&) = delete;

  void Post(OfficerCall call);

 private:
  void Loop();

  OfficerClient& client_;
  Listener listener_;
  std::mutex mu_;
  std::condition_variable wake_;
  std::deque<OfficerCall> calls_;  // guarded by mu_
  bool stopping_ = false;          // guarded by mu_
  std::thread thread_;
};

}  // namespace carevoice::client
