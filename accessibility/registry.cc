#include "accessibility/registry.h"

namespace carevoice::a11y {

const WidgetInfo* Registry::Find(std::string_view id) const {
  for (const WidgetInfo& item : items_) {
    if (item.id == id) return &item;
  }
  return nullptr;
}

std::vector<const WidgetInfo*> Registry::Focusable() const {
  std::vector<const WidgetInfo*> result;
  for (const WidgetInfo& item : items_) {
    if (item.focusable && !item.decorative) result.push_back(&item);
  }
  return result;
}

const WidgetInfo* Registry::HitTest(float x, float y) const {
  // Later items are drawn on top of earlier ones, so search from the end.
  for (auto it = items_.rbegin(); it != items_.rend(); ++it) {
    bool choosable = it->focusable || it->role == Role::kButton;
    if (choosable && !it->decorative && it->box.Contains(x, y)) {
      return &*it;
    }
  }
  return nullptr;
}

}  // namespace carevoice::a11y
