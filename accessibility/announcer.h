// Turns what happens on screen into speech: a screen's title and
// instruction on entry, then the focused item as "Button, Send, 3 of 4"
// (role, label, state, position, hint), and messages such as errors. Keeps
// the last thing said for Repeat, and captions (every spoken prompt is also
// shown). Words such as "Button" and "3 of 4" come from the language files
// through `translate`. UI thread only.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "accessibility/registry.h"
#include "accessibility/speaker.h"

namespace carevoice::a11y {

// "Title" + "Do this" -> "Title. Do this"; no full stop added when the
// first part already ends a sentence ("What would you like to do?", or the
// Urdu and Bengali sentence marks).
std::string JoinSentences(std::string_view first, std::string_view second);

class Announcer {
 public:
  // translate(key) returns the text for a language-file key, e.g.
  // "role.button" -> "Button", "focus.position" -> "{0} of {1}".
  using Translate = std::function<std::string(std::string_view key)>;

  Announcer(Speaker& speaker, Translate translate);

  void SetLanguage(std::string language) { language_ = std::move(language); }
  // With private listening off, a personal item's value (its state) is
  // spoken as translate("state.hidden") instead.
  void SetPrivateListening(bool on) { private_listening_ = on; }
  const std::string& language() const { return language_; }

  // Interrupts current speech and says the screen's title and instruction.
  void ScreenEntered(std::string_view title, std::string_view instruction);
  // Says the focused item. When it follows ScreenEntered in the same frame
  // it is queued behind the title; otherwise it interrupts.
  void FocusChanged(const WidgetInfo& item, int position, int count);
  // Interrupts and says `text` (errors, confirmations, help).
  void Say(std::string_view text);
  // Says `text` after what is being said.
  void Queue(std::string_view text);
  // Says again the last thing said (the whole of it: title, then focus).
  void Repeat();
  void Stop();
  // Marks a frame boundary (for the "same frame" rule above).
  void EndFrame() { entered_this_frame_ = false; }

  // "Button, Send, 3 of 4" for an item, without speaking it.
  std::string Describe(const WidgetInfo& item, int position, int count) const;
  // The caption: the text of the last utterance, for showing on screen.
  const std::string& caption() const { return caption_; }

 private:
  void Emit(std::string text, bool interrupt);

  Speaker& speaker_;
  Translate translate_;
  std::string language_ = "en-GB";
  bool private_listening_ = false;
  std::string last_;     // everything said since the last interruption
  std::string caption_;
  bool entered_this_frame_ = false;
};

}  // namespace carevoice::a11y
