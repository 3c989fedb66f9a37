#include "absl/strings/str_cat.h"
#include "client/ui/screens.h"

namespace carevoice::client::ui {

// Usable by touch (keys answer directly), by keys and by both switch scans:
// the scan visits rows, each spoken with its keys; choosing a row scans its
// keys, with a way back to the rows.
namespace {

// What the rows depend on, besides the keyboard's own state.
std::string BuiltFor(const ScreenContext& ctx, const Row& predictions) {
  const OnscreenKeyboard& k = ctx.keyboard;
  std::string key = absl::StrCat(k.language(), "|", static_cast<int>(k.layer()), "|",
                                 k.capitals(), "|", ctx.texts.screen().language(), "|",
                                 ctx.texts.speech().language(), "|", ctx.texts.easy_read(), "|",
                                 ctx.keyboard_row);
  for (const Key& p : predictions.keys) absl::StrAppend(&key, "|", p.text);
  return key;
}

void Build(const ScreenContext& ctx, Row predictions, KeyboardViewCache& cache) {
  const Texts& t = ctx.texts;
  std::vector<Row> rows;
  if (!predictions.keys.empty()) rows.push_back(std::move(predictions));
  for (Row& row : ctx.keyboard.Rows()) rows.push_back(std::move(row));
  cache.rows.clear();
  for (const Row& row : rows) {
    KeyboardViewCache::ShownRow shown;
    shown.id = row.id;
    shown.open = ctx.keyboard_row == row.id;
    std::string listing;
    for (const Key& key : row.keys) {
      // Action keys are named by the language file; letters by themselves.
      Text label = key.label.empty()        ? t.Get(key.spoken_key)
                   : key.spoken_key.empty() ? Text::Same(key.label)
                                            : Text{key.label, t.Get(key.spoken_key).spoken, ""};
      listing += (listing.empty() ? "" : ", ") + label.spoken;
      shown.keys.push_back({key.id, std::move(label), key.toggle && key.on});
    }
    if (shown.open) shown.keys.push_back({kBackToRowsId, t.Get(kBackToRowsId), false});
    Text name = t.Get(row.spoken_key);
    shown.label = Text{name.shown, name.spoken + ": " + listing, ""};
    cache.rows.push_back(std::move(shown));
  }
}

}  // namespace

Intent DrawKeyboard(const ScreenContext& ctx, Ui& ui) {
  Row predictions =
      ctx.journey.SuggestsWords() ? ctx.keyboard.PredictionRow(ctx.journey.Words()) : Row{};
  KeyboardViewCache local;
  KeyboardViewCache& cache = ctx.keyboard_cache != nullptr ? *ctx.keyboard_cache : local;
  std::string built_for = BuiltFor(ctx, predictions);
  if (built_for != cache.built_for || cache.rows.empty()) {
    Build(ctx, std::move(predictions), cache);
    cache.built_for = std::move(built_for);
  }

  Intent intent;
  for (const KeyboardViewCache::ShownRow& row : cache.rows) {
    bool row_chosen = false;
    std::string chosen = ui.KeyRow(row.id, row.label, row.keys, row.open, &row_chosen);
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
