#include "client/app/onscreen_keyboard.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace carevoice::client {
namespace {

std::string Labels(const Row& row) {
  std::string out;
  for (const Key& key : row.keys) out += key.label;
  return out;
}

const Key& FindKey(const std::vector<Row>& rows, const std::string& id) {
  for (const Row& row : rows) {
    for (const Key& key : row.keys) {
      if (key.id == id) return key;
    }
  }
  ADD_FAILURE() << "no key " << id;
  static const Key kMissing;
  return kMissing;
}

bool HasKey(const std::vector<Row>& rows, const std::string& id) {
  for (const Row& row : rows) {
    for (const Key& key : row.keys) {
      if (key.id == id) return true;
    }
  }
  return false;
}

// Presses the key with `id` on the current layout and applies the edit.
Edit PressId(OnscreenKeyboard& keyboard, const std::string& id,
             std::string& text) {
  const Key key = FindKey(keyboard.Rows(), id);
  Edit edit = keyboard.Press(key);
  ApplyEdit(edit, text);
  return edit;
}

// Word lists for the prediction tests, most frequent first as in
// assets/words (the keyboard is given its lists; tests/lang/word_lists_test.cc
// checks the real files and the predictions they give).
WordLists TestWords() {
  WordLists words;
  words.Set("en-GB", {"the", "and", "to", "I", "a", "my", "was", "is", "in",
                      "it", "staff", "care", "carer", "carers", "kind",
                      "time", "medication", "caring", "careful", "carefully",
                      "cared", "cares", "kindness", "medicine", "Monday"});
  words.Set("cy", {"a", "y", "yn", "diolch", "gofal", "gofalwr", "gofalwyr",
                   "Cymraeg", "dŵr"});
  words.Set("pl", {"i", "w", "nie", "dziękuję", "dobrze", "łóżko", "łazienka",
                   "źle"});
  return words;
}

std::vector<std::string> Ids(const Row& row) {
  std::vector<std::string> ids;
  for (const Key& key : row.keys) ids.push_back(key.id);
  return ids;
}

TEST(OnscreenKeyboardTest, EnglishLettersAreQwertyInLowerCase) {
  OnscreenKeyboard keyboard("en-GB");
  const std::vector<Row> rows = keyboard.Rows();
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(Labels(rows[0]), "qwertyuiop");
  EXPECT_EQ(Labels(rows[1]), "asdfghjkl");
  EXPECT_EQ(Labels(rows[2]), "zxcvbnm");
  EXPECT_EQ(rows[0].id, "osk.row.letters1");
  EXPECT_EQ(rows[0].spoken_key, "osk.row.letters");
  EXPECT_EQ(rows[0].keys[0].id, "osk.key.q");
  EXPECT_EQ(rows[0].keys[0].text, "q");
  EXPECT_EQ(rows[0].keys[0].spoken_key, "");  // the label is spoken
  EXPECT_EQ(rows[0].keys[0].action, KeyAction::kType);
  EXPECT_EQ(rows[3].id, "osk.row.actions");
  EXPECT_EQ(Ids(rows[3]),
            (std::vector<std::string>{"osk.space", "osk.delete",
                                      "osk.new_line", "osk.capitals",
                                      "osk.numbers", "osk.done"}));
  EXPECT_FALSE(keyboard.has_accents());
}

TEST(OnscreenKeyboardTest, ActionKeysNameTheirLanguageKeys) {
  OnscreenKeyboard keyboard("en-GB");
  const std::vector<Row> rows = keyboard.Rows();
  const Key& space = FindKey(rows, "osk.space");
  EXPECT_EQ(space.spoken_key, "osk.space");
  EXPECT_EQ(space.label, "");  // drawn from the language file
  EXPECT_EQ(space.action, KeyAction::kSpace);
  EXPECT_EQ(FindKey(rows, "osk.delete").action, KeyAction::kDelete);
  EXPECT_EQ(FindKey(rows, "osk.new_line").action, KeyAction::kNewLine);
  EXPECT_EQ(FindKey(rows, "osk.done").action, KeyAction::kDone);
  EXPECT_EQ(FindKey(rows, "osk.numbers").label, "123");

  const std::vector<std::string> spoken = OnscreenKeyboard::SpokenKeys();
  const std::set<std::string> known(spoken.begin(), spoken.end());
  for (const char* tag : {"en-GB", "cy", "pl"}) {
    OnscreenKeyboard k(tag);
    for (KeyAction layer_key :
         {KeyAction::kType, KeyAction::kNumbers, KeyAction::kAccents}) {
      if (layer_key != KeyAction::kType) {
        Key toggle;
        toggle.action = layer_key;
        k.Reset();
        k.Press(toggle);
      }
      for (const Row& row : k.Rows()) {
        EXPECT_TRUE(known.count(row.spoken_key)) << row.spoken_key;
        for (const Key& key : row.keys) {
          if (!key.spoken_key.empty()) {
            EXPECT_TRUE(known.count(key.spoken_key)) << key.spoken_key;
          }
          EXPECT_FALSE(key.label.empty() && key.spoken_key.empty()) << key.id;
        }
      }
    }
  }
}

TEST(OnscreenKeyboardTest, KeyIdsAreUniqueOnEveryLayer) {
  for (const char* tag : {"en-GB", "cy", "pl"}) {
    OnscreenKeyboard keyboard(tag);
    std::set<std::string> ids;
    const int layers = keyboard.has_accents() ? 3 : 2;
    for (int layer = 0; layer < layers; ++layer) {
      for (const Row& row : keyboard.Rows()) {
        for (const Key& key : row.keys) {
          if (key.action == KeyAction::kType) {
            EXPECT_TRUE(ids.insert(key.id).second) << tag << " " << key.id;
          }
        }
      }
      Key toggle;
      toggle.action = layer == 0 ? KeyAction::kNumbers : KeyAction::kAccents;
      keyboard.Reset();
      keyboard.Press(toggle);
    }
  }
}

TEST(OnscreenKeyboardTest, TypingBuildsText) {
  OnscreenKeyboard keyboard;
  std::string text;
  for (const char* id : {"osk.key.h", "osk.key.i", "osk.space", "osk.key.a"}) {
    PressId(keyboard, id, text);
  }
  EXPECT_EQ(text, "hi a");
  EXPECT_EQ(PressId(keyboard, "osk.new_line", text).kind, EditKind::kNewLine);
  EXPECT_EQ(text, "hi a\n");
  EXPECT_EQ(PressId(keyboard, "osk.delete", text).kind, EditKind::kDeleteChar);
  EXPECT_EQ(text, "hi a");
  const Edit done = PressId(keyboard, "osk.done", text);
  EXPECT_EQ(done.kind, EditKind::kDone);
  EXPECT_EQ(text, "hi a");  // done keeps the text
}

TEST(OnscreenKeyboardTest, CapitalsIsALockThatChangesLabelsAndText) {
  OnscreenKeyboard keyboard;
  std::string text;
  EXPECT_FALSE(FindKey(keyboard.Rows(), "osk.capitals").on);
  EXPECT_TRUE(FindKey(keyboard.Rows(), "osk.capitals").toggle);
  EXPECT_EQ(PressId(keyboard, "osk.capitals", text).kind, EditKind::kNone);
  EXPECT_TRUE(keyboard.capitals());
  const std::vector<Row> rows = keyboard.Rows();
  EXPECT_TRUE(FindKey(rows, "osk.capitals").on);
  EXPECT_EQ(Labels(rows[0]), "QWERTYUIOP");
  EXPECT_EQ(rows[0].keys[0].id, "osk.key.q");  // ids stay, so focus stays
  PressId(keyboard, "osk.key.o", text);
  PressId(keyboard, "osk.key.k", text);  // still on: a lock
  EXPECT_EQ(text, "OK");
  PressId(keyboard, "osk.capitals", text);
  PressId(keyboard, "osk.key.a", text);
  EXPECT_EQ(text, "OKa");
}

TEST(OnscreenKeyboardTest, NumbersLayerHasDigitsAndPunctuation) {
  OnscreenKeyboard keyboard;
  std::string text;
  PressId(keyboard, "osk.numbers", text);
  EXPECT_EQ(keyboard.layer(), KeyboardLayer::kNumbers);
  std::vector<Row> rows = keyboard.Rows();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(Labels(rows[0]), "1234567890");
  EXPECT_EQ(rows[0].spoken_key, "osk.row.numbers");
  EXPECT_EQ(Labels(rows[1]), ".,?!'-");
  EXPECT_EQ(rows[1].keys[0].spoken_key, "osk.full_stop");
  EXPECT_EQ(rows[1].keys[2].spoken_key, "osk.question_mark");
  const Key& toggle = FindKey(rows, "osk.numbers");
  EXPECT_TRUE(toggle.on);
  EXPECT_EQ(toggle.label, "abc");
  // Capitals do not touch digits.
  PressId(keyboard, "osk.capitals", text);
  PressId(keyboard, "osk.key.4", text);
  PressId(keyboard, "osk.key.full_stop", text);
  EXPECT_EQ(text, "4.");
  PressId(keyboard, "osk.numbers", text);
  EXPECT_EQ(keyboard.layer(), KeyboardLayer::kLetters);
  EXPECT_EQ(Labels(keyboard.Rows()[0]), "QWERTYUIOP");
}

TEST(OnscreenKeyboardTest, EnglishHasNoAccentsLayer) {
  OnscreenKeyboard keyboard("en-GB");
  EXPECT_FALSE(HasKey(keyboard.Rows(), "osk.accents"));
  Key accents;
  accents.action = KeyAction::kAccents;
  EXPECT_EQ(keyboard.Press(accents).kind, EditKind::kNone);
  EXPECT_EQ(keyboard.layer(), KeyboardLayer::kLetters);
  // Languages with an English screen get the English layout.
  EXPECT_FALSE(OnscreenKeyboard("ur").has_accents());
}

TEST(OnscreenKeyboardTest, WelshAccentsLayer) {
  OnscreenKeyboard keyboard("cy");
  EXPECT_TRUE(keyboard.has_accents());
  std::string text;
  EXPECT_EQ(FindKey(keyboard.Rows(), "osk.accents").label, "âêŵ");
  PressId(keyboard, "osk.accents", text);
  EXPECT_EQ(keyboard.layer(), KeyboardLayer::kAccents);
  std::vector<Row> rows = keyboard.Rows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].spoken_key, "osk.row.accents");
  EXPECT_EQ(Labels(rows[0]), "âêîôûŵŷ");
  EXPECT_TRUE(FindKey(rows, "osk.accents").on);
  PressId(keyboard, "osk.key.w_circumflex", text);
  PressId(keyboard, "osk.capitals", text);
  EXPECT_EQ(Labels(keyboard.Rows()[0]), "ÂÊÎÔÛŴŶ");
  PressId(keyboard, "osk.key.y_circumflex", text);
  EXPECT_EQ(text, "ŵŶ");
  EXPECT_TRUE(OnscreenKeyboard("cy-GB").has_accents());
}

