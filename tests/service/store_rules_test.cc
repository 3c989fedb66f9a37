// The Store's business rules (ruled_store.cc) on every engine: a SQLite
// file and the in-memory FakeStore run the same cases, as a PostgreSQL
// engine will. Engine-specific behaviour (files, migrations, group commit
// under load) stays in store_test.cc.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "service/store/store.h"
#include "tests/service/fake_store.h"
#include "tests/service/testing.h"

namespace carevoice::service::store {
namespace {

using testing::Feedback;
using Outcome = PutResult::Outcome;

const absl::Time kT0 = absl::FromUnixSeconds(1'790'000'000);

struct Engine {
  std::string name;
  std::function<std::unique_ptr<Store>(const testing::TempDir&)> open;
};

// Test names print the engine, not the struct's bytes.
void PrintTo(const Engine& engine, std::ostream* os) { *os << engine.name; }

class StoreRulesTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    store_ = GetParam().open(dir_);
    ASSERT_NE(store_, nullptr);
  }

  std::vector<PutResult> Put(const std::vector<v1::Submission>& items,
                             absl::Time at) {
    std::vector<const v1::Submission*> ptrs;
    for (const auto& s : items) ptrs.push_back(&s);
    auto results = store_->PutSubmissions("kiosk-1", ptrs, at, absl::ZeroDuration());
    EXPECT_TRUE(results.ok()) << results.status();
    return results.ok() ? *results : std::vector<PutResult>();
  }

  std::vector<v1::SubmissionRecord> All() {
    std::vector<v1::SubmissionRecord> records;
    auto n = store_->ForEachSubmission([&](const v1::SubmissionRecord& r) {
      records.push_back(r);
      return true;
    });
    EXPECT_TRUE(n.ok()) << n.status();
    return records;
  }

  // The count of (month, aspect, value); 0 when there is no such cell.
  std::int64_t CountOf(std::string_view month, std::string_view aspect, std::string_view value) {
    auto counts = store_->TakingPartCounts();
    EXPECT_TRUE(counts.ok()) << counts.status();
    for (const TakingPartCount& c : *counts) {
      if (c.month == month && c.aspect == aspect && c.value == value) return c.count;
    }
    return 0;
  }

  testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

using E = v1::EqualityMonitoring;

v1::TakingPart Tally(std::string id, E::YesNo disabled) {
  v1::TakingPart t;
  t.set_tally_id(std::move(id));
  t.set_month("2026-09");
  t.mutable_how()->set_speech(true);
  t.mutable_how()->set_language("cy");
  t.mutable_equality()->set_age_band(E::AGE_BAND_65_TO_74);
  t.mutable_equality()->set_disabled(disabled);
  return t;
}

TEST_P(StoreRulesTest, ReplayOfTheSameBodyAnswersWithTheFirstReceipt) {
  const absl::Time first_at = kT0 + absl::Microseconds(123456);
  const v1::Submission s = Feedback(1, kT0);
  ASSERT_EQ(Put({s}, first_at)[0].outcome, Outcome::kStored);
  const std::vector<PutResult> replay = Put({s}, kT0 + absl::Hours(50));
  ASSERT_EQ(replay.size(), 1u);
  EXPECT_EQ(replay[0].outcome, Outcome::kAlreadyStored);
  EXPECT_EQ(replay[0].received_at, first_at);
  EXPECT_EQ(All().size(), 1u);
}

TEST_P(StoreRulesTest, ReceiptTimesAreKeptToTheMicrosecond) {
  const absl::Time at = kT0 + absl::Nanoseconds(1'234'567);
  const std::vector<PutResult> stored = Put({Feedback(1, kT0)}, at);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].received_at, kT0 + absl::Microseconds(1234));
  EXPECT_EQ(Put({Feedback(1, kT0)}, at)[0].received_at, stored[0].received_at);
}

