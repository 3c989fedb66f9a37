// The theme lexicon: the shipped file loads, suggestions follow the
// keywords as the lexicon's rule says, and bad files are refused.
#include "service/cases/themes.h"

#include "gtest/gtest.h"

namespace carevoice::service::cases {
namespace {

TEST(Lexicon, TheShippedThemesLoadAndSuggestFromTheWords) {
  absl::StatusOr<Lexicon> lexicon = Lexicon::Load(CAREVOICE_THEMES);
  ASSERT_TRUE(lexicon.ok()) << lexicon.status();
  EXPECT_GE(lexicon->themes().size(), 10u);
  ASSERT_NE(lexicon->Find("food"), nullptr);
  EXPECT_EQ(lexicon->Find("nothing"), nullptr);
  const std::vector<std::string> s =
      lexicon->Suggest("They rushed my lunch again, and were late. Lunch was cold.");
  ASSERT_GE(s.size(), 2u);
  EXPECT_EQ(s[0], "staff_time") << "rush and late: two keywords";
  EXPECT_EQ(s[1], "food");
  EXPECT_TRUE(lexicon->Suggest("").empty());
  EXPECT_TRUE(lexicon->Suggest("Everything is fine.").empty());
}

TEST(Lexicon, KeywordsMatchWordStartsAndPhrasesInARow) {
  absl::StatusOr<Lexicon> lexicon = Lexicon::Parse(R"({"themes": [
    {"id": "a", "name": "A", "keywords": ["rush"]},
    {"id": "b", "name": "B", "keywords": ["same care", "agency"]},
    {"id": "c", "name": "C", "keywords": ["pryd"]}]})");
  ASSERT_TRUE(lexicon.ok()) << lexicon.status();
  EXPECT_EQ(lexicon->Suggest("RUSHING"), std::vector<std::string>{"a"});
  EXPECT_TRUE(lexicon->Suggest("crush").empty()) << "the start of a word, not inside it";
  EXPECT_EQ(lexicon->Suggest("the same carers"), std::vector<std::string>{"b"});
  EXPECT_TRUE(lexicon->Suggest("the care is the same").empty()) << "in a row";
  EXPECT_EQ(lexicon->Suggest("agency staff, same care workers, rushed"),
            (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(lexicon->Suggest("Prydau oer"), std::vector<std::string>{"c"});
  EXPECT_EQ(lexicon->Suggest("rush agency pryd", 1).size(), 1u);
}

TEST(Lexicon, ABadFileIsRefusedSayingWhere) {
  EXPECT_FALSE(Lexicon::Parse("[]").ok());
  EXPECT_FALSE(Lexicon::Parse(R"({"themes": [{"id": "Bad Id", "name": "x"}]})").ok());
  EXPECT_FALSE(Lexicon::Parse(R"({"themes": [{"id": "a", "name": "x"}, {"id": "a", "name": "y"}]})").ok());
  absl::StatusOr<Lexicon> bad = Lexicon::Parse(R"({"themes": [{"id": "a", "name": "x", "keywords": [3]}]})");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(std::string(bad.status().message()).find("themes[0]"), std::string::npos);
  EXPECT_FALSE(Lexicon::Load("/nonexistent.json").ok());
}

}  // namespace
}  // namespace carevoice::service::cases
