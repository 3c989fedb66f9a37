// The catalog: the sample file loads and validates; the version is a hash
// of the content; the store holds what is served, seeded once, published
// by admins, the newest served by every replica; a bad one is refused.
#include "service/catalog/catalog.h"

#include <filesystem>

#include "contract/validation.h"
#include "service/store/store.h"
#include "gtest/gtest.h"
#include "tests/service/testing.h"

namespace carevoice::service::catalog {
namespace {

using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

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
  ASSERT_EQ(catalog->questions_size(), 1);
  EXPECT_EQ(catalog->questions(0).kind(), v1::Question::KIND_SINGLE_CHOICE);
  EXPECT_EQ(catalog->questions(0).options_size(), 3);
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
  std::string json = ReadFile(CAREVOICE_SAMPLE_CATALOG);
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
  std::string json = ReadFile(CAREVOICE_SAMPLE_CATALOG);
  json.replace(json.find("\"home_care\""), 11, "\"Bad Id!\"");
  s = (*catalogs)->Publish("ada", json).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("services"), std::string::npos) << s;
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

}  // namespace
}  // namespace carevoice::service::catalog
