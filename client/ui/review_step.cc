#include "client/ui/screens.h"

namespace carevoice::client::ui {

// Reads everything back before anything is sent (WCAG 3.3.4), with a way
// to change each answer.
Intent DrawReviewStep(const ScreenContext& ctx, const Step& step, Ui& ui) {
  StepKeys keys = KeysFor(*ctx.journey.spec(), step);
  ui.Title(StepTitle(ctx, keys), JourneyText(ctx, keys.instruction));
  std::vector<const Step*> reviewed = ctx.journey.ReviewedSteps();
  for (const Step* s : reviewed) ui.Paragraph("review." + s->id, ReviewLine(ctx, *s));
  if (!ctx.error.shown.empty()) ui.ErrorText(step.id + ".error", ctx.error);
  Intent intent;
  if (ui.Button(step.id + ".send", JourneyText(ctx, keys.extra[0]),
                JourneyText(ctx, keys.extra[1]))) {
    intent = {Intent::Kind::kSend};
  }
  for (const Step* s : reviewed) {
    StepKeys its = KeysFor(*ctx.journey.spec(), *s);
    if (ui.Button("review.change_" + s->id, JourneyText(ctx, its.change))) {
      intent = {Intent::Kind::kEdit, s->id};
    }
  }
  return intent;
}

}  // namespace carevoice::client::ui
