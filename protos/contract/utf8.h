// UTF-8 checks used by validation: strict decoding (no overlongs, no
// surrogates, nothing above U+10FFFF). Pure functions: any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace carevoice::contract {

// True when `text` is well-formed UTF-8.
bool IsValidUtf8(std::string_view text);

// Number of code points in `text`, or nullopt when it is not valid UTF-8.
std::optional<std::size_t> CodePointCount(std::string_view text);

}  // namespace carevoice::contract
