#include "client/ui/screens.h"

namespace carevoice::client::ui {

// Which service is it about? One choice per catalog service, two columns.
Intent DrawServiceScreen(const ScreenContext& ctx, Ui& ui) {
  const Texts& t = ctx.texts;
  ui.Title(t.Get("service.title"), t.Get("service.instruction"));
  const std::string& chosen = ctx.journey.draft().service_id;
  Intent intent;
  bool has_services = ctx.catalog != nullptr && ctx.catalog->services_size() > 0;
  if (!has_services) {
    // Never a dead end: the person can still say what they came to say.
    ui.Paragraph("service.none", t.Get("service.none"));
    if (ui.Choice("service.something_else", t.Get("service.something_else"),
                  chosen == "something_else")) {
      intent = {Intent::Kind::kChooseService, "something_else"};
    }
    return intent;
  }
  ui.Columns(2);
  for (const v1::Service& service : ctx.catalog->services()) {
    if (ui.Choice("service." + service.id(), ServiceName(ctx, service.id()),
                  chosen == service.id())) {
      intent = {Intent::Kind::kChooseService, service.id()};
    }
  }
  ui.Columns(1);
  return intent;
}

}  // namespace carevoice::client::ui
