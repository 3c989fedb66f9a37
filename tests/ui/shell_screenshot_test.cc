// The kiosk in a real SDL window rendered by OpenGL, under SDL's offscreen
// driver: events go through SDL's own queue, every screen of the journey is
// drawn by the real renderer in every colour theme and saved as PNG with
// its registry, and text contrast is measured on those pixels inside the
// registered text boxes. Audio-only mode must leave every pixel black.
#include <stb_image.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "accessibility/fake_speaker.h"
#include "accessibility/theme.h"
#include "client/app/word_list_files.h"
#include "client/model/outbox_sqlite.h"
#include "client/ui/fonts.h"
#include "client/ui/sdl_shell.h"
#include "gtest/gtest.h"
#include "kiosk_harness.h"

namespace carevoice::client::ui::testing {
namespace {

class ShellRun {
 public:
  explicit ShellRun(const std::string& dir, int width = 1280, int height = 800) : dir_(dir) {
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    ShellOptions options;
    options.width = width;
    options.height = height;
    options.screenshot_dir = dir + "/shots";
    auto shell = SdlShell::Create(options);
    EXPECT_TRUE(shell.ok()) << shell.status();
    shell_ = std::move(*shell);
    auto fonts = LoadFonts(shell_->io(), kDefaultBodyPx);
    EXPECT_TRUE(fonts.ok()) << fonts.status();
    auto outbox = SqliteOutbox::Open(dir + "/outbox.db");
    EXPECT_TRUE(outbox.ok()) << outbox.status();
    outbox_ = std::move(*outbox);
    catalog_ = CatalogWithBallots();
    status_.catalog_serial = 1;
    LanguageLoader load = [](const std::string& tag) {
      return Strings::LoadLanguage(std::string(CAREVOICE_ASSETS_DIR) + "/lang", tag);
    };
    KioskOptions kiosk_options;  // with the real word lists, as main gives them
    auto words = LoadWordLists(std::string(CAREVOICE_ASSETS_DIR) + "/words");
    EXPECT_TRUE(words.ok()) << words.status();
    if (words.ok()) kiosk_options.words = std::move(*words);
    auto kiosk = KioskUi::Create(load, Languages(), *outbox_,
                                 {[this] { return status_; }, [this] { return catalog_; }, [] {},
                                  [this](std::uint64_t serial, std::string, std::string) {
                                    // The council knows every reference here.
                                    SyncEvent event;
                                    event.kind = SyncEvent::Kind::kChecked;
                                    event.check_serial = serial;
                                    event.check.outcome = CheckAnswer::Outcome::kFound;
                                    event.check.status = v1::CASE_STATUS_RESPONDED;
                                    event.check.reply = kCheckReply;
                                    event.check.idea_outcome = "adopted_in_part";
                                    kiosk_->OnSyncEvent(event);
                                  }},
                                 speaker_, clock_, *fonts, std::move(kiosk_options));
    EXPECT_TRUE(kiosk.ok()) << kiosk.status();
    kiosk_ = std::move(*kiosk);
    Pump();
  }
  ~ShellRun() {
    kiosk_.reset();
    shell_.reset();
  }

