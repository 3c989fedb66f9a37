// The kiosk UI in-process: journeys by keys and touch, what is spoken on
// each screen, that everything drawn is also spoken, layout rules, and the
// outbox receiving exactly what the person said.
#include <algorithm>
#include <map>
#include <set>

#include "client/app/ballot_journey.h"
#include "client/app/consultation_journey.h"
#include "contract/reference_code.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "kiosk_harness.h"

namespace carevoice::client::ui::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Walks from the attract screen to the review screen by keys alone.
void KeysToReview(KioskHarness& h, const std::string& words) {
  h.Press(SDLK_SPACE);                       // attract -> home
  h.Press(SDLK_RETURN);                      // Tell us how we're doing
  ASSERT_TRUE(h.FocusOn("service.day_centres"));
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "speaker");            // who is telling us
  ASSERT_TRUE(h.TabUntilHeard("A relative, friend, advocate or unpaid carer"));
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "rating");
  ASSERT_TRUE(h.FocusOn("rating.4"));
  h.Press(SDLK_SPACE);
  ASSERT_EQ(h.View(), "more");
  ASSERT_EQ(h.FocusedId(), kWordsFieldId);   // ready to type at once
  h.Type(words);
  h.Press(SDLK_TAB);                         // leaves the field, keeping words
  ASSERT_EQ(h.FocusedId(), "more.continue");
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "quote");              // may the words be quoted?
  ASSERT_TRUE(h.TabUntilHeard("No, do not quote me"));
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "review");
}

TEST(KioskUi, CheckingAReferenceByKeysHearsWhereItHasGotAndTheReply) {
  KioskHarness h;
  h.Press(SDLK_SPACE);
  ASSERT_TRUE(h.FocusOn("home.check"));
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "check_reference");
  // A reference one character wrong is caught before anything is asked.
  std::string wrong = CheckReference();
  wrong[0] = wrong[0] == 'A' ? 'C' : 'A';
  ASSERT_TRUE(h.AnswerStep("", wrong));
  EXPECT_EQ(h.View(), "check_reference");
  EXPECT_THAT(h.SpokenSince(h.Spoken().size() - 3), HasSubstr("that reference is not right"));
  EXPECT_TRUE(h.checks_asked().empty());
  ASSERT_TRUE(h.FocusOn("check_reference.words"));
  h.Press(SDLK_RETURN);
  for (std::size_t i = 0; i < wrong.size(); ++i) h.Press(SDLK_BACKSPACE);
  ASSERT_EQ(h.kiosk().journey().Words(), "");

  // The right one, in lower case, each letter read back with its word.
  std::string lower = CheckReference();
  for (char& c : lower) c = static_cast<char>(std::tolower(c));
  std::size_t mark = h.Spoken().size();
  ASSERT_TRUE(h.AnswerStep("", lower));
  ASSERT_EQ(h.View(), "check_pin");
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr(SpellOut(CheckReference().substr(0, 1))));
  h.HoldChecks();
  ASSERT_TRUE(h.AnswerStep("", kCheckPin));
  ASSERT_EQ(h.View(), "check_answer");
  mark = h.ViewEntryMark();
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("Asking the council. Please wait."));
  ASSERT_EQ(h.checks_asked().size(), 1u);
  EXPECT_EQ(h.checks_asked()[0].first, lower);
  mark = h.Spoken().size();
  h.ReleaseChecks();
  const std::string answer = h.SpokenSince(mark);
  EXPECT_THAT(answer, HasSubstr("Where it has got to"));
  EXPECT_THAT(answer, HasSubstr("The council has answered."));
  EXPECT_THAT(answer, HasSubstr("Last changed on Thursday 3 December 2026."));
  EXPECT_THAT(answer, HasSubstr(kCheckReply));
  // An idea: what became of it, said before the reply that says why.
  const std::string idea = "What became of your idea: the council has taken it up.";
  EXPECT_THAT(answer, HasSubstr(idea));
  EXPECT_LT(answer.find(idea), answer.find(kCheckReply));
  EXPECT_EQ(h.FocusedId(), "check_answer.again");

  // Another reference: a wrong PIN is answered as plainly as an unknown
  // reference, without the reply.
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "check_reference");
  EXPECT_EQ(h.kiosk().journey().Words(), "") << "nothing of the last one stays";
  ASSERT_TRUE(h.AnswerStep("", CheckReference()));
  mark = h.Spoken().size();
  ASSERT_TRUE(h.AnswerStep("", "999999"));
  ASSERT_EQ(h.View(), "check_answer");
  const std::string wrong_pin = h.SpokenSince(mark);
  EXPECT_THAT(wrong_pin, HasSubstr("We could not find that reference with that PIN."));
  EXPECT_THAT(wrong_pin, Not(HasSubstr(kCheckReply)));
  // Finish wipes the session: nothing typed stays.
  ASSERT_TRUE(h.FocusOn("check_answer.finish"));
  h.Press(SDLK_RETURN);
  EXPECT_EQ(h.View(), "attract");
  EXPECT_EQ(h.kiosk().journey().draft().reference(), "");
  EXPECT_FALSE(h.kiosk().session().check_answer().has_value());
}

