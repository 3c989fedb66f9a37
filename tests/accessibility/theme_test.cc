#include "accessibility/theme.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <string>

namespace carevoice::a11y {
namespace {

const Rgb kBlack = Rgb::FromHex(0x000000);
const Rgb kWhite = Rgb::FromHex(0xFFFFFF);

TEST(ThemeTest, KnownContrastRatios) {
  EXPECT_NEAR(ContrastRatio(kBlack, kWhite), 21.0, 1e-6);
  EXPECT_NEAR(ContrastRatio(kWhite, kBlack), 21.0, 1e-6);  // symmetric
  EXPECT_NEAR(ContrastRatio(Rgb::FromHex(0x3377AA), Rgb::FromHex(0x3377AA)),
              1.0, 1e-9);
  EXPECT_NEAR(ContrastRatio(Rgb::FromHex(0x777777), kWhite), 4.48, 0.01);
}

TEST(ThemeTest, RelativeLuminanceEnds) {
  EXPECT_NEAR(RelativeLuminance(kBlack), 0.0, 1e-9);
  EXPECT_NEAR(RelativeLuminance(kWhite), 1.0, 1e-6);
  // Below the 0.04045 threshold the curve is linear: 10/255 / 12.92.
  EXPECT_NEAR(RelativeLuminance(Rgb::FromHex(0x0A0A0A)), 10.0 / 255 / 12.92,
              1e-6);
}

TEST(ThemeTest, DefaultThemeMeetsEveryMinimum) {
  const Theme theme = DefaultTheme();
  const auto pairs = ContrastPairs(theme);
  EXPECT_GE(pairs.size(), 17u);
  for (const ContrastPair& pair : pairs) {
    const double ratio = ContrastRatio(pair.foreground, pair.background);
    EXPECT_GE(ratio, pair.minimum) << pair.what << ": " << ratio;
  }
}

TEST(ThemeTest, DefaultThemeIsDarkOnLight) {
  const Theme theme = DefaultTheme();
  EXPECT_GT(RelativeLuminance(theme.background), 0.9);
  EXPECT_LT(RelativeLuminance(theme.text),
            RelativeLuminance(Rgb::FromHex(0x1A1A1A)) + 1e-9);
}

TEST(ThemeTest, PairsUseTextMinimumForTextAndThreeForTheRest) {
  for (const ContrastPair& pair : ContrastPairs(DefaultTheme(), 10.0)) {
    const bool non_text = pair.what.rfind("border", 0) == 0 ||
                          pair.what.rfind("focus_ring", 0) == 0;
    EXPECT_EQ(pair.minimum, non_text ? 3.0 : 10.0) << pair.what;
  }
}

TEST(ThemeTest, PairsCoverEveryButtonStateAndTheFocusRingOnEachFace) {
  std::vector<std::string> names;
  for (const ContrastPair& pair : ContrastPairs(DefaultTheme())) {
    names.push_back(pair.what);
  }
  for (const char* expected :
       {"button_text on button", "button_text on button_hovered",
        "button_text on button_active",
        "button_selected_text on button_selected",
        "button_disabled_text on button_disabled", "focus_ring on background",
        "focus_ring on button_selected", "focus_ring on button_disabled",
        "focus_ring on field", "border on background"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end())
        << expected;
  }
}

TEST(ThemeTest, EveryThemeMeetsEveryMinimumInEveryState) {
  for (ThemeId id : AllThemes()) {
    const Theme theme = ThemeFor(id);
    const auto pairs = ContrastPairs(theme, TextMinimum(id));
    // 9 text pairs, border and focus ring on the screen and six faces.
    EXPECT_EQ(pairs.size(), 23u) << ThemeKey(id);
    const ContrastPair* worst = nullptr;
    double worst_margin = 0;
    for (const ContrastPair& pair : pairs) {
      const double ratio = ContrastRatio(pair.foreground, pair.background);
      EXPECT_GE(ratio, pair.minimum)
          << ThemeKey(id) << ": " << pair.what << " is " << ratio << ":1";
      if (worst == nullptr || ratio / pair.minimum < worst_margin) {
        worst = &pair;
        worst_margin = ratio / pair.minimum;
      }
    }
    ASSERT_NE(worst, nullptr);
    std::printf("%-16s worst: %s %.2f:1 (minimum %.1f)\n", ThemeKey(id),
                worst->what.c_str(),
                ContrastRatio(worst->foreground, worst->background),
                worst->minimum);
  }
}

TEST(ThemeTest, FocusRingAndSelectedFaceStandApart) {
  for (ThemeId id : AllThemes()) {
    const Theme theme = ThemeFor(id);
    EXPECT_TRUE(VisiblyDistinct(theme.focus_ring, theme.border)) << ThemeKey(id);
    // Also shown by a thicker border and spoken; colour is never alone.
    EXPECT_TRUE(VisiblyDistinct(theme.button_selected, theme.button))
        << ThemeKey(id);
  }
}

TEST(ThemeTest, VisiblyDistinctByContrastOrHue) {
  EXPECT_TRUE(VisiblyDistinct(kBlack, kWhite));
  // Equally bright, different hues: yellow and cyan.
  EXPECT_TRUE(VisiblyDistinct(Rgb::FromHex(0xFFFF00), Rgb::FromHex(0x00FFFF)));
  // A saturated blue beside a grey of nearly the same luminance (1.15:1).
  EXPECT_TRUE(VisiblyDistinct(Rgb::FromHex(0x0B4F9C), Rgb::FromHex(0x595959)));
  EXPECT_FALSE(VisiblyDistinct(Rgb::FromHex(0x595959), Rgb::FromHex(0x606060)));
  // Two blues 20 degrees apart at similar luminance.
  EXPECT_FALSE(VisiblyDistinct(Rgb::FromHex(0x1A3F80), Rgb::FromHex(0x1A5080)));
}

TEST(ThemeTest, KnownThemeRatios) {
  EXPECT_NEAR(ContrastRatio(Rgb::FromHex(0xFFFF00), kBlack), 19.56, 0.01);
  EXPECT_NEAR(ContrastRatio(Rgb::FromHex(0xF2F2F2), Rgb::FromHex(0x121212)),
              16.73, 0.01);
  EXPECT_NEAR(ContrastRatio(kWhite, Rgb::FromHex(0x0B1F4B)), 16.01, 0.01);
  const Theme yellow = ThemeFor(ThemeId::kYellowOnBlack);
  EXPECT_NEAR(ContrastRatio(yellow.text, yellow.background), 19.56, 0.01);
}

TEST(ThemeTest, ThemeKeysAreUniqueAndStable) {
  std::set<std::string> keys;
  for (ThemeId id : AllThemes()) {
    keys.insert(ThemeKey(id));
    EXPECT_EQ(ThemeFor(id).name, ThemeKey(id));
  }
  EXPECT_EQ(keys.size(), AllThemes().size());
  // Language files name themes by these keys: changing one breaks them.
  EXPECT_STREQ(ThemeKey(ThemeId::kDarkOnLight), "dark_on_light");
  EXPECT_STREQ(ThemeKey(ThemeId::kLightOnDark), "light_on_dark");
  EXPECT_STREQ(ThemeKey(ThemeId::kYellowOnBlack), "yellow_on_black");
  EXPECT_STREQ(ThemeKey(ThemeId::kWhiteOnBlue), "white_on_blue");
  EXPECT_EQ(AllThemes().front(), ThemeId::kDarkOnLight);
}

TEST(ThemeTest, TextMinimumIsTenOnlyForHighContrast) {
  EXPECT_EQ(TextMinimum(ThemeId::kYellowOnBlack), 10.0);
  EXPECT_EQ(TextMinimum(ThemeId::kDarkOnLight), 7.0);
  EXPECT_EQ(TextMinimum(ThemeId::kLightOnDark), 7.0);
  EXPECT_EQ(TextMinimum(ThemeId::kWhiteOnBlue), 7.0);
}

TEST(ThemeTest, DarkOnLightIsTheDefaultTheme) {
  Theme dark_on_light = ThemeFor(ThemeId::kDarkOnLight);
  Theme default_theme = DefaultTheme();
  EXPECT_EQ(dark_on_light.name, "dark_on_light");
  dark_on_light.name = default_theme.name;  // only the name differs
  EXPECT_TRUE(dark_on_light == default_theme);
}

TEST(ThemeTest, DarkThemesAreDark) {
  for (ThemeId id : {ThemeId::kLightOnDark, ThemeId::kYellowOnBlack,
                     ThemeId::kWhiteOnBlue}) {
    const Theme theme = ThemeFor(id);
    EXPECT_LT(RelativeLuminance(theme.background), 0.02) << ThemeKey(id);
    EXPECT_GT(RelativeLuminance(theme.text), 0.85) << ThemeKey(id);
  }
}

}  // namespace
}  // namespace carevoice::a11y
