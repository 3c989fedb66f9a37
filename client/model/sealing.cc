#include "client/model/sealing.h"

#include <sodium.h>

#include "absl/status/status.h"

namespace carevoice::client {

absl::StatusOr<std::string> Seal(const SealingKey& key, std::string_view plain) {
  if (sodium_init() < 0) return absl::InternalError("libsodium would not start");
  if (key.public_key.size() != crypto_box_PUBLICKEYBYTES) {
    return absl::InvalidArgumentError("a sealing key is 32 bytes");
  }
  std::string sealed(plain.size() + crypto_box_SEALBYTES, '\0');
  if (crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()),
                      reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                      reinterpret_cast<const unsigned char*>(key.public_key.data())) != 0) {
    return absl::InternalError("sealing failed");
  }
  return sealed;
}

}  // namespace carevoice::client
