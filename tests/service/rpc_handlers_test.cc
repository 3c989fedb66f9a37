// The rpc handler functions on the in-memory FakeStore: no SQLite file, no
// server. The same rules hold as on disk (the store's rules are shared), and
// the fake can fail a commit on demand, which a real file cannot.
#include "service/rpc/handlers.h"

#include <cstdlib>
#include <optional>
#include <utility>

#include <sodium.h>

#include "base/clock.h"
#include "base/proto_time.h"
#include "gtest/gtest.h"
#include "tests/service/fake_store.h"
#include "tests/service/testing.h"

namespace carevoice::service::rpc {
namespace {

using testing::Feedback;

class RpcHandlersTest : public ::testing::Test {
 protected:
  RpcHandlersTest() : store_(testing::NewFakeStore(&engine_)) {}

  // From a device whose clock reads `device_time` (none: an older kiosk
  // that does not say).
  v1::SubmitBatchResponse Submit(const std::vector<v1::Submission>& items,
                                 absl::Status* whole_call,
                                 std::optional<absl::Time> device_time = std::nullopt,
                                 const std::string& device = "kiosk-test-1") {
    v1::SubmitBatchRequest request;
    request.set_device_id(device);
    if (device_time) base::SetProtoTimestamp(*device_time, request.mutable_device_time());
    for (const auto& s : items) *request.add_submissions() = s;
    return SubmitBatch(*store_, clock_, pins_, request, whole_call);
  }

  v1::CheckReferenceResponse Check(const std::string& reference, const std::string& pin) {
    v1::CheckReferenceRequest request;
    request.set_reference(reference);
    request.set_pin(pin);
    absl::StatusOr<v1::CheckReferenceResponse> answer = CheckReference(*store_, pins_, request);
    EXPECT_TRUE(answer.ok()) << answer.status();
    return answer.value_or(v1::CheckReferenceResponse());
  }

  base::FakeClock clock_;
  const auth::PinKey pins_ = auth::PinKey::Random();
  testing::FakeStoreEngine* engine_ = nullptr;
  std::unique_ptr<store::Store> store_;
};

v1::TakingPart Visit(std::string id, v1::EqualityMonitoring::Sex sex) {
  v1::TakingPart t;
  t.set_tally_id(std::move(id));
  t.set_month("2026-12");
  t.mutable_how()->set_language("pl");
  t.mutable_equality()->set_sex(sex);
  return t;
}

std::int64_t CountOf(store::Store& store, std::string_view aspect, std::string_view value) {
  std::int64_t n = 0;
  // Held here: a range-for over *Temporary() would read a destroyed StatusOr.
  const absl::StatusOr<std::vector<store::TakingPartCount>> counts = store.TakingPartCounts();
  EXPECT_TRUE(counts.ok()) << counts.status();
  if (!counts.ok()) return -1;
  for (const store::TakingPartCount& c : *counts) {
    if (c.aspect == aspect && c.value == value) n += c.count;
  }
  return n;
}

TEST_F(RpcHandlersTest, VisitsAreCountedAndABadOneRefusesTheWholeCall) {
  v1::CountTakingPartRequest request;
  request.set_device_id("kiosk-test-1");
  *request.add_tallies() = Visit("tally-aaaaaaaaaaaaaaaa", v1::EqualityMonitoring::SEX_FEMALE);
  *request.add_tallies() = Visit("tally-bbbbbbbbbbbbbbbb", v1::EqualityMonitoring::Sex(77));
  const absl::Status refused = CountTakingPart(*store_, request);
  EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.message(), "tallies[1].equality.sex: error.unknown_value");
  EXPECT_TRUE(store_->TakingPartCounts()->empty());

  request.mutable_tallies(1)->mutable_equality()->set_sex(v1::EqualityMonitoring::SEX_MALE);
  ASSERT_TRUE(CountTakingPart(*store_, request).ok());
  ASSERT_TRUE(CountTakingPart(*store_, request).ok());  // a retry
  EXPECT_EQ(CountOf(*store_, "visits", "all"), 2);
  EXPECT_EQ(CountOf(*store_, "how.language", "pl"), 2);

