#include "service/redact/redactor.h"

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace carevoice::service::redact {
namespace {

using Kind = Finding::Kind;

std::string Lower(std::string_view s) { return absl::AsciiStrToLower(std::string(s)); }

std::string DigitsOf(std::string_view s) {
  std::string digits;
  for (char c : s) {
    if (absl::ascii_isdigit(static_cast<unsigned char>(c))) digits += c;
  }
  return digits;
}

// A UK number once its separators are gone: 0 and 9 or 10 more digits,
// or +44 (optionally "(0)") and 9 or 10 digits not starting with 0.
bool IsUkPhone(std::string_view written) {
  std::string digits = DigitsOf(written);
  const bool international = written.find('+') != std::string_view::npos ||
                             digits.rfind("0044", 0) == 0;
  if (international) {
    if (digits.rfind("00", 0) == 0) digits.erase(0, 2);
    if (digits.rfind("44", 0) != 0) return false;
    digits.erase(0, 2);
    if (!digits.empty() && digits[0] == '0') digits.erase(0, 1);  // the "(0)"
    return digits.size() == 9 || digits.size() == 10;
  }
  return digits.size() >= 10 && digits.size() <= 11 && digits[0] == '0';
}

// A word: ASCII letters, bytes of multi-byte UTF-8 letters, and
// apostrophes or hyphens inside.
bool IsWordByte(char c) {
  return absl::ascii_isalpha(static_cast<unsigned char>(c)) ||
         static_cast<unsigned char>(c) >= 0x80;
}

std::vector<std::string_view> WordsOf(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!IsWordByte(text[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() &&
           (IsWordByte(text[j]) || ((text[j] == '\'' || text[j] == '-') && j + 1 < text.size() &&
                                    IsWordByte(text[j + 1])))) {
      ++j;
    }
    words.push_back(text.substr(i, j - i));
    i = j;
  }
  return words;
}

void FindAll(const std::regex& pattern, const std::string& text, Kind kind,
             std::vector<Finding>& out, bool (*keep)(std::string_view) = nullptr) {
  for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern);
       it != std::sregex_iterator(); ++it) {
    std::string found = it->str();
    if (keep != nullptr && !keep(found)) continue;
    out.push_back({kind, std::move(found)});
  }
}

const std::regex& EmailPattern() {
  static const std::regex* re = new std::regex(R"re([^\s@<>()"',;:]+@[^\s@<>()"',;:]+)re");
  return *re;
}

const std::regex& PhonePattern() {
  // A run of digits with the separators people write numbers with.
  static const std::regex* re = new std::regex(R"(\+?\(?\d[\d \-().]{7,}\d)");
  return *re;
}

const std::regex& PostcodePattern() {
  // The outward code (A9, A99, AA9, AA99, A9A, AA9A), the inward (9AA).
  static const std::regex* re = new std::regex(
      R"(\b[A-Za-z]{1,2}\d[A-Za-z\d]?\s?\d[A-Za-z]{2}\b)");
  return *re;
}

constexpr char kStreetTypes[] =
    "Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Close|Drive|Dr|Way|Crescent|Cres|Place|Pl|Court|"
    "Ct|Gardens|Gdns|Terrace|Grove|Hill|Square|Sq|Walk|Mews|Row|Parade|Park|View|Rise|Green|"
    "Vale|Wharf|Yard";

const std::regex& StreetPattern() {
  // "12 Acacia Avenue", "Flat 3, 14a Mill Lane": a house number, one to
  // three capitalised words, a street type.
  static const std::regex* re = new std::regex(
      std::string(R"(\b\d{1,4}[A-Za-z]?,?\s+(?:[A-Z][A-Za-z'\-]*\s+){1,3}(?:)") + kStreetTypes +
      R"()\b)");
  return *re;
}

