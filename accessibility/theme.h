// Colours and contrast maths (WCAG 2.x relative luminance). A Theme names
// every colour the kiosk draws with, so contrast can be tested pair by
// pair in every widget state. Pure values: any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace carevoice::a11y {

struct Rgb {
  float r = 0, g = 0, b = 0;  // sRGB, 0..1
  static Rgb FromHex(unsigned hex) {
    return {((hex >> 16) & 0xff) / 255.0f, ((hex >> 8) & 0xff) / 255.0f,
            (hex & 0xff) / 255.0f};
  }
  bool operator==(const Rgb&) const = default;
};

// WCAG relative luminance, 0 (black) .. 1 (white).
double RelativeLuminance(Rgb c);
// WCAG contrast ratio, 1 .. 21, symmetric.
double ContrastRatio(Rgb a, Rgb b);

struct Theme {
  std::string name;
  Rgb background;          // screen
  Rgb text;                // body text and titles on background
  Rgb button;              // button face, normal
  Rgb button_hovered;
  Rgb button_active;       // pressed
  Rgb button_selected;     // a chosen radio (rating face, service)
  Rgb button_disabled;
  Rgb button_text;         // on button, hovered and active faces
  Rgb button_selected_text;
  Rgb button_disabled_text;
  Rgb border;              // control borders, against background
  Rgb focus_ring;          // against background and against button faces
  Rgb field;               // text field background
  Rgb field_text;
  Rgb caption;             // caption bar background
  Rgb caption_text;
  Rgb error_text;          // error messages, on background
  bool operator==(const Theme&) const = default;
};

// Dark text on a light background; every text pair >= 7:1. The same
// colours as ThemeFor(ThemeId::kDarkOnLight), under the name "default".
Theme DefaultTheme();

// The four themes a person can choose (F9, "how would you like to use
// this?"). Each one meets ContrastPairs(theme, TextMinimum(id)).
enum class ThemeId { kDarkOnLight, kLightOnDark, kYellowOnBlack, kWhiteOnBlue };

// Every theme, in the order the kiosk offers them (the default first).
std::vector<ThemeId> AllThemes();
// The theme's colours; its `name` is ThemeKey(id).
Theme ThemeFor(ThemeId id);
// A stable key, e.g. "yellow_on_black": language files name the theme as
// "theme.<key>", so keys never change once shipped.
const char* ThemeKey(ThemeId id);
// The theme with that key, or nullopt for an unknown key.
std::optional<ThemeId> ThemeFromKey(std::string_view key);
// The minimum text contrast for the theme: 10:1 for the high-contrast
// yellow on black, 7:1 for the others (ACCESSIBILITY.md item 13).
double TextMinimum(ThemeId id);

// Whether two colours can be told apart at a glance: a contrast of at least
// 1.5:1, or clearly different hues (one saturated and the other grey, or both
// saturated and at least 60 degrees apart). Used for the focus ring against
// control borders: the ring is 6 px and drawn outside the 3 px border, so it
// need not out-contrast the border, only never be mistaken for it.
bool VisiblyDistinct(Rgb a, Rgb b);

// One named pair of colours with the minimum ratio it must reach.
struct ContrastPair {
  std::string what;  // e.g. "button_text on button_hovered"
  Rgb foreground;
  Rgb background;
  double minimum;    // the text minimum for text, 3.0 for borders/focus
};
// Every pair of `theme` that is drawn together, with its minimum ratio
// (`text_minimum` for text pairs, 3.0 for non-text).
std::vector<ContrastPair> ContrastPairs(const Theme& theme,
                                        double text_minimum = 7.0);

}  // namespace carevoice::a11y
