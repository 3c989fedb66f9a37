// Every character of a language the screen draws (its "_meta.screen" is its
// own tag) is in the kiosk's font atlas, so nothing shows as a box.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>

#include "tests/lang/lang_util.h"

namespace carevoice::lang_test {
namespace {

// A copy of kGlyphRanges in client/ui/fonts.cc (inclusive pairs), which
// fonts.h does not expose; GlyphRangesMatchFontsCc keeps the two in step.
constexpr char32_t kGlyphRanges[][2] = {
    {0x0020, 0x00FF},  // Basic Latin and Latin-1
    {0x0100, 0x017F},  // Latin Extended-A (ŵ ŷ ą ę ł ś ż ...)
    {0x2010, 0x2027},  // general punctuation (‘ ’ “ ” – …)
    {0x20AC, 0x20AC},  // euro sign
};

bool InAtlas(char32_t cp) {
  for (const auto& range : kGlyphRanges) {
    if (cp >= range[0] && cp <= range[1]) return true;
  }
  return false;
}

std::string Hex(char32_t cp) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(cp));
  return buffer;
}

TEST(GlyphCoverageTest, GlyphRangesMatchFontsCc) {
  const std::string path = std::string(CAREVOICE_SOURCE_DIR) + "/client/ui/fonts.cc";
  std::ifstream in(path);
  ASSERT_TRUE(in) << "cannot read " << path;
  std::stringstream source;
  source << in.rdbuf();
  const std::string text = source.str();
  std::smatch match;
  ASSERT_TRUE(std::regex_search(text, match,
                                std::regex(R"(kGlyphRanges\[\]\s*=\s*\{([^}]*)\})")))
      << "kGlyphRanges not found in " << path << "; update this test";
  std::vector<char32_t> values;
  const std::string list = match[1];
  const std::regex number(R"(0x[0-9A-Fa-f]+|\b0\b)");
  for (auto it = std::sregex_iterator(list.begin(), list.end(), number);
       it != std::sregex_iterator(); ++it) {
    values.push_back(static_cast<char32_t>(std::stoul(it->str(), nullptr, 0)));
  }
  ASSERT_FALSE(values.empty());
  ASSERT_EQ(values.back(), 0u) << "ImGui glyph ranges end with 0";
  values.pop_back();
  std::vector<char32_t> ours;
  for (const auto& range : kGlyphRanges) ours.insert(ours.end(), {range[0], range[1]});
  EXPECT_EQ(values, ours) << "kGlyphRanges changed in " << path
                          << "; copy it into this test";
}

TEST(GlyphCoverageTest, EveryDrawnLanguageFitsTheFontAtlas) {
  std::vector<std::string> tags = {kMaster};
  tags.insert(tags.end(), Translations().begin(), Translations().end());
  int drawn = 0;
  for (const std::string& tag : tags) {
    auto lang = Load(tag);
    ASSERT_TRUE(lang.has_value());
    const std::string screen = lang->Has("_meta.screen") ? lang->Get("_meta.screen") : tag;
    if (screen != tag) continue;  // speech only; the screen shows `screen`
    ++drawn;
    std::vector<std::string> missing;
    for (const std::string& key : lang->Keys()) {
      const std::optional<std::u32string> cps = DecodeUtf8(lang->Get(key));
      ASSERT_TRUE(cps.has_value()) << tag << " " << key;
      for (char32_t cp : *cps) {
        if (!InAtlas(cp)) missing.push_back(key + ": " + Hex(cp));
      }
    }
    std::ostringstream list;
    for (const std::string& m : missing) list << "\n  " << m;
    EXPECT_TRUE(missing.empty()) << tag << " has characters the font atlas lacks:"
                                 << list.str();
  }
  EXPECT_GE(drawn, 3) << "en-GB, cy and pl are drawn on screen";
}

TEST(GlyphCoverageTest, SpeechOnlyLanguagesNameADrawnScreenLanguage) {
  for (const std::string& tag : Translations()) {
    auto lang = Load(tag);
    ASSERT_TRUE(lang.has_value());
    const std::string screen = lang->Get("_meta.screen");
    if (screen == tag) continue;
    auto shown = Load(screen);
    ASSERT_TRUE(shown.has_value()) << tag << " shows " << screen;
    if (shown->Has("_meta.screen")) {
      EXPECT_EQ(shown->Get("_meta.screen"), screen);
    }
  }
}

// The common Welsh and Polish letters. (The rare Welsh ẁ ẃ ỳ are in Latin
// Extended Additional, U+1E80.., which the atlas lacks: the files must not
// use them until fonts.cc adds that range.)
TEST(GlyphCoverageTest, WelshAndPolishLettersAreInTheAtlas) {
  const std::u32string_view letters =
      U"âêîôûŵŷäëïöüÿáéíóúýàèìòùąćęłńóśźżĄĆĘŁŃÓŚŹŻŴŶ’–…";
  for (char32_t cp : letters) EXPECT_TRUE(InAtlas(cp)) << Hex(cp);
}

}  // namespace
}  // namespace carevoice::lang_test
