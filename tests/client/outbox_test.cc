// The outbox on real SQLite files in temporary directories: references,
// durability across reopen, refusals, erasing delivered words, catalog cache.
#include "client/model/outbox_sqlite.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "contract/reference_code.h"
#include "contract/validation.h"
#include "gtest/gtest.h"
#include "tests/client/test_support.h"

namespace carevoice::client {
namespace {

using testing::FeedbackDraft;
using testing::ReadFileBytes;
using testing::SmallCatalog;
using testing::TempDir;

class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir_.ok());
    Reopen();
  }

  void Reopen() {
    outbox_.reset();  // close first, as a restarted kiosk would
    absl::StatusOr<std::unique_ptr<Outbox>> opened = SqliteOutbox::Open(path_);
    ASSERT_TRUE(opened.ok()) << opened.status();
    outbox_ = *std::move(opened);
  }

  OutboxItem MustEnqueue(std::string_view text) {
    absl::StatusOr<OutboxItem> item =
        outbox_->Enqueue(FeedbackDraft(text), absl::Now());
    EXPECT_TRUE(item.ok()) << item.status();
    return item.ok() ? *item : OutboxItem{};
  }

  // The db file and its WAL, as bytes on disk.
  std::string FileBytes() const {
    return ReadFileBytes(path_) + ReadFileBytes(path_ + "-wal");
  }

  TempDir dir_;
  std::string path_ = dir_.File("outbox.db");
  std::unique_ptr<Outbox> outbox_;
};

TEST_F(OutboxTest, NewOutboxHasAValidRandomDeviceId) {
  EXPECT_EQ(outbox_->device_id().size(), 32u);
  EXPECT_TRUE(contract::IsValidDeviceId(outbox_->device_id()));
  const std::string first = outbox_->device_id();
  Reopen();
  EXPECT_EQ(outbox_->device_id(), first) << "identity survives reopen";

  TempDir other;
  absl::StatusOr<std::unique_ptr<Outbox>> second =
      SqliteOutbox::Open(other.File("outbox.db"));
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_NE((*second)->device_id(), first);
}

TEST_F(OutboxTest, EnqueueAssignsDistinctValidReferencesAndIds) {
  std::set<std::string> ids;
  std::set<std::string> references;
  std::set<std::string> pins;
  const std::string device_code = contract::DeviceCodeFor(outbox_->device_id());
  for (int i = 0; i < 30; ++i) {
    OutboxItem item = MustEnqueue("Carers were kind " + std::to_string(i));
    EXPECT_EQ(item.state, DeliveryState::kPending);
    EXPECT_TRUE(contract::IsValidSubmissionId(item.submission_id));
    EXPECT_EQ(item.submission_id.size(), 32u);
    EXPECT_TRUE(contract::IsValidReference(item.reference)) << item.reference;
    EXPECT_EQ(item.reference.substr(0, device_code.size()), device_code);
    EXPECT_EQ(item.submission.submission_id(), item.submission_id);
    EXPECT_EQ(item.submission.reference(), item.reference);
    EXPECT_EQ(item.submission.channel(), v1::CHANNEL_KIOSK);
    EXPECT_TRUE(item.submission.has_created_at());
    EXPECT_TRUE(contract::IsValidPin(item.submission.pin())) << item.submission.pin();
    EXPECT_EQ(item.submission.pin().size(), 4u);
    pins.insert(item.submission.pin());
    ids.insert(item.submission_id);
    references.insert(item.reference);
  }
  EXPECT_EQ(ids.size(), 30u);
  EXPECT_EQ(references.size(), 30u);
  EXPECT_GT(pins.size(), 20u) << "PINs are random (30 draws of 10,000)";
}

TEST(PrepareForEnqueueTest, APinThatIsOneDigitOrARunIsDrawnAgain) {
  // Submission id (4 words), then PIN digits one word each: 7777 and 3456
  // are drawn again; 3 0 9 1 is kept.
  base::FakeRandom random({1, 2, 3, 4, 7, 7, 7, 7, 3, 4, 5, 6, 3, 0, 9, 1});
  v1::Submission draft = FeedbackDraft("words");
  ASSERT_TRUE(PrepareForEnqueue(draft, "kiosk-1", 0, absl::Now(), random).ok());
  EXPECT_EQ(draft.pin(), "3091");
}

