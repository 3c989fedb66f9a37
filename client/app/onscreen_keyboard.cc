#include "client/app/onscreen_keyboard.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "base/utf8.h"

namespace carevoice::client {
namespace {

// ---- Case, just enough for the keyboard's languages (UTF-8 is base's) ----

using base::DecodeUtf8;
using base::DecodeUtf8At;
using base::IsUtf8Continuation;
using base::PreviousCodePointStart;

std::string EncodeAll(const std::vector<char32_t>& cps) {
  std::string out;
  for (char32_t cp : cps) base::AppendUtf8(cp, out);
  return out;
}

bool IsCombiningMark(char32_t cp) { return cp >= 0x0300 && cp <= 0x036F; }

// Latin Extended-A alternates upper/lower in pairs; which member is upper
// case flips in 0139-0148 and 0179-017E.
bool ExtendedAUpperIsOdd(char32_t cp) {
  return (cp >= 0x0139 && cp <= 0x0148) || (cp >= 0x0179 && cp <= 0x017E);
}
bool InExtendedAPairs(char32_t cp) {
  return cp >= 0x0100 && cp <= 0x017E && cp != 0x0138 && cp != 0x0149 &&
         cp != 0x0178;
}

char32_t ToUpper(char32_t cp) {
  if (cp >= 'a' && cp <= 'z') return cp - 0x20;
  if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) return cp - 0x20;
  if (cp == 0xFF) return 0x0178;
  if (InExtendedAPairs(cp)) {
    const bool odd = cp & 1;
    const bool is_lower = ExtendedAUpperIsOdd(cp) ? !odd : odd;
    return is_lower ? cp - 1 : cp;
  }
  return cp;
}

char32_t ToLower(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 0x20;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 0x20;
  if (cp == 0x0178) return 0xFF;
  if (InExtendedAPairs(cp)) {
    const bool odd = cp & 1;
    const bool is_upper = ExtendedAUpperIsOdd(cp) ? odd : !odd;
    return is_upper ? cp + 1 : cp;
  }
  return cp;
}

bool IsUpper(char32_t cp) { return ToLower(cp) != cp; }

std::string Lower(std::string_view text) {
  std::vector<char32_t> cps = DecodeUtf8(text);
  for (char32_t& cp : cps) cp = ToLower(cp);
  return EncodeAll(cps);
}

std::string Upper(std::string_view text) {
  std::vector<char32_t> cps = DecodeUtf8(text);
  for (char32_t& cp : cps) cp = ToUpper(cp);
  return EncodeAll(cps);
}

std::string CapitaliseFirst(std::string_view text) {
  std::vector<char32_t> cps = DecodeUtf8(text);
  if (!cps.empty()) cps[0] = ToUpper(cps[0]);
  return EncodeAll(cps);
}

bool IsApostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019; }

bool IsWordChar(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '\'';
  }
  if (cp >= 0x80 && cp <= 0xBF) return false;      // Latin-1 punctuation
  if (cp == 0xD7 || cp == 0xF7) return false;      // x and division signs
  if (cp >= 0x2000 && cp <= 0x206F) return cp == 0x2019;  // general punct.
  return true;
}

// ---- Languages ----

// Also the index of a language's list in WordLists.
enum class Lang { kEnglish, kWelsh, kPolish };

Lang LangOf(std::string_view tag) {
  auto starts = [&](std::string_view prefix) {
    if (tag.size() < prefix.size()) return false;
    if (Lower(tag.substr(0, prefix.size())) != prefix) return false;
    return tag.size() == prefix.size() || tag[prefix.size()] == '-' ||
           tag[prefix.size()] == '_';
  };
  if (starts("cy")) return Lang::kWelsh;
  if (starts("pl")) return Lang::kPolish;
  return Lang::kEnglish;
}

// ---- Layout ----

struct CharKey {
  const char* id;      // suffix after "osk.key."
  const char* text;    // lower case
  const char* spoken;  // language-file key, or "" to speak the label
};

