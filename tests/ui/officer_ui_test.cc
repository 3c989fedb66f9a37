// The officer console in-process: headless Dear ImGui frames with the real
// fonts and words, a fake speaker, keys built as SDL sends them, and a
// fake council that answers the console's calls the way the service does
// (its queue, a case's detail, a move refused or done). Driven as a blind
// officer drives it: by Tab until the wanted thing is heard.
#include "client/ui/officer_ui.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <regex>

#include "accessibility/fake_speaker.h"
#include "base/clock.h"
#include "client/ui/fonts.h"
#include "tests/ui/kiosk_harness.h"

namespace carevoice::client::ui {
namespace {

using testing::DrawFrame;
using testing::SendKey;
using testing::SendTyped;

// The council's side: a queue of cases and what each move does to them.
class FakeCouncil {
 public:
  FakeCouncil() {
    Add("c1", "complaint", "received", true, "The bus came an hour late.");
    v1::Theme* theme = themes_.Add();
    theme->set_id("transport");
    theme->set_name("Getting there");
  }

  void Add(const std::string& id, const std::string& kind, const std::string& state,
           bool statutory, const std::string& words) {
    v1::CaseDetail& d = cases_[id];
    v1::CaseRecord* c = d.mutable_case_();
    c->set_submission_id(id);
    c->set_reference(id == "c1" ? "KQ7M3RX9" : "TJXWRFMT");
    c->set_kind(kind);
    c->set_state(state);
    c->set_statutory(statutory);
    c->set_acknowledge_by("2026-12-08");
    c->set_channel("kiosk");
    c->add_suggested_themes("transport");
    v1::Submission* s = d.mutable_record()->mutable_submission();
    if (kind == "safeguarding") {
      s->mutable_safeguarding()->set_what_is_happening(words);
    } else {
      s->mutable_complaint()->set_what_happened(words);
    }
    order_.push_back(id);
  }

  OfficerAnswer Answer(const OfficerCall& call) {
    OfficerAnswer a;
    a.kind = call.kind;
    a.serial = call.serial;
    switch (call.kind) {
      case OfficerCall::Kind::kSignIn:
        passwords_.push_back(call.password);
        if (call.password != password_) {
          a.status = absl::UnauthenticatedError("SignIn: wrong name or password");
        } else {
          a.signed_in.set_token("t");
          a.signed_in.mutable_session()->set_name(call.name);
        }
        break;
      case OfficerCall::Kind::kSignOut: break;
      case OfficerCall::Kind::kListCases:
        for (auto it = order_.rbegin(); it != order_.rend(); ++it) {
          *a.queue.add_cases() = cases_[*it].case_();
        }
        *a.queue.mutable_themes() = themes_;
        break;
      case OfficerCall::Kind::kGetCase:
        a.detail = cases_[call.submission_id];
        break;
      case OfficerCall::Kind::kExport:
        exports_.push_back(call.export_path);
        a.exported = 4;
        a.export_total = 4;
        break;
      case OfficerCall::Kind::kPack:
        packs_.push_back(call);
        a.exported = kPackSteps;
        a.export_total = kPackSteps;
        break;
      case OfficerCall::Kind::kMoveCase: {
        moves_.push_back(call.move);
        v1::CaseDetail& d = cases_[call.move.submission_id()];
        const std::string& action = call.move.action();
        if (action == "publish" && call.move.reply().find("Ada") != std::string::npos) {
          a.status = absl::InvalidArgumentError(
              "MoveCase: a published reply may be read aloud in public, so it must not contain "
              "the person's own details (\"Ada\"): reword it");
          break;
        }
        if (action == "acknowledge") d.mutable_case_()->set_state("acknowledged");
        if (action == "respond") d.mutable_case_()->set_state("responded");
        if (action == "publish") d.mutable_case_()->set_reply(call.move.reply());
        v1::CaseEventRecord* e = d.add_history();
        e->set_officer("sam");
        e->set_action(action);
        a.moved = d.case_();
        break;
      }
    }
    return a;
  }

