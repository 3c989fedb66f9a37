// Cases through the Officer service on a real SQLite store and a fake
// clock: the queue's order and due dates, a complaint moved from receipt to
// closed with each step kept in its history and audited, moves that make
// no sense refused, the person's status kept in step, a late-synced
// complaint overdue on arrival, and a safeguarding worry first until a
// decision is recorded.
#include <string>
#include <vector>

#include "base/proto_time.h"
#include "contract/reference_code.h"
#include "gtest/gtest.h"
#include "tests/service/test_server.h"
#include "tests/service/testing.h"

namespace carevoice::service {
namespace {

absl::Time London(int y, int m, int d, int hour) {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/London", &zone));
  return absl::FromCivil(absl::CivilSecond(y, m, d, hour, 0, 0), zone);
}

v1::Submission Complaint(int n, absl::Time told, bool formal = true) {
  v1::Submission s = testing::Feedback(n, told);
  s.clear_feedback();
  v1::Complaint* c = s.mutable_complaint();
  c->set_service_id("home_care");
  c->set_what_happened("Nobody came on Tuesday and I had no lunch.");
  c->set_not_formal(!formal);
  return s;
}

class CasesTest : public ::testing::Test {
 protected:
  void Send(const std::vector<v1::Submission>& items, absl::Time device_now) {
    server_.SendStored(items, device_now);
  }

  // Signed in afresh: the clock moves by days here, and sessions end.
  void AsOfficer(grpc::ClientContext* context) {
    server_.TokenFor(auth::Role::kOfficer);  // the account
    auto in = server_.accounts().SignIn("officer.test", "a long enough test password");
    ASSERT_TRUE(in.ok()) << in.status();
    context->AddMetadata("authorization", "Bearer " + in->token);
  }

  std::vector<v1::CaseRecord> Queue(bool overdue_only = false) {
    v1::ListCasesRequest request;
    request.set_overdue_only(overdue_only);
    v1::ListCasesResponse response;
    grpc::ClientContext context;
    AsOfficer(&context);
    grpc::Status s = server_.officer().ListCases(&context, request, &response);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return {response.cases().begin(), response.cases().end()};
  }

  grpc::Status MoveCase(v1::MoveCaseRequest request, v1::CaseRecord* out = nullptr) {
    v1::CaseRecord record;
    grpc::ClientContext context;
    AsOfficer(&context);
    grpc::Status s = server_.officer().MoveCase(&context, request, &record);
    if (out) *out = record;
    return s;
  }

  v1::MoveCaseRequest Ask(const std::string& id, const std::string& action) {
    v1::MoveCaseRequest r;
    r.set_submission_id(id);
    r.set_action(action);
    return r;
  }

