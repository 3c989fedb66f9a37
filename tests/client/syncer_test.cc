// The syncer against a scripted fake service (fake_transport.h) and a real
// outbox file: exactly-once delivery, backoff, refusals, partial answers,
// catalog updates. Waits are bounded polls with generous limits; no test
// asserts on how fast the machine is.
#include "client/model/outbox_sqlite.h"
#include "client/model/syncer.h"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "base/sqlite_db.h"
#include "gtest/gtest.h"
#include "tests/client/fake_transport.h"
#include "tests/client/test_support.h"

namespace carevoice::client {
namespace {

using testing::FakeTransport;
using testing::FeedbackDraft;
using testing::SmallCatalog;
using testing::TempDir;
using testing::WaitUntil;

class SyncerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir_.ok());
    absl::StatusOr<std::unique_ptr<Outbox>> opened =
        SqliteOutbox::Open(dir_.File("outbox.db"));
    ASSERT_TRUE(opened.ok()) << opened.status();
    outbox_ = *std::move(opened);
    transport_.SetCatalog(SmallCatalog("v1"));
    options_.initial_backoff = absl::Milliseconds(10);
    options_.max_backoff = absl::Milliseconds(80);
    options_.rpc_timeout = absl::Seconds(5);
    options_.catalog_refresh = absl::Hours(1);
    options_.batch_size = 10;
    options_.on_pass_end = [this](bool ok, absl::Duration wait) {
      std::lock_guard lock(mu_);
      (ok ? good_passes_ : backoffs_).push_back(wait);
    };
  }

  void TearDown() override {
    if (syncer_) syncer_->Stop();
  }

  void StartSyncer() {
    syncer_ = std::make_unique<Syncer>(*outbox_, transport_, options_);
    syncer_->Start();
  }

  std::vector<std::string> EnqueueMany(int n, std::string_view service_id =
                                                  "home_care") {
    std::vector<std::string> ids;
    for (int i = 0; i < n; ++i) {
      absl::StatusOr<OutboxItem> item = outbox_->Enqueue(
          FeedbackDraft("words " + std::to_string(i), service_id), absl::Now());
      EXPECT_TRUE(item.ok()) << item.status();
      if (item.ok()) ids.push_back(item->submission_id);
    }
    return ids;
  }

  DeliveryState StateOf(const std::string& id) {
    absl::StatusOr<std::optional<OutboxItem>> found = outbox_->Find(id);
    EXPECT_TRUE(found.ok() && found->has_value());
    return found.ok() && found->has_value() ? (*found)->state
                                            : DeliveryState::kPending;
  }

  bool OutboxEmpty() {
    absl::StatusOr<int> pending = outbox_->PendingCount();
    return pending.ok() && *pending == 0;
  }

  // Waits after failed passes, in order.
  std::vector<absl::Duration> Backoffs() {
    std::lock_guard lock(mu_);
    return backoffs_;
  }
  int GoodPasses() {
    std::lock_guard lock(mu_);
    return static_cast<int>(good_passes_.size());
  }
  // Status catches up with the outbox a moment after each item; poll it.
  bool WaitForDelivered(std::uint64_t n) {
    return WaitUntil([&] {
      const SyncStatus status = syncer_->Status();
      return status.delivered_total == n && status.pending == 0;
    });
  }

  TempDir dir_;
  std::unique_ptr<Outbox> outbox_;
  FakeTransport transport_;
  SyncOptions options_;
  std::unique_ptr<Syncer> syncer_;
  std::mutex mu_;
  std::vector<absl::Duration> backoffs_;
  std::vector<absl::Duration> good_passes_;
};

TEST_F(SyncerTest, DeliversEveryItemExactlyOnceInBatches) {
  const std::vector<std::string> ids = EnqueueMany(25);
  StartSyncer();
  ASSERT_TRUE(WaitForDelivered(25));
  for (const std::string& id : ids) {
    EXPECT_EQ(transport_.times_sent(id), 1);
    EXPECT_EQ(transport_.times_stored(id), 1);
    EXPECT_EQ(StateOf(id), DeliveryState::kDelivered);
  }
  const SyncStatus status = syncer_->Status();
  EXPECT_TRUE(status.service_reachable);
  EXPECT_EQ(status.pending, 0);
  for (std::size_t size : transport_.batch_sizes()) EXPECT_LE(size, 10u);
}

