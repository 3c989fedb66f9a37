// Secrets for officers' sign-in, by libsodium: passwords kept only as a
// salted slow hash (Argon2id, crypto_pwhash_str), and random session
// tokens kept only as their SHA-256. Any thread.
#pragma once

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
// What is stored of a token: its SHA-256, hex.
std::string SessionTokenHash(std::string_view token);

}  // namespace carevoice::service::auth
