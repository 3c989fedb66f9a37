// Shared helpers for the language-file tests: which files exist, loading
// them the way the kiosk does (client/app/strings.h), strict UTF-8 decoding,
// placeholders, and the Easy Read lint (ACCESSIBILITY.md item 24).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "client/app/strings.h"

namespace carevoice::lang_test {

// The master file every other language copies its keys from.
inline constexpr char kMaster[] = "en-GB";

// Every translation shipped in assets/lang. A new language file must be
// added here (a test fails if a file is not listed), so it gets checked.
// cy and pl are drawn on screen; ur, pa and bn are spoken only (Dear ImGui
// cannot shape their scripts), with the screen in English.
const std::vector<std::string>& Translations();

std::string LangDir();  // CAREVOICE_ASSETS_DIR "/lang"
std::string LangPath(const std::string& tag);

// Loads <tag>.json with the kiosk's own loader; fails the calling test
// (ADD_FAILURE) and returns nullopt when it cannot.
std::optional<client::Strings> Load(const std::string& tag);

// Keys that occur more than once in the file's JSON object (the loader
// would silently keep the last one).
std::vector<std::string> DuplicateKeys(const std::string& path);

// Strict UTF-8: nullopt for overlong forms, surrogates, values past
// U+10FFFF, stray continuation bytes and truncated sequences.
std::optional<std::u32string> DecodeUtf8(std::string_view text);

// How many times each "{N}" occurs, e.g. "{0} x {0}" -> {0: 2}.
std::map<int, int> Placeholders(std::string_view text);

bool StartsWith(std::string_view text, std::string_view prefix);

// ---- Easy Read ---------------------------------------------------------

// The pictures client/ui/pictures.cc draws; a picture.* value must be one.
const std::set<std::string>& KnownPictures();

// Key prefixes of screen text (titles, instructions, body text, hints).
const std::vector<std::string>& EasyReadScreenPrefixes();

// True when `key` (with English `text`) is screen text that needs an
// "easy.<key>" version: under one of the screen prefixes, and either a
// title/instruction/body/hint or a sentence (ends a sentence with . ? !).
// Short labels such as button names ("Send", "Very good") are not.
bool NeedsEasyRead(const std::string& key, const std::string& text);

// Splits into sentences on . ! ? and on the Urdu full stop and question
// mark (U+06D4, U+061F) and the danda (U+0964) used by Punjabi and Bengali.
std::vector<std::string> Sentences(std::string_view text);

// Whitespace-separated words, not counting tokens of punctuation only.
std::vector<std::string> Words(std::string_view sentence);

// The "one idea per sentence" heuristic, kept deliberately simple: a
// sentence may join at most one pair of ideas, i.e. contain at most one
// conjunction word (and/or/but and their equivalents in the language), at
// most one comma and no semicolon. Returns the conjunction list for `tag`
// (language subtag before '-').
const std::set<std::string>& Conjunctions(const std::string& tag);

inline constexpr int kMaxWordsPerSentence = 15;

// Everything wrong with one Easy Read text in language `tag`, as readable
// messages; empty when it passes. Rules: at most 15 words per sentence; no
// acronyms (a word of 2+ capital letters, regex \b[A-Z]{2,}\b; "OK" is
// allowed); and the one-idea heuristic above.
std::vector<std::string> EasyReadProblems(std::string_view text,
                                          const std::string& tag);

}  // namespace carevoice::lang_test