  v1::CheckReferenceResponse Check(const std::string& reference, const std::string& pin) {
    v1::CheckReferenceRequest request;
    request.set_reference(reference);
    request.set_pin(pin);
    v1::CheckReferenceResponse out;
    grpc::ClientContext context;
    server_.AsDevice("kiosk-test-1", &context);
    grpc::Status s = server_.kiosk().CheckReference(&context, request, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  grpc::Status Record(const v1::RecordComplaintRequest& request,
                      v1::RecordComplaintResponse* out) {
    grpc::ClientContext context;
    AsOfficer(&context);
    return server_.officer().RecordComplaint(&context, request, out);
  }

  testing::TestServer server_;
};

TEST_F(CasesTest, AComplaintGoesFromReceiptToClosedOnTheClockWithItsHistoryAndAudit) {
  // Told on the Wednesday before Christmas 2026.
  const absl::Time told = London(2026, 12, 23, 15);
  server_.clock().Set(told);
  const v1::Submission complaint = Complaint(1, told);
  ASSERT_NO_FATAL_FAILURE(Send({complaint}, told));
  const std::string id = complaint.submission_id();

  auto queue = Queue();
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue[0].state(), "received");
  EXPECT_TRUE(queue[0].statutory());
  EXPECT_EQ(queue[0].acknowledge_by(), "2026-12-30") << "3 working days, over Christmas";
  EXPECT_FALSE(queue[0].overdue());

  // Refused: closing or responding before it is acknowledged.
  grpc::Status refused = MoveCase(Ask(id, "close"));
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(refused.error_message().find("withdraw"), std::string::npos) << refused.error_message();
  v1::MoveCaseRequest respond = Ask(id, "respond");
  respond.set_response("Sorry. You may go to the Ombudsman.");
  respond.set_outcome("upheld");
  EXPECT_EQ(MoveCase(respond).error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  // Overdue the day after it was due; acknowledged, it is not.
  server_.clock().Set(London(2026, 12, 31, 9));
  ASSERT_EQ(Queue(/*overdue_only=*/true).size(), 1u);
  v1::MoveCaseRequest ack = Ask(id, "acknowledge");
  EXPECT_EQ(MoveCase(ack).error_code(), grpc::StatusCode::INVALID_ARGUMENT) << "how, not said";
  ack.set_contact_method("large-print letter, as asked");
  v1::CaseRecord after;
  ASSERT_TRUE(MoveCase(ack, &after).ok());
  EXPECT_EQ(after.state(), "acknowledged");
  EXPECT_TRUE(Queue(/*overdue_only=*/true).empty());

  v1::MoveCaseRequest agree = Ask(id, "agree");
  agree.set_respond_by("2027-02-26");
  ASSERT_TRUE(MoveCase(agree, &after).ok());
  EXPECT_EQ(after.state(), "investigating");
  EXPECT_EQ(after.respond_by(), "2027-02-26");

  v1::MoveCaseRequest assign = Ask(id, "assign");
  assign.set_assign_to("officer.test");
  ASSERT_TRUE(MoveCase(assign, &after).ok());
  EXPECT_EQ(after.assigned_to(), "officer.test");

  respond.set_response("We are sorry: your visits are now checked daily.");
  EXPECT_EQ(MoveCase(respond).error_code(), grpc::StatusCode::INVALID_ARGUMENT)
      << "the response must name the Ombudsman";
  respond.set_response(
      "We are sorry: your visits are now checked daily. If you are not satisfied you may go to "
      "the Local Government and Social Care Ombudsman.");
  ASSERT_TRUE(MoveCase(respond, &after).ok());
  EXPECT_EQ(after.state(), "responded");
  EXPECT_EQ(after.outcome(), "upheld");
  ASSERT_TRUE(MoveCase(Ask(id, "close"), &after).ok());
  EXPECT_EQ(after.state(), "closed");
  EXPECT_EQ(MoveCase(Ask(id, "reopen")).error_code(), grpc::StatusCode::INVALID_ARGUMENT)
      << "reopening needs a reason";

  // The person checking their reference hears where it has got to.
  auto stored = server_.store().FindByReference(complaint.reference());
  ASSERT_TRUE(stored.ok() && !stored->empty());
  EXPECT_EQ(stored->front().status, v1::CASE_STATUS_CLOSED);

  // Every step in its history, in order, by whom; and in the audit.
  auto history = server_.cases().History(id);
  ASSERT_TRUE(history.ok());
  std::vector<std::string> actions;
  for (const auto& e : *history) {
    actions.push_back(e.action);
    EXPECT_EQ(e.officer, "officer.test");
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"acknowledge", "agree", "assign", "respond", "close"}));
  EXPECT_EQ(history->front().detail, "contacted by large-print letter, as asked");
  auto audit = server_.store().ListAudit(50);
  ASSERT_TRUE(audit.ok());
  int moves = 0;
  for (const auto& row : *audit) moves += row.action.rfind("case_", 0) == 0 ? 1 : 0;
  EXPECT_EQ(moves, 5) << "refused moves change nothing and are not audited as done";
}

TEST_F(CasesTest, ALateSyncedComplaintIsDatedWhenToldAndOverdueOnArrival) {
  const absl::Time told = London(2026, 12, 4, 11);    // a Friday, at an offline kiosk
  const absl::Time synced = London(2026, 12, 10, 9);  // the next Thursday
  server_.clock().Set(synced);
  const v1::Submission complaint = Complaint(1, told);
  ASSERT_NO_FATAL_FAILURE(Send({complaint}, synced));
  auto queue = Queue();
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(base::FromProtoTimestamp(queue[0].told_at()), told);
  EXPECT_EQ(queue[0].acknowledge_by(), "2026-12-09");
  EXPECT_TRUE(queue[0].overdue());
  bool said = false;
  for (const auto& w : queue[0].warnings()) said |= w.find("a device was offline") != std::string::npos;
  EXPECT_TRUE(said);
}

TEST_F(CasesTest, AWorryComesFirstUntilADecisionAndAConcernHasNoClock) {
  const absl::Time now = London(2026, 12, 7, 10);
  server_.clock().Set(now);
  const v1::Submission old_complaint = Complaint(1, now - absl::Hours(24 * 3));
  const v1::Submission concern = Complaint(2, now, /*formal=*/false);
  const v1::Submission worry = testing::Safeguarding(3, now);
  ASSERT_NO_FATAL_FAILURE(Send({old_complaint, concern, worry}, now));
  // The worry, and only the worry, raised an alert: its id and reference.
  std::vector<alerts::Urgent> alerts = server_.alerts();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].submission_id, worry.submission_id());
  EXPECT_EQ(alerts[0].reference, worry.reference());
  EXPECT_EQ(alerts[0].channel, "kiosk");
  EXPECT_EQ(alerts[0].received_at, now);
  // Sent again by a kiosk that did not hear the answer: no second alert.
  {
    v1::SubmitBatchRequest again;
    again.set_device_id("kiosk-test-1");
    *again.add_submissions() = worry;
    v1::SubmitBatchResponse answer;
    grpc::ClientContext context;
    server_.AsDevice("kiosk-test-1", &context);
    ASSERT_TRUE(server_.kiosk().SubmitBatch(&context, again, &answer).ok());
    EXPECT_EQ(answer.results(0).outcome(), v1::ItemResult::OUTCOME_ALREADY_STORED);
  }
  EXPECT_EQ(server_.alerts().size(), 1u);

