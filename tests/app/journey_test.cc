// The journey engine over every spec: forward, back, edit from the review
// and return, conditions, limits and send -- with no window. A spec naming
// an unknown field, or a field of the wrong kind, fails here, not at a
// person's kiosk.
#include "client/app/journey.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "client/app/text_edit.h"
#include "contract/limits.h"
#include "contract/validation.h"
#include "contract/reference_code.h"
#include "gtest/gtest.h"
#include "tests/client/fake_outbox.h"

namespace carevoice::client {
namespace {

class JourneyTest : public ::testing::Test {
 protected:
  testing::FakeOutbox outbox_;
};

std::string DateString(const v1::Date& d) {
  return std::to_string(d.year()) + "-" + std::to_string(d.month()) + "-" +
         std::to_string(d.day());
}

// Answers the current step with something of its type; returns what a
// test can expect to find in the field afterwards.
std::string Answer(Journey& j, int round) {
  const Step& step = *j.step();
  switch (step.type) {
    case StepType::kChooseFromCatalog: {
      // A service by any id; a provider or site is "not sure" here (the
      // test has no catalog to choose from).
      std::string id =
          step.list == CatalogList::kServices ? "service_" + std::to_string(round) : "";
      EXPECT_TRUE(j.ChooseText(id).ok());
      return id;
    }
    case StepType::kRate: {
      int r = 1 + round % 5;
      EXPECT_TRUE(j.ChooseNumber(r).ok());
      return std::to_string(r);
    }
    case StepType::kChooseOption: {
      std::vector<const Option*> offered;
      for (const Option& o : step.options) {
        if (Offered(o, j.draft())) offered.push_back(&o);
      }
      const Option& option = *offered[round % offered.size()];
      EXPECT_TRUE(j.ChooseNumber(option.value).ok());
      return std::to_string(option.value);
    }
    case StepType::kWords: {
      // Words that suit the field: the contract checks a phone number's
      // and an email address's shape.
      std::string words = "words for " + step.id + " " + std::to_string(round);
      if (step.field == "contact.phone") words = "01632 96000" + std::to_string(round);
      if (step.field == "contact.email") words = "ada" + std::to_string(round) + "@example.org";
      while (j.EraseWord()) {
      }
      EXPECT_TRUE(j.InsertWords(words));
      j.Continue();
      return words;
    }
    case StepType::kNotice:
      EXPECT_TRUE(j.Continue());
      return "";
    case StepType::kDate: {
      EXPECT_TRUE(j.ShiftDate(Journey::DateUnit::kDay, -round).ok());
      const v1::Date d = j.DateShown();
      EXPECT_TRUE(j.Continue());
      return DateString(d);
    }
    case StepType::kQuestion:  // consultations: consultation_journey_test
    case StepType::kReview:
    case StepType::kThanks:
    case StepType::kAnswer:
      break;
  }
  ADD_FAILURE() << "nothing to answer on " << step.id;
  return "";
}

std::string FieldValue(const v1::Submission& s, const Step& step) {
  if (IsTextField(step.field)) return GetText(s, step.field).value_or("?");
  if (step.type == StepType::kDate) {
    auto date = GetDate(s, step.field);
    return date.ok() && date->has_value() ? DateString(**date) : "?";
  }
  return std::to_string(GetNumber(s, step.field).value_or(-1));
}

// From the home screen, a concern about day centres with its words, by
// `speaker`, as far as "Roughly when did it happen?".
void ToWhen(Journey& j, v1::Speaker speaker) {
  ASSERT_TRUE(j.Begin("complaint"));
  ASSERT_TRUE(j.ChooseNumber(v1::ANSWER_NO).ok());  // danger
  ASSERT_TRUE(j.ChooseText("day_centres").ok());
  ASSERT_TRUE(j.ChooseNumber(speaker).ok());
  ASSERT_TRUE(j.InsertWords("The bus did not come."));
  ASSERT_TRUE(j.Continue());
  ASSERT_EQ(j.view(), "when");
}

TEST_F(JourneyTest, CheckingAReferenceAsksForAWellFormedReferenceAndPinAndSendsNothing) {
  Journey j;
  j.Start();
  ASSERT_TRUE(j.Begin("check"));
  ASSERT_EQ(j.view(), "check_reference");
  EXPECT_FALSE(j.Continue());
  EXPECT_EQ(j.blocked_field(), "reference");
  EXPECT_EQ(j.blocked_message(), "error.required");
  const std::string reference =
      contract::FormatReference(*contract::MakeReference(contract::DeviceCodeFor("k"), 11));
  // One character wrong: its check character says so, before any call.
  std::string wrong = reference;
  wrong[0] = wrong[0] == 'A' ? 'C' : 'A';
  ASSERT_TRUE(j.InsertWords(wrong));
  EXPECT_FALSE(j.Continue());
  EXPECT_EQ(j.blocked_message(), "error.bad_reference");
  while (j.EraseWord()) {
  }
  // Lower case, spaces and dashes are forgiven, as the contract says.
  std::string typed = reference;
  for (char& c : typed) c = static_cast<char>(std::tolower(c));
  ASSERT_TRUE(j.InsertWords(" " + typed + " "));
  ASSERT_TRUE(j.Continue());
  ASSERT_EQ(j.view(), "check_pin");
  ASSERT_TRUE(j.InsertWords("12"));
  EXPECT_FALSE(j.Continue());
  EXPECT_EQ(j.blocked_message(), "error.bad_pin");
  ASSERT_TRUE(j.InsertWords("34 56"));
  ASSERT_TRUE(j.Continue());
  EXPECT_EQ(j.view(), "check_answer");
  EXPECT_EQ(j.draft().pin(), "1234 56");
  // Back goes to the PIN, to correct it; again starts afresh, empty.
  ASSERT_TRUE(j.Back());
  EXPECT_EQ(j.view(), "check_pin");
  ASSERT_TRUE(j.Continue());
  ASSERT_TRUE(j.BeginAgain());
  EXPECT_EQ(j.view(), "check_reference");
  EXPECT_EQ(j.Words(), "");
  EXPECT_EQ(j.draft().pin(), "");
  EXPECT_FALSE(j.receipt().has_value());
}

TEST_F(JourneyTest, EverySpecIsRunnable) {
  ASSERT_FALSE(AllJourneys().empty());
  for (const JourneySpec& spec : AllJourneys()) {
    EXPECT_TRUE(CheckSpec(spec).ok()) << spec.id << ": " << CheckSpec(spec);
  }
}

TEST_F(JourneyTest, EverySpecForwardBackEditAndSend) {
  for (const JourneySpec& spec : AllJourneys()) {
    // Neither sends: CheckingAReference... and WhoWeHeardFrom... walk them.
    if (spec.lookup || spec.follow_on) continue;
    SCOPED_TRACE(spec.id);
    Journey j;
    EXPECT_EQ(j.view(), kAttractView);
    j.Start();
    EXPECT_EQ(j.view(), kHomeView);
    ASSERT_TRUE(j.Begin(spec.id));
    // Forward through every step, answering each.
    std::vector<std::string> visited;
    std::map<std::string, std::string> answers;
    while (j.step()->type != StepType::kReview) {
      visited.push_back(j.step()->id);
      const Step* step = j.step();
      answers[step->id] = Answer(j, 1);
      ASSERT_LT(visited.size(), spec.steps.size()) << "the journey never reached review";
    }
    EXPECT_EQ(j.view(), "review");
    for (const Step* step : j.ReviewedSteps()) {
      EXPECT_EQ(FieldValue(j.draft(), *step), answers[step->id]) << step->id;
    }
    // Back retraces the same steps, keeping every answer.
    for (auto it = visited.rbegin(); it != visited.rend(); ++it) {
      ASSERT_TRUE(j.Back());
      EXPECT_EQ(j.view(), *it);
    }
    ASSERT_TRUE(j.Back());
    EXPECT_EQ(j.view(), kHomeView);
    ASSERT_TRUE(j.Begin(spec.id));
    EXPECT_EQ(j.view(), visited.front());
    for (const Step* step : j.ReviewedSteps()) {
      EXPECT_EQ(FieldValue(j.draft(), *step), answers[step->id]) << "lost going back";
    }
    // Forward again without changing anything, then edit each step from
    // the review: one change, and straight back to the review.
    while (j.step()->type != StepType::kReview) {
      const Step* step = j.step();
      if (step->type == StepType::kWords) j.Continue();
      else answers[step->id] = Answer(j, 1);
    }
    // A change may call for steps not asked before (a care worker's
    // employer, the details of someone who now gives them): those are
    // asked, then the review comes back.
    std::set<std::string> edited;
    for (int guard = 0; guard < 40; ++guard) {
      const Step* step = nullptr;
      for (const Step* s : j.ReviewedSteps()) {
        if (!edited.count(s->id)) {
          step = s;
          break;
        }
      }
      if (step == nullptr) break;
      edited.insert(step->id);
      ASSERT_TRUE(j.Edit(step->id)) << step->id;
      EXPECT_EQ(j.view(), step->id);
      answers[step->id] = Answer(j, 2);
      for (int i = 0; i < 20 && j.view() != "review"; ++i) {
        const Step* asked = j.step();
        edited.insert(asked->id);
        answers[asked->id] = Answer(j, 2);
      }
      ASSERT_EQ(j.view(), "review") << "after changing " << step->id;
    }
    for (const Step* step : j.ReviewedSteps()) {
      EXPECT_EQ(FieldValue(j.draft(), *step), answers[step->id]) << step->id;
    }
    // Back from an edit returns to the review too.
    const Step* first = j.ReviewedSteps().front();
    ASSERT_TRUE(j.Edit(first->id));
    ASSERT_TRUE(j.Back());
    EXPECT_EQ(j.view(), "review");

    const std::vector<const Step*> kept = j.ReviewedSteps();
    absl::StatusOr<Receipt> receipt = j.Send(outbox_, absl::Now(), "en-GB");
    ASSERT_TRUE(receipt.ok()) << receipt.status();
    EXPECT_EQ(j.view(), spec.steps.back().id);
    EXPECT_FALSE(j.Back()) << "sent is sent: no way back into the draft";
    auto item = outbox_.Find(receipt->submission_id);
    ASSERT_TRUE(item.ok() && item->has_value());
    for (const Step* step : kept) {
      EXPECT_EQ(FieldValue((*item)->submission, *step), answers[step->id]) << step->id;
    }
    EXPECT_EQ((*item)->submission.language(), "en-GB");
    // The words now live only in the outbox.
    EXPECT_EQ(j.draft().ByteSizeLong(), 0u);
    j.Reset();
    EXPECT_EQ(j.view(), kAttractView);
  }
}

TEST_F(JourneyTest, WordsStopAtTheContractLimitInCharacters) {
  Journey j;
  j.Start();
  ASSERT_TRUE(j.Begin("feedback"));
  ASSERT_TRUE(j.ChooseText("home_care").ok());
  ASSERT_TRUE(j.ChooseNumber(v1::SPEAKER_USES_SERVICES).ok());
  ASSERT_TRUE(j.ChooseNumber(0).ok());  // skip the faces
  ASSERT_EQ(j.step()->type, StepType::kWords);
  EXPECT_EQ(j.WordsLimit(), contract::kMaxFeedbackText);
  std::string many;
  for (std::size_t i = 0; i < contract::kMaxFeedbackText + 3; ++i) many += "ŵ";
  EXPECT_FALSE(j.InsertWords(many)) << "the limit must be reported";
  EXPECT_EQ(CharacterCount(j.Words()), contract::kMaxFeedbackText);
  EXPECT_TRUE(j.EraseWord());
  EXPECT_EQ(CharacterCount(j.Words()), contract::kMaxFeedbackText - 1);
  EXPECT_EQ(j.draft().feedback().text(), j.Words()) << "the draft is the submission";
}

// A journey with a condition: "which provider" only when the chosen
// service has one (here: when it is "home_care").
JourneySpec ConditionalSpec() {
  JourneySpec spec;
  spec.id = "conditional";
  spec.start = [](v1::Submission& d) { d.mutable_feedback(); };
  spec.steps = {
      {.id = "service", .type = StepType::kChooseFromCatalog, .field = "feedback.service_id"},
      {.id = "compliment", .type = StepType::kChooseOption, .field = "feedback.is_compliment",
       .options = {{"yes", 1}, {"no", 0}},
       .shown_when = [](const v1::Submission& d, const v1::Catalog*) {
         return d.feedback().service_id() == "home_care";
       }},
      {.id = "more", .type = StepType::kWords, .field = "feedback.text",
       .max_chars = contract::kMaxFeedbackText},
      {.id = "review", .type = StepType::kReview, .reviewed = false},
      {.id = "thanks", .type = StepType::kThanks, .reviewed = false},
  };
  return spec;
}

TEST_F(JourneyTest, ConditionsSkipStepsAndAChangeAsksTheNewStepFirst) {
  std::vector<JourneySpec> specs = {ConditionalSpec()};
  ASSERT_TRUE(CheckSpec(specs[0]).ok()) << CheckSpec(specs[0]);
  Journey j(specs);
  j.Start();
  ASSERT_TRUE(j.Begin("conditional"));
  ASSERT_TRUE(j.ChooseText("day_centres").ok());
  EXPECT_EQ(j.view(), "more") << "the condition does not hold: skipped";
  ASSERT_TRUE(j.InsertWords("Kind staff"));
  ASSERT_TRUE(j.Continue());
  ASSERT_EQ(j.view(), "review");
  EXPECT_EQ(j.ReviewedSteps().size(), 2u);
  // Changing the service makes the skipped step needed: it is asked
  // before the review comes back.
  ASSERT_TRUE(j.Edit("service"));
  ASSERT_TRUE(j.ChooseText("home_care").ok());
  EXPECT_EQ(j.view(), "compliment");
  ASSERT_TRUE(j.ChooseNumber(1).ok());
  EXPECT_EQ(j.view(), "review") << "and then straight back";
  EXPECT_TRUE(j.draft().feedback().is_compliment());
  EXPECT_EQ(j.ReviewedSteps().size(), 3u);
  // Going back now passes through the step the change made needed.
  ASSERT_TRUE(j.Back());
  EXPECT_EQ(j.view(), "more");
  ASSERT_TRUE(j.Back());
  EXPECT_EQ(j.view(), "compliment");
  ASSERT_TRUE(j.Back());
  EXPECT_EQ(j.view(), "service");
  ASSERT_TRUE(j.Back());
  EXPECT_EQ(j.view(), kHomeView);
}

TEST_F(JourneyTest, ARequiredFieldIsAskedForWhereItCanBeFilledIn) {
  std::vector<JourneySpec> specs = {ConditionalSpec()};  // its words are required
  Journey j(specs);
  j.Start();
  ASSERT_TRUE(j.Begin("conditional"));
  ASSERT_TRUE(j.ChooseText("day_centres").ok());
  ASSERT_EQ(j.view(), "more");
  EXPECT_FALSE(j.Continue()) << "nothing written";
  ASSERT_TRUE(j.InsertWords("  \n "));
  EXPECT_FALSE(j.Continue()) << "only spaces";
  EXPECT_EQ(j.view(), "more");
  ASSERT_TRUE(j.InsertWords("Late visits"));
  EXPECT_TRUE(j.Continue());
  EXPECT_EQ(j.view(), "review");
}

TEST_F(JourneyTest, ABadSpecFailsItsCheck) {
  JourneySpec good = ConditionalSpec();
  ASSERT_TRUE(CheckSpec(good).ok());
  auto broken = [&](auto change) {
    JourneySpec spec = good;
    change(spec);
    return CheckSpec(spec);
  };
  EXPECT_FALSE(broken([](JourneySpec& s) { s.steps[2].field = "feedback.no_such_field"; }).ok());
  EXPECT_FALSE(broken([](JourneySpec& s) { s.steps[2].field = "feedback.rating"; }).ok())
      << "words into an enum";
  EXPECT_FALSE(broken([](JourneySpec& s) { s.steps[1].field = "feedback.text"; }).ok())
      << "a choice into text";
  EXPECT_FALSE(broken([](JourneySpec& s) { s.steps[2].field = "idea.idea"; }).ok())
      << "a field of another kind of submission";
  EXPECT_FALSE(broken([](JourneySpec& s) { s.steps[2].max_chars = 0; }).ok())
      << "words without the contract's limit";
  EXPECT_FALSE(broken([](JourneySpec& s) { s.steps.pop_back(); }).ok()) << "no thanks step";
  EXPECT_FALSE(broken([](JourneySpec& s) { s.steps[1].id = "service"; }).ok())
      << "two steps with one id";
  EXPECT_FALSE(broken([](JourneySpec& s) { s.steps[1].options.clear(); }).ok());
  EXPECT_FALSE(broken([](JourneySpec& s) { s.start = [](v1::Submission&) {}; }).ok())
      << "no kind chosen";
}

TEST_F(JourneyTest, AnAnswerToAStepNoLongerAskedIsNotSent) {
  v1::Catalog catalog;  // any catalog: home care has no providers here
  Journey j;
  j.SetCatalog(&catalog);
  j.Start();
  ASSERT_TRUE(j.Begin("feedback"));
  ASSERT_TRUE(j.ChooseText("home_care").ok());
  ASSERT_TRUE(j.ChooseNumber(v1::SPEAKER_USES_SERVICES).ok());
  ASSERT_TRUE(j.ChooseNumber(0).ok());  // no face
  ASSERT_TRUE(j.Continue());            // no words
  ASSERT_EQ(j.view(), "visit_time");
  ASSERT_TRUE(j.ChooseNumber(v1::ANSWER_NO).ok());
  ASSERT_TRUE(j.ChooseNumber(v1::ANSWER_YES).ok());
  ASSERT_EQ(j.view(), "review");
  EXPECT_EQ(j.BuildSubmission("en-GB").feedback().worker_had_enough_time(), v1::ANSWER_NO);
  // The person changes the service: the home-care answers stay behind.
  ASSERT_TRUE(j.Edit("service"));
  ASSERT_TRUE(j.ChooseText("day_centres").ok());
  ASSERT_EQ(j.view(), "review");
  v1::Submission sent = j.BuildSubmission("en-GB");
  EXPECT_EQ(sent.feedback().worker_had_enough_time(), v1::ANSWER_UNSPECIFIED);
  EXPECT_EQ(sent.feedback().same_care_workers(), v1::ANSWER_UNSPECIFIED);
  EXPECT_EQ(sent.speaker(), v1::SPEAKER_USES_SERVICES);
  EXPECT_FALSE(sent.has_on_behalf_of()) << "nothing created on the way";
  // A concern's reason for lateness goes when it is no longer late.
  j.Reset();
  j.Start();
  ASSERT_NO_FATAL_FAILURE(ToWhen(j, v1::SPEAKER_USES_SERVICES));
  ASSERT_TRUE(j.ChooseNumber(v1::WHEN_OVER_A_YEAR_AGO).ok());
  ASSERT_EQ(j.view(), "late");
  ASSERT_TRUE(j.InsertWords("I was in hospital."));
  ASSERT_TRUE(j.Continue());
  EXPECT_EQ(j.BuildSubmission("en-GB").complaint().late_reason(), "I was in hospital.");
  ASSERT_TRUE(j.Back());  // outcome -> late
  ASSERT_TRUE(j.Back());  // late -> when
  ASSERT_EQ(j.view(), "when");
  ASSERT_TRUE(j.ChooseNumber(v1::WHEN_LAST_MONTH).ok());
  EXPECT_EQ(j.BuildSubmission("en-GB").complaint().late_reason(), "");
  EXPECT_FALSE(j.BuildSubmission("en-GB").has_on_behalf_of());
}

// Quoting is asked of words that could be quoted, never of a safeguarding
// worry, and an agreement goes with the words it was given for.
TEST_F(JourneyTest, MayWeQuoteYouIsAskedOnlyOfWordsThatCouldBeQuoted) {
  auto asks_quote = [](std::string_view id) {
    const JourneySpec* spec = FindJourney(id);
    return spec != nullptr &&
           std::any_of(spec->steps.begin(), spec->steps.end(),
                       [](const Step& s) { return s.field == "consent.may_quote"; });
  };
  EXPECT_TRUE(asks_quote("feedback"));
  EXPECT_TRUE(asks_quote("complaint"));
  EXPECT_TRUE(asks_quote("idea"));
  EXPECT_FALSE(asks_quote("safeguarding"));

  v1::Catalog catalog;
  Journey j;
  j.SetCatalog(&catalog);
  j.Start();
  ASSERT_TRUE(j.Begin("feedback"));
  ASSERT_TRUE(j.ChooseText("day_centres").ok());
  ASSERT_TRUE(j.ChooseNumber(v1::SPEAKER_USES_SERVICES).ok());
  ASSERT_TRUE(j.ChooseNumber(5).ok());
  ASSERT_TRUE(j.Continue());  // no words: nothing to quote, so not asked
  ASSERT_EQ(j.view(), "review");
  EXPECT_FALSE(j.BuildSubmission("en-GB").consent().may_quote());
  ASSERT_TRUE(j.Edit("more"));
  ASSERT_TRUE(j.InsertWords("Lovely lunches"));
  ASSERT_TRUE(j.Continue());
  ASSERT_EQ(j.view(), "quote") << "words given: asked before going back to the review";
  ASSERT_TRUE(j.ChooseNumber(1).ok());
  ASSERT_EQ(j.view(), "review");
  EXPECT_TRUE(j.BuildSubmission("en-GB").consent().may_quote());
  // The words taken away: the agreement goes with them.
  ASSERT_TRUE(j.Edit("more"));
  for (int i = 0; i < 20 && !j.Words().empty(); ++i) j.EraseWord();
  ASSERT_TRUE(j.Continue());
  ASSERT_EQ(j.view(), "review");
  EXPECT_FALSE(j.BuildSubmission("en-GB").consent().may_quote());
}

TEST_F(JourneyTest, ACareWorkerSpeaksForSomeoneTheySupportNotAsARelative) {
  Journey j;
  j.Start();
  ASSERT_NO_FATAL_FAILURE(ToWhen(j, v1::SPEAKER_FAMILY_OR_FRIEND));
  for (int i = 0; i < 10 && j.view() != "about"; ++i) {
    if (j.step()->type == StepType::kWords) ASSERT_TRUE(j.Continue());
    else ASSERT_TRUE(j.ChooseNumber(j.step()->options.front().value).ok());
  }
  ASSERT_EQ(j.view(), "about");
  EXPECT_FALSE(j.ChooseNumber(v1::RELATIONSHIP_PAID_CARER).ok()) << "not offered to a relative";
  ASSERT_TRUE(j.ChooseNumber(v1::RELATIONSHIP_RELATIVE).ok());
  ASSERT_TRUE(j.ChooseNumber(1).ok());  // the person agreed
  while (j.view() != "review") {
    ASSERT_TRUE(j.ChooseNumber(j.step()->options.back().value).ok());  // anonymous
  }
  // Now a care worker speaking: "a relative" is taken back and asked again.
  ASSERT_TRUE(j.Edit("speaker"));
  ASSERT_TRUE(j.ChooseNumber(v1::SPEAKER_CARE_WORKER).ok());
  ASSERT_EQ(j.view(), "employer");
  ASSERT_TRUE(j.Continue());
  ASSERT_EQ(j.view(), "about") << "the answer no longer fits";
  EXPECT_FALSE(j.Answered(*j.step()));
  EXPECT_FALSE(j.ChooseNumber(v1::RELATIONSHIP_RELATIVE).ok()) << "not offered to a worker";
  ASSERT_TRUE(j.ChooseNumber(v1::RELATIONSHIP_PAID_CARER).ok());
  EXPECT_EQ(j.view(), "review");
  v1::Submission sent = j.BuildSubmission("en-GB");
  EXPECT_EQ(sent.speaker(), v1::SPEAKER_CARE_WORKER);
  EXPECT_EQ(sent.on_behalf_of().relationship(), v1::RELATIONSHIP_PAID_CARER);
  EXPECT_TRUE(sent.on_behalf_of().person_consented());
}

TEST_F(JourneyTest, ADateStartsTodayMovesBackAndNeverIntoTheFuture) {
  base::FakeClock clock(absl::FromCivil(absl::CivilSecond(2026, 12, 3, 12, 0, 0),
                                        absl::LocalTimeZone()));
  Journey j(AllJourneys(), clock);
  j.Start();
  ASSERT_NO_FATAL_FAILURE(ToWhen(j, v1::SPEAKER_USES_SERVICES));
  EXPECT_EQ(j.draft().created_at().seconds(), absl::ToUnixSeconds(clock.Now()))
      << "a draft is dated when the person began";
  ASSERT_TRUE(j.ChooseNumber(v1::WHEN_ON_DATE).ok());
  ASSERT_EQ(j.view(), "event_date");
  EXPECT_EQ(DateString(j.DateShown()), "2026-12-3");
  absl::Status future = j.ShiftDate(Journey::DateUnit::kDay, 1);
  EXPECT_EQ(future.code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(std::string(future.message()), contract::kErrInFuture);
  EXPECT_EQ(DateString(j.DateShown()), "2026-12-3") << "a refused move moves nothing";
  ASSERT_TRUE(j.ShiftDate(Journey::DateUnit::kDay, -3).ok());
  EXPECT_EQ(DateString(j.DateShown()), "2026-11-30");
  // 30 February does not exist: the last day of February instead.
  ASSERT_TRUE(j.ShiftDate(Journey::DateUnit::kMonth, -9).ok());
  EXPECT_EQ(DateString(j.DateShown()), "2026-2-28");
  ASSERT_TRUE(j.ShiftDate(Journey::DateUnit::kYear, -1).ok());
  EXPECT_EQ(DateString(j.DateShown()), "2025-2-28");
  EXPECT_FALSE(j.ShiftDate(Journey::DateUnit::kYear, 2).ok()) << "February 2027 is to come";
  // More than 12 months before: asked, gently, why now.
  ASSERT_TRUE(j.Continue());
  EXPECT_EQ(j.view(), "late");
  ASSERT_TRUE(j.Back());
  ASSERT_TRUE(j.ShiftDate(Journey::DateUnit::kYear, 1).ok());
  ASSERT_TRUE(j.Continue());
  EXPECT_EQ(j.view(), "outcome") << "within the time limit: no reason asked";
  v1::Submission sent = j.BuildSubmission("en-GB");
  EXPECT_EQ(sent.complaint().when(), v1::WHEN_ON_DATE);
  EXPECT_EQ(DateString(sent.complaint().event_date()), "2026-2-28");
  // "In the last week" instead: the date is not sent.
  ASSERT_TRUE(j.Back());
  ASSERT_TRUE(j.Back());
  ASSERT_EQ(j.view(), "when");
  ASSERT_TRUE(j.ChooseNumber(v1::WHEN_LAST_WEEK).ok());
  EXPECT_FALSE(j.BuildSubmission("en-GB").complaint().has_event_date());
}

TEST_F(JourneyTest, ContinueOnADateAnswersTheDayShown) {
  base::FakeClock clock(absl::FromCivil(absl::CivilSecond(2026, 12, 3, 12, 0, 0),
                                        absl::LocalTimeZone()));
  Journey j(AllJourneys(), clock);
  j.Start();
  ASSERT_NO_FATAL_FAILURE(ToWhen(j, v1::SPEAKER_USES_SERVICES));
  ASSERT_TRUE(j.ChooseNumber(v1::WHEN_ON_DATE).ok());
  ASSERT_FALSE(j.Answered(*j.step()));
  ASSERT_TRUE(j.Continue());  // today
  EXPECT_EQ(DateString(j.BuildSubmission("en-GB").complaint().event_date()), "2026-12-3");
  // The next person's draft is dated by the same clock.
  clock.Advance(absl::Hours(1));
  j.Reset();
  j.Start();
  ASSERT_TRUE(j.Begin("idea"));
  EXPECT_EQ(j.draft().created_at().seconds(), absl::ToUnixSeconds(clock.Now()));
}

TEST_F(JourneyTest, SendIsOnlyFromTheReviewAndAFailedSendKeepsTheDraft) {
  Journey j;
  j.Start();
  ASSERT_TRUE(j.Begin("feedback"));
  EXPECT_FALSE(j.Send(outbox_, absl::Now(), "en-GB").ok());
  ASSERT_TRUE(j.ChooseText("home_care").ok());
  ASSERT_TRUE(j.ChooseNumber(v1::SPEAKER_FAMILY_OR_FRIEND).ok());
  ASSERT_TRUE(j.ChooseNumber(4).ok());
  EXPECT_FALSE(j.Send(outbox_, absl::Now(), "en-GB").ok()) << "not yet at the review";
  ASSERT_TRUE(j.InsertWords(std::string("\xff\xfe", 2) + "ok"));  // bad bytes are dropped
  EXPECT_EQ(j.Words(), "ok");
  j.Continue();
  ASSERT_EQ(j.view(), "quote");
  ASSERT_TRUE(j.ChooseNumber(0).ok());
  // The outbox cannot write, then refuses a bad submission (a language tag
  // too long): nothing moves and nothing the person entered is lost.
  outbox_.FailNextWrites(1);
  EXPECT_FALSE(j.Send(outbox_, absl::Now(), "en-GB").ok());
  EXPECT_FALSE(j.Send(outbox_, absl::Now(), std::string(80, 'x')).ok());
  EXPECT_EQ(j.view(), "review");
  EXPECT_EQ(j.draft().feedback().text(), "ok");
  EXPECT_EQ(*outbox_.PendingCount(), 0);
  EXPECT_TRUE(j.Send(outbox_, absl::Now(), "cy").ok());
  EXPECT_EQ(*outbox_.PendingCount(), 1);
}

// Sends a piece of feedback and stops on its thank-you screen.
void SendFeedback(Journey& j, Outbox& outbox) {
  j.Start();
  ASSERT_TRUE(j.Begin("feedback"));
  ASSERT_TRUE(j.ChooseText("home_care").ok());
  ASSERT_TRUE(j.ChooseNumber(v1::SPEAKER_USES_SERVICES).ok());
  while (j.step()->type != StepType::kReview) Answer(j, 0);
  ASSERT_TRUE(j.Send(outbox, absl::Now(), "en-GB").ok());
  ASSERT_EQ(j.view(), "thanks");
}

TEST_F(JourneyTest, WhoWeHeardFromIsOfferedAtTheEndKeptApartAndAskedOnce) {
  using Eq = v1::EqualityMonitoring;
  Journey j;
  j.Start();
  EXPECT_FALSE(j.Begin("heard_from")) << "offered at a journey's end, not from home";
  EXPECT_EQ(j.FollowOnOffered(), nullptr);
  SendFeedback(j, outbox_);
  const std::string reference = j.receipt()->reference;
  const JourneySpec* offered = j.FollowOnOffered();
  ASSERT_NE(offered, nullptr);
  EXPECT_EQ(offered->id, "heard_from");
  EXPECT_FALSE(j.BeginFollowOn("feedback"));
  ASSERT_TRUE(j.BeginFollowOn("heard_from"));
  EXPECT_EQ(j.view(), "heard_role");
  EXPECT_EQ(j.FollowOnOffered(), nullptr);
  // Back from its first question: the thank-you screen, reference and all.
  ASSERT_TRUE(j.Back());
  EXPECT_EQ(j.view(), "thanks");
  EXPECT_EQ(j.spec()->id, "feedback");
  EXPECT_EQ(j.receipt()->reference, reference);
  ASSERT_TRUE(j.BeginFollowOn("heard_from"));
  ASSERT_TRUE(j.ChooseNumber(Eq::ROLE_CARE_WORKER).ok());
  EXPECT_EQ(j.view(), "heard_age");
  ASSERT_TRUE(j.ChooseNumber(Eq::AGE_BAND_PREFER_NOT_TO_SAY).ok());
  EXPECT_EQ(j.view(), "heard_sex");
  // Back and changed: the answer given last is the one kept.
  ASSERT_TRUE(j.Back());
  EXPECT_TRUE(j.Answered(*j.step()));
  ASSERT_TRUE(j.ChooseNumber(Eq::AGE_BAND_65_TO_74).ok());
  EXPECT_FALSE(j.equality().has_value()) << "counted only at the end";
  // Skipping the rest keeps what was said and says nothing of the rest.
  ASSERT_TRUE(j.ChooseNumber(0).ok());  // "skip the rest"
  EXPECT_EQ(j.view(), "thanks");
  EXPECT_EQ(j.spec()->id, "heard_from");
  ASSERT_TRUE(j.equality().has_value());
  EXPECT_EQ(j.equality()->role(), Eq::ROLE_CARE_WORKER);
  EXPECT_EQ(j.equality()->age_band(), Eq::AGE_BAND_65_TO_74);
  EXPECT_EQ(j.equality()->sex(), Eq::SEX_UNSPECIFIED);
  // The answers left the draft, nothing else was sent, and the reference
  // is still there to be heard again.
  EXPECT_FALSE(j.draft().has_equality());
  EXPECT_EQ(*outbox_.PendingCount(), 1);
  absl::StatusOr<std::vector<OutboxItem>> pending = outbox_.Pending(10);
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_FALSE(pending->front().submission.has_equality());
  EXPECT_EQ(j.receipt()->reference, reference);
  EXPECT_FALSE(j.Back()) << "given is given";
  EXPECT_EQ(j.FollowOnOffered(), nullptr) << "asked once a session";
  j.Reset();
  EXPECT_FALSE(j.equality().has_value());
}

TEST_F(JourneyTest, WhoWeHeardFromFollowsALookupAndEveryQuestionCanBeAnswered) {
  Journey j;
  j.Start();
  ASSERT_TRUE(j.Begin("check"));
  const std::string reference =
      contract::FormatReference(*contract::MakeReference(contract::DeviceCodeFor("k"), 11));
  ASSERT_TRUE(j.InsertWords(reference));
  ASSERT_TRUE(j.Continue());
  ASSERT_TRUE(j.InsertWords("123456"));
  ASSERT_TRUE(j.Continue());
  ASSERT_EQ(j.view(), "check_answer");
  ASSERT_NE(j.FollowOnOffered(), nullptr);
  ASSERT_TRUE(j.BeginFollowOn("heard_from"));
  EXPECT_EQ(j.draft().reference(), "") << "the follow-on's draft is its own";
  // Back returns to the answer with the reference and PIN it was asked for.
  ASSERT_TRUE(j.Back());
  EXPECT_EQ(j.view(), "check_answer");
  EXPECT_EQ(j.draft().pin(), "123456");
  ASSERT_TRUE(j.BeginFollowOn("heard_from"));
  // Every question, each with its first answer: all of them are counted.
  const JourneySpec& heard = *j.spec();
  std::size_t asked = 0;
  while (j.step()->type != StepType::kThanks) {
    const Step& step = *j.step();
    ASSERT_EQ(step.options.size() >= 4, true) << step.id << ": an answer, prefer not, skip";
    EXPECT_EQ(step.options[step.options.size() - 2].id, "prefer_not");
    EXPECT_TRUE(step.options.back().skips_rest);
    ASSERT_TRUE(j.ChooseNumber(step.options.front().value).ok());
    ASSERT_LT(++asked, heard.steps.size());
  }
  EXPECT_EQ(asked, 7u);
  ASSERT_TRUE(j.equality().has_value());
  const v1::EqualityMonitoring& e = *j.equality();
  EXPECT_EQ(e.role(), v1::EqualityMonitoring::ROLE_USES_SERVICES);
  EXPECT_EQ(e.age_band(), v1::EqualityMonitoring::AGE_BAND_18_TO_24);
  EXPECT_EQ(e.sex(), v1::EqualityMonitoring::SEX_FEMALE);
  EXPECT_EQ(e.gender_same_as_at_birth(), v1::EqualityMonitoring::YES_NO_YES);
  EXPECT_EQ(e.ethnic_group(), v1::EqualityMonitoring::ETHNIC_GROUP_ASIAN);
  EXPECT_EQ(e.disabled(), v1::EqualityMonitoring::YES_NO_YES);
  EXPECT_EQ(e.unpaid_carer(), v1::EqualityMonitoring::YES_NO_YES);
}

TEST_F(JourneyTest, SkippingAtOnceCountsNothing) {
  Journey j;
  SendFeedback(j, outbox_);
  ASSERT_TRUE(j.BeginFollowOn("heard_from"));
  ASSERT_TRUE(j.ChooseNumber(0).ok());
  EXPECT_EQ(j.view(), "thanks");
  EXPECT_FALSE(j.equality().has_value());
  EXPECT_EQ(j.FollowOnOffered(), nullptr);
}

TEST_F(JourneyTest, OnlyAFollowOnMaySkipTheRest) {
  JourneySpec spec = *FindJourney("feedback");
  for (Step& step : spec.steps) {
    if (step.id == "speaker") step.options.push_back({.id = "skip", .value = 0, .skips_rest = true});
  }
  EXPECT_FALSE(CheckSpec(spec).ok());
  JourneySpec heard = *FindJourney("heard_from");
  heard.steps.front().field = "feedback.text";
  EXPECT_FALSE(CheckSpec(heard).ok()) << "a follow-on fills only equality.*";
}

}  // namespace
}  // namespace carevoice::client
