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

v1::Question* AddQuestion(v1::Catalog& c, const std::string& id,
                          v1::Question::Kind kind,
                          std::initializer_list<const char*> option_ids) {
  v1::Question* q = c.add_questions();
  q->set_id(id);
  q->set_kind(kind);
  SetText(q->mutable_text(), "en-GB", "Question " + id);
  for (const char* option_id : option_ids) {
    v1::Question::Option* o = q->add_options();
    o->set_id(option_id);
    SetText(o->mutable_label(), "en-GB", option_id);
  }
  return q;
}

// Two services, two providers, a site, one question of each kind, a notice.
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

  AddQuestion(c, "q-transport", v1::Question::KIND_SINGLE_CHOICE,
              {"minibus", "taxi"});
  AddQuestion(c, "q-priorities", v1::Question::KIND_RANKING,
              {"respite", "meals", "transport"});
  AddQuestion(c, "q-open", v1::Question::KIND_FREE_TEXT, {});

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
  c.mutable_questions(2)->set_id("q-transport");
  EXPECT_EQ(ValidateCatalog(c), Error("questions[2].id", kErrDuplicate));

  c = ValidCatalog();
  *c.add_notices() = c.notices(0);
  EXPECT_EQ(ValidateCatalog(c), Error("notices[1].id", kErrDuplicate));
}

TEST(CatalogTest, TheSameIdMayNameThingsOfDifferentKinds) {
  v1::Catalog c = ValidCatalog();
  c.mutable_questions(0)->set_id("home_care");
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

  c = ValidCatalog();
  SetText(c.mutable_questions(1)->mutable_options(0)->mutable_label(), "en-GB",
          Repeat("𝄞", kMaxLocalizedText + 1));
  EXPECT_EQ(ValidateCatalog(c),
            Error("questions[1].options[0].label", kErrTooLong));
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

TEST(CatalogTest, QuestionKindIsGivenAndKnown) {
  v1::Catalog c = ValidCatalog();
  c.mutable_questions(0)->set_kind(v1::Question::KIND_UNSPECIFIED);
  EXPECT_EQ(ValidateCatalog(c), Error("questions[0].kind", kErrRequired));
  c.mutable_questions(0)->set_kind(static_cast<v1::Question::Kind>(42));
  EXPECT_EQ(ValidateCatalog(c), Error("questions[0].kind", kErrUnknownValue));
}

TEST(CatalogTest, ChoiceAndRankingNeedAtLeastTwoOptions) {
  v1::Catalog c = ValidCatalog();
  c.mutable_questions(0)->mutable_options()->RemoveLast();
  EXPECT_EQ(ValidateCatalog(c), Error("questions[0].options", kErrTooShort));

  c = ValidCatalog();
  c.mutable_questions(1)->clear_options();
  EXPECT_EQ(ValidateCatalog(c), Error("questions[1].options", kErrTooShort));
}

TEST(CatalogTest, OptionIdsAreUniqueWithinAQuestion) {
  v1::Catalog c = ValidCatalog();
  c.mutable_questions(1)->mutable_options(2)->set_id("respite");
  EXPECT_EQ(ValidateCatalog(c),
            Error("questions[1].options[2].id", kErrDuplicate));
  // Another question may reuse an option id.
  c = ValidCatalog();
  c.mutable_questions(1)->mutable_options(0)->set_id("minibus");
  EXPECT_EQ(ValidateCatalog(c), std::nullopt);
}

TEST(CatalogTest, FreeTextQuestionsHaveNoOptions) {
  v1::Catalog c = ValidCatalog();
  c.mutable_questions(2)->add_options()->set_id("yes");
  EXPECT_EQ(ValidateCatalog(c), Error("questions[2].options", kErrNotAllowed));
}

}  // namespace
}  // namespace carevoice::contract
