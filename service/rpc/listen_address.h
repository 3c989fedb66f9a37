// Parsing the service's --listen HOST:PORT and deciding whether it is
// loopback-only (sign-in and TLS come later, so anything else deserves a
// warning). Pure functions: any thread.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace carevoice::service::rpc {

struct HostPort {
  std::string host;  // as given, brackets kept for IPv6: "[::1]"
  int port = 0;      // 0 asks the system for a free port
};

// "127.0.0.1:7000", "localhost:0", "[::1]:7000", "0.0.0.0:7000".
absl::StatusOr<HostPort> ParseHostPort(std::string_view address);

// True for localhost, 127.0.0.0/8 and ::1.
bool IsLoopbackHost(std::string_view host);

}  // namespace carevoice::service::rpc