TEST_F(SyncerTest, EachBatchCarriesTheDevicesClockReading) {
  // So the service can date the items right when this clock is wrong.
  base::FakeClock clock(absl::FromUnixSeconds(1'790'000'000) + absl::Hours(48));
  options_.wall_clock = &clock;
  EnqueueMany(3);
  StartSyncer();
  ASSERT_TRUE(WaitForDelivered(3));
  const auto times = transport_.device_times();
  ASSERT_FALSE(times.empty());
  for (const auto& t : times) {
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(t->seconds(), absl::ToUnixSeconds(clock.Now()));
  }
}

TEST_F(SyncerTest, ItemsQueuedWhileRunningGoOutAfterWake) {
  StartSyncer();
  ASSERT_TRUE(WaitUntil([&] { return transport_.catalog_calls() >= 1; }));
  const std::vector<std::string> ids = EnqueueMany(3);
  syncer_->Wake();
  ASSERT_TRUE(WaitUntil([&] { return OutboxEmpty(); }));
  for (const std::string& id : ids) EXPECT_EQ(transport_.times_stored(id), 1);
}

TEST_F(SyncerTest, FailuresAreRetriedWithoutDuplicates) {
  const std::vector<std::string> ids = EnqueueMany(5);
  // The worst place: the service stored the batch but the answer was lost,
  // twice. The resends must be recognised as replays.
  transport_.StoreThenFail(2);
  StartSyncer();
  ASSERT_TRUE(WaitUntil([&] { return OutboxEmpty(); }));
  for (const std::string& id : ids) {
    EXPECT_EQ(transport_.times_stored(id), 1);
    EXPECT_EQ(transport_.times_sent(id), 3);
    EXPECT_EQ(StateOf(id), DeliveryState::kDelivered);
  }
  EXPECT_EQ(transport_.conflicts(), 0) << "a resent body must be identical";
  EXPECT_TRUE(WaitForDelivered(5));
}

TEST_F(SyncerTest, FailedSendsAreCountedAsAttempts) {
  const std::vector<std::string> ids = EnqueueMany(2);
  transport_.SetDown(true);
  StartSyncer();
  auto attempts = [&](const std::string& id) {
    absl::StatusOr<std::optional<OutboxItem>> found = outbox_->Find(id);
    return found.ok() && found->has_value() ? (*found)->attempts : -1;
  };
  ASSERT_TRUE(WaitUntil([&] { return attempts(ids[1]) >= 3; }));
  EXPECT_GE(attempts(ids[0]), 3);
  EXPECT_EQ(syncer_->Status().pending, 2);
  EXPECT_FALSE(syncer_->Status().service_reachable);
  transport_.SetDown(false);
  ASSERT_TRUE(WaitUntil([&] { return OutboxEmpty(); }));
  EXPECT_EQ(transport_.times_stored(ids[0]), 1);
  EXPECT_EQ(transport_.times_stored(ids[1]), 1);
}

TEST_F(SyncerTest, BackoffDoublesUpToTheCapAndResetsAfterSuccess) {
  EnqueueMany(1);
  transport_.SetDown(true);
  StartSyncer();
  ASSERT_TRUE(WaitUntil([&] { return Backoffs().size() >= 7; }));
  std::vector<absl::Duration> waits = Backoffs();
  absl::Duration nominal = options_.initial_backoff;
  for (std::size_t i = 0; i < 7; ++i) {
    SCOPED_TRACE(i);
    EXPECT_GE(waits[i], nominal * 0.8);
    EXPECT_LE(waits[i], std::min(nominal * 1.2, options_.max_backoff));
    nominal = std::min(nominal * 2, options_.max_backoff);
  }
  EXPECT_GT(waits[3], waits[0]) << "grows";  // 80*0.8 > 10*1.2

  // Once a pass works, the next failure starts from the beginning again.
  transport_.SetDown(false);
  ASSERT_TRUE(WaitUntil([&] { return GoodPasses() >= 1; }));
  {
    std::lock_guard lock(mu_);
    backoffs_.clear();
  }
  transport_.SetDown(true);
  EnqueueMany(1);
  syncer_->Wake();
  ASSERT_TRUE(WaitUntil([&] { return !Backoffs().empty(); }));
  EXPECT_LE(Backoffs().front(), options_.initial_backoff * 1.2);
}

TEST_F(SyncerTest, WakeCutsALongBackoffShort) {
  options_.initial_backoff = absl::Hours(1);
  options_.max_backoff = absl::Hours(1);
  transport_.SetDown(true);
  StartSyncer();
  ASSERT_TRUE(WaitUntil([&] { return !Backoffs().empty(); }));
  transport_.SetDown(false);
  const std::vector<std::string> ids = EnqueueMany(1);
  syncer_->Wake();
  ASSERT_TRUE(WaitUntil([&] { return OutboxEmpty(); }));
  EXPECT_EQ(transport_.times_stored(ids[0]), 1);
}

TEST_F(SyncerTest, StopDoesNotWaitOutTheBackoff) {
  options_.initial_backoff = absl::Hours(1);
  options_.max_backoff = absl::Hours(1);
  transport_.SetDown(true);
  StartSyncer();
  ASSERT_TRUE(WaitUntil([&] { return !Backoffs().empty(); }));
  const absl::Time before = absl::Now();
  syncer_->Stop();
  // Not a timing assertion: an hour against a minute.
  EXPECT_LT(absl::Now() - before, absl::Minutes(1));
  EXPECT_FALSE(syncer_->Status().service_reachable);
}

TEST_F(SyncerTest, RejectedItemsAreMarkedWithTheirFieldAndNotResent) {
  transport_.RejectServiceId("closed_service");
  const std::vector<std::string> good = EnqueueMany(2);
  const std::vector<std::string> bad = EnqueueMany(1, "closed_service");
  StartSyncer();
  ASSERT_TRUE(WaitUntil([&] { return OutboxEmpty(); }));
  absl::StatusOr<std::optional<OutboxItem>> found = outbox_->Find(bad[0]);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->state, DeliveryState::kRejected);
  EXPECT_EQ((*found)->reject_field, "feedback.service_id");
  EXPECT_EQ((*found)->reject_key, contract::kErrUnknownValue);
  EXPECT_EQ((*found)->submission.feedback().service_id(), "closed_service")
      << "the words are kept for the person";
  for (const std::string& id : good) {
    EXPECT_EQ(StateOf(id), DeliveryState::kDelivered);
  }
  EXPECT_TRUE(WaitForDelivered(2));

  // Another pass sends nothing new.
  const int calls = transport_.submit_calls();
  EnqueueMany(1);
  syncer_->Wake();
  ASSERT_TRUE(WaitUntil([&] { return OutboxEmpty(); }));
  EXPECT_GT(transport_.submit_calls(), calls);
  EXPECT_EQ(transport_.times_sent(bad[0]), 1);
}

TEST_F(SyncerTest, TransientItemRefusalKeepsTheItemPending) {
  const std::vector<std::string> ids = EnqueueMany(3);
  transport_.RefuseTransiently(1);  // the first item of the first batch
  StartSyncer();
  ASSERT_TRUE(WaitUntil([&] { return OutboxEmpty(); }));
  EXPECT_EQ(StateOf(ids[0]), DeliveryState::kDelivered);
  EXPECT_EQ(transport_.times_sent(ids[0]), 2);
  EXPECT_EQ(transport_.times_sent(ids[1]), 1);
  EXPECT_EQ(transport_.times_stored(ids[0]), 1);
}

TEST_F(SyncerTest, PartialBatchAnswerLeavesTheRestPendingForLater) {
  const std::vector<std::string> ids = EnqueueMany(5);
  transport_.AnswerOnlyFirst(2);
  StartSyncer();
  ASSERT_TRUE(WaitUntil([&] { return OutboxEmpty(); }));
  for (std::size_t i = 0; i < ids.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(StateOf(ids[i]), DeliveryState::kDelivered);
    EXPECT_EQ(transport_.times_stored(ids[i]), 1);
    // The answered two went once; the unanswered three were sent again
    // (and came back ALREADY_STORED).
    EXPECT_EQ(transport_.times_sent(ids[i]), i < 2 ? 1 : 2);
  }
  EXPECT_FALSE(Backoffs().empty()) << "an incomplete answer backs off";
  EXPECT_TRUE(WaitForDelivered(5));
}

TEST_F(SyncerTest, CatalogChangesBumpTheSerialAndAreCached) {
  options_.catalog_refresh = absl::Milliseconds(10);
  StartSyncer();
  ASSERT_TRUE(WaitUntil([&] { return syncer_->Status().catalog_serial == 1; }));
  ASSERT_TRUE(syncer_->Catalog().has_value());
  EXPECT_EQ(syncer_->Catalog()->version(), "v1");

  // Unchanged refreshes leave the serial alone.
  const int calls = transport_.catalog_calls();
  ASSERT_TRUE(WaitUntil([&] { return transport_.catalog_calls() >= calls + 3; }));
  EXPECT_EQ(syncer_->Status().catalog_serial, 1u);

  transport_.SetCatalog(SmallCatalog("v2", "Newshire"));
  ASSERT_TRUE(WaitUntil([&] { return syncer_->Status().catalog_serial == 2; }));
  EXPECT_EQ(syncer_->Catalog()->council_name(), "Newshire");
  absl::StatusOr<std::optional<v1::Catalog>> cached = outbox_->CachedCatalog();
  ASSERT_TRUE(cached.ok() && cached->has_value());
  EXPECT_EQ((*cached)->version(), "v2");
}

TEST_F(SyncerTest, InvalidCatalogFromTheServiceKeepsTheLastGoodOne) {
  options_.catalog_refresh = absl::Milliseconds(10);
  StartSyncer();
  ASSERT_TRUE(WaitUntil([&] { return syncer_->Status().catalog_serial == 1; }));

  v1::Catalog broken = SmallCatalog("v3");
  *broken.add_services() = broken.services(0);  // duplicate service id
  transport_.SetCatalog(broken);
  const int calls = transport_.catalog_calls();
  ASSERT_TRUE(WaitUntil([&] { return transport_.catalog_calls() >= calls + 3; }));
  EXPECT_EQ(syncer_->Status().catalog_serial, 1u);
  EXPECT_EQ(syncer_->Catalog()->version(), "v1");
  absl::StatusOr<std::optional<v1::Catalog>> cached = outbox_->CachedCatalog();
  ASSERT_TRUE(cached.ok() && cached->has_value());
  EXPECT_EQ((*cached)->version(), "v1");
  EXPECT_TRUE(syncer_->Status().service_reachable);
}

TEST_F(SyncerTest, CachedCatalogIsThereAtOnceWhenTheServiceIsDown) {
  ASSERT_TRUE(outbox_->CacheCatalog(SmallCatalog("v0", "Cachedshire")).ok());
  EnqueueMany(2);
  transport_.SetDown(true);
  StartSyncer();
  // No waiting: Start() loaded it before returning.
  ASSERT_TRUE(syncer_->Catalog().has_value());
  EXPECT_EQ(syncer_->Catalog()->council_name(), "Cachedshire");
  EXPECT_EQ(syncer_->Status().catalog_serial, 1u);
  EXPECT_EQ(syncer_->Status().pending, 2);
  ASSERT_TRUE(WaitUntil([&] { return transport_.submit_calls() >= 1; }));
  EXPECT_FALSE(syncer_->Status().service_reachable);

  // The service comes back with its own catalog.
  transport_.SetDown(false);
  syncer_->Wake();
  ASSERT_TRUE(WaitUntil([&] { return syncer_->Status().catalog_serial == 2; }));
  EXPECT_EQ(syncer_->Catalog()->version(), "v1");
  ASSERT_TRUE(WaitUntil([&] { return syncer_->Status().pending == 0; }));
  EXPECT_TRUE(syncer_->Status().service_reachable);
}

}  // namespace
}  // namespace carevoice::client

