// The kiosk in a real SDL window rendered by OpenGL, under SDL's offscreen
// driver: events go through SDL's own queue, every screen of the journey is
// drawn by the real renderer and saved as PNG with its registry, and text
// contrast is measured on those pixels inside the registered text boxes.
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "accessibility/fake_speaker.h"
#include "client/ui/fonts.h"
#include "client/ui/sdl_shell.h"
#include "gtest/gtest.h"
#include "kiosk_harness.h"

namespace carevoice::client::ui::testing {
namespace {

TEST(KioskShell, EveryScreenRendersWithReadableText) {
  setenv("SDL_VIDEODRIVER", "offscreen", 1);
  char pattern[] = "/tmp/carevoice-shots-XXXXXX";
  std::string dir = mkdtemp(pattern);
  ShellOptions options;
  options.screenshot_dir = dir + "/shots";
  auto shell = SdlShell::Create(options);
  ASSERT_TRUE(shell.ok()) << shell.status();
  auto fonts = LoadFonts((*shell)->io(), 40.0f);
  ASSERT_TRUE(fonts.ok()) << fonts.status();
  auto outbox = Outbox::Open(dir + "/outbox.db");
  ASSERT_TRUE(outbox.ok()) << outbox.status();
  auto strings = Strings::LoadLanguage(std::string(CAREVOICE_ASSETS_DIR) + "/lang", "en-GB");
  ASSERT_TRUE(strings.ok()) << strings.status();
  std::optional<v1::Catalog> catalog = SampleCatalog();
  ASSERT_TRUE(catalog.has_value());
  SyncStatus status;
  status.catalog_serial = 1;
  a11y::FakeSpeaker speaker;
  contract::FakeClock clock;
  KioskUi kiosk(std::move(*strings), **outbox,
                {[&] { return status; }, [&] { return catalog; }, [] {}}, speaker, clock,
                *fonts);

  auto pump = [&] {
    for (int i = 0; i < 50; ++i) {
      ASSERT_TRUE((*shell)->Step(kiosk, 0));
      if (!kiosk.NeedsFrame()) return;
    }
  };
  auto key = [&](SDL_Keycode k) {
    SDL_Event event{};
    event.type = SDL_KEYDOWN;
    event.key.keysym.sym = k;
    SDL_PushEvent(&event);
    event.type = SDL_KEYUP;
    SDL_PushEvent(&event);
    pump();
  };
  pump();
  key(SDLK_SPACE);   // home
  key(SDLK_RETURN);  // service
  key(SDLK_TAB);
  key(SDLK_RETURN);  // rating, for care homes
  key(SDLK_TAB);
  key(SDLK_TAB);
  key(SDLK_TAB);
  key(SDLK_TAB);
  key(SDLK_RETURN);  // very good; the words field
  SDL_Event text{};
  text.type = SDL_TEXTINPUT;
  std::snprintf(text.text.text, sizeof(text.text.text), "Kind staff.");
  SDL_PushEvent(&text);
  key(SDLK_TAB);
  key(SDLK_RETURN);  // review
  key(SDLK_RETURN);  // send; thanks
  ASSERT_EQ(kiosk.ViewName(), "thanks");
  pump();

  std::set<std::string> views;
  for (const auto& entry : std::filesystem::directory_iterator(options.screenshot_dir)) {
    if (entry.path().extension() != ".png") continue;
    EXPECT_GT(std::filesystem::file_size(entry.path()), 5000u) << entry.path();
    std::string name = entry.path().stem().string();
    views.insert(name.substr(name.find('-') + 1));
  }
  EXPECT_EQ(views, (std::set<std::string>{"attract", "home", "service", "rating", "more",
                                          "review", "thanks"}));
  std::string command = std::string(SCREENSHOT_CONTRAST) + " " + options.screenshot_dir +
                        " 7.0 > " + dir + "/contrast.txt";
  EXPECT_EQ(std::system(command.c_str()), 0)
      << "contrast below 7:1; see " << dir << "/contrast.txt";
  shell->reset();
  if (!HasFailure()) std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace carevoice::client::ui::testing
