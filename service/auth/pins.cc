#include "service/auth/pins.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace carevoice::service::auth {
namespace {

constexpr std::size_t kHexBytes = 2 * PinKey::kKeyBytes;
// Longer than any key file; reading stops there.
constexpr std::size_t kMaxFileBytes = 4096;

void InitSodium() {
  [[maybe_unused]] static const int ready = sodium_init();
}

absl::Status FileError(const std::string& path, const char* what) {
  return absl::FailedPreconditionError(
      absl::StrCat("PIN key ", path, ": ", what, ": ", std::strerror(errno)));
}

// Closes a file descriptor on every path out.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

PinKey::PinKey() : hashes_(std::make_shared<std::atomic<std::int64_t>>(0)) { InitSodium(); }

PinKey PinKey::Random() {
  PinKey key;
  randombytes_buf(key.key_.data(), key.key_.size());
  return key;
}

absl::StatusOr<PinKey> PinKey::LoadOrCreate(const std::string& path) {
  PinKey key;
  // O_EXCL: two replicas starting at once never write two keys.
  Fd created(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (created.get() >= 0) {
    randombytes_buf(key.key_.data(), key.key_.size());
    char hex[kHexBytes + 1];
    sodium_bin2hex(hex, sizeof(hex), key.key_.data(), key.key_.size());
    std::string line = std::string(hex, kHexBytes) + "\n";
    sodium_memzero(hex, sizeof(hex));
    const bool written = ::write(created.get(), line.data(), line.size()) ==
                             static_cast<ssize_t>(line.size()) &&
                         ::fsync(created.get()) == 0;
    sodium_memzero(line.data(), line.size());
    if (!written) {
      ::unlink(path.c_str());  // never leave half a key to be read later
      return FileError(path, "cannot write a new key");
    }
    return key;
  }
  if (errno != EEXIST) return FileError(path, "cannot create");

  Fd file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.get() < 0) return FileError(path, "cannot read");
  struct stat st {};
  if (::fstat(file.get(), &st) != 0) return FileError(path, "cannot stat");
  if ((st.st_mode & 077) != 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "PIN key ", path, " may be read or changed by others: chmod 600 it"));
  }
  std::string text(kMaxFileBytes, '\0');
  const ssize_t n = ::read(file.get(), text.data(), text.size());
  if (n < 0) return FileError(path, "cannot read");
  text.resize(static_cast<std::size_t>(n));
  const absl::string_view hex = absl::StripAsciiWhitespace(text);
  std::size_t decoded = 0;
  const bool ok = hex.size() == kHexBytes &&
                  sodium_hex2bin(key.key_.data(), key.key_.size(), hex.data(), hex.size(),
                                 nullptr, &decoded, nullptr) == 0 &&
                  decoded == key.key_.size();
  sodium_memzero(text.data(), text.size());
  if (!ok) {
    return absl::FailedPreconditionError(absl::StrCat(
        "PIN key ", path, " does not hold a key (64 hex digits)"));
  }
  return key;
}

std::string PinKey::Hash(std::string_view reference, std::string_view pin) const {
  hashes_->fetch_add(1);
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, key_.data(), key_.size());
  // The reference has a fixed alphabet without ':', so no two (reference,
  // PIN) pairs give the same message.
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(reference.data()),
                                reference.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(":"), 1);
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(pin.data()),
                                pin.size());
  std::string out(kHashBytes, '\0');
  crypto_auth_hmacsha256_final(&state, reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

std::optional<std::size_t> PinKey::Match(std::string_view reference, std::string_view pin,
                                         std::span<const std::string> stored) const {
  const std::string hash = Hash(reference, pin);
  // Compared with something even when nothing is stored.
  static const std::string kDummy(kHashBytes, '\0');
  const std::span<const std::string> candidates =
      stored.empty() ? std::span<const std::string>(&kDummy, 1) : stored;
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    // A stored hash of another length (none from before PINs) matches nothing.
    const std::string& h = candidates[i].size() == kHashBytes ? candidates[i] : kDummy;
    const bool same = sodium_memcmp(h.data(), hash.data(), kHashBytes) == 0;
    if (same && !stored.empty() && candidates[i].size() == kHashBytes && !found) found = i;
  }
  return found;
}

}  // namespace carevoice::service::auth
