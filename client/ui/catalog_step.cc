#include "client/ui/screens.h"

namespace carevoice::client::ui {

// One choice per catalog service, in (at most) two columns.
Intent DrawCatalogStep(const ScreenContext& ctx, const Step& step, Ui& ui) {
  const Texts& t = ctx.texts;
  StepKeys keys = KeysFor(*ctx.journey.spec(), step);
  ui.Title(StepTitle(ctx, keys), JourneyText(ctx, keys.instruction));
  std::string chosen = GetText(ctx.journey.draft(), step.field).value_or("");
  Intent intent;
  bool has_services = ctx.catalog != nullptr && ctx.catalog->services_size() > 0;
  if (!has_services) {
    // Never a dead end: the person can still say what they came to say.
    ui.Paragraph(step.id + ".none", t.Get("service.none"));
    if (ui.Choice(step.id + ".something_else", t.Get("service.something_else"),
                  chosen == "something_else")) {
      intent = {Intent::Kind::kChooseText, "something_else"};
    }
    return intent;
  }
  std::vector<Text> names;
  for (const v1::Service& service : ctx.catalog->services()) {
    names.push_back(ServiceName(ctx, service.id()));
  }
  // Two columns when every name's words fit them, else one.
  ui.Columns(2, names);
  for (int i = 0; i < ctx.catalog->services_size(); ++i) {
    const v1::Service& service = ctx.catalog->services(i);
    if (ui.Choice(step.id + "." + service.id(), names[i], chosen == service.id())) {
      intent = {Intent::Kind::kChooseText, service.id()};
    }
  }
  ui.Columns(1);
  return intent;
}

}  // namespace carevoice::client::ui
