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

void UseSession(const std::string& token, grpc::ClientContext* context) {
  context->AddMetadata("authorization", "Bearer " + token);
}

}  // namespace carevoice::service::testing
