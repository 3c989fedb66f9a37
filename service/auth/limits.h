// Fair limits: how much one device or one account may ask of the service
// per period, so one broken or hostile kiosk cannot crowd out the rest.
// Kept in the store (table `limits`), so every replica counts the same.
//
// Each limit is a Rate ("120 per minute") enforced by GCRA, the generic
// cell rate algorithm: one time per key, "spent until". A charge of `cost`
// moves it on by cost × (per / count); it is refused when that would put it
// more than `per` ahead of now. So a quiet device may burst a whole period's
// allowance at once, then goes at the steady rate; a refusal says exactly
// when the charge would fit (RESOURCE_EXHAUSTED with base::RetryAfter).
//
// Thread-safety: any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "base/clock.h"
#include "service/store/store.h"

namespace carevoice::service::auth {

struct Rate {
  std::int64_t count = 0;  // units per `per`; at least 1
  absl::Duration per = absl::Minutes(1);
};

// "120/1m", "32000000/1m", "6/1h": COUNT/DURATION (absl's duration form).
// INVALID_ARGUMENT, saying what is wrong, for anything else.
absl::StatusOr<Rate> ParseRate(std::string_view text);
std::string FormatRate(const Rate& rate);

// The service's limits. The defaults never hold back an honest kiosk: a
// fortnight offline at a busy library (a few thousand items, 100 to a
// batch) drains in seconds, well inside one minute's allowance.
struct LimitPolicy {
  Rate device_batches{120, absl::Minutes(1)};          // SubmitBatch calls
  Rate device_bytes{32 << 20, absl::Minutes(1)};       // SubmitBatch + Quarantine bytes
  Rate device_lookups{10, absl::Minutes(1)};           // CheckReference calls
  Rate reference_lookups{6, absl::Hours(1)};           // look-ups of one reference
  Rate account_exports{20, absl::Hours(1)};            // ExportSubmissions per account
};

// One charge against one limit.
struct Charge {
  std::string key;  // what is limited, e.g. "device/kiosk-1/batches"
  std::int64_t cost = 1;
  Rate rate{};
  // Said in a refusal: whose limit, in words without ids ("this device's
  // batches"), since a refusal may be shown or logged.
  std::string what{};
};

// Charges every one of `charges` at `now`, or none: when any would exceed
// its rate, nothing is written and the answer is RESOURCE_EXHAUSTED with
// the longest wait (base::RetryAfter). A cost above a rate's whole count is
// charged as the whole count, so one large item can always pass in time.
absl::Status ChargeAll(store::AccessRows& rows, std::span<const Charge> charges,
                       absl::Time now);

class Limits {
 public:
  // `store` and `clock` must outlive this.
  Limits(store::Store& store, const base::Clock& clock, LimitPolicy policy = {})
      : store_(store), clock_(clock), policy_(policy) {}

  const LimitPolicy& policy() const { return policy_; }

  // The check a SubmitBatch of `bytes` from `device_id` runs inside the
  // transaction that stores it (store::PutSubmissions).
  store::AccessCheck ForBatch(std::string_view device_id, std::int64_t bytes);
  // Each in its own transaction. Quarantined items and counted visits share
  // the device's bytes with its batches.
  absl::Status ChargeDeviceBytes(std::string_view device_id, std::int64_t bytes);
  // `reference` in canonical form; empty when malformed (only the
  // device's look-ups are charged then).
  absl::Status ChargeLookup(std::string_view device_id, std::string_view reference);
  absl::Status ChargeExport(std::string_view account);

 private:
  absl::Status ChargeNow(std::vector<Charge> charges);
  // Every so many charges, old rows are swept (in that charge's
  // transaction), so the table holds only what still limits someone.
  bool SweepDue();

  store::Store& store_;
  const base::Clock& clock_;
  const LimitPolicy policy_;
  std::atomic<std::uint64_t> charges_{0};
};

}  // namespace carevoice::service::auth
