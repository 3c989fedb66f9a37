// Measures text contrast on real kiosk screenshots. For each NN-view.png the
// kiosk wrote with --screenshot-dir, reads NN-view.json (the registered
// items and their boxes) and, inside every visible box that carries text,
// finds the background (the commonest colour) and the text colour (the
// colour furthest from it in contrast, among colours covering enough
// pixels to be glyph cores rather than anti-aliasing). Fails when any box
// is below the minimum ratio.
//
// Each screenshot is held to its own theme's text minimum (10:1 for the
// high-contrast theme, 7:1 for the others), or MIN_RATIO if that is higher.
//
// Usage: screenshot_contrast DIR [MIN_RATIO]   (default 7.0)
#include <stb_image.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "accessibility/theme.h"
#include "nlohmann/json.hpp"

namespace {

using carevoice::a11y::ContrastRatio;
using carevoice::a11y::Rgb;

struct Measure {
  double ratio = 0;
  int pixels = 0;
  bool has_text = false;
};

Measure MeasureBox(const unsigned char* image, int width, int height, int x0, int y0,
                   int x1, int y1) {
  std::map<unsigned, int> counts;
  int total = 0;
  for (int y = std::max(0, y0); y < std::min(height, y1); ++y) {
    for (int x = std::max(0, x0); x < std::min(width, x1); ++x) {
      const unsigned char* p = image + (static_cast<size_t>(y) * width + x) * 3;
      ++counts[(unsigned(p[0]) << 16) | (unsigned(p[1]) << 8) | p[2]];
      ++total;
    }
  }
  Measure m;
  m.pixels = total;
  if (counts.empty()) return m;
  auto bg = std::max_element(counts.begin(), counts.end(),
                             [](auto& a, auto& b) { return a.second < b.second; });
  Rgb background = Rgb::FromHex(bg->first);
  int enough = std::max(6, total / 400);
  for (auto& [colour, n] : counts) {
    if (n < enough || colour == bg->first) continue;
    double r = ContrastRatio(Rgb::FromHex(colour), background);
    if (r > m.ratio) m.ratio = r;
    m.has_text = true;
  }
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DIR [MIN_RATIO]\n", argv[0]);
    return 2;
  }
  double minimum = argc > 2 ? std::atof(argv[2]) : 7.0;
  int screens = 0, boxes = 0, failures = 0;
  for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
    if (entry.path().extension() != ".png") continue;
    std::filesystem::path json_path = entry.path();
    json_path.replace_extension(".json");
    std::ifstream in(json_path);
    if (!in) continue;
    nlohmann::json doc = nlohmann::json::parse(in);
    int w = 0, h = 0, channels = 0;
    unsigned char* image = stbi_load(entry.path().c_str(), &w, &h, &channels, 3);
    if (image == nullptr) {
      std::fprintf(stderr, "cannot read %s\n", entry.path().c_str());
      return 1;
    }
    ++screens;
    double screen_minimum = minimum;
    if (auto theme = carevoice::a11y::ThemeFromKey(doc.value("theme", ""))) {
      screen_minimum = std::max(minimum, carevoice::a11y::TextMinimum(*theme));
    }
    for (const auto& item : doc["items"]) {
      std::string role = item["role"];
      if (role == "image" || item["label"].get<std::string>().empty()) continue;
      auto box = item["box"];
      float bx = box[0], by = box[1], bw = box[2], bh = box[3];
      if (bw < 24 || bh < 24) continue;  // scrolled out of view
      // Partly scrolled out: what shows may be only its frame (a keyboard
      // row's keys cut at the edge). It is judged where it is whole, as it
      // is when focus scrolls it into view.
      if (item.value("clipped", false)) continue;
      // Inset past borders and rounded corners: only the face and its text.
      int inset = 8;
      Measure m = MeasureBox(image, w, h, int(bx) + inset, int(by) + inset,
                             int(bx + bw) - inset, int(by + bh) - inset);
      if (!m.has_text) continue;
      ++boxes;
      bool ok = m.ratio >= screen_minimum;
      if (!ok) ++failures;
      std::printf("%s %-28s %-10s %6.2f:1 %s\n", entry.path().filename().c_str(),
                  item["id"].get<std::string>().c_str(), role.c_str(), m.ratio,
                  ok ? "ok" : "TOO LOW");
    }
    stbi_image_free(image);
  }
  std::printf("contrast: %d screens, %d text boxes, %d below their theme's minimum\n",
              screens, boxes, failures);
  return (screens > 0 && boxes > 0 && failures == 0) ? 0 : 1;
}
