// A consultation on the journey engine, with no window: which are offered
// (open by the kiosk's clock), every kind of question answered, skipped and
// changed from the review, and what is sent -- checked by the contract and
// against the catalog, as the service will.
#include "client/app/consultation_journey.h"

#include <fstream>
#include <sstream>

#include "base/clock.h"
#include "base/proto_time.h"
#include "client/app/journey.h"
#include "contract/validation.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/client/fake_outbox.h"

namespace carevoice::client {
namespace {

// The sample in assets asks every kind: how_often (one), what_helps (up to
// 2 of 4), priorities (order of 3), lonely (agree), anything_else (words).
v1::Consultation Sample() {
  std::ifstream in(std::string(CAREVOICE_ASSETS_DIR) + "/consultations/getting_out_2027.json");
  std::stringstream json;
  json << in.rdbuf();
  v1::Consultation c;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json.str(), &c).ok());
  return c;
}

const absl::Time kNow = absl::FromCivil(absl::CivilSecond(2026, 12, 3, 12, 0, 0),
                                        absl::LocalTimeZone());

class ConsultationJourneyTest : public ::testing::Test {
 protected:
  ConsultationJourneyTest() : clock_(kNow), journey_(AllJourneys(), clock_) {
    v1::Consultation open = Sample();
    base::SetProtoTimestamp(kNow - absl::Hours(24 * 30), open.mutable_opens_at());
    base::SetProtoTimestamp(kNow + absl::Hours(24 * 10), open.mutable_closes_at());
    *catalog_.add_consultations() = open;
    v1::Consultation later = open;
    later.set_id("to_come");
    base::SetProtoTimestamp(kNow + absl::Hours(24), later.mutable_opens_at());
    base::SetProtoTimestamp(kNow + absl::Hours(48), later.mutable_closes_at());
    *catalog_.add_consultations() = later;
    v1::Consultation closed = open;
    closed.set_id("closed");
    base::SetProtoTimestamp(kNow - absl::Hours(48), closed.mutable_opens_at());
    base::SetProtoTimestamp(kNow - absl::Hours(1), closed.mutable_closes_at());
    *catalog_.add_consultations() = closed;
    journey_.SetCatalog(&catalog_);
    journey_.Start();
  }

  // Home -> the sample's first question, past its introduction.
  void ToFirstQuestion() {
    ASSERT_TRUE(journey_.BeginConsultation("getting_out_2027"));
    ASSERT_EQ(journey_.view(), "consultation");
    ASSERT_TRUE(journey_.Continue());
    ASSERT_EQ(journey_.view(), "question.how_often");
  }

  base::FakeClock clock_;
  v1::Catalog catalog_;
  Journey journey_;
  testing::FakeOutbox outbox_;
};

TEST_F(ConsultationJourneyTest, OnlyTheOpenOnesAreOfferedByTheKiosksClock) {
  std::vector<const v1::Consultation*> open = journey_.OpenConsultations();
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0]->id(), "getting_out_2027");
  EXPECT_FALSE(journey_.BeginConsultation("to_come"));
  EXPECT_FALSE(journey_.BeginConsultation("closed"));
  EXPECT_EQ(journey_.view(), "home");
  // A day and a bit later the one to come has opened.
  clock_.Advance(absl::Hours(25));
  open = journey_.OpenConsultations();
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[1]->id(), "to_come");
  // Without a catalog, nothing is asked.
  journey_.SetCatalog(nullptr);
  EXPECT_TRUE(journey_.OpenConsultations().empty());
}

TEST_F(ConsultationJourneyTest, DaysLeftCountsToTheLastDayToAnswer) {
  v1::Consultation c = Sample();
  const absl::TimeZone utc = absl::UTCTimeZone();
  const absl::Time noon = absl::FromCivil(absl::CivilSecond(2026, 12, 3, 12, 0, 0), utc);
  base::SetProtoTimestamp(absl::FromCivil(absl::CivilSecond(2026, 12, 3, 17, 0, 0), utc),
                          c.mutable_closes_at());
  EXPECT_EQ(DaysLeft(c, noon, utc), 0) << "closes this evening: today is the last day";
  base::SetProtoTimestamp(absl::FromCivil(absl::CivilSecond(2026, 12, 5, 0, 0, 0), utc),
                          c.mutable_closes_at());
  EXPECT_EQ(DaysLeft(c, noon, utc), 1) << "closing at midnight: the 4th is the last day";
  base::SetProtoTimestamp(absl::FromCivil(absl::CivilSecond(2027, 1, 2, 9, 0, 0), utc),
                          c.mutable_closes_at());
  EXPECT_EQ(DaysLeft(c, noon, utc), 30);
}

