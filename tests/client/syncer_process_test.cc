// The syncer and a real carevoice-service process on loopback: the service
// down then up, the service dying right after a commit (the worst place),
// and random SIGKILLs under load. Exactly-once is checked on the service
// side through the Officer ListSubmissions rpc. Every wait is bounded in
// time and every loop in count; limits are generous so a slow machine is
// not a failure.
#include <signal.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/time/clock.h"
#include "base/clock.h"
#include "base/proto_time.h"
#include "base/retry_after.h"
#include "carevoice/v1/carevoice.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "client/model/outbox.h"
#include "client/model/outbox_sqlite.h"
#include "client/model/syncer.h"
#include "base/sqlite_db.h"
#include "client/model/transport.h"
#include "gtest/gtest.h"
#include "tests/service/officer_session.h"
#include "tests/client/service_process.h"
#include "tests/client/test_support.h"

namespace carevoice::client {
namespace {

using testing::FeedbackDraft;
using testing::ServiceOptions;
using testing::ServiceProcess;
using testing::TempDir;
using testing::WaitUntil;

constexpr absl::Duration kLongWait = absl::Seconds(120);

// Passes calls through and counts how they went, so a test can tell that a
// retry was answered as a replay (the service had committed before dying).
class RecordingTransport final : public Transport {
 public:
  explicit RecordingTransport(std::unique_ptr<Transport> inner)
      : inner_(std::move(inner)) {}

  absl::StatusOr<v1::SubmitBatchResponse> SubmitBatch(
      const v1::SubmitBatchRequest& request, absl::Duration timeout) override {
    absl::StatusOr<v1::SubmitBatchResponse> response =
        inner_->SubmitBatch(request, timeout);
    std::lock_guard lock(mu_);
    if (!response.ok()) {
      ++failed_calls_;
      if (base::RetryAfter(response.status())) ++told_to_wait_;
      return response;
    }
    for (const v1::ItemResult& result : response->results()) {
      ++outcomes_[result.outcome()];
    }
    return response;
  }
  absl::StatusOr<v1::GetCatalogResponse> GetCatalog(
      const v1::GetCatalogRequest& request, absl::Duration timeout) override {
    return inner_->GetCatalog(request, timeout);
  }
  absl::StatusOr<v1::EnrolResponse> Enrol(const v1::EnrolRequest& request,
                                          absl::Duration timeout) override {
    return inner_->Enrol(request, timeout);
  }
  void UseCredential(const std::string& credential) override {
    inner_->UseCredential(credential);
  }
  absl::Status Quarantine(const v1::QuarantineRequest& request,
                          absl::Duration timeout) override {
    return inner_->Quarantine(request, timeout);
  }
  absl::StatusOr<v1::CheckReferenceResponse> CheckReference(
      const v1::CheckReferenceRequest& request, absl::Duration timeout) override {
    return inner_->CheckReference(request, timeout);
  }
  absl::Status CountTakingPart(const v1::CountTakingPartRequest& request,
                               absl::Duration timeout) override {
    return inner_->CountTakingPart(request, timeout);
  }

  int failed_calls() const {
    std::lock_guard lock(mu_);
    return failed_calls_;
  }
  // Failed calls whose answer said when to try again (a fair limit).
  int told_to_wait() const {
    std::lock_guard lock(mu_);
    return told_to_wait_;
  }
  int outcomes(v1::ItemResult::Outcome outcome) const {
    std::lock_guard lock(mu_);
    auto it = outcomes_.find(outcome);
    return it == outcomes_.end() ? 0 : it->second;
  }

