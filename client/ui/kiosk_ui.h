// The kiosk: owns focus and every key and pointer event (ImGui only draws),
// runs the screens, speaks what changes, and applies what the person chose
// to the journey. It never touches SQLite or gRPC itself: sending goes to the
// outbox through Journey, and sync state comes through SyncHooks.
// UI thread only; Frame() runs between ImGui::NewFrame and ImGui::Render.
#pragma once

#include <deque>
#include <functional>
#include <optional>
#include <string>

#include <SDL.h>

#include "accessibility/announcer.h"
#include "accessibility/focus.h"
#include "accessibility/registry.h"
#include "accessibility/speaker.h"
#include "accessibility/theme.h"
#include "carevoice/v1/carevoice.pb.h"
#include "client/app/journey.h"
#include "client/app/strings.h"
#include "client/model/outbox.h"
#include "client/model/syncer.h"
#include "client/ui/key_map.h"
#include "client/ui/screens.h"
#include "client/ui/text_buffer.h"
#include "client/ui/ui.h"
#include "contract/clock.h"

namespace carevoice::client::ui {

// How the kiosk sees the syncer (a real Syncer in main, fakes in tests).
struct SyncHooks {
  std::function<SyncStatus()> status;
  std::function<std::optional<v1::Catalog>()> catalog;
  std::function<void()> wake;
};

class KioskUi {
 public:
  KioskUi(Strings strings, Outbox& outbox, SyncHooks sync, a11y::Speaker& speaker,
          const contract::Clock& clock, const Fonts& fonts);

  // Queues an SDL event. Every key press counts, even when its press and
  // release arrive before the next frame.
  void HandleEvent(const SDL_Event& event);
  // Builds one frame of a width x height screen.
  void Frame(float width, float height);
  // True when a frame should be built now: queued input, a new screen that
  // has not settled, or sync news to show.
  bool NeedsFrame() const;

  // What is on screen, for the shell (screenshots) and tests.
  std::string ViewName() const;
  const a11y::Registry& registry() const { return registry_; }
  const a11y::FocusModel& focus() const { return focus_; }
  const Journey& journey() const { return journey_; }
  const std::vector<DrawnText>& drawn() const { return ui_.drawn(); }
  const a11y::Theme& theme() const { return theme_; }
  const std::string& caption() const { return announcer_.caption(); }
  // Frames since the current view appeared (0 on its first frame).
  int frames_in_view() const { return frames_in_view_; }

 private:
  enum class Overlay { kNone, kHelp, kRestart };

  // Applies one queued event; returns false when the frame must be built
  // before any further event is applied (the screen may change).
  bool Apply(const SDL_Event& event);
  bool ApplyCommand(Command command);
  bool FocusedIsTextField() const;
  void Choose(const std::string& id);
  void ApplyIntent(const Intent& intent);
  void Send();
  void Wipe();
  void RefreshSync();
  void AnnounceChanges(bool entered);
  std::string ErrorMessage(const absl::Status& status) const;

  Strings strings_;
  Outbox& outbox_;
  SyncHooks sync_;
  a11y::Speaker& speaker_;
  const contract::Clock& clock_;
  a11y::Theme theme_;
  a11y::Registry registry_;
  a11y::FocusModel focus_;
  a11y::Announcer announcer_;
  Ui ui_;

  Journey journey_;
  TextBuffer words_;
  Overlay overlay_ = Overlay::kNone;
  std::string error_;
  std::deque<SDL_Event> pending_;
  std::string pressed_id_;
  float pointer_x_ = -1, pointer_y_ = -1;

  // Sync state as last seen.
  std::uint64_t catalog_serial_ = ~0ull;
  std::uint64_t delivered_seen_ = ~0ull;
  std::optional<v1::Catalog> catalog_;
  bool delivered_ = false;

  // What was on screen last frame.
  std::string view_;
  int frames_in_view_ = 0;
  std::uint64_t focus_serial_ = 0;
  std::vector<std::pair<std::string, std::string>> texts_;  // id, label
  std::string caption_text_;
  std::string help_title_, help_instruction_;  // the view Help describes
  float volume_ = 1.0f;
};

}  // namespace carevoice::client::ui
