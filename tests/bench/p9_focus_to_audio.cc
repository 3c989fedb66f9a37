// P9: from a key press that moves focus to the first sample of its speech
// handed to SDL, against a minimal SDL program that hands a precomputed tone
// to SDL on the same key press (PERFORMANCE.md; goal <= 1.25x).
//
// Measured path (one process, the real code): a Tab key event handed to
// KioskUi::HandleEvent -> the frames that apply it -> FocusModel ->
// Announcer -> the real EspeakSpeaker (Say) -> its speech thread ->
// espeak-ng -> the sample queue -> unpausing the SDL device -> SDL's audio
// callback, where EspeakOptions::on_audio_buffer sees the first buffer
// holding a non-zero sample. The kiosk runs headless (ImGui frames without a
// window: tests/ui/kiosk_harness) on the home screen. The harness records
// into a FakeSpeaker, so each Stop/Say/Queue reaches the real speaker when
// the frames that made it are done: later than in the product, where Say
// runs inside Frame, so the figure errs on the slow side. The speaker uses
// the product's default options (client/main.cc passes {}): 512-sample
// buffers at 22,050 Hz (23 ms), its device paused while it is silent.
//
// Baseline: a minimal SDL program, forked at start (SDL's dummy driver
// opens one output device per process): SDL audio only, the same format
// (22,050 Hz, mono, AUDIO_S16SYS) and buffer size, its device opened paused.
// Its event handler, given the same Tab key press (the same SDL_Event
// structs the harness hands the kiosk), rewinds a precomputed tone and
// unpauses the device; its callback copies the tone; once the tone has
// played it pauses the device again. Timed from the key event being handed
// to the handler to the callback that hands over the tone's first samples.
//
// Both figures include the wait for SDL's next callback. SDL 2 keeps its
// audio thread on a fixed cadence of one buffer period even while a device
// is paused (the dummy driver sleeps one period per buffer, as a real device
// would make it wait), so the wait is 0 to 23 ms depending on where in the
// period the key falls. A person's key press falls anywhere: each round
// spreads its presses evenly over one period of each device's cadence (in
// shuffled order, the same phases for both sides), by extrapolating the
// cadence from the callbacks seen while the previous trial played. Trials
// alternate product/baseline; median per round, median of the rounds.
#include <SDL.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "accessibility/espeak_speaker.h"
#include "bench_util.h"
#include "kiosk_harness.h"

namespace carevoice::bench {
namespace {

constexpr int kRounds = 5;
// Many trials per round: SDL's callbacks jitter by a millisecond or more on
// a loaded machine, so a press meant just after a callback sometimes lands
// just before it (and the reverse); each such trial moves a round's median
// by one rank, 1/41 of a period (0.6 ms).
constexpr int kTrialsPerRound = 41;  // 205 trials per side
constexpr int kWarmupTrials = 4;
constexpr int kSampleRate = 22050;
// Buffers to let play after the first sound: they refresh the cadence.
constexpr int kBuffersAfterSound = 3;
constexpr double kPi = 3.14159265358979323846;

bool HasSound(const int16_t* samples, int count) {
  for (int i = 0; i < count; ++i) {
    if (samples[i] != 0) return true;
  }
  return false;
}

void SleepUntil(int64_t ns) {
  // Sleep to within 1 ms, then spin: sleep_for alone overshoots by up to a
  // timer slack, which would skew the phases.
  const int64_t coarse = ns - 1'000'000;
  const int64_t now = MonotonicNs();
  if (coarse > now) std::this_thread::sleep_for(std::chrono::nanoseconds(coarse - now));
  while (MonotonicNs() < ns) {
  }
}

// SDL audio callbacks as seen by the program, to predict when SDL's audio
// thread will next look at the device. Any thread.
class Cadence {
 public:
  explicit Cadence(int buffer_samples)
      : nominal_ns_(static_cast<int64_t>(buffer_samples * 1e9 / kSampleRate)),
        period_ns_(nominal_ns_) {}