constexpr CharKey kPunctuation[] = {
    {"full_stop", ".", "osk.full_stop"},
    {"comma", ",", "osk.comma"},
    {"question_mark", "?", "osk.question_mark"},
    {"exclamation_mark", "!", "osk.exclamation_mark"},
    {"apostrophe", "'", "osk.apostrophe"},
    {"hyphen", "-", "osk.hyphen"},
};

constexpr CharKey kWelshAccents[] = {
    {"a_circumflex", "â", ""}, {"e_circumflex", "ê", ""},
    {"i_circumflex", "î", ""}, {"o_circumflex", "ô", ""},
    {"u_circumflex", "û", ""}, {"w_circumflex", "ŵ", ""},
    {"y_circumflex", "ŷ", ""},
};

constexpr CharKey kPolishAccents[] = {
    {"a_ogonek", "ą", ""}, {"c_acute", "ć", ""}, {"e_ogonek", "ę", ""},
    {"l_stroke", "ł", ""}, {"n_acute", "ń", ""}, {"o_acute", "ó", ""},
    {"s_acute", "ś", ""},  {"z_acute", "ź", ""}, {"z_dot", "ż", ""},
};

constexpr const char* kRowKeys[] = {
    "osk.row.letters",     "osk.row.numbers", "osk.row.punctuation",
    "osk.row.accents",     "osk.row.actions", "osk.row.predictions",
};

constexpr const char* kActionKeys[] = {
    "osk.space",   "osk.delete",  "osk.new_line", "osk.capitals",
    "osk.numbers", "osk.accents", "osk.done",
};

Key CharacterKey(const CharKey& c, bool capitals) {
  Key key;
  key.id = std::string("osk.key.") + c.id;
  key.text = capitals ? Upper(c.text) : std::string(c.text);
  key.label = key.text;
  key.spoken_key = c.spoken;
  key.action = KeyAction::kType;
  return key;
}

Row LetterRow(std::string id, std::string_view letters, bool capitals) {
  Row row{std::move(id), "osk.row.letters", {}};
  for (char c : letters) {
    const std::string text(1, c);
    const CharKey spec{text.c_str(), text.c_str(), ""};
    row.keys.push_back(CharacterKey(spec, capitals));
  }
  return row;
}

Key ActionKey(std::string name, KeyAction action, std::string label = "") {
  Key key;
  key.id = "osk." + name;
  key.spoken_key = "osk." + name;
  key.label = std::move(label);
  key.action = action;
  return key;
}

bool AtSentenceStart(std::string_view before) {
  while (!before.empty() && (before.back() == ' ' || before.back() == '\t')) {
    before.remove_suffix(1);
  }
  if (before.empty()) return true;
  const char last = before.back();
  return last == '.' || last == '!' || last == '?' || last == '\n';
}

}  // namespace

std::string_view PartialWord(std::string_view text) {
  std::size_t start = text.size();
  while (start > 0) {
    const std::size_t p = PreviousCodePointStart(text, start);
    std::size_t len = 0;
    if (!IsWordChar(DecodeUtf8At(text, p, len))) break;
    start = p;
  }
  // A leading apostrophe is an opening quote, not part of the word.
  while (start < text.size()) {
    std::size_t len = 0;
    if (!IsApostrophe(DecodeUtf8At(text, start, len))) break;
    start += len;
  }
  return text.substr(start);
}

void ApplyEdit(const Edit& edit, std::string& text, std::size_t& cursor) {
  cursor = std::min(cursor, text.size());
  while (cursor > 0 && cursor < text.size() && IsUtf8Continuation(text[cursor])) {
    --cursor;
  }
  switch (edit.kind) {
    case EditKind::kNone:
    case EditKind::kDone:
      return;
    case EditKind::kInsert:
    case EditKind::kNewLine: {
      const std::string insert =
          edit.kind == EditKind::kNewLine && edit.text.empty() ? "\n"
                                                               : edit.text;
      text.insert(cursor, insert);
      cursor += insert.size();
      return;
    }
    case EditKind::kDeleteChar: {
      if (cursor == 0) return;
      // One character: a code point with any combining accents after it.
      std::size_t start = cursor;
      while (start > 0) {
        start = PreviousCodePointStart(text, start);
        std::size_t len = 0;
        if (!IsCombiningMark(DecodeUtf8At(text, start, len))) break;
      }
      text.erase(start, cursor - start);
      cursor = start;
      return;
    }
    case EditKind::kCompleteWord: {
      const std::string_view before(text.data(), cursor);
      const std::size_t start = cursor - PartialWord(before).size();
      const std::string insert = edit.text + " ";
      text.replace(start, cursor - start, insert);
      cursor = start + insert.size();
      return;
    }
  }
}

