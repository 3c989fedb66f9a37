#include "client/ui/screens.h"

namespace carevoice::client::ui {

// Optional words, typed on a physical keyboard (the on-screen keyboard
// comes with switch access). Typing is routed to the field by the kiosk.
Intent DrawTellMoreScreen(const ScreenContext& ctx, Ui& ui) {
  const Texts& t = ctx.texts;
  ui.Title(t.Get("more.title"), t.Get("more.instruction"));
  ui.TextField(kWordsFieldId, t.Get("more.field"), ctx.words, t.Get("more.field.hint"),
               t.Get("state.empty"));
  if (ctx.words.size() >= ctx.words.max_size()) {
    ui.ErrorText("more.limit", t.Get("more.limit"));
  }
  if (ui.Button("more.continue", t.Get("more.continue"))) {
    return {Intent::Kind::kFinishWords};
  }
  return {};
}

}  // namespace carevoice::client::ui
