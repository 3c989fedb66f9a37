// Sealing for the care-home tablet: a submission is sealed for the service
// (libsodium's sealed box: anonymous, only the service's secret key opens
// it) before anything of it is written to the tablet's disk, so staff at
// the home cannot read what a resident said.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace carevoice::client {

// The service's public sealing key as a tablet pins it.
struct SealingKey {
  std::string key_id;
  std::string public_key;  // 32 bytes
  bool operator==(const SealingKey&) const = default;
};

// `plain` sealed to `key`. InvalidArgument for a key of the wrong size.
absl::StatusOr<std::string> Seal(const SealingKey& key, std::string_view plain);

}  // namespace carevoice::client