  // Called at each callback (SDL's audio thread).
  void Callback(int64_t now) {
    std::lock_guard lock(mu_);
    if (last_ns_ > 0) {
      const int64_t interval = now - last_ns_;
      // Consecutive callbacks only (not across a pause): a slow average.
      if (interval > nominal_ns_ / 2 && interval < nominal_ns_ * 3 / 2) {
        period_ns_ = (period_ns_ * 7 + interval) / 8;
      }
    }
    last_ns_ = now;
    ++callbacks_;
  }

  int64_t last_ns() const {
    std::lock_guard lock(mu_);
    return last_ns_;
  }
  int64_t period_ns() const {
    std::lock_guard lock(mu_);
    return period_ns_;
  }
  int64_t callbacks() const {
    std::lock_guard lock(mu_);
    return callbacks_;
  }

  // The first time at least 1 ms from now that lies `phase` (0..1) of a
  // period after one of SDL's (extrapolated) callbacks.
  int64_t NextPress(double phase) const {
    std::lock_guard lock(mu_);
    const int64_t earliest = MonotonicNs() + 1'000'000;
    int64_t t = last_ns_ + static_cast<int64_t>(phase * static_cast<double>(period_ns_));
    if (t < earliest) t += (earliest - t + period_ns_ - 1) / period_ns_ * period_ns_;
    return t;
  }

  // Waits until no callback has come for 1.5 periods (the device is
  // paused), up to 2 s; false if it never pauses.
  bool WaitPaused() const {
    const int64_t deadline = MonotonicNs() + 2'000'000'000;
    while (MonotonicNs() < deadline) {
      const int64_t quiet = MonotonicNs() - last_ns();
      const int64_t needed = period_ns() * 3 / 2;
      if (quiet >= needed) return true;
      std::this_thread::sleep_for(std::chrono::nanoseconds(needed - quiet));
    }
    return false;
  }

 private:
  mutable std::mutex mu_;
  const int64_t nominal_ns_;
  int64_t period_ns_;
  int64_t last_ns_ = 0;
  int64_t callbacks_ = 0;
};

// The Tab key press the harness hands the kiosk (KioskHarness::Key): a
// press and a release, as SDL would deliver them.
std::vector<SDL_Event> TabKeyEvents() {
  SDL_Event event{};
  event.type = SDL_KEYDOWN;
  event.key.state = SDL_PRESSED;
  event.key.keysym.sym = SDLK_TAB;
  std::vector<SDL_Event> events = {event};
  event.type = SDL_KEYUP;
  event.key.state = SDL_RELEASED;
  events.push_back(event);
  return events;
}

// ---- The baseline: a minimal SDL program (forked helper) -------------

class ToneProgram {
 public:
  explicit ToneProgram(int buffer_samples) : cadence_(buffer_samples) {
    // A 440 Hz tone at half scale, four buffers long.
    for (int i = 0; i < 4 * buffer_samples; ++i) {
      tone_.push_back(static_cast<int16_t>(
          16000 * std::sin(2 * kPi * 440 * i / static_cast<double>(kSampleRate))));
    }
    if (SDL_Init(SDL_INIT_AUDIO) != 0) _exit(3);
    SDL_AudioSpec want{};
    want.freq = kSampleRate;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = static_cast<Uint16>(buffer_samples);
    want.callback = &ToneProgram::AudioCallback;
    want.userdata = this;
    SDL_AudioSpec have{};
    device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);  // opens paused
    if (device_ == 0) _exit(4);
    pos_.store(static_cast<int>(tone_.size()));
  }

  // The program's whole event handling: a key press starts the tone.
  void HandleEvent(const SDL_Event& event) {
    if (event.type != SDL_KEYDOWN) return;
    first_ns_.store(-1);
    pos_.store(0);
    SDL_PauseAudioDevice(device_, 0);
  }

  // One trial: presses at `phase` of the cadence; returns ns from the key
  // event to the callback that handed over the tone's first samples.
  int64_t Trial(double phase, const std::vector<SDL_Event>& key) {
    // The kiosk's previous speech plays until just before its next press;
    // so here the tone plays once, untimed, to refresh the cadence, rather
    // than extrapolate it over the whole of the kiosk's trial.
    for (const SDL_Event& e : key) HandleEvent(e);
    PlayOutAndPause();
    SleepUntil(cadence_.NextPress(phase));
    const int64_t start = MonotonicNs();
    for (const SDL_Event& e : key) HandleEvent(e);
    PlayOutAndPause();
    return first_ns_.load() - start;
  }

