#include "client/ui/screens.h"

namespace carevoice::client::ui {

// Five large faces, each with words, and a way to skip.
Intent DrawRatingScreen(const ScreenContext& ctx, Ui& ui) {
  const Texts& t = ctx.texts;
  Text service = ServiceName(ctx, ctx.journey.draft().service_id);
  ui.Title(t.Format("rating.title", {service.shown}, {service.spoken}),
           t.Get("rating.instruction"));
  Intent intent;
  int chosen = static_cast<int>(ctx.journey.draft().rating);
  ui.Columns(5);
  for (int r = 1; r <= 5; ++r) {
    std::string key = "rating." + std::to_string(r);
    if (ui.Choice(key, t.Get(key), chosen == r, FaceArt{r})) {
      intent = {Intent::Kind::kChooseRating, "", r};
    }
  }
  ui.Columns(1);
  if (ui.Button("rating.skip", t.Get("rating.skip"))) {
    intent = {Intent::Kind::kChooseRating, "", 0};
  }
  return intent;
}

}  // namespace carevoice::client::ui
