#include "service/auth/sealing.h"

#include <sodium.h>

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace carevoice::service::auth {
namespace {

constexpr absl::Duration kCacheFor = absl::Minutes(1);

PublicSealingKey PublicOf(const store::SealingKey& key) {
  return {key.key_id, key.public_key, key.created_at};
}

}  // namespace

std::string SealingKeyId(std::string_view public_key) {
  unsigned char hash[8];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(public_key.data()),
                     public_key.size(), nullptr, 0);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(hash), sizeof hash));
}

SealingKeys::SealingKeys(store::Store& store, const base::Clock& clock)
    : store_(store), clock_(clock) {}

absl::StatusOr<store::SealingKey> SealingKeys::Make(store::AccessTxn& txn,
                                                    const std::string& by,
                                                    std::int64_t kept_before) {
  if (sodium_init() < 0) return absl::InternalError("libsodium would not start");
  unsigned char pk[crypto_box_PUBLICKEYBYTES];
  unsigned char sk[crypto_box_SECRETKEYBYTES];
  crypto_box_keypair(pk, sk);
  store::SealingKey key;
  key.public_key.assign(reinterpret_cast<const char*>(pk), sizeof pk);
  key.secret_key.assign(reinterpret_cast<const char*>(sk), sizeof sk);
  sodium_memzero(sk, sizeof sk);
  key.key_id = SealingKeyId(key.public_key);
  key.created_at = clock_.Now();
  if (absl::Status s = txn.PutSealingKey(key); !s.ok()) return s;
  if (absl::Status s = txn.Audit({key.created_at, by, "sealing_key_made", kept_before + 1});
      !s.ok()) {
    return s;
  }
  return key;
}

absl::StatusOr<std::vector<store::SealingKey>> SealingKeys::Keys(bool refresh) {
  std::lock_guard lock(mu_);
  const absl::Time now = clock_.Now();
  if (!refresh && !keys_.empty() && now - loaded_at_ < kCacheFor) return keys_;
  std::vector<store::SealingKey> keys;
  absl::Status s = store_.WithAccess([&](store::AccessTxn& txn) -> absl::Status {
    absl::StatusOr<std::vector<store::SealingKey>> found = txn.ListSealingKeys();
    if (!found.ok()) return found.status();
    keys = *std::move(found);
    if (!keys.empty()) return absl::OkStatus();
    // In the transaction that found none, so two replicas starting at once
    // make one key, not two.
    absl::StatusOr<store::SealingKey> made = Make(txn, "service", 0);
    if (!made.ok()) return made.status();
    keys.push_back(*std::move(made));
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  keys_ = keys;
  loaded_at_ = now;
  return keys;
}

absl::StatusOr<PublicSealingKey> SealingKeys::Current() {
  absl::StatusOr<std::vector<store::SealingKey>> keys = Keys(false);
  if (!keys.ok()) return keys.status();
  return PublicOf(keys->front());
}

absl::StatusOr<PublicSealingKey> SealingKeys::Rotate(const std::string& by) {
  store::SealingKey made;
  absl::Status s = store_.WithAccess([&](store::AccessTxn& txn) -> absl::Status {
    absl::StatusOr<std::vector<store::SealingKey>> found = txn.ListSealingKeys();
    if (!found.ok()) return found.status();
    absl::StatusOr<store::SealingKey> key =
        Make(txn, by, static_cast<std::int64_t>(found->size()));
    if (!key.ok()) return key.status();
    made = *std::move(key);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  if (absl::StatusOr<std::vector<store::SealingKey>> keys = Keys(true); !keys.ok()) {
    return keys.status();
  }
  return PublicOf(made);
}

absl::StatusOr<std::string> SealingKeys::Open(const std::string& key_id,
                                              std::string_view sealed) {
  absl::StatusOr<std::vector<store::SealingKey>> keys = Keys(false);
  if (!keys.ok()) return keys.status();
  auto find = [&](const std::vector<store::SealingKey>& in) -> const store::SealingKey* {
    for (const store::SealingKey& k : in) {
      if (k.key_id == key_id) return &k;
    }
    return nullptr;
  };
  const store::SealingKey* key = find(*keys);
  if (key == nullptr) {
    // Perhaps another replica rotated within the last minute.
    keys = Keys(true);
    if (!keys.ok()) return keys.status();
    key = find(*keys);
  }
  if (key == nullptr) {
    return absl::NotFoundError(absl::StrCat("no sealing key ", key_id, " was ever made here"));
  }
  if (sealed.size() < crypto_box_SEALBYTES) {
    return absl::DataLossError("sealed bytes too short to open");
  }
  std::string opened(sealed.size() - crypto_box_SEALBYTES, '\0');
  if (crypto_box_seal_open(reinterpret_cast<unsigned char*>(opened.data()),
                           reinterpret_cast<const unsigned char*>(sealed.data()), sealed.size(),
                           reinterpret_cast<const unsigned char*>(key->public_key.data()),
                           reinterpret_cast<const unsigned char*>(key->secret_key.data())) !=
      0) {
    return absl::DataLossError(absl::StrCat("sealed bytes do not open with key ", key_id));
  }
  return opened;
}

}  // namespace carevoice::service::auth