TEST(KioskUi, FeedbackJourneyByKeysAloneIsSpokenAndQueued) {
  KioskHarness h;
  ASSERT_TRUE(h.catalog().has_value()) << "sample catalog did not parse";
  EXPECT_EQ(h.View(), "attract");
  EXPECT_THAT(h.SpokenSince(0), HasSubstr("Touch the screen or press any key to have your say"));

  std::size_t mark = h.Spoken().size();
  h.Press(SDLK_SPACE);
  EXPECT_EQ(h.View(), "home");
  std::string home = h.SpokenSince(mark);
  EXPECT_THAT(home, HasSubstr("What would you like to do?"));
  // Five journeys (four ways to speak and checking on one), the sample
  // catalog's open consultation, what changed because people spoke up, and
  // the six controls of the bar.
  EXPECT_THAT(home, HasSubstr("Button, Tell us how we're doing, 1 of 13"));

  mark = h.Spoken().size();
  h.Press(SDLK_RETURN);
  EXPECT_EQ(h.View(), "service");
  std::string service = h.SpokenSince(mark);
  EXPECT_THAT(service, HasSubstr("Which service is it about?"));
  EXPECT_THAT(service, HasSubstr("Home care, 1 of 12"));

  mark = h.Spoken().size();
  h.Press(SDLK_TAB);
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("Care homes, 2 of 12"));
  ASSERT_TRUE(h.FocusOn("service.day_centres"));
  mark = h.Spoken().size();
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "speaker");
  std::string speaker = h.SpokenSince(mark);
  EXPECT_THAT(speaker, HasSubstr("Are you telling us as..."));
  // Nothing is chosen for the person: a default is not an answer.
  EXPECT_THAT(speaker, HasSubstr("Choice, Someone who uses care services, 1 of 9"));
  ASSERT_TRUE(h.TabUntilHeard("Someone who uses care services"));
  mark = h.Spoken().size();
  h.Press(SDLK_RETURN);
  EXPECT_EQ(h.View(), "rating");
  std::string rating = h.SpokenSince(mark);
  EXPECT_THAT(rating, HasSubstr("How would you rate Day centres?"));
  EXPECT_THAT(rating, HasSubstr("Very poor, 1 of 12"));

  ASSERT_TRUE(h.FocusOn("rating.4"));
  h.Press(SDLK_SPACE);
  EXPECT_EQ(h.View(), "more");
  h.Type("The carers are kind.");
  h.Press(SDLK_TAB);
  mark = h.Spoken().size();
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "quote") << "day centres ask no home-care questions";
  // With words given, the person is asked, and hears, whether they may be
  // quoted; nothing is chosen for them.
  std::string quote = h.SpokenSince(mark);
  EXPECT_THAT(quote, HasSubstr("May we quote your words?"));
  EXPECT_THAT(quote, HasSubstr("without your name"));
  EXPECT_THAT(quote, HasSubstr("Choice, Yes, you may quote my words, 1 of"));
  ASSERT_TRUE(h.TabUntilHeard("Yes, you may quote my words"));
  mark = h.Spoken().size();
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "review");
  std::string review = h.SpokenSince(mark);
  EXPECT_THAT(review, HasSubstr("Check what you are sending"));
  EXPECT_THAT(review, HasSubstr("Service: Day centres"));
  EXPECT_THAT(review, HasSubstr("Rating: Good"));
  EXPECT_THAT(review, HasSubstr("Your words: The carers are kind."));
  EXPECT_THAT(review, HasSubstr("Telling us as: Someone who uses care services"));
  EXPECT_THAT(review, HasSubstr("Quote my words: Yes, you may quote my words"));
  EXPECT_THAT(review, HasSubstr("Button, Send, 1 of 12"));

  EXPECT_EQ(*h.outbox().PendingCount(), 0) << "nothing may be queued before Send";
  mark = h.Spoken().size();
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "thanks");

  auto pending = h.outbox().Pending(10);
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 1u);
  const OutboxItem& item = pending->front();
  EXPECT_EQ(item.submission.feedback().service_id(), "day_centres");
  EXPECT_EQ(item.submission.feedback().rating(), v1::RATING_GOOD);
  EXPECT_EQ(item.submission.feedback().text(), "The carers are kind.");
  EXPECT_TRUE(item.submission.consent().may_quote());
  EXPECT_EQ(item.submission.speaker(), v1::SPEAKER_USES_SERVICES);
  EXPECT_EQ(item.submission.language(), "en-GB");

  // The reference is spoken one character at a time.
  std::string thanks = h.SpokenSince(mark);
  EXPECT_THAT(thanks, HasSubstr("Thank you"));
  EXPECT_THAT(thanks, HasSubstr(SpellOut(item.reference)));
  EXPECT_EQ(h.kiosk().journey().receipt()->reference, item.reference);
  // So is the PIN, digit by digit, after the reference.
  ASSERT_EQ(item.submission.pin().size(), 4u);
  EXPECT_EQ(h.kiosk().journey().receipt()->pin, item.submission.pin());
  const std::string pin_spoken = SpellOut(item.submission.pin());  // "4, 7, 2, 9"
  EXPECT_EQ(pin_spoken.size(), 10u);
  EXPECT_THAT(thanks, HasSubstr("Your PIN is\n" + pin_spoken));
  EXPECT_LT(thanks.find(SpellOut(item.reference)), thanks.find(pin_spoken));
  // And both can be repeated.
  ASSERT_TRUE(h.FocusOn("thanks.say_again"));
  mark = h.Spoken().size();
  h.Press(SDLK_RETURN);
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr(SpellOut(item.reference)));
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("Your PIN is " + pin_spoken));

  // Finish wipes the session and returns to the start.
  ASSERT_TRUE(h.FocusOn("thanks.finish"));
  h.Press(SDLK_RETURN);
  EXPECT_EQ(h.View(), "attract");
  EXPECT_TRUE(h.kiosk().journey().draft().feedback().text().empty());
  EXPECT_FALSE(h.kiosk().journey().receipt().has_value());
}

