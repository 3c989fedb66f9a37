// Who may do what, exhaustively: every rpc of the Officer service, as every
// role and with no session, through a real in-process server. The expected
// table is written here again, apart from the code's (service/auth/
// roles.h), from the README's "Who may do what"; an rpc added to the
// service without a row here fails the first test.
#include <grpcpp/grpcpp.h>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/service/test_server.h"
#include "tests/service/testing.h"

namespace carevoice::service {
namespace {

using auth::Role;
using testing::TestServer;

constexpr Role kAdmin = Role::kAdmin;
constexpr Role kOfficer = Role::kOfficer;
constexpr Role kClerk = Role::kClerk;

using Stub = v1::Officer::Stub;
using Call = std::function<grpc::Status(Stub&, grpc::ClientContext*)>;

struct Case {
  std::string rpc;      // the method's name in the service
  std::string variant;  // what of the request matters, for messages
  std::set<Role> allowed;
  Call call;
  bool ends_session = false;  // SignOut: run it on a session of its own
};

template <typename Request, typename Response>
Call Unary(grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
           std::function<Request()> make = [] { return Request(); }) {
  return [method, make](Stub& stub, grpc::ClientContext* context) {
    Response response;
    return (stub.*method)(context, make(), &response);
  };
}

Call Export(bool identified) {
  return [identified](Stub& stub, grpc::ClientContext* context) {
    v1::ExportSubmissionsRequest request;
    request.set_identified(identified);
    request.set_reason("checking who may");
    auto reader = stub.ExportSubmissions(context, request);
    v1::SubmissionRecords run;
    while (reader->Read(&run)) {
    }
    return reader->Finish();
  };
}

// The sample consultation under another id.
std::string ConsultationJson(const std::string& id) {
  std::string json = testing::ReadFile(CAREVOICE_SAMPLE_CONSULTATION);
  json.replace(json.find("getting_out_2027"), 16, id);
  return json;
}

// The sample ballot under another id, closing at `closes` when given.
std::string BallotJson(const std::string& id, std::optional<absl::Time> closes = std::nullopt) {
  std::string json = testing::ReadFile(CAREVOICE_SAMPLE_BALLOT);
  json.replace(json.find("forum_reps_2027"), 15, id);
  if (closes) {
    const std::size_t at = json.find("2030-12-31T17:00:00Z");
    json.replace(at, 20, absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", *closes, absl::UTCTimeZone()));
  }
  return json;
}

std::vector<Case> Cases() {
  static int made = 0;  // each allowed CreateAccount makes a new name
  const std::set<Role> all = {kAdmin, kOfficer, kClerk};
  return {
      {"SignOut", "", all, Unary(&Stub::SignOut), /*ends_session=*/true},
      {"ExtendSession", "", all, Unary(&Stub::ExtendSession)},
      {"CreateAccount", "", {kAdmin},
       Unary<v1::CreateAccountRequest, v1::Account>(&Stub::CreateAccount, [] {
         v1::CreateAccountRequest r;
         r.set_name("made" + std::to_string(++made));
         r.set_role(v1::ROLE_CLERK);
         r.set_password("a long enough password");
         return r;
       })},
      {"ListAccounts", "", {kAdmin}, Unary(&Stub::ListAccounts)},
      {"CreateEnrolmentCode", "", {kAdmin},
       Unary<v1::CreateEnrolmentCodeRequest, v1::EnrolmentCode>(&Stub::CreateEnrolmentCode, [] {
         v1::CreateEnrolmentCodeRequest r;
         r.set_site("Central Library");
         r.set_mode("kiosk");
         return r;
       })},
      {"ListDevices", "", {kAdmin}, Unary(&Stub::ListDevices)},
      {"RevokeDevice", "", {kAdmin},
       Unary<v1::RevokeDeviceRequest, v1::Device>(&Stub::RevokeDevice, [] {
         v1::RevokeDeviceRequest r;
         r.set_device_id("kiosk-test-1");
         return r;
       })},
      {"UpdateAccount", "", {kAdmin},
       Unary<v1::UpdateAccountRequest, v1::Account>(&Stub::UpdateAccount, [] {
         v1::UpdateAccountRequest r;
         r.set_name("someone.else");
         r.set_unlock(true);
         return r;
       })},
      {"ListSubmissions", "without words", all, Unary(&Stub::ListSubmissions)},
      {"ListSubmissions", "with words", {kOfficer},
       Unary<v1::ListSubmissionsRequest, v1::ListSubmissionsResponse>(
           &Stub::ListSubmissions,
           [] {
             v1::ListSubmissionsRequest r;
             r.set_include_text(true);
             r.set_reason("checking who may");
             return r;
           })},
      {"ExportSubmissions", "anonymised", all, Export(false)},
      {"ExportSubmissions", "identified", {kOfficer}, Export(true)},
      {"GetCatalog", "", all, Unary(&Stub::GetCatalog)},
      {"PublishCatalog", "", {kAdmin},
       Unary<v1::PublishCatalogRequest, v1::PublishCatalogResponse>(&Stub::PublishCatalog, [] {
         v1::PublishCatalogRequest r;
         r.set_json(testing::CatalogWithoutConsultations(CAREVOICE_SAMPLE_CATALOG));
         return r;
       })},
      {"PublishConsultation", "", {kAdmin, kOfficer},
       Unary<v1::PublishConsultationRequest, v1::PublishConsultationResponse>(
           &Stub::PublishConsultation,
           [] {
             static int published = 0;  // a new id for each call
             v1::PublishConsultationRequest r;
             r.set_json(ConsultationJson("roles_" + std::to_string(++published)));
             return r;
           })},
      {"CloseConsultation", "", {kAdmin, kOfficer},
       Unary<v1::CloseConsultationRequest, v1::CloseConsultationResponse>(
           &Stub::CloseConsultation,
           [] {
             static int closed = 0;  // each call closes another (SetUp)
             v1::CloseConsultationRequest r;
             r.set_id("to_close_" + std::to_string(++closed));
             return r;
           })},
      {"ListConsultations", "", all, Unary(&Stub::ListConsultations)},
      {"ConsultationResults", "", all, [](Stub& stub, grpc::ClientContext* context) {
         v1::ConsultationResultsRequest request;
         request.set_id("to_close_1");
         v1::ConsultationResultsResponse response;
         return stub.ConsultationResults(context, request, &response);
       }},
      {"PublishNotice", "", {kAdmin, kOfficer},
       Unary<v1::PublishNoticeRequest, v1::PublishNoticeResponse>(&Stub::PublishNotice, [] {
         static int published = 0;  // a new id for each call
         v1::PublishNoticeRequest r;
         r.set_json(R"({"id": "roles_notice_)" + std::to_string(++published) +
                    R"(", "title": {"text": {"en-GB": "You said"}},
                        "body": {"text": {"en-GB": "We did"}}})");
         return r;
       })},
      {"PublishBallot", "", {kAdmin, kOfficer},
       Unary<v1::PublishBallotRequest, v1::PublishBallotResponse>(&Stub::PublishBallot,
                                                                  [] {
                                                                    static int published = 0;
                                                                    v1::PublishBallotRequest r;
                                                                    r.set_json(BallotJson(
                                                                        "roles_ballot_" +
                                                                        std::to_string(++published)));
                                                                    return r;
                                                                  })},
      {"IssueBallotCodes", "", {kAdmin, kOfficer}, [](Stub& stub, grpc::ClientContext* context) {
         v1::IssueBallotCodesRequest request;
         request.set_ballot_id("open_ballot");
         request.set_count(1);
         v1::IssueBallotCodesResponse response;
         return stub.IssueBallotCodes(context, request, &response);
       }},
      {"ListBallots", "", all, Unary(&Stub::ListBallots)},
      {"CountBallot", "", {kAdmin, kOfficer}, [](Stub& stub, grpc::ClientContext* context) {
         v1::CountBallotRequest request;
         request.set_id("closed_ballot");
         v1::CountBallotResponse response;
         return stub.CountBallot(context, request, &response);
       }},
      {"VerifyAudit", "", {kAdmin}, Unary(&Stub::VerifyAudit)},
      {"ListAudit", "", {kAdmin}, Unary(&Stub::ListAudit)},
      {"ListQuarantine", "", {kOfficer}, Unary(&Stub::ListQuarantine)},
      {"ListTakingPart", "", {kAdmin, kOfficer, kClerk}, Unary(&Stub::ListTakingPart)},
      {"BuildReport", "", all, [](Stub& stub, grpc::ClientContext* context) {
         v1::BuildReportRequest request;
         request.set_period("2026-04-01..2027-03-31");
         request.set_audience(v1::AUDIENCE_SCRUTINY);
         v1::CommitteeReport response;
         return stub.BuildReport(context, request, &response);
       }},
      {"SubjectAccess", "", {kOfficer}, [](Stub& stub, grpc::ClientContext* context) {
         v1::SubjectAccessRequest request;
         request.set_email("pat@example.org");
         request.set_reason("checking who may");
         auto reader = stub.SubjectAccess(context, request);
         v1::SubmissionRecord record;
         while (reader->Read(&record)) {
         }
         return reader->Finish();
       }},
      {"Erase", "dry run", {kOfficer},
       Unary<v1::EraseRequest, v1::EraseResponse>(&Stub::Erase, [] {
         v1::EraseRequest r;
         r.set_email("nobody@example.org");
         r.set_reason("checking who may");
         r.set_dry_run(true);
         return r;
       })},
      {"RotateSealingKey", "", {kAdmin},
       Unary<v1::RotateSealingKeyRequest, v1::SealingKey>(&Stub::RotateSealingKey,
                                                          [] { return v1::RotateSealingKeyRequest(); })},
      {"RunRetention", "dry run", {kAdmin},
       Unary<v1::RunRetentionRequest, v1::RetentionReport>(&Stub::RunRetention, [] {
         v1::RunRetentionRequest r;
         r.set_dry_run(true);
         return r;
       })},
      {"ListCases", "", {kOfficer},
       Unary<v1::ListCasesRequest, v1::ListCasesResponse>(&Stub::ListCases,
                                                          [] { return v1::ListCasesRequest(); })},
      {"MoveCase", "assign", {kOfficer},
       Unary<v1::MoveCaseRequest, v1::CaseRecord>(&Stub::MoveCase, [] {
         v1::MoveCaseRequest r;
         r.set_submission_id(testing::TestSubmissionId(1));
         r.set_action("assign");
         r.set_assign_to("someone");
         return r;
       })},
      {"GetCase", "", {kOfficer},
       Unary<v1::GetCaseRequest, v1::CaseDetail>(&Stub::GetCase, [] {
         v1::GetCaseRequest r;
         r.set_submission_id(testing::TestSubmissionId(1));
         return r;
       })},
      {"RecordComplaint", "by phone", {kOfficer},
       Unary<v1::RecordComplaintRequest, v1::RecordComplaintResponse>(&Stub::RecordComplaint, [] {
         v1::RecordComplaintRequest r;
         r.mutable_submission()->set_language("en-GB");
         r.mutable_submission()->set_anonymous(true);
         r.mutable_submission()->mutable_complaint()->set_service_id("home_care");
         r.mutable_submission()->mutable_complaint()->set_what_happened("No one came.");
         r.set_received_on("2020-01-06");
         r.set_how("phone");
         return r;
       })},
      {"Backup", "", {kAdmin}, [](Stub& stub, grpc::ClientContext* context) {
         auto reader = stub.Backup(context, v1::BackupRequest());
         v1::BackupChunk chunk;
         while (reader->Read(&chunk)) {
         }
         return reader->Finish();
       }},
  };
}

// SignIn is the one call that needs no session; tested apart below.
const std::set<std::string> kNeedsNoSession = {"SignIn"};

TEST(RolesTest, EveryRpcOfTheOfficerServiceHasItsRowHere) {
  std::set<std::string> covered = kNeedsNoSession;
  for (const Case& c : Cases()) covered.insert(c.rpc);
  const google::protobuf::ServiceDescriptor* service =
      v1::SignInRequest::descriptor()->file()->FindServiceByName("Officer");
  ASSERT_NE(service, nullptr);
  for (int i = 0; i < service->method_count(); ++i) {
    EXPECT_TRUE(covered.contains(service->method(i)->name()))
        << service->method(i)->name() << " has no row in the role table's test";
  }
}

class RolesCallTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Ballots to issue codes for, and to count (closed a minute ago), made
    // before anyone signs in so that no session has aged.
    ASSERT_TRUE(server_.catalog().PublishBallot("admin.test", BallotJson("open_ballot")).ok());
    ASSERT_TRUE(server_.catalog()
                    .PublishBallot("admin.test", BallotJson("closed_ballot",
                                                            server_.clock().Now() + absl::Minutes(1)))
                    .ok());
    server_.clock().Advance(absl::Minutes(2));
    for (Role r : auth::kRoles) server_.TokenFor(r);
    auth::Caller admin{"admin.test", kAdmin};
    ASSERT_TRUE(server_.accounts().Create(admin, "someone.else", kClerk,
                                          "someone else's password").ok());
    server_.CredentialOf("kiosk-test-1");  // a device to revoke
    for (int i = 1; i <= 8; ++i) {  // consultations to close
      ASSERT_TRUE(server_.catalog()
                      .PublishConsultation("admin.test",
                                           ConsultationJson("to_close_" + std::to_string(i)))
                      .ok());
    }
    // A case to move.
    v1::SubmitBatchRequest batch;
    batch.set_device_id("kiosk-test-1");
    *batch.add_submissions() = testing::Feedback(1, server_.clock().Now());
    v1::SubmitBatchResponse stored;
    grpc::ClientContext context;
    server_.AsDevice("kiosk-test-1", &context);
    ASSERT_TRUE(server_.kiosk().SubmitBatch(&context, batch, &stored).ok());
  }

  grpc::Status CallAs(const Case& c, std::optional<Role> role) {
    grpc::ClientContext context;
    if (role) {
      std::string token = server_.TokenFor(*role);
      if (c.ends_session) {
        auto in = server_.accounts().SignIn(std::string(auth::RoleName(*role)) + ".test",
                                            "a long enough test password");
        EXPECT_TRUE(in.ok()) << in.status();
        token = in.ok() ? in->token : "";
      }
      context.AddMetadata("authorization", "Bearer " + token);
    }
    return c.call(server_.officer(), &context);
  }

  TestServer server_;
};

