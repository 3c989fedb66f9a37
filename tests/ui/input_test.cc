// Anybody can operate it: the whole feedback journey, typing the words on
// the on-screen keyboard, with two switches (Space and Enter only), with a
// one-switch auto-scan on a fake clock, with the keypad alone and with touch
// alone; and no time traps: the idle warning, extensions and the reset.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "kiosk_harness.h"

namespace carevoice::client::ui::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

KioskOptions WithInput(const std::string& input, int scan_ms = 1500) {
  KioskOptions options;
  options.defaults.input = input;
  options.defaults.scan_interval_ms = scan_ms;
  return options;
}

// Drives a kiosk with exactly two keys: one moves, one chooses.
class TwoKeys {
 public:
  TwoKeys(KioskHarness& h, SDL_Keycode move, SDL_Keycode choose)
      : h_(h), move_(move), choose_(choose) {}
  // Moves until `id` has focus, then chooses it.
  void Choose(const std::string& id) {
    for (int i = 0; i < 80 && h_.FocusedId() != id; ++i) h_.Press(move_);
    ASSERT_EQ(h_.FocusedId(), id) << "never reached on " << h_.View();
    h_.Press(choose_);
  }
  // Types `word` on the on-screen keyboard: a row, then a key, per letter.
  void Type(const std::string& word) {
    for (char c : word) {
      std::string key = std::string("osk.key.") + c;
      std::string row = std::string("qwertyuiop").find(c) != std::string::npos ? "osk.row.letters1"
                        : std::string("asdfghjkl").find(c) != std::string::npos ? "osk.row.letters2"
                                                                               : "osk.row.letters3";
      if (c == ' ') {
        key = "osk.space";
        row = "osk.row.actions";
      }
      Choose(row);
      Choose(key);
    }
  }

 private:
  KioskHarness& h_;
  SDL_Keycode move_, choose_;
};

// The journey to the thank-you screen with two keys, typing `word`.
void JourneyWithTwoKeys(KioskHarness& h, SDL_Keycode move, SDL_Keycode choose,
                        const std::string& word) {
  TwoKeys keys(h, move, choose);
  h.Press(choose);  // any key starts
  ASSERT_EQ(h.View(), "home");
  keys.Choose("home.feedback");
  keys.Choose("service.day_centres");
  ASSERT_EQ(h.View(), "speaker");
  keys.Choose("speaker.family_or_friend");
  ASSERT_EQ(h.View(), "rating");
  keys.Choose("rating.4");
  ASSERT_EQ(h.View(), "more");
  keys.Type(word);
  EXPECT_EQ(h.kiosk().journey().draft().feedback().text(), word);
  keys.Choose("osk.row.actions");
  keys.Choose("osk.done");
  ASSERT_EQ(h.View(), "quote");
  keys.Choose("quote.yes");
  ASSERT_EQ(h.View(), "review");
  keys.Choose("review.send");
  ASSERT_EQ(h.View(), "thanks");
  auto pending = h.outbox().Pending(10);
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ(pending->front().submission.feedback().service_id(), "day_centres");
  EXPECT_EQ(pending->front().submission.feedback().rating(), v1::RATING_GOOD);
  EXPECT_EQ(pending->front().submission.feedback().text(), word);
  EXPECT_TRUE(pending->front().submission.consent().may_quote());
}

TEST(Input, TwoSwitchesSpaceMovesEnterChooses) {
  KioskHarness h(1280, 800, SampleCatalog(), WithInput("switch2"));
  std::size_t mark = h.Spoken().size();
  JourneyWithTwoKeys(h, SDLK_SPACE, SDLK_RETURN, "kind staff");
  // Every item is spoken as the scan reaches it, rows with their keys.
  std::string spoken = h.SpokenSince(mark);
  EXPECT_THAT(spoken, HasSubstr("Choice, Care homes"));
  EXPECT_THAT(spoken, HasSubstr("Letters: a, s, d, f, g, h, j, k, l"));
  EXPECT_THAT(spoken, HasSubstr("Button, k, "));
  EXPECT_THAT(spoken, HasSubstr("Your reference is"));
}