// A revoked kiosk keeps thanking people; only staff, with a chord the public
// is not told of, see that it needs enrolling again. The screen says how
// the kiosk stands, never what anyone said, and typing in a field is not
// disturbed by it.
TEST(KioskUi, TheStaffScreenShowsStaffThatTheKioskNeedsEnrollingAgain) {
  KioskHarness h;
  h.status().needs_enrolment = true;
  h.status().pending = 3;
  h.Settle();
  EXPECT_THAT(h.SpokenSince(0), Not(HasSubstr("enrol")));
  constexpr Uint16 kChord = KMOD_LCTRL | KMOD_LALT;

  h.Press(SDLK_SPACE);  // attract -> home
  h.Press(SDLK_RETURN);
  ASSERT_TRUE(h.FocusOn("service.day_centres"));
  h.Press(SDLK_RETURN);
  ASSERT_TRUE(h.TabUntilHeard("Someone who uses care services"));
  h.Press(SDLK_RETURN);
  ASSERT_TRUE(h.FocusOn("rating.4"));
  h.Press(SDLK_SPACE);
  ASSERT_EQ(h.View(), "more");
  ASSERT_EQ(h.FocusedId(), kWordsFieldId);
  h.Type("Kind carers");
  EXPECT_THAT(h.SpokenSince(0), Not(HasSubstr("enrol"))) << "the public is never told";

  // Alt Gr (the right Alt) types letters: it is not the chord.
  h.Press(SDLK_s, KMOD_LCTRL | KMOD_RALT);
  EXPECT_EQ(h.View(), "more");

  std::size_t mark = h.Spoken().size();
  h.Press(SDLK_s, kChord);
  ASSERT_EQ(h.View(), "staff");
  const std::string staff = h.SpokenSince(mark);
  EXPECT_THAT(staff, HasSubstr("For staff: this kiosk"));
  EXPECT_THAT(staff, HasSubstr("This kiosk needs enrolling again"));
  EXPECT_THAT(staff, HasSubstr("Items waiting to be sent: 3"));
  EXPECT_THAT(staff, HasSubstr("Device: " + h.outbox().device_id()));
  EXPECT_THAT(staff, Not(HasSubstr("Kind carers")));
  EXPECT_THAT(staff, Not(HasSubstr("cannot be reached"))) << "it answered, with a refusal";

  // The chord again goes back to the words, as they were.
  h.Press(SDLK_s, kChord);
  ASSERT_EQ(h.View(), "more");
  EXPECT_EQ(h.kiosk().journey().Words(), "Kind carers");

  // Enrolled again: the screen says so, and Close goes back.
  h.status().needs_enrolment = false;
  mark = h.Spoken().size();
  h.Press(SDLK_s, kChord);
  ASSERT_EQ(h.View(), "staff");
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("This kiosk is enrolled"));
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("The council's service answered the last call"));
  ASSERT_TRUE(h.FocusOn("staff.close"));
  h.Press(SDLK_RETURN);
  EXPECT_EQ(h.View(), "more");
}

class EverythingDrawnIsSpoken : public ::testing::TestWithParam<std::string> {};

