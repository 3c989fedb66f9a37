// The syncer's thread: refresh the catalog when due, drain the outbox in
// batches, then sleep until the next refresh, a Wake(), or the end of a
// backoff. mu_ guards only the shared state (status, catalog, flags); it is
// never held across an rpc or a disk write, so Status() never waits on I/O.
#include "client/model/syncer.h"

#include <algorithm>
#include <iostream>
#include <span>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/proto_time.h"
#include "base/retry_after.h"
#include "contract/limits.h"
#include "contract/validation.h"

namespace carevoice::client {
namespace {

// Diagnostics only: ids, codes and rpc errors, never what a person said.
void LogWarning(std::string_view what, const absl::Status& status) {
  std::cerr << "syncer: " << what << ": " << status << "\n";
}

// A per-item refusal the service might not repeat (its store was busy or
// failing): the item stays pending instead of being marked rejected, since
// nothing acknowledged to a person may be lost.
bool IsTransient(int code) {
  switch (static_cast<absl::StatusCode>(code)) {
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
    case absl::StatusCode::kResourceExhausted:
    case absl::StatusCode::kAborted:
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kUnknown:
    case absl::StatusCode::kCancelled:
      return true;
    default:
      return false;
  }
}

// A whole call failing like this says something in the batch may be bad
// (not that the service is away, busy or does not know the device).
bool MayBePoison(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kDataLoss:
    case absl::StatusCode::kUnknown:
    case absl::StatusCode::kOutOfRange:
      return true;
    default:
      return false;
  }
}

}  // namespace

Syncer::Syncer(Outbox& outbox, Transport& transport, SyncOptions options)
    : outbox_(outbox),
      transport_(transport),
      options_(std::move(options)),
      clock_(options_.clock != nullptr ? *options_.clock
                                       : base::MonotonicClock::Get()),
      wall_clock_(options_.wall_clock != nullptr ? *options_.wall_clock
                                                 : base::SystemClock::Get()),
      random_(options_.random != nullptr ? *options_.random
                                         : base::SystemRandom::Get()) {}

Syncer::~Syncer() { Stop(); }

void Syncer::Start() {
  if (thread_.joinable()) return;
  // Before the thread starts, so a kiosk restarted while the service is
  // down shows its last good catalog on the first frame.
  absl::StatusOr<std::optional<v1::Catalog>> cached = outbox_.CachedCatalog();
  if (!cached.ok()) LogWarning("cached catalog", cached.status());
  {
    std::lock_guard lock(mu_);
    stop_ = false;
    if (cached.ok() && cached->has_value() && !catalog_) {
      catalog_ = **std::move(cached);
      ++status_.catalog_serial;
    }
  }
  absl::StatusOr<std::string> credential = outbox_.Credential();
  if (!credential.ok()) LogWarning("credential", credential.status());
  has_credential_ = credential.ok() && !credential->empty();
  if (has_credential_) transport_.UseCredential(*credential);
  absl::StatusOr<std::optional<SealingKey>> pinned = outbox_.PinnedSealingKey();
  if (!pinned.ok()) LogWarning("sealing key", pinned.status());
  if (pinned.ok() && pinned->has_value()) pinned_key_id_ = (*pinned)->key_id;
  RefreshPendingCount();
  thread_ = std::thread(&Syncer::Run, this);
}

void Syncer::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Syncer::Wake() {
  {
    std::lock_guard lock(mu_);
    wake_ = true;
  }
  cv_.notify_all();
}

void Syncer::SetListener(std::function<void(const SyncEvent&)> listener) {
  std::lock_guard lock(mu_);
  listener_ = std::move(listener);
}

void Syncer::Notify(const SyncEvent& event) {
  std::function<void(const SyncEvent&)> listener;
  {
    std::lock_guard lock(mu_);
    listener = listener_;
  }
  if (listener) listener(event);
}

SyncStatus Syncer::Status() const {
  std::lock_guard lock(mu_);
  return status_;
}

std::optional<v1::Catalog> Syncer::Catalog() const {
  std::lock_guard lock(mu_);
  return catalog_;
}

bool Syncer::Stopping() const {
  std::lock_guard lock(mu_);
  return stop_;
}