  void Pump() {
    for (int i = 0; i < 50; ++i) {
      ASSERT_TRUE(shell_->Step(*kiosk_, 0));
      if (!kiosk_->NeedsFrame()) return;
    }
  }
  void Key(SDL_Keycode k) {
    SDL_Event event{};
    event.type = SDL_KEYDOWN;
    event.key.keysym.sym = k;
    SDL_PushEvent(&event);
    event.type = SDL_KEYUP;
    SDL_PushEvent(&event);
    Pump();
  }
  void Type(const char* text) {
    SDL_Event event{};
    event.type = SDL_TEXTINPUT;
    std::snprintf(event.text.text, sizeof(event.text.text), "%s", text);
    SDL_PushEvent(&event);
    Pump();
  }
  void TabTo(const std::string& id) {
    for (int i = 0; i < 40 && kiosk_->focus().focused_id() != id; ++i) Key(SDLK_TAB);
    ASSERT_EQ(kiosk_->focus().focused_id(), id);
  }
  // From the attract screen: the settings, `theme_steps` presses of the
  // colours control, then the whole feedback journey by keys.
  void Journey(int theme_steps) {
    ChooseTheme(theme_steps);
    Key(SDLK_SPACE);   // home
    Key(SDLK_RETURN);  // service
    TabTo("service.care_homes");
    Key(SDLK_RETURN);  // who is speaking
    TabTo("speaker.care_worker");
    Key(SDLK_RETURN);  // rating, in a care worker's words
    TabTo("rating.5");
    Key(SDLK_RETURN);  // the words field
    Type("Kind staff.");
    Key(SDLK_TAB);
    Key(SDLK_RETURN);  // may the words be quoted? (care homes ask no home-care questions)
    TabTo("quote.yes");
    Key(SDLK_RETURN);  // review
    Key(SDLK_RETURN);  // send; thanks
    EXPECT_EQ(kiosk_->ViewName(), "thanks");
  }
  // Then every other journey the same way, each for a new person (the
  // colours chosen again), answered so that every step is drawn.
  void EveryOtherJourney(int theme_steps) {
    for (const Walk& walk : EveryStepWalks()) {
      if (walk.journey == "feedback") continue;  // Journey() drew its steps
      TabTo("thanks.finish");
      Key(SDLK_RETURN);  // attract; the settings are wiped
      ChooseTheme(theme_steps);
      Key(SDLK_SPACE);
      TabTo("home." + walk.journey);
      Key(SDLK_RETURN);
      for (int i = 0; i < 40 && kiosk_->ViewName() != "review"; ++i) {
        const Step* step = kiosk_->journey().step();
        ASSERT_NE(step, nullptr);
        if (step->type == StepType::kWords) {
          TabTo(WordsFieldId(*step));
          Key(SDLK_RETURN);
          Type(WordsFor(*step).c_str());
          Key(SDLK_TAB);
          TabTo(step->id + ".continue");
        } else if (step->type == StepType::kNotice) {
          TabTo(step->id + ".continue");
        } else if (step->type == StepType::kDate) {
          auto pick = walk.picks.find(step->id);
          for (const std::string& button :
               DatePresses(pick == walk.picks.end() ? "" : pick->second)) {
            TabTo(step->id + "." + button);
            Key(SDLK_RETURN);
          }
          TabTo(step->id + ".continue");
        } else {
          auto pick = walk.picks.find(step->id);
          TabTo(step->id + "." + OptionFor(*step, pick == walk.picks.end() ? "" : pick->second,
                                           kiosk_->journey().draft()));
        }
        Key(SDLK_RETURN);
      }
      ASSERT_EQ(kiosk_->ViewName(), "review") << walk.journey;
      TabTo("review.send");
      Key(SDLK_RETURN);
      ASSERT_EQ(kiosk_->ViewName(), "thanks") << walk.journey;
      if (walk.journey == "complaint") {
        // Who we heard from, offered here: every question, drawn.
        TabTo("heard_from.offer");
        Key(SDLK_RETURN);
        for (int i = 0; i < 10 && kiosk_->ViewName() != "thanks"; ++i) {
          const Step* step = kiosk_->journey().step();
          ASSERT_NE(step, nullptr);
          TabTo(step->id + "." + OptionFor(*step, "", kiosk_->journey().draft()));
          Key(SDLK_RETURN);
        }
        ASSERT_EQ(kiosk_->ViewName(), "thanks");
        ASSERT_EQ(kiosk_->journey().spec()->id, "heard_from");
      }
    }
    // Checking on a reference, to the council's reply.
    TabTo("thanks.finish");
    Key(SDLK_RETURN);
    ChooseTheme(theme_steps);
    Key(SDLK_SPACE);
    TabTo("home.check");
    Key(SDLK_RETURN);
    for (const char* step : {"check_reference", "check_pin"}) {
      ASSERT_EQ(kiosk_->ViewName(), step);
      TabTo(std::string(step) + ".words");
      Key(SDLK_RETURN);
      Type(WordsFor(*kiosk_->journey().step()).c_str());
      Key(SDLK_TAB);
      TabTo(std::string(step) + ".continue");
      Key(SDLK_RETURN);
    }
    ASSERT_EQ(kiosk_->ViewName(), "check_answer");
    TabTo("check_answer.finish");
    // A consultation asking every kind of question.
    Key(SDLK_RETURN);
    ChooseTheme(theme_steps);
    Key(SDLK_SPACE);
    // What changed because people spoke up, and back.
    TabTo("home.changed");
    Key(SDLK_RETURN);
    TabTo("changed.close");
    Key(SDLK_RETURN);
    TabTo("consultation.getting_out_2027");
    Key(SDLK_RETURN);
    for (int i = 0; i < 12 && kiosk_->ViewName() != "review"; ++i) {
      const Step* step = kiosk_->journey().step();
      ASSERT_NE(step, nullptr);
      if (step->type == StepType::kNotice) {
        TabTo(step->id + ".continue");
      } else if (step->type == StepType::kWords) {
        TabTo(WordsFieldId(*step));
        Key(SDLK_RETURN);
        Type("More benches.");
        Key(SDLK_TAB);
        TabTo(step->id + ".continue");
      } else if (step->question->kind() == v1::Question::KIND_AGREEMENT) {
        TabTo(step->id + ".agreement_2");
      } else {
        TabTo(step->id + "." + step->question->options(0).id());
        if (step->question->kind() != v1::Question::KIND_SINGLE_CHOICE) {
          Key(SDLK_RETURN);  // chosen, or first in the order; then go on
          TabTo(step->id + ".continue");
        }
      }
      Key(SDLK_RETURN);
    }
    ASSERT_EQ(kiosk_->ViewName(), "review");
    TabTo("review.send");
    Key(SDLK_RETURN);
    ASSERT_EQ(kiosk_->ViewName(), "thanks");
    // A Forum ballot: what it is, the code, private listening, a
    // preference order, the review and the thanks.
    TabTo("thanks.finish");
    Key(SDLK_RETURN);
    ChooseTheme(theme_steps);
    Key(SDLK_SPACE);
    TabTo("ballot.forum_reps_2027");
    Key(SDLK_RETURN);
    TabTo("ballot.continue");
    Key(SDLK_RETURN);
    TabTo("ballot_code.words");
    Key(SDLK_RETURN);
    Type(BallotCode().c_str());
    Key(SDLK_TAB);
    TabTo("ballot_code.continue");
    Key(SDLK_RETURN);
    TabTo("ballot_private.listening");
    Key(SDLK_RETURN);
    TabTo("ballot_private.continue");
    Key(SDLK_RETURN);
    TabTo("question.vote.grace_liu");
    Key(SDLK_RETURN);
    TabTo("question.vote.continue");
    Key(SDLK_RETURN);
    ASSERT_EQ(kiosk_->ViewName(), "review");
    TabTo("review.send");
    Key(SDLK_RETURN);
    ASSERT_EQ(kiosk_->ViewName(), "thanks");
  }
  void ChooseTheme(int theme_steps) {
    Key(SDLK_F9);
    TabTo("settings.theme");
    for (int i = 0; i < theme_steps; ++i) Key(SDLK_RETURN);
    Key(SDLK_ESCAPE);
  }
  std::set<std::string> Views() const {
    std::set<std::string> views;
    for (const auto& entry : std::filesystem::directory_iterator(dir_ + "/shots")) {
      if (entry.path().extension() != ".png") continue;
      EXPECT_GT(std::filesystem::file_size(entry.path()), 5000u) << entry.path();
      std::string name = entry.path().stem().string();
      views.insert(name.substr(name.find('-') + 1));
    }
    return views;
  }
  KioskUi& kiosk() { return *kiosk_; }
  SdlShell& shell() { return *shell_; }

