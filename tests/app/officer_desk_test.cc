// The officer console's desk with no window and no service: what it asks,
// and what it shows after each answer the service could give.
#include "client/app/officer_desk.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"

namespace carevoice::client {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1'796'000'000);

v1::CaseRecord Case(const std::string& id, const std::string& kind, const std::string& state,
                    bool statutory = false) {
  v1::CaseRecord c;
  c.set_submission_id(id);
  c.set_reference("KQ7M3RX9");
  c.set_kind(kind);
  c.set_state(state);
  c.set_statutory(statutory);
  return c;
}

OfficerAnswer Ok(const OfficerCall& call) {
  OfficerAnswer a;
  a.kind = call.kind;
  a.serial = call.serial;
  return a;
}

OfficerAnswer Refused(const OfficerCall& call, absl::Status status) {
  OfficerAnswer a = Ok(call);
  a.status = std::move(status);
  return a;
}

// Signs `desk` in as "sam" and answers its first queue with `cases`.
void SignedIn(OfficerDesk& desk, const std::vector<v1::CaseRecord>& cases = {}) {
  *desk.Field(kDeskName) = "sam";
  *desk.Field(kDeskPassword) = "a long enough password";
  std::optional<OfficerCall> in = desk.SignIn();
  ASSERT_TRUE(in);
  OfficerAnswer signed_in = Ok(*in);
  signed_in.signed_in.mutable_session()->set_name("sam");
  std::optional<OfficerCall> list = desk.Apply(signed_in, kNow);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->kind, OfficerCall::Kind::kListCases);
  OfficerAnswer queue = Ok(*list);
  for (const v1::CaseRecord& c : cases) *queue.queue.add_cases() = c;
  EXPECT_FALSE(desk.Apply(queue, kNow));
}

// Opens case `c` and answers with its detail.
void Opened(OfficerDesk& desk, const v1::CaseRecord& c) {
  OfficerCall get = desk.Open(c.submission_id());
  EXPECT_EQ(get.submission_id, c.submission_id());
  OfficerAnswer detail = Ok(get);
  *detail.detail.mutable_case_() = c;
  desk.Apply(detail, kNow);
}

TEST(OfficerDeskTest, SignInNeedsANameAndAPasswordAndForgetsThePasswordOnceSent) {
  OfficerDesk desk;
  EXPECT_EQ(desk.ViewName(), "officer.sign_in");
  EXPECT_FALSE(desk.SignIn());
  EXPECT_EQ(desk.error(), "officer.error.name");
  *desk.Field(kDeskName) = "  sam ";
  EXPECT_FALSE(desk.SignIn());
  EXPECT_EQ(desk.error(), "officer.error.password");
  *desk.Field(kDeskPassword) = "secret words";
  std::optional<OfficerCall> call = desk.SignIn();
  ASSERT_TRUE(call);
  EXPECT_EQ(call->name, "sam");
  EXPECT_EQ(call->password, "secret words");
  EXPECT_TRUE(desk.password().empty()) << "kept no longer than it takes to send";
  EXPECT_TRUE(desk.busy());
  EXPECT_TRUE(desk.error().empty());
}

TEST(OfficerDeskTest, AWrongPasswordStaysOnSignInWithTheServicesWords) {
  OfficerDesk desk;
  *desk.Field(kDeskName) = "sam";
  *desk.Field(kDeskPassword) = "wrong";
  std::optional<OfficerCall> call = desk.SignIn();
  ASSERT_TRUE(call);
  EXPECT_FALSE(desk.Apply(
      Refused(*call, absl::UnauthenticatedError("SignIn: wrong name or password")), kNow));
  EXPECT_EQ(desk.view(), DeskView::kSignIn);
  EXPECT_EQ(desk.error(), "SignIn: wrong name or password");
  EXPECT_FALSE(desk.busy());
  EXPECT_TRUE(desk.officer().empty());
}

TEST(OfficerDeskTest, SigningInShowsTheQueueAndAsksForIt) {
  OfficerDesk desk;
  SignedIn(desk, {Case("a", "complaint", "received", true)});
  EXPECT_EQ(desk.ViewName(), "officer.queue");
  EXPECT_EQ(desk.officer(), "sam");
  ASSERT_EQ(desk.queue().cases_size(), 1);
  EXPECT_FALSE(desk.busy());
  EXPECT_EQ(desk.NextRefresh(), kNow + absl::Seconds(30));
}

