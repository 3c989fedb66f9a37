// The language files (ACCESSIBILITY.md item 2): every translation has
// exactly en-GB's keys, real translated text (not a copy of the English),
// the same placeholders, valid UTF-8, and says whether it was reviewed and
// which language the screen shows with it.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "tests/lang/lang_util.h"

namespace carevoice::lang_test {
namespace {

bool IsMeta(const std::string& key) { return StartsWith(key, "_meta."); }

// Values that may be the same as the English: proper names and key names
// that are the same in every language. Keep this list short.
bool MayEqualEnglish(const std::string& key, const std::string& english) {
  static const std::set<std::string> names = {"OK", "CareVoice", "Northshire",
                                              "Northshire Council"};
  static const std::regex key_name(R"(F[0-9]{1,2})");
  if (IsMeta(key) || StartsWith(key, "picture.")) return true;  // not text
  if (names.count(english) > 0 || std::regex_match(english, key_name)) return true;
  // No letters at all (numbers, placeholders, punctuation).
  return std::none_of(english.begin(), english.end(), [](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) ||
           static_cast<unsigned char>(c) >= 0x80;
  });
}

std::string Join(const std::vector<std::string>& items) {
  std::ostringstream out;
  for (const std::string& item : items) out << "\n  " << item;
  return out.str();
}

std::string Describe(const std::map<int, int>& placeholders) {
  std::ostringstream out;
  for (const auto& [n, count] : placeholders) out << " {" << n << "}x" << count;
  return placeholders.empty() ? " none" : out.str();
}

TEST(LangDirTest, EveryLanguageFileIsKnownToTheseTests) {
  std::set<std::string> listed(Translations().begin(), Translations().end());
  listed.insert(kMaster);
  std::vector<std::string> unknown;
  std::set<std::string> present;
  for (const auto& entry : std::filesystem::directory_iterator(LangDir())) {
    if (entry.path().extension() != ".json") continue;
    const std::string tag = entry.path().stem().string();
    present.insert(tag);
    if (listed.count(tag) == 0) unknown.push_back(tag);
  }
  EXPECT_TRUE(unknown.empty())
      << "add these to Translations() in tests/lang/lang_util.cc:" << Join(unknown);
  for (const std::string& tag : listed) {
    EXPECT_EQ(present.count(tag), 1u) << "missing " << LangPath(tag);
  }
}

TEST(MasterTest, EnglishLoadsAndIsReviewed) {
  auto en = Load(kMaster);
  ASSERT_TRUE(en.has_value());
  EXPECT_EQ(en->language(), kMaster);
  EXPECT_TRUE(en->Has("_meta.name"));
  EXPECT_EQ(en->Get("_meta.reviewed"), "yes");
  // The master is drawn on screen itself.
  if (en->Has("_meta.screen")) {
    EXPECT_EQ(en->Get("_meta.screen"), kMaster);
  }
  EXPECT_TRUE(DuplicateKeys(LangPath(kMaster)).empty())
      << Join(DuplicateKeys(LangPath(kMaster)));
}

TEST(MasterTest, EnglishValuesAreValidUtf8AndNotEmpty) {
  auto en = Load(kMaster);
  ASSERT_TRUE(en.has_value());
  for (const std::string& key : en->Keys()) {
    const std::string value = en->Get(key);
    EXPECT_TRUE(DecodeUtf8(value).has_value()) << key;
    EXPECT_NE(value.find_first_not_of(" \t\n"), std::string::npos) << key << " is empty";
  }
}

class TranslationTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    en_ = Load(kMaster);
    lang_ = Load(GetParam());
    ASSERT_TRUE(en_.has_value() && lang_.has_value());
  }
  std::optional<client::Strings> en_, lang_;
};

TEST_P(TranslationTest, HasExactlyTheKeysOfEnglish) {
  std::vector<std::string> missing, extra;
  for (const std::string& key : en_->Keys()) {
    if (!IsMeta(key) && !lang_->Has(key)) missing.push_back(key);
  }
  for (const std::string& key : lang_->Keys()) {
    if (!IsMeta(key) && !en_->Has(key)) extra.push_back(key);
  }
  EXPECT_TRUE(missing.empty()) << GetParam() << " lacks" << Join(missing);
  EXPECT_TRUE(extra.empty()) << GetParam() << " has keys en-GB does not" << Join(extra);
}

TEST_P(TranslationTest, HasNoDuplicateKeys) {
  const std::vector<std::string> duplicates = DuplicateKeys(LangPath(GetParam()));
  EXPECT_TRUE(duplicates.empty()) << Join(duplicates);
}

TEST_P(TranslationTest, SaysWhatItIsAndWhetherItWasReviewed) {
  const std::string tag = GetParam();
  EXPECT_EQ(lang_->language(), tag) << "_meta.language";
  EXPECT_FALSE(lang_->Get("_meta.name").empty());
  EXPECT_NE(lang_->Get("_meta.name"), en_->Get("_meta.name"));
  ASSERT_TRUE(lang_->Has("_meta.reviewed"));
  const std::string reviewed = lang_->Get("_meta.reviewed");
  EXPECT_TRUE(reviewed == "yes" || reviewed == "no") << reviewed;
  // The screen shows either this language or (for scripts Dear ImGui
  // cannot shape) the master language; speech always uses this file.
  ASSERT_TRUE(lang_->Has("_meta.screen"));
  const std::string screen = lang_->Get("_meta.screen");
  EXPECT_TRUE(screen == tag || screen == kMaster) << "_meta.screen = " << screen;
  for (const std::string& key : lang_->Keys()) {
    if (!IsMeta(key)) continue;
    static const std::set<std::string> known = {"_meta.language", "_meta.name",
                                                "_meta.reviewed", "_meta.screen"};
    EXPECT_EQ(known.count(key), 1u) << "unknown metadata key " << key;
  }
}