TEST(OnscreenKeyboardTest, PolishAccentsLayer) {
  OnscreenKeyboard keyboard("pl");
  std::string text;
  PressId(keyboard, "osk.accents", text);
  std::vector<Row> rows = keyboard.Rows();
  EXPECT_EQ(Labels(rows[0]), "ąćęłńóśźż");
  PressId(keyboard, "osk.capitals", text);
  EXPECT_EQ(Labels(keyboard.Rows()[0]), "ĄĆĘŁŃÓŚŹŻ");
  PressId(keyboard, "osk.key.l_stroke", text);
  PressId(keyboard, "osk.capitals", text);
  PressId(keyboard, "osk.key.o_acute", text);
  PressId(keyboard, "osk.accents", text);
  PressId(keyboard, "osk.key.d", text);
  PressId(keyboard, "osk.accents", text);
  PressId(keyboard, "osk.key.z_acute", text);
  EXPECT_EQ(text, "Łódź");
}

TEST(OnscreenKeyboardTest, SetLanguageAndResetClearTheState) {
  OnscreenKeyboard keyboard("pl");
  std::string text;
  PressId(keyboard, "osk.capitals", text);
  PressId(keyboard, "osk.accents", text);
  keyboard.SetLanguage("en-GB");
  EXPECT_FALSE(keyboard.capitals());
  EXPECT_EQ(keyboard.layer(), KeyboardLayer::kLetters);
  PressId(keyboard, "osk.numbers", text);
  PressId(keyboard, "osk.capitals", text);
  keyboard.Reset();
  EXPECT_FALSE(keyboard.capitals());
  EXPECT_EQ(keyboard.layer(), KeyboardLayer::kLetters);
}