// In every language: each string drawn on each screen appears in what was
// spoken there (for Urdu, Punjabi and Bengali the screen is English and the
// speech is not: the spoken side of each drawn string must be heard).
TEST_P(EverythingDrawnIsSpoken, OnEveryScreen) {
  KioskHarness h(1280, 800, CatalogWithBallots());
  // Choose the language the way a person would: in the settings (again
  // for each person: a finished session wipes the settings).
  std::size_t chosen = 0;
  auto choose_language = [&] {
    h.Press(SDLK_F9);
    ASSERT_TRUE(h.FocusOn("settings.language"));
    for (int i = 0; i < 8 && h.kiosk().settings().language != GetParam(); ++i) {
      h.Press(SDLK_RETURN);
    }
    ASSERT_EQ(h.kiosk().settings().language, GetParam());
    chosen = h.Spoken().size();
    h.Press(SDLK_ESCAPE);
  };
  choose_language();
  std::set<std::string> visited;
  auto check_screen = [&] {
    // Visit every item once, as a blind person exploring would (on the
    // attract screen any key starts, and its items are said on entry).
    int count = h.View() == "attract" ? 0 : h.kiosk().focus().count();
    for (int i = 0; i < count; ++i) h.Press(SDLK_TAB);
    std::string spoken = h.SpokenSince(h.ViewEntryMark());
    std::vector<DrawnText> drawn = h.DrawnInView();
    EXPECT_FALSE(drawn.empty());
    for (const DrawnText& text : drawn) {
      EXPECT_THAT(spoken, HasSubstr(text.spoken))
          << "on " << h.View() << ", drawn but never spoken: \"" << text.shown << "\"";
    }
    auto all = h.speaker().spoken();
    for (std::size_t i = chosen; i < all.size(); ++i) {
      EXPECT_EQ(all[i].language, GetParam()) << "spoken in the wrong language: " << all[i].text;
    }
    visited.insert(h.View());
  };
  check_screen();
  h.Press(SDLK_SPACE);
  check_screen();
  // Every step of every journey.
  for (const Walk& walk : EveryStepWalks()) {
    SCOPED_TRACE(walk.journey);
    ASSERT_TRUE(h.FocusOn("home." + walk.journey));
    h.Press(SDLK_RETURN);
    ASSERT_TRUE(h.AnswerUntil("review", walk.picks, check_screen));
    check_screen();
    ASSERT_TRUE(h.FocusOn("review.send"));
    h.Press(SDLK_RETURN);
    check_screen();
    if (!visited.contains("heard_role")) {
      // Who we heard from, offered on the thank-you screen: each question.
      ASSERT_TRUE(h.FocusOn("heard_from.offer"));
      h.Press(SDLK_RETURN);
      ASSERT_TRUE(h.AnswerUntil("thanks", {}, check_screen));
      check_screen();
    }
    ASSERT_TRUE(h.FocusOn("thanks.finish"));
    h.Press(SDLK_RETURN);
    choose_language();
    h.Press(SDLK_SPACE);
  }
  // A consultation asking every kind of question: its introduction, each
  // question, the review reading every answer back, and its thanks.
  ASSERT_TRUE(h.FocusOn("consultation.getting_out_2027"));
  h.Press(SDLK_RETURN);
  ASSERT_TRUE(h.AnswerUntil("review", {}, check_screen));
  check_screen();
  ASSERT_TRUE(h.FocusOn("review.send"));
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "thanks");
  check_screen();
  ASSERT_TRUE(h.FocusOn("thanks.finish"));
  h.Press(SDLK_RETURN);
  choose_language();
  h.Press(SDLK_SPACE);
  // A Forum ballot: what it is, the code, private listening, the mark, the
  // review and the thanks.
  ASSERT_TRUE(h.FocusOn("ballot.forum_reps_2027"));
  h.Press(SDLK_RETURN);
  ASSERT_TRUE(h.AnswerUntil("review", {}, check_screen));
  check_screen();
  ASSERT_TRUE(h.FocusOn("review.send"));
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "thanks");
  check_screen();
  ASSERT_TRUE(h.FocusOn("thanks.finish"));
  h.Press(SDLK_RETURN);
  choose_language();
  h.Press(SDLK_SPACE);
  // Checking on a reference: each screen, the answer with its reply.
  ASSERT_TRUE(h.FocusOn("home.check"));
  h.Press(SDLK_RETURN);
  ASSERT_TRUE(h.AnswerUntil("check_answer", {}, check_screen));
  check_screen();
  ASSERT_TRUE(h.FocusOn("check_answer.finish"));
  h.Press(SDLK_RETURN);
  choose_language();
  h.Press(SDLK_SPACE);
  // What changed because people spoke up, from the home screen.
  ASSERT_TRUE(h.FocusOn("home.changed"));
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "changed");
  check_screen();
  ASSERT_TRUE(h.FocusOn("changed.close"));
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "home");
  ASSERT_TRUE(h.FocusOn("home.feedback"));
  h.Press(SDLK_RETURN);
  h.Press(SDLK_F1);
  check_screen();
  h.Press(SDLK_ESCAPE);
  h.Press(SDLK_F9);
  check_screen();
  std::set<std::string> expected = {"attract", "home", "help", "settings", "changed"};
  for (const JourneySpec& spec : AllJourneys()) {
    for (const Step& step : spec.steps) expected.insert(step.id);
  }
  for (const v1::ForumBallot& b : h.catalog()->ballots()) {
    for (const Step& step : BallotJourney(std::make_shared<v1::ForumBallot>(b)).steps) {
      expected.insert(step.id);
    }
  }
  for (const v1::Consultation& c : h.catalog()->consultations()) {
    if (c.id() != "getting_out_2027") continue;
    for (const Step& step : ConsultationJourney(std::make_shared<v1::Consultation>(c)).steps) {
      expected.insert(step.id);
    }
  }
  EXPECT_EQ(visited, expected) << "a step no test looked at";
}