 private:
  std::unique_ptr<Transport> inner_;
  mutable std::mutex mu_;
  int failed_calls_ = 0;
  int told_to_wait_ = 0;
  std::map<int, int> outcomes_;
};

class SyncerProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir_.ok());
    absl::StatusOr<std::unique_ptr<Outbox>> opened =
        SqliteOutbox::Open(dir_.File("outbox.db"));
    ASSERT_TRUE(opened.ok()) << opened.status();
    outbox_ = *std::move(opened);
    options_.initial_backoff = absl::Milliseconds(50);
    options_.max_backoff = absl::Milliseconds(500);
    options_.rpc_timeout = absl::Seconds(30);
    options_.catalog_refresh = absl::Hours(1);
    options_.batch_size = 10;
  }

  void TearDown() override {
    if (syncer_) syncer_->Stop();  // before the service and transport go
    service_.reset();
  }

  // Starts the service on the address learned at its first start (port 0
  // the first time), so the kiosk's transport keeps its target as a real
  // kiosk's would. Rebinding right after a SIGKILL normally works at once;
  // a few bounded retries cover the rare slow release of the port.
  void StartService(std::vector<std::string> env = {}, std::vector<std::string> args = {}) {
    ServiceOptions options;
    options.args = std::move(args);
    options.binary = CAREVOICE_SERVICE_BINARY;
    options.db = dir_.File("service.db");
    options.catalog = CAREVOICE_SAMPLE_CATALOG;
    options.env = std::move(env);
    if (!address_.empty()) options.listen = address_;
    absl::Status last;
    for (int attempt = 0; attempt < 10; ++attempt) {
      absl::StatusOr<std::unique_ptr<ServiceProcess>> started =
          ServiceProcess::Start(options);
      if (started.ok()) {
        service_ = *std::move(started);
        const bool first = address_.empty();
        if (first) address_ = service_->address();
        ASSERT_EQ(service_->address(), address_);
        if (first && enrol_at_first_start_) EnrolOutbox();
        return;
      }
      last = started.status();
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
    FAIL() << "service did not start: " << last;
  }

  // Enrols the kiosk's outbox, as --enrol would have, so every later
  // transport (and syncer) has its credential.
  void EnrolOutbox() {
    absl::StatusOr<std::string> code =
        service::testing::NewEnrolmentCode(address_, enrol_mode_);
    ASSERT_TRUE(code.ok()) << code.status();
    std::unique_ptr<Transport> transport = *MakeGrpcTransport(address_, "");
    v1::EnrolRequest request;
    request.set_code(*code);
    request.set_device_id(outbox_->device_id());
    absl::StatusOr<v1::EnrolResponse> enrolled = transport->Enrol(request, absl::Seconds(60));
    ASSERT_TRUE(enrolled.ok()) << enrolled.status();
    ASSERT_TRUE(outbox_->SaveCredential(enrolled->credential()).ok());
    // As the syncer does on enrolment: the key to seal to is pinned.
    ASSERT_EQ(enrolled->sealing_key().public_key().size(), 32u);
    ASSERT_TRUE(outbox_
                    ->PinSealingKey({enrolled->sealing_key().key_id(),
                                     enrolled->sealing_key().public_key()})
                    .ok());
  }

  void StartSyncer() {
    transport_ = std::make_unique<RecordingTransport>(*MakeGrpcTransport(address_, ""));
    syncer_ = std::make_unique<Syncer>(*outbox_, *transport_, options_);
    syncer_->Start();
  }

  // A service id from the service's own catalog, so drafts pass its checks.
  std::string ServiceIdFromCatalog() {
    std::unique_ptr<Transport> transport = *MakeGrpcTransport(address_, "");
    transport->UseCredential(outbox_->Credential().value_or(""));
    v1::GetCatalogRequest request;
    request.set_device_id(outbox_->device_id());
    absl::StatusOr<v1::GetCatalogResponse> response =
        transport->GetCatalog(request, absl::Seconds(60));
    EXPECT_TRUE(response.ok()) << response.status();
    if (!response.ok() || response->catalog().services().empty()) return "";
    return response->catalog().services(0).id();
  }

  std::string MustEnqueue(const std::string& service_id, int n) {
    absl::StatusOr<OutboxItem> item = outbox_->Enqueue(
        FeedbackDraft("process words " + std::to_string(n), service_id),
        absl::Now());
    EXPECT_TRUE(item.ok()) << item.status();
    return item.ok() ? item->submission_id : "";
  }

  bool OutboxEmpty() {
    absl::StatusOr<int> pending = outbox_->PendingCount();
    return pending.ok() && *pending == 0;
  }

  int Attempts(const std::string& id) {
    absl::StatusOr<std::optional<OutboxItem>> found = outbox_->Find(id);
    return found.ok() && found->has_value() ? (*found)->attempts : -1;
  }

  // Each id is on the service exactly once, nothing else is there, and the
  // outbox holds each as delivered.
  void ExpectDeliveredExactlyOnce(const std::vector<std::string>& ids) {
    absl::StatusOr<std::map<std::string, int>> stored =
        testing::ListStoredSubmissions(address_);
    ASSERT_TRUE(stored.ok()) << stored.status();
    EXPECT_EQ(stored->size(), ids.size());
    for (const std::string& id : ids) {
      auto it = stored->find(id);
      ASSERT_NE(it, stored->end()) << id << " never reached the service";
      EXPECT_EQ(it->second, 1) << id << " stored more than once";
      absl::StatusOr<std::optional<OutboxItem>> found = outbox_->Find(id);
      ASSERT_TRUE(found.ok() && found->has_value());
      EXPECT_EQ((*found)->state, DeliveryState::kDelivered) << id;
    }
  }

  TempDir dir_;
  std::unique_ptr<Outbox> outbox_;
  SyncOptions options_;
  std::string address_;
  std::unique_ptr<ServiceProcess> service_;
  std::unique_ptr<RecordingTransport> transport_;
  std::unique_ptr<Syncer> syncer_;
  bool enrol_at_first_start_ = true;
  std::string enrol_mode_ = "kiosk";
};

