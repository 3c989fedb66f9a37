#include "client/app/text_edit.h"

#include "contract/utf8.h"

namespace carevoice::client {
namespace {

// Length of the UTF-8 sequence starting with `lead`, 0 for a bad lead byte.
std::size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 0;
}

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::size_t CharacterCount(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) count += IsContinuation(c) ? 0 : 1;
  return count;
}

bool AppendText(std::string& text, std::string_view utf8, std::size_t max) {
  std::size_t count = CharacterCount(text);
  std::size_t i = 0;
  while (i < utf8.size()) {
    std::size_t n = SequenceLength(static_cast<unsigned char>(utf8[i]));
    if (n == 0 || i + n > utf8.size() || !contract::IsValidUtf8(utf8.substr(i, n))) {
      ++i;  // skip a byte that cannot start a character
      continue;
    }
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    bool control = n == 1 && (c < 0x20 || c == 0x7F) && c != '\n';
    if (!control) {
      if (count >= max) return false;
      text.append(utf8.substr(i, n));
      ++count;
    }
    i += n;
  }
  return true;
}

bool EraseLastCharacter(std::string& text) {
  if (text.empty()) return false;
  std::size_t end = text.size() - 1;
  // Step back over continuation bytes to the start of the last character.
  while (end > 0 && IsContinuation(text[end])) --end;
  text.erase(end);
  return true;
}

std::string_view LastWord(std::string_view text) {
  std::size_t end = text.find_last_not_of(" \n");
  if (end == std::string_view::npos) return {};
  std::size_t start = text.find_last_of(" \n", end);
  start = start == std::string_view::npos ? 0 : start + 1;
  return text.substr(start, end + 1 - start);
}

}  // namespace carevoice::client
