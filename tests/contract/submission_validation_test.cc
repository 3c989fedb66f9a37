// ValidateSubmission: a valid message of every kind, then each rule broken
// on its own. Text limits are probed in code points with multibyte
// characters, so a byte-counting implementation fails here.
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "contract/limits.h"
#include "contract/reference_code.h"
#include "contract/validation.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace carevoice::contract {
namespace {

using ::testing::TestWithParam;
using ::testing::Values;

// 00:30 UTC, so "today" is the same date in UTC and at UTC+14.
const absl::Time kNow = absl::FromCivil(
    absl::CivilSecond(2025, 6, 15, 0, 30, 0), absl::UTCTimeZone());

enum class Kind {
  kFeedback,
  kComplaint,
  kSafeguarding,
  kIdea,
  kChoiceAnswer,
  kRankingAnswer,
  kFreeTextAnswer,
};

constexpr Kind kAllKinds[] = {Kind::kFeedback,      Kind::kComplaint,
                              Kind::kSafeguarding,  Kind::kIdea,
                              Kind::kChoiceAnswer,  Kind::kRankingAnswer,
                              Kind::kFreeTextAnswer};

// A valid anonymous submission of `kind`, made five minutes before kNow.
v1::Submission ValidSubmission(Kind kind) {
  v1::Submission s;
  s.set_submission_id("kiosk-001_00000001");
  s.set_reference(*MakeReference(DeviceCodeFor("kiosk-001"), 1));
  s.mutable_created_at()->set_seconds(
      absl::ToUnixSeconds(kNow - absl::Minutes(5)));
  s.set_language("en-GB");
  s.set_channel(v1::CHANNEL_KIOSK);
  s.set_anonymous(true);
  switch (kind) {
    case Kind::kFeedback: {
      v1::Feedback* f = s.mutable_feedback();
      f->set_service_id("home_care");
      f->set_provider_id("sunrise-care");
      f->set_rating(v1::RATING_GOOD);
      f->set_text("The carers are kind and on time.");
      break;
    }
    case Kind::kComplaint: {
      v1::Complaint* c = s.mutable_complaint();
      c->set_service_id("day_centres");
      c->set_what_happened("The bus did not come for three weeks.");
      c->mutable_event_date()->set_year(2025);
      c->mutable_event_date()->set_month(5);
      c->mutable_event_date()->set_day(2);
      break;
    }
    case Kind::kSafeguarding:
      s.mutable_safeguarding()->set_what_is_happening(
          "My neighbour has not been fed.");
      break;
    case Kind::kIdea:
      s.mutable_idea()->set_idea("Open the day centre on Saturdays.");
      break;
    case Kind::kChoiceAnswer: {
      v1::ConsultationAnswer* a = s.mutable_consultation_answer();
      a->set_consultation_id("day-centres");
      v1::QuestionAnswer* q = a->add_answers();
      q->set_question_id("q-transport");
      q->set_choice_id("minibus");
      v1::QuestionAnswer* several = a->add_answers();
      several->set_question_id("q-help");
      several->mutable_choices()->add_option_ids("meals");
      several->mutable_choices()->add_option_ids("activities");
      v1::QuestionAnswer* agree = a->add_answers();
      agree->set_question_id("q-minibus");
      agree->set_agreement(v1::AGREEMENT_DISAGREE);
      break;
    }
    case Kind::kRankingAnswer: {
      v1::ConsultationAnswer* a = s.mutable_consultation_answer();
      a->set_consultation_id("day-centres");
      v1::QuestionAnswer* q = a->add_answers();
      q->set_question_id("q-priorities");
      for (const char* id : {"respite", "transport", "meals"}) {
        q->mutable_ranking()->add_option_ids(id);
      }
      break;
    }
    case Kind::kFreeTextAnswer: {
      v1::ConsultationAnswer* a = s.mutable_consultation_answer();
      a->set_consultation_id("day-centres");
      v1::QuestionAnswer* q = a->add_answers();
      q->set_question_id("q-open");
      q->set_free_text("More evening visits.");
      break;
    }
  }
  return s;
}

// The same, from a named person who agreed to be contacted.
v1::Submission WithContact(v1::Submission s) {
  s.set_anonymous(false);
  v1::Contact* c = s.mutable_contact();
  c->set_name("Ada Jones");
  c->set_email("ada@example.org");
  c->set_reply_format(v1::REPLY_FORMAT_EASY_READ);
  s.mutable_consent()->set_may_contact(true);
  return s;
}

std::optional<FieldError> Validate(const v1::Submission& s) {
  return ValidateSubmission(s, kNow);
}

// Test names from field paths: "feedback.text" -> "feedback_text".
template <typename Case>
std::string PathName(const testing::TestParamInfo<Case>& info) {
  return absl::StrReplaceAll(info.param.path,
                             {{".", "_"}, {"[", "_"}, {"]", ""}});
}

// ---- Good messages ----

TEST(SubmissionTest, AcceptsAValidMessageOfEveryKind) {
  for (Kind kind : kAllKinds) {
    EXPECT_EQ(Validate(ValidSubmission(kind)), std::nullopt)
        << static_cast<int>(kind);
    EXPECT_EQ(Validate(WithContact(ValidSubmission(kind))), std::nullopt)
        << static_cast<int>(kind);
  }
}

TEST(SubmissionTest, AcceptsMinimalBodies) {
  v1::Submission s = ValidSubmission(Kind::kFeedback);
  *s.mutable_feedback() = v1::Feedback();
  s.mutable_feedback()->set_service_id("home_care");
  EXPECT_EQ(Validate(s), std::nullopt);  // no rating, no words: still useful
}

TEST(SubmissionTest, ReportsTheFirstProblemOnly) {
  v1::Submission s = ValidSubmission(Kind::kFeedback);
  s.set_language("");
  s.mutable_feedback()->set_text(Repeat("é", kMaxFeedbackText + 1));
  EXPECT_EQ(Validate(s), Error("language", kErrRequired));
}

TEST(SubmissionTest, RequiresABody) {
  v1::Submission s = ValidSubmission(Kind::kIdea);
  s.clear_body();
  EXPECT_EQ(Validate(s), Error("body", kErrRequired));
}

// ---- Free-text fields: limits in code points, required, UTF-8 ----

struct TextCase {
  std::string path;
  Kind kind;
  std::function<void(v1::Submission&, const std::string&)> set;
  std::size_t limit;
  bool required;
  friend void PrintTo(const TextCase& c, std::ostream* os) { *os << c.path; }
};

class TextFieldTest : public TestWithParam<TextCase> {
 protected:
  std::optional<FieldError> ValidateWith(const std::string& value) const {
    v1::Submission s = ValidSubmission(GetParam().kind);
    GetParam().set(s, value);
    return Validate(s);
  }
};

TEST_P(TextFieldTest, AcceptsExactlyTheLimitInMultibyteCharacters) {
  EXPECT_EQ(ValidateWith(Repeat("é", GetParam().limit)), std::nullopt);
  EXPECT_EQ(ValidateWith(Repeat("𝄞", GetParam().limit)), std::nullopt);
}

TEST_P(TextFieldTest, RefusesOneCodePointOverTheLimit) {
  const FieldError too_long = Error(GetParam().path, kErrTooLong);
  EXPECT_EQ(ValidateWith(Repeat("é", GetParam().limit + 1)), too_long);
  EXPECT_EQ(ValidateWith(Repeat("𝄞", GetParam().limit) + "a"), too_long);
}

TEST_P(TextFieldTest, RefusesInvalidUtf8) {
  const FieldError bad = Error(GetParam().path, kErrInvalidUtf8);
  EXPECT_EQ(ValidateWith("caf\xC3"), bad);           // truncated
  EXPECT_EQ(ValidateWith("a \xED\xA0\x80 b"), bad);  // surrogate
  EXPECT_EQ(ValidateWith("\xC0\xAF"), bad);          // overlong '/'
}

TEST_P(TextFieldTest, BlankIsRefusedOnlyWhenRequired) {
  const std::optional<FieldError> expected =
      GetParam().required ? std::optional(Error(GetParam().path, kErrRequired))
                          : std::nullopt;
  EXPECT_EQ(ValidateWith(""), expected);
  EXPECT_EQ(ValidateWith(" \t\n "), expected);
}

INSTANTIATE_TEST_SUITE_P(
    Fields, TextFieldTest,
    Values(TextCase{"feedback.text", Kind::kFeedback,
                    [](v1::Submission& s, const std::string& v) {
                      s.mutable_feedback()->set_text(v);
                    },
                    kMaxFeedbackText, false},
           TextCase{"complaint.what_happened", Kind::kComplaint,
                    [](v1::Submission& s, const std::string& v) {
                      s.mutable_complaint()->set_what_happened(v);
                    },
                    kMaxComplaintWhatHappened, true},
           TextCase{"complaint.desired_outcome", Kind::kComplaint,
                    [](v1::Submission& s, const std::string& v) {
                      s.mutable_complaint()->set_desired_outcome(v);
                    },
                    kMaxComplaintDesiredOutcome, false},
           TextCase{"complaint.late_reason", Kind::kComplaint,
                    [](v1::Submission& s, const std::string& v) {
                      s.mutable_complaint()->set_late_reason(v);
                    },
                    kMaxComplaintLateReason, false},
           TextCase{"safeguarding.what_is_happening", Kind::kSafeguarding,
                    [](v1::Submission& s, const std::string& v) {
                      s.mutable_safeguarding()->set_what_is_happening(v);
                    },
                    kMaxSafeguardingText, true},
           TextCase{"safeguarding.who_is_at_risk", Kind::kSafeguarding,
                    [](v1::Submission& s, const std::string& v) {
                      s.mutable_safeguarding()->set_who_is_at_risk(v);
                    },
                    kMaxSafeguardingShort, false},
           TextCase{"safeguarding.where", Kind::kSafeguarding,
                    [](v1::Submission& s, const std::string& v) {
                      s.mutable_safeguarding()->set_where(v);
                    },
                    kMaxSafeguardingShort, false},
           TextCase{"idea.idea", Kind::kIdea,
                    [](v1::Submission& s, const std::string& v) {
                      s.mutable_idea()->set_idea(v);
                    },
                    kMaxIdeaText, true},
           TextCase{"idea.who_benefits", Kind::kIdea,
                    [](v1::Submission& s, const std::string& v) {
                      s.mutable_idea()->set_who_benefits(v);
                    },
                    kMaxIdeaWhoBenefits, false},
           TextCase{"consultation_answer.answers[0].free_text", Kind::kFreeTextAnswer,
                    [](v1::Submission& s, const std::string& v) {
                      s.mutable_consultation_answer()->mutable_answers(0)->set_free_text(v);
                    },
                    kMaxFreeTextAnswer, true},
           // Given details need a name (and a way in: the phone here).
           TextCase{"contact.name", Kind::kFeedback,
                    [](v1::Submission& s, const std::string& v) {
                      s.set_anonymous(false);
                      s.mutable_contact()->set_phone("01632 960001");
                      s.mutable_contact()->set_name(v);
                    },
                    kMaxContactName, true},
           TextCase{"contact.postal_address", Kind::kFeedback,
                    [](v1::Submission& s, const std::string& v) {
                      s.set_anonymous(false);
                      s.mutable_contact()->set_name("Ada Jones");
                      s.mutable_contact()->set_phone("01632 960001");
                      s.mutable_contact()->set_postal_address(v);
                    },
                    kMaxContactAddress, false},
           TextCase{"worker.employer", Kind::kFeedback,
                    [](v1::Submission& s, const std::string& v) {
                      s.set_speaker(v1::SPEAKER_CARE_WORKER);
                      s.mutable_worker()->set_employer(v);
                    },
                    kMaxEmployer, false},
           TextCase{"on_behalf_of.no_consent_reason", Kind::kComplaint,
                    [](v1::Submission& s, const std::string& v) {
                      v1::OnBehalfOf* o = s.mutable_on_behalf_of();
                      o->set_relationship(v1::RELATIONSHIP_ADVOCATE);
                      o->set_person_consented(false);
                      o->set_no_consent_reason(v);
                    },
                    kMaxNoConsentReason, true}),
    PathName<TextCase>);

// ---- Catalog ids inside submissions ----

struct IdCase {
  std::string path;
  Kind kind;
  std::function<void(v1::Submission&, const std::string&)> set;
  bool required;
  friend void PrintTo(const IdCase& c, std::ostream* os) { *os << c.path; }
};

class IdFieldTest : public TestWithParam<IdCase> {
 protected:
  std::optional<FieldError> ValidateWith(const std::string& value) const {
    v1::Submission s = ValidSubmission(GetParam().kind);
    GetParam().set(s, value);
    return Validate(s);
  }
};

TEST_P(IdFieldTest, AcceptsWellFormedIdsUpToTheLimit) {
  EXPECT_EQ(ValidateWith("home_care-2"), std::nullopt);
  EXPECT_EQ(ValidateWith("x"), std::nullopt);
  EXPECT_EQ(ValidateWith(std::string(kMaxCatalogIdLength, 'a')), std::nullopt);
}

TEST_P(IdFieldTest, RefusesMalformedIds) {
  const FieldError bad = Error(GetParam().path, kErrBadFormat);
  EXPECT_EQ(ValidateWith(std::string(kMaxCatalogIdLength + 1, 'a')), bad);
  EXPECT_EQ(ValidateWith("Home_Care"), bad);
  EXPECT_EQ(ValidateWith("home care"), bad);
  EXPECT_EQ(ValidateWith("café"), bad);
  EXPECT_EQ(ValidateWith("home\xFF"), Error(GetParam().path, kErrInvalidUtf8));
}

TEST_P(IdFieldTest, EmptyIsRefusedOnlyWhenRequired) {
  EXPECT_EQ(ValidateWith(""),
            GetParam().required
                ? std::optional(Error(GetParam().path, kErrRequired))
                : std::nullopt);
}

INSTANTIATE_TEST_SUITE_P(
    Fields, IdFieldTest,
    Values(IdCase{"feedback.service_id", Kind::kFeedback,
                  [](v1::Submission& s, const std::string& v) {
                    s.mutable_feedback()->set_service_id(v);
                  },
                  true},
           IdCase{"feedback.provider_id", Kind::kFeedback,
                  [](v1::Submission& s, const std::string& v) {
                    s.mutable_feedback()->set_provider_id(v);
                  },
                  false},
           IdCase{"feedback.site_id", Kind::kFeedback,
                  [](v1::Submission& s, const std::string& v) {
                    s.mutable_feedback()->set_site_id(v);
                  },
                  false},
           IdCase{"complaint.service_id", Kind::kComplaint,
                  [](v1::Submission& s, const std::string& v) {
                    s.mutable_complaint()->set_service_id(v);
                  },
                  true},
           IdCase{"complaint.provider_id", Kind::kComplaint,
                  [](v1::Submission& s, const std::string& v) {
                    s.mutable_complaint()->set_provider_id(v);
                  },
                  false},
           IdCase{"complaint.site_id", Kind::kComplaint,
                  [](v1::Submission& s, const std::string& v) {
                    s.mutable_complaint()->set_site_id(v);
                  },
                  false},
           IdCase{"idea.service_id", Kind::kIdea,
                  [](v1::Submission& s, const std::string& v) {
                    s.mutable_idea()->set_service_id(v);
                  },
                  false},
           IdCase{"consultation_answer.consultation_id", Kind::kChoiceAnswer,
                  [](v1::Submission& s, const std::string& v) {
                    s.mutable_consultation_answer()->set_consultation_id(v);
                  },
                  true},
           IdCase{"consultation_answer.answers[0].question_id", Kind::kChoiceAnswer,
                  [](v1::Submission& s, const std::string& v) {
                    s.mutable_consultation_answer()->mutable_answers(0)->set_question_id(v);
                  },
                  true},
           IdCase{"consultation_answer.answers[0].choice_id", Kind::kChoiceAnswer,
                  [](v1::Submission& s, const std::string& v) {
                    s.mutable_consultation_answer()->mutable_answers(0)->set_choice_id(v);
                  },
                  true},
           IdCase{"consultation_answer.answers[1].choices.option_ids[1]", Kind::kChoiceAnswer,
                  [](v1::Submission& s, const std::string& v) {
                    s.mutable_consultation_answer()
                        ->mutable_answers(1)
                        ->mutable_choices()
                        ->set_option_ids(1, v);
                  },
                  true},
           IdCase{"consultation_answer.answers[0].ranking.option_ids[1]",
                  Kind::kRankingAnswer,
                  [](v1::Submission& s, const std::string& v) {
                    s.mutable_consultation_answer()
                        ->mutable_answers(0)
                        ->mutable_ranking()
                        ->set_option_ids(1, v);
                  },
                  true}),
    PathName<IdCase>);

// ---- Enums: proto3 keeps numbers it does not know ----

struct EnumCase {
  std::string path;
  std::function<void(v1::Submission&, int)> set;
  bool required;
  friend void PrintTo(const EnumCase& c, std::ostream* os) { *os << c.path; }
};

class EnumFieldTest : public TestWithParam<EnumCase> {
 protected:
  std::optional<FieldError> ValidateWith(int value) const {
    v1::Submission s = WithContact(ValidSubmission(Kind::kFeedback));
    s.mutable_on_behalf_of()->set_relationship(v1::RELATIONSHIP_FRIEND);
    s.mutable_on_behalf_of()->set_person_consented(true);
    GetParam().set(s, value);
    return Validate(s);
  }
};

TEST_P(EnumFieldTest, AcceptsAKnownValue) {
  EXPECT_EQ(ValidateWith(1), std::nullopt);
}

TEST_P(EnumFieldTest, RefusesUnknownNumbers) {
  EXPECT_EQ(ValidateWith(42), Error(GetParam().path, kErrUnknownValue));
  EXPECT_EQ(ValidateWith(-1), Error(GetParam().path, kErrUnknownValue));
}

TEST_P(EnumFieldTest, ZeroIsRefusedOnlyWhenRequired) {
  EXPECT_EQ(ValidateWith(0),
            GetParam().required
                ? std::optional(Error(GetParam().path, kErrRequired))
                : std::nullopt);
}

INSTANTIATE_TEST_SUITE_P(
    Fields, EnumFieldTest,
    Values(EnumCase{"channel",
                    [](v1::Submission& s, int v) {
                      s.set_channel(static_cast<v1::Channel>(v));
                    },
                    true},
           EnumCase{"contact.reply_format",
                    [](v1::Submission& s, int v) {
                      s.mutable_contact()->set_reply_format(
                          static_cast<v1::ReplyFormat>(v));
                    },
                    false},
           EnumCase{"on_behalf_of.relationship",
                    [](v1::Submission& s, int v) {
                      s.mutable_on_behalf_of()->set_relationship(
                          static_cast<v1::Relationship>(v));
                    },
                    true},
           EnumCase{"speaker",
                    [](v1::Submission& s, int v) {
                      s.set_speaker(static_cast<v1::Speaker>(v));
                    },
                    false},
           EnumCase{"feedback.worker_had_enough_time",
                    [](v1::Submission& s, int v) {
                      s.mutable_feedback()->set_worker_had_enough_time(
                          static_cast<v1::Answer>(v));
                    },
                    false},
           EnumCase{"on_behalf_of.why",
                    [](v1::Submission& s, int v) {
                      // A reason is only for when the person did not agree.
                      s.mutable_on_behalf_of()->set_person_consented(false);
                      s.mutable_on_behalf_of()->set_no_consent_reason("See notes.");
                      s.mutable_on_behalf_of()->set_why(
                          static_cast<v1::NoConsentWhy>(v));
                    },
                    false},
           EnumCase{"feedback.rating",
                    [](v1::Submission& s, int v) {
                      s.mutable_feedback()->set_rating(
                          static_cast<v1::Rating>(v));
                    },
                    false}),
    PathName<EnumCase>);

// Who someone is travels apart, as a TakingPart: never inside what they said.
TEST(SubmissionEqualityTest, AnyEqualityAnswerInASubmissionIsRefused) {
  for (Kind kind : kAllKinds) {
    v1::Submission s = ValidSubmission(kind);
    s.mutable_equality()->set_age_band(v1::EqualityMonitoring::AGE_BAND_18_TO_24);
    EXPECT_EQ(Validate(s), Error("equality", kErrNotAllowed));
    s.mutable_equality()->Clear();  // present though empty is still refused
    EXPECT_EQ(Validate(s), Error("equality", kErrNotAllowed));
  }
}

TEST(ForumVoteTest, AVoteCarriesItsCodeAndMarkAndNothingOfWhoCastIt) {
  v1::Submission s = ValidSubmission(Kind::kFeedback);
  s.clear_feedback();
  v1::ForumVote* vote = s.mutable_forum_vote();
  vote->set_ballot_id("forum_reps_2027");
  vote->set_code(*WithCheckCharacter("KQ7M3RX"));
  vote->mutable_mark()->set_question_id("vote");
  vote->mutable_mark()->mutable_ranking()->add_option_ids("grace_liu");
  EXPECT_EQ(Validate(s), std::nullopt);

  auto refused = [&](const std::function<void(v1::Submission&)>& change) {
    v1::Submission bad = s;
    change(bad);
    return Validate(bad);
  };
  EXPECT_EQ(refused([](auto& b) { b.mutable_forum_vote()->set_code("KQ7M3RXA"); }),
            Error("forum_vote.code", kErrBadReference));
  EXPECT_EQ(refused([](auto& b) { b.mutable_forum_vote()->clear_code(); }),
            Error("forum_vote.code", kErrRequired));
  EXPECT_EQ(refused([](auto& b) { b.mutable_forum_vote()->clear_mark(); }),
            Error("forum_vote.mark.question_id", kErrUnknownValue));
  EXPECT_EQ(refused([](auto& b) { b.mutable_forum_vote()->mutable_mark()->clear_ranking(); }),
            Error("forum_vote.mark.answer", kErrRequired));
  EXPECT_EQ(refused([](auto& b) { b.mutable_forum_vote()->mutable_mark()->mutable_ranking()
                                     ->add_option_ids("grace_liu"); }),
            Error("forum_vote.mark.ranking.option_ids[1]", kErrDuplicate));
  EXPECT_EQ(refused([](auto& b) { b = WithContact(b); }), Error("anonymous", kErrRequired));
  EXPECT_EQ(refused([](auto& b) { b.set_pin("4821"); }), Error("pin", kErrNotAllowed));
}

// ---- Envelope: ids, reference, time, language ----

TEST(SubmissionIdTest, Accepts16To64TokenCharacters) {
  EXPECT_TRUE(IsValidSubmissionId(std::string(16, 'a')));
  EXPECT_TRUE(IsValidSubmissionId(std::string(64, 'Z')));
  EXPECT_TRUE(IsValidSubmissionId("Kiosk-001_abcDEF9"));
  EXPECT_FALSE(IsValidSubmissionId(std::string(15, 'a')));
  EXPECT_FALSE(IsValidSubmissionId(std::string(65, 'a')));
  EXPECT_FALSE(IsValidSubmissionId("kiosk-001 abcdef9"));
  EXPECT_FALSE(IsValidSubmissionId("kiosk-001.abcdef9"));
  EXPECT_FALSE(IsValidSubmissionId(""));
}

TEST(SubmissionIdTest, NamesTheFieldAndTheProblem) {
  v1::Submission s = ValidSubmission(Kind::kIdea);
  s.set_submission_id("");
  EXPECT_EQ(Validate(s), Error("submission_id", kErrRequired));
  s.set_submission_id("too-short");
  EXPECT_EQ(Validate(s), Error("submission_id", kErrBadFormat));
  s.set_submission_id(std::string(65, 'a'));
  EXPECT_EQ(Validate(s), Error("submission_id", kErrBadFormat));
  s.set_submission_id("kiosk-001_0000000\xC3");
  EXPECT_EQ(Validate(s), Error("submission_id", kErrInvalidUtf8));
}

TEST(DeviceIdTest, Accepts3To64TokenCharacters) {
  EXPECT_TRUE(IsValidDeviceId("k-1"));
  EXPECT_TRUE(IsValidDeviceId(std::string(64, '_')));
  EXPECT_FALSE(IsValidDeviceId("k1"));
  EXPECT_FALSE(IsValidDeviceId(std::string(65, 'a')));
  EXPECT_FALSE(IsValidDeviceId("kiosk/1"));
  EXPECT_FALSE(IsValidDeviceId("kiösk"));
  EXPECT_FALSE(IsValidDeviceId(""));
}

TEST(ReferenceFieldTest, WantsACanonicalValidReference) {
  v1::Submission s = ValidSubmission(Kind::kFeedback);
  const std::string good = s.reference();
  s.set_reference("");
  EXPECT_EQ(Validate(s), Error("reference", kErrRequired));
  s.set_reference(FormatReference(good));  // display form is not sent
  EXPECT_EQ(Validate(s), Error("reference", kErrBadReference));
  std::string typo = good;
  typo[3] = typo[3] == 'A' ? 'C' : 'A';
  s.set_reference(typo);
  EXPECT_EQ(Validate(s), Error("reference", kErrBadReference));
  s.set_reference(NormalizeReference(" " + FormatReference(good) + " "));
  EXPECT_EQ(Validate(s), std::nullopt);
}

TEST(CreatedAtTest, IsRequired) {
  v1::Submission s = ValidSubmission(Kind::kIdea);
  s.clear_created_at();
  EXPECT_EQ(Validate(s), Error("created_at", kErrRequired));
  s.mutable_created_at()->set_seconds(0);
  EXPECT_EQ(Validate(s), Error("created_at", kErrRequired));
}

TEST(CreatedAtTest, AllowsTenMinutesOfClockSkew) {
  v1::Submission s = ValidSubmission(Kind::kIdea);
  s.mutable_created_at()->set_seconds(
      absl::ToUnixSeconds(kNow + absl::Minutes(10)));
  EXPECT_EQ(Validate(s), std::nullopt);
  s.mutable_created_at()->set_nanos(1);
  EXPECT_EQ(Validate(s), Error("created_at", kErrInFuture));
  s.mutable_created_at()->set_seconds(
      absl::ToUnixSeconds(kNow + absl::Hours(24)));
  EXPECT_EQ(Validate(s), Error("created_at", kErrInFuture));
}

TEST(CreatedAtTest, RefusesTimesBefore2020AndBadNanos) {
  v1::Submission s = ValidSubmission(Kind::kIdea);
  const absl::TimeZone utc = absl::UTCTimeZone();
  s.mutable_created_at()->set_seconds(absl::ToUnixSeconds(
      absl::FromCivil(absl::CivilSecond(2020, 1, 1, 0, 0, 0), utc)));
  EXPECT_EQ(Validate(s), std::nullopt);
  s.mutable_created_at()->set_seconds(absl::ToUnixSeconds(
      absl::FromCivil(absl::CivilSecond(2019, 12, 31, 23, 59, 59), utc)));
  EXPECT_EQ(Validate(s), Error("created_at", kErrBadFormat));
  s = ValidSubmission(Kind::kIdea);
  s.mutable_created_at()->set_nanos(1'000'000'000);
  EXPECT_EQ(Validate(s), Error("created_at", kErrBadFormat));
  s.mutable_created_at()->set_nanos(-1);
  EXPECT_EQ(Validate(s), Error("created_at", kErrBadFormat));
}

TEST(LanguageTest, AcceptsBcp47StyleTags) {
  v1::Submission s = ValidSubmission(Kind::kIdea);
  for (const char* tag : {"en-GB", "cy", "pl", "yue", "zh-Hant-HK", "sgn-GB",
                          "en-GB-oxendict", "es-419"}) {
    s.set_language(tag);
    EXPECT_EQ(Validate(s), std::nullopt) << tag;
  }
  s.set_language("en-" + std::string(8, 'a') + "-" + std::string(8, 'b') + "-" +
                 std::string(8, 'c') + "-" + std::string(5, 'd'));
  ASSERT_EQ(s.language().size(), kMaxLanguageTagLength);
  EXPECT_EQ(Validate(s), std::nullopt);
}

TEST(LanguageTest, RefusesOtherShapes) {
  v1::Submission s = ValidSubmission(Kind::kIdea);
  s.set_language("");
  EXPECT_EQ(Validate(s), Error("language", kErrRequired));
  for (const char* tag : {"e", "english", "en_GB", "en-", "-en", "en--GB", "e1",
                          "en-GB!", "en-toolongsub", "fr é"}) {
    s.set_language(tag);
    EXPECT_EQ(Validate(s), Error("language", kErrBadFormat)) << tag;
  }
  s.set_language("en-" + std::string(8, 'a') + "-" + std::string(8, 'b') + "-" +
                 std::string(8, 'c') + "-" + std::string(6, 'd'));
  ASSERT_EQ(s.language().size(), kMaxLanguageTagLength + 1);
  EXPECT_EQ(Validate(s), Error("language", kErrBadFormat));
  s.set_language("en-\xFF");
  EXPECT_EQ(Validate(s), Error("language", kErrInvalidUtf8));
}

// ---- Contact, consent, advocacy ----

TEST(ContactTest, AnonymousMeansNoContactDetails) {
  for (const auto& set : std::vector<std::function<void(v1::Contact&)>>{
           [](v1::Contact& c) { c.set_name("Ada"); },
           [](v1::Contact& c) { c.set_email("ada@example.org"); },
           [](v1::Contact& c) { c.set_phone("01234 567890"); },
           [](v1::Contact& c) { c.set_postal_address("1 High St"); },
           [](v1::Contact& c) {
             c.set_reply_format(v1::REPLY_FORMAT_LARGE_PRINT);
           }}) {
    v1::Submission s = ValidSubmission(Kind::kFeedback);
    set(*s.mutable_contact());
    EXPECT_EQ(Validate(s), Error("contact", kErrNotAllowed));
  }
}

TEST(ContactTest, AnonymousMayStillAskForNoReply) {
  v1::Submission s = ValidSubmission(Kind::kFeedback);
  s.mutable_contact()->set_reply_format(v1::REPLY_FORMAT_NO_REPLY);
  EXPECT_EQ(Validate(s), std::nullopt);
}

TEST(ContactTest, GivenDetailsNeedANameAndAWayToGetInTouch) {
  v1::Submission s = WithContact(ValidSubmission(Kind::kComplaint));
  s.mutable_contact()->clear_email();  // a name alone is not a way in
  EXPECT_EQ(Validate(s), Error("contact", kErrRequired));
  s.mutable_contact()->set_phone("+44 (0)1632 960 001");
  EXPECT_EQ(Validate(s), std::nullopt);
  s.mutable_contact()->clear_phone();
  s.mutable_contact()->set_postal_address("Flat 2, 1 High Street");
  EXPECT_EQ(Validate(s), std::nullopt);
  s.mutable_contact()->clear_postal_address();
  s.mutable_consent()->set_may_contact(false);
  EXPECT_EQ(Validate(s), Error("contact", kErrRequired));
  // A way in without a name.
  s.mutable_contact()->set_email("ada@example.org");
  s.mutable_contact()->set_name("  ");
  EXPECT_EQ(Validate(s), Error("contact.name", kErrRequired));
  // Not anonymous, nothing given: not a way in either.
  s.clear_contact();
  EXPECT_EQ(Validate(s), Error("contact.name", kErrRequired));
}

TEST(ContactTest, EmailNeedsOneAtWithTextOnBothSides) {
  v1::Submission s = WithContact(ValidSubmission(Kind::kFeedback));
  for (const char* bad : {"ada", "@example.org", "ada@", "ada@@example.org",
                          "a@b@c", "ada @example.org", "ada@exa\tmple.org"}) {
    s.mutable_contact()->set_email(bad);
    EXPECT_EQ(Validate(s), Error("contact.email", kErrBadFormat)) << bad;
  }
  s.mutable_contact()->set_email("zoë@exämple.cymru");
  EXPECT_EQ(Validate(s), std::nullopt);
}

TEST(ContactTest, EmailLimitCountsCodePoints) {
  v1::Submission s = WithContact(ValidSubmission(Kind::kFeedback));
  s.mutable_contact()->set_email(Repeat("é", kMaxContactEmail - 2) + "@x");
  EXPECT_EQ(Validate(s), std::nullopt);
  s.mutable_contact()->set_email(Repeat("é", kMaxContactEmail - 1) + "@x");
  EXPECT_EQ(Validate(s), Error("contact.email", kErrTooLong));
  s.mutable_contact()->set_email("ada\xC3@example.org");
  EXPECT_EQ(Validate(s), Error("contact.email", kErrInvalidUtf8));
}

TEST(ContactTest, PhoneIsDigitsAndPunctuation) {
  v1::Submission s = WithContact(ValidSubmission(Kind::kFeedback));
  for (const char* good : {"01632 960001", "+44 (0)1632-960-001", "999999"}) {
    s.mutable_contact()->set_phone(good);
    EXPECT_EQ(Validate(s), std::nullopt) << good;
  }
  for (const char* bad : {"12345", "ring me", "01632 96000l", "+44.1632.960",
                          "０１６３２９６０００１"}) {
    s.mutable_contact()->set_phone(bad);
    EXPECT_EQ(Validate(s), Error("contact.phone", kErrBadFormat)) << bad;
  }
  s.mutable_contact()->set_phone(std::string(kMaxContactPhone, '1'));
  EXPECT_EQ(Validate(s), std::nullopt);
  s.mutable_contact()->set_phone(std::string(kMaxContactPhone + 1, '1'));
  EXPECT_EQ(Validate(s), Error("contact.phone", kErrTooLong));
}

TEST(OnBehalfOfTest, ConsentOrAReason) {
  v1::Submission s = ValidSubmission(Kind::kComplaint);
  v1::OnBehalfOf* o = s.mutable_on_behalf_of();
  EXPECT_EQ(Validate(s), Error("on_behalf_of.relationship", kErrRequired));
  o->set_relationship(v1::RELATIONSHIP_UNPAID_CARER);
  EXPECT_EQ(Validate(s), Error("on_behalf_of.no_consent_reason", kErrRequired));
  o->set_no_consent_reason("She lacks capacity to decide this.");
  EXPECT_EQ(Validate(s), std::nullopt);
  o->clear_no_consent_reason();
  o->set_person_consented(true);
  EXPECT_EQ(Validate(s), std::nullopt);
}

TEST(OnBehalfOfTest, WhyTheyCouldNotAgreeIsChosenOrSaid) {
  v1::Submission s = ValidSubmission(Kind::kComplaint);
  v1::OnBehalfOf* o = s.mutable_on_behalf_of();
  o->set_relationship(v1::RELATIONSHIP_RELATIVE);
  o->set_why(v1::NO_CONSENT_WHY_LACKS_CAPACITY);
  EXPECT_EQ(Validate(s), std::nullopt);
  o->set_why(v1::NO_CONSENT_WHY_HAS_DIED);
  EXPECT_EQ(Validate(s), std::nullopt);
  o->set_why(v1::NO_CONSENT_WHY_OTHER);  // "other" is said in words
  EXPECT_EQ(Validate(s), Error("on_behalf_of.no_consent_reason", kErrRequired));
  o->set_no_consent_reason("He is in hospital and cannot be asked.");
  EXPECT_EQ(Validate(s), std::nullopt);
  o->set_person_consented(true);  // agreed, yet a reason they could not
  EXPECT_EQ(Validate(s), Error("on_behalf_of.why", kErrNotAllowed));
  o->set_why(v1::NO_CONSENT_WHY_UNSPECIFIED);
  o->clear_no_consent_reason();
  EXPECT_EQ(Validate(s), std::nullopt);
  o->set_why(static_cast<v1::NoConsentWhy>(9));
  EXPECT_EQ(Validate(s), Error("on_behalf_of.why", kErrUnknownValue));
}

// ---- Additive changes ----

// The bytes a kiosk queued before the contract gained who is speaking and
// the new answers (encoded with that commit's protos; see the .textproto).
TEST(CompatibilityTest, ASubmissionMadeBeforeTheChangeStillValidates) {
  std::ifstream in(CAREVOICE_CONTRACT_TESTDATA "/feedback_before_speaker.binpb",
                   std::ios::binary);
  ASSERT_TRUE(in.good());
  v1::Submission s;
  ASSERT_TRUE(s.ParseFromIstream(&in));
  EXPECT_TRUE(s.GetReflection()->GetUnknownFields(s).empty());
  EXPECT_EQ(s.speaker(), v1::SPEAKER_UNSPECIFIED);
  EXPECT_EQ(s.feedback().text(), "Mae'r gofalwyr yn garedig.");
  const absl::Time made = absl::FromUnixSeconds(s.created_at().seconds());
  EXPECT_EQ(ValidateSubmission(s, made + absl::Hours(30 * 24)), std::nullopt);
}

// ---- Who is speaking ----

TEST(SpeakerTest, WorkerQuestionsOnlyOnAWorkersSubmission) {
  v1::Submission s = ValidSubmission(Kind::kFeedback);
  s.mutable_feedback()->set_enough_time_per_visit(v1::ANSWER_NO);
  EXPECT_EQ(Validate(s), Error("feedback.enough_time_per_visit", kErrNotAllowed));
  s.set_speaker(v1::SPEAKER_USES_SERVICES);
  EXPECT_EQ(Validate(s), Error("feedback.enough_time_per_visit", kErrNotAllowed));
  s.set_speaker(v1::SPEAKER_CARE_WORKER);
  EXPECT_EQ(Validate(s), std::nullopt);
  // ... and the questions for the person cared for are not a worker's.
  s.mutable_feedback()->set_same_care_workers(v1::ANSWER_YES);
  EXPECT_EQ(Validate(s), Error("feedback.same_care_workers", kErrNotAllowed));
  s.set_speaker(v1::SPEAKER_USES_SERVICES);
  s.mutable_feedback()->clear_enough_time_per_visit();
  EXPECT_EQ(Validate(s), std::nullopt);
  s.mutable_feedback()->set_enough_time_per_visit(static_cast<v1::Answer>(7));
  EXPECT_EQ(Validate(s), Error("feedback.enough_time_per_visit", kErrUnknownValue));
}

TEST(SpeakerTest, AnEmployerOnlyFromACareWorkerWhoChoosesToSay) {
  v1::Submission s = ValidSubmission(Kind::kComplaint);
  s.set_speaker(v1::SPEAKER_FAMILY_OR_FRIEND);
  s.mutable_worker()->set_employer("Brightwell Homes Ltd");
  EXPECT_EQ(Validate(s), Error("worker", kErrNotAllowed));
  s.set_speaker(v1::SPEAKER_CARE_WORKER);
  EXPECT_EQ(Validate(s), std::nullopt);
  s.clear_worker();  // saying nothing of the employer is the default
  EXPECT_EQ(Validate(s), std::nullopt);
  s.mutable_worker()->set_employer("\xC3\x28");
  EXPECT_EQ(Validate(s), Error("worker.employer", kErrInvalidUtf8));
}

// ---- A concern, roughly when; someone at risk ----

TEST(ComplaintTest, RoughlyWhenIsAKnownAnswer) {
  v1::Submission s = ValidSubmission(Kind::kComplaint);
  s.mutable_complaint()->clear_event_date();
  for (v1::When w : {v1::WHEN_LAST_WEEK, v1::WHEN_LAST_MONTH, v1::WHEN_LAST_YEAR,
                     v1::WHEN_OVER_A_YEAR_AGO}) {
    s.mutable_complaint()->set_when(w);
    EXPECT_EQ(Validate(s), std::nullopt) << w;
  }
  s.mutable_complaint()->set_late_reason("I was in hospital for a long time.");
  s.mutable_complaint()->set_not_formal(true);
  EXPECT_EQ(Validate(s), std::nullopt);
  s.mutable_complaint()->set_when(static_cast<v1::When>(6));
  EXPECT_EQ(Validate(s), Error("complaint.when", kErrUnknownValue));
}

TEST(ComplaintTest, OnADateNeedsTheDate) {
  v1::Submission s = ValidSubmission(Kind::kComplaint);
  s.mutable_complaint()->clear_event_date();
  s.mutable_complaint()->set_when(v1::WHEN_ON_DATE);
  EXPECT_EQ(Validate(s), Error("complaint.event_date", kErrRequired));
  v1::Date* d = s.mutable_complaint()->mutable_event_date();
  d->set_year(2025);
  d->set_month(5);
  d->set_day(2);
  EXPECT_EQ(Validate(s), std::nullopt);
}

TEST(SafeguardingTest, DangerNowSaidTwiceMustAgree) {
  v1::Submission s = ValidSubmission(Kind::kSafeguarding);
  v1::SafeguardingConcern* c = s.mutable_safeguarding();
  c->set_danger_now(v1::ANSWER_YES);
  EXPECT_EQ(Validate(s), Error("safeguarding.in_immediate_danger", kErrConflict));
  c->set_in_immediate_danger(true);
  EXPECT_EQ(Validate(s), std::nullopt);
  c->set_danger_now(v1::ANSWER_NOT_SURE);
  EXPECT_EQ(Validate(s), Error("safeguarding.in_immediate_danger", kErrConflict));
  c->set_in_immediate_danger(false);
  EXPECT_EQ(Validate(s), std::nullopt);
  c->set_danger_now(static_cast<v1::Answer>(4));
  EXPECT_EQ(Validate(s), Error("safeguarding.danger_now", kErrUnknownValue));
}

TEST(OnBehalfOfTest, APaidCarerSpeaksAsSomeoneWhoWorksInCare) {
  v1::Submission s = ValidSubmission(Kind::kComplaint);
  v1::OnBehalfOf* o = s.mutable_on_behalf_of();
  o->set_relationship(v1::RELATIONSHIP_PAID_CARER);
  o->set_person_consented(true);
  EXPECT_EQ(Validate(s), std::nullopt) << "before speaker existed: either";
  s.set_speaker(v1::SPEAKER_FAMILY_OR_FRIEND);
  EXPECT_EQ(Validate(s), Error("on_behalf_of.relationship", kErrConflict));
  s.set_speaker(v1::SPEAKER_CARE_WORKER);
  EXPECT_EQ(Validate(s), std::nullopt);
}

TEST(OnBehalfOfTest, AbsentMeansTheyAreSpeakingForThemselves) {
  v1::Submission s = ValidSubmission(Kind::kComplaint);
  ASSERT_FALSE(s.has_on_behalf_of());
  EXPECT_EQ(Validate(s), std::nullopt);
}

// ---- Complaint dates ----

std::optional<FieldError> ValidateEventDate(int year, int month, int day,
                                            absl::Time now = kNow) {
  v1::Submission s = ValidSubmission(Kind::kComplaint);
  s.mutable_created_at()->set_seconds(
      absl::ToUnixSeconds(now - absl::Minutes(5)));
  v1::Date* d = s.mutable_complaint()->mutable_event_date();
  d->set_year(year);
  d->set_month(month);
  d->set_day(day);
  return ValidateSubmission(s, now);
}

TEST(EventDateTest, KnowsLeapYears) {
  const FieldError bad = Error("complaint.event_date", kErrBadFormat);
  EXPECT_EQ(ValidateEventDate(2024, 2, 29), std::nullopt);
  EXPECT_EQ(ValidateEventDate(2000, 2, 29), std::nullopt);  // 400 rule
  EXPECT_EQ(ValidateEventDate(2023, 2, 29), bad);
  EXPECT_EQ(ValidateEventDate(1900, 2, 29), bad);  // 100 rule
  EXPECT_EQ(ValidateEventDate(2024, 2, 30), bad);
}

TEST(EventDateTest, KnowsMonthLengthsAndRanges) {
  const FieldError bad = Error("complaint.event_date", kErrBadFormat);
  EXPECT_EQ(ValidateEventDate(2024, 1, 31), std::nullopt);
  EXPECT_EQ(ValidateEventDate(2024, 4, 30), std::nullopt);
  EXPECT_EQ(ValidateEventDate(2024, 4, 31), bad);
  EXPECT_EQ(ValidateEventDate(2024, 9, 31), bad);
  EXPECT_EQ(ValidateEventDate(2024, 0, 1), bad);
  EXPECT_EQ(ValidateEventDate(2024, 13, 1), bad);
  EXPECT_EQ(ValidateEventDate(2024, 1, 0), bad);
  EXPECT_EQ(ValidateEventDate(2024, -1, 5), bad);
  EXPECT_EQ(ValidateEventDate(1900, 1, 1), std::nullopt);
  EXPECT_EQ(ValidateEventDate(1899, 12, 31), bad);
  EXPECT_EQ(ValidateEventDate(0, 0, 0), bad);  // present but empty
}

TEST(EventDateTest, RefusesDatesAfterToday) {
  const FieldError future = Error("complaint.event_date", kErrInFuture);
  EXPECT_EQ(ValidateEventDate(2025, 6, 15), std::nullopt);  // today
  EXPECT_EQ(ValidateEventDate(2025, 6, 16), future);
  EXPECT_EQ(ValidateEventDate(2026, 1, 1), future);
  EXPECT_EQ(ValidateEventDate(2200, 12, 31), future);
}

TEST(EventDateTest, TodayInTheUkCountsJustAfterLocalMidnight) {
  // 00:30 BST on 15 June is still 14 June in UTC.
  const absl::Time bst_half_past_midnight = absl::FromCivil(
      absl::CivilSecond(2025, 6, 14, 23, 30, 0), absl::UTCTimeZone());
  EXPECT_EQ(ValidateEventDate(2025, 6, 15, bst_half_past_midnight),
            std::nullopt);
  EXPECT_EQ(ValidateEventDate(2025, 6, 16, bst_half_past_midnight),
            Error("complaint.event_date", kErrInFuture));
}

TEST(EventDateTest, IsOptional) {
  v1::Submission s = ValidSubmission(Kind::kComplaint);
  s.mutable_complaint()->clear_event_date();
  EXPECT_EQ(Validate(s), std::nullopt);
}

// ---- Consultation answers ----

TEST(ConsultationAnswerTest, EachQuestionAnsweredOnceAndSomethingAnswered) {
  v1::Submission s = ValidSubmission(Kind::kChoiceAnswer);
  s.mutable_consultation_answer()->mutable_answers(1)->clear_answer();
  EXPECT_EQ(Validate(s), Error("consultation_answer.answers[1].answer", kErrRequired));
  s = ValidSubmission(Kind::kChoiceAnswer);
  s.mutable_consultation_answer()->mutable_answers(2)->set_question_id("q-transport");
  EXPECT_EQ(Validate(s), Error("consultation_answer.answers[2].question_id", kErrDuplicate));
  s = ValidSubmission(Kind::kChoiceAnswer);
  s.mutable_consultation_answer()->clear_answers();
  EXPECT_EQ(Validate(s), Error("consultation_answer.answers", kErrRequired))
      << "skipping every question sends nothing";
  s = ValidSubmission(Kind::kChoiceAnswer);
  s.mutable_consultation_answer()->mutable_answers(2)->set_agreement(
      static_cast<v1::Agreement>(9));
  EXPECT_EQ(Validate(s), Error("consultation_answer.answers[2].agreement", kErrUnknownValue));
}

v1::Submission RankingOf(const std::vector<std::string>& ids) {
  v1::Submission s = ValidSubmission(Kind::kRankingAnswer);
  auto* ranking = s.mutable_consultation_answer()->mutable_answers(0)->mutable_ranking();
  ranking->clear_option_ids();
  for (const std::string& id : ids) ranking->add_option_ids(id);
  return s;
}

std::vector<std::string> DistinctIds(std::size_t n) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < n; ++i) ids.push_back(absl::StrCat("opt-", i));
  return ids;
}

