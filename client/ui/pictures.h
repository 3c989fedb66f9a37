// Easy Read pictures (ACCESSIBILITY.md item 24): simple bold drawings put
// beside each idea, made from Dear ImGui draw-list shapes so they scale with
// the text and follow the theme (ink = the theme's text colour, paper = the
// colour under the picture). No image files. UI thread only (they write to
// an ImGui draw list).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "imgui.h"

namespace carevoice::client::ui {

// Names of every picture the kiosk can draw (language files name them in
// "picture.<key>"), in a fixed order.
const std::vector<std::string>& PictureNames();
bool HasPicture(std::string_view name);

// The stroke width used for a picture filling `min`..`max`: proportional to
// the box (about 1/15 of its shorter side, so 5 px at 80 px).
float PictureStrokeWidth(ImVec2 min, ImVec2 max);

// Draws picture `name` filling the square centred in `min`..`max` with ink
// colour `ink` and fill colour `paper` on `draw`. Everything drawn stays
// inside the box (give or take anti-aliasing). Returns false for an unknown
// name, and draws nothing.
bool DrawPicture(ImDrawList* draw, std::string_view name, ImVec2 min, ImVec2 max,
                 ImU32 ink, ImU32 paper);

}  // namespace carevoice::client::ui
