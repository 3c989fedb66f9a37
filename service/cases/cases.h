// Case handling over the Store: every submission is a case; its place in
// the workflow (workflow.h) is kept beside it, each move checked by the
// rules, recorded in its history and audited in one transaction, and the
// person's status (what "check on something I told you" says) kept in
// step. Listing computes each case's clock as of now.
//
// Thread-safety: any thread.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "base/clock.h"
#include "carevoice/v1/carevoice.pb.h"
#include "contract/facts.h"
#include "service/cases/themes.h"
#include "service/cases/workflow.h"
#include "service/cases/working_days.h"
#include "service/redact/redactor.h"
#include "service/store/store.h"

namespace carevoice::service::cases {

struct CaseView {
  v1::SubmissionRecord record;  // whole, words included: callers clear what they must
  store::CaseRow row;           // as stored, or as a case no one has touched yet
  State state = State::kReceived;
  Due due;
  std::vector<std::string> suggested_themes;  // from the person's words (themes.h)
};

struct Filter {
  bool overdue_only = false;
  std::string assigned_to;  // empty: anyone's
  std::string kind;         // empty: every kind
};

// What an officer asks of a case beyond the workflow's moves.
struct Request {
  std::string action;  // a workflow move ("acknowledge", "agree", "respond", "close",
                       // "withdraw", "refer", "reopen"), or "assign", "decide" (a
                       // safeguarding decision), "make_complaint" or "make_concern"
                       // (a concern put on the statutory clock or taken off it, with
                       // a reason)
  Move move;           // the details a workflow move needs
  std::string assign_to;
  std::string decision;  // "referred", "no_further_action" (with a reason), "police"
  std::string note;      // "note": for officers only, never shown to the person
  // "publish": the reply the person hears when they check their reference
  // ("you said, we did"), approved by the redactor; its language (empty:
  // the language the person used); capitalised words the redactor flagged
  // that the officer confirms are not names.
  std::string reply;
  std::string reply_language;
  std::vector<std::string> confirmed;
  std::vector<std::string> themes;  // "theme": ids from the lexicon, replacing the case's
};

class Cases {
 public:
  // `store`, `clock` and `redactor` must outlive this object; days are
  // counted in `zone` (Europe/London) on `calendar`; themes are suggested
  // from `themes`.
  Cases(store::Store& store, const base::Clock& clock, WorkingDays calendar, absl::TimeZone zone,
        Lexicon themes, const redact::Redactor& redactor);

  const Lexicon& themes() const { return themes_; }
  const redact::Redactor& redactor() const { return redactor_; }
  absl::TimeZone zone() const { return zone_; }
  const WorkingDays& calendar() const { return calendar_; }

  // Every case matching `filter`: undecided safeguarding worries first,
  // then overdue ones, then by the next date due, then oldest first.
  absl::StatusOr<std::vector<CaseView>> List(const Filter& filter);

  // Applies `request` to case `submission_id` in `by`'s name. NotFound for
  // no such submission; the rules' FailedPrecondition or InvalidArgument.
  absl::StatusOr<CaseView> Apply(const std::string& by, const std::string& submission_id,
                                 const Request& request);

  // Starts the history of a case an officer entered for a person who
  // complained another way (`how`: phone, letter, in_person, email,
  // other), received by the council on `received_on`. Audited.
  absl::StatusOr<CaseView> Entered(const std::string& by, const std::string& submission_id,
                                   const std::string& how, absl::CivilDay received_on);

  // One case as it stands now, for `by` (audited as read).
  absl::StatusOr<CaseView> Get(const std::string& by, const std::string& submission_id);

  // Its history, oldest first.
  absl::StatusOr<std::vector<store::CaseEvent>> History(const std::string& submission_id);

 private:
  CaseView ViewOf(v1::SubmissionRecord record, std::optional<store::CaseRow> row,
                  absl::Time now) const;

  store::Store& store_;
  const base::Clock& clock_;
  const WorkingDays calendar_;
  const absl::TimeZone zone_;
  const Lexicon themes_;
  const redact::Redactor& redactor_;
};

// Whether a submission is on the statutory clock (contract/facts.h).
using contract::IsStatutory;

}  // namespace carevoice::service::cases