TEST(ApplyEditTest, DeleteRemovesOneWholeMultibyteCharacter) {
  std::string text = "Łódź ŵ";
  const Edit del{EditKind::kDeleteChar, ""};
  ApplyEdit(del, text);
  EXPECT_EQ(text, "Łódź ");
  ApplyEdit(del, text);
  ApplyEdit(del, text);
  EXPECT_EQ(text, "Łód");
  ApplyEdit(del, text);
  ApplyEdit(del, text);
  EXPECT_EQ(text, "Ł");
  ApplyEdit(del, text);
  EXPECT_EQ(text, "");
  ApplyEdit(del, text);  // nothing to delete: no harm
  EXPECT_EQ(text, "");

  std::string emoji = "ok \xF0\x9F\x98\x80";  // U+1F600, four bytes
  ApplyEdit(del, emoji);
  EXPECT_EQ(emoji, "ok ");
}

TEST(ApplyEditTest, DeleteTakesCombiningAccentsWithTheirLetter) {
  std::string text = "tw\xCC\x82";  // "w" + U+0302 combining circumflex
  ApplyEdit({EditKind::kDeleteChar, ""}, text);
  EXPECT_EQ(text, "t");
}

TEST(ApplyEditTest, EditsAtACursor) {
  std::string text = "cae";
  std::size_t cursor = 2;
  ApplyEdit({EditKind::kInsert, "ŵ"}, text, cursor);
  EXPECT_EQ(text, "caŵe");
  EXPECT_EQ(cursor, 4u);
  ApplyEdit({EditKind::kDeleteChar, ""}, text, cursor);
  EXPECT_EQ(text, "cae");
  EXPECT_EQ(cursor, 2u);
  // A cursor inside a multibyte character moves back to its start.
  text = "ŵx";
  cursor = 1;
  ApplyEdit({EditKind::kInsert, "a"}, text, cursor);
  EXPECT_EQ(text, "aŵx");
  cursor = 99;  // clamped to the end
  ApplyEdit({EditKind::kNewLine, "\n"}, text, cursor);
  EXPECT_EQ(text, "aŵx\n");
  EXPECT_EQ(cursor, text.size());
}

