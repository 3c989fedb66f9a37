// Easy Read (ACCESSIBILITY.md item 24, after the UK Department of Health
// Easy Read guidance): every screen text in en-GB has an "easy.<key>"
// version beside a named picture ("picture.<key>"), and every Easy Read
// text in every language passes a lint: at most 15 words a sentence, no
// acronyms, and a simple "one idea per sentence" heuristic (see
// EasyReadProblems in lang_util.h).
#include <gtest/gtest.h>

#include <sstream>

#include "tests/lang/lang_util.h"

namespace carevoice::lang_test {
namespace {

std::string Join(const std::vector<std::string>& items) {
  std::ostringstream out;
  for (const std::string& item : items) out << "\n  " << item;
  return out.str();
}

std::vector<std::string> AllTags() {
  std::vector<std::string> tags = {kMaster};
  tags.insert(tags.end(), Translations().begin(), Translations().end());
  return tags;
}

TEST(EasyReadTest, EveryEnglishScreenTextHasAnEasyReadVersion) {
  auto en = Load(kMaster);
  ASSERT_TRUE(en.has_value());
  std::vector<std::string> missing;
  int screen_texts = 0;
  for (const std::string& key : en->Keys()) {
    if (!NeedsEasyRead(key, en->Get(key))) continue;
    ++screen_texts;
    if (!en->Has("easy." + key)) missing.push_back("easy." + key);
  }
  EXPECT_GT(screen_texts, 20) << "the screen-text rule matches too little";
  EXPECT_TRUE(missing.empty()) << "add to en-GB.json (and every translation):"
                               << Join(missing);
}

class EasyReadFileTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    lang_ = Load(GetParam());
    ASSERT_TRUE(lang_.has_value());
  }
  std::vector<std::string> EasyKeys() const {
    std::vector<std::string> keys;
    for (const std::string& key : lang_->Keys()) {
      if (StartsWith(key, "easy.")) keys.push_back(key);
    }
    return keys;
  }
  std::optional<client::Strings> lang_;
};

TEST_P(EasyReadFileTest, EveryEasyReadTextPassesTheLint) {
  std::vector<std::string> problems;
  for (const std::string& key : EasyKeys()) {
    for (const std::string& problem : EasyReadProblems(lang_->Get(key), GetParam())) {
      problems.push_back(key + ": " + problem);
    }
  }
  EXPECT_TRUE(problems.empty()) << GetParam() << ":" << Join(problems);
}

TEST_P(EasyReadFileTest, EveryEasyReadTextHasAKnownPicture) {
  std::vector<std::string> wrong;
  for (const std::string& key : EasyKeys()) {
    const std::string picture_key = "picture." + key.substr(5);
    if (!lang_->Has(picture_key)) {
      wrong.push_back(picture_key + " is missing");
    } else if (KnownPictures().count(lang_->Get(picture_key)) == 0) {
      wrong.push_back(picture_key + " = \"" + lang_->Get(picture_key) +
                      "\" is not a picture the kiosk draws");
    }
  }
  for (const std::string& key : lang_->Keys()) {
    if (StartsWith(key, "picture.") && !lang_->Has("easy." + key.substr(8))) {
      wrong.push_back(key + " has no easy." + key.substr(8));
    }
  }
  EXPECT_TRUE(wrong.empty()) << Join(wrong);
}

TEST_P(EasyReadFileTest, EasyReadTextKeepsThePlaceholdersOfItsOriginal) {
  std::vector<std::string> wrong;
  for (const std::string& key : EasyKeys()) {
    const std::string original = key.substr(5);
    if (!lang_->Has(original)) {
      wrong.push_back(key + ": there is no " + original);
      continue;
    }
    if (Placeholders(lang_->Get(key)) != Placeholders(lang_->Get(original))) {
      wrong.push_back(key + ": \"" + lang_->Get(key) + "\" vs \"" +
                      lang_->Get(original) + "\"");
    }
  }
  EXPECT_TRUE(wrong.empty()) << Join(wrong);
}

INSTANTIATE_TEST_SUITE_P(Languages, EasyReadFileTest, ::testing::ValuesIn(AllTags()),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name) c = c == '-' ? '_' : c;
                           return name;
                         });

// The lint itself: it must catch what it claims to.
TEST(EasyReadLintTest, PassesPlainText) {
  EXPECT_TRUE(EasyReadProblems("Choose a face. You do not have to choose.", "en-GB").empty());
  EXPECT_TRUE(EasyReadProblems("If it is right, choose Send. It is OK.", "en-GB").empty());
  EXPECT_TRUE(EasyReadProblems("Your reference is {0}. Here it is again: {0}.", "en-GB").empty());
}

TEST(EasyReadLintTest, CountsWordsPerSentence) {
  const std::string sixteen =
      "one two three four five six seven eight nine ten eleven twelve "
      "thirteen fourteen fifteen sixteen.";
  EXPECT_EQ(EasyReadProblems(sixteen, "en-GB").size(), 1u);
  EXPECT_TRUE(EasyReadProblems(sixteen.substr(sixteen.find(' ') + 1), "en-GB").empty());
  EXPECT_EQ(Sentences("Un. Dau? Tri! Pedwar").size(), 4u);
  EXPECT_EQ(Sentences("ایک چنیں۔ آپ کیا چاہتے ہیں؟").size(), 2u);
  EXPECT_EQ(Sentences("ਇੱਕ ਚੁਣੋ। ਧੰਨਵਾਦ").size(), 2u);
  EXPECT_EQ(Words("Press F1 - for help .").size(), 4u);
}

TEST(EasyReadLintTest, FindsAcronymsButAllowsOk) {
  EXPECT_FALSE(EasyReadProblems("Ask the NHS.", "en-GB").empty());
  EXPECT_FALSE(EasyReadProblems("Tell the LGSCO.", "en-GB").empty());
  EXPECT_TRUE(EasyReadProblems("That is OK. Press F12.", "en-GB").empty());
}

TEST(EasyReadLintTest, OneIdeaPerSentence) {
  EXPECT_FALSE(EasyReadProblems("Tell us what works and what is wrong or what should change.", "en-GB").empty());
  EXPECT_FALSE(EasyReadProblems("Home care, day care, and care homes.", "en-GB").empty());
  EXPECT_FALSE(EasyReadProblems("Choose one; then press Send.", "en-GB").empty());
  EXPECT_FALSE(EasyReadProblems("Pwyswch Tab neu'r saeth ac Enter.", "cy").empty());
  EXPECT_FALSE(EasyReadProblems("Naciśnij Tab lub strzałkę i Enter.", "pl").empty());
  EXPECT_FALSE(EasyReadProblems("Tab یا Enter اور Space دبائیں۔", "ur").empty());
  EXPECT_TRUE(EasyReadProblems("Press Tab or Enter.", "en-GB").empty());
}

TEST(EasyReadLintTest, ScreenTextRule) {
  EXPECT_TRUE(NeedsEasyRead("home.title", "What would you like to do?"));
  EXPECT_TRUE(NeedsEasyRead("more.field.hint", "Type on the keyboard."));
  EXPECT_TRUE(NeedsEasyRead("thanks.sent", "Your feedback has reached the council."));
  EXPECT_FALSE(NeedsEasyRead("review.send", "Send"));
  EXPECT_FALSE(NeedsEasyRead("rating.5", "Very good"));
  EXPECT_FALSE(NeedsEasyRead("error.required", "{0}: this is needed."));
  EXPECT_FALSE(NeedsEasyRead("easy.home.title", "What do you want to do?"));
}

}  // namespace
}  // namespace carevoice::lang_test
