// The pictures every kiosk and tablet can draw (client/ui/pictures.cc draws
// each; its test keeps the two in step). A consultation or a language file
// names one of these, so a published file is checked before any kiosk
// meets a name it cannot draw.
#pragma once

#include <algorithm>
#include <string_view>

namespace carevoice::contract {

inline constexpr std::string_view kPictureNames[] = {
    "speak", "home",     "question", "list",  "star",     "pencil",   "check",
    "send",  "thanks",   "help",     "back",  "restart",  "settings", "warning",
    "people", "clock",   "calendar", "phone", "lightbulb", "shield",
};

inline bool IsPictureName(std::string_view name) {
  return std::find(std::begin(kPictureNames), std::end(kPictureNames), name) !=
         std::end(kPictureNames);
}

}  // namespace carevoice::contract
