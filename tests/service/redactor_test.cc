// The redactor's table of cases: what a published reply may not contain,
// in the forms people write it, and ordinary replies that pass.
#include "service/redact/redactor.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace carevoice::service::redact {
namespace {

// The real word list Debian installs (ci/setup installs wbritish).
const Redactor& Real() {
  static const Redactor* r = [] {
    absl::StatusOr<Dictionary> d = Dictionary::Load(kDefaultDictionary);
    EXPECT_TRUE(d.ok()) << d.status();
    return new Redactor(d.ok() ? *std::move(d) : Dictionary(std::vector<std::string>{"the"}));
  }();
  return *r;
}

const Known kMaria{"Maria Okonkwo-Reyes", "maria.or@example.org", "07700 900123",
                   "Flat 2, 14a Mill Lane\nLeeds\nLS6 2QT"};

struct Case {
  const char* text;
  Finding::Kind kind;
};

class Refused : public testing::TestWithParam<Case> {};

TEST_P(Refused, ReplyIsRefusedNamingWhatItHolds) {
  const Check check = Real().Examine(GetParam().text, kMaria);
  bool found = false;
  for (const Finding& f : check.refused) found = found || f.kind == GetParam().kind;
  EXPECT_TRUE(found) << GetParam().text << " should be refused as "
                     << KindName(GetParam().kind);
  const absl::Status approve = Real().Approve(GetParam().text, kMaria, {});
  EXPECT_EQ(approve.code(), absl::StatusCode::kInvalidArgument) << approve;
}

INSTANTIATE_TEST_SUITE_P(
    Table, Refused,
    testing::Values(
        Case{"Write to care.team@leeds.gov.uk for more.", Finding::Kind::kEmail},
        Case{"Email us at help@council.example", Finding::Kind::kEmail},
        Case{"Ring 0113 496 0000 and ask.", Finding::Kind::kPhone},
        Case{"Ring 01134960000 and ask.", Finding::Kind::kPhone},
        Case{"Ring (0113) 496 0000 and ask.", Finding::Kind::kPhone},
        Case{"Ring 0113-496-0000 and ask.", Finding::Kind::kPhone},
        Case{"Ring +44 113 496 0000 and ask.", Finding::Kind::kPhone},
        Case{"Ring +44 (0)113 496 0000 and ask.", Finding::Kind::kPhone},
        Case{"Ring 07700 900 456 and ask.", Finding::Kind::kPhone},
        Case{"Ring 020 7946 0018 and ask.", Finding::Kind::kPhone},
        Case{"Ring 0800 123 4567 free.", Finding::Kind::kPhone},
        Case{"The centre at LS1 4AP now opens earlier.", Finding::Kind::kPostcode},
        Case{"The centre at ls14ap now opens earlier.", Finding::Kind::kPostcode},
        Case{"The centre at SW1A 1AA now opens earlier.", Finding::Kind::kPostcode},
        Case{"The centre at M1 1AE now opens earlier.", Finding::Kind::kPostcode},
        Case{"We visited 22 Acacia Avenue about it.", Finding::Kind::kStreetAddress},
        Case{"We visited 7b Old Mill Road about it.", Finding::Kind::kStreetAddress},
        Case{"We visited 22, Church St about it.", Finding::Kind::kStreetAddress},
        Case{"We visited 22 acacia avenue about it.", Finding::Kind::kStreetAddress},
        Case{"Dear Maria, we have changed the rota.", Finding::Kind::kContact},
        Case{"Thank you, Ms Okonkwo-Reyes.", Finding::Kind::kContact},
        Case{"Thank you maria okonkwo-reyes.", Finding::Kind::kContact},
        Case{"We wrote to MARIA.OR@EXAMPLE.ORG", Finding::Kind::kEmail},
        Case{"We rang 07700900123 twice.", Finding::Kind::kContact},
        Case{"We called at 14a mill lane.", Finding::Kind::kContact}));

TEST(Redactor, OrdinaryRepliesPass) {
  const std::vector<std::string> replies = {
      "You said the lunch club closed too early. We now keep it open until 3pm on weekdays.",
      "You told us visits were rushed. From March, every home care visit is at least 30 "
      "minutes, and we check this each month.",
      "Thank you. We have passed your idea to the Local Social Care Forum, which meets on "
      "Monday 12 January 2027.",
      "We agreed that 2 staff in the park each morning would help, and added them in June.",
      "Call 999 in an emergency, or 111 for health advice.",
      "In 2025 and 2026 we opened 3 new day centres in Leeds.",
      "The roses by the door have been cut back.",
  };
  for (const std::string& reply : replies) {
    const Check check = Real().Examine(reply, kMaria);
    for (const Finding& f : check.refused) {
      ADD_FAILURE() << reply << "\n  refused as " << KindName(f.kind) << ": " << f.text;
    }
    for (const Finding& f : check.to_confirm) {
      ADD_FAILURE() << reply << "\n  flagged: " << f.text;
    }
    EXPECT_TRUE(Real().Approve(reply, kMaria, {}).ok()) << reply;
  }
}

TEST(Redactor, ALowerCaseOrdinaryWordThatIsAlsoTheNameIsNotTheName) {
  const Known rose{"Rose Green", "", "", ""};
  EXPECT_TRUE(Real().Examine("We planted a rose in the green space.", rose).refused.empty());
  EXPECT_FALSE(Real().Examine("We spoke to Rose about it.", rose).refused.empty());
}

TEST(Redactor, UnknownCapitalisedWordsAreFlaggedUntilConfirmed) {
  const std::string reply = "Zorbleck House now has a lift, and Mrs Quennevaux helped.";
  const Check check = Real().Examine(reply, Known{});
  ASSERT_EQ(check.to_confirm.size(), 2u);
  EXPECT_EQ(check.to_confirm[0].text, "Zorbleck");
  EXPECT_EQ(check.to_confirm[1].text, "Quennevaux");
  EXPECT_TRUE(check.refused.empty());

  const absl::Status unconfirmed = Real().Approve(reply, Known{}, {"Zorbleck"});
  EXPECT_EQ(unconfirmed.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(std::string(unconfirmed.message()).find("Quennevaux"), std::string::npos);
  EXPECT_EQ(std::string(unconfirmed.message()).find("Zorbleck"), std::string::npos);
  EXPECT_TRUE(Real().Approve(reply, Known{}, {"Zorbleck", "Quennevaux"}).ok());
}

TEST(Redactor, AConfirmationDoesNotOverrideARefusal) {
  EXPECT_EQ(Real().Approve("Dear Maria", kMaria, {"Maria"}).code(),
            absl::StatusCode::kInvalidArgument);
}

// Quotes for a committee pack: what would be refused in a reply is put
// in brackets instead, and the rest of the person's words stay as written.
struct Redaction {
  const char* said;
  const char* quoted;
};

class Redacted : public testing::TestWithParam<Redaction> {};

TEST_P(Redacted, PersonalDetailsAreBracketedAndTheWordsStay) {
  EXPECT_EQ(Real().Redact(GetParam().said, kMaria), GetParam().quoted);
}

INSTANTIATE_TEST_SUITE_P(
    Table, Redacted,
    testing::Values(
        Redaction{"The lunch was cold again.", "The lunch was cold again."},
        Redaction{"Maria was kind to my dad.", "[name] was kind to my dad."},
        Redaction{"Ask Maria Okonkwo-Reyes, she knows.", "Ask [name], she knows."},
        Redaction{"Ring me on 07700 900123 after six.", "Ring me on [phone number] after six."},
        Redaction{"Ring 0113 496 0000, nobody answers.", "Ring [phone number], nobody answers."},
        Redaction{"Write to jo.bloggs@example.com please.", "Write to [email] please."},
        Redaction{"maria.or@example.org gets no reply.", "[email] gets no reply."},
        Redaction{"The van stops at LS6 2QT late.", "The van stops at [postcode] late."},
        Redaction{"I live at 14 Mill Lane and the bus never comes.",
                  "I live at [address] and the bus never comes."},
        Redaction{"The carer Zorbleck is always rushed.", "The carer [name] is always rushed."},
        Redaction{"Staff at the day centre in Leeds listen.",
                  "Staff at the day centre in Leeds listen."}));

TEST(Dictionary, KnowsWordsAsListedInLowerCaseAndWithAPossessive) {
  const Dictionary d(std::vector<std::string>{"London", "lift"});
  EXPECT_TRUE(d.Knows("London"));
  EXPECT_TRUE(d.Knows("London's"));
  EXPECT_TRUE(d.Knows("Lift"));
  EXPECT_FALSE(d.Knows("london-ish"));
  EXPECT_FALSE(d.Knows("Zorbleck"));
}

TEST(Dictionary, AMissingFileSaysWhatToInstall) {
  absl::StatusOr<Dictionary> d = Dictionary::Load("/nonexistent/words");
  ASSERT_FALSE(d.ok());
  EXPECT_NE(std::string(d.status().message()).find("wbritish"), std::string::npos);
}

}  // namespace
}  // namespace carevoice::service::redact