TEST(OfficerDeskTest, TheQueueIsAskedAgainOnItsTimerAndAnUrgentWorryIsToldOnce) {
  OfficerDesk desk(absl::Seconds(10));
  SignedIn(desk, {Case("a", "complaint", "received", true)});
  EXPECT_TRUE(desk.alerts().empty());
  EXPECT_FALSE(desk.Tick(kNow + absl::Seconds(9))) << "not yet due";
  std::optional<OfficerCall> tick = desk.Tick(kNow + absl::Seconds(10));
  ASSERT_TRUE(tick);
  EXPECT_FALSE(desk.busy()) << "the officer does not wait for a refresh on the timer";
  EXPECT_FALSE(desk.Tick(kNow + absl::Seconds(11))) << "one at a time";
  OfficerAnswer answer = Ok(*tick);
  *answer.queue.add_cases() = Case("w", "safeguarding", "received");
  *answer.queue.add_cases() = Case("a", "complaint", "received", true);
  desk.Apply(answer, kNow + absl::Seconds(10));
  ASSERT_EQ(desk.alerts().size(), 1u);
  EXPECT_EQ(desk.alerts()[0].submission_id(), "w");
  desk.AlertsTold();
  // The same worry in the next queue is not new.
  std::optional<OfficerCall> again = desk.Tick(kNow + absl::Seconds(20));
  ASSERT_TRUE(again);
  OfficerAnswer same = Ok(*again);
  *same.queue.add_cases() = Case("w", "safeguarding", "received");
  desk.Apply(same, kNow + absl::Seconds(20));
  EXPECT_TRUE(desk.alerts().empty());
}

TEST(OfficerDeskTest, ADecidedWorryIsNoAlert) {
  OfficerDesk desk;
  v1::CaseRecord decided = Case("w", "safeguarding", "acknowledged");
  decided.set_safeguarding_decided(true);
  SignedIn(desk, {decided});
  EXPECT_TRUE(desk.alerts().empty());
}

TEST(OfficerDeskTest, AnAnswerToAQuestionTheOfficerMovedOnFromIsDropped) {
  OfficerDesk desk;
  v1::CaseRecord a = Case("a", "complaint", "received", true);
  v1::CaseRecord b = Case("b", "feedback", "received");
  SignedIn(desk, {a, b});
  OfficerCall first = desk.Open("a");
  OfficerCall second = desk.Open("b");
  OfficerAnswer late = Ok(first);
  *late.detail.mutable_case_() = a;
  desk.Apply(late, kNow);
  EXPECT_EQ(desk.view(), DeskView::kQueue) << "the first answer came after the second question";
  OfficerAnswer wanted = Ok(second);
  *wanted.detail.mutable_case_() = b;
  desk.Apply(wanted, kNow);
  EXPECT_EQ(desk.view(), DeskView::kCase);
  EXPECT_EQ(desk.detail().case_().submission_id(), "b");
}

TEST(OfficerDeskTest, WhatCanBeDoneFollowsTheCasesPlaceOnTheClock) {
  OfficerDesk desk;
  v1::CaseRecord received = Case("a", "complaint", "received", true);
  SignedIn(desk, {received});
  Opened(desk, received);
  std::vector<CaseAction> actions = desk.Actions();
  ASSERT_FALSE(actions.empty());
  EXPECT_EQ(actions.front(), CaseAction::kAcknowledge);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), CaseAction::kRespond), 0)
      << "a statutory complaint is acknowledged before it is answered";
  EXPECT_EQ(std::count(actions.begin(), actions.end(), CaseAction::kClose), 0);

  v1::CaseRecord acknowledged = Case("a", "complaint", "acknowledged", true);
  Opened(desk, acknowledged);
  actions = desk.Actions();
  ASSERT_GE(actions.size(), 2u);
  EXPECT_EQ(actions[0], CaseAction::kAgree) << "a response period is agreed with the person";
  EXPECT_EQ(actions[1], CaseAction::kRespond);
  acknowledged.set_respond_by("2027-01-15");
  Opened(desk, acknowledged);
  EXPECT_EQ(desk.Actions().front(), CaseAction::kRespond);

  v1::CaseRecord responded = Case("a", "complaint", "responded", true);
  responded.set_assigned_to("sam");
  Opened(desk, responded);
  actions = desk.Actions();
  EXPECT_EQ(actions.front(), CaseAction::kPublish);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), CaseAction::kClose), 1);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), CaseAction::kAssignToMe), 0)
      << "already theirs";

  v1::CaseRecord worry = Case("w", "safeguarding", "received");
  Opened(desk, worry);
  EXPECT_EQ(desk.Actions().front(), CaseAction::kDecide) << "the safeguarding decision first";
}