  const std::vector<v1::MoveCaseRequest>& moves() const { return moves_; }
  void set_password(std::string password) { password_ = std::move(password); }
  const std::vector<std::string>& passwords() const { return passwords_; }
  const std::vector<std::string>& exports() const { return exports_; }
  const std::vector<OfficerCall>& packs() const { return packs_; }

 private:
  std::map<std::string, v1::CaseDetail> cases_;
  std::vector<std::string> order_;  // newest last; the queue lists newest first
  google::protobuf::RepeatedPtrField<v1::Theme> themes_;
  std::vector<v1::MoveCaseRequest> moves_;
  std::vector<std::string> passwords_;
  std::vector<std::string> exports_;
  std::vector<OfficerCall> packs_;
  std::string password_ = "right password";
};

class OfficerConsoleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    auto fonts = LoadFonts(io, kDefaultBodyPx);
    ASSERT_TRUE(fonts.ok()) << fonts.status();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    auto strings = Strings::LoadLanguage(std::string(CAREVOICE_ASSETS_DIR) + "/lang", "en-GB");
    ASSERT_TRUE(strings.ok()) << strings.status();
    auto own = Strings::LoadFile(std::string(CAREVOICE_ASSETS_DIR) + "/officer/en-GB.json");
    ASSERT_TRUE(own.ok()) << own.status();
    strings->Add(*own);
    OfficerUiOptions options;
    options.refresh = absl::Seconds(30);
    options.defaults.input = input_;
    auto console = OfficerUi::Create(
        *std::move(strings), [this](OfficerCall call) { calls_.push_back(std::move(call)); },
        speaker_, clock_, *fonts, options);
    ASSERT_TRUE(console.ok()) << console.status();
    console_ = std::move(*console);
    Settle();
  }
  void TearDown() override {
    // No language key the files lack is ever said.
    static const std::regex kMissing(R"(\[[a-z0-9_]+(\.[a-z0-9_]+)+\])");
    for (const auto& u : speaker_.spoken()) {
      EXPECT_FALSE(std::regex_search(u.text, kMissing)) << u.text;
    }
    console_.reset();
    ImGui::DestroyContext();
  }

  // Frames until the console has nothing to do, answering its calls.
  void Settle() {
    for (int i = 0; i < 200; ++i) {
      while (!calls_.empty()) {
        OfficerCall call = calls_.front();
        calls_.erase(calls_.begin());
        const bool pack = call.kind == OfficerCall::Kind::kPack;
        if ((call.kind == OfficerCall::Kind::kExport || pack) && hold_exports_) {
          // Half way, as the worker tells it; the rest when released.
          OfficerAnswer half;
          half.kind = call.kind;
          half.serial = call.serial;
          half.exported = pack ? 1 : 2;  // a pack: the figures counted
          half.export_total = pack ? kPackSteps : 4;
          half.finished = false;
          console_->OnAnswer(half);
          held_.push_back(call);
          continue;
        }
        console_->OnAnswer(council_.Answer(call));
      }
      if (!console_->NeedsFrame()) break;
      DrawFrame(*console_, 1280, 800);
      for (const DrawnText& d : console_->drawn()) drawn_[console_->ViewName()].push_back(d);
    }
    EXPECT_FALSE(console_->NeedsFrame()) << "the console never settled";
  }
  void Press(SDL_Keycode key, Uint16 mods = 0) {
    SendKey(*console_, key, mods, testing::KeyText(key, mods));
    Settle();
  }
  void Type(const std::string& text) {
    SendTyped(*console_, text);
    Settle();
  }
  std::size_t Mark() const { return speaker_.spoken().size(); }
  std::string SaidSince(std::size_t mark) const {
    std::string all;
    for (std::size_t i = mark; i < speaker_.spoken().size(); ++i) {
      all += speaker_.spoken()[i].text + "\n";
    }
    return all;
  }
  // Tab until what is said contains `words`.
  bool TabUntilHeard(const std::string& words, SDL_Keycode key = SDLK_TAB) {
    for (int i = 0; i < 40; ++i) {
      const std::size_t mark = Mark();
      Press(key);
      if (SaidSince(mark).find(words) != std::string::npos) return true;
    }
    return false;
  }
  void SignIn() {
    Type("sam");
    Press(SDLK_TAB);
    Type("right password");
    ASSERT_TRUE(TabUntilHeard("Button, Sign in"));
    Press(SDLK_RETURN);
    ASSERT_EQ(console_->ViewName(), "officer.queue");
  }