void Syncer::SetReachable(const absl::Status& call) {
  bool changed = false;
  bool refused_now = false;
  {
    std::lock_guard lock(mu_);
    changed = status_.service_reachable != call.ok();
    status_.service_reachable = call.ok();
    // Any answer but "who are you?" says the device is known.
    const bool refused = call.code() == absl::StatusCode::kUnauthenticated;
    if (call.ok() || refused) {
      refused_now = refused && !status_.needs_enrolment;
      status_.needs_enrolment = refused;
    }
  }
  if (refused_now) {
    // For staff, in the device's log; the public sees nothing of it.
    std::cerr << "syncer: the service refuses this device (" << call.message()
              << "); everything stays queued until it is enrolled again "
                 "(start it with --enrol CODE; an admin makes codes)\n";
  }
  if (changed) {
    SyncEvent event;
    event.kind = SyncEvent::Kind::kReachabilityChanged;
    event.reachable = call.ok();
    Notify(event);
  }
  // One line when the service goes away (or fails differently), not one
  // per retry: a kiosk may be offline for days.
  if (call.ok()) {
    last_logged_error_ = absl::StatusCode::kOk;
  } else if (call.code() != last_logged_error_) {
    last_logged_error_ = call.code();
    LogWarning(base::RetryAfter(call) ? "service asks this kiosk to wait; everything stays queued"
                                      : "service call failed; retrying with backoff",
               call);
  }
}

void Syncer::RefreshPendingCount() {
  absl::StatusOr<int> pending = outbox_.PendingCount();
  if (!pending.ok()) {
    LogWarning("pending count", pending.status());
    return;
  }
  std::lock_guard lock(mu_);
  status_.pending = *pending;
}

void Syncer::Run() {
  const double spread = std::clamp(options_.backoff_jitter, 0.0, 1.0);
  absl::Duration backoff = options_.initial_backoff;
  absl::Time next_refresh = clock_.Now();  // fetch at once

  for (;;) {
    {
      std::lock_guard lock(mu_);
      if (stop_) return;
      wake_ = false;  // whatever it asked for, this pass does
    }
    EnrolIfNeeded();
    bool ok = true;
    if (clock_.Now() >= next_refresh) {
      if (RefreshCatalog()) {
        next_refresh = clock_.Now() + options_.catalog_refresh;
      } else {
        ok = false;
      }
    }
    // Submissions go even when the catalog call failed: they do not need
    // it; but not while the service has asked us to wait.
    const bool held = clock_.Now() < not_before_;
    if (held || !DrainOnce()) ok = false;
    // Visits are counted after the words are safe, and never while held.
    if (ok && !SendTallies()) ok = false;

    absl::Duration wait = next_refresh - clock_.Now();
    if (clock_.Now() < not_before_) {
      // Exactly as long as asked, not the growing backoff: the service is
      // up and said when it will take more.
      wait = std::min(wait, not_before_ - clock_.Now());
    } else if (!ok) {
      // A factor in [1 - spread, 1 + spread].
      const double factor =
          1.0 + spread * (2.0 * base::RandomUnit(random_) - 1.0);
      wait = std::min(backoff * factor, options_.max_backoff);
      backoff = std::min(backoff * 2, options_.max_backoff);
    } else {
      backoff = options_.initial_backoff;
    }
    wait = std::max(wait, absl::ZeroDuration());
    if (options_.on_pass_end) options_.on_pass_end(ok, wait);
    // Capped so an infinite refresh interval cannot overflow the chrono
    // conversion; waking early only runs one more (cheap) pass.
    const absl::Duration sleep = std::min(wait, absl::Hours(24));
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, absl::ToChronoNanoseconds(sleep),
                 [this] { return stop_ || wake_; });
  }
}