TEST_P(StoreRulesTest, SameIdWithAnotherBodyIsRefusedAndTheOriginalKept) {
  Put({Feedback(1, kT0, "original words")}, kT0);
  const std::vector<PutResult> conflict =
      Put({Feedback(1, kT0, "different words")}, kT0 + absl::Minutes(1));
  ASSERT_EQ(conflict.size(), 1u);
  EXPECT_EQ(conflict[0].outcome, Outcome::kConflict);
  EXPECT_EQ(conflict[0].received_at, kT0);
  const std::vector<v1::SubmissionRecord> all = All();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].submission().feedback().text(), "original words");
}

TEST_P(StoreRulesTest, SameIdTwiceInOneBatchIsStoredOnce) {
  const v1::Submission s = Feedback(1, kT0);
  const std::vector<PutResult> results = Put({s, s}, kT0);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].outcome, Outcome::kStored);
  EXPECT_EQ(results[1].outcome, Outcome::kAlreadyStored);
  EXPECT_EQ(All().size(), 1u);
}

TEST_P(StoreRulesTest, EachAnswerIsCountedOnItsOwnAndARetryOnce) {
  const v1::TakingPart a = Tally("tally-aaaaaaaaaaaaaaaa", E::YES_NO_YES);
  const v1::TakingPart b = Tally("tally-bbbbbbbbbbbbbbbb", E::YES_NO_NO);
  v1::TakingPart skipped = Tally("tally-cccccccccccccccc", E::YES_NO_YES);
  skipped.clear_equality();
  ASSERT_TRUE(store_->CountTakingPart(std::vector{a, b, skipped}).ok());

  const std::string age = std::to_string(E::AGE_BAND_65_TO_74);
  EXPECT_EQ(CountOf("2026-09", "visits", "all"), 3);
  EXPECT_EQ(CountOf("2026-09", "how.speech", "1"), 3);
  EXPECT_EQ(CountOf("2026-09", "how.language", "cy"), 3);
  EXPECT_EQ(CountOf("2026-09", "equality", "answered"), 2);
  EXPECT_EQ(CountOf("2026-09", "equality", "not_answered"), 1);
  EXPECT_EQ(CountOf("2026-09", "equality.age_band", age), 2);
  EXPECT_EQ(CountOf("2026-09", "equality.disabled", std::to_string(E::YES_NO_YES)), 1);
  EXPECT_EQ(CountOf("2026-09", "equality.disabled", std::to_string(E::YES_NO_NO)), 1);
  // A question left unanswered adds no cell.
  EXPECT_EQ(CountOf("2026-09", "equality.sex", "0"), 0);

  // A kiosk's retry of a counted visit, alone or beside a new one, counts
  // only the new one.
  v1::TakingPart later = Tally("tally-dddddddddddddddd", E::YES_NO_YES);
  later.set_month("2026-10");
  ASSERT_TRUE(store_->CountTakingPart(std::vector{a}).ok());
  ASSERT_TRUE(store_->CountTakingPart(std::vector{b, later}).ok());
  EXPECT_EQ(CountOf("2026-09", "visits", "all"), 3);
  EXPECT_EQ(CountOf("2026-09", "equality.age_band", age), 2);
  EXPECT_EQ(CountOf("2026-10", "visits", "all"), 1);
}

// Counts are the same whichever visit gave which answers, and in whatever
// order and batches they came: nothing stored says who answered what.
TEST_P(StoreRulesTest, CountsDoNotDependOnWhichVisitGaveWhichAnswer) {
  ASSERT_TRUE(store_->CountTakingPart(std::vector{Tally("tally-aaaaaaaaaaaaaaaa", E::YES_NO_YES)}).ok());
  ASSERT_TRUE(store_->CountTakingPart(std::vector{Tally("tally-bbbbbbbbbbbbbbbb", E::YES_NO_NO)}).ok());
  auto first = store_->TakingPartCounts();
  ASSERT_TRUE(first.ok());

  testing::TempDir other_dir;
  std::unique_ptr<Store> other = GetParam().open(other_dir);
  ASSERT_TRUE(other->CountTakingPart(std::vector{Tally("tally-eeeeeeeeeeeeeeee", E::YES_NO_NO),
                                                 Tally("tally-ffffffffffffffff", E::YES_NO_YES)})
                  .ok());
  EXPECT_EQ(*other->TakingPartCounts(), *first);
}