const std::regex& LowerStreetPattern() {
  // The same written in lower case, held to the commonest types and at
  // most two words so "2 staff in the park" is not an address.
  static const std::regex* re = new std::regex(
      R"(\b\d{1,4}[a-z]?,?\s+(?:[a-z][a-z'\-]*\s+){1,2}(?:street|road|lane|avenue|close|drive|crescent|gardens|terrace|grove)\b)");
  return *re;
}

bool ContainsWord(const std::string& lower_text, const std::string& lower_phrase) {
  if (lower_phrase.empty()) return false;
  for (std::size_t at = lower_text.find(lower_phrase); at != std::string::npos;
       at = lower_text.find(lower_phrase, at + 1)) {
    const std::size_t end = at + lower_phrase.size();
    const bool starts = at == 0 || !IsWordByte(lower_text[at - 1]);
    const bool ends = end == lower_text.size() || !IsWordByte(lower_text[end]);
    if (starts && ends) return true;
  }
  return false;
}

std::string Squeeze(std::string_view s) {
  std::vector<absl::string_view> parts =
      absl::StrSplit(absl::string_view(s.data(), s.size()), absl::ByAnyChar(" \t\r\n"),
                     absl::SkipEmpty());
  return Lower(absl::StrJoin(parts, " "));
}

}  // namespace

Dictionary::Dictionary(const std::vector<std::string>& words)
    : words_(words.begin(), words.end()) {}

absl::StatusOr<Dictionary> Dictionary::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return absl::NotFoundError("cannot read the dictionary " + path +
                               " (install Debian's wbritish, or pass --dictionary)");
  }
  Dictionary d;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) d.words_.insert(line);
  }
  if (d.words_.empty()) return absl::InvalidArgumentError("the dictionary " + path + " is empty");
  return d;
}

bool Dictionary::Knows(std::string_view word) const {
  std::string w(word);
  if (w.size() > 2 && (w.ends_with("'s") || w.ends_with("’s"))) w.resize(w.size() - 2);
  return words_.contains(w) || words_.contains(Lower(w));
}

std::string_view KindName(Kind kind) {
  switch (kind) {
    case Kind::kEmail: return "an email address";
    case Kind::kPhone: return "a phone number";
    case Kind::kPostcode: return "a postcode";
    case Kind::kStreetAddress: return "a street address";
    case Kind::kContact: return "the person's own details";
    case Kind::kUnknownWord: return "a word not in the dictionary";
  }
  return "";
}

Check Redactor::Examine(std::string_view text_view, const Known& known) const {
  Check check;
  const std::string text(text_view);
  FindAll(EmailPattern(), text, Kind::kEmail, check.refused);
  FindAll(PhonePattern(), text, Kind::kPhone, check.refused, &IsUkPhone);
  FindAll(PostcodePattern(), text, Kind::kPostcode, check.refused);
  FindAll(StreetPattern(), text, Kind::kStreetAddress, check.refused);
  FindAll(LowerStreetPattern(), text, Kind::kStreetAddress, check.refused);

  // The case's own details, however they are written.
  const std::string lower = Squeeze(text);
  auto refuse_contact = [&](const std::string& what) {
    check.refused.push_back({Kind::kContact, what});
  };
  if (const std::string name = Squeeze(known.name); !name.empty()) {
    if (ContainsWord(lower, name)) {
      refuse_contact(known.name);
    } else {
      // Any part of the name, unless it is an ordinary word written in
      // lower case ("rose" the flower, not Rose the person).
      for (std::string_view part : WordsOf(known.name)) {
        if (part.size() < 2) continue;
        for (std::string_view word : WordsOf(text)) {
          if (Lower(word) != Lower(part)) continue;
          const bool capital = absl::ascii_isupper(static_cast<unsigned char>(word[0]));
          if (capital || !dictionary_.Knows(Lower(part))) {
            refuse_contact(std::string(word));
            break;
          }
        }
      }
    }
  }
  if (const std::string email = Squeeze(known.email); !email.empty() &&
                                                       lower.find(email) != std::string::npos) {
    refuse_contact(known.email);
  }
  if (const std::string phone = DigitsOf(known.phone); phone.size() >= 6) {
    const std::string tail = phone.substr(phone.size() - 6);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), PhonePattern());
         it != std::sregex_iterator(); ++it) {
      if (DigitsOf(it->str()).find(tail) != std::string::npos) refuse_contact(it->str());
    }
  }
  // Each line of the address that could only be this person's: one with a
  // number in it, or of more than one word (a town alone may be named).
  for (absl::string_view part : absl::StrSplit(known.postal_address, absl::ByAnyChar(",\n"))) {
    const std::string line = Squeeze(std::string_view(part.data(), part.size()));
    if (line.size() < 4) continue;
    const bool specific = !DigitsOf(line).empty() || line.find(' ') != std::string::npos;
    if (specific && ContainsWord(lower, line)) refuse_contact(std::string(part));
  }

  // Capitalised words the dictionary does not know may be names.
  std::set<std::string> flagged;
  for (std::string_view word : WordsOf(text)) {
    if (!absl::ascii_isupper(static_cast<unsigned char>(word[0])) || word.size() < 2) continue;
    bool known_word = true;
    for (absl::string_view part : absl::StrSplit(absl::string_view(word.data(), word.size()), '-')) {
      if (!part.empty() && !dictionary_.Knows(std::string_view(part.data(), part.size()))) {
        known_word = false;
      }
    }
    if (!known_word && flagged.insert(std::string(word)).second) {
      check.to_confirm.push_back({Kind::kUnknownWord, std::string(word)});
    }
  }
  return check;
}