void ApplyEdit(const Edit& edit, std::string& text) {
  std::size_t cursor = text.size();
  ApplyEdit(edit, text, cursor);
}

const std::vector<std::string>& WordLists::Languages() {
  static const auto* tags = new std::vector<std::string>{"en-GB", "cy", "pl"};
  return *tags;
}

void WordLists::Set(std::string_view language_tag,
                    std::vector<std::string> words) {
  lists_[static_cast<std::size_t>(LangOf(language_tag))] =
      std::make_shared<const std::vector<std::string>>(std::move(words));
}

const std::vector<std::string>& WordLists::For(
    std::string_view language_tag) const {
  static const auto* none = new std::vector<std::string>();
  const auto& list = lists_[static_cast<std::size_t>(LangOf(language_tag))];
  return list ? *list : *none;
}

OnscreenKeyboard::OnscreenKeyboard(std::string language_tag, WordLists words)
    : language_(std::move(language_tag)), words_(std::move(words)) {}

void OnscreenKeyboard::SetLanguage(std::string language_tag) {
  language_ = std::move(language_tag);
  Reset();
}

void OnscreenKeyboard::Reset() {
  capitals_ = false;
  layer_ = KeyboardLayer::kLetters;
}

bool OnscreenKeyboard::has_accents() const {
  return LangOf(language_) != Lang::kEnglish;
}

std::vector<Row> OnscreenKeyboard::Rows() const {
  std::vector<Row> rows;
  switch (layer_) {
    case KeyboardLayer::kLetters:
      rows.push_back(LetterRow("osk.row.letters1", "qwertyuiop", capitals_));
      rows.push_back(LetterRow("osk.row.letters2", "asdfghjkl", capitals_));
      rows.push_back(LetterRow("osk.row.letters3", "zxcvbnm", capitals_));
      break;
    case KeyboardLayer::kNumbers: {
      rows.push_back(LetterRow("osk.row.numbers", "1234567890", false));
      rows.back().spoken_key = "osk.row.numbers";
      Row punctuation{"osk.row.punctuation", "osk.row.punctuation", {}};
      for (const CharKey& c : kPunctuation) {
        punctuation.keys.push_back(CharacterKey(c, false));
      }
      rows.push_back(std::move(punctuation));
      break;
    }
    case KeyboardLayer::kAccents: {
      Row accents{"osk.row.accents", "osk.row.accents", {}};
      if (LangOf(language_) == Lang::kWelsh) {
        for (const CharKey& c : kWelshAccents) {
          accents.keys.push_back(CharacterKey(c, capitals_));
        }
      } else {
        for (const CharKey& c : kPolishAccents) {
          accents.keys.push_back(CharacterKey(c, capitals_));
        }
      }
      rows.push_back(std::move(accents));
      break;
    }
  }

  Row actions{"osk.row.actions", "osk.row.actions", {}};
  actions.keys.push_back(ActionKey("space", KeyAction::kSpace));
  actions.keys.push_back(ActionKey("delete", KeyAction::kDelete));
  actions.keys.push_back(ActionKey("new_line", KeyAction::kNewLine));
  Key capitals = ActionKey("capitals", KeyAction::kCapitals);
  capitals.toggle = true;
  capitals.on = capitals_;
  actions.keys.push_back(std::move(capitals));
  const bool numbers_on = layer_ == KeyboardLayer::kNumbers;
  Key numbers =
      ActionKey("numbers", KeyAction::kNumbers, numbers_on ? "abc" : "123");
  numbers.toggle = true;
  numbers.on = numbers_on;
  actions.keys.push_back(std::move(numbers));
  if (has_accents()) {
    const bool accents_on = layer_ == KeyboardLayer::kAccents;
    const char* sample =
        LangOf(language_) == Lang::kWelsh ? "âêŵ" : "ąęł";
    Key accents = ActionKey("accents", KeyAction::kAccents,
                            accents_on ? "abc" : sample);
    accents.toggle = true;
    accents.on = accents_on;
    actions.keys.push_back(std::move(accents));
  }
  actions.keys.push_back(ActionKey("done", KeyAction::kDone));
  rows.push_back(std::move(actions));
  return rows;
}

