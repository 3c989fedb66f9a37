// Editing the words of a text field held in the draft: append, delete the
// last character, with a limit in code points. The kiosk owns text editing
// itself (ImGui 1.86's fields lose keys and drop text on Escape). Pure
// functions: any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace carevoice::client {

// Appends valid UTF-8 to `text` (bytes that are not, and control
// characters other than '\n', are dropped). Returns false when `max`
// code points stopped some of it.
bool AppendText(std::string& text, std::string_view utf8, std::size_t max);
// Deletes the last code point; false when `text` is empty.
bool EraseLastCharacter(std::string& text);
// Code points in valid UTF-8 (invalid bytes count one each).
std::size_t CharacterCount(std::string_view text);
// The last word of `text` (after the last space or new line).
std::string_view LastWord(std::string_view text);

// How close to a field's limit the person is told how much room is left:
// a tenth of the limit, and never fewer than 20 characters.
std::size_t NearLimit(std::size_t limit);
// When typing took the count from `before` to `after` characters of
// `limit`, the characters left to say aloud: as the count first comes near
// the limit, at half of that, and at 10 left. 0 when there is nothing to
// say (the limit itself is said by its own message).
std::size_t RemainingToSay(std::size_t limit, std::size_t before, std::size_t after);

}  // namespace carevoice::client