  // Lets the tone play out, then pauses: the device is paused while silent.
  void PlayOutAndPause() {
    while (pos_.load() < static_cast<int>(tone_.size()) || first_ns_.load() < 0) {
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    SDL_PauseAudioDevice(device_, 1);
    if (!cadence_.WaitPaused()) _exit(5);
  }

  int64_t period_ns() const { return cadence_.period_ns(); }

 private:
  static void AudioCallback(void* self, Uint8* stream, int bytes) {
    static_cast<ToneProgram*>(self)->Fill(reinterpret_cast<int16_t*>(stream), bytes / 2);
  }
  void Fill(int16_t* out, int count) {
    const int pos = pos_.load();
    const int n = std::max(0, std::min(count, static_cast<int>(tone_.size()) - pos));
    std::copy(tone_.begin() + pos, tone_.begin() + pos + n, out);
    std::fill(out + n, out + count, int16_t{0});
    pos_.store(pos + n);
    const int64_t now = MonotonicNs();
    if (pos == 0 && n > 0) first_ns_.store(now);
    cadence_.Callback(now);
  }

  Cadence cadence_;
  std::vector<int16_t> tone_;
  SDL_AudioDeviceID device_ = 0;
  std::atomic<int> pos_{0};
  std::atomic<int64_t> first_ns_{-1};
};

// Reads one phase per line, answers the trial's ns per line.
[[noreturn]] void ToneChildMain(int in, int out, int buffer_samples) {
  ToneProgram program(buffer_samples);
  const std::vector<SDL_Event> key = TabKeyEvents();
  std::FILE* requests = fdopen(in, "r");
  double phase = 0;
  while (std::fscanf(requests, "%lf", &phase) == 1) {
    const int64_t ns = program.Trial(phase, key);
    const std::string answer = absl::StrCat(ns, " ", program.period_ns(), "\n");
    if (write(out, answer.data(), answer.size()) != static_cast<ssize_t>(answer.size())) _exit(6);
  }
  _exit(0);
}

class ToneBaseline {
 public:
  // Forks the helper; call before any thread starts.
  explicit ToneBaseline(int buffer_samples) {
    int to_child[2], from_child[2];
    if (pipe(to_child) != 0 || pipe(from_child) != 0) Die("pipe");
    pid_ = fork();
    if (pid_ < 0) Die("fork");
    if (pid_ == 0) {
      close(to_child[1]);
      close(from_child[0]);
      ToneChildMain(to_child[0], from_child[1], buffer_samples);
    }
    close(to_child[0]);
    close(from_child[1]);
    to_ = to_child[1];
    from_ = fdopen(from_child[0], "r");
  }
  ~ToneBaseline() {
    close(to_);
    waitpid(pid_, nullptr, 0);
  }

  // ms from the key press to the tone's first samples handed to SDL.
  double TrialMs(double phase, int64_t* period_ns) {
    const std::string line = absl::StrFormat("%.6f\n", phase);
    if (write(to_, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
      Die("the SDL tone helper is gone");
    }
    long long ns = -1, period = 0;
    if (std::fscanf(from_, "%lld %lld", &ns, &period) != 2 || ns < 0) {
      Die("the SDL tone helper gave no answer (exit code in its status)");
    }
    *period_ns = period;
    return static_cast<double>(ns) / 1e6;
  }

 private:
  pid_t pid_ = -1;
  int to_ = -1;
  std::FILE* from_ = nullptr;
};

// ---- The product side ------------------------------------------------

// Watches what the speaker hands to SDL (called on SDL's audio thread).
struct AudioProbe {
  explicit AudioProbe(int buffer_samples) : cadence(buffer_samples) {}
  Cadence cadence;
  std::atomic<int64_t> buffers{0};
  std::atomic<int64_t> buffers_since_sound{0};
  std::atomic<bool> armed{false};
  std::atomic<int64_t> first_sound_ns{-1};

