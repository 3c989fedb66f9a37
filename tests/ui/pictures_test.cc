#include "client/ui/pictures.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "contract/pictures.h"
#include "imgui.h"

namespace carevoice::client::ui {
namespace {

constexpr ImU32 kInk = IM_COL32(0x1A, 0x1A, 0x1A, 255);
constexpr ImU32 kPaper = IM_COL32(0xFA, 0xFA, 0xF5, 255);

// A headless ImGui context with the default font atlas built (no window, no
// GL): enough to fill draw lists and inspect their vertices.
class PicturesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60.0f;
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    ImGui::NewFrame();
  }
  void TearDown() override {
    ImGui::Render();
    ImGui::DestroyContext();
  }

  struct Drawn {
    int vertices = 0;
    ImVec2 min{1e9f, 1e9f}, max{-1e9f, -1e9f};  // bounds of the vertices
    std::set<ImU32> colours;                     // opaque RGB of each vertex
  };
  // Draws `name` into a fresh background draw list and measures what it added.
  Drawn Draw(std::string_view name, ImVec2 min, ImVec2 max, bool* known) {
    ImDrawList* draw = ImGui::GetBackgroundDrawList();
    const int before = draw->VtxBuffer.Size;
    *known = DrawPicture(draw, name, min, max, kInk, kPaper);
    Drawn d;
    for (int i = before; i < draw->VtxBuffer.Size; ++i) {
      const ImDrawVert& v = draw->VtxBuffer[i];
      d.min = {std::min(d.min.x, v.pos.x), std::min(d.min.y, v.pos.y)};
      d.max = {std::max(d.max.x, v.pos.x), std::max(d.max.y, v.pos.y)};
      d.colours.insert(v.col | IM_COL32_A_MASK);  // anti-aliased edges fade out
      ++d.vertices;
    }
    return d;
  }
};

TEST_F(PicturesTest, TheFixedSetIsThere) {
  // The contract's list, which published consultations are checked against,
  // is exactly what a kiosk can draw.
  const std::vector<std::string> contract_names(std::begin(contract::kPictureNames),
                                                std::end(contract::kPictureNames));
  const std::vector<std::string> expected = {
      "speak", "home", "question", "list", "star", "pencil", "check", "send",
      "thanks", "help", "back", "restart", "settings", "warning", "people", "clock",
      "calendar", "phone", "lightbulb", "shield"};
  EXPECT_EQ(PictureNames(), expected);
  EXPECT_EQ(contract_names, expected);
  for (const std::string& name : expected) {
    EXPECT_TRUE(HasPicture(name)) << name;
    EXPECT_TRUE(contract::IsPictureName(name)) << name;
  }
  EXPECT_FALSE(HasPicture("Speak"));
  EXPECT_FALSE(HasPicture(""));
}

TEST_F(PicturesTest, StrokesAreBoldAndScaleWithTheBox) {
  EXPECT_GE(PictureStrokeWidth({0, 0}, {80, 80}), 3.0f);
  EXPECT_NEAR(PictureStrokeWidth({0, 0}, {160, 160}),
              2 * PictureStrokeWidth({0, 0}, {80, 80}), 1e-4);
  // The shorter side decides.
  EXPECT_EQ(PictureStrokeWidth({0, 0}, {300, 80}), PictureStrokeWidth({0, 0}, {80, 80}));
}

TEST_F(PicturesTest, EveryPictureDrawsInsideItsBoxAtEverySize) {
  for (float size : {64.0f, 120.0f, 160.0f}) {
    const ImVec2 min = {100, 50};
    const ImVec2 max = {min.x + size, min.y + size};
    const float slack = PictureStrokeWidth(min, max) / 2;
    for (const std::string& name : PictureNames()) {
      SCOPED_TRACE(name + " at " + std::to_string(int(size)) + " px");
      bool known = false;
      const Drawn d = Draw(name, min, max, &known);
      EXPECT_TRUE(known);
      EXPECT_GE(d.vertices, 30);
      EXPECT_LE(d.vertices, 6000);
      EXPECT_GE(d.min.x, min.x - slack);
      EXPECT_GE(d.min.y, min.y - slack);
      EXPECT_LE(d.max.x, max.x + slack);
      EXPECT_LE(d.max.y, max.y + slack);
      // Big enough to read: most of the box one way, well over half the
      // other (a tick is wide and low, a circular arrow a little narrow).
      const float w = d.max.x - d.min.x, h = d.max.y - d.min.y;
      EXPECT_GE(std::max(w, h), 0.75f * size);
      EXPECT_GE(std::min(w, h), 0.6f * size);
      // Only the theme's two colours, and always some ink.
      EXPECT_TRUE(d.colours.count(kInk));
      for (ImU32 c : d.colours) EXPECT_TRUE(c == kInk || c == kPaper) << std::hex << c;
    }
  }
}

TEST_F(PicturesTest, AWideBoxGetsASquarePictureInItsMiddle) {
  bool known = false;
  const Drawn d = Draw("home", {0, 0}, {400, 100}, &known);
  ASSERT_TRUE(known);
  EXPECT_GE(d.min.x, 150 - 4);
  EXPECT_LE(d.max.x, 250 + 4);
  EXPECT_NEAR((d.min.x + d.max.x) / 2, 200, 6);
}

TEST_F(PicturesTest, PicturesDifferFromEachOther) {
  std::set<int> counts;
  for (const std::string& name : PictureNames()) {
    bool known = false;
    counts.insert(Draw(name, {0, 0}, {120, 120}, &known).vertices);
  }
  // Not a proof of looks (see the picture sheet), but catches a copy-paste.
  EXPECT_GE(counts.size(), PictureNames().size() - 2);
}

TEST_F(PicturesTest, UnknownNamesDrawNothing) {
  for (const char* name : {"", "unknown", "house", "HOME", "home "}) {
    bool known = true;
    const Drawn d = Draw(name, {0, 0}, {120, 120}, &known);
    EXPECT_FALSE(known) << name;
    EXPECT_EQ(d.vertices, 0) << name;
  }
}

}  // namespace
}  // namespace carevoice::client::ui
