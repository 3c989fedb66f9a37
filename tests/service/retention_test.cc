// The retention schedule: the shipped file and refusals of bad ones; and
// applying it on a real SQLite store on a fake clock, just before and at
// each boundary: anonymised on the day, deleted on the day, each kind by
// its own rule, a dry run changing nothing, every run audited, and what
// was removed gone from the database file's bytes.
#include "service/retention/retention.h"

#include <map>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/service/test_server.h"
#include "tests/service/testing.h"

namespace carevoice::service {
namespace {

constexpr absl::Duration kDay = absl::Hours(24);

TEST(RetentionScheduleTest, TheShippedScheduleHasARuleAndAReasonForEveryKind) {
  auto schedule = retention::LoadSchedule(CAREVOICE_RETENTION_SCHEDULE);
  ASSERT_TRUE(schedule.ok()) << schedule.status();
  std::map<std::string, retention::Rule> by_kind;
  for (const auto& rule : schedule->kinds) by_kind[rule.kind] = rule;
  for (const char* kind : {"feedback", "complaint", "safeguarding", "idea", "consultation_answer"}) {
    SCOPED_TRACE(kind);
    ASSERT_EQ(by_kind.count(kind), 1u);
    EXPECT_LE(by_kind[kind].anonymise_after, by_kind[kind].delete_after);
    EXPECT_GE(by_kind[kind].reason.size(), 40u);
  }
  EXPECT_GT(schedule->quarantine_delete_after, absl::ZeroDuration());
}

TEST(RetentionScheduleTest, ABadScheduleIsRefusedSayingWhere) {
  const std::string good_rule =
      R"({"anonymise_after_days": 10, "delete_after_days": 20, "reason": "a good enough reason"})";
  auto schedule_with = [&](const std::string& feedback_rule, const std::string& extra = "") {
    return R"({"kinds": {"feedback": )" + feedback_rule + R"(, "complaint": )" + good_rule +
           R"(, "safeguarding": )" + good_rule + R"(, "idea": )" + good_rule +
           R"(, "consultation_answer": )" + good_rule + extra +
           R"(}, "quarantine": {"delete_after_days": 30, "reason": "a good enough reason"}})";
  };
  ASSERT_TRUE(retention::ParseSchedule(schedule_with(good_rule)).ok());
  struct Case {
    std::string json;
    std::string says;
  } cases[] = {
      {"not json", "not a JSON object"},
      {schedule_with(R"({"anonymise_after_days": 30, "delete_after_days": 20, "reason": "a good enough reason"})"),
       "kinds.feedback: delete_after_days comes before"},
      {schedule_with(R"({"anonymise_after_days": 0, "delete_after_days": 20, "reason": "a good enough reason"})"),
       "kinds.feedback.anonymise_after_days"},
      {schedule_with(R"({"anonymise_after_days": 10, "delete_after_days": "soon", "reason": "a good enough reason"})"),
       "kinds.feedback.delete_after_days"},
      {schedule_with(R"({"anonymise_after_days": 10, "delete_after_days": 20, "reason": "law"})"),
       "kinds.feedback.reason"},
      {schedule_with(good_rule, R"(, "gossip": )" + good_rule), "kinds.gossip: not a kind"},
      {R"({"kinds": {"feedback": )" + good_rule + "}}", "kinds.complaint: missing"},
  };
  for (const Case& c : cases) {
    auto parsed = retention::ParseSchedule(c.json);
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << c.json;
    EXPECT_NE(std::string(parsed.status().message()).find(c.says), std::string::npos)
        << parsed.status() << " should say " << c.says;
  }
}

class RetentionTest : public ::testing::Test {
 protected:
  void SetUp() override { start_ = server_.clock().Now(); }

  void Send(const std::vector<v1::Submission>& items) { server_.SendStored(items); }

  // Moves the clock to `days` after the first submissions arrived, plus
  // `extra`, and applies the schedule.
  retention::Report RunAt(int days, absl::Duration extra = absl::ZeroDuration(),
                          bool dry_run = false) {
    server_.clock().Set(start_ + days * kDay + extra);
    auto report = server_.retention().Run("admin.test", dry_run);
    EXPECT_TRUE(report.ok()) << report.status();
    return report.value_or(retention::Report{});
  }

  std::map<std::string, v1::Submission> Stored() {
    std::map<std::string, v1::Submission> out;
    EXPECT_TRUE(server_.store()
                    .ForEachSubmission([&](const v1::SubmissionRecord& r) {
                      out[r.submission_id()] = r.submission();
                      return true;
                    })
                    .ok());
    return out;
  }

  std::string FileBytes() {
    return testing::ReadFile(server_.db_path()) + testing::ReadFile(server_.db_path() + "-wal");
  }