  void OnBuffer(const int16_t* samples, int count) {
    const int64_t now = MonotonicNs();
    if (armed.load() && HasSound(samples, count)) {
      first_sound_ns.store(now);
      armed.store(false);
      buffers_since_sound.store(0);
    }
    buffers_since_sound.fetch_add(1);
    buffers.fetch_add(1);
    cadence.Callback(now);
  }
};

// The kiosk of tests/ui/kiosk_harness (headless, real fonts and outbox)
// with its utterances passed on to a real speaker (see the top comment).
class SpeakingKiosk {
 public:
  explicit SpeakingKiosk(a11y::Speaker& speaker) : speaker_(speaker) { PassOn(); }

  // A key press (KioskHarness::Key), the frames it causes, then its speech
  // to the speaker.
  void Press(SDL_Keycode key) {
    harness_.Key(key);
    harness_.Settle();
    PassOn();
  }
  // The same with the key's events given.
  void Press(const std::vector<SDL_Event>& key) {
    for (const SDL_Event& e : key) harness_.kiosk().HandleEvent(e);
    harness_.Settle();
    PassOn();
  }
  std::string View() const { return harness_.View(); }
  // The last utterance passed on with Say.
  const std::string& last_said() const { return last_said_; }

 private:
  void PassOn() {
    a11y::FakeSpeaker& fake = harness_.speaker();
    for (int stops = fake.stops(); stops_ < stops; ++stops_) speaker_.Stop();
    std::vector<a11y::Utterance> spoken = fake.spoken();
    std::vector<bool> interrupted = fake.interrupted();
    for (; passed_ < spoken.size(); ++passed_) {
      if (interrupted[passed_]) {
        speaker_.Say(spoken[passed_]);
        last_said_ = spoken[passed_].text;
      } else {
        speaker_.Queue(spoken[passed_]);
      }
    }
  }

