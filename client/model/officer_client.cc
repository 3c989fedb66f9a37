#include "client/model/officer_client.h"

#include <grpcpp/grpcpp.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/grpc_tls.h"
#include "base/status_grpc.h"
#include "contract/metadata.h"

namespace carevoice::client {
namespace {

// A number the service sent as initial metadata, if it did.
std::optional<std::int64_t> MetadataNumber(const grpc::ClientContext& context, const char* key) {
  const auto& metadata = context.GetServerInitialMetadata();
  auto it = metadata.find(key);
  if (it == metadata.end()) return std::nullopt;
  std::int64_t value = 0;
  if (!absl::SimpleAtoi(absl::string_view(it->second.data(), it->second.size()), &value)) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

OfficerClient::OfficerClient(v1::Officer::StubInterface& stub, std::string token,
                             std::string sign_in_hint)
    : stub_(stub), token_(std::move(token)), sign_in_hint_(std::move(sign_in_hint)) {}

void OfficerClient::Prepare(grpc::ClientContext* context, absl::Duration deadline) const {
  context->set_deadline(absl::ToChronoTime(absl::Now() + deadline));
  if (!token_.empty()) context->AddMetadata("authorization", absl::StrCat("Bearer ", token_));
}

absl::Status OfficerClient::Check(const grpc::Status& s, const char* what) const {
  if (s.ok()) return absl::OkStatus();
  if (s.error_code() == grpc::StatusCode::UNAVAILABLE ||
      s.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
    return base::FromGrpcStatus(s, absl::StrCat("cannot reach the service (", what, ")"));
  }
  if (s.error_code() == grpc::StatusCode::UNAUTHENTICATED && std::string_view(what) != "SignIn" &&
      !sign_in_hint_.empty()) {
    return absl::UnauthenticatedError(
        absl::StrCat(what, ": ", s.error_message(), " (", sign_in_hint_, ")"));
  }
  return base::FromGrpcStatus(s, what);
}

void OfficerClient::Note(const grpc::ClientContext& context) {
  if (auto seconds = MetadataNumber(context, "carevoice-session-ends-at")) {
    ends_at_ = absl::FromUnixSeconds(*seconds);
  }
}

absl::StatusOr<v1::SignInResponse> OfficerClient::SignIn(const std::string& name,
                                                         const std::string& password) {
  v1::SignInRequest request;
  request.set_name(name);
  request.set_password(password);
  v1::SignInResponse response;
  grpc::ClientContext context;
  // Room for the service's slow password hash, even when it is busy; no
  // token: a sign-in never carries an older session.
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
  if (auto s = Check(stub_.SignIn(&context, request, &response), "SignIn"); !s.ok()) return s;
  token_ = response.token();
  ends_at_ = absl::FromUnixSeconds(response.session().ends_at().seconds());
  return response;
}

absl::Status OfficerClient::SignOut() {
  v1::SignOutResponse response;
  grpc::ClientContext context;
  Prepare(&context, absl::Seconds(30));
  absl::Status s = Check(stub_.SignOut(&context, v1::SignOutRequest(), &response), "SignOut");
  if (s.ok()) token_.clear();
  return s;
}

absl::StatusOr<v1::SessionInfo> OfficerClient::ExtendSession() {
  v1::SessionInfo info;
  grpc::ClientContext context;
  Prepare(&context, absl::Seconds(30));
  if (auto s = Check(stub_.ExtendSession(&context, v1::ExtendSessionRequest(), &info),
                     "ExtendSession");
      !s.ok()) {
    return s;
  }
  Note(context);
  return info;
}

absl::StatusOr<v1::ListCasesResponse> OfficerClient::ListCases(
    const v1::ListCasesRequest& request) {
  v1::ListCasesResponse response;
  grpc::ClientContext context;
  Prepare(&context, absl::Seconds(60));
  if (auto s = Check(stub_.ListCases(&context, request, &response), "ListCases"); !s.ok()) {
    return s;
  }
  Note(context);
  return response;
}

absl::StatusOr<v1::CaseDetail> OfficerClient::GetCase(const std::string& submission_id) {
  v1::GetCaseRequest request;
  request.set_submission_id(submission_id);
  v1::CaseDetail detail;
  grpc::ClientContext context;
  Prepare(&context, absl::Seconds(60));
  if (auto s = Check(stub_.GetCase(&context, request, &detail), "GetCase"); !s.ok()) return s;
  Note(context);
  return detail;
}

absl::StatusOr<v1::CaseRecord> OfficerClient::MoveCase(const v1::MoveCaseRequest& request) {
  v1::CaseRecord record;
  grpc::ClientContext context;
  Prepare(&context, absl::Seconds(60));
  if (auto s = Check(stub_.MoveCase(&context, request, &record), "MoveCase"); !s.ok()) return s;
  Note(context);
  return record;
}

absl::StatusOr<v1::CommitteeReport> OfficerClient::BuildReport(
    const v1::BuildReportRequest& request) {
  v1::CommitteeReport report;
  grpc::ClientContext context;
  Prepare(&context, absl::Minutes(10));
  if (auto s = Check(stub_.BuildReport(&context, request, &report), "BuildReport"); !s.ok()) {
    return s;
  }
  Note(context);
  return report;
}

absl::StatusOr<v1::RecordComplaintResponse> OfficerClient::RecordComplaint(
    const v1::RecordComplaintRequest& request) {
  v1::RecordComplaintResponse response;
  grpc::ClientContext context;
  Prepare(&context, absl::Seconds(60));
  if (auto s = Check(stub_.RecordComplaint(&context, request, &response), "RecordComplaint");
      !s.ok()) {
    return s;
  }
  Note(context);
  return response;
}

absl::StatusOr<std::int64_t> OfficerClient::ExportSubmissions(
    const v1::ExportSubmissionsRequest& request,
    const std::function<bool(const v1::SubmissionRecord&)>& each,
    const std::function<void(std::int64_t total)>& total, absl::Duration deadline) {
  grpc::ClientContext context;
  Prepare(&context, deadline);
  auto reader = stub_.ExportSubmissions(&context, request);
  // The count comes ahead of the records, so a progress bar can be drawn
  // from the first one.
  reader->WaitForInitialMetadata();
  if (auto n = MetadataNumber(context, contract::kExportTotalMetadata); n && total) total(*n);
  std::int64_t count = 0;
  bool wanted = true;
  v1::SubmissionRecords run;
  while (wanted && reader->Read(&run)) {
    for (const v1::SubmissionRecord& record : run.records()) {
      wanted = each(record);
      ++count;
      if (!wanted) break;
    }
  }
  if (!wanted) context.TryCancel();
  absl::Status s = Check(reader->Finish(), "ExportSubmissions");
  if (!wanted) return absl::CancelledError("the export was stopped; nothing was kept");
  if (!s.ok()) return s;
  Note(context);
  return count;
}

absl::StatusOr<std::unique_ptr<v1::Officer::StubInterface>> MakeOfficerStub(
    const std::string& target, const std::string& tls_ca_path) {
  auto credentials = base::ChannelCredentialsFrom(tls_ca_path);
  if (!credentials.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--tls-ca: ", credentials.status().message()));
  }
  // A page of records with their words can pass gRPC's 4 MB default.
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 * 1024 * 1024);
  std::unique_ptr<v1::Officer::StubInterface> stub =
      v1::Officer::NewStub(grpc::CreateCustomChannel(target, *credentials, args));
  return stub;
}

}  // namespace carevoice::client