TEST_F(OutboxTest, ChannelAndCreatedAtGivenByTheCallerAreKept) {
  v1::Submission draft = FeedbackDraft("Tablet words");
  draft.set_channel(v1::CHANNEL_TABLET);
  const absl::Time created = absl::Now() - absl::Hours(1);
  draft.mutable_created_at()->set_seconds(absl::ToUnixSeconds(created));
  absl::StatusOr<OutboxItem> item = outbox_->Enqueue(draft, absl::Now());
  ASSERT_TRUE(item.ok()) << item.status();
  EXPECT_EQ(item->submission.channel(), v1::CHANNEL_TABLET);
  EXPECT_EQ(item->submission.created_at().seconds(),
            absl::ToUnixSeconds(created));
}

TEST_F(OutboxTest, ReferenceCounterIsNeverReusedAfterReopen) {
  std::set<std::string> references;
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 5; ++i) {
      const OutboxItem item = MustEnqueue("words");
      EXPECT_TRUE(references.insert(item.reference).second)
          << "reference reused: " << item.reference;
    }
    Reopen();
  }
  EXPECT_EQ(references.size(), 15u);
}

TEST_F(OutboxTest, InvalidDraftIsRefusedAndStoresNothing) {
  v1::Submission draft = FeedbackDraft("Unfinished");
  draft.mutable_feedback()->clear_service_id();
  absl::StatusOr<OutboxItem> refused = outbox_->Enqueue(draft, absl::Now());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  std::optional<contract::FieldError> why = FieldErrorOf(refused.status());
  ASSERT_TRUE(why.has_value());
  EXPECT_EQ(why->field, "feedback.service_id");
  EXPECT_EQ(why->message_key, contract::kErrRequired);
  EXPECT_NE(refused.status().message().find("feedback.service_id"),
            std::string_view::npos);
  EXPECT_EQ(FieldErrorOf(absl::InternalError("x")), std::nullopt);

  absl::StatusOr<int> pending = outbox_->PendingCount();
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(*pending, 0);
  EXPECT_EQ(FileBytes().find("Unfinished"), std::string::npos);

  // The refusal consumed no reference: the next item gets counter 0's code.
  const std::string device_code = contract::DeviceCodeFor(outbox_->device_id());
  const OutboxItem next = MustEnqueue("finished");
  EXPECT_EQ(next.reference, *contract::MakeReference(device_code, 0));
}

TEST_F(OutboxTest, PendingItemsSurviveCloseAndReopen) {
  const OutboxItem a = MustEnqueue("first words");
  const OutboxItem b = MustEnqueue("second words");
  Reopen();
  absl::StatusOr<std::vector<OutboxItem>> pending = outbox_->Pending(10);
  ASSERT_TRUE(pending.ok()) << pending.status();
  ASSERT_EQ(pending->size(), 2u);
  EXPECT_EQ((*pending)[0].submission_id, a.submission_id) << "oldest first";
  EXPECT_EQ((*pending)[1].submission_id, b.submission_id);
  EXPECT_EQ((*pending)[0].submission.feedback().text(), "first words");
  EXPECT_EQ((*pending)[0].reference, a.reference);
  // The stored body is exactly what was enqueued, so a resend matches.
  EXPECT_EQ((*pending)[1].submission.SerializeAsString(),
            b.submission.SerializeAsString());

  absl::StatusOr<std::vector<OutboxItem>> one = outbox_->Pending(1);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->size(), 1u);
}