TEST(Input, KeypadAlone) {
  KioskHarness h;
  JourneyWithTwoKeys(h, SDLK_KP_2, SDLK_KP_5, "ok");
}

TEST(Input, WordPredictionCompletesAWord) {
  KioskHarness h(1280, 800, SampleCatalog(), WithInput("switch2"));
  TwoKeys keys(h, SDLK_SPACE, SDLK_RETURN);
  h.Press(SDLK_RETURN);
  keys.Choose("home.feedback");
  keys.Choose("service.home_care");
  keys.Choose("speaker.uses_services");
  keys.Choose("rating.3");
  ASSERT_EQ(h.View(), "more");
  keys.Type("car");
  const a11y::WidgetInfo* row = h.kiosk().registry().Find("osk.row.predictions");
  ASSERT_NE(row, nullptr) << "no suggestions for \"car\"";
  // At the start of the text a suggestion gets its capital.
  EXPECT_THAT(row->label, HasSubstr("Care"));
  keys.Choose("osk.row.predictions");
  keys.Choose("osk.prediction.1");
  const std::string& text = h.kiosk().journey().draft().feedback().text();
  EXPECT_THAT(text, StartsWith("Car"));
  EXPECT_GT(text.size(), 4u);
  EXPECT_EQ(text.back(), ' ') << "a chosen word is followed by a space";
}

// A reference, a PIN or a ballot code is not words: the on-screen keyboard
// suggests none there, to see, hear or press by mistake.
TEST(Input, NoWordsAreSuggestedForAReferenceOrAPin) {
  KioskHarness h(1280, 800, SampleCatalog(), WithInput("switch2"));
  TwoKeys keys(h, SDLK_SPACE, SDLK_RETURN);
  h.Press(SDLK_RETURN);
  keys.Choose("home.check");
  ASSERT_EQ(h.View(), "check_reference");
  const std::size_t mark = h.Spoken().size();
  keys.Type("a");
  EXPECT_EQ(h.kiosk().journey().Words(), "a");
  EXPECT_EQ(h.kiosk().registry().Find("osk.row.predictions"), nullptr);
  EXPECT_EQ(h.kiosk().registry().Find("osk.prediction.1"), nullptr);
  EXPECT_THAT(h.SpokenSince(mark), Not(HasSubstr("Suggested words")));
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("Letters: a, s, d"));
}

TEST(Input, OneSwitchAutoScanMovesByItselfAndAPressChooses) {
  KioskHarness h(1280, 800, SampleCatalog(), WithInput("switch1", 2000));
  h.Press(SDLK_SPACE);  // any key starts
  ASSERT_EQ(h.View(), "home");
  // Waits on the clock, never pressing, until the scan reaches `id`.
  auto choose = [&](const std::string& id) {
    for (int i = 0; i < 120 && h.FocusedId() != id; ++i) {
      h.clock().Advance(absl::Milliseconds(2000));
      h.Settle();
    }
    ASSERT_EQ(h.FocusedId(), id) << "the scan never reached it on " << h.View();
    h.Press(SDLK_SPACE);
  };
  // The scan does not move before its interval.
  std::string first = h.FocusedId();
  h.clock().Advance(absl::Milliseconds(1900));
  h.Settle();
  EXPECT_EQ(h.FocusedId(), first);
  std::size_t mark = h.Spoken().size();
  h.clock().Advance(absl::Milliseconds(200));
  h.Settle();
  EXPECT_NE(h.FocusedId(), first) << "the scan moves on after its interval";
  EXPECT_GT(h.Spoken().size(), mark) << "each item is spoken as the scan reaches it";

  choose("home.feedback");
  ASSERT_EQ(h.View(), "service");
  choose("service.care_homes");
  ASSERT_EQ(h.View(), "speaker");
  choose("speaker.uses_services");
  choose("rating.5");
  ASSERT_EQ(h.View(), "more");
  choose("osk.row.letters2");
  choose("osk.key.h");
  choose("osk.row.letters1");
  choose("osk.key.i");
  EXPECT_EQ(h.kiosk().journey().draft().feedback().text(), "hi");
  choose("osk.row.actions");
  choose("osk.done");
  ASSERT_EQ(h.View(), "quote");
  choose("quote.no");
  ASSERT_EQ(h.View(), "review");
  choose("review.send");
  ASSERT_EQ(h.View(), "thanks");
  EXPECT_EQ(h.outbox().Pending(10)->front().submission.feedback().text(), "hi");
  EXPECT_FALSE(h.outbox().Pending(10)->front().submission.consent().may_quote());
}