TEST_P(StoreRulesTest, EverySubmissionWithAReferenceAnswersNewestFirstWithItsPinHash) {
  v1::Submission older = Feedback(1, kT0);
  v1::Submission newer = Feedback(2, kT0);
  newer.set_reference(older.reference());
  older.set_pin("2468");
  newer.set_pin("1357");
  const std::vector<std::string> older_hash = {std::string(32, 'a')};
  const std::vector<std::string> newer_hash = {std::string(32, 'b')};
  const v1::Submission* one[] = {&older};
  ASSERT_TRUE(store_->PutSubmissions("kiosk-1", one, kT0, absl::ZeroDuration(), nullptr,
                                     older_hash).ok());
  one[0] = &newer;
  ASSERT_TRUE(store_->PutSubmissions("kiosk-2", one, kT0 + absl::Minutes(5),
                                     absl::ZeroDuration(), nullptr, newer_hash).ok());
  Put({Feedback(3, kT0)}, kT0);  // no PIN

  auto found = store_->FindByReference(older.reference());
  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_EQ(found->size(), 2u);
  EXPECT_EQ((*found)[0].status, v1::CASE_STATUS_RECEIVED);
  EXPECT_EQ((*found)[0].updated_at, kT0 + absl::Minutes(5));
  EXPECT_EQ((*found)[0].pin_hash, newer_hash[0]);
  EXPECT_EQ((*found)[1].pin_hash, older_hash[0]);
  auto without = store_->FindByReference(Feedback(3, kT0).reference());
  ASSERT_TRUE(without.ok() && without->size() == 1u);
  EXPECT_EQ((*without)[0].pin_hash, "");
  auto missing = store_->FindByReference("ZZZZZZZZ");
  ASSERT_TRUE(missing.ok());
  EXPECT_TRUE(missing->empty());

  // The PIN itself is kept nowhere, and a replay differing only in it is
  // a replay.
  for (const auto& r : All()) EXPECT_EQ(r.submission().pin(), "") << r.submission_id();
  older.set_pin("9999");
  EXPECT_EQ(Put({older}, kT0 + absl::Hours(1))[0].outcome, Outcome::kAlreadyStored);
  // One hash per item, or none.
  const v1::Submission* two[] = {&older, &newer};
  EXPECT_EQ(store_->PutSubmissions("kiosk-1", two, kT0, absl::ZeroDuration(), nullptr,
                                   older_hash).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_P(StoreRulesTest, ListsNewestFirstInPagesAndRefusesAZeroLimit) {
  for (int i = 0; i < 5; ++i) Put({Feedback(i, kT0)}, kT0 + absl::Seconds(i));
  auto first = store_->ListSubmissions(2, std::nullopt);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->records.size(), 2u);
  EXPECT_EQ(first->records[0].submission_id(), testing::TestSubmissionId(4));
  ASSERT_TRUE(first->next.has_value());
  auto second = store_->ListSubmissions(10, first->next);
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->records.size(), 3u);
  EXPECT_EQ(second->records[0].submission_id(), testing::TestSubmissionId(2));
  EXPECT_FALSE(second->next.has_value());
  EXPECT_EQ(store_->ListSubmissions(0, std::nullopt).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_P(StoreRulesTest, UrgentSubmissionsAreListedFirstAcrossPages) {
  // Oldest to newest: feedback 0, a safeguarding worry 1, feedback 2, a
  // safeguarding worry 3, feedback 4.
  for (int i = 0; i < 5; ++i) {
    const absl::Time at = kT0 + absl::Seconds(i);
    Put({i % 2 == 1 ? testing::Safeguarding(i, kT0) : Feedback(i, kT0)}, at);
  }
  std::vector<std::string> order;
  std::optional<ListCursor> cursor;
  for (int pages = 0; pages < 5; ++pages) {
    auto page = store_->ListSubmissions(2, cursor);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const auto& r : page->records) order.push_back(r.submission_id());
    if (!page->next) break;
    cursor = page->next;
  }
  using testing::TestSubmissionId;
  EXPECT_EQ(order, (std::vector<std::string>{TestSubmissionId(3), TestSubmissionId(1),
                                             TestSubmissionId(4), TestSubmissionId(2),
                                             TestSubmissionId(0)}));
}

TEST_P(StoreRulesTest, AuditEntriesComeBackNewestFirst) {
  ASSERT_TRUE(store_->RecordAudit({kT0, "officer.a", "list", 3}).ok());
  ASSERT_TRUE(
      store_->RecordAudit({kT0 + absl::Seconds(1), "officer.b", "export", 7})
          .ok());
  auto audit = store_->ListAudit(10);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 2u);
  EXPECT_EQ((*audit)[0].officer, "officer.b");
  EXPECT_EQ((*audit)[0].count, 7);
  EXPECT_EQ((*audit)[1].action, "list");
  EXPECT_EQ(store_->ListAudit(1)->size(), 1u);
}

