// The supported-language list: the default first, and a language file in
// assets/lang for every tag (the kiosk and the tests build on both).
#include "base/languages.h"

#include <filesystem>
#include <string>

#include "gtest/gtest.h"

namespace carevoice::base {
namespace {

TEST(LanguagesTest, DefaultComesFirstAndIsSupported) {
  EXPECT_EQ(kSupportedLanguages.front(), kDefaultLanguage);
  EXPECT_TRUE(IsSupportedLanguage("en-GB"));
  EXPECT_TRUE(IsSupportedLanguage("cy"));
  EXPECT_FALSE(IsSupportedLanguage("en"));
  EXPECT_FALSE(IsSupportedLanguage(""));
}

TEST(LanguagesTest, EverySupportedLanguageHasALanguageFile) {
  for (std::string_view tag : kSupportedLanguages) {
    const std::filesystem::path file = std::filesystem::path(
        CAREVOICE_ASSETS_DIR) / "lang" / (std::string(tag) + ".json");
    EXPECT_TRUE(std::filesystem::exists(file)) << file;
  }
}

TEST(LanguagesTest, EveryLanguageFileIsSupported) {
  for (const auto& entry : std::filesystem::directory_iterator(
           std::filesystem::path(CAREVOICE_ASSETS_DIR) / "lang")) {
    if (entry.path().extension() != ".json") continue;
    EXPECT_TRUE(IsSupportedLanguage(entry.path().stem().string()))
        << entry.path();
  }
}

}  // namespace
}  // namespace carevoice::base
