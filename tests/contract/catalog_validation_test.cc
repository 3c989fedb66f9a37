// ValidateCatalog: a consistent catalog passes; each kind of inconsistency
// is reported at its own field path.
#include <string>

#include "contract/limits.h"
#include "contract/validation.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace carevoice::contract {
namespace {

void SetText(v1::LocalizedText* text, const std::string& language,
             const std::string& words) {
  (*text->mutable_text())[language] = words;
}

// A consultation of one question, in English.
v1::Consultation OneQuestion(const std::string& id) {
  v1::Consultation c;
  c.set_id(id);
  SetText(c.mutable_title(), "en-GB", "Day centre hours");
  SetText(c.mutable_easy_title(), "en-GB", "When should day centres open?");
  SetText(c.mutable_who_for(), "en-GB", "People who use day centres");
  c.mutable_opens_at()->set_seconds(1'800'000'000);
  c.mutable_closes_at()->set_seconds(1'801'000'000);
  v1::Question* q = c.add_questions();
  q->set_id("anything_else");
  q->set_kind(v1::Question::KIND_FREE_TEXT);
  q->set_picture("pencil");
  SetText(q->mutable_text(), "en-GB", "Is there anything else?");
  SetText(q->mutable_easy_text(), "en-GB", "Tell us anything else.");
  return c;
}

// Two services, two providers, a site, two consultations, a notice.
v1::Catalog ValidCatalog() {
  v1::Catalog c;
  c.set_council_name("Northshire County Council");
  v1::Service* home_care = c.add_services();
  home_care->set_id("home_care");
  SetText(home_care->mutable_name(), "en-GB", "Home care");
  SetText(home_care->mutable_name(), "cy", "Gofal cartref");
  SetText(home_care->mutable_description(), "en-GB", "Help at home.");
  home_care->set_picture("home_care.png");
  v1::Service* day_centres = c.add_services();
  day_centres->set_id("day_centres");
  SetText(day_centres->mutable_name(), "en-GB", "Day centres");

  v1::Provider* coop = c.add_providers();
  coop->set_id("sunrise-care");
  coop->set_name("Sunrise Care Co-operative");
  coop->set_ownership(v1::OWNERSHIP_MODEL_COOPERATIVE);
  coop->add_service_ids("home_care");
  v1::Provider* trust = c.add_providers();
  trust->set_id("oak-trust");
  trust->set_name("Oak Trust");
  trust->set_ownership(v1::OWNERSHIP_MODEL_CHARITY);
  trust->add_service_ids("day_centres");
  trust->add_service_ids("home_care");

  v1::Site* site = c.add_sites();
  site->set_id("oakwood");
  site->set_provider_id("oak-trust");
  site->set_name("Oakwood Day Centre");
  site->set_locality("Elmbridge");

  *c.add_consultations() = OneQuestion("hours-2027");
  *c.add_consultations() = OneQuestion("transport-2027");

  v1::Notice* notice = c.add_notices();
  notice->set_id("you-said-buses");
  SetText(notice->mutable_title(), "en-GB", "You said, we did: buses");
  SetText(notice->mutable_body(), "en-GB", "The minibus now runs daily.");

  v1::HelpNumbers* help = c.mutable_help_numbers();
  help->set_emergency("999");
  help->set_safeguarding_team("01632 960000");
  SetText(help->mutable_safeguarding_hours(), "en-GB", "Mon-Fri 9-5");
  help->set_out_of_hours("01632 960999");
  return c;
}

TEST(CatalogTest, AcceptsAConsistentCatalog) {
  EXPECT_EQ(ValidateCatalog(ValidCatalog()), std::nullopt);
  EXPECT_EQ(ValidateCatalog(v1::Catalog()), std::nullopt);  // nothing yet
}

TEST(CatalogTest, IgnoresTheVersion) {
  v1::Catalog c = ValidCatalog();
  c.set_version("not \xFF checked");
  EXPECT_EQ(ValidateCatalog(c), std::nullopt);
}

TEST(CatalogTest, IdsAreUniqueWithinEachKind) {
  v1::Catalog c = ValidCatalog();
  c.mutable_services(1)->set_id("home_care");
  EXPECT_EQ(ValidateCatalog(c), Error("services[1].id", kErrDuplicate));

  c = ValidCatalog();
  c.mutable_providers(1)->set_id("sunrise-care");
  EXPECT_EQ(ValidateCatalog(c), Error("providers[1].id", kErrDuplicate));

  c = ValidCatalog();
  *c.add_sites() = c.sites(0);
  EXPECT_EQ(ValidateCatalog(c), Error("sites[1].id", kErrDuplicate));

  c = ValidCatalog();
  c.mutable_consultations(1)->set_id("hours-2027");
  EXPECT_EQ(ValidateCatalog(c), Error("consultations[1].id", kErrDuplicate));

  c = ValidCatalog();
  *c.add_notices() = c.notices(0);
  EXPECT_EQ(ValidateCatalog(c), Error("notices[1].id", kErrDuplicate));
}

TEST(CatalogTest, TheSameIdMayNameThingsOfDifferentKinds) {
  v1::Catalog c = ValidCatalog();
  c.mutable_consultations(0)->set_id("home_care");
  c.mutable_notices(0)->set_id("home_care");
  EXPECT_EQ(ValidateCatalog(c), std::nullopt);
}

TEST(CatalogTest, IdsAreWellFormed) {
  v1::Catalog c = ValidCatalog();
  c.mutable_services(0)->set_id("Home Care");
  EXPECT_EQ(ValidateCatalog(c), Error("services[0].id", kErrBadFormat));
  c.mutable_services(0)->set_id(std::string(kMaxCatalogIdLength + 1, 'h'));
  EXPECT_EQ(ValidateCatalog(c), Error("services[0].id", kErrBadFormat));
  c.mutable_services(0)->set_id("");
  EXPECT_EQ(ValidateCatalog(c), Error("services[0].id", kErrRequired));

  c = ValidCatalog();
  c.mutable_notices(0)->set_id("news\xC3");
  EXPECT_EQ(ValidateCatalog(c), Error("notices[0].id", kErrInvalidUtf8));
}

TEST(CatalogTest, EveryServiceHasAnEnglishName) {
  v1::Catalog c = ValidCatalog();
  c.mutable_services(1)->mutable_name()->mutable_text()->erase("en-GB");
  SetText(c.mutable_services(1)->mutable_name(), "cy", "Canolfannau dydd");
  EXPECT_EQ(ValidateCatalog(c), Error("services[1].name", kErrRequired));
  SetText(c.mutable_services(1)->mutable_name(), "en-GB", "  ");
  EXPECT_EQ(ValidateCatalog(c), Error("services[1].name", kErrRequired));
}

TEST(CatalogTest, LocalizedTextIsLimitedInCodePoints) {
  v1::Catalog c = ValidCatalog();
  SetText(c.mutable_services(0)->mutable_name(), "cy",
          Repeat("ŵ", kMaxLocalizedText));
  EXPECT_EQ(ValidateCatalog(c), std::nullopt);
  SetText(c.mutable_services(0)->mutable_name(), "cy",
          Repeat("ŵ", kMaxLocalizedText + 1));
  EXPECT_EQ(ValidateCatalog(c), Error("services[0].name", kErrTooLong));
}

TEST(CatalogTest, AllTextIsValidUtf8) {
  v1::Catalog c = ValidCatalog();
  SetText(c.mutable_services(0)->mutable_description(), "en-GB", "bad\xE2\x82");
  EXPECT_EQ(ValidateCatalog(c),
            Error("services[0].description", kErrInvalidUtf8));

  c = ValidCatalog();
  c.mutable_providers(0)->set_name("Caf\xE9 Care");  // Latin-1, not UTF-8
  EXPECT_EQ(ValidateCatalog(c), Error("providers[0].name", kErrInvalidUtf8));

  c = ValidCatalog();
  c.mutable_help_numbers()->set_safeguarding_team("\xED\xA0\x80");
  EXPECT_EQ(ValidateCatalog(c),
            Error("help_numbers.safeguarding_team", kErrInvalidUtf8));

  c = ValidCatalog();
  c.set_council_name(Repeat("é", kMaxLocalizedText + 1));
  EXPECT_EQ(ValidateCatalog(c), Error("council_name", kErrTooLong));
}

TEST(CatalogTest, LocalizedTextIsKeyedByLanguageTags) {
  v1::Catalog c = ValidCatalog();
  SetText(c.mutable_notices(0)->mutable_body(), "English", "Hello");
  EXPECT_EQ(ValidateCatalog(c), Error("notices[0].body", kErrBadFormat));
}

TEST(CatalogTest, ProvidersOfferKnownServices) {
  v1::Catalog c = ValidCatalog();
  c.mutable_providers(1)->set_service_ids(1, "meals_on_wheels");
  EXPECT_EQ(ValidateCatalog(c),
            Error("providers[1].service_ids[1]", kErrUnknownValue));
}

TEST(CatalogTest, OwnershipIsAKnownModel) {
  v1::Catalog c = ValidCatalog();
  c.mutable_providers(0)->set_ownership(static_cast<v1::OwnershipModel>(42));
  EXPECT_EQ(ValidateCatalog(c),
            Error("providers[0].ownership", kErrUnknownValue));
}

TEST(CatalogTest, SitesBelongToKnownProviders) {
  v1::Catalog c = ValidCatalog();
  c.mutable_sites(0)->set_provider_id("elm-homes");
  EXPECT_EQ(ValidateCatalog(c),
            Error("sites[0].provider_id", kErrUnknownValue));
  c.mutable_sites(0)->set_provider_id("");
  EXPECT_EQ(ValidateCatalog(c), Error("sites[0].provider_id", kErrRequired));
}

TEST(CatalogTest, AConsultationsProblemIsNamedFromTheCatalog) {
  v1::Catalog c = ValidCatalog();
  c.mutable_consultations(1)->mutable_questions(0)->set_picture("unicorn");
  EXPECT_EQ(ValidateCatalog(c),
            Error("consultations[1].questions[0].picture", kErrUnknownValue));
}

// Every kind of question, in English and Welsh, opening and closing in 2027.
v1::Consultation Bilingual() {
  v1::Consultation c = OneQuestion("day-centres-2027");
  auto both = [](v1::LocalizedText* text, const std::string& en, const std::string& cy) {
    SetText(text, "en-GB", en);
    SetText(text, "cy", cy);
  };
  both(c.mutable_title(), "Day centres in 2027", "Canolfannau dydd yn 2027");
  both(c.mutable_easy_title(), "Day centres next year", "Canolfannau dydd y flwyddyn nesaf");
  both(c.mutable_who_for(), "People who use day centres", "Pobl sy'n defnyddio canolfannau dydd");
  c.set_picture("people");
  c.clear_questions();
  auto question = [&](const std::string& id, v1::Question::Kind kind,
                      std::initializer_list<const char*> options) {
    v1::Question* q = c.add_questions();
    q->set_id(id);
    q->set_kind(kind);
    q->set_picture("question");
    both(q->mutable_text(), "Question " + id, "Cwestiwn " + id);
    both(q->mutable_easy_text(), "Easy " + id, "Hawdd " + id);
    for (const char* option : options) {
      v1::Question::Option* o = q->add_options();
      o->set_id(option);
      both(o->mutable_label(), option, std::string("cy ") + option);
    }
    return q;
  };
  question("hours", v1::Question::KIND_SINGLE_CHOICE, {"mornings", "afternoons"});
  question("help", v1::Question::KIND_MULTIPLE_CHOICE, {"meals", "transport", "activities"})
      ->set_max_choices(2);
  question("priorities", v1::Question::KIND_RANKING, {"respite", "meals", "transport"});
  question("minibus", v1::Question::KIND_AGREEMENT, {});
  question("else", v1::Question::KIND_FREE_TEXT, {});
  return c;
}

TEST(ConsultationTest, AcceptsEveryKindOfQuestion) {
  EXPECT_EQ(ValidateConsultation(Bilingual()), std::nullopt);
  EXPECT_EQ(ValidateConsultation(OneQuestion("x")), std::nullopt);
}

TEST(ConsultationTest, EveryTextIsInEachOfTheConsultationsLanguages) {
  v1::Consultation c = Bilingual();
  c.mutable_questions(2)->mutable_options(1)->mutable_label()->mutable_text()->erase("cy");
  EXPECT_EQ(ValidateConsultation(c), Error("questions[2].options[1].label[cy]", kErrRequired));
  c = Bilingual();
  SetText(c.mutable_questions(0)->mutable_easy_text(), "pl", "Pytanie");
  EXPECT_EQ(ValidateConsultation(c), Error("questions[0].easy_text[pl]", kErrNotAllowed));
  c = Bilingual();
  SetText(c.mutable_who_for(), "cy", "   ");
  EXPECT_EQ(ValidateConsultation(c), Error("who_for[cy]", kErrRequired));
  c = Bilingual();
  c.mutable_title()->mutable_text()->erase("en-GB");
  EXPECT_EQ(ValidateConsultation(c), Error("title", kErrRequired)) << "English at least";
  // Easy Read words of an option are optional, but then in every language.
  c = Bilingual();
  SetText(c.mutable_questions(0)->mutable_options(0)->mutable_easy_label(), "en-GB", "Morning");
  EXPECT_EQ(ValidateConsultation(c), Error("questions[0].options[0].easy_label[cy]", kErrRequired));
}

TEST(ConsultationTest, TextIsLimitedInCodePoints) {
  v1::Consultation c = Bilingual();
  SetText(c.mutable_title(), "cy", Repeat("ŵ", kMaxConsultationTitle));
  EXPECT_EQ(ValidateConsultation(c), std::nullopt);
  SetText(c.mutable_title(), "cy", Repeat("ŵ", kMaxConsultationTitle + 1));
  EXPECT_EQ(ValidateConsultation(c), Error("title[cy]", kErrTooLong));
  c = Bilingual();
  SetText(c.mutable_questions(1)->mutable_options(0)->mutable_label(), "en-GB",
          Repeat("𝄞", kMaxOptionLabel + 1));
  EXPECT_EQ(ValidateConsultation(c), Error("questions[1].options[0].label[en-GB]", kErrTooLong));
  c = Bilingual();
  SetText(c.mutable_questions(4)->mutable_text(), "en-GB", Repeat("a", kMaxQuestionText + 1));
  EXPECT_EQ(ValidateConsultation(c), Error("questions[4].text[en-GB]", kErrTooLong));
}

TEST(ConsultationTest, IdsAreWellFormedAndUnique) {
  v1::Consultation c = Bilingual();
  c.set_id("Day Centres");
  EXPECT_EQ(ValidateConsultation(c), Error("id", kErrBadFormat));
  c = Bilingual();
  c.mutable_questions(3)->set_id("hours");
  EXPECT_EQ(ValidateConsultation(c), Error("questions[3].id", kErrDuplicate));
  c = Bilingual();
  c.mutable_questions(2)->mutable_options(2)->set_id("respite");
  EXPECT_EQ(ValidateConsultation(c), Error("questions[2].options[2].id", kErrDuplicate));
  c = Bilingual();
  c.mutable_questions(2)->mutable_options(0)->set_id("");
  EXPECT_EQ(ValidateConsultation(c), Error("questions[2].options[0].id", kErrRequired));
  // Another question may reuse an option id.
  c = Bilingual();
  c.mutable_questions(2)->mutable_options(0)->set_id("meals");
  c.mutable_questions(2)->mutable_options(1)->set_id("mornings");
  EXPECT_EQ(ValidateConsultation(c), std::nullopt);
}

TEST(ConsultationTest, OptionsFitTheirKind) {
  v1::Consultation c = Bilingual();
  c.mutable_questions(0)->mutable_options()->RemoveLast();
  EXPECT_EQ(ValidateConsultation(c), Error("questions[0].options", kErrTooShort));
  c = Bilingual();
  c.mutable_questions(3)->add_options()->set_id("yes");
  EXPECT_EQ(ValidateConsultation(c), Error("questions[3].options", kErrNotAllowed))
      << "the agreement scale is the kiosk's own";
  c = Bilingual();
  c.mutable_questions(4)->add_options()->set_id("yes");
  EXPECT_EQ(ValidateConsultation(c), Error("questions[4].options", kErrNotAllowed));
  c = Bilingual();
  c.mutable_questions(0)->set_kind(v1::Question::KIND_UNSPECIFIED);
  EXPECT_EQ(ValidateConsultation(c), Error("questions[0].kind", kErrRequired));
  c.mutable_questions(0)->set_kind(static_cast<v1::Question::Kind>(42));
  EXPECT_EQ(ValidateConsultation(c), Error("questions[0].kind", kErrUnknownValue));
  c = Bilingual();
  for (std::size_t i = 0; i < kMaxQuestionOptions; ++i) {
    v1::Question::Option* o = c.mutable_questions(2)->add_options();
    o->set_id("more" + std::to_string(i));
    SetText(o->mutable_label(), "en-GB", "More");
    SetText(o->mutable_label(), "cy", "Mwy");
  }
  EXPECT_EQ(ValidateConsultation(c), Error("questions[2].options", kErrTooLong));
}

TEST(ConsultationTest, ChooseSeveralHasAMaximumThatFits) {
  v1::Consultation c = Bilingual();
  c.mutable_questions(1)->set_max_choices(0);
  EXPECT_EQ(ValidateConsultation(c), Error("questions[1].max_choices", kErrRequired));
  c.mutable_questions(1)->set_max_choices(4);
  EXPECT_EQ(ValidateConsultation(c), Error("questions[1].max_choices", kErrTooLong));
  c.mutable_questions(1)->set_max_choices(3);
  EXPECT_EQ(ValidateConsultation(c), std::nullopt);
  c.mutable_questions(0)->set_max_choices(1);
  EXPECT_EQ(ValidateConsultation(c), Error("questions[0].max_choices", kErrNotAllowed));
}

TEST(ConsultationTest, QuestionsHaveEasyReadWordsAndAPictureKiosksDraw) {
  v1::Consultation c = Bilingual();
  c.mutable_questions(1)->clear_easy_text();
  EXPECT_EQ(ValidateConsultation(c), Error("questions[1].easy_text[cy]", kErrRequired));
  c = Bilingual();
  c.mutable_questions(1)->clear_picture();
  EXPECT_EQ(ValidateConsultation(c), Error("questions[1].picture", kErrRequired));
  c.mutable_questions(1)->set_picture("lightbulb");
  EXPECT_EQ(ValidateConsultation(c), std::nullopt);
  c.set_picture("kitten");
  EXPECT_EQ(ValidateConsultation(c), Error("picture", kErrUnknownValue));
}

TEST(ConsultationTest, HasQuestionsAndOpensBeforeItCloses) {
  v1::Consultation c = Bilingual();
  c.clear_questions();
  EXPECT_EQ(ValidateConsultation(c), Error("questions", kErrRequired));
  c = Bilingual();
  c.clear_closes_at();
  EXPECT_EQ(ValidateConsultation(c), Error("closes_at", kErrRequired));
  c = Bilingual();
  c.mutable_closes_at()->set_seconds(c.opens_at().seconds());
  EXPECT_EQ(ValidateConsultation(c), Error("closes_at", kErrBeforeOpening));
  c = Bilingual();
  c.mutable_opens_at()->set_nanos(-1);
  EXPECT_EQ(ValidateConsultation(c), Error("opens_at", kErrBadFormat));
}

TEST(ConsultationTest, ANewOneMustNotHaveClosedAlready) {
  v1::Consultation c = Bilingual();
  const absl::Time closes = absl::FromUnixSeconds(c.closes_at().seconds());
  EXPECT_EQ(ValidateNewConsultation(c, closes - absl::Hours(1)), std::nullopt);
  EXPECT_EQ(ValidateNewConsultation(c, closes), Error("closes_at", kErrInPast));
  c.set_closed_early(true);
  EXPECT_EQ(ValidateNewConsultation(c, closes - absl::Hours(1)),
            Error("closed_early", kErrNotAllowed));
}

}  // namespace
}  // namespace carevoice::contract
