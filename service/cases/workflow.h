// The life of a case and its statutory clock (England, the Local Authority
// Social Services and National Health Service Complaints (England)
// Regulations 2009), as pure functions: which moves are allowed from which
// state and what each needs, and when a case is due. The store keeps the
// state and its history; this says what is lawful and sensible.
//
//   received --acknowledge--> acknowledged --agree period--> investigating
//       |                         |                              |
//       +-------------------------+---------respond--------------+--> responded --close--> closed
//   any open state --withdraw (reason)--> withdrawn
//   responded, closed --refer--> referred (to the Ombudsman)
//   closed, withdrawn --reopen (reason)--> acknowledged (or received)
//
// A statutory complaint may not be closed without a response, nor
// responded to before it is acknowledged, and its response must name the
// Local Government and Social Care Ombudsman. A concern the person said
// they only want the council to know, feedback and ideas have no clock;
// they may be answered or closed from any open state.
//
// Receipt is when the person told the kiosk (told_at), not when an offline
// kiosk later synced. Day 0 is the day of receipt in England's time; the
// acknowledgement is due 3 working days later, a safeguarding worry the
// same working day.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "service/cases/working_days.h"

namespace carevoice::service::cases {

enum class State { kReceived, kAcknowledged, kInvestigating, kResponded, kClosed, kWithdrawn,
                   kReferred };
enum class Action { kAcknowledge, kAgreePeriod, kRespond, kClose, kWithdraw, kRefer, kReopen };
// A complaint's (upheld ...) or an idea's (under consideration ...).
enum class Outcome { kNone, kUpheld, kPartlyUpheld, kNotUpheld, kUnderConsideration, kAdopted,
                     kAdoptedInPart, kNotTakenForward };
bool IsIdeaOutcome(Outcome outcome);

std::string_view StateName(State state);    // "received", ...
std::optional<State> StateFromName(std::string_view name);  // as StateName writes it
std::string_view ActionName(Action action);  // "acknowledge", ...
bool IsOpen(State state);  // received, acknowledged, investigating

// What the rules need to know of a case.
struct Case {
  std::string kind;          // "feedback", "complaint", "safeguarding", ...
  bool statutory = false;    // a formal complaint: on the clock
  absl::Time told_at;        // receipt
  absl::Time arrived_at;     // when the service got it
  std::optional<absl::CivilDay> event_day;  // complaints: when it happened
  std::string late_reason;   // the person's, for an event over 12 months before
  State state = State::kReceived;
  std::optional<absl::Time> acknowledged_at;
  std::optional<absl::CivilDay> agreed_respond_by;
  std::optional<absl::Time> responded_at;
  bool safeguarding_decided = false;
};

// What an officer asks for.
struct Move {
  Action action;
  std::string reason;        // withdraw, reopen: required
  std::string contact_method;  // acknowledge: how the person was told (required)
  std::optional<absl::CivilDay> respond_by;  // agree period: required
  std::string response;      // respond: required
  Outcome outcome = Outcome::kNone;  // respond: required for a statutory complaint, an idea
};

// The state `move` leads to from `c.state`, or FailedPrecondition saying
// why not (in words an officer can act on), or InvalidArgument for a move
// missing what it needs. `today` is the day of the move in England.
absl::StatusOr<State> Next(const Case& c, const Move& move, absl::CivilDay today);

enum class Warning {
  kEventOverTwelveMonths,  // the event was more than 12 months before receipt
  kNoResponseSixMonths,    // 6 months from receipt without a response: tell the person why
  kAcknowledgementOverdue,
  kResponseOverdue,        // past the agreed response date
  kOverdueOnArrival,       // synced after its acknowledgement was due
  kSafeguardingUndecided,  // no safeguarding decision recorded yet
};
std::string_view WarningText(Warning warning);

struct Due {
  std::optional<absl::CivilDay> acknowledge_by;  // statutory complaints and worries
  std::optional<absl::CivilDay> respond_by;      // the agreed date
  std::vector<Warning> warnings;
  bool overdue = false;  // a due date has passed with the thing undone
};

// The clock of `c` as of `now`, days counted in `zone` (Europe/London).
Due ClockOf(const Case& c, const WorkingDays& calendar, absl::Time now, absl::TimeZone zone);

}  // namespace carevoice::service::cases
