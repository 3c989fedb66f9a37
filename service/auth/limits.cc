#include "service/auth/limits.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/retry_after.h"

namespace carevoice::service::auth {
namespace {

// One row in this many charges sweeps the rows that no longer limit anyone.
constexpr std::uint64_t kSweepEvery = 1024;

absl::Duration Interval(const Rate& rate) { return rate.per / rate.count; }

}  // namespace

absl::StatusOr<Rate> ParseRate(std::string_view text) {
  const std::size_t slash = text.find('/');
  Rate rate;
  if (slash == std::string_view::npos ||
      !absl::SimpleAtoi(std::string(text.substr(0, slash)), &rate.count) || rate.count < 1 ||
      !absl::ParseDuration(std::string(text.substr(slash + 1)), &rate.per) ||
      rate.per <= absl::ZeroDuration() || rate.per == absl::InfiniteDuration()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", std::string(text),
        "\" is not a rate: give COUNT/PERIOD, a whole count of at least 1 and a period "
        "such as 1m, 30s or 1h (e.g. 120/1m)"));
  }
  return rate;
}

std::string FormatRate(const Rate& rate) {
  return absl::StrCat(rate.count, "/", absl::FormatDuration(rate.per));
}

absl::Status ChargeAll(store::AccessRows& rows, std::span<const Charge> charges,
                       absl::Time now) {
  std::vector<absl::Time> spent_until;
  spent_until.reserve(charges.size());
  absl::Duration wait = absl::ZeroDuration();
  std::string refused;
  for (const Charge& charge : charges) {
    absl::StatusOr<std::optional<absl::Time>> found = rows.FindLimit(charge.key);
    if (!found.ok()) return found.status();
    const absl::Time from = std::max(found->value_or(now), now);
    const std::int64_t cost = std::clamp<std::int64_t>(charge.cost, 0, charge.rate.count);
    const absl::Time until = from + Interval(charge.rate) * cost;
    // More than a whole period ahead: this charge would overdraw.
    if (const absl::Duration over = until - now - charge.rate.per; over > absl::ZeroDuration()) {
      if (over > wait) {
        wait = over;
        refused = charge.what.empty() ? std::string("a limit") : charge.what;
      }
    }
    spent_until.push_back(until);
  }
  if (wait > absl::ZeroDuration()) {
    // Says which limit and when to come back, in whole seconds for people.
    const std::int64_t seconds = absl::ToInt64Seconds(absl::Ceil(wait, absl::Seconds(1)));
    return base::WithRetryAfter(
        absl::ResourceExhaustedError(absl::StrCat("too many requests: ", refused,
                                                  " are over their limit; try again in ",
                                                  seconds, seconds == 1 ? " second" : " seconds")),
        wait);
  }
  for (std::size_t i = 0; i < charges.size(); ++i) {
    if (absl::Status s = rows.PutLimit(charges[i].key, spent_until[i]); !s.ok()) return s;
  }
  return absl::OkStatus();
}

bool Limits::SweepDue() { return charges_.fetch_add(1) % kSweepEvery == kSweepEvery - 1; }

store::AccessCheck Limits::ForBatch(std::string_view device_id, std::int64_t bytes) {
  std::vector<Charge> charges = {
      {absl::StrCat("device/", std::string(device_id), "/batches"), 1, policy_.device_batches,
       "this device's batches"},
      {absl::StrCat("device/", std::string(device_id), "/bytes"), bytes, policy_.device_bytes,
       "this device's bytes"}};
  const absl::Time now = clock_.Now();
  const bool sweep = SweepDue();
  return [charges = std::move(charges), now, sweep](store::AccessRows& rows) -> absl::Status {
    if (sweep) {
      if (absl::Status s = rows.ForgetLimitsBefore(now); !s.ok()) return s;
    }
    return ChargeAll(rows, charges, now);
  };
}

absl::Status Limits::ChargeNow(std::vector<Charge> charges) {
  const absl::Time now = clock_.Now();
  const bool sweep = SweepDue();
  return store_.WithAccess([&](store::AccessTxn& txn) -> absl::Status {
    if (sweep) {
      if (absl::Status s = txn.ForgetLimitsBefore(now); !s.ok()) return s;
    }
    return ChargeAll(txn, charges, now);
  });
}

absl::Status Limits::ChargeDeviceBytes(std::string_view device_id, std::int64_t bytes) {
  return ChargeNow(
      {{absl::StrCat("device/", std::string(device_id), "/bytes"), bytes, policy_.device_bytes,
        "this device's bytes"}});
}

absl::Status Limits::ChargeLookup(std::string_view device_id, std::string_view reference) {
  std::vector<Charge> charges = {{absl::StrCat("device/", std::string(device_id), "/lookups"),
                                  1, policy_.device_lookups, "this device's look-ups"}};
  if (!reference.empty()) {
    charges.push_back({absl::StrCat("reference/", std::string(reference), "/lookups"), 1,
                       policy_.reference_lookups, "look-ups of this reference"});
  }
  return ChargeNow(std::move(charges));
}

absl::Status Limits::ChargeExport(std::string_view account) {
  return ChargeNow(
      {{absl::StrCat("account/", std::string(account), "/exports"), 1, policy_.account_exports,
        "this account's exports"}});
}

}  // namespace carevoice::service::auth
