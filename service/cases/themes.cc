#include "service/cases/themes.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/files.h"
#include "contract/facts.h"
#include "nlohmann/json.hpp"

namespace carevoice::service::cases {
namespace {

// Lower-case words; bytes of non-ASCII letters stay inside words, so a
// council may add keywords in Welsh or Polish.
std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (absl::ascii_isalnum(u) || u >= 0x80 || c == '\'') {
      word += static_cast<char>(absl::ascii_tolower(u));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

bool Matches(const std::vector<std::string>& words, const std::vector<std::string>& keyword) {
  if (keyword.empty() || keyword.size() > words.size()) return false;
  for (std::size_t i = 0; i + keyword.size() <= words.size(); ++i) {
    bool all = true;
    for (std::size_t k = 0; k < keyword.size() && all; ++k) {
      const bool last = k + 1 == keyword.size();
      all = last ? words[i + k].starts_with(keyword[k]) : words[i + k] == keyword[k];
    }
    if (all) return true;
  }
  return false;
}

bool IsThemeId(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || c == '_';
  });
}

}  // namespace

absl::StatusOr<Lexicon> Lexicon::Parse(std::string_view text) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("themes") ||
      !doc["themes"].is_array()) {
    return absl::InvalidArgumentError("the themes are a JSON object with a list \"themes\"");
  }
  std::vector<Theme> themes;
  for (std::size_t i = 0; i < doc["themes"].size(); ++i) {
    const nlohmann::json& entry = doc["themes"][i];
    const std::string where = absl::StrCat("themes[", i, "]");
    if (!entry.is_object() || !entry.contains("id") || !entry["id"].is_string() ||
        !entry.contains("name") || !entry["name"].is_string()) {
      return absl::InvalidArgumentError(where + ": an object with an id and a name");
    }
    Theme t{entry["id"].get<std::string>(), entry["name"].get<std::string>(), {}};
    if (!IsThemeId(t.id)) return absl::InvalidArgumentError(where + ".id: lower-case letters and _");
    for (const Theme& other : themes) {
      if (other.id == t.id) return absl::InvalidArgumentError(where + ".id: " + t.id + " twice");
    }
    if (entry.contains("keywords")) {
      if (!entry["keywords"].is_array()) return absl::InvalidArgumentError(where + ".keywords: a list");
      for (const nlohmann::json& k : entry["keywords"]) {
        if (!k.is_string() || k.get<std::string>().empty()) {
          return absl::InvalidArgumentError(where + ".keywords: words");
        }
        t.keywords.push_back(absl::AsciiStrToLower(k.get<std::string>()));
      }
    }
    themes.push_back(std::move(t));
  }
  return Lexicon(std::move(themes));
}

absl::StatusOr<Lexicon> Lexicon::Load(const std::string& path) {
  absl::StatusOr<std::string> text = base::ReadWholeFile(path);
  if (!text.ok()) return text.status();
  absl::StatusOr<Lexicon> lexicon = Parse(*text);
  if (!lexicon.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", lexicon.status().message()));
  }
  return lexicon;
}

const Theme* Lexicon::Find(std::string_view id) const {
  for (const Theme& t : themes_) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

std::vector<std::string> Lexicon::Suggest(std::string_view text, std::size_t at_most) const {
  const std::vector<std::string> words = Words(text);
  std::vector<std::pair<int, std::size_t>> scored;  // (-hits, lexicon order)
  for (std::size_t i = 0; i < themes_.size(); ++i) {
    int hits = 0;
    for (const std::string& keyword : themes_[i].keywords) {
      if (Matches(words, Words(keyword))) ++hits;
    }
    if (hits > 0) scored.emplace_back(-hits, i);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> ids;
  for (const auto& [hits, i] : scored) {
    if (ids.size() == at_most) break;
    ids.push_back(themes_[i].id);
  }
  return ids;
}

std::string WordsOf(const v1::Submission& s) {
  switch (s.body_case()) {
    case v1::Submission::kFeedback: return s.feedback().text();
    case v1::Submission::kComplaint:
      return absl::StrCat(s.complaint().what_happened(), "\n", s.complaint().desired_outcome());
    case v1::Submission::kSafeguarding: return s.safeguarding().what_is_happening();
    case v1::Submission::kIdea: return absl::StrCat(s.idea().idea(), "\n", s.idea().who_benefits());
    case v1::Submission::kConsultationAnswer: return contract::FreeTextOf(s.consultation_answer());
    case v1::Submission::kForumVote:  // a vote has no words, and is never a case
    case v1::Submission::BODY_NOT_SET: break;
  }
  return "";
}

}  // namespace carevoice::service::cases
