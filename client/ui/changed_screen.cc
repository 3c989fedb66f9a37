#include <algorithm>
#include <vector>

#include "accessibility/announcer.h"
#include "base/proto_time.h"
#include "client/app/ballot_journey.h"
#include "client/ui/screens.h"

namespace carevoice::client::ui {

// Each notice is one paragraph, what people said and then what the council
// did, read on arrival in order: the newest first (by published_at; the
// catalog's later entries first where it is not given).
Intent DrawChangedScreen(const ScreenContext& ctx, Ui& ui) {
  const Texts& t = ctx.texts;
  ui.Title(t.Get("changed.title"), t.Get("changed.instruction"));
  std::vector<const v1::Notice*> notices;
  if (ctx.catalog != nullptr) {
    for (const v1::Notice& n : ctx.catalog->notices()) notices.push_back(&n);
  }
  std::reverse(notices.begin(), notices.end());
  std::stable_sort(notices.begin(), notices.end(), [](const v1::Notice* a, const v1::Notice* b) {
    return base::FromProtoTimestamp(a->published_at()) >
           base::FromProtoTimestamp(b->published_at());
  });
  // The Forum's ballots, once counted: who was elected or what was chosen.
  for (const v1::ForumBallot* b : CountedBallots(ctx.catalog)) {
    const Text title = CatalogText(ctx, b->title(), &b->easy_title());
    v1::QuestionAnswer::Options elected;
    for (const std::string& id : b->result().elected()) elected.add_option_ids(id);
    const Text names = OptionsText(ctx, b->question(), elected, /*numbered=*/false);
    const Text line = t.Format("ballot.results.elected", {title.shown, names.shown},
                               {title.spoken, names.spoken});
    ui.Paragraph("changed.ballot." + b->id(), line);
  }
  for (const v1::Notice* n : notices) {
    const Text said = CatalogText(ctx, n->title(), &n->easy_title());
    const Text did = CatalogText(ctx, n->body(), &n->easy_body(), "speak");
    ui.Paragraph("changed." + n->id(),
                 Text{a11y::JoinSentences(said.shown, did.shown),
                      a11y::JoinSentences(said.spoken, did.spoken), did.picture});
  }
  if (ui.Button("changed.close", t.Get("changed.close"))) return {Intent::Kind::kCloseOverlay};
  return {};
}

}  // namespace carevoice::client::ui