TEST_F(SyncerProcessTest, QueuedWhileServiceDownThenDeliveredOnceWhenItIsUp) {
  ASSERT_NO_FATAL_FAILURE(StartService());
  const std::string service_id = ServiceIdFromCatalog();
  ASSERT_FALSE(service_id.empty());
  absl::StatusOr<int> exit_code = service_->Terminate();
  ASSERT_TRUE(exit_code.ok()) << exit_code.status();
  EXPECT_EQ(*exit_code, 0) << "SIGTERM is a clean stop";

  StartSyncer();
  std::vector<std::string> ids;
  for (int i = 0; i < 12; ++i) ids.push_back(MustEnqueue(service_id, i));
  syncer_->Wake();
  ASSERT_TRUE(WaitUntil([&] { return Attempts(ids.front()) >= 2; }, kLongWait))
      << "the syncer should keep trying while the service is down";
  EXPECT_FALSE(syncer_->Status().service_reachable);
  // Status is as of the syncer's last look, which may predate the last
  // enqueue; it catches up on the next pass.
  EXPECT_TRUE(WaitUntil([&] { return syncer_->Status().pending == 12; },
                        kLongWait));

  ASSERT_NO_FATAL_FAILURE(StartService());
  syncer_->Wake();
  ASSERT_TRUE(WaitUntil([&] { return OutboxEmpty(); }, kLongWait));
  ExpectDeliveredExactlyOnce(ids);
  ASSERT_TRUE(WaitUntil([&] { return syncer_->Status().pending == 0; }));
  EXPECT_TRUE(syncer_->Status().service_reachable);
  EXPECT_EQ(syncer_->Status().delivered_total, 12u);
  EXPECT_GE(syncer_->Status().catalog_serial, 1u) << "catalog fetched too";
}