TEST_F(ConsultationJourneyTest, EveryKindIsAnsweredAndSentAsOneSubmission) {
  ASSERT_NO_FATAL_FAILURE(ToFirstQuestion());
  EXPECT_FALSE(journey_.ChooseText("no_such_option").ok());
  ASSERT_TRUE(journey_.ChooseText("once_a_week").ok());
  ASSERT_EQ(journey_.view(), "question.what_helps");
  // Up to two: a third is refused until one is taken away.
  ASSERT_TRUE(journey_.ToggleChoice("transport").ok());
  ASSERT_TRUE(journey_.ToggleChoice("company").ok());
  absl::Status third = journey_.ToggleChoice("money");
  EXPECT_EQ(third.code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(std::string(third.message()), "question.max_reached");
  ASSERT_TRUE(journey_.ToggleChoice("transport").ok());  // taken away
  ASSERT_TRUE(journey_.ToggleChoice("money").ok());
  EXPECT_EQ(journey_.view(), "question.what_helps") << "several are chosen, then Continue";
  ASSERT_TRUE(journey_.Continue());
  ASSERT_EQ(journey_.view(), "question.priorities");
  // An order: the first, then the next; the last one left goes last.
  ASSERT_TRUE(journey_.RankNext("buddies").ok());
  EXPECT_EQ(journey_.RankNext("buddies").code(), absl::StatusCode::kAlreadyExists);
  ASSERT_TRUE(journey_.RankNext("minibus").ok());
  ASSERT_NE(journey_.QuestionAnswer(), nullptr);
  EXPECT_EQ(journey_.QuestionAnswer()->ranking().option_ids_size(), 3);
  EXPECT_EQ(journey_.QuestionAnswer()->ranking().option_ids(2), "benches");
  ASSERT_TRUE(journey_.Continue());
  ASSERT_EQ(journey_.view(), "question.lonely");
  EXPECT_FALSE(journey_.ChooseNumber(0).ok());
  EXPECT_FALSE(journey_.ChooseNumber(6).ok());
  ASSERT_TRUE(journey_.ChooseNumber(v1::AGREEMENT_DISAGREE).ok());
  ASSERT_EQ(journey_.view(), "question.anything_else");
  EXPECT_EQ(journey_.WordsLimit(), 5000u);
  ASSERT_TRUE(journey_.InsertWords("More benches near the shops"));
  ASSERT_TRUE(journey_.Continue());
  ASSERT_EQ(journey_.view(), "review");
  EXPECT_EQ(journey_.ReviewedSteps().size(), 5u);

  absl::StatusOr<Receipt> sent = journey_.Send(outbox_, kNow, "en-GB");
  ASSERT_TRUE(sent.ok()) << sent.status();
  EXPECT_EQ(journey_.view(), "thanks");
  absl::StatusOr<std::vector<OutboxItem>> queued = outbox_.Pending(10);
  ASSERT_TRUE(queued.ok());
  ASSERT_EQ(queued->size(), 1u);
  const v1::Submission& s = queued->front().submission;
  EXPECT_EQ(contract::ValidateSubmission(s, kNow), std::nullopt);
  EXPECT_EQ(contract::CheckAgainstCatalog(s, catalog_), std::nullopt)
      << "the service counts what the kiosk sends";
  EXPECT_TRUE(s.anonymous());
  EXPECT_EQ(absl::ToUnixSeconds(base::FromProtoTimestamp(s.created_at())),
            absl::ToUnixSeconds(kNow));
  const v1::ConsultationAnswer& a = s.consultation_answer();
  EXPECT_EQ(a.consultation_id(), "getting_out_2027");
  ASSERT_EQ(a.answers_size(), 5);
  EXPECT_EQ(a.answers(0).choice_id(), "once_a_week");
  EXPECT_EQ(a.answers(1).choices().option_ids(0), "company");
  EXPECT_EQ(a.answers(1).choices().option_ids(1), "money");
  EXPECT_EQ(a.answers(2).ranking().option_ids(0), "buddies");
  EXPECT_EQ(a.answers(3).agreement(), v1::AGREEMENT_DISAGREE);
  EXPECT_EQ(a.answers(4).free_text(), "More benches near the shops");
  // The thanks offers who-we-heard-from as every journey's does.
  EXPECT_NE(journey_.FollowOnOffered(), nullptr);
}

TEST_F(ConsultationJourneyTest, SkippedAndEmptiedQuestionsAreNotSent) {
  ASSERT_NO_FATAL_FAILURE(ToFirstQuestion());
  ASSERT_TRUE(journey_.ChooseText("most_days").ok());
  // Chosen, then every choice taken away: as if skipped.
  ASSERT_TRUE(journey_.ToggleChoice("places").ok());
  ASSERT_TRUE(journey_.ToggleChoice("places").ok());
  ASSERT_TRUE(journey_.Continue());
  // An order begun, then begun again and left.
  ASSERT_TRUE(journey_.RankNext("minibus").ok());
  journey_.ClearRanking();
  EXPECT_EQ(journey_.QuestionAnswer(), nullptr);
  ASSERT_TRUE(journey_.Skip());
  ASSERT_EQ(journey_.view(), "question.lonely");
  ASSERT_TRUE(journey_.Skip());
  // Words typed and rubbed out.
  ASSERT_TRUE(journey_.InsertWords("ab"));
  while (journey_.EraseWord()) {
  }
  ASSERT_TRUE(journey_.Continue()) << "a question is never required";
  ASSERT_EQ(journey_.view(), "review");
  v1::Submission s = journey_.BuildSubmission("en-GB");
  ASSERT_EQ(s.consultation_answer().answers_size(), 1);
  EXPECT_EQ(s.consultation_answer().answers(0).question_id(), "how_often");
  // Changed from the review: skipped, back to the review.
  ASSERT_TRUE(journey_.Edit("question.how_often"));
  ASSERT_TRUE(journey_.Skip());
  EXPECT_EQ(journey_.view(), "review");
  EXPECT_TRUE(journey_.BuildSubmission("en-GB").consultation_answer().answers().empty());
  absl::StatusOr<Receipt> nothing = journey_.Send(outbox_, kNow, "en-GB");
  EXPECT_EQ(nothing.status().code(), absl::StatusCode::kFailedPrecondition)
      << "every question skipped: nothing to count";
  EXPECT_EQ(outbox_.Pending(10)->size(), 0u);
  EXPECT_EQ(journey_.view(), "review");
}

TEST_F(ConsultationJourneyTest, ARefreshedCatalogChangesNothingUnderThePerson) {
  ASSERT_NO_FATAL_FAILURE(ToFirstQuestion());
  ASSERT_TRUE(journey_.ChooseText("less").ok());
  // The kiosk fetches a new catalog mid-way: the consultation closed early.
  v1::Catalog refreshed = catalog_;
  base::SetProtoTimestamp(kNow, refreshed.mutable_consultations(0)->mutable_closes_at());
  catalog_.Clear();
  journey_.SetCatalog(&refreshed);
  EXPECT_TRUE(journey_.OpenConsultations().empty());
  // What they began is theirs to finish; its answers were given while open.
  ASSERT_EQ(journey_.view(), "question.what_helps");
  ASSERT_EQ(journey_.step()->question->options_size(), 4);
  ASSERT_TRUE(journey_.Skip());
  ASSERT_TRUE(journey_.Skip());
  ASSERT_TRUE(journey_.Skip());
  ASSERT_TRUE(journey_.Skip());
  ASSERT_EQ(journey_.view(), "review");
  ASSERT_TRUE(journey_.Send(outbox_, kNow + absl::Minutes(5), "en-GB").ok());
}

TEST_F(ConsultationJourneyTest, BackLeavesForHomeAndComingBackKeepsTheAnswers) {
  ASSERT_NO_FATAL_FAILURE(ToFirstQuestion());
  ASSERT_TRUE(journey_.ChooseText("most_days").ok());
  ASSERT_TRUE(journey_.Back());
  ASSERT_TRUE(journey_.Back());
  ASSERT_EQ(journey_.view(), "consultation");
  ASSERT_TRUE(journey_.Back());
  ASSERT_EQ(journey_.view(), "home");
  ASSERT_TRUE(journey_.BeginConsultation("getting_out_2027"));
  ASSERT_NE(AnswerTo(journey_.draft(), "how_often"), nullptr);
  EXPECT_EQ(AnswerTo(journey_.draft(), "how_often")->choice_id(), "most_days");
  // Another journey, then the consultation again: a fresh start.
  ASSERT_TRUE(journey_.Back());
  ASSERT_TRUE(journey_.Begin("idea"));
  ASSERT_TRUE(journey_.Back());
  ASSERT_TRUE(journey_.BeginConsultation("getting_out_2027"));
  EXPECT_EQ(AnswerTo(journey_.draft(), "how_often"), nullptr);
}

TEST_F(ConsultationJourneyTest, TheSpecIsRunnableAndAQuestionOutsideOneIsNot) {
  JourneySpec spec = ConsultationJourney(std::make_shared<const v1::Consultation>(Sample()));
  EXPECT_TRUE(CheckSpec(spec).ok()) << CheckSpec(spec);
  EXPECT_FALSE(spec.gives_reference);
  JourneySpec stray = spec;
  stray.consultation.reset();
  EXPECT_FALSE(CheckSpec(stray).ok()) << "a question needs its consultation";
}

}  // namespace
}  // namespace carevoice::client
