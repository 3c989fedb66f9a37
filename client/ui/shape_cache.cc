#include "client/ui/shape_cache.h"

#include <cmath>
#include <functional>

namespace carevoice::client::ui {
namespace {

std::int32_t Sixty4ths(float v) {
  return static_cast<std::int32_t>(std::lround(v * 64.0f));
}

}  // namespace

std::size_t ShapeCache::KeyHash::operator()(const Key& k) const {
  std::size_t h = 0;
  auto mix = [&h](std::size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
  mix(std::hash<std::int32_t>()(std::get<0>(k)));
  mix(std::hash<std::int32_t>()(std::get<1>(k)));
  mix(std::hash<std::int32_t>()(std::get<2>(k)));
  mix(std::hash<ImU32>()(std::get<3>(k)));
  mix(std::hash<int>()(std::get<4>(k)));
  mix(std::hash<float>()(std::get<5>(k)));
  mix(std::hash<float>()(std::get<6>(k)));
  return h;
}

void ShapeCache::FillRounded(ImDrawList* draw, ImVec2 min, ImVec2 max,
                             ImU32 colour, float rounding) {
  if ((colour & IM_COL32_A_MASK) == 0) return;  // as ImGui: nothing to draw
  const ImVec2 size(max.x - min.x, max.y - min.y);
  const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
  const Key key{Sixty4ths(size.x), Sixty4ths(size.y), Sixty4ths(rounding),
                colour, static_cast<int>(draw->Flags), white.x, white.y};
  auto it = shapes_.find(key);
  if (it == shapes_.end()) {
    if (shapes_.size() >= kMaxShapes) shapes_.clear();
    // Tessellate once at the origin in a scratch list sharing the real
    // list's data (anti-aliasing, arc tables, white pixel).
    ImDrawList scratch(draw->_Data);
    scratch._ResetForNewFrame();
    scratch.Flags = draw->Flags;
    scratch.PushClipRectFullScreen();
    scratch.AddRectFilled(ImVec2(0, 0), size, colour, rounding);
    Shape shape;
    shape.vertices.assign(scratch.VtxBuffer.begin(), scratch.VtxBuffer.end());
    shape.indices.assign(scratch.IdxBuffer.begin(), scratch.IdxBuffer.end());
    it = shapes_.emplace(key, std::move(shape)).first;
  }
  const Shape& shape = it->second;
  const int vertex_count = static_cast<int>(shape.vertices.size());
  const int index_count = static_cast<int>(shape.indices.size());
  // PrimReserve may start a new vertex offset (large meshes): read the base
  // index after it.
  draw->PrimReserve(index_count, vertex_count);
  const ImDrawIdx base = static_cast<ImDrawIdx>(draw->_VtxCurrentIdx);
  ImDrawVert* v = draw->_VtxWritePtr;
  for (const ImDrawVert& src : shape.vertices) {
    *v = src;
    v->pos.x += min.x;
    v->pos.y += min.y;
    ++v;
  }
  ImDrawIdx* i = draw->_IdxWritePtr;
  for (ImDrawIdx src : shape.indices) *i++ = static_cast<ImDrawIdx>(base + src);
  draw->_VtxWritePtr = v;
  draw->_IdxWritePtr = i;
  draw->_VtxCurrentIdx += static_cast<unsigned int>(vertex_count);
}

}  // namespace carevoice::client::ui
