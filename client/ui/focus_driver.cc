#include "client/ui/focus_driver.h"

#include <vector>

namespace carevoice::client::ui {

std::optional<bool> FocusDriver::Command(ui::Command command) {
  switch (command) {
    case Command::kNext:
      focus_.Next();
      return true;
    case Command::kPrevious:
      focus_.Previous();
      return true;
    case Command::kChoose:
      if (focus_.focused_id().empty()) return true;
      ui_.SetActivation(focus_.focused_id());
      return false;
    default:
      return std::nullopt;
  }
}

bool FocusDriver::Switch(a11y::SwitchScanner& scanner, a11y::Switch which) {
  switch (scanner.SwitchPressed(which)) {
    case a11y::ScanAction::kNext:
      focus_.Next();
      return true;
    case a11y::ScanAction::kChoose:
      if (focus_.focused_id().empty()) return true;
      if (FocusedIsTextField()) {
        // Switch users type on the keyboard below the field: choosing the
        // field moves on to it.
        focus_.Next();
        return true;
      }
      ui_.SetActivation(focus_.focused_id());
      return false;
    case a11y::ScanAction::kResume:
      speech_.Forget();  // the scan woke: say where it is
      return true;
    case a11y::ScanAction::kNone:
      return true;
  }
  return true;
}

bool FocusDriver::Touch(const std::string& item) {
  const a11y::WidgetInfo* hit = registry_.Find(item);
  if (hit == nullptr) return true;
  if (!hit->focusable) {
    announcer_.Say(hit->label);  // pointer-only controls say what they did
  } else {
    focus_.Focus(item);
  }
  if (hit->role != a11y::Role::kTextField) ui_.SetActivation(item);
  return false;
}

bool FocusDriver::FocusedIsTextField() const {
  const a11y::WidgetInfo* item = registry_.Find(focus_.focused_id());
  return item != nullptr && item->role == a11y::Role::kTextField;
}

bool FocusDriver::FocusOnlyField(const std::string& nowhere, const std::string& choose_field) {
  std::vector<std::string> fields;
  for (const a11y::WidgetInfo& item : registry_.items()) {
    if (item.role == a11y::Role::kTextField && item.focusable) fields.push_back(item.id);
  }
  if (fields.size() != 1) {
    announcer_.Say(fields.empty() ? nowhere : choose_field);
    return false;
  }
  focus_.Focus(fields.front());
  if (const a11y::WidgetInfo* field = registry_.Find(fields.front())) {
    // Say where the letters went before echoing them.
    announcer_.FocusChanged(*field, focus_.position(), focus_.count());
    speech_.Said(registry_, focus_, announcer_);
  }
  return true;
}

}  // namespace carevoice::client::ui