INSTANTIATE_TEST_SUITE_P(EveryLanguage, EverythingDrawnIsSpoken,
                         ::testing::ValuesIn(Languages()), [](const auto& info) {
                           std::string name = info.param;
                           name.erase(std::remove(name.begin(), name.end(), '-'), name.end());
                           return name;
                         });

TEST(KioskUi, KeyPressesWithinOneFrameAreNeverLost) {
  KioskHarness h;
  h.Press(SDLK_SPACE);
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "service");
  ASSERT_EQ(h.FocusedId(), "service.home_care");
  // Press and release of three keys, all before the next frame.
  h.Key(SDLK_TAB);
  h.Key(SDLK_TAB);
  h.Key(SDLK_DOWN);
  h.Settle();
  EXPECT_EQ(h.kiosk().focus().position(), 4);
  // Choose and a key for the next screen, all before one frame: the second
  // key applies to the screen the first one opened.
  h.Key(SDLK_RETURN);
  h.Key(SDLK_TAB);
  h.Settle();
  EXPECT_EQ(h.View(), "speaker");
  EXPECT_EQ(h.FocusedId(), "speaker.family_or_friend");
}

TEST(KioskUi, FocusWrapsRoundBothWays) {
  KioskHarness h;
  h.Press(SDLK_SPACE);
  ASSERT_EQ(h.View(), "home");
  int count = h.kiosk().focus().count();
  ASSERT_EQ(h.kiosk().focus().position(), 1);
  h.Press(SDLK_TAB, KMOD_LSHIFT);
  EXPECT_EQ(h.kiosk().focus().position(), count);
  h.Press(SDLK_TAB);
  EXPECT_EQ(h.kiosk().focus().position(), 1);
  h.Press(SDLK_UP);
  EXPECT_EQ(h.kiosk().focus().position(), count);
}

TEST(KioskUi, LeavingTheWordsFieldKeepsTheWords) {
  KioskHarness h;
  h.Press(SDLK_SPACE);
  h.Press(SDLK_RETURN);
  h.Press(SDLK_RETURN);  // Home care
  h.Press(SDLK_RETURN);  // someone who uses care services
  h.Press(SDLK_RETURN);  // Very poor
  ASSERT_EQ(h.View(), "more");
  h.Type("Line one");
  h.Press(SDLK_RETURN, KMOD_LSHIFT);  // a new line, still in the field
  EXPECT_EQ(h.FocusedId(), kWordsFieldId);
  h.Type("Line twoo");
  h.Press(SDLK_BACKSPACE);
  h.Press(SDLK_ESCAPE);  // leaves the field; the words stay
  EXPECT_NE(h.FocusedId(), kWordsFieldId);
  EXPECT_EQ(h.View(), "more");
  EXPECT_EQ(h.kiosk().journey().draft().feedback().text(), "Line one\nLine two");
  // Space outside the field chooses; inside it types.
  ASSERT_TRUE(h.FocusOn(kWordsFieldId));
  h.Type(" ");
  EXPECT_EQ(h.View(), "more");
  EXPECT_EQ(h.kiosk().journey().draft().feedback().text(), "Line one\nLine two ");
  // Back from the screen keeps them too.
  h.Press(SDLK_TAB);
  h.Press(SDLK_ESCAPE);
  EXPECT_EQ(h.View(), "rating");
  h.Press(SDLK_RETURN);
  EXPECT_EQ(h.View(), "more");
  EXPECT_EQ(h.kiosk().journey().draft().feedback().text(), "Line one\nLine two ");
}

TEST(KioskUi, ReviewCanChangeAStepAndComeStraightBack) {
  KioskHarness h;
  KeysToReview(h, "Good");
  ASSERT_TRUE(h.FocusOn("review.change_rating"));
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "rating");
  EXPECT_EQ(h.FocusedId(), "rating.4") << "focus starts on the current choice";
  ASSERT_TRUE(h.FocusOn("rating.5"));
  h.Press(SDLK_RETURN);
  EXPECT_EQ(h.View(), "review");
  EXPECT_EQ(h.kiosk().journey().draft().feedback().rating(), v1::RATING_VERY_GOOD);
}

