// The keys care-home tablets seal submissions to. A tablet seals each
// submission for the service (libsodium's sealed box: anyone may seal, only
// the secret key opens) before anything of it touches its disk, so staff at
// the home cannot read what residents said. The public key goes to a tablet
// at enrolment and with every catalog and batch answer, so a rotation
// reaches it at its next contact; every key ever made stays in the store,
// so what was sealed to an old key still opens.
//
// Thread-safety: any thread. Keys are read from the store and cached for a
// minute, so a rotation by another replica is seen within one.
#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "base/clock.h"
#include "service/store/store.h"

namespace carevoice::service::auth {

// What a tablet is given: the public half only.
struct PublicSealingKey {
  std::string key_id;
  std::string public_key;  // 32 bytes
  absl::Time created_at;
};

class SealingKeys {
 public:
  SealingKeys(store::Store& store, const base::Clock& clock);

  // The key tablets should seal to now: the newest. The first is made (and
  // audited, by "service") when there is none.
  absl::StatusOr<PublicSealingKey> Current();

  // Makes a new key, the one tablets seal to from now on, audited in
  // `by`'s name with how many keys are now kept. Items sealed to older
  // keys still open.
  absl::StatusOr<PublicSealingKey> Rotate(const std::string& by);

  // The bytes sealed to key `key_id`: NotFound for a key this service
  // never made; DataLoss for bytes that do not open with it (damaged, or
  // sealed to another key).
  absl::StatusOr<std::string> Open(const std::string& key_id, std::string_view sealed);

 private:
  // The keys, newest first, from the cache or (when stale or `refresh`)
  // the store; a first key is made if there is none.
  absl::StatusOr<std::vector<store::SealingKey>> Keys(bool refresh);
  absl::StatusOr<store::SealingKey> Make(store::AccessTxn& txn, const std::string& by,
                                         std::int64_t kept_before);

  store::Store& store_;
  const base::Clock& clock_;
  std::mutex mu_;
  std::vector<store::SealingKey> keys_;  // guarded by mu_
  absl::Time loaded_at_ = absl::InfinitePast();
};

// The key id of a public key: 16 hex digits of its BLAKE2b hash, so a
// tablet's logs and an officer can name a key without showing it.
std::string SealingKeyId(std::string_view public_key);

}  // namespace carevoice::service::auth
