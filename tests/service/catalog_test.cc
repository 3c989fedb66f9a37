// The catalog: the sample file loads and validates; the version is a hash
// of the content; the store holds what is served, seeded once, published
// by admins, the newest served by every replica; a bad one is refused.
#include "service/catalog/catalog.h"

#include <algorithm>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "base/proto_time.h"
#include "contract/validation.h"
#include "service/store/store.h"
#include "gtest/gtest.h"
#include "tests/service/testing.h"

namespace carevoice::service::catalog {
namespace {

using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

std::string SampleWithoutConsultations() {
  return testing::CatalogWithoutConsultations(CAREVOICE_SAMPLE_CATALOG);
}

TEST(CatalogTest, LoadsTheSampleCatalog) {
  auto catalog = LoadCatalogFile(CAREVOICE_SAMPLE_CATALOG);
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  EXPECT_EQ(catalog->council_name(), "Northshire Council");
  EXPECT_EQ(catalog->version().size(), 16u);
  EXPECT_EQ(contract::ValidateCatalog(*catalog), std::nullopt);

  std::vector<std::string> ids;
  for (const auto& s : catalog->services()) {
    ids.push_back(s.id());
    EXPECT_TRUE(s.name().text().contains("en-GB")) << s.id();
    EXPECT_TRUE(s.name().text().contains("cy")) << s.id();
    EXPECT_TRUE(s.name().text().contains("pl")) << s.id();
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"home_care", "care_homes",
                                           "day_centres", "direct_payments",
                                           "carers_support", "something_else"}));
  EXPECT_EQ(catalog->services(3).name().text().at("en-GB"),
            "Direct payments and personal assistants");
  ASSERT_EQ(catalog->consultations_size(), 1);
  ASSERT_EQ(catalog->consultations(0).questions_size(), 3);
  EXPECT_EQ(catalog->consultations(0).questions(0).kind(), v1::Question::KIND_SINGLE_CHOICE);
  EXPECT_EQ(catalog->consultations(0).questions(0).options_size(), 3);
  EXPECT_EQ(catalog->help_numbers().emergency(), "999");
  EXPECT_EQ(catalog->help_numbers().safeguarding_team(), "0300 123 4567");
  EXPECT_EQ(catalog->help_numbers().out_of_hours(), "0300 123 4568");
}

TEST(CatalogTest, VersionDependsOnContentOnly) {
  TempDir dir;
  const std::string sample = ReadFile(CAREVOICE_SAMPLE_CATALOG);
  WriteFile(dir.File("a.json"), sample);
  // Same content, different layout and a version written in the file.
  std::string reformatted = "{\n  \"version\": \"ignored\",\n" + sample.substr(1);
  WriteFile(dir.File("b.json"), reformatted);
  auto a = LoadCatalogFile(dir.File("a.json"));
  auto b = LoadCatalogFile(dir.File("b.json"));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->version(), b->version());
  EXPECT_EQ(a->version(), CatalogVersion(*a));

  v1::Catalog changed = *a;
  changed.mutable_help_numbers()->set_out_of_hours("0300 123 9999");
  EXPECT_NE(CatalogVersion(changed), a->version());
}

TEST(CatalogTest, RefusesBadFilesWithoutQuotingThem) {
  TempDir dir;
  WriteFile(dir.File("bad.json"), "{\"councilName\": \"secret words\", ");
  auto bad = LoadCatalogFile(dir.File("bad.json"));
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message().find("secret"), std::string::npos);

  WriteFile(dir.File("invalid.json"),
            R"({"services": [{"id": "x", "name": {"text": {"cy": "Dim"}}}]})");
  auto invalid = LoadCatalogFile(dir.File("invalid.json"));
  EXPECT_EQ(invalid.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(invalid.status().message().find("services[0].name"),
            std::string::npos)
      << invalid.status();

  EXPECT_EQ(LoadCatalogFile(dir.File("missing.json")).status().code(),
            absl::StatusCode::kNotFound);
}

