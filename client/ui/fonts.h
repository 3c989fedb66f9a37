// Loads the kiosk's fonts (DejaVu, from Debian's fonts-dejavu-core) into
// ImGui's atlas. Never ImGui's built-in bitmap font scaled up. Call on the
// UI thread before the first frame.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "client/ui/ui.h"
#include "imgui.h"

namespace carevoice::client::ui {

inline constexpr char kDefaultFontDir[] = "/usr/share/fonts/truetype/dejavu";

// Body text at `body_px` (>= 40 px for 4.8 mm capitals on the reference
// screen), headings in bold, references in a large monospaced bold. Covers
// Latin-1 and Latin Extended-A, so Welsh and Polish draw too.
absl::StatusOr<Fonts> LoadFonts(ImGuiIO& io, float body_px,
                                const std::string& font_dir = kDefaultFontDir);

// True when the body and heading fonts have a glyph for `code_point`.
bool CanDraw(char32_t code_point);

}  // namespace carevoice::client::ui
