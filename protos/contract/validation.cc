// Contract rules for submissions and the catalog. Every string goes through
// CheckString, so UTF-8, length (in code points), "required" and shape are
// judged the same way everywhere; each check returns the first problem.
#include "contract/validation.h"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/time/civil_time.h"
#include "base/languages.h"
#include "base/proto_time.h"
#include "base/utf8.h"
#include "contract/limits.h"
#include "contract/pictures.h"
#include "contract/reference_code.h"

namespace carevoice::contract {
namespace {

using Result = std::optional<FieldError>;

// Device clocks may run a little fast.
constexpr absl::Duration kMaxClockSkew = absl::Minutes(10);
// 2020-01-01T00:00:00Z: nothing was made before CareVoice existed.
constexpr absl::Time kEarliestCreatedAt = absl::FromUnixSeconds(1'577'836'800);
// A consultation opens and closes between 2020 and 2200.
constexpr std::int64_t kEarliestConsultationSeconds = 1'577'836'800;
constexpr std::int64_t kLatestConsultationSeconds = 7'258'118'400;
// Dates carry no time zone; accept a date as soon as it has begun anywhere
// (UTC+14), so a UK kiosk just after local midnight in summer is not refused.
constexpr absl::Duration kMaxUtcOffset = absl::Hours(14);
constexpr int kMinEventYear = 1900;
constexpr int kMaxEventYear = 2200;
constexpr std::string_view kFallbackLanguage = base::kDefaultLanguage;

Result Fail(std::string_view field, std::string_view key) {
  return FieldError{std::string(field), std::string(key)};
}

// Builds dotted field paths under a prefix: Scope{"contact"}("email").
struct Scope {
  std::string prefix;
  std::string operator()(std::string_view name) const {
    std::string path = prefix;
    if (!path.empty()) path += '.';  // a top-level field has no prefix
    path += name;
    return path;
  }
};

std::string Indexed(std::string_view field, std::size_t index) {
  std::string path(field);
  path += '[';
  path += std::to_string(index);
  path += ']';
  return path;
}

// Byte classes; no byte of a multibyte UTF-8 sequence is in any of them.
bool IsSpace(char c) {
  return absl::ascii_isspace(static_cast<unsigned char>(c));
}
bool IsLetter(char c) {
  return absl::ascii_isalpha(static_cast<unsigned char>(c));
}
bool IsDigit(char c) {
  return absl::ascii_isdigit(static_cast<unsigned char>(c));
}
bool IsAlnum(char c) { return IsLetter(c) || IsDigit(c); }
bool IsTokenChar(char c) { return IsAlnum(c) || c == '_' || c == '-'; }
bool IsCatalogIdChar(char c) {
  return IsTokenChar(c) && !absl::ascii_isupper(static_cast<unsigned char>(c));
}

bool AllOf(std::string_view text, bool (*pred)(char)) {
  return std::all_of(text.begin(), text.end(), pred);
}

// Empty or only ASCII whitespace. (Debian's abseil has its own string_view
// type, so absl::StripAsciiWhitespace would not take ours.)
bool IsBlank(std::string_view text) { return AllOf(text, IsSpace); }

// Between `min` and `max` bytes, each in `is_char`.
bool IsToken(std::string_view text, std::size_t min, std::size_t max,
             bool (*is_char)(char) = IsTokenChar) {
  return text.size() >= min && text.size() <= max && AllOf(text, is_char);
}

// What a string field must be. The defaults describe an optional free text
// with no length limit.
struct StringRule {
  std::size_t max_code_points = std::numeric_limits<std::size_t>::max();
  bool required = false;  // blank (empty or whitespace) is kErrRequired
  bool (*well_formed)(std::string_view) = nullptr;  // for non-empty values
  std::string_view bad_format_key = kErrBadFormat;
};

Result CheckString(std::string_view field, std::string_view text,
                   const StringRule& rule) {
  const std::optional<std::size_t> length = base::CodePointCount(text);
  if (!length) return Fail(field, kErrInvalidUtf8);
  if (IsBlank(text)) {
    if (rule.required) return Fail(field, kErrRequired);
    if (text.empty()) return std::nullopt;
  }
  if (*length > rule.max_code_points) return Fail(field, kErrTooLong);
  if (rule.well_formed != nullptr && !rule.well_formed(text)) {
    return Fail(field, rule.bad_format_key);
  }
  return std::nullopt;
}

// Text of at most `max` code points; `required` texts must not be blank.
Result CheckText(std::string_view field, std::string_view text, std::size_t max,
                 bool required = false) {
  return CheckString(field, text,
                     {.max_code_points = max, .required = required});
}

// Proto3 keeps unknown enum numbers, so every enum is checked against the
// generated IsValid. Zero is the "not given" value of every enum.
Result CheckEnum(std::string_view field, int value, bool (*is_valid)(int),
                 bool required = false) {
  if (value == 0 && required) return Fail(field, kErrRequired);
  if (!is_valid(value)) return Fail(field, kErrUnknownValue);
  return std::nullopt;
}

// Catalog ids: 1..64 of [a-z0-9_-].
bool IsCatalogId(std::string_view id) {
  return IsToken(id, 1, kMaxCatalogIdLength, IsCatalogIdChar);
}

// BCP-47-ish: a 2-3 letter language, then hyphen-separated subtags of 1-8
// letters or digits ("en-GB", "cy", "zh-Hant-HK").
bool IsLanguageTag(std::string_view tag) {
  if (tag.size() > kMaxLanguageTagLength) return false;
  bool primary = true;
  while (true) {
    const std::size_t dash = tag.find('-');
    const std::string_view part = tag.substr(0, dash);
    const bool ok =
        primary ? IsToken(part, 2, 3, IsLetter) : IsToken(part, 1, 8, IsAlnum);
    if (!ok) return false;
    if (dash == std::string_view::npos) return true;
    tag.remove_prefix(dash + 1);
    primary = false;
  }
}

// Exactly one '@' with text on both sides and no whitespace. Deliverability
// is for the officer who writes back, not for the contract.
bool IsEmailShaped(std::string_view email) {
  const std::size_t at = email.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < email.size() &&
         email.find('@', at + 1) == std::string_view::npos &&
         std::none_of(email.begin(), email.end(), IsSpace);
}

// Digits, spaces and + ( ) -, with at least 6 digits.
bool IsPhoneShaped(std::string_view phone) {
  constexpr std::size_t kMinPhoneDigits = 6;
  std::size_t digits = 0;
  for (char c : phone) {
    if (IsDigit(c)) {
      ++digits;
    } else if (std::string_view(" +()-").find(c) == std::string_view::npos) {
      return false;
    }
  }
  return digits >= kMinPhoneDigits;
}

constexpr StringRule kRequiredId = {.required = true,
                                    .well_formed = IsCatalogId};
constexpr StringRule kOptionalId = {.well_formed = IsCatalogId};

bool IsLeapYear(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

Result CheckEventDate(std::string_view field, const v1::Date& date,
                      absl::Time now) {
  if (date.year() < kMinEventYear || date.year() > kMaxEventYear ||
      date.month() < 1 || date.month() > 12 || date.day() < 1 ||
      date.day() > DaysInMonth(date.year(), date.month())) {
    return Fail(field, kErrBadFormat);
  }
  const absl::CivilDay latest =
      absl::ToCivilDay(now + kMaxUtcOffset, absl::UTCTimeZone());
  if (absl::CivilDay(date.year(), date.month(), date.day()) > latest) {
    return Fail(field, kErrInFuture);
  }
  return std::nullopt;
}

Result CheckCreatedAt(const v1::Submission& s, absl::Time now) {
  constexpr std::string_view kField = "created_at";
  const auto& ts = s.created_at();
  if (!s.has_created_at() || ts.seconds() <= 0) {
    return Fail(kField, kErrRequired);
  }
  if (ts.nanos() < 0 || ts.nanos() > 999'999'999) {
    return Fail(kField, kErrBadFormat);
  }
  const absl::Time created = base::FromProtoTimestamp(ts);
  if (created > now + kMaxClockSkew) return Fail(kField, kErrInFuture);
  if (created < kEarliestCreatedAt) return Fail(kField, kErrBadFormat);
  return std::nullopt;
}

// A "no reply" preference is not contact information, so an anonymous
// person may still state it.
bool HasContactDetails(const v1::Contact& c) {
  return !c.name().empty() || !c.email().empty() || !c.phone().empty() ||
         !c.postal_address().empty() ||
         (c.reply_format() != v1::REPLY_FORMAT_UNSPECIFIED &&
          c.reply_format() != v1::REPLY_FORMAT_NO_REPLY);
}

Result CheckContact(const v1::Submission& s) {
  const v1::Contact& c = s.contact();
  const Scope at{"contact"};
  if (s.anonymous() && HasContactDetails(c)) {
    return Fail("contact", kErrNotAllowed);
  }
  if (auto e = CheckText(at("name"), c.name(), kMaxContactName)) return e;
  if (auto e = CheckString(at("email"), c.email(),
                           {.max_code_points = kMaxContactEmail,
                            .well_formed = IsEmailShaped})) {
    return e;
  }
  if (auto e = CheckString(at("phone"), c.phone(),
                           {.max_code_points = kMaxContactPhone,
                            .well_formed = IsPhoneShaped})) {
    return e;
  }
  if (auto e = CheckText(at("postal_address"), c.postal_address(),
                         kMaxContactAddress)) {
    return e;
  }
  if (auto e = CheckEnum(at("reply_format"), c.reply_format(),
                         v1::ReplyFormat_IsValid)) {
    return e;
  }
  if (s.anonymous()) return std::nullopt;
  // Someone who gives their details gives a name and a way to reach them
  // (a phone, an email or an address); otherwise they are anonymous.
  if (IsBlank(c.name())) return Fail(at("name"), kErrRequired);
  if (c.email().empty() && c.phone().empty() && c.postal_address().empty()) {
    return Fail("contact", kErrRequired);
  }
  return std::nullopt;
}

Result CheckOnBehalfOf(const v1::OnBehalfOf& o) {
  const Scope at{"on_behalf_of"};
  if (auto e = CheckEnum(at("relationship"), o.relationship(),
                         v1::Relationship_IsValid, /*required=*/true)) {
    return e;
  }
  if (auto e = CheckEnum(at("why"), o.why(), v1::NoConsentWhy_IsValid)) {
    return e;
  }
  if (o.person_consented() && o.why() != v1::NO_CONSENT_WHY_UNSPECIFIED) {
    return Fail(at("why"), kErrNotAllowed);
  }
  // Without the person's agreement, why: a reason chosen, or in words
  // (always in words for "other").
  const bool words_needed =
      !o.person_consented() && (o.why() == v1::NO_CONSENT_WHY_UNSPECIFIED ||
                                o.why() == v1::NO_CONSENT_WHY_OTHER);
  return CheckText(at("no_consent_reason"), o.no_consent_reason(),
                   kMaxNoConsentReason, /*required=*/words_needed);
}

// Who is speaking, and what only a care worker may say.
Result CheckSpeaker(const v1::Submission& s) {
  if (auto e = CheckEnum("speaker", s.speaker(), v1::Speaker_IsValid)) return e;
  const bool worker = s.speaker() == v1::SPEAKER_CARE_WORKER;
  if (s.has_worker()) {
    if (!worker) return Fail("worker", kErrNotAllowed);
    if (auto e = CheckText("worker.employer", s.worker().employer(),
                           kMaxEmployer)) {
      return e;
    }
  }
  // Speaking for someone as their paid carer is speaking as someone who
  // works in care (a submission from before `speaker` may say either).
  if (s.on_behalf_of().relationship() == v1::RELATIONSHIP_PAID_CARER &&
      s.speaker() != v1::SPEAKER_UNSPECIFIED && !worker) {
    return Fail("on_behalf_of.relationship", kErrConflict);
  }
  if (s.has_feedback()) {
    const v1::Feedback& f = s.feedback();
    const struct {
      std::string_view field;
      int value;
      bool for_workers;  // asked only of care workers, or never of them
    } kAnswers[] = {
        {"feedback.worker_had_enough_time", f.worker_had_enough_time(), false},
        {"feedback.same_care_workers", f.same_care_workers(), false},
        {"feedback.enough_time_per_visit", f.enough_time_per_visit(), true},
    };
    for (const auto& a : kAnswers) {
      if (auto e = CheckEnum(a.field, a.value, v1::Answer_IsValid)) return e;
      if (a.value != v1::ANSWER_UNSPECIFIED && a.for_workers != worker) {
        return Fail(a.field, kErrNotAllowed);
      }
    }
  }
  return std::nullopt;
}

Result CheckEquality(const v1::EqualityMonitoring& m) {
  using M = v1::EqualityMonitoring;
  const struct {
    std::string_view field;
    int value;
    bool (*is_valid)(int);
  } kFields[] = {
      {"equality.age_band", m.age_band(), M::AgeBand_IsValid},
      {"equality.sex", m.sex(), M::Sex_IsValid},
      {"equality.disabled", m.disabled(), M::YesNo_IsValid},
      {"equality.unpaid_carer", m.unpaid_carer(), M::YesNo_IsValid},
      {"equality.ethnic_group", m.ethnic_group(), M::EthnicGroup_IsValid},
      {"equality.gender_same_as_at_birth", m.gender_same_as_at_birth(),
       M::YesNo_IsValid},
      {"equality.role", m.role(), M::Role_IsValid},
  };
  for (const auto& f : kFields) {
    if (auto e = CheckEnum(f.field, f.value, f.is_valid)) return e;
  }
  return std::nullopt;
}

// The service, provider and site a feedback or complaint is about.
Result CheckAbout(const Scope& at, std::string_view service_id,
                  std::string_view provider_id, std::string_view site_id) {
  if (auto e = CheckString(at("service_id"), service_id, kRequiredId)) {
    return e;
  }
  if (auto e = CheckString(at("provider_id"), provider_id, kOptionalId)) {
    return e;
  }
  return CheckString(at("site_id"), site_id, kOptionalId);
}

Result CheckFeedback(const v1::Feedback& f) {
  const Scope at{"feedback"};
  if (auto e = CheckAbout(at, f.service_id(), f.provider_id(), f.site_id())) {
    return e;
  }
  if (auto e = CheckEnum(at("rating"), f.rating(), v1::Rating_IsValid)) {
    return e;
  }
  return CheckText(at("text"), f.text(), kMaxFeedbackText);
}

Result CheckComplaint(const v1::Complaint& c, absl::Time now) {
  const Scope at{"complaint"};
  if (auto e = CheckAbout(at, c.service_id(), c.provider_id(), c.site_id())) {
    return e;
  }
  if (auto e = CheckText(at("what_happened"), c.what_happened(),
                         kMaxComplaintWhatHappened, /*required=*/true)) {
    return e;
  }
  if (auto e = CheckText(at("desired_outcome"), c.desired_outcome(),
                         kMaxComplaintDesiredOutcome)) {
    return e;
  }
  if (c.has_event_date()) {
    if (auto e = CheckEventDate(at("event_date"), c.event_date(), now)) {
      return e;
    }
  }
  if (auto e = CheckEnum(at("when"), c.when(), v1::When_IsValid)) return e;
  // "On a date" without the date says nothing.
  if (c.when() == v1::WHEN_ON_DATE && !c.has_event_date()) {
    return Fail(at("event_date"), kErrRequired);
  }
  return CheckText(at("late_reason"), c.late_reason(), kMaxComplaintLateReason);
}

Result CheckSafeguarding(const v1::SafeguardingConcern& c) {
  const Scope at{"safeguarding"};
  if (auto e = CheckText(at("what_is_happening"), c.what_is_happening(),
                         kMaxSafeguardingText, /*required=*/true)) {
    return e;
  }
  if (auto e = CheckText(at("who_is_at_risk"), c.who_is_at_risk(),
                         kMaxSafeguardingShort)) {
    return e;
  }
  if (auto e = CheckText(at("where"), c.where(), kMaxSafeguardingShort)) {
    return e;
  }
  if (auto e = CheckEnum(at("danger_now"), c.danger_now(), v1::Answer_IsValid)) {
    return e;
  }
  // "In danger now" said twice must say the same thing.
  if (c.danger_now() != v1::ANSWER_UNSPECIFIED &&
      c.in_immediate_danger() != (c.danger_now() == v1::ANSWER_YES)) {
    return Fail(at("in_immediate_danger"), kErrConflict);
  }
  return std::nullopt;
}

Result CheckIdea(const v1::Idea& i) {
  const Scope at{"idea"};
  if (auto e = CheckString(at("service_id"), i.service_id(), kOptionalId)) {
    return e;
  }
  if (auto e = CheckText(at("idea"), i.idea(), kMaxIdeaText,
                         /*required=*/true)) {
    return e;
  }
  return CheckText(at("who_benefits"), i.who_benefits(), kMaxIdeaWhoBenefits);
}

// A well-formed id not seen before among its kind; adds it to `seen`.
Result CheckUniqueId(std::string_view field, std::string_view id,
                     std::set<std::string_view>& seen) {
  if (auto e = CheckString(field, id, kRequiredId)) return e;
  if (!seen.insert(id).second) return Fail(field, kErrDuplicate);
  return std::nullopt;
}

// An id that must name something already in `known`.
Result CheckKnownId(std::string_view field, std::string_view id,
                    const std::set<std::string_view>& known) {
  if (auto e = CheckString(field, id, kRequiredId)) return e;
  if (!known.contains(id)) return Fail(field, kErrUnknownValue);
  return std::nullopt;
}

// Option ids of a ranking or a choose-several answer: 1..20, none twice.
Result CheckOptionIds(const std::string& field, const v1::QuestionAnswer::Options& o) {
  if (o.option_ids().empty()) return Fail(field, kErrRequired);
  if (static_cast<std::size_t>(o.option_ids_size()) > kMaxQuestionOptions) {
    return Fail(field, kErrTooLong);
  }
  std::set<std::string_view> seen;
  for (int i = 0; i < o.option_ids_size(); ++i) {
    const std::string entry = Indexed(field, i);
    if (auto e = CheckString(entry, o.option_ids(i), kRequiredId)) return e;
    if (!seen.insert(o.option_ids(i)).second) return Fail(entry, kErrDuplicate);
  }
  return std::nullopt;
}

Result CheckQuestionAnswer(const Scope& at, const v1::QuestionAnswer& a) {
  using A = v1::QuestionAnswer;
  switch (a.answer_case()) {
    case A::kChoiceId:
      return CheckString(at("choice_id"), a.choice_id(), kRequiredId);
    case A::kRanking:
      return CheckOptionIds(at("ranking.option_ids"), a.ranking());
    case A::kChoices:
      return CheckOptionIds(at("choices.option_ids"), a.choices());
    case A::kFreeText:
      return CheckText(at("free_text"), a.free_text(), kMaxFreeTextAnswer, /*required=*/true);
    case A::kAgreement:
      return CheckEnum(at("agreement"), a.agreement(), v1::Agreement_IsValid, /*required=*/true);
    case A::ANSWER_NOT_SET:
      break;
  }
  return Fail(at("answer"), kErrRequired);
}

Result CheckConsultationAnswer(const v1::ConsultationAnswer& a) {
  const Scope at{"consultation_answer"};
  if (auto e = CheckString(at("consultation_id"), a.consultation_id(), kRequiredId)) return e;
  if (a.answers().empty()) return Fail(at("answers"), kErrRequired);
  if (static_cast<std::size_t>(a.answers_size()) > kMaxConsultationQuestions) {
    return Fail(at("answers"), kErrTooLong);
  }
  std::set<std::string_view> questions;
  for (int i = 0; i < a.answers_size(); ++i) {
    const Scope answer{Indexed(at("answers"), i)};
    if (auto e = CheckUniqueId(answer("question_id"), a.answers(i).question_id(), questions)) {
      return e;
    }
    if (auto e = CheckQuestionAnswer(answer, a.answers(i))) return e;
  }
  return std::nullopt;
}

// The question a ballot's vote answers: the only one it has.
constexpr std::string_view kBallotQuestionId = "vote";

Result CheckForumVote(const v1::Submission& s) {
  const v1::ForumVote& v = s.forum_vote();
  const Scope at{"forum_vote"};
  if (auto e = CheckString(at("ballot_id"), v.ballot_id(), kRequiredId)) return e;
  if (auto e = CheckString(at("code"), v.code(),
                           {.required = true,
                            .well_formed = IsValidReference,
                            .bad_format_key = kErrBadReference})) {
    return e;
  }
  const Scope mark{at("mark")};
  if (v.mark().question_id() != kBallotQuestionId) return Fail(mark("question_id"), kErrUnknownValue);
  if (!v.mark().has_choice_id() && !v.mark().has_ranking()) return Fail(mark("answer"), kErrRequired);
  // A vote is secret: nothing of who cast it travels with it.
  if (!s.anonymous()) return Fail("anonymous", kErrRequired);
  if (!s.pin().empty()) return Fail("pin", kErrNotAllowed);
  if (s.has_on_behalf_of()) return Fail("on_behalf_of", kErrNotAllowed);
  if (s.has_worker()) return Fail("worker", kErrNotAllowed);
  return CheckQuestionAnswer(mark, v.mark());
}

Result CheckBody(const v1::Submission& s, absl::Time now) {
  using S = v1::Submission;
  switch (s.body_case()) {
    case S::kFeedback:
      return CheckFeedback(s.feedback());
    case S::kComplaint:
      return CheckComplaint(s.complaint(), now);
    case S::kSafeguarding:
      return CheckSafeguarding(s.safeguarding());
    case S::kIdea:
      return CheckIdea(s.idea());
    case S::kConsultationAnswer:
      return CheckConsultationAnswer(s.consultation_answer());
    case S::kForumVote:
      return CheckForumVote(s);
    case S::BODY_NOT_SET:
      break;
  }
  return Fail("body", kErrRequired);
}

// ---- Catalog ----

// Every entry is a language tag mapped to at most kMaxLocalizedText code
// points; with `require_fallback`, the en-GB entry must say something.
// Entries are visited in key order so the first problem is deterministic.
Result CheckLocalized(std::string_view field, const v1::LocalizedText& text,
                      bool require_fallback = false) {
  std::vector<std::pair<std::string_view, std::string_view>> entries;
  for (const auto& entry : text.text()) {
    entries.emplace_back(entry.first, entry.second);
  }
  std::sort(entries.begin(), entries.end());
  for (const auto& [language, words] : entries) {
    if (auto e =
            CheckString(field, language,
                        {.required = true, .well_formed = IsLanguageTag})) {
      return e;
    }
    if (auto e = CheckText(field, words, kMaxLocalizedText)) return e;
  }
  if (require_fallback) {
    const auto it = text.text().find(std::string(kFallbackLanguage));
    if (it == text.text().end() || IsBlank(it->second)) {
      return Fail(field, kErrRequired);
    }
  }
  return std::nullopt;
}

// A notice's words: each within its limit; with `require_fallback`, the
// title and body say something in en-GB.
Result CheckNoticeWords(const Scope& at, const v1::Notice& n, bool require_fallback) {
  if (auto e = CheckLocalized(at("title"), n.title(), require_fallback)) return e;
  if (auto e = CheckLocalized(at("body"), n.body(), require_fallback)) return e;
  if (auto e = CheckLocalized(at("easy_title"), n.easy_title())) return e;
  return CheckLocalized(at("easy_body"), n.easy_body());
}

Result CheckCatalogText(std::string_view field, std::string_view text) {
  return CheckText(field, text, kMaxLocalizedText);
}


// A consultation's words in each of its languages (`languages`, those of
// its title): none missing, none extra, none blank, each within `max`.
// Optional words may be left out altogether.
Result CheckWords(std::string_view field, const v1::LocalizedText& text,
                  const std::set<std::string>& languages, std::size_t max,
                  bool required = true) {
  if (!required && text.text().empty()) return std::nullopt;
  const std::string path(field);
  for (const auto& [language, words] : text.text()) {
    const std::string at = path + "[" + language + "]";
    if (!languages.contains(language)) {
      return Fail(IsLanguageTag(language) ? at : path, kErrNotAllowed);
    }
    if (auto e = CheckText(at, words, max, /*required=*/true)) return e;
  }
  for (const std::string& language : languages) {
    if (text.text().find(language) == text.text().end()) return Fail(path + "[" + language + "]", kErrRequired);
  }
  return std::nullopt;
}

Result CheckPicture(std::string_view field, std::string_view name, bool required) {
  if (name.empty()) return required ? Fail(field, kErrRequired) : std::nullopt;
  if (!IsPictureName(name)) return Fail(field, kErrUnknownValue);
  return std::nullopt;
}

Result CheckTime(std::string_view field, bool given, const google::protobuf::Timestamp& ts) {
  if (!given || (ts.seconds() == 0 && ts.nanos() == 0)) return Fail(field, kErrRequired);
  if (ts.nanos() < 0 || ts.nanos() > 999'999'999 || ts.seconds() < kEarliestConsultationSeconds ||
      ts.seconds() > kLatestConsultationSeconds) {
    return Fail(field, kErrBadFormat);
  }
  return std::nullopt;
}

Result CheckQuestion(const Scope& at, const v1::Question& q,
                     const std::set<std::string>& languages) {
  using Q = v1::Question;
  if (auto e = CheckWords(at("text"), q.text(), languages, kMaxQuestionText)) return e;
  if (auto e = CheckWords(at("easy_text"), q.easy_text(), languages, kMaxQuestionText)) {
    return e;
  }
  if (auto e = CheckPicture(at("picture"), q.picture(), /*required=*/true)) return e;
  if (auto e = CheckEnum(at("kind"), q.kind(), Q::Kind_IsValid, /*required=*/true)) return e;
  const std::string options = at("options");
  const bool has_options = q.kind() != Q::KIND_FREE_TEXT && q.kind() != Q::KIND_AGREEMENT;
  if (!has_options && q.options_size() > 0) return Fail(options, kErrNotAllowed);
  if (has_options && q.options_size() < 2) return Fail(options, kErrTooShort);
  if (static_cast<std::size_t>(q.options_size()) > kMaxQuestionOptions) {
    return Fail(options, kErrTooLong);
  }
  std::set<std::string_view> option_ids;
  for (int i = 0; i < q.options_size(); ++i) {
    const v1::Question::Option& o = q.options(i);
    const Scope option{Indexed(options, i)};
    if (auto e = CheckUniqueId(option("id"), o.id(), option_ids)) return e;
    if (auto e = CheckWords(option("label"), o.label(), languages, kMaxOptionLabel)) return e;
    if (auto e = CheckWords(option("easy_label"), o.easy_label(), languages, kMaxOptionLabel,
                            /*required=*/false)) {
      return e;
    }
    if (auto e = CheckPicture(option("picture"), o.picture(), /*required=*/false)) return e;
  }
  if (q.kind() == Q::KIND_MULTIPLE_CHOICE) {
    if (q.max_choices() <= 0) return Fail(at("max_choices"), kErrRequired);
    if (q.max_choices() > q.options_size()) return Fail(at("max_choices"), kErrTooLong);
  } else if (q.max_choices() != 0) {
    return Fail(at("max_choices"), kErrNotAllowed);
  }
  return std::nullopt;
}

Result CheckHelpNumbers(const v1::HelpNumbers& h) {
  const Scope at{"help_numbers"};
  if (auto e = CheckCatalogText(at("emergency"), h.emergency())) return e;
  if (auto e =
          CheckCatalogText(at("safeguarding_team"), h.safeguarding_team())) {
    return e;
  }
  if (auto e =
          CheckLocalized(at("safeguarding_hours"), h.safeguarding_hours())) {
    return e;
  }
  return CheckCatalogText(at("out_of_hours"), h.out_of_hours());
}

}  // namespace

bool IsValidCatalogId(std::string_view id) { return IsCatalogId(id); }

bool IsValidDeviceId(std::string_view device_id) {
  return IsToken(device_id, kMinDeviceIdLength, kMaxDeviceIdLength);
}

bool IsValidSubmissionId(std::string_view submission_id) {
  return IsToken(submission_id, kMinSubmissionIdLength, kMaxSubmissionIdLength);
}

std::optional<FieldError> ValidateSubmission(const v1::Submission& s,
                                             absl::Time now) {
  if (auto e =
          CheckString("submission_id", s.submission_id(),
                      {.required = true, .well_formed = IsValidSubmissionId})) {
    return e;
  }
  if (auto e = CheckString("reference", s.reference(),
                           {.required = true,
                            .well_formed = IsValidReference,
                            .bad_format_key = kErrBadReference})) {
    return e;
  }
  // Optional: kiosks older than PINs send none.
  if (auto e = CheckString("pin", s.pin(), {.well_formed = IsValidPin})) return e;
  if (auto e = CheckCreatedAt(s, now)) return e;
  if (auto e = CheckString("language", s.language(),
                           {.required = true, .well_formed = IsLanguageTag})) {
    return e;
  }
  if (auto e = CheckEnum("channel", s.channel(), v1::Channel_IsValid,
                         /*required=*/true)) {
    return e;
  }
  if (auto e = CheckContact(s)) return e;
  if (s.has_on_behalf_of()) {
    if (auto e = CheckOnBehalfOf(s.on_behalf_of())) return e;
  }
  // Who someone is travels apart from what they said (TakingPart).
  if (s.has_equality()) return Fail("equality", kErrNotAllowed);
  if (auto e = CheckBody(s, now)) return e;
  return CheckSpeaker(s);
}

// "2026-12": a year 2000..2200 and a month.
bool IsMonth(std::string_view month) {
  int year = 0, mon = 0;
  if (month.size() != 7 || month[4] != '-') return false;
  for (std::size_t i = 0; i < month.size(); ++i) {
    if (i != 4 && (month[i] < '0' || month[i] > '9')) return false;
  }
  year = std::stoi(std::string(month.substr(0, 4)));
  mon = std::stoi(std::string(month.substr(5, 2)));
  return year >= 2000 && year <= 2200 && mon >= 1 && mon <= 12;
}

std::optional<FieldError> ValidateTakingPart(const v1::TakingPart& t) {
  if (auto e = CheckString("tally_id", t.tally_id(),
                           {.required = true, .well_formed = IsValidSubmissionId})) {
    return e;
  }
  if (auto e = CheckString("month", t.month(), {.required = true, .well_formed = IsMonth})) {
    return e;
  }
  const v1::HowTookPart& how = t.how();
  if (how.text_size() < 0 || how.text_size() > 3) return Fail("how.text_size", kErrUnknownValue);
  if (auto e = CheckString("how.theme", how.theme(), {.well_formed = IsCatalogId})) return e;
  if (auto e = CheckEnum("how.input", how.input(), v1::HowTookPart::Input_IsValid)) return e;
  if (auto e = CheckString("how.language", how.language(), {.well_formed = IsLanguageTag})) {
    return e;
  }
  return CheckEquality(t.equality());
}

std::optional<FieldError> ValidateCatalog(const v1::Catalog& catalog) {
  if (auto e = CheckCatalogText("council_name", catalog.council_name())) {
    return e;
  }
  std::set<std::string_view> services;
  for (int i = 0; i < catalog.services_size(); ++i) {
    const v1::Service& service = catalog.services(i);
    const Scope at{Indexed("services", i)};
    if (auto e = CheckUniqueId(at("id"), service.id(), services)) return e;
    if (auto e = CheckLocalized(at("name"), service.name(),
                                /*require_fallback=*/true)) {
      return e;
    }
    if (auto e = CheckLocalized(at("description"), service.description())) {
      return e;
    }
    if (auto e = CheckCatalogText(at("picture"), service.picture())) return e;
  }
  std::set<std::string_view> providers;
  for (int i = 0; i < catalog.providers_size(); ++i) {
    const v1::Provider& provider = catalog.providers(i);
    const Scope at{Indexed("providers", i)};
    if (auto e = CheckUniqueId(at("id"), provider.id(), providers)) return e;
    if (auto e = CheckCatalogText(at("name"), provider.name())) return e;
    if (auto e = CheckEnum(at("ownership"), provider.ownership(),
                           v1::OwnershipModel_IsValid)) {
      return e;
    }
    for (int j = 0; j < provider.service_ids_size(); ++j) {
      if (auto e = CheckKnownId(Indexed(at("service_ids"), j),
                                provider.service_ids(j), services)) {
        return e;
      }
    }
  }
  std::set<std::string_view> sites;
  for (int i = 0; i < catalog.sites_size(); ++i) {
    const v1::Site& site = catalog.sites(i);
    const Scope at{Indexed("sites", i)};
    if (auto e = CheckUniqueId(at("id"), site.id(), sites)) return e;
    if (auto e =
            CheckKnownId(at("provider_id"), site.provider_id(), providers)) {
      return e;
    }
    if (auto e = CheckCatalogText(at("name"), site.name())) return e;
    if (auto e = CheckCatalogText(at("locality"), site.locality())) return e;
  }
  std::set<std::string_view> consultations;
  for (int i = 0; i < catalog.consultations_size(); ++i) {
    const v1::Consultation& c = catalog.consultations(i);
    const std::string at = Indexed("consultations", i);
    if (auto e = CheckUniqueId(at + ".id", c.id(), consultations)) return e;
    if (auto e = ValidateConsultation(c)) return Fail(at + "." + e->field, e->message_key);
  }
  std::set<std::string_view> ballots;
  for (int i = 0; i < catalog.ballots_size(); ++i) {
    const v1::ForumBallot& b = catalog.ballots(i);
    const std::string at = Indexed("ballots", i);
    if (auto e = CheckUniqueId(at + ".id", b.id(), ballots)) return e;
    if (auto e = ValidateBallot(b)) return Fail(at + "." + e->field, e->message_key);
  }
  std::set<std::string_view> notices;
  for (int i = 0; i < catalog.notices_size(); ++i) {
    const v1::Notice& notice = catalog.notices(i);
    const Scope at{Indexed("notices", i)};
    if (auto e = CheckUniqueId(at("id"), notice.id(), notices)) return e;
    if (auto e = CheckNoticeWords(at, notice, /*require_fallback=*/false)) return e;
  }
  return CheckHelpNumbers(catalog.help_numbers());
}

std::optional<FieldError> ValidateConsultation(const v1::Consultation& c) {
  if (auto e = CheckString("id", c.id(), kRequiredId)) return e;
  // The title says which languages the consultation is in: en-GB and any
  // others the council gives; every text is then given in each of them.
  if (auto e = CheckLocalized("title", c.title(), /*require_fallback=*/true)) return e;
  std::set<std::string> languages;
  for (const auto& entry : c.title().text()) languages.insert(entry.first);
  if (auto e = CheckWords("title", c.title(), languages, kMaxConsultationTitle)) return e;
  if (auto e = CheckWords("easy_title", c.easy_title(), languages, kMaxConsultationTitle)) {
    return e;
  }
  if (auto e = CheckWords("who_for", c.who_for(), languages, kMaxConsultationWhoFor)) return e;
  if (auto e = CheckTime("opens_at", c.has_opens_at(), c.opens_at())) return e;
  if (auto e = CheckTime("closes_at", c.has_closes_at(), c.closes_at())) return e;
  if (base::FromProtoTimestamp(c.closes_at()) <= base::FromProtoTimestamp(c.opens_at())) {
    return Fail("closes_at", kErrBeforeOpening);
  }
  if (auto e = CheckPicture("picture", c.picture(), /*required=*/false)) return e;
  if (c.questions().empty()) return Fail("questions", kErrRequired);
  if (static_cast<std::size_t>(c.questions_size()) > kMaxConsultationQuestions) {
    return Fail("questions", kErrTooLong);
  }
  std::set<std::string_view> ids;
  for (int i = 0; i < c.questions_size(); ++i) {
    const Scope at{Indexed("questions", i)};
    if (auto e = CheckUniqueId(at("id"), c.questions(i).id(), ids)) return e;
    if (auto e = CheckQuestion(at, c.questions(i), languages)) return e;
  }
  return std::nullopt;
}

std::optional<FieldError> ValidateNewConsultation(const v1::Consultation& c, absl::Time now) {
  if (c.closed_early()) return Fail("closed_early", kErrNotAllowed);
  if (auto e = ValidateConsultation(c)) return e;
  if (base::FromProtoTimestamp(c.closes_at()) <= now) return Fail("closes_at", kErrInPast);
  return std::nullopt;
}

std::optional<FieldError> ValidateNotice(const v1::Notice& n) {
  if (auto e = CheckString("id", n.id(), kRequiredId)) return e;
  return CheckNoticeWords(Scope{""}, n, /*require_fallback=*/true);
}

std::optional<FieldError> ValidateBallot(const v1::ForumBallot& b) {
  if (auto e = CheckString("id", b.id(), kRequiredId)) return e;
  if (auto e = CheckLocalized("title", b.title(), /*require_fallback=*/true)) return e;
  std::set<std::string> languages;
  for (const auto& entry : b.title().text()) languages.insert(entry.first);
  if (auto e = CheckWords("title", b.title(), languages, kMaxConsultationTitle)) return e;
  if (auto e = CheckWords("easy_title", b.easy_title(), languages, kMaxConsultationTitle)) {
    return e;
  }
  if (auto e = CheckWords("who_for", b.who_for(), languages, kMaxConsultationWhoFor)) return e;
  if (auto e = CheckTime("opens_at", b.has_opens_at(), b.opens_at())) return e;
  if (auto e = CheckTime("closes_at", b.has_closes_at(), b.closes_at())) return e;
  if (base::FromProtoTimestamp(b.closes_at()) <= base::FromProtoTimestamp(b.opens_at())) {
    return Fail("closes_at", kErrBeforeOpening);
  }
  if (auto e = CheckPicture("picture", b.picture(), /*required=*/false)) return e;
  if (!b.has_question()) return Fail("question", kErrRequired);
  const Scope q{"question"};
  if (b.question().id() != kBallotQuestionId) return Fail(q("id"), kErrUnknownValue);
  if (auto e = CheckQuestion(q, b.question(), languages)) return e;
  const bool ranked = b.question().kind() == v1::Question::KIND_RANKING;
  if (!ranked && b.question().kind() != v1::Question::KIND_SINGLE_CHOICE) {
    return Fail(q("kind"), kErrNotAllowed);
  }
  // One mark elects one; a preference order can fill several seats.
  if (b.seats() < 1) return Fail("seats", kErrRequired);
  if (b.seats() > (ranked ? b.question().options_size() - 1 : 1)) return Fail("seats", kErrTooLong);
  return std::nullopt;
}

std::optional<FieldError> ValidateNewBallot(const v1::ForumBallot& b, absl::Time now) {
  if (b.has_result()) return Fail("result", kErrNotAllowed);
  if (auto e = ValidateBallot(b)) return e;
  if (base::FromProtoTimestamp(b.closes_at()) <= now) return Fail("closes_at", kErrInPast);
  return std::nullopt;
}

// A vote against its ballot: one the catalog has, cast while it was open,
// marked for its candidates as its kind asks.
static std::optional<FieldError> CheckVoteAgainstCatalog(const v1::Submission& s,
                                                  const v1::Catalog& catalog) {
  const v1::ForumVote& vote = s.forum_vote();
  const v1::ForumBallot* ballot = nullptr;
  for (const v1::ForumBallot& b : catalog.ballots()) {
    if (b.id() == vote.ballot_id()) ballot = &b;
  }
  if (ballot == nullptr) return Fail("forum_vote.ballot_id", kErrUnknownValue);
  const absl::Time cast = base::FromProtoTimestamp(s.created_at());
  if (cast < base::FromProtoTimestamp(ballot->opens_at()) - kMaxClockSkew ||
      cast >= base::FromProtoTimestamp(ballot->closes_at())) {
    return Fail("created_at", kErrNotOpen);
  }
  std::set<std::string_view> options;
  for (const v1::Question::Option& o : ballot->question().options()) options.insert(o.id());
  const Scope mark{"forum_vote.mark"};
  const bool ranked = ballot->question().kind() == v1::Question::KIND_RANKING;
  if (ranked != vote.mark().has_ranking()) return Fail(mark("answer"), kErrNotAllowed);
  if (!ranked) return CheckKnownId(mark("choice_id"), vote.mark().choice_id(), options);
  const auto& order = vote.mark().ranking().option_ids();
  for (int j = 0; j < order.size(); ++j) {
    if (auto e = CheckKnownId(Indexed(mark("ranking.option_ids"), j), order[j], options)) return e;
  }
  return std::nullopt;
}

std::optional<FieldError> CheckAgainstCatalog(const v1::Submission& s, const v1::Catalog& catalog) {
  if (s.has_forum_vote()) return CheckVoteAgainstCatalog(s, catalog);
  if (!s.has_consultation_answer()) return std::nullopt;
  const v1::ConsultationAnswer& answer = s.consultation_answer();
  const Scope at{"consultation_answer"};
  const v1::Consultation* consultation = nullptr;
  for (const v1::Consultation& c : catalog.consultations()) {
    if (c.id() == answer.consultation_id()) consultation = &c;
  }
  if (consultation == nullptr) return Fail(at("consultation_id"), kErrUnknownValue);
  // When the person answered, by the device's clock; not when it arrived.
  const absl::Time given = base::FromProtoTimestamp(s.created_at());
  if (given < base::FromProtoTimestamp(consultation->opens_at()) - kMaxClockSkew ||
      given >= base::FromProtoTimestamp(consultation->closes_at())) {
    return Fail("created_at", kErrNotOpen);
  }
  using A = v1::QuestionAnswer;
  using Q = v1::Question;
  for (int i = 0; i < answer.answers_size(); ++i) {
    const A& a = answer.answers(i);
    const Scope here{Indexed(at("answers"), i)};
    const Q* question = nullptr;
    for (const Q& q : consultation->questions()) {
      if (q.id() == a.question_id()) question = &q;
    }
    if (question == nullptr) return Fail(here("question_id"), kErrUnknownValue);
    std::set<std::string_view> options;
    for (const Q::Option& o : question->options()) options.insert(o.id());
    const A::AnswerCase fits = question->kind() == Q::KIND_SINGLE_CHOICE     ? A::kChoiceId
                               : question->kind() == Q::KIND_RANKING         ? A::kRanking
                               : question->kind() == Q::KIND_MULTIPLE_CHOICE ? A::kChoices
                               : question->kind() == Q::KIND_AGREEMENT       ? A::kAgreement
                                                                             : A::kFreeText;
    if (a.answer_case() != fits) return Fail(here("answer"), kErrNotAllowed);
    if (a.has_choice_id()) {
      if (auto e = CheckKnownId(here("choice_id"), a.choice_id(), options)) return e;
    }
    const bool listed = a.has_ranking() || a.has_choices();
    const A::Options& chosen = a.has_ranking() ? a.ranking() : a.choices();
    const std::string field = here(a.has_ranking() ? "ranking.option_ids" : "choices.option_ids");
    for (int j = 0; listed && j < chosen.option_ids_size(); ++j) {
      if (auto e = CheckKnownId(Indexed(field, j), chosen.option_ids(j), options)) return e;
    }
    if (a.has_choices() && chosen.option_ids_size() > question->max_choices()) {
      return Fail(field, kErrTooLong);
    }
  }
  return std::nullopt;
}

}  // namespace carevoice::contract