bool Syncer::SendTallies() {
  absl::StatusOr<std::vector<TallyItem>> waiting =
      outbox_.PendingTallies(static_cast<int>(contract::kMaxBatchItems));
  if (!waiting.ok()) {
    LogWarning("read counted visits", waiting.status());
    return false;
  }
  std::vector<std::string> unreadable;
  std::vector<TallyItem> tallies;
  for (TallyItem& t : *waiting) {
    if (t.damaged) {
      unreadable.push_back(t.tally_id);
    } else {
      tallies.push_back(std::move(t));
    }
  }
  // A count whose bytes were damaged cannot be sent; it holds no words.
  if (!unreadable.empty()) {
    std::cerr << "syncer: " << unreadable.size() << " damaged visit count(s) forgotten\n";
    if (absl::Status s = outbox_.ForgetTallies(unreadable); !s.ok()) {
      LogWarning("forget damaged visit counts", s);
    }
  }
  if (tallies.empty()) return true;
  const absl::CivilDay today = absl::ToCivilDay(wall_clock_.Now(), absl::UTCTimeZone());
  const bool from_earlier_day = std::any_of(tallies.begin(), tallies.end(),
                                            [&](const TallyItem& t) { return t.made_on < today; });
  if (static_cast<int>(tallies.size()) < std::max(options_.tally_batch, 1) && !from_earlier_day) {
    return true;  // held for company
  }
  auto send = [&](std::span<const TallyItem> some) {
    v1::CountTakingPartRequest request;
    request.set_device_id(outbox_.device_id());
    for (const TallyItem& t : some) {
      if (t.sealed_key_id.empty()) {
        *request.add_tallies() = t.tally;
      } else {
        v1::SealedSubmission& sealed = *request.add_sealed();
        sealed.set_submission_id(t.tally_id);
        sealed.set_key_id(t.sealed_key_id);
        sealed.set_sealed(t.sealed);
      }
    }
    absl::Status s = transport_.CountTakingPart(request, options_.rpc_timeout);
    SetReachable(s);
    return s;
  };
  auto forget = [&](std::span<const TallyItem> some) {
    std::vector<std::string> ids;
    for (const TallyItem& t : some) ids.push_back(t.tally_id);
    if (absl::Status s = outbox_.ForgetTallies(ids); !s.ok()) {
      LogWarning("forget counted visits (sent again; counted once)", s);
    }
  };
  // Refused for good: something in it can never be counted (a key the
  // service no longer has). Tried one by one, so only that one is lost.
  auto refused = [](const absl::Status& s) {
    return s.code() == absl::StatusCode::kInvalidArgument ||
           s.code() == absl::StatusCode::kFailedPrecondition;
  };
  const absl::Status all = send(tallies);
  if (all.ok()) {
    forget(tallies);
    return true;
  }
  // A service older than counting: they wait, and the words still flow.
  if (all.code() == absl::StatusCode::kUnimplemented) return true;
  if (!refused(all)) return false;
  int lost = 0;
  for (std::size_t i = 0; i < tallies.size(); ++i) {
    const std::span<const TallyItem> one(&tallies[i], 1);
    const absl::Status s = send(one);
    if (!s.ok() && !refused(s)) return false;
    lost += s.ok() ? 0 : 1;
    forget(one);
  }
  if (lost > 0) std::cerr << "syncer: " << lost << " visit count(s) refused by the service\n";
  return true;
}

void Syncer::EnrolIfNeeded() {
  if (options_.enrol_code.empty() || code_tried_) return;
  if (has_credential_ && !Status().needs_enrolment) return;
  v1::EnrolRequest request;
  request.set_code(options_.enrol_code);
  request.set_device_id(outbox_.device_id());
  absl::StatusOr<v1::EnrolResponse> response =
      transport_.Enrol(request, options_.rpc_timeout);
  if (!response.ok()) {
    const bool unreachable = response.status().code() == absl::StatusCode::kUnavailable ||
                             response.status().code() == absl::StatusCode::kDeadlineExceeded;
    if (unreachable) return;  // the same code is tried again on the next pass
    code_tried_ = true;       // used, expired or unknown: it will not work later
    std::cerr << "syncer: enrolment refused: " << response.status().message() << "\n";
    return;
  }
  code_tried_ = true;
  // Kept even if saving fails, for this run; the log says so.
  if (absl::Status s = outbox_.SaveCredential(response->credential()); !s.ok()) {
    LogWarning("save credential (this run only)", s);
  }
  transport_.UseCredential(response->credential());
  has_credential_ = true;
  TakeSealingKey(response->sealing_key());
  {
    std::lock_guard lock(mu_);
    status_.needs_enrolment = false;
  }
  std::cerr << "syncer: enrolled as a " << response->mode() << " at " << response->site()
            << "\n";
  if (!options_.mode.empty() && response->mode() != options_.mode) {
    // For staff: the code was made for the other kind of device.
    std::cerr << "syncer: this device runs as a " << options_.mode << " but its code was made for a "
              << response->mode() << "; start it with --mode " << response->mode()
              << ", or enrol it with a code made for a " << options_.mode << "\n";
  }
}

