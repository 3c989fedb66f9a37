#include "client/app/strings.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "base/files.h"
#include "nlohmann/json.hpp"

namespace carevoice::client {

std::string FormatTemplate(std::string_view pattern,
                           std::initializer_list<std::string_view> args) {
  std::string out;
  out.reserve(pattern.size());
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    // "{N}" with a single digit is enough for every string we have.
    if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' &&
        pattern[i + 1] >= '0' && pattern[i + 1] <= '9') {
      std::size_t n = static_cast<std::size_t>(pattern[i + 1] - '0');
      if (n < args.size()) {
        out.append(*(args.begin() + n));
        i += 2;
        continue;
      }
    }
    out.push_back(pattern[i]);
  }
  return out;
}

absl::StatusOr<Strings> Strings::LoadFile(const std::string& path) {
  absl::StatusOr<std::string> buffer = base::ReadWholeFile(path);
  if (!buffer.ok()) return buffer.status();
  nlohmann::json json = nlohmann::json::parse(*buffer, nullptr,
                                              /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": not a JSON object of key to text"));
  }
  Strings strings;
  for (auto& [key, value] : json.items()) {
    if (!value.is_string()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": value of \"", key, "\" is not text"));
    }
    strings.text_.emplace(key, value.get<std::string>());
  }
  strings.language_ = strings.Get("_meta.language");
  return strings;
}

absl::StatusOr<Strings> Strings::LoadLanguage(const std::string& lang_dir,
                                              const std::string& tag) {
  return LoadFile(absl::StrCat(lang_dir, "/", tag, ".json"));
}

void Strings::Add(const Strings& more) {
  for (const auto& [key, value] : more.text_) text_.insert_or_assign(key, value);
}

bool Strings::Has(std::string_view key) const {
  return text_.find(key) != text_.end();
}

std::string Strings::Get(std::string_view key) const {
  auto it = text_.find(key);
  if (it == text_.end()) return "[" + std::string(key) + "]";
  return it->second;
}

std::string Strings::Format(std::string_view key,
                            std::initializer_list<std::string_view> args) const {
  return FormatTemplate(Get(key), args);
}

std::vector<std::string> Strings::Keys() const {
  std::vector<std::string> keys;
  keys.reserve(text_.size());
  for (const auto& [key, value] : text_) keys.push_back(key);
  std::sort(keys.begin(), keys.end());
  return keys;
}

}  // namespace carevoice::client