  auto queue = Queue();
  ASSERT_EQ(queue.size(), 3u);
  EXPECT_EQ(queue[0].submission_id(), worry.submission_id());
  EXPECT_EQ(queue[0].acknowledge_by(), "2026-12-07") << "the same working day";
  EXPECT_EQ(queue[1].submission_id(), old_complaint.submission_id());
  EXPECT_EQ(queue[2].submission_id(), concern.submission_id());
  EXPECT_FALSE(queue[2].statutory());
  EXPECT_EQ(queue[2].acknowledge_by(), "");

  v1::MoveCaseRequest decide = Ask(worry.submission_id(), "decide");
  decide.set_decision("no_further_action");
  EXPECT_EQ(MoveCase(decide).error_code(), grpc::StatusCode::INVALID_ARGUMENT) << "why, not said";
  decide.set_decision("referred");
  ASSERT_TRUE(MoveCase(decide).ok());
  EXPECT_EQ(MoveCase(Ask(concern.submission_id(), "decide")).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  queue = Queue();
  EXPECT_EQ(queue[0].submission_id(), old_complaint.submission_id())
      << "decided, the worry no longer jumps the queue";
  // A concern turned into a formal complaint goes on the clock, from the
  // day it was told; not without a reason.
  v1::MoveCaseRequest formal = Ask(concern.submission_id(), "make_complaint");
  EXPECT_EQ(MoveCase(formal).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  formal.set_reason("on the phone the person asked for a formal complaint");
  v1::CaseRecord turned;
  ASSERT_TRUE(MoveCase(formal, &turned).ok());
  EXPECT_TRUE(turned.statutory());
  EXPECT_EQ(turned.acknowledge_by(), "2026-12-10");
  EXPECT_EQ(MoveCase(formal).error_code(), grpc::StatusCode::FAILED_PRECONDITION) << "already";
  EXPECT_EQ(MoveCase(Ask(worry.submission_id(), "make_complaint")).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  // And back: a concern may simply be closed.
  v1::MoveCaseRequest informal = Ask(concern.submission_id(), "make_concern");
  informal.set_reason("the person only wanted the council to know after all");
  ASSERT_TRUE(MoveCase(informal, &turned).ok());
  EXPECT_FALSE(turned.statutory());
  EXPECT_TRUE(MoveCase(Ask(concern.submission_id(), "close")).ok());
  EXPECT_EQ(MoveCase(Ask("sub-no-such", "close")).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(CasesTest, ACasesHistoryGoesWithItsSubmissionAndItsWordsWithItsDetails) {
  const absl::Time now = London(2026, 12, 7, 10);
  server_.clock().Set(now);
  const v1::Submission a = Complaint(1, now);
  const v1::Submission b = Complaint(2, now);
  ASSERT_NO_FATAL_FAILURE(Send({a, b}, now));
  for (const auto* s : {&a, &b}) {
    v1::MoveCaseRequest ack = Ask(s->submission_id(), "acknowledge");
    ack.set_contact_method("rang Mrs Quillfeather on 01632 960123");
    ASSERT_TRUE(MoveCase(ack).ok());
  }
  // Erased: the case row and its history go too (on disk, by the foreign keys).
  store::Erasure erasure;
  erasure.submission_ids.push_back(a.submission_id());
  ASSERT_TRUE(server_.store().Erase(erasure, {now, "officer.test", "erase"}).ok());
  EXPECT_TRUE(server_.cases().History(a.submission_id())->empty());
  // Anonymised: the history stays, what was written in it does not.
  store::Erasure anonymise;
  anonymise.anonymised.emplace_back(b.submission_id(), b.SerializeAsString());
  ASSERT_TRUE(server_.store().Erase(anonymise, {now, "service", "retention"}).ok());
  auto history = server_.cases().History(b.submission_id());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ(history->front().action, "acknowledge");
  EXPECT_EQ(history->front().detail, "");
  const std::string bytes = testing::ReadFile(server_.db_path()) +
                            testing::ReadFile(server_.db_path() + "-wal");
  EXPECT_EQ(bytes.find("Quillfeather"), std::string::npos);
  EXPECT_EQ(Queue().size(), 1u);
}

TEST_F(CasesTest, AComplaintMadeByLetterIsEnteredOnTheClockFromTheDayTheCouncilHadIt) {
  // Monday 7 December; the letter came on Thursday 3rd.
  server_.clock().Set(London(2026, 12, 7, 10));
  v1::RecordComplaintRequest request;
  v1::Submission* s = request.mutable_submission();
  s->set_language("en-GB");
  s->set_speaker(v1::SPEAKER_FAMILY_OR_FRIEND);
  s->mutable_contact()->set_name("Ada Quillfeather");
  s->mutable_contact()->set_postal_address("3 Hill Top\nLeeds");
  s->mutable_contact()->set_reply_format(v1::REPLY_FORMAT_POST);
  s->mutable_consent()->set_may_contact(true);
  v1::Complaint* c = s->mutable_complaint();
  c->set_service_id("home_care");
  c->set_what_happened("My mother's carers keep coming late and rushing her meals.");
  request.set_received_on("2026-12-03");
  request.set_how("letter");

  v1::RecordComplaintResponse recorded;
  grpc::Status ok = Record(request, &recorded);
  ASSERT_TRUE(ok.ok()) << ok.error_message();
  const v1::CaseRecord& entered = recorded.case_();
  EXPECT_EQ(entered.channel(), "officer");
  EXPECT_TRUE(entered.statutory());
  EXPECT_EQ(entered.state(), "received");
  EXPECT_EQ(entered.acknowledge_by(), "2026-12-08") << "3 working days from Thursday";
  EXPECT_FALSE(entered.overdue());
  EXPECT_TRUE(contract::IsValidReference(entered.reference()));
  ASSERT_EQ(recorded.pin().size(), 6u);
  // The themes its words suggest, for the officer to accept.
  ASSERT_FALSE(entered.suggested_themes().empty());
  EXPECT_EQ(entered.suggested_themes(0), "staff_time") << "late, rushing";

  // In the queue like any other, told on the day it was received.
  std::vector<v1::CaseRecord> queue = Queue();
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(base::FromProtoTimestamp(queue[0].told_at()), London(2026, 12, 3, 12));
  auto history = server_.cases().History(entered.submission_id());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ(history->front().action, "entered");
  EXPECT_EQ(history->front().detail, "received by letter on 2026-12-03");
  EXPECT_EQ(history->front().officer, "officer.test");

  // The person can check on it at a kiosk with the reference and PIN.
  EXPECT_TRUE(Check(entered.reference(), recorded.pin()).found());
  EXPECT_FALSE(Check(entered.reference(), "000000").found());

  // Refused: a day not yet come, a way not known, feedback.
  v1::RecordComplaintResponse refused;
  v1::RecordComplaintRequest future = request;
  future.set_received_on("2026-12-08");
  EXPECT_EQ(Record(future, &refused).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  v1::RecordComplaintRequest how = request;
  how.set_how("pigeon");
  EXPECT_EQ(Record(how, &refused).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  v1::RecordComplaintRequest feedback = request;
  feedback.mutable_submission()->mutable_feedback()->set_service_id("home_care");
  EXPECT_EQ(Record(feedback, &refused).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  v1::RecordComplaintRequest empty = request;
  empty.mutable_submission()->mutable_complaint()->clear_what_happened();
  EXPECT_EQ(Record(empty, &refused).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Queue().size(), 1u) << "nothing refused was kept";
  EXPECT_TRUE(server_.alerts().empty()) << "a complaint is not urgent";

  // A worry told on the phone is urgent as one from a kiosk.
  v1::RecordComplaintRequest worry;
  worry.set_how("phone");
  worry.set_received_on("2026-12-07");
  worry.mutable_submission()->set_language("en-GB");
  worry.mutable_submission()->set_anonymous(true);
  worry.mutable_submission()->mutable_safeguarding()->set_what_is_happening(
      "A neighbour has not been seen for days.");
  worry.mutable_submission()->mutable_safeguarding()->set_danger_now(v1::ANSWER_NOT_SURE);
  v1::RecordComplaintResponse worried;
  grpc::Status phoned = Record(worry, &worried);
  ASSERT_TRUE(phoned.ok()) << phoned.error_message();
  ASSERT_EQ(server_.alerts().size(), 1u);
  EXPECT_EQ(server_.alerts()[0].submission_id, worried.case_().submission_id());
  EXPECT_EQ(server_.alerts()[0].channel, "officer");
  EXPECT_EQ(Queue()[0].submission_id(), worried.case_().submission_id()) << "worries first";
}

TEST_F(CasesTest, WhatBecameOfAnIdeaIsHeardThroughItsReference) {
  const absl::Time now = London(2026, 12, 7, 10);
  server_.clock().Set(now);
  v1::Submission idea = testing::Feedback(1, now);
  idea.clear_feedback();
  idea.mutable_idea()->set_idea("Benches along the path to the day centre.");
  idea.set_pin("482913");
  ASSERT_NO_FATAL_FAILURE(Send({idea}, now));
  const std::string id = idea.submission_id();
  EXPECT_EQ(Check(idea.reference(), "482913").idea_outcome(), "") << "nothing decided yet";

  v1::MoveCaseRequest respond = Ask(id, "respond");
  respond.set_response("Thank you. We will put benches in next spring.");
  EXPECT_EQ(MoveCase(respond).error_code(), grpc::StatusCode::INVALID_ARGUMENT)
      << "an idea's answer says what became of it";
  respond.set_outcome("upheld");
  EXPECT_EQ(MoveCase(respond).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  respond.set_outcome("adopted");
  ASSERT_TRUE(MoveCase(respond).ok());
  v1::MoveCaseRequest publish = Ask(id, "publish");
  publish.set_reply("You said benches would help. Benches go in next spring.");
  ASSERT_TRUE(MoveCase(publish).ok());

  const v1::CheckReferenceResponse heard = Check(idea.reference(), "482913");
  ASSERT_TRUE(heard.found());
  EXPECT_EQ(heard.idea_outcome(), "adopted");
  EXPECT_EQ(heard.reply(), "You said benches would help. Benches go in next spring.");
  EXPECT_EQ(heard.status(), v1::CASE_STATUS_RESPONDED);
  // A wrong PIN hears nothing of it.
  EXPECT_EQ(Check(idea.reference(), "482914").idea_outcome(), "");

  // A complaint's outcome stays between the council and the person.
  v1::Submission complaint = Complaint(2, now, /*formal=*/false);
  complaint.set_pin("111222");
  ASSERT_NO_FATAL_FAILURE(Send({complaint}, now));
  v1::MoveCaseRequest answer = Ask(complaint.submission_id(), "respond");
  answer.set_response("We are sorry; lunch now comes at noon.");
  answer.set_outcome("adopted");
  EXPECT_EQ(MoveCase(answer).error_code(), grpc::StatusCode::INVALID_ARGUMENT)
      << "a complaint is not adopted";
}

TEST_F(CasesTest, APublishedReplyIsHeardAtTheKioskOnlyOnceTheRedactorPassesIt) {
  const absl::Time now = London(2026, 12, 7, 10);
  server_.clock().Set(now);
  v1::Submission complaint = Complaint(1, now);
  complaint.set_pin("482913");
  complaint.set_language("pl");
  complaint.set_anonymous(false);
  complaint.mutable_contact()->set_name("Jan Wiśniewski");
  complaint.mutable_contact()->set_phone("07700 900 321");
  complaint.mutable_consent()->set_may_contact(true);
  ASSERT_NO_FATAL_FAILURE(Send({complaint}, now));
  const std::string id = complaint.submission_id();

  // An internal note: in the history, never in what the person hears.
  v1::MoveCaseRequest note = Ask(id, "note");
  EXPECT_EQ(MoveCase(note).error_code(), grpc::StatusCode::INVALID_ARGUMENT) << "empty";
  note.set_note("Spoke to the provider; rota was short that week.");
  ASSERT_TRUE(MoveCase(note).ok());

  // Themes: only those in the lexicon.
  v1::MoveCaseRequest themes = Ask(id, "theme");
  themes.add_themes("food");
  themes.add_themes("no_such_theme");
  EXPECT_EQ(MoveCase(themes).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  themes.clear_themes();
  themes.add_themes("food");
  themes.add_themes("staff_time");
  v1::CaseRecord themed;
  ASSERT_TRUE(MoveCase(themes, &themed).ok());
  EXPECT_EQ(std::vector<std::string>(themed.themes().begin(), themed.themes().end()),
            (std::vector<std::string>{"food", "staff_time"}));

  v1::MoveCaseRequest publish = Ask(id, "publish");
  publish.set_reply("Dear Jan, we have changed the lunch rota.");
  grpc::Status named = MoveCase(publish);
  EXPECT_EQ(named.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(named.error_message().find("the person's own details"), std::string::npos)
      << named.error_message();
  publish.set_reply("You said lunch did not come. Ring 07700 900 321 if it happens again.");
  EXPECT_EQ(MoveCase(publish).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  publish.set_reply("You said lunch did not come. Brookvale Kitchens now deliver every day.");
  grpc::Status unknown = MoveCase(publish);
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(unknown.error_message().find("Brookvale"), std::string::npos);
  EXPECT_FALSE(Check(complaint.reference(), "482913").reply().size()) << "nothing published yet";
  publish.add_confirmed_words("Brookvale");
  v1::CaseRecord published;
  ASSERT_TRUE(MoveCase(publish, &published).ok());
  EXPECT_EQ(published.reply_language(), "pl") << "the person's own language, unless said";

  const v1::CheckReferenceResponse heard = Check(complaint.reference(), "482913");
  ASSERT_TRUE(heard.found());
  EXPECT_EQ(heard.reply(),
            "You said lunch did not come. Brookvale Kitchens now deliver every day.");
  EXPECT_EQ(heard.reply_language(), "pl");
  EXPECT_EQ(heard.reply().find("rota was short"), std::string::npos);
  // Wrong PIN and unknown reference: the same empty answer.
  const v1::CheckReferenceResponse wrong = Check(complaint.reference(), "482914");
  const v1::CheckReferenceResponse unknown_ref = Check(testing::TestReference(77), "482913");
  EXPECT_EQ(wrong.SerializeAsString(), unknown_ref.SerializeAsString());
  EXPECT_FALSE(wrong.found());
  EXPECT_TRUE(wrong.reply().empty());

  // A language the kiosk has no voice for is refused.
  publish.set_reply_language("fr");
  EXPECT_EQ(MoveCase(publish).error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  auto history = server_.cases().History(id);
  std::vector<std::string> actions;
  for (const store::CaseEvent& e : *history) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"note", "theme", "publish"}));
}

}  // namespace
}  // namespace carevoice::service
