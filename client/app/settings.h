// How a person chose to use the kiosk this session: speech, speed, volume,
// text size, colours, Easy Read, audio-only, private listening, language.
// Plain values with no UI; wiped at the end of every session so the next
// person starts fresh (ACCESSIBILITY.md 25). UI thread only.
#pragma once

#include <string>

#include "base/languages.h"

namespace carevoice::client {

enum class SpeechRate { kSlow, kNormal, kFast };

// Text size steps; the largest is 2x the default (ACCESSIBILITY.md 12).
inline constexpr float kTextScales[] = {1.0f, 1.25f, 1.5f, 2.0f};
inline constexpr int kTextSizeCount = sizeof(kTextScales) / sizeof(kTextScales[0]);
inline constexpr float kDefaultBodyPx = 40.0f;  // 4.8 mm capitals on the reference screen

struct Settings {
  bool speech = true;
  SpeechRate rate = SpeechRate::kNormal;
  int volume_percent = 80;       // 10 .. 100 in steps of 10
  int text_size = 0;             // index into kTextScales
  std::string theme = "dark_on_light";  // a11y::ThemeKey of the colours
  bool easy_read = false;
  bool audio_only = false;       // screen blanked, everything by voice and keys
  bool private_listening = false;  // headphones: personal details may be spoken
  std::string language{base::kDefaultLanguage};
  // How the person presses: "keys" (keys, keypad, touch), "switch2" (Space
  // moves, Enter chooses) or "switch1" (the kiosk moves, any switch chooses).
  std::string input = "keys";
  int scan_interval_ms = 1500;   // one-switch scan step, 500 .. 10,000
  bool describe_keys = false;    // each key says what it does instead of doing it
  int repeat_delay_ms = 0;       // ignore a key pressed again within this (0: off)
  bool operator==(const Settings&) const = default;
};

// Words per minute for a rate; slow is at least 1.25x longer than normal.
inline int WordsPerMinute(SpeechRate rate) {
  switch (rate) {
    case SpeechRate::kSlow: return 115;
    case SpeechRate::kNormal: return 160;
    case SpeechRate::kFast: return 220;
  }
  return 160;
}

inline float BodyPixels(const Settings& s) { return kDefaultBodyPx * kTextScales[s.text_size]; }

}  // namespace carevoice::client
