// Every voice the council must hear, at the kiosk, driven by keys and
// found by what is spoken: someone at risk (the numbers to call before
// any other prompt, with a catalog, with none ever fetched, and offline),
// a concern or complaint (danger first, contact needs a way in, a care
// worker's protection, the statutory acknowledgement), an idea, and
// personal details kept out of the speaker.
#include <string>
#include <vector>

#include "client/app/text_edit.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "kiosk_harness.h"

namespace carevoice::client::ui::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Attract -> home -> the journey chosen by its home-screen words.
void StartJourney(KioskHarness& h, const std::string& home_words) {
  h.Press(SDLK_SPACE);
  ASSERT_EQ(h.View(), "home");
  ASSERT_TRUE(h.TabUntilHeard(home_words));
  h.Press(SDLK_RETURN);
}

// The utterances from `from` on, one per entry.
std::vector<std::string> SpokenFrom(const KioskHarness& h, std::size_t from) {
  std::vector<std::string> all = h.Spoken();
  return {all.begin() + static_cast<std::ptrdiff_t>(std::min(from, all.size())), all.end()};
}

// Answers "Is someone in danger or being hurt right now?" with `answer`
// and checks that the very next thing said gives the numbers to call.
void SayInDangerAndHearTheNumbersFirst(KioskHarness& h, const std::string& answer,
                                       const std::string& council_number) {
  ASSERT_EQ(h.View(), "danger");
  EXPECT_THAT(h.SpokenSince(h.ViewEntryMark()),
              HasSubstr("Is someone in danger or being hurt right now?"));
  ASSERT_TRUE(h.TabUntilHeard(answer));
  const std::size_t mark = h.Spoken().size();
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "numbers");
  std::vector<std::string> said = SpokenFrom(h, mark);
  ASSERT_FALSE(said.empty());
  // Before any other prompt: the first utterance is the numbers.
  EXPECT_THAT(said.front(), HasSubstr("Phone for help now"));
  EXPECT_THAT(said.front(), HasSubstr("phone 999"));
  EXPECT_THAT(said.front(), HasSubstr(council_number));
  for (const std::string& s : said) {
    EXPECT_THAT(s, Not(HasSubstr("What is happening"))) << "asked before the numbers";
  }
}

v1::Catalog WithCouncilNumbers(const std::string& safeguarding, const std::string& night) {
  v1::Catalog catalog = *SampleCatalog();
  catalog.mutable_help_numbers()->set_safeguarding_team(safeguarding);
  catalog.mutable_help_numbers()->set_out_of_hours(night);
  return catalog;
}

TEST(SomeoneAtRisk, TheNumbersComeFirstFromTheCatalog) {
  KioskHarness h(1280, 800, WithCouncilNumbers("0300 555 0101", "0300 555 0199"));
  StartJourney(h, "Someone is at risk");
  SayInDangerAndHearTheNumbersFirst(h, "Choice, Yes,", "0300 555 0101");
  EXPECT_THAT(h.SpokenSince(h.ViewEntryMark()), HasSubstr("0300 555 0199"));
  // Going on, the numbers stay in sight and can be heard again.
  ASSERT_TRUE(h.AnswerStep());
  ASSERT_EQ(h.View(), "speaker");
  ASSERT_NE(h.kiosk().registry().Find("numbers.banner"), nullptr);
  ASSERT_TRUE(h.AnswerStep());
  ASSERT_EQ(h.View(), "happening");
  const a11y::WidgetInfo* banner = h.kiosk().registry().Find("numbers.banner");
  ASSERT_NE(banner, nullptr);
  EXPECT_THAT(banner->label, HasSubstr("0300 555 0101"));
  ASSERT_TRUE(h.TabUntilHeard("Hear the numbers again"));
  const std::size_t mark = h.Spoken().size();
  h.Press(SDLK_RETURN);
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("Danger now? Phone 999."));
  EXPECT_EQ(h.View(), "happening");
}

TEST(SomeoneAtRisk, NotSureGivesTheNumbersToo) {
  KioskHarness h;
  StartJourney(h, "Someone is at risk");
  SayInDangerAndHearTheNumbersFirst(h, "Choice, Not sure,", "0300 123 4567");
}

