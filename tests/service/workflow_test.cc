// The case workflow's rules and the statutory clock: every move from every
// state, allowed or refused; the warnings either side of their boundaries;
// receipt counted from when the person told the kiosk, not when it synced.
#include "service/cases/workflow.h"

#include <map>
#include <set>

#include "gtest/gtest.h"

namespace carevoice::service::cases {
namespace {

const absl::TimeZone kLondon = [] {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/London", &zone)) << "tzdata is needed";
  return zone;
}();

absl::Time At(int y, int m, int d, int hour = 12) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hour, 0, 0), kLondon);
}

Case Complaint(State state = State::kReceived) {
  Case c;
  c.kind = "complaint";
  c.statutory = true;
  c.told_at = c.arrived_at = At(2026, 12, 4);
  c.state = state;
  if (state != State::kReceived) c.acknowledged_at = At(2026, 12, 5);
  return c;
}

// A move with everything it needs.
Move Complete(Action action) {
  Move m{};
  m.action = action;
  m.reason = "the person asked";
  m.contact_method = "phone, as they asked";
  m.respond_by = absl::CivilDay(2027, 1, 29);
  m.response = "We are sorry. If you are unhappy you may go to the Ombudsman.";
  m.outcome = Outcome::kUpheld;
  return m;
}

const State kStates[] = {State::kReceived,  State::kAcknowledged, State::kInvestigating,
                         State::kResponded, State::kClosed,       State::kWithdrawn,
                         State::kReferred};
const Action kActions[] = {Action::kAcknowledge, Action::kAgreePeriod, Action::kRespond,
                           Action::kClose,       Action::kWithdraw,    Action::kRefer,
                           Action::kReopen};

TEST(WorkflowTest, EveryMoveOfAComplaintFromEveryStateIsAllowedOrRefusedAsTheRulesSay) {
  using S = State;
  using A = Action;
  // (from, action) -> to; every pair not here is refused.
  const std::map<std::pair<S, A>, S> allowed = {
      {{S::kReceived, A::kAcknowledge}, S::kAcknowledged},
      {{S::kReceived, A::kWithdraw}, S::kWithdrawn},
      {{S::kAcknowledged, A::kAgreePeriod}, S::kInvestigating},
      {{S::kAcknowledged, A::kRespond}, S::kResponded},
      {{S::kAcknowledged, A::kWithdraw}, S::kWithdrawn},
      {{S::kInvestigating, A::kAgreePeriod}, S::kInvestigating},
      {{S::kInvestigating, A::kRespond}, S::kResponded},
      {{S::kInvestigating, A::kWithdraw}, S::kWithdrawn},
      {{S::kResponded, A::kClose}, S::kClosed},
      {{S::kResponded, A::kRefer}, S::kReferred},
      {{S::kClosed, A::kRefer}, S::kReferred},
      {{S::kClosed, A::kReopen}, S::kAcknowledged},
      {{S::kWithdrawn, A::kReopen}, S::kAcknowledged},
  };
  const absl::CivilDay today(2026, 12, 10);
  for (S from : kStates) {
    for (A action : kActions) {
      SCOPED_TRACE(std::string(StateName(from)) + " / " + std::string(ActionName(action)));
      absl::StatusOr<S> next = Next(Complaint(from), Complete(action), today);
      auto it = allowed.find({from, action});
      if (it == allowed.end()) {
        EXPECT_EQ(next.status().code(), absl::StatusCode::kFailedPrecondition) << next.status();
        EXPECT_FALSE(next.status().message().empty());
      } else {
        ASSERT_TRUE(next.ok()) << next.status();
        EXPECT_EQ(*next, it->second);
      }
    }
  }
}

