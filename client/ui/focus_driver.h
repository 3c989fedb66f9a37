// How keys, switches and touch move among a screen's registered items and
// choose them, the same way in the kiosk and the officer console: Next and
// Previous wrap round, Choose activates the focused item, a switch press
// goes through the scanner, a touch focuses and chooses what it landed
// on, and a letter typed on a control goes to the screen's only field. UI
// thread only.
#pragma once

#include <optional>
#include <string>

#include "accessibility/announcer.h"
#include "accessibility/focus.h"
#include "accessibility/registry.h"
#include "accessibility/switch_scan.h"
#include "client/ui/key_map.h"
#include "client/ui/screen_speech.h"
#include "client/ui/ui.h"

namespace carevoice::client::ui {

class FocusDriver {
 public:
  FocusDriver(a11y::Registry& registry, a11y::FocusModel& focus, Ui& ui,
              a11y::Announcer& announcer, ScreenSpeech& speech)
      : registry_(registry), focus_(focus), ui_(ui), announcer_(announcer), speech_(speech) {}

  // Each returns whether further queued input may be applied before the
  // next frame (false once something was chosen: the screen may change).

  // Next, Previous and Choose; nullopt for any other command.
  std::optional<bool> Command(ui::Command command);
  // A switch press, as the scanner takes it. Choosing a text field moves
  // on past it (to the on-screen keyboard, at the kiosk).
  bool Switch(a11y::SwitchScanner& scanner, a11y::Switch which);
  // A touch released over `item`.
  bool Touch(const std::string& item);

  bool FocusedIsTextField() const;
  // A letter typed while a control has focus: focus goes to the screen's
  // only field, which is said, and true. With no field, or several,
  // `nowhere` or `choose_field` is said instead, and false.
  bool FocusOnlyField(const std::string& nowhere, const std::string& choose_field);

 private:
  a11y::Registry& registry_;
  a11y::FocusModel& focus_;
  Ui& ui_;
  a11y::Announcer& announcer_;
  ScreenSpeech& speech_;
};

}  // namespace carevoice::client::ui
