#include "client/ui/fonts.h"

#include <cmath>
#include <filesystem>

#include "absl/strings/str_cat.h"

namespace carevoice::client::ui {
namespace {

// Basic Latin, Latin-1, Latin Extended-A (ŵ ŷ ą ę ł ś ż ...), general
// punctuation (‘ ’ “ ” – … •), the euro sign and the warning sign ⚠ (the
// officer console marks overdue and urgent cases with it).
const ImWchar kGlyphRanges[] = {0x0020, 0x00FF, 0x0100, 0x017F,
                                0x2010, 0x2027, 0x20AC, 0x20AC, 0x26A0, 0x26A0, 0};
// The very large reference font draws only reference codes: digits, capital
// letters and the dash. At 2.4x the largest text, a full range would cost
// hundreds of megabytes of atlas.
const ImWchar kReferenceRanges[] = {0x002D, 0x002D, 0x0030, 0x0039, 0x0041, 0x005A, 0};

absl::StatusOr<ImFont*> Load(ImGuiIO& io, const std::string& path, float px,
                             const ImWchar* ranges) {
  if (!std::filesystem::exists(path)) {
    return absl::NotFoundError(absl::StrCat("font not found: ", path,
                                            " (install fonts-dejavu-core)"));
  }
  ImFontConfig config;
  // At 40 px and above, sub-pixel oversampling shows no difference but
  // multiplies the atlas.
  config.OversampleH = 1;
  config.OversampleV = 1;
  ImFont* font = io.Fonts->AddFontFromFileTTF(path.c_str(), px, &config, ranges);
  if (font == nullptr) return absl::InternalError(absl::StrCat("cannot load font ", path));
  return font;
}

}  // namespace

absl::StatusOr<Fonts> LoadFonts(ImGuiIO& io, float body_px, const std::string& font_dir) {
  io.Fonts->Clear();
  Fonts fonts;
  fonts.body_size = body_px;
  absl::StatusOr<ImFont*> body = Load(io, font_dir + "/DejaVuSans.ttf", body_px, kGlyphRanges);
  if (!body.ok()) return body.status();
  absl::StatusOr<ImFont*> heading =
      Load(io, font_dir + "/DejaVuSans-Bold.ttf", std::round(body_px * 1.2f), kGlyphRanges);
  if (!heading.ok()) return heading.status();
  absl::StatusOr<ImFont*> reference =
      Load(io, font_dir + "/DejaVuSansMono-Bold.ttf", std::round(body_px * 2.4f),
           kReferenceRanges);
  if (!reference.ok()) return reference.status();
  fonts.body = *body;
  fonts.heading = *heading;
  fonts.reference = *reference;
  io.FontDefault = fonts.body;
  if (!io.Fonts->Build()) return absl::InternalError("cannot build the font atlas");
  return fonts;
}

bool CanDraw(char32_t code_point) {
  for (const ImWchar* r = kGlyphRanges; r[0] != 0; r += 2) {
    if (code_point >= r[0] && code_point <= r[1]) return true;
  }
  return false;
}

}  // namespace carevoice::client::ui
