// The rules both the kiosk and the service apply to contract messages.
// The kiosk checks before it queues; the service checks again because it
// trusts no client. Pure functions: any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "carevoice/v1/carevoice.pb.h"

namespace carevoice::contract {

// Message keys for refusals. The kiosk looks these up in its language files
// to show and speak the error in the person's language.
inline constexpr std::string_view kErrRequired = "error.required";
inline constexpr std::string_view kErrTooLong = "error.too_long";
inline constexpr std::string_view kErrTooShort = "error.too_short";
inline constexpr std::string_view kErrInvalidUtf8 = "error.invalid_utf8";
inline constexpr std::string_view kErrUnknownValue = "error.unknown_value";
inline constexpr std::string_view kErrBadFormat = "error.bad_format";
inline constexpr std::string_view kErrBadReference = "error.bad_reference";
inline constexpr std::string_view kErrNotAllowed = "error.not_allowed";
inline constexpr std::string_view kErrInFuture = "error.in_future";
inline constexpr std::string_view kErrDuplicate = "error.duplicate";
inline constexpr std::string_view kErrConflict = "error.conflict";
// Not shown to the public (so in no language file): an item the service
// or the device could not take as a submission was kept in the service's
// quarantine for officers.
inline constexpr std::string_view kErrQuarantined = "error.quarantined";
// Said only to officers about a file they publish, never at a kiosk: a
// closing time already past, and one not after the opening.
inline constexpr std::string_view kErrInPast = "error.in_past";
inline constexpr std::string_view kErrBeforeOpening = "error.before_opening";
// A file names a field its kind of message does not have (a misspelling).
inline constexpr std::string_view kErrUnknownField = "error.unknown_field";
// An answer given when its consultation was not open (never shown at a
// kiosk: it is kept in the quarantine for officers).
inline constexpr std::string_view kErrNotOpen = "error.not_open";
// A Forum ballot code that cast a vote already, or that the ballot never had.
inline constexpr std::string_view kErrCodeUsed = "ballot.code_used";
inline constexpr std::string_view kErrCodeUnknown = "ballot.code_unknown";
// Every key above but kErrQuarantined, for the check that each language file has them all.
inline constexpr std::string_view kAllErrorKeys[] = {
    kErrRequired,   kErrTooLong,     kErrTooShort,     kErrInvalidUtf8,
    kErrUnknownValue, kErrBadFormat, kErrBadReference, kErrNotAllowed,
    kErrInFuture,   kErrDuplicate,   kErrConflict};

// Why a message was refused: the field path in proto field names, dotted
// from the Submission (e.g. "feedback.text", "contact.email") and a key.
struct FieldError {
  std::string field;
  std::string message_key;
  bool operator==(const FieldError&) const = default;
};

// Checks every field of `s` against the contract. `now` bounds dates and
// timestamps (a little clock skew is allowed). Returns the first problem,
// or nullopt when the submission is acceptable.
std::optional<FieldError> ValidateSubmission(const v1::Submission& s,
                                             absl::Time now);

// Checks one counted visit: a well-formed random id, its month ("YYYY-MM"),
// how they took part, and any equality answers (known values only).
// Field paths are like "equality.sex", "how.language".
std::optional<FieldError> ValidateTakingPart(const v1::TakingPart& t);

// 3..64 of [A-Za-z0-9_-].
bool IsValidDeviceId(std::string_view device_id);

// An id in the catalog (a service, a consultation): 1..64 of [a-z0-9_-].
bool IsValidCatalogId(std::string_view id);

// A month as counts are kept: "YYYY-MM", the year 2000..2200.
bool IsMonth(std::string_view month);

// 16..64 of [A-Za-z0-9_-].
bool IsValidSubmissionId(std::string_view submission_id);

// Checks a catalog's own consistency: ids well formed and unique, every
// service has an en-GB name, providers and sites refer to known ids,
// consultations are well formed (ValidateConsultation). Field paths are
// like "services[2].name", "consultations[0].questions[1].kind".
std::optional<FieldError> ValidateCatalog(const v1::Catalog& catalog);

// Checks one consultation on its own: ids well formed and unique, every
// text within its limit and given in each of the consultation's languages
// (those of its title, en-GB among them; a missing one is named, as
// "questions[0].text[cy]"), Easy Read words and a known picture for every
// question, options that fit each kind, opening before closing. Field
// paths are from the consultation ("questions[2].options[0].label").
std::optional<FieldError> ValidateConsultation(const v1::Consultation& c);
// As ValidateConsultation, for a consultation an officer publishes now:
// also refuses a closing time already past (kErrInPast) and closed_early,
// which only the service sets.
std::optional<FieldError> ValidateNewConsultation(const v1::Consultation& c, absl::Time now);

// Checks one notice ("You said, we did"): a well-formed id, a title and a
// body that say something in en-GB, every text within its limit.
std::optional<FieldError> ValidateNotice(const v1::Notice& n);

// Checks one Forum ballot as ValidateConsultation does, and its question:
// id "vote", a single choice or a ranking of 2..20 candidates or options;
// seats 1 for a single choice, 1..options-1 for a ranking.
std::optional<FieldError> ValidateBallot(const v1::ForumBallot& b);
// As ValidateBallot, for one published now: no result (the service sets
// it) and a closing time still to come.
std::optional<FieldError> ValidateNewBallot(const v1::ForumBallot& b, absl::Time now);

// Checks a consultation answer (already valid as a submission) against the
// consultations in `catalog`: one it has, answered while open (created_at
// from opens_at, less a little clock skew, to before closes_at: kErrNotOpen
// at "created_at"), each answer to one of its questions, of the question's
// kind, naming its options and within max_choices; a Forum vote likewise
// against its ballot (cast while it was open, marked as its kind asks).
// nullopt for other kinds.
std::optional<FieldError> CheckAgainstCatalog(const v1::Submission& s, const v1::Catalog& catalog);

}  // namespace carevoice::contract
