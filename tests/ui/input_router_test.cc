// Input routing without a window: each SDL event, as SDL delivers it, and
// what it means at the kiosk given where focus is and how the person
// presses. The text SDL sends after a key is typing only when the key was
// not taken as something else.
#include "client/ui/input_router.h"

#include <cstring>
#include <vector>

#include "gtest/gtest.h"

namespace carevoice::client::ui {
namespace {

using Kind = Input::Kind;

SDL_Event KeyDown(SDL_Keycode key, Uint16 mods = 0, bool repeat = false) {
  SDL_Event e{};
  e.type = SDL_KEYDOWN;
  e.key.keysym.sym = key;
  e.key.keysym.mod = mods;
  e.key.repeat = repeat ? 1 : 0;
  return e;
}

SDL_Event Text(const char* text) {
  SDL_Event e{};
  e.type = SDL_TEXTINPUT;
  std::strncpy(e.text.text, text, sizeof(e.text.text) - 1);
  return e;
}

SDL_Event Mouse(Uint32 type, int x, int y) {
  SDL_Event e{};
  e.type = type;
  e.button.button = SDL_BUTTON_LEFT;
  e.button.x = x;
  e.button.y = y;
  return e;
}

a11y::WidgetInfo Item(std::string id, a11y::Role role, a11y::Rect box) {
  a11y::WidgetInfo item;
  item.id = std::move(id);
  item.label = item.id;
  item.role = role;
  item.box = box;
  item.focusable = true;
  return item;
}

class Router : public ::testing::Test {
 protected:
  Router() : router_(clock_) {
    registry_.Add(Item("send", a11y::Role::kButton, {0, 0, 100, 100}));
    registry_.Add(Item("words", a11y::Role::kTextField, {200, 0, 100, 100}));
  }
  // A key as SDL sends it: the press, then (for a key that types) its text.
  std::vector<Input> Key(SDL_Keycode key, const char* text, Uint16 mods = 0) {
    std::vector<Input> out{router_.Route(KeyDown(key, mods), ctx_, registry_)};
    if (text != nullptr) out.push_back(router_.Route(Text(text), ctx_, registry_));
    return out;
  }
  base::FakeClock clock_;
  a11y::Registry registry_;
  InputRouter router_;
  RouteContext ctx_;
};

TEST_F(Router, SpaceOnAButtonChoosesAndTypesNothing) {
  auto in = Key(SDLK_SPACE, " ");
  EXPECT_EQ(in[0].kind, Kind::kCommand);
  EXPECT_EQ(in[0].command, Command::kChoose);
  EXPECT_EQ(in[1].kind, Kind::kNone) << "the space SDL sends after it is not typing";
}

TEST_F(Router, InAFieldKeysTypeAndReturnIsTheKiosksToJudge) {
  ctx_.in_text_field = true;
  auto space = Key(SDLK_SPACE, " ");
  EXPECT_EQ(space[0].kind, Kind::kNone);
  EXPECT_EQ(space[1].kind, Kind::kType);
  EXPECT_EQ(space[1].text, " ");
  auto letter = Key(SDLK_a, "a");
  EXPECT_EQ(letter[1].kind, Kind::kType);
  EXPECT_EQ(Key(SDLK_RETURN, nullptr)[0].kind, Kind::kFieldEnter);
  auto line = Key(SDLK_RETURN, nullptr, KMOD_LSHIFT);
  EXPECT_EQ(line[0].kind, Kind::kType);
  EXPECT_EQ(line[0].text, "\n");
  EXPECT_EQ(Key(SDLK_ESCAPE, nullptr)[0].kind, Kind::kLeaveField);
  EXPECT_EQ(Key(SDLK_BACKSPACE, nullptr)[0].kind, Kind::kErase);
  EXPECT_EQ(Key(SDLK_TAB, nullptr)[0].kind, Kind::kCommand);
  EXPECT_EQ(Key(SDLK_F1, nullptr)[0].command, Command::kHelp);
}

TEST_F(Router, ALetterOnAButtonIsTypingForTheKioskToPlace) {
  auto in = Key(SDLK_h, "h");
  EXPECT_EQ(in[0].kind, Kind::kNone);
  EXPECT_EQ(in[1].kind, Kind::kType) << "never silently dropped";
  EXPECT_EQ(in[1].text, "h");
}

TEST_F(Router, TheKeypadNavigatesAndNeverTypes) {
  for (bool field : {false, true}) {
    ctx_.in_text_field = field;
    auto down = Key(SDLK_KP_2, "2");
    EXPECT_EQ(down[0].command, Command::kNext);
    EXPECT_EQ(down[1].kind, Kind::kNone);
    auto one = Key(SDLK_KP_1, "1");  // no command: still not typing
    EXPECT_EQ(one[1].kind, Kind::kNone);
  }
  auto choose = Key(SDLK_KP_5, "5");
  EXPECT_EQ(choose[0].kind, Kind::kFieldChoose) << "on to the on-screen keyboard";
  EXPECT_EQ(choose[1].kind, Kind::kNone);
}

TEST_F(Router, OnTheAttractScreenAnyKeyStartsAndTypesNothing) {
  ctx_.on_attract = true;
  auto in = Key(SDLK_x, "x");
  EXPECT_EQ(in[0].kind, Kind::kStart);
  EXPECT_EQ(in[1].kind, Kind::kNone);
  EXPECT_EQ(Key(SDLK_F9, nullptr)[0].kind, Kind::kStartSettings);
  EXPECT_EQ(router_.Route(Mouse(SDL_MOUSEBUTTONDOWN, 900, 700), ctx_, registry_).kind,
            Kind::kPointerDown);
  EXPECT_EQ(router_.Route(Mouse(SDL_MOUSEBUTTONUP, 900, 700), ctx_, registry_).kind,
            Kind::kStart) << "a touch anywhere starts";
}

TEST_F(Router, DescribeKeysSaysWhatAKeyDoesInstead) {
  ctx_.describe_keys = true;
  auto in = Key(SDLK_TAB, nullptr);
  EXPECT_EQ(in[0].kind, Kind::kDescribe);
  EXPECT_EQ(in[0].key_name, "Tab");
  EXPECT_EQ(in[0].describe_key, "describe.next");
  auto letter = Key(SDLK_q, "q");
  EXPECT_EQ(letter[0].describe_key, "describe.type");
  EXPECT_EQ(letter[1].kind, Kind::kNone);
  EXPECT_EQ(Key(SDLK_F11, nullptr)[0].kind, Kind::kToggleDescribe) << "the way out always works";
}

TEST_F(Router, TwoSwitchesAreSpaceAndReturn) {
  ctx_.mode = a11y::InputMode::kTwoSwitch;
  auto move = Key(SDLK_SPACE, " ");
  EXPECT_EQ(move[0].kind, Kind::kSwitch);
  EXPECT_EQ(move[0].which, a11y::Switch::kMove);
  EXPECT_EQ(move[1].kind, Kind::kNone);
  ctx_.in_text_field = true;  // even on a field, Space is a switch
  EXPECT_EQ(Key(SDLK_SPACE, " ")[1].kind, Kind::kNone);
  auto choose = Key(SDLK_RETURN, nullptr);
  EXPECT_EQ(choose[0].which, a11y::Switch::kChoose);
}

TEST_F(Router, QuickRepeatsAndHeldKeysDoNotChooseTwice) {
  ctx_.repeat_filter = true;
  router_.SetRepeatDelay(absl::Milliseconds(500));
  EXPECT_EQ(Key(SDLK_RETURN, nullptr)[0].kind, Kind::kCommand);
  clock_.Advance(absl::Milliseconds(100));
  EXPECT_EQ(Key(SDLK_RETURN, nullptr)[0].kind, Kind::kStillHere) << "a tremor's second press";
  clock_.Advance(absl::Seconds(1));
  ctx_.repeat_filter = false;
  EXPECT_EQ(router_.Route(KeyDown(SDLK_RETURN, 0, /*repeat=*/true), ctx_, registry_).kind,
            Kind::kStillHere) << "holding Return never chooses twice";
  EXPECT_EQ(router_.Route(KeyDown(SDLK_DOWN, 0, /*repeat=*/true), ctx_, registry_).kind,
            Kind::kCommand) << "but holding an arrow keeps moving";
}

TEST_F(Router, ATouchActsOnReleaseOverTheSameItem) {
  EXPECT_EQ(router_.Route(Mouse(SDL_MOUSEBUTTONDOWN, 10, 10), ctx_, registry_).item, "send");
  EXPECT_EQ(router_.pressed_id(), "send");
  Input up = router_.Route(Mouse(SDL_MOUSEBUTTONUP, 20, 20), ctx_, registry_);
  EXPECT_EQ(up.kind, Kind::kTouch);
  EXPECT_EQ(up.item, "send");
  // Pressed on one item, released on another: nothing happens.
  router_.Route(Mouse(SDL_MOUSEBUTTONDOWN, 10, 10), ctx_, registry_);
  EXPECT_EQ(router_.Route(Mouse(SDL_MOUSEBUTTONUP, 250, 10), ctx_, registry_).kind, Kind::kNone);
}

TEST_F(Router, DuringTheIdleWarningAnyKeyOrTouchOnlySaysStillHere) {
  ctx_.idle_warning = true;
  auto in = Key(SDLK_a, "a");
  EXPECT_EQ(in[0].kind, Kind::kStillHere);
  EXPECT_EQ(in[1].kind, Kind::kNone);
  EXPECT_EQ(router_.Route(Mouse(SDL_MOUSEBUTTONDOWN, 10, 10), ctx_, registry_).kind, Kind::kNone);
  EXPECT_EQ(router_.Route(Mouse(SDL_MOUSEBUTTONUP, 10, 10), ctx_, registry_).kind,
            Kind::kStillHere);
}

}  // namespace
}  // namespace carevoice::client::ui