TEST(PartialWordTest, FindsTheTrailingWord) {
  EXPECT_EQ(PartialWord("the car"), "car");
  EXPECT_EQ(PartialWord("the car "), "");
  EXPECT_EQ(PartialWord(""), "");
  EXPECT_EQ(PartialWord("ok."), "");
  EXPECT_EQ(PartialWord("room 12"), "");
  EXPECT_EQ(PartialWord("she didn't"), "didn't");
  EXPECT_EQ(PartialWord("said 'hel"), "hel");
  EXPECT_EQ(PartialWord("(gof"), "gof");
  EXPECT_EQ(PartialWord("bardzo źl"), "źl");
  EXPECT_EQ(PartialWord("well-be"), "be");
  EXPECT_EQ(PartialWord("line\nsta"), "sta");
}

TEST(PredictTest, CompletesThePartialWordByFrequency) {
  OnscreenKeyboard keyboard("en-GB", TestWords());
  const std::vector<std::string> words = keyboard.Predict("my car", 3);
  ASSERT_EQ(words.size(), 3u);
  EXPECT_EQ(words[0], "care");
  EXPECT_EQ(words[1], "carer");
  EXPECT_EQ(keyboard.Predict("my car", 1), std::vector<std::string>{"care"});
  EXPECT_GE(keyboard.Predict("my car", 10).size(), 5u);
  EXPECT_TRUE(keyboard.Predict("my car", 0).empty());
  const auto med = keyboard.Predict("her med");
  EXPECT_NE(std::find(med.begin(), med.end(), "medication"), med.end());
}

