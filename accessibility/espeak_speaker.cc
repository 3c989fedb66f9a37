#include "accessibility/espeak_speaker.h"

#include <SDL.h>
#include <espeak-ng/espeak_ng.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <future>
#include <mutex>
#include <string_view>
#include <thread>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace carevoice::a11y {
namespace {

// espeak hands synthesised audio over in chunks this long. Short chunks let
// an interrupted utterance notice it is stale quickly.
constexpr int kSynthChunkMs = 20;
constexpr int kMinBufferSamples = 64;
// ACCESSIBILITY.md item 4: speech stops within one buffer of at most 23 ms.
constexpr int kMaxBufferSamples = 512;  // 23.2 ms at 22,050 Hz
// How far synthesis may run ahead of playback. Bounded so that memory stays
// small; anything queued is thrown away on interruption anyway.
constexpr size_t kMaxQueuedSamples = 22050 / 2;
constexpr int kMinRateWpm = 80;
constexpr int kMaxRateWpm = 450;

absl::Status EspeakError(espeak_ng_STATUS status, std::string_view what) {
  std::array<char, 512> message{};
  espeak_ng_GetStatusCodeMessage(status, message.data(), message.size());
  return absl::InternalError(std::string(what) + ": " + message.data());
}

// Where synthesised audio goes.
class SampleSink {
 public:
  virtual ~SampleSink() = default;
  // Returns false to stop synthesis (the utterance was interrupted).
  virtual bool Consume(const int16_t* samples, int count) = 0;
};

// espeak's callback is a plain function, and synchronous synthesis calls it
// on the thread that asked for synthesis, so the sink is per thread.
thread_local SampleSink* t_sink = nullptr;

int SynthCallback(short* wav, int count, espeak_EVENT* /*events*/) {
  if (wav == nullptr) return 0;  // end of the utterance
  if (t_sink == nullptr) return 1;
  if (count <= 0) return 0;  // espeak sometimes sends empty chunks
  return t_sink->Consume(wav, count) ? 0 : 1;
}

// "en-GB" -> "en-gb": espeak-ng's language names are lower case with '-'.
std::string EspeakLanguage(std::string_view tag) {
  std::string result(tag);
  for (char& c : result) {
    c = c == '_'
            ? '-'
            : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return result;
}

// Exclusive use of espeak-ng, which is one global engine per process. It is
// initialised once and never terminated: in 1.51 a second espeak_Terminate
// in a process waits forever (fifo.c's "command running" flag outlives the
// first Terminate), so re-initialising per speaker would hang on shutdown.
class EspeakSession {
 public:
  // Waits for exclusive use, initialising espeak-ng on first use.
  // `data_path` empty: whatever is loaded, or espeak's default data.
  static absl::StatusOr<EspeakSession> Open(const std::string& data_path) {
    Engine& engine = GetEngine();
    std::unique_lock lock(engine.mu);
    if (!engine.initialised) {
      espeak_ng_InitializePath(data_path.empty() ? nullptr : data_path.c_str());
      // The espeak_ng_* calls report errors where espeak_Initialize would
      // exit the process when its data is missing.
      espeak_ng_ERROR_CONTEXT context = nullptr;
      espeak_ng_STATUS status = espeak_ng_Initialize(&context);
      espeak_ng_ClearErrorContext(&context);
      if (status != ENS_OK) return EspeakError(status, "espeak-ng init");
      status = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS,
                                          kSynthChunkMs, nullptr);
      if (status != ENS_OK) return EspeakError(status, "espeak-ng output");
      espeak_SetSynthCallback(&SynthCallback);
      engine.initialised = true;
      engine.sample_rate = espeak_ng_GetSampleRate();
      engine.data_path = data_path;
    } else if (!data_path.empty() && data_path != engine.data_path) {
      return absl::FailedPreconditionError(
          absl::StrCat("espeak-ng already uses data from '", engine.data_path,
                       "', not '", data_path, "'"));
    }
    return EspeakSession(std::move(lock));
  }

  int sample_rate() const { return GetEngine().sample_rate; }

  // Selects the voice for a BCP-47 tag by properties (espeak finds "en-gb"
  // as a language, not as a voice name), falling back to the base language.
  absl::Status SelectVoice(std::string_view language_tag) {
    Engine& engine = GetEngine();
    std::string language = EspeakLanguage(language_tag);
    if (language == engine.language) return absl::OkStatus();
    espeak_ng_STATUS status = SetVoice(language);
    if (status != ENS_OK && language.find('-') != std::string::npos) {
      language = language.substr(0, language.find('-'));
      status = SetVoice(language);
    }
    if (status != ENS_OK) {
      engine.language.clear();  // a failed attempt may leave any voice set
      return absl::NotFoundError("espeak-ng has no voice for " +
                                 std::string(language_tag));
    }
    engine.language = EspeakLanguage(language_tag);
    return absl::OkStatus();
  }

  std::string VoiceName() const {
    const espeak_VOICE* voice = espeak_GetCurrentVoice();
    return voice != nullptr && voice->name != nullptr ? voice->name : "";
  }

  // `languages` is packed: a priority byte, then the name.
  std::string VoiceLanguage() const {
    const espeak_VOICE* voice = espeak_GetCurrentVoice();
    if (voice == nullptr || voice->languages == nullptr) return "";
    const char* languages = voice->languages;
    if (*languages != '\0' && static_cast<unsigned char>(*languages) < ' ') {
      ++languages;
    }
    return languages;
  }

  // Synthesises `text` into `sink` on this thread, returning when it is all
  // done or the sink stopped it.
  absl::Status Synthesize(const std::string& text, int rate_wpm,
                          SampleSink& sink) {
    espeak_ng_STATUS status = espeak_ng_SetParameter(
        espeakRATE, std::clamp(rate_wpm, kMinRateWpm, kMaxRateWpm), 0);
    if (status != ENS_OK) return EspeakError(status, "espeak-ng rate");
    t_sink = &sink;
    // ENDPAUSE: a clause-length pause after each utterance keeps queued
    // ones (a title, then the focused item) apart for the listener.
    status = espeak_ng_Synthesize(
        text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
        espeakCHARS_UTF8 | espeakENDPAUSE, nullptr, nullptr);
    t_sink = nullptr;
    if (status != ENS_OK && status != ENS_SPEECH_STOPPED) {
      return EspeakError(status, "espeak-ng synthesis");
    }
    return absl::OkStatus();
  }

 private:
  struct Engine {
    std::mutex mu;
    bool initialised = false;
    int sample_rate = 0;
    std::string data_path;
    std::string language;  // of the selected voice, to skip reloading it
  };
  // Never destroyed: espeak itself outlives static destruction.
  static Engine& GetEngine() {
    static Engine* engine = new Engine;
    return *engine;
  }

  static espeak_ng_STATUS SetVoice(const std::string& language) {
    espeak_VOICE spec{};
    spec.languages = language.c_str();
    return espeak_ng_SetVoiceByProperties(&spec);
  }

  explicit EspeakSession(std::unique_lock<std::mutex> lock)
      : lock_(std::move(lock)) {}

  std::unique_lock<std::mutex> lock_;
};

class VectorSink final : public SampleSink {
 public:
  explicit VectorSink(std::vector<int16_t>& out) : out_(out) {}
  bool Consume(const int16_t* samples, int count) override {
    out_.insert(out_.end(), samples, samples + count);
    return true;
  }

