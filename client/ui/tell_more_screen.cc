#include "client/ui/screens.h"

namespace carevoice::client::ui {

// Optional words: typed on a physical keyboard (routed to the field by the
// kiosk) or on the on-screen keyboard below it, by touch, keys or switches.
Intent DrawTellMoreScreen(const ScreenContext& ctx, Ui& ui) {
  const Texts& t = ctx.texts;
  ui.Title(t.Get("more.title"), t.Get("more.instruction"));
  ui.TextField(kWordsFieldId, t.Get("more.field"), ctx.words, t.Get("more.field.hint"),
               t.Get("state.empty"));
  if (ctx.words.size() >= ctx.words.max_size()) {
    ui.ErrorText("more.limit", t.Get("more.limit"));
  }
  Intent intent;
  auto continue_button = [&] {
    if (ui.Button("more.continue", t.Get("more.continue"))) {
      intent = {Intent::Kind::kFinishWords};
    }
  };
  // Keys and touch: Continue straight after the field. Switch scans reach
  // the keyboard first, and Continue after it.
  bool switches = ctx.settings.input != "keys";
  if (!switches) continue_button();
  Intent typed = DrawKeyboard(ctx, ui);
  if (typed.kind != Intent::Kind::kNone) intent = typed;
  if (switches) continue_button();
  return intent;
}

}  // namespace carevoice::client::ui