TEST(PredictTest, NothingForACompleteUnknownWordOrNoPartialWord) {
  OnscreenKeyboard keyboard("en-GB", TestWords());
  EXPECT_TRUE(keyboard.Predict("the xyzzy").empty());
  EXPECT_TRUE(keyboard.Predict("the care ").empty());
  EXPECT_TRUE(keyboard.Predict("").empty());
  EXPECT_TRUE(keyboard.Predict("12").empty());
  // The word itself is not offered back.
  for (const std::string& w : keyboard.Predict("a medication")) {
    EXPECT_NE(w, "medication");
  }
}

TEST(PredictTest, CapitalAtTheStartOfTheTextOrASentence) {
  OnscreenKeyboard keyboard("en-GB", TestWords());
  EXPECT_EQ(keyboard.Predict("car", 2),
            (std::vector<std::string>{"Care", "Carer"}));
  EXPECT_EQ(keyboard.Predict("It was fine. car", 2),
            (std::vector<std::string>{"Care", "Carer"}));
  EXPECT_EQ(keyboard.Predict("Really?  sta", 1),
            (std::vector<std::string>{"Staff"}));
  EXPECT_EQ(keyboard.Predict("Fine\nsta", 1),
            (std::vector<std::string>{"Staff"}));
  EXPECT_EQ(keyboard.Predict("the sta", 1),
            (std::vector<std::string>{"staff"}));
}

TEST(PredictTest, PreservesTheCaseTyped) {
  OnscreenKeyboard keyboard("en-GB", TestWords());
  EXPECT_EQ(keyboard.Predict("my Car", 1), std::vector<std::string>{"Care"});
  EXPECT_EQ(keyboard.Predict("my CAR", 1), std::vector<std::string>{"CARE"});
  EXPECT_EQ(keyboard.Predict("my cAR", 1), std::vector<std::string>{"care"});
  // Words that always have a capital keep it.
  EXPECT_EQ(keyboard.Predict("on mond", 1), std::vector<std::string>{"Monday"});
  EXPECT_EQ(keyboard.Predict("and i", 1).size(), 1u);
  OnscreenKeyboard welsh("cy", TestWords());
  EXPECT_EQ(welsh.Predict("yn cymr", 1), std::vector<std::string>{"Cymraeg"});
}

TEST(PredictTest, WelshAndPolishWordLists) {
  OnscreenKeyboard welsh("cy", TestWords());
  EXPECT_EQ(welsh.Predict("y gofalw", 1),
            std::vector<std::string>{"gofalwr"});
  EXPECT_EQ(welsh.Predict("Dio", 1), std::vector<std::string>{"Diolch"});
  OnscreenKeyboard polish("pl", TestWords());
  EXPECT_EQ(polish.Predict("bardzo dzię", 1),
            std::vector<std::string>{"dziękuję"});
  // Accented first letter capitalised at the start.
  EXPECT_EQ(polish.Predict("łóż", 1), std::vector<std::string>{"Łóżko"});
  EXPECT_EQ(polish.Predict("w ŁAZ", 1),
            std::vector<std::string>{"ŁAZIENKA"});
  // English words are not offered in Polish.
  EXPECT_TRUE(polish.Predict("my car").empty());
}

