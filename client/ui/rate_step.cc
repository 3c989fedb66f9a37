#include "client/ui/screens.h"

namespace carevoice::client::ui {

// Five large faces, each with words, and a way to skip.
Intent DrawRateStep(const ScreenContext& ctx, const Step& step, Ui& ui) {
  const Texts& t = ctx.texts;
  StepKeys keys = KeysFor(*ctx.journey.spec(), step);
  ui.Title(StepTitle(ctx, keys), JourneyText(ctx, keys.instruction));
  Intent intent;
  int chosen = GetNumber(ctx.journey.draft(), step.field).value_or(0);
  std::vector<Text> labels;
  for (int r = 1; r <= 5; ++r) labels.push_back(t.Get(keys.choices[r - 1]));
  // Five in a row when their words fit; fewer, or one to a row with the
  // face beside the words, when the text is large.
  ui.Columns(5, labels);
  for (int r = 1; r <= 5; ++r) {
    if (ui.Choice(step.id + "." + std::to_string(r), labels[r - 1], chosen == r,
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
