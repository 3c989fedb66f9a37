#include "accessibility/registry.h"

namespace carevoice::a11y {

WidgetInfo& Registry::Add() {
  if (count_ == items_.size()) items_.emplace_back();
  WidgetInfo& item = items_[count_++];
  // Every field back to its default, the strings keeping their buffers.
  std::string id = std::move(item.id), label = std::move(item.label),
              state = std::move(item.state), hint = std::move(item.hint);
  item = WidgetInfo{};
  auto keep = [](std::string& field, std::string& buffer) {
    field = std::move(buffer);
    field.clear();
  };
  keep(item.id, id);
  keep(item.label, label);
  keep(item.state, state);
  keep(item.hint, hint);
  return item;
}

const WidgetInfo* Registry::Find(std::string_view id) const {
  for (const WidgetInfo& item : items()) {
    if (item.id == id) return &item;
  }
  return nullptr;
}

std::vector<const WidgetInfo*> Registry::Focusable() const {
  std::vector<const WidgetInfo*> result;
  for (const WidgetInfo& item : items()) {
    if (item.focusable && !item.decorative) result.push_back(&item);
  }
  return result;
}

const WidgetInfo* Registry::HitTest(float x, float y) const {
  // Later items are drawn on top of earlier ones, so search from the end.
  const std::span<const WidgetInfo> all = items();
  for (auto it = all.rbegin(); it != all.rend(); ++it) {
    bool choosable = it->focusable || it->role == Role::kButton;
    if (choosable && !it->decorative && it->box.Contains(x, y)) {
      return &*it;
    }
  }
  return nullptr;
}

}  // namespace carevoice::a11y
