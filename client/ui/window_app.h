// What the window (SdlShell) runs: the public kiosk (KioskUi) or the
// officer console (OfficerUi). The shell hands it SDL events, builds a frame
// when it asks for one, rebuilds the fonts it requests, and saves its
// screens with their registered items. UI thread only.
#pragma once

#include <optional>
#include <string>

#include <SDL.h>

#include "absl/time/time.h"
#include "accessibility/focus.h"
#include "accessibility/registry.h"
#include "accessibility/theme.h"
#include "client/ui/ui.h"

namespace carevoice::client::ui {

class WindowApp {
 public:
  virtual ~WindowApp() = default;

  // Queues an SDL event for the next frame.
  virtual void HandleEvent(const SDL_Event& event) = 0;
  // Builds one frame of a width x height screen (between ImGui::NewFrame
  // and ImGui::Render).
  virtual void Frame(float width, float height) = 0;
  // True when a frame should be built now.
  virtual bool NeedsFrame() const = 0;
  // When it next has something to do by itself: the shell sleeps no longer.
  virtual absl::Time NextDeadline() const = 0;
  // A text-size change: the shell rebuilds the font atlas and calls SetFonts.
  virtual std::optional<float> TakeFontRequest() = 0;
  virtual void SetFonts(const Fonts& fonts) = 0;

  // What is on screen, for screenshots and tests.
  virtual std::string ViewName() const = 0;
  // The view the last frame drew.
  virtual const std::string& drawn_view() const = 0;
  // Frames since the current view appeared.
  virtual int frames_in_view() const = 0;
  virtual const a11y::Registry& registry() const = 0;
  virtual const a11y::FocusModel& focus() const = 0;
  virtual const a11y::Theme& theme() const = 0;
};

}  // namespace carevoice::client::ui
