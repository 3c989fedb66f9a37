#include "client/ui/screen_host.h"

#include <cmath>
#include <vector>

namespace carevoice::client::ui {

ScreenHost::Drawn ScreenHost::Draw(const ScreenContext& ctx, const Session& session,
                                   const OverlayContext& overlay, float width, float height,
                                   std::string_view caption) {
  const Texts& t = ctx.texts;
  bool with_bar = session.ViewName() != kAttractView;
  std::vector<Text> bar_labels;
  for (const char* key : {"bar.back", "bar.help", "bar.repeat", "bar.stop", "bar.settings",
                          "bar.restart"}) {
    bar_labels.push_back(t.Get(key));
  }
  Ui::BarPlan plan = ui_.PlanBar(bar_labels, t.Get("bar.more"), width, height);
  float caption_h = ui_.CaptionHeight(caption.empty() ? " " : caption, width);
  float caption_top = height - caption_h;
  float gap = std::round(ui_.fonts().body_size * 0.4f);
  float bar_top = caption_top - gap - plan.height;
  float content_bottom = (with_bar ? bar_top : caption_top) - gap;

  Drawn drawn;
  ui_.BeginFrame(width, height, content_bottom);
  drawn.intent = DrawView(ctx, session, overlay);
  if (with_bar) {
    Intent more;
    drawn.bar = DrawBar(t, plan, bar_top, &more);
    if (more.kind != Intent::Kind::kNone) drawn.intent = more;
  }
  ui_.EndFrame();
  drawn.caption = {0, caption_top, width, caption_h};
  return drawn;
}

Intent ScreenHost::DrawView(const ScreenContext& ctx, const Session& session,
                            const OverlayContext& overlay) {
  switch (session.overlay()) {
    case Overlay::kHelp:
      return DrawHelpScreen(ctx, ui_, overlay.help_title, overlay.help_instruction);
    case Overlay::kRestart: return DrawRestartScreen(ctx, ui_);
    case Overlay::kSettings: return DrawSettingsScreen(ctx, ui_);
    case Overlay::kMore: return DrawMoreScreen(ctx, ui_);
    case Overlay::kIdle: return DrawIdleScreen(ctx, ui_, overlay.idle_seconds_left);
    case Overlay::kStaff: return DrawStaffScreen(ctx, ui_, overlay.staff);
    case Overlay::kChanged: return DrawChangedScreen(ctx, ui_);
    case Overlay::kNone: break;
  }
  if (session.journey().view() == kAttractView) return DrawAttractScreen(ctx, ui_);
  if (session.journey().view() == kHomeView) return DrawHomeScreen(ctx, ui_);
  return DrawStep(ctx, ui_);
}

std::optional<Command> ScreenHost::DrawBar(const Texts& t, const Ui::BarPlan& plan, float top,
                                           Intent* more) {
  // The same controls in the same place on every screen.
  std::optional<Command> command;
  ui_.BeginBar(top, plan);
  if (ui_.Button("bar.back", t.Get("bar.back"))) command = Command::kBack;
  if (ui_.Button("bar.help", t.Get("bar.help"))) command = Command::kHelp;
  if (plan.folded) {
    if (ui_.Button("bar.more", t.Get("bar.more"))) *more = {Intent::Kind::kOpenMore};
  } else {
    if (ui_.Button("bar.repeat", t.Get("bar.repeat"))) command = Command::kRepeat;
    if (ui_.Button("bar.stop", t.Get("bar.stop"))) command = Command::kStop;
    if (ui_.Button("bar.settings", t.Get("bar.settings"))) command = Command::kSettings;
    if (ui_.Button("bar.restart", t.Get("bar.restart"))) command = Command::kStartAgain;
  }
  return command;
}

}  // namespace carevoice::client::ui
