#include "client/ui/key_map.h"
#include "client/ui/screens.h"

namespace carevoice::client::ui {

// At large text sizes the control bar keeps Back and Help and folds the
// rest here, so nothing is lost and the bar stays in the same place.
Intent DrawMoreScreen(const ScreenContext& ctx, Ui& ui) {
  const Texts& t = ctx.texts;
  ui.Title(t.Get("bar_more.title"), t.Get("bar_more.instruction"));
  Intent intent;
  auto command = [&](Command c) {
    intent = {Intent::Kind::kBarCommand, "", static_cast<int>(c)};
  };
  if (ui.Button("bar_more.repeat", t.Get("bar.repeat"))) command(Command::kRepeat);
  if (ui.Button("bar_more.stop", t.Get("bar.stop"))) command(Command::kStop);
  if (ui.Button("bar_more.settings", t.Get("bar.settings"))) command(Command::kSettings);
  if (ui.Button("bar_more.restart", t.Get("bar.restart"))) command(Command::kStartAgain);
  if (ui.Button("bar_more.close", t.Get("bar.back"))) intent = {Intent::Kind::kCloseOverlay};
  return intent;
}

}  // namespace carevoice::client::ui
