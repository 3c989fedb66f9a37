// Themes officers tag cases with, and how the service suggests them: a
// keyword lexicon per theme, in configuration (assets/themes/themes.json).
// A keyword matches a word of the person's that starts with it ("rush"
// finds "rushed"); a keyword of several words matches them in a row, the
// last by its start. Each theme scores the number of its keywords found;
// the best few (ties by the lexicon's order) are suggested. Nothing is
// learned or hidden: an officer can read the lexicon and see why a theme
// came up, and accepts or changes it.
//
// Thread-safety: const methods from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "carevoice/v1/submission.pb.h"

namespace carevoice::service::cases {

struct Theme {
  std::string id;    // [a-z_]+, stable: cases keep it
  std::string name;  // as officers and committees read it
  std::vector<std::string> keywords;  // lower case
};

class Lexicon {
 public:
  Lexicon() = default;
  explicit Lexicon(std::vector<Theme> themes) : themes_(std::move(themes)) {}
  static absl::StatusOr<Lexicon> Parse(std::string_view json);
  static absl::StatusOr<Lexicon> Load(const std::string& path);

  const std::vector<Theme>& themes() const { return themes_; }
  const Theme* Find(std::string_view id) const;
  // Theme ids for `text`, best first, at most `at_most`.
  std::vector<std::string> Suggest(std::string_view text, std::size_t at_most = 3) const;

 private:
  std::vector<Theme> themes_;
};

// Everything a person wrote in a submission, as one text.
std::string WordsOf(const v1::Submission& s);

}  // namespace carevoice::service::cases
