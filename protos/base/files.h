// Reading a whole file: configuration, catalogs, language files, keys.
#pragma once

#include <string>

#include "absl/status/statusor.h"

namespace carevoice::base {

// The bytes of the file at `path`, as they are. NotFound ("cannot read
// PATH") when it cannot be opened; DataLoss when reading it fails part way.
absl::StatusOr<std::string> ReadWholeFile(const std::string& path);

}  // namespace carevoice::base