TEST(SomeoneAtRisk, NoIsNotToldToPhoneButTheWorryIsStillTaken) {
  KioskHarness h;
  StartJourney(h, "Someone is at risk");
  ASSERT_TRUE(h.AnswerStep("no"));
  EXPECT_EQ(h.View(), "speaker") << "no numbers to read first";
  ASSERT_TRUE(h.AnswerStep());
  EXPECT_EQ(h.View(), "happening");
  EXPECT_EQ(h.kiosk().registry().Find("numbers.banner"), nullptr);
}

TEST(SomeoneAtRisk, AKioskThatNeverHadACatalogStillGivesTheNumbers) {
  KioskHarness h(1280, 800, std::nullopt);
  StartJourney(h, "Someone is at risk");
  SayInDangerAndHearTheNumbersFirst(h, "Choice, Yes,", "0300 123 4567");
}

TEST(SomeoneAtRisk, OfflineTheWorryIsSavedButNotSentSoPhoneNow) {
  KioskHarness h(1280, 800, std::nullopt);
  h.SetReachable(false);
  StartJourney(h, "Someone is at risk");
  SayInDangerAndHearTheNumbersFirst(h, "Choice, Yes,", "0300 123 4567");
  ASSERT_TRUE(h.AnswerUntil("review", {{"contact", "anonymous"}}));
  ASSERT_TRUE(h.FocusOn("review.send"));
  const std::size_t mark = h.Spoken().size();
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "thanks");
  for (int i = 0; i < h.kiosk().focus().count(); ++i) h.Press(SDLK_TAB);
  const std::string thanks = h.SpokenSince(mark);
  EXPECT_THAT(thanks, HasSubstr("has not been sent yet"));
  EXPECT_THAT(thanks, HasSubstr("Please phone now: 999 in an emergency, or the council on "
                                "0300 123 4567."));
  // Queued, urgent, ahead of anything else waiting.
  auto pending = h.outbox().Pending(10);
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 1u);
  const v1::Submission& sent = pending->front().submission;
  EXPECT_TRUE(sent.has_safeguarding());
  EXPECT_EQ(sent.safeguarding().danger_now(), v1::ANSWER_YES);
  EXPECT_TRUE(sent.safeguarding().in_immediate_danger());
}

TEST(SomethingIsWrong, DangerIsTheFirstQuestionAndYesTurnsToSafeguarding) {
  KioskHarness h;
  StartJourney(h, "Something is wrong");
  SayInDangerAndHearTheNumbersFirst(h, "Choice, Yes,", "0300 123 4567");
  EXPECT_TRUE(h.kiosk().journey().draft().has_safeguarding());
  EXPECT_EQ(h.kiosk().journey().spec()->id, "safeguarding");
}

