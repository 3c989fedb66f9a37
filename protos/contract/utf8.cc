// Strict UTF-8 decoding after Unicode Table 3-7 (well-formed byte
// sequences): the second byte's range is what rules out overlongs,
// surrogates and code points above U+10FFFF.
#include "contract/utf8.h"

#include <cstdint>

namespace carevoice::contract {
namespace {

// Length of the sequence a lead byte starts and the allowed range of the
// byte after it; length 0 for a byte that cannot start a sequence.
struct Lead {
  int length;
  std::uint8_t second_min;
  std::uint8_t second_max;
};

Lead ClassifyLead(std::uint8_t b) {
  if (b < 0x80) return {1, 0, 0};
  if (b >= 0xC2 && b <= 0xDF) return {2, 0x80, 0xBF};
  if (b == 0xE0) return {3, 0xA0, 0xBF};  // no overlongs below U+0800
  if (b == 0xED) return {3, 0x80, 0x9F};  // no surrogates D800..DFFF
  if (b >= 0xE1 && b <= 0xEF) return {3, 0x80, 0xBF};
  if (b == 0xF0) return {4, 0x90, 0xBF};  // no overlongs below U+10000
  if (b >= 0xF1 && b <= 0xF3) return {4, 0x80, 0xBF};
  if (b == 0xF4) return {4, 0x80, 0x8F};  // nothing above U+10FFFF
  return {0, 0, 0};                       // continuation bytes, C0, C1, F5..FF
}

}  // namespace

std::optional<std::size_t> CodePointCount(std::string_view text) {
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const Lead lead = ClassifyLead(static_cast<std::uint8_t>(text[i]));
    if (lead.length == 0) return std::nullopt;
    if (text.size() - i < static_cast<std::size_t>(lead.length)) {
      return std::nullopt;  // truncated at the end
    }
    for (int k = 1; k < lead.length; ++k) {
      const auto b = static_cast<std::uint8_t>(text[i + k]);
      const std::uint8_t lo = k == 1 ? lead.second_min : 0x80;
      const std::uint8_t hi = k == 1 ? lead.second_max : 0xBF;
      if (b < lo || b > hi) return std::nullopt;
    }
    i += lead.length;
    ++count;
  }
  return count;
}

bool IsValidUtf8(std::string_view text) {
  return CodePointCount(text).has_value();
}

}  // namespace carevoice::contract