bool Syncer::RefreshCatalog() {
  v1::GetCatalogRequest request;
  request.set_device_id(outbox_.device_id());
  {
    std::lock_guard lock(mu_);
    if (catalog_) request.set_known_version(catalog_->version());
  }
  absl::StatusOr<v1::GetCatalogResponse> response =
      transport_.GetCatalog(request, options_.rpc_timeout);
  SetReachable(response.status());
  if (!response.ok()) return false;
  TakeSealingKey(response->sealing_key());
  if (response->unchanged() ||
      (request.known_version().size() > 0 &&
       response->catalog().version() == request.known_version())) {
    return true;
  }
  // A bad catalog from the service must not replace the good one the kiosk
  // is showing; it is fetched again at the next refresh.
  if (std::optional<contract::FieldError> bad =
          contract::ValidateCatalog(response->catalog())) {
    LogWarning("catalog from service refused",
               absl::InvalidArgumentError(bad->field + ": " + bad->message_key));
    return true;
  }
  if (absl::Status s = outbox_.CacheCatalog(response->catalog()); !s.ok()) {
    LogWarning("cache catalog", s);  // still shown; lost only on restart
  }
  SyncEvent event;
  event.kind = SyncEvent::Kind::kCatalogChanged;
  {
    std::lock_guard lock(mu_);
    catalog_ = std::move(*response->mutable_catalog());
    event.catalog_serial = ++status_.catalog_serial;
  }
  Notify(event);
  return true;
}

void Syncer::TakeSealingKey(const v1::SealingKey& key) {
  if (key.key_id().empty() || key.key_id() == pinned_key_id_) return;
  if (absl::Status s = outbox_.PinSealingKey({key.key_id(), key.public_key()}); !s.ok()) {
    LogWarning("pin sealing key (tried again at the next contact)", s);
    return;
  }
  // Items already sealed to the old key still open at the service.
  pinned_key_id_ = key.key_id();
  std::cerr << "syncer: sealing to key " << key.key_id() << " from now on\n";
}

bool Syncer::HandOver(const std::vector<OutboxItem>& items, const std::string& reason) {
  v1::QuarantineRequest request;
  request.set_device_id(outbox_.device_id());
  for (const OutboxItem& item : items) {
    v1::QuarantinedItem* out = request.add_items();
    out->set_submission_id(item.submission_id);
    if (item.damaged) {
      out->set_raw(item.raw_body);
    } else if (!item.sealed_key_id.empty()) {
      // Still sealed: only the service can open it (and will).
      out->set_raw(item.sealed);
      out->set_sealed_key_id(item.sealed_key_id);
    } else {
      // The PIN is the person's key to their reference: no officer needs it.
      v1::Submission kept = item.submission;
      kept.clear_pin();
      out->set_raw(kept.SerializeAsString());
    }
    out->set_reason(reason);
  }
  absl::Status handed = transport_.Quarantine(request, options_.rpc_timeout);
  SetReachable(handed);
  HonourRetryAfter(handed);
  if (!handed.ok()) return false;
  for (const OutboxItem& item : items) {
    if (absl::Status s = outbox_.MarkRejected(item.submission_id, "", "error.quarantined");
        !s.ok()) {
      LogWarning("mark quarantined", s);
      return false;
    }
    // The id only: what it says is at the service now.
    std::cerr << "syncer: handed " << item.submission_id << " to the service's quarantine ("
              << reason << ")\n";
  }
  RefreshPendingCount();
  return true;
}

bool Syncer::HonourRetryAfter(const absl::Status& call) {
  if (call.code() != absl::StatusCode::kResourceExhausted) return false;
  std::optional<absl::Duration> wait = base::RetryAfter(call);
  if (!wait) return false;
  // Never longer than the longest backoff, whatever a service says.
  not_before_ = clock_.Now() + std::min(*wait, options_.max_backoff);
  return true;
}

