#include "client/ui/screens.h"

namespace carevoice::client::ui {

// Start again asks first: everything entered would be wiped.
Intent DrawRestartScreen(const ScreenContext& ctx, Ui& ui) {
  const Strings& s = ctx.strings;
  ui.Title(s.Get("restart.title"), s.Get("restart.instruction"));
  Intent intent;
  if (ui.Button("restart.no", s.Get("restart.no"))) intent = {Intent::Kind::kCancelRestart};
  if (ui.Button("restart.yes", s.Get("restart.yes"))) intent = {Intent::Kind::kConfirmRestart};
  return intent;
}

}  // namespace carevoice::client::ui