TEST(SomethingIsWrong, AComplaintWithContactDetailsIsAcknowledgedWithin3WorkingDays) {
  KioskHarness h;
  StartJourney(h, "Something is wrong");
  ASSERT_TRUE(h.AnswerStep("no"));
  ASSERT_TRUE(h.AnswerUntil("contact", {{"speaker", "uses_services"},
                                       {"formal", "complaint"},
                                       {"about", "me"}}));
  ASSERT_TRUE(h.AnswerStep("give"));
  ASSERT_EQ(h.View(), "name");
  ASSERT_TRUE(h.AnswerStep("", "Ada Jones"));
  // A name alone is not a way to reach someone: phone and email may be
  // left empty, but the address step (the last way) will not let them on
  // until one of the three is given.
  ASSERT_EQ(h.View(), "phone");
  ASSERT_TRUE(h.FocusOn("phone.continue"));
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "email");
  ASSERT_TRUE(h.FocusOn("email.continue"));
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "address");
  ASSERT_TRUE(h.FocusOn("address.continue"));
  std::size_t mark = h.Spoken().size();
  h.Press(SDLK_RETURN);
  EXPECT_EQ(h.View(), "address");
  EXPECT_THAT(h.SpokenSince(mark),
              HasSubstr("A phone number, an email or an address: this is needed."));
  ASSERT_TRUE(h.AnswerStep("", "Flat 2, 1 High Street"));
  ASSERT_EQ(h.View(), "reply");
  ASSERT_TRUE(h.AnswerStep("large_print"));
  ASSERT_EQ(h.View(), "review");
  // Contact details are read back on screen, not through the speaker.
  const std::string review = h.SpokenSince(h.ViewEntryMark());
  EXPECT_THAT(review, HasSubstr("Name: hidden for privacy"));
  EXPECT_THAT(review, Not(HasSubstr("Ada Jones")));
  EXPECT_THAT(review, Not(HasSubstr("High Street")));
  ASSERT_TRUE(h.FocusOn("review.send"));
  mark = h.Spoken().size();
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "thanks");
  for (int i = 0; i < h.kiosk().focus().count(); ++i) h.Press(SDLK_TAB);
  const std::string thanks = h.SpokenSince(mark);
  EXPECT_THAT(thanks, HasSubstr("acknowledge your complaint within 3 working days"));
  EXPECT_THAT(thanks, Not(HasSubstr("You stayed anonymous")));
  const v1::Submission sent = h.outbox().Pending(1)->front().submission;
  EXPECT_FALSE(sent.anonymous());
  EXPECT_EQ(sent.contact().name(), "Ada Jones");
  EXPECT_EQ(sent.contact().postal_address(), "Flat 2, 1 High Street");
  EXPECT_EQ(sent.contact().reply_format(), v1::REPLY_FORMAT_LARGE_PRINT);
  EXPECT_TRUE(sent.consent().may_contact());
  EXPECT_FALSE(sent.complaint().not_formal()) << "a complaint unless they say otherwise";
  EXPECT_FALSE(sent.has_on_behalf_of());
}

TEST(SomethingIsWrong, TheProviderAndSiteAreAskedWhereTheCatalogListsThem) {
  KioskHarness h;
  StartJourney(h, "Something is wrong");
  ASSERT_TRUE(h.AnswerStep("no"));
  ASSERT_TRUE(h.AnswerStep("home_care"));
  ASSERT_EQ(h.View(), "provider");
  std::string heard = h.SpokenSince(h.ViewEntryMark());
  EXPECT_THAT(heard, HasSubstr("Which organisation provides it?"));
  ASSERT_TRUE(h.TabUntilHeard("Kettle Community Care CIC"));
  EXPECT_FALSE(h.TabUntilHeard("Brightwell Homes")) << "a care home provider, not home care";
  ASSERT_TRUE(h.AnswerStep("kettle_community_care"));
  ASSERT_EQ(h.View(), "site");
  ASSERT_TRUE(h.AnswerStep("kettle_hub"));
  ASSERT_TRUE(h.AnswerUntil("review", {{"formal", "complaint"},
                                       {"about", "me"},
                                       {"contact", "anonymous"}}));
  heard = h.SpokenSince(h.ViewEntryMark());
  EXPECT_THAT(heard, HasSubstr("Provider: Kettle Community Care CIC"));
  EXPECT_THAT(heard, HasSubstr("Place: The Kettle Hub, Old Town"));
  // Another service: the provider that does not give it is asked again.
  ASSERT_TRUE(h.TabUntilHeard("Change the service"));
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "service");
  ASSERT_TRUE(h.AnswerStep("care_homes"));
  ASSERT_EQ(h.View(), "provider") << "the old provider does not run care homes";
  ASSERT_TRUE(h.AnswerStep("not_sure"));
  ASSERT_EQ(h.View(), "review");
  ASSERT_TRUE(h.FocusOn("review.send"));
  h.Press(SDLK_RETURN);
  const v1::Submission sent = h.outbox().Pending(1)->front().submission;
  EXPECT_EQ(sent.complaint().service_id(), "care_homes");
  EXPECT_EQ(sent.complaint().provider_id(), "");
  EXPECT_EQ(sent.complaint().site_id(), "");
}