TEST_P(StoreRulesTest, AnAuditedPageCommitsWithItsAuditRow) {
  for (int i = 0; i < 3; ++i) Put({Feedback(i, kT0)}, kT0 + absl::Seconds(i));
  auto page = store_->ListSubmissionsAudited(2, std::nullopt,
                                             {kT0, "officer.a", "list", 99});
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->records.size(), 2u);
  ASSERT_TRUE(page->next.has_value());
  auto audit = store_->ListAudit(10);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].officer, "officer.a");
  EXPECT_EQ((*audit)[0].count, 2);  // what was read, not what was asked
  EXPECT_EQ(store_->ListSubmissionsAudited(0, std::nullopt, {}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_P(StoreRulesTest, AnExportIsAuditedBeforeItsFirstRecordLeaves) {
  for (int i = 0; i < 4; ++i) Put({Feedback(i, kT0)}, kT0 + absl::Seconds(i));
  std::vector<std::string> seen;
  auto handed = store_->ExportSubmissionsAudited(
      {kT0, "officer.b", "export_anonymised", 0},
      [&](const v1::SubmissionRecord& r) {
        if (seen.empty()) {
          // The audit row is already committed when the first record goes.
          auto audit = store_->ListAudit(10);
          EXPECT_TRUE(audit.ok());
          EXPECT_EQ(audit->size(), 1u);
          if (!audit->empty()) {
            EXPECT_EQ((*audit)[0].count, 4);
          }
          // A submission arriving mid-export is not part of it.
          Put({Feedback(9, kT0)}, kT0 + absl::Hours(1));
        }
        seen.push_back(r.submission_id());
        return true;
      });
  ASSERT_TRUE(handed.ok()) << handed.status();
  EXPECT_EQ(*handed, 4);
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[0], testing::TestSubmissionId(0));  // oldest first
  auto audit = store_->ListAudit(10);
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].action, "export_anonymised");
}