TEST(OfficerDeskTest, AFormSaysWhatIsMissingBeforeAnythingIsSent) {
  OfficerDesk desk;
  v1::CaseRecord c = Case("a", "complaint", "acknowledged", true);
  SignedIn(desk, {c});
  Opened(desk, c);
  desk.StartAction(CaseAction::kRespond);
  EXPECT_EQ(desk.ViewName(), "officer.action.respond");
  EXPECT_EQ(desk.Options(), (std::vector<std::string>{"upheld", "partly_upheld", "not_upheld"}));
  EXPECT_FALSE(desk.Save());
  EXPECT_EQ(desk.error(), "officer.error.choose.respond");
  desk.Choose("partly_upheld");
  EXPECT_FALSE(desk.Save());
  EXPECT_EQ(desk.error(), "officer.error.words.respond");
  *desk.Field(kDeskWords) = "We are sorry. You may go to the Ombudsman.";
  std::optional<OfficerCall> call = desk.Save();
  ASSERT_TRUE(call);
  EXPECT_EQ(call->move.submission_id(), "a");
  EXPECT_EQ(call->move.action(), "respond");
  EXPECT_EQ(call->move.outcome(), "partly_upheld");
  EXPECT_EQ(call->move.response(), "We are sorry. You may go to the Ombudsman.");
}

TEST(OfficerDeskTest, ASavedMoveShowsTheCaseAsItNowStandsAndReadsItAgain) {
  OfficerDesk desk;
  v1::CaseRecord c = Case("a", "complaint", "received", true);
  SignedIn(desk, {c});
  Opened(desk, c);
  desk.StartAction(CaseAction::kAcknowledge);
  desk.Choose("phone");
  std::optional<OfficerCall> call = desk.Save();
  ASSERT_TRUE(call);
  EXPECT_EQ(call->move.contact_method(), "phone");
  OfficerAnswer moved = Ok(*call);
  moved.moved.set_submission_id("a");
  moved.moved.set_state("acknowledged");
  std::optional<OfficerCall> reread = desk.Apply(moved, kNow);
  EXPECT_EQ(desk.view(), DeskView::kCase);
  EXPECT_EQ(desk.detail().case_().state(), "acknowledged");
  EXPECT_EQ(desk.done(), "officer.done.acknowledge");
  ASSERT_TRUE(reread);
  EXPECT_EQ(reread->kind, OfficerCall::Kind::kGetCase);
  EXPECT_EQ(reread->submission_id, "a");
}

TEST(OfficerDeskTest, AReplyTheRedactorFlagsCanBeConfirmedWordByWord) {
  OfficerDesk desk;
  v1::CaseRecord c = Case("a", "complaint", "responded", true);
  SignedIn(desk, {c});
  Opened(desk, c);
  desk.StartAction(CaseAction::kPublish);
  *desk.Field(kDeskWords) = "The Meadowbank bus now comes at nine.";
  std::optional<OfficerCall> call = desk.Save();
  ASSERT_TRUE(call);
  EXPECT_TRUE(call->move.confirmed_words().empty());
  desk.Apply(Refused(*call, absl::FailedPreconditionError(
                                "MoveCase: these words are not in the dictionary and may be "
                                "names: Meadowbank, Zed. If none names a person, confirm them "
                                "(--confirm WORD,...); otherwise reword")),
             kNow);
  EXPECT_EQ(desk.view(), DeskView::kAction) << "the words typed are kept";
  EXPECT_EQ(desk.words(), "The Meadowbank bus now comes at nine.");
  EXPECT_EQ(desk.flagged(), (std::vector<std::string>{"Meadowbank", "Zed"}));
  desk.SetConfirmed(true);
  call = desk.Save();
  ASSERT_TRUE(call);
  EXPECT_EQ(std::vector<std::string>(call->move.confirmed_words().begin(),
                                     call->move.confirmed_words().end()),
            (std::vector<std::string>{"Meadowbank", "Zed"}));
}

