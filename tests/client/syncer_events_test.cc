// The syncer with its side effects faked -- FakeTransport, FakeClock,
// FakeRandom (and a real outbox file) -- so backoff waits, refresh timing and the events
// a listener hears are exact, not timing-dependent. Each pass is started by
// Wake() from the test, never by a real timer.
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "base/random.h"
#include "client/model/outbox_sqlite.h"
#include "client/model/syncer.h"
#include "gtest/gtest.h"
#include "tests/client/fake_outbox.h"
#include "tests/client/fake_transport.h"
#include "tests/client/test_support.h"

namespace carevoice::client {
namespace {

using testing::FakeTransport;
using testing::FeedbackDraft;
using testing::SmallCatalog;

std::unique_ptr<Outbox> OpenOutbox(const testing::TempDir& dir) {
  absl::StatusOr<std::unique_ptr<Outbox>> opened =
      SqliteOutbox::Open(dir.File("outbox.db"));
  EXPECT_TRUE(opened.ok()) << opened.status();
  return opened.ok() ? *std::move(opened) : nullptr;
}

struct Pass {
  bool ok;
  absl::Duration wait;
};

class SyncerFakesTest : public ::testing::Test {
 protected:
  SyncerFakesTest() {
    transport_.SetCatalog(SmallCatalog("v1"));
    options_.initial_backoff = absl::Seconds(1);
    options_.max_backoff = absl::Seconds(5);
    options_.backoff_jitter = 0.5;
    options_.catalog_refresh = absl::Minutes(10);
    options_.clock = &clock_;
    options_.random = &random_;
    options_.on_pass_end = [this](bool ok, absl::Duration wait) {
      std::lock_guard lock(mu_);
      passes_.push_back({ok, wait});
      cv_.notify_all();
    };
  }
  ~SyncerFakesTest() override {
    if (syncer_) syncer_->Stop();
  }

  void Start() {
    syncer_ = std::make_unique<Syncer>(outbox_, transport_, options_);
    syncer_->SetListener([this](const SyncEvent& event) {
      std::lock_guard lock(mu_);
      events_.push_back(event);
      event_threads_.push_back(std::this_thread::get_id());
      cv_.notify_all();
    });
    syncer_->Start();
  }

  // Waits (bounded) until `n` passes have ended; returns them.
  std::vector<Pass> WaitForPasses(std::size_t n) {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, std::chrono::seconds(60),
                 [&] { return passes_.size() >= n; });
    return passes_;
  }
  // Starts the next pass and waits for it to end.
  Pass NextPass() {
    std::size_t seen;
    {
      std::lock_guard lock(mu_);
      seen = passes_.size();
    }
    syncer_->Wake();
    std::vector<Pass> passes = WaitForPasses(seen + 1);
    EXPECT_GT(passes.size(), seen);
    return passes.size() > seen ? passes[seen] : Pass{false, absl::ZeroDuration()};
  }
  std::vector<SyncEvent> Events() {
    std::lock_guard lock(mu_);
    return events_;
  }

  std::string Enqueue(const std::string& words) {
    absl::StatusOr<OutboxItem> item =
        outbox_.Enqueue(FeedbackDraft(words), clock_.Now());
    EXPECT_TRUE(item.ok()) << item.status();
    return item.ok() ? item->submission_id : "";
  }

