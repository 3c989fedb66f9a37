// Fault injection for tests that need the service to die at the worst
// moment. Off unless an environment variable asks for it; read once at
// start-up by main(). The hook runs on gRPC's handler threads.
//
//   CAREVOICE_FAULT_CRASH_AFTER_COMMIT=N  (N >= 1)
//       The process kills itself with SIGKILL right after the N-th
//       SubmitBatch call whose items were durably committed (a call that
//       newly stored at least one item; pure replays and all-rejected
//       batches do not count) and BEFORE that call's reply is sent. The
//       client sees the call fail; after a restart the items are stored
//       exactly once and a replay answers ALREADY_STORED.
//   CAREVOICE_FAULT_DELAY_REPLY_MS=M  (M >= 1)
//       Sleeps M milliseconds after each such commit, before the reply, to
//       widen the window for tests that kill the process at random.
//
// Both may be set; the delay comes first. Malformed values are refused at
// start-up rather than ignored, so a test cannot silently run without its
// fault.
#pragma once

#include "absl/status/statusor.h"
#include "service/rpc/services.h"

namespace carevoice::service::rpc {

// The hook the environment asks for, or an empty function when neither
// variable is set.
absl::StatusOr<AfterCommitHook> FaultHookFromEnvironment();

}  // namespace carevoice::service::rpc
