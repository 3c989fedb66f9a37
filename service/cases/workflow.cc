#include "service/cases/workflow.h"

#include "absl/strings/ascii.h"

namespace carevoice::service::cases {

bool IsIdeaOutcome(Outcome outcome) {
  return outcome == Outcome::kUnderConsideration || outcome == Outcome::kAdopted ||
         outcome == Outcome::kAdoptedInPart || outcome == Outcome::kNotTakenForward;
}
namespace {

constexpr int kAcknowledgeWorkingDays = 3;

absl::Status Refused(const std::string& why) { return absl::FailedPreconditionError(why); }
absl::Status Missing(const std::string& what) { return absl::InvalidArgumentError(what); }

bool Blank(const std::string& text) { return absl::StripAsciiWhitespace(text).empty(); }

// "it is <state><rest>", for refusals.
std::string ItIs(State state, const std::string& rest) {
  return "it is " + std::string(StateName(state)) + rest;
}

absl::CivilDay DayOf(absl::Time t, absl::TimeZone zone) { return absl::ToCivilDay(t, zone); }

}  // namespace

std::string_view StateName(State state) {
  switch (state) {
    case State::kReceived: return "received";
    case State::kAcknowledged: return "acknowledged";
    case State::kInvestigating: return "investigating";
    case State::kResponded: return "responded";
    case State::kClosed: return "closed";
    case State::kWithdrawn: return "withdrawn";
    case State::kReferred: return "referred to the Ombudsman";
  }
  return "";
}

std::optional<State> StateFromName(std::string_view name) {
  for (State s : {State::kReceived, State::kAcknowledged, State::kInvestigating,
                  State::kResponded, State::kClosed, State::kWithdrawn, State::kReferred}) {
    if (StateName(s) == name) return s;
  }
  return std::nullopt;
}

std::string_view ActionName(Action action) {
  switch (action) {
    case Action::kAcknowledge: return "acknowledge";
    case Action::kAgreePeriod: return "agree a response period";
    case Action::kRespond: return "respond";
    case Action::kClose: return "close";
    case Action::kWithdraw: return "withdraw";
    case Action::kRefer: return "refer to the Ombudsman";
    case Action::kReopen: return "reopen";
  }
  return "";
}

bool IsOpen(State state) {
  return state == State::kReceived || state == State::kAcknowledged ||
         state == State::kInvestigating;
}

absl::StatusOr<State> Next(const Case& c, const Move& move, absl::CivilDay today) {
  const State s = c.state;
  switch (move.action) {
    case Action::kAcknowledge:
      if (s != State::kReceived) {
        return Refused("it is already " + std::string(StateName(s)) + ": acknowledged once");
      }
      if (Blank(move.contact_method)) {
        return Missing("say how the person was contacted (in the format they asked for)");
      }
      return State::kAcknowledged;

    case Action::kAgreePeriod:
      if (s == State::kReceived && c.statutory) {
        return Refused("acknowledge it first; the period is agreed with the person after that");
      }
      if (!IsOpen(s)) return Refused(ItIs(s, ": nothing to agree"));
      if (!move.respond_by) return Missing("give the response date agreed with the person");
      if (*move.respond_by < today) return Missing("the agreed response date is in the past");
      return State::kInvestigating;

    case Action::kRespond:
      if (!IsOpen(s)) return Refused(ItIs(s, ": already answered"));
      if (c.statutory && s == State::kReceived) {
        return Refused("acknowledge it before responding: the person must be offered a talk first");
      }
      if (Blank(move.response)) return Missing("write the response");
      if (c.kind == "idea") {
        // What became of it is heard by the person through their reference.
        if (!IsIdeaOutcome(move.outcome)) {
          return Missing(
              "record what became of the idea: under consideration, adopted, adopted in part "
              "or not taken forward");
        }
      } else if (IsIdeaOutcome(move.outcome)) {
        return Missing("only an idea is adopted or not taken forward");
      }
      if (c.statutory) {
        if (move.outcome == Outcome::kNone) {
          return Missing("record the outcome: upheld, partly upheld or not upheld");
        }
        if (absl::AsciiStrToLower(move.response).find("ombudsman") == std::string::npos) {
          return Missing(
              "the response must tell the person they may go to the Local Government and Social "
              "Care Ombudsman");
        }
      }
      return State::kResponded;

    case Action::kClose:
      if (s == State::kResponded) return State::kClosed;
      if (IsOpen(s) && !c.statutory) return State::kClosed;
      if (IsOpen(s)) {
        return Refused(
            "a complaint is closed only after its response; withdraw it if the person "
            "no longer wants it looked at");
      }
      return Refused("it is already " + std::string(StateName(s)));

    case Action::kWithdraw:
      if (!IsOpen(s)) return Refused(ItIs(s, ": nothing to withdraw"));
      if (Blank(move.reason)) return Missing("say why it is withdrawn");
      return State::kWithdrawn;

    case Action::kRefer:
      if (s != State::kResponded && s != State::kClosed) {
        return Refused("the Ombudsman looks at a complaint once the council has responded");
      }
      return State::kReferred;

    case Action::kReopen:
      if (s != State::kClosed && s != State::kWithdrawn) {
        return Refused(ItIs(s, ": only a closed or withdrawn case is reopened"));
      }
      if (Blank(move.reason)) return Missing("say why it is reopened");
      return c.acknowledged_at ? State::kAcknowledged : State::kReceived;
  }
  return Refused("unknown action");
}

std::string_view WarningText(Warning warning) {
  switch (warning) {
    case Warning::kEventOverTwelveMonths:
      return "what happened was more than 12 months before it was told; see the person's reason";
    case Warning::kNoResponseSixMonths:
      return "six months without a response: the person must be told why";
    case Warning::kAcknowledgementOverdue: return "acknowledgement overdue";
    case Warning::kResponseOverdue: return "response overdue against the agreed date";
    case Warning::kOverdueOnArrival:
      return "arrived after its acknowledgement was due (a device was offline, or it was entered late)";
    case Warning::kSafeguardingUndecided: return "no safeguarding decision recorded yet";
  }
  return "";
}

Due ClockOf(const Case& c, const WorkingDays& calendar, absl::Time now, absl::TimeZone zone) {
  Due due;
  const absl::CivilDay received = DayOf(c.told_at, zone);
  const absl::CivilDay today = DayOf(now, zone);
  const bool safeguarding = c.kind == "safeguarding";
  if (c.statutory || safeguarding) {
    due.acknowledge_by =
        calendar.AddWorkingDays(received, safeguarding ? 0 : kAcknowledgeWorkingDays);
  }
  due.respond_by = c.agreed_respond_by;
  // A worry's same-day date is for its safeguarding decision.
  const bool acknowledged = c.acknowledged_at.has_value() || c.state != State::kReceived ||
                            (safeguarding && c.safeguarding_decided);
  const bool open = IsOpen(c.state);

  if (c.event_day && c.statutory &&
      *c.event_day < absl::CivilDay(received.year() - 1, received.month(), received.day())) {
    due.warnings.push_back(Warning::kEventOverTwelveMonths);
  }
  if (due.acknowledge_by && DayOf(c.arrived_at, zone) > *due.acknowledge_by) {
    due.warnings.push_back(Warning::kOverdueOnArrival);
  }
  if (due.acknowledge_by && !acknowledged && open && today > *due.acknowledge_by) {
    due.warnings.push_back(Warning::kAcknowledgementOverdue);
    due.overdue = true;
  }
  if (due.respond_by && open && !c.responded_at && today > *due.respond_by) {
    due.warnings.push_back(Warning::kResponseOverdue);
    due.overdue = true;
  }
  if (c.statutory && open && !c.responded_at &&
      today >= absl::CivilDay(received.year(), received.month() + 6, received.day())) {
    due.warnings.push_back(Warning::kNoResponseSixMonths);
  }
  if (safeguarding && !c.safeguarding_decided) {
    due.warnings.push_back(Warning::kSafeguardingUndecided);
    // A worry waits for a decision, not only an acknowledgement.
    if (today > *due.acknowledge_by) due.overdue = true;
  }
  return due;
}

}  // namespace carevoice::service::cases