  void ReleaseExports() {
    hold_exports_ = false;
    for (const OfficerCall& call : held_) console_->OnAnswer(council_.Answer(call));
    held_.clear();
    Settle();
  }

  bool hold_exports_ = false;
  std::vector<OfficerCall> held_;
  std::string input_ = "keys";
  base::FakeClock clock_;
  a11y::FakeSpeaker speaker_;
  FakeCouncil council_;
  std::vector<OfficerCall> calls_;
  std::unique_ptr<OfficerUi> console_;
  std::map<std::string, std::vector<DrawnText>> drawn_;
};

TEST_F(OfficerConsoleTest, SignInStartsOnTheNameAndNeverSaysThePassword) {
  const std::string first = SaidSince(0);
  EXPECT_NE(first.find("Officer console: sign in."), std::string::npos) << first;
  EXPECT_NE(first.find("Text field, Your account name"), std::string::npos) << first;
  Type("sam");
  Press(SDLK_TAB);
  const std::size_t mark = Mark();
  Type("tulip seven");
  EXPECT_TRUE(TabUntilHeard("Button, Sign in"));
  Press(SDLK_RETURN);
  const std::string said = SaidSince(mark);
  for (const char* part : {"tulip", "seven", "t\n", "\ns\n"}) {
    EXPECT_EQ(said.find(part), std::string::npos) << "a password is never said: " << said;
  }
  EXPECT_NE(said.find("SignIn: wrong name or password"), std::string::npos) << said;
  EXPECT_EQ(console_->ViewName(), "officer.sign_in");
  ASSERT_EQ(council_.passwords().size(), 1u);
  EXPECT_EQ(council_.passwords()[0], "tulip seven");
  // Shown as dots only.
  for (const DrawnText& d : drawn_["officer.sign_in"]) {
    EXPECT_EQ(d.shown.find("tulip"), std::string::npos) << d.shown;
  }
}