  testing::TestServer server_;
  absl::Time start_;
};

TEST_F(RetentionTest, EachKindIsAnonymisedThenDeletedOnItsDayAndNotBefore) {
  v1::Submission pat = testing::Feedback(1, start_, "Marigold the carer is always late");
  pat.set_anonymous(false);
  pat.mutable_contact()->set_name("Pat Quimby");
  pat.mutable_contact()->set_email("pat.quimby@example.org");
  v1::Submission quoted = testing::Feedback(2, start_, "You may quote this: lovely staff");
  quoted.mutable_consent()->set_may_quote(true);
  const v1::Submission worry = testing::Safeguarding(3, start_);
  ASSERT_NO_FATAL_FAILURE(Send({pat, quoted, worry}));
  store::QuarantineRow q{0, start_, "kiosk-test-1", "broken-1", "test", "raw words Zanzibar"};
  ASSERT_TRUE(server_.store().PutQuarantine({&q, 1}).ok());
  ASSERT_NE(FileBytes().find("pat.quimby@example.org"), std::string::npos) << "test premise";

  // A second before feedback's year is up: nothing.
  retention::Report r = RunAt(365, -absl::Seconds(1));
  EXPECT_EQ(r.anonymised + r.deleted + r.quarantine_deleted, 0);

  // On the day: Pat's feedback anonymised (the quoted one had nothing to
  // take away: no details, words agreed to be quoted), the worry kept
  // whole, and the quarantine's year is up too.
  r = RunAt(365);
  EXPECT_EQ(r.anonymised, 1);
  EXPECT_EQ(r.deleted, 0);
  EXPECT_EQ(r.quarantine_deleted, 1);
  auto stored = Stored();
  ASSERT_EQ(stored.size(), 3u);
  const v1::Submission& kept = stored[pat.submission_id()];
  EXPECT_FALSE(kept.has_contact());
  EXPECT_EQ(kept.feedback().text(), "") << "no consent to quote: the words go";
  EXPECT_EQ(kept.feedback().service_id(), "home_care") << "what it was about stays";
  EXPECT_EQ(kept.feedback().rating(), v1::RATING_GOOD);
  EXPECT_EQ(stored[quoted.submission_id()].feedback().text(), "You may quote this: lovely staff");
  EXPECT_EQ(stored[worry.submission_id()].SerializeAsString(), worry.SerializeAsString());
  const std::string bytes = FileBytes();
  for (const char* gone : {"pat.quimby@example.org", "Pat Quimby", "Marigold", "Zanzibar"}) {
    EXPECT_EQ(bytes.find(gone), std::string::npos) << gone << " is still in the file's bytes";
  }

  // Done once: the next day finds nothing more to do.
  r = RunAt(366);
  EXPECT_EQ(r.anonymised + r.deleted + r.quarantine_deleted, 0);

  // Feedback goes after three years, the worry stays.
  r = RunAt(1095, -absl::Seconds(1));
  EXPECT_EQ(r.deleted, 0);
  r = RunAt(1095);
  EXPECT_EQ(r.deleted, 2);
  stored = Stored();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored.count(worry.submission_id()), 1u);

  // The worry: anonymised at six years, deleted at ten.
  r = RunAt(2190, -absl::Seconds(1));
  EXPECT_EQ(r.anonymised, 0);
  r = RunAt(2190);
  EXPECT_EQ(r.anonymised, 1);
  EXPECT_EQ(Stored()[worry.submission_id()].safeguarding().what_is_happening(), "");
  r = RunAt(3650, -absl::Seconds(1));
  EXPECT_EQ(r.deleted, 0);
  r = RunAt(3650);
  EXPECT_EQ(r.deleted, 1);
  EXPECT_TRUE(Stored().empty());

  // Every run audited with its counts, and the chain still holds.
  auto audit = server_.store().ListAudit(100);
  ASSERT_TRUE(audit.ok());
  int runs = 0;
  for (const auto& row : *audit) {
    if (row.action != "retention") continue;
    ++runs;
    EXPECT_EQ(row.officer, "admin.test");
  }
  EXPECT_EQ(runs, 9);
  auto verified = server_.store().VerifyAudit(std::nullopt);
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->ok()) << verified->problem;
}

TEST_F(RetentionTest, ADryRunCountsChangesNothingAndIsAudited) {
  v1::Submission pat = testing::Feedback(1, start_, "Words to keep for now");
  pat.set_anonymous(false);
  pat.mutable_contact()->set_name("Pat");
  pat.mutable_contact()->set_email("pat@example.org");
  ASSERT_NO_FATAL_FAILURE(Send({pat}));
  retention::Report r = RunAt(400, absl::ZeroDuration(), /*dry_run=*/true);
  EXPECT_TRUE(r.dry_run);
  EXPECT_EQ(r.anonymised, 1);
  EXPECT_EQ(Stored()[pat.submission_id()].contact().email(), "pat@example.org");
  auto audit = server_.store().ListAudit(1);
  ASSERT_TRUE(audit.ok());
  EXPECT_EQ(audit->front().action, "retention_dry_run");
  EXPECT_EQ(audit->front().count, 1);
}

TEST_F(RetentionTest, AnAdminRunsItThroughTheOfficerServiceAndSeesTheReasons) {
  v1::RunRetentionRequest request;
  request.set_dry_run(true);
  v1::RetentionReport report;
  grpc::ClientContext context;
  server_.SignedInAs(auth::Role::kAdmin, &context);
  ASSERT_TRUE(server_.officer().RunRetention(&context, request, &report).ok());
  EXPECT_TRUE(report.dry_run());
  ASSERT_EQ(report.rules_size(), 6);
  for (const auto& rule : report.rules()) {
    EXPECT_FALSE(rule.reason().empty()) << rule.kind();
    EXPECT_GT(rule.delete_after_days(), 0) << rule.kind();
  }
  EXPECT_EQ(report.rules(5).kind(), "quarantine");
}

}  // namespace
}  // namespace carevoice::service
