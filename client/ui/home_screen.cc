#include "client/ui/screens.h"

namespace carevoice::client::ui {

// What would you like to do? Later issues add complaints, safeguarding
// worries, ideas, consultations and "check on something I told you".
Intent DrawHomeScreen(const ScreenContext& ctx, Ui& ui) {
  const Texts& t = ctx.texts;
  ui.Title(t.Get("home.title"), t.Get("home.instruction"));
  Intent intent;
  if (ui.Button("home.feedback", t.Get("home.feedback"), t.Get("home.feedback.hint"))) {
    intent = {Intent::Kind::kChooseFeedback};
  }
  // Never a surprise later: say now that words will wait on this kiosk.
  if (!ctx.online) ui.Paragraph("home.offline", t.Get("status.offline"));
  return intent;
}

}  // namespace carevoice::client::ui