TEST(KioskUi, StartAgainAsksFirstThenWipes) {
  KioskHarness h;
  KeysToReview(h, "Private words");
  h.Press(SDLK_F12);
  ASSERT_EQ(h.View(), "restart");
  EXPECT_EQ(h.FocusedId(), "restart.no") << "the safe answer comes first";
  h.Press(SDLK_RETURN);
  EXPECT_EQ(h.View(), "review");
  EXPECT_EQ(h.kiosk().journey().draft().feedback().text(), "Private words");
  h.Press(SDLK_F12);
  ASSERT_TRUE(h.FocusOn("restart.yes"));
  h.Press(SDLK_RETURN);
  EXPECT_EQ(h.View(), "attract");
  EXPECT_TRUE(h.kiosk().journey().draft().feedback().text().empty());
  EXPECT_EQ(*h.outbox().PendingCount(), 0) << "an abandoned draft is never sent";
}

TEST(KioskUi, HelpSaysWhereYouAreAndTheKeys) {
  KioskHarness h;
  h.Press(SDLK_SPACE);
  h.Press(SDLK_RETURN);
  std::size_t mark = h.Spoken().size();
  h.Press(SDLK_F1);
  EXPECT_EQ(h.View(), "help");
  std::string help = h.SpokenSince(mark);
  // A title that asks a question is not followed by a full stop.
  EXPECT_THAT(help, HasSubstr("You are on the screen: Which service is it about? "));
  EXPECT_THAT(help, Not(HasSubstr("?.")));
  EXPECT_THAT(help, HasSubstr("Press Tab or the arrow keys to move"));
  h.Press(SDLK_ESCAPE);
  EXPECT_EQ(h.View(), "service");
}

TEST(KioskUi, RepeatAndStopWorkAnywhere) {
  KioskHarness h;
  h.Press(SDLK_SPACE);
  std::vector<std::string> before = h.Spoken();
  ASSERT_FALSE(before.empty());
  int stops = h.speaker().stops();
  h.Press(SDLK_F3);
  EXPECT_GT(h.speaker().stops(), stops);
  h.Press(SDLK_F2);
  std::vector<std::string> after = h.Spoken();
  ASSERT_GT(after.size(), before.size());
  EXPECT_THAT(after.back(), HasSubstr("Tell us how we're doing"));
}

TEST(KioskUi, TouchAloneCompletesTheJourney) {
  KioskHarness h;
  auto tap = [&](const std::string& id) {
    // No gestures: what is scrolled out of view is reached by tapping the
    // scroll button until it is wholly in view.
    for (int i = 0; i < 10; ++i) {
      const a11y::WidgetInfo* item = h.kiosk().registry().Find(id);
      ASSERT_NE(item, nullptr) << id << " is not on " << h.View();
      if (!item->clipped) break;
      const a11y::WidgetInfo* down = h.kiosk().registry().Find("scroll.down");
      ASSERT_NE(down, nullptr) << id << " is out of view and there is no way to scroll";
      h.Tap(down->box.x + down->box.w / 2, down->box.y + down->box.h / 2);
    }
    const a11y::WidgetInfo* item = h.kiosk().registry().Find(id);
    ASSERT_FALSE(item->clipped) << id << " never came into view";
    h.Tap(item->box.x + item->box.w / 2, item->box.y + item->box.h / 2);
  };
  h.Tap(640, 30);  // anywhere on the attract screen
  ASSERT_EQ(h.View(), "home");
  tap("home.feedback");
  tap("service.care_homes");
  ASSERT_EQ(h.View(), "speaker");
  tap("speaker.care_worker");
  ASSERT_EQ(h.View(), "rating");
  tap("rating.5");
  tap("more.continue");
  ASSERT_EQ(h.View(), "review");
  tap("review.send");
  ASSERT_EQ(h.View(), "thanks");
  auto pending = h.outbox().Pending(10);
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ(pending->front().submission.feedback().service_id(), "care_homes");
  EXPECT_EQ(pending->front().submission.feedback().rating(), v1::RATING_VERY_GOOD);
  tap("thanks.finish");  // below the fold at this size
  EXPECT_EQ(h.View(), "attract");
}

TEST(KioskUi, ThanksSaysWhetherTheWordsHaveReachedTheCouncil) {
  KioskHarness h;
  h.SetReachable(false);
  KeysToReview(h, "Offline words");
  ASSERT_TRUE(h.FocusOn("review.send"));
  std::size_t mark = h.Spoken().size();
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "thanks");
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("saved on this kiosk and will be sent"));
  // The syncer delivers it later: the screen and the speech say so.
  auto receipt = h.kiosk().journey().receipt();
  ASSERT_TRUE(h.outbox().MarkDelivered(receipt->submission_id).ok());
  h.Delivered("another-submission-id");  // someone else's words: no change
  h.Settle();
  EXPECT_THAT(h.SpokenSince(mark), Not(HasSubstr("reached the council")));
  h.Delivered(receipt->submission_id);
  mark = h.Spoken().size();
  h.Settle();
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("Your feedback has reached the council."));
}

