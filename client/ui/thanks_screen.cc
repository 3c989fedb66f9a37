#include "client/ui/screens.h"

#include "contract/reference_code.h"

namespace carevoice::client::ui {

// The reference, large and spoken one character at a time, and what
// happens next. Shown only once the words are committed to the outbox.
Intent DrawThanksScreen(const ScreenContext& ctx, Ui& ui) {
  const Strings& s = ctx.strings;
  ui.Title(s.Get("thanks.title"), s.Get("thanks.instruction"));
  Intent intent;
  if (const auto& receipt = ctx.journey.receipt()) {
    ui.Paragraph("thanks.reference_label", s.Get("thanks.reference_label"));
    ui.Reference("thanks.reference", contract::FormatReference(receipt->reference),
                 SpellOut(receipt->reference));
  }
  ui.Paragraph("thanks.status", s.Get(ctx.delivered ? "thanks.sent" : "thanks.queued"));
  ui.Paragraph("thanks.next", s.Get("thanks.next"));
  if (ui.Button("thanks.say_again", s.Get("thanks.say_again"))) {
    intent = {Intent::Kind::kSayReference};
  }
  if (ui.Button("thanks.finish", s.Get("thanks.finish"))) {
    intent = {Intent::Kind::kFinish};
  }
  return intent;
}

}  // namespace carevoice::client::ui
