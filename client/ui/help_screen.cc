#include "client/ui/screens.h"

namespace carevoice::client::ui {

// "Where am I?" and the keys, shown as well as spoken (nothing sound-only).
Intent DrawHelpScreen(const ScreenContext& ctx, Ui& ui, const std::string& where_title,
                      const std::string& where_instruction) {
  const Strings& s = ctx.strings;
  ui.Title(s.Get("bar.help"), s.Format("help.where", {where_title, where_instruction}));
  ui.Paragraph("help.keys", s.Get("help.keys"));
  if (ui.Button("help.close", s.Get("bar.back"))) return {Intent::Kind::kCloseHelp};
  return {};
}

}  // namespace carevoice::client::ui