TEST_F(RolesCallTest, EachRoleDoesWhatTheTableSaysAndNothingElse) {
  for (const Case& c : Cases()) {
    const std::string what = c.rpc + (c.variant.empty() ? "" : " (" + c.variant + ")");
    grpc::Status none = CallAs(c, std::nullopt);
    EXPECT_EQ(none.error_code(), grpc::StatusCode::UNAUTHENTICATED)
        << what << " with no session: " << none.error_message();
    for (Role role : auth::kRoles) {
      grpc::Status s = CallAs(c, role);
      const std::string as = what + " as " + std::string(auth::RoleName(role));
      if (c.allowed.contains(role)) {
        EXPECT_TRUE(s.ok()) << as << ": " << s.error_message();
      } else {
        EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << as << ": " << s.error_message();
      }
    }
  }
}

TEST_F(RolesCallTest, ARefusedCallDoesNothingAndSaysWhatTheRoleMayNotDo) {
  const auto before = server_.store().ListAudit(1000);
  ASSERT_TRUE(before.ok());
  v1::ListSubmissionsRequest request;
  request.set_include_text(true);
  request.set_reason("a clerk asks");
  v1::ListSubmissionsResponse response;
  grpc::ClientContext context;
  server_.SignedInAs(kClerk, &context);
  grpc::Status s = server_.officer().ListSubmissions(&context, request, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(s.error_message(),
            "the clerk role may not read people's words or contact details");
  EXPECT_EQ(server_.store().ListAudit(1000)->size(), before->size())
      << "nothing was read, so nothing is audited";
}

TEST_F(RolesCallTest, SignInNeedsNoSessionAndANonsenseTokenIsRefusedPlainly) {
  v1::SignInRequest request;
  request.set_name("clerk.test");
  request.set_password("a long enough test password");
  v1::SignInResponse response;
  {
    grpc::ClientContext context;
    ASSERT_TRUE(server_.officer().SignIn(&context, request, &response).ok());
  }
  EXPECT_EQ(response.session().name(), "clerk.test");
  EXPECT_EQ(response.session().role(), v1::ROLE_CLERK);
  EXPECT_TRUE(response.token().starts_with("cvs_"));

  auto call_with = [&](const std::string& authorization) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", authorization);
    v1::SessionInfo info;
    return server_.officer().ExtendSession(&context, v1::ExtendSessionRequest(), &info);
  };
  EXPECT_TRUE(call_with("Bearer " + response.token()).ok());
  grpc::Status s = call_with("Bearer not-a-token");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_NE(s.error_message().find("not a CareVoice session token"), std::string::npos);
  s = call_with("Basic " + response.token());
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << "only Bearer is read";
  std::string forged = response.token();
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  s = call_with("Bearer " + forged);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_NE(s.error_message().find("session has ended"), std::string::npos);
}

TEST_F(RolesCallTest, AdmittedCallsSayWhenTheSessionEnds) {
  grpc::ClientContext context;
  server_.SignedInAs(kClerk, &context);
  v1::GetCatalogResponse response;
  ASSERT_TRUE(server_.officer().GetCatalog(&context, v1::GetCatalogRequest(), &response).ok());
  const auto& metadata = context.GetServerInitialMetadata();
  auto expires = metadata.find("carevoice-session-expires-at");
  auto ends = metadata.find("carevoice-session-ends-at");
  ASSERT_NE(expires, metadata.end());
  ASSERT_NE(ends, metadata.end());
  const absl::Time now = server_.clock().Now();
  EXPECT_EQ(std::stoll(std::string(expires->second.data(), expires->second.size())),
            absl::ToUnixSeconds(now + absl::Minutes(30)));
  EXPECT_EQ(std::stoll(std::string(ends->second.data(), ends->second.size())),
            absl::ToUnixSeconds(now + absl::Hours(12)));
}

}  // namespace
}  // namespace carevoice::service
