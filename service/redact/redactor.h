// The redactor: checks that words the council will publish (a reply read
// aloud at a public kiosk, later a committee pack) carry no personal
// details. It refuses text holding an email address, a UK phone number in
// its common written forms, a postcode, a street address (a house number
// before a street's name and type), or the case's own recorded contact
// details; and it flags capitalised words that are not in the dictionary
// (Debian's wbritish), which may be names, for an officer to confirm.
//
// It is deliberately blunt: a refusal names what it found, and the
// officer rewords. Proper nouns the dictionary knows (Smith, London) pass,
// so it is a check, not a guarantee; the officer's reading is the other.
//
// Thread-safety: const methods may be called from any thread.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "absl/status/statusor.h"

namespace carevoice::service::redact {

// A set of words, as Debian's word lists give them (one per line).
class Dictionary {
 public:
  Dictionary() = default;
  explicit Dictionary(const std::vector<std::string>& words);
  // NotFound with a hint to install wbritish when `path` cannot be read.
  static absl::StatusOr<Dictionary> Load(const std::string& path);

  // Whether `word` is listed as written, or in lower case (a sentence's
  // first word), or with a possessive "'s" taken off.
  bool Knows(std::string_view word) const;
  std::size_t size() const { return words_.size(); }

 private:
  std::unordered_set<std::string> words_;
};

inline constexpr char kDefaultDictionary[] = "/usr/share/dict/british-english";

// What the case itself recorded about the person: never to be published.
struct Known {
  std::string name;
  std::string email;
  std::string phone;
  std::string postal_address;
};

struct Finding {
  enum class Kind {
    kEmail,
    kPhone,
    kPostcode,
    kStreetAddress,
    kContact,       // the case's own recorded name or details
    kUnknownWord,   // capitalised and not in the dictionary: a name?
  };
  Kind kind;
  std::string text;  // as it appears
};

std::string_view KindName(Finding::Kind kind);

struct Check {
  std::vector<Finding> refused;    // must be reworded
  std::vector<Finding> to_confirm; // unknown capitalised words, once each
};

class Redactor {
 public:
  explicit Redactor(Dictionary dictionary) : dictionary_(std::move(dictionary)) {}

  Check Examine(std::string_view text, const Known& known) const;

  // `text` with everything Examine finds put in brackets instead, for a
  // quote in a committee pack: "[email]", "[phone number]", "[postcode]",
  // "[address]", "[name]" (the case's name, or a capitalised word the
  // dictionary does not know) and "[contact details]" (the case's others).
  std::string Redact(std::string_view text, const Known& known) const;

  // OK when nothing is refused and every flagged word is in `confirmed`;
  // otherwise InvalidArgument saying what to change, or FailedPrecondition
  // listing the words to confirm.
  absl::Status Approve(std::string_view text, const Known& known,
                       const std::vector<std::string>& confirmed) const;

 private:
  Dictionary dictionary_;
};

}  // namespace carevoice::service::redact
