// The on-screen keyboard's word lists (assets/words/<tag>.txt): every
// keyboard language has one, each is UTF-8 with one word per line that the
// keyboard can complete, and the real lists give the predictions people
// rely on. Also the loader's errors, on files written here.
#include <gtest/gtest.h>

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "client/app/onscreen_keyboard.h"
#include "client/app/word_list_files.h"
#include "tests/lang/lang_util.h"

namespace carevoice::lang_test {
namespace {

using client::LoadWordList;
using client::LoadWordLists;
using client::OnscreenKeyboard;
using client::WordLists;

std::string WordsDir() { return std::string(CAREVOICE_ASSETS_DIR) + "/words"; }

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(WordLists, EveryKeyboardLanguageHasItsFileAndNoOther) {
  std::set<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(WordsDir())) {
    if (entry.path().extension() == ".txt") files.insert(entry.path().stem().string());
  }
  const std::vector<std::string>& tags = WordLists::Languages();
  EXPECT_EQ(files, std::set<std::string>(tags.begin(), tags.end()))
      << "a word list the kiosk would not load, or a language without one";

  absl::StatusOr<WordLists> lists = LoadWordLists(WordsDir());
  ASSERT_TRUE(lists.ok()) << lists.status();
  // The lists as they were when they moved out of the code (367, 77 and 94
  // words): they may grow, but a truncated file fails here.
  EXPECT_GE(lists->For("en-GB").size(), 367u);
  EXPECT_GE(lists->For("cy").size(), 77u);
  EXPECT_GE(lists->For("pl").size(), 94u);
}

TEST(WordLists, OneWholeWordPerLineInUtf8) {
  for (const std::string& tag : WordLists::Languages()) {
    const std::string path = WordsDir() + "/" + tag + ".txt";
    const std::string text = ReadAll(path);
    ASSERT_FALSE(text.empty()) << path;
    EXPECT_TRUE(DecodeUtf8(text).has_value()) << path << ": not UTF-8";
    EXPECT_EQ(text.back(), '\n') << path << ": no newline at the end";
    EXPECT_EQ(text.find('\r'), std::string::npos) << path << ": CR line ends";
    EXPECT_EQ(text.find("\n\n"), std::string::npos) << path << ": blank line";
    absl::StatusOr<std::vector<std::string>> words = LoadWordList(path);
    ASSERT_TRUE(words.ok()) << words.status();
    for (const std::string& word : *words) {
      // The keyboard completes the partial word it finds at the end of the
      // text; a word it would not see whole (a space, a digit, punctuation)
      // could never be offered.
      EXPECT_EQ(client::PartialWord(word), word) << path << ": \"" << word << "\"";
    }
  }
}

TEST(WordLists, RealListsPredictWhatPeopleType) {
  absl::StatusOr<WordLists> lists = LoadWordLists(WordsDir());
  ASSERT_TRUE(lists.ok()) << lists.status();
  OnscreenKeyboard english("en-GB", *lists);
  const std::vector<std::string> car = english.Predict("my car", 3);
  ASSERT_EQ(car.size(), 3u);
  EXPECT_EQ(car[0], "care");  // most frequent first
  EXPECT_EQ(car[1], "carer");
  EXPECT_EQ(english.Predict("car", 2), (std::vector<std::string>{"Care", "Carer"}));
  const std::vector<std::string> med = english.Predict("her med");
  EXPECT_NE(std::find(med.begin(), med.end(), "medication"), med.end());
  EXPECT_EQ(english.Predict("on mond", 1), std::vector<std::string>{"Monday"});
  EXPECT_EQ(english.Predict("she was kin", 1), std::vector<std::string>{"kind"});

  OnscreenKeyboard welsh("cy", *lists);
  EXPECT_EQ(welsh.Predict("y gofalw", 1), std::vector<std::string>{"gofalwr"});
  EXPECT_EQ(welsh.Predict("Dio", 1), std::vector<std::string>{"Diolch"});
  EXPECT_EQ(welsh.Predict("yn cymr", 1), std::vector<std::string>{"Cymraeg"});
  EXPECT_EQ(welsh.Predict("dŵ", 1), std::vector<std::string>{"Dŵr"});

  OnscreenKeyboard polish("pl", *lists);
  EXPECT_EQ(polish.Predict("bardzo dzię", 1), std::vector<std::string>{"dziękuję"});
  EXPECT_EQ(polish.Predict("łóż", 1), std::vector<std::string>{"Łóżko"});
  EXPECT_TRUE(polish.Predict("my car").empty());
}

class WordListFile : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/carevoice-words-XXXXXX";
    dir_ = mkdtemp(pattern);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  std::string dir_;
};

TEST_F(WordListFile, ReadsWordsInOrderSkippingBlankLinesAndCr) {
  auto words = LoadWordList(Write("en-GB.txt", "the\r\ncare\n\ncarer\nMonday"));
  ASSERT_TRUE(words.ok()) << words.status();
  EXPECT_EQ(*words, (std::vector<std::string>{"the", "care", "carer", "Monday"}));
}

TEST_F(WordListFile, ClearErrorsNameTheFileAndLine) {
  auto missing = LoadWordList(dir_ + "/nope.txt");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("nope.txt"), std::string::npos);

  auto two = LoadWordList(Write("two.txt", "care\ncare home\n"));
  EXPECT_EQ(two.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(two.status().message().find("two.txt:2:"), std::string::npos)
      << two.status();

  auto bad = LoadWordList(Write("bad.txt", "ok\n\xC3(\n"));
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("bad.txt:2:"), std::string::npos);

  auto twice = LoadWordList(Write("twice.txt", "care\ncarer\ncare\n"));
  EXPECT_EQ(twice.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(twice.status().message().find("twice.txt:3:"), std::string::npos);
}

TEST_F(WordListFile, EveryLanguageMustHaveItsFile) {
  Write("en-GB.txt", "care\n");
  Write("cy.txt", "gofal\n");
  auto lists = LoadWordLists(dir_);
  EXPECT_FALSE(lists.ok());
  EXPECT_NE(lists.status().message().find("pl.txt"), std::string::npos);
  Write("pl.txt", "opieka\n");
  lists = LoadWordLists(dir_);
  ASSERT_TRUE(lists.ok()) << lists.status();
  EXPECT_EQ(lists->For("pl-PL"), std::vector<std::string>{"opieka"});
}

}  // namespace
}  // namespace carevoice::lang_test
