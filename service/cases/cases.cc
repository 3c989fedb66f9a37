#include "service/cases/cases.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "base/languages.h"
#include "base/proto_time.h"

namespace carevoice::service::cases {
namespace {

const std::map<std::string, Action, std::less<>>& Moves() {
  static const auto* moves = new std::map<std::string, Action, std::less<>>{
      {"acknowledge", Action::kAcknowledge}, {"agree", Action::kAgreePeriod},
      {"respond", Action::kRespond},         {"close", Action::kClose},
      {"withdraw", Action::kWithdraw},       {"refer", Action::kRefer},
      {"reopen", Action::kReopen}};
  return *moves;
}

// What the person is told when they check their reference.
v1::CaseStatus StatusFor(State state) {
  switch (state) {
    case State::kReceived: return v1::CASE_STATUS_RECEIVED;
    case State::kAcknowledged: return v1::CASE_STATUS_ACKNOWLEDGED;
    case State::kInvestigating: return v1::CASE_STATUS_IN_PROGRESS;
    case State::kResponded: return v1::CASE_STATUS_RESPONDED;
    case State::kClosed:
    case State::kWithdrawn:
    case State::kReferred: return v1::CASE_STATUS_CLOSED;
  }
  return v1::CASE_STATUS_RECEIVED;
}

std::string FormatDay(absl::CivilDay day) { return absl::FormatCivilTime(day); }

std::optional<absl::CivilDay> ParseDay(const std::string& text) {
  absl::CivilDay day;
  if (text.empty() || !absl::ParseCivilTime(text, &day)) return std::nullopt;
  return day;
}

std::string OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kUpheld: return "upheld";
    case Outcome::kPartlyUpheld: return "partly_upheld";
    case Outcome::kNotUpheld: return "not_upheld";
    case Outcome::kUnderConsideration: return "under_consideration";
    case Outcome::kAdopted: return "adopted";
    case Outcome::kAdoptedInPart: return "adopted_in_part";
    case Outcome::kNotTakenForward: return "not_taken_forward";
    case Outcome::kNone: break;
  }
  return "";
}

// The next date that matters: the acknowledgement while it is due, then
// the agreed response date.
std::optional<absl::CivilDay> NextDue(const CaseView& v) {
  // A worry's same-day date is met by its safeguarding decision.
  const bool met = v.record.kind() == "safeguarding" && v.row.safeguarding_decided;
  if (v.state == State::kReceived && v.due.acknowledge_by && !met) return v.due.acknowledge_by;
  if (IsOpen(v.state)) return v.due.respond_by;
  return std::nullopt;
}

}  // namespace

Cases::Cases(store::Store& store, const base::Clock& clock, WorkingDays calendar,
             absl::TimeZone zone, Lexicon themes, const redact::Redactor& redactor)
    : store_(store),
      clock_(clock),
      calendar_(std::move(calendar)),
      zone_(zone),
      themes_(std::move(themes)),
      redactor_(redactor) {}

CaseView Cases::ViewOf(v1::SubmissionRecord record, std::optional<store::CaseRow> row,
                       absl::Time now) const {
  CaseView v;
  v.record = std::move(record);
  if (row) {
    v.row = *std::move(row);
  } else {
    v.row.submission_id = v.record.submission_id();
    v.row.state = std::string(StateName(State::kReceived));
    v.row.statutory = IsStatutory(v.record.submission());
  }
  v.state = StateFromName(v.row.state).value_or(State::kReceived);
  Case c;
  c.kind = v.record.kind();
  c.statutory = v.row.statutory;
  c.arrived_at = base::FromProtoTimestamp(v.record.received_at());
  c.told_at = v.record.has_told_at() ? base::FromProtoTimestamp(v.record.told_at()) : c.arrived_at;
  const v1::Submission& s = v.record.submission();
  if (s.has_complaint() && s.complaint().has_event_date()) {
    const v1::Date& d = s.complaint().event_date();
    c.event_day = absl::CivilDay(d.year(), d.month(), d.day());
    c.late_reason = s.complaint().late_reason();
  }
  c.state = v.state;
  c.acknowledged_at = v.row.acknowledged_at;
  c.agreed_respond_by = ParseDay(v.row.agreed_respond_by);
  c.responded_at = v.row.responded_at;
  c.safeguarding_decided = v.row.safeguarding_decided;
  v.due = ClockOf(c, calendar_, now, zone_);
  v.suggested_themes = themes_.Suggest(WordsOf(v.record.submission()));
  return v;
}

