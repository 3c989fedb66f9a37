#include "client/ui/screens.h"

#include "absl/time/time.h"

namespace carevoice::client::ui {
namespace {

const char* StatusKey(v1::CaseStatus status) {
  switch (status) {
    case v1::CASE_STATUS_ACKNOWLEDGED: return "acknowledged";
    case v1::CASE_STATUS_IN_PROGRESS: return "in_progress";
    case v1::CASE_STATUS_RESPONDED: return "responded";
    case v1::CASE_STATUS_CLOSED: return "closed";
    default: return "received";
  }
}

}  // namespace

// "Check on something I told you": while the council is asked, a line
// saying so; then where it has got to and the council's reply, or one
// plain answer for a reference or PIN that does not match (the same for
// both), or that the council could not be asked now. Each is spoken as it
// appears.
Intent DrawAnswerStep(const ScreenContext& ctx, const Step& step, Ui& ui) {
  StepKeys keys = KeysFor(*ctx.journey.spec(), step);
  const std::string& k = step.key.empty() ? step.id : step.key;
  ui.Title(StepTitle(ctx, keys), JourneyText(ctx, keys.instruction));
  const std::optional<CheckAnswer>* answer = ctx.check_answer;
  if (answer == nullptr || !answer->has_value()) {
    ui.Paragraph(step.id + ".looking", JourneyText(ctx, k + ".looking"));
    return {};
  }
  const CheckAnswer& a = **answer;
  switch (a.outcome) {
    case CheckAnswer::Outcome::kUnreachable:
      ui.Paragraph(step.id + ".unreachable", JourneyText(ctx, k + ".unreachable"));
      break;
    case CheckAnswer::Outcome::kNotFound:
      ui.Paragraph(step.id + ".not_found", JourneyText(ctx, k + ".not_found"));
      break;
    case CheckAnswer::Outcome::kFound: {
      ui.Paragraph(step.id + ".status",
                   JourneyText(ctx, k + ".status." + StatusKey(a.status)));
      // An idea: what became of it, before the reply that says why. An
      // outcome this kiosk does not know of yet is left to the reply.
      for (const char* outcome : kIdeaOutcomes) {
        if (a.idea_outcome == outcome) {
          ui.Paragraph(step.id + ".idea", JourneyText(ctx, k + ".idea." + outcome));
        }
      }
      if (a.updated_at > absl::UnixEpoch()) {
        const absl::CivilDay day = absl::ToCivilDay(a.updated_at, absl::LocalTimeZone());
        v1::Date date;
        date.set_year(static_cast<int>(day.year()));
        date.set_month(day.month());
        date.set_day(day.day());
        const Text when = DateText(ctx.texts, date);
        ui.Paragraph(step.id + ".updated",
                     ctx.texts.Format(k + ".updated", {when.shown}, {when.spoken}));
      }
      if (a.reply.empty()) {
        ui.Paragraph(step.id + ".no_reply", JourneyText(ctx, k + ".no_reply"));
      } else {
        ui.Paragraph(step.id + ".reply_label", JourneyText(ctx, k + ".reply_label"));
        // The council's own words, as published (the redactor passed them).
        ui.Paragraph(step.id + ".reply", Text::Same(a.reply));
      }
      break;
    }
  }
  Intent intent;
  if (ui.Button(step.id + ".again", JourneyText(ctx, k + ".again"))) {
    intent = {Intent::Kind::kCheckAgain};
  }
  OfferFollowOn(ctx, ui, intent);
  if (ui.Button(step.id + ".finish", JourneyText(ctx, k + ".finish"))) {
    intent = {Intent::Kind::kFinish};
  }
  return intent;
}

}  // namespace carevoice::client::ui
