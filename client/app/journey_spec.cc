#include "client/app/journey_spec.h"

#include <set>

#include "contract/limits.h"
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

bool IsNumber(const pb::FieldDescriptor* field) {
  return field->cpp_type() == pb::FieldDescriptor::CPPTYPE_ENUM ||
         field->cpp_type() == pb::FieldDescriptor::CPPTYPE_BOOL;
}

std::vector<JourneySpec> BuildJourneys() {
  std::vector<JourneySpec> all;

  // Feedback or a compliment: which service, five faces, words, review.
  JourneySpec feedback;
  feedback.id = "feedback";
  feedback.start = [](v1::Submission& draft) {
    draft.set_anonymous(true);
    draft.mutable_feedback();
  };
  feedback.steps = {
      {.id = "service", .type = StepType::kChooseFromCatalog,
       .field = "feedback.service_id"},
      {.id = "rating", .type = StepType::kRate, .field = "feedback.rating",
       .optional = true},
      {.id = "more", .type = StepType::kWords, .field = "feedback.text",
       .optional = true, .max_chars = contract::kMaxFeedbackText},
      {.id = "review", .type = StepType::kReview, .reviewed = false},
      {.id = "thanks", .type = StepType::kThanks, .reviewed = false},
  };
  all.push_back(std::move(feedback));
  return all;
}

}  // namespace

const char* StepTypeName(StepType type) {
  switch (type) {
    case StepType::kChooseFromCatalog: return "choose_from_catalog";
    case StepType::kChooseOption: return "choose_option";
    case StepType::kRate: return "rate";
    case StepType::kWords: return "words";
    case StepType::kReview: return "review";
    case StepType::kThanks: return "thanks";
  }
  return "unknown";
}

std::vector<std::string> StepKeys::All() const {
  std::vector<std::string> all;
  for (const std::string* key : {&title, &instruction, &field_label, &field_hint,
                                 &review_line, &review_none, &change}) {
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
  switch (step.type) {
    case StepType::kChooseFromCatalog:
      keys.extra = {"service.none", "service.something_else"};
      break;
    case StepType::kChooseOption:
      for (const Option& option : step.options) keys.choices.push_back(k + "." + option.id);
      break;
    case StepType::kRate:
      for (int r = 1; r <= 5; ++r) keys.choices.push_back("rating." + std::to_string(r));
      keys.extra = {"rating.skip"};
      if (step.reviewed) keys.review_none = k + ".review_none";
      break;
    case StepType::kWords:
      keys.field_label = k + ".field";
      keys.field_hint = k + ".field.hint";
      keys.extra = {"step.continue", "words.limit", "words.type_now", "state.empty"};
      if (step.reviewed) keys.review_none = k + ".review_none";
      break;
    case StepType::kReview:
      keys.extra = {k + ".send", k + ".send.hint"};
      break;
    case StepType::kThanks:
      keys.extra = {k + ".reference_label", k + ".reference_spoken", k + ".sent",
                    k + ".queued", k + ".next", k + ".finish", k + ".say_again"};
      break;
  }
  (void)spec;  // overrides are resolved at lookup (ResolveKey)
  return keys;
}

std::string ResolveKey(const JourneySpec& spec, std::string_view key,
                       const std::function<bool(std::string_view)>& has) {
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
  if (spec.steps.size() < 2 || spec.steps.back().type != StepType::kThanks ||
      spec.steps[spec.steps.size() - 2].type != StepType::kReview) {
    return absl::InvalidArgumentError(spec.id + ": must end with review, then thanks");
  }
  v1::Submission draft;
  spec.start(draft);
  if (draft.body_case() == v1::Submission::BODY_NOT_SET) {
    return absl::InvalidArgumentError(spec.id + ": start does not choose a kind");
  }
  std::set<std::string> ids;
  for (const Step& step : spec.steps) {
    std::string where = spec.id + "." + step.id;
    if (step.id.empty() || !ids.insert(step.id).second) {
      return absl::InvalidArgumentError(where + ": step id empty or used twice");
    }
    bool fills = step.type != StepType::kReview && step.type != StepType::kThanks;
    if (!fills) continue;
    v1::Submission probe = draft;
    absl::StatusOr<Resolved> r = Resolve(probe, &probe, step.field);
    if (!r.ok()) return absl::InvalidArgumentError(where + ": " + std::string(r.status().message()));
    if (probe.body_case() != draft.body_case()) {
      return absl::InvalidArgumentError(where + ": " + step.field + " is not in this kind");
    }
    bool text = IsText(r->field);
    bool wants_text = step.type == StepType::kWords || step.type == StepType::kChooseFromCatalog;
    if (wants_text ? !text : !IsNumber(r->field)) {
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

bool IsTextField(std::string_view field) {
  v1::Submission probe;
  absl::StatusOr<Resolved> r = Resolve(probe, &probe, field);
  return r.ok() && IsText(r->field);
}

}  // namespace carevoice::client