TEST(OfficerDeskTest, AnEndedSessionGoesBackToSignInSayingSo) {
  OfficerDesk desk;
  v1::CaseRecord c = Case("a", "complaint", "received", true);
  SignedIn(desk, {c});
  OfficerCall get = desk.Open("a");
  desk.Apply(Refused(get, absl::UnauthenticatedError("GetCase: the session has ended")), kNow);
  EXPECT_EQ(desk.view(), DeskView::kSignIn);
  EXPECT_EQ(desk.error(), "officer.error.session_ended");
  EXPECT_TRUE(desk.officer().empty());
  EXPECT_FALSE(desk.Tick(kNow + absl::Hours(1))) << "nothing is asked without a session";
}

TEST(OfficerDeskTest, BackGoesFromAFormToItsCaseAndFromTheCaseToAFreshQueue) {
  OfficerDesk desk;
  v1::CaseRecord c = Case("a", "complaint", "received", true);
  SignedIn(desk, {c});
  Opened(desk, c);
  desk.StartAction(CaseAction::kNote);
  EXPECT_FALSE(desk.Back());
  EXPECT_EQ(desk.view(), DeskView::kCase);
  std::optional<OfficerCall> list = desk.Back();
  EXPECT_EQ(desk.view(), DeskView::kQueue);
  ASSERT_TRUE(list);
  EXPECT_EQ(list->kind, OfficerCall::Kind::kListCases);
  EXPECT_FALSE(desk.busy()) << "the queue as last seen is there to use meanwhile";
  EXPECT_EQ(desk.queue().cases_size(), 1);
  EXPECT_EQ(desk.last_case(), "a");
  EXPECT_FALSE(desk.Back()) << "nothing behind the queue";
}

TEST(OfficerDeskTest, AnExportKeepsTheOfficerUntilItsFileIsWholeOrRefused) {
  OfficerDesk desk;
  SignedIn(desk);
  desk.ShowExport();
  EXPECT_EQ(desk.ViewName(), "officer.export");
  std::optional<OfficerCall> call = desk.StartExport("/tmp/x.csv");
  ASSERT_TRUE(call);
  EXPECT_EQ(call->export_path, "/tmp/x.csv");
  EXPECT_FALSE(desk.StartExport("/tmp/y.csv")) << "one at a time";
  OfficerAnswer step = Ok(*call);
  step.finished = false;
  step.exported = 10;
  step.export_total = 40;
  desk.Apply(step, kNow);
  EXPECT_TRUE(desk.exporting());
  EXPECT_EQ(desk.exported(), 10);
  EXPECT_EQ(desk.export_total(), 40);
  EXPECT_FALSE(desk.Back());
  EXPECT_EQ(desk.view(), DeskView::kExport) << "not while the file is being written";
  OfficerAnswer failed = Ok(*call);
  failed.exported = 12;
  failed.export_total = 40;
  failed.status = absl::UnavailableError("cannot reach the service (ExportSubmissions)");
  desk.Apply(failed, kNow);
  EXPECT_FALSE(desk.exporting());
  EXPECT_EQ(desk.error(), "cannot reach the service (ExportSubmissions)");
  EXPECT_TRUE(desk.done().empty());
  call = desk.StartExport("/tmp/z.csv");
  ASSERT_TRUE(call);
  OfficerAnswer whole = Ok(*call);
  whole.exported = 40;
  whole.export_total = 40;
  desk.Apply(whole, kNow);
  EXPECT_EQ(desk.done(), "officer.done.export");
  EXPECT_EQ(desk.export_path(), "/tmp/z.csv");
  EXPECT_FALSE(desk.Back());
  EXPECT_EQ(desk.view(), DeskView::kQueue);
}

