#include "accessibility/announcer.h"
#include "client/app/session.h"
#include "client/ui/screens.h"

namespace carevoice::client::ui {

Intent DrawBallotIntro(const ScreenContext& ctx, const Step& step, Ui& ui) {
  const Texts& t = ctx.texts;
  const v1::ForumBallot& b = *ctx.journey.spec()->ballot;
  StepKeys keys = KeysFor(*ctx.journey.spec(), step);
  // For whom, how to mark it, when it closes, and that a code is needed:
  // said on arrival.
  const Text who = CatalogText(ctx, b.who_for());
  const bool ranked = b.question().kind() == v1::Question::KIND_RANKING;
  const Text how = !ranked          ? t.Get("ballot.one_mark")
                   : b.seats() == 1 ? t.Get("ballot.seat")
                                    : t.Format("ballot.seats", {std::to_string(b.seats())});
  const Text closing = ClosingText(ctx, *ctx.journey.spec()->consultation, "ballot");
  const Text need = t.Get("ballot.need_code");
  Text instruction = who;
  for (const Text* more : {&how, &closing, &need}) {
    instruction.shown = a11y::JoinSentences(instruction.shown, more->shown);
    instruction.spoken = a11y::JoinSentences(instruction.spoken, more->spoken);
  }
  instruction.picture = how.picture;
  Text title = StepTitle(ctx, keys);
  if (t.easy_read() && !b.picture().empty()) title.picture = b.picture();
  ui.Title(title, instruction);
  if (ui.Button(step.id + ".continue", t.Get("step.continue"))) {
    return {Intent::Kind::kContinue};
  }
  return {};
}

Intent DrawBallotPrivate(const ScreenContext& ctx, const Step& step, Ui& ui) {
  const Texts& t = ctx.texts;
  StepKeys keys = KeysFor(*ctx.journey.spec(), step);
  ui.Title(StepTitle(ctx, keys), JourneyText(ctx, keys.instruction));
  Intent intent;
  // The same switch as in the settings, here where it matters.
  if (ui.Toggle(step.id + ".listening", t.Get("settings.private"),
                ctx.settings.private_listening, t.Get("state.on"), t.Get("state.off"))) {
    intent = {Intent::Kind::kChangeSetting, kSettingPrivate, 0};
  }
  if (ctx.settings.private_listening) {
    ui.Paragraph(step.id + ".warning", t.Get("private.warning"));
  }
  if (ui.Button(step.id + ".continue", t.Get("step.continue"))) {
    intent = {Intent::Kind::kContinue};
  }
  return intent;
}

}  // namespace carevoice::client::ui
