// The model of the kiosk's on-screen keyboard for text fields
// (ACCESSIBILITY.md 17, 19): layout per language, capitals and layers,
// what each key does to the text, word prediction from word lists it is
// given (WordLists, read from assets/words/ by LoadWordLists in
// word_list_files.h), and the rows-then-keys order a switch scan walks. No
// ImGui, no I/O: the UI draws Rows(), registers every key for speech, and
// applies the Edit that Press() returns to its own text. UI thread only.
//
// Layers: letters (QWERTY, lower case; capitals on/off is a lock), numbers
// and punctuation, and for Welsh (cy) and Polish (pl) an accents layer. The
// actions row is the same on every layer and keeps its key ids, so focus
// stays on "Capitals" or "Numbers" when they are pressed.
//
// Text is UTF-8 throughout: Delete removes one whole character (a multibyte
// code point together with any combining accents that follow it).
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/languages.h"

namespace carevoice::client {

enum class KeyAction {
  kType,        // types Key::text
  kSpace,
  kDelete,      // delete one character before the cursor (backspace)
  kNewLine,
  kCapitals,    // capitals on/off (a lock, not a one-shot shift)
  kNumbers,     // letters <-> numbers and punctuation
  kAccents,     // letters <-> accented letters (cy, pl only)
  kDone,        // leave the keyboard, keeping the text
  kPrediction,  // a word from PredictionRow(): completes the partial word
};

enum class KeyboardLayer { kLetters, kNumbers, kAccents };

struct Key {
  std::string id;     // stable across capitals and languages: "osk.key.q",
                      // "osk.space", "osk.prediction.1"
  std::string label;  // what is drawn. Empty for word keys (Space, Delete,
                      // ...): the UI draws the language text of spoken_key.
  // Language-file key of the spoken name, e.g. "osk.space",
  // "osk.full_stop"; empty when the label itself is spoken ("q", "ŵ",
  // "carer").
  std::string spoken_key;
  std::string text;   // what it types (kType) or the word (kPrediction)
  KeyAction action = KeyAction::kType;
  bool toggle = false;  // capitals/numbers/accents: has an on/off state
  bool on = false;      // that state, to show and speak (ACCESSIBILITY.md 16)
};

struct Row {
  std::string id;          // "osk.row.letters1", "osk.row.actions", ...
  std::string spoken_key;  // language-file key naming the row when a scan
                           // reaches it, e.g. "osk.row.letters"
  std::vector<Key> keys;
};

enum class EditKind {
  kNone,
  kInsert,        // insert `text` at the cursor
  kDeleteChar,    // delete one character before the cursor
  kNewLine,       // insert "\n" (`text` holds it)
  kCompleteWord,  // replace the partial word before the cursor with
                  // `text` followed by one space
  kDone,          // leave the keyboard; the text is kept as it is
};

struct Edit {
  EditKind kind = EditKind::kNone;
  std::string text;
  bool operator==(const Edit&) const = default;
};

// Applies `edit` at byte offset `cursor` (clamped to the text, and moved
// back to a code point boundary) and moves the cursor past the change.
void ApplyEdit(const Edit& edit, std::string& text, std::size_t& cursor);
// Applies `edit` at the end of `text` (the usual case for the kiosk).
void ApplyEdit(const Edit& edit, std::string& text);

// The partial word just before the end of `text`: the trailing run of
// letters (any non-ASCII code point counts as a letter; so do the ASCII
// apostrophe and U+2019). Empty when `text` ends in a space, digit or
// punctuation.
std::string_view PartialWord(std::string_view text);

// The word-prediction lists of the keyboard's three languages, each most
// frequent first. A tag starting "cy" or "pl" ("cy", "cy-GB", "pl_PL")
// names the Welsh or Polish list; every other tag the English one (Urdu,
// Punjabi and Bengali sessions type on the English keyboard). A list never
// set is empty: no predictions. Cheap to copy (the lists are shared and
// never change once set).
class WordLists {
 public:
  // The tags with a list of their own, in the order of their files:
  // {"en-GB", "cy", "pl"}.
  static const std::vector<std::string>& Languages();

  // Replaces the list `language_tag` names.
  void Set(std::string_view language_tag, std::vector<std::string> words);
  // The list `language_tag` names.
  const std::vector<std::string>& For(std::string_view language_tag) const;

 private:
  std::array<std::shared_ptr<const std::vector<std::string>>, 3> lists_;
};

class OnscreenKeyboard {
 public:
  // `language_tag` as in Settings::language: "en-GB", "cy", "pl", ...
  // Tags starting "cy" or "pl" get their accents layer and word list;
  // every other tag gets the English layout and words. With no `words`
  // the keyboard types but predicts nothing.
  explicit OnscreenKeyboard(std::string language_tag = std::string(base::kDefaultLanguage),
                            WordLists words = {});

  // Changes the layout and word list; the state is Reset().
  void SetLanguage(std::string language_tag);
  const std::string& language() const { return language_; }

  // The prediction lists (for every language; SetLanguage picks one).
  void SetWords(WordLists words) { words_ = std::move(words); }
  // Replaces the one list `language_tag` names.
  void SetWords(std::string_view language_tag, std::vector<std::string> words) {
    words_.Set(language_tag, std::move(words));
  }
  const WordLists& words() const { return words_; }

  // Back to letters, capitals off, scan at the first row (a new field, or
  // the end of a session: ACCESSIBILITY.md 25).
  void Reset();

  // The rows of the current layer, top to bottom, the actions row last.
  std::vector<Row> Rows() const;

  // The predictions for `text_so_far` as a row of kPrediction keys (ids
  // "osk.prediction.1" ...). Has no keys when there are no predictions;
  // the UI shows it above Rows() and includes it in the scan when it is
  // not empty.
  Row PredictionRow(std::string_view text_so_far, int max = 3) const;

  // Applies a key to the keyboard's own state (capitals, layer) and returns
  // what the caller must do to its text. Keys from an older Rows() are fine:
  // only action, text and (for letters) the capitals state are used.
  Edit Press(const Key& key);

  // Up to `max` words from the language's word list completing the partial
  // word at the end of `text_so_far`, most frequent first. Case-insensitive match;
  // the partial word itself is never offered. Case is preserved: a word
  // typed with a capital (or at the start of the text or of a sentence)
  // gets a capital; one typed all in capitals (2+ letters) stays so. Empty
  // when there is no partial word or nothing matches.
  std::vector<std::string> Predict(std::string_view text_so_far,
                                   int max = 3) const;

  // The Edit for choosing a prediction: replaces the partial word with
  // `word` and adds a space.
  static Edit ChoosePrediction(std::string_view word);

  bool capitals() const { return capitals_; }
  KeyboardLayer layer() const { return layer_; }
  bool has_accents() const;

  // Every language-file key the keyboard may ask the UI to show or speak,
  // so a test can check each language file has them all.
  static std::vector<std::string> SpokenKeys();

 private:
  std::string language_;
  WordLists words_;
  bool capitals_ = false;
  KeyboardLayer layer_ = KeyboardLayer::kLetters;
};

}  // namespace carevoice::client
