// The committee report's model against a data set built by hand on a real
// SQLite file, every expected figure worked out in the comments: the
// statutory year's edges in UK time, a late-synced submission, the trend
// against the year before, ratings as a distribution, and primary and
// secondary suppression within and between tables.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <sqlite3.h>

#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "base/clock.h"
#include "base/proto_time.h"
#include "gtest/gtest.h"
#include "service/cases/working_days.h"
#include "service/reports/committee.h"
#include "service/reports/population.h"
#include "service/reports/suppression.h"
#include "service/store/store.h"
#include "tests/service/testing.h"

namespace carevoice::service::reports {
namespace {

using testing::TempDir;
using Cell = v1::ReportCell;

class FixedClock final : public base::Clock {
 public:
  absl::Time Now() const override { return absl::FromUnixSeconds(1'807'000'000); }
};

const absl::TimeZone kLondon = [] {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/London", &zone));
  return zone;
}();

absl::Time London(int y, int m, int d, int hh = 12, int mm = 0) {
  return absl::FromCivil(absl::CivilMinute(y, m, d, hh, mm), kLondon);
}

v1::Catalog HandCatalog() {
  v1::Catalog c;
  c.set_version("hand-1");
  auto service = [&](const char* id, const char* name) {
    v1::Service* s = c.add_services();
    s->set_id(id);
    (*s->mutable_name()->mutable_text())["en-GB"] = name;
  };
  service("home_care", "Home care");
  service("day_centres", "Day centres");
  auto provider = [&](const char* id, const char* name, v1::OwnershipModel model) {
    v1::Provider* p = c.add_providers();
    p->set_id(id);
    p->set_name(name);
    p->set_ownership(model);
  };
  provider("coop", "Carers Co-op", v1::OWNERSHIP_MODEL_COOPERATIVE);
  provider("council", "Council Home Care", v1::OWNERSHIP_MODEL_COUNCIL);
  provider("acme", "Acme Care Ltd", v1::OWNERSHIP_MODEL_PRIVATE);
  provider("friends", "Age Friends", v1::OWNERSHIP_MODEL_CHARITY);
  auto site = [&](const char* id, const char* provider_id, const char* name, const char* where) {
    v1::Site* s = c.add_sites();
    s->set_id(id);
    s->set_provider_id(provider_id);
    s->set_name(name);
    s->set_locality(where);
  };
  site("oak", "council", "Oak House", "Northtown");
  site("elm", "acme", "Elm Court", "Northtown");
  site("ash", "friends", "Ash Lodge", "Southvale");
  return c;
}

// What one person said, as the store files it.
struct Said {
  std::string kind = "feedback";
  std::string service{};
  std::string provider{};
  std::string site{};
  v1::Rating rating = v1::RATING_UNSPECIFIED;
  v1::Speaker speaker = v1::SPEAKER_USES_SERVICES;
  v1::Channel channel = v1::CHANNEL_KIOSK;
  bool not_formal = false;  // a complaint the person only wants known
};

class ReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::OpenSqliteStore(dir_.File("service.db"));
    ASSERT_TRUE(opened.ok()) << opened.status();
    store_ = std::move(*opened);
  }

  // `times` submissions like `said`, told at `told` and received at
  // `received` (later when the device was offline).
  void Add(int times, const Said& said, absl::Time told, std::optional<absl::Time> received = {}) {
    std::vector<v1::Submission> items;
    for (int i = 0; i < times; ++i) {
      v1::Submission s;
      const int n = next_++;
      s.set_submission_id(testing::TestSubmissionId(n));
      s.set_reference(testing::TestReference(n));
      base::SetProtoTimestamp(told, s.mutable_created_at());
      s.set_language("en-GB");
      s.set_channel(said.channel);
      s.set_anonymous(true);
      s.set_speaker(said.speaker);
      if (said.kind == "feedback") {
        v1::Feedback* f = s.mutable_feedback();
        f->set_service_id(said.service);
        f->set_provider_id(said.provider);
        f->set_site_id(said.site);
        f->set_rating(said.rating);
      } else if (said.kind == "complaint") {
        v1::Complaint* c = s.mutable_complaint();
        c->set_service_id(said.service);
        c->set_provider_id(said.provider);
        c->set_what_happened("Nobody came on Tuesday.");
        c->set_not_formal(said.not_formal);
      } else if (said.kind == "safeguarding") {
        s.mutable_safeguarding()->set_what_is_happening("A neighbour is not seen.");
      } else {
        s.mutable_idea()->set_idea("A lunch club on Fridays.");
      }
      items.push_back(std::move(s));
    }
    std::vector<const v1::Submission*> ptrs;
    for (const v1::Submission& s : items) ptrs.push_back(&s);
    auto put = store_->PutSubmissions("kiosk-test-1", ptrs, received.value_or(told),
                                      absl::ZeroDuration());
    ASSERT_TRUE(put.ok()) << put.status();
  }

  // The year to 31 March 2027 and the year before, as worked out below.
  void AddHandBuiltYears() {
    // This year (1 April 2026 .. 31 March 2027), 36 things:
    //   12 feedback on home care from the co-op (6 very good, 4 good, 2 poor),
    //      one of them told on 30 March 2027 and sent on 5 April (offline);
    Add(6, {.service = "home_care", .provider = "coop", .rating = v1::RATING_VERY_GOOD},
        London(2026, 6, 1));
    Add(4, {.service = "home_care", .provider = "coop", .rating = v1::RATING_GOOD},
        London(2026, 9, 1));
    Add(1, {.service = "home_care", .provider = "coop", .rating = v1::RATING_POOR},
        London(2026, 12, 1));
    Add(1, {.service = "home_care", .provider = "coop", .rating = v1::RATING_POOR},
        London(2027, 3, 30), London(2027, 4, 5));
    //    7 feedback at Oak House (council, Northtown), by relatives on a tablet, all OK;
    Add(7, {.service = "home_care", .provider = "council", .site = "oak",
            .rating = v1::RATING_OK, .speaker = v1::SPEAKER_FAMILY_OR_FRIEND,
            .channel = v1::CHANNEL_TABLET},
        London(2026, 7, 1));
    //    3 at Elm Court (Acme, private, Northtown), by care workers, very poor;
    Add(3, {.service = "day_centres", .provider = "acme", .site = "elm",
            .rating = v1::RATING_VERY_POOR, .speaker = v1::SPEAKER_CARE_WORKER},
        London(2026, 8, 1));
    //    6 at Ash Lodge (Age Friends, charity, Southvale), with no rating;
    Add(6, {.service = "day_centres", .provider = "friends", .site = "ash"}, London(2026, 10, 1));
    //    2 complaints about home care told to an officer, no provider;
    Add(2, {.kind = "complaint", .service = "home_care", .channel = v1::CHANNEL_OFFICER},
        London(2026, 11, 1));
    //    1 safeguarding worry at 00:15 on 1 April 2026 (23:15 UTC the day before);
    Add(1, {.kind = "safeguarding"}, London(2026, 4, 1, 0, 15));
    //    5 ideas from relatives, the last at 23:30 on 31 March 2027 (BST).
    Add(4, {.kind = "idea", .speaker = v1::SPEAKER_FAMILY_OR_FRIEND}, London(2027, 1, 15));
    Add(1, {.kind = "idea", .speaker = v1::SPEAKER_FAMILY_OR_FRIEND}, London(2027, 3, 31, 23, 30));
    // Outside both years: 00:30 on 1 April 2027 (23:30 UTC on 31 March).
    Add(1, {.service = "home_care", .provider = "coop", .rating = v1::RATING_GOOD},
        London(2027, 4, 1, 0, 30));
    // The year before (1 April 2025 .. 31 March 2026), 21 things: 10 good
    // from the co-op, 7 OK at Oak House, 4 ideas.
    Add(10, {.service = "home_care", .provider = "coop", .rating = v1::RATING_GOOD},
        London(2025, 5, 1));
    Add(7, {.service = "home_care", .provider = "council", .site = "oak",
            .rating = v1::RATING_OK, .speaker = v1::SPEAKER_FAMILY_OR_FRIEND,
            .channel = v1::CHANNEL_TABLET},
        London(2025, 6, 1));
    Add(4, {.kind = "idea", .speaker = v1::SPEAKER_FAMILY_OR_FRIEND}, London(2026, 3, 31, 22, 0));
  }