bool Syncer::DrainOnce() {
  const int full_batch = std::clamp(options_.batch_size, 1, 100);
  if (batch_limit_ < 1) batch_limit_ = full_batch;
  // Each round either moves every item of its batch out of pending, halves
  // the batch, or returns, so the loop ends even while new items arrive.
  while (!Stopping()) {
    absl::StatusOr<std::vector<OutboxItem>> pending = outbox_.Pending(batch_limit_);
    if (!pending.ok()) {
      LogWarning("read outbox", pending.status());
      return false;
    }
    if (pending->empty()) {
      RefreshPendingCount();
      return true;
    }
    // Damaged bytes cannot be sent as a submission: they go to the
    // quarantine, and the rest go on.
    std::vector<OutboxItem> damaged;
    std::vector<OutboxItem> items;
    for (OutboxItem& item : *pending) {
      (item.damaged ? damaged : items).push_back(std::move(item));
    }
    if (!damaged.empty()) {
      if (!HandOver(damaged, "its bytes were damaged on the device and cannot be read")) {
        return false;
      }
      if (items.empty()) continue;
    }

    v1::SubmitBatchRequest request;
    request.set_device_id(outbox_.device_id());
    // Our clock reading, so the service can date the items right even when
    // this clock is wrong.
    base::SetProtoTimestamp(wall_clock_.Now(), request.mutable_device_time());
    for (const OutboxItem& item : items) {
      if (item.sealed_key_id.empty()) {
        *request.add_submissions() = item.submission;
      } else {
        v1::SealedSubmission* sealed = request.add_sealed();
        sealed->set_submission_id(item.submission_id);
        sealed->set_key_id(item.sealed_key_id);
        sealed->set_sealed(item.sealed);
      }
    }
    absl::StatusOr<v1::SubmitBatchResponse> response =
        transport_.SubmitBatch(request, options_.rpc_timeout);
    SetReachable(response.status());
    HonourRetryAfter(response.status());
    if (response.ok()) TakeSealingKey(response->sealing_key());
    if (!response.ok() && MayBePoison(response.status().code())) {
      if (items.size() > 1) {
        // Something in it may be bad: try the halves, the first at once.
        batch_limit_ = static_cast<int>(items.size() / 2);
        continue;
      }
      const OutboxItem& alone = items.front();
      if (++failed_alone_[alone.submission_id] >= options_.poison_attempts) {
        failed_alone_.erase(alone.submission_id);
        if (!HandOver({alone}, absl::StrCat("every batch holding it failed: ",
                                            response.status().message()))) {
          return false;
        }
        continue;
      }
    }

    std::unordered_map<std::string, const v1::ItemResult*> results;
    if (response.ok()) {
      for (const v1::ItemResult& result : response->results()) {
        results.emplace(result.submission_id(), &result);
      }
    }
    bool all_answered = response.ok();
    for (const OutboxItem& item : items) {
      auto it = results.find(item.submission_id);
      const v1::ItemResult* result = it == results.end() ? nullptr : it->second;
      absl::Status applied = absl::UnknownError("no answer");
      if (result == nullptr) {
        // Left pending; counted below.
      } else if (result->outcome() == v1::ItemResult::OUTCOME_STORED ||
                 result->outcome() == v1::ItemResult::OUTCOME_ALREADY_STORED) {
        applied = outbox_.MarkDelivered(item.submission_id);
        if (applied.ok()) {
          {
            std::lock_guard lock(mu_);
            ++status_.delivered_total;
          }
          SyncEvent event;
          event.kind = SyncEvent::Kind::kDelivered;
          event.submission_id = item.submission_id;
          Notify(event);
        }
      } else if (result->outcome() == v1::ItemResult::OUTCOME_REJECTED &&
                 !IsTransient(result->code())) {
        applied = outbox_.MarkRejected(item.submission_id, result->field(),
                                       result->message_key());
        if (applied.ok()) {
          SyncEvent event;
          event.kind = SyncEvent::Kind::kRefused;
          event.submission_id = item.submission_id;
          event.message_key = result->message_key();
          Notify(event);
        }
      }
      if (!applied.ok()) {
        all_answered = false;
        if (absl::Status s = outbox_.CountAttempt(item.submission_id);
            !s.ok()) {
          LogWarning("count attempt", s);
        }
      }
    }
    RefreshPendingCount();
    if (!all_answered) return false;
    batch_limit_ = std::min(full_batch, batch_limit_ * 2);  // grows back
  }
  return true;
}

}  // namespace carevoice::client