 private:
  std::vector<int16_t>& out_;
};

// The real Speaker. Three threads meet here: callers (Say, Stop, ...), the
// speech thread (every espeak call, through the synth callback into
// samples_) and SDL's audio thread (drains samples_). All shared state is
// under mu_, held only briefly.
//
// The SDL device is paused while there is nothing to play, so that an idle
// kiosk runs none of this code (PERFORMANCE.md P10; SDL 2's own audio thread
// still wakes once per buffer period to hand the device silence, paused or
// not, which is also why a paused device starts again at its next period
// rather than after a restart). Only the speech thread
// pauses and unpauses it, always outside mu_ (SDL takes its own device lock,
// which its audio thread holds around our callback): it unpauses as soon as
// a buffer's worth of a new utterance is queued (or the whole utterance, if
// shorter), so the first samples go out at SDL's next callback; and it
// pauses once the queue has drained and nothing is waiting.
class EspeakSpeaker final : public Speaker {
 public:
  explicit EspeakSpeaker(const EspeakOptions& options)
      : options_(options),
        rate_wpm_(std::clamp(options.rate_wpm, kMinRateWpm, kMaxRateWpm)),
        volume_(std::clamp(options.volume, 0.0f, 1.0f)) {
    options_.buffer_samples = std::clamp(options.buffer_samples,
                                         kMinBufferSamples, kMaxBufferSamples);
  }

