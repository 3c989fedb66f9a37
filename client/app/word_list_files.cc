#include "client/app/word_list_files.h"

#include <fstream>
#include <set>

#include "absl/strings/str_cat.h"
#include "base/utf8.h"

namespace carevoice::client {

absl::StatusOr<std::vector<std::string>> LoadWordList(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open word list ", path));
  std::vector<std::string> words;
  std::set<std::string, std::less<>> seen;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const auto where = [&] { return absl::StrCat(path, ":", number, ": "); };
    if (!base::IsValidUtf8(line)) {
      return absl::InvalidArgumentError(absl::StrCat(where(), "not UTF-8"));
    }
    if (line.find_first_of(" \t\v\f") != std::string::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat(where(), "one word per line, found \"", line, "\""));
    }
    if (!seen.insert(line).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(where(), "\"", line, "\" is listed twice"));
    }
    words.push_back(std::move(line));
  }
  if (in.bad()) return absl::DataLossError(absl::StrCat("cannot read word list ", path));
  return words;
}

absl::StatusOr<WordLists> LoadWordLists(const std::string& words_dir) {
  WordLists lists;
  for (const std::string& tag : WordLists::Languages()) {
    absl::StatusOr<std::vector<std::string>> words =
        LoadWordList(absl::StrCat(words_dir, "/", tag, ".txt"));
    if (!words.ok()) return words.status();
    lists.Set(tag, std::move(*words));
  }
  return lists;
}

}  // namespace carevoice::client
