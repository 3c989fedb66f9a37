// The widget registry: Dear ImGui has no accessibility tree, so every widget
// the kiosk draws registers what it is here, each frame. The focus model,
// the announcer and the tests all read it. UI thread only.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace carevoice::a11y {

enum class Role {
  kButton,
  kTextField,
  kRadio,      // one of a set (e.g. a service, a rating face)
  kCheckbox,
  kHeading,    // screen title
  kText,       // a line or paragraph of text
  kImage,      // a picture; spoken by its label unless decorative
};

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
  bool Contains(float px, float py) const {
    return px >= x && py >= y && px < x + w && py < y + h;
  }
  bool Overlaps(const Rect& o) const {
    return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
  }
};

struct WidgetInfo {
  std::string id;       // stable across frames, unique on the screen
  std::string label;    // what it says, in the screen's language
  Role role = Role::kText;
  std::string state;    // e.g. "selected", "not selected", "" when none
  std::string hint;     // what choosing it does, spoken after the label
  Rect box;             // screen pixels of the visible part this frame
  bool clipped = false; // partly or wholly scrolled out of view
  bool focusable = false;
  bool decorative = false;  // pictures only: silent and not focusable
  // Name, address, phone, email: its value is spoken only in private
  // listening (headphones), never through the kiosk's speaker.
  bool personal = false;
};

class Registry {
 public:
  // Forgets last frame's widgets; call at the start of each frame.
  void BeginFrame() { count_ = 0; }
  // The next widget's entry, empty. Its strings keep last frame's storage:
  // some fifty widgets register on every frame, and need not allocate.
  WidgetInfo& Add();
  void Add(WidgetInfo info) { Add() = std::move(info); }

  // This frame's widgets, in registration order.
  std::span<const WidgetInfo> items() const { return {items_.data(), count_}; }
  const WidgetInfo* Find(std::string_view id) const;
  // Focusable items in registration order (the focus order).
  std::vector<const WidgetInfo*> Focusable() const;
  // The item a touch at a point chooses: a focusable item, or a button
  // that is pointer-only (such as scrolling); null when there is none.
  const WidgetInfo* HitTest(float x, float y) const;

 private:
  std::vector<WidgetInfo> items_;  // the first count_ are this frame's
  std::size_t count_ = 0;
};

}  // namespace carevoice::a11y
