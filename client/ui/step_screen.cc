#include "client/ui/screens.h"

namespace carevoice::client::ui {

// One screen per step type: the journey decides what is asked, the type
// decides how it is drawn.
Intent DrawStep(const ScreenContext& ctx, Ui& ui) {
  const Step* step = ctx.journey.step();
  if (step == nullptr) return {};
  // Someone may be in danger: the numbers stay in sight above every step.
  if (step->type != StepType::kNotice && DrawNumbersBanner(ctx, ui)) {
    return {Intent::Kind::kSayNumbers};
  }
  switch (step->type) {
    case StepType::kChooseFromCatalog: return DrawCatalogStep(ctx, *step, ui);
    case StepType::kChooseOption: return DrawOptionStep(ctx, *step, ui);
    case StepType::kRate: return DrawRateStep(ctx, *step, ui);
    case StepType::kWords: return DrawWordsStep(ctx, *step, ui);
    case StepType::kReview: return DrawReviewStep(ctx, *step, ui);
    case StepType::kThanks: return DrawThanksStep(ctx, *step, ui);
    case StepType::kNotice:
      if (step->id == "consultation") return DrawConsultationIntro(ctx, *step, ui);
      if (step->id == "ballot") return DrawBallotIntro(ctx, *step, ui);
      if (step->id == "ballot_private") return DrawBallotPrivate(ctx, *step, ui);
      return DrawNoticeStep(ctx, *step, ui);
    case StepType::kQuestion: return DrawQuestionStep(ctx, *step, ui);
    case StepType::kDate: return DrawDateStep(ctx, *step, ui);
    case StepType::kAnswer: return DrawAnswerStep(ctx, *step, ui);
  }
  return {};
}

}  // namespace carevoice::client::ui
