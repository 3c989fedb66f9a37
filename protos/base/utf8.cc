// Strict UTF-8 decoding after Unicode Table 3-7 (well-formed byte
// sequences): the second byte's range is what rules out overlongs,
// surrogates and code points above U+10FFFF.
#include "base/utf8.h"

#include <cstdint>

namespace carevoice::base {
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

std::size_t Utf8SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 0;
}

std::size_t LenientCodePointCount(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) count += IsUtf8Continuation(c) ? 0 : 1;
  return count;
}

std::size_t CodePointPrefixBytes(std::string_view text, std::size_t n) {
  std::size_t points = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!IsUtf8Continuation(text[i]) && points++ == n) return i;
  }
  return text.size();
}

std::size_t PreviousCodePointStart(std::string_view text, std::size_t end) {
  std::size_t p = end - 1;
  while (p > 0 && IsUtf8Continuation(text[p])) --p;
  return p;
}

char32_t DecodeUtf8At(std::string_view text, std::size_t pos,
                      std::size_t& length) {
  const auto b0 = static_cast<unsigned char>(text[pos]);
  int extra = 0;
  char32_t cp = b0;
  if (b0 >= 0xF0) {
    extra = 3;
    cp = b0 & 0x07;
  } else if (b0 >= 0xE0) {
    extra = 2;
    cp = b0 & 0x0F;
  } else if (b0 >= 0xC0) {
    extra = 1;
    cp = b0 & 0x1F;
  }
  for (int i = 1; i <= extra; ++i) {
    if (pos + i >= text.size() || !IsUtf8Continuation(text[pos + i])) {
      length = 1;
      return b0;
    }
    cp = (cp << 6) | (static_cast<unsigned char>(text[pos + i]) & 0x3F);
  }
  length = 1 + extra;
  return cp;
}

std::vector<char32_t> DecodeUtf8(std::string_view text) {
  std::vector<char32_t> out;
  for (std::size_t pos = 0, length = 0; pos < text.size(); pos += length) {
    out.push_back(DecodeUtf8At(text, pos, length));
  }
  return out;
}

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace carevoice::base
