#include "client/ui/fonts.h"

#include <cmath>
#include <filesystem>

#include "absl/strings/str_cat.h"

namespace carevoice::client::ui {
namespace {

// Basic Latin, Latin-1, Latin Extended-A (ŵ ŷ ą ę ł ś ż ...), general
// punctuation (‘ ’ “ ” – …) and the euro sign.
const ImWchar kGlyphRanges[] = {0x0020, 0x00FF, 0x0100, 0x017F,
                                0x2010, 0x2027, 0x20AC, 0x20AC, 0};

absl::StatusOr<ImFont*> Load(ImGuiIO& io, const std::string& path, float px) {
  if (!std::filesystem::exists(path)) {
    return absl::NotFoundError(absl::StrCat("font not found: ", path,
                                            " (install fonts-dejavu-core)"));
  }
  ImFontConfig config;
  config.OversampleH = 2;
  config.OversampleV = 2;
  ImFont* font = io.Fonts->AddFontFromFileTTF(path.c_str(), px, &config, kGlyphRanges);
  if (font == nullptr) return absl::InternalError(absl::StrCat("cannot load font ", path));
  return font;
}

}  // namespace

absl::StatusOr<Fonts> LoadFonts(ImGuiIO& io, float body_px, const std::string& font_dir) {
  io.Fonts->Clear();
  Fonts fonts;
  fonts.body_size = body_px;
  absl::StatusOr<ImFont*> body = Load(io, font_dir + "/DejaVuSans.ttf", body_px);
  if (!body.ok()) return body.status();
  absl::StatusOr<ImFont*> heading =
      Load(io, font_dir + "/DejaVuSans-Bold.ttf", std::round(body_px * 1.2f));
  if (!heading.ok()) return heading.status();
  absl::StatusOr<ImFont*> reference =
      Load(io, font_dir + "/DejaVuSansMono-Bold.ttf", std::round(body_px * 2.4f));
  if (!reference.ok()) return reference.status();
  fonts.body = *body;
  fonts.heading = *heading;
  fonts.reference = *reference;
  io.FontDefault = fonts.body;
  if (!io.Fonts->Build()) return absl::InternalError("cannot build the font atlas");
  return fonts;
}

}  // namespace carevoice::client::ui