  v1::CountTakingPartRequest empty;
  empty.set_device_id("kiosk-test-1");
  EXPECT_EQ(CountTakingPart(*store_, empty).code(), absl::StatusCode::kInvalidArgument);
}

// A care-home tablet seals its tallies too; they are opened and counted,
// and one that does not open to the tally it names is refused.
TEST_F(RpcHandlersTest, SealedVisitsAreOpenedAndCounted) {
  ASSERT_GE(sodium_init(), 0);
  auth::SealingKeys sealing(*store_, clock_);
  v1::SealingKey key;
  ASSERT_TRUE(SetSealingKey(sealing, &key).ok());
  auto seal = [&](const v1::TakingPart& t) {
    const std::string plain = t.SerializeAsString();
    std::string sealed(plain.size() + crypto_box_SEALBYTES, '\0');
    crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()),
                    reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                    reinterpret_cast<const unsigned char*>(key.public_key().data()));
    v1::SealedSubmission item;
    item.set_submission_id(t.tally_id());
    item.set_key_id(key.key_id());
    item.set_sealed(sealed);
    return item;
  };
  v1::CountTakingPartRequest request;
  request.set_device_id("tablet-test-1");
  *request.add_sealed() = seal(Visit("tally-cccccccccccccccc", v1::EqualityMonitoring::SEX_OTHER));
  ASSERT_TRUE(CountTakingPart(*store_, request, &sealing).ok());
  EXPECT_EQ(CountOf(*store_, "equality.sex", std::to_string(v1::EqualityMonitoring::SEX_OTHER)), 1);

  request.mutable_sealed(0)->set_submission_id("tally-dddddddddddddddd");
  const absl::Status refused = CountTakingPart(*store_, request, &sealing);
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(CountOf(*store_, "visits", "all"), 1);
}

TEST_F(RpcHandlersTest, StoresReplaysAndRefusesAConflictPerItem) {
  absl::Status whole;
  v1::SubmitBatchResponse first =
      Submit({Feedback(1, clock_.Now(), "first")}, &whole);
  ASSERT_TRUE(whole.ok()) << whole;
  ASSERT_EQ(first.results_size(), 1);
  EXPECT_EQ(first.results(0).outcome(), v1::ItemResult::OUTCOME_STORED);

  clock_.Advance(absl::Hours(30));
  v1::SubmitBatchResponse second = Submit(
      {Feedback(1, clock_.Now() - absl::Hours(30), "first"),
       Feedback(1, clock_.Now(), "second")},
      &whole);
  ASSERT_TRUE(whole.ok()) << whole;
  ASSERT_EQ(second.results_size(), 2);
  EXPECT_EQ(second.results(0).outcome(),
            v1::ItemResult::OUTCOME_ALREADY_STORED);
  EXPECT_EQ(second.results(0).received_at().SerializeAsString(),
            first.results(0).received_at().SerializeAsString());
  EXPECT_EQ(second.results(1).outcome(), v1::ItemResult::OUTCOME_REJECTED);
  EXPECT_EQ(second.results(1).code(), 6);
  EXPECT_EQ(second.results(1).field(), "submission_id");
}

TEST_F(RpcHandlersTest, AKioskWhoseClockIsWrongByDaysStillDeliversDatedRight) {
  // Told at 10:00 by the service's clock: one kiosk reads two days later,
  // one two days earlier. Both are accepted, and dated at 10:00.
  const absl::Time told = clock_.Now();
  clock_.Advance(absl::Minutes(30));  // delivered half an hour later
  const absl::Time now = clock_.Now();
  absl::Status whole;
  for (const auto& [device, skew] : {std::pair{"kiosk-fast", absl::Hours(48)},
                                     std::pair{"kiosk-slow", -absl::Hours(48)}}) {
    SCOPED_TRACE(device);
    v1::SubmitBatchResponse r =
        Submit({Feedback(device == std::string("kiosk-fast") ? 1 : 2, told + skew)}, &whole,
               now + skew, device);
    ASSERT_TRUE(whole.ok()) << whole;
    ASSERT_EQ(r.results_size(), 1);
    EXPECT_EQ(r.results(0).outcome(), v1::ItemResult::OUTCOME_STORED)
        << r.results(0).field() << " " << r.results(0).message_key();
  }
  // Without the clock reading, the fast kiosk's item would be refused.
  Submit({Feedback(3, told + absl::Hours(48))}, &whole);
  auto page = store_->ListSubmissions(10, std::nullopt);
  ASSERT_TRUE(page.ok());
  int dated = 0;
  for (const v1::SubmissionRecord& record : page->records) {
    if (record.device_id() == "kiosk-test-1") continue;
    EXPECT_EQ(base::FromProtoTimestamp(record.told_at()), told) << record.device_id();
    EXPECT_EQ(std::abs(record.device_clock_offset_ms()), 48 * 3600 * 1000LL);
    ++dated;
  }
  EXPECT_EQ(dated, 2);
  EXPECT_EQ(page->records.size(), 2u) << "an item from a fast clock that does not say is refused";
}