namespace carevoice::client {
namespace {

TEST_F(SyncerTest, EnrolsOnceWithItsCodeAndKeepsTheCredential) {
  transport_.RequireCredential();
  transport_.AddEnrolmentCode("ACDEFHJKMNPQ");
  options_.enrol_code = "ACDEFHJKMNPQ";
  const std::vector<std::string> ids = EnqueueMany(3);
  StartSyncer();
  ASSERT_TRUE(WaitForDelivered(3));
  EXPECT_EQ(transport_.enrol_calls(), 1);
  EXPECT_EQ(*outbox_->Credential(), transport_.credential_in_use());
  EXPECT_FALSE(transport_.credential_in_use().empty());
  EXPECT_FALSE(syncer_->Status().needs_enrolment);

  // Restarted, it has its credential and does not spend the code again.
  syncer_->Stop();
  syncer_.reset();
  EnqueueMany(1);
  StartSyncer();
  ASSERT_TRUE(WaitForDelivered(1));
  EXPECT_EQ(transport_.enrol_calls(), 1);
}

TEST_F(SyncerTest, ARefusedDeviceKeepsEverythingAndSaysItNeedsEnrolling) {
  transport_.RequireCredential();
  options_.enrol_code = "ACDEFHJKMNPQ";  // a code the service does not know
  const std::vector<std::string> ids = EnqueueMany(4);
  StartSyncer();
  ASSERT_TRUE(WaitUntil([&] { return syncer_->Status().needs_enrolment; }));
  ASSERT_TRUE(WaitUntil([&] { return Backoffs().size() >= 3; }));
  EXPECT_EQ(transport_.enrol_calls(), 1) << "a refused code is not tried again";
  for (const std::string& id : ids) EXPECT_EQ(StateOf(id), DeliveryState::kPending);
  EXPECT_EQ(transport_.stored_count(), 0u);
}

}  // namespace
}  // namespace carevoice::client