TEST(ConsultationAnswerTest, RankingHoldsOneToTwentyEntries) {
  const std::string field = "consultation_answer.answers[0].ranking.option_ids";
  EXPECT_EQ(Validate(RankingOf({})), Error(field, kErrRequired));
  EXPECT_EQ(Validate(RankingOf({"only"})), std::nullopt);
  EXPECT_EQ(Validate(RankingOf(DistinctIds(kMaxQuestionOptions))), std::nullopt);
  EXPECT_EQ(Validate(RankingOf(DistinctIds(kMaxQuestionOptions + 1))), Error(field, kErrTooLong));
}

TEST(ConsultationAnswerTest, RankingRefusesDuplicatesAtTheRepeat) {
  EXPECT_EQ(Validate(RankingOf({"meals", "transport", "meals"})),
            Error("consultation_answer.answers[0].ranking.option_ids[2]", kErrDuplicate));
  EXPECT_EQ(Validate(RankingOf({"a", "b", "c", "b", "a"})),
            Error("consultation_answer.answers[0].ranking.option_ids[3]", kErrDuplicate));
}

// The consultation ValidSubmission's answers are to, open for a week
// around kNow.
v1::Catalog CatalogAsked() {
  v1::Catalog catalog;
  v1::Consultation* c = catalog.add_consultations();
  c->set_id("day-centres");
  c->mutable_opens_at()->set_seconds(absl::ToUnixSeconds(kNow - absl::Hours(72)));
  c->mutable_closes_at()->set_seconds(absl::ToUnixSeconds(kNow + absl::Hours(96)));
  auto question = [&](const std::string& id, v1::Question::Kind kind,
                      std::initializer_list<const char*> options) {
    v1::Question* q = c->add_questions();
    q->set_id(id);
    q->set_kind(kind);
    for (const char* o : options) q->add_options()->set_id(o);
    return q;
  };
  question("q-transport", v1::Question::KIND_SINGLE_CHOICE, {"minibus", "taxi"});
  question("q-help", v1::Question::KIND_MULTIPLE_CHOICE, {"meals", "transport", "activities"})
      ->set_max_choices(2);
  question("q-minibus", v1::Question::KIND_AGREEMENT, {});
  question("q-priorities", v1::Question::KIND_RANKING, {"respite", "meals", "transport"});
  question("q-open", v1::Question::KIND_FREE_TEXT, {});
  return catalog;
}