TEST_F(OutboxTest, AWorryThatSomeoneIsAtRiskLeavesBeforeEverythingElse) {
  const OutboxItem a = MustEnqueue("first words");
  const OutboxItem b = MustEnqueue("second words");
  v1::Submission worry = FeedbackDraft("unused");
  worry.clear_feedback();
  worry.mutable_safeguarding()->set_what_is_happening("My neighbour is shouted at every night.");
  absl::StatusOr<OutboxItem> urgent = outbox_->Enqueue(worry, absl::Now());
  ASSERT_TRUE(urgent.ok()) << urgent.status();
  Reopen();  // the order is kept on disk, not in memory
  absl::StatusOr<std::vector<OutboxItem>> pending = outbox_->Pending(10);
  ASSERT_TRUE(pending.ok()) << pending.status();
  ASSERT_EQ(pending->size(), 3u);
  EXPECT_EQ((*pending)[0].submission_id, urgent->submission_id);
  EXPECT_EQ((*pending)[1].submission_id, a.submission_id);
  EXPECT_EQ((*pending)[2].submission_id, b.submission_id);
  // A batch of one still takes the worry.
  EXPECT_EQ(outbox_->Pending(1)->front().submission_id, urgent->submission_id);
}

TEST_F(OutboxTest, MarkDeliveredErasesTheWordsFromTheFile) {
  constexpr std::string_view kWords = "Marigold-zebra-47 my carer is late";
  const OutboxItem kept = MustEnqueue("Another person's words stay");
  const OutboxItem item = MustEnqueue(kWords);
  ASSERT_NE(FileBytes().find(kWords), std::string::npos)
      << "test premise: the words are in the file before delivery";

  ASSERT_TRUE(outbox_->MarkDelivered(item.submission_id).ok());

  EXPECT_EQ(FileBytes().find(kWords), std::string::npos);
  EXPECT_EQ((*outbox_->Find(item.submission_id))->submission.pin(), "") << "the PIN goes too";
  absl::StatusOr<std::optional<OutboxItem>> found =
      outbox_->Find(item.submission_id);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->state, DeliveryState::kDelivered);
  EXPECT_EQ((*found)->reference, item.reference) << "reference kept";
  EXPECT_EQ((*found)->submission.ByteSizeLong(), 0u);
  EXPECT_NE(FileBytes().find("Another person's words stay"), std::string::npos);

  // Still gone after a reopen; and marking again is harmless.
  Reopen();
  EXPECT_EQ(FileBytes().find(kWords), std::string::npos);
  EXPECT_TRUE(outbox_->MarkDelivered(item.submission_id).ok());
  absl::StatusOr<int> pending = outbox_->PendingCount();
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(*pending, 1);
}

TEST_F(OutboxTest, LongWordsInOverflowPagesAreErasedToo) {
  // Bigger than a page, so SQLite keeps it in overflow pages that are
  // freed, not rewritten, on delivery.
  std::string words;
  for (int i = 0; i < 900; ++i) words += "Quokka" + std::to_string(i) + " ";
  ASSERT_LT(words.size(), 10'000u);  // the complaint limit
  v1::Submission draft = FeedbackDraft("");
  draft.mutable_complaint()->set_service_id("home_care");  // replaces feedback
  draft.mutable_complaint()->set_what_happened(words);
  absl::StatusOr<OutboxItem> item = outbox_->Enqueue(draft, absl::Now());
  ASSERT_TRUE(item.ok()) << item.status();
  ASSERT_NE(FileBytes().find("Quokka899"), std::string::npos);
  ASSERT_TRUE(outbox_->MarkDelivered(item->submission_id).ok());
  EXPECT_EQ(FileBytes().find("Quokka"), std::string::npos);
}

TEST_F(OutboxTest, RejectedItemKeepsItsWordsAndReason) {
  const OutboxItem item = MustEnqueue("Kept for the person to fix");
  ASSERT_TRUE(outbox_
                  ->MarkRejected(item.submission_id, "feedback.service_id",
                                 std::string(contract::kErrUnknownValue))
                  .ok());
  Reopen();
  absl::StatusOr<std::optional<OutboxItem>> found =
      outbox_->Find(item.submission_id);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->state, DeliveryState::kRejected);
  EXPECT_EQ((*found)->submission.feedback().text(),
            "Kept for the person to fix");
  EXPECT_EQ((*found)->reject_field, "feedback.service_id");
  EXPECT_EQ((*found)->reject_key, contract::kErrUnknownValue);
  absl::StatusOr<std::vector<OutboxItem>> pending = outbox_->Pending(10);
  ASSERT_TRUE(pending.ok());
  EXPECT_TRUE(pending->empty()) << "rejected items are not resent";
}

