// "How would you like to use this?": every setting changes the kiosk at
// once, each change is spoken in its new setting, and everything is wiped
// at the end of the session. In-process, with the headless harness.
#include "accessibility/theme.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "kiosk_harness.h"

namespace carevoice::client::ui::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// From the attract screen, opens the settings with the settings key.
void OpenSettings(KioskHarness& h) {
  h.Press(SDLK_F9);
  ASSERT_EQ(h.View(), "settings");
}

// Chooses a setting's control `times` times.
void Change(KioskHarness& h, const std::string& id, int times = 1) {
  ASSERT_TRUE(h.FocusOn(id)) << id;
  for (int i = 0; i < times; ++i) h.Press(SDLK_RETURN);
}

TEST(Settings, ReachableFromTheStartAndFromEveryScreen) {
  KioskHarness h;
  OpenSettings(h);
  EXPECT_THAT(h.SpokenSince(h.ViewEntryMark()), HasSubstr("How would you like to use this?"));
  h.Press(SDLK_ESCAPE);
  EXPECT_EQ(h.View(), "attract");
  h.Press(SDLK_SPACE);
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "service");
  ASSERT_TRUE(h.FocusOn("bar.settings"));
  h.Press(SDLK_RETURN);
  EXPECT_EQ(h.View(), "settings");
  h.Press(SDLK_ESCAPE);
  EXPECT_EQ(h.View(), "service") << "closing settings returns to where the person was";
}

TEST(Settings, EachChangeIsSpokenInItsNewSetting) {
  KioskHarness h;
  OpenSettings(h);
  std::size_t mark = h.Spoken().size();
  Change(h, "settings.rate");  // normal -> fast
  EXPECT_EQ(h.kiosk().settings().rate, SpeechRate::kFast);
  EXPECT_EQ(h.speaker().rate(), WordsPerMinute(SpeechRate::kFast));
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("Speech speed: fast"));
  Change(h, "settings.rate");  // fast -> slow
  EXPECT_EQ(h.speaker().rate(), WordsPerMinute(SpeechRate::kSlow));
  EXPECT_GE(static_cast<double>(WordsPerMinute(SpeechRate::kNormal)) /
                WordsPerMinute(SpeechRate::kSlow),
            1.25)
      << "slow speech must last at least 1.25x as long as normal";

  mark = h.Spoken().size();
  Change(h, "settings.quieter");
  EXPECT_EQ(h.kiosk().settings().volume_percent, 70);
  EXPECT_FLOAT_EQ(h.speaker().volume(), 0.7f);
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("Volume: 70 percent"));

  mark = h.Spoken().size();
  Change(h, "settings.theme");
  EXPECT_EQ(h.kiosk().settings().theme, "light_on_dark");
  EXPECT_EQ(h.kiosk().theme().name, "light_on_dark");
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("Colours: light on dark"));

  mark = h.Spoken().size();
  Change(h, "settings.larger");
  EXPECT_EQ(h.kiosk().settings().text_size, 1);
  EXPECT_FLOAT_EQ(h.BodySize(), kDefaultBodyPx * kTextScales[1]);
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("Text size: 2 of 4"));

  mark = h.Spoken().size();
  Change(h, "settings.easy_read");
  EXPECT_TRUE(h.kiosk().settings().easy_read);
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("Tick box, Easy Read, on"));

  // Speech off: nothing more is said, but the caption still shows it.
  Change(h, "settings.speech");
  EXPECT_FALSE(h.kiosk().settings().speech);
  mark = h.Spoken().size();
  h.Press(SDLK_TAB);
  EXPECT_EQ(h.Spoken().size(), mark) << "speech is off";
  EXPECT_FALSE(h.kiosk().caption().empty());
  h.Press(SDLK_TAB, KMOD_LSHIFT);
  mark = h.Spoken().size();
  h.Press(SDLK_RETURN);  // speech on again, and it says so
  EXPECT_TRUE(h.kiosk().settings().speech);
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("Speech, on"));
}

