#include "client/ui/screens.h"

#include "accessibility/announcer.h"

namespace carevoice::client::ui {

// What would you like to do? One button per journey the kiosk offers.
Intent DrawHomeScreen(const ScreenContext& ctx, Ui& ui) {
  const Texts& t = ctx.texts;
  ui.Title(t.Get("home.title"), t.Get("home.instruction"));
  Intent intent;
  for (const JourneySpec& spec : ctx.journey.journeys()) {
    if (spec.follow_on) continue;  // offered at a journey's end
    std::string key = HomeKey(spec);
    if (ui.Button(key, t.Get(key), t.Get(key + ".hint"))) {
      intent = {Intent::Kind::kBegin, spec.id};
    }
  }
  // What the council is asking now: from the catalog, so one published
  // while the kiosk runs appears at its next refresh, and one closed goes.
  // Each is one button, "The council is asking: <its title>", so it is
  // understood when reached on its own, by touch or by ear.
  for (const v1::Consultation* c : ctx.journey.OpenConsultations()) {
    const Text title = CatalogText(ctx, c->title(), &c->easy_title());
    Text label = t.Format("consultation.title", {title.shown}, {title.spoken});
    if (t.easy_read() && !c->picture().empty()) label.picture = c->picture();
    const Text who = CatalogText(ctx, c->who_for());
    const Text closing = ClosingText(ctx, *c);
    const Text hint{a11y::JoinSentences(who.shown, closing.shown),
                    a11y::JoinSentences(who.spoken, closing.spoken), ""};
    if (ui.Button("consultation." + c->id(), label, hint)) {
      intent = {Intent::Kind::kBeginConsultation, c->id()};
    }
  }
  // What the council did with what people said, when it has published any.
  if (ctx.catalog != nullptr && ctx.catalog->notices_size() > 0 &&
      ui.Button("home.changed", t.Get("home.changed"), t.Get("home.changed.hint"))) {
    intent = {Intent::Kind::kOpenChanged};
  }
  // Never a surprise later: say now that words will wait on this kiosk.
  if (!ctx.online) ui.Paragraph("home.offline", t.Get("status.offline"));
  return intent;
}

}  // namespace carevoice::client::ui
