// PINs given with references ("check on something I told you"). The
// service keeps only a keyed hash of each PIN: HMAC-SHA-256 under a key
// kept outside the database, so a copy of the database alone (a backup, a
// replica's disk) does not give up the PINs, which 4 to 6 digits could not
// protect by themselves. A slow password hash would cost more than such a
// PIN is worth and would cap how fast submissions can be stored.
//
// Thread-safety: a PinKey is immutable; any thread.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace carevoice::service::auth {

class PinKey {
 public:
  static constexpr std::size_t kKeyBytes = 32;
  static constexpr std::size_t kHashBytes = 32;

  // The key in `path` (64 hex digits), or a new random key written there
  // (mode 0600, never replacing a file) when there is none. Refused, saying
  // why: a file others may read or write, or one that holds anything else.
  static absl::StatusOr<PinKey> LoadOrCreate(const std::string& path);
  // A new random key, kept nowhere (tests).
  static PinKey Random();

  // The keyed hash stored for `pin` given with `reference` (both
  // canonical): kHashBytes raw bytes.
  std::string Hash(std::string_view reference, std::string_view pin) const;

  // Which of `stored` (keyed hashes, in order) is the hash of `pin` with
  // `reference`; nullopt when none is. The same work for an unknown
  // reference (no hashes), a wrong PIN and a malformed one: one hash, and
  // comparisons in constant time against every candidate or, when there
  // are none, against a dummy, so neither the answer nor its time says
  // which it was.
  std::optional<std::size_t> Match(std::string_view reference, std::string_view pin,
                                   std::span<const std::string> stored) const;

  // How many hashes this key has computed (tests check the code path).
  std::int64_t hashes_computed() const { return hashes_->load(); }

 private:
  PinKey();
  std::array<unsigned char, kKeyBytes> key_{};
  // Shared by copies, so a test holding a copy sees the service's count.
  std::shared_ptr<std::atomic<std::int64_t>> hashes_;
};

}  // namespace carevoice::service::auth
