#include "client/ui/screens.h"

namespace carevoice::client::ui {

// Five large faces, each with words, and a way to skip.
Intent DrawRateStep(const ScreenContext& ctx, const Step& step, Ui& ui) {
  const Texts& t = ctx.texts;
  StepKeys keys = KeysFor(*ctx.journey.spec(), step);
  ui.Title(StepTitle(ctx, keys), JourneyText(ctx, keys.instruction));
  Intent intent;
  int chosen = GetNumber(ctx.journey.draft(), step.field).value_or(0);
  ui.Columns(5);
  for (int r = 1; r <= 5; ++r) {
    if (ui.Choice(step.id + "." + std::to_string(r), t.Get(keys.choices[r - 1]), chosen == r,
                  FaceArt{r})) {
      intent = {Intent::Kind::kChooseNumber, "", r};
    }
  }
  ui.Columns(1);
  if (ui.Button(step.id + ".skip", t.Get("rating.skip"))) {
    intent = {Intent::Kind::kChooseNumber, "", 0};
  }
  return intent;
}

}  // namespace carevoice::client::ui
