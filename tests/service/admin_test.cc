// The officers' CLI: its output formats from records, and its commands
// against the real services through an in-process channel.
#include <sys/stat.h>

#include <atomic>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "contract/reference_code.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "client/admin/commands.h"
#include "client/admin/format.h"
#include "client/admin/session_file.h"
#include "tests/service/test_server.h"

namespace carevoice::client::admin {
namespace {

namespace auth = service::auth;
namespace cases = service::cases;
namespace store = service::store;

v1::SubmissionRecord Record(int n, const std::string& text) {
  v1::SubmissionRecord r;
  *r.mutable_submission() =
      service::testing::Feedback(n, absl::FromUnixSeconds(1'790'000'000), text);
  r.set_submission_id(r.submission().submission_id());
  r.set_reference(r.submission().reference());
  r.set_device_id("kiosk-test-1");
  r.mutable_received_at()->set_seconds(1'790'000'000);  // 2026-09-21T14:13:20Z
  r.set_kind("feedback");
  r.set_status(v1::CASE_STATUS_RECEIVED);
  return r;
}

TEST(CsvTest, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField(""), "");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvField("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(CsvField("Gofal yn y cartref, ŵ"), "\"Gofal yn y cartref, ŵ\"");
}

TEST(CsvTest, RowsMatchTheHeaderAndEndInCrlf) {
  const std::string header = CsvHeader(false);
  EXPECT_EQ(header.substr(header.size() - 2), "\r\n");
  EXPECT_EQ(header.find("contact"), std::string::npos);
  EXPECT_NE(CsvHeader(true).find("contact_email"), std::string::npos);

  const std::string row = CsvRow(Record(1, "Kind, \"patient\"\nstaff."), false);
  const std::string reference = contract::FormatReference(Record(1, "").reference());
  EXPECT_EQ(row, service::testing::TestSubmissionId(1) + "," + reference +
                     ",2026-09-21T14:13:20Z,feedback,false,received,home_care,4,"
                     "en-GB,false,\"Kind, \"\"patient\"\"\nstaff.\"\r\n");
}

TEST(CsvTest, WordsThatLookLikeFormulasAreDefused) {
  const std::string row = CsvRow(Record(1, "=HYPERLINK(\"x\")"), false);
  EXPECT_NE(row.find(",\"'=HYPERLINK(\"\"x\"\")\"\r\n"), std::string::npos) << row;
}

TEST(JsonTest, FormatsRecordsAsAnArrayOfObjects) {
  std::vector<v1::SubmissionRecord> records = {Record(1, "Lovely staff."),
                                               Record(2, "")};
  records[1].mutable_submission()->mutable_feedback()->clear_rating();
  records[1].set_urgent(true);
  auto json = nlohmann::json::parse(FormatJson(records, true));
  ASSERT_TRUE(json.is_array());
  ASSERT_EQ(json.size(), 2u);
  EXPECT_EQ(json[0]["reference"], contract::FormatReference(records[0].reference()));
  EXPECT_EQ(json[0]["reference"].get<std::string>()[4], '-');
  EXPECT_EQ(json[0]["submission_id"], service::testing::TestSubmissionId(1));
  EXPECT_EQ(json[0]["kind"], "feedback");
  EXPECT_EQ(json[0]["received_at"], "2026-09-21T14:13:20Z");
  EXPECT_EQ(json[0]["urgent"], false);
  EXPECT_EQ(json[0]["status"], "received");
  EXPECT_EQ(json[0]["service_id"], "home_care");
  EXPECT_EQ(json[0]["rating"], 4);
  EXPECT_EQ(json[0]["text"], "Lovely staff.");
  EXPECT_TRUE(json[1]["rating"].is_null());
  EXPECT_EQ(json[1]["urgent"], true);

  auto without = nlohmann::json::parse(FormatJson(records, false));
  EXPECT_FALSE(without[0].contains("text"));
  EXPECT_EQ(nlohmann::json::parse(FormatJson({}, false)), nlohmann::json::array());
}

TEST(JsonTest, SaysWhenAComplaintHappenedAndWhetherItIsLate) {
  std::vector<v1::SubmissionRecord> records = {Record(1, ""), Record(2, ""), Record(3, "")};
  for (v1::SubmissionRecord& r : records) {
    r.mutable_submission()->mutable_created_at()->set_seconds(
        absl::ToUnixSeconds(absl::FromCivil(absl::CivilDay(2026, 12, 3), absl::UTCTimeZone())));
    r.mutable_submission()->mutable_complaint()->set_what_happened("The bus did not come.");
  }
  v1::Complaint* dated = records[0].mutable_submission()->mutable_complaint();
  dated->set_when(v1::WHEN_ON_DATE);
  dated->mutable_event_date()->set_year(2025);
  dated->mutable_event_date()->set_month(11);
  dated->mutable_event_date()->set_day(2);
  records[1].mutable_submission()->mutable_complaint()->set_when(v1::WHEN_LAST_WEEK);
  auto json = nlohmann::json::parse(FormatJson(records, false));
  EXPECT_EQ(json[0]["happened"], "2025-11-02");
  EXPECT_EQ(json[0]["outside_time_limit"], true);
  EXPECT_EQ(json[1]["happened"], "last_week");
  EXPECT_EQ(json[1]["outside_time_limit"], false);
  EXPECT_TRUE(json[2]["happened"].is_null());
  const std::vector<v1::SubmissionRecord> feedback_only = {Record(4, "")};
  auto feedback = nlohmann::json::parse(FormatJson(feedback_only, false));
  EXPECT_FALSE(feedback[0].contains("happened")) << "only complaints have a time limit";
}

TEST(JsonTest, SaysWhenThePersonToldTheDeviceAndHowFarItsClockWasOut) {
  std::vector<v1::SubmissionRecord> records = {Record(1, ""), Record(2, "")};
  records[0].mutable_told_at()->set_seconds(1'790'000'000 - 600);
  records[0].set_device_clock_offset_ms(-48 * 3600 * 1000LL);
  records[1].mutable_told_at()->set_seconds(1'790'000'000);
  records[1].set_device_clock_offset_ms(40);  // the trip: not worth saying
  auto json = nlohmann::json::parse(FormatJson(records, false));
  EXPECT_EQ(json[0]["told_at"], "2026-09-21T14:03:20Z");
  EXPECT_EQ(json[0]["device_clock_off_by_s"], -48 * 3600);
  EXPECT_EQ(json[1]["told_at"], "2026-09-21T14:13:20Z");
  EXPECT_FALSE(json[1].contains("device_clock_off_by_s"));
}

TEST(TableTest, AlignsColumnsAndKeepsTextOnOneLine) {
  std::vector<v1::SubmissionRecord> records = {
      Record(1, "Short."), Record(2, "Línea uno\nline two " + std::string(100, 'x'))};
  const std::string table = FormatTable(records, true);
  std::vector<std::string> lines;
  std::istringstream in(table);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].find("REFERENCE"), 0u);
  const std::size_t kind_column = lines[0].find("KIND");
  EXPECT_EQ(lines[1].find("feedback"), kind_column);
  EXPECT_EQ(lines[2].find("feedback"), kind_column);
  EXPECT_NE(lines[2].find("Línea uno line two"), std::string::npos);
  EXPECT_NE(lines[2].find("\u2026"), std::string::npos);  // shortened
  EXPECT_EQ(FormatTable(records, false).find("Short."), std::string::npos);
}

TEST(WordsTest, JoinsEveryTextFieldOfTheBody) {
  v1::Submission s;
  s.mutable_complaint()->set_what_happened("It went wrong.");
  s.mutable_complaint()->set_desired_outcome("An apology.");
  EXPECT_EQ(WordsOf(s), "It went wrong.\n\nAn apology.");
  EXPECT_EQ(StatusName(v1::CASE_STATUS_IN_PROGRESS), "in_progress");
}

class AdminCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<v1::Submission> pats;
    for (int i = 0; i < 3; ++i) {
      pats.push_back(Feedback(i, "Words, quoted.", "Pat Example", "01632 960001"));
    }
    pats[0].mutable_feedback()->set_provider_id("harbourside_care_coop");
    Send(pats);
  }

  // Feedback `n` with `words`, from someone who gave a name and a phone.
  v1::Submission Feedback(int n, const std::string& words, const std::string& name,
                          const std::string& phone) {
    v1::Submission s = service::testing::Feedback(n, server_.clock().Now(), words);
    s.set_anonymous(false);
    s.mutable_contact()->set_name(name);
    s.mutable_contact()->set_phone(phone);
    return s;
  }

  // Sends `items` from kiosk-test-1; the service's answer.
  v1::SubmitBatchResponse Send(const std::vector<v1::Submission>& items) {
    v1::SubmitBatchRequest request;
    request.set_device_id("kiosk-test-1");
    for (const v1::Submission& s : items) *request.add_submissions() = s;
    v1::SubmitBatchResponse response;
    grpc::ClientContext context;
    server_.AsDevice("kiosk-test-1", &context);
    EXPECT_TRUE(server_.kiosk().SubmitBatch(&context, request, &response).ok());
    return response;
  }

  // Another person's feedback, and an item of Pat's that the service
  // refuses (no language), so it is kept in the quarantine.
  v1::SubmitBatchResponse SendAnotherPersonsAndARefusedOneOfPats(const std::string& name,
                                                                 const std::string& words) {
    v1::Submission refused = Feedback(11, "Refused words.", "Pat Example", "01632 960001");
    refused.set_language("");
    return Send({Feedback(10, words, name, "07700 900123"), refused});
  }

  service::testing::TestServer server_;
  service::testing::TempDir dir_;
};

TEST_F(AdminCommandTest, TheTableNamesServicesAndProvidersAndPutsUrgentFirst) {
  Send({service::testing::Safeguarding(7, server_.clock().Now())});
  server_.clock().Advance(absl::Seconds(1));
  Send({service::testing::Feedback(8, server_.clock().Now(), "Newer.")});
  std::ostringstream out;
  ListOptions options;
  options.token = server_.TokenFor(auth::Role::kClerk);
  ASSERT_TRUE(RunList(server_.officer(), options, out).ok());
  std::vector<std::string> lines;
  std::istringstream in(out.str());
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 6u) << out.str();
  EXPECT_NE(lines[0].find("PROVIDER"), std::string::npos);
  // The safeguarding worry first, though the feedback after it is newer.
  EXPECT_NE(lines[1].find("safeguarding"), std::string::npos) << out.str();
  EXPECT_NE(lines[1].find("URGENT"), std::string::npos);
  EXPECT_NE(out.str().find("Home care"), std::string::npos);
  EXPECT_NE(out.str().find("Harbourside Care Co-operative"), std::string::npos);
  EXPECT_EQ(out.str().find("home_care"), std::string::npos) << "ids, not names";
}

// Kiosks count visits over gRPC; anyone signed in reads the counts, each
// answer on its own, in words, and a small count of who people are is not
// given exactly.
TEST_F(AdminCommandTest, TakingPartIsReadInWordsWithSmallCountsNotGivenExactly) {
  using E = v1::EqualityMonitoring;
  v1::CountTakingPartRequest request;
  request.set_device_id("kiosk-test-1");
  for (int i = 0; i < 6; ++i) {
    v1::TakingPart& t = *request.add_tallies();
    t.set_tally_id(absl::StrCat("tally-000000000000000", i));
    t.set_month("2026-12");
    t.mutable_how()->set_audio_only(i == 0);
    t.mutable_how()->set_input(v1::HowTookPart::INPUT_ONE_SWITCH);
    t.mutable_how()->set_language("cy");
    t.mutable_equality()->set_age_band(i == 0 ? E::AGE_BAND_18_TO_24 : E::AGE_BAND_85_AND_OVER);
  }
  v1::CountTakingPartResponse counted;
  {
    grpc::ClientContext context;
    server_.AsDevice("kiosk-test-1", &context);
    ASSERT_TRUE(server_.kiosk().CountTakingPart(&context, request, &counted).ok());
  }
  {
    // Another device may not count in this one's name.
    grpc::ClientContext context;
    server_.AsDevice("kiosk-test-2", &context);
    EXPECT_EQ(server_.kiosk().CountTakingPart(&context, request, &counted).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }
  std::ostringstream out;
  ASSERT_TRUE(RunTakingPart(server_.officer(), server_.TokenFor(auth::Role::kClerk), "2026-12",
                            "2026-12", out)
                  .ok());
  const std::string text = out.str();
  EXPECT_NE(text.find("2026-12  visits  all  6\n"), std::string::npos) << text;
  EXPECT_NE(text.find("2026-12  equality.age_band  85 and over  5\n"), std::string::npos) << text;
  EXPECT_NE(text.find("2026-12  equality.age_band  18 to 24  fewer than 5\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("2026-12  how.input  one switch  6\n"), std::string::npos) << text;
  EXPECT_NE(text.find("2026-12  how.audio_only  yes  fewer than 5\n"), std::string::npos) << text;
  EXPECT_NE(text.find("2026-12  how.language  cy  6\n"), std::string::npos) << text;

  std::ostringstream earlier;
  ASSERT_TRUE(RunTakingPart(server_.officer(), server_.TokenFor(auth::Role::kClerk), "", "2026-11",
                            earlier)
                  .ok());
  EXPECT_EQ(earlier.str(), "no visits counted in those months\n");
  std::ostringstream bad;
  EXPECT_EQ(RunTakingPart(server_.officer(), server_.TokenFor(auth::Role::kClerk), "December", "",
                          bad)
                .code(),
            absl::StatusCode::kInvalidArgument);
}

// An officer publishes a consultation from a file, lists it with the days
// it has left, closes it; a bad file is refused naming the field, and a
// clerk may list but not publish.
TEST_F(AdminCommandTest, ConsultationsArePublishedListedAndClosed) {
  const std::string officer = server_.TokenFor(auth::Role::kOfficer);
  const absl::Time now = server_.clock().Now();
  nlohmann::json file =
      nlohmann::json::parse(service::testing::ReadFile(CAREVOICE_SAMPLE_CONSULTATION));
  file["opensAt"] = absl::FormatTime(absl::RFC3339_sec, now - absl::Hours(1), absl::UTCTimeZone());
  file["closesAt"] =
      absl::FormatTime(absl::RFC3339_sec, now + absl::Hours(24 * 12 + 3), absl::UTCTimeZone());
  const std::string path = dir_.File("consultation.json");
  service::testing::WriteFile(path, file.dump(2));
  std::ostringstream published;
  ASSERT_TRUE(RunConsultationPublish(server_.officer(), officer, path, published).ok());
  EXPECT_NE(published.str().find("published consultation getting_out_2027 (5 questions): "
                                 "\"Getting out and about\""),
            std::string::npos)
      << published.str();

  std::ostringstream listed;
  ASSERT_TRUE(
      RunConsultationList(server_.officer(), server_.TokenFor(auth::Role::kClerk), listed).ok());
  EXPECT_NE(listed.str().find("getting_out_2027  open, 13 days left"), std::string::npos)
      << listed.str();
  EXPECT_NE(listed.str().find("day_centre_hours_2026  open"), std::string::npos) << listed.str();

  file["id"] = "by_a_clerk";
  service::testing::WriteFile(path, file.dump(2));
  std::ostringstream none;
  EXPECT_FALSE(RunConsultationPublish(server_.officer(), server_.TokenFor(auth::Role::kClerk),
                                      path, none)
                   .ok());
  file["questions"][1]["options"][2]["id"] = "transport";
  service::testing::WriteFile(path, file.dump(2));
  absl::Status bad = RunConsultationPublish(server_.officer(), officer, path, none);
  EXPECT_EQ(bad.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bad.message().find("questions[1].options[2].id: error.duplicate"), std::string::npos)
      << bad;

  server_.clock().Advance(absl::Minutes(5));
  std::ostringstream closed;
  ASSERT_TRUE(RunConsultationClose(server_.officer(), officer, "getting_out_2027", closed).ok());
  EXPECT_NE(closed.str().find("closed consultation getting_out_2027"), std::string::npos);
  std::ostringstream after;
  ASSERT_TRUE(RunConsultationList(server_.officer(), officer, after).ok());
  EXPECT_NE(after.str().find("getting_out_2027  closed " +
                             absl::FormatTime("%Y-%m-%d", server_.clock().Now(),
                                              absl::UTCTimeZone()) +
                             " (early)"),
            std::string::npos)
      << after.str();
  EXPECT_EQ(RunConsultationClose(server_.officer(), officer, "getting_out_2027", closed).code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(ConsultationStateTest, SaysOpenWithDaysLeftToComeOrClosed) {
  v1::Consultation c;
  const absl::Time opens = absl::FromUnixSeconds(1'800'000'000);
  c.mutable_opens_at()->set_seconds(absl::ToUnixSeconds(opens));
  c.mutable_closes_at()->set_seconds(absl::ToUnixSeconds(opens + absl::Hours(48)));
  EXPECT_EQ(ConsultationState(c, opens - absl::Seconds(1)), "opens 2027-01-15");
  EXPECT_EQ(ConsultationState(c, opens), "open, 2 days left (closes 2027-01-17)");
  EXPECT_EQ(ConsultationState(c, opens + absl::Hours(45)), "open, 1 day left (closes 2027-01-17)");
  EXPECT_EQ(ConsultationState(c, opens + absl::Hours(48)), "closed 2027-01-17");
  c.set_closed_early(true);
  EXPECT_EQ(ConsultationState(c, opens + absl::Hours(49)), "closed 2027-01-17 (early)");
}

TEST_F(AdminCommandTest, WatchingPrintsEachUndecidedWorryOnceAsItArrivesWithoutItsWords) {
  const v1::Submission first = service::testing::Safeguarding(7, server_.clock().Now());
  Send({first});
  const v1::Submission second = service::testing::Safeguarding(8, server_.clock().Now());
  std::ostringstream out;
  std::vector<std::string> rounds;
  absl::Status watched = RunWatchCases(
      server_.officer(), server_.TokenFor(auth::Role::kOfficer),
      [&](int round) {
        rounds.push_back(out.str());
        if (round == 0) Send({second, service::testing::Feedback(9, server_.clock().Now())});
        return round < 2;
      },
      out);
  ASSERT_TRUE(watched.ok()) << watched;
  ASSERT_EQ(rounds.size(), 3u);
  const std::string ref1 = contract::FormatReference(first.reference());
  const std::string ref2 = contract::FormatReference(second.reference());
  // The worry already waiting, at once; the new one in the next round;
  // nothing again after.
  EXPECT_NE(rounds[0].find(ref1), std::string::npos) << rounds[0];
  EXPECT_EQ(rounds[0].find(ref2), std::string::npos);
  EXPECT_NE(rounds[1].find(ref2), std::string::npos) << rounds[1];
  EXPECT_EQ(rounds[2], rounds[1]);
  const std::string all = out.str();
  EXPECT_EQ(std::count(all.begin(), all.end(), '\a'), 2);
  EXPECT_NE(out.str().find("URGENT  safeguarding worry"), std::string::npos);
  EXPECT_EQ(out.str().find(first.safeguarding().what_is_happening()), std::string::npos);
  // Not for a clerk.
  EXPECT_EQ(RunWatchCases(server_.officer(), server_.TokenFor(auth::Role::kClerk),
                          [](int) { return false; }, out)
                .code(),
            absl::StatusCode::kPermissionDenied);
}

TEST_F(AdminCommandTest, ListPagesUpToTheLimit) {
  std::ostringstream out;
  ListOptions options;
  options.token = server_.TokenFor(auth::Role::kClerk);
  options.format = "json";
  options.limit = 2;
  ASSERT_TRUE(RunList(server_.officer(), options, out).ok());
  auto json = nlohmann::json::parse(out.str());
  EXPECT_EQ(json.size(), 2u);
  EXPECT_FALSE(json[0].contains("text"));

  options.format = "yaml";
  EXPECT_EQ(RunList(server_.officer(), options, out).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(AdminCommandTest, ExportWritesAnAnonymisedPrivateFile) {
  ExportOptions options;
  options.token = server_.TokenFor(auth::Role::kClerk);
  options.out_path = dir_.File("export.csv");
  auto count = RunExport(server_.officer(), options);
  ASSERT_TRUE(count.ok()) << count.status();
  EXPECT_EQ(*count, 3);
  const std::string csv = service::testing::ReadFile(options.out_path);
  EXPECT_EQ(csv.find(CsvHeader(false)), 0u);
  EXPECT_EQ(csv.find("Pat Example"), std::string::npos);
  EXPECT_EQ(csv.find("Words, quoted."), std::string::npos);  // no consent
  struct stat st;
  ASSERT_EQ(::stat(options.out_path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  options.identified = true;
  options.out_path = dir_.File("identified.csv");
  options.reason = "to reply to Pat";
  absl::StatusOr<std::int64_t> refused = RunExport(server_.officer(), options);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kPermissionDenied)
      << "a clerk exports no contact details";
  EXPECT_NE(::stat(options.out_path.c_str(), &st), 0) << "and leaves no file";
  options.token = server_.TokenFor(auth::Role::kOfficer);
  ASSERT_TRUE(RunExport(server_.officer(), options).ok());
  const std::string identified = service::testing::ReadFile(options.out_path);
  EXPECT_NE(identified.find("Pat Example"), std::string::npos);
  EXPECT_NE(identified.find("\"Words, quoted.\""), std::string::npos);
}

// Subject access finds everything about one person, whole, and nothing
// about anyone else, not even someone of the same name.
TEST_F(AdminCommandTest, SubjectAccessFindsEverythingAboutOnePersonAndNoOneElse) {
  // The same name, another person (another phone).
  const v1::SubmitBatchResponse sent =
      SendAnotherPersonsAndARefusedOneOfPats("Pat Example", "Someone else's words.");
  ASSERT_EQ(sent.results(1).outcome(), v1::ItemResult::OUTCOME_REJECTED);
  // What an officer recorded while handling one of Pat's is Pat's to see.
  cases::Request ack;
  ack.action = "acknowledge";
  ack.move.contact_method = "rang Pat, who asked for a letter";
  ASSERT_TRUE(server_.cases().Apply("officer.test", service::testing::TestSubmissionId(0), ack).ok());
  SubjectAccessOptions options;
  options.token = server_.TokenFor(auth::Role::kOfficer);
  options.request.set_name("  pat   EXAMPLE ");
  options.request.set_phone("01632-960001");  // the same digits, typed another way
  options.request.set_reason("Request received 3 December");
  options.out_path = dir_.File("sar.json");
  absl::StatusOr<std::int64_t> count = RunSubjectAccess(server_.officer(), options);
  ASSERT_TRUE(count.ok()) << count.status();
  EXPECT_EQ(*count, 4) << "three submissions and one quarantined item";
  const std::string text = service::testing::ReadFile(options.out_path);
  auto json = nlohmann::json::parse(text);
  EXPECT_EQ(json["how_many"], 4);
  int quarantined = 0;
  for (const auto& r : json["records"]) {
    EXPECT_EQ(r["submission"]["contact"]["phone"], "01632 960001");
    quarantined += r.value("quarantined", false) ? 1 : 0;
  }
  EXPECT_EQ(quarantined, 1);
  EXPECT_NE(text.find("Words, quoted."), std::string::npos) << "whole, words too";
  EXPECT_NE(text.find("contacted by rang Pat, who asked for a letter"), std::string::npos)
      << "the case's history too";
  EXPECT_NE(text.find("Refused words."), std::string::npos);
  EXPECT_EQ(text.find("Someone else's words."), std::string::npos);
  struct stat st;
  ASSERT_EQ(::stat(options.out_path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto audit = server_.store().ListAudit(1);
  ASSERT_TRUE(audit.ok() && !audit->empty());
  EXPECT_EQ(audit->front().action, "subject_access");
  EXPECT_EQ(audit->front().count, 4);
  EXPECT_EQ(audit->front().reason, "Request received 3 December");

  // Whose, and why, must be said; a clerk may not ask.
  SubjectAccessOptions bad = options;
  bad.request.clear_name();
  bad.request.clear_phone();
  EXPECT_EQ(RunSubjectAccess(server_.officer(), bad).status().code(),
            absl::StatusCode::kInvalidArgument);
  bad = options;
  bad.request.clear_reason();
  EXPECT_EQ(RunSubjectAccess(server_.officer(), bad).status().code(),
            absl::StatusCode::kInvalidArgument);
  bad = options;
  bad.token = server_.TokenFor(auth::Role::kClerk);
  bad.out_path = dir_.File("clerk.json");
  EXPECT_EQ(RunSubjectAccess(server_.officer(), bad).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_NE(::stat(bad.out_path.c_str(), &st), 0);
}

// Erasure leaves none of the person's words or details in the database
// file's bytes (nor its WAL), keeps everyone else's, and leaves an audit
// row that it happened, with the chain whole.
TEST_F(AdminCommandTest, ErasureLeavesNoneOfThePersonInTheFilesBytes) {
  SendAnotherPersonsAndARefusedOneOfPats("Sam Other", "Sam's words stay.");
  {
    // An officer's reason that names the person.
    ListOptions list;
    list.token = server_.TokenFor(auth::Role::kOfficer);
    list.include_text = true;
    list.reason = "Replying to Pat Example";
    std::ostringstream ignored;
    ASSERT_TRUE(RunList(server_.officer(), list, ignored).ok());
  }
  const auto bytes = [&] {
    return service::testing::ReadFile(server_.db_path()) + service::testing::ReadFile(server_.db_path() + "-wal");
  };
  ASSERT_NE(bytes().find("Words, quoted."), std::string::npos) << "test premise";

  const std::string officer = server_.TokenFor(auth::Role::kOfficer);
  v1::EraseRequest request;
  request.set_phone("01632 960001");
  request.set_name("Pat Example");
  request.set_reason("Erasure request of 3 December, case 41");
  request.set_dry_run(true);
  std::ostringstream out;
  ASSERT_TRUE(RunErase(server_.officer(), officer, request, false, out).ok());
  EXPECT_EQ(out.str(),
            "would erase: 3 submissions, 1 quarantined items, and the person's details from 1 "
            "audit reasons\n");
  EXPECT_NE(bytes().find("Words, quoted."), std::string::npos) << "a dry run removes nothing";

  request.set_dry_run(false);
  EXPECT_EQ(RunErase(server_.officer(), officer, request, false, out).code(),
            absl::StatusCode::kFailedPrecondition)
      << "not without --yes";
  v1::EraseRequest naming = request;
  naming.set_reason("Pat Example asked us to");
  EXPECT_EQ(RunErase(server_.officer(), officer, naming, true, out).code(),
            absl::StatusCode::kInvalidArgument)
      << "the reason outlives the erasure";

  out.str("");
  ASSERT_TRUE(RunErase(server_.officer(), officer, request, true, out).ok());
  EXPECT_EQ(out.str().rfind("erased: 3 submissions, 1 quarantined items", 0), 0u) << out.str();
  const std::string after = bytes();
  for (const char* gone : {"Words, quoted.", "Refused words.", "01632 960001", "Pat Example"}) {
    EXPECT_EQ(after.find(gone), std::string::npos) << gone << " is still in the file's bytes";
  }
  EXPECT_NE(after.find("Sam's words stay."), std::string::npos);

  auto verified = server_.store().VerifyAudit();
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->ok()) << verified->problem;
  auto audit = server_.store().ListAudit(1);
  ASSERT_TRUE(audit.ok() && !audit->empty());
  EXPECT_EQ(audit->front().action, "erase");
  EXPECT_EQ(audit->front().count, 5) << "3 submissions, 1 quarantined, 1 reason";
  SubjectAccessOptions sar;
  sar.token = officer;
  sar.request.set_phone("01632 960001");
  sar.request.set_reason("checking the erasure");
  sar.out_path = dir_.File("after.json");
  EXPECT_EQ(*RunSubjectAccess(server_.officer(), sar), 0);
}

// A backup taken while kiosks go on sending: the copy passes SQLite's
// integrity check, holds everything acknowledged before it began (and its
// own audit row), and restored, its audit chain verifies.
TEST_F(AdminCommandTest, ABackupUnderWriteLoadRestoresWholeAndIntact) {
  std::atomic<bool> stop{false};
  std::atomic<int> acknowledged{0};
  std::thread kiosk([&] {
    for (int i = 100; i < 600 && !stop; ++i) {
      v1::SubmitBatchRequest request;
      request.set_device_id("kiosk-test-1");
      *request.add_submissions() = service::testing::Feedback(i, server_.clock().Now(), "Under load.");
      v1::SubmitBatchResponse response;
      grpc::ClientContext context;
      server_.AsDevice("kiosk-test-1", &context);
      if (server_.kiosk().SubmitBatch(&context, request, &response).ok()) ++acknowledged;
    }
  });
  while (acknowledged < 20) std::this_thread::yield();
  const int before = 3 + acknowledged.load();  // SetUp's three, and these

  BackupOptions options;
  options.token = server_.TokenFor(auth::Role::kAdmin);
  options.out_path = dir_.File("service-backup.db");
  std::ostringstream out;
  absl::StatusOr<std::int64_t> size = RunBackup(server_.officer(), options, out);
  stop = true;
  kiosk.join();
  ASSERT_TRUE(size.ok()) << size.status();
  EXPECT_NE(out.str().find("integrity ok"), std::string::npos) << out.str();
  struct stat st;
  ASSERT_EQ(::stat(options.out_path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(st.st_size, *size);

  // Restored: as a service would open it.
  auto restored = store::OpenSqliteStore(options.out_path);
  ASSERT_TRUE(restored.ok()) << restored.status();
  std::set<std::string> ids;
  ASSERT_TRUE((*restored)->ForEachSubmission([&](const v1::SubmissionRecord& r) {
    ids.insert(r.submission_id());
    return true;
  }).ok());
  EXPECT_GE(static_cast<int>(ids.size()), before);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(ids.contains(service::testing::TestSubmissionId(i)));
  for (int i = 100; i < 100 + before - 3; ++i) {
    EXPECT_TRUE(ids.contains(service::testing::TestSubmissionId(i))) << "acknowledged before: " << i;
  }
  auto verified = (*restored)->VerifyAudit();
  ASSERT_TRUE(verified.ok()) << verified.status();
  EXPECT_TRUE(verified->ok()) << verified->problem;
  auto audit = (*restored)->ListAudit(1);
  ASSERT_TRUE(audit.ok() && !audit->empty());
  EXPECT_EQ(audit->front().action, "backup");
  EXPECT_EQ(audit->front().officer, "admin.test");

  // Only an admin takes one, and a failed one leaves no file.
  options.token = server_.TokenFor(auth::Role::kOfficer);
  options.out_path = dir_.File("refused.db");
  EXPECT_EQ(RunBackup(server_.officer(), options, out).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_NE(::stat(options.out_path.c_str(), &st), 0);
  EXPECT_NE(::stat((options.out_path + ".partial").c_str(), &st), 0);
}

TEST(AdminUnreachableTest, SaysTheServiceCannotBeReached) {
  // Port 1 on loopback: nothing listens there in a test environment.
  auto channel = grpc::CreateChannel("127.0.0.1:1", grpc::InsecureChannelCredentials());
  auto stub = v1::Officer::NewStub(channel);
  std::ostringstream out;
  ListOptions options;
  absl::Status s = RunList(*stub, options, out);
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
  EXPECT_NE(s.message().find("cannot reach the service"), std::string::npos) << s;

  service::testing::TempDir dir;
  ExportOptions exp;
  exp.out_path = dir.File("never.csv");
  EXPECT_FALSE(RunExport(*stub, exp).ok());
  struct stat st;
  EXPECT_NE(::stat(exp.out_path.c_str(), &st), 0);
  EXPECT_NE(::stat((exp.out_path + ".partial").c_str(), &st), 0);
}

TEST_F(AdminCommandTest, SignsInWorksAsItsRoleAndSignsOut) {
  server_.TokenFor(auth::Role::kAdmin);  // the first admin exists
  auto in = RunLogin(server_.officer(), "admin.test", "wrong password!");
  EXPECT_EQ(in.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(in.status().message(), "SignIn: wrong name or password");
  in = RunLogin(server_.officer(), "admin.test", "a long enough test password");
  ASSERT_TRUE(in.ok()) << in.status();
  const std::string admin = in->token();

  std::ostringstream out;
  v1::CreateAccountRequest create;
  create.set_name("jo.bloggs");
  create.set_role(RoleNamed("officer"));
  create.set_password("short");
  EXPECT_EQ(RunAccountCreate(server_.officer(), admin, create, out).code(),
            absl::StatusCode::kInvalidArgument);
  create.set_password("twelve chars at least");
  ASSERT_TRUE(RunAccountCreate(server_.officer(), admin, create, out).ok());
  EXPECT_EQ(out.str(), "created: jo.bloggs  officer\n");
  out.str("");
  ASSERT_TRUE(RunAccountList(server_.officer(), admin, out).ok());
  EXPECT_EQ(out.str(), "admin.test  admin\njo.bloggs  officer\n");

  auto jo = RunLogin(server_.officer(), "jo.bloggs", "twelve chars at least");
  ASSERT_TRUE(jo.ok()) << jo.status();
  out.str("");
  ASSERT_TRUE(RunSession(server_.officer(), jo->token(), out).ok());
  EXPECT_EQ(out.str().find("signed in as jo.bloggs (officer)\n"), 0u) << out.str();
  ListOptions words;
  words.token = jo->token();
  words.include_text = true;
  EXPECT_EQ(RunList(server_.officer(), words, out).code(), absl::StatusCode::kInvalidArgument)
      << "words need a reason";
  words.reason = "following up case 12";
  EXPECT_TRUE(RunList(server_.officer(), words, out).ok());

  ASSERT_TRUE(RunLogout(server_.officer(), jo->token()).ok());
  absl::Status after = RunList(server_.officer(), words, out);
  EXPECT_EQ(after.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_NE(after.message().find("carevoice-admin login"), std::string::npos)
      << "says what to do: " << after;

  v1::UpdateAccountRequest disable;
  disable.set_name("admin.test");
  disable.set_disabled(true);
  EXPECT_EQ(RunAccountUpdate(server_.officer(), admin, disable, out).code(),
            absl::StatusCode::kFailedPrecondition)
      << "the last admin cannot be disabled";
}

TEST(SessionFileTest, KeepsTheTokenPrivatelyPerService) {
  service::testing::TempDir dir;
  ASSERT_EQ(::setenv("XDG_CONFIG_HOME", dir.path().c_str(), 1), 0);
  auto path = SessionFilePath("127.0.0.1:7000");
  ASSERT_TRUE(path.ok()) << path.status();
  EXPECT_EQ(*path, dir.path() + "/carevoice/sessions/127.0.0.1_7000");
  EXPECT_NE(*SessionFilePath("10.0.0.2:7000"), *path);
  EXPECT_FALSE(LoadSessionToken(*path)->has_value());

  ASSERT_TRUE(SaveSessionToken(*path, "cvs_token").ok());
  EXPECT_EQ(LoadSessionToken(*path)->value_or(""), "cvs_token");
  struct stat st;
  ASSERT_EQ(::stat(path->c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat((dir.path() + "/carevoice/sessions").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);

  ASSERT_TRUE(ForgetSessionToken(*path).ok());
  EXPECT_FALSE(LoadSessionToken(*path)->has_value());
  EXPECT_TRUE(ForgetSessionToken(*path).ok()) << "forgetting twice is fine";
}

}  // namespace
}  // namespace carevoice::client::admin
