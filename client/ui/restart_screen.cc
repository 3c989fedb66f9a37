#include "client/ui/screens.h"

namespace carevoice::client::ui {

// Start again asks first: everything entered would be wiped.
Intent DrawRestartScreen(const ScreenContext& ctx, Ui& ui) {
  const Texts& t = ctx.texts;
  ui.Title(t.Get("restart.title"), t.Get("restart.instruction"));
  Intent intent;
  if (ui.Button("restart.no", t.Get("restart.no"))) intent = {Intent::Kind::kCancelRestart};
  if (ui.Button("restart.yes", t.Get("restart.yes"))) intent = {Intent::Kind::kConfirmRestart};
  return intent;
}

}  // namespace carevoice::client::ui