TEST(KioskUi, SaysWhenTheServiceCannotBeReached) {
  KioskHarness h;
  h.SetReachable(false);
  std::size_t mark = h.Spoken().size();
  h.Press(SDLK_SPACE);
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("Not connected. Your words will be kept safe"));
  ASSERT_NE(h.kiosk().registry().Find("home.offline"), nullptr) << "shown as well as said";
  // Back online: the notice goes.
  h.SetReachable(true);
  h.Settle();
  EXPECT_EQ(h.kiosk().registry().Find("home.offline"), nullptr);
}

TEST(KioskUi, WithNoCatalogThePersonCanStillSpeak) {
  KioskHarness h(1280, 800, std::nullopt);
  h.Press(SDLK_SPACE);
  std::size_t mark = h.Spoken().size();
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "service");
  std::string spoken = h.SpokenSince(mark);
  EXPECT_THAT(spoken, HasSubstr("cannot load the list of services"));
  EXPECT_THAT(spoken, HasSubstr("Something else"));
  h.Press(SDLK_RETURN);
  EXPECT_EQ(h.View(), "speaker");
  EXPECT_EQ(h.kiosk().journey().draft().feedback().service_id(), "something_else");
}

TEST(KioskUi, TooLongWordsAreStoppedAndSaid) {
  KioskHarness h;
  h.Press(SDLK_SPACE);
  h.Press(SDLK_RETURN);
  h.Press(SDLK_RETURN);
  h.Press(SDLK_RETURN);
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "more");
  std::string many(5000, 'a');
  SDL_Event event{};
  event.type = SDL_TEXTINPUT;
  // 5,000 characters in blocks, as a paste would arrive.
  for (std::size_t i = 0; i < many.size(); i += 31) {
    std::string block = many.substr(i, 31);
    std::memset(event.text.text, 0, sizeof(event.text.text));
    std::memcpy(event.text.text, block.data(), block.size());
    h.kiosk().HandleEvent(event);
  }
  h.Settle();
  std::size_t mark = h.Spoken().size();
  h.Type("b");
  EXPECT_EQ(h.kiosk().journey().draft().feedback().text().size(), 5000u);
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("as much as this box can hold"));
}

// Where a drawn string was broken inside a word: each line as drawn must
// be the next piece of the string, and a break between two lines must fall
// on a space (or a new line). Returns "" when every break is honest, else
// the string with its lines joined by " / ".
std::string SplitWord(const DrawnText& text) {
  const std::string& s = text.shown;
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n'; };
  auto joined = [&] {
    std::string out;
    for (const std::string& line : text.lines) out += (out.empty() ? "" : " / ") + line;
    return "\"" + s + "\" drawn as \"" + out + "\"";
  };
  std::size_t pos = 0;
  for (std::size_t i = 0; i < text.lines.size(); ++i) {
    const std::string& line = text.lines[i];
    if (s.compare(pos, line.size(), line) != 0) return joined() + " (lines are not the text)";
    pos += line.size();
    if (i + 1 == text.lines.size()) break;
    bool at_blank = (pos < s.size() && blank(s[pos])) || (pos > 0 && blank(s[pos - 1]));
    if (!at_blank) return joined();
    while (pos < s.size() && blank(s[pos])) ++pos;
  }
  return "";
}

