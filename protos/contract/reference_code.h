// Reference codes: short enough to read aloud, from an alphabet without
// look-alikes, unique across devices without coordination.
//
// A code is 8 characters: a 3-character device code, a 4-character
// per-device counter passed through a fixed permutation (so references look
// random and consecutive ones say nothing about how many people used a
// kiosk), and a check character (weighted sum mod 23 over the
// 23-character alphabet, which catches every single wrong character and
// every swap of neighbours). Shown as "KQ7M-3RX9". Pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace carevoice::contract {

// No 0/O, 1/I/L, 2/Z, 5/S, 8/B, G/6 ... confusions; 23 is prime.
inline constexpr std::string_view kReferenceAlphabet = "ACDEFHJKMNPQRTWXY346789";
inline constexpr std::size_t kReferenceLength = 8;
inline constexpr std::size_t kDeviceCodeLength = 3;
// 23^4 references per device code: counters run 0 .. kMaxReferenceCounter-1.
inline constexpr std::uint32_t kMaxReferenceCounter = 23u * 23u * 23u * 23u;

// The device's 3-character code, derived from its id by a stable hash.
std::string DeviceCodeFor(std::string_view device_id);

// The permutation of 0 .. kMaxReferenceCounter-1 that counters pass through.
std::uint32_t ScrambleCounter(std::uint32_t counter);

// The reference for the `counter`-th submission of `device_code`; nullopt if
// the device code is not 3 alphabet characters or counter is out of range.
std::optional<std::string> MakeReference(std::string_view device_code,
                                         std::uint32_t counter);

// `body` (7 alphabet characters) with its check character: a code that
// reads, types and checks like a reference (Forum ballot codes are 7
// random characters); nullopt for anything else.
std::optional<std::string> WithCheckCharacter(std::string_view body);

// Turns what a person typed or said into canonical form: drops spaces,
// dashes and dots, and upper-cases. Look-alikes are not mapped ("O" and "0"
// are both outside the alphabet, so the check fails). Does not validate.
std::string NormalizeReference(std::string_view typed);

// True when `reference` (canonical form) has the right length, alphabet and
// check character.
bool IsValidReference(std::string_view reference);

// "KQ7M3RX9" -> "KQ7M-3RX9" for display.
std::string FormatReference(std::string_view reference);

// PINs: a few digits given with a reference, so that only the person who
// holds both can check on it. The reference may be written down or seen;
// the PIN is theirs.
inline constexpr std::size_t kMinPinLength = 4;
inline constexpr std::size_t kMaxPinLength = 6;

// Drops spaces, dashes and dots. Does not validate.
std::string NormalizePin(std::string_view typed);

// True when `pin` is kMinPinLength..kMaxPinLength ASCII digits.
bool IsValidPin(std::string_view pin);

}  // namespace carevoice::contract
