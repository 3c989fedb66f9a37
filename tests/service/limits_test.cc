// Fair limits (service/auth/limits.h) over a fake clock: a quiet caller may
// spend a whole period's allowance at once, then goes at the steady rate;
// a refusal says exactly when to come back and charges nothing; several
// charges pass or fail together; two services on one SQLite store (as
// replicas would) share every count.
#include "service/auth/limits.h"

#include "base/retry_after.h"
#include "gtest/gtest.h"
#include "tests/service/fake_store.h"
#include "tests/service/testing.h"

namespace carevoice::service::auth {
namespace {

TEST(RateTest, ParsesCountPerPeriodAndSaysWhatIsWrong) {
  absl::StatusOr<Rate> rate = ParseRate("120/1m");
  ASSERT_TRUE(rate.ok()) << rate.status();
  EXPECT_EQ(rate->count, 120);
  EXPECT_EQ(rate->per, absl::Minutes(1));
  EXPECT_EQ(FormatRate(*rate), "120/1m");
  ASSERT_TRUE(ParseRate("6/1h").ok());
  EXPECT_EQ(ParseRate("6/1h")->per, absl::Hours(1));
  for (const char* bad : {"", "120", "/1m", "0/1m", "-3/1m", "x/1m", "120/", "120/0s",
                          "120/-1m", "120/inf", "120/1 minute"}) {
    absl::StatusOr<Rate> refused = ParseRate(bad);
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(refused.status().message().find("COUNT/PERIOD"), std::string::npos) << bad;
  }
}

class LimitsTest : public ::testing::Test {
 protected:
  absl::Status Charge(std::vector<Charge> charges) {
    return store_->WithAccess(
        [&](store::AccessTxn& txn) { return ChargeAll(txn, charges, clock_.Now()); });
  }

