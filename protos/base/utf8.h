// UTF-8 for both sides: strict checking and counting (no overlongs, no
// surrogates, nothing above U+10FFFF) for validation, and lenient decoding
// and encoding for text editing. Pure functions: any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace carevoice::base {

// True when `text` is well-formed UTF-8.
bool IsValidUtf8(std::string_view text);

// Number of code points in `text`, or nullopt when it is not valid UTF-8.
std::optional<std::size_t> CodePointCount(std::string_view text);

// True for a continuation byte (10xxxxxx).
inline bool IsUtf8Continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Length of the sequence a lead byte announces (1-4), 0 for a byte that
// cannot start one. Says nothing about whether the sequence is well formed.
std::size_t Utf8SequenceLength(unsigned char lead);

// Code points in `text` counted loosely (every byte that is not a
// continuation byte), for widths of text already known to be valid.
std::size_t LenientCodePointCount(std::string_view text);

// Bytes taken by the first `n` code points of `text` (counted loosely), or
// text.size() when it has fewer.
std::size_t CodePointPrefixBytes(std::string_view text, std::size_t n);

// Start of the code point that ends at byte `end` (0 < end <= size).
std::size_t PreviousCodePointStart(std::string_view text, std::size_t end);

// Decodes the code point at `pos` leniently (a stray or truncated byte
// decodes as itself) and sets `length` to its length in bytes.
char32_t DecodeUtf8At(std::string_view text, std::size_t pos,
                      std::size_t& length);

// Every code point of `text`, leniently decoded.
std::vector<char32_t> DecodeUtf8(std::string_view text);

// Appends the UTF-8 encoding of `cp` to `out`.
void AppendUtf8(char32_t cp, std::string& out);

}  // namespace carevoice::base
