// For tests that run the real service as a process and then ask it, as an
// officer would, what it holds: the first admin account made in its
// database beforehand, and signing in as it over loopback. Test threads.
#pragma once

#include <grpcpp/grpcpp.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "carevoice/v1/carevoice.pb.h"

namespace carevoice::service::testing {

inline constexpr char kTestAdminName[] = "test.admin";
inline constexpr char kTestAdminPassword[] = "test admin's long password";

// Makes the first admin (kTestAdminName) in the database at `db`, creating
// the database if need be; fine when it was made before.
absl::Status EnsureTestAdmin(const std::string& db);

// Signs in as the test admin at `address` (plaintext) and returns the
// session token.
absl::StatusOr<std::string> SignInTestAdmin(const std::string& address);

inline constexpr char kTestOfficerName[] = "test.officer";

// A one-time enrolment code for a device of `mode` ("kiosk" or "tablet"),
// made at `address` by the test admin.
absl::StatusOr<std::string> NewEnrolmentCode(const std::string& address,
                                             const std::string& mode = "kiosk");

// A new sealing key, made at `address` by the test admin.
absl::StatusOr<v1::SealingKey> RotateSealingKey(const std::string& address);

// Every submission at `address` with its words, read by an officer
// (kTestOfficerName, made by the test admin on first use).
absl::StatusOr<std::vector<v1::SubmissionRecord>> ReadWordsAsOfficer(const std::string& address);

// Revokes device `device_id` at `address`, as the test admin.
absl::Status RevokeDevice(const std::string& address, const std::string& device_id);

// Sets `context` to carry `token`.
void UseSession(const std::string& token, grpc::ClientContext* context);

}  // namespace carevoice::service::testing
