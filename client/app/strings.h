// UI text for one language, loaded from assets/lang/<tag>.json. The same
// key gives what is shown and what is spoken. Read-only after loading: any
// thread.
#pragma once

#include <initializer_list>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "absl/status/statusor.h"

namespace carevoice::client {

// Replaces "{0}", "{1}" ... in `pattern` with `args`.
std::string FormatTemplate(std::string_view pattern,
                           std::initializer_list<std::string_view> args);

class Strings {
 public:
  // Loads a flat JSON object of key -> string. Fails with a clear message
  // when the file is missing, unreadable or not such an object.
  static absl::StatusOr<Strings> LoadFile(const std::string& path);
  // Loads `<lang_dir>/<tag>.json`.
  static absl::StatusOr<Strings> LoadLanguage(const std::string& lang_dir,
                                              const std::string& tag);

  // Adds `more`'s texts, replacing any of the same key (the officer
  // console's own words over the kiosk's English ones).
  void Add(const Strings& more);

  const std::string& language() const { return language_; }
  bool Has(std::string_view key) const;
  // The text for `key`; a missing key yields "[key]" so that it is visible
  // on screen and caught by the language-file tests, never a crash.
  std::string Get(std::string_view key) const;
  std::string Format(std::string_view key,
                     std::initializer_list<std::string_view> args) const;
  // Every key, sorted.
  std::vector<std::string> Keys() const;

 private:
  // Looked up by string_view without building a string: every label is
  // looked up on every frame.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const {
      return std::hash<std::string_view>()(s);
    }
  };
  std::string language_;
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> text_;
};

}  // namespace carevoice::client
