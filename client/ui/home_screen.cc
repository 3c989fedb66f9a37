#include "client/ui/screens.h"

namespace carevoice::client::ui {

// What would you like to do? One button per journey the kiosk offers.
Intent DrawHomeScreen(const ScreenContext& ctx, Ui& ui) {
  const Texts& t = ctx.texts;
  ui.Title(t.Get("home.title"), t.Get("home.instruction"));
  Intent intent;
  for (const JourneySpec& spec : ctx.journey.journeys()) {
    if (spec.follow_on) continue;  // offered at a journey's end
    std::string key = HomeKey(spec);
    if (ui.Button(key, t.Get(key), t.Get(key + ".hint"))) {
      intent = {Intent::Kind::kBegin, spec.id};
    }
  }
  // Never a surprise later: say now that words will wait on this kiosk.
  if (!ctx.online) ui.Paragraph("home.offline", t.Get("status.offline"));
  return intent;
}

}  // namespace carevoice::client::ui
