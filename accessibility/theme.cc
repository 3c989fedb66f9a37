#include "accessibility/theme.h"

#include <algorithm>
#include <cmath>

namespace carevoice::a11y {
namespace {

// sRGB channel to linear light, as WCAG 2.x defines it.
double Linear(float channel) {
  return channel <= 0.04045 ? channel / 12.92
                            : std::pow((channel + 0.055) / 1.055, 2.4);
}

}  // namespace

double RelativeLuminance(Rgb c) {
  return 0.2126 * Linear(c.r) + 0.7152 * Linear(c.g) + 0.0722 * Linear(c.b);
}

double ContrastRatio(Rgb a, Rgb b) {
  const double la = RelativeLuminance(a);
  const double lb = RelativeLuminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

Theme DefaultTheme() {
  Theme t;
  t.name = "default";
  t.background = Rgb::FromHex(0xFAFAF5);  // off-white: less glare than white
  t.text = Rgb::FromHex(0x1A1A1A);
  // Button faces darken as they are hovered and pressed, all light enough
  // for the same near-black text.
  t.button = Rgb::FromHex(0xE6EEF7);
  t.button_hovered = Rgb::FromHex(0xD2E0EF);
  t.button_active = Rgb::FromHex(0xBCD0E6);
  // A chosen item is a light amber face rather than a dark one, so that the
  // dark focus ring stays visible on it too (selection is also shown by a
  // tick and spoken, never by colour alone).
  t.button_selected = Rgb::FromHex(0xFFE08A);
  // Disabled controls are greyed but stay readable (our rule: >= 7:1).
  t.button_disabled = Rgb::FromHex(0xE4E4E4);
  t.button_text = Rgb::FromHex(0x1A1A1A);
  t.button_selected_text = Rgb::FromHex(0x1A1A1A);
  t.button_disabled_text = Rgb::FromHex(0x404040);
  t.border = Rgb::FromHex(0x595959);
  t.focus_ring = Rgb::FromHex(0x0B4F9C);
  t.field = Rgb::FromHex(0xFFFFFF);
  t.field_text = Rgb::FromHex(0x1A1A1A);
  t.caption = Rgb::FromHex(0x1A1A1A);
  t.caption_text = Rgb::FromHex(0xFFFFFF);
  t.error_text = Rgb::FromHex(0x9B0000);
  return t;
}

std::vector<ContrastPair> ContrastPairs(const Theme& t, double text_minimum) {
  constexpr double kNonText = 3.0;  // WCAG 1.4.11
  std::vector<ContrastPair> pairs = {
      {"text on background", t.text, t.background, text_minimum},
      {"button_text on button", t.button_text, t.button, text_minimum},
      {"button_text on button_hovered", t.button_text, t.button_hovered,
       text_minimum},
      {"button_text on button_active", t.button_text, t.button_active,
       text_minimum},
      {"button_selected_text on button_selected", t.button_selected_text,
       t.button_selected, text_minimum},
      {"button_disabled_text on button_disabled", t.button_disabled_text,
       t.button_disabled, text_minimum},
      {"field_text on field", t.field_text, t.field, text_minimum},
      {"caption_text on caption", t.caption_text, t.caption, text_minimum},
      {"error_text on background", t.error_text, t.background, text_minimum},
      {"border on background", t.border, t.background, kNonText},
  };
  // The focus ring is drawn round whatever has focus, so it must stand out
  // from the screen and from every face it can surround.
  const std::pair<const char*, Rgb> ring_surroundings[] = {
      {"background", t.background},
      {"button", t.button},
      {"button_hovered", t.button_hovered},
      {"button_active", t.button_active},
      {"button_selected", t.button_selected},
      {"button_disabled", t.button_disabled},
      {"field", t.field},
  };
  for (const auto& [name, colour] : ring_surroundings) {
    pairs.push_back(
        {std::string("focus_ring on ") + name, t.focus_ring, colour, kNonText});
  }
  return pairs;
}

}  // namespace carevoice::a11y