// Kiosks whose clocks are two days ahead and two days behind: their
// people's words are accepted by the real service and dated when they were
// told, on the service's clock.
TEST_F(SyncerProcessTest, KiosksWithClocksDaysOutDeliverDatedRight) {
  ASSERT_NO_FATAL_FAILURE(StartService());
  const std::string service_id = ServiceIdFromCatalog();
  ASSERT_FALSE(service_id.empty());
  std::map<std::string, absl::Time> told;  // submission id -> real time told
  for (absl::Duration skew : {absl::Hours(48), -absl::Hours(48)}) {
    base::FakeClock device_clock(absl::Now() + skew);
    options_.wall_clock = &device_clock;
    const absl::Time real_now = absl::Now();
    absl::StatusOr<OutboxItem> item = outbox_->Enqueue(
        FeedbackDraft("told with a wrong clock", service_id), device_clock.Now());
    ASSERT_TRUE(item.ok()) << item.status();
    told[item->submission_id] = real_now;
    StartSyncer();
    ASSERT_TRUE(WaitUntil([&] { return OutboxEmpty(); }, kLongWait))
        << "a kiosk " << absl::FormatDuration(skew) << " out could not deliver";
    syncer_->Stop();
    syncer_.reset();
  }
  std::unique_ptr<v1::Officer::Stub> officer = v1::Officer::NewStub(
      grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
  v1::ListSubmissionsRequest request;
  request.set_page_size(10);
  v1::ListSubmissionsResponse response;
  grpc::ClientContext context;
  absl::StatusOr<std::string> token = service::testing::SignInTestAdmin(address_);
  ASSERT_TRUE(token.ok()) << token.status();
  service::testing::UseSession(*token, &context);
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  ASSERT_TRUE(officer->ListSubmissions(&context, request, &response).ok());
  ASSERT_EQ(response.records_size(), 2);
  for (const v1::SubmissionRecord& record : response.records()) {
    const absl::Time at = base::FromProtoTimestamp(record.told_at());
    // Within the time a call takes (and a second of created_at's rounding).
    EXPECT_LT(absl::AbsDuration(at - told[record.submission_id()]), absl::Seconds(30))
        << "told at " << at << ", expected about " << told[record.submission_id()];
    EXPECT_NEAR(std::abs(record.device_clock_offset_ms()), 48 * 3600 * 1000LL, 30'000);
  }
}

// A real service with a tight limit on this device's batches: it answers
// RESOURCE_EXHAUSTED with when to come back, the kiosk waits that long,
// and every item is delivered exactly once.
TEST_F(SyncerProcessTest, AKioskOverItsLimitWaitsAsToldAndDeliversEverythingOnce) {
  ASSERT_NO_FATAL_FAILURE(StartService({}, {"--limit-device-batches", "2/1s"}));
  const std::string service_id = ServiceIdFromCatalog();
  ASSERT_FALSE(service_id.empty());
  options_.max_backoff = absl::Seconds(5);
  std::vector<std::string> ids;
  for (int i = 0; i < 60; ++i) ids.push_back(MustEnqueue(service_id, i));
  StartSyncer();
  ASSERT_TRUE(WaitUntil([&] { return OutboxEmpty(); }, kLongWait));
  ExpectDeliveredExactlyOnce(ids);
  EXPECT_GE(transport_->told_to_wait(), 1) << "six batches at two a second must meet the limit";
  EXPECT_EQ(transport_->told_to_wait(), transport_->failed_calls())
      << "every refusal said when to come back";
}

TEST_F(SyncerProcessTest, ServiceDiesAfterCommitBeforeReplyAndItemIsStoredOnce) {
  ASSERT_NO_FATAL_FAILURE(
      StartService({"CAREVOICE_FAULT_CRASH_AFTER_COMMIT=1"}));
  const std::string service_id = ServiceIdFromCatalog();
  ASSERT_FALSE(service_id.empty());
  StartSyncer();
  const std::string id = MustEnqueue(service_id, 0);
  syncer_->Wake();

  absl::StatusOr<int> ended = service_->WaitForExit(kLongWait);
  ASSERT_TRUE(ended.ok()) << ended.status();
  ASSERT_TRUE(WIFSIGNALED(*ended) && WTERMSIG(*ended) == SIGKILL)
      << "wait status " << *ended;
  ASSERT_TRUE(WaitUntil([&] { return transport_->failed_calls() >= 1; },
                        kLongWait));
  ASSERT_TRUE(WaitUntil([&] { return Attempts(id) >= 1; }, kLongWait));
  absl::StatusOr<std::optional<OutboxItem>> before = outbox_->Find(id);
  ASSERT_TRUE(before.ok() && before->has_value());
  EXPECT_EQ((*before)->state, DeliveryState::kPending)
      << "no answer, so the kiosk must still hold it";

  ASSERT_NO_FATAL_FAILURE(StartService());  // same db and address, no fault
  syncer_->Wake();
  ASSERT_TRUE(WaitUntil([&] { return OutboxEmpty(); }, kLongWait));
  ExpectDeliveredExactlyOnce({id});
  // The service had committed before it died: the resend is a replay.
  EXPECT_EQ(transport_->outcomes(v1::ItemResult::OUTCOME_ALREADY_STORED), 1);
  EXPECT_EQ(transport_->outcomes(v1::ItemResult::OUTCOME_STORED), 0);
}

TEST_F(SyncerProcessTest, TransportReconnectsAtOnceAfterARestart) {
  ASSERT_NO_FATAL_FAILURE(StartService());
  std::unique_ptr<Transport> transport = *MakeGrpcTransport(address_, "");
  transport->UseCredential(*outbox_->Credential());
  v1::GetCatalogRequest request;
  request.set_device_id(outbox_->device_id());
  ASSERT_TRUE(transport->GetCatalog(request, absl::Seconds(60)).ok());

  service_->Kill();
  for (int i = 0; i < 3; ++i) {  // while down: fail fast, many times over
    absl::StatusOr<v1::GetCatalogResponse> down =
        transport->GetCatalog(request, absl::Seconds(60));
    EXPECT_EQ(down.status().code(), absl::StatusCode::kUnavailable);
  }
  ASSERT_NO_FATAL_FAILURE(StartService());
  // gRPC's channel would sit in its reconnect backoff for seconds here; the
  // transport must not: at most the first call may still see the old state.
  int calls = 0;
  absl::Status last;
  while (calls < 2) {
    ++calls;
    last = transport->GetCatalog(request, absl::Seconds(60)).status();
    if (last.ok()) break;
  }
  EXPECT_TRUE(last.ok()) << "after " << calls << " calls: " << last;
}

TEST_F(SyncerProcessTest, RandomKillsUnderLoadLoseAndDuplicateNothing) {
  constexpr int kItems = 200;
  constexpr int kKills = 5;
  std::uint64_t seed = 20'240'611;
  if (const char* s = std::getenv("CAREVOICE_TEST_SEED")) {
    ASSERT_TRUE(absl::SimpleAtoi(s, &seed)) << s;
  }
  RecordProperty("seed", std::to_string(seed));
  std::mt19937_64 rng(seed);
  // Commit, then wait before replying: a kill is likely to land in between.
  const std::vector<std::string> env = {"CAREVOICE_FAULT_DELAY_REPLY_MS=30"};

  ASSERT_NO_FATAL_FAILURE(StartService(env));
  const std::string service_id = ServiceIdFromCatalog();
  ASSERT_FALSE(service_id.empty());
  StartSyncer();

  // The kiosk queues while the service comes and goes; the killer is this
  // (the test's main) thread, because a spawned service dies with the
  // thread that spawned it.
  std::mutex ids_mu;
  std::vector<std::string> ids;
  std::thread producer([&, producer_seed = rng()] {
    std::mt19937_64 producer_rng(producer_seed);
    for (int i = 0; i < kItems; ++i) {
      std::string id = MustEnqueue(service_id, i);
      {
        std::lock_guard lock(ids_mu);
        ids.push_back(std::move(id));
      }
      syncer_->Wake();
      if (i % 5 == 4) {  // spread the queueing over the kills
        std::this_thread::sleep_for(
            std::chrono::milliseconds(producer_rng() % 60));
      }
    }
  });

  for (int kill = 0; kill < kKills; ++kill) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100 + rng() % 400));
    service_->Kill();  // also reaps one that already killed itself
    std::this_thread::sleep_for(std::chrono::milliseconds(rng() % 150));
    // Some lives end by the service's own hand right after a commit, so
    // the worst place is hit for sure, not only when a kill lands there.
    // The last life has no such fault: it must stay up to the end.
    std::vector<std::string> life_env = env;
    if (kill % 2 == 0 && kill + 1 < kKills) {
      life_env.push_back("CAREVOICE_FAULT_CRASH_AFTER_COMMIT=" +
                         std::to_string(1 + rng() % 3));
    }
    StartService(life_env);
    if (HasFatalFailure()) break;
    // Skip the rest of the backoff so this short life sees traffic.
    syncer_->Wake();
  }
  producer.join();
  ASSERT_FALSE(HasFatalFailure());

  syncer_->Wake();
  ASSERT_TRUE(WaitUntil([&] { return OutboxEmpty(); }, kLongWait));
  ASSERT_EQ(ids.size(), static_cast<std::size_t>(kItems));
  ExpectDeliveredExactlyOnce(ids);
  // What the kills hit, for the log: failed calls, and replays of items
  // the service had stored but not answered.
  RecordProperty("failed_calls", transport_->failed_calls());
  RecordProperty("replays",
                 transport_->outcomes(v1::ItemResult::OUTCOME_ALREADY_STORED));
  std::cerr << "seed " << seed << ": " << transport_->failed_calls()
            << " failed calls, "
            << transport_->outcomes(v1::ItemResult::OUTCOME_ALREADY_STORED)
            << " replays\n";
}

