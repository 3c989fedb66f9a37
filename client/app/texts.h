// What the kiosk shows and says for a language-file key. The screen may be
// in one language and speech in another (Urdu, Punjabi and Bengali are
// spoken while the screen stays English, since Dear ImGui cannot shape
// those scripts), and Easy Read swaps in "easy.<key>" text with the picture
// named by "picture.<key>". Read-only: UI thread.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "client/app/strings.h"

namespace carevoice::client {

struct Text {
  std::string shown;    // drawn on screen
  std::string spoken;   // said aloud
  std::string picture;  // Easy Read picture name, or empty
  static Text Same(std::string s) { return Text{s, s, ""}; }
};

class Texts {
 public:
  // `screen` and `speech` may be the same strings.
  Texts(const Strings& screen, const Strings& speech, bool easy_read)
      : screen_(screen), speech_(speech), easy_read_(easy_read) {}

  Text Get(std::string_view key) const;
  Text Format(std::string_view key, std::initializer_list<std::string_view> shown_args,
              std::initializer_list<std::string_view> spoken_args) const;
  // Both sides formatted with the same arguments (numbers, names).
  Text Format(std::string_view key, std::initializer_list<std::string_view> args) const {
    return Format(key, args, args);
  }

  const Strings& screen() const { return screen_; }
  const Strings& speech() const { return speech_; }
  bool easy_read() const { return easy_read_; }

 private:
  std::string KeyFor(const Strings& strings, std::string_view key) const;

  const Strings& screen_;
  const Strings& speech_;
  bool easy_read_;
};

}  // namespace carevoice::client
