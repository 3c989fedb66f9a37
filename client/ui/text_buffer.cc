#include "client/ui/text_buffer.h"

#include "contract/utf8.h"

namespace carevoice::client::ui {
namespace {

// Length of the UTF-8 sequence starting with `lead`, 0 for a bad lead byte.
std::size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 0;
}

}  // namespace

bool TextBuffer::Insert(std::string_view utf8) {
  std::size_t i = 0;
  while (i < utf8.size()) {
    std::size_t n = SequenceLength(static_cast<unsigned char>(utf8[i]));
    if (n == 0 || i + n > utf8.size() ||
        !contract::IsValidUtf8(utf8.substr(i, n))) {
      ++i;  // skip a byte that cannot start a character
      continue;
    }
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    bool control = n == 1 && (c < 0x20 || c == 0x7F) && c != '\n';
    if (!control) {
      if (count_ >= max_) return false;
      text_.append(utf8.substr(i, n));
      ++count_;
    }
    i += n;
  }
  return true;
}

bool TextBuffer::Backspace() {
  if (text_.empty()) return false;
  std::size_t end = text_.size() - 1;
  // Step back over continuation bytes to the start of the last character.
  while (end > 0 && (static_cast<unsigned char>(text_[end]) & 0xC0) == 0x80) --end;
  text_.erase(end);
  --count_;
  return true;
}

}  // namespace carevoice::client::ui