// Enrolment through real processes: a kiosk started with a code enrols
// itself and delivers; revoked, it is refused at once, keeps everything
// queued and says so (to staff, in its log); a second use of the code is
// refused; started again with a new code it delivers its queue exactly
// once; and no device sends as another.
TEST_F(SyncerProcessTest, EnrolledRevokedAndEnrolledAgainDeliversItsQueueOnce) {
  enrol_at_first_start_ = false;
  ASSERT_NO_FATAL_FAILURE(StartService());
  std::string service_id;
  {
    // Not enrolled: the service will not even show the catalog.
    std::unique_ptr<Transport> stranger = *MakeGrpcTransport(address_, "");
    v1::GetCatalogRequest request;
    request.set_device_id(outbox_->device_id());
    EXPECT_EQ(stranger->GetCatalog(request, absl::Seconds(60)).status().code(),
              absl::StatusCode::kUnauthenticated);
  }
  absl::StatusOr<std::string> code = service::testing::NewEnrolmentCode(address_);
  ASSERT_TRUE(code.ok()) << code.status();
  options_.enrol_code = *code;
  std::vector<std::string> ids = {MustEnqueue("home_care", 1)};
  StartSyncer();
  ASSERT_TRUE(WaitUntil([&] { return OutboxEmpty(); }, kLongWait)) << "never enrolled and sent";
  EXPECT_FALSE(outbox_->Credential()->empty()) << "the credential is kept in the outbox";

  // Revoked: refused at once; what people say stays queued.
  ASSERT_TRUE(service::testing::RevokeDevice(address_, outbox_->device_id()).ok());
  ids.push_back(MustEnqueue("home_care", 2));
  ids.push_back(MustEnqueue("home_care", 3));
  syncer_->Wake();
  ASSERT_TRUE(WaitUntil([&] { return syncer_->Status().needs_enrolment; }, kLongWait));
  EXPECT_EQ(*outbox_->PendingCount(), 2);
  syncer_->Stop();
  syncer_.reset();

  // Restarted with the old code: it was used; still nothing lost.
  StartSyncer();
  ASSERT_TRUE(WaitUntil([&] { return syncer_->Status().needs_enrolment; }, kLongWait));
  EXPECT_EQ(*outbox_->PendingCount(), 2);
  syncer_->Stop();
  syncer_.reset();

  // A new code: enrolled again with the same id, the queue goes once.
  code = service::testing::NewEnrolmentCode(address_);
  ASSERT_TRUE(code.ok()) << code.status();
  options_.enrol_code = *code;
  StartSyncer();
  ASSERT_TRUE(WaitUntil([&] { return OutboxEmpty(); }, kLongWait)) << "never re-enrolled";
  EXPECT_FALSE(syncer_->Status().needs_enrolment);
  ExpectDeliveredExactlyOnce(ids);

  // Its credential does not let it send as another device.
  std::unique_ptr<Transport> impostor = *MakeGrpcTransport(address_, "");
  impostor->UseCredential(*outbox_->Credential());
  v1::SubmitBatchRequest batch;
  batch.set_device_id("some-other-kiosk");
  *batch.add_submissions() = FeedbackDraft("as another", "home_care");
  EXPECT_EQ(impostor->SubmitBatch(batch, absl::Seconds(60)).status().code(),
            absl::StatusCode::kPermissionDenied);
}