TEST(Settings, LanguageChangesScreenAndSpeech) {
  KioskHarness h;
  ASSERT_GE(Languages().size(), 2u) << "Welsh and Polish language files are missing";
  OpenSettings(h);
  std::size_t mark = h.Spoken().size();
  Change(h, "settings.language");
  const std::string tag = h.kiosk().settings().language;
  EXPECT_NE(tag, "en-GB");
  auto spoken = h.speaker().spoken();
  ASSERT_GT(spoken.size(), mark);
  EXPECT_EQ(spoken.back().language, tag) << "speech follows the chosen language";
  // The control now reads in the new language.
  const a11y::WidgetInfo* item = h.kiosk().registry().Find("settings.language");
  ASSERT_NE(item, nullptr);
  EXPECT_THAT(item->label, Not(HasSubstr("Language:")));
}

TEST(Settings, KeysChangeVolumeAndTextSizeAnywhere) {
  KioskHarness h;
  h.Press(SDLK_SPACE);
  std::size_t mark = h.Spoken().size();
  h.Press(SDLK_F6);
  EXPECT_EQ(h.kiosk().settings().volume_percent, 90);
  EXPECT_THAT(h.SpokenSince(mark), HasSubstr("Volume: 90 percent"));
  h.Press(SDLK_F8);
  h.Press(SDLK_F8);
  h.Press(SDLK_F8);
  h.Press(SDLK_F8);  // beyond the largest: stays at the largest
  EXPECT_EQ(h.kiosk().settings().text_size, kTextSizeCount - 1);
  EXPECT_FLOAT_EQ(h.BodySize(), 2.0f * kDefaultBodyPx) << "the largest is 2x the default";
  h.Press(SDLK_F7);
  EXPECT_EQ(h.kiosk().settings().text_size, kTextSizeCount - 2);
}

TEST(Settings, WipedAtTheEndOfEverySession) {
  KioskHarness h;
  OpenSettings(h);
  Change(h, "settings.theme");
  Change(h, "settings.larger");
  Change(h, "settings.easy_read");
  Change(h, "settings.rate");
  Change(h, "settings.audio_only");
  ASSERT_NE(h.kiosk().settings(), Settings{});
  h.Press(SDLK_ESCAPE);
  h.Press(SDLK_SPACE);
  h.Press(SDLK_F12);
  ASSERT_TRUE(h.FocusOn("restart.yes"));
  h.Press(SDLK_RETURN);
  EXPECT_EQ(h.View(), "attract");
  EXPECT_EQ(h.kiosk().settings(), Settings{});
  EXPECT_EQ(h.kiosk().theme().name, a11y::ThemeKey(a11y::ThemeId::kDarkOnLight));
  EXPECT_FLOAT_EQ(h.BodySize(), kDefaultBodyPx);
  EXPECT_EQ(h.speaker().rate(), WordsPerMinute(SpeechRate::kNormal));
}

TEST(Settings, AudioOnlyBlanksTheScreenAndTheJourneyStillWorks) {
  KioskHarness h;
  OpenSettings(h);
  Change(h, "settings.audio_only");
  ASSERT_TRUE(h.kiosk().settings().audio_only);
  EXPECT_TRUE(h.ScreenIsBlank());
  h.Press(SDLK_ESCAPE);
  std::size_t mark = h.Spoken().size();
  h.Press(SDLK_SPACE);
  h.Press(SDLK_RETURN);
  ASSERT_TRUE(h.FocusOn("service.home_care"));
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "speaker");
  EXPECT_TRUE(h.ScreenIsBlank());
  ASSERT_TRUE(h.TabUntilHeard("Someone who works in care"));
  h.Press(SDLK_RETURN);
  ASSERT_TRUE(h.FocusOn("rating.5"));
  h.Press(SDLK_RETURN);
  h.Type("Heard, not seen.");
  h.Press(SDLK_TAB);
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "worker_time") << "home care, asked of a care worker";
  ASSERT_TRUE(h.TabUntilHeard("Not sure"));
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "quote");
  ASSERT_TRUE(h.TabUntilHeard("No, do not quote me"));
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "review");
  EXPECT_TRUE(h.ScreenIsBlank());
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "thanks");
  EXPECT_TRUE(h.ScreenIsBlank());
  std::string spoken = h.SpokenSince(mark);
  EXPECT_THAT(spoken, HasSubstr("Your words: Heard, not seen."));
  EXPECT_THAT(spoken, HasSubstr("Your reference is"));
  auto pending = h.outbox().Pending(10);
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ(pending->front().submission.feedback().text(), "Heard, not seen.");
}

}  // namespace
}  // namespace carevoice::client::ui::testing