TEST_P(TranslationTest, NothingMerelyCopiesTheEnglish) {
  std::vector<std::string> copies;
  for (const std::string& key : en_->Keys()) {
    if (!lang_->Has(key)) continue;
    const std::string english = en_->Get(key);
    if (lang_->Get(key) == english && !MayEqualEnglish(key, english)) {
      copies.push_back(key + " = \"" + english + "\"");
    }
  }
  EXPECT_TRUE(copies.empty()) << GetParam() << " copies the English:" << Join(copies);
}

TEST_P(TranslationTest, PlaceholdersMatchTheEnglish) {
  std::vector<std::string> wrong;
  for (const std::string& key : en_->Keys()) {
    if (!lang_->Has(key)) continue;
    const auto want = Placeholders(en_->Get(key));
    const auto got = Placeholders(lang_->Get(key));
    if (want != got) {
      wrong.push_back(key + ": en-GB has" + Describe(want) + ", " + GetParam() +
                      " has" + Describe(got));
    }
  }
  EXPECT_TRUE(wrong.empty()) << Join(wrong);
}

TEST_P(TranslationTest, ValuesAreValidUtf8AndNotEmpty) {
  for (const std::string& key : lang_->Keys()) {
    const std::string value = lang_->Get(key);
    EXPECT_TRUE(DecodeUtf8(value).has_value()) << key << " is not valid UTF-8";
    EXPECT_NE(value.find_first_not_of(" \t\n"), std::string::npos) << key << " is empty";
    EXPECT_EQ(value, value.substr(value.find_first_not_of(' ')))
        << key << " starts with a space";
    EXPECT_NE(value.back(), ' ') << key << " ends with a space";
  }
}

// ur, pa and bn are spoken in their own script: every text value must be
// written in it (a value left in English would be read by the wrong voice).
class SpokenOnlyTest : public TranslationTest {};

TEST_P(SpokenOnlyTest, EveryValueIsWrittenInTheLanguagesScript) {
  static const std::map<std::string, std::pair<char32_t, char32_t>> scripts = {
      {"ur", {0x0600, 0x06FF}},  // Arabic
      {"pa", {0x0A00, 0x0A7F}},  // Gurmukhi
      {"bn", {0x0980, 0x09FF}},  // Bengali
  };
  const auto script = scripts.find(GetParam());
  ASSERT_NE(script, scripts.end()) << "no script range for " << GetParam();
  EXPECT_EQ(lang_->Get("_meta.screen"), kMaster) << "Dear ImGui cannot shape it";
  const auto [low, high] = script->second;
  std::vector<std::string> wrong;
  for (const std::string& key : lang_->Keys()) {
    if (IsMeta(key) && key != "_meta.name") continue;
    if (StartsWith(key, "picture.")) continue;
    const auto cps = DecodeUtf8(lang_->Get(key)).value_or(U"");
    if (std::none_of(cps.begin(), cps.end(),
                     [&](char32_t cp) { return cp >= low && cp <= high; })) {
      wrong.push_back(key + " = \"" + lang_->Get(key) + "\"");
    }
  }
  EXPECT_TRUE(wrong.empty()) << "not in the " << GetParam() << " script:" << Join(wrong);
}

INSTANTIATE_TEST_SUITE_P(Languages, TranslationTest,
                         ::testing::ValuesIn(Translations()),
                         [](const auto& info) { return info.param; });
INSTANTIATE_TEST_SUITE_P(Languages, SpokenOnlyTest,
                         ::testing::Values("ur", "pa", "bn"),
                         [](const auto& info) { return info.param; });

TEST(PlaceholdersTest, CountsEachOccurrence) {
  EXPECT_EQ(Placeholders("Your reference is {0}. Again: {0}."),
            (std::map<int, int>{{0, 2}}));
  EXPECT_EQ(Placeholders("{1} z {0}"), (std::map<int, int>{{0, 1}, {1, 1}}));
  EXPECT_TRUE(Placeholders("no {placeholder} here {}").empty());
}

TEST(DuplicateKeysTest, FindsAKeyWrittenTwice) {
  const std::string path = ::testing::TempDir() + "/lang_duplicate_keys.json";
  std::ofstream(path) << R"({"a": "1", "b": {"a": "nested"}, "a": "2"})";
  EXPECT_EQ(DuplicateKeys(path), std::vector<std::string>{"a"});
  std::ofstream(path) << R"({"a": )";
  EXPECT_EQ(DuplicateKeys(path).size(), 1u);  // not valid JSON
}

TEST(Utf8Test, RejectsMalformedText) {
  EXPECT_TRUE(DecodeUtf8("Cymraeg ŵ ŷ, Polski żółć, اردو").has_value());
  EXPECT_EQ(DecodeUtf8("ŵ")->size(), 1u);
  EXPECT_FALSE(DecodeUtf8("\xC0\xAF").has_value());          // overlong '/'
  EXPECT_FALSE(DecodeUtf8("\xED\xA0\x80").has_value());      // surrogate
  EXPECT_FALSE(DecodeUtf8("\xE2\x82").has_value());          // truncated
  EXPECT_FALSE(DecodeUtf8("\x80").has_value());              // stray byte
  EXPECT_FALSE(DecodeUtf8("\xF4\x90\x80\x80").has_value());  // > U+10FFFF
}

}  // namespace
}  // namespace carevoice::lang_test