TEST(PredictTest, ChoosingAPredictionReplacesThePartialWord) {
  OnscreenKeyboard keyboard("en-GB", TestWords());
  std::string text = "The car";
  const std::vector<std::string> words = keyboard.Predict(text);
  ASSERT_FALSE(words.empty());
  const Edit edit = OnscreenKeyboard::ChoosePrediction(words[1]);
  EXPECT_EQ(edit.kind, EditKind::kCompleteWord);
  ApplyEdit(edit, text);
  EXPECT_EQ(text, "The carer ");
  EXPECT_TRUE(keyboard.Predict(text).empty());

  std::string welsh = "Roedd y gofalw";
  ApplyEdit(OnscreenKeyboard::ChoosePrediction("gofalwr"), welsh);
  EXPECT_EQ(welsh, "Roedd y gofalwr ");
}

TEST(PredictTest, PredictionRowKeysComplete) {
  OnscreenKeyboard keyboard("en-GB", TestWords());
  std::string text = "she was kin";
  const Row row = keyboard.PredictionRow(text);
  EXPECT_EQ(row.id, "osk.row.predictions");
  ASSERT_FALSE(row.keys.empty());
  EXPECT_EQ(row.keys[0].id, "osk.prediction.1");
  EXPECT_EQ(row.keys[0].label, "kind");
  EXPECT_EQ(row.keys[0].action, KeyAction::kPrediction);
  ApplyEdit(keyboard.Press(row.keys[0]), text);
  EXPECT_EQ(text, "she was kind ");
  EXPECT_TRUE(keyboard.PredictionRow(text).keys.empty());
}

TEST(PredictTest, NoWordListsNoPredictions) {
  OnscreenKeyboard keyboard("en-GB");
  EXPECT_TRUE(keyboard.Predict("my car").empty());
  EXPECT_TRUE(keyboard.PredictionRow("my car").keys.empty());
  std::string text = "my car";
  PressId(keyboard, "osk.key.e", text);  // typing still works
  EXPECT_EQ(text, "my care");
}

TEST(PredictTest, EachTagUsesItsLanguagesList) {
  const WordLists words = TestWords();
  EXPECT_EQ(words.For("cy-GB"), words.For("cy"));
  EXPECT_EQ(words.For("PL_pl"), words.For("pl"));
  EXPECT_EQ(words.For("ur"), words.For("en-GB"));  // English keyboard
  EXPECT_EQ(words.For("cym"), words.For("en-GB"));  // not "cy"
  EXPECT_EQ(WordLists::Languages(),
            (std::vector<std::string>{"en-GB", "cy", "pl"}));

  OnscreenKeyboard keyboard("ur", words);
  EXPECT_EQ(keyboard.Predict("my car", 1), std::vector<std::string>{"care"});
  keyboard.SetLanguage("cy-GB");  // the lists stay; the Welsh one is used
  EXPECT_EQ(keyboard.Predict("y gofalw", 1),
            std::vector<std::string>{"gofalwr"});
  EXPECT_TRUE(keyboard.Predict("my car").empty());
}

TEST(PredictTest, SetWordsReplacesOneLanguagesList) {
  OnscreenKeyboard keyboard("cy", TestWords());
  keyboard.SetWords("cy", {"gofalus", "gofalwr"});
  EXPECT_EQ(keyboard.Predict("y gofa", 3),
            (std::vector<std::string>{"gofalus", "gofalwr"}));
  keyboard.SetLanguage("en-GB");  // the other lists are untouched
  EXPECT_EQ(keyboard.Predict("my car", 1), std::vector<std::string>{"care"});
  keyboard.SetWords(WordLists{});
  EXPECT_TRUE(keyboard.Predict("my car").empty());
}

}  // namespace
}  // namespace carevoice::client
