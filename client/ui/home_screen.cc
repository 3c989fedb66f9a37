#include "client/ui/screens.h"

namespace carevoice::client::ui {

// What would you like to do? Later issues add complaints, safeguarding
// worries, ideas, consultations and "check on something I told you".
Intent DrawHomeScreen(const ScreenContext& ctx, Ui& ui) {
  const Strings& s = ctx.strings;
  ui.Title(s.Get("home.title"), s.Get("home.instruction"));
  if (ui.Button("home.feedback", s.Get("home.feedback"), s.Get("home.feedback.hint"))) {
    return {Intent::Kind::kChooseFeedback};
  }
  return {};
}

}  // namespace carevoice::client::ui
