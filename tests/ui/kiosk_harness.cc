#include "kiosk_harness.h"

#include <google/protobuf/util/json_util.h>
#include <stdlib.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "base/languages.h"
#include "base/proto_time.h"
#include "base/utf8.h"
#include "client/app/word_list_files.h"
#include "client/model/outbox_sqlite.h"
#include "contract/reference_code.h"
#include "client/ui/fonts.h"
#include "gtest/gtest.h"

namespace carevoice::client::ui::testing {

std::optional<v1::Catalog> SampleCatalog() {
  std::ifstream in(std::string(CAREVOICE_ASSETS_DIR) + "/catalog/sample_catalog.json");
  std::stringstream text;
  text << in.rdbuf();
  v1::Catalog catalog;
  if (!google::protobuf::util::JsonStringToMessage(text.str(), &catalog).ok()) {
    return std::nullopt;
  }
  return catalog;
}

std::optional<v1::Catalog> CatalogAskingEveryKind() {
  std::optional<v1::Catalog> catalog = SampleCatalog();
  std::ifstream in(std::string(CAREVOICE_ASSETS_DIR) + "/consultations/getting_out_2027.json");
  std::stringstream text;
  text << in.rdbuf();
  if (!catalog || !google::protobuf::util::JsonStringToMessage(
                      text.str(), catalog->add_consultations()).ok()) {
    return std::nullopt;
  }
  return catalog;
}

std::optional<v1::Catalog> CatalogWithBallots() {
  std::optional<v1::Catalog> catalog = CatalogAskingEveryKind();
  std::ifstream in(std::string(CAREVOICE_ASSETS_DIR) + "/ballots/forum_reps_2027.json");
  std::stringstream text;
  text << in.rdbuf();
  v1::ForumBallot open;
  if (!catalog || !google::protobuf::util::JsonStringToMessage(text.str(), &open).ok()) {
    return std::nullopt;
  }
  v1::ForumBallot counted = open;
  counted.set_id("forum_reps_2026");
  base::SetProtoTimestamp(absl::FromUnixSeconds(1'760'000'000), counted.mutable_opens_at());
  base::SetProtoTimestamp(absl::FromUnixSeconds(1'770'000'000), counted.mutable_closes_at());
  v1::BallotResult& result = *counted.mutable_result();
  result.set_method("stv_wigm");
  result.add_elected("amara_okafor");
  result.add_elected("grace_liu");
  result.set_valid(41);
  base::SetProtoTimestamp(absl::FromUnixSeconds(1'770'000'100), result.mutable_counted_at());
  *catalog->add_ballots() = std::move(counted);
  *catalog->add_ballots() = std::move(open);
  return catalog;
}

std::string BallotCode() {
  return contract::FormatReference(contract::WithCheckCharacter("KQ7M3RX").value());
}

const std::vector<Walk>& EveryStepWalks() {
  static const std::vector<Walk> walks = {
      {"feedback", {{"speaker", "uses_services"}}},
      {"feedback", {{"speaker", "care_worker"}}},
      {"complaint",
       {{"danger", "no"}, {"provider", "kettle_community_care"}, {"site", "kettle_hub"},
        {"speaker", "care_worker"}, {"when", "date"},
        {"event_date", "year_before,day_before"}, {"about", "at_work"},
        {"agreed", "no"}, {"why", "other"}, {"contact", "give"}}},
      {"safeguarding", {{"danger", "yes"}, {"contact", "give"}}},
      {"idea", {}},
  };
  return walks;
}

std::string OptionFor(const Step& step, const std::string& pick, const v1::Submission& draft) {
  if (!pick.empty()) return pick;
  if (step.type == StepType::kChooseFromCatalog) {
    return step.list == CatalogList::kServices ? "home_care" : "not_sure";
  }
  if (step.type == StepType::kRate) return "4";
  std::vector<std::string> offered;
  for (const Option& option : step.options) {
    if (Offered(option, draft)) offered.push_back(option.id);
  }
  return offered[std::min<std::size_t>(1, offered.size() - 1)];
}

std::vector<std::string> DatePresses(const std::string& pick) {
  std::vector<std::string> presses;
  for (std::size_t start = 0; start < pick.size();) {
    std::size_t comma = pick.find(',', start);
    if (comma == std::string::npos) comma = pick.size();
    presses.push_back(pick.substr(start, comma - start));
    start = comma + 1;
  }
  return presses;
}

const char kCheckPin[] = "482913";
const char kCheckReply[] = "You said the lunch club closed too early. It now stays open until 3pm.";

std::string CheckReference() {
  return contract::FormatReference(*contract::MakeReference(contract::DeviceCodeFor("kiosk-1"), 7));
}

std::string WordsFor(const Step& step) {
  if (step.field == "reference") return CheckReference();
  if (step.field == "pin") return kCheckPin;
  if (step.field == "forum_vote.code") return BallotCode();
  if (step.field == "contact.phone") return "01632 960001";
  if (step.field == "contact.email") return "ada@example.org";
  return "Words for " + step.id + ".";
}

KioskHarness::KioskHarness(float width, float height, std::optional<v1::Catalog> catalog,
                           KioskOptions options)
    : width_(width), height_(height), catalog_(std::move(catalog)) {
  char pattern[] = "/tmp/carevoice-ui-XXXXXX";
  dir_ = mkdtemp(pattern);
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  auto fonts = LoadFonts(io, kDefaultBodyPx);
  EXPECT_TRUE(fonts.ok()) << fonts.status();
  BuildAtlas();
  auto outbox = SqliteOutbox::Open(dir_ + "/outbox.db");
  EXPECT_TRUE(outbox.ok()) << outbox.status();
  outbox_ = std::move(*outbox);
  status_.service_reachable = true;
  status_.catalog_serial = 1;
  SyncHooks hooks{[this] { return status_; }, [this] { return catalog_; }, [] {},
                  [this](std::uint64_t serial, std::string reference, std::string pin) {
                    AnswerCheck(serial, reference, pin);
                  }};
  CheckAnswer known;
  known.outcome = CheckAnswer::Outcome::kFound;
  known.status = v1::CASE_STATUS_RESPONDED;
  known.reply = kCheckReply;
  known.reply_language = "en-GB";
  known.idea_outcome = "adopted";  // an idea: the lunch club should stay open later
  known.updated_at = absl::FromCivil(absl::CivilDay(2026, 12, 3), absl::LocalTimeZone());
  check_answers_[contract::NormalizeReference(CheckReference()) + "/" + kCheckPin] = known;
  LanguageLoader load = [](const std::string& tag) {
    return Strings::LoadLanguage(std::string(CAREVOICE_ASSETS_DIR) + "/lang", tag);
  };
  // The real word lists, as main loads them, unless the test brought its own.
  if (options.words.For("en-GB").empty()) {
    auto words = LoadWordLists(std::string(CAREVOICE_ASSETS_DIR) + "/words");
    EXPECT_TRUE(words.ok()) << words.status();
    if (words.ok()) options.words = std::move(*words);
  }
  auto kiosk = KioskUi::Create(load, Languages(), *outbox_, hooks, speaker_, clock_, *fonts,
                               std::move(options));
  EXPECT_TRUE(kiosk.ok()) << kiosk.status();
  kiosk_ = std::move(*kiosk);
  Settle();
}

namespace {

// A language key the files lack is drawn and spoken as "[key]": no test
// may see one, on any screen it visits.
void ExpectNoMissingKey(std::string_view text, std::string_view where) {
  static const std::regex kMissing(R"(\[[a-z0-9_]+(\.[a-z0-9_]+)+\])");
  std::string s(text);
  EXPECT_FALSE(std::regex_search(s, kMissing))
      << where << " shows a language key the files lack: " << s;
}

}  // namespace

KioskHarness::~KioskHarness() {
  for (const auto& utterance : speaker_.spoken()) ExpectNoMissingKey(utterance.text, "speech");
  kiosk_.reset();
  outbox_.reset();
  ImGui::DestroyContext();
  std::filesystem::remove_all(dir_);
}

std::vector<std::string> Languages() {
  std::vector<std::string> tags;
  for (std::string_view tag : base::kSupportedLanguages) {
    const std::string file =
        std::string(CAREVOICE_ASSETS_DIR) + "/lang/" + std::string(tag) + ".json";
    if (std::filesystem::exists(file)) {
      tags.emplace_back(tag);
    }
  }
  return tags;
}

void KioskHarness::BuildAtlas() {
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // headless: no GPU texture
}

void DrawFrame(WindowApp& app, float width, float height) {
  ImGuiIO& io = ImGui::GetIO();
  if (std::optional<float> px = app.TakeFontRequest()) {
    auto fonts = LoadFonts(io, *px);
    EXPECT_TRUE(fonts.ok()) << fonts.status();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // headless: no GPU texture
    app.SetFonts(*fonts);
  }
  io.DisplaySize = ImVec2(width, height);
  io.DeltaTime = 1.0f / 60.0f;
  ImGui::NewFrame();
  app.Frame(width, height);
  ImGui::Render();
}

void KioskHarness::Frame() {
  std::size_t before = speaker_.spoken().size();
  DrawFrame(*kiosk_, width_, height_);
  if (kiosk_->frames_in_view() == 0) {  // this frame showed a new view
    view_mark_ = before;
    drawn_.clear();
  }
  const auto& drawn = kiosk_->drawn();
  for (const DrawnText& text : drawn) ExpectNoMissingKey(text.shown, "the screen " + View());
  drawn_.insert(drawn_.end(), drawn.begin(), drawn.end());
}

void KioskHarness::Settle() {
  for (int i = 0; i < 100 && kiosk_->NeedsFrame(); ++i) Frame();
  EXPECT_FALSE(kiosk_->NeedsFrame()) << "the kiosk never settled";
}

// The character SDL sends (as SDL_TEXTINPUT, right after the key press)
// for a key that types one: letters, digits, Space, the keypad's digits
// and signs. Ctrl or Alt chords type nothing.
std::string KeyText(SDL_Keycode key, Uint16 modifiers) {
  if (modifiers & (KMOD_CTRL | KMOD_ALT)) return "";
  if (key >= SDLK_SPACE && key < SDLK_DELETE) {
    char c = static_cast<char>(key);
    if ((modifiers & KMOD_SHIFT) && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return std::string(1, c);
  }
  if (key >= SDLK_KP_1 && key <= SDLK_KP_9) return std::string(1, static_cast<char>('1' + key - SDLK_KP_1));
  switch (key) {
    case SDLK_KP_0: return "0";
    case SDLK_KP_PERIOD: return ".";
    case SDLK_KP_PLUS: return "+";
    case SDLK_KP_MINUS: return "-";
    case SDLK_KP_MULTIPLY: return "*";
    case SDLK_KP_DIVIDE: return "/";
    default: return "";
  }
}



void KioskHarness::Key(SDL_Keycode key, Uint16 modifiers) {
  KeyWithText(key, modifiers, KeyText(key, modifiers));
}

void SendKey(WindowApp& app, SDL_Keycode key, Uint16 modifiers, const std::string& text) {
  SDL_Event event{};
  event.type = SDL_KEYDOWN;
  event.key.state = SDL_PRESSED;
  event.key.keysym.sym = key;
  event.key.keysym.mod = modifiers;
  app.HandleEvent(event);
  if (!text.empty()) {
    SDL_Event typed{};
    typed.type = SDL_TEXTINPUT;
    std::memcpy(typed.text.text, text.data(), std::min(text.size(), sizeof(typed.text.text) - 1));
    app.HandleEvent(typed);
  }
  event.type = SDL_KEYUP;
  event.key.state = SDL_RELEASED;
  app.HandleEvent(event);
}

void SendTyped(WindowApp& app, const std::string& utf8) {
  // As a keyboard (or `xdotool type`) sends it: each character's key
  // press, its text, its release.
  std::size_t i = 0;
  while (i < utf8.size()) {
    std::size_t n = 1;
    base::DecodeUtf8At(utf8, i, n);
    std::string ch = utf8.substr(i, n);
    if (ch == "\n") {
      SendKey(app, SDLK_RETURN, KMOD_SHIFT, KeyText(SDLK_RETURN, KMOD_SHIFT));
    } else if (n == 1) {
      char c = ch[0];
      bool upper = c >= 'A' && c <= 'Z';
      SendKey(app, upper ? c - 'A' + 'a' : c, upper ? KMOD_SHIFT : 0, ch);
    } else {
      SendKey(app, SDLK_UNKNOWN, 0, ch);  // a character of another layout
    }
    i += n;
  }
}

void SendTap(WindowApp& app, float x, float y) {
  SDL_Event event{};
  event.type = SDL_MOUSEBUTTONDOWN;
  event.button.button = SDL_BUTTON_LEFT;
  event.button.x = static_cast<Sint32>(x);
  event.button.y = static_cast<Sint32>(y);
  app.HandleEvent(event);
  event.type = SDL_MOUSEBUTTONUP;
  app.HandleEvent(event);
}

void KioskHarness::KeyWithText(SDL_Keycode key, Uint16 modifiers, const std::string& text) {
  SendKey(*kiosk_, key, modifiers, text);
}

void KioskHarness::Press(SDL_Keycode key, Uint16 modifiers) {
  Key(key, modifiers);
  Settle();
}

void KioskHarness::Type(const std::string& utf8) {
  SendTyped(*kiosk_, utf8);
  Settle();
}

void KioskHarness::Tap(float x, float y) {
  SendTap(*kiosk_, x, y);
  Settle();
}

bool KioskHarness::FocusOn(const std::string& id) {
  for (int i = 0; i < 64; ++i) {
    if (FocusedId() == id) return true;
    Press(SDLK_TAB);
  }
  return FocusedId() == id;
}

bool KioskHarness::TapOn(const std::string& id) {
  // Down first (a new screen starts at the top), then back up for an item
  // scrolled past.
  for (const char* scroll : {"scroll.down", "scroll.up"}) {
    for (int i = 0; i < 12; ++i) {
      const a11y::WidgetInfo* item = kiosk_->registry().Find(id);
      if (item == nullptr) return false;
      if (!item->clipped) {
        Tap(item->box.x + item->box.w / 2, item->box.y + item->box.h / 2);
        return true;
      }
      const a11y::WidgetInfo* button = kiosk_->registry().Find(scroll);
      if (button == nullptr) break;
      Tap(button->box.x + button->box.w / 2, button->box.y + button->box.h / 2);
    }
  }
  return false;
}

bool KioskHarness::AnswerStep(const std::string& pick, const std::string& words) {
  const Step* step = kiosk_->journey().step();
  if (step == nullptr) return false;
  switch (step->type) {
    case StepType::kChooseFromCatalog:
    case StepType::kChooseOption:
    case StepType::kRate:
      if (!FocusOn(step->id + "." + OptionFor(*step, pick, kiosk_->journey().draft()))) {
        return false;
      }
      Press(SDLK_RETURN);
      return true;
    case StepType::kWords:
      if (!FocusOn(WordsFieldId(*step))) return false;
      Press(SDLK_RETURN);  // stays in the field: "type now"
      Type(words.empty() ? WordsFor(*step) : words);
      Press(SDLK_TAB);
      if (!FocusOn(step->id + ".continue")) return false;
      Press(SDLK_RETURN);
      return true;
    case StepType::kQuestion: {
      // A consultation's question: `pick` is an option id (or
      // "agreement_N"); several and an order then go on with Continue.
      const v1::Question& q = *step->question;
      std::string option = !pick.empty() ? pick
                           : q.kind() == v1::Question::KIND_AGREEMENT
                               ? "agreement_2"
                               : q.options(0).id();
      if (!FocusOn(step->id + "." + option)) return false;
      Press(SDLK_RETURN);
      if (q.kind() == v1::Question::KIND_MULTIPLE_CHOICE || q.kind() == v1::Question::KIND_RANKING) {
        if (!FocusOn(step->id + ".continue")) return false;
        Press(SDLK_RETURN);
      }
      return true;
    }
    case StepType::kDate:
      for (const std::string& button : DatePresses(pick)) {
        if (!FocusOn(step->id + "." + button)) return false;
        Press(SDLK_RETURN);
      }
      [[fallthrough]];
    case StepType::kNotice:
      if (!FocusOn(step->id + ".continue")) return false;
      Press(SDLK_RETURN);
      return true;
    case StepType::kReview:
    case StepType::kThanks:
    case StepType::kAnswer:
      return false;
  }
  return false;
}

bool KioskHarness::AnswerUntil(const std::string& view,
                               const std::map<std::string, std::string>& picks,
                               const std::function<void()>& each) {
  for (int i = 0; i < 40 && View() != view; ++i) {
    const Step* step = kiosk_->journey().step();
    if (step == nullptr) return false;
    if (each) each();
    auto it = picks.find(step->id);
    if (!AnswerStep(it == picks.end() ? "" : it->second)) return false;
  }
  return View() == view;
}

void KioskHarness::SetReachable(bool reachable) {
  status_.service_reachable = reachable;
  kiosk_->OnSyncEvent({.kind = SyncEvent::Kind::kReachabilityChanged, .reachable = reachable});
}

void KioskHarness::Delivered(const std::string& submission_id) {
  ++status_.delivered_total;
  kiosk_->OnSyncEvent({.kind = SyncEvent::Kind::kDelivered, .submission_id = submission_id});
}

void KioskHarness::SetCheckAnswer(const std::string& reference, const std::string& pin,
                                  CheckAnswer answer) {
  check_answers_[reference + "/" + pin] = std::move(answer);
}

void KioskHarness::AnswerCheck(std::uint64_t serial, const std::string& reference,
                               const std::string& pin) {
  checks_asked_.emplace_back(reference, pin);
  // As the ReferenceChecker and the service answer: in the contract's
  // form, one "not found" for an unknown reference and a wrong PIN alike.
  auto it = check_answers_.find(contract::NormalizeReference(reference) + "/" +
                                contract::NormalizePin(pin));
  CheckAnswer answer = it == check_answers_.end() ? CheckAnswer() : it->second;
  if (hold_checks_) {
    held_.emplace_back(serial, std::move(answer));
    return;
  }
  SyncEvent event;
  event.kind = SyncEvent::Kind::kChecked;
  event.check_serial = serial;
  event.check = std::move(answer);
  kiosk_->OnSyncEvent(event);
}

void KioskHarness::ReleaseChecks() {
  hold_checks_ = false;
  for (auto& [serial, answer] : held_) {
    SyncEvent event;
    event.kind = SyncEvent::Kind::kChecked;
    event.check_serial = serial;
    event.check = answer;
    kiosk_->OnSyncEvent(event);
  }
  held_.clear();
  Settle();
}

void KioskHarness::CatalogChanged() {
  ++status_.catalog_serial;
  kiosk_->OnSyncEvent({.kind = SyncEvent::Kind::kCatalogChanged});
}

bool KioskHarness::TabUntilHeard(const std::string& words) {
  for (int i = 0; i < 64; ++i) {
    std::size_t mark = Spoken().size();
    Press(SDLK_TAB);
    if (SpokenSince(mark).find(words) != std::string::npos) return true;
  }
  return false;
}

bool KioskHarness::ScreenIsBlank() const {
  // The last command of the foreground list must be an opaque black quad
  // over the whole screen.
  const ImDrawData* data = ImGui::GetDrawData();
  if (data == nullptr || data->CmdListsCount == 0) return false;
  const ImDrawList* top = data->CmdLists[data->CmdListsCount - 1];
  if (top->VtxBuffer.Size < 4) return false;
  const ImDrawVert* v = &top->VtxBuffer[top->VtxBuffer.Size - 4];
  float min_x = 1e9f, min_y = 1e9f, max_x = -1e9f, max_y = -1e9f;
  for (int i = 0; i < 4; ++i) {
    if (v[i].col != IM_COL32(0, 0, 0, 255)) return false;
    min_x = std::min(min_x, v[i].pos.x);
    min_y = std::min(min_y, v[i].pos.y);
    max_x = std::max(max_x, v[i].pos.x);
    max_y = std::max(max_y, v[i].pos.y);
  }
  return min_x <= 0 && min_y <= 0 && max_x >= width_ && max_y >= height_;
}

std::vector<std::string> KioskHarness::Spoken() const {
  std::vector<std::string> out;
  for (const auto& u : speaker_.spoken()) out.push_back(u.text);
  return out;
}

std::string KioskHarness::SpokenSince(std::size_t from) const {
  std::vector<std::string> all = Spoken();
  std::string out;
  for (std::size_t i = from; i < all.size(); ++i) out += all[i] + "\n";
  return out;
}


}  // namespace carevoice::client::ui::testing
