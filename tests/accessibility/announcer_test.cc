#include "accessibility/announcer.h"

#include <gtest/gtest.h>

#include <map>

#include "accessibility/fake_speaker.h"

namespace carevoice::a11y {
namespace {

std::string English(std::string_view key) {
  static const std::map<std::string, std::string, std::less<>> kTable = {
      {"role.button", "Button"},   {"role.text_field", "Text field"},
      {"role.radio", "Choice"},    {"role.checkbox", "Tick box"},
      {"role.heading", "Heading"}, {"role.text", "Text"},
      {"role.image", "Picture"},   {"focus.position", "{0} of {1}"},
      {"state.hidden", "hidden for privacy"},
  };
  auto it = kTable.find(key);
  return it == kTable.end() ? std::string(key) : it->second;
}

WidgetInfo Button(std::string label) {
  WidgetInfo item;
  item.id = label;
  item.label = std::move(label);
  item.role = Role::kButton;
  item.focusable = true;
  return item;
}

class AnnouncerTest : public ::testing::Test {
 protected:
  FakeSpeaker speaker_;
  Announcer announcer_{speaker_, &English};
};

TEST_F(AnnouncerTest, DescribesRoleLabelPosition) {
  EXPECT_EQ(announcer_.Describe(Button("Send"), 3, 4), "Button, Send, 3 of 4");
}

TEST_F(AnnouncerTest, DescribesStateAndHint) {
  WidgetInfo item = Button("Home care");
  item.role = Role::kRadio;
  item.state = "selected";
  item.hint = "Choose the service this is about";
  EXPECT_EQ(announcer_.Describe(item, 2, 7),
            "Choice, Home care, selected, 2 of 7. "
            "Choose the service this is about");
}

TEST_F(AnnouncerTest, PersonalDetailsAreSpokenOnlyInPrivateListening) {
  WidgetInfo email;
  email.id = "contact.email";
  email.label = "Your email";
  email.role = Role::kTextField;
  email.state = "jo.bloggs@example.org";
  email.personal = true;
  email.focusable = true;
  announcer_.FocusChanged(email, 1, 3);
  ASSERT_FALSE(speaker_.spoken().empty());
  EXPECT_EQ(speaker_.spoken().back().text, "Text field, Your email, hidden for privacy, 1 of 3");
  EXPECT_EQ(announcer_.caption().find("jo.bloggs"), std::string::npos)
      << "not shown in the caption either: a passer-by could read it";
  announcer_.SetPrivateListening(true);
  announcer_.FocusChanged(email, 1, 3);
  EXPECT_EQ(speaker_.spoken().back().text,
            "Text field, Your email, jo.bloggs@example.org, 1 of 3");
  // Items that are not personal are never hidden.
  announcer_.SetPrivateListening(false);
  email.personal = false;
  announcer_.FocusChanged(email, 1, 3);
  EXPECT_EQ(speaker_.spoken().back().text,
            "Text field, Your email, jo.bloggs@example.org, 1 of 3");
}

TEST_F(AnnouncerTest, TextAndHeadingsOutsideFocusOrderHaveNoPosition) {
  WidgetInfo heading;
  heading.label = "Have your say";
  heading.role = Role::kHeading;
  EXPECT_EQ(announcer_.Describe(heading, 0, 0), "Heading, Have your say");
  heading.role = Role::kText;
  EXPECT_EQ(announcer_.Describe(heading, 0, 0), "Text, Have your say");
}

TEST_F(AnnouncerTest, UsesTheTranslatedPositionPattern) {
  Announcer welsh(speaker_, [](std::string_view key) -> std::string {
    if (key == "role.button") return "Botwm";
    if (key == "focus.position") return "{0} o {1}";
    return "";
  });
  EXPECT_EQ(welsh.Describe(Button("Anfon"), 3, 4), "Botwm, Anfon, 3 o 4");
}

TEST_F(AnnouncerTest, ScreenEntryThenFocusInSameFrameIsQueued) {
  announcer_.ScreenEntered("Have your say", "Choose what you want to do");
  announcer_.FocusChanged(Button("Give feedback"), 1, 4);
  announcer_.EndFrame();

  const auto spoken = speaker_.spoken();
  ASSERT_EQ(spoken.size(), 2u);
  EXPECT_EQ(spoken[0].text, "Have your say. Choose what you want to do");
  EXPECT_EQ(spoken[1].text, "Button, Give feedback, 1 of 4");
  EXPECT_EQ(speaker_.interrupted(), (std::vector<bool>{true, false}));
  EXPECT_EQ(announcer_.caption(), "Button, Give feedback, 1 of 4");

  // A later focus change interrupts.
  announcer_.FocusChanged(Button("Make a complaint"), 2, 4);
  EXPECT_EQ(speaker_.interrupted().back(), true);
}

TEST_F(AnnouncerTest, RepeatSaysTitleAndFocusAgain) {
  announcer_.ScreenEntered("Have your say", "Choose what you want to do");
  announcer_.FocusChanged(Button("Give feedback"), 1, 4);
  announcer_.EndFrame();
  speaker_.Clear();

  announcer_.Repeat();
  const auto spoken = speaker_.spoken();
  ASSERT_EQ(spoken.size(), 1u);
  EXPECT_EQ(spoken[0].text,
            "Have your say. Choose what you want to do. "
            "Button, Give feedback, 1 of 4");
  EXPECT_EQ(speaker_.interrupted(), std::vector<bool>{true});
  EXPECT_EQ(announcer_.caption(), spoken[0].text);

  // After moving on, Repeat says only the new focus.
  announcer_.FocusChanged(Button("Make a complaint"), 2, 4);
  speaker_.Clear();
  announcer_.Repeat();
  ASSERT_EQ(speaker_.spoken().size(), 1u);
  EXPECT_EQ(speaker_.spoken()[0].text, "Button, Make a complaint, 2 of 4");
}

TEST_F(AnnouncerTest, SayInterruptsQueueFollowsAndBothRepeat) {
  announcer_.Say("Please type a few words");
  announcer_.Queue("or press Back");
  EXPECT_EQ(speaker_.interrupted(), (std::vector<bool>{true, false}));
  speaker_.Clear();
  announcer_.Repeat();
  ASSERT_EQ(speaker_.spoken().size(), 1u);
  EXPECT_EQ(speaker_.spoken()[0].text,
            "Please type a few words. or press Back");
}

TEST_F(AnnouncerTest, RepeatWithNothingSaidIsSilent) {
  announcer_.Repeat();
  EXPECT_TRUE(speaker_.spoken().empty());
}

TEST_F(AnnouncerTest, StopStopsTheSpeaker) {
  announcer_.Stop();
  EXPECT_EQ(speaker_.stops(), 1);
}

TEST_F(AnnouncerTest, EveryUtteranceCarriesTheLanguage) {
  announcer_.SetLanguage("cy");
  announcer_.ScreenEntered("Dweud eich dweud", "");
  announcer_.FocusChanged(Button("Anfon"), 1, 1);
  announcer_.Say("Diolch");
  for (const Utterance& u : speaker_.spoken()) EXPECT_EQ(u.language, "cy");
  EXPECT_EQ(speaker_.spoken()[0].text, "Dweud eich dweud");
}

TEST(JoinSentencesTest, AddsAFullStopOnlyWhereNoSentenceEnds) {
  EXPECT_EQ(JoinSentences("Tell us more", "Type now"), "Tell us more. Type now");
  EXPECT_EQ(JoinSentences("What would you like to do?", "Choose one."),
            "What would you like to do? Choose one.");
  EXPECT_EQ(JoinSentences("Stop!", "Go"), "Stop! Go");
  EXPECT_EQ(JoinSentences("\u0986\u09AA\u09A8\u09BF\u0964", "x"),
            "\u0986\u09AA\u09A8\u09BF\u0964 x");  // Bengali danda
  EXPECT_EQ(JoinSentences("\u06A9\u06CC\u0627\u061F", "x"),
            "\u06A9\u06CC\u0627\u061F x");  // Urdu question mark
  EXPECT_EQ(JoinSentences("", "Only"), "Only");
  EXPECT_EQ(JoinSentences("Only", ""), "Only");
}

}  // namespace
}  // namespace carevoice::a11y