TEST(WorkflowTest, RefusalsSayWhatToDoInstead) {
  const absl::CivilDay today(2026, 12, 10);
  auto message = [&](const Case& c, const Move& m) {
    return std::string(Next(c, m, today).status().message());
  };
  EXPECT_NE(message(Complaint(), Complete(Action::kClose)).find("withdraw it"), std::string::npos);
  EXPECT_NE(message(Complaint(), Complete(Action::kRespond)).find("acknowledge it"),
            std::string::npos);
  Move no_reason = Complete(Action::kReopen);
  no_reason.reason = "  ";
  EXPECT_EQ(Next(Complaint(State::kClosed), no_reason, today).status().code(),
            absl::StatusCode::kInvalidArgument);
  Move no_ombudsman = Complete(Action::kRespond);
  no_ombudsman.response = "We are sorry.";
  EXPECT_NE(message(Complaint(State::kAcknowledged), no_ombudsman).find("Ombudsman"),
            std::string::npos);
  Move no_outcome = Complete(Action::kRespond);
  no_outcome.outcome = Outcome::kNone;
  EXPECT_EQ(Next(Complaint(State::kAcknowledged), no_outcome, today).status().code(),
            absl::StatusCode::kInvalidArgument);
  Move no_contact = Complete(Action::kAcknowledge);
  no_contact.contact_method.clear();
  EXPECT_EQ(Next(Complaint(), no_contact, today).status().code(),
            absl::StatusCode::kInvalidArgument);
  Move past = Complete(Action::kAgreePeriod);
  past.respond_by = absl::CivilDay(2026, 12, 9);
  EXPECT_EQ(Next(Complaint(State::kAcknowledged), past, today).status().code(),
            absl::StatusCode::kInvalidArgument);
  // Reopening a case never acknowledged goes back to the start.
  Case withdrawn = Complaint(State::kWithdrawn);
  withdrawn.acknowledged_at.reset();
  EXPECT_EQ(*Next(withdrawn, Complete(Action::kReopen), today), State::kReceived);
}