TEST(SomethingIsWrong, ACareWorkerHearsTheirProtectionAndMayStayAnonymous) {
  KioskHarness h;
  StartJourney(h, "Something is wrong");
  ASSERT_TRUE(h.AnswerStep("no"));
  ASSERT_TRUE(h.AnswerUntil("employer", {{"speaker", "care_worker"}}));
  ASSERT_TRUE(h.FocusOn("employer.continue"));  // nothing said of the employer
  h.Press(SDLK_RETURN);
  ASSERT_TRUE(h.AnswerUntil("contact", {{"about", "me"}}));
  EXPECT_THAT(h.SpokenSince(h.ViewEntryMark()),
              HasSubstr("As a care worker you are protected by law when you raise a concern "
                        "in the public interest. You may stay anonymous."));
  ASSERT_TRUE(h.AnswerStep("anonymous"));
  ASSERT_EQ(h.View(), "review");
  ASSERT_TRUE(h.FocusOn("review.send"));
  const std::size_t mark = h.Spoken().size();
  h.Press(SDLK_RETURN);
  for (int i = 0; i < h.kiosk().focus().count(); ++i) h.Press(SDLK_TAB);
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("You stayed anonymous, so the council cannot "
                                             "contact you."));
  const v1::Submission sent = h.outbox().Pending(1)->front().submission;
  EXPECT_EQ(sent.speaker(), v1::SPEAKER_CARE_WORKER);
  EXPECT_TRUE(sent.anonymous());
  EXPECT_FALSE(sent.has_worker() && !sent.worker().employer().empty())
      << "never an employer they did not give";
}

TEST(SomethingIsWrong, SpeakingForSomeoneWhoCouldNotAgreeRecordsWhy) {
  KioskHarness h;
  StartJourney(h, "Something is wrong");
  ASSERT_TRUE(h.AnswerUntil("review", {{"danger", "no"},
                                       {"speaker", "family_or_friend"},
                                       {"about", "relative"},
                                       {"agreed", "no"},
                                       {"why", "capacity"},
                                       {"contact", "anonymous"}}));
  const std::string review = h.SpokenSince(h.ViewEntryMark());
  EXPECT_THAT(review, HasSubstr("About: Someone else: I am a relative"));
  EXPECT_THAT(review, HasSubstr("Why not: They cannot decide this for themselves"));
  ASSERT_TRUE(h.FocusOn("review.send"));
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "thanks");
  const v1::Submission sent = h.outbox().Pending(1)->front().submission;
  EXPECT_EQ(sent.on_behalf_of().relationship(), v1::RELATIONSHIP_RELATIVE);
  EXPECT_FALSE(sent.on_behalf_of().person_consented());
  EXPECT_EQ(sent.on_behalf_of().why(), v1::NO_CONSENT_WHY_LACKS_CAPACITY);
}

// Touch alone, as a person who cannot use keys: every choice tapped, the
// words typed on the on-screen keyboard, scrolling by the scroll buttons.
TEST(SomethingIsWrong, ByTouchAlone) {
  KioskHarness h;
  h.Tap(640, 30);
  ASSERT_EQ(h.View(), "home");
  for (const char* id : {"home.complaint", "danger.no", "service.day_centres",
                         "provider.northshire_day_services", "site.riverside_centre",
                         "speaker.family_or_friend"}) {
    ASSERT_TRUE(h.TapOn(id)) << id << " on " << h.View();
  }
  ASSERT_EQ(h.View(), "what");
  for (const char* key : {"osk.key.l", "osk.key.a", "osk.key.t", "osk.key.e"}) {
    ASSERT_TRUE(h.TapOn(key)) << key;
  }
  ASSERT_TRUE(h.TapOn("what.continue"));
  for (const char* id : {"when.month", "outcome.continue", "discuss.no", "formal.complaint",
                         "quote.yes", "about.relative", "agreed.yes", "contact.anonymous"}) {
    ASSERT_TRUE(h.TapOn(id)) << id << " on " << h.View();
  }
  ASSERT_EQ(h.View(), "review");
  ASSERT_TRUE(h.TapOn("review.send"));
  ASSERT_EQ(h.View(), "thanks");
  const v1::Submission sent = h.outbox().Pending(1)->front().submission;
  EXPECT_EQ(sent.complaint().what_happened(), "late");
  EXPECT_EQ(sent.complaint().site_id(), "riverside_centre");
  EXPECT_EQ(sent.complaint().when(), v1::WHEN_LAST_MONTH);
  EXPECT_TRUE(sent.on_behalf_of().person_consented());
  EXPECT_TRUE(sent.consent().may_quote());
  EXPECT_EQ(sent.speaker(), v1::SPEAKER_FAMILY_OR_FRIEND);
}