// Someone's words damaged on the kiosk's disk neither block the queue nor
// vanish: the rest are delivered and the damaged bytes are kept in the
// real service's quarantine.
TEST_F(SyncerProcessTest, DamagedBytesReachTheQuarantineWhileTheRestAreDelivered) {
  ASSERT_NO_FATAL_FAILURE(StartService());
  const std::string service_id = ServiceIdFromCatalog();
  std::vector<std::string> ids;
  for (int i = 0; i < 6; ++i) ids.push_back(MustEnqueue(service_id, i));
  {
    auto db = base::Db::Open(dir_.File("outbox.db"));
    ASSERT_TRUE(db.ok());
    auto damage = (*db)->Prepare("UPDATE items SET body = x'0aff01ffff' WHERE submission_id = ?");
    ASSERT_TRUE(damage.ok());
    ASSERT_TRUE(damage->BindText(1, ids[3]).Run().ok());
  }
  StartSyncer();
  ASSERT_TRUE(WaitUntil([&] { return OutboxEmpty(); }, kLongWait));
  syncer_->Stop();
  const std::string damaged = ids[3];
  ids.erase(ids.begin() + 3);
  ExpectDeliveredExactlyOnce(ids);

  auto db = base::Db::Open(dir_.File("service.db"));
  ASSERT_TRUE(db.ok());
  auto kept = (*db)->Prepare("SELECT device_id, submission_id, hex(raw), reason FROM quarantine");
  ASSERT_TRUE(kept.ok());
  ASSERT_TRUE(*kept->Step());
  EXPECT_EQ(kept->ColumnText(0), outbox_->device_id());
  EXPECT_EQ(kept->ColumnText(1), damaged);
  EXPECT_EQ(kept->ColumnText(2), "0AFF01FFFF");
  EXPECT_NE(kept->ColumnText(3).find("damaged"), std::string::npos);
  EXPECT_FALSE(*kept->Step()) << "kept once";
}

