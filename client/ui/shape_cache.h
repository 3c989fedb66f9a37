// Rounded, anti-aliased boxes drawn from remembered geometry.
//
// ImGui tessellates a rounded rectangle's corners and anti-aliased fringe
// anew on every call, and the kiosk draws some fifty framed keys and
// buttons on every frame. Their shapes repeat (every key of a row has the
// same size), and the geometry of a box does not depend on where it is:
// ShapeCache tessellates each (size, rounding, colour) once and afterwards
// copies its vertices, moved into place, into the draw list.
//
// One ShapeCache per ImGui context; not thread-safe. Clear() when the font
// atlas changes (the vertices carry its white-pixel texture coordinate).
#pragma once

#include <cstdint>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "imgui.h"

namespace carevoice::client::ui {

class ShapeCache {
 public:
  // As draw->AddRectFilled(min, max, colour, rounding).
  void FillRounded(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 colour,
                   float rounding);
  void Clear() { shapes_.clear(); }
  std::size_t size() const { return shapes_.size(); }

 private:
  struct Shape {
    std::vector<ImDrawVert> vertices;  // positions relative to the box's min
    std::vector<ImDrawIdx> indices;    // relative to the first vertex
  };
  // Size and rounding in 1/64 px, the colour, the draw flags and the
  // white pixel's texture coordinate: all that changes the geometry.
  using Key = std::tuple<std::int32_t, std::int32_t, std::int32_t, ImU32, int,
                         float, float>;
  struct KeyHash {
    std::size_t operator()(const Key& k) const;
  };
  static constexpr std::size_t kMaxShapes = 512;  // a bound, not a working set

  std::unordered_map<Key, Shape, KeyHash> shapes_;
};

}  // namespace carevoice::client::ui
