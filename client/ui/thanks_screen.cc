#include "client/ui/screens.h"

#include "contract/reference_code.h"

namespace carevoice::client::ui {

// The reference, large and spoken one character at a time, and what
// happens next. Shown only once the words are committed to the outbox.
Intent DrawThanksScreen(const ScreenContext& ctx, Ui& ui) {
  const Texts& t = ctx.texts;
  ui.Title(t.Get("thanks.title"), t.Get("thanks.instruction"));
  Intent intent;
  if (const auto& receipt = ctx.journey.receipt()) {
    ui.Paragraph("thanks.reference_label", t.Get("thanks.reference_label"));
    ui.Reference("thanks.reference", contract::FormatReference(receipt->reference),
                 SpellOut(receipt->reference));
  }
  ui.Paragraph("thanks.status", t.Get(ctx.delivered ? "thanks.sent" : "thanks.queued"));
  ui.Paragraph("thanks.next", t.Get("thanks.next"));
  if (ui.Button("thanks.say_again", t.Get("thanks.say_again"))) {
    intent = {Intent::Kind::kSayReference};
  }
  if (ui.Button("thanks.finish", t.Get("thanks.finish"))) {
    intent = {Intent::Kind::kFinish};
  }
  return intent;
}

}  // namespace carevoice::client::ui
