// The languages CareVoice ships (a language file in assets/lang/ for each,
// same keys for screen and speech), the default first. Constants: any
// thread.
#pragma once

#include <algorithm>
#include <array>
#include <string_view>

namespace carevoice::base {

inline constexpr std::string_view kDefaultLanguage = "en-GB";

// BCP-47 tags; the first is kDefaultLanguage.
inline constexpr std::array<std::string_view, 6> kSupportedLanguages = {
    "en-GB", "cy", "pl", "ur", "pa", "bn"};

inline bool IsSupportedLanguage(std::string_view tag) {
  return std::find(kSupportedLanguages.begin(), kSupportedLanguages.end(),
                   tag) != kSupportedLanguages.end();
}

}  // namespace carevoice::base
