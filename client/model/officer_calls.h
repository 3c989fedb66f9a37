// What the officer console asks the service, and what comes back, as plain
// values: the console's desk (client/app) makes OfficerCalls and reads
// OfficerAnswers without linking gRPC; the OfficerWorker makes the calls.
// Also the one rule for which urgent worries are new, shared by the
// console's alert and carevoice-admin cases --watch.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "carevoice/v1/carevoice.pb.h"

namespace carevoice::client {

struct OfficerCall {
  enum class Kind { kSignIn, kSignOut, kListCases, kGetCase, kMoveCase, kExport };
  Kind kind = Kind::kListCases;
  std::uint64_t serial = 0;  // the console's, to match the answer
  std::string name, password;  // kSignIn
  std::string submission_id;   // kGetCase
  v1::MoveCaseRequest move;    // kMoveCase
  std::string export_path;     // kExport: the anonymised CSV to write
};

struct OfficerAnswer {
  OfficerCall::Kind kind = OfficerCall::Kind::kListCases;
  std::uint64_t serial = 0;
  absl::Status status;
  v1::SignInResponse signed_in;  // kSignIn
  v1::ListCasesResponse queue;   // kListCases
  v1::CaseDetail detail;         // kGetCase
  v1::CaseRecord moved;          // kMoveCase
  // kExport: answered as it goes (finished false) and once at the end.
  std::int64_t exported = 0;
  std::int64_t export_total = -1;  // -1 until the service says
  bool finished = true;
};

// Urgent worries not yet told: each safeguarding worry still awaiting a
// decision is new once, the first time a queue holds it.
class UrgentWorries {
 public:
  // The worries in `queue` not seen before, in the queue's order.
  std::vector<v1::CaseRecord> Take(const v1::ListCasesResponse& queue);

 private:
  std::set<std::string> told_;
};

}  // namespace carevoice::client