  std::unique_ptr<store::Store> store_ = testing::NewFakeStore();
  base::FakeClock clock_;
  const Rate six_a_minute_{6, absl::Minutes(1)};
};

TEST_F(LimitsTest, AWholePeriodAtOnceThenTheSteadyRate) {
  for (int i = 0; i < 6; ++i) {
    ASSERT_TRUE(Charge({{"k", 1, six_a_minute_, "k's calls"}}).ok()) << i;
  }
  absl::Status refused = Charge({{"k", 1, six_a_minute_, "k's calls"}});
  ASSERT_EQ(refused.code(), absl::StatusCode::kResourceExhausted) << refused;
  // One call's worth comes back every 10 seconds.
  ASSERT_TRUE(base::RetryAfter(refused).has_value());
  EXPECT_EQ(*base::RetryAfter(refused), absl::Seconds(10));
  EXPECT_NE(refused.message().find("k's calls"), std::string::npos) << refused;
  EXPECT_NE(refused.message().find("try again in 10 seconds"), std::string::npos) << refused;

  clock_.Advance(absl::Seconds(9));
  EXPECT_EQ(base::RetryAfter(Charge({{"k", 1, six_a_minute_}})), absl::Seconds(1))
      << "a refusal charges nothing";
  clock_.Advance(absl::Seconds(1));
  EXPECT_TRUE(Charge({{"k", 1, six_a_minute_}}).ok());
  EXPECT_FALSE(Charge({{"k", 1, six_a_minute_}}).ok());
  // Other keys are untouched.
  EXPECT_TRUE(Charge({{"other", 1, six_a_minute_}}).ok());
  // Quiet for a period: the whole allowance again.
  clock_.Advance(absl::Minutes(2));
  for (int i = 0; i < 6; ++i) EXPECT_TRUE(Charge({{"k", 1, six_a_minute_}}).ok()) << i;
}

TEST_F(LimitsTest, ChargesPassOrFailTogetherAndBigCostsStillPassInTime) {
  ASSERT_TRUE(Charge({{"small", 6, six_a_minute_}}).ok());
  // "big" would fit, "small" would not: neither is charged.
  absl::Status refused = Charge({{"big", 3, six_a_minute_}, {"small", 1, six_a_minute_}});
  EXPECT_EQ(refused.code(), absl::StatusCode::kResourceExhausted);
  for (int i = 0; i < 6; ++i) EXPECT_TRUE(Charge({{"big", 1, six_a_minute_}}).ok()) << i;

  // One item larger than a whole period's allowance passes on a quiet key
  // (charged as the whole allowance), so no single item is stuck for ever.
  EXPECT_TRUE(Charge({{"bytes", 1000, six_a_minute_}}).ok());
  absl::Status next = Charge({{"bytes", 1, six_a_minute_}});
  EXPECT_EQ(base::RetryAfter(next), absl::Seconds(10));
}

TEST_F(LimitsTest, EveryCallerHasItsOwnAllowance) {
  LimitPolicy policy;
  policy.device_lookups = {2, absl::Minutes(1)};
  policy.reference_lookups = {3, absl::Hours(1)};
  policy.account_exports = {1, absl::Hours(1)};
  Limits limits(*store_, clock_, policy);
  EXPECT_TRUE(limits.ChargeLookup("kiosk-1", "KQ76Y3AD").ok());
  EXPECT_TRUE(limits.ChargeLookup("kiosk-1", "KQ76Y3AD").ok());
  absl::Status device_over = limits.ChargeLookup("kiosk-1", "KQ7EXEM7");
  EXPECT_EQ(device_over.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(device_over.message().find("this device's look-ups"), std::string::npos);
  // The reference, asked about from another kiosk, has one look-up left.
  EXPECT_TRUE(limits.ChargeLookup("kiosk-2", "KQ76Y3AD").ok());
  absl::Status reference_over = limits.ChargeLookup("kiosk-3", "KQ76Y3AD");
  EXPECT_EQ(reference_over.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(reference_over.message().find("look-ups of this reference"), std::string::npos);
  EXPECT_EQ(reference_over.message().find("KQ76Y3AD"), std::string::npos)
      << "a refusal may be logged: no reference in it";
  EXPECT_EQ(base::RetryAfter(reference_over), absl::Minutes(20));

  EXPECT_TRUE(limits.ChargeExport("ada").ok());
  EXPECT_EQ(limits.ChargeExport("ada").code(), absl::StatusCode::kResourceExhausted);
  EXPECT_TRUE(limits.ChargeExport("bob").ok());
}

TEST_F(LimitsTest, ABatchIsChargedInTheTransactionThatStoresIt) {
  LimitPolicy policy;
  policy.device_batches = {2, absl::Minutes(1)};
  Limits limits(*store_, clock_, policy);
  v1::Submission one = testing::Feedback(1, clock_.Now());
  const v1::Submission* items[] = {&one};
  for (int i = 0; i < 2; ++i) {
    auto stored = store_->PutSubmissions("kiosk-1", items, clock_.Now(), absl::ZeroDuration(),
                                         limits.ForBatch("kiosk-1", 100));
    ASSERT_TRUE(stored.ok()) << stored.status();
  }
  v1::Submission two = testing::Feedback(2, clock_.Now());
  const v1::Submission* more[] = {&two};
  auto refused = store_->PutSubmissions("kiosk-1", more, clock_.Now(), absl::ZeroDuration(),
                                        limits.ForBatch("kiosk-1", 100));
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(base::RetryAfter(refused.status()), absl::Seconds(30));
  // Over the limit, nothing of the batch was kept.
  auto page = store_->ListSubmissions(10, std::nullopt);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->records.size(), 1u);
}

TEST(SharedLimitsTest, ReplicasOnOneStoreShareEveryCount) {
  testing::TempDir dir;
  base::FakeClock clock;
  auto a = store::OpenSqliteStore(dir.File("shared.db"));
  auto b = store::OpenSqliteStore(dir.File("shared.db"));
  ASSERT_TRUE(a.ok() && b.ok());
  LimitPolicy policy;
  policy.account_exports = {3, absl::Hours(1)};
  Limits one(**a, clock, policy), two(**b, clock, policy);
  EXPECT_TRUE(one.ChargeExport("ada").ok());
  EXPECT_TRUE(two.ChargeExport("ada").ok());
  EXPECT_TRUE(one.ChargeExport("ada").ok());
  EXPECT_EQ(two.ChargeExport("ada").code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(one.ChargeExport("ada").code(), absl::StatusCode::kResourceExhausted);
}

TEST(SharedLimitsTest, RowsThatLimitNobodyAreSwept) {
  testing::TempDir dir;
  base::FakeClock clock;
  auto store = store::OpenSqliteStore(dir.File("sweep.db"));
  ASSERT_TRUE(store.ok());
  Limits limits(**store, clock);
  // Many references looked up once, long ago.
  for (int i = 0; i < 1100; ++i) {
    ASSERT_TRUE(limits.ChargeLookup("kiosk-" + std::to_string(i), "").ok());
  }
  clock.Advance(absl::Hours(2));
  for (int i = 0; i < 1100; ++i) {
    ASSERT_TRUE(limits.ChargeLookup("later-" + std::to_string(i), "").ok());
  }
  std::int64_t rows = -1;
  ASSERT_TRUE((*store)
                  ->WithAccess([&](store::AccessTxn& txn) -> absl::Status {
                    rows = 0;
                    for (int i = 0; i < 1100; ++i) {
                      auto found = txn.FindLimit("device/kiosk-" + std::to_string(i) +
                                                 "/lookups");
                      if (!found.ok()) return found.status();
                      rows += found->has_value();
                    }
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(rows, 0) << "the old look-up rows were swept";
}

}  // namespace
}  // namespace carevoice::service::auth
