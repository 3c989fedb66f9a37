#include "client/ui/screens.h"

namespace carevoice::client::ui {

// The first thing a passer-by sees and hears. Any key or touch starts
// (handled by the kiosk); the button is there for pointer and switch users.
Intent DrawAttractScreen(const ScreenContext& ctx, Ui& ui) {
  const Texts& t = ctx.texts;
  ui.Title(t.Get("attract.title"), t.Get("attract.instruction"));
  ui.Paragraph("attract.body", t.Get("attract.body"));
  Intent intent;
  if (ui.Button("attract.start", t.Get("attract.title"))) intent = {Intent::Kind::kStart};
  // Choose first: speech, colours, size, language ... before starting.
  ui.Paragraph("attract.settings_hint", t.Get("attract.settings_hint"));
  if (ui.Button("attract.settings", t.Get("settings.title"))) {
    intent = {Intent::Kind::kOpenSettings};
  }
  return intent;
}

}  // namespace carevoice::client::ui