// The store, and two replicas of the service over it.
class StoredCatalogTest : public ::testing::Test {
 protected:
  TempDir dir_;
  std::unique_ptr<store::Store> store_ = *store::OpenSqliteStore(dir_.File("service.db"));
  base::FakeClock clock_;
};

TEST_F(StoredCatalogTest, SeedsAnEmptyStoreOnlyAndEveryReplicaServesTheNewest) {
  auto first = Catalogs::Open(*store_, clock_, CAREVOICE_SAMPLE_CATALOG);
  ASSERT_TRUE(first.ok()) << first.status();
  const std::string seeded = (*first)->Get()->version();
  EXPECT_EQ((*first)->Get()->council_name(), "Northshire Council");

  // A second replica (or a restart) with another --catalog: the store wins.
  WriteFile(dir_.File("other.json"), R"({"councilName": "Elsewhere Council"})");
  auto second = Catalogs::Open(*store_, clock_, dir_.File("other.json"));
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ((*second)->Get()->version(), seeded) << "--catalog only seeds an empty store";

  // Published through one replica, served by both within a second.
  std::string json = SampleWithoutConsultations();
  json.replace(json.find("Northshire Council"), 18, "Northshire County Council");
  absl::StatusOr<std::string> published = (*first)->Publish("ada", json);
  ASSERT_TRUE(published.ok()) << published.status();
  EXPECT_NE(*published, seeded);
  EXPECT_EQ((*first)->Get()->version(), *published) << "at once where it was published";
  EXPECT_EQ((*second)->Get()->version(), seeded) << "looked less than a second ago";
  clock_.Advance(absl::Seconds(1));
  EXPECT_EQ((*second)->Get()->version(), *published);
  EXPECT_EQ((*second)->Get()->council_name(), "Northshire County Council");

  // The same content again stores nothing new.
  EXPECT_EQ(*(*first)->Publish("ada", json), *published);
  EXPECT_EQ(*store_->LatestCatalogSerial(), 2);
  const auto audit = *store_->ListAudit(10);
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].action, "catalog_publish:" + *published);
  EXPECT_EQ(audit[0].officer, "ada");
  EXPECT_EQ(audit[1].action, "catalog_seed:" + seeded);
}

TEST_F(StoredCatalogTest, ABadCatalogIsRefusedNamingTheFieldNotQuotingIt) {
  auto catalogs = Catalogs::Open(*store_, clock_, CAREVOICE_SAMPLE_CATALOG);
  ASSERT_TRUE(catalogs.ok());
  const std::string good = (*catalogs)->Get()->version();
  absl::Status s = (*catalogs)->Publish("ada", "{ not json, secret words").status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message().find("secret words"), std::string::npos) << s;
  s = (*catalogs)->Publish("ada", R"({"councilName": "X", "surprise": 1})").status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << "unknown fields are refused";
  nlohmann::json json = nlohmann::json::parse(SampleWithoutConsultations());
  json["sites"][1]["providerId"] = "no_such_provider";
  s = (*catalogs)->Publish("ada", json.dump()).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("sites[1].provider_id: error.unknown_value"), std::string::npos) << s;
  clock_.Advance(absl::Seconds(2));
  EXPECT_EQ((*catalogs)->Get()->version(), good) << "the last good catalog is still served";
}

TEST_F(StoredCatalogTest, NoCatalogAnywhereServesAnEmptyOne) {
  auto catalogs = Catalogs::Open(*store_, clock_, "");
  ASSERT_TRUE(catalogs.ok());
  EXPECT_EQ((*catalogs)->Get()->services_size(), 0);
  EXPECT_FALSE((*catalogs)->Get()->version().empty());
}

TEST_F(StoredCatalogTest, ASeedThatDoesNotLoadStopsTheStart) {
  WriteFile(dir_.File("bad.json"), "[]");
  EXPECT_FALSE(Catalogs::Open(*store_, clock_, dir_.File("bad.json")).ok());
}

// A consultation file with its closing time (and opening, when given)
// moved, written as an officer would.
std::string Consultation(absl::Time opens, absl::Time closes) {
  nlohmann::json json = nlohmann::json::parse(ReadFile(CAREVOICE_SAMPLE_CONSULTATION));
  json["opensAt"] = absl::FormatTime(absl::RFC3339_sec, opens, absl::UTCTimeZone());
  json["closesAt"] = absl::FormatTime(absl::RFC3339_sec, closes, absl::UTCTimeZone());
  return json.dump(2);
}