Row OnscreenKeyboard::PredictionRow(std::string_view text_so_far,
                                    int max) const {
  Row row{"osk.row.predictions", "osk.row.predictions", {}};
  int n = 0;
  for (std::string& word : Predict(text_so_far, max)) {
    Key key;
    key.id = "osk.prediction." + std::to_string(++n);
    key.label = word;
    key.text = std::move(word);
    key.action = KeyAction::kPrediction;
    row.keys.push_back(std::move(key));
  }
  return row;
}

Edit OnscreenKeyboard::Press(const Key& key) {
  switch (key.action) {
    case KeyAction::kType:
      return {EditKind::kInsert, key.text};
    case KeyAction::kSpace:
      return {EditKind::kInsert, " "};
    case KeyAction::kDelete:
      return {EditKind::kDeleteChar, ""};
    case KeyAction::kNewLine:
      return {EditKind::kNewLine, "\n"};
    case KeyAction::kCapitals:
      capitals_ = !capitals_;
      return {};
    case KeyAction::kNumbers:
      layer_ = layer_ == KeyboardLayer::kNumbers ? KeyboardLayer::kLetters
                                                 : KeyboardLayer::kNumbers;
      return {};
    case KeyAction::kAccents:
      if (!has_accents()) return {};
      layer_ = layer_ == KeyboardLayer::kAccents ? KeyboardLayer::kLetters
                                                 : KeyboardLayer::kAccents;
      return {};
    case KeyAction::kDone:
      return {EditKind::kDone, ""};
    case KeyAction::kPrediction:
      return ChoosePrediction(key.text);
  }
  return {};
}

std::vector<std::string> OnscreenKeyboard::Predict(std::string_view text_so_far,
                                                   int max) const {
  std::vector<std::string> out;
  const std::string_view partial = PartialWord(text_so_far);
  if (partial.empty() || max <= 0) return out;
  const std::string lower = Lower(partial);
  const std::vector<char32_t> typed = DecodeUtf8(partial);
  const bool all_caps =
      typed.size() >= 2 && std::all_of(typed.begin(), typed.end(), [](char32_t c) {
        return IsUpper(c) || IsApostrophe(c);
      });
  const bool capital =
      IsUpper(typed.front()) ||
      AtSentenceStart(text_so_far.substr(0, text_so_far.size() - partial.size()));

  for (const std::string& word : words_.For(language_)) {
    const std::string word_lower = Lower(word);
    if (word_lower.size() <= lower.size() ||
        word_lower.compare(0, lower.size(), lower) != 0) {
      continue;
    }
    std::string shown;
    if (all_caps) {
      shown = Upper(word);
    } else if (capital) {
      shown = CapitaliseFirst(word);
    } else {
      shown = word;  // keeps list capitals: "I", "Cymraeg"
    }
    if (std::find(out.begin(), out.end(), shown) != out.end()) continue;
    out.push_back(std::move(shown));
    if (static_cast<int>(out.size()) >= max) break;
  }
  return out;
}

Edit OnscreenKeyboard::ChoosePrediction(std::string_view word) {
  return {EditKind::kCompleteWord, std::string(word)};
}

std::vector<std::string> OnscreenKeyboard::SpokenKeys() {
  std::vector<std::string> keys;
  for (const char* k : kActionKeys) keys.emplace_back(k);
  for (const CharKey& c : kPunctuation) keys.emplace_back(c.spoken);
  for (const char* k : kRowKeys) keys.emplace_back(k);
  return keys;
}

}  // namespace carevoice::client