TEST(OfficerDeskTest, APacksPeriodIsAWholeQuarterThisQuarterOrTheCouncilYear) {
  auto days = [](std::string_view period, absl::CivilDay today) {
    const PackDays d = PackPeriodDays(period, today);
    return absl::StrCat(absl::FormatCivilTime(d.first), "..", absl::FormatCivilTime(d.last), " ",
                        d.annual_year);
  };
  const absl::CivilDay december(2026, 12, 6), february(2027, 2, 10), april(2026, 4, 1);
  EXPECT_EQ(days("last_quarter", december), "2026-07-01..2026-09-30 0");
  EXPECT_EQ(days("this_quarter", december), "2026-10-01..2026-12-06 0");
  EXPECT_EQ(days("council_year", december), "2025-04-01..2026-03-31 2026");
  EXPECT_EQ(days("last_quarter", february), "2026-10-01..2026-12-31 0");
  EXPECT_EQ(days("this_quarter", february), "2027-01-01..2027-02-10 0");
  EXPECT_EQ(days("council_year", february), "2025-04-01..2026-03-31 2026")
      << "the year to 31 March 2027 is not over";
  EXPECT_EQ(days("last_quarter", april), "2026-01-01..2026-03-31 0");
  EXPECT_EQ(days("this_quarter", april), "2026-04-01..2026-04-01 0");
  EXPECT_EQ(days("council_year", april), "2025-04-01..2026-03-31 2026");
}

TEST(OfficerDeskTest, APackIsAskedForAsChosenAndCountsItsSteps) {
  OfficerDesk desk;
  SignedIn(desk);
  desk.ShowExport();
  EXPECT_EQ(desk.PackChoice("period"), "last_quarter");
  EXPECT_EQ(desk.PackChoice("audience"), "scrutiny");
  EXPECT_EQ(desk.PackChoice("format"), "pdf");
  desk.ChoosePack("audience", "public");
  desk.ChoosePack("format", "xlsx");
  desk.ChoosePack("format", "docx");  // not offered: nothing changes
  EXPECT_EQ(desk.PackChoice("format"), "xlsx");
  std::optional<OfficerCall> call = desk.StartPack(absl::CivilDay(2026, 12, 6), "/tmp/p.xlsx");
  ASSERT_TRUE(call);
  EXPECT_EQ(call->kind, OfficerCall::Kind::kPack);
  EXPECT_EQ(call->pack.period(), "2026-07-01..2026-09-30");
  EXPECT_EQ(call->pack.annual_year(), 0);
  EXPECT_EQ(call->pack.audience(), v1::AUDIENCE_PUBLIC);
  EXPECT_EQ(call->pack_format, "xlsx");
  EXPECT_EQ(call->export_path, "/tmp/p.xlsx");
  EXPECT_TRUE(desk.packing());
  EXPECT_FALSE(desk.StartExport("/tmp/x.csv")) << "one file at a time";
  OfficerAnswer step = Ok(*call);
  step.finished = false;
  step.exported = 1;
  step.export_total = kPackSteps;
  desk.Apply(step, kNow);
  EXPECT_EQ(desk.exported(), 1);
  EXPECT_FALSE(desk.Back());
  EXPECT_EQ(desk.view(), DeskView::kExport) << "not while the pack is being made";
  OfficerAnswer whole = Ok(*call);
  whole.exported = kPackSteps;
  whole.export_total = kPackSteps;
  desk.Apply(whole, kNow);
  EXPECT_FALSE(desk.exporting());
  EXPECT_EQ(desk.done(), "officer.done.pack");
  // The council year asks for the statutory annual report.
  desk.ChoosePack("period", "council_year");
  call = desk.StartPack(absl::CivilDay(2026, 12, 6), "/tmp/p2.xlsx");
  ASSERT_TRUE(call);
  EXPECT_EQ(call->pack.annual_year(), 2026);
  EXPECT_EQ(call->pack.period(), "");
  desk.Apply(Refused(*call, absl::PermissionDeniedError("BuildReport: not for this role")), kNow);
  EXPECT_EQ(desk.error(), "BuildReport: not for this role");
  EXPECT_TRUE(desk.done().empty());
  // A CSV export after a pack is an export again.
  call = desk.StartExport("/tmp/x.csv");
  ASSERT_TRUE(call);
  EXPECT_FALSE(desk.packing());
}

