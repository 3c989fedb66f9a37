#include "service/rpc/listen_address.h"

#include <arpa/inet.h>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace carevoice::service::rpc {

absl::StatusOr<HostPort> ParseHostPort(std::string_view address) {
  const std::size_t colon = address.rfind(':');
  const absl::Status bad = absl::InvalidArgumentError(absl::StrCat(
      "listen address must be HOST:PORT (e.g. 127.0.0.1:7000), not \"",
      std::string(address), "\""));
  if (colon == std::string_view::npos || colon == 0) return bad;
  HostPort hp;
  hp.host = std::string(address.substr(0, colon));
  if (!absl::SimpleAtoi(std::string(address.substr(colon + 1)), &hp.port) || hp.port < 0 ||
      hp.port > 65535) {
    return bad;
  }
  // A bare IPv6 address must be bracketed, or its colons are ambiguous.
  if (hp.host.find(':') != std::string::npos &&
      (hp.host.front() != '[' || hp.host.back() != ']')) {
    return bad;
  }
  return hp;
}

bool IsLoopbackHost(std::string_view host) {
  if (absl::EqualsIgnoreCase(std::string(host), "localhost")) return true;
  std::string bare(host);
  if (bare.size() >= 2 && bare.front() == '[' && bare.back() == ']') {
    bare = bare.substr(1, bare.size() - 2);
  }
  in_addr v4;
  if (inet_pton(AF_INET, bare.c_str(), &v4) == 1) {
    return (ntohl(v4.s_addr) >> 24) == 127;
  }
  in6_addr v6;
  if (inet_pton(AF_INET6, bare.c_str(), &v6) == 1) {
    return IN6_IS_ADDR_LOOPBACK(&v6);
  }
  return false;
}

}  // namespace carevoice::service::rpc
