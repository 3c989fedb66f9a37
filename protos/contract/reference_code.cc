// Reference codes: device code (3) + base-23 scrambled counter (4) + check
// (1).
// The check character is sum((i+1) * index(c_i)) mod 23. Because 23 is prime
// and every weight 1..7 is non-zero mod 23, any single substitution changes
// the sum; swapping neighbours i, i+1 changes it by index(c_i) - index(c_i+1),
// non-zero whenever the swap changes anything.
#include "contract/reference_code.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/ascii.h"

namespace carevoice::contract {
namespace {

constexpr std::uint32_t kRadix = kReferenceAlphabet.size();
constexpr std::size_t kCounterLength = 4;
static_assert(kRadix == 23);
static_assert(kDeviceCodeLength + kCounterLength + 1 == kReferenceLength);

// Index of `c` in the alphabet, or -1.
int AlphabetIndex(char c) {
  const std::size_t pos = kReferenceAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

bool AllInAlphabet(std::string_view text) {
  for (char c : text) {
    if (AlphabetIndex(c) < 0) return false;
  }
  return true;
}

// Check character over `body`, which must be all alphabet characters.
char CheckChar(std::string_view body) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < body.size(); ++i) {
    sum += static_cast<std::uint32_t>(i + 1) * AlphabetIndex(body[i]);
  }
  return kReferenceAlphabet[sum % kRadix];
}

// `value` as `width` big-endian base-23 alphabet digits appended to `out`.
void AppendBase23(std::uint64_t value, std::size_t width, std::string& out) {
  std::string digits(width, kReferenceAlphabet[0]);
  for (std::size_t i = width; i > 0; --i) {
    digits[i - 1] = kReferenceAlphabet[value % kRadix];
    value /= kRadix;
  }
  out += digits;
}

// A fixed permutation of the 23 digit values.
constexpr std::uint8_t kSubstitute[kRadix] = {7,  19, 3,  14, 0,  21, 11, 5,  17, 9,  2, 22,
                                              13, 6,  20, 1,  15, 10, 4,  18, 8,  12, 16};

}  // namespace

std::uint32_t ScrambleCounter(std::uint32_t counter) {
  // An affine step spreads neighbours across the range (the multiplier is
  // coprime to 23^4); then rounds in which each digit adds a substituted
  // copy of the digit before it. Every step can be undone, so the whole is
  // a bijection: references stay unique per device.
  constexpr std::uint64_t kMultiplier = 104729;  // prime, not 23
  constexpr std::uint64_t kOffset = 40503;
  std::uint64_t x = (counter * kMultiplier + kOffset) % kMaxReferenceCounter;
  std::uint32_t digit[kCounterLength];
  for (std::size_t i = 0; i < kCounterLength; ++i, x /= kRadix) digit[i] = x % kRadix;
  for (std::uint32_t round = 0; round < 4; ++round) {
    for (std::size_t i = 0; i < kCounterLength; ++i) {
      const std::uint32_t before = digit[(i + kCounterLength - 1) % kCounterLength];
      digit[i] = (digit[i] + kSubstitute[before] + round) % kRadix;
    }
  }
  std::uint32_t out = 0;
  for (std::size_t i = kCounterLength; i > 0; --i) out = out * kRadix + digit[i - 1];
  return out;
}

std::string DeviceCodeFor(std::string_view device_id) {
  // FNV-1a 64: stable across builds and platforms, unlike std::hash.
  std::uint64_t hash = 14695981039346656037ull;
  for (char c : device_id) {
    hash ^= static_cast<std::uint8_t>(c);
    hash *= 1099511628211ull;
  }
  std::string code;
  AppendBase23(hash % (kRadix * kRadix * kRadix), kDeviceCodeLength, code);
  return code;
}

std::optional<std::string> MakeReference(std::string_view device_code,
                                         std::uint32_t counter) {
  if (device_code.size() != kDeviceCodeLength || !AllInAlphabet(device_code) ||
      counter >= kMaxReferenceCounter) {
    return std::nullopt;
  }
  std::string reference(device_code);
  AppendBase23(ScrambleCounter(counter), kCounterLength, reference);
  reference += CheckChar(reference);
  return reference;
}

std::optional<std::string> WithCheckCharacter(std::string_view body) {
  if (body.size() != kReferenceLength - 1 || !AllInAlphabet(body)) return std::nullopt;
  std::string code(body);
  code += CheckChar(code);
  return code;
}

namespace {

bool IsSeparator(char c) {
  return absl::ascii_isspace(static_cast<unsigned char>(c)) || c == '-' || c == '.';
}

}  // namespace

std::string NormalizeReference(std::string_view typed) {
  std::string out;
  out.reserve(typed.size());
  for (char c : typed) {
    if (!IsSeparator(c)) out += absl::ascii_toupper(static_cast<unsigned char>(c));
  }
  return out;
}

std::string NormalizePin(std::string_view typed) {
  std::string out;
  out.reserve(typed.size());
  for (char c : typed) {
    if (!IsSeparator(c)) out += c;
  }
  return out;
}

bool IsValidPin(std::string_view pin) {
  return pin.size() >= kMinPinLength && pin.size() <= kMaxPinLength &&
         std::all_of(pin.begin(), pin.end(),
                     [](char c) { return absl::ascii_isdigit(static_cast<unsigned char>(c)); });
}

bool IsValidReference(std::string_view reference) {
  if (reference.size() != kReferenceLength || !AllInAlphabet(reference)) {
    return false;
  }
  const std::string_view body = reference.substr(0, kReferenceLength - 1);
  return CheckChar(body) == reference.back();
}

std::string FormatReference(std::string_view reference) {
  if (reference.size() != kReferenceLength) return std::string(reference);
  const std::size_t half = kReferenceLength / 2;
  std::string out(reference.substr(0, half));
  out += '-';
  out += reference.substr(half);
  return out;
}

}  // namespace carevoice::contract
