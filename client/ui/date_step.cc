#include "client/ui/screens.h"

namespace carevoice::client::ui {

// A day, found by moving back from today: no typing, no dragging, no
// calendar grid to scan. Each press says the new date; a day after today
// is refused, shown and spoken.
Intent DrawDateStep(const ScreenContext& ctx, const Step& step, Ui& ui) {
  StepKeys keys = KeysFor(*ctx.journey.spec(), step);
  const Texts& t = ctx.texts;
  ui.Title(StepTitle(ctx, keys), StepInstruction(ctx, step, keys));
  ui.Paragraph(step.id + ".shown", DateText(t, ctx.journey.DateShown()));
  if (!ctx.error.shown.empty()) ui.ErrorText(step.id + ".error", ctx.error);
  Intent intent;
  struct Move {
    const char* unit;
    int delta;
    const char* id;  // widget id suffix; its label is "date.<id>"
  };
  // Earlier first: a date in the past is what is asked for.
  static constexpr Move kMoves[3][2] = {
      {{"day", -1, "day_before"}, {"day", 1, "day_after"}},
      {{"month", -1, "month_before"}, {"month", 1, "month_after"}},
      {{"year", -1, "year_before"}, {"year", 1, "year_after"}},
  };
  auto label = [&](const Move& move) { return t.Get(std::string("date.") + move.id); };
  for (const auto& pair : kMoves) {
    ui.Columns(2, {label(pair[0]), label(pair[1])});
    for (const Move& move : pair) {
      if (ui.Button(step.id + "." + move.id, label(move))) {
        intent = {Intent::Kind::kShiftDate, move.unit, move.delta};
      }
    }
  }
  ui.Columns(1);
  if (ui.Button(step.id + ".continue", JourneyText(ctx, "step.continue"))) {
    intent = {Intent::Kind::kContinue};
  }
  return intent;
}

}  // namespace carevoice::client::ui