  ~EspeakSpeaker() override {
    {
      std::lock_guard lock(mu_);
      quit_ = true;
      DropQueuedLocked();
    }
    work_cv_.notify_all();
    space_cv_.notify_all();
    if (thread_.joinable()) thread_.join();
    if (device_ != 0) SDL_CloseAudioDevice(device_);
    if (quit_sdl_audio_) SDL_QuitSubSystem(SDL_INIT_AUDIO);
  }

  // Opens the audio device and starts the speech thread; fails when either
  // espeak-ng or the device cannot be opened.
  absl::Status Start() {
    if (SDL_WasInit(SDL_INIT_AUDIO) == 0) {
      if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        return absl::UnavailableError(
            absl::StrCat("SDL audio: ", SDL_GetError()));
      }
      quit_sdl_audio_ = true;
    }
    std::promise<absl::StatusOr<int>> started;
    std::future<absl::StatusOr<int>> result = started.get_future();
    thread_ = std::thread(&EspeakSpeaker::Run, this, std::move(started));
    absl::StatusOr<int> sample_rate = result.get();
    if (!sample_rate.ok()) return sample_rate.status();

    SDL_AudioSpec want{};
    want.freq = *sample_rate;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = static_cast<Uint16>(options_.buffer_samples);
    want.callback = &EspeakSpeaker::AudioCallback;
    want.userdata = this;
    SDL_AudioSpec have{};
    // No changes allowed: SDL converts if the device differs, so every
    // callback buffer is exactly buffer_samples long (the 23 ms promise).
    device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
    if (device_ == 0) {
      return absl::UnavailableError(
          absl::StrCat("SDL audio device: ", SDL_GetError()));
    }
    // SDL opens the device paused; the speech thread unpauses it when there
    // is something to play.
    return absl::OkStatus();
  }

  void Say(const Utterance& u) override {
    {
      std::lock_guard lock(mu_);
      DropQueuedLocked();
      jobs_.push_back({u, generation_});
    }
    // A synthesis waiting for room must wake to see that it is stale.
    space_cv_.notify_all();
    work_cv_.notify_one();
  }

  void Queue(const Utterance& u) override {
    {
      std::lock_guard lock(mu_);
      jobs_.push_back({u, generation_});
    }
    work_cv_.notify_one();
  }

  void Stop() override {
    {
      std::lock_guard lock(mu_);
      DropQueuedLocked();
    }
    space_cv_.notify_all();
    work_cv_.notify_one();  // the device may pause now
  }

  bool IsSpeaking() const override {
    std::lock_guard lock(mu_);
    return !jobs_.empty() || !samples_.empty() ||
           (synthesising_ && synth_generation_ == generation_);
  }

  void SetVolume(float volume) override {
    volume_.store(std::clamp(volume, 0.0f, 1.0f));
  }

  void SetRate(int words_per_minute) override {
    std::lock_guard lock(mu_);
    rate_wpm_ = std::clamp(words_per_minute, kMinRateWpm, kMaxRateWpm);
  }

 private:
  struct Job {
    Utterance utterance;
    uint64_t generation;
  };

  // Feeds one utterance's audio into the speaker, until it goes stale.
  // espeak starts an utterance with 13 ms or more of digital silence (53 ms
  // before a 't'); that is dropped, so the first buffer played is already
  // speech. Utterances stay apart: each one ends with a pause (ENDPAUSE).
  class Sink final : public SampleSink {
   public:
    Sink(EspeakSpeaker& speaker, uint64_t generation)
        : speaker_(speaker), generation_(generation) {}
    bool Consume(const int16_t* samples, int count) override {
      if (!heard_) {
        const int16_t* first = std::find_if(
            samples, samples + count, [](int16_t s) { return s != 0; });
        count -= static_cast<int>(first - samples);
        samples = first;
        if (count == 0) return true;
        heard_ = true;
      }
      return speaker_.Push(generation_, samples, count);
    }

