#include <cstdio>

#include "client/ui/screens.h"

namespace carevoice::client::ui {
namespace {

const char* RateKey(SpeechRate rate) {
  switch (rate) {
    case SpeechRate::kSlow: return "settings.rate.slow";
    case SpeechRate::kNormal: return "settings.rate.normal";
    case SpeechRate::kFast: return "settings.rate.fast";
  }
  return "settings.rate.normal";
}

}  // namespace

// "How would you like to use this?" Every setting is one control; each
// change is spoken in its new setting (the kiosk re-announces the control).
Intent DrawSettingsScreen(const ScreenContext& ctx, Ui& ui) {
  const Texts& t = ctx.texts;
  const Settings& s = ctx.settings;
  ui.Title(t.Get("settings.title"), t.Get("settings.instruction"));
  Intent intent;
  auto change = [&](const char* which, int value) {
    intent = {Intent::Kind::kChangeSetting, which, value};
  };
  const Text on = t.Get("state.on"), off = t.Get("state.off");

  if (ui.Toggle("settings.speech", t.Get("settings.speech"), s.speech, on, off)) {
    change(kSettingSpeech, 0);
  }
  Text rate = t.Get(RateKey(s.rate));
  if (ui.Button("settings.rate", t.Format("settings.rate", {rate.shown}, {rate.spoken}))) {
    change(kSettingRate, 1);
  }
  ui.Paragraph("settings.volume",
               t.Format("settings.volume", {std::to_string(s.volume_percent)}));
  ui.Columns(2, {t.Get("settings.quieter"), t.Get("settings.louder")});
  if (ui.Button("settings.quieter", t.Get("settings.quieter"))) change(kSettingVolume, -1);
  if (ui.Button("settings.louder", t.Get("settings.louder"))) change(kSettingVolume, 1);
  ui.Columns(1);
  ui.Paragraph("settings.size", t.Format("settings.size", {std::to_string(s.text_size + 1),
                                                           std::to_string(kTextSizeCount)}));
  ui.Columns(2, {t.Get("settings.smaller"), t.Get("settings.larger")});
  if (ui.Button("settings.smaller", t.Get("settings.smaller"))) change(kSettingTextSize, -1);
  if (ui.Button("settings.larger", t.Get("settings.larger"))) change(kSettingTextSize, 1);
  ui.Columns(1);
  Text theme = t.Get("theme." + s.theme);
  if (ui.Button("settings.theme", t.Format("settings.theme", {theme.shown}, {theme.spoken}))) {
    change(kSettingTheme, 1);
  }
  Text language{t.screen().Get("_meta.name"), t.speech().Get("_meta.name"), ""};
  if (ui.Button("settings.language",
                t.Format("settings.language", {language.shown}, {language.spoken}))) {
    change(kSettingLanguage, 1);
  }
  Text input = t.Get("input." + s.input);
  if (ui.Button("settings.input", t.Format("settings.input", {input.shown}, {input.spoken}))) {
    change(kSettingInput, 1);
  }
  if (s.input == "switch1") {
    // The one-switch scan's pace: how long each item is offered.
    char seconds[16];
    std::snprintf(seconds, sizeof(seconds), "%.1f", s.scan_interval_ms / 1000.0);
    ui.Paragraph("settings.scan", t.Format("settings.scan", {seconds}));
    ui.Columns(2, {t.Get("settings.scan_slower"), t.Get("settings.scan_faster")});
    if (ui.Button("settings.scan_slower", t.Get("settings.scan_slower"))) {
      change(kSettingScan, 1);
    }
    if (ui.Button("settings.scan_faster", t.Get("settings.scan_faster"))) {
      change(kSettingScan, -1);
    }
    ui.Columns(1);
  }
  if (ui.Toggle("settings.describe", t.Get("settings.describe"), s.describe_keys, on, off)) {
    change(kSettingDescribe, 0);
  }
  Text repeats = s.repeat_delay_ms == 0
                     ? t.Get("repeats.off")
                     : t.Format("repeats.seconds", {s.repeat_delay_ms == 500    ? "0.5"
                                                    : s.repeat_delay_ms == 1000 ? "1"
                                                                                : "2"});
  if (ui.Button("settings.repeats",
                t.Format("settings.repeats", {repeats.shown}, {repeats.spoken}))) {
    change(kSettingRepeats, 1);
  }
  if (ui.Toggle("settings.easy_read", t.Get("settings.easy_read"), s.easy_read, on, off)) {
    change(kSettingEasyRead, 0);
  }
  if (ui.Toggle("settings.audio_only", t.Get("settings.audio_only"), s.audio_only, on, off)) {
    change(kSettingAudioOnly, 0);
  }
  if (ui.Toggle("settings.private", t.Get("settings.private"), s.private_listening, on, off)) {
    change(kSettingPrivate, 0);
  }
  if (s.private_listening) ui.Paragraph("settings.private_warning", t.Get("private.warning"));
  if (ui.Button("settings.done", t.Get("settings.done"))) {
    intent = {Intent::Kind::kCloseOverlay};
  }
  return intent;
}

}  // namespace carevoice::client::ui
