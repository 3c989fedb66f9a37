// Secrets, by libsodium: officers' passwords kept only as a salted slow
// hash (Argon2id, crypto_pwhash_str); random session tokens, device
// credentials and enrolment codes kept only as their SHA-256 (they carry
// enough randomness that a fast hash is safe). Any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace carevoice::service::auth {

inline constexpr std::size_t kMinPasswordBytes = 12;
inline constexpr std::size_t kMaxPasswordBytes = 256;

// The Argon2id string (salt and cost inside) for `password`. At most two
// hashes run at once: each takes 64 MiB for a tenth of a second or so, and
// a flood of sign-ins must not take the service's memory.
absl::StatusOr<std::string> HashPassword(std::string_view password);

// Whether `password` is the one `hash` was made from. Takes as long for a
// wrong password as a right one; a malformed hash matches nothing.
bool PasswordMatches(std::string_view hash, std::string_view password);

// Spends the time of one PasswordMatches on nothing, so an unknown name
// takes as long to refuse as a wrong password.
void SpendPasswordCheckTime(std::string_view password);

// A new session token: "cvs_" and 43 base64url characters (256 random
// bits).
std::string NewSessionToken();
// Whether `token` has that shape (a typo or another system's token does not).
bool LooksLikeSessionToken(std::string_view token);
// What is stored of a token, credential or code: its SHA-256, hex.
std::string SecretHash(std::string_view secret);
inline std::string SessionTokenHash(std::string_view token) { return SecretHash(token); }

// A new device credential: "cvd_" and 43 base64url characters.
std::string NewDeviceCredential();
bool LooksLikeDeviceCredential(std::string_view credential);

// A new enrolment code: 12 characters of the reference alphabet (no
// look-alikes; about 54 bits), shown and read aloud as "KQ7M-3RX9-ACDE".
std::string NewEnrolmentCode();
// `typed` as the canonical 12 characters (case, spaces and dashes
// ignored); nullopt when it cannot be a code.
std::optional<std::string> CanonicalEnrolmentCode(std::string_view typed);
// "KQ7M3RX9ACDE" -> "KQ7M-3RX9-ACDE".
std::string FormatEnrolmentCode(std::string_view canonical);

}  // namespace carevoice::service::auth
