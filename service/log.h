// The service's logger: one plain line per event on stderr, prefixed with
// the UTC time and a level. Any thread. Callers pass ids and counts only:
// never personal data or anything a person wrote (DESIGN.md rule 4).
#pragma once

#include <cstdio>
#include <mutex>
#include <string_view>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace carevoice::service {

inline void LogLine(std::string_view level, std::string_view message) {
  static std::mutex mu;  // keeps lines from different threads whole
  const std::string when = absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ",
                                            absl::Now(), absl::UTCTimeZone());
  std::lock_guard lock(mu);
  std::fprintf(stderr, "%s %.*s %.*s\n", when.c_str(),
               static_cast<int>(level.size()), level.data(),
               static_cast<int>(message.size()), message.data());
  std::fflush(stderr);
}

inline void LogInfo(std::string_view message) { LogLine("INFO", message); }
inline void LogWarning(std::string_view message) { LogLine("WARN", message); }

}  // namespace carevoice::service
