// Every character of a language the screen draws (its "_meta.screen" is its
// own tag) is in the kiosk's font atlas, so nothing shows as a box.
#include <gtest/gtest.h>

#include <cstdio>

#include "client/ui/fonts.h"
#include "tests/lang/lang_util.h"

namespace carevoice::lang_test {
namespace {

bool InAtlas(char32_t cp) { return client::ui::CanDraw(cp); }

std::string Hex(char32_t cp) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(cp));
  return buffer;
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
