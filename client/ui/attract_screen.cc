#include "client/ui/screens.h"

namespace carevoice::client::ui {

// The first thing a passer-by sees and hears. Any key or touch starts
// (handled by the kiosk); the button is there for pointer and switch users.
Intent DrawAttractScreen(const ScreenContext& ctx, Ui& ui) {
  const Strings& s = ctx.strings;
  ui.Title(s.Get("attract.title"), s.Get("attract.instruction"));
  ui.Paragraph("attract.body", s.Get("attract.body"));
  if (ui.Button("attract.start", s.Get("attract.title"))) {
    return {Intent::Kind::kStart};
  }
  return {};
}

}  // namespace carevoice::client::ui