// Every screen of the journey, and the settings, help and "More" views, at
// a size, text size and language: targets large enough, nothing wider than
// the screen, nothing overlapping, no word broken across lines, the focused
// item on screen.
void CheckLayout(float width, float height, int text_size, const std::string& language) {
  KioskHarness h(width, height);
  auto check = [&] {
    SCOPED_TRACE(h.View() + " at text size " + std::to_string(text_size + 1) + " in " +
                 language);
    // What the last frame drew: no label broken inside a word (the
    // lines are recorded as drawn).
    for (const DrawnText& text : h.kiosk().drawn()) {
      std::string split = SplitWord(text);
      EXPECT_EQ(split, "") << "a word is broken across lines on " << h.View();
    }
    const auto& items = h.kiosk().registry().items();
    for (std::size_t i = 0; i < items.size(); ++i) {
      const a11y::WidgetInfo& a = items[i];
      EXPECT_GE(a.box.x, 0) << a.id;
      EXPECT_LE(a.box.x + a.box.w, width) << a.id << " needs sideways scrolling";
      if (a.focusable && !a.clipped) {
        EXPECT_GE(a.box.w, 53) << a.id << " target too narrow";
        EXPECT_GE(a.box.h, 53) << a.id << " target too short";
      }
      for (std::size_t j = i + 1; j < items.size(); ++j) {
        // A keyboard row holds its keys (it is one item at row level and
        // its keys answer touch): only that nesting is allowed.
        const a11y::WidgetInfo& b = items[j];
        bool nested = a.id.rfind("osk.row.", 0) == 0 && b.box.x >= a.box.x &&
                      b.box.y >= a.box.y && b.box.x + b.box.w <= a.box.x + a.box.w &&
                      b.box.y + b.box.h <= a.box.y + a.box.h;
        if (!nested) {
          EXPECT_FALSE(a.box.Overlaps(b.box)) << a.id << " overlaps " << b.id;
        }
      }
    }
    const a11y::WidgetInfo* focused = h.kiosk().registry().Find(h.FocusedId());
    if (focused != nullptr) {
      EXPECT_FALSE(focused->clipped) << focused->id << " has focus but is out of view";
    }
  };
  h.Press(SDLK_F9);
  // The language first, as a person chooses it: the button cycles.
  ASSERT_TRUE(h.FocusOn("settings.language"));
  for (int i = 0; i < 8 && h.kiosk().settings().language != language; ++i) {
    h.Press(SDLK_RETURN);
  }
  ASSERT_EQ(h.kiosk().settings().language, language);
  ASSERT_TRUE(h.FocusOn("settings.larger"));
  for (int i = 0; i < text_size; ++i) h.Press(SDLK_RETURN);
  ASSERT_EQ(h.kiosk().settings().text_size, text_size);
  for (int i = 0; i < h.kiosk().focus().count(); ++i) {
    h.Press(SDLK_TAB);
    check();
  }
  h.Press(SDLK_ESCAPE);
  check();
  h.Press(SDLK_SPACE);
  check();
  h.Press(SDLK_F1);
  check();
  h.Press(SDLK_ESCAPE);
  if (const a11y::WidgetInfo* more = h.kiosk().registry().Find("bar.more")) {
    ASSERT_TRUE(h.FocusOn(more->id));
    h.Press(SDLK_RETURN);
    ASSERT_EQ(h.View(), "more_controls");
    check();
    h.Press(SDLK_ESCAPE);
  }
  // Every step of every journey (the words long enough to wrap), then the
  // review walked round and the thank-you screen.
  for (const Walk& walk : EveryStepWalks()) {
    SCOPED_TRACE(walk.journey);
    ASSERT_EQ(h.View(), "home");
    const JourneySpec* spec = FindJourney(walk.journey);
    ASSERT_NE(spec, nullptr);
    ASSERT_TRUE(h.FocusOn(HomeKey(*spec)));
    h.Press(SDLK_RETURN);
    for (int i = 0; i < 40 && h.View() != "review"; ++i) {
      check();
      const Step* step = h.kiosk().journey().step();
      ASSERT_NE(step, nullptr);
      auto pick = walk.picks.find(step->id);
      ASSERT_TRUE(h.AnswerStep(pick == walk.picks.end() ? "" : pick->second,
                               step->type == StepType::kWords && step->field.find("contact.") != 0
                                   ? "Some words about this, long enough to wrap onto a second line."
                                   : ""))
          << "on " << step->id;
    }
    ASSERT_EQ(h.View(), "review");
    // Walk focus round the review screen: it scrolls into view each time.
    for (int i = 0; i < h.kiosk().focus().count(); ++i) {
      h.Press(SDLK_TAB);
      check();
    }
    ASSERT_TRUE(h.FocusOn("review.send"));
    h.Press(SDLK_RETURN);
    ASSERT_EQ(h.View(), "thanks");
    check();
    for (int i = 0; i < h.kiosk().focus().count(); ++i) {
      h.Press(SDLK_TAB);
      check();
    }
    ASSERT_TRUE(h.FocusOn("thanks.finish"));
    h.Press(SDLK_RETURN);
    h.Press(SDLK_SPACE);  // the next person
  }
}

class KioskUiLayout
    : public ::testing::TestWithParam<std::tuple<int, int, int, std::string>> {};

TEST_P(KioskUiLayout, NothingClipsOverlapsSplitsWordsOrScrollsSideways) {
  auto [width, height, text_size, language] = GetParam();
  CheckLayout(static_cast<float>(width), static_cast<float>(height), text_size, language);
}

std::string LayoutName(const std::tuple<int, int, int, std::string>& p) {
  auto [width, height, text_size, language] = p;
  std::string tag = language;
  std::replace(tag.begin(), tag.end(), '-', '_');
  return (width > height ? "Landscape" : "Portrait") + std::to_string(width) + "x" +
         std::to_string(height) + "_TextSize" + std::to_string(text_size + 1) + "_" + tag;
}

INSTANTIATE_TEST_SUITE_P(
    EveryTextSizeBothOrientations, KioskUiLayout,
    ::testing::Combine(::testing::Values(1280), ::testing::Values(800),
                       ::testing::Range(0, kTextSizeCount), ::testing::ValuesIn(Languages())),
    [](const auto& info) { return LayoutName(info.param); });
INSTANTIATE_TEST_SUITE_P(
    Portrait, KioskUiLayout,
    ::testing::Combine(::testing::Values(800), ::testing::Values(1280),
                       ::testing::Range(0, kTextSizeCount), ::testing::ValuesIn(Languages())),
    [](const auto& info) { return LayoutName(info.param); });

}  // namespace
}  // namespace carevoice::client::ui::testing
