#include "client/ui/screens.h"

namespace carevoice::client::ui {

// One of a few fixed answers (yes or no, a reply format ...), one per row
// so that no answer's words are ever squeezed.
Intent DrawOptionStep(const ScreenContext& ctx, const Step& step, Ui& ui) {
  StepKeys keys = KeysFor(*ctx.journey.spec(), step);
  ui.Title(StepTitle(ctx, keys), StepInstruction(ctx, step, keys));
  // A default value is not an answer: nothing shows as chosen until the
  // person has chosen.
  std::optional<int> chosen;
  absl::StatusOr<int> value = GetNumber(ctx.journey.draft(), step.field);
  if (ctx.journey.Answered(step) && value.ok()) chosen = *value;
  Intent intent;
  for (std::size_t i = 0; i < step.options.size(); ++i) {
    const Option& option = step.options[i];
    if (!Offered(option, ctx.journey.draft())) continue;
    if (ui.Choice(step.id + "." + option.id, JourneyText(ctx, keys.choices[i]),
                  chosen == option.value)) {
      intent = {Intent::Kind::kChooseNumber, "", option.value};
    }
  }
  return intent;
}

}  // namespace carevoice::client::ui