TEST_F(RpcHandlersTest, TheAuditIsVerifiedAndListedAndBothAreAudited) {
  v1::ListSubmissionsRequest list;
  ASSERT_TRUE(ListSubmissions(*store_, clock_, {"jo.bloggs", auth::Role::kClerk}, list).ok());
  const auth::Caller sam{"sam", auth::Role::kAdmin};
  v1::VerifyAuditRequest verify;
  auto verified = VerifyAudit(*store_, clock_, sam, verify);
  ASSERT_TRUE(verified.ok()) << verified.status();
  EXPECT_TRUE(verified->intact());
  EXPECT_EQ(verified->rows_checked(), 1);
  v1::ListAuditRequest read;
  auto rows = ListAudit(*store_, clock_, sam, read);
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->records_size(), 3);
  EXPECT_EQ(rows->records(0).action(), "audit_list") << "its own reading comes first";
  EXPECT_EQ(rows->records(1).action(), "audit_verify");
  EXPECT_EQ(rows->records(2).action(), "list");
  EXPECT_EQ(rows->records(2).officer(), "jo.bloggs");
  EXPECT_EQ(rows->records(0).row(), 3);
  EXPECT_EQ(rows->records(0).hash().size(), 64u);

  // Its head is the anchor for the next check, which holds while the row
  // is there as seen.
  EXPECT_EQ(verified->head_row(), 1);
  EXPECT_EQ(verified->head_hash(), rows->records(2).hash());
  verify.set_anchor_row(verified->head_row());
  verify.set_anchor_hash(verified->head_hash());
  auto anchored = VerifyAudit(*store_, clock_, sam, verify);
  ASSERT_TRUE(anchored.ok()) << anchored.status();
  EXPECT_TRUE(anchored->intact()) << anchored->problem();
  EXPECT_EQ(anchored->head_row(), 3);
  verify.set_anchor_row(99);
  anchored = VerifyAudit(*store_, clock_, sam, verify);
  ASSERT_TRUE(anchored.ok()) << anchored.status();
  EXPECT_FALSE(anchored->intact());
  verify.set_anchor_hash("not a hash");
  EXPECT_EQ(VerifyAudit(*store_, clock_, sam, verify).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(RpcHandlersTest, ABadItemIsNamedAndTheRestStored) {
  v1::Submission bad = Feedback(2, clock_.Now());
  bad.mutable_feedback()->set_text(std::string(5001, 'x'));
  absl::Status whole;
  v1::SubmitBatchResponse response =
      Submit({Feedback(1, clock_.Now()), bad}, &whole);
  ASSERT_TRUE(whole.ok()) << whole;
  ASSERT_EQ(response.results_size(), 2);
  EXPECT_EQ(response.results(0).outcome(), v1::ItemResult::OUTCOME_STORED);
  EXPECT_EQ(response.results(1).field(), "feedback.text");
  EXPECT_EQ(store_->ListSubmissions(10, std::nullopt)->records.size(), 1u);
}

TEST_F(RpcHandlersTest, AFailedCommitAcknowledgesNothing) {
  engine_->FailNextWrites(1, absl::UnavailableError("disk full"));
  absl::Status whole;
  Submit({Feedback(1, clock_.Now())}, &whole);
  EXPECT_EQ(whole.code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(store_->ListSubmissions(10, std::nullopt)->records.empty());

  Submit({Feedback(1, clock_.Now())}, &whole);  // the kiosk retries
  EXPECT_TRUE(whole.ok()) << whole;
  EXPECT_EQ(store_->ListSubmissions(10, std::nullopt)->records.size(), 1u);
}

TEST_F(RpcHandlersTest, CheckReferenceFindsTheStatusByTheSpokenFormAndThePin) {
  v1::Submission s = Feedback(1, clock_.Now());
  s.set_pin("4729");
  absl::Status whole;
  Submit({s}, &whole);
  ASSERT_TRUE(whole.ok()) << whole;
  std::string spoken = s.reference();
  spoken.insert(4, " - ");
  const v1::CheckReferenceResponse found = Check(spoken, "47 29");
  EXPECT_TRUE(found.found());
  EXPECT_EQ(found.status(), v1::CASE_STATUS_RECEIVED);
  EXPECT_EQ(found.updated_at().seconds(), absl::ToUnixSeconds(clock_.Now()));
  // The service keeps the hash, never the digits.
  absl::StatusOr<store::ListPage> page = store_->ListSubmissions(10, std::nullopt);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->records.size(), 1u);
  EXPECT_EQ(page->records[0].submission().pin(), "");
}

// A wrong PIN, an unknown reference, and a malformed one of either: the
// same answer, byte for byte, by the same steps (one look-up in the store
// and one keyed hash each), so nothing tells a prober which it was.
TEST_F(RpcHandlersTest, AWrongPinAndAnUnknownReferenceAreIndistinguishable) {
  v1::Submission s = Feedback(1, clock_.Now());
  s.set_pin("4729");
  absl::Status whole;
  Submit({s}, &whole);
  ASSERT_TRUE(whole.ok()) << whole;

  const std::pair<std::string, std::string> refused[] = {
      {s.reference(), "4728"},                     // wrong PIN
      {testing::TestReference(2), "4729"},          // unknown reference, the right PIN
      {"not a code", "4729"},                       // malformed reference
      {s.reference(), "47a9"},                      // malformed PIN
      {s.reference(), ""},                          // no PIN
      {s.reference(), std::string(100000, '4')},    // far too long
  };
  const std::string expected = v1::CheckReferenceResponse().SerializeAsString();
  for (const auto& [reference, pin] : refused) {
    const std::int64_t hashes = pins_.hashes_computed();
    const std::int64_t lookups = engine_->reference_lookups();
    EXPECT_EQ(Check(reference, pin).SerializeAsString(), expected) << reference << " " << pin;
    EXPECT_EQ(pins_.hashes_computed() - hashes, 1) << reference << " " << pin;
    EXPECT_EQ(engine_->reference_lookups() - lookups, 1) << reference << " " << pin;
  }
  EXPECT_TRUE(Check(s.reference(), "4729").found());
}

TEST_F(RpcHandlersTest, ThePinTellsCollidingReferencesApartAndOldItemsHaveNone) {
  v1::Submission first = Feedback(1, clock_.Now());
  first.set_pin("1111");
  v1::Submission second = Feedback(2, clock_.Now());
  second.set_reference(first.reference());  // two devices' codes collide
  second.set_pin("2222");
  absl::Status whole;
  Submit({first}, &whole);
  clock_.Advance(absl::Hours(1));
  Submit({second}, &whole, std::nullopt, "kiosk-test-2");
  ASSERT_TRUE(whole.ok()) << whole;
  EXPECT_EQ(Check(first.reference(), "1111").updated_at().seconds(),
            absl::ToUnixSeconds(clock_.Now() - absl::Hours(1)));
  EXPECT_EQ(Check(first.reference(), "2222").updated_at().seconds(),
            absl::ToUnixSeconds(clock_.Now()));

  // From a kiosk older than PINs: stored, but no PIN (not even none) opens it.
  const v1::Submission old = Feedback(3, clock_.Now());
  Submit({old}, &whole);
  ASSERT_TRUE(whole.ok()) << whole;
  EXPECT_FALSE(Check(old.reference(), "").found());
  EXPECT_FALSE(Check(old.reference(), "0000").found());
}

TEST_F(RpcHandlersTest, ARefusedItemsPinIsNotKeptInTheQuarantine) {
  v1::Submission bad = Feedback(1, clock_.Now());
  bad.set_language("");  // refused: no language
  bad.set_pin("580316");
  absl::Status whole;
  const v1::SubmitBatchResponse response = Submit({bad}, &whole);
  ASSERT_TRUE(whole.ok()) << whole;
  ASSERT_EQ(response.results(0).outcome(), v1::ItemResult::OUTCOME_REJECTED);
  const std::vector<store::QuarantineRow> kept = engine_->quarantined();
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_NE(kept[0].raw.find("The carers"), std::string::npos) << "the words are kept";
  EXPECT_EQ(kept[0].raw.find("580316"), std::string::npos);
}

TEST_F(RpcHandlersTest, ListingIsAuditedAndUnauditedReadsFail) {
  absl::Status whole;
  Submit({Feedback(1, clock_.Now()), Feedback(2, clock_.Now())}, &whole);
  ASSERT_TRUE(whole.ok()) << whole;
  v1::ListSubmissionsRequest request;
  const auth::Caller officer{"test.officer", auth::Role::kOfficer};
  absl::StatusOr<v1::ListSubmissionsResponse> listed =
      ListSubmissions(*store_, clock_, officer, request);
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_EQ(listed->records_size(), 2);
  EXPECT_TRUE(listed->records(0).submission().feedback().text().empty());
  auto audit = store_->ListAudit(10);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].officer, "test.officer");
  EXPECT_EQ((*audit)[0].action, "list");
  EXPECT_EQ((*audit)[0].count, 2);

  // No audit row, no answer.
  engine_->FailNextWrites(1, absl::UnavailableError("audit lost"));
  EXPECT_EQ(ListSubmissions(*store_, clock_, officer, request).status().code(),
            absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace carevoice::service::rpc
