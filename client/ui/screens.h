// The kiosk's screens, one file each. A screen reads the app state, draws
// through Ui (which registers every item for speech and tests) and returns
// what the person chose as an Intent; it never touches storage or the
// network. UI thread only, inside a frame.
#pragma once

#include <optional>
#include <string>

#include "carevoice/v1/carevoice.pb.h"
#include "client/app/journey.h"
#include "client/app/strings.h"
#include "client/ui/text_buffer.h"
#include "client/ui/ui.h"

namespace carevoice::client::ui {

struct Intent {
  enum class Kind {
    kNone,
    kStart,
    kChooseFeedback,
    kChooseService,  // arg: service id
    kChooseRating,   // value: 0 (skip) .. 5
    kFinishWords,
    kSend,
    kEdit,           // value: the Screen to revisit
    kFinish,         // back to the attract screen, wiping the session
    kSayReference,
    kCloseHelp,
    kConfirmRestart,
    kCancelRestart,
  };
  Kind kind = Kind::kNone;
  std::string arg;
  int value = 0;
};

// What a screen may read.
struct ScreenContext {
  const Journey& journey;
  const Strings& strings;
  const v1::Catalog* catalog;    // null when there has never been one
  const TextBuffer& words;       // the "tell us more" field
  bool delivered;                // thanks: the service has the submission
  const std::string& error;      // an error to show, or empty
};

// The name of a catalog service in the person's language (en-GB fallback).
std::string ServiceName(const ScreenContext& ctx, const std::string& service_id);
// "KQ7M3RX9" -> "K, Q, 7, M, 3, R, X, 9": said one character at a time.
std::string SpellOut(std::string_view reference);

Intent DrawAttractScreen(const ScreenContext& ctx, Ui& ui);
Intent DrawHomeScreen(const ScreenContext& ctx, Ui& ui);
Intent DrawServiceScreen(const ScreenContext& ctx, Ui& ui);
Intent DrawRatingScreen(const ScreenContext& ctx, Ui& ui);
Intent DrawTellMoreScreen(const ScreenContext& ctx, Ui& ui);
Intent DrawReviewScreen(const ScreenContext& ctx, Ui& ui);
Intent DrawThanksScreen(const ScreenContext& ctx, Ui& ui);
// Overlays reachable from every screen.
Intent DrawHelpScreen(const ScreenContext& ctx, Ui& ui, const std::string& where_title,
                      const std::string& where_instruction);
Intent DrawRestartScreen(const ScreenContext& ctx, Ui& ui);

// Ids of items other modules refer to.
inline constexpr char kWordsFieldId[] = "more.words";

}  // namespace carevoice::client::ui