TEST(OfficerDeskTest, TheRestOfTheClocksMovesAreOfferedWhereTheyFitAndSaySoToTheService) {
  OfficerDesk desk;
  v1::CaseRecord c = Case("a", "complaint", "acknowledged", true);
  c.add_suggested_themes("transport");
  SignedIn(desk, {c});
  Opened(desk, c);
  auto offered = [&](CaseAction a) {
    std::vector<CaseAction> all = desk.Actions();
    return std::find(all.begin(), all.end(), a) != all.end();
  };
  EXPECT_TRUE(offered(CaseAction::kAgree));
  EXPECT_TRUE(offered(CaseAction::kWithdraw));
  EXPECT_TRUE(offered(CaseAction::kThemes));
  EXPECT_FALSE(offered(CaseAction::kRefer));
  EXPECT_FALSE(offered(CaseAction::kReopen));
  desk.StartAction(CaseAction::kAgree);
  *desk.Field(kDeskWords) = " 2027-01-15 ";
  std::optional<OfficerCall> call = desk.Save();
  ASSERT_TRUE(call);
  EXPECT_EQ(call->move.action(), "agree");
  EXPECT_EQ(call->move.respond_by(), "2027-01-15");
  desk.Back();
  desk.StartAction(CaseAction::kThemes);
  call = desk.Save();
  ASSERT_TRUE(call);
  EXPECT_EQ(call->move.action(), "theme");
  ASSERT_EQ(call->move.themes_size(), 1);
  EXPECT_EQ(call->move.themes(0), "transport");

  v1::CaseRecord closed = Case("a", "complaint", "closed", true);
  Opened(desk, closed);
  EXPECT_TRUE(offered(CaseAction::kRefer));
  EXPECT_TRUE(offered(CaseAction::kReopen));
  EXPECT_FALSE(offered(CaseAction::kWithdraw));
  desk.StartAction(CaseAction::kReopen);
  EXPECT_FALSE(desk.Save());
  EXPECT_EQ(desk.error(), "officer.error.words.reopen");
  *desk.Field(kDeskWords) = "They sent new evidence.";
  call = desk.Save();
  ASSERT_TRUE(call);
  EXPECT_EQ(call->move.action(), "reopen");
  EXPECT_EQ(call->move.reason(), "They sent new evidence.");
}

TEST(OfficerDeskTest, SigningOutForgetsTheSessionHereAtOnceWhateverTheServiceSays) {
  OfficerDesk desk;
  v1::CaseRecord c = Case("a", "complaint", "received", true);
  SignedIn(desk, {c});
  Opened(desk, c);
  OfficerCall out = desk.SignOut("officer.error.idle");
  EXPECT_EQ(out.kind, OfficerCall::Kind::kSignOut);
  EXPECT_EQ(desk.view(), DeskView::kSignIn);
  EXPECT_EQ(desk.error(), "officer.error.idle");
  EXPECT_FALSE(desk.signed_in());
  EXPECT_TRUE(desk.name().empty());
  EXPECT_EQ(desk.queue().cases_size(), 0);
  EXPECT_FALSE(desk.detail().has_case_());
  EXPECT_FALSE(desk.Tick(kNow + absl::Hours(1)));
  desk.Apply(Refused(out, absl::UnavailableError("cannot reach the service (SignOut)")), kNow);
  EXPECT_EQ(desk.view(), DeskView::kSignIn) << "signed out here even so";
  EXPECT_FALSE(desk.signed_in());
}

TEST(OfficerDeskTest, FlaggedWordsAreReadFromTheRedactorsRefusalOnly) {
  EXPECT_TRUE(FlaggedWords("a published reply may be read aloud in public").empty());
  EXPECT_EQ(FlaggedWords("x: these words are not in the dictionary and may be names: Ada. If "
                         "none names a person, confirm them"),
            (std::vector<std::string>{"Ada"}));
}

}  // namespace
}  // namespace carevoice::client
