#include "client/ui/screens.h"

namespace carevoice::client::ui {

// Usable by touch (keys answer directly), by keys and by both switch scans:
// the scan visits rows, each spoken with its keys; choosing a row scans its
// keys, with a way back to the rows.
Intent DrawKeyboard(const ScreenContext& ctx, Ui& ui) {
  const Texts& t = ctx.texts;
  std::vector<Row> rows;
  Row predictions = ctx.keyboard.PredictionRow(ctx.journey.Words());
  if (!predictions.keys.empty()) rows.push_back(std::move(predictions));
  for (Row& row : ctx.keyboard.Rows()) rows.push_back(std::move(row));

  Intent intent;
  for (const Row& row : rows) {
    bool open = ctx.keyboard_row == row.id;
    std::vector<Ui::KeySpec> keys;
    std::string listing;
    for (const Key& key : row.keys) {
      // Action keys are named by the language file; letters by themselves.
      Text label = key.label.empty()        ? t.Get(key.spoken_key)
                   : key.spoken_key.empty() ? Text::Same(key.label)
                                            : Text{key.label, t.Get(key.spoken_key).spoken, ""};
      listing += (listing.empty() ? "" : ", ") + label.spoken;
      keys.push_back({key.id, std::move(label), key.toggle && key.on});
    }
    if (open) keys.push_back({kBackToRowsId, t.Get(kBackToRowsId), false});
    Text name = t.Get(row.spoken_key);
    Text row_label{name.shown, name.spoken + ": " + listing, ""};
    bool row_chosen = false;
    std::string chosen = ui.KeyRow(row.id, row_label, keys, open, &row_chosen);
    if (row_chosen) intent = {Intent::Kind::kKeyboardRow, row.id};
    if (chosen == kBackToRowsId) {
      intent = {Intent::Kind::kKeyboardBack};
    } else if (!chosen.empty()) {
      intent = {Intent::Kind::kKeyboardKey, chosen};
    }
  }
  return intent;
}

}  // namespace carevoice::client::ui
