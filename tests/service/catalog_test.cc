// The catalog loader: the sample file loads and validates; the version is
// a hash of the content; a bad new file keeps the last good catalog.
#include "service/catalog/catalog.h"

#include <filesystem>

#include "contract/validation.h"
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

TEST(CatalogTest, ReloadsWhenTheFileChangesAtMostOnceASecond) {
  TempDir dir;
  const std::string path = dir.File("catalog.json");
  WriteFile(path, R"({"councilName": "Northshire Council"})");
  base::FakeClock clock;
  auto file = CatalogFile::Open(path, clock);
  ASSERT_TRUE(file.ok()) << file.status();
  const std::string v1 = (*file)->Get()->version();

  // A longer file: the size changes even if the mtime has coarse ticks.
  WriteFile(path, R"({"councilName": "Northshire County Council"})");
  EXPECT_EQ((*file)->Get()->version(), v1) << "checked before a second passed";
  clock.Advance(absl::Seconds(1));
  auto reloaded = (*file)->Get();
  EXPECT_NE(reloaded->version(), v1);
  EXPECT_EQ(reloaded->council_name(), "Northshire County Council");

  // Identical content written again: same version.
  WriteFile(path, R"({"councilName": "Northshire County Council" })");
  clock.Advance(absl::Seconds(1));
  EXPECT_EQ((*file)->Get()->version(), reloaded->version());
}

TEST(CatalogTest, BadNewFileKeepsTheLastGoodCatalog) {
  TempDir dir;
  const std::string path = dir.File("catalog.json");
  WriteFile(path, ReadFile(CAREVOICE_SAMPLE_CATALOG));
  base::FakeClock clock;
  auto file = CatalogFile::Open(path, clock);
  ASSERT_TRUE(file.ok()) << file.status();
  const std::string good = (*file)->Get()->version();

  WriteFile(path, "{ not json");
  clock.Advance(absl::Seconds(2));
  EXPECT_EQ((*file)->Get()->version(), good);
  std::filesystem::remove(path);
  clock.Advance(absl::Seconds(2));
  EXPECT_EQ((*file)->Get()->version(), good);
  EXPECT_EQ((*file)->Get()->council_name(), "Northshire Council");
}

TEST(CatalogTest, NoFileServesAnEmptyCatalog) {
  base::FakeClock clock;
  auto file = CatalogFile::Open("", clock);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ((*file)->Get()->services_size(), 0);
  EXPECT_FALSE((*file)->Get()->version().empty());
}

TEST(CatalogTest, FirstLoadMustSucceed) {
  TempDir dir;
  WriteFile(dir.File("bad.json"), "[]");
  base::FakeClock clock;
  EXPECT_FALSE(CatalogFile::Open(dir.File("bad.json"), clock).ok());
}

}  // namespace
}  // namespace carevoice::service::catalog