namespace carevoice::client {
namespace {

TEST_F(SyncerTest, AnItemThatBreaksEveryBatchIsIsolatedAndQuarantined) {
  std::vector<std::string> ids = EnqueueMany(25);
  const std::string poison = ids[7];
  transport_.Poison(poison);
  StartSyncer();
  ASSERT_TRUE(WaitUntil([&] { return OutboxEmpty(); })) << "the queue stayed blocked";
  for (const std::string& id : ids) {
    if (id == poison) continue;
    EXPECT_EQ(transport_.times_stored(id), 1) << id;
    EXPECT_EQ(StateOf(id), DeliveryState::kDelivered);
  }
  const auto quarantined = transport_.quarantined();
  ASSERT_EQ(quarantined.size(), 1u);
  const v1::QuarantinedItem& item = quarantined.at(poison);
  v1::Submission body;
  ASSERT_TRUE(body.ParseFromString(item.raw()));
  EXPECT_EQ(body.feedback().text(), "words 7") << "the words reach the service, not lost";
  EXPECT_NE(item.reason().find("every batch holding it failed"), std::string::npos);
  EXPECT_EQ(StateOf(poison), DeliveryState::kRejected);
  EXPECT_EQ(transport_.times_stored(poison), 0);
}

TEST_F(SyncerTest, DamagedBytesOnDiskGoToTheQuarantineAndTheRestAreSent) {
  const std::vector<std::string> ids = EnqueueMany(5);
  {
    // Someone's words, damaged on the kiosk's disk.
    auto db = base::Db::Open(dir_.File("outbox.db"));
    ASSERT_TRUE(db.ok());
    auto damage = (*db)->Prepare("UPDATE items SET body = x'0aff01ffff' WHERE submission_id = ?");
    ASSERT_TRUE(damage.ok());
    ASSERT_TRUE(damage->BindText(1, ids[2]).Run().ok());
  }
  StartSyncer();
  ASSERT_TRUE(WaitUntil([&] { return OutboxEmpty(); })) << "a damaged item blocked the queue";
  for (const std::string& id : ids) {
    if (id != ids[2]) {
      EXPECT_EQ(transport_.times_stored(id), 1) << id;
    }
  }
  const auto quarantined = transport_.quarantined();
  ASSERT_EQ(quarantined.size(), 1u);
  EXPECT_EQ(quarantined.at(ids[2]).raw(), std::string("\x0a\xff\x01\xff\xff", 5));
  EXPECT_NE(quarantined.at(ids[2]).reason().find("damaged"), std::string::npos);
}

TEST_F(SyncerTest, AServiceOverItsLimitIsWaitedForAsAskedAndNothingIsLost) {
  options_.max_backoff = absl::Seconds(30);
  const absl::Duration asked = absl::Milliseconds(300);
  transport_.LimitBatches(2, asked);
  const std::vector<std::string> ids = EnqueueMany(55);  // six batches of ten
  StartSyncer();
  // Someone else submits while the kiosk is held back: waking it must not
  // make it call the service before its time.
  for (int i = 0; i < 20 && !OutboxEmpty(); ++i) {
    syncer_->Wake();
    absl::SleepFor(absl::Milliseconds(20));
  }
  ASSERT_TRUE(WaitUntil([&] { return OutboxEmpty(); }));
  for (const std::string& id : ids) EXPECT_EQ(transport_.times_stored(id), 1) << id;

  const auto calls = transport_.batch_calls();
  int refusals = 0;
  for (std::size_t i = 0; i + 1 < calls.size(); ++i) {
    if (!calls[i].second) continue;
    ++refusals;
    // Not sooner than asked (a lower bound: never fails on a slow machine).
    EXPECT_GE(calls[i + 1].first - calls[i].first, asked) << "call " << i + 1;
  }
  EXPECT_GE(refusals, 2);
  // Waited as long as asked, not a backoff growing with each refusal.
  for (absl::Duration wait : Backoffs()) EXPECT_LE(wait, asked) << wait;
}

// Visits are held until several can go together (or one is from an
// earlier day), then counted once each and forgotten on the device.
TEST_F(SyncerTest, VisitsWaitForCompanyThenAreCountedOnceAndForgotten) {
  base::FakeClock wall(absl::FromCivil(absl::CivilSecond(2026, 12, 5, 10, 0, 0),
                                       absl::UTCTimeZone()));
  options_.wall_clock = &wall;
  options_.tally_batch = 3;
  v1::TakingPart visit;
  visit.mutable_how()->set_language("en-GB");
  ASSERT_TRUE(outbox_->EnqueueTally(visit, wall.Now()).ok());
  ASSERT_TRUE(outbox_->EnqueueTally(visit, wall.Now()).ok());
  EnqueueMany(1);
  StartSyncer();
  ASSERT_TRUE(WaitForDelivered(1));
  syncer_->Wake();
  ASSERT_TRUE(WaitUntil([&] { return GoodPasses() >= 2; }));
  EXPECT_EQ(transport_.count_calls(), 0) << "two visits wait for a third";
  EXPECT_EQ(outbox_->PendingTallies(10)->size(), 2u);

  ASSERT_TRUE(outbox_->EnqueueTally(visit, wall.Now()).ok());
  syncer_->Wake();
  ASSERT_TRUE(WaitUntil([&] { return outbox_->PendingTallies(10)->empty(); }));
  EXPECT_EQ(transport_.counted().size(), 3u);
  EXPECT_EQ(transport_.count_calls(), 1) << "the three went together";

  // A lone visit from yesterday does not wait for company.
  ASSERT_TRUE(outbox_->EnqueueTally(visit, wall.Now()).ok());
  wall.Advance(absl::Hours(24));
  syncer_->Wake();
  ASSERT_TRUE(WaitUntil([&] { return outbox_->PendingTallies(10)->empty(); }));
  EXPECT_EQ(transport_.counted().size(), 4u);
}

TEST_F(SyncerTest, VisitsWaitWhileTheServiceIsAwayAndNoneIsLost) {
  options_.tally_batch = 1;
  transport_.SetDown(true);
  v1::TakingPart visit;
  visit.mutable_how()->set_speech(true);
  ASSERT_TRUE(outbox_->EnqueueTally(visit, absl::Now()).ok());
  StartSyncer();
  ASSERT_TRUE(WaitUntil([&] { return Backoffs().size() >= 2; }));
  EXPECT_EQ(outbox_->PendingTallies(10)->size(), 1u);
  transport_.SetDown(false);
  syncer_->Wake();
  ASSERT_TRUE(WaitUntil([&] { return outbox_->PendingTallies(10)->empty(); }));
  EXPECT_EQ(transport_.counted().size(), 1u);
}

}  // namespace
}  // namespace carevoice::client
