// Typing as a blind person does it, found by what is spoken: Enter on a
// field chooses it (and stays), letters typed on a button go to the only
// field, and typing echoes like a screen reader -- never silently lost.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "kiosk_harness.h"

namespace carevoice::client::ui::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// Attract -> home -> a service -> who is speaking -> a face: the words
// screen, by keys. A relative speaking: the review follows the words.
void ToTheWordsScreen(KioskHarness& h) {
  h.Press(SDLK_SPACE);
  h.Press(SDLK_RETURN);   // Tell us how we're doing
  h.Press(SDLK_RETURN);   // the first service
  ASSERT_TRUE(h.TabUntilHeard("A relative, friend, advocate or unpaid carer"));
  h.Press(SDLK_RETURN);
  h.Press(SDLK_RETURN);   // the first face
  ASSERT_EQ(h.View(), "more");
}

std::vector<std::string> SpokenTexts(const KioskHarness& h, std::size_t from) {
  std::vector<std::string> out;
  auto all = h.Spoken();
  for (std::size_t i = from; i < all.size(); ++i) out.push_back(all[i]);
  return out;
}

TEST(Typing, EnterOnTheFieldStaysThereAndEveryLetterArrives) {
  KioskHarness h;
  ToTheWordsScreen(h);
  // Away from the field and back to it by ear, as a person exploring would.
  ASSERT_TRUE(h.TabUntilHeard("Button, Continue"));
  ASSERT_TRUE(h.TabUntilHeard("Text field, Your words"));
  std::size_t mark = h.Spoken().size();
  h.Press(SDLK_RETURN);  // "choose" the field, as with every other control
  EXPECT_EQ(h.View(), "more");
  EXPECT_EQ(h.FocusedId(), kWordsFieldId) << "Enter before typing must stay in the field";
  EXPECT_THAT(h.SpokenSince(mark),
              HasSubstr("Type now. Press Tab or Enter when you have finished."));
  h.Type("Kind staff");
  EXPECT_EQ(h.kiosk().journey().draft().feedback().text(), "Kind staff");
  h.Press(SDLK_RETURN);  // now Enter leaves, keeping the words
  EXPECT_NE(h.FocusedId(), kWordsFieldId);
  ASSERT_TRUE(h.TabUntilHeard("Button, Continue") || h.FocusedId() == "more.continue");
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "quote");
  ASSERT_TRUE(h.TabUntilHeard("No, do not quote me"));
  mark = h.Spoken().size();
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "review");
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("Your words: Kind staff"));
}

TEST(Typing, EnterAgainAfterComingBackStaysUntilSomethingIsTyped) {
  KioskHarness h;
  ToTheWordsScreen(h);
  h.Type("First");
  h.Press(SDLK_TAB);  // leaves, keeping the words
  h.Press(SDLK_TAB, KMOD_LSHIFT);
  ASSERT_EQ(h.FocusedId(), kWordsFieldId);
  h.Press(SDLK_RETURN);  // back in the field but nothing typed since
  EXPECT_EQ(h.FocusedId(), kWordsFieldId);
  h.Type(" words");
  EXPECT_EQ(h.kiosk().journey().draft().feedback().text(), "First words");
}

TEST(Typing, LettersTypedOnAButtonGoToTheScreensOnlyField) {
  KioskHarness h;
  ToTheWordsScreen(h);
  ASSERT_TRUE(h.TabUntilHeard("Button, Continue"));
  std::size_t mark = h.Spoken().size();
  h.Type("Hello");
  EXPECT_EQ(h.View(), "more");
  EXPECT_EQ(h.FocusedId(), kWordsFieldId) << "focus follows the letters to the field";
  EXPECT_EQ(h.kiosk().journey().draft().feedback().text(), "Hello");
  std::vector<std::string> said = SpokenTexts(h, mark);
  ASSERT_FALSE(said.empty());
  EXPECT_THAT(said.front(), HasSubstr("Text field, Your words")) << "where the letters went";
}

TEST(Typing, LettersWhereNothingTakesTextAreNotSilentlyDropped) {
  KioskHarness h;
  h.Press(SDLK_SPACE);
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "service");
  std::string focused = h.FocusedId();
  std::size_t mark = h.Spoken().size();
  h.Type("x");
  EXPECT_EQ(h.View(), "service");
  EXPECT_EQ(h.FocusedId(), focused);
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("There is no box to type in on this screen."));
}

TEST(Typing, EchoesEachCharacterAndEachFinishedWordNotTheWholeField) {
  KioskHarness h;
  ToTheWordsScreen(h);
  ASSERT_EQ(h.FocusedId(), kWordsFieldId);
  std::size_t mark = h.Spoken().size();
  h.Type("Hi there.");
  EXPECT_THAT(SpokenTexts(h, mark), ElementsAre("H", "i", "Hi", "t", "h", "e", "r", "e",
                                                "full stop", "there"));
  // Deleting says what was deleted.
  mark = h.Spoken().size();
  h.Press(SDLK_BACKSPACE);
  EXPECT_THAT(SpokenTexts(h, mark), ElementsAre("full stop"));
  // Repeat reads the whole field; so does coming back to it.
  mark = h.Spoken().size();
  h.Press(SDLK_F2);
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("Text field, Your words, Hi there"));
  h.Press(SDLK_TAB);
  mark = h.Spoken().size();
  h.Press(SDLK_TAB, KMOD_LSHIFT);
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("Text field, Your words, Hi there"));
}

TEST(Typing, SpaceOnAButtonChoosesAndTypesNothing) {
  KioskHarness h;
  ToTheWordsScreen(h);
  ASSERT_TRUE(h.TabUntilHeard("Button, Continue"));
  h.Press(SDLK_SPACE);
  ASSERT_EQ(h.View(), "review");
  EXPECT_EQ(h.kiosk().journey().draft().feedback().text(), "");
  EXPECT_THAT(h.SpokenSince(h.ViewEntryMark()), HasSubstr("Your words: none"));
}

TEST(Typing, ARequiredFieldLeftEmptyIsNamedShownAndSpoken) {
  // Feedback as it is, but with its words required.
  std::vector<JourneySpec> journeys = {AllJourneys().front()};
  for (Step& step : journeys[0].steps) {
    if (step.type == StepType::kWords) step.optional = false;
  }
  KioskOptions options;
  options.journeys = &journeys;
  KioskHarness h(1280, 800, SampleCatalog(), options);
  ToTheWordsScreen(h);
  ASSERT_TRUE(h.TabUntilHeard("Button, Continue"));
  std::size_t mark = h.Spoken().size();
  h.Press(SDLK_RETURN);
  EXPECT_EQ(h.View(), "more") << "nothing written: the person stays where it can be written";
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("Your words: this is needed. Please fill it in."));
  EXPECT_NE(h.kiosk().registry().Find("more.error"), nullptr) << "shown as well as spoken";
  h.Type("Late visits");
  ASSERT_TRUE(h.TabUntilHeard("Button, Continue"));
  h.Press(SDLK_RETURN);
  EXPECT_EQ(h.View(), "quote");
}

}  // namespace
}  // namespace carevoice::client::ui::testing