 private:
  std::string dir_;
  std::unique_ptr<SdlShell> shell_;
  std::unique_ptr<Outbox> outbox_;
  std::optional<v1::Catalog> catalog_;
  SyncStatus status_;
  a11y::FakeSpeaker speaker_;
  base::FakeClock clock_;
  std::unique_ptr<KioskUi> kiosk_;
};

std::string TempDir() {
  char pattern[] = "/tmp/carevoice-shots-XXXXXX";
  return mkdtemp(pattern);
}

class KioskShellTheme : public ::testing::TestWithParam<int> {};

TEST_P(KioskShellTheme, EveryScreenRendersWithReadableText) {
  const a11y::ThemeId theme = a11y::AllThemes()[GetParam()];
  std::string dir = TempDir();
  {
    ShellRun run(dir);
    run.Journey(GetParam());
    EXPECT_EQ(run.kiosk().theme().name, a11y::ThemeKey(theme));
    run.EveryOtherJourney(GetParam());
    EXPECT_EQ(run.kiosk().theme().name, a11y::ThemeKey(theme));
    // Every step of every journey, drawn by the real renderer (the home
    // care questions are asked of people in the layout tests).
    std::set<std::string> views = {"attract", "settings", "home"};
    for (const JourneySpec& spec : AllJourneys()) {
      for (const Step& step : spec.steps) views.insert(step.id);
    }
    for (const char* other : {"visit_time", "same_workers", "worker_time"}) views.erase(other);
    for (const char* asked : {"changed", "consultation", "question.how_often", "question.what_helps",
                              "question.priorities", "question.lonely",
                              "question.anything_else", "ballot", "ballot_code",
                              "ballot_private", "question.vote"}) {
      views.insert(asked);
    }
    EXPECT_EQ(run.Views(), views);
  }
  // Each screenshot is judged by the minimum of the theme it was drawn in.
  std::string command =
      std::string(SCREENSHOT_CONTRAST) + " " + dir + "/shots 7.0 > " + dir + "/contrast.txt";
  EXPECT_EQ(std::system(command.c_str()), 0)
      << a11y::ThemeKey(theme) << ": contrast below the minimum; see " << dir
      << "/contrast.txt";
  // CAREVOICE_KEEP_SHOTS=1 keeps the pictures, to look at.
  if (!HasFailure() && std::getenv("CAREVOICE_KEEP_SHOTS") == nullptr) {
    std::filesystem::remove_all(dir);
  } else {
    std::printf("screenshots kept in %s/shots\n", dir.c_str());
  }
}

INSTANTIATE_TEST_SUITE_P(AllThemes, KioskShellTheme,
                         ::testing::Range(0, static_cast<int>(a11y::AllThemes().size())),
                         [](const auto& info) {
                           return std::string(a11y::ThemeKey(a11y::AllThemes()[info.param]));
                         });

TEST(KioskShell, SleepsUntilTheNextDeadlineAndNoLonger) {
  // An idle kiosk (no deadline) sleeps the full wait, not 1 ms at a time:
  // that mistake once cost 3% of a core (P10).
  EXPECT_EQ(WaitMillis(absl::InfiniteDuration(), 250), 250);
  EXPECT_EQ(WaitMillis(absl::Seconds(10), 250), 250);
  EXPECT_EQ(WaitMillis(absl::Milliseconds(40), 250), 41);
  EXPECT_EQ(WaitMillis(absl::ZeroDuration(), 250), 1);
  EXPECT_EQ(WaitMillis(-absl::Seconds(1), 250), 1);
}

// The rating screen at the largest text size, drawn by the real renderer in
// English and Welsh, and in Polish on a portrait tablet (where "W porządku"
// puts each face on its own row, beside its words): the faces reflow so
// that no word is broken, and every
// face with its words stays a whole target on screen. The pictures are kept
// in $CAREVOICE_SHOTS_DIR when it is set, to look at.
TEST(KioskShell, RatingAtLargestTextKeepsWordsWhole) {
  struct Case {
    const char* language;
    int width, height;
  };
  for (const Case& c : {Case{"en-GB", 1280, 800}, Case{"cy", 1280, 800}, Case{"pl", 800, 1280}}) {
    const std::string language = c.language;
    SCOPED_TRACE(language);
    std::string dir = TempDir();
    {
      ShellRun run(dir, c.width, c.height);
      run.Key(SDLK_F9);
      run.TabTo("settings.language");
      for (int i = 0; i < 8 && run.kiosk().settings().language != language; ++i) {
        run.Key(SDLK_RETURN);
      }
      ASSERT_EQ(run.kiosk().settings().language, language);
      run.TabTo("settings.larger");
      for (int i = 1; i < kTextSizeCount; ++i) run.Key(SDLK_RETURN);
      ASSERT_EQ(run.kiosk().settings().text_size, kTextSizeCount - 1);
      run.Key(SDLK_ESCAPE);
      run.Key(SDLK_SPACE);   // home
      run.Key(SDLK_RETURN);  // service
      run.TabTo("service.care_homes");
      run.Key(SDLK_RETURN);  // who is speaking
      run.TabTo("speaker.uses_services");
      run.Key(SDLK_RETURN);  // rating
      ASSERT_EQ(run.kiosk().ViewName(), "rating");
      for (const DrawnText& text : run.kiosk().drawn()) {
        for (const std::string& line : text.lines) {
          // Each line ends on a whole word of the label.
          std::size_t at = text.shown.find(line);
          ASSERT_NE(at, std::string::npos) << text.shown;
          std::size_t after = at + line.size();
          EXPECT_TRUE(after == text.shown.size() || text.shown[after] == ' ')
              << "\"" << text.shown << "\" broken after \"" << line << "\"";
        }
      }
      for (int r = 1; r <= 5; ++r) {
        const a11y::WidgetInfo* face = run.kiosk().registry().Find("rating." + std::to_string(r));
        if (face == nullptr || face->clipped) continue;  // scrolled out of view
        EXPECT_GE(face->box.w, 53);
        EXPECT_GE(face->box.h, 53);
      }
      if (language == "pl") {  // one to a row
        const a11y::WidgetInfo* one = run.kiosk().registry().Find("rating.1");
        const a11y::WidgetInfo* two = run.kiosk().registry().Find("rating.2");
        ASSERT_TRUE(one != nullptr && two != nullptr);
        EXPECT_EQ(one->box.x, two->box.x);
        EXPECT_GT(two->box.y, one->box.y);
      }
      std::string name = "rating-largest-" + language + ".png";
      ASSERT_TRUE(run.shell().SaveScreenshot(dir + "/" + name));
      if (const char* keep = std::getenv("CAREVOICE_SHOTS_DIR")) {
        std::filesystem::copy_file(dir + "/" + name, std::string(keep) + "/" + name,
                                   std::filesystem::copy_options::overwrite_existing);
      }
    }
    if (!HasFailure()) std::filesystem::remove_all(dir);
  }
}

TEST(KioskShell, AudioOnlyLeavesEveryPixelBlack) {
  std::string dir = TempDir();
  {
    ShellRun run(dir);
    run.Key(SDLK_F9);
    run.TabTo("settings.audio_only");
    run.Key(SDLK_RETURN);
    run.Key(SDLK_ESCAPE);
    run.Key(SDLK_SPACE);
    ASSERT_EQ(run.kiosk().ViewName(), "home");
    ASSERT_TRUE(run.shell().SaveScreenshot(dir + "/blank.png"));
  }
  int w = 0, h = 0, channels = 0;
  unsigned char* image = stbi_load((dir + "/blank.png").c_str(), &w, &h, &channels, 3);
  ASSERT_NE(image, nullptr);
  long lit = 0;
  for (long i = 0; i < static_cast<long>(w) * h * 3; ++i) lit += image[i] != 0;
  stbi_image_free(image);
  EXPECT_EQ(lit, 0) << "audio-only must show nothing";
  if (!HasFailure()) std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace carevoice::client::ui::testing
