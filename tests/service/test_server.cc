#include "tests/service/test_server.h"

#include "base/proto_time.h"
#include "gtest/gtest.h"

namespace carevoice::service::testing {

TestServer::TestServer(auth::LimitPolicy limits) {
  auto store = store::OpenSqliteStore(dir_.File("service.db"));
  if (!store.ok()) ADD_FAILURE() << store.status();
  store_ = std::move(store).value();
  auto catalog = catalog::Catalogs::Open(*store_, clock_, CAREVOICE_SAMPLE_CATALOG);
  if (!catalog.ok()) ADD_FAILURE() << catalog.status();
  catalog_ = std::move(catalog).value();
  accounts_ = std::make_unique<auth::Accounts>(*store_, clock_);
  devices_ = std::make_unique<auth::Devices>(*store_, clock_);
  limits_ = std::make_unique<auth::Limits>(*store_, clock_, limits);
  sealing_ = std::make_unique<auth::SealingKeys>(*store_, clock_);
  auto schedule = retention::LoadSchedule(CAREVOICE_RETENTION_SCHEDULE);
  if (!schedule.ok()) ADD_FAILURE() << schedule.status();
  schedule_ = std::move(schedule).value();
  retention_ = std::make_unique<retention::Retention>(*store_, clock_, schedule_);
  auto closures = cases::LoadClosures(CAREVOICE_CALENDAR);
  if (!closures.ok()) ADD_FAILURE() << closures.status();
  absl::TimeZone england;
  if (!absl::LoadTimeZone("Europe/London", &england)) ADD_FAILURE() << "no Europe/London";
  auto dictionary = redact::Dictionary::Load(redact::kDefaultDictionary);
  if (!dictionary.ok()) ADD_FAILURE() << dictionary.status();
  redactor_ = std::make_unique<redact::Redactor>(std::move(dictionary).value_or(redact::Dictionary()));
  auto themes = cases::Lexicon::Load(CAREVOICE_THEMES);
  if (!themes.ok()) ADD_FAILURE() << themes.status();
  cases_ = std::make_unique<cases::Cases>(
      *store_, clock_, cases::WorkingDays(std::move(closures).value_or(cases::Closures{})), england,
      std::move(themes).value_or(cases::Lexicon()), *redactor_);
  kiosk_service_ = std::make_unique<rpc::KioskSyncImpl>(*store_, *catalog_, clock_, *devices_,
                                                        *limits_, pins_, *sealing_, nullptr,
                                                        &notifier_);
  officer_service_ = std::make_unique<rpc::OfficerImpl>(*store_, *catalog_, clock_, *accounts_,
                                                        *devices_, *limits_, *sealing_,
                                                        *retention_, *cases_, pins_,
                                                        base::SystemRandom::Get(), &notifier_);
  grpc::ServerBuilder builder;
  builder.RegisterService(kiosk_service_.get());
  builder.RegisterService(officer_service_.get());
  server_ = builder.BuildAndStart();
  channel_ = server_->InProcessChannel(grpc::ChannelArguments());
  kiosk_stub_ = v1::KioskSync::NewStub(channel_);
  officer_stub_ = v1::Officer::NewStub(channel_);
}

TestServer::~TestServer() { server_->Shutdown(); }

std::string TestServer::TokenFor(auth::Role role) {
  if (auto it = tokens_.find(role); it != tokens_.end()) return it->second;
  const std::string name = std::string(auth::RoleName(role)) + ".test";
  const std::string password = "a long enough test password";
  if (!tokens_.contains(auth::Role::kAdmin) && role != auth::Role::kAdmin) {
    TokenFor(auth::Role::kAdmin);  // the first account is the admin
  }
  if (role == auth::Role::kAdmin) {
    if (auto s = accounts_->CreateFirstAdmin(name, password); !s.ok()) ADD_FAILURE() << s;
  } else {
    auth::Caller admin{"admin.test", auth::Role::kAdmin};
    if (auto a = accounts_->Create(admin, name, role, password); !a.ok()) {
      ADD_FAILURE() << a.status();
    }
  }
  auto in = accounts_->SignIn(name, password);
  if (!in.ok()) {
    ADD_FAILURE() << in.status();
    return "";
  }
  return tokens_[role] = in->token;
}

std::string TestServer::CredentialOf(const std::string& device_id) {
  if (auto it = credentials_.find(device_id); it != credentials_.end()) return it->second;
  const auth::Caller admin{"admin.test", auth::Role::kAdmin};
  auto code = devices_->MakeEnrolmentCode(admin, "test", "kiosk", absl::Hours(1));
  if (!code.ok()) {
    ADD_FAILURE() << code.status();
    return "";
  }
  auto enrolled = devices_->Enrol(code->code, device_id);
  if (!enrolled.ok()) {
    ADD_FAILURE() << enrolled.status();
    return "";
  }
  return credentials_[device_id] = enrolled->credential;
}

void TestServer::AsDevice(const std::string& device_id, grpc::ClientContext* context) {
  context->AddMetadata("authorization", "Bearer " + CredentialOf(device_id));
}

void TestServer::SignedInAs(auth::Role role, grpc::ClientContext* context) {
  context->AddMetadata("authorization", "Bearer " + TokenFor(role));
}

void TestServer::SendStored(const std::vector<v1::Submission>& items,
                            std::optional<absl::Time> device_time) {
  v1::SubmitBatchRequest request;
  request.set_device_id("kiosk-test-1");
  if (device_time) base::SetProtoTimestamp(*device_time, request.mutable_device_time());
  for (const auto& s : items) *request.add_submissions() = s;
  v1::SubmitBatchResponse response;
  grpc::ClientContext context;
  AsDevice("kiosk-test-1", &context);
  grpc::Status status = kiosk().SubmitBatch(&context, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  for (const auto& r : response.results()) {
    ASSERT_EQ(r.outcome(), v1::ItemResult::OUTCOME_STORED) << r.field() << " " << r.message_key();
  }
}

}  // namespace carevoice::service::testing