TEST_F(OfficerConsoleTest, AWholeCaseFromTheQueueToAPublishedReplyByKeysAndEar) {
  SignIn();
  std::size_t mark = Mark();
  ASSERT_TRUE(TabUntilHeard("Formal complaint K Q 7 M, 3 R X 9, received, acknowledge by "
                            "Tuesday 8 December 2026"));
  Press(SDLK_RETURN);
  std::string said = SaidSince(mark);
  EXPECT_NE(said.find("What happened: The bus came an hour late."), std::string::npos) << said;
  EXPECT_NE(said.find("Suggested themes: Getting there."), std::string::npos) << said;

  ASSERT_TRUE(TabUntilHeard("Button, Acknowledge"));
  Press(SDLK_RETURN);
  ASSERT_EQ(console_->ViewName(), "officer.action.acknowledge");
  // Save before choosing: what is missing is said, and nothing is sent.
  ASSERT_TRUE(TabUntilHeard("Button, Save"));
  mark = Mark();
  Press(SDLK_RETURN);
  EXPECT_NE(SaidSince(mark).find("Choose how you told the person."), std::string::npos);
  EXPECT_TRUE(council_.moves().empty());
  ASSERT_TRUE(TabUntilHeard("By phone"));
  mark = Mark();
  Press(SDLK_RETURN);
  EXPECT_NE(SaidSince(mark).find("By phone, selected"), std::string::npos) << SaidSince(mark);
  ASSERT_TRUE(TabUntilHeard("Button, Save"));
  mark = Mark();
  Press(SDLK_RETURN);
  EXPECT_NE(SaidSince(mark).find("Acknowledged."), std::string::npos) << SaidSince(mark);
  ASSERT_EQ(council_.moves().size(), 1u);
  EXPECT_EQ(council_.moves()[0].contact_method(), "phone");
  EXPECT_EQ(console_->ViewName(), "officer.case");

  ASSERT_TRUE(TabUntilHeard("Button, Record the response"));
  Press(SDLK_RETURN);
  ASSERT_TRUE(TabUntilHeard("Partly upheld"));
  Press(SDLK_RETURN);
  ASSERT_TRUE(TabUntilHeard("Text field, The response"));
  Press(SDLK_RETURN);  // in the field: "type now"
  Type("Sorry. You may go to the Ombudsman.");
  ASSERT_TRUE(TabUntilHeard("Button, Save"));
  Press(SDLK_RETURN);
  ASSERT_EQ(council_.moves().size(), 2u);
  EXPECT_EQ(council_.moves()[1].outcome(), "partly_upheld");
  EXPECT_EQ(council_.moves()[1].response(), "Sorry. You may go to the Ombudsman.");

  ASSERT_TRUE(TabUntilHeard("Button, Publish a reply for the person"));
  Press(SDLK_RETURN);
  ASSERT_TRUE(TabUntilHeard("Text field, The reply"));
  Press(SDLK_RETURN);
  Type("Dear Ada, it is fixed.");
  ASSERT_TRUE(TabUntilHeard("Button, Save"));
  mark = Mark();
  Press(SDLK_RETURN);
  EXPECT_NE(SaidSince(mark).find("the person's own details"), std::string::npos)
      << "the refusal is said: " << SaidSince(mark);
  EXPECT_EQ(console_->ViewName(), "officer.action.publish") << "the words stay to be changed";
  ASSERT_TRUE(TabUntilHeard("Text field, The reply"));
  for (int i = 0; i < 22; ++i) SendKey(*console_, SDLK_BACKSPACE, 0, "");
  Settle();
  Type("The bus now comes at 9.");
  ASSERT_TRUE(TabUntilHeard("Button, Save"));
  mark = Mark();
  Press(SDLK_RETURN);
  EXPECT_NE(SaidSince(mark).find("The reply is published."), std::string::npos) << SaidSince(mark);
  ASSERT_EQ(council_.moves().size(), 4u);
  EXPECT_EQ(council_.moves()[3].reply(), "The bus now comes at 9.");

  // Escape: back to the queue, on the case just handled.
  mark = Mark();
  Press(SDLK_ESCAPE);
  EXPECT_EQ(console_->ViewName(), "officer.queue");
  EXPECT_NE(SaidSince(mark).find("Button, Formal complaint K Q 7 M, 3 R X 9, responded"),
            std::string::npos)
      << SaidSince(mark);
}

TEST_F(OfficerConsoleTest, AnUrgentWorryIsShownAndSaidAtOnceWithAWayStraightToIt) {
  SignIn();
  council_.Add("w1", "safeguarding", "received", false, "A neighbour is not being fed.");
  const std::size_t mark = Mark();
  clock_.Advance(absl::Seconds(31));
  Settle();
  const std::string said = SaidSince(mark);
  EXPECT_NE(said.find("Urgent: a new safeguarding worry, reference T J X W, R F M T, from a "
                      "kiosk. A decision is due by the end of Tuesday 8 December 2026."),
            std::string::npos)
      << said;
  EXPECT_EQ(said.find("not being fed"), std::string::npos) << "an alert never holds the words";
  ASSERT_TRUE(TabUntilHeard("Button, Safeguarding worry T J X W, R F M T"));
  Press(SDLK_RETURN);
  EXPECT_EQ(console_->ViewName(), "officer.case");
  EXPECT_TRUE(console_->desk().alerts().empty()) << "opened: heard";
  // The queue marks it in words and a symbol, not colour alone.
  Press(SDLK_ESCAPE);
  bool marked = false;
  for (const DrawnText& d : drawn_["officer.queue"]) {
    if (d.shown.rfind("\xE2\x9A\xA0 URGENT", 0) == 0 && d.spoken.rfind("Urgent, ", 0) == 0) {
      marked = true;
    }
  }
  EXPECT_TRUE(marked);
}

