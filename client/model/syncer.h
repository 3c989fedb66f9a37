// The background syncer: drains the outbox to the service in batches, with
// retries and capped exponential backoff, and keeps the catalog fresh.
// Owns one thread. Start/Stop/Wake from any thread; Status() from any
// thread. What changes is told as it happens to a listener (SetListener),
// so a window can sleep until there is news.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "carevoice/v1/carevoice.pb.h"
#include "client/model/outbox.h"
#include "client/model/transport.h"

namespace carevoice::client {

struct SyncOptions {
  // After a failed pass the syncer waits initial_backoff, doubling after
  // each further failure up to max_backoff; a pass that works resets it.
  absl::Duration initial_backoff = absl::Seconds(1);
  absl::Duration max_backoff = absl::Minutes(5);
  // Each wait is scaled by a random factor in [1 - jitter, 1 + jitter] (and
  // never exceeds max_backoff), so kiosks that lost the service together do
  // not all come back in the same second.
  double backoff_jitter = 0.2;
  absl::Duration rpc_timeout = absl::Seconds(10);
  absl::Duration catalog_refresh = absl::Minutes(5);
  int batch_size = 50;  // items per SubmitBatch, 1..100
  // Called on the syncer thread at the end of each pass: whether it worked,
  // and how long the syncer will now sleep unless woken (the backoff after
  // a failure; the time to the next catalog refresh after success). For
  // tests and diagnostics; must not call back into the Syncer.
  std::function<void(bool ok, absl::Duration wait)> on_pass_end;
};

struct SyncStatus {
  bool service_reachable = false;  // the last call got an answer
  // Items not yet acknowledged, as of the syncer's last look (Start, each
  // pass; call Wake() after Enqueue to have it look again).
  int pending = 0;
  std::uint64_t delivered_total = 0;  // acknowledged by this Syncer
  std::uint64_t catalog_serial = 0;  // bumps whenever the catalog changes
};

// News from the syncer, told as it happens.
struct SyncEvent {
  enum class Kind {
    kDelivered,       // `submission_id` is stored at the service
    kCatalogChanged,  // Catalog() has a new version
    kReachability,    // the service became reachable, or stopped being
  };
  Kind kind = Kind::kDelivered;
  std::string submission_id{};
  bool reachable = false;  // kReachability
};

class Syncer {
 public:
  // `outbox` and `transport` must outlive the Syncer. Items the service
  // refuses for good (bad field, id conflict) are marked rejected; items it
  // refuses for a passing reason (UNAVAILABLE, INTERNAL, ...) stay pending.
  Syncer(Outbox& outbox, Transport& transport, SyncOptions options);
  ~Syncer();  // stops the thread

  // Loads the cached catalog (so the kiosk has one at once) and starts the
  // thread, which fetches the catalog and drains the outbox.
  void Start();
  // Returns once the thread has ended: at most about one rpc_timeout.
  void Stop();
  // Something new was queued (or the person is waiting): try now, without
  // waiting out the backoff.
  void Wake();

  SyncStatus Status() const;
  // Called on the syncer thread (and in Start, for a cached catalog) with
  // each piece of news. It must be quick and must not call back into the
  // Syncer: the kiosk queues the news and wakes its window.
  void SetListener(std::function<void(const SyncEvent&)> listener);
  // The current catalog: the service's, else the cached copy; nullopt when
  // there has never been one.
  std::optional<v1::Catalog> Catalog() const;

 private:
  void Run();
  // True when every pending item got an answer (the outbox is empty or
  // holds only what arrived meanwhile); false means back off.
  bool DrainOnce();
  bool RefreshCatalog();     // true when the service answered
  // Records whether a call got an answer (syncer thread only).
  void SetReachable(const absl::Status& call);
  void RefreshPendingCount();
  bool Stopping() const;
  void Tell(const SyncEvent& event);

  Outbox& outbox_;
  Transport& transport_;
  const SyncOptions options_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool wake_ = false;
  SyncStatus status_;
  std::optional<v1::Catalog> catalog_;
  std::function<void(const SyncEvent&)> listener_;  // guarded by mu_
  std::thread thread_;
  // Syncer thread only: the error last logged, so retries do not flood.
  absl::StatusCode last_logged_error_ = absl::StatusCode::kOk;
};

}  // namespace carevoice::client
