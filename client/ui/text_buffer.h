// The words a person types into a field: append, delete the last
// character, new line, with a limit in code points. The kiosk owns text
// editing itself (ImGui 1.86's fields lose keys and drop text on Escape).
// UI thread only.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace carevoice::client::ui {

class TextBuffer {
 public:
  explicit TextBuffer(std::size_t max_code_points) : max_(max_code_points) {}

  // Appends valid UTF-8 (control characters other than '\n' dropped).
  // Returns false when the limit stopped some of it.
  bool Insert(std::string_view utf8);
  // Deletes the last code point; false when empty.
  bool Backspace();
  void Clear() { text_.clear(); count_ = 0; }
  void Set(std::string_view utf8) { Clear(); Insert(utf8); }

  const std::string& text() const { return text_; }
  std::size_t size() const { return count_; }  // code points
  std::size_t max_size() const { return max_; }

 private:
  std::string text_;
  std::size_t count_ = 0;
  std::size_t max_;
};

}  // namespace carevoice::client::ui
