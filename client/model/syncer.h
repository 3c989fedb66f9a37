// The background syncer: drains the outbox to the service in batches, with
// retries and capped exponential backoff, and keeps the catalog fresh.
// Owns one thread. Start/Stop/Wake from any thread; Status() from any
// thread (the UI polls it each frame).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "absl/time/time.h"
#include "carevoice/v1/carevoice.pb.h"
#include "client/model/outbox.h"
#include "client/model/transport.h"

namespace carevoice::client {

struct SyncOptions {
  absl::Duration initial_backoff = absl::Seconds(1);
  absl::Duration max_backoff = absl::Minutes(5);
  absl::Duration rpc_timeout = absl::Seconds(10);
  absl::Duration catalog_refresh = absl::Minutes(5);
  int batch_size = 50;  // items per SubmitBatch, 1..100
};

struct SyncStatus {
  bool service_reachable = false;  // the last call got an answer
  int pending = 0;                 // items not yet acknowledged
  std::uint64_t delivered_total = 0;
  std::uint64_t catalog_serial = 0;  // bumps whenever the catalog changes
};

class Syncer {
 public:
  Syncer(Outbox& outbox, Transport& transport, SyncOptions options);
  ~Syncer();  // stops the thread

  // Loads the cached catalog (so the kiosk has one at once) and starts the
  // thread, which fetches the catalog and drains the outbox.
  void Start();
  void Stop();
  // Something new was queued (or the person is waiting): try now, without
  // waiting out the backoff.
  void Wake();

  SyncStatus Status() const;
  // The current catalog: the service's, else the cached copy; nullopt when
  // there has never been one.
  std::optional<v1::Catalog> Catalog() const;

 private:
  void Run();
  bool DrainOnce();          // true when the service answered
  bool RefreshCatalog();     // true when the service answered

  Outbox& outbox_;
  Transport& transport_;
  const SyncOptions options_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool wake_ = false;
  SyncStatus status_;
  std::optional<v1::Catalog> catalog_;
  std::thread thread_;
};

}  // namespace carevoice::client
