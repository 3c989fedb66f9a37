#include "accessibility/focus.h"

#include <algorithm>

namespace carevoice::a11y {
namespace {

// Index of `id` in `order`, or -1.
int IndexOf(const std::vector<std::string>& order, const std::string& id) {
  auto it = std::find(order.begin(), order.end(), id);
  return it == order.end() ? -1 : static_cast<int>(it - order.begin());
}

}  // namespace

void FocusModel::ResetForScreen(std::string initial_id) {
  pending_initial_ = std::move(initial_id);
  pending_reset_ = true;
}

void FocusModel::Sync(const Registry& registry) {
  std::vector<std::string> order;
  for (const WidgetInfo* item : registry.Focusable()) order.push_back(item->id);

  std::string target;
  if (order.empty()) {
    // Nothing to focus yet; a pending reset waits for the first frame that
    // has something focusable.
  } else if (pending_reset_) {
    target = IndexOf(order, pending_initial_) >= 0 ? pending_initial_
                                                   : order.front();
    pending_reset_ = false;
    pending_initial_.clear();
  } else if (IndexOf(order, focused_id_) >= 0) {
    target = focused_id_;
  } else {
    // The focused item vanished (or nothing was focused): stay at the same
    // place in the list rather than jumping back to the top.
    const int old_index = std::max(0, IndexOf(order_, focused_id_));
    target = order[std::min<size_t>(old_index, order.size() - 1)];
  }
  order_ = std::move(order);
  SetFocus(target);
}

bool FocusModel::Next() {
  if (order_.empty()) return false;
  const int index = IndexOf(order_, focused_id_);
  const int n = static_cast<int>(order_.size());
  SetFocus(order_[index < 0 ? 0 : (index + 1) % n]);
  return true;
}

bool FocusModel::Previous() {
  if (order_.empty()) return false;
  const int index = IndexOf(order_, focused_id_);
  const int n = static_cast<int>(order_.size());
  SetFocus(order_[index < 0 ? n - 1 : (index + n - 1) % n]);
  return true;
}

bool FocusModel::Focus(const std::string& id) {
  if (IndexOf(order_, id) < 0) return false;
  SetFocus(id);
  return true;
}

int FocusModel::position() const { return IndexOf(order_, focused_id_) + 1; }

void FocusModel::SetFocus(const std::string& id) {
  if (id == focused_id_) return;
  focused_id_ = id;
  ++serial_;
}

}  // namespace carevoice::a11y