  // Wall time: the contract refuses created_at far from the real now.
  base::FakeClock clock_{absl::Now()};
  // Jitter factors 1.0, 0.5, 1.25, 1.0, 0.75 (spread 0.5).
  base::FakeRandom random_{
      {0x80000000u, 0x00000000u, 0xC0000000u, 0x80000000u, 0x40000000u}};
  testing::TempDir dir_;
  std::unique_ptr<Outbox> owned_ = OpenOutbox(dir_);
  Outbox& outbox_ = *owned_;
  FakeTransport transport_;
  SyncOptions options_;
  std::unique_ptr<Syncer> syncer_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Pass> passes_;
  std::vector<SyncEvent> events_;
  std::vector<std::thread::id> event_threads_;
};

TEST_F(SyncerFakesTest, BackoffDoublesWithJitterUpToTheCapAndResets) {
  transport_.SetDown(true);
  Enqueue("waiting for the service");
  Start();
  std::vector<Pass> passes = WaitForPasses(1);
  ASSERT_EQ(passes.size(), 1u);
  EXPECT_FALSE(passes[0].ok);
  EXPECT_EQ(passes[0].wait, absl::Seconds(1));  // 1 s x 1.0
  EXPECT_EQ(NextPass().wait, absl::Seconds(1));  // 2 s x 0.5
  EXPECT_EQ(NextPass().wait, absl::Seconds(5));  // 4 s x 1.25 = 5 s, capped
  EXPECT_EQ(NextPass().wait, absl::Seconds(5));  // 5 s (capped) x 1.0

  // The service is back: the pass works and sleeps until the next catalog
  // refresh, by the fake clock, which has not moved.
  transport_.SetDown(false);
  const Pass good = NextPass();
  EXPECT_TRUE(good.ok);
  EXPECT_EQ(good.wait, absl::Minutes(10));
  clock_.Advance(absl::Minutes(4));
  EXPECT_EQ(NextPass().wait, absl::Minutes(6));

  // A new failure starts again from the initial backoff.
  transport_.SetDown(true);
  Enqueue("another");
  const Pass again = NextPass();
  EXPECT_FALSE(again.ok);
  EXPECT_EQ(again.wait, absl::Milliseconds(750));  // 1 s x 0.75
}

TEST_F(SyncerFakesTest, CatalogIsRefreshedWhenTheInjectedClockSaysSo) {
  Start();
  ASSERT_EQ(WaitForPasses(1).size(), 1u);
  EXPECT_EQ(transport_.catalog_calls(), 1);
  NextPass();
  clock_.Advance(absl::Minutes(9));
  NextPass();
  EXPECT_EQ(transport_.catalog_calls(), 1);  // not due yet
  clock_.Advance(absl::Minutes(1));
  NextPass();
  EXPECT_EQ(transport_.catalog_calls(), 2);
}

TEST_F(SyncerFakesTest, ListenerHearsReachabilityCatalogAndEachDelivery) {
  const std::string first = Enqueue("first");
  const std::string second = Enqueue("second");
  Start();
  ASSERT_EQ(WaitForPasses(1).size(), 1u);

  std::vector<SyncEvent> events = Events();
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].kind, SyncEvent::Kind::kReachabilityChanged);
  EXPECT_TRUE(events[0].reachable);
  EXPECT_EQ(events[1].kind, SyncEvent::Kind::kCatalogChanged);
  EXPECT_EQ(events[1].catalog_serial, 1u);
  EXPECT_EQ(events[2].kind, SyncEvent::Kind::kDelivered);
  EXPECT_EQ(events[2].submission_id, first);
  EXPECT_EQ(events[3].kind, SyncEvent::Kind::kDelivered);
  EXPECT_EQ(events[3].submission_id, second);
  {
    std::lock_guard lock(mu_);
    for (std::thread::id id : event_threads_) {
      EXPECT_NE(id, std::this_thread::get_id());  // the syncer's thread
    }
  }
  EXPECT_EQ(syncer_->Status().catalog_serial, 1u);

  // Nothing changed: a pass adds no event.
  NextPass();
  EXPECT_EQ(Events().size(), 4u);

  transport_.SetDown(true);
  const std::string third = Enqueue("third");
  NextPass();
  events = Events();
  ASSERT_EQ(events.size(), 5u);
  EXPECT_EQ(events[4].kind, SyncEvent::Kind::kReachabilityChanged);
  EXPECT_FALSE(events[4].reachable);

  // A new catalog version is announced with the next serial.
  transport_.SetDown(false);
  transport_.SetCatalog(SmallCatalog("v2"));
  clock_.Advance(absl::Minutes(10));
  NextPass();
  events = Events();
  ASSERT_EQ(events.size(), 8u);
  EXPECT_EQ(events[5].kind, SyncEvent::Kind::kReachabilityChanged);
  EXPECT_TRUE(events[5].reachable);
  EXPECT_EQ(events[6].kind, SyncEvent::Kind::kCatalogChanged);
  EXPECT_EQ(events[6].catalog_serial, 2u);
  EXPECT_EQ(events[7].kind, SyncEvent::Kind::kDelivered);
  EXPECT_EQ(events[7].submission_id, third);
}

// On a FakeOutbox, which can fail a write: a delivery that cannot be
// recorded leaves the item pending and backs off; the next pass replays it
// and the service stores it only once.
TEST(SyncerFakeOutboxTest, AFailedOutboxWriteLeavesTheItemPendingAndBacksOff) {
  testing::FakeOutbox outbox;
  FakeTransport transport;
  transport.SetCatalog(SmallCatalog("v1"));
  // Cached already, so the first write of the pass is MarkDelivered.
  ASSERT_TRUE(outbox.CacheCatalog(SmallCatalog("v1")).ok());
  absl::StatusOr<OutboxItem> item =
      outbox.Enqueue(FeedbackDraft("kept"), absl::Now());
  ASSERT_TRUE(item.ok()) << item.status();
  const std::string id = item->submission_id;
  outbox.FailNextWrites(1);

  std::mutex mu;
  std::condition_variable cv;
  std::vector<bool> passes;
  SyncOptions options;
  options.initial_backoff = absl::Seconds(1);
  options.on_pass_end = [&](bool ok, absl::Duration) {
    std::lock_guard lock(mu);
    passes.push_back(ok);
    cv.notify_all();
  };
  Syncer syncer(outbox, transport, options);
  syncer.Start();
  auto wait_for = [&](std::size_t n) {
    std::unique_lock lock(mu);
    cv.wait_for(lock, std::chrono::seconds(60),
                [&] { return passes.size() >= n; });
    return passes;
  };
  std::vector<bool> seen = wait_for(1);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_FALSE(seen[0]);
  absl::StatusOr<std::optional<OutboxItem>> found = outbox.Find(id);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->state, DeliveryState::kPending);
  EXPECT_EQ((*found)->attempts, 1);

  syncer.Wake();
  seen = wait_for(2);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_TRUE(seen[1]);
  syncer.Stop();
  found = outbox.Find(id);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->state, DeliveryState::kDelivered);
  EXPECT_EQ((*found)->submission.ByteSizeLong(), 0u);  // words erased
  EXPECT_EQ(transport.times_stored(id), 1);
  EXPECT_EQ(transport.times_sent(id), 2);
}

}  // namespace
}  // namespace carevoice::client
