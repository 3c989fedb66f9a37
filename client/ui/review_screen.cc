#include "client/ui/screens.h"

namespace carevoice::client::ui {

// Reads everything back before anything is sent (WCAG 3.3.4).
Intent DrawReviewScreen(const ScreenContext& ctx, Ui& ui) {
  const Strings& s = ctx.strings;
  const FeedbackDraft& d = ctx.journey.draft();
  ui.Title(s.Get("review.title"), s.Get("review.instruction"));
  ui.Paragraph("review.service", s.Format("review.service", {ServiceName(ctx, d.service_id)}));
  std::string rating = d.rating == v1::RATING_UNSPECIFIED
                           ? s.Get("rating.none")
                           : s.Get("rating." + std::to_string(static_cast<int>(d.rating)));
  ui.Paragraph("review.rating", s.Format("review.rating", {rating}));
  ui.Paragraph("review.words", d.text.empty() ? s.Get("review.no_words")
                                              : s.Format("review.words", {d.text}));
  if (!ctx.error.empty()) ui.ErrorText("review.error", ctx.error);
  Intent intent;
  if (ui.Button("review.send", s.Get("review.send"), s.Get("review.send.hint"))) {
    intent = {Intent::Kind::kSend};
  }
  if (ui.Button("review.change_service", s.Get("review.change_service"))) {
    intent = {Intent::Kind::kEdit, "", static_cast<int>(Screen::kChooseService)};
  }
  if (ui.Button("review.change_rating", s.Get("review.change_rating"))) {
    intent = {Intent::Kind::kEdit, "", static_cast<int>(Screen::kRate)};
  }
  if (ui.Button("review.change_words", s.Get("review.change_words"))) {
    intent = {Intent::Kind::kEdit, "", static_cast<int>(Screen::kTellMore)};
  }
  return intent;
}

}  // namespace carevoice::client::ui
