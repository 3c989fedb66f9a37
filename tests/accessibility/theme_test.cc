#include "accessibility/theme.h"

#include <gtest/gtest.h>

#include <algorithm>

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

}  // namespace
}  // namespace carevoice::a11y
