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
  enum class Kind { kSignIn, kSignOut, kListCases, kGetCase, kMoveCase, kExport, kPack };
  Kind kind = Kind::kListCases;
  std::uint64_t serial = 0;  // the console's, to match the answer
  std::string name, password;  // kSignIn
  std::string submission_id;   // kGetCase
  v1::MoveCaseRequest move;    // kMoveCase
  // kExport: the anonymised CSV to write; kPack: the committee pack.
  std::string export_path;
  v1::BuildReportRequest pack;  // kPack: its period and audience
  std::string pack_format;      // kPack: "pdf", "html", "xlsx", "csv" or "md"
};

// A committee pack's steps, as its progress counts them: the figures
// counted at the service, the pack written in its format, the file saved.
inline constexpr std::int64_t kPackSteps = 3;

struct OfficerAnswer {
  OfficerCall::Kind kind = OfficerCall::Kind::kListCases;
  std::uint64_t serial = 0;
  absl::Status status;
  v1::SignInResponse signed_in;  // kSignIn
  v1::ListCasesResponse queue;   // kListCases
  v1::CaseDetail detail;         // kGetCase
  v1::CaseRecord moved;          // kMoveCase
  // kExport, kPack: answered as it goes (finished false) and once at the
  // end. An export counts records; a pack its steps (kPackSteps).
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
