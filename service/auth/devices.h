// Enrolled devices: an admin makes a one-time enrolment code for a site; a
// kiosk or tablet exchanges it, once, for its own credential; every call a
// device makes carries that credential, which the service knows only by its
// hash; an admin can revoke a device, and a revoked device can be enrolled
// again with a new code, keeping its id (so its queued references stay
// its own). All of it lives in the store; changes are audited.
//
// Thread-safety: any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "base/clock.h"
#include "service/auth/accounts.h"
#include "service/store/store.h"

namespace carevoice::service::auth {

inline constexpr absl::Duration kDefaultEnrolmentValidity = absl::Hours(24);

struct Enrolled {
  std::string credential;  // secret: the device's alone
  store::Device device{};
};

struct NewEnrolment {
  std::string code;  // shown as "KQ7M-3RX9-ACDE"
  absl::Time expires_at;
};

class Devices {
 public:
  // `store` and `clock` must outlive this.
  Devices(store::Store& store, const base::Clock& clock) : store_(store), clock_(clock) {}

  // A code that enrols one device at `site` as `mode` ("kiosk" or
  // "tablet") within `valid_for` (1 minute to 7 days). Audited.
  absl::StatusOr<NewEnrolment> MakeEnrolmentCode(const Caller& by, std::string_view site,
                                                 std::string_view mode,
                                                 absl::Duration valid_for);

  // Exchanges `code` for a new credential of the device `device_id`. Each
  // way it can fail has its own status: a malformed code INVALID_ARGUMENT,
  // an unknown one NOT_FOUND, one used before ALREADY_EXISTS, an expired
  // one FAILED_PRECONDITION; a device id enrolled and not revoked is
  // refused too (ALREADY_EXISTS), so no code can take over a working
  // device. Audited, in the name of the admin who made the code.
  absl::StatusOr<Enrolled> Enrol(std::string_view code, std::string_view device_id);

  // The device a credential belongs to. UNAUTHENTICATED, each with its own
  // message, when there is none, it is malformed, it is not known, or the
  // device was revoked. A read only: kiosks call this on every call.
  absl::StatusOr<store::Device> Authenticate(std::string_view credential);

  absl::StatusOr<std::vector<store::Device>> List(const Caller& by);
  // Revokes `device_id` at once (NOT_FOUND for an unknown id). Audited.
  absl::StatusOr<store::Device> Revoke(const Caller& by, std::string_view device_id);

 private:
  store::Store& store_;
  const base::Clock& clock_;
};

}  // namespace carevoice::service::auth