  v1::CommitteeReport Build(const Period& period) {
    CommitteeReports reports(*store_, clock_, kLondon, calendar_, themes_, redactor_);
    auto report = reports.Build(period, v1::AUDIENCE_SCRUTINY, HandCatalog());
    EXPECT_TRUE(report.ok()) << report.status();
    return report.ok() ? *report : v1::CommitteeReport();
  }

  // An officer's record of where a case has got to, as cases.cc keeps it.
  void Case(int n, store::CaseRow row, std::optional<absl::Time> decided = {}) {
    row.submission_id = testing::TestSubmissionId(n);
    row.updated_at = clock_.Now();
    absl::Status s = store_->WithAccess([&](store::AccessTxn& txn) -> absl::Status {
      if (absl::Status put = txn.PutCase(row, v1::CASE_STATUS_IN_PROGRESS); !put.ok()) return put;
      if (!decided) return absl::OkStatus();
      return txn.AddCaseEvent({row.submission_id, *decided, "officer", "decide", "referred"});
    });
    ASSERT_TRUE(s.ok()) << s;
  }

  TempDir dir_;
  FixedClock clock_;
  cases::WorkingDays calendar_;  // England and Wales' bank holidays
  const cases::Lexicon themes_{{{"food", "Food and drink", {"lunch"}},
                                {"staff_time", "Staff and time", {"late"}}}};
  const redact::Redactor redactor_{*redact::Dictionary::Load(redact::kDefaultDictionary)};
  std::unique_ptr<store::Store> store_;
  int next_ = 1;
};

const v1::ReportTable& TableOf(const v1::CommitteeReport& r, const std::string& id) {
  for (const auto& section : r.sections()) {
    for (const auto& table : section.tables()) {
      if (table.id() == id) return table;
    }
  }
  ADD_FAILURE() << "no table " << id;
  static const v1::ReportTable kNone;
  return kNone;
}

// A figure as the test reads it: "12", "+2", "small", "secondary", a text.
std::string Read(const Cell& c) {
  if (c.suppressed() == Cell::SUPPRESSION_SMALL) return "small";
  if (c.suppressed() == Cell::SUPPRESSION_SECONDARY) return "secondary";
  if (c.has_count()) return (c.difference() && c.count() > 0 ? "+" : "") + std::to_string(c.count());
  if (c.has_percent()) return absl::StrFormat("%.1f%%", c.percent());
  return c.text();
}

// Each row as "label: figure figure ...", the "All" row last.
std::vector<std::string> Rows(const v1::ReportTable& t) {
  std::vector<std::string> rows;
  auto one = [&](const v1::ReportRow& r) {
    std::string line = r.label() + ":";
    for (const Cell& c : r.cells()) line += " " + Read(c);
    rows.push_back(line);
  };
  for (const auto& r : t.rows()) one(r);
  if (t.has_total()) one(t.total());
  return rows;
}

TEST_F(ReportTest, AHandBuiltYearGivesTheFiguresWorkedOutByHand) {
  AddHandBuiltYears();
  const v1::CommitteeReport r = Build(YearTo31March(2027));
  EXPECT_EQ(r.from_date(), "2026-04-01");
  EXPECT_EQ(r.to_date(), "2027-03-31");
  EXPECT_EQ(r.previous_from_date(), "2025-04-01");
  EXPECT_EQ(r.previous_to_date(), "2026-03-31");
  EXPECT_EQ(r.period_words(), "1 April 2026 to 31 March 2027");
  EXPECT_NE(r.title().find("Scrutiny Committee"), std::string::npos) << r.title();
  // Month by month: April's worry, June to December's feedback, November's
  // two complaints, January's four ideas, March's feedback and idea.
  EXPECT_EQ(Rows(TableOf(r, "by_month")),
            (std::vector<std::string>{
                "April 2026: 1 0", "May 2026: 0 0", "June 2026: 6 0", "July 2026: 7 0",
                "August 2026: 3 0", "September 2026: 4 0", "October 2026: 6 0",
                "November 2026: 2 2", "December 2026: 1 0", "January 2027: 4 0",
                "February 2027: 0 0", "March 2027: 2 0"}));
  // 36 + 1 outside + 21 before = 58 stored.
  EXPECT_NE(r.data_version().find("catalog hand-1; 58 submissions stored"), std::string::npos)
      << r.data_version();

  // Kind | this year | the year before | change. The safeguarding worry at
  // 00:15 BST on 1 April and the idea at 23:30 BST on 31 March are in; the
  // feedback at 00:30 on 1 April 2027 is not; the one told on 30 March and
  // sent on 5 April is.
  EXPECT_EQ(Rows(TableOf(r, "by_kind")),
            (std::vector<std::string>{"Feedback and compliments: 28 17 +11",
                                      "Complaints and concerns: 2 0 +2",
                                      "Safeguarding worries: 1 0 +1", "Ideas: 5 4 +1",
                                      "Answers to consultations: 0 0 0", "All: 36 21 +15"}));
  // 15 more than 21 is +71.4%; said after who the pack is for.
  EXPECT_NE(r.sections(0).paragraphs(1).find(
                "People told us 36 things from 1 April 2026 to 31 March 2027: 15 more than "
                "(+71.4%) in the 365 days before (1 April 2025 to 31 March 2026)."),
            std::string::npos)
      << r.sections(0).paragraphs(1);

  EXPECT_EQ(Rows(TableOf(r, "by_service")),
            (std::vector<std::string>{"Home care: 21 17 +4", "Day centres: 9 0 +9",
                                      "No service named: 6 4 +2", "All: 36 21 +15"}));

  // Providers this year: co-op 12, council 7, Acme 3 (fewer than 5), Age
  // Friends 6, none 8 (complaints 2, worry 1, ideas 5). One hidden under a
  // shown "All", so the smallest other (Age Friends, 6) is withheld too.
  // The year before: co-op 10, council 7, none 4 (fewer than 5): council
  // withheld. Changes go where either year is hidden.
  EXPECT_EQ(Rows(TableOf(r, "by_provider")),
            (std::vector<std::string>{
                "Carers Co-op: Co-operative 12 10 +2",
                "Council Home Care: Run by the council (in-house) 7 secondary secondary",
                "Acme Care Ltd: Private company small 0 secondary",
                "Age Friends: Charity secondary 0 secondary",
                "No provider named:  8 small secondary", "All:  36 21 +15"}));
  // The same by ownership model, each hidden alike (a model's row is its
  // providers' sum, and every one here has a single provider).
  EXPECT_EQ(Rows(TableOf(r, "by_ownership")),
            (std::vector<std::string>{"Run by the council (in-house): 7 secondary secondary",
                                      "Charity: secondary 0 secondary", "Co-operative: 12 10 +2",
                                      "Private company: small 0 secondary",
                                      "No provider named: 8 small secondary", "All: 36 21 +15"}));

  // Sites this year: Oak 7, Elm 3 (fewer than 5), Ash 6, none 20. In the
  // site column, Ash (6) is withheld for Elm. Northtown (10) = Oak + Elm:
  // with Elm hidden, Oak is withheld. Southvale (6) = Ash alone: with Ash
  // hidden, Southvale is withheld; then the locality column has one hidden
  // under its "All", so Northtown (10) is withheld too.
  EXPECT_EQ(Rows(TableOf(r, "by_site")),
            (std::vector<std::string>{"Oak House: Northtown secondary 7 secondary",
                                      "Elm Court: Northtown small 0 secondary",
                                      "Ash Lodge: Southvale secondary 0 secondary",
                                      "No site named:  20 14 +6", "All:  36 21 +15"}));
  EXPECT_EQ(Rows(TableOf(r, "by_locality")),
            (std::vector<std::string>{"No site named: 20 14 +6",
                                      "Northtown: secondary 7 secondary",
                                      "Southvale: secondary 0 secondary", "All: 36 21 +15"}));
  EXPECT_NE(TableOf(r, "by_site").note().find("1 figure is fewer than 5 and 2 more are withheld"),
            std::string::npos)
      << TableOf(r, "by_site").note();

  // Channel and speaker are not broken down finely enough to single anyone
  // out: given whole.
  EXPECT_EQ(Rows(TableOf(r, "by_channel")),
            (std::vector<std::string>{"Kiosk in a public place: 27 14 +13",
                                      "Tablet in a care home or day centre: 7 7 0",
                                      "Told to an officer (phone, letter, in person): 2 0 +2",
                                      "All: 36 21 +15"}));
  EXPECT_EQ(Rows(TableOf(r, "by_speaker")),
            (std::vector<std::string>{"People who use services: 21 10 +11",
                                      "Relatives, friends, advocates and unpaid carers: 12 11 +1",
                                      "Care workers: 3 0 +3", "Not asked: 0 0 0",
                                      "All: 36 21 +15"}));

  // 22 ratings: 6 very good, 4 good, 7 OK, 2 poor, 3 very poor; average
  // (30 + 16 + 21 + 4 + 3) / 22 = 3.36.
  EXPECT_EQ(Rows(TableOf(r, "ratings")),
            (std::vector<std::string>{"Very good: 6 0 +6 27.3%", "Good: 4 10 -6 18.2%",
                                      "OK: 7 7 0 31.8%", "Poor: 2 0 +2 9.1%",
                                      "Very poor: 3 0 +3 13.6%", "All: 22 17 +5 "}));
  bool said_average = false;
  for (const std::string& p : r.sections(0).paragraphs()) {
    said_average |= p.find("22 pieces of feedback gave a rating") != std::string::npos &&
                    p.find("the average was 3.36") != std::string::npos;
  }
  EXPECT_TRUE(said_average);
}

TEST_F(ReportTest, NoHiddenFigureCanBeWorkedOutFromTheFiguresShown) {
  AddHandBuiltYears();
  const v1::CommitteeReport r = Build(YearTo31March(2027));
  // In every sensitive table and period, a column's "All" shown means at
  // least two of its figures are hidden, or none.
  for (const char* id : {"by_provider", "by_ownership", "by_site", "by_locality"}) {
    const v1::ReportTable& t = TableOf(r, id);
    const int now = t.columns_size() - 4;  // the label is not a cell
    for (int col : {now, now + 1}) {
      int hidden = 0;
      for (const auto& row : t.rows()) hidden += Hidden(row.cells(col)) ? 1 : 0;
      if (!Hidden(t.total().cells(col))) {
        EXPECT_NE(hidden, 1) << id << " column " << col;
      }
    }
  }
}

// The audience changes what is left out and the order, never a figure.
TEST_F(ReportTest, EachAudienceGetsTheSameFiguresWithItsOwnWordsAndOrder) {
  AddHandBuiltYears();
  CommitteeReports reports(*store_, clock_, kLondon, calendar_, themes_, redactor_);
  std::map<v1::Audience, v1::CommitteeReport> pack;
  for (v1::Audience a : {v1::AUDIENCE_SCRUTINY, v1::AUDIENCE_FORUM, v1::AUDIENCE_PUBLIC}) {
    absl::StatusOr<v1::CommitteeReport> r = reports.Build(YearTo31March(2027), a, HandCatalog());
    ASSERT_TRUE(r.ok()) << r.status();
    pack[a] = *std::move(r);
  }
  auto tables = [](const v1::CommitteeReport& r) {
    std::map<std::string, std::string> by_id;
    for (const auto& s : r.sections()) {
      for (const auto& t : s.tables()) by_id[t.id()] = t.SerializeAsString();
    }
    return by_id;
  };
  auto section_ids = [](const v1::CommitteeReport& r) {
    std::vector<std::string> ids;
    for (const auto& s : r.sections()) ids.push_back(s.id());
    return ids;
  };
  const auto scrutiny = tables(pack[v1::AUDIENCE_SCRUTINY]);
  const auto forum = tables(pack[v1::AUDIENCE_FORUM]);
  auto published = tables(pack[v1::AUDIENCE_PUBLIC]);

  // The Committee and the Forum get every table, alike to the byte.
  EXPECT_EQ(forum, scrutiny);
  ASSERT_TRUE(scrutiny.count("by_site"));
  // The public pack leaves out only the table by site; the rest, and the
  // localities the sites add up to, are the same figures.
  EXPECT_FALSE(published.count("by_site"));
  published["by_site"] = scrutiny.at("by_site");
  EXPECT_EQ(published, scrutiny);

  // The Forum's pack starts with co-production; the others with what
  // people told us. Each says first who it is for.
  const std::vector<std::string> order = section_ids(pack[v1::AUDIENCE_SCRUTINY]);
  ASSERT_GE(order.size(), 5u);
  EXPECT_EQ(order[0], "told_us");
  EXPECT_EQ(section_ids(pack[v1::AUDIENCE_PUBLIC]), order);
  const std::vector<std::string> forum_order = section_ids(pack[v1::AUDIENCE_FORUM]);
  EXPECT_EQ((std::vector<std::string>(forum_order.begin(), forum_order.begin() + 3)),
            (std::vector<std::string>{"consultations", "ideas", "forum_ballots"}));
  EXPECT_EQ(std::multiset<std::string>(forum_order.begin(), forum_order.end()),
            std::multiset<std::string>(order.begin(), order.end()));
  auto says = [&](v1::Audience a, const char* words) {
    const std::string& first = pack[a].sections(0).paragraphs(0);
    EXPECT_NE(first.find(words), std::string::npos) << first;
  };
  says(v1::AUDIENCE_SCRUTINY, "For the Committee");
  says(v1::AUDIENCE_FORUM, "For the Forum's members");
  says(v1::AUDIENCE_PUBLIC, "are not published here");
  EXPECT_EQ(pack[v1::AUDIENCE_PUBLIC].sections(0).paragraphs(1),
            pack[v1::AUDIENCE_SCRUTINY].sections(0).paragraphs(1));
  EXPECT_NE(pack[v1::AUDIENCE_FORUM].title().find("Local Social Care Forum"), std::string::npos);
  EXPECT_NE(pack[v1::AUDIENCE_PUBLIC].title().find("published for everyone"), std::string::npos);
}

TEST_F(ReportTest, ALateSyncedSubmissionCountsOnTheDayItWasTold) {
  // Told on 31 March 2027 at 22:00 BST, sent on 2 April.
  Add(1, {.kind = "complaint", .service = "home_care"}, London(2027, 3, 31, 22, 0),
      London(2027, 4, 2, 9, 0));
  EXPECT_EQ(Rows(TableOf(Build(YearTo31March(2027)), "by_kind"))[1],
            "Complaints and concerns: 1 0 +1");
  auto next_year = *ParsePeriod("2027-04-01..2028-03-31");
  EXPECT_EQ(Rows(TableOf(Build(next_year), "by_kind"))[1], "Complaints and concerns: 0 1 -1");
}

TEST_F(ReportTest, FactsOfSubmissionsStoredBeforeReportsAreFilledInAsTheStoreOpens) {
  Add(3, {.service = "day_centres", .provider = "acme", .site = "elm",
          .rating = v1::RATING_VERY_POOR, .speaker = v1::SPEAKER_CARE_WORKER},
      London(2026, 8, 1));
  Add(5, {.service = "home_care", .provider = "coop", .rating = v1::RATING_GOOD},
      London(2026, 8, 2));
  store_.reset();
  // As a version-16 store left them: no facts beside the bodies.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir_.File("service.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "UPDATE submissions SET provider_id = '', site_id = '', channel = 0, "
                         "speaker = 0, rating = 0, facts = 0",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto reopened = store::OpenSqliteStore(dir_.File("service.db"));
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  store_ = std::move(*reopened);
  const v1::CommitteeReport r = Build(YearTo31March(2027));
  // Co-op 5 and Acme 3 (hidden, so the co-op's is withheld too): had the
  // facts stayed empty, all 8 would be "No provider named".
  EXPECT_EQ(Rows(TableOf(r, "by_provider")),
            (std::vector<std::string>{"Carers Co-op: Co-operative secondary 0 secondary",
                                      "Council Home Care: Run by the council (in-house) 0 0 0",
                                      "Acme Care Ltd: Private company small 0 secondary",
                                      "Age Friends: Charity 0 0 0", "All:  8 0 +8"}));
  EXPECT_EQ(Rows(TableOf(r, "by_site"))[1], "Elm Court: Northtown small 0 secondary");
  EXPECT_EQ(Rows(TableOf(r, "ratings"))[4], "Very poor: 3 0 +3 37.5%");
  EXPECT_EQ(Rows(TableOf(r, "by_speaker"))[2], "Care workers: 3 0 +3");
}

TEST_F(ReportTest, ComplaintsAreMeasuredAgainstTheStatutoryClock) {
  // The report is made on Tuesday 6 April 2027 (the fixed clock).
  const Said complaint{.kind = "complaint", .service = "home_care"};
  auto at = [](int y, int m, int d) { return London(y, m, d, 12, 0); };
  // n=1: Mon 1 June 2026, acknowledged Wed 3 June (due Thu 4th), answered
  //      10 July (agreed 15 July), upheld, closed.
  Add(1, complaint, at(2026, 6, 1));
  Case(1, {.state = "closed", .statutory = true, .acknowledged_at = at(2026, 6, 3),
           .agreed_respond_by = "2026-07-15", .responded_at = at(2026, 7, 10),
           .outcome = "upheld"});
  // n=2: Mon 1 June, acknowledged Fri 5 June (late), answered 20 July
  //      (late), partly upheld, then taken to the Ombudsman.
  Add(1, complaint, at(2026, 6, 1));
  Case(2, {.state = "referred to the Ombudsman", .statutory = true,
           .acknowledged_at = at(2026, 6, 5), .agreed_respond_by = "2026-07-15",
           .responded_at = at(2026, 7, 20), .outcome = "partly_upheld"});
  // n=3: Thu 24 December; Christmas (Fri), the Boxing Day substitute (Mon
  //      28th) and the weekend pass, so due Thu 31st: acknowledged then.
  //      Agreed 1 February, still unanswered: open and overdue.
  Add(1, complaint, at(2026, 12, 24));
  Case(3, {.state = "investigating", .statutory = true, .acknowledged_at = at(2026, 12, 31),
           .agreed_respond_by = "2027-02-01"});
  // n=4: Wed 31 March 2027, the period's last day; due Mon 5 April (Easter
  //      Monday was 29 March), never acknowledged: late, open, overdue.
  Add(1, complaint, at(2027, 3, 31));
  // n=5: "I just want the council to know": no clock.
  Add(1, {.kind = "complaint", .service = "home_care", .not_formal = true}, at(2026, 9, 1));
  // n=6: told Sat 10 January 2026, before the period, never acknowledged:
  //      open, overdue and the oldest, 451 days before 6 April 2027.
  Add(1, complaint, at(2026, 1, 10));
  // Worries: decided the same day; decided the next working day; none yet.
  Add(1, {.kind = "safeguarding"}, London(2026, 6, 1, 10, 0));
  Case(7, {.state = "received"}, London(2026, 6, 1, 15, 0));
  Add(1, {.kind = "safeguarding"}, London(2026, 6, 5, 16, 0));
  Case(8, {.state = "received"}, London(2026, 6, 8, 9, 0));
  Add(1, {.kind = "safeguarding"}, London(2026, 7, 1, 11, 0));
  const v1::CommitteeReport r = Build(YearTo31March(2027));
  EXPECT_EQ(Rows(TableOf(r, "complaints")),
            (std::vector<std::string>{
                "Formal complaints received: 4 ",
                "Acknowledged within 3 working days: 2 50.0%",
                "Acknowledged late, or past 3 working days without: 2 50.0%",
                "Answered by the agreed date: 1 33.3%",
                "Answered late, or the agreed date passed without an answer: 2 66.7%",
                "Answered with no date agreed: 0 ",
                "Outcome: upheld: 1 50.0%", "Outcome: partly upheld: 1 50.0%",
                "Outcome: not upheld: 0 0.0%",
                "Referred to the Local Government and Social Care Ombudsman: 1 ",
                "Concerns the person only wanted the council to know about: 1 "}));
  EXPECT_EQ(Rows(TableOf(r, "open_complaints")),
            (std::vector<std::string>{"Open: 3 ",
                                      "Overdue (acknowledgement or answer late): 3 100.0%",
                                      "Days since the oldest open complaint was received: 451 "}));
  EXPECT_EQ(Rows(TableOf(r, "safeguarding")),
            (std::vector<std::string>{"Worries received: 3 ",
                                      "Decided on the same working day: 1 33.3%",
                                      "Decided on a later day: 1 33.3%",
                                      "No decision recorded yet: 1 33.3%"}));

  bool said = false;
  for (const auto& section : r.sections()) {
    for (const std::string& p : section.paragraphs()) {
      said |= p.find("Of the 4 formal complaints received, 2 of the 4 due (50.0%) were "
                     "acknowledged in time, and 1 of the 3 due (33.3%) was answered in time.") !=
              std::string::npos;
    }
  }
  EXPECT_TRUE(said);

  // A complaint told this morning is not yet due: counted neither way.
  Add(1, complaint, London(2027, 4, 6, 8, 0));
  const auto week = Build(*ParsePeriod("2027-04-01..2027-04-06"));
  const auto rows = Rows(TableOf(week, "complaints"));
  EXPECT_EQ(rows[0], "Formal complaints received: 1 ");
  EXPECT_EQ(rows[1], "Acknowledged within 3 working days: 0 ");
  EXPECT_EQ(rows[2], "Acknowledged late, or past 3 working days without: 0 ");
  EXPECT_EQ(Rows(TableOf(week, "open_complaints"))[0], "Open: 4 ");
  bool none_due = false;
  for (const std::string& p : week.sections(1).paragraphs()) {
    none_due |= p.find("none was yet due to be acknowledged") != std::string::npos;
  }
  EXPECT_TRUE(none_due);
}

TEST_F(ReportTest, WhoWeHeardFromCountsEachAnswerOnItsOwnInWholeMonths) {
  // Twenty visits in April 2026, one in March and one in May (outside).
  using Eq = v1::EqualityMonitoring;
  std::vector<v1::TakingPart> tallies;
  auto visit = [&](const std::string& month, std::function<void(v1::TakingPart&)> fill) {
    v1::TakingPart t;
    t.set_tally_id(absl::StrFormat("tally-%016d", tallies.size()));
    t.set_month(month);
    t.mutable_how()->set_input(v1::HowTookPart::INPUT_KEYS_OR_TOUCH);
    t.mutable_how()->set_language("en-GB");
    fill(t);
    tallies.push_back(t);
  };
  for (int i = 0; i < 20; ++i) {
    visit("2026-04", [&](v1::TakingPart& t) {
      v1::HowTookPart& how = *t.mutable_how();
      how.set_speech(i < 12);                        // 12 with speech, 8 without
      how.set_text_size(i < 6 ? 2 : 0);              // 6 larger
      how.set_easy_read(i >= 17);                    // 3: fewer than 5
      if (i >= 15) how.set_input(v1::HowTookPart::INPUT_TWO_SWITCHES);  // 5
      if (i >= 14) how.set_language(i == 19 ? "pl" : "cy");  // 5 Welsh, 1 Polish
      if (i < 8) {                                   // 8 answered who they are
        Eq& eq = *t.mutable_equality();
        eq.set_age_band(i < 5 ? Eq::AGE_BAND_65_TO_74 : i < 7 ? Eq::AGE_BAND_85_AND_OVER
                                                              : Eq::AGE_BAND_PREFER_NOT_TO_SAY);
        eq.set_sex(i < 6 ? Eq::SEX_FEMALE : Eq::SEX_MALE);
      }
    });
  }
  visit("2026-03", [](v1::TakingPart& t) { t.mutable_how()->set_speech(true); });
  visit("2026-05", [](v1::TakingPart& t) { t.mutable_how()->set_speech(true); });
  ASSERT_TRUE(store_->CountTakingPart(tallies).ok());

  // 10 to 20 April: whole months are all that is kept, so all of April.
  const v1::CommitteeReport r = Build({absl::CivilDay(2026, 4, 10), absl::CivilDay(2026, 4, 20)});
  const v1::ReportSection* section = nullptr;
  for (const auto& s : r.sections()) {
    if (s.id() == "heard_from") section = &s;
  }
  ASSERT_NE(section, nullptr);
  EXPECT_NE(section->paragraphs(0).find("whole months: April 2026. 20 visits were counted. In 8 "
                                        "of them"),
            std::string::npos)
      << section->paragraphs(0);

  // Easy Read's 3 is hidden; the 17 without it is no row, so nothing more
  // need go. Speech off (8) and larger text off (14) are shown by the
  // visits less the row: both 5 or more, so all stand.
  EXPECT_EQ(Rows(TableOf(r, "taking_part")),
            (std::vector<std::string>{
                "Visits counted: 20 ", "With speech on: 12 60.0%", "With larger text: 6 30.0%",
                "In Easy Read: small secondary", "Heard only, the screen blanked: 0 0.0%",
                "By keys, keypad or touch: 15 75.0%", "By two switches: 5 25.0%",
                "By one switch: 0 0.0%", "Answered the questions on who they are: 8 40.0%"}));
  // Polish's 1 is hidden, and Welsh with it: else 20 - 14 - 5 gives it.
  EXPECT_EQ(Rows(TableOf(r, "languages")),
            (std::vector<std::string>{"English: 14 70.0%", "Welsh (Cymraeg): secondary secondary",
                                      "Polish (Polski): small secondary"}));
  // Age: 85 and over (2) and prefer not to say (1) hidden; two hidden, so
  // neither can be worked out, and 65 to 74's 5 stands.
  const auto age = Rows(TableOf(r, "equality_age"));
  EXPECT_EQ(age[0], "Prefer not to say: small secondary");
  EXPECT_EQ(age[4], "65 to 74: 5 62.5%");
  EXPECT_EQ(age[6], "85 and over: small secondary");
  // Sex: male (2) hidden, so female (6) goes too: 8 - 6 would give it.
  const auto sex = Rows(TableOf(r, "equality_sex"));
  EXPECT_EQ(sex[1], "Female: secondary secondary");
  EXPECT_EQ(sex[2], "Male: small secondary");
  EXPECT_EQ(TableOf(r, "equality_ethnic_group").rows(0).label(), "Prefer not to say");
  // A hidden figure travels without its value, and so does its share.
  for (const auto& t : section->tables()) {
    for (const auto& row : t.rows()) {
      for (const Cell& c : row.cells()) {
        if (Hidden(c)) {
          EXPECT_EQ(c.value_case(), Cell::VALUE_NOT_SET) << t.id() << " " << row.label();
        }
      }
    }
  }

  // Beside the area's population, where configured: its own column, never
  // a figure of ours, and said where it comes from.
  absl::StatusOr<Population> area = ParsePopulation(
      R"({"area": "Northtown", "source": "Census 2021, table TS008",
          "shares": {"sex": {"SEX_FEMALE": 51.5, "SEX_MALE": 48.5}}})");
  ASSERT_TRUE(area.ok()) << area.status();
  CommitteeReports with(*store_, clock_, kLondon, calendar_, themes_, redactor_, &*area);
  absl::StatusOr<v1::CommitteeReport> beside = with.Build(
      {absl::CivilDay(2026, 4, 10), absl::CivilDay(2026, 4, 20)}, v1::AUDIENCE_PUBLIC,
      HandCatalog());
  ASSERT_TRUE(beside.ok()) << beside.status();
  EXPECT_EQ(Rows(TableOf(*beside, "equality_sex")),
            (std::vector<std::string>{"Prefer not to say: 0 0.0% ",
                                      "Female: secondary secondary 51.5%",
                                      "Male: small secondary 48.5%", "Other: 0 0.0% "}));
  EXPECT_EQ(TableOf(*beside, "equality_sex").columns(3), "Local population");
  EXPECT_EQ(TableOf(*beside, "equality_age").columns_size(), 3) << "no figures for age";
  std::string said;
  for (const auto& s : beside->sections()) {
    for (const std::string& p : s.paragraphs()) said += p + "\n";
  }
  EXPECT_NE(said.find("the adults of Northtown: Census 2021, table TS008."), std::string::npos)
      << said;

