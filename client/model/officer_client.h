// The officer's side of the Officer service, written once and used by both
// officers' programs: carevoice-admin (client/admin) and the officer
// console (carevoice-kiosk --mode officer). Each call carries the
// officer's own session token and a deadline, and its failure comes back
// as a Status in words: "cannot reach the service" when it is away, the
// service's own message otherwise. Not thread-safe: one thread calls (the
// CLI's main thread, or the console's OfficerWorker).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "carevoice/v1/carevoice.grpc.pb.h"

namespace carevoice::client {

class OfficerClient {
 public:
  // `sign_in_hint` is added to "session ended" errors: how to sign in again
  // in the program at hand (the CLI names its login command).
  explicit OfficerClient(v1::Officer::StubInterface& stub, std::string token = {},
                         std::string sign_in_hint = {});

  void set_token(std::string token) { token_ = std::move(token); }
  const std::string& token() const { return token_; }
  // When the service last said this session ends at the latest (sent with
  // every signed-in answer), if it has.
  std::optional<absl::Time> session_ends_at() const { return ends_at_; }

  // Signs in; keeps the new token for the calls that follow.
  absl::StatusOr<v1::SignInResponse> SignIn(const std::string& name, const std::string& password);
  absl::Status SignOut();
  // Who is signed in, and until when; moves the idle expiry on.
  absl::StatusOr<v1::SessionInfo> ExtendSession();

  // The case queue: urgent first, then by the date something is due.
  absl::StatusOr<v1::ListCasesResponse> ListCases(const v1::ListCasesRequest& request);
  // One case whole: its record (words, contact details) and history. Audited.
  absl::StatusOr<v1::CaseDetail> GetCase(const std::string& submission_id);
  absl::StatusOr<v1::CaseRecord> MoveCase(const v1::MoveCaseRequest& request);
  absl::StatusOr<v1::RecordComplaintResponse> RecordComplaint(
      const v1::RecordComplaintRequest& request);
  // The committee pack's figures (anonymised), counted at the service;
  // a year of a large council may take minutes. Audited there.
  absl::StatusOr<v1::CommitteeReport> BuildReport(const v1::BuildReportRequest& request);

  // Every submission, each handed to `each` as it arrives (false: stop, and
  // the call is cancelled with an error). `total` learns how many the
  // service will send, before the first record, when it says so. Returns
  // how many arrived.
  absl::StatusOr<std::int64_t> ExportSubmissions(
      const v1::ExportSubmissionsRequest& request,
      const std::function<bool(const v1::SubmissionRecord&)>& each,
      const std::function<void(std::int64_t total)>& total = {},
      absl::Duration deadline = absl::Minutes(30));

  // The underlying stub and token, for calls not wrapped here yet.
  v1::Officer::StubInterface& stub() { return stub_; }
  // A call's context: its deadline and the session token.
  void Prepare(grpc::ClientContext* context, absl::Duration deadline) const;
  // A finished call's status in words; `what` names the rpc.
  absl::Status Check(const grpc::Status& status, const char* what) const;
  // Reads the session's end from a finished signed-in call.
  void Note(const grpc::ClientContext& context);

 private:
  v1::Officer::StubInterface& stub_;
  std::string token_;
  std::string sign_in_hint_;
  std::optional<absl::Time> ends_at_;
};

// The service named by `target` ("127.0.0.1:7000") as an Officer stub, over
// TLS checked against `tls_ca_path`, or plaintext when that is empty.
absl::StatusOr<std::unique_ptr<v1::Officer::StubInterface>> MakeOfficerStub(
    const std::string& target, const std::string& tls_ca_path);

}  // namespace carevoice::client
