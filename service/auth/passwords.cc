#include "service/auth/passwords.h"

#include <sodium.h>

#include <semaphore>

#include "absl/status/status.h"

namespace carevoice::service::auth {
namespace {

constexpr std::string_view kTokenPrefix = "cvs_";
constexpr std::size_t kTokenBytes = 32;

void InitSodium() {
  // Safe to race: libsodium guards it.
  [[maybe_unused]] static const int ready = sodium_init();
}

// Two slow hashes at a time at most (see HashPassword).
std::counting_semaphore<2>& HashSlots() {
  static std::counting_semaphore<2> slots(2);
  return slots;
}

class SlotLease {
 public:
  SlotLease() { HashSlots().acquire(); }
  ~SlotLease() { HashSlots().release(); }
  SlotLease(const SlotLease&) = delete;
  SlotLease& operator=(const SlotLease&) = delete;
};

}  // namespace

absl::StatusOr<std::string> HashPassword(std::string_view password) {
  InitSodium();
  char out[crypto_pwhash_STRBYTES];
  SlotLease lease;
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return absl::ResourceExhaustedError("not enough memory to hash a password");
  }
  return std::string(out);
}

bool PasswordMatches(std::string_view hash, std::string_view password) {
  InitSodium();
  // crypto_pwhash_str_verify wants a NUL-terminated string of at most
  // crypto_pwhash_STRBYTES.
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string terminated(hash);
  SlotLease lease;
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

void SpendPasswordCheckTime(std::string_view password) {
  // A hash made once, of nothing anyone types, at today's cost.
  static const std::string decoy = [] {
    absl::StatusOr<std::string> h = HashPassword("carevoice: no such account");
    return h.ok() ? *h : std::string();
  }();
  (void)PasswordMatches(decoy, password);
}

std::string NewSessionToken() {
  InitSodium();
  unsigned char bytes[kTokenBytes];
  randombytes_buf(bytes, sizeof(bytes));
  char b64[sodium_base64_ENCODED_LEN(kTokenBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(b64, sizeof(b64), bytes, sizeof(bytes),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(bytes, sizeof(bytes));
  return std::string(kTokenPrefix) + b64;
}

bool LooksLikeSessionToken(std::string_view token) {
  if (!token.starts_with(kTokenPrefix)) return false;
  const std::string_view body = token.substr(kTokenPrefix.size());
  if (body.size() != 43) return false;
  for (char c : body) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                    (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string SessionTokenHash(std::string_view token) {
  InitSodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
  return hex;
}

}  // namespace carevoice::service::auth