TEST_F(OutboxTest, ARefusedVoteLeavesNothingOfItself) {
  v1::Submission draft;
  draft.set_anonymous(true);
  draft.set_language("en-GB");
  v1::ForumVote* vote = draft.mutable_forum_vote();
  vote->set_ballot_id("forum_reps_2027");
  vote->set_code(*contract::WithCheckCharacter("KQ7M3RX"));
  vote->mutable_mark()->set_question_id("vote");
  vote->mutable_mark()->set_choice_id("candidate_zanzibar");
  absl::StatusOr<OutboxItem> item = outbox_->Enqueue(draft, absl::Now());
  ASSERT_TRUE(item.ok()) << item.status();
  EXPECT_TRUE(item->submission.pin().empty()) << "a vote has no PIN";
  ASSERT_NE(FileBytes().find("candidate_zanzibar"), std::string::npos);
  ASSERT_TRUE(outbox_->MarkRejected(item->submission_id, "forum_vote.code", "ballot.code_used").ok());
  EXPECT_EQ(FileBytes().find("candidate_zanzibar"), std::string::npos);
  auto found = outbox_->Find(item->submission_id);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->state, DeliveryState::kRejected);
  EXPECT_EQ((*found)->reject_key, "ballot.code_used");
}

TEST_F(OutboxTest, AttemptsAreCountedForPendingItemsOnly) {
  const OutboxItem item = MustEnqueue("words");
  ASSERT_TRUE(outbox_->CountAttempt(item.submission_id).ok());
  ASSERT_TRUE(outbox_->CountAttempt(item.submission_id).ok());
  absl::StatusOr<std::optional<OutboxItem>> found =
      outbox_->Find(item.submission_id);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->attempts, 2);

  ASSERT_TRUE(outbox_->MarkDelivered(item.submission_id).ok());
  EXPECT_EQ(outbox_->CountAttempt(item.submission_id).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(outbox_->MarkRejected(item.submission_id, "f", "k").code(),
            absl::StatusCode::kFailedPrecondition)
      << "a delivered item cannot become rejected";
}

