#include "service/auth/passwords.h"

#include <sodium.h>

#include <semaphore>

#include "absl/status/status.h"
#include "contract/reference_code.h"
#include "service/store/audit_chain.h"

namespace carevoice::service::auth {
namespace {

constexpr std::string_view kTokenPrefix = "cvs_";
constexpr std::string_view kCredentialPrefix = "cvd_";
constexpr std::size_t kTokenBytes = 32;
constexpr std::size_t kEnrolmentCodeLength = 12;

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

// `prefix` and 32 random bytes in base64url.
std::string NewSecret(std::string_view prefix) {
  InitSodium();
  unsigned char bytes[kTokenBytes];
  randombytes_buf(bytes, sizeof(bytes));
  char b64[sodium_base64_ENCODED_LEN(kTokenBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(b64, sizeof(b64), bytes, sizeof(bytes),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(bytes, sizeof(bytes));
  return std::string(prefix) + b64;
}

bool LooksLikeSecret(std::string_view token, std::string_view prefix) {
  if (!token.starts_with(prefix)) return false;
  const std::string_view body = token.substr(prefix.size());
  if (body.size() != 43) return false;
  for (char c : body) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                    (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string NewSessionToken() { return NewSecret(kTokenPrefix); }
bool LooksLikeSessionToken(std::string_view token) {
  return LooksLikeSecret(token, kTokenPrefix);
}
std::string NewDeviceCredential() { return NewSecret(kCredentialPrefix); }
bool LooksLikeDeviceCredential(std::string_view credential) {
  return LooksLikeSecret(credential, kCredentialPrefix);
}

std::string NewEnrolmentCode() {
  InitSodium();
  const std::string_view alphabet = contract::kReferenceAlphabet;
  std::string code;
  for (std::size_t i = 0; i < kEnrolmentCodeLength; ++i) {
    code += alphabet[randombytes_uniform(static_cast<std::uint32_t>(alphabet.size()))];
  }
  return code;
}

std::optional<std::string> CanonicalEnrolmentCode(std::string_view typed) {
  std::string code;
  for (char c : typed) {
    if (c == ' ' || c == '-') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (contract::kReferenceAlphabet.find(c) == std::string_view::npos) return std::nullopt;
    code += c;
    if (code.size() > kEnrolmentCodeLength) return std::nullopt;
  }
  if (code.size() != kEnrolmentCodeLength) return std::nullopt;
  return code;
}

std::string FormatEnrolmentCode(std::string_view canonical) {
  std::string out;
  for (std::size_t i = 0; i < canonical.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += '-';
    out += canonical[i];
  }
  return out;
}

std::string SecretHash(std::string_view secret) { return store::Sha256Hex(secret); }

}  // namespace carevoice::service::auth
