#include "client/app/text_edit.h"

#include <algorithm>

#include "base/utf8.h"

namespace carevoice::client {

std::size_t CharacterCount(std::string_view text) { return base::LenientCodePointCount(text); }

bool AppendText(std::string& text, std::string_view utf8, std::size_t max) {
  std::size_t count = CharacterCount(text);
  std::size_t i = 0;
  while (i < utf8.size()) {
    std::size_t n = base::Utf8SequenceLength(static_cast<unsigned char>(utf8[i]));
    if (n == 0 || i + n > utf8.size() || !base::IsValidUtf8(utf8.substr(i, n))) {
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
  text.erase(base::PreviousCodePointStart(text, text.size()));
  return true;
}

std::string_view LastWord(std::string_view text) {
  std::size_t end = text.find_last_not_of(" \n");
  if (end == std::string_view::npos) return {};
  std::size_t start = text.find_last_of(" \n", end);
  start = start == std::string_view::npos ? 0 : start + 1;
  return text.substr(start, end + 1 - start);
}

std::size_t NearLimit(std::size_t limit) { return std::max<std::size_t>(20, limit / 10); }

std::size_t RemainingToSay(std::size_t limit, std::size_t before, std::size_t after) {
  if (limit == 0 || after <= before || after >= limit) return 0;
  const std::size_t left_before = limit - std::min(before, limit);
  const std::size_t left = limit - after;
  const std::size_t near = NearLimit(limit);
  for (std::size_t mark : {near, near / 2, std::size_t{10}}) {
    if (left_before > mark && left <= mark) return left;
  }
  return 0;
}

}  // namespace carevoice::client