TEST_F(OutboxTest, UnknownIdsAreNotFound) {
  EXPECT_EQ(outbox_->MarkDelivered("nosuchsubmission00").code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(outbox_->MarkRejected("nosuchsubmission00", "f", "k").code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(outbox_->CountAttempt("nosuchsubmission00").code(),
            absl::StatusCode::kNotFound);
  absl::StatusOr<std::optional<OutboxItem>> found =
      outbox_->Find("nosuchsubmission00");
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
}

TEST_F(OutboxTest, CatalogCacheRoundTripsAcrossReopen) {
  absl::StatusOr<std::optional<v1::Catalog>> none = outbox_->CachedCatalog();
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());

  ASSERT_TRUE(outbox_->CacheCatalog(SmallCatalog("v1")).ok());
  ASSERT_TRUE(outbox_->CacheCatalog(SmallCatalog("v2", "Newshire")).ok());
  Reopen();
  absl::StatusOr<std::optional<v1::Catalog>> cached = outbox_->CachedCatalog();
  ASSERT_TRUE(cached.ok() && cached->has_value());
  EXPECT_EQ((*cached)->version(), "v2");
  EXPECT_EQ((*cached)->council_name(), "Newshire");
  EXPECT_EQ((*cached)->services(0).name().text().at("en-GB"), "Home care");
}

TEST_F(OutboxTest, ConcurrentEnqueuesGetDistinctReferences) {
  constexpr int kThreads = 4;
  constexpr int kEach = 10;
  std::vector<std::thread> threads;
  std::mutex mu;
  std::set<std::string> references;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        absl::StatusOr<OutboxItem> item =
            outbox_->Enqueue(FeedbackDraft("words"), absl::Now());
        ASSERT_TRUE(item.ok()) << item.status();
        std::lock_guard lock(mu);
        references.insert(item->reference);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(references.size(), static_cast<std::size_t>(kThreads * kEach));
}

TEST_F(OutboxTest, FileIsPrivateToTheKioskUser) {
  struct stat st {};
  ASSERT_EQ(::stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0077, 0u) << "people's words: no group/other access";
}

TEST(OutboxOpenTest, FailsCleanlyOnAnUnusablePath) {
  absl::StatusOr<std::unique_ptr<Outbox>> opened =
      SqliteOutbox::Open("/nonexistent-dir-for-carevoice/outbox.db");
  EXPECT_FALSE(opened.ok());
}

TEST(OutboxOpenTest, RefusesAnOutboxFromANewerProgram) {
  TempDir dir;
  ASSERT_TRUE(dir.ok());
  const std::string path = dir.File("outbox.db");
  ASSERT_TRUE(SqliteOutbox::Open(path).ok());
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "UPDATE schema_version SET version = 999",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  absl::StatusOr<std::unique_ptr<Outbox>> reopened = SqliteOutbox::Open(path);
  EXPECT_EQ(reopened.status().code(), absl::StatusCode::kFailedPrecondition);
}

// A counted visit: kept durably apart from the items, with a random id
// and its month, only the day it was made, and gone without trace once
// the service has counted it.
TEST_F(OutboxTest, VisitsAreKeptApartUntilCountedThenForgotten) {
  const absl::Time now = absl::FromCivil(absl::CivilSecond(2026, 12, 5, 14, 30, 0),
                                         absl::UTCTimeZone());
  v1::TakingPart visit;
  visit.mutable_how()->set_language("cy");
  visit.mutable_how()->set_easy_read(true);
  visit.mutable_equality()->set_role(v1::EqualityMonitoring::ROLE_CARE_WORKER);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(outbox_->EnqueueTally(visit, now).ok());
  v1::TakingPart bad = visit;
  bad.mutable_equality()->set_sex(v1::EqualityMonitoring::Sex(42));
  const absl::Status refused = outbox_->EnqueueTally(bad, now);
  EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.message(), "equality.sex: error.unknown_value");

  Reopen();
  auto waiting = outbox_->PendingTallies(10);
  ASSERT_TRUE(waiting.ok()) << waiting.status();
  ASSERT_EQ(waiting->size(), 3u);
  std::set<std::string> ids;
  for (const TallyItem& t : *waiting) {
    EXPECT_TRUE(contract::IsValidSubmissionId(t.tally_id));
    EXPECT_EQ(t.tally.tally_id(), t.tally_id);
    EXPECT_EQ(t.tally.month(), "2026-12");
    EXPECT_EQ(t.made_on, absl::CivilDay(2026, 12, 5));
    EXPECT_EQ(t.tally.how().language(), "cy");
    EXPECT_FALSE(t.damaged);
    ids.insert(t.tally_id);
  }
  EXPECT_EQ(ids.size(), 3u);
  // Given in the order of their random ids, not the order they came.
  EXPECT_TRUE(std::is_sorted(waiting->begin(), waiting->end(),
                             [](const TallyItem& a, const TallyItem& b) {
                               return a.tally_id < b.tally_id;
                             }));
  // Apart from the items: no submission is pending, and the table keeps no
  // time finer than the day.
  EXPECT_EQ(*outbox_->PendingCount(), 0);

  ASSERT_TRUE(outbox_->ForgetTallies({waiting->at(0).tally_id, waiting->at(1).tally_id}).ok());
  EXPECT_EQ(outbox_->PendingTallies(10)->size(), 1u);
  ASSERT_TRUE(outbox_->ForgetTallies({waiting->at(2).tally_id}).ok());
  EXPECT_TRUE(outbox_->PendingTallies(10)->empty());
  outbox_.reset();
  EXPECT_EQ(FileBytes().find(waiting->at(2).tally_id), std::string::npos);
}

}  // namespace
}  // namespace carevoice::client