TEST(AnIdea, GoesToTheCouncilWithWhoItWouldHelp) {
  KioskHarness h;
  StartJourney(h, "I have an idea");
  ASSERT_TRUE(h.AnswerStep("day_centres"));
  ASSERT_TRUE(h.AnswerStep("uses_services"));
  ASSERT_EQ(h.View(), "idea");
  ASSERT_TRUE(h.AnswerStep("", "Open on Saturdays."));
  ASSERT_TRUE(h.AnswerStep("", "People who work in the week."));
  ASSERT_EQ(h.View(), "quote");
  ASSERT_TRUE(h.AnswerStep("no"));
  ASSERT_EQ(h.View(), "review");
  EXPECT_THAT(h.SpokenSince(h.ViewEntryMark()), HasSubstr("Quote my words: No, do not quote me"));
  ASSERT_TRUE(h.FocusOn("review.send"));
  h.Press(SDLK_RETURN);
  const v1::Submission sent = h.outbox().Pending(1)->front().submission;
  EXPECT_EQ(sent.idea().service_id(), "day_centres");
  EXPECT_EQ(sent.idea().idea(), "Open on Saturdays.");
  EXPECT_EQ(sent.idea().who_benefits(), "People who work in the week.");
  EXPECT_FALSE(sent.consent().may_quote());
}

TEST(LongWords, ThePersonIsToldHowMuchRoomIsLeftBeforeTheLimit) {
  EXPECT_EQ(NearLimit(10000), 1000u);
  EXPECT_EQ(NearLimit(200), 20u);
  EXPECT_EQ(RemainingToSay(1000, 890, 901), 99u);   // first near the limit
  EXPECT_EQ(RemainingToSay(1000, 901, 902), 0u);    // not again at once
  EXPECT_EQ(RemainingToSay(1000, 949, 951), 49u);   // at half of that
  EXPECT_EQ(RemainingToSay(1000, 989, 990), 10u);   // and at ten
  EXPECT_EQ(RemainingToSay(1000, 999, 1000), 0u);   // the limit says itself
  // At the kiosk: the reason for a late complaint holds 2,000 characters.
  KioskHarness h;
  StartJourney(h, "Something is wrong");
  ASSERT_TRUE(h.AnswerUntil("late", {{"danger", "no"}, {"when", "longer"}}));
  ASSERT_TRUE(h.FocusOn("late.words"));
  h.Press(SDLK_RETURN);
  h.Type(std::string(1795, 'a'));
  std::size_t mark = h.Spoken().size();
  h.Type("bbbbbbbbbb");  // to 1,805: 195 left
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("195 characters left"));
  ASSERT_NE(h.kiosk().registry().Find("late.remaining"), nullptr) << "shown as well as said";
}

