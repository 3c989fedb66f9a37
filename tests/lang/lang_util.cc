#include "tests/lang/lang_util.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <regex>
#include <sstream>

#include "base/languages.h"
#include "client/app/journey_spec.h"
#include "nlohmann/json.hpp"

namespace carevoice::lang_test {

const std::vector<std::string>& Translations() {
  static const std::vector<std::string> tags = [] {
    std::vector<std::string> out;
    for (std::string_view tag : base::kSupportedLanguages) {
      if (tag != base::kDefaultLanguage) out.emplace_back(tag);
    }
    return out;
  }();
  return tags;
}

std::string LangDir() { return std::string(CAREVOICE_ASSETS_DIR) + "/lang"; }

std::string LangPath(const std::string& tag) {
  return LangDir() + "/" + tag + ".json";
}

std::optional<client::Strings> Load(const std::string& tag) {
  absl::StatusOr<client::Strings> strings =
      client::Strings::LoadLanguage(LangDir(), tag);
  if (!strings.ok()) {
    ADD_FAILURE() << "cannot load " << tag << ": " << strings.status();
    return std::nullopt;
  }
  return *std::move(strings);
}

std::vector<std::string> DuplicateKeys(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::set<std::string> seen;
  std::vector<std::string> duplicates;
  nlohmann::json::parser_callback_t on_event =
      [&](int depth, nlohmann::json::parse_event_t event,
          nlohmann::json& parsed) {
        if (event == nlohmann::json::parse_event_t::key && depth == 1) {
          const std::string key = parsed.get<std::string>();
          if (!seen.insert(key).second) duplicates.push_back(key);
        }
        return true;
      };
  const nlohmann::json parsed =
      nlohmann::json::parse(buffer.str(), on_event, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) duplicates.push_back("(" + path + " is not valid JSON)");
  return duplicates;
}

std::optional<std::u32string> DecodeUtf8(std::string_view text) {
  std::u32string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    int length;
    char32_t cp;
    if (lead < 0x80) {
      length = 1, cp = lead;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2, cp = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3, cp = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4, cp = lead & 0x07;
    } else {
      return std::nullopt;  // continuation byte, C0/C1 overlong, F5..FF
    }
    if (i + length > text.size()) return std::nullopt;
    for (int k = 1; k < length; ++k) {
      const unsigned char next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (next & 0x3F);
    }
    if ((length == 3 && cp < 0x800) || (length == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return std::nullopt;
    }
    out.push_back(cp);
    i += length;
  }
  return out;
}

std::map<int, int> Placeholders(std::string_view text) {
  std::map<int, int> counts;
  for (std::size_t i = 0; i + 2 < text.size(); ++i) {
    if (text[i] == '{' && text[i + 2] == '}' && text[i + 1] >= '0' &&
        text[i + 1] <= '9') {
      ++counts[text[i + 1] - '0'];
    }
  }
  return counts;
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

const std::set<std::string>& KnownPictures() {
  // The fixed set drawn by client/ui/pictures.cc; keep the two in step.
  static const std::set<std::string> pictures = {
      "speak", "home",    "question", "list",     "star",    "pencil",
      "check", "send",    "thanks",   "help",     "back",    "restart",
      "settings", "warning", "people", "clock", "calendar", "phone", "lightbulb",
      "shield"};
  return pictures;
}

const std::vector<std::string>& EasyReadScreenPrefixes() {
  // The screens' own text: the fixed screens, private.* and audio_only.*
  // (warnings shown as a screen), bar_more.* (the folded control bar's
  // screen), and every step and journey of every journey spec (a journey's
  // own overrides are its screens' text too), walked at run time so a new
  // step cannot go without Easy Read.
  static const std::vector<std::string>* const prefixes = [] {
    auto* all = new std::vector<std::string>{
        "attract", "home", "restart", "help", "settings", "private", "audio_only",
        "bar_more", "numbers", "worker",
        // A consultation's journey is built from the catalog at run time:
        // its introduction and review are "consultation.*", every
        // question's step "question.*".
        "consultation", "question",
        // "What changed because people spoke up", an overlay of the home screen.
        "changed",
        // A Forum ballot's journey, also built at run time: its introduction,
        // code and private listening steps, review and thanks.
        "ballot", "ballot_code", "ballot_private"};
    auto add = [all](const std::string& prefix) {
      if (std::find(all->begin(), all->end(), prefix) == all->end()) all->push_back(prefix);
    };
    for (const client::JourneySpec& spec : client::AllJourneys()) {
      add(spec.id);
      for (const client::Step& step : spec.steps) add(step.key.empty() ? step.id : step.key);
    }
    return all;
  }();
  return *prefixes;
}

bool NeedsEasyRead(const std::string& key, const std::string& text) {
  if (StartsWith(key, "easy.") || StartsWith(key, "picture.") ||
      StartsWith(key, "_meta.")) {
    return false;
  }
  const std::string first = key.substr(0, key.find('.'));
  bool screen = false;
  for (const std::string& prefix : EasyReadScreenPrefixes()) {
    screen = screen || first == prefix;
  }
  if (!screen) return false;
  const std::string last = key.substr(key.rfind('.') + 1);
  if (last == "title" || last == "instruction" || last == "body" ||
      last == "hint") {
    return true;
  }
  return text.find_first_of(".?!") != std::string::npos;
}

namespace {

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool IsSentenceEnd(char32_t cp) {
  return cp == U'.' || cp == U'!' || cp == U'?' || cp == U'\n' ||
         cp == 0x06D4 /* ۔ */ || cp == 0x061F /* ؟ */ ||
         cp == 0x0964 /* । */;
}

// ASCII punctuation and the few non-ASCII marks our files use.
bool IsPunctuation(char32_t cp) {
  return (cp < 0x80 && std::ispunct(static_cast<int>(cp)) && cp != '{' &&
          cp != '}') ||
         cp == 0x060C /* ، */ || cp == 0x061B /* ؛ */ || cp == 0x2019 ||
         cp == 0x2018 || cp == 0x201C || cp == 0x201D || cp == 0x2013 ||
         cp == 0x2014 || cp == 0x2026 || IsSentenceEnd(cp);
}

std::string Lower(std::string word) {
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return word;
}

// A word stripped of punctuation at both ends and split at apostrophes
// (Welsh "neu'r" is "neu" + "'r"), lower-cased in ASCII.
std::vector<std::string> WordParts(const std::string& word) {
  std::vector<std::string> parts;
  const std::optional<std::u32string> cps = DecodeUtf8(word);
  if (!cps) return parts;
  std::string current;
  for (char32_t cp : *cps) {
    if (cp == U'\'' || cp == 0x2019 || IsPunctuation(cp)) {
      if (!current.empty()) parts.push_back(Lower(current));
      current.clear();
    } else {
      AppendUtf8(cp, current);
    }
  }
  if (!current.empty()) parts.push_back(Lower(current));
  return parts;
}

}  // namespace

std::vector<std::string> Sentences(std::string_view text) {
  std::vector<std::string> sentences;
  const std::optional<std::u32string> cps = DecodeUtf8(text);
  if (!cps) return {std::string(text)};
  std::string current;
  auto flush = [&] {
    if (!Words(current).empty()) sentences.push_back(current);
    current.clear();
  };
  for (char32_t cp : *cps) {
    AppendUtf8(cp, current);
    if (IsSentenceEnd(cp)) flush();
  }
  flush();
  return sentences;
}

std::vector<std::string> Words(std::string_view sentence) {
  std::vector<std::string> words;
  std::istringstream in{std::string(sentence)};
  std::string token;
  while (in >> token) {
    const std::optional<std::u32string> cps = DecodeUtf8(token);
    bool has_content = !cps.has_value();
    if (cps) {
      for (char32_t cp : *cps) has_content = has_content || !IsPunctuation(cp);
    }
    if (has_content) words.push_back(token);
  }
  return words;
}

const std::set<std::string>& Conjunctions(const std::string& tag) {
  static const std::map<std::string, std::set<std::string>> by_language = {
      {"en", {"and", "or", "but"}},
      {"cy", {"a", "ac", "neu", "ond"}},
      {"pl", {"i", "oraz", "lub", "albo", "ale", "a"}},
      {"ur", {"اور", "یا", "لیکن", "مگر"}},
      {"pa", {"ਅਤੇ", "ਜਾਂ", "ਪਰ", "ਲੇਕਿਨ"}},
      {"bn", {"এবং", "বা", "অথবা", "কিন্তু", "আর"}},
  };
  static const std::set<std::string> none;
  const auto it = by_language.find(tag.substr(0, tag.find('-')));
  return it == by_language.end() ? none : it->second;
}

std::vector<std::string> EasyReadProblems(std::string_view text,
                                          const std::string& tag) {
  std::vector<std::string> problems;
  static const std::regex acronym(R"(\b[A-Z]{2,}\b)");
  const std::set<std::string>& conjunctions = Conjunctions(tag);
  for (const std::string& sentence : Sentences(text)) {
    const std::string quoted = "\"" + sentence + "\"";
    const std::vector<std::string> words = Words(sentence);
    if (static_cast<int>(words.size()) > kMaxWordsPerSentence) {
      problems.push_back(quoted + " has " + std::to_string(words.size()) +
                         " words (at most " +
                         std::to_string(kMaxWordsPerSentence) + ")");
    }
    for (auto it = std::sregex_iterator(sentence.begin(), sentence.end(), acronym);
         it != std::sregex_iterator(); ++it) {
      if (it->str() != "OK") {
        problems.push_back(quoted + " has the acronym " + it->str());
      }
    }
    int joins = 0;
    for (const std::string& word : words) {
      for (const std::string& part : WordParts(word)) {
        joins += conjunctions.count(part) > 0;
      }
    }
    if (joins > 1) {
      problems.push_back(quoted + " joins " + std::to_string(joins) +
                         " ideas with and/or/but (at most one)");
    }
    int commas = 0, semicolons = 0;
    for (char32_t cp : DecodeUtf8(sentence).value_or(U"")) {
      commas += cp == U',' || cp == 0x060C;
      semicolons += cp == U';' || cp == 0x061B;
    }
    if (commas > 1) {
      problems.push_back(quoted + " has " + std::to_string(commas) +
                         " commas (at most one)");
    }
    if (semicolons > 0) problems.push_back(quoted + " has a semicolon");
  }
  return problems;
}

}  // namespace carevoice::lang_test
