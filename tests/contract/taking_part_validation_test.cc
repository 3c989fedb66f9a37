// ValidateTakingPart: a counted visit is checked as strictly as a
// submission, and who someone is never travels inside a submission.
#include <string>

#include "contract/validation.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace carevoice::contract {
namespace {

using E = v1::EqualityMonitoring;

v1::TakingPart ValidTally() {
  v1::TakingPart t;
  t.set_tally_id("tally-0123456789abcdef");
  t.set_month("2026-12");
  t.mutable_how()->set_speech(true);
  t.mutable_how()->set_text_size(3);
  t.mutable_how()->set_theme("light_on_dark");
  t.mutable_how()->set_easy_read(true);
  t.mutable_how()->set_input(v1::HowTookPart::INPUT_ONE_SWITCH);
  t.mutable_how()->set_language("cy");
  E& e = *t.mutable_equality();
  e.set_age_band(E::AGE_BAND_85_AND_OVER);
  e.set_sex(E::SEX_PREFER_NOT_TO_SAY);
  e.set_disabled(E::YES_NO_YES);
  e.set_unpaid_carer(E::YES_NO_NO);
  e.set_ethnic_group(E::ETHNIC_GROUP_MIXED);
  e.set_gender_same_as_at_birth(E::YES_NO_YES);
  e.set_role(E::ROLE_USES_SERVICES);
  return t;
}

TEST(TakingPartTest, AcceptsAFullTallyAndOneWithoutEqualityAnswers) {
  EXPECT_EQ(ValidateTakingPart(ValidTally()), std::nullopt);
  v1::TakingPart skipped = ValidTally();
  skipped.clear_equality();
  EXPECT_EQ(ValidateTakingPart(skipped), std::nullopt);
}

TEST(TakingPartTest, NeedsAWellFormedIdAndMonth) {
  v1::TakingPart t = ValidTally();
  t.set_tally_id("");
  EXPECT_EQ(ValidateTakingPart(t), Error("tally_id", kErrRequired));
  t.set_tally_id("short");
  EXPECT_EQ(ValidateTakingPart(t), Error("tally_id", kErrBadFormat));
  for (const char* bad : {"2026-13", "2026-00", "26-12", "2026/12", "2026-12-01", "1999-12",
                          "2026-1x"}) {
    t = ValidTally();
    t.set_month(bad);
    EXPECT_EQ(ValidateTakingPart(t), Error("month", kErrBadFormat)) << bad;
  }
  t.set_month("");
  EXPECT_EQ(ValidateTakingPart(t), Error("month", kErrRequired));
}

TEST(TakingPartTest, RefusesUnknownValuesNamingTheField) {
  struct Case {
    const char* field;
    void (*set)(v1::TakingPart&);
  };
  const Case cases[] = {
      {"equality.age_band", [](v1::TakingPart& t) { t.mutable_equality()->set_age_band(E::AgeBand(99)); }},
      {"equality.sex", [](v1::TakingPart& t) { t.mutable_equality()->set_sex(E::Sex(99)); }},
      {"equality.disabled", [](v1::TakingPart& t) { t.mutable_equality()->set_disabled(E::YesNo(9)); }},
      {"equality.unpaid_carer", [](v1::TakingPart& t) { t.mutable_equality()->set_unpaid_carer(E::YesNo(9)); }},
      {"equality.ethnic_group", [](v1::TakingPart& t) { t.mutable_equality()->set_ethnic_group(E::EthnicGroup(42)); }},
      {"equality.gender_same_as_at_birth", [](v1::TakingPart& t) { t.mutable_equality()->set_gender_same_as_at_birth(E::YesNo(-1)); }},
      {"equality.role", [](v1::TakingPart& t) { t.mutable_equality()->set_role(E::Role(7)); }},
      {"how.input", [](v1::TakingPart& t) { t.mutable_how()->set_input(v1::HowTookPart::Input(8)); }},
      {"how.text_size", [](v1::TakingPart& t) { t.mutable_how()->set_text_size(4); }},
  };
  for (const Case& c : cases) {
    v1::TakingPart t = ValidTally();
    c.set(t);
    EXPECT_EQ(ValidateTakingPart(t), Error(c.field, kErrUnknownValue)) << c.field;
  }
  v1::TakingPart t = ValidTally();
  t.mutable_how()->set_theme("Dark Theme");
  EXPECT_EQ(ValidateTakingPart(t), Error("how.theme", kErrBadFormat));
  t = ValidTally();
  t.mutable_how()->set_language("not a tag");
  EXPECT_EQ(ValidateTakingPart(t), Error("how.language", kErrBadFormat));
}

}  // namespace
}  // namespace carevoice::contract
