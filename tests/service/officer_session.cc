#include "tests/service/officer_session.h"

#include "base/clock.h"
#include "base/status_grpc.h"
#include "carevoice/v1/carevoice.grpc.pb.h"
#include "service/auth/accounts.h"
#include "service/store/store.h"

namespace carevoice::service::testing {

absl::Status EnsureTestAdmin(const std::string& db) {
  auto store = store::OpenSqliteStore(db);
  if (!store.ok()) return store.status();
  auth::Accounts accounts(**store, base::SystemClock::Get());
  absl::Status s = accounts.CreateFirstAdmin(kTestAdminName, kTestAdminPassword);
  if (s.code() == absl::StatusCode::kFailedPrecondition) return absl::OkStatus();
  return s;
}

absl::StatusOr<std::string> SignInTestAdmin(const std::string& address) {
  auto stub = v1::Officer::NewStub(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  v1::SignInRequest request;
  request.set_name(kTestAdminName);
  request.set_password(kTestAdminPassword);
  v1::SignInResponse response;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  grpc::Status s = stub->SignIn(&context, request, &response);
  if (!s.ok()) return base::FromGrpcStatus(s, "SignIn");
  return response.token();
}

namespace {

std::unique_ptr<v1::Officer::Stub> OfficerStub(const std::string& address) {
  return v1::Officer::NewStub(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
}

void SetDeadline(grpc::ClientContext* context) {
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
}

}  // namespace

absl::StatusOr<std::string> NewEnrolmentCode(const std::string& address,
                                             const std::string& mode) {
  absl::StatusOr<std::string> token = SignInTestAdmin(address);
  if (!token.ok()) return token.status();
  v1::CreateEnrolmentCodeRequest request;
  request.set_site("test site");
  request.set_mode(mode);
  v1::EnrolmentCode code;
  grpc::ClientContext context;
  SetDeadline(&context);
  UseSession(*token, &context);
  grpc::Status s = OfficerStub(address)->CreateEnrolmentCode(&context, request, &code);
  if (!s.ok()) return base::FromGrpcStatus(s, "CreateEnrolmentCode");
  return code.code();
}

absl::Status RevokeDevice(const std::string& address, const std::string& device_id) {
  absl::StatusOr<std::string> token = SignInTestAdmin(address);
  if (!token.ok()) return token.status();
  v1::RevokeDeviceRequest request;
  request.set_device_id(device_id);
  v1::Device device;
  grpc::ClientContext context;
  SetDeadline(&context);
  UseSession(*token, &context);
  return base::FromGrpcStatus(OfficerStub(address)->RevokeDevice(&context, request, &device),
                              "RevokeDevice");
}

absl::StatusOr<v1::SealingKey> RotateSealingKey(const std::string& address) {
  absl::StatusOr<std::string> token = SignInTestAdmin(address);
  if (!token.ok()) return token.status();
  v1::SealingKey key;
  grpc::ClientContext context;
  SetDeadline(&context);
  UseSession(*token, &context);
  grpc::Status s = OfficerStub(address)->RotateSealingKey(&context, {}, &key);
  if (!s.ok()) return base::FromGrpcStatus(s, "RotateSealingKey");
  return key;
}

absl::StatusOr<std::vector<v1::SubmissionRecord>> ReadWordsAsOfficer(const std::string& address) {
  absl::StatusOr<std::string> admin = SignInTestAdmin(address);
  if (!admin.ok()) return admin.status();
  auto stub = OfficerStub(address);
  {
    v1::CreateAccountRequest request;
    request.set_name(kTestOfficerName);
    request.set_role(v1::ROLE_OFFICER);
    request.set_password(kTestAdminPassword);
    v1::Account account;
    grpc::ClientContext context;
    SetDeadline(&context);
    UseSession(*admin, &context);
    grpc::Status s = stub->CreateAccount(&context, request, &account);
    if (!s.ok() && s.error_code() != grpc::StatusCode::ALREADY_EXISTS) {
      return base::FromGrpcStatus(s, "CreateAccount");
    }
  }
  v1::SignInRequest sign_in;
  sign_in.set_name(kTestOfficerName);
  sign_in.set_password(kTestAdminPassword);
  v1::SignInResponse session;
  {
    grpc::ClientContext context;
    SetDeadline(&context);
    grpc::Status s = stub->SignIn(&context, sign_in, &session);
    if (!s.ok()) return base::FromGrpcStatus(s, "SignIn");
  }
  v1::ListSubmissionsRequest request;
  request.set_page_size(1000);
  request.set_include_text(true);
  request.set_reason("a test reads what was delivered");
  v1::ListSubmissionsResponse response;
  grpc::ClientContext context;
  SetDeadline(&context);
  UseSession(session.token(), &context);
  grpc::Status s = stub->ListSubmissions(&context, request, &response);
  if (!s.ok()) return base::FromGrpcStatus(s, "ListSubmissions");
  return std::vector<v1::SubmissionRecord>(response.records().begin(), response.records().end());
}

void UseSession(const std::string& token, grpc::ClientContext* context) {
  context->AddMetadata("authorization", "Bearer " + token);
}

}  // namespace carevoice::service::testing