   private:
    EspeakSpeaker& speaker_;
    const uint64_t generation_;
    bool heard_ = false;  // a non-zero sample has been passed on
  };

  // Everything queued or being synthesised becomes stale; the next audio
  // buffer is silence.
  void DropQueuedLocked() {
    ++generation_;
    jobs_.clear();
    samples_.clear();
  }

  // The speech thread: owns every espeak call this speaker makes.
  void Run(std::promise<absl::StatusOr<int>> started) {
    {
      absl::StatusOr<EspeakSession> session =
          EspeakSession::Open(options_.data_path);
      if (!session.ok()) {
        started.set_value(session.status());
        return;
      }
      started.set_value(session->sample_rate());
    }
    while (true) {
      Job job;
      int rate_wpm;
      {
        std::unique_lock lock(mu_);
        work_cv_.wait(lock, [this] {
          return quit_ || !jobs_.empty() || (playing_ && samples_.empty());
        });
        if (quit_) return;
        if (jobs_.empty()) {
          // Everything queued has gone to the device: pause it until the
          // next utterance, rather than have SDL call back with silence.
          playing_ = false;
          lock.unlock();
          SDL_PauseAudioDevice(device_, 1);
          continue;
        }
        job = std::move(jobs_.front());
        jobs_.pop_front();
        synthesising_ = true;
        synth_generation_ = job.generation;
        rate_wpm = rate_wpm_;
      }
      Speak(job, rate_wpm);
      {
        std::lock_guard lock(mu_);
        synthesising_ = false;
      }
      // An utterance shorter than one buffer has not started the device yet.
      StartPlayingIfQueued(0);
    }
  }

  void Speak(const Job& job, int rate_wpm) {
    absl::StatusOr<EspeakSession> session =
        EspeakSession::Open(options_.data_path);
    if (!session.ok()) {
      std::fprintf(stderr, "speech: %s\n", session.status().ToString().c_str());
      return;
    }
    absl::Status status = session->SelectVoice(job.utterance.language);
    if (!status.ok()) {
      // Silence would leave a blind person stranded: say it in English.
      std::fprintf(stderr, "speech: %s; using en-GB\n",
                   status.ToString().c_str());
      status = session->SelectVoice("en-GB");
    }
    Sink sink(*this, job.generation);
    if (status.ok()) {
      status = session->Synthesize(job.utterance.text, rate_wpm, sink);
    }
    if (!status.ok()) {
      std::fprintf(stderr, "speech: %s\n", status.ToString().c_str());
    }
  }

  // Synth callback (speech thread): queue samples for playback, waiting for
  // room; false once the utterance is stale.
  bool Push(uint64_t generation, const int16_t* samples, int count) {
    std::unique_lock lock(mu_);
    space_cv_.wait(lock, [&] {
      return quit_ || generation != generation_ || samples_.empty() ||
             samples_.size() + count <= kMaxQueuedSamples;
    });
    if (quit_ || generation != generation_) return false;
    samples_.insert(samples_.end(), samples, samples + count);
    lock.unlock();
    StartPlayingIfQueued(options_.buffer_samples);
    return true;
  }

  // Speech thread: unpauses the device once at least `min_samples` (and at
  // least one) are queued. Waiting for a full buffer keeps the first
  // callback of an utterance from padding it with silence mid-word; espeak
  // makes the next 20 ms chunk in well under a millisecond.
  void StartPlayingIfQueued(size_t min_samples) {
    {
      std::lock_guard lock(mu_);
      if (playing_ || samples_.empty() || samples_.size() < min_samples) {
        return;
      }
      playing_ = true;
    }
    SDL_PauseAudioDevice(device_, 0);
  }

  static void AudioCallback(void* self, Uint8* stream, int bytes) {
    static_cast<EspeakSpeaker*>(self)->FillAudio(
        reinterpret_cast<int16_t*>(stream), bytes / 2);
  }