absl::StatusOr<std::vector<CaseView>> Cases::List(const Filter& filter) {
  std::map<std::string, store::CaseRow> rows;
  absl::Status read = store_.WithAccess([&](store::AccessTxn& txn) -> absl::Status {
    absl::StatusOr<std::vector<store::CaseRow>> found = txn.ListCases();
    if (!found.ok()) return found.status();
    for (store::CaseRow& r : *found) rows.emplace(r.submission_id, std::move(r));
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  const absl::Time now = clock_.Now();
  std::vector<CaseView> views;
  absl::StatusOr<std::int64_t> each =
      store_.ForEachSubmission([&](const v1::SubmissionRecord& record) {
        auto it = rows.find(record.submission_id());
        std::optional<store::CaseRow> row;
        if (it != rows.end()) row = it->second;
        CaseView v = ViewOf(record, std::move(row), now);
        if (filter.overdue_only && !v.due.overdue) return true;
        if (!filter.kind.empty() && v.record.kind() != filter.kind) return true;
        if (!filter.assigned_to.empty() && v.row.assigned_to != filter.assigned_to) return true;
        views.push_back(std::move(v));
        return true;
      });
  if (!each.ok()) return each.status();
  auto key = [](const CaseView& v) {
    const bool worry = v.record.kind() == "safeguarding" && !v.row.safeguarding_decided;
    const std::optional<absl::CivilDay> next = NextDue(v);
    return std::make_tuple(!worry, !v.due.overdue, !next.has_value(),
                           next.value_or(absl::CivilDay()), v.record.told_at().seconds(),
                           v.record.submission_id());
  };
  std::sort(views.begin(), views.end(),
            [&](const CaseView& a, const CaseView& b) { return key(a) < key(b); });
  return views;
}

absl::StatusOr<CaseView> Cases::Apply(const std::string& by, const std::string& submission_id,
                                      const Request& request) {
  const absl::Time now = clock_.Now();
  const absl::CivilDay today = absl::ToCivilDay(now, zone_);
  CaseView result;
  absl::Status done = store_.WithAccess([&](store::AccessTxn& txn) -> absl::Status {
    absl::StatusOr<std::optional<v1::SubmissionRecord>> record =
        txn.FindSubmissionRecord(submission_id);
    if (!record.ok()) return record.status();
    if (!record->has_value()) return absl::NotFoundError("no case " + submission_id);
    absl::StatusOr<std::optional<store::CaseRow>> row = txn.FindCase(submission_id);
    if (!row.ok()) return row.status();
    CaseView before = ViewOf(**record, *row, now);
    store::CaseRow next = before.row;
    store::CaseEvent event{submission_id, now, by, request.action};

    if (auto move = Moves().find(request.action); move != Moves().end()) {
      Case c;
      c.kind = before.record.kind();
      c.statutory = before.row.statutory;
      c.state = before.state;
      c.acknowledged_at = before.row.acknowledged_at;
      Move m = request.move;
      m.action = move->second;
      absl::StatusOr<State> to = Next(c, m, today);
      if (!to.ok()) return to.status();
      next.state = std::string(StateName(*to));
      switch (m.action) {
        case Action::kAcknowledge:
          next.acknowledged_at = now;
          event.detail = "contacted by " + m.contact_method;
          break;
        case Action::kAgreePeriod:
          next.agreed_respond_by = FormatDay(*m.respond_by);
          event.detail = "response agreed by " + next.agreed_respond_by;
          break;
        case Action::kRespond:
          next.responded_at = now;
          next.outcome = OutcomeName(m.outcome);
          event.detail = (next.outcome.empty() ? "" : next.outcome + ": ") + m.response;
          break;
        case Action::kWithdraw:
        case Action::kReopen:
          event.detail = m.reason;
          break;
        case Action::kClose:
        case Action::kRefer:
          break;
      }
    } else if (request.action == "make_complaint" || request.action == "make_concern") {
      // "I just want the council to know" and a formal complaint can be
      // turned into each other, with the reason kept: it decides the clock.
      if (before.record.kind() != "complaint") {
        return absl::FailedPreconditionError("only something reported as wrong is a complaint or a concern");
      }
      if (!IsOpen(before.state)) {
        return absl::FailedPreconditionError("it is " + std::string(StateName(before.state)) +
                                             ": reopen it first");
      }
      if (absl::StripAsciiWhitespace(request.move.reason).empty()) {
        return absl::InvalidArgumentError("say why (the person's wish, or what it turned out to be)");
      }
      const bool statutory = request.action == "make_complaint";
      if (statutory == before.row.statutory) {
        return absl::FailedPreconditionError(statutory ? "it is a formal complaint already"
                                                       : "it is a concern already");
      }
      next.statutory = statutory;
      event.detail = request.move.reason;
    } else if (request.action == "assign") {
      if (absl::StripAsciiWhitespace(request.assign_to).empty()) {
        return absl::InvalidArgumentError("say who it is assigned to");
      }
      next.assigned_to = request.assign_to;
      event.detail = "to " + request.assign_to;
    } else if (request.action == "decide") {
      if (before.record.kind() != "safeguarding") {
        return absl::FailedPreconditionError("only a safeguarding worry has a safeguarding decision");
      }
      static const char* const kDecisions[] = {"referred", "no_further_action", "police"};
      if (std::find(std::begin(kDecisions), std::end(kDecisions), request.decision) ==
          std::end(kDecisions)) {
        return absl::InvalidArgumentError(
            "the decision is referred (to the safeguarding team), no_further_action or police");
      }
      if (request.decision == "no_further_action" &&
          absl::StripAsciiWhitespace(request.move.reason).empty()) {
        return absl::InvalidArgumentError("say why no further action is taken");
      }
      next.safeguarding_decided = true;
      event.detail = request.decision + (request.move.reason.empty() ? "" : ": " + request.move.reason);
    } else if (request.action == "note") {
      if (absl::StripAsciiWhitespace(request.note).empty()) {
        return absl::InvalidArgumentError("write the note");
      }
      event.detail = request.note;
    } else if (request.action == "theme") {
      for (const std::string& id : request.themes) {
        if (themes_.Find(id) == nullptr) {
          return absl::InvalidArgumentError("no theme " + id + " (carevoice-admin themes lists them)");
        }
      }
      next.themes = request.themes;
      std::sort(next.themes.begin(), next.themes.end());
      next.themes.erase(std::unique(next.themes.begin(), next.themes.end()), next.themes.end());
      event.detail = next.themes.empty() ? "no themes" : absl::StrJoin(next.themes, ", ");
    } else if (request.action == "publish") {
      const std::string reply(absl::StripAsciiWhitespace(request.reply));
      if (reply.empty()) return absl::InvalidArgumentError("write the reply");
      if (reply.size() > 4000) return absl::InvalidArgumentError("a reply is at most 4,000 bytes: keep it short to hear");
      const v1::Contact& contact = before.record.submission().contact();
      if (absl::Status s = redactor_.Approve(
              reply, {contact.name(), contact.email(), contact.phone(), contact.postal_address()},
              request.confirmed);
          !s.ok()) {
        return s;
      }
      if (!request.reply_language.empty() && !base::IsSupportedLanguage(request.reply_language)) {
        return absl::InvalidArgumentError("the reply's language is one of en-GB, cy, pl, ur, pa, bn");
      }
      next.reply = reply;
      next.reply_language = request.reply_language.empty() ? before.record.submission().language()
                                                           : request.reply_language;
      event.detail = reply;
    } else {
      return absl::InvalidArgumentError(
          "the action is acknowledge, agree, respond, close, withdraw, refer, reopen, assign, "
          "decide, make_complaint, make_concern, note, theme or publish");
    }
    next.updated_at = now;
    const State state = StateFromName(next.state).value_or(State::kReceived);
    if (absl::Status s = txn.PutCase(next, StatusFor(state)); !s.ok()) return s;
    if (absl::Status s = txn.AddCaseEvent(event); !s.ok()) return s;
    // The audit says who did what to which case; what was said stays in
    // the case's own history.
    if (absl::Status s = txn.Audit({now, by, "case_" + request.action + ":" + submission_id, 1});
        !s.ok()) {
      return s;
    }
    result = ViewOf(**record, next, now);
    return absl::OkStatus();
  });
  if (!done.ok()) return done;
  return result;
}

absl::StatusOr<CaseView> Cases::Entered(const std::string& by, const std::string& submission_id,
                                        const std::string& how, absl::CivilDay received_on) {
  const absl::Time now = clock_.Now();
  CaseView result;
  absl::Status done = store_.WithAccess([&](store::AccessTxn& txn) -> absl::Status {
    absl::StatusOr<std::optional<v1::SubmissionRecord>> record =
        txn.FindSubmissionRecord(submission_id);
    if (!record.ok()) return record.status();
    if (!record->has_value()) return absl::NotFoundError("no case " + submission_id);
    CaseView view = ViewOf(**record, std::nullopt, now);
    view.row.updated_at = now;
    if (absl::Status s = txn.PutCase(view.row, v1::CASE_STATUS_RECEIVED); !s.ok()) return s;
    const std::string detail = "received by " + how + " on " + FormatDay(received_on);
    if (absl::Status s = txn.AddCaseEvent({submission_id, now, by, "entered", detail}); !s.ok()) {
      return s;
    }
    if (absl::Status s = txn.Audit({now, by, "case_entered:" + submission_id, 1}); !s.ok()) {
      return s;
    }
    result = std::move(view);
    return absl::OkStatus();
  });
  if (!done.ok()) return done;
  return result;
}

absl::StatusOr<CaseView> Cases::Get(const std::string& by, const std::string& submission_id) {
  const absl::Time now = clock_.Now();
  CaseView result;
  absl::Status done = store_.WithAccess([&](store::AccessTxn& txn) -> absl::Status {
    absl::StatusOr<std::optional<v1::SubmissionRecord>> record =
        txn.FindSubmissionRecord(submission_id);
    if (!record.ok()) return record.status();
    if (!record->has_value()) return absl::NotFoundError("no case " + submission_id);
    absl::StatusOr<std::optional<store::CaseRow>> row = txn.FindCase(submission_id);
    if (!row.ok()) return row.status();
    result = ViewOf(**record, *row, now);
    // Reading a person's words and details is audited, as any such read.
    return txn.Audit({now, by, "case_read:" + submission_id, 1});
  });
  if (!done.ok()) return done;
  return result;
}

absl::StatusOr<std::vector<store::CaseEvent>> Cases::History(const std::string& submission_id) {
  std::vector<store::CaseEvent> events;
  absl::Status read = store_.WithAccess([&](store::AccessTxn& txn) -> absl::Status {
    absl::StatusOr<std::vector<store::CaseEvent>> found = txn.ListCaseEvents(submission_id);
    if (!found.ok()) return found.status();
    events = *std::move(found);
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  return events;
}

}  // namespace carevoice::service::cases
