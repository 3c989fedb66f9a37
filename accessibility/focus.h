// The kiosk's own focus model over the widget registry (ImGui 1.86's
// keyboard navigation does not do what keyboard and switch users expect).
// Focus order is registration order; Next/Previous wrap round; a new screen
// focuses its first item from its first frame. UI thread only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "accessibility/registry.h"

namespace carevoice::a11y {

class FocusModel {
 public:
  // A new screen: the next Sync focuses its first focusable item (or
  // `initial_id` when that item exists).
  void ResetForScreen(std::string initial_id = "");

  // Call once per frame after every widget has registered. Keeps focus on
  // the same id when it still exists; otherwise moves to the item now at
  // its place (same index, clamped to the last), or the first one.
  void Sync(const Registry& registry);

  // Move focus; return false when there is nothing focusable.
  bool Next();
  bool Previous();
  // Focus a given id (e.g. on touch); false when it is not focusable now.
  bool Focus(const std::string& id);

  const std::string& focused_id() const { return focused_id_; }
  // 1-based position of the focused item and how many there are; 0/0 when
  // nothing is focused.
  int position() const;
  int count() const { return static_cast<int>(order_.size()); }
  // Increments on every focus change, so listeners notice changes.
  std::uint64_t serial() const { return serial_; }

 private:
  void SetFocus(const std::string& id);

  std::vector<std::string> order_;  // focusable ids as of the last Sync
  std::string focused_id_;
  std::string pending_initial_;
  bool pending_reset_ = true;
  std::uint64_t serial_ = 0;
};

}  // namespace carevoice::a11y
