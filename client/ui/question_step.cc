#include <algorithm>

#include "accessibility/announcer.h"
#include "client/app/consultation_journey.h"
#include "client/ui/screens.h"

namespace carevoice::client::ui {
namespace {

Text OptionLabel(const ScreenContext& ctx, const v1::Question::Option& option) {
  return CatalogText(ctx, option.label(), &option.easy_label(), option.picture());
}

// The current answer's chosen options, or its order (none yet: empty).
const v1::QuestionAnswer::Options& Given(const ScreenContext& ctx, bool ranking) {
  static const v1::QuestionAnswer::Options* const kNone = new v1::QuestionAnswer::Options();
  const v1::QuestionAnswer* answer = ctx.journey.QuestionAnswer();
  if (answer == nullptr) return *kNone;
  if (ranking) return answer->has_ranking() ? answer->ranking() : *kNone;
  return answer->has_choices() ? answer->choices() : *kNone;
}

bool Has(const v1::QuestionAnswer::Options& ids, const std::string& id) {
  return std::find(ids.option_ids().begin(), ids.option_ids().end(), id) !=
         ids.option_ids().end();
}

// Choose-several: each option a tick box, said "selected" or "not
// selected", and how many are chosen of how many allowed.
void DrawSeveral(const ScreenContext& ctx, const Step& step, Ui& ui, Intent& intent) {
  const Texts& t = ctx.texts;
  const v1::QuestionAnswer::Options& chosen = Given(ctx, /*ranking=*/false);
  for (const v1::Question::Option& option : step.question->options()) {
    if (ui.Toggle(step.id + "." + option.id(), OptionLabel(ctx, option),
                  Has(chosen, option.id()), t.Get("state.selected"),
                  t.Get("state.not_selected"))) {
      intent = {Intent::Kind::kToggleChoice, option.id()};
    }
  }
  ui.Paragraph(step.id + ".count",
               t.Format("question.chosen_count",
                        {std::to_string(chosen.option_ids_size()),
                         std::to_string(step.question->max_choices())}));
  if (!ctx.error.shown.empty()) ui.ErrorText(step.id + ".error", ctx.error);
  if (ui.Button(step.id + ".continue", t.Get("step.continue"))) {
    intent = {Intent::Kind::kContinue};
  }
}

// Ranking without dragging: the order so far is read out, and the options
// not yet placed are offered, the one chosen going next. Anyone can do it
// with one switch; the last one left goes last by itself.
void DrawRanking(const ScreenContext& ctx, const Step& step, Ui& ui, Intent& intent) {
  const Texts& t = ctx.texts;
  const v1::QuestionAnswer::Options& order = Given(ctx, /*ranking=*/true);
  if (order.option_ids().empty()) {
    ui.Paragraph(step.id + ".order", t.Get("question.ranking.none"));
  } else {
    const Text listed = OptionsText(ctx, *step.question, order, /*numbered=*/true);
    ui.Paragraph(step.id + ".order",
                 t.Format("question.ranking.order", {listed.shown}, {listed.spoken}));
  }
  for (const v1::Question::Option& option : step.question->options()) {
    if (Has(order, option.id())) continue;
    if (ui.Choice(step.id + "." + option.id(), OptionLabel(ctx, option), false)) {
      intent = {Intent::Kind::kRankNext, option.id()};
    }
  }
  if (!order.option_ids().empty()) {
    if (ui.Button(step.id + ".continue", t.Get("step.continue"))) {
      intent = {Intent::Kind::kContinue};
    }
    if (ui.Button(step.id + ".again", t.Get("question.ranking.again"))) {
      intent = {Intent::Kind::kClearRanking};
    }
  }
}

}  // namespace

Intent DrawQuestionStep(const ScreenContext& ctx, const Step& step, Ui& ui) {
  StepKeys keys = KeysFor(*ctx.journey.spec(), step);
  ui.Title(StepTitle(ctx, keys), StepInstruction(ctx, step, keys));
  const v1::QuestionAnswer* answer = ctx.journey.QuestionAnswer();
  Intent intent;
  switch (step.question->kind()) {
    case v1::Question::KIND_MULTIPLE_CHOICE:
      DrawSeveral(ctx, step, ui, intent);
      break;
    case v1::Question::KIND_RANKING:
      DrawRanking(ctx, step, ui, intent);
      break;
    case v1::Question::KIND_AGREEMENT:
      // Strongly agree first, one to a row, the words never squeezed.
      for (int point = 1; point <= 5; ++point) {
        const bool chosen = answer != nullptr && answer->agreement() == point;
        if (ui.Choice(step.id + ".agreement_" + std::to_string(point),
                      ctx.texts.Get(keys.choices[point - 1]), chosen)) {
          intent = {Intent::Kind::kChooseNumber, "", point};
        }
      }
      break;
    default: {
      std::vector<Text> labels;
      for (const v1::Question::Option& o : step.question->options()) {
        labels.push_back(OptionLabel(ctx, o));
      }
      ui.Columns(2, labels);
      for (int i = 0; i < step.question->options_size(); ++i) {
        const v1::Question::Option& option = step.question->options(i);
        const bool chosen = answer != nullptr && answer->choice_id() == option.id();
        if (ui.Choice(step.id + "." + option.id(), labels[i], chosen)) {
          intent = {Intent::Kind::kChooseText, option.id()};
        }
      }
      ui.Columns(1);
      break;
    }
  }
  SkipQuestionButton(ctx, step, ui, intent);
  return intent;
}

Intent DrawConsultationIntro(const ScreenContext& ctx, const Step& step, Ui& ui) {
  const Texts& t = ctx.texts;
  const v1::Consultation& c = *ctx.journey.spec()->consultation;
  StepKeys keys = KeysFor(*ctx.journey.spec(), step);
  // Title, who it is for, and how many questions: said on arrival.
  const Text who = CatalogText(ctx, c.who_for());
  const Text how = t.Format("consultation.questions", {std::to_string(c.questions_size())});
  const Text closing = ClosingText(ctx, c);
  Text instruction{a11y::JoinSentences(a11y::JoinSentences(who.shown, how.shown), closing.shown),
                   a11y::JoinSentences(a11y::JoinSentences(who.spoken, how.spoken),
                                       closing.spoken),
                   how.picture};
  Text title = StepTitle(ctx, keys);
  if (t.easy_read() && !c.picture().empty()) title.picture = c.picture();
  ui.Title(title, instruction);
  if (ui.Button(step.id + ".continue", t.Get("step.continue"))) {
    return {Intent::Kind::kContinue};
  }
  return {};
}

}  // namespace carevoice::client::ui
