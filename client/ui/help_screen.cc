#include "accessibility/announcer.h"
#include "client/ui/screens.h"

namespace carevoice::client::ui {

// "Where am I?" and the keys, shown as well as spoken (nothing sound-only).
Intent DrawHelpScreen(const ScreenContext& ctx, Ui& ui, const Text& where_title,
                      const Text& where_instruction) {
  const Texts& t = ctx.texts;
  ui.Title(t.Get("bar.help"),
           t.Format("help.where",
                    {a11y::JoinSentences(where_title.shown, where_instruction.shown)},
                    {a11y::JoinSentences(where_title.spoken, where_instruction.spoken)}));
  ui.Paragraph("help.keys", t.Get("help.keys"));
  ui.Paragraph("help.describe", t.Get("help.describe"));
  if (ui.Button("help.close", t.Get("bar.back"))) return {Intent::Kind::kCloseHelp};
  return {};
}

}  // namespace carevoice::client::ui