  client::ui::testing::KioskHarness harness_;
  a11y::Speaker& speaker_;
  int stops_ = 0;
  size_t passed_ = 0;
  std::string last_said_;
};

// Silences the speaker and waits until its device has paused.
void WaitQuiet(a11y::Speaker& speaker, AudioProbe& probe) {
  speaker.Stop();
  for (int i = 0; i < 2000 && speaker.IsSpeaking(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  if (speaker.IsSpeaking()) Die("the speaker does not stop");
  if (!probe.cadence.WaitPaused()) Die("the speaker's audio device is not paused while silent");
}

// One focus change by Tab at `phase` of the device's cadence; returns ms to
// the first audible buffer, and the text spoken.
double FocusToFirstSoundMs(SpeakingKiosk& rig, a11y::Speaker& speaker, AudioProbe& probe,
                           double phase, const std::vector<SDL_Event>& key,
                           std::string* spoken, double* frames_ms) {
  WaitQuiet(speaker, probe);
  SleepUntil(probe.cadence.NextPress(phase));
  probe.first_sound_ns.store(-1);
  probe.armed.store(true);
  const int64_t start = MonotonicNs();
  rig.Press(key);
  *frames_ms = static_cast<double>(MonotonicNs() - start) / 1e6;
  *spoken = rig.last_said();
  for (int i = 0; i < 5000 && probe.first_sound_ns.load() < 0; ++i) {
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  const int64_t first = probe.first_sound_ns.load();
  if (first < 0) Die("no audio reached SDL within 1 s of a focus change");
  // A few more buffers of speech keep the cadence estimate fresh.
  for (int i = 0; i < 1000 && probe.buffers_since_sound.load() < kBuffersAfterSound; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return static_cast<double>(first - start) / 1e6;
}

int Main() {
  setenv("SDL_AUDIODRIVER", "dummy", /*overwrite=*/0);
  a11y::EspeakOptions options;  // the kiosk's defaults (client/main.cc passes {})
  const int buffer_samples = options.buffer_samples;
  ToneBaseline baseline(buffer_samples);  // forks: before any thread

  AudioProbe probe(buffer_samples);
  options.on_audio_buffer = [&probe](const int16_t* s, int n) { probe.OnBuffer(s, n); };
  auto speaker = a11y::CreateEspeakSpeaker(options);
  if (!speaker.ok()) Die("no speaker: " + speaker.status().ToString());
  const char* driver = SDL_GetCurrentAudioDriver();
  const std::string driver_name = driver != nullptr ? driver : "?";
  const std::vector<SDL_Event> key = TabKeyEvents();

  SpeakingKiosk rig(**speaker);
  rig.Press(SDLK_SPACE);  // attract -> home: focusable items to Tab through
  if (rig.View() != "home") Die("expected the home screen, got " + rig.View());

  std::vector<double> phases;
  for (int t = 0; t < kTrialsPerRound; ++t) phases.push_back((t + 0.5) / kTrialsPerRound);
  std::mt19937 random(9);
  std::string text;
  int64_t tone_period_ns = 0;
  double frames_ms = 0;
  std::vector<double> all_frames;  // key -> Say returned, kiosk side
  for (int i = 0; i < kWarmupTrials; ++i) {
    FocusToFirstSoundMs(rig, **speaker, probe, phases[i], key, &text, &frames_ms);
    baseline.TrialMs(phases[i], &tone_period_ns);
  }
  std::vector<double> product_rounds, tone_rounds, all_product, all_tone;
  // Each figure less the wait for SDL's next callback that the cadence
  // predicts ((1 - phase) of a period): about 0 for the tone, our own
  // overhead for the kiosk (a period more when a callback was missed).
  std::vector<double> product_beyond, tone_beyond;
  for (int r = 0; r < kRounds; ++r) {
    std::vector<double> product, tone;
    std::shuffle(phases.begin(), phases.end(), random);
    for (int t = 0; t < kTrialsPerRound; ++t) {
      product.push_back(
          FocusToFirstSoundMs(rig, **speaker, probe, phases[t], key, &text, &frames_ms));
      all_frames.push_back(frames_ms);
      product_beyond.push_back(product.back() -
                               (1 - phases[t]) * probe.cadence.period_ns() / 1e6);
      tone.push_back(baseline.TrialMs(phases[t], &tone_period_ns));
      tone_beyond.push_back(tone.back() - (1 - phases[t]) * tone_period_ns / 1e6);
    }
    all_product.insert(all_product.end(), product.begin(), product.end());
    all_tone.insert(all_tone.end(), tone.begin(), tone.end());
    product_rounds.push_back(Median(product));
    tone_rounds.push_back(Median(tone));
    std::fprintf(stderr,
                 "P9 round %d: focus->speech %.2f ms, minimal SDL tone %.2f ms (e.g. \"%s\")\n",
                 r + 1, product_rounds.back(), tone_rounds.back(), text.c_str());
  }
  WaitQuiet(**speaker, probe);
  const double x = Median(product_rounds), y = Median(tone_rounds);
  std::sort(all_product.begin(), all_product.end());
  std::sort(all_tone.begin(), all_tone.end());
  std::fprintf(stderr,
               "P9 detail: SDL audio driver %s, %d-sample buffers (%.1f ms at %d Hz), devices "
               "paused while silent; callback period seen %.2f ms (kiosk) / %.2f ms (tone); "
               "focus->speech min %.2f / median %.2f / max %.2f ms, tone min %.2f / median "
               "%.2f / max %.2f ms over %zu trials each; beyond the predicted wait for the "
               "next callback: kiosk median %.2f ms, tone median %.2f ms; key to Say returned "
               "(kiosk frames) median %.2f ms; goal <= 1.25x: %s\n",
               driver_name.c_str(), buffer_samples, buffer_samples * 1000.0 / kSampleRate,
               kSampleRate, probe.cadence.period_ns() / 1e6, tone_period_ns / 1e6,
               all_product.front(), Median(all_product), all_product.back(), all_tone.front(),
               Median(all_tone), all_tone.back(), all_product.size(), Median(product_beyond),
               Median(tone_beyond), Median(all_frames), x <= 1.25 * y ? "met" : "MISSED");
  Summary(absl::StrFormat(
      "P9 focus_to_first_audio: %.2f ms vs minimal SDL tone %.2f ms = %.2fx (goal <= 1.25x)", x,
      y, x / y));
  return 0;
}

}  // namespace
}  // namespace carevoice::bench

int main() { return carevoice::bench::Main(); }