TEST_F(OfficerConsoleTest, EverythingShownIsSpokenOnEveryScreen) {
  // On each screen, a round of Tab hears every control once.
  auto round = [this] {
    for (int i = console_->focus().count(); i > 0; --i) Press(SDLK_TAB);
  };
  round();
  SignIn();
  round();
  ASSERT_TRUE(TabUntilHeard("Formal complaint"));
  Press(SDLK_RETURN);
  round();
  ASSERT_TRUE(TabUntilHeard("Button, Acknowledge"));
  Press(SDLK_RETURN);
  round();
  const std::string said = SaidSince(0);
  for (const auto& [view, drawn] : drawn_) {
    for (const DrawnText& d : drawn) {
      if (d.spoken.empty() || d.shown.find("\xE2\x80\xA2") != std::string::npos) continue;
      EXPECT_NE(said.find(d.spoken), std::string::npos)
          << view << " shows \"" << d.shown << "\" but never says \"" << d.spoken << "\"";
    }
  }
}

TEST_F(OfficerConsoleTest, AnExportShowsAndSaysHowFarItHasGotThenWhereItIs) {
  SignIn();
  ASSERT_TRUE(TabUntilHeard("Button, Exports and committee packs, anonymised"));
  Press(SDLK_RETURN);
  ASSERT_EQ(console_->ViewName(), "officer.export");
  hold_exports_ = true;
  ASSERT_TRUE(TabUntilHeard("Button, Start the export"));
  std::size_t mark = Mark();
  Press(SDLK_RETURN);
  EXPECT_NE(SaidSince(mark).find("Exporting: 50 percent of 4 submissions."), std::string::npos)
      << SaidSince(mark);
  Press(SDLK_ESCAPE);
  EXPECT_EQ(console_->ViewName(), "officer.export") << "it stays until the file is whole";
  mark = Mark();
  ReleaseExports();
  ASSERT_EQ(council_.exports().size(), 1u);
  const std::string& path = council_.exports()[0];
  EXPECT_NE(path.find("/carevoice-export-"), std::string::npos) << path;
  EXPECT_NE(SaidSince(mark).find("Saved 4 submissions to " + path), std::string::npos)
      << SaidSince(mark);
  Press(SDLK_ESCAPE);
  EXPECT_EQ(console_->ViewName(), "officer.queue");
}