TEST(ConsultationAnswerTest, FitsTheConsultationItAnswers) {
  const v1::Catalog catalog = CatalogAsked();
  for (Kind kind : {Kind::kChoiceAnswer, Kind::kRankingAnswer, Kind::kFreeTextAnswer}) {
    EXPECT_EQ(CheckAgainstCatalog(ValidSubmission(kind), catalog), std::nullopt);
  }
  EXPECT_EQ(CheckAgainstCatalog(ValidSubmission(Kind::kFeedback), v1::Catalog()), std::nullopt);
  v1::Submission s = ValidSubmission(Kind::kChoiceAnswer);
  s.mutable_consultation_answer()->set_consultation_id("never-asked");
  EXPECT_EQ(CheckAgainstCatalog(s, catalog),
            Error("consultation_answer.consultation_id", kErrUnknownValue));
  s = ValidSubmission(Kind::kChoiceAnswer);
  s.mutable_consultation_answer()->mutable_answers(0)->set_question_id("q-other");
  EXPECT_EQ(CheckAgainstCatalog(s, catalog),
            Error("consultation_answer.answers[0].question_id", kErrUnknownValue));
  s = ValidSubmission(Kind::kChoiceAnswer);
  s.mutable_consultation_answer()->mutable_answers(0)->set_choice_id("helicopter");
  EXPECT_EQ(CheckAgainstCatalog(s, catalog),
            Error("consultation_answer.answers[0].choice_id", kErrUnknownValue));
  s = ValidSubmission(Kind::kChoiceAnswer);
  s.mutable_consultation_answer()->mutable_answers(0)->set_free_text("minibus");
  EXPECT_EQ(CheckAgainstCatalog(s, catalog),
            Error("consultation_answer.answers[0].answer", kErrNotAllowed))
      << "an answer of another kind than its question";
  s = ValidSubmission(Kind::kChoiceAnswer);
  s.mutable_consultation_answer()->mutable_answers(1)->mutable_choices()->add_option_ids("transport");
  EXPECT_EQ(CheckAgainstCatalog(s, catalog),
            Error("consultation_answer.answers[1].choices.option_ids", kErrTooLong))
      << "three where two at most may be chosen";
  s = RankingOf({"meals", "buses"});
  EXPECT_EQ(CheckAgainstCatalog(s, catalog),
            Error("consultation_answer.answers[0].ranking.option_ids[1]", kErrUnknownValue));
  EXPECT_EQ(CheckAgainstCatalog(RankingOf({"meals"}), catalog), std::nullopt)
      << "a ranking may stop before the last";
}