TEST(Voices, AConcernOnADateIsFoundBackFromTodayByEar) {
  KioskHarness h;
  h.clock().Set(absl::FromCivil(absl::CivilSecond(2026, 12, 3, 12, 0, 0), absl::LocalTimeZone()));
  StartJourney(h, "Something is wrong");
  ASSERT_TRUE(h.AnswerUntil("when", {{"danger", "no"}}));
  ASSERT_TRUE(h.TabUntilHeard("On a date I can give"));
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "event_date");
  EXPECT_THAT(h.SpokenSince(h.ViewEntryMark()), HasSubstr("What was the date?"));
  EXPECT_THAT(h.SpokenSince(h.ViewEntryMark()), HasSubstr("Thursday 3 December 2026"));
  // Forward from today is refused, shown and said, and the date is said
  // again so the person knows where they are.
  ASSERT_TRUE(h.TabUntilHeard("A day later"));
  std::size_t mark = h.Spoken().size();
  h.Press(SDLK_RETURN);
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("That day has not come yet."));
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("Thursday 3 December 2026"));
  EXPECT_NE(h.kiosk().registry().Find("event_date.error"), nullptr);
  // Back a month, then a day: each press says the new date.
  ASSERT_TRUE(h.TabUntilHeard("A month earlier"));
  mark = h.Spoken().size();
  h.Press(SDLK_RETURN);
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("Tuesday 3 November 2026"));
  EXPECT_EQ(h.kiosk().registry().Find("event_date.error"), nullptr) << "the error goes";
  ASSERT_TRUE(h.TabUntilHeard("A day earlier"));
  mark = h.Spoken().size();
  h.Press(SDLK_RETURN);
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("Monday 2 November 2026"));
  ASSERT_TRUE(h.TabUntilHeard("Continue"));
  h.Press(SDLK_RETURN);
  EXPECT_EQ(h.View(), "outcome") << "within 12 months: no reason asked";
  ASSERT_TRUE(h.AnswerUntil("review", {{"contact", "anonymous"}}));
  EXPECT_THAT(h.SpokenSince(h.ViewEntryMark()), HasSubstr("Date: Monday 2 November 2026"));
  ASSERT_TRUE(h.FocusOn("review.send"));
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "thanks");
  auto items = h.outbox().Pending(10);
  ASSERT_TRUE(items.ok());
  ASSERT_EQ(items->size(), 1u);
  const v1::Complaint& sent = items->front().submission.complaint();
  EXPECT_EQ(sent.when(), v1::WHEN_ON_DATE);
  EXPECT_EQ(sent.event_date().year(), 2026);
  EXPECT_EQ(sent.event_date().month(), 11);
  EXPECT_EQ(sent.event_date().day(), 2);
}

// A care worker is asked in words that fit them.
TEST(CareWorkers, AreAskedInWordsThatFitThem) {
  KioskHarness h;
  StartJourney(h, "Tell us how we're doing");
  ASSERT_TRUE(h.AnswerUntil("rating", {{"speaker", "care_worker"}}));
  EXPECT_THAT(h.SpokenSince(h.ViewEntryMark()),
              HasSubstr("From your work, how would you rate Home care?"));
  ASSERT_TRUE(h.AnswerStep());
  ASSERT_EQ(h.View(), "more");
  EXPECT_THAT(h.SpokenSince(h.ViewEntryMark()),
              HasSubstr("What helps you give good care, and what gets in the way?"));
  // The same screen for someone who uses services keeps its own words.
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(h.TabUntilHeard("Button, Back,"));
    h.Press(SDLK_RETURN);
  }
  ASSERT_EQ(h.View(), "speaker");
  ASSERT_TRUE(h.AnswerStep("uses_services"));
  EXPECT_THAT(h.SpokenSince(h.ViewEntryMark()), HasSubstr("How would you rate Home care?"));
  EXPECT_THAT(h.SpokenSince(h.ViewEntryMark()), Not(HasSubstr("From your work")));
}

// (One harness at a time: each owns the ImGui context.)
TEST(CareWorkers, SpeakForSomeoneTheySupportAtWorkNotAsARelative) {
  KioskHarness c;
  StartJourney(c, "Something is wrong");
  ASSERT_TRUE(c.AnswerUntil("about", {{"danger", "no"}, {"speaker", "care_worker"}}));
  const std::string about = c.SpokenSince(c.ViewEntryMark());
  EXPECT_THAT(about, HasSubstr("about you and your work, or about someone you support at work"));
  EXPECT_THAT(about, HasSubstr("Me and my work"));
  EXPECT_EQ(c.kiosk().registry().Find("about.relative"), nullptr) << "not offered to a worker";
  ASSERT_TRUE(c.TabUntilHeard("Someone else: I support them at work"));
  c.Press(SDLK_RETURN);
  ASSERT_TRUE(c.AnswerUntil("review", {{"agreed", "yes"}, {"contact", "anonymous"}}));
  ASSERT_TRUE(c.FocusOn("review.send"));
  c.Press(SDLK_RETURN);
  const v1::Submission sent = c.outbox().Pending(1)->front().submission;
  EXPECT_EQ(sent.on_behalf_of().relationship(), v1::RELATIONSHIP_PAID_CARER);
  EXPECT_EQ(sent.speaker(), v1::SPEAKER_CARE_WORKER);
}

}  // namespace
}  // namespace carevoice::client::ui::testing