// A clerk's committee pack by ear: each choice says what it sets (the
// period with its days), the steps are said as they begin, then where the
// file is.
TEST_F(OfficerConsoleTest, ACommitteePackIsChosenByEarAndSaysEachStepThenWhereItIs) {
  clock_.Set(absl::FromCivil(absl::CivilSecond(2026, 12, 6, 10, 0, 0), absl::UTCTimeZone()));
  SignIn();
  ASSERT_TRUE(TabUntilHeard("Button, Exports and committee packs, anonymised"));
  Press(SDLK_RETURN);
  ASSERT_EQ(console_->ViewName(), "officer.export");
  EXPECT_NE(SaidSince(0).find("Make the committee pack"), std::string::npos);
  std::size_t mark = Mark();
  ASSERT_TRUE(TabUntilHeard("Period: the last full quarter, 1 July 2026 to 30 September 2026"));
  EXPECT_NE(SaidSince(mark).find("selected"), std::string::npos) << "the default is said as chosen";
  ASSERT_TRUE(TabUntilHeard("Period: the council year, 1 April 2025 to 31 March 2026, with the "
                            "statutory annual complaints report"));
  Press(SDLK_RETURN);
  ASSERT_TRUE(TabUntilHeard("For: the Local Social Care Forum"));
  Press(SDLK_RETURN);
  ASSERT_TRUE(TabUntilHeard("Format: a web page (HTML)"));
  Press(SDLK_RETURN);
  hold_exports_ = true;
  ASSERT_TRUE(TabUntilHeard("Button, Make the committee pack"));
  mark = Mark();
  Press(SDLK_RETURN);
  EXPECT_NE(SaidSince(mark).find("Making the pack: writing it."), std::string::npos)
      << SaidSince(mark);
  Press(SDLK_ESCAPE);
  EXPECT_EQ(console_->ViewName(), "officer.export") << "it stays until the file is whole";
  mark = Mark();
  ReleaseExports();
  ASSERT_EQ(council_.packs().size(), 1u);
  const OfficerCall& asked = council_.packs()[0];
  EXPECT_EQ(asked.pack.annual_year(), 2026);
  EXPECT_EQ(asked.pack.audience(), v1::AUDIENCE_FORUM);
  EXPECT_EQ(asked.pack_format, "html");
  EXPECT_NE(asked.export_path.find("/carevoice-pack-forum-2026-12-06-"), std::string::npos)
      << asked.export_path;
  EXPECT_EQ(asked.export_path.substr(asked.export_path.size() - 5), ".html");
  EXPECT_NE(SaidSince(mark).find("Saved the committee pack to " + asked.export_path),
            std::string::npos)
      << SaidSince(mark);
}

TEST_F(OfficerConsoleTest, LeftAloneTheConsoleSignsOutAndSaysWhy) {
  SignIn();
  ASSERT_TRUE(TabUntilHeard("Formal complaint"));
  Press(SDLK_RETURN);
  ASSERT_EQ(console_->ViewName(), "officer.case");
  // Its own refreshes every 30 s do not count as use.
  for (int i = 0; i < 29; ++i) {
    clock_.Advance(absl::Seconds(30));
    Settle();
  }
  EXPECT_EQ(console_->ViewName(), "officer.case");
  const std::size_t mark = Mark();
  clock_.Advance(absl::Seconds(31));
  Settle();
  EXPECT_EQ(console_->ViewName(), "officer.sign_in");
  EXPECT_NE(SaidSince(mark).find("You were signed out because the console was left without use."),
            std::string::npos)
      << SaidSince(mark);
  for (const DrawnText& d : console_->drawn()) {
    EXPECT_EQ(d.shown.find("bus came"), std::string::npos) << "the case is gone: " << d.shown;
  }
}

TEST_F(OfficerConsoleTest, TextGrowsWithF8AndTheConsoleSaysSo) {
  const std::size_t mark = Mark();
  const float before = ImGui::GetIO().FontDefault->FontSize;
  Press(SDLK_F8);
  EXPECT_GT(ImGui::GetIO().FontDefault->FontSize, before);
  EXPECT_NE(SaidSince(mark).find("2 of 4"), std::string::npos) << SaidSince(mark);
}

class OfficerConsoleBySwitchesTest : public OfficerConsoleTest {
 protected:
  OfficerConsoleBySwitchesTest() { input_ = "switch2"; }
};

TEST_F(OfficerConsoleBySwitchesTest, TwoSwitchesOpenACase) {
  // Space moves, Enter chooses; the name field is typed into by keyboard
  // here (a switch user would use their own on-screen keyboard).
  council_.set_password("right-password");
  Type("sam");
  ASSERT_TRUE(TabUntilHeard("Text field, Password", SDLK_SPACE));
  Type("right-password");
  ASSERT_TRUE(TabUntilHeard("Button, Sign in", SDLK_SPACE));
  Press(SDLK_RETURN);
  ASSERT_EQ(console_->ViewName(), "officer.queue");
  ASSERT_TRUE(TabUntilHeard("Formal complaint", SDLK_SPACE));
  Press(SDLK_RETURN);
  EXPECT_EQ(console_->ViewName(), "officer.case");
}

}  // namespace
}  // namespace carevoice::client::ui