TEST_P(StoreRulesTest, AnExportThatStopsEarlyIsAuditedWithWhatLeft) {
  for (int i = 0; i < 5; ++i) Put({Feedback(i, kT0)}, kT0 + absl::Seconds(i));
  int calls = 0;
  auto handed = store_->ExportSubmissionsAudited(
      {kT0, "officer.c", "export_identified", 0},
      [&](const v1::SubmissionRecord&) { return ++calls < 2; });
  ASSERT_TRUE(handed.ok()) << handed.status();
  EXPECT_EQ(*handed, 2);
  auto audit = store_->ListAudit(10);
  ASSERT_EQ(audit->size(), 2u);
  EXPECT_EQ((*audit)[0].action, "export_identified_stopped");
  EXPECT_EQ((*audit)[0].count, 2);
  EXPECT_EQ((*audit)[1].action, "export_identified");
  EXPECT_EQ((*audit)[1].count, 5);
}

TEST_P(StoreRulesTest, AnEmptyExportIsStillAudited) {
  auto handed = store_->ExportSubmissionsAudited(
      {kT0, "officer.d", "export_anonymised", 0},
      [](const v1::SubmissionRecord&) { return true; });
  ASSERT_TRUE(handed.ok());
  EXPECT_EQ(*handed, 0);
  auto audit = store_->ListAudit(10);
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].count, 0);
}

INSTANTIATE_TEST_SUITE_P(
    Engines, StoreRulesTest,
    ::testing::Values(
        Engine{"Sqlite",
               [](const testing::TempDir& dir) -> std::unique_ptr<Store> {
                 auto store = OpenSqliteStore(dir.File("rules.db"));
                 EXPECT_TRUE(store.ok()) << store.status();
                 return store.ok() ? *std::move(store) : nullptr;
               }},
        Engine{"Fake",
               [](const testing::TempDir&) { return testing::NewFakeStore(); }}),
    [](const auto& info) { return info.param.name; });

// Only the fake can make a commit fail on demand: nothing of the call is
// kept, and the retry stores it once.
TEST(FakeStoreTest, AFailedCommitKeepsNothingAndTheRetryStoresOnce) {
  testing::FakeStoreEngine* engine = nullptr;
  std::unique_ptr<Store> store = testing::NewFakeStore(&engine);
  engine->FailNextWrites(1, absl::UnavailableError("disk went away"));
  const v1::Submission s = Feedback(1, kT0);
  std::vector<const v1::Submission*> items = {&s};
  auto failed = store->PutSubmissions("kiosk-1", items, kT0, absl::ZeroDuration());
  EXPECT_EQ(failed.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(store->ListSubmissions(10, std::nullopt)->records.size(), 0u);

  // No audit row, no answer: a failed audit commit returns no records.
  engine->FailNextWrites(1, absl::UnavailableError("audit lost"));
  EXPECT_FALSE(store->ListSubmissionsAudited(10, std::nullopt,
                                             {kT0, "officer", "list", 0})
                   .ok());
  bool any = false;
  engine->FailNextWrites(1, absl::UnavailableError("audit lost"));
  EXPECT_FALSE(store
                   ->ExportSubmissionsAudited(
                       {kT0, "officer", "export_anonymised", 0},
                       [&](const v1::SubmissionRecord&) { return any = true; })
                   .ok());
  EXPECT_FALSE(any);

  auto retried = store->PutSubmissions("kiosk-1", items, kT0, absl::ZeroDuration());
  ASSERT_TRUE(retried.ok());
  EXPECT_EQ((*retried)[0].outcome, Outcome::kStored);
  EXPECT_EQ(engine->committed_writes(), 1);

  // A visit's count lost with its commit is not marked counted: the retry
  // counts it.
  const v1::TakingPart tally = Tally("tally-aaaaaaaaaaaaaaaa", E::YES_NO_YES);
  engine->FailNextWrites(1, absl::UnavailableError("disk went away"));
  EXPECT_EQ(store->CountTakingPart(std::vector{tally}).code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(store->TakingPartCounts()->empty());
  ASSERT_TRUE(store->CountTakingPart(std::vector{tally}).ok());
  EXPECT_FALSE(store->TakingPartCounts()->empty());
  EXPECT_EQ(engine->committed_writes(), 2);
}

}  // namespace
}  // namespace carevoice::service::store