TEST(Input, InputModeAndScanSpeedCanBeChangedInSettings) {
  KioskHarness h;
  h.Press(SDLK_F9);
  ASSERT_TRUE(h.FocusOn("settings.input"));
  std::size_t mark = h.Spoken().size();
  h.Press(SDLK_RETURN);
  EXPECT_EQ(h.kiosk().settings().input, "switch2");
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("How you press: two switches"));
  h.Press(SDLK_RETURN);  // Enter is now a switch: it chooses the focused item
  EXPECT_EQ(h.kiosk().settings().input, "switch1");
  ASSERT_NE(h.kiosk().registry().Find("settings.scan_slower"), nullptr);
  ASSERT_TRUE(h.FocusOn("settings.scan_slower"));
  h.Press(SDLK_RETURN);
  EXPECT_EQ(h.kiosk().settings().scan_interval_ms, 2000);
}

TEST(Input, TouchAloneTypesOnTheKeyboard) {
  KioskHarness h;
  auto tap = [&](const std::string& id) {
    const a11y::WidgetInfo* item = h.kiosk().registry().Find(id);
    ASSERT_NE(item, nullptr) << id << " is not on " << h.View();
    for (int i = 0; i < 10 && item->clipped; ++i) {
      const a11y::WidgetInfo* down = h.kiosk().registry().Find("scroll.down");
      ASSERT_NE(down, nullptr);
      h.Tap(down->box.x + down->box.w / 2, down->box.y + down->box.h / 2);
      item = h.kiosk().registry().Find(id);
    }
    h.Tap(item->box.x + item->box.w / 2, item->box.y + item->box.h / 2);
  };
  h.Tap(640, 30);
  tap("home.feedback");
  tap("service.home_care");
  tap("speaker.uses_services");
  tap("rating.4");
  ASSERT_EQ(h.View(), "more");
  tap("osk.key.o");
  tap("osk.key.k");
  EXPECT_EQ(h.kiosk().journey().draft().feedback().text(), "ok");
  tap("osk.delete");
  EXPECT_EQ(h.kiosk().journey().draft().feedback().text(), "o");
}

