// The screen host: lays out one frame -- the view in the content area, the
// control bar in the same place on every screen, room at the bottom for
// the captions -- and draws the view through its screen: an overlay, the
// attract or home screen, or the current journey step through the screen
// of its step type. It returns what the person chose; it changes nothing
// itself. UI thread only, between ImGui::NewFrame and ImGui::Render.
#pragma once

#include <optional>
#include <string_view>

#include "accessibility/registry.h"
#include "client/app/session.h"
#include "client/ui/key_map.h"
#include "client/ui/screens.h"
#include "client/ui/ui.h"

namespace carevoice::client::ui {

// What the overlays show besides the session.
struct OverlayContext {
  Text help_title, help_instruction;  // the view Help describes
  int idle_seconds_left = 0;
  StaffView staff{};
};

class ScreenHost {
 public:
  explicit ScreenHost(Ui& ui) : ui_(ui) {}

  struct Drawn {
    Intent intent;                     // chosen on the screen
    std::optional<Command> bar;        // chosen on the control bar
    a11y::Rect caption;                // where the captions go
  };
  // Draws the session's current view on a width x height screen, leaving
  // room for `caption` (the words last spoken) at the bottom.
  Drawn Draw(const ScreenContext& ctx, const Session& session, const OverlayContext& overlay,
             float width, float height, std::string_view caption);

 private:
  Intent DrawView(const ScreenContext& ctx, const Session& session,
                  const OverlayContext& overlay);
  // The controls of the bar; at large text sizes the last four fold into
  // "More" (an intent to open the "more controls" overlay).
  std::optional<Command> DrawBar(const Texts& t, const Ui::BarPlan& plan, float top,
                                 Intent* more);

  Ui& ui_;
};

}  // namespace carevoice::client::ui
