// carevoice-kiosk: wires the outbox, syncer, speech and window together.
// All behaviour lives in the libraries; this file only reads flags.
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "CLI/CLI.hpp"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "accessibility/espeak_speaker.h"
#include "accessibility/speech_log.h"
#include "base/clock.h"
#include "base/languages.h"
#include "client/app/help_numbers.h"
#include "client/app/settings.h"
#include "client/app/strings.h"
#include "client/app/word_list_files.h"
#include "client/model/officer_client.h"
#include "client/model/officer_worker.h"
#include "client/model/outbox.h"
#include "client/model/outbox_sqlite.h"
#include "client/model/reference_check.h"
#include "client/model/syncer.h"
#include "client/model/transport.h"
#include "client/packs/packs.h"
#include "client/ui/fonts.h"
#include "client/ui/kiosk_ui.h"
#include "client/ui/officer_ui.h"
#include "client/ui/sdl_shell.h"

namespace {

using carevoice::a11y::Speaker;
using carevoice::a11y::Utterance;

// Used when there is no sound device: the kiosk still captions everything.
class SilentSpeaker final : public Speaker {
 public:
  void Say(const Utterance&) override {}
  void Queue(const Utterance&) override {}
  void Stop() override {}
  bool IsSpeaking() const override { return false; }
  void SetVolume(float) override {}
  void SetRate(int) override {}
};

bool ParseSize(const std::string& text, int* w, int* h) {
  std::vector<std::string> parts = absl::StrSplit(text, 'x');
  return parts.size() == 2 && absl::SimpleAtoi(parts[0], w) &&
         absl::SimpleAtoi(parts[1], h) && *w >= 320 && *h >= 320;
}

int Fail(const std::string& what) {
  std::fprintf(stderr, "carevoice-kiosk: %s\n", what.c_str());
  return 1;
}

// The officer console: the officer's own sign-in, the shared officer
// client on a worker thread, and the console in the window.
int RunOfficerConsole(const std::string& service, const std::string& tls_ca,
                      const std::string& assets, carevoice::client::ui::SdlShell& shell,
                      Speaker& speaker, const carevoice::client::ui::Fonts& fonts,
                      const carevoice::client::ui::OfficerUiOptions& options) {
  namespace client = carevoice::client;
  namespace ui = carevoice::client::ui;
  auto strings = client::Strings::LoadLanguage(assets + "/lang", "en-GB");
  if (!strings.ok()) return Fail(std::string(strings.status().message()));
  auto own = client::Strings::LoadFile(assets + "/officer/en-GB.json");
  if (!own.ok()) return Fail(std::string(own.status().message()));
  strings->Add(*own);
  auto stub = client::MakeOfficerStub(service, tls_ca);
  if (!stub.ok()) return Fail(std::string(stub.status().message()));
  client::OfficerClient officer(**stub);
  std::atomic<ui::OfficerUi*> console_for_answers{nullptr};
  auto worker = std::make_unique<client::OfficerWorker>(
      officer,
      [&console_for_answers](client::OfficerAnswer answer) {
        if (ui::OfficerUi* c = console_for_answers.load()) {
          c->OnAnswer(std::move(answer));
          ui::SdlShell::WakeFromAnyThread();
        }
      },
      [](const std::string& format, const carevoice::v1::CommitteeReport& report) {
        return client::packs::Render(std::string_view(format), report);
      });
  auto console = ui::OfficerUi::Create(
      *std::move(strings),
      [w = worker.get()](client::OfficerCall call) { w->Post(std::move(call)); }, speaker,
      carevoice::base::SystemClock::Get(), fonts, options);
  if (!console.ok()) return Fail(std::string(console.status().message()));
  console_for_answers.store(console->get());
  std::fprintf(stderr, "carevoice-kiosk: officer console running (service %s)\n",
               service.c_str());
  int code = shell.Run(**console);
  // The worker's thread ends (after the call under way) before the
  // console it answers goes.
  worker.reset();
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  namespace client = carevoice::client;
  namespace ui = carevoice::client::ui;

  CLI::App app{"CareVoice kiosk: have your say about adult social care"};
  std::string service = "127.0.0.1:7000";
  std::string outbox_path = "carevoice-outbox.db";
  std::string mode = "kiosk";
  std::string speech_log;
  std::string window = "1280x800";
  std::string assets = CAREVOICE_ASSETS_DIR;
  std::string language = "en-GB";
  std::string speech = "espeak";
  std::string screenshot_dir;
  bool fullscreen = false;
  int backoff_ms = 1000, max_backoff_ms = 300000, catalog_refresh_ms = 300000;
  std::string input = "keys";
  int scan_interval_ms = 1500;
  int idle_timeout_s = 120;
  app.add_option("--service", service, "Service address HOST:PORT");
  std::string tls_ca;
  app.add_option("--tls-ca", tls_ca,
                 "CA certificate (PEM) that signed the service's: talk TLS (plaintext without)")
      ->check(CLI::ExistingFile);
  app.add_option("--outbox", outbox_path, "Outbox file (SQLite)");
  std::string enrol_code;
  app.add_option("--enrol", enrol_code,
                 "one-time enrolment code from an admin (carevoice-admin device enrol): used "
                 "when this device has no credential, or the service refuses the one it has");
  app.add_option("--mode", mode,
                 "kiosk, or tablet (a care-home tablet: portrait, Easy Read first, no hurry, "
                 "and everything queued is sealed so staff there cannot read it; enrol it with a "
                 "code made with --mode tablet), or officer (the officer console: sign in "
                 "with your own account; the case queue, cases and their actions)")
      ->check(CLI::IsMember({"kiosk", "tablet", "officer"}));
  app.add_option("--speech-log", speech_log, "Write the speech transcript here (tests, audits)");
  auto* window_option =
      app.add_option("--window", window, "Window size WxH (default 1280x800; a tablet 800x1280)");
  app.add_flag("--fullscreen", fullscreen, "Fill the screen");
  app.add_option("--assets", assets, "Assets folder (language files, word lists)");
  app.add_option("--language", language, "Language tag, e.g. en-GB");
  app.add_option("--speech", speech, "espeak, or none (captions only)")
      ->check(CLI::IsMember({"espeak", "none"}));
  app.add_option("--input", input, "keys, switch2 (Space moves, Enter chooses) or switch1 (auto-scan)")
      ->check(CLI::IsMember({"keys", "switch1", "switch2"}));
  app.add_option("--scan-interval", scan_interval_ms, "One-switch scan step in ms")
      ->check(CLI::Range(500, 10000));
  auto* idle_option =
      app.add_option("--idle-timeout", idle_timeout_s,
                     "Seconds without input before the session is wiped, warned first "
                     "(default 120; a tablet 900); the officer console signs out (default 900)")
          ->check(CLI::Range(30, 86400));
  app.add_option("--screenshot-dir", screenshot_dir, "Save each screen as PNG + JSON (where each control is) here, again whenever it changes");
  std::string help_numbers_path;
  app.add_option("--help-numbers", help_numbers_path,
                 "JSON file of the numbers to call when someone is at risk, used until a "
                 "catalog brings the council's own (default: built in)");
  app.add_option("--retry-initial-ms", backoff_ms, "First retry delay")->check(CLI::Range(1, 3600000));
  app.add_option("--retry-max-ms", max_backoff_ms, "Longest retry delay")->check(CLI::Range(1, 3600000));
  int visits_together = 5;
  app.add_option("--visits-together", visits_together,
                 "Counted visits are sent when this many wait (or one is from an earlier day)")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  app.add_option("--catalog-refresh-ms", catalog_refresh_ms, "How often to check the catalog")
      ->check(CLI::Range(10, 86400000));
  int queue_refresh_ms = 30000;
  app.add_option("--queue-refresh-ms", queue_refresh_ms,
                 "Officer console: how often to ask for the case queue again, so an urgent "
                 "worry is told soon after it arrives")
      ->check(CLI::Range(100, 3600000));
  std::string export_dir = ".";
  app.add_option("--export-dir", export_dir,
                 "Officer console: the folder its exports are written to (default: here)")
      ->check(CLI::ExistingDirectory);
  CLI11_PARSE(app, argc, argv);
  const bool tablet = mode == "tablet";
  if (tablet) {
    // A resident may hold it in bed, take their time, and want words and
    // pictures: portrait, a long quiet wait, Easy Read and bigger text
    // from the first screen (each can still be changed in Settings).
    if (window_option->count() == 0) window = "800x1280";
    if (idle_option->count() == 0) idle_timeout_s = 900;
  }

  const bool officer = mode == "officer";
  ui::ShellOptions shell_options;
  shell_options.fullscreen = fullscreen;
  shell_options.screenshot_dir = screenshot_dir;
  if (!ParseSize(window, &shell_options.width, &shell_options.height)) {
    return Fail("--window must look like 1280x800");
  }

  auto shell = ui::SdlShell::Create(shell_options);
  if (!shell.ok()) return Fail(std::string(shell.status().message()));

  std::unique_ptr<Speaker> speaker;
  if (speech == "espeak") {
    auto espeak = carevoice::a11y::CreateEspeakSpeaker({});
    if (espeak.ok()) {
      speaker = std::move(*espeak);
    } else {
      std::fprintf(stderr, "carevoice-kiosk: no speech (%s); captions only\n",
                   std::string(espeak.status().message()).c_str());
    }
  }
  if (!speaker) speaker = std::make_unique<SilentSpeaker>();
  const carevoice::base::Clock& clock = carevoice::base::SystemClock::Get();
  if (!speech_log.empty()) {
    auto logged = carevoice::a11y::SpeechLog::Open(speech_log, std::move(speaker), clock);
    if (!logged.ok()) return Fail(std::string(logged.status().message()));
    speaker = std::move(*logged);
  }

  auto fonts = ui::LoadFonts((*shell)->io(), client::kDefaultBodyPx);
  if (!fonts.ok()) return Fail(std::string(fonts.status().message()));

  if (officer) {
    ui::OfficerUiOptions officer_options;
    officer_options.defaults.input = input;
    officer_options.defaults.scan_interval_ms = scan_interval_ms;
    officer_options.refresh = absl::Milliseconds(queue_refresh_ms);
    officer_options.export_dir = export_dir;
    if (idle_option->count() > 0) officer_options.idle = absl::Seconds(idle_timeout_s);
    return RunOfficerConsole(service, tls_ca, assets, **shell, *speaker, *fonts, officer_options);
  }

  // The languages a person can choose: those with a file, the kiosk's own
  // language first (a session's end returns to it).
  std::vector<std::string> languages{language};
  for (std::string_view tag : carevoice::base::kSupportedLanguages) {
    const std::string file = assets + "/lang/" + std::string(tag) + ".json";
    if (tag != language && std::filesystem::exists(file)) {
      languages.emplace_back(tag);
    }
  }
  std::string lang_dir = assets + "/lang";
  client::LanguageLoader load = [lang_dir](const std::string& tag) {
    return client::Strings::LoadLanguage(lang_dir, tag);
  };
  // The on-screen keyboard's word predictions, one list per keyboard language.
  auto words = client::LoadWordLists(assets + "/words");
  if (!words.ok()) return Fail(std::string(words.status().message()));
  auto outbox = client::SqliteOutbox::Open(outbox_path, {.seal = tablet});
  if (!outbox.ok()) return Fail(std::string(outbox.status().message()));
  if ((*outbox)->seals() && !tablet) {
    std::fprintf(stderr, "carevoice-kiosk: %s is a tablet's outbox: what is queued stays sealed\n",
                 outbox_path.c_str());
  }

  auto transport = client::MakeGrpcTransport(service, tls_ca);
  if (!transport.ok()) return Fail(std::string(transport.status().message()));
  client::SyncOptions sync_options;
  sync_options.initial_backoff = absl::Milliseconds(backoff_ms);
  sync_options.max_backoff = absl::Milliseconds(std::max(backoff_ms, max_backoff_ms));
  sync_options.catalog_refresh = absl::Milliseconds(catalog_refresh_ms);
  sync_options.enrol_code = enrol_code;
  sync_options.mode = mode;
  sync_options.tally_batch = visits_together;
  client::Syncer syncer(**outbox, **transport, sync_options);
  syncer.Start();

  // "Check on something I told you" asks on its own thread; its answers
  // come back on the sync news channel, once there is a kiosk to hear them.
  std::atomic<ui::KioskUi*> kiosk_for_answers{nullptr};
  auto checker = std::make_unique<client::ReferenceChecker>(**transport, absl::Seconds(10));
  ui::SyncHooks hooks{[&] { return syncer.Status(); }, [&] { return syncer.Catalog(); },
                      [&] { syncer.Wake(); },
                      [&](std::uint64_t serial, std::string reference, std::string pin) {
                        checker->Ask(std::move(reference), std::move(pin),
                                     [&kiosk_for_answers, serial](client::CheckAnswer answer) {
                                       ui::KioskUi* k = kiosk_for_answers.load();
                                       if (k == nullptr) return;
                                       client::SyncEvent event;
                                       event.kind = client::SyncEvent::Kind::kChecked;
                                       event.check_serial = serial;
                                       event.check = std::move(answer);
                                       k->OnSyncEvent(event);
                                       ui::SdlShell::WakeFromAnyThread();
                                     });
                      }};
  ui::KioskOptions kiosk_options;
  if (!help_numbers_path.empty()) {
    auto numbers = client::LoadHelpNumbers(help_numbers_path);
    if (!numbers.ok()) return Fail(std::string(numbers.status().message()));
    kiosk_options.help_numbers = std::move(*numbers);
  }
  kiosk_options.defaults.input = input;
  kiosk_options.sealed = (*outbox)->seals();
  if (tablet) {
    kiosk_options.defaults.easy_read = true;
    kiosk_options.defaults.text_size = 1;
  }
  kiosk_options.defaults.scan_interval_ms = scan_interval_ms;
  kiosk_options.idle_timeout = absl::Seconds(idle_timeout_s);
  kiosk_options.words = std::move(*words);
  auto kiosk = ui::KioskUi::Create(load, languages, **outbox, hooks, *speaker, clock, *fonts,
                                   kiosk_options);
  if (!kiosk.ok()) return Fail(std::string(kiosk.status().message()));
  // Sync news wakes the window; nothing polls.
  ui::KioskUi* const kiosk_ptr = kiosk->get();
  kiosk_for_answers.store(kiosk_ptr);
  syncer.SetListener([kiosk_ptr](const client::SyncEvent& event) {
    kiosk_ptr->OnSyncEvent(event);
    ui::SdlShell::WakeFromAnyThread();
  });
  std::fprintf(stderr, "carevoice-kiosk: running (service %s)\n", service.c_str());
  int code = (*shell)->Run(**kiosk);
  checker.reset();  // its thread ends before the kiosk it answers
  syncer.SetListener(nullptr);  // the kiosk goes before the syncer
  syncer.Stop();
  return code;
}
