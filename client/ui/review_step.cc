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
  // Every question of a consultation skipped, or a ballot unmarked:
  // nothing to send, and the person is told so rather than offered a Send
  // that cannot count.
  const std::string nothing = ctx.journey.NothingToSend();
  if (!nothing.empty()) {
    ui.Paragraph(step.id + ".none", ctx.texts.Get(nothing));
  } else if (ui.Button(step.id + ".send", JourneyText(ctx, keys.extra[0]),
                       JourneyText(ctx, keys.extra[1]))) {
    intent = {Intent::Kind::kSend};
  }
  for (const Step* s : reviewed) {
    StepKeys its = KeysFor(*ctx.journey.spec(), *s);
    // A question's change names its number ("Change your answer to question 2").
    Text change = s->question != nullptr
                      ? ctx.texts.Format(JourneyKey(ctx, its.change), {std::to_string(s->number)})
                      : JourneyText(ctx, its.change);
    if (ui.Button("review.change_" + s->id, change)) {
      intent = {Intent::Kind::kEdit, s->id};
    }
  }
  return intent;
}

}  // namespace carevoice::client::ui