TEST(ConsultationAnswerTest, CountsWhenGivenWhileOpenHoweverLateItArrives) {
  v1::Catalog catalog = CatalogAsked();
  v1::Consultation& c = *catalog.mutable_consultations(0);
  const v1::Submission s = ValidSubmission(Kind::kFreeTextAnswer);  // given at kNow - 5 min
  const absl::Time given = absl::FromUnixSeconds(s.created_at().seconds());
  // Closed a second after it was given: it still counts.
  c.mutable_closes_at()->set_seconds(absl::ToUnixSeconds(given + absl::Seconds(1)));
  EXPECT_EQ(CheckAgainstCatalog(s, catalog), std::nullopt);
  c.mutable_closes_at()->set_seconds(absl::ToUnixSeconds(given));
  EXPECT_EQ(CheckAgainstCatalog(s, catalog), Error("created_at", kErrNotOpen));
  // Before it opened (beyond a kiosk clock's small error), it does not.
  c.mutable_closes_at()->set_seconds(absl::ToUnixSeconds(given + absl::Hours(48)));
  c.mutable_opens_at()->set_seconds(absl::ToUnixSeconds(given + absl::Minutes(5)));
  EXPECT_EQ(CheckAgainstCatalog(s, catalog), std::nullopt);
  c.mutable_opens_at()->set_seconds(absl::ToUnixSeconds(given + absl::Hours(1)));
  EXPECT_EQ(CheckAgainstCatalog(s, catalog), Error("created_at", kErrNotOpen));
}

}  // namespace
}  // namespace carevoice::contract