  // No stored count names a month finer than the month, a kind or an id:
  // the store's counts are all the report could read.
  auto counts = store_->TakingPartCounts();
  ASSERT_TRUE(counts.ok());
  for (const store::TakingPartCount& c : *counts) EXPECT_EQ(c.month.size(), 7u) << c.month;
}

// Words in en-GB, as catalog files give them.
void Words(v1::LocalizedText* text, const std::string& words) {
  (*text->mutable_text())["en-GB"] = words;
}

// Co-production in the year to 31 March 2027, worked out by hand: a
// consultation's three answers question by question, four ideas and their
// outcomes, a notice, and a counted Forum ballot.
TEST_F(ReportTest, CoProductionGivesEachQuestionsAnswersIdeasOutcomesAndBallotResults) {
  v1::Catalog catalog = HandCatalog();
  auto consultation = [&](const std::string& id, const std::string& title, absl::Time opens,
                          absl::Time closes) {
    v1::Consultation* c = catalog.add_consultations();
    c->set_id(id);
    Words(c->mutable_title(), title);
    base::SetProtoTimestamp(opens, c->mutable_opens_at());
    base::SetProtoTimestamp(closes, c->mutable_closes_at());
    return c;
  };
  v1::Consultation* care = consultation("home-care-2026", "Home care from 2027",
                                        London(2026, 5, 1), London(2026, 6, 30));
  auto question = [&](const std::string& id, const std::string& text, v1::Question::Kind kind,
                      std::vector<std::string> options) {
    v1::Question* q = care->add_questions();
    q->set_id(id);
    Words(q->mutable_text(), text);
    q->set_kind(kind);
    for (const std::string& o : options) {
      v1::Question::Option* option = q->add_options();
      option->set_id(o);
      Words(option->mutable_label(), "Option " + o);
    }
  };
  question("day", "Which day suits you?", v1::Question::KIND_SINGLE_CHOICE, {"mon", "tue", "wed"});
  question("first", "What matters most?", v1::Question::KIND_RANKING, {"transport", "meals", "staff"});
  question("plan", "Do you agree with the plan?", v1::Question::KIND_AGREEMENT, {});
  question("else", "Anything else?", v1::Question::KIND_FREE_TEXT, {});
  consultation("later", "Not yet", London(2027, 6, 1), London(2027, 7, 1));

  // Three answers on 10 May 2026.
  auto answer = [&](std::function<void(v1::ConsultationAnswer&)> fill) {
    v1::Submission s;
    const int n = next_++;
    s.set_submission_id(testing::TestSubmissionId(n));
    s.set_reference(testing::TestReference(n));
    base::SetProtoTimestamp(London(2026, 5, 10), s.mutable_created_at());
    s.set_language("en-GB");
    s.set_channel(v1::CHANNEL_KIOSK);
    s.set_anonymous(true);
    v1::ConsultationAnswer* a = s.mutable_consultation_answer();
    a->set_consultation_id("home-care-2026");
    fill(*a);
    const v1::Submission* one[] = {&s};
    auto put = store_->PutSubmissions("kiosk-test-1", one, London(2026, 5, 10),
                                      absl::ZeroDuration());
    ASSERT_TRUE(put.ok()) << put.status();
  };
  auto given = [](v1::ConsultationAnswer& a, const std::string& q) {
    v1::QuestionAnswer* qa = a.add_answers();
    qa->set_question_id(q);
    return qa;
  };
  auto ranking = [](v1::QuestionAnswer* qa, std::vector<std::string> order) {
    for (const std::string& o : order) qa->mutable_ranking()->add_option_ids(o);
  };
  answer([&](v1::ConsultationAnswer& a) {
    given(a, "day")->set_choice_id("mon");
    ranking(given(a, "first"), {"meals", "staff", "transport"});
    given(a, "plan")->set_agreement(v1::AGREEMENT_AGREE);
    given(a, "else")->set_free_text("More time for visits.");
  });
  answer([&](v1::ConsultationAnswer& a) {
    given(a, "day")->set_choice_id("mon");
    ranking(given(a, "first"), {"meals", "transport"});
    given(a, "plan")->set_agreement(v1::AGREEMENT_STRONGLY_AGREE);
  });
  answer([&](v1::ConsultationAnswer& a) {
    given(a, "day")->set_choice_id("tue");
    ranking(given(a, "first"), {"staff"});
    given(a, "else")->set_free_text("Thank you.");
  });

  // Four ideas in September: one taken up, one not, one acknowledged with
  // no answer yet, one no officer has touched.
  const int first_idea = next_;
  Add(4, {.kind = "idea"}, London(2026, 9, 1));
  Case(first_idea, {.state = "responded", .outcome = "adopted"});
  Case(first_idea + 1, {.state = "closed", .outcome = "not_taken_forward"});
  Case(first_idea + 2, {.state = "acknowledged"});

  // A notice in the year and one before it.
  auto notice = [&](const std::string& id, absl::Time at) {
    v1::Notice* n = catalog.add_notices();
    n->set_id(id);
    Words(n->mutable_title(), "You said: lunch was late");
    Words(n->mutable_body(), "We did: a second van");
    base::SetProtoTimestamp(at, n->mutable_published_at());
  };
  notice("lunch", London(2026, 7, 1));
  notice("old", London(2025, 7, 1));

  // A Forum ballot counted on 1 October 2026 (instant runoff: 2, 2 and 1
  // first preferences; Omar elected), and one closed but not yet counted.
  v1::ForumBallot* ballot = catalog.add_ballots();
  ballot->set_id("chair");
  Words(ballot->mutable_title(), "Forum chair");
  Words(ballot->mutable_who_for(), "Forum members");
  base::SetProtoTimestamp(London(2026, 9, 1), ballot->mutable_opens_at());
  base::SetProtoTimestamp(London(2026, 9, 30), ballot->mutable_closes_at());
  ballot->set_seats(1);
  for (const char* who : {"grace", "omar", "priya"}) {
    v1::Question::Option* o = ballot->mutable_question()->add_options();
    o->set_id(who);
    Words(o->mutable_label(), std::string("Candidate ") + who);
  }
  v1::BallotResult* result = ballot->mutable_result();
  result->set_method("instant_runoff");
  result->add_elected("omar");
  result->set_valid(5);
  result->set_blank(1);
  v1::BallotResult::Round* first_round = result->add_rounds();
  for (std::int64_t v : {200000, 200000, 100000}) first_round->add_votes(v);
  base::SetProtoTimestamp(London(2026, 10, 1), result->mutable_counted_at());
  v1::ForumBallot* waiting = catalog.add_ballots();
  *waiting = *ballot;
  waiting->set_id("deputy");
  Words(waiting->mutable_title(), "Forum deputy");
  waiting->clear_result();

  CommitteeReports reports(*store_, clock_, kLondon, calendar_, themes_, redactor_);
  absl::StatusOr<v1::CommitteeReport> built =
      reports.Build(YearTo31March(2027), v1::AUDIENCE_FORUM, catalog);
  ASSERT_TRUE(built.ok()) << built.status();
  const v1::CommitteeReport& r = *built;

  // Only the consultation open in the year, with its three responses.
  EXPECT_EQ(Rows(TableOf(r, "consultation_1")),
            (std::vector<std::string>{"1. Which day suits you?: Choose one 3 100.0%",
                                      "2. What matters most?: Put in order 3 100.0%",
                                      "3. Do you agree with the plan?: Agree or disagree 2 66.7%",
                                      "4. Anything else?: In their own words 2 66.7%"}));
  EXPECT_EQ(Rows(TableOf(r, "consultation_1_q1")),
            (std::vector<std::string>{"Option mon: 2 66.7%", "Option tue: 1 33.3%",
                                      "Option wed: 0 0.0%", "All: 3 100.0%"}));
  // Points of three places: meals 3 + 3, staff 2 + 3, transport 1 + 2.
  EXPECT_EQ(Rows(TableOf(r, "consultation_1_q2")),
            (std::vector<std::string>{"Option transport: 3 0 2", "Option meals: 6 2 2",
                                      "Option staff: 5 1 2"}));
  EXPECT_EQ(Rows(TableOf(r, "consultation_1_q3")),
            (std::vector<std::string>{"Strongly agree: 1 50.0%", "Agree: 1 50.0%",
                                      "Neither agree nor disagree: 0 0.0%", "Disagree: 0 0.0%",
                                      "Strongly disagree: 0 0.0%", "All: 2 100.0%"}));
  for (const auto& section : r.sections()) {
    for (const auto& table : section.tables()) {
      EXPECT_NE(table.id(), "consultation_1_q4") << "free text is counted, never tabled";
      EXPECT_NE(table.id(), "consultation_2") << "a consultation after the year";
    }
  }

  EXPECT_EQ(Rows(TableOf(r, "ideas")),
            (std::vector<std::string>{"Ideas received: 4 ", "Taken up: 1 25.0%",
                                      "Taken up in part: 0 0.0%", "Being considered: 0 0.0%",
                                      "Not taken forward: 1 25.0%",
                                      "No answer recorded yet: 2 50.0%"}));
  EXPECT_EQ(Rows(TableOf(r, "you_said_we_did")),
            (std::vector<std::string>{
                "1 July 2026: You said: lunch was late We did: a second van"}));
  EXPECT_EQ(Rows(TableOf(r, "ballot_1")),
            (std::vector<std::string>{"Candidate grace: 2 Not elected",
                                      "Candidate omar: 2 Elected 1st",
                                      "Candidate priya: 1 Not elected"}));
  std::string said;
  for (const auto& section : r.sections()) {
    for (const std::string& p : section.paragraphs()) said += p + "\n";
  }
  EXPECT_NE(said.find("Consultation 1, \"Home care from 2027\": open from 1 May 2026 (closed on "
                      "30 June 2026); 3 responses."),
            std::string::npos)
      << said;
  EXPECT_NE(said.find("5 votes named someone and 1 named no one"), std::string::npos) << said;
  EXPECT_NE(said.find("Elected: Candidate omar."), std::string::npos) << said;
  EXPECT_NE(said.find("\"Forum deputy\" closed on 30 September 2026 and has not been counted yet"),
            std::string::npos)
      << said;
  EXPECT_EQ(said.find("More time for visits"), std::string::npos) << "free text stays out";
}

// Themes, quotes and the statutory annual report, worked out by hand:
// six feedback about food (three agreed to be quoted), five formal
// complaints about staff and time, and two themed worries never quoted.
TEST_F(ReportTest, ThemesQuotesAndTheAnnualReportSayWhatPeopleRaisedInTheirWords) {
  auto feedback = [&](const std::string& words, bool may_quote) {
    v1::Submission s;
    const int n = next_++;
    s.set_submission_id(testing::TestSubmissionId(n));
    s.set_reference(testing::TestReference(n));
    base::SetProtoTimestamp(London(2026, 6, 1), s.mutable_created_at());
    s.set_language("en-GB");
    s.set_channel(v1::CHANNEL_KIOSK);
    s.mutable_contact()->set_name("Maria Okonkwo");
    s.mutable_contact()->set_phone("07700 900123");
    s.mutable_consent()->set_may_quote(may_quote);
    s.mutable_feedback()->set_service_id("home_care");
    s.mutable_feedback()->set_text(words);
    const v1::Submission* one[] = {&s};
    auto put = store_->PutSubmissions("kiosk-test-1", one, London(2026, 6, 1),
                                      absl::ZeroDuration());
    ASSERT_TRUE(put.ok()) << put.status();
    Case(n, {.state = "acknowledged", .themes = {"food"}});
  };
  const std::string long_words =
      "The lunch is always cold by the time it reaches the table and nobody seems to notice "
      "that half of it comes back to the kitchen untouched every single day of the week, "
      "which is a waste of good food and of the money people pay for it, and it has been "
      "like this since the spring when the new kitchen opened.";
  feedback("Lunch came late again, ask Maria on 07700 900123.", true);
  feedback(long_words, true);
  feedback("Soup was lovely.", true);  // a third: two quotes a theme at most
  for (int i = 0; i < 3; ++i) feedback("Not for quoting.", false);

  // Five formal complaints about home care, all about staff and time.
  const int first = next_;
  Add(5, {.kind = "complaint", .service = "home_care"}, London(2026, 9, 1));
  auto complaint = [&](int i, std::string state, std::string outcome) {
    Case(first + i, {.state = std::move(state), .statutory = true, .outcome = std::move(outcome),
                     .themes = {"staff_time"}});
  };
  complaint(0, "responded", "upheld");
  complaint(1, "closed", "partly_upheld");
  complaint(2, "closed", "not_upheld");
  complaint(3, "referred to the Ombudsman", "upheld");
  complaint(4, "acknowledged", "");
  // Worries are themed too, but never quoted.
  const int worry = next_;
  Add(2, {.kind = "safeguarding"}, London(2026, 10, 1));
  for (int i = 0; i < 2; ++i) Case(worry + i, {.state = "acknowledged", .themes = {"food"}});

  CommitteeReports reports(*store_, clock_, kLondon, calendar_, themes_, redactor_);
  absl::StatusOr<v1::CommitteeReport> annual =
      reports.Build(YearTo31March(2027), v1::AUDIENCE_SCRUTINY, HandCatalog(), true);
  ASSERT_TRUE(annual.ok()) << annual.status();
  const v1::CommitteeReport& r = *annual;

  EXPECT_EQ(Rows(TableOf(r, "themes")),
            (std::vector<std::string>{"Food and drink: 8 0 +8", "Staff and time: 5 0 +5"}));
  const std::vector<std::string> quotes = Rows(TableOf(r, "quotes"));
  ASSERT_EQ(quotes.size(), 2u) << "two a theme, none from a complaint without consent";
  EXPECT_EQ(quotes[0],
            "Food and drink: \u201cLunch came late again, ask [name] on [phone number].\u201d");
  EXPECT_EQ(quotes[1].rfind("Food and drink: \u201cThe lunch is always cold", 0), 0u) << quotes[1];
  EXPECT_NE(quotes[1].find("\u2026\u201d"), std::string::npos) << "shortened: " << quotes[1];
  EXPECT_LT(quotes[1].size(), long_words.size());

  EXPECT_EQ(Rows(TableOf(r, "annual_figures")),
            (std::vector<std::string>{
                "Formal complaints received: 5 ", "Decided (an outcome recorded): 4 80.0%",
                "Well-founded: upheld or partly upheld: 3 75.0%",
                "Referred to the Local Government and Social Care Ombudsman: 1 20.0%"}));
  EXPECT_EQ(Rows(TableOf(r, "annual_services")),
            (std::vector<std::string>{"Home care: 5 100.0%", "Day centres: 0 0.0%",
                                      "No service area named: 0 0.0%"}));
  EXPECT_EQ(Rows(TableOf(r, "annual_themes")),
            (std::vector<std::string>{"Food and drink: 0 0.0%", "Staff and time: 5 100.0%"}));
  std::string said;
  for (const auto& section : r.sections()) {
    for (const std::string& p : section.paragraphs()) said += p + "\n";
  }
  EXPECT_NE(said.find("Matters of general importance, raised in 5 or more complaints in the "
                      "year: Staff and time (5)."),
            std::string::npos)
      << said;
  EXPECT_NE(said.find("Improvements: no \"You said, we did\" notice"), std::string::npos) << said;
  for (const char* secret : {"Maria", "07700", "Not for quoting", "Soup was lovely"}) {
    EXPECT_EQ(r.DebugString().find(secret), std::string::npos) << secret;
  }

  // A period that is not the statutory year has no such section.
  absl::StatusOr<v1::CommitteeReport> plain =
      reports.Build(YearTo31March(2027), v1::AUDIENCE_SCRUTINY, HandCatalog());
  ASSERT_TRUE(plain.ok());
  for (const auto& section : plain->sections()) EXPECT_NE(section.id(), "annual_complaints");
}

TEST(PopulationTest, TheShippedFileReadsAndMistakesAreNamedByWhereTheyAre) {
  absl::StatusOr<Population> shipped =
      LoadPopulation(CAREVOICE_POPULATION);
  ASSERT_TRUE(shipped.ok()) << shipped.status();
  EXPECT_EQ(shipped->Share("ethnic_group", "ETHNIC_GROUP_WHITE"), 81.0);
  EXPECT_FALSE(shipped->Share("role", "ROLE_CARE_WORKER").has_value());
  for (const auto& [json, says] : std::vector<std::pair<std::string, std::string>>{
           {R"({"shares": {}})", "source:"},
           {R"({"source": "x", "shares": {"height": {}}})", "shares.height: not an equality"},
           {R"({"source": "x", "shares": {"sex": {"SEX_TALL": 1}}})", "shares.sex.SEX_TALL"},
           {R"({"source": "x", "shares": {"sex": {"SEX_PREFER_NOT_TO_SAY": 1}}})",
            "SEX_PREFER_NOT_TO_SAY"},
           {R"({"source": "x", "shares": {"sex": {"SEX_MALE": 101}}})", "0 to 100"},
           {R"({"source": "x", "shares": {"sex": {"SEX_MALE": 60, "SEX_FEMALE": 60}}})",
            "more than 100%"},
           {R"({"source": "x", "shares": {}, "colour": 1})", "colour: not a field"},
           {"not json", "a JSON object"}}) {
    absl::StatusOr<Population> p = ParsePopulation(json);
    ASSERT_FALSE(p.ok()) << json;
    EXPECT_EQ(p.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(p.status().message().find(says), std::string::npos) << p.status() << " for " << json;
  }
}

TEST(PeriodTest, PeriodsAreWrittenFirstDotDotLastAndCheckedPlainly) {
  auto p = ParsePeriod("2026-04-01..2027-03-31");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(*p, YearTo31March(2027));
  EXPECT_EQ(PreviousPeriod(*p), YearTo31March(2026));
  // 29 days of February 2028 (a leap year) against the 29 days before.
  EXPECT_EQ(PreviousPeriod(*ParsePeriod("2028-02-01..2028-02-29")),
            (Period{absl::CivilDay(2028, 1, 3), absl::CivilDay(2028, 1, 31)}));
  for (const char* bad : {"", "2026-04-01", "2026-04-01..", "2026-4-1..2027-3-31",
                          "2026-04-01..2027-02-30", "2026-04-01 .. 2027-03-31", "April..May"}) {
    auto parsed = ParsePeriod(bad);
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(parsed.status().message().find("FIRST..LAST"), std::string::npos) << bad;
  }
  EXPECT_NE(ParsePeriod("2027-03-31..2026-04-01").status().message().find("before its first"),
            std::string::npos);
  EXPECT_FALSE(ParsePeriod("2000-01-01..2027-03-31").ok());
}

TEST(SuppressionTest, SmallCountsHideAndNoneCanBeRecoveredByOneSubtraction) {
  auto cells = [](std::vector<int> counts) {
    std::vector<Cell> out;
    for (int n : counts) {
      Cell c;
      c.set_count(n);
      out.push_back(c);
    }
    return out;
  };
  // 0 and 5 stay; 1..4 go.
  std::vector<Cell> row = cells({0, 1, 4, 5, 120});
  std::vector<Cell*> ptrs;
  for (Cell& c : row) ptrs.push_back(&c);
  SuppressSmall(ptrs);
  EXPECT_EQ(Read(row[0]), "0");
  EXPECT_EQ(Read(row[1]), "small");
  EXPECT_EQ(Read(row[2]), "small");
  EXPECT_EQ(Read(row[3]), "5");

  // 3 + 9 + 40 = 52: the 3 hidden, so the 9 goes too, not the 40.
  std::vector<Cell> parts = cells({3, 9, 40});
  std::vector<Cell> total = cells({52});
  std::vector<Cell*> part_ptrs{&parts[0], &parts[1], &parts[2]};
  SuppressSmall(part_ptrs);
  EXPECT_EQ(SuppressSecondary({Sum{&total[0], part_ptrs}}), 1);
  EXPECT_EQ(Read(parts[1]), "secondary");
  EXPECT_EQ(Read(parts[2]), "40");
  EXPECT_EQ(Read(total[0]), "52");

  // 2 + 0 + 0 = 2: no other part to hide, so the total goes.
  std::vector<Cell> lone = cells({2, 0, 0});
  std::vector<Cell> lone_total = cells({7});  // shown as the test's choice
  std::vector<Cell*> lone_ptrs{&lone[0], &lone[1], &lone[2]};
  SuppressSmall(lone_ptrs);
  EXPECT_EQ(SuppressSecondary({Sum{&lone_total[0], lone_ptrs}}), 1);
  EXPECT_EQ(Read(lone_total[0]), "secondary");
  EXPECT_EQ(Read(lone[1]), "0");
}

}  // namespace
}  // namespace carevoice::service::reports
