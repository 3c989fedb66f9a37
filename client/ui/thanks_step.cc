#include "client/ui/screens.h"

#include "contract/reference_code.h"

namespace carevoice::client::ui {

// The reference and its PIN, large and spoken one character at a time,
// and what happens next. Shown only once the words are committed to the outbox.
Intent DrawThanksStep(const ScreenContext& ctx, const Step& step, Ui& ui) {
  StepKeys keys = KeysFor(*ctx.journey.spec(), step);
  const std::string& k = step.key.empty() ? step.id : step.key;
  ui.Title(StepTitle(ctx, keys), JourneyText(ctx, keys.instruction));
  Intent intent;
  if (const auto& receipt = ctx.journey.receipt(); receipt && ctx.journey.spec()->gives_reference) {
    ui.Paragraph(step.id + ".reference_label", JourneyText(ctx, k + ".reference_label"));
    ui.Reference(step.id + ".reference", contract::FormatReference(receipt->reference),
                 SpellOut(receipt->reference));
    ui.Paragraph(step.id + ".pin_label", JourneyText(ctx, k + ".pin_label"));
    ui.Reference(step.id + ".pin", receipt->pin, SpellOut(receipt->pin));
    // Right under them: it takes the first focus, so the screen opens
    // with the reference and PIN in view, not scrolled past them.
    if (ui.Button(step.id + ".say_again", JourneyText(ctx, k + ".say_again"))) {
      intent = {Intent::Kind::kSayReference};
    }
    ui.Paragraph(step.id + ".pin_note", JourneyText(ctx, k + ".pin_note"));
  }
  // On a care-home tablet, before where the words are: that staff there
  // cannot read them is what makes it safe to say.
  if (ctx.sealed) ui.Paragraph(step.id + ".sealed", JourneyText(ctx, k + ".sealed"));
  // A journey's own words may give the numbers to call ({0} ... {3}).
  if (!ctx.refused.empty() && ctx.texts.speech().Has(ctx.refused)) {
    // Refused by the service (a ballot code used before): said plainly, in
    // place of "received".
    ui.ErrorText(step.id + ".refused", ctx.texts.Get(ctx.refused));
  } else {
    ui.Paragraph(step.id + ".status",
                 NumbersText(ctx, k + (ctx.delivered ? ".sent" : ".queued")));
  }
  ui.Paragraph(step.id + ".next", NumbersText(ctx, k + ".next"));
  // Someone who stayed anonymous where they could have given details is
  // told how they can still hear back.
  if (const auto& receipt = ctx.journey.receipt(); receipt && receipt->chose_anonymous) {
    ui.Paragraph(step.id + ".anonymous", JourneyText(ctx, k + ".anonymous"));
  }
  OfferFollowOn(ctx, ui, intent);
  if (ui.Button(step.id + ".finish", JourneyText(ctx, k + ".finish"))) {
    intent = {Intent::Kind::kFinish};
  }
  return intent;
}

}  // namespace carevoice::client::ui
