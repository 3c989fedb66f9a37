// A person's session with no window: overlays, settings for the session
// only, the idle warning and wipe on a fake clock, the on-screen keyboard,
// and languages loaded through an injected loader.
#include "client/app/session.h"

#include <map>

#include "gtest/gtest.h"
#include "tests/client/fake_outbox.h"

namespace carevoice::client {
namespace {

std::string AssetsLang() { return std::string(CAREVOICE_ASSETS_DIR) + "/lang"; }

LanguageLoader RealFiles() {
  return [](const std::string& tag) { return Strings::LoadLanguage(AssetsLang(), tag); };
}

std::unique_ptr<Session> Make(base::FakeClock& clock, Settings defaults = {},
                              std::vector<std::string> languages = {"en-GB", "cy", "ur"}) {
  auto session = Session::Create(RealFiles(), std::move(languages), defaults, clock,
                                 IdleTimer::kDefaultTimeout);
  EXPECT_TRUE(session.ok()) << session.status();
  return session.ok() ? std::move(*session) : nullptr;
}

TEST(Session, RefusesWhatCannotStart) {
  base::FakeClock clock;
  EXPECT_FALSE(Session::Create(RealFiles(), {}, {}, clock, absl::Seconds(120)).ok());
  EXPECT_FALSE(Session::Create(RealFiles(), {"xx"}, {}, clock, absl::Seconds(120)).ok());
  Settings odd;
  odd.input = "joystick";
  EXPECT_FALSE(Session::Create(RealFiles(), {"en-GB"}, odd, clock, absl::Seconds(120)).ok());
}

TEST(Session, OverlaysSitOverTheJourneyAndBackClosesThemFirst) {
  base::FakeClock clock;
  auto s = Make(clock);
  s->journey().Start();
  ASSERT_TRUE(s->journey().Begin("feedback"));
  EXPECT_EQ(s->ViewName(), "service");
  s->OpenOverlay(Overlay::kHelp);
  EXPECT_EQ(s->ViewName(), "help");
  EXPECT_TRUE(s->Back());
  EXPECT_EQ(s->ViewName(), "service") << "Back closed help, not the step";
  s->OpenKeyboardRow("osk.row.letters1");
  EXPECT_TRUE(s->Back());
  EXPECT_TRUE(s->keyboard_row().empty());
  EXPECT_EQ(s->ViewName(), "service");
  EXPECT_TRUE(s->Back());
  EXPECT_EQ(s->ViewName(), "home");
}

TEST(Session, SettingsChangeForTheSessionAndAWipeRestoresTheDefaults) {
  base::FakeClock clock;
  auto s = Make(clock);
  s->ChangeSetting(kSettingTextSize, +1);
  s->ChangeSetting(kSettingTextSize, +1);
  s->ChangeSetting(kSettingTextSize, +1);
  s->ChangeSetting(kSettingTextSize, +1);  // clamps at the largest
  EXPECT_EQ(s->settings().text_size, kTextSizeCount - 1);
  s->ChangeSetting(kSettingVolume, -1);
  EXPECT_EQ(s->settings().volume_percent, 70);
  s->ChangeSetting(kSettingTheme, 0);
  EXPECT_NE(s->settings().theme, Settings{}.theme);
  s->ChangeSetting(kSettingEasyRead, 0);
  EXPECT_TRUE(s->settings().easy_read);
  s->ChangeSetting(kSettingLanguage, 0);
  EXPECT_EQ(s->settings().language, "cy");
  EXPECT_EQ(s->speech_strings().language(), "cy");
  EXPECT_EQ(s->texts().Get("home.title").shown, s->speech_strings().Get("home.title"));
  // Urdu is spoken while the screen stays English.
  s->ChangeSetting(kSettingLanguage, 0);
  EXPECT_EQ(s->settings().language, "ur");
  EXPECT_EQ(s->texts().screen().language(), "en-GB");
  EXPECT_EQ(s->texts().speech().language(), "ur");
  s->ChangeSetting(kSettingRepeats, 0);
  EXPECT_EQ(s->settings().repeat_delay_ms, 500);
  s->journey().Start();
  s->Wipe();
  EXPECT_EQ(s->settings(), (Settings{}));
  EXPECT_EQ(s->speech_strings().language(), "en-GB");
  EXPECT_EQ(s->ViewName(), "attract");
}

TEST(Session, AFailedLanguageIsNotChosen) {
  base::FakeClock clock;
  int calls = 0;
  LanguageLoader flaky = [&](const std::string& tag) -> absl::StatusOr<Strings> {
    ++calls;
    if (tag == "cy") return absl::NotFoundError("no Welsh here");
    return Strings::LoadLanguage(AssetsLang(), tag);
  };
  auto s = Session::Create(flaky, {"en-GB", "cy"}, {}, clock, absl::Seconds(120));
  ASSERT_TRUE(s.ok());
  (*s)->ChangeSetting(kSettingLanguage, 0);
  EXPECT_EQ((*s)->settings().language, "en-GB");
  EXPECT_EQ((*s)->speech_strings().language(), "en-GB");
  EXPECT_GE(calls, 2);
}

TEST(Session, IdleWarnsThenWipesAndAnyActivityOnlyAnswersTheWarning) {
  base::FakeClock clock;
  auto s = Make(clock);
  // Nothing runs on the attract screen.
  clock.Advance(absl::Hours(1));
  EXPECT_EQ(s->TickIdle(), IdleOutcome::kNone);
  s->journey().Start();
  ASSERT_TRUE(s->journey().Begin("feedback"));
  ASSERT_TRUE(s->journey().ChooseText("home_care").ok());
  s->ChangeSetting(kSettingTextSize, +1);
  EXPECT_EQ(s->TickIdle(), IdleOutcome::kNone);  // starts the timer
  clock.Advance(IdleTimer::kDefaultTimeout - IdleTimer::kDefaultWarning + absl::Seconds(1));
  EXPECT_EQ(s->TickIdle(), IdleOutcome::kWarned);
  EXPECT_EQ(s->ViewName(), "idle");
  EXPECT_TRUE(s->Activity()) << "the first key answers the warning";
  EXPECT_EQ(s->ViewName(), "speaker") << "and the person is back where they were";
  EXPECT_EQ(s->journey().draft().feedback().service_id(), "home_care");
  EXPECT_FALSE(s->Activity());
  clock.Advance(IdleTimer::kDefaultTimeout + absl::Seconds(1));
  EXPECT_EQ(s->TickIdle(), IdleOutcome::kWarned);
  clock.Advance(IdleTimer::kDefaultWarning + absl::Seconds(1));
  EXPECT_EQ(s->TickIdle(), IdleOutcome::kWiped);
  EXPECT_EQ(s->ViewName(), "attract");
  EXPECT_EQ(s->settings().text_size, 0);
  EXPECT_TRUE(s->journey().draft().feedback().service_id().empty());
}

TEST(Session, KeyboardKeysTypeIntoTheStepsWordsAndDoneMovesOn) {
  base::FakeClock clock;
  auto s = Make(clock);
  s->journey().Start();
  ASSERT_TRUE(s->journey().Begin("feedback"));
  ASSERT_TRUE(s->journey().ChooseText("home_care").ok());
  ASSERT_TRUE(s->journey().ChooseNumber(v1::SPEAKER_USES_SERVICES).ok());
  ASSERT_TRUE(s->journey().ChooseNumber(5).ok());
  s->OpenKeyboardRow("osk.row.letters1");
  EXPECT_EQ(s->PressKey("osk.key.q"), Session::KeyOutcome::kTyped);
  EXPECT_EQ(s->journey().Words(), "q");
  EXPECT_EQ(s->keyboard_row(), "osk.row.letters1") << "the host closes the row, focusing it";
  EXPECT_EQ(s->PressKey("osk.no_such_key"), Session::KeyOutcome::kUnknown);
  EXPECT_EQ(s->PressKey("osk.delete"), Session::KeyOutcome::kTyped);
  EXPECT_EQ(s->journey().Words(), "");
  EXPECT_EQ(s->PressKey("osk.done"), Session::KeyOutcome::kDone);
  EXPECT_EQ(s->ViewName(), "visit_time");
}

// Each visit is counted as it ends, with how the person took part and
// nothing they said; nobody at the attract screen is no visit.
TEST(Session, AVisitIsToldHowThePersonTookPartWhenItEnds) {
  base::FakeClock clock;
  auto s = Make(clock);
  std::vector<v1::TakingPart> visits;
  s->SetVisitSink([&](const v1::TakingPart& v) { visits.push_back(v); });
  s->Wipe();
  EXPECT_TRUE(visits.empty()) << "nobody came";

  s->journey().Start();
  ASSERT_TRUE(s->journey().Begin("feedback"));
  s->ChangeSetting(kSettingTextSize, +1);
  s->ChangeSetting(kSettingEasyRead, 0);
  s->ChangeSetting(kSettingSpeech, 0);
  s->ChangeSetting(kSettingLanguage, 0);  // Welsh
  s->ChangeSetting(kSettingInput, +1);
  s->Wipe();
  ASSERT_EQ(visits.size(), 1u);
  const v1::TakingPart& v = visits[0];
  EXPECT_EQ(v.how().text_size(), 1);
  EXPECT_TRUE(v.how().easy_read());
  EXPECT_FALSE(v.how().speech());
  EXPECT_EQ(v.how().language(), "cy");
  EXPECT_EQ(v.how().theme(), Settings{}.theme);
  EXPECT_NE(v.how().input(), v1::HowTookPart::INPUT_KEYS_OR_TOUCH);
  EXPECT_FALSE(v.has_equality());
  EXPECT_TRUE(v.tally_id().empty()) << "the outbox gives the id";

  // The next person starts fresh, and leaving by the idle wipe counts too.
  s->journey().Start();
  clock.Advance(absl::Hours(1));
  for (int i = 0; i < 100 && s->TickIdle() != IdleOutcome::kWiped; ++i) {
    clock.Advance(absl::Minutes(1));
  }
  ASSERT_EQ(visits.size(), 2u);
  EXPECT_EQ(visits[1].how().language(), "en-GB");
  EXPECT_EQ(visits[1].how().text_size(), 0);
}

TEST(Session, WhoSomeoneIsGoesWithTheirVisitAndNeverWithTheirWords) {
  using Eq = v1::EqualityMonitoring;
  base::FakeClock clock;
  auto s = Make(clock);
  testing::FakeOutbox outbox;
  std::vector<v1::TakingPart> visits;
  s->SetVisitSink([&](const v1::TakingPart& v) { visits.push_back(v); });
  Journey& j = s->journey();
  j.Start();
  ASSERT_TRUE(j.Begin("idea"));
  while (j.step()->type != StepType::kReview) {
    const Step& step = *j.step();
    if (step.type == StepType::kWords) {
      j.InsertWords("A bench by the bus stop");
      ASSERT_TRUE(j.Continue()) << step.id;
    } else if (step.type == StepType::kChooseFromCatalog) {
      ASSERT_TRUE(j.ChooseText("home_care").ok());
    } else {
      ASSERT_TRUE(j.ChooseNumber(step.options.empty() ? 0 : step.options.front().value).ok())
          << step.id;
    }
  }
  ASSERT_TRUE(s->Send(outbox, clock.Now()).ok());
  ASSERT_TRUE(j.BeginFollowOn("heard_from"));
  ASSERT_TRUE(j.ChooseNumber(Eq::ROLE_RELATIVE_OR_ADVOCATE).ok());
  ASSERT_TRUE(j.ChooseNumber(Eq::AGE_BAND_85_AND_OVER).ok());
  ASSERT_TRUE(j.ChooseNumber(0).ok());  // skip the rest
  s->Wipe();
  ASSERT_EQ(visits.size(), 1u);
  ASSERT_TRUE(visits[0].has_equality());
  EXPECT_EQ(visits[0].equality().role(), Eq::ROLE_RELATIVE_OR_ADVOCATE);
  EXPECT_EQ(visits[0].equality().age_band(), Eq::AGE_BAND_85_AND_OVER);
  EXPECT_EQ(visits[0].equality().sex(), Eq::SEX_UNSPECIFIED);
  absl::StatusOr<std::vector<OutboxItem>> sent = outbox.Pending(10);
  ASSERT_TRUE(sent.ok());
  ASSERT_EQ(sent->size(), 1u);
  EXPECT_FALSE(sent->front().submission.has_equality());

  // The next person is asked afresh, and says nothing of it.
  j.Start();
  ASSERT_TRUE(j.Begin("check"));
  s->Wipe();
  ASSERT_EQ(visits.size(), 2u);
  EXPECT_FALSE(visits[1].has_equality());
}

}  // namespace
}  // namespace carevoice::client