std::string Redactor::Redact(std::string_view text, const Known& known) const {
  const Check check = Examine(text, known);
  std::vector<std::pair<std::string, const char*>> found;
  const std::string name = Squeeze(known.name);
  for (const Finding& f : check.refused) {
    const char* instead = "[contact details]";
    switch (f.kind) {
      case Kind::kEmail: instead = "[email]"; break;
      case Kind::kPhone: instead = "[phone number]"; break;
      case Kind::kPostcode: instead = "[postcode]"; break;
      case Kind::kStreetAddress: instead = "[address]"; break;
      case Kind::kUnknownWord: instead = "[name]"; break;
      case Kind::kContact:
        if (!name.empty() && name.find(Squeeze(f.text)) != std::string::npos) instead = "[name]";
        break;
    }
    found.emplace_back(f.text, instead);
  }
  for (const Finding& f : check.to_confirm) found.emplace_back(f.text, "[name]");
  // The longest first, so a street inside a whole address goes with it.
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  std::string out(text);
  for (const auto& [what, instead] : found) {
    if (what.empty()) continue;
    for (std::size_t at = out.find(what); at != std::string::npos;
         at = out.find(what, at + std::string_view(instead).size())) {
      out.replace(at, what.size(), instead);
    }
  }
  return out;
}

absl::Status Redactor::Approve(std::string_view text, const Known& known,
                               const std::vector<std::string>& confirmed) const {
  const Check check = Examine(text, known);
  if (!check.refused.empty()) {
    std::vector<std::string> what;
    for (const Finding& f : check.refused) {
      what.push_back(std::string(KindName(f.kind)) + " (\"" + f.text + "\")");
    }
    return absl::InvalidArgumentError(
        "a published reply may be read aloud in public, so it must not contain " +
        absl::StrJoin(what, ", ") + ": reword it");
  }
  std::vector<std::string> unconfirmed;
  for (const Finding& f : check.to_confirm) {
    if (std::find(confirmed.begin(), confirmed.end(), f.text) == confirmed.end()) {
      unconfirmed.push_back(f.text);
    }
  }
  if (!unconfirmed.empty()) {
    return absl::FailedPreconditionError(
        "these words are not in the dictionary and may be names: " +
        absl::StrJoin(unconfirmed, ", ") +
        ". If none names a person, confirm them (--confirm WORD,...); otherwise reword");
  }
  return absl::OkStatus();
}

}  // namespace carevoice::service::redact
