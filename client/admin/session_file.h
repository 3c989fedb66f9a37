// Where carevoice-admin keeps the session token that `login` got, one file
// per service address, readable by its owner alone (0600, in a 0700
// folder): $XDG_CONFIG_HOME/carevoice/sessions/, else
// ~/.config/carevoice/sessions/. Main thread only.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace carevoice::client::admin {

// The file for `service` ("HOST:PORT"). FAILED_PRECONDITION when neither
// XDG_CONFIG_HOME nor HOME is set.
absl::StatusOr<std::string> SessionFilePath(std::string_view service);

// Writes `token` there, replacing any before, atomically, mode 0600.
absl::Status SaveSessionToken(const std::string& path, std::string_view token);

// The token saved there; nullopt when there is none.
absl::StatusOr<std::optional<std::string>> LoadSessionToken(const std::string& path);

// Removes it (fine when there is none).
absl::Status ForgetSessionToken(const std::string& path);

// Where `audit verify` keeps its anchor for `service` (the newest row it
// found intact, "ROW HASH"), beside the sessions: .../carevoice/audit-
// anchors/. Kept outside the database, it shows rows cut from the end.
absl::StatusOr<std::string> AuditAnchorPath(std::string_view service);

}  // namespace carevoice::client::admin