TEST_F(StoredCatalogTest, AConsultationIsPublishedServedAndClosedAndStaysForItsAnswers) {
  auto first = Catalogs::Open(*store_, clock_, CAREVOICE_SAMPLE_CATALOG);
  auto second = Catalogs::Open(*store_, clock_, "");
  ASSERT_TRUE(first.ok() && second.ok());
  const std::string seeded = (*first)->Get()->version();
  const absl::Time now = clock_.Now();
  absl::StatusOr<v1::Consultation> published = (*first)->PublishConsultation(
      "grace", Consultation(now - absl::Hours(1), now + absl::Hours(24 * 30)));
  ASSERT_TRUE(published.ok()) << published.status();
  EXPECT_EQ(published->id(), "getting_out_2027");
  EXPECT_EQ(published->questions_size(), 5);
  auto served = (*first)->Get();
  EXPECT_NE(served->version(), seeded);
  ASSERT_EQ(served->consultations_size(), 2) << "the seed's, then the new one";
  EXPECT_EQ(served->consultations(1).id(), "getting_out_2027");
  EXPECT_EQ(served->consultations(1).questions(1).max_choices(), 2);
  EXPECT_EQ(served->consultations(1).questions(2).options(2).label().text().at("cy"),
            "Cynllun cyfaill gwirfoddol");
  clock_.Advance(absl::Seconds(1));
  EXPECT_EQ((*second)->Get()->version(), served->version()) << "every replica serves it";

  // An id is for ever, even once closed.
  absl::Status again = (*first)->PublishConsultation(
      "grace", Consultation(now, now + absl::Hours(48))).status();
  EXPECT_EQ(again.code(), absl::StatusCode::kAlreadyExists) << again;

  // A new catalog of services keeps the consultations; one changing any is
  // refused (they are published one by one).
  std::string catalog = SampleWithoutConsultations();
  catalog.replace(catalog.find("Northshire Council"), 18, "Northshire County Council");
  ASSERT_TRUE((*first)->Publish("ada", catalog).ok());
  EXPECT_EQ((*first)->Get()->consultations_size(), 2);
  // The seed file names its consultation as it is: accepted, nothing new.
  EXPECT_TRUE((*first)->Publish("ada", ReadFile(CAREVOICE_SAMPLE_CATALOG)).ok());
  EXPECT_EQ((*first)->Get()->consultations_size(), 2);
  std::string changed = ReadFile(CAREVOICE_SAMPLE_CATALOG);
  changed.replace(changed.find("Day centre opening hours"), 24, "Day centre hours, changed");
  absl::Status with = (*first)->Publish("ada", changed).status();
  EXPECT_EQ(with.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(with.message().find("consultations[0]: error.not_allowed"), std::string::npos) << with;

  // Closed early: it stays, closing now, so answers given before count.
  clock_.Advance(absl::Hours(2));
  absl::StatusOr<v1::Consultation> closed = (*first)->CloseConsultation("grace", "getting_out_2027");
  ASSERT_TRUE(closed.ok()) << closed.status();
  EXPECT_TRUE(closed->closed_early());
  EXPECT_EQ(closed->closes_at().seconds(), absl::ToUnixSeconds(clock_.Now()));
  EXPECT_EQ((*first)->Get()->consultations(1).closes_at().seconds(), closed->closes_at().seconds());
  EXPECT_EQ((*first)->CloseConsultation("grace", "getting_out_2027").status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ((*first)->CloseConsultation("grace", "no_such").status().code(),
            absl::StatusCode::kNotFound);

  const auto audit = *store_->ListAudit(10);
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit.front().action, "consultation_close:getting_out_2027");
  EXPECT_EQ(audit.front().officer, "grace");
  EXPECT_TRUE(std::any_of(audit.begin(), audit.end(), [](const auto& row) {
    return row.action == "consultation_publish:getting_out_2027" && row.officer == "grace";
  }));
}

TEST_F(StoredCatalogTest, AConsultationNotYetOpenClosesBeforeItOpens) {
  auto catalogs = Catalogs::Open(*store_, clock_, "");
  ASSERT_TRUE(catalogs.ok());
  const absl::Time now = clock_.Now();
  ASSERT_TRUE((*catalogs)
                  ->PublishConsultation("grace", Consultation(now + absl::Hours(24),
                                                              now + absl::Hours(48)))
                  .ok());
  absl::StatusOr<v1::Consultation> closed = (*catalogs)->CloseConsultation("grace", "getting_out_2027");
  ASSERT_TRUE(closed.ok()) << closed.status();
  EXPECT_LT(closed->opens_at().seconds(), closed->closes_at().seconds());
  EXPECT_EQ(contract::ValidateCatalog(*(*catalogs)->Get()), std::nullopt);
}

// Each bad file is refused naming the field to fix, and nothing changes.
TEST_F(StoredCatalogTest, AnOfficersNoticeIsDatedServedAndOutlivesTheNextCatalogFile) {
  auto catalogs = Catalogs::Open(*store_, clock_, CAREVOICE_SAMPLE_CATALOG);
  ASSERT_TRUE(catalogs.ok());
  const std::string good = ReadFile(CAREVOICE_SAMPLE_NOTICE);
  struct Case {
    std::string what;
    std::function<void(nlohmann::json&)> change;
    std::string said;
  };
  const std::vector<Case> cases = {
      {"an unknown field", [](auto& j) { j["colour"] = "red"; }, "colour: error.unknown_field"},
      {"no id", [](auto& j) { j.erase("id"); }, "id: error.required"},
      {"no English title", [](auto& j) { j["title"]["text"].erase("en-GB"); },
       "title: error.required"},
      {"a blank body", [](auto& j) { j["body"]["text"]["en-GB"] = " "; }, "body: error.required"},
      {"a date by hand", [](auto& j) { j["publishedAt"] = "2026-01-01T00:00:00Z"; },
       "published_at: error.not_allowed"},
  };
  for (const Case& c : cases) {
    nlohmann::json bad = nlohmann::json::parse(good);
    c.change(bad);
    absl::Status s = (*catalogs)->PublishNotice("grace", bad.dump()).status();
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << c.what << ": " << s;
    EXPECT_NE(s.message().find(c.said), std::string::npos) << c.what << ": " << s;
  }
  const int before = (*catalogs)->Get()->notices_size();
  auto published = (*catalogs)->PublishNotice("grace", good);
  ASSERT_TRUE(published.ok()) << published.status();
  EXPECT_EQ(published->published_by(), "grace");
  EXPECT_EQ(base::FromProtoTimestamp(published->published_at()), clock_.Now());
  EXPECT_EQ((*catalogs)->PublishNotice("grace", good).status().code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_EQ((*catalogs)->Get()->notices_size(), before + 1);
  // An admin publishes the catalog file again: the officer's notice stays.
  clock_.Advance(absl::Seconds(2));
  ASSERT_TRUE((*catalogs)->Publish("admin", ReadFile(CAREVOICE_SAMPLE_CATALOG)).ok());
  const auto& notices = (*catalogs)->Get()->notices();
  EXPECT_EQ(notices.size(), before + 1);
  EXPECT_TRUE(std::any_of(notices.begin(), notices.end(), [](const v1::Notice& n) {
    return n.id() == "buddy_scheme_2027" && n.published_by() == "grace";
  }));
}

TEST_F(StoredCatalogTest, BadBallotFilesAreRefusedWithThePathOfTheBadField) {
  auto catalogs = Catalogs::Open(*store_, clock_, CAREVOICE_SAMPLE_CATALOG);
  ASSERT_TRUE(catalogs.ok());
  const absl::Time now = clock_.Now();
  const nlohmann::json good = nlohmann::json::parse(testing::ReadFile(CAREVOICE_SAMPLE_BALLOT));
  struct Case {
    std::string what;
    std::function<void(nlohmann::json&)> change;
    std::string said;
  };
  const std::vector<Case> cases = {
      {"an unknown field", [](auto& j) { j["candidates"] = nlohmann::json::array(); },
       "candidates: error.unknown_field"},
      {"a question not called vote", [](auto& j) { j["question"]["id"] = "who"; },
       "question.id: error.unknown_value"},
      {"a kind a ballot cannot be", [](auto& j) { j["question"]["kind"] = "KIND_FREE_TEXT"; },
       "question.options: error.not_allowed"},
      {"choose several", [](auto& j) {
         j["question"]["kind"] = "KIND_MULTIPLE_CHOICE";
         j["question"]["maxChoices"] = 2;
       }, "question.kind: error.not_allowed"},
      {"one candidate", [](auto& j) { j["question"]["options"].erase(1); j["question"]["options"].erase(1); j["question"]["options"].erase(1); },
       "question.options: error.too_short"},
      {"the same candidate twice",
       [](auto& j) { j["question"]["options"][2]["id"] = "amara_okafor"; },
       "question.options[2].id: error.duplicate"},
      {"no seats", [](auto& j) { j.erase("seats"); }, "seats: error.required"},
      {"as many seats as candidates", [](auto& j) { j["seats"] = 4; }, "seats: error.too_long"},
      {"two seats on one mark",
       [](auto& j) { j["question"]["kind"] = "KIND_SINGLE_CHOICE"; }, "seats: error.too_long"},
      {"a language missing", [](auto& j) { j["whoFor"]["text"].erase("cy"); },
       "who_for[cy]: error.required"},
      {"a closing date in the past",
       [&](auto& j) {
         j["opensAt"] = "2024-01-01T00:00:00Z";
         j["closesAt"] = absl::FormatTime(absl::RFC3339_sec, now - absl::Hours(1), absl::UTCTimeZone());
       },
       "closes_at: error.in_past"},
      {"a result by hand", [](auto& j) { j["result"]["elected"] = {"amara_okafor"}; },
       "result: error.not_allowed"},
  };
  for (const Case& c : cases) {
    nlohmann::json bad = good;
    c.change(bad);
    absl::Status s = (*catalogs)->PublishBallot("grace", bad.dump()).status();
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << c.what << ": " << s;
    EXPECT_NE(s.message().find(c.said), std::string::npos) << c.what << ": " << s;
  }
  EXPECT_TRUE((*catalogs)->Get()->ballots().empty()) << "nothing bad was published";
  auto published = (*catalogs)->PublishBallot("grace", good.dump());
  ASSERT_TRUE(published.ok()) << published.status();
  EXPECT_EQ((*catalogs)->PublishBallot("grace", good.dump()).status().code(),
            absl::StatusCode::kAlreadyExists);
  // A whole catalog published later keeps the ballot, and cannot slip a
  // changed one in.
  ASSERT_TRUE((*catalogs)->Publish("admin", testing::ReadFile(CAREVOICE_SAMPLE_CATALOG)).ok());
  EXPECT_EQ((*catalogs)->Get()->ballots_size(), 1);
}

TEST_F(StoredCatalogTest, BadConsultationFilesAreRefusedWithThePathOfTheBadField) {
  auto catalogs = Catalogs::Open(*store_, clock_, CAREVOICE_SAMPLE_CATALOG);
  ASSERT_TRUE(catalogs.ok());
  const std::string before = (*catalogs)->Get()->version();
  const absl::Time now = clock_.Now();
  const nlohmann::json good =
      nlohmann::json::parse(Consultation(now - absl::Hours(1), now + absl::Hours(240)));
  struct Case {
    std::string what;
    std::function<void(nlohmann::json&)> change;
    std::string said;  // in the error: the field's path and the message key
  };
  const std::vector<Case> cases = {
      {"an unknown field", [](auto& j) { j["questions"][2]["colour"] = "red"; },
       "questions[2].colour: error.unknown_field"},
      {"a misspelt top-level field", [](auto& j) { j["closesOn"] = "2030-01-01T00:00:00Z"; },
       "closesOn: error.unknown_field"},
      {"an unknown kind", [](auto& j) { j["questions"][0]["kind"] = "KIND_BANANA"; },
       "questions[0].kind: error.unknown_value"},
      {"a number where words go", [](auto& j) { j["questions"][1]["text"]["text"]["cy"] = 7; },
       "questions[1].text[cy]: error.bad_format"},
      {"a date that is no date", [](auto& j) { j["closesAt"] = "next Tuesday"; },
       "closes_at: error.bad_format"},
      {"duplicate option ids", [](auto& j) { j["questions"][1]["options"][3]["id"] = "transport"; },
       "questions[1].options[3].id: error.duplicate"},
      {"an empty option", [](auto& j) { j["questions"][2]["options"][1] = nlohmann::json::object(); },
       "questions[2].options[1].id: error.required"},
      {"a label left blank", [](auto& j) { j["questions"][0]["options"][0]["label"]["text"]["en-GB"] = " "; },
       "questions[0].options[0].label[en-GB]: error.required"},
      {"a language missing", [](auto& j) { j["questions"][3]["easyText"]["text"].erase("cy"); },
       "questions[3].easy_text[cy]: error.required"},
      {"text over its limit", [](auto& j) { j["title"]["text"]["en-GB"] = std::string(201, 'a'); },
       "title[en-GB]: error.too_long"},
      {"a closing date in the past",
       [&](auto& j) {
         j["opensAt"] = "2024-01-01T00:00:00Z";
         j["closesAt"] = absl::FormatTime(absl::RFC3339_sec, now - absl::Hours(1), absl::UTCTimeZone());
       },
       "closes_at: error.in_past"},
      {"closing before opening",
       [](auto& j) { std::swap(j["opensAt"], j["closesAt"]); }, "closes_at: error.before_opening"},
      {"too many choices", [](auto& j) { j["questions"][1]["maxChoices"] = 5; },
       "questions[1].max_choices: error.too_long"},
      {"a picture no kiosk has", [](auto& j) { j["questions"][4]["picture"] = "unicorn"; },
       "questions[4].picture: error.unknown_value"},
      {"no questions", [](auto& j) { j["questions"] = nlohmann::json::array(); },
       "questions: error.required"},
      {"closed_early set by hand", [](auto& j) { j["closedEarly"] = true; },
       "closed_early: error.not_allowed"},
  };
  for (const Case& c : cases) {
    nlohmann::json bad = good;
    c.change(bad);
    absl::Status s = (*catalogs)->PublishConsultation("grace", bad.dump()).status();
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << c.what << ": " << s;
    EXPECT_NE(s.message().find(c.said), std::string::npos) << c.what << ": " << s;
  }
  // A key that is words (not a field name or language tag) is not quoted.
  nlohmann::json words_as_a_key = good;
  words_as_a_key["questions"][0]["my neighbour Ann"] = 1;
  absl::Status key = (*catalogs)->PublishConsultation("grace", words_as_a_key.dump()).status();
  EXPECT_NE(key.message().find("questions[0].?: error.unknown_field"), std::string::npos) << key;
  EXPECT_EQ(key.message().find("Ann"), std::string::npos) << key;
  words_as_a_key = good;
  words_as_a_key["questions"][0]["text"]["text"]["my neighbour Ann"] = "x";
  key = (*catalogs)->PublishConsultation("grace", words_as_a_key.dump()).status();
  EXPECT_NE(key.message().find("questions[0].text: error.not_allowed"), std::string::npos) << key;
  EXPECT_EQ(key.message().find("Ann"), std::string::npos) << key;
  absl::Status not_json = (*catalogs)->PublishConsultation("grace", "{\"title\": secret").status();
  EXPECT_EQ(not_json.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(not_json.message().find("secret"), std::string::npos) << not_json;
  clock_.Advance(absl::Seconds(2));
  EXPECT_EQ((*catalogs)->Get()->version(), before) << "nothing bad was published";
  EXPECT_TRUE((*catalogs)->PublishConsultation("grace", good.dump()).ok()) << "the good one is";
}

}  // namespace
}  // namespace carevoice::service::catalog
