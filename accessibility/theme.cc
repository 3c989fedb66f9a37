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

namespace {

// Light text on near-black, for people dazzled by a bright screen. Faces
// are dark greys; a chosen item is a dark blue face (and a thicker border),
// so the amber focus ring stands out on every face.
Theme LightOnDark() {
  Theme t;
  t.background = Rgb::FromHex(0x121212);
  t.text = Rgb::FromHex(0xF2F2F2);
  // Hovering lightens the face; pressing darkens it below normal.
  t.button = Rgb::FromHex(0x2B2B2B);
  t.button_hovered = Rgb::FromHex(0x3A3A3A);
  t.button_active = Rgb::FromHex(0x1C1C1C);
  t.button_selected = Rgb::FromHex(0x1F3A68);
  t.button_disabled = Rgb::FromHex(0x1E1E1E);
  t.button_text = Rgb::FromHex(0xF2F2F2);
  t.button_selected_text = Rgb::FromHex(0xFFFFFF);
  t.button_disabled_text = Rgb::FromHex(0xBDBDBD);
  // Mid grey: >= 3:1 on the lightest face, yet 1.6:1 below the ring.
  t.border = Rgb::FromHex(0x9E9E9E);
  t.focus_ring = Rgb::FromHex(0xFFC107);
  t.field = Rgb::FromHex(0x000000);
  t.field_text = Rgb::FromHex(0xF2F2F2);
  // The caption strip is inverted so it reads as apart from the screen.
  t.caption = Rgb::FromHex(0xE8E8E8);
  t.caption_text = Rgb::FromHex(0x121212);
  t.error_text = Rgb::FromHex(0xFF9E9E);
  return t;
}

// High contrast: yellow on black, every text pair >= 10:1. Faces stay dark
// so that the bright yellow borders and the cyan ring show on all of them;
// a chosen item is a dark blue face with a thicker border, not an inverted
// yellow one (a yellow face would swallow its own border).
Theme YellowOnBlack() {
  Theme t;
  t.background = Rgb::FromHex(0x000000);
  t.text = Rgb::FromHex(0xFFFF00);
  t.button = Rgb::FromHex(0x000000);
  t.button_hovered = Rgb::FromHex(0x1F1F1F);
  t.button_active = Rgb::FromHex(0x333333);
  t.button_selected = Rgb::FromHex(0x002A80);
  t.button_disabled = Rgb::FromHex(0x141414);
  t.button_text = Rgb::FromHex(0xFFFF00);
  t.button_selected_text = Rgb::FromHex(0xFFFF00);
  t.button_disabled_text = Rgb::FromHex(0xD4D400);
  t.border = Rgb::FromHex(0xFFFF00);
  // As bright as the border, so told apart by hue (cyan against yellow) and
  // by its double width.
  t.focus_ring = Rgb::FromHex(0x00FFFF);
  t.field = Rgb::FromHex(0x000000);
  // What the person typed is white, apart from the yellow prompts.
  t.field_text = Rgb::FromHex(0xFFFFFF);
  t.caption = Rgb::FromHex(0xFFFF00);
  t.caption_text = Rgb::FromHex(0x000000);
  t.error_text = Rgb::FromHex(0xFFB0B0);
  return t;
}

// White on dark navy. Faces are lighter blues (pressed: darker); a chosen
// item is dark green, a hue well away from the blue faces.
Theme WhiteOnBlue() {
  Theme t;
  t.background = Rgb::FromHex(0x0B1F4B);
  t.text = Rgb::FromHex(0xFFFFFF);
  t.button = Rgb::FromHex(0x1A3F80);
  t.button_hovered = Rgb::FromHex(0x24519E);
  t.button_active = Rgb::FromHex(0x05112E);
  t.button_selected = Rgb::FromHex(0x1B5E20);
  t.button_disabled = Rgb::FromHex(0x142B5A);
  t.button_text = Rgb::FromHex(0xFFFFFF);
  t.button_selected_text = Rgb::FromHex(0xFFFFFF);
  t.button_disabled_text = Rgb::FromHex(0xD0D8E8);
  // Pale blue: >= 3:1 on the hovered face, and 1.6:1 below the yellow ring.
  t.border = Rgb::FromHex(0x93AEDB);
  t.focus_ring = Rgb::FromHex(0xFFD54F);
  t.field = Rgb::FromHex(0x000B26);
  t.field_text = Rgb::FromHex(0xFFFFFF);
  t.caption = Rgb::FromHex(0xFFFFFF);
  t.caption_text = Rgb::FromHex(0x0B1F4B);
  t.error_text = Rgb::FromHex(0xFFB3B3);
  return t;
}

// HSV of an sRGB colour: saturation and value 0..1, hue in degrees.
struct Hsv {
  double saturation = 0;
  double value = 0;
  double degrees = 0;
};

Hsv HsvOf(Rgb c) {
  const double max = std::max({c.r, c.g, c.b});
  const double min = std::min({c.r, c.g, c.b});
  Hsv h;
  h.value = max;
  if (max <= 0 || max == min) return h;
  const double span = max - min;
  h.saturation = span / max;
  if (max == c.r) {
    h.degrees = 60 * std::fmod((c.g - c.b) / span + 6, 6.0);
  } else if (max == c.g) {
    h.degrees = 60 * ((c.b - c.r) / span + 2);
  } else {
    h.degrees = 60 * ((c.r - c.g) / span + 4);
  }
  return h;
}

// Hue only reads when a colour is both saturated and not too dark.
bool Chromatic(const Hsv& h) { return h.saturation >= 0.4 && h.value >= 0.3; }
bool Grey(const Hsv& h) { return h.saturation <= 0.2 || h.value < 0.15; }

}  // namespace