TEST(Input, IdleWarnsAtLeast20SecondsAheadExtendsAndThenWipes) {
  KioskOptions options;
  options.idle_timeout = absl::Seconds(120);
  KioskHarness h(1280, 800, SampleCatalog(), options);
  h.Press(SDLK_F9);
  ASSERT_TRUE(h.FocusOn("settings.theme"));
  h.Press(SDLK_RETURN);  // a changed setting, to be wiped
  h.Press(SDLK_ESCAPE);
  h.Press(SDLK_SPACE);
  h.Press(SDLK_RETURN);
  h.Press(SDLK_RETURN);
  h.Press(SDLK_RETURN);
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "more");
  h.Type("An unfinished draft");
  // Nothing is said or done before the warning is due.
  h.clock().Advance(absl::Seconds(89));
  h.Settle();
  EXPECT_EQ(h.View(), "more");
  // At least ten extensions, each giving the full time again.
  for (int i = 0; i < 12; ++i) {
    std::size_t mark = h.Spoken().size();
    h.clock().Advance(absl::Seconds(i == 0 ? 1 : 90));
    h.Settle();
    ASSERT_EQ(h.View(), "idle") << "extension " << i;
    EXPECT_THAT(h.SpokenSince(mark), HasSubstr("Are you still there?"));
    EXPECT_THAT(h.SpokenSince(mark), HasSubstr("wiped in 30 seconds"))
        << "the warning comes at least 20 seconds before the reset";
    h.clock().Advance(absl::Seconds(25));
    h.Settle();
    ASSERT_EQ(h.View(), "idle");
    h.Press(SDLK_F3);  // any key: still here
    ASSERT_EQ(h.View(), "more") << "extension " << i;
    EXPECT_EQ(h.kiosk().journey().draft().feedback().text(), "An unfinished draft");
  }
  // Then nobody answers.
  h.clock().Advance(absl::Seconds(90));
  h.Settle();
  ASSERT_EQ(h.View(), "idle");
  h.clock().Advance(absl::Seconds(30));
  h.Settle();
  EXPECT_EQ(h.View(), "attract");
  EXPECT_TRUE(h.kiosk().journey().draft().feedback().text().empty());
  EXPECT_EQ(h.kiosk().settings(), Settings{}) << "settings are wiped too";
  EXPECT_EQ(*h.outbox().PendingCount(), 0) << "an abandoned draft never reaches the outbox";
}

TEST(Input, DescribeKeysSaysWhatAKeyDoesWithoutDoingIt) {
  KioskHarness h;
  h.Press(SDLK_SPACE);
  ASSERT_EQ(h.View(), "home");
  std::size_t mark = h.Spoken().size();
  h.Press(SDLK_F11);
  EXPECT_TRUE(h.kiosk().settings().describe_keys);
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("Describe keys is on"));
  std::string focused = h.FocusedId();
  mark = h.Spoken().size();
  h.Press(SDLK_TAB);
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("Tab: moves to the next item"));
  EXPECT_EQ(h.FocusedId(), focused) << "described, not done";
  h.Press(SDLK_RETURN);
  EXPECT_EQ(h.View(), "home") << "described, not done";
  mark = h.Spoken().size();
  h.Press(SDLK_KP_4);
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("goes back"));
  EXPECT_EQ(h.View(), "home");
  h.Press(SDLK_F11);
  EXPECT_FALSE(h.kiosk().settings().describe_keys);
  h.Press(SDLK_RETURN);
  EXPECT_EQ(h.View(), "service") << "keys work again";
}

TEST(Input, QuickRepeatsAreIgnoredWithinTheChosenDelay) {
  KioskHarness h;
  h.Press(SDLK_F9);
  ASSERT_TRUE(h.FocusOn("settings.repeats"));
  h.Press(SDLK_RETURN);  // off -> 0.5 s
  ASSERT_EQ(h.kiosk().settings().repeat_delay_ms, 500);
  h.clock().Advance(absl::Seconds(1));
  int before = h.kiosk().focus().position();
  h.Press(SDLK_TAB);
  h.clock().Advance(absl::Milliseconds(300));
  h.Press(SDLK_TAB);  // a bounce: ignored
  EXPECT_EQ(h.kiosk().focus().position(), before + 1);
  h.clock().Advance(absl::Milliseconds(600));
  h.Press(SDLK_TAB);  // a real second press
  EXPECT_EQ(h.kiosk().focus().position(), before + 2);
}

TEST(Input, NoTimerOnTheAttractScreen) {
  KioskHarness h;
  h.clock().Advance(absl::Hours(3));
  h.Settle();
  EXPECT_EQ(h.View(), "attract");
}

}  // namespace
}  // namespace carevoice::client::ui::testing
