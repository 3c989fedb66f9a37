#include "client/ui/screens.h"

#include "client/app/text_edit.h"

namespace carevoice::client::ui {

std::string WordsFieldId(const Step& step) { return step.id + ".words"; }

// Words for one field: typed on a physical keyboard (routed to the field
// by the kiosk) or on the on-screen keyboard below it, by touch, keys or
// switches.
Intent DrawWordsStep(const ScreenContext& ctx, const Step& step, Ui& ui) {
  const Texts& t = ctx.texts;
  StepKeys keys = KeysFor(*ctx.journey.spec(), step);
  ui.Title(StepTitle(ctx, keys), StepInstruction(ctx, step, keys));
  std::string words = ctx.journey.Words();
  ui.TextField(WordsFieldId(step), JourneyText(ctx, keys.field_label), words,
               JourneyText(ctx, keys.field_hint), t.Get("state.empty"),
               IsPersonalField(step.field));
  if (!ctx.error.shown.empty()) ui.ErrorText(step.id + ".error", ctx.error);
  // Nobody is cut off without warning: near the limit, how much room is
  // left is shown (and said as it is reached, see KioskUi::Type).
  if (const std::size_t limit = ctx.journey.WordsLimit(); limit > 0) {
    const std::size_t count = CharacterCount(words);
    if (count >= limit) {
      ui.ErrorText(step.id + ".limit", t.Get("words.limit"));
    } else if (limit - count <= NearLimit(limit)) {
      ui.ErrorText(step.id + ".remaining",
                   t.Format("words.remaining", {std::to_string(limit - count)}));
    }
  }
  Intent intent;
  auto continue_button = [&] {
    if (ui.Button(step.id + ".continue", t.Get("step.continue"))) {
      intent = {Intent::Kind::kContinue};
    }
  };
  // Keys and touch: Continue straight after the field. Switch scans reach
  // the keyboard first, and Continue after it.
  bool switches = ctx.settings.input != "keys";
  if (!switches) continue_button();
  Intent typed = DrawKeyboard(ctx, ui);
  if (typed.kind != Intent::Kind::kNone) intent = typed;
  if (switches) continue_button();
  SkipQuestionButton(ctx, step, ui, intent);
  return intent;
}

}  // namespace carevoice::client::ui