std::vector<ThemeId> AllThemes() {
  return {ThemeId::kDarkOnLight, ThemeId::kLightOnDark, ThemeId::kYellowOnBlack,
          ThemeId::kWhiteOnBlue};
}

Theme ThemeFor(ThemeId id) {
  Theme t;
  switch (id) {
    case ThemeId::kDarkOnLight: t = DefaultTheme(); break;
    case ThemeId::kLightOnDark: t = LightOnDark(); break;
    case ThemeId::kYellowOnBlack: t = YellowOnBlack(); break;
    case ThemeId::kWhiteOnBlue: t = WhiteOnBlue(); break;
  }
  t.name = ThemeKey(id);
  return t;
}

const char* ThemeKey(ThemeId id) {
  switch (id) {
    case ThemeId::kDarkOnLight: return "dark_on_light";
    case ThemeId::kLightOnDark: return "light_on_dark";
    case ThemeId::kYellowOnBlack: return "yellow_on_black";
    case ThemeId::kWhiteOnBlue: return "white_on_blue";
  }
  return "dark_on_light";
}

std::optional<ThemeId> ThemeFromKey(std::string_view key) {
  for (ThemeId id : AllThemes()) {
    if (key == ThemeKey(id)) return id;
  }
  return std::nullopt;
}

double TextMinimum(ThemeId id) {
  return id == ThemeId::kYellowOnBlack ? 10.0 : 7.0;
}

bool VisiblyDistinct(Rgb a, Rgb b) {
  if (ContrastRatio(a, b) >= 1.5) return true;
  const Hsv ha = HsvOf(a);
  const Hsv hb = HsvOf(b);
  if ((Chromatic(ha) && Grey(hb)) || (Grey(ha) && Chromatic(hb))) return true;
  if (!Chromatic(ha) || !Chromatic(hb)) return false;
  const double apart = std::fabs(ha.degrees - hb.degrees);
  return std::min(apart, 360 - apart) >= 60;
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
  };
  // A border is drawn on the screen and round every face (inside its edge),
  // and the focus ring round whatever has focus; both must stand out from
  // the screen and from every face they can touch.
  const std::pair<const char*, Rgb> surroundings[] = {
      {"background", t.background},
      {"button", t.button},
      {"button_hovered", t.button_hovered},
      {"button_active", t.button_active},
      {"button_selected", t.button_selected},
      {"button_disabled", t.button_disabled},
      {"field", t.field},
  };
  const std::pair<const char*, Rgb> outlines[] = {{"border", t.border},
                                                  {"focus_ring", t.focus_ring}};
  for (const auto& [outline, outline_colour] : outlines) {
    for (const auto& [name, colour] : surroundings) {
      pairs.push_back({std::string(outline) + " on " + name, outline_colour,
                       colour, kNonText});
    }
  }
  return pairs;
}

}  // namespace carevoice::a11y
