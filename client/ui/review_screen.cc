#include "client/ui/screens.h"

namespace carevoice::client::ui {

// Reads everything back before anything is sent (WCAG 3.3.4).
Intent DrawReviewScreen(const ScreenContext& ctx, Ui& ui) {
  const Texts& t = ctx.texts;
  const FeedbackDraft& d = ctx.journey.draft();
  ui.Title(t.Get("review.title"), t.Get("review.instruction"));
  Text service = ServiceName(ctx, d.service_id);
  ui.Paragraph("review.service",
               t.Format("review.service", {service.shown}, {service.spoken}));
  Text rating = d.rating == v1::RATING_UNSPECIFIED
                    ? t.Get("rating.none")
                    : t.Get("rating." + std::to_string(static_cast<int>(d.rating)));
  ui.Paragraph("review.rating", t.Format("review.rating", {rating.shown}, {rating.spoken}));
  ui.Paragraph("review.words", d.text.empty() ? t.Get("review.no_words")
                                              : t.Format("review.words", {d.text}));
  if (!ctx.error.shown.empty()) ui.ErrorText("review.error", ctx.error);
  Intent intent;
  if (ui.Button("review.send", t.Get("review.send"), t.Get("review.send.hint"))) {
    intent = {Intent::Kind::kSend};
  }
  if (ui.Button("review.change_service", t.Get("review.change_service"))) {
    intent = {Intent::Kind::kEdit, "", static_cast<int>(Screen::kChooseService)};
  }
  if (ui.Button("review.change_rating", t.Get("review.change_rating"))) {
    intent = {Intent::Kind::kEdit, "", static_cast<int>(Screen::kRate)};
  }
  if (ui.Button("review.change_words", t.Get("review.change_words"))) {
    intent = {Intent::Kind::kEdit, "", static_cast<int>(Screen::kTellMore)};
  }
  return intent;
}

}  // namespace carevoice::client::ui