  // SDL's audio thread: play what is queued, then silence.
  void FillAudio(int16_t* out, int count) {
    const float volume = volume_.load();
    bool drained = false;
    {
      std::lock_guard lock(mu_);
      const int available =
          static_cast<int>(std::min<size_t>(count, samples_.size()));
      for (int i = 0; i < available; ++i) {
        out[i] = static_cast<int16_t>(samples_[i] * volume);
      }
      samples_.erase(samples_.begin(), samples_.begin() + available);
      std::fill(out + available, out + count, int16_t{0});
      drained = samples_.empty();
    }
    space_cv_.notify_all();
    if (drained) work_cv_.notify_one();  // the speech thread may pause us
    if (options_.on_audio_buffer) options_.on_audio_buffer(out, count);
  }

  EspeakOptions options_;

  mutable std::mutex mu_;
  std::condition_variable work_cv_;   // jobs_, quit_ or samples_ drained
  std::condition_variable space_cv_;  // samples_ drained or generation_ moved
  std::deque<Job> jobs_;              // waiting for synthesis
  std::deque<int16_t> samples_;       // synthesised, waiting for playback
  uint64_t generation_ = 0;           // bumped by Say and Stop
  bool synthesising_ = false;
  uint64_t synth_generation_ = 0;  // of the utterance being synthesised
  bool quit_ = false;
  // The device is unpaused (only the speech thread changes this, and it
  // pauses/unpauses the device to match).
  bool playing_ = false;
  int rate_wpm_;

  std::atomic<float> volume_;  // read by the audio thread for every buffer
  std::thread thread_;
  SDL_AudioDeviceID device_ = 0;
  bool quit_sdl_audio_ = false;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Speaker>> CreateEspeakSpeaker(
    const EspeakOptions& options) {
  auto speaker = std::make_unique<EspeakSpeaker>(options);
  absl::Status status = speaker->Start();
  if (!status.ok()) return status;
  return speaker;
}

absl::StatusOr<Pcm> SynthesizeToPcm(const Utterance& u, int rate_wpm) {
  absl::StatusOr<EspeakSession> session = EspeakSession::Open("");
  if (!session.ok()) return session.status();
  absl::Status status = session->SelectVoice(u.language);
  if (!status.ok()) return status;
  Pcm pcm;
  pcm.sample_rate = session->sample_rate();
  pcm.voice_name = session->VoiceName();
  pcm.voice_language = session->VoiceLanguage();
  VectorSink sink(pcm.samples);
  status = session->Synthesize(u.text, rate_wpm, sink);
  if (!status.ok()) return status;
  return pcm;
}

bool WriteWav(const Pcm& pcm, const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return false;
  std::string header;
  // RIFF is little-endian whatever the host is.
  auto put32 = [&header](uint32_t v) {
    for (int i = 0; i < 4; ++i)
      header.push_back(static_cast<char>(v >> (8 * i)));
  };
  auto put16 = [&header](uint16_t v) {
    header.push_back(static_cast<char>(v & 0xff));
    header.push_back(static_cast<char>(v >> 8));
  };
  const uint32_t data_bytes = static_cast<uint32_t>(pcm.samples.size() * 2);
  header += "RIFF";
  put32(36 + data_bytes);
  header += "WAVEfmt ";
  put32(16);  // fmt chunk size
  put16(1);   // PCM
  put16(1);   // mono
  put32(static_cast<uint32_t>(pcm.sample_rate));
  put32(static_cast<uint32_t>(pcm.sample_rate) * 2);  // bytes per second
  put16(2);                                           // bytes per frame
  put16(16);                                          // bits per sample
  header += "data";
  put32(data_bytes);
  std::string data;
  data.reserve(data_bytes);
  for (int16_t s : pcm.samples) {
    const auto v = static_cast<uint16_t>(s);
    data.push_back(static_cast<char>(v & 0xff));
    data.push_back(static_cast<char>(v >> 8));
  }
  const bool written =
      std::fwrite(header.data(), 1, header.size(), file) == header.size() &&
      std::fwrite(data.data(), 1, data.size(), file) == data.size();
  return std::fclose(file) == 0 && written;
}

}  // namespace carevoice::a11y
