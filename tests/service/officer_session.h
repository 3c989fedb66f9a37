// For tests that run the real service as a process and then ask it, as an
// officer would, what it holds: the first admin account made in its
// database beforehand, and signing in as it over loopback. Test threads.
#pragma once

#include <grpcpp/grpcpp.h>

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace carevoice::service::testing {

inline constexpr char kTestAdminName[] = "test.admin";
inline constexpr char kTestAdminPassword[] = "test admin's long password";

// Makes the first admin (kTestAdminName) in the database at `db`, creating
// the database if need be; fine when it was made before.
absl::Status EnsureTestAdmin(const std::string& db);

// Signs in as the test admin at `address` (plaintext) and returns the
// session token.
absl::StatusOr<std::string> SignInTestAdmin(const std::string& address);

// A one-time enrolment code for a kiosk, made at `address` by the test
// admin.
absl::StatusOr<std::string> NewEnrolmentCode(const std::string& address);

// Revokes device `device_id` at `address`, as the test admin.
absl::Status RevokeDevice(const std::string& address, const std::string& device_id);

// Sets `context` to carry `token`.
void UseSession(const std::string& token, grpc::ClientContext* context);

}  // namespace carevoice::service::testing
