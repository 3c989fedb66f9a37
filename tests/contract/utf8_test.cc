// Strict UTF-8: the boundaries of every sequence length, and every kind of
// ill-formed input the contract must refuse.
#include "contract/utf8.h"

#include <string>
#include <string_view>

#include "gtest/gtest.h"

namespace carevoice::contract {
namespace {

using namespace std::string_view_literals;

TEST(Utf8Test, CountsCodePointsNotBytes) {
  EXPECT_EQ(CodePointCount(""), 0u);
  EXPECT_EQ(CodePointCount("abc"), 3u);
  EXPECT_EQ(CodePointCount("é"), 1u);  // 2 bytes
  EXPECT_EQ(CodePointCount("€"), 1u);  // 3 bytes
  EXPECT_EQ(CodePointCount("𝄞"), 1u);  // 4 bytes
  EXPECT_EQ(CodePointCount("Caffè 𝄞 €5"), 10u);
  EXPECT_EQ(CodePointCount("a\0b"sv), 3u);  // NUL is a code point
}

TEST(Utf8Test, AcceptsEverySequenceLengthAtItsBoundaries) {
  for (std::string_view ok : {
           "\x7F"sv,              // U+007F, last 1-byte
           "\xC2\x80"sv,          // U+0080, first 2-byte
           "\xDF\xBF"sv,          // U+07FF, last 2-byte
           "\xE0\xA0\x80"sv,      // U+0800, first 3-byte
           "\xED\x9F\xBF"sv,      // U+D7FF, just below the surrogates
           "\xEE\x80\x80"sv,      // U+E000, just above them
           "\xEF\xBF\xBF"sv,      // U+FFFF
           "\xF0\x90\x80\x80"sv,  // U+10000, first 4-byte
           "\xF4\x8F\xBF\xBF"sv,  // U+10FFFF, the last code point
       }) {
    EXPECT_TRUE(IsValidUtf8(ok)) << testing::PrintToString(std::string(ok));
    EXPECT_EQ(CodePointCount(ok), 1u);
  }
}

TEST(Utf8Test, RejectsOverlongEncodings) {
  EXPECT_FALSE(IsValidUtf8("\xC0\x80"sv));          // NUL in 2 bytes
  EXPECT_FALSE(IsValidUtf8("\xC1\xBF"sv));          // U+007F in 2 bytes
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\x80"sv));      // NUL in 3 bytes
  EXPECT_FALSE(IsValidUtf8("\xE0\x9F\xBF"sv));      // U+07FF in 3 bytes
  EXPECT_FALSE(IsValidUtf8("\xF0\x80\x80\x80"sv));  // NUL in 4 bytes
  EXPECT_FALSE(IsValidUtf8("\xF0\x8F\xBF\xBF"sv));  // U+FFFF in 4 bytes
}

TEST(Utf8Test, RejectsSurrogates) {
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"sv));  // U+D800
  EXPECT_FALSE(IsValidUtf8("\xED\xBF\xBF"sv));  // U+DFFF
  // A CESU-8 style surrogate pair for U+1D11E.
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\xB4\xED\xB4\x9E"sv));
}

TEST(Utf8Test, RejectsCodePointsAboveTheUnicodeRange) {
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"sv));  // U+110000
  for (int lead = 0xF5; lead <= 0xFF; ++lead) {
    const std::string s = {static_cast<char>(lead), '\x80', '\x80', '\x80'};
    EXPECT_FALSE(IsValidUtf8(s)) << lead;
  }
}

TEST(Utf8Test, RejectsTruncatedAndStraySequences) {
  EXPECT_FALSE(IsValidUtf8("\x80"sv));  // lone continuation
  EXPECT_FALSE(
      IsValidUtf8("a\xBF"
                  "b"sv));
  EXPECT_FALSE(IsValidUtf8("\xC3"sv));          // 2-byte, cut
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"sv));      // 3-byte, cut
  EXPECT_FALSE(IsValidUtf8("\xF0\x9D\x84"sv));  // 4-byte, cut
  EXPECT_FALSE(
      IsValidUtf8("\xE2\x82"
                  "a"sv));                              // cut mid-string
  EXPECT_FALSE(IsValidUtf8("\xC3\xC3\xA9"sv));          // lead, then lead
  EXPECT_FALSE(IsValidUtf8("\xF0\x9D\x84\x9E\x80"sv));  // one byte too many
  EXPECT_EQ(CodePointCount("ok\xFF"sv), std::nullopt);
}

}  // namespace
}  // namespace carevoice::contract
