#include "client/ui/screens.h"

namespace carevoice::client::ui {

// No time traps: before an unattended session is wiped, the kiosk asks,
// shown and spoken, at least 20 seconds ahead. Any key or touch carries on.
Intent DrawIdleScreen(const ScreenContext& ctx, Ui& ui, int seconds_left) {
  const Texts& t = ctx.texts;
  ui.Title(t.Get("idle.title"), t.Format("idle.instruction", {std::to_string(seconds_left)}));
  if (ui.Button("idle.continue", t.Get("idle.continue"))) return {Intent::Kind::kCloseOverlay};
  return {};
}

}  // namespace carevoice::client::ui
