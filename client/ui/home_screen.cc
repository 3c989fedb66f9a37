#include "client/ui/screens.h"

#include "accessibility/announcer.h"
#include "client/app/ballot_journey.h"

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
  // Forum ballots open now, the same way: "Vote in a Forum ballot: <title>".
  for (const v1::ForumBallot* b : ctx.journey.OpenBallots()) {
    const Text title = CatalogText(ctx, b->title(), &b->easy_title());
    Text label = t.Format("ballot.title", {title.shown}, {title.spoken});
    if (t.easy_read() && !b->picture().empty()) label.picture = b->picture();
    const Text closing = ClosingText(ctx, BallotAsConsultation(*b), "ballot");
    const Text need = t.Get("ballot.need_code");
    const Text hint{a11y::JoinSentences(need.shown, closing.shown),
                    a11y::JoinSentences(need.spoken, closing.spoken), ""};
    if (ui.Button("ballot." + b->id(), label, hint)) {
      intent = {Intent::Kind::kBeginBallot, b->id()};
    }
  }
  // What the council did with what people said, and the Forum's results,
  // when there are any.
  if (ctx.catalog != nullptr &&
      (ctx.catalog->notices_size() > 0 || !CountedBallots(ctx.catalog).empty()) &&
      ui.Button("home.changed", t.Get("home.changed"), t.Get("home.changed.hint"))) {
    intent = {Intent::Kind::kOpenChanged};
  }
  // Never a surprise later: say now that words will wait on this kiosk.
  if (!ctx.online) ui.Paragraph("home.offline", t.Get("status.offline"));
  return intent;
}

}  // namespace carevoice::client::ui
