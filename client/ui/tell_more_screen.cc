#include "client/ui/screens.h"

namespace carevoice::client::ui {

// Optional words, typed on a physical keyboard (the on-screen keyboard
// comes with switch access). Typing is routed to the field by the kiosk.
Intent DrawTellMoreScreen(const ScreenContext& ctx, Ui& ui) {
  const Strings& s = ctx.strings;
  ui.Title(s.Get("more.title"), s.Get("more.instruction"));
  ui.TextField(kWordsFieldId, s.Get("more.field"), ctx.words, s.Get("more.field.hint"),
               s.Get("state.empty"));
  if (ctx.words.size() >= ctx.words.max_size()) {
    ui.ErrorText("more.limit", s.Get("more.limit"));
  }
  if (ui.Button("more.continue", s.Get("more.continue"))) {
    return {Intent::Kind::kFinishWords};
  }
  return {};
}

}  // namespace carevoice::client::ui
