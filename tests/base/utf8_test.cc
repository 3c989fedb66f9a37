// Strict UTF-8: the boundaries of every sequence length, and every kind of
// ill-formed input validation must refuse.
#include "base/utf8.h"

#include <string>
#include <string_view>

#include "gtest/gtest.h"

namespace carevoice::base {
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
}  // namespace carevoice::base

namespace carevoice::base {
namespace {

TEST(Utf8LenientTest, SequenceLengthFromLeadByte) {
  EXPECT_EQ(Utf8SequenceLength('a'), 1u);
  EXPECT_EQ(Utf8SequenceLength(0xC3), 2u);
  EXPECT_EQ(Utf8SequenceLength(0xE2), 3u);
  EXPECT_EQ(Utf8SequenceLength(0xF0), 4u);
  EXPECT_EQ(Utf8SequenceLength(0x80), 0u);  // continuation
  EXPECT_EQ(Utf8SequenceLength(0xFF), 0u);
}

TEST(Utf8LenientTest, CountsAndCutsOnCodePointBoundaries) {
  const std::string_view text = "a\u00e9\u20ac\U0001D11Eb";  // 1+2+3+4+1 bytes
  EXPECT_EQ(LenientCodePointCount(text), 5u);
  EXPECT_EQ(CodePointPrefixBytes(text, 0), 0u);
  EXPECT_EQ(CodePointPrefixBytes(text, 2), 3u);
  EXPECT_EQ(CodePointPrefixBytes(text, 4), 10u);
  EXPECT_EQ(CodePointPrefixBytes(text, 99), text.size());
  EXPECT_EQ(PreviousCodePointStart(text, text.size()), 10u);
  EXPECT_EQ(PreviousCodePointStart(text, 10), 6u);
  EXPECT_EQ(PreviousCodePointStart(text, 1), 0u);
}

TEST(Utf8LenientTest, DecodeAndEncodeRoundTrip) {
  const std::string text = "Cymraeg \u0175 \u0a38 \U0001F600";
  std::vector<char32_t> points = DecodeUtf8(text);
  ASSERT_EQ(points.size(), 13u);
  EXPECT_EQ(points[8], U'\u0175');
  EXPECT_EQ(points[12], U'\U0001F600');
  std::string again;
  for (char32_t cp : points) AppendUtf8(cp, again);
  EXPECT_EQ(again, text);
}

TEST(Utf8LenientTest, StrayBytesDecodeAsThemselves) {
  std::size_t length = 0;
  EXPECT_EQ(DecodeUtf8At("\xC3", 0, length), 0xC3u);
  EXPECT_EQ(length, 1u);
  EXPECT_EQ(DecodeUtf8At("\xE2\x82x", 0, length), 0xE2u);
  EXPECT_EQ(length, 1u);
  EXPECT_EQ(DecodeUtf8At("x\xC3\xA9", 1, length), U'\u00e9');
  EXPECT_EQ(length, 2u);
}

}  // namespace
}  // namespace carevoice::base
