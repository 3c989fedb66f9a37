#include "service/auth/devices.h"

#include "absl/strings/str_cat.h"
#include "contract/validation.h"
#include "service/auth/passwords.h"

namespace carevoice::service::auth {
namespace {

constexpr std::size_t kMaxSiteBytes = 100;

absl::Time Micros(absl::Time t) { return absl::FromUnixMicros(absl::ToUnixMicros(t)); }

std::string Clock(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d %H:%M UTC", t, absl::UTCTimeZone());
}

}  // namespace

absl::StatusOr<NewEnrolment> Devices::MakeEnrolmentCode(const Caller& by, std::string_view site,
                                                        std::string_view mode,
                                                        absl::Duration valid_for) {
  if (site.empty() || site.size() > kMaxSiteBytes) {
    return absl::InvalidArgumentError("name the site (1 to 100 characters)");
  }
  if (mode != "kiosk" && mode != "tablet") {
    return absl::InvalidArgumentError("a device's mode is kiosk or tablet");
  }
  if (valid_for < absl::Minutes(1) || valid_for > absl::Hours(24 * 7)) {
    return absl::InvalidArgumentError("a code lasts from 1 minute to 7 days");
  }
  const absl::Time now = Micros(clock_.Now());
  NewEnrolment made{NewEnrolmentCode(), Micros(now + valid_for)};
  store::EnrolmentCode row{SecretHash(made.code), std::string(site), std::string(mode), by.name,
                           now, made.expires_at};
  absl::Status s = store_.WithAccess([&](store::AccessTxn& txn) -> absl::Status {
    if (auto put = txn.PutEnrolmentCode(row); !put.ok()) return put;
    return txn.Audit({now, by.name, absl::StrCat("device_code:", row.site), 1});
  });
  if (!s.ok()) return s;
  return made;
}

absl::StatusOr<Enrolled> Devices::Enrol(std::string_view typed, std::string_view device_id) {
  std::optional<std::string> code = CanonicalEnrolmentCode(typed);
  if (!code) {
    return absl::InvalidArgumentError(
        "that is not an enrolment code: 12 letters and digits, like KQ7M-3RX9-ACDE");
  }
  if (!contract::IsValidDeviceId(device_id)) {
    return absl::InvalidArgumentError("device_id must be 3..64 characters of [A-Za-z0-9_-]");
  }
  Enrolled enrolled{NewDeviceCredential()};
  const absl::Time now = Micros(clock_.Now());
  absl::Status s = store_.WithAccess([&](store::AccessTxn& txn) -> absl::Status {
    absl::StatusOr<std::optional<store::EnrolmentCode>> found =
        txn.FindEnrolmentCode(SecretHash(*code));
    if (!found.ok()) return found.status();
    if (!found->has_value()) {
      return absl::NotFoundError("no such enrolment code: check it, or ask an admin for one");
    }
    store::EnrolmentCode c = **found;
    if (c.used_at > absl::UnixEpoch()) {
      return absl::AlreadyExistsError(absl::StrCat(
          "this enrolment code was used already, at ", Clock(c.used_at),
          ": ask an admin for a new one"));
    }
    if (now >= c.expires_at) {
      return absl::FailedPreconditionError(absl::StrCat(
          "this enrolment code expired at ", Clock(c.expires_at), ": ask an admin for a new one"));
    }
    absl::StatusOr<std::optional<store::Device>> existing = txn.FindDevice(device_id);
    if (!existing.ok()) return existing.status();
    if (existing->has_value() && !(*existing)->revoked()) {
      return absl::AlreadyExistsError(absl::StrCat(
          "device ", std::string(device_id),
          " is enrolled already: an admin must revoke it before it is enrolled again"));
    }
    c.used_at = now;
    c.device_id = std::string(device_id);
    if (auto put = txn.PutEnrolmentCode(c); !put.ok()) return put;
    store::Device d{std::string(device_id), c.site, c.mode, SecretHash(enrolled.credential), now};
    if (auto put = txn.PutDevice(d); !put.ok()) return put;
    enrolled.device = d;
    return txn.Audit({now, c.created_by, absl::StrCat("device_enrolled:", d.device_id), 1});
  });
  if (!s.ok()) return s;
  return enrolled;
}

absl::StatusOr<store::Device> Devices::Authenticate(std::string_view credential) {
  if (credential.empty()) {
    return absl::UnauthenticatedError(
        "this device is not enrolled: start it with --enrol CODE (an admin makes codes)");
  }
  if (!LooksLikeDeviceCredential(credential)) {
    return absl::UnauthenticatedError(
        "that is not a CareVoice device credential (damaged?): enrol the device again");
  }
  absl::StatusOr<std::optional<store::Device>> found =
      store_.FindDeviceByCredential(SecretHash(credential));
  if (!found.ok()) return found.status();
  if (!found->has_value()) {
    return absl::UnauthenticatedError(
        "this device's credential is not known here: enrol the device again");
  }
  if ((*found)->revoked()) {
    return absl::UnauthenticatedError(absl::StrCat("this device was revoked at ",
                                                   Clock((*found)->revoked_at),
                                                   ": enrol it again with a new code"));
  }
  return **found;
}

absl::StatusOr<std::vector<store::Device>> Devices::List(const Caller& by) {
  const absl::Time now = Micros(clock_.Now());
  std::vector<store::Device> devices;
  absl::Status s = store_.WithAccess([&](store::AccessTxn& txn) -> absl::Status {
    absl::StatusOr<std::vector<store::Device>> all = txn.ListDevices();
    if (!all.ok()) return all.status();
    devices = *std::move(all);
    return txn.Audit({now, by.name, "device_list", static_cast<std::int64_t>(devices.size())});
  });
  if (!s.ok()) return s;
  return devices;
}

absl::StatusOr<store::Device> Devices::Revoke(const Caller& by, std::string_view device_id) {
  const absl::Time now = Micros(clock_.Now());
  store::Device revoked;
  absl::Status s = store_.WithAccess([&](store::AccessTxn& txn) -> absl::Status {
    absl::StatusOr<std::optional<store::Device>> found = txn.FindDevice(device_id);
    if (!found.ok()) return found.status();
    if (!found->has_value()) {
      return absl::NotFoundError(absl::StrCat("no device ", std::string(device_id)));
    }
    revoked = **found;
    if (revoked.revoked()) return absl::OkStatus();  // already: nothing to record
    revoked.revoked_at = now;
    if (auto put = txn.PutDevice(revoked); !put.ok()) return put;
    return txn.Audit({now, by.name, absl::StrCat("device_revoke:", revoked.device_id), 1});
  });
  if (!s.ok()) return s;
  return revoked;
}

}  // namespace carevoice::service::auth