TEST(WorkflowTest, AnIdeaIsAnsweredWithWhatBecameOfItAndNothingElseIs) {
  Case idea = Complaint();
  idea.kind = "idea";
  idea.statutory = false;
  const absl::CivilDay today(2026, 12, 10);
  Move answer = Complete(Action::kRespond);
  answer.response = "Thank you: benches go in next spring.";
  answer.outcome = Outcome::kNone;
  EXPECT_EQ(Next(idea, answer, today).status().code(), absl::StatusCode::kInvalidArgument)
      << "an idea's answer says what became of it";
  answer.outcome = Outcome::kUpheld;
  EXPECT_EQ(Next(idea, answer, today).status().code(), absl::StatusCode::kInvalidArgument)
      << "an idea is not upheld";
  for (Outcome o : {Outcome::kUnderConsideration, Outcome::kAdopted, Outcome::kAdoptedInPart,
                    Outcome::kNotTakenForward}) {
    answer.outcome = o;
    EXPECT_EQ(*Next(idea, answer, today), State::kResponded);
  }
  // A complaint or feedback is never "adopted".
  Move adopted = Complete(Action::kRespond);
  adopted.outcome = Outcome::kAdopted;
  EXPECT_EQ(Next(Complaint(State::kAcknowledged), adopted, today).status().code(),
            absl::StatusCode::kInvalidArgument);
  Case feedback = idea;
  feedback.kind = "feedback";
  EXPECT_EQ(Next(feedback, adopted, today).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(WorkflowTest, FeedbackAndConcernsHaveNoClockAndMayBeAnsweredOrClosedAtOnce) {
  Case feedback = Complaint();
  feedback.kind = "feedback";
  feedback.statutory = false;
  const absl::CivilDay today(2026, 12, 10);
  Move reply = Complete(Action::kRespond);
  reply.response = "Thank you: we have changed the menu.";  // no Ombudsman needed
  reply.outcome = Outcome::kNone;
  EXPECT_EQ(*Next(feedback, reply, today), State::kResponded);
  EXPECT_EQ(*Next(feedback, Complete(Action::kClose), today), State::kClosed);
  const Due due = ClockOf(feedback, WorkingDays(), At(2027, 12, 4), kLondon);
  EXPECT_FALSE(due.acknowledge_by.has_value());
  EXPECT_TRUE(due.warnings.empty());
  EXPECT_FALSE(due.overdue);
}

TEST(WorkflowTest, TheAcknowledgementIsDueThreeWorkingDaysAfterTheDayItWasTold) {
  const WorkingDays calendar;
  Case c = Complaint();
  c.told_at = c.arrived_at = At(2026, 12, 23, 23);  // late on the Wednesday before Christmas
  Due due = ClockOf(c, calendar, At(2026, 12, 23, 23), kLondon);
  ASSERT_TRUE(due.acknowledge_by.has_value());
  EXPECT_EQ(*due.acknowledge_by, absl::CivilDay(2026, 12, 30));
  // Not overdue on the day, overdue the day after.
  EXPECT_FALSE(ClockOf(c, calendar, At(2026, 12, 30, 23), kLondon).overdue);
  due = ClockOf(c, calendar, At(2026, 12, 31, 0), kLondon);
  EXPECT_TRUE(due.overdue);
  EXPECT_EQ(due.warnings, std::vector<Warning>{Warning::kAcknowledgementOverdue});
  // Once acknowledged it is not.
  c.state = State::kAcknowledged;
  c.acknowledged_at = At(2026, 12, 31);
  EXPECT_FALSE(ClockOf(c, calendar, At(2026, 12, 31, 12), kLondon).overdue);
}

TEST(WorkflowTest, ReceiptIsWhenThePersonToldTheKioskSoALateSyncMayArriveOverdue) {
  const WorkingDays calendar;
  Case c = Complaint();
  c.told_at = At(2026, 12, 4);                 // Friday, told at an offline kiosk
  c.arrived_at = At(2026, 12, 10, 9);          // synced the next Thursday
  const Due due = ClockOf(c, calendar, At(2026, 12, 10, 9), kLondon);
  EXPECT_EQ(*due.acknowledge_by, absl::CivilDay(2026, 12, 9));
  EXPECT_TRUE(due.overdue);
  EXPECT_NE(std::find(due.warnings.begin(), due.warnings.end(), Warning::kOverdueOnArrival),
            due.warnings.end());
  // Arriving on its due day is not late.
  c.arrived_at = At(2026, 12, 9, 17);
  const Due on_time = ClockOf(c, calendar, At(2026, 12, 9, 17), kLondon);
  EXPECT_TRUE(on_time.warnings.empty());
}

TEST(WorkflowTest, WarningsAppearExactlyAtTheirBoundaries) {
  const WorkingDays calendar;
  auto has = [](const Due& due, Warning w) {
    return std::find(due.warnings.begin(), due.warnings.end(), w) != due.warnings.end();
  };
  // An event 12 months and a day before receipt; then exactly 12 months.
  Case c = Complaint(State::kAcknowledged);
  c.event_day = absl::CivilDay(2025, 12, 3);
  c.late_reason = "I was in hospital";
  EXPECT_TRUE(has(ClockOf(c, calendar, At(2026, 12, 5), kLondon), Warning::kEventOverTwelveMonths));
  c.event_day = absl::CivilDay(2025, 12, 4);
  EXPECT_FALSE(has(ClockOf(c, calendar, At(2026, 12, 5), kLondon), Warning::kEventOverTwelveMonths));

  // Six months without a response: the day before, and the day.
  c = Complaint(State::kInvestigating);
  EXPECT_FALSE(has(ClockOf(c, calendar, At(2027, 6, 3), kLondon), Warning::kNoResponseSixMonths));
  EXPECT_TRUE(has(ClockOf(c, calendar, At(2027, 6, 4), kLondon), Warning::kNoResponseSixMonths));
  c.responded_at = At(2027, 5, 1);
  c.state = State::kResponded;
  EXPECT_FALSE(has(ClockOf(c, calendar, At(2027, 6, 4), kLondon), Warning::kNoResponseSixMonths));

  // The agreed response date: due on the day, overdue after.
  c = Complaint(State::kInvestigating);
  c.agreed_respond_by = absl::CivilDay(2027, 1, 29);
  EXPECT_FALSE(ClockOf(c, calendar, At(2027, 1, 29, 23), kLondon).overdue);
  const Due late = ClockOf(c, calendar, At(2027, 1, 30, 0), kLondon);
  EXPECT_TRUE(late.overdue);
  EXPECT_TRUE(has(late, Warning::kResponseOverdue));
}

TEST(WorkflowTest, ASafeguardingWorryIsDueTheSameWorkingDayAndWaitsForADecision) {
  const WorkingDays calendar;
  Case worry = Complaint();
  worry.kind = "safeguarding";
  worry.statutory = false;
  worry.told_at = worry.arrived_at = At(2026, 12, 26, 10);  // Boxing Day, a Saturday
  Due due = ClockOf(worry, calendar, At(2026, 12, 26, 10), kLondon);
  EXPECT_EQ(*due.acknowledge_by, absl::CivilDay(2026, 12, 29));  // after the substitute Monday
  EXPECT_EQ(due.warnings, std::vector<Warning>{Warning::kSafeguardingUndecided});
  EXPECT_FALSE(due.overdue);
  EXPECT_TRUE(ClockOf(worry, calendar, At(2026, 12, 30, 9), kLondon).overdue);
  worry.safeguarding_decided = true;
  worry.state = State::kAcknowledged;
  due = ClockOf(worry, calendar, At(2026, 12, 30, 9), kLondon);
  EXPECT_TRUE(due.warnings.empty());
  EXPECT_FALSE(due.overdue);
}

}  // namespace
}  // namespace carevoice::service::cases
