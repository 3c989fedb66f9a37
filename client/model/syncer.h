// The background syncer: drains the outbox to the service in batches, with
// retries and capped exponential backoff, and keeps the catalog fresh.
// Owns one thread. Start/Stop/Wake/SetListener from any thread; Status()
// from any thread. The listener is called on the syncer thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "base/clock.h"
#include "base/monotonic_clock.h"
#include "base/random.h"
#include "carevoice/v1/carevoice.pb.h"
#include "client/model/outbox.h"
#include "client/model/reference_check.h"
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
  // A batch whose whole call fails as if something in it were bad (not
  // because the service is away or busy) is split in halves, down to one
  // item; an item that fails alone this many times is handed to the
  // service's quarantine, so it cannot hold back the items behind it.
  int poison_attempts = 3;
  // Counted visits (who took part, and how) are held until this many are
  // waiting, or one was made on an earlier day, then go together: a count
  // arriving alone, just after a submission, could be lined up with it.
  int tally_batch = 5;
  // Called on the syncer thread at the end of each pass: whether it worked,
  // and how long the syncer will now sleep unless woken (the backoff after
  // a failure; the time to the next catalog refresh after success). For
  // tests and diagnostics; must not call back into the Syncer.
  std::function<void(bool ok, absl::Duration wait)> on_pass_end;
  // Where the syncer reads the time (for catalog refreshes and waits) and
  // draws its jitter; nullptr means base::MonotonicClock and
  // base::SystemRandom. Tests pass fakes. Must outlive the Syncer.
  const base::Clock* clock = nullptr;
  base::Random* random = nullptr;
  // The device's wall clock, read into each batch so the service can date
  // items right when it is wrong; nullptr means base::SystemClock.
  const base::Clock* wall_clock = nullptr;
  // A call refused under the service's fair limits (RESOURCE_EXHAUSTED)
  // says when to come back (base::RetryAfter): the syncer sends nothing
  // more until then, even when woken, and everything stays queued.
  // A refusal without a wait is treated as any failure (backoff).
  //
  // A one-time enrolment code (the kiosk's --enrol). Exchanged for the
  // device's credential (kept in the outbox) when it has none, or when the
  // service refuses the one it has (revoked); tried at most once per run,
  // as the service accepts a code only once.
  std::string enrol_code;
  // How this device runs ("kiosk" or "tablet"); a code made for the other
  // kind is said so in the log at enrolment. Empty: not checked.
  std::string mode;
};

// What changed, for a listener that wants to be woken instead of polling
// Status() (the UI posts an SDL user event).
struct SyncEvent {
  enum class Kind {
    kDelivered,            // the service acknowledged submission_id
    kCatalogChanged,       // Catalog() has a new catalog (catalog_serial)
    kReachabilityChanged,  // service_reachable became `reachable`
    kChecked,              // a reference check answered (not from the Syncer:
                           // the ReferenceChecker, on the same news channel)
    kRefused,              // the service refused submission_id for good (message_key)
  };
  Kind kind = Kind::kDelivered;
  std::string submission_id{};       // kDelivered
  std::uint64_t catalog_serial = 0;  // kCatalogChanged
  bool reachable = false;            // kReachabilityChanged
  std::uint64_t check_serial = 0;    // kChecked: which question it answers
  std::string message_key{};         // kRefused: why, as a language key
  CheckAnswer check{};               // kChecked
};

struct SyncStatus {
  bool service_reachable = false;  // the last call got an answer
  // Items not yet acknowledged, as of the syncer's last look (Start, each
  // pass; call Wake() after Enqueue to have it look again).
  int pending = 0;
  std::uint64_t delivered_total = 0;  // acknowledged by this Syncer
  std::uint64_t catalog_serial = 0;  // bumps whenever the catalog changes
  // The service refused this device (not enrolled, or revoked) and no code
  // has mended it: everything stays queued, people are still thanked, and
  // staff (never the public) must enrol it again.
  bool needs_enrolment = false;
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

  // Called on the syncer thread after each change, outside the syncer's
  // lock (it may call Status() or Catalog(), but must not block for long
  // or call Stop()). Replaces any earlier listener; empty to remove.
  void SetListener(std::function<void(const SyncEvent&)> listener);

  SyncStatus Status() const;
  // The current catalog: the service's, else the cached copy; nullopt when
  // there has never been one.
  std::optional<v1::Catalog> Catalog() const;

 private:
  void Run();
  // True when every pending item got an answer (the outbox is empty or
  // holds only what arrived meanwhile); false means back off.
  bool DrainOnce();
  // Hands `items` to the service's quarantine with `reason` and marks them
  // settled here; false when the service did not take them.
  bool HandOver(const std::vector<OutboxItem>& items, const std::string& reason);
  // Pins the sealing key the service sent, when it is new to this device
  // (a rotation reaches a tablet at its next contact).
  void TakeSealingKey(const v1::SealingKey& key);
  bool RefreshCatalog();     // true when the service answered
  // Sends the counted visits when tally_batch are waiting or one is from
  // an earlier day; false when the service could not be reached.
  bool SendTallies();
  // Exchanges options_.enrol_code for a credential when the device needs
  // one and the code has not been tried (syncer thread only).
  void EnrolIfNeeded();
  // Records whether a call got an answer (syncer thread only).
  void SetReachable(const absl::Status& call);
  void RefreshPendingCount();
  bool Stopping() const;
  void Notify(const SyncEvent& event);

  Outbox& outbox_;
  Transport& transport_;
  const SyncOptions options_;
  const base::Clock& clock_;
  const base::Clock& wall_clock_;
  base::Random& random_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool wake_ = false;
  SyncStatus status_;
  std::optional<v1::Catalog> catalog_;
  std::function<void(const SyncEvent&)> listener_;
  std::thread thread_;
  // Syncer thread only: the error last logged, so retries do not flood;
  // whether this device has a credential, and whether the code was tried.
  absl::StatusCode last_logged_error_ = absl::StatusCode::kOk;
  bool has_credential_ = false;
  bool code_tried_ = false;
  std::string pinned_key_id_;  // the syncer thread's (and Start's) only
  // Items per batch now: halved while isolating an item that fails every
  // batch, grown back as batches succeed; and how often each item failed
  // alone (this run).
  int batch_limit_ = 0;
  std::unordered_map<std::string, int> failed_alone_;
  // Syncer thread only: no submission or hand-over is sent before this
  // (the service's fair limits asked us to wait).
  absl::Time not_before_ = absl::InfinitePast();
  // Notes a wait the service asked for in `call`; true when it did.
  bool HonourRetryAfter(const absl::Status& call);
};

}  // namespace carevoice::client
