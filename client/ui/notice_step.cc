#include "client/ui/screens.h"

namespace carevoice::client::ui {

// Words to read before going on -- the numbers to call when someone may be
// in danger. Title and words are spoken on arrival, before any other
// prompt; Repeat (F2) says them again.
Intent DrawNoticeStep(const ScreenContext& ctx, const Step& step, Ui& ui) {
  StepKeys keys = KeysFor(*ctx.journey.spec(), step);
  ui.Title(StepTitle(ctx, keys), NumbersText(ctx, keys.instruction));
  if (ui.Button(step.id + ".continue", JourneyText(ctx, "step.continue"))) {
    return {Intent::Kind::kContinue};
  }
  return {};
}

}  // namespace carevoice::client::ui
