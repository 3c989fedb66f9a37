#include "service/rpc/fault_injection.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "service/log.h"

namespace carevoice::service::rpc {
namespace {

constexpr char kCrashAfterCommit[] = "CAREVOICE_FAULT_CRASH_AFTER_COMMIT";
constexpr char kDelayReplyMs[] = "CAREVOICE_FAULT_DELAY_REPLY_MS";

// 0 when unset; an error when set but not a whole number >= 1.
absl::StatusOr<std::int64_t> PositiveFromEnv(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return 0;
  std::int64_t n = 0;
  if (!absl::SimpleAtoi(value, &n) || n < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, " must be a whole number >= 1"));
  }
  return n;
}

}  // namespace

absl::StatusOr<AfterCommitHook> FaultHookFromEnvironment() {
  auto crash_after = PositiveFromEnv(kCrashAfterCommit);
  if (!crash_after.ok()) return crash_after.status();
  auto delay_ms = PositiveFromEnv(kDelayReplyMs);
  if (!delay_ms.ok()) return delay_ms.status();
  if (*crash_after == 0 && *delay_ms == 0) return AfterCommitHook();

  LogWarning(absl::StrCat("fault injection on: crash after commit ",
                          *crash_after, ", delay reply ", *delay_ms, " ms"));
  auto commits = std::make_shared<std::atomic<std::int64_t>>(0);
  return AfterCommitHook([commits, crash_after = *crash_after,
                          delay_ms = *delay_ms] {
    if (delay_ms > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    }
    if (crash_after > 0 && commits->fetch_add(1) + 1 == crash_after) {
      ::kill(::getpid(), SIGKILL);
    }
  });
}

}  // namespace carevoice::service::rpc
