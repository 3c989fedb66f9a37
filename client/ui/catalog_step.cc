#include "client/ui/screens.h"

namespace carevoice::client::ui {
namespace {

// A choice's name in the screen's and the speech's languages.
Text ChoiceName(const ScreenContext& ctx, const CatalogChoice& choice) {
  if (choice.localized == nullptr) return Text::Same(choice.name);
  return ServiceName(ctx, choice.id);
}

}  // namespace

// One choice per catalog entry (services, or the providers of the chosen
// service, or the sites of the chosen provider), in (at most) two columns.
Intent DrawCatalogStep(const ScreenContext& ctx, const Step& step, Ui& ui) {
  const Texts& t = ctx.texts;
  StepKeys keys = KeysFor(*ctx.journey.spec(), step);
  ui.Title(StepTitle(ctx, keys), JourneyText(ctx, keys.instruction));
  std::string chosen = GetText(ctx.journey.draft(), step.field).value_or("");
  Intent intent;
  std::vector<CatalogChoice> choices = CatalogChoices(step, ctx.journey.draft(), ctx.catalog);
  if (step.list == CatalogList::kServices && choices.empty()) {
    // Never a dead end: the person can still say what they came to say.
    ui.Paragraph(step.id + ".none", t.Get("service.none"));
    if (ui.Choice(step.id + ".something_else", t.Get("service.something_else"),
                  chosen == "something_else")) {
      intent = {Intent::Kind::kChooseText, "something_else"};
    }
    return intent;
  }
  std::vector<Text> names;
  for (const CatalogChoice& choice : choices) names.push_back(ChoiceName(ctx, choice));
  // Two columns when every name's words fit them, else one.
  ui.Columns(2, names);
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (ui.Choice(step.id + "." + choices[i].id, names[i], chosen == choices[i].id)) {
      intent = {Intent::Kind::kChooseText, choices[i].id};
    }
  }
  ui.Columns(1);
  if (step.list != CatalogList::kServices) {
    // "I do not know" keeps the field empty; shown as chosen only once said.
    bool not_sure = chosen.empty() && ctx.journey.Answered(step);
    if (ui.Choice(step.id + ".not_sure", JourneyText(ctx, keys.extra.front()), not_sure)) {
      intent = {Intent::Kind::kChooseText, ""};
    }
  }
  return intent;
}

}  // namespace carevoice::client::ui
