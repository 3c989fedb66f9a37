// The window the kiosk lives in: SDL2 + OpenGL 3 + Dear ImGui's OpenGL
// renderer. It pumps SDL events into the kiosk or the officer console
// (a WindowApp), builds frames only when
// something changed (so an idle kiosk uses almost no CPU), and can write a
// PNG screenshot plus the registry's boxes of each screen it shows. UI
// thread only.
#pragma once

#include <memory>
#include <string>

#include <SDL.h>

#include "absl/status/statusor.h"
#include "client/ui/window_app.h"
#include "imgui.h"

namespace carevoice::client::ui {

struct ShellOptions {
  int width = 1280;
  int height = 800;
  bool fullscreen = false;
  // When set, each screen is saved as NN-<view>.png and NN-<view>.json
  // (registered items and their boxes) once it has settled, on its third
  // frame, before any input can act on it.
  std::string screenshot_dir;
};

class SdlShell {
 public:
  // Opens the window and GL context and creates the ImGui context. Fails
  // with SDL's message when there is no display or no OpenGL.
  static absl::StatusOr<std::unique_ptr<SdlShell>> Create(const ShellOptions& options);
  ~SdlShell();

  ImGuiIO& io() { return ImGui::GetIO(); }

  // Runs until the window is closed, SIGINT/SIGTERM arrive (SDL turns them
  // into SDL_QUIT), or `*stop` becomes true (seen within kStopCheckMs).
  // Between frames it sleeps until an event, a wake-up, or the kiosk's own
  // next deadline. Returns the process exit code.
  int Run(WindowApp& app, const volatile bool* stop = nullptr);
  static constexpr int kStopCheckMs = 5000;
  // Hands every waiting SDL event to the kiosk and builds a frame if one is
  // needed; when nothing is, waits up to `wait_ms` for an event. Returns
  // false once SDL_QUIT has arrived.
  bool Step(WindowApp& app, int wait_ms);

  // Wakes the window loop from any thread (an SDL user event), so that it
  // can sleep until there is something to show instead of polling.
  static void WakeFromAnyThread();

  // Writes the current back buffer as PNG.
  bool SaveScreenshot(const std::string& path);

 private:
  SdlShell(SDL_Window* window, SDL_GLContext gl, ShellOptions options);
  void RenderFrame(WindowApp& app);
  void MaybeScreenshot(WindowApp& app);

  SDL_Window* window_;
  SDL_GLContext gl_;
  ShellOptions options_;
  int screenshots_ = 0;
  std::string saved_layout_;  // of the last screen saved
  std::string last_shot_view_;
};

// How long the window loop may sleep: until `until` (rounded up, at least
// 1 ms), never more than `max_ms`; an infinite `until` means `max_ms`.
int WaitMillis(absl::Duration until, int max_ms);

// Writes `app`'s registered items as JSON (for screenshot analysis).
std::string RegistryJson(const WindowApp& app);

}  // namespace carevoice::client::ui
