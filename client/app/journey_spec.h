// Journeys as data: a kind of submission is a JourneySpec, an ordered list
// of typed steps that each fill one field of the v1::Submission draft, with
// conditions and the language keys each step shows and speaks. One engine
// (journey.h) runs every spec and one screen per StepType draws it; adding
// a journey is adding a spec here and its keys to the language files.
// Specs are immutable after start-up: any thread may read them.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "carevoice/v1/carevoice.pb.h"

namespace carevoice::client {

enum class StepType {
  kChooseFromCatalog,  // one item of a catalog list (services)
  kChooseOption,       // one of fixed options (yes/no, a reply format ...)
  kRate,               // five faces, or skip
  kWords,              // a text field for one named field
  kReview,             // everything read back, change any step, Send
  kThanks,             // the reference and what happens next
  kNotice,             // words to read (the numbers to call), then Continue
  kDate,               // a day, moved back from today by days, months, years
  kAnswer,             // a lookup's answer ("check on something I told you")
  kQuestion,           // a consultation's question: one, several, in order, agree
};

// The step-type name used in ids and messages ("words").
const char* StepTypeName(StepType type);

// Which catalog list a kChooseFromCatalog step offers.
enum class CatalogList {
  kServices,   // every service
  kProviders,  // the providers of the service chosen in the draft
  kSites,      // the sites of the provider chosen in the draft
};

// One choice of a catalog list: its id and its name in a language.
struct CatalogChoice {
  std::string id;
  const v1::LocalizedText* localized = nullptr;  // services: names by language
  std::string name;                              // providers and sites
};

// One fixed answer of a kChooseOption step.
struct Option {
  std::string id{};       // widget id suffix and language key suffix
  int value = 0;          // stored in the step's enum or bool field
  // What else the answer says (e.g. "yes, in danger" also sets
  // in_immediate_danger; "about me" clears on_behalf_of).
  std::function<void(v1::Submission& draft)> also{};
  // The answer belongs to another journey ("someone is in danger" on the
  // concern path): that journey starts, with this answer given to its step
  // of the same id, and goes on from there.
  std::string switch_to{};
  // Offered only while this holds for the draft (null: always): a care
  // worker speaks for "someone I support at work", not as a relative. An
  // answer no longer offered is taken back, and the step asked again.
  std::function<bool(const v1::Submission& draft)> offered_when{};
  // "Skip these questions": nothing is kept for this step, and the journey
  // goes straight to its last step; the answers already given stay.
  bool skips_rest = false;
};

// Whether `option` is offered for `draft`.
bool Offered(const Option& option, const v1::Submission& draft);

struct Step {
  // The view name, the prefix of the step's widget ids ("service" gives
  // "service.home_care") and, unless `key` is set, of its language keys.
  std::string id{};
  StepType type = StepType::kWords;
  // The draft field this step fills, as a contract field path
  // ("feedback.text"); the same path names it in validation errors.
  std::string field{};
  // Language key prefix when it differs from `id`.
  std::string key{};
  bool optional = false;
  // For kWords: the contract's limit for the field, in code points.
  std::size_t max_chars = 0;
  // For kWords: whether the on-screen keyboard suggests words to finish
  // the one begun. Not for codes, PINs, phone numbers or emails: "My, Me,
  // Mum" there is noise to see and hear, and a trap to press.
  bool suggests_words = true;
  std::vector<Option> options{};  // kChooseOption
  // The step is shown only while this holds for the draft (null: always).
  std::function<bool(const v1::Submission& draft, const v1::Catalog* catalog)> shown_when{};
  // Read back on the review screen, with a button to change it.
  bool reviewed = true;
  // A further paragraph under the instruction (key `<key>.notice`), shown
  // and spoken while this holds: e.g. a care worker's protection when
  // raising a concern.
  std::function<bool(const v1::Submission& draft)> notice_when{};
  // For kWords: whether the person may move on (empty required words are
  // refused without it). When not, `check_field` is named as required
  // ("contact": a phone, an email or an address).
  std::function<bool(const v1::Submission& draft)> check{};
  std::string check_field{};
  // The message key said when `check` fails ("{0}" is the field's name).
  std::string check_message = "error.required";
  // For kChooseFromCatalog: the list offered. Providers and sites may be
  // answered "not sure" (the field stays empty).
  CatalogList list = CatalogList::kServices;
  // A consultation's question (in its spec's `consultation`), asked by a
  // kQuestion step, or by a kWords step for free text. Its words come from
  // the catalog, not the language files, and its answer is kept in the
  // draft's consultation_answer (see AnswerTo): `field` stays empty.
  const v1::Question* question = nullptr;
  int number = 0;  // its place among the questions, from 1
};

struct JourneySpec {
  std::string id;  // "feedback"; also the prefix of keys that override shared ones
  std::vector<Step> steps;  // ends with a kReview and a kThanks step
  // Sets the kind of a fresh draft (its body) and any fixed fields.
  std::function<void(v1::Submission& draft)> start;
  // While this holds, the numbers to call are shown on every step (and can
  // be heard again): someone may be in danger.
  std::function<bool(const v1::Submission& draft)> numbers_when{};
  // A journey that asks and answers and sends nothing ("check on something
  // I told you"): its words steps fill the draft's reference and PIN, and it
  // ends with a kAnswer step instead of review and thanks.
  bool lookup = false;
  // Offered at the end of the other journeys, never on the home screen
  // ("Help us check we hear from everyone"): its steps fill only equality.*
  // of its own draft, which is kept apart from any submission and counted
  // with the visit; it ends with a kThanks step and sends nothing.
  bool follow_on = false;
  // A consultation the council asks now, built at run time from the
  // catalog (consultation_journey.h): a copy the spec shares, so a catalog
  // refreshed mid-way changes nothing under the person.
  std::shared_ptr<const v1::Consultation> consultation{};
  // A Forum ballot (ballot_journey.h): its one question is `consultation`'s,
  // and the mark is kept in the draft's forum_vote.
  std::shared_ptr<const v1::ForumBallot> ballot{};
  // The thanks gives a reference and PIN to check on what was said later
  // (answers to a consultation are counted, not answered one by one).
  bool gives_reference = true;
};

// What may become of an idea (CheckReferenceResponse.idea_outcome), each
// said at a lookup's answer by `<key>.idea.<outcome>`.
inline constexpr const char* kIdeaOutcomes[] = {"under_consideration", "adopted",
                                                "adopted_in_part", "not_taken_forward"};

// The language keys a step shows and speaks. Screens take their keys from
// here and nowhere else, so walking every spec finds every key in use.
struct StepKeys {
  std::string title, instruction;
  std::string field_label, field_hint;  // kWords
  std::string review_line;              // "Service: {0}"
  std::string review_none;              // "Your words: none" when nothing was given
  std::string change;                   // "Change the service"
  std::string notice;                   // the step's notice, when it has one
  std::vector<std::string> choices;     // one per option, or the faces' words
  std::vector<std::string> extra;       // further fixed keys of its step type
  std::vector<std::string> All() const;
};

// The choices `step` offers for `draft` (empty without a catalog).
std::vector<CatalogChoice> CatalogChoices(const Step& step, const v1::Submission& draft,
                                          const v1::Catalog* catalog);

// Keys the journey itself shows on every step (the numbers to call), and
// a follow-on's offer (`<id>.offer`, `<id>.offer.hint`).
std::vector<std::string> SpecKeys(const JourneySpec& spec);

// Keys of `step` in `spec`. Where the language file has them, a key
// `worker.<key>` (words that fit someone who works in care, while the
// draft says a care worker is speaking) and then `<spec.id>.<key>` (the
// journey's own) override the shared `<key>` (see ResolveKey).
StepKeys KeysFor(const JourneySpec& spec, const Step& step);
// The key to look up for `draft`: the first of those overrides that `has`
// finds, else `key`.
std::string ResolveKey(const JourneySpec& spec, const v1::Submission& draft,
                       std::string_view key,
                       const std::function<bool(std::string_view)>& has);

// Every journey offered on the home screen, in order.
const std::vector<JourneySpec>& AllJourneys();
const JourneySpec* FindJourney(std::string_view id);
// The home-screen choice of a journey: "home.<id>" (+ ".hint").
std::string HomeKey(const JourneySpec& spec);
// Checks a spec is runnable: known fields of the right type, ids unique,
// review and thanks last. A bad spec fails a test, not a person.
absl::Status CheckSpec(const JourneySpec& spec);

// Reading and writing draft fields by their contract path.
// String fields (text, ids) as UTF-8; enums and bools as ints.
absl::StatusOr<std::string> GetText(const v1::Submission& draft, std::string_view field);
absl::Status SetText(v1::Submission& draft, std::string_view field, std::string value);
absl::StatusOr<int> GetNumber(const v1::Submission& draft, std::string_view field);
absl::Status SetNumber(v1::Submission& draft, std::string_view field, int value);
// Date fields (v1.Date); an unset date reads as nullopt.
absl::StatusOr<std::optional<v1::Date>> GetDate(const v1::Submission& draft,
                                                std::string_view field);
absl::Status SetDate(v1::Submission& draft, std::string_view field, const v1::Date& value);
// Clears the field (nothing is created on the way: a field under an
// absent message is already clear).
void ClearDraftField(v1::Submission& draft, std::string_view field);
// True when the field is a string (else an enum or bool).
bool IsTextField(std::string_view field);
// True for details that identify the person (contact details, a care
// worker's employer): never said through the kiosk's speaker unless
// private listening is on.
bool IsPersonalField(std::string_view field);

}  // namespace carevoice::client
