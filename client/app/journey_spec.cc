#include "client/app/journey_spec.h"

#include <algorithm>
#include <set>

#include "client/app/consultation_journey.h"
#include "contract/facts.h"
#include "contract/limits.h"
#include "contract/reference_code.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/reflection.h"

namespace carevoice::client {
namespace {

namespace pb = google::protobuf;

// The message holding the last segment of `field`, and that segment's
// descriptor. `draft` is const unless `create` asks for the path to be
// made (a oneof body is set by touching it).
struct Resolved {
  const pb::Message* message = nullptr;
  pb::Message* mutable_message = nullptr;
  const pb::FieldDescriptor* field = nullptr;
};

absl::StatusOr<Resolved> Resolve(const pb::Message& root, pb::Message* mutable_root,
                                 std::string_view path) {
  // Debian's abseil has its own string_view: split by hand.
  std::vector<std::string> parts;
  for (std::size_t start = 0;;) {
    std::size_t dot = path.find('.', start);
    parts.emplace_back(path.substr(start, dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  const pb::Message* message = &root;
  pb::Message* mutable_message = mutable_root;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const pb::FieldDescriptor* field =
        message->GetDescriptor()->FindFieldByName(parts[i]);
    if (field == nullptr || field->is_repeated()) {
      return absl::NotFoundError("no field \"" + std::string(path) + "\" in a submission");
    }
    if (i + 1 == parts.size()) return Resolved{message, mutable_message, field};
    if (field->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE) {
      return absl::NotFoundError("\"" + std::string(path) + "\" goes through a plain field");
    }
    if (mutable_message != nullptr) {
      mutable_message = mutable_message->GetReflection()->MutableMessage(mutable_message, field);
      message = mutable_message;
    } else {
      message = &message->GetReflection()->GetMessage(*message, field);
    }
  }
  return absl::NotFoundError("empty field path");
}

bool IsText(const pb::FieldDescriptor* field) {
  return field->cpp_type() == pb::FieldDescriptor::CPPTYPE_STRING;
}

bool IsDate(const pb::FieldDescriptor* field) {
  return field->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE &&
         field->message_type() == v1::Date::descriptor();
}

bool IsNumber(const pb::FieldDescriptor* field) {
  return field->cpp_type() == pb::FieldDescriptor::CPPTYPE_ENUM ||
         field->cpp_type() == pb::FieldDescriptor::CPPTYPE_BOOL;
}

using Draft = v1::Submission;

bool IsWorker(const Draft& d) { return d.speaker() == v1::SPEAKER_CARE_WORKER; }
bool NotWorker(const Draft& d) { return !IsWorker(d); }
bool About(const Draft& d, std::string_view service) {
  return d.has_feedback() && d.feedback().service_id() == service;
}

// "Are you telling us as..." Early in every journey, so that what follows
// is worded for them (a care worker's own words: "worker.<key>").
// Changing the answer takes back what only the other kind of speaker is
// asked.
Step SpeakerStep() {
  auto not_worker = [](Draft& d) {
    d.clear_worker();
    if (d.has_feedback()) d.mutable_feedback()->clear_enough_time_per_visit();
  };
  auto worker = [](Draft& d) {
    if (d.has_feedback()) {
      d.mutable_feedback()->clear_worker_had_enough_time();
      d.mutable_feedback()->clear_same_care_workers();
    }
  };
  return {.id = "speaker", .type = StepType::kChooseOption, .field = "speaker",
          .options = {{.id = "uses_services", .value = v1::SPEAKER_USES_SERVICES,
                       .also = not_worker},
                      {.id = "family_or_friend", .value = v1::SPEAKER_FAMILY_OR_FRIEND,
                       .also = not_worker},
                      {.id = "care_worker", .value = v1::SPEAKER_CARE_WORKER, .also = worker}}};
}

// A care worker may say who they work for; nobody is asked to.
Step EmployerStep() {
  return {.id = "employer", .type = StepType::kWords, .field = "worker.employer",
          .optional = true, .max_chars = contract::kMaxEmployer,
          .shown_when = [](const Draft& d, const v1::Catalog*) { return IsWorker(d); }};
}

std::vector<Option> YesNoNotSure() {
  return {{.id = "yes", .value = v1::ANSWER_YES},
          {.id = "no", .value = v1::ANSWER_NO},
          {.id = "not_sure", .value = v1::ANSWER_NOT_SURE}};
}

// Contact or anonymous, then the details and how to reply. A care worker
// raising a concern is told, shown and spoken, of their protection.
std::vector<Step> ContactSteps(bool worker_notice) {
  auto giving = [](const Draft& d, const v1::Catalog*) { return !d.anonymous(); };
  Step choice{
      .id = "contact", .type = StepType::kChooseOption, .field = "anonymous",
      .options = {{.id = "give", .value = 0,
                   .also = [](Draft& d) { d.mutable_consent()->set_may_contact(true); }},
                  {.id = "anonymous", .value = 1,
                   .also = [](Draft& d) {
                     d.clear_contact();
                     d.mutable_consent()->set_may_contact(false);
                   }}}};
  if (worker_notice) choice.notice_when = IsWorker;
  return {
      choice,
      {.id = "name", .type = StepType::kWords, .field = "contact.name",
       .max_chars = contract::kMaxContactName, .shown_when = giving},
      {.id = "phone", .type = StepType::kWords, .field = "contact.phone", .optional = true,
       .max_chars = contract::kMaxContactPhone, .suggests_words = false, .shown_when = giving},
      {.id = "email", .type = StepType::kWords, .field = "contact.email", .optional = true,
       .max_chars = contract::kMaxContactEmail, .suggests_words = false, .shown_when = giving},
      // The last of the three: at least one way to reach them is needed.
      {.id = "address", .type = StepType::kWords, .field = "contact.postal_address",
       .optional = true, .max_chars = contract::kMaxContactAddress, .shown_when = giving,
       .check = [](const Draft& d) {
         return !d.contact().phone().empty() || !d.contact().email().empty() ||
                !d.contact().postal_address().empty();
       },
       .check_field = "contact"},
      {.id = "reply", .type = StepType::kChooseOption, .field = "contact.reply_format",
       .options = {{.id = "large_print", .value = v1::REPLY_FORMAT_LARGE_PRINT},
                   {.id = "easy_read", .value = v1::REPLY_FORMAT_EASY_READ},
                   {.id = "audio", .value = v1::REPLY_FORMAT_AUDIO},
                   {.id = "bsl", .value = v1::REPLY_FORMAT_BSL},
                   {.id = "email", .value = v1::REPLY_FORMAT_EMAIL},
                   {.id = "phone", .value = v1::REPLY_FORMAT_PHONE},
                   {.id = "post", .value = v1::REPLY_FORMAT_POST}},
       .shown_when = giving},
  };
}

// May the person's words be quoted, without their name, in the council's
// committee papers (consent.may_quote)? Asked only once there are words;
// skipping it, or never being asked, leaves the answer "no". Never asked
// about a safeguarding worry: those are never quoted.
Step QuoteStep(std::function<const std::string&(const Draft&)> words) {
  return {.id = "quote", .type = StepType::kChooseOption, .field = "consent.may_quote",
          .optional = true,
          .options = {{.id = "yes", .value = 1}, {.id = "no", .value = 0}},
          .shown_when = [words = std::move(words)](const Draft& d, const v1::Catalog*) {
            return !words(d).empty();
          }};
}

std::vector<Step> Ending() {
  return {{.id = "review", .type = StepType::kReview, .reviewed = false},
          {.id = "thanks", .type = StepType::kThanks, .reviewed = false}};
}

// "Is someone in danger or being hurt right now?" Yes and "not sure" both
// bring the numbers to call before anything else is asked.
std::vector<Option> DangerOptions(const std::string& switch_to) {
  auto in_danger = [](bool yes) {
    return [yes](Draft& d) {
      if (d.has_safeguarding()) d.mutable_safeguarding()->set_in_immediate_danger(yes);
    };
  };
  return {{.id = "yes", .value = v1::ANSWER_YES, .also = in_danger(true), .switch_to = switch_to},
          {.id = "no", .value = v1::ANSWER_NO, .also = in_danger(false)},
          {.id = "not_sure", .value = v1::ANSWER_NOT_SURE, .also = in_danger(false),
           .switch_to = switch_to}};
}

bool MayBeInDanger(const Draft& d) {
  return d.has_safeguarding() && (d.safeguarding().danger_now() == v1::ANSWER_YES ||
                                  d.safeguarding().danger_now() == v1::ANSWER_NOT_SURE);
}

std::vector<JourneySpec> BuildJourneys() {
  std::vector<JourneySpec> all;
  auto append = [](std::vector<Step>& to, std::vector<Step> more) {
    for (Step& s : more) to.push_back(std::move(s));
  };

  // Feedback or a compliment: which service, who is speaking, five faces,
  // words, for home care a question or two, review.
  JourneySpec feedback;
  feedback.id = "feedback";
  feedback.start = [](Draft& draft) {
    draft.set_anonymous(true);
    draft.mutable_feedback();
  };
  // Asked of the person who receives home care, not of those speaking
  // for them or of care workers.
  auto home_care_user = [](const Draft& d, const v1::Catalog*) {
    return About(d, "home_care") && d.speaker() == v1::SPEAKER_USES_SERVICES;
  };
  feedback.steps = {
      {.id = "service", .type = StepType::kChooseFromCatalog,
       .field = "feedback.service_id"},
      SpeakerStep(),
      {.id = "rating", .type = StepType::kRate, .field = "feedback.rating",
       .optional = true},
      {.id = "more", .type = StepType::kWords, .field = "feedback.text",
       .optional = true, .max_chars = contract::kMaxFeedbackText},
      {.id = "visit_time", .type = StepType::kChooseOption,
       .field = "feedback.worker_had_enough_time", .optional = true,
       .options = YesNoNotSure(), .shown_when = home_care_user},
      {.id = "same_workers", .type = StepType::kChooseOption,
       .field = "feedback.same_care_workers", .optional = true, .options = YesNoNotSure(),
       .shown_when = home_care_user},
      {.id = "worker_time", .type = StepType::kChooseOption,
       .field = "feedback.enough_time_per_visit", .optional = true,
       .options = YesNoNotSure(),
       .shown_when = [](const Draft& d, const v1::Catalog*) {
         return About(d, "home_care") && IsWorker(d);
       }},
      QuoteStep([](const Draft& d) -> const std::string& { return d.feedback().text(); }),
  };
  append(feedback.steps, Ending());
  all.push_back(std::move(feedback));

  // Something is wrong: a concern or complaint under the statutory
  // procedure, formal unless the person says otherwise.
  JourneySpec complaint;
  complaint.id = "complaint";
  complaint.start = [](Draft& draft) {
    draft.set_anonymous(true);
    draft.mutable_complaint();
  };
  auto has_someone = [](const Draft& d, const v1::Catalog*) { return d.has_on_behalf_of(); };
  auto not_agreed = [](const Draft& d, const v1::Catalog*) {
    return d.has_on_behalf_of() && !d.on_behalf_of().person_consented();
  };
  complaint.steps = {
      {.id = "danger", .type = StepType::kChooseOption, .options = DangerOptions("safeguarding"),
       .reviewed = false},
      {.id = "service", .type = StepType::kChooseFromCatalog, .field = "complaint.service_id"},
      // Which provider and site, where the catalog lists them.
      {.id = "provider", .type = StepType::kChooseFromCatalog, .field = "complaint.provider_id",
       .optional = true,
       .shown_when = [](const Draft& d, const v1::Catalog* c) {
         return !CatalogChoices({.list = CatalogList::kProviders}, d, c).empty();
       },
       .list = CatalogList::kProviders},
      {.id = "site", .type = StepType::kChooseFromCatalog, .field = "complaint.site_id",
       .optional = true,
       .shown_when = [](const Draft& d, const v1::Catalog* c) {
         return !CatalogChoices({.list = CatalogList::kSites}, d, c).empty();
       },
       .list = CatalogList::kSites},
      SpeakerStep(),
      EmployerStep(),
      {.id = "what", .type = StepType::kWords, .field = "complaint.what_happened",
       .max_chars = contract::kMaxComplaintWhatHappened},
      {.id = "when", .type = StepType::kChooseOption, .field = "complaint.when",
       .optional = true,
       .options = {{.id = "week", .value = v1::WHEN_LAST_WEEK},
                   {.id = "month", .value = v1::WHEN_LAST_MONTH},
                   {.id = "year", .value = v1::WHEN_LAST_YEAR},
                   {.id = "longer", .value = v1::WHEN_OVER_A_YEAR_AGO},
                   {.id = "date", .value = v1::WHEN_ON_DATE}}},
      {.id = "event_date", .type = StepType::kDate, .field = "complaint.event_date",
       .shown_when = [](const Draft& d, const v1::Catalog*) {
         return d.complaint().when() == v1::WHEN_ON_DATE;
       }},
      // Gently: the time limit can be waived for good reason. Counted from
      // when the person began to tell the kiosk (the draft's created_at).
      {.id = "late", .type = StepType::kWords, .field = "complaint.late_reason",
       .optional = true, .max_chars = contract::kMaxComplaintLateReason,
       .shown_when = [](const Draft& d, const v1::Catalog*) {
         return contract::OutsideTimeLimit(d.complaint(),
                                           absl::FromUnixSeconds(d.created_at().seconds()));
       }},
      {.id = "outcome", .type = StepType::kWords, .field = "complaint.desired_outcome",
       .optional = true, .max_chars = contract::kMaxComplaintDesiredOutcome},
      {.id = "discuss", .type = StepType::kChooseOption, .field = "complaint.wants_discussion",
       .options = {{.id = "yes", .value = 1}, {.id = "no", .value = 0}}},
      {.id = "formal", .type = StepType::kChooseOption, .field = "complaint.not_formal",
       .options = {{.id = "complaint", .value = 0}, {.id = "just_know", .value = 1}}},
      QuoteStep(
          [](const Draft& d) -> const std::string& { return d.complaint().what_happened(); }),
      // A care worker speaks for someone they support at work; others as
      // family, friend, unpaid carer or advocate.
      {.id = "about", .type = StepType::kChooseOption, .field = "on_behalf_of.relationship",
       .options = {{.id = "me", .value = 0, .also = [](Draft& d) { d.clear_on_behalf_of(); }},
                   {.id = "relative", .value = v1::RELATIONSHIP_RELATIVE,
                    .offered_when = NotWorker},
                   {.id = "friend", .value = v1::RELATIONSHIP_FRIEND, .offered_when = NotWorker},
                   {.id = "carer", .value = v1::RELATIONSHIP_UNPAID_CARER,
                    .offered_when = NotWorker},
                   {.id = "advocate", .value = v1::RELATIONSHIP_ADVOCATE,
                    .offered_when = NotWorker},
                   {.id = "at_work", .value = v1::RELATIONSHIP_PAID_CARER,
                    .offered_when = IsWorker}}},
      {.id = "agreed", .type = StepType::kChooseOption,
       .field = "on_behalf_of.person_consented",
       .options = {{.id = "yes", .value = 1,
                    .also = [](Draft& d) {
                      d.mutable_on_behalf_of()->clear_why();
                      d.mutable_on_behalf_of()->clear_no_consent_reason();
                    }},
                   {.id = "no", .value = 0}},
       .shown_when = has_someone},
      {.id = "why", .type = StepType::kChooseOption, .field = "on_behalf_of.why",
       .options = {{.id = "capacity", .value = v1::NO_CONSENT_WHY_LACKS_CAPACITY},
                   {.id = "died", .value = v1::NO_CONSENT_WHY_HAS_DIED},
                   {.id = "other", .value = v1::NO_CONSENT_WHY_OTHER}},
       .shown_when = not_agreed},
      {.id = "why_words", .type = StepType::kWords, .field = "on_behalf_of.no_consent_reason",
       .max_chars = contract::kMaxNoConsentReason,
       .shown_when = [](const Draft& d, const v1::Catalog*) {
         return d.has_on_behalf_of() && !d.on_behalf_of().person_consented() &&
                d.on_behalf_of().why() == v1::NO_CONSENT_WHY_OTHER;
       }},
  };
  append(complaint.steps, ContactSteps(/*worker_notice=*/true));
  append(complaint.steps, Ending());
  all.push_back(std::move(complaint));

  // Someone is at risk: the numbers to call first, then what is happening.
  JourneySpec safeguarding;
  safeguarding.id = "safeguarding";
  safeguarding.start = [](Draft& draft) {
    draft.set_anonymous(true);
    draft.mutable_safeguarding();
  };
  safeguarding.numbers_when = MayBeInDanger;
  safeguarding.steps = {
      {.id = "danger", .type = StepType::kChooseOption, .field = "safeguarding.danger_now",
       .options = DangerOptions("")},
      {.id = "numbers", .type = StepType::kNotice,
       .shown_when = [](const Draft& d, const v1::Catalog*) { return MayBeInDanger(d); },
       .reviewed = false},
      SpeakerStep(),
      {.id = "happening", .type = StepType::kWords, .field = "safeguarding.what_is_happening",
       .max_chars = contract::kMaxSafeguardingText},
      {.id = "who", .type = StepType::kWords, .field = "safeguarding.who_is_at_risk",
       .optional = true, .max_chars = contract::kMaxSafeguardingShort},
      {.id = "where", .type = StepType::kWords, .field = "safeguarding.where",
       .optional = true, .max_chars = contract::kMaxSafeguardingShort},
      {.id = "knows", .type = StepType::kChooseOption, .field = "safeguarding.person_knows",
       .optional = true, .options = {{.id = "yes", .value = 1}, {.id = "no", .value = 0}}},
  };
  append(safeguarding.steps, ContactSteps(/*worker_notice=*/true));
  append(safeguarding.steps, Ending());
  all.push_back(std::move(safeguarding));

  // An idea for how a service should change, and who it would help.
  JourneySpec idea;
  idea.id = "idea";
  idea.start = [](Draft& draft) {
    draft.set_anonymous(true);
    draft.mutable_idea();
  };
  idea.steps = {
      {.id = "service", .type = StepType::kChooseFromCatalog, .field = "idea.service_id"},
      SpeakerStep(),
      {.id = "idea", .type = StepType::kWords, .field = "idea.idea",
       .max_chars = contract::kMaxIdeaText},
      {.id = "benefits", .type = StepType::kWords, .field = "idea.who_benefits",
       .optional = true, .max_chars = contract::kMaxIdeaWhoBenefits},
      QuoteStep([](const Draft& d) -> const std::string& { return d.idea().idea(); }),
  };
  append(idea.steps, Ending());
  all.push_back(std::move(idea));

  // Check on something I told you: the reference and PIN from the
  // thank-you screen (or an officer's letter), then where it has got to
  // and the council's reply. Sends nothing; asks the service.
  JourneySpec check;
  check.id = "check";
  check.lookup = true;
  check.start = [](Draft&) {};
  check.steps = {
      {.id = "check_reference", .type = StepType::kWords, .field = "reference",
       .max_chars = 40, .suggests_words = false, .reviewed = false,
       .check = [](const Draft& d) {
         return contract::IsValidReference(contract::NormalizeReference(d.reference()));
       },
       .check_field = "reference", .check_message = "error.bad_reference"},
      {.id = "check_pin", .type = StepType::kWords, .field = "pin", .max_chars = 30,
       .suggests_words = false, .reviewed = false,
       .check = [](const Draft& d) { return contract::IsValidPin(contract::NormalizePin(d.pin())); },
       .check_field = "pin", .check_message = "error.bad_pin"},
      {.id = "check_answer", .type = StepType::kAnswer, .reviewed = false},
  };
  all.push_back(std::move(check));

  // Help us check we hear from everyone: offered once a journey has ended,
  // each question with "prefer not to say" and a skip for the rest. The
  // values are the contract's (v1::EqualityMonitoring); the ethnic groups
  // are the Census 2021 high-level groups for England and Wales.
  using Eq = v1::EqualityMonitoring;
  auto with_rest = [](std::vector<Option> options, int prefer_not) {
    options.push_back({.id = "prefer_not", .value = prefer_not});
    options.push_back({.id = "skip", .value = 0, .skips_rest = true});
    return options;
  };
  auto yes_no = [&] {
    return with_rest({{.id = "yes", .value = Eq::YES_NO_YES}, {.id = "no", .value = Eq::YES_NO_NO}},
                     Eq::YES_NO_PREFER_NOT_TO_SAY);
  };
  auto question = [](std::string id, std::string field, std::vector<Option> options) {
    return Step{.id = std::move(id), .type = StepType::kChooseOption, .field = std::move(field),
                .optional = true, .options = std::move(options), .reviewed = false};
  };
  JourneySpec heard;
  heard.id = "heard_from";
  heard.follow_on = true;
  heard.start = [](Draft&) {};
  heard.steps = {
      question("heard_role", "equality.role",
               with_rest({{.id = "uses_services", .value = Eq::ROLE_USES_SERVICES},
                          {.id = "relative_or_advocate", .value = Eq::ROLE_RELATIVE_OR_ADVOCATE},
                          {.id = "care_worker", .value = Eq::ROLE_CARE_WORKER}},
                         Eq::ROLE_PREFER_NOT_TO_SAY)),
      question("heard_age", "equality.age_band",
               with_rest({{.id = "18_24", .value = Eq::AGE_BAND_18_TO_24},
                          {.id = "25_44", .value = Eq::AGE_BAND_25_TO_44},
                          {.id = "45_64", .value = Eq::AGE_BAND_45_TO_64},
                          {.id = "65_74", .value = Eq::AGE_BAND_65_TO_74},
                          {.id = "75_84", .value = Eq::AGE_BAND_75_TO_84},
                          {.id = "85_over", .value = Eq::AGE_BAND_85_AND_OVER}},
                         Eq::AGE_BAND_PREFER_NOT_TO_SAY)),
      question("heard_sex", "equality.sex",
               with_rest({{.id = "female", .value = Eq::SEX_FEMALE},
                          {.id = "male", .value = Eq::SEX_MALE}},
                         Eq::SEX_PREFER_NOT_TO_SAY)),
      question("heard_gender", "equality.gender_same_as_at_birth", yes_no()),
      question("heard_ethnic", "equality.ethnic_group",
               with_rest({{.id = "asian", .value = Eq::ETHNIC_GROUP_ASIAN},
                          {.id = "black", .value = Eq::ETHNIC_GROUP_BLACK},
                          {.id = "mixed", .value = Eq::ETHNIC_GROUP_MIXED},
                          {.id = "white", .value = Eq::ETHNIC_GROUP_WHITE},
                          {.id = "other", .value = Eq::ETHNIC_GROUP_OTHER}},
                         Eq::ETHNIC_GROUP_PREFER_NOT_TO_SAY)),
      question("heard_disabled", "equality.disabled", yes_no()),
      question("heard_carer", "equality.unpaid_carer", yes_no()),
      // Its own words over the shared thank-you (heard_from.thanks.*).
      {.id = "thanks", .type = StepType::kThanks, .reviewed = false},
  };
  all.push_back(std::move(heard));
  return all;
}

}  // namespace

bool Offered(const Option& option, const v1::Submission& draft) {
  return !option.offered_when || option.offered_when(draft);
}

std::vector<CatalogChoice> CatalogChoices(const Step& step, const v1::Submission& draft,
                                          const v1::Catalog* catalog) {
  std::vector<CatalogChoice> choices;
  if (catalog == nullptr) return choices;
  switch (step.list) {
    case CatalogList::kServices:
      for (const v1::Service& s : catalog->services()) {
        choices.push_back({s.id(), &s.name(), ""});
      }
      break;
    case CatalogList::kProviders: {
      const std::string_view service = contract::ServiceIdOf(draft);
      for (const v1::Provider& p : catalog->providers()) {
        if (std::find(p.service_ids().begin(), p.service_ids().end(), service) !=
            p.service_ids().end()) {
          choices.push_back({p.id(), nullptr, p.name()});
        }
      }
      break;
    }
    case CatalogList::kSites: {
      const std::string_view provider = contract::ProviderIdOf(draft);
      for (const v1::Site& site : catalog->sites()) {
        if (site.provider_id() != provider) continue;
        // "The Kettle Hub, Old Town": the place as people know it.
        choices.push_back({site.id(), nullptr,
                           site.locality().empty() ? site.name()
                                                   : site.name() + ", " + site.locality()});
      }
      break;
    }
  }
  return choices;
}

const char* StepTypeName(StepType type) {
  switch (type) {
    case StepType::kChooseFromCatalog: return "choose_from_catalog";
    case StepType::kChooseOption: return "choose_option";
    case StepType::kRate: return "rate";
    case StepType::kWords: return "words";
    case StepType::kReview: return "review";
    case StepType::kThanks: return "thanks";
    case StepType::kNotice: return "notice";
    case StepType::kDate: return "date";
    case StepType::kAnswer: return "answer";
    case StepType::kQuestion: return "question";
  }
  return "unknown";
}

std::vector<std::string> StepKeys::All() const {
  std::vector<std::string> all;
  for (const std::string* key : {&title, &instruction, &field_label, &field_hint,
                                 &review_line, &review_none, &change, &notice}) {
    if (!key->empty()) all.push_back(*key);
  }
  all.insert(all.end(), choices.begin(), choices.end());
  all.insert(all.end(), extra.begin(), extra.end());
  return all;
}

StepKeys KeysFor(const JourneySpec& spec, const Step& step) {
  const std::string k = step.key.empty() ? step.id : step.key;
  StepKeys keys;
  keys.title = k + ".title";
  keys.instruction = k + ".instruction";
  if (step.reviewed) {
    keys.review_line = k + ".review";
    keys.change = k + ".change";
  }
  if (step.notice_when) keys.notice = k + ".notice";
  if (step.question != nullptr) {
    // The question's words are the catalog's; the kiosk's own say how to
    // answer it, where it stands among the questions, and that it may be
    // skipped.
    keys.title.clear();
    keys.instruction = QuestionInstructionKey(*step.question);
    keys.extra = {"question.progress", "question.skip"};
    switch (step.question->kind()) {
      case v1::Question::KIND_FREE_TEXT:
        keys.field_label = k + ".field";
        keys.field_hint = k + ".field.hint";
        for (const char* key : {"step.continue", "words.limit", "words.remaining",
                                "words.type_now", "state.empty"}) {
          keys.extra.push_back(key);
        }
        break;
      case v1::Question::KIND_AGREEMENT:
        for (int point = 1; point <= 5; ++point) {
          keys.choices.push_back("agreement." + std::to_string(point));
        }
        break;
      case v1::Question::KIND_MULTIPLE_CHOICE:
        keys.extra.insert(keys.extra.end(), {"step.continue", "question.max_reached",
                                             "question.chosen_count", "state.selected",
                                             "state.not_selected"});
        break;
      case v1::Question::KIND_RANKING:
        keys.extra.insert(keys.extra.end(), {"step.continue", "question.ranking.order",
                                             "question.ranking.none", "question.ranking.again"});
        break;
      default:
        break;
    }
    keys.review_line = k + ".review";
    keys.review_none = "question.skipped";
    keys.change = k + ".change";
    return keys;
  }
  switch (step.type) {
    case StepType::kChooseFromCatalog:
      if (step.list == CatalogList::kServices) {
        keys.extra = {"service.none", "service.something_else"};
      } else {
        keys.extra = {k + ".not_sure"};
      }
      break;
    case StepType::kChooseOption:
      for (const Option& option : step.options) keys.choices.push_back(k + "." + option.id);
      if (step.reviewed) keys.extra = {"choice.not_answered"};
      break;
    case StepType::kRate:
      for (int r = 1; r <= 5; ++r) keys.choices.push_back("rating." + std::to_string(r));
      keys.extra = {"rating.skip"};
      if (step.reviewed) keys.review_none = k + ".review_none";
      break;
    case StepType::kWords:
      keys.field_label = k + ".field";
      keys.field_hint = k + ".field.hint";
      keys.extra = {"step.continue", "words.limit", "words.remaining", "words.type_now",
                    "state.empty"};
      if (step.reviewed) keys.review_none = k + ".review_none";
      break;
    case StepType::kReview:
      keys.extra = {k + ".send", k + ".send.hint"};
      break;
    case StepType::kThanks:
      keys.extra = {k + ".reference_label", k + ".reference_spoken", k + ".pin_label",
                    k + ".pin_note", k + ".sent",
                    k + ".queued", k + ".next", k + ".finish", k + ".say_again",
                    k + ".anonymous"};
      break;
    case StepType::kNotice:
      keys.extra = {"step.continue"};
      break;
    case StepType::kAnswer:
      keys.extra = {k + ".looking", k + ".not_found", k + ".unreachable", k + ".updated",
                    k + ".reply_label", k + ".no_reply", k + ".again", k + ".finish"};
      for (const char* status : {"received", "acknowledged", "in_progress", "responded",
                                 "closed"}) {
        keys.extra.push_back(k + ".status." + status);
      }
      for (const char* outcome : kIdeaOutcomes) keys.extra.push_back(k + ".idea." + outcome);
      break;
    case StepType::kQuestion:  // always with a question (above)
      break;
    case StepType::kDate:
      keys.extra = {"step.continue", "date.format", "date.day_before", "date.day_after",
                    "date.month_before", "date.month_after", "date.year_before",
                    "date.year_after", "date.not_yet"};
      for (int m = 1; m <= 12; ++m) keys.extra.push_back("date.month." + std::to_string(m));
      for (int d = 1; d <= 7; ++d) keys.extra.push_back("date.weekday." + std::to_string(d));
      break;
  }
  (void)spec;  // overrides are resolved at lookup (ResolveKey)
  return keys;
}

std::vector<std::string> SpecKeys(const JourneySpec& spec) {
  std::vector<std::string> keys;
  if (spec.numbers_when) keys = {"numbers.banner", "numbers.again"};
  if (spec.follow_on) {
    keys.push_back(spec.id + ".offer");
    keys.push_back(spec.id + ".offer.hint");
  }
  return keys;
}

std::string ResolveKey(const JourneySpec& spec, const v1::Submission& draft,
                       std::string_view key,
                       const std::function<bool(std::string_view)>& has) {
  if (IsWorker(draft)) {
    std::string worker = "worker." + std::string(key);
    if (has(worker)) return worker;
  }
  std::string own = spec.id + "." + std::string(key);
  return has(own) ? own : std::string(key);
}

const std::vector<JourneySpec>& AllJourneys() {
  static const std::vector<JourneySpec>* const kAll =
      new std::vector<JourneySpec>(BuildJourneys());
  return *kAll;
}

const JourneySpec* FindJourney(std::string_view id) {
  for (const JourneySpec& spec : AllJourneys()) {
    if (spec.id == id) return &spec;
  }
  return nullptr;
}

std::string HomeKey(const JourneySpec& spec) { return "home." + spec.id; }

absl::Status CheckSpec(const JourneySpec& spec) {
  if (spec.id.empty()) return absl::InvalidArgumentError("a journey has no id");
  if (!spec.start) return absl::InvalidArgumentError(spec.id + ": no start function");
  if (spec.lookup) {
    if (spec.steps.empty() || spec.steps.back().type != StepType::kAnswer) {
      return absl::InvalidArgumentError(spec.id + ": a lookup ends with its answer");
    }
    for (const Step& step : spec.steps) {
      if (step.type == StepType::kReview || step.type == StepType::kThanks ||
          (step.type == StepType::kAnswer && &step != &spec.steps.back())) {
        return absl::InvalidArgumentError(spec.id + "." + step.id +
                                          ": a lookup sends nothing, and answers once, last");
      }
    }
  } else if (spec.follow_on) {
    if (spec.steps.empty() || spec.steps.back().type != StepType::kThanks) {
      return absl::InvalidArgumentError(spec.id + ": a follow-on ends with its thanks");
    }
    for (const Step& step : spec.steps) {
      bool own = step.field.empty() || step.field.starts_with("equality.");
      if (step.type == StepType::kReview || step.type == StepType::kAnswer || !own ||
          (step.type == StepType::kThanks && &step != &spec.steps.back())) {
        return absl::InvalidArgumentError(spec.id + "." + step.id +
                                          ": a follow-on fills only equality.*, and sends nothing");
      }
    }
  } else if (spec.steps.size() < 2 || spec.steps.back().type != StepType::kThanks ||
             spec.steps[spec.steps.size() - 2].type != StepType::kReview) {
    return absl::InvalidArgumentError(spec.id + ": must end with review, then thanks");
  }
  v1::Submission draft;
  spec.start(draft);
  if (!spec.lookup && !spec.follow_on && draft.body_case() == v1::Submission::BODY_NOT_SET) {
    return absl::InvalidArgumentError(spec.id + ": start does not choose a kind");
  }
  std::set<std::string> ids;
  for (const Step& step : spec.steps) {
    std::string where = spec.id + "." + step.id;
    if (step.id.empty() || !ids.insert(step.id).second) {
      return absl::InvalidArgumentError(where + ": step id empty or used twice");
    }
    bool fills = step.type != StepType::kReview && step.type != StepType::kThanks &&
                 step.type != StepType::kNotice && step.type != StepType::kAnswer;
    if (!fills) continue;
    if (step.question != nullptr || step.type == StepType::kQuestion) {
      // A consultation's question keeps its answer in consultation_answer.
      if (!spec.consultation || step.question == nullptr) {
        return absl::InvalidArgumentError(where + ": a question belongs to a consultation");
      }
      if (step.type != StepType::kQuestion && step.type != StepType::kWords) {
        return absl::InvalidArgumentError(where + ": a question is asked by a question step");
      }
      if (step.type == StepType::kWords && step.max_chars == 0) {
        return absl::InvalidArgumentError(where + ": words need the contract's limit");
      }
      continue;
    }
    if (step.type == StepType::kChooseOption) {
      for (const Option& option : step.options) {
        if (option.skips_rest && !spec.follow_on) {
          return absl::InvalidArgumentError(where + ": " + option.id +
                                            " skips the rest, which only a follow-on may");
        }
        if (option.switch_to.empty()) continue;
        // The other journey must ask the same question, with this answer.
        const JourneySpec* other = FindJourney(option.switch_to);
        const Step* same = nullptr;
        if (other != nullptr) {
          for (const Step& s : other->steps) {
            if (s.id == step.id && s.type == StepType::kChooseOption) same = &s;
          }
        }
        bool answered = same != nullptr &&
                        std::any_of(same->options.begin(), same->options.end(),
                                    [&](const Option& o) { return o.value == option.value; });
        if (!answered) {
          return absl::InvalidArgumentError(where + ": " + option.id + " switches to " +
                                            option.switch_to + ", which does not ask it");
        }
      }
      // A question that only decides the way on keeps no answer.
      if (step.field.empty()) {
        if (step.reviewed) {
          return absl::InvalidArgumentError(where + ": an unkept answer cannot be reviewed");
        }
        continue;
      }
    }
    v1::Submission probe = draft;
    absl::StatusOr<Resolved> r = Resolve(probe, &probe, step.field);
    if (!r.ok()) return absl::InvalidArgumentError(where + ": " + std::string(r.status().message()));
    if (probe.body_case() != draft.body_case()) {
      return absl::InvalidArgumentError(where + ": " + step.field + " is not in this kind");
    }
    bool suits = step.type == StepType::kDate ? IsDate(r->field)
                 : step.type == StepType::kWords || step.type == StepType::kChooseFromCatalog
                     ? IsText(r->field)
                     : IsNumber(r->field);
    if (!suits) {
      return absl::InvalidArgumentError(where + ": field " + step.field + " does not suit a " +
                                        StepTypeName(step.type) + " step");
    }
    if (step.type == StepType::kWords && step.max_chars == 0) {
      return absl::InvalidArgumentError(where + ": words need the contract's limit");
    }
    if (step.type == StepType::kChooseOption && step.options.empty()) {
      return absl::InvalidArgumentError(where + ": no options to choose from");
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> GetText(const v1::Submission& draft, std::string_view field) {
  absl::StatusOr<Resolved> r = Resolve(draft, nullptr, field);
  if (!r.ok()) return r.status();
  if (!IsText(r->field)) return absl::InvalidArgumentError(std::string(field) + " is not text");
  return r->message->GetReflection()->GetString(*r->message, r->field);
}

absl::Status SetText(v1::Submission& draft, std::string_view field, std::string value) {
  absl::StatusOr<Resolved> r = Resolve(draft, &draft, field);
  if (!r.ok()) return r.status();
  if (!IsText(r->field)) return absl::InvalidArgumentError(std::string(field) + " is not text");
  r->mutable_message->GetReflection()->SetString(r->mutable_message, r->field, std::move(value));
  return absl::OkStatus();
}

absl::StatusOr<int> GetNumber(const v1::Submission& draft, std::string_view field) {
  absl::StatusOr<Resolved> r = Resolve(draft, nullptr, field);
  if (!r.ok()) return r.status();
  const pb::Reflection* reflection = r->message->GetReflection();
  if (r->field->cpp_type() == pb::FieldDescriptor::CPPTYPE_ENUM) {
    return reflection->GetEnumValue(*r->message, r->field);
  }
  if (r->field->cpp_type() == pb::FieldDescriptor::CPPTYPE_BOOL) {
    return reflection->GetBool(*r->message, r->field) ? 1 : 0;
  }
  return absl::InvalidArgumentError(std::string(field) + " is not a choice");
}

absl::Status SetNumber(v1::Submission& draft, std::string_view field, int value) {
  absl::StatusOr<Resolved> r = Resolve(draft, &draft, field);
  if (!r.ok()) return r.status();
  const pb::Reflection* reflection = r->mutable_message->GetReflection();
  if (r->field->cpp_type() == pb::FieldDescriptor::CPPTYPE_ENUM) {
    if (r->field->enum_type()->FindValueByNumber(value) == nullptr) {
      return absl::InvalidArgumentError(std::string(field) + " has no value " +
                                        std::to_string(value));
    }
    reflection->SetEnumValue(r->mutable_message, r->field, value);
    return absl::OkStatus();
  }
  if (r->field->cpp_type() == pb::FieldDescriptor::CPPTYPE_BOOL) {
    reflection->SetBool(r->mutable_message, r->field, value != 0);
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(std::string(field) + " is not a choice");
}

absl::StatusOr<std::optional<v1::Date>> GetDate(const v1::Submission& draft,
                                                std::string_view field) {
  absl::StatusOr<Resolved> r = Resolve(draft, nullptr, field);
  if (!r.ok()) return r.status();
  if (!IsDate(r->field)) return absl::InvalidArgumentError(std::string(field) + " is not a date");
  const pb::Reflection* reflection = r->message->GetReflection();
  if (!reflection->HasField(*r->message, r->field)) return std::optional<v1::Date>();
  v1::Date date;
  date.CopyFrom(reflection->GetMessage(*r->message, r->field));
  return std::optional<v1::Date>(date);
}

absl::Status SetDate(v1::Submission& draft, std::string_view field, const v1::Date& value) {
  absl::StatusOr<Resolved> r = Resolve(draft, &draft, field);
  if (!r.ok()) return r.status();
  if (!IsDate(r->field)) return absl::InvalidArgumentError(std::string(field) + " is not a date");
  r->mutable_message->GetReflection()->MutableMessage(r->mutable_message, r->field)->CopyFrom(value);
  return absl::OkStatus();
}

void ClearDraftField(v1::Submission& draft, std::string_view field) {
  absl::StatusOr<Resolved> r = Resolve(draft, nullptr, field);
  if (!r.ok()) return;
  // The const walk passed through default instances where a message is
  // absent: only a field in the draft's own messages can be set.
  pb::Message* holder = &draft;
  std::string_view rest = field;
  for (std::size_t dot = rest.find('.'); dot != std::string_view::npos; dot = rest.find('.')) {
    const pb::FieldDescriptor* part =
        holder->GetDescriptor()->FindFieldByName(std::string(rest.substr(0, dot)));
    if (part == nullptr || !holder->GetReflection()->HasField(*holder, part)) return;
    holder = holder->GetReflection()->MutableMessage(holder, part);
    rest.remove_prefix(dot + 1);
  }
  holder->GetReflection()->ClearField(holder, r->field);
}

bool IsTextField(std::string_view field) {
  v1::Submission probe;
  absl::StatusOr<Resolved> r = Resolve(probe, &probe, field);
  return r.ok() && IsText(r->field);
}

bool IsPersonalField(std::string_view field) {
  return field.starts_with("contact.") || field == "worker.employer";
}

}  // namespace carevoice::client