// Every byte of every file under `dir`, recursively.
std::string EveryFileUnder(const std::string& dir) {
  std::string all;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) all += testing::ReadFileBytes(entry.path().string());
  }
  return all;
}

// A care-home tablet: a resident's concern is queued while the service is
// away, and none of its words or details are in any file the tablet wrote;
// meanwhile the service's key is rotated, so the queued item is sealed to
// the old key. When the service is back the concern arrives once, is read
// by an officer, and the tablet seals what comes next to the new key.
TEST_F(SyncerProcessTest, ATabletsConcernIsUnreadableOnItsDiskAndArrivesOnceAfterARotation) {
  const std::string tablet_dir = dir_.File("tablet");
  std::filesystem::create_directory(tablet_dir);
  outbox_.reset();
  auto opened = SqliteOutbox::Open(tablet_dir + "/outbox.db", {.seal = true});
  ASSERT_TRUE(opened.ok()) << opened.status();
  outbox_ = *std::move(opened);
  enrol_mode_ = "tablet";
  ASSERT_NO_FATAL_FAILURE(StartService());
  const std::string service_id = ServiceIdFromCatalog();
  ASSERT_FALSE(service_id.empty());
  const std::optional<SealingKey> first_key = *outbox_->PinnedSealingKey();
  ASSERT_TRUE(first_key.has_value());
  ASSERT_TRUE(service_->Terminate().ok());

  StartSyncer();
  v1::Submission concern =
      FeedbackDraft("Night carer Brackenthwaite locks my door at eight", service_id);
  concern.set_anonymous(false);
  concern.mutable_contact()->set_name("Winifred Oakhanger");
  concern.mutable_contact()->set_phone("07700 900461");
  absl::StatusOr<OutboxItem> queued = outbox_->Enqueue(concern, absl::Now());
  ASSERT_TRUE(queued.ok()) << queued.status();
  syncer_->Wake();
  ASSERT_TRUE(WaitUntil([&] { return Attempts(queued->submission_id) >= 2; }, kLongWait));

  // The syncer has been reading and writing the outbox all along.
  const std::string on_disk = EveryFileUnder(tablet_dir);
  ASSERT_FALSE(on_disk.empty());
  for (const char* secret : {"Brackenthwaite", "locks my door", "Oakhanger", "900461"}) {
    EXPECT_EQ(on_disk.find(secret), std::string::npos) << secret << " is on the tablet's disk";
  }

  // The service comes back and, before the tablet reaches it, its key is
  // rotated.
  syncer_->Stop();
  ASSERT_NO_FATAL_FAILURE(StartService());
  absl::StatusOr<v1::SealingKey> new_key = service::testing::RotateSealingKey(address_);
  ASSERT_TRUE(new_key.ok()) << new_key.status();
  ASSERT_NE(new_key->key_id(), first_key->key_id);
  StartSyncer();
  ASSERT_TRUE(WaitUntil([&] { return OutboxEmpty(); }, kLongWait));
  ExpectDeliveredExactlyOnce({queued->submission_id});
  ASSERT_TRUE(WaitUntil(
      [&] {
        auto pinned = outbox_->PinnedSealingKey();
        return pinned.ok() && pinned->has_value() && (*pinned)->key_id == new_key->key_id();
      },
      kLongWait))
      << "the tablet takes the new key at its next contact";

  absl::StatusOr<std::vector<v1::SubmissionRecord>> read =
      service::testing::ReadWordsAsOfficer(address_);
  ASSERT_TRUE(read.ok()) << read.status();
  ASSERT_EQ(read->size(), 1u);
  EXPECT_EQ(read->front().submission().feedback().text(),
            "Night carer Brackenthwaite locks my door at eight");

  // What comes next is sealed to the new key, and arrives too.
  absl::StatusOr<OutboxItem> next =
      outbox_->Enqueue(FeedbackDraft("The garden is lovely", service_id), absl::Now());
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_EQ(next->sealed_key_id, new_key->key_id());
  syncer_->Wake();
  ASSERT_TRUE(WaitUntil([&] { return OutboxEmpty(); }, kLongWait));
  ExpectDeliveredExactlyOnce({queued->submission_id, next->submission_id});
}

}  // namespace
}  // namespace carevoice::client
