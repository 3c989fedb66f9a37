// Listens to real speech: espeak-ng synthesis checked by level, length and
// selected voice (in C++ and, when it is installed, with sox), and the live
// speaker on SDL's dummy audio driver checked for how fast it falls silent,
// how fast it starts, and that its device is paused while it is silent.
#include "accessibility/espeak_speaker.h"
#include "audio_check.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>

namespace carevoice::a11y {
namespace {

using testing::CountWords;
using testing::Rms;
using testing::RunSoxStat;
using testing::Seconds;
using testing::SoxStat;

constexpr char kPrompt[] = "Touch the screen or press any key to have your say";
constexpr char kLongPrompt[] =
    "Welcome to Have Your Say. You can tell the council what is working, "
    "what is wrong, and what should change in the care you get. You can "
    "stay anonymous, or leave your details so that someone can reply to "
    "you. Press the Help key at any time to hear which keys do what.";
// Generous: a loaded machine must not make these tests fail.
constexpr auto kPatience = std::chrono::seconds(20);
// ACCESSIBILITY.md item 4: one buffer is at most 512 samples (23 ms).
constexpr int kMaxBuffer = 512;
// No callback for this long means the device is paused (the dummy driver
// calls back every 23 ms while it runs).
constexpr auto kPausedAfter = std::chrono::milliseconds(250);

int NonZero(const std::vector<int16_t>& samples) {
  return static_cast<int>(std::count_if(samples.begin(), samples.end(),
                                        [](int16_t s) { return s != 0; }));
}


// Checks a synthesised prompt: heard, of a length that fits its words, in
// the expected voice.
void ExpectAudibleSpeech(const Pcm& pcm, const std::string& text,
                         const std::string& voice_language) {
  EXPECT_EQ(pcm.voice_language, voice_language) << "voice " << pcm.voice_name;
  EXPECT_EQ(pcm.sample_rate, 22050);
  EXPECT_GT(Rms(pcm.samples), 0.02);
  const double per_word = Seconds(pcm) / CountWords(text);
  EXPECT_GE(per_word, 0.2) << Seconds(pcm) << " s";
  EXPECT_LE(per_word, 0.8) << Seconds(pcm) << " s";
}

TEST(SynthesizeTest, PromptIsAudibleEnglishOfFittingLength) {
  auto pcm = SynthesizeToPcm({kPrompt, "en-GB"});
  ASSERT_TRUE(pcm.ok()) << pcm.status();
  ExpectAudibleSpeech(*pcm, kPrompt, "en-gb");
}

TEST(SynthesizeTest, SoxAgreesWithTheWavFile) {
  auto pcm = SynthesizeToPcm({kPrompt, "en-GB"});
  ASSERT_TRUE(pcm.ok()) << pcm.status();
  const std::string path = ::testing::TempDir() + "/a11y_prompt.wav";
  ASSERT_TRUE(WriteWav(*pcm, path));

  std::ifstream in(path, std::ios::binary);
  std::string header(44, '\0');
  in.read(header.data(), 44);
  EXPECT_EQ(header.substr(0, 4), "RIFF");
  EXPECT_EQ(header.substr(8, 8), "WAVEfmt ");
  EXPECT_EQ(header.substr(36, 4), "data");
  in.seekg(0, std::ios::end);
  EXPECT_EQ(static_cast<size_t>(in.tellg()), 44 + 2 * pcm->samples.size());

  const std::optional<SoxStat> stat = RunSoxStat(path);
  ASSERT_TRUE(stat.has_value()) << "sox is not installed (ci/setup installs it)";
  EXPECT_GT(stat->rms, 0.02);
  EXPECT_LT(stat->rms, 0.7);
  EXPECT_NEAR(stat->seconds, Seconds(*pcm), 0.01);
  const double per_word = stat->seconds / CountWords(kPrompt);
  EXPECT_GE(per_word, 0.2);
  EXPECT_LE(per_word, 0.8);
}

TEST(SynthesizeTest, SlowRateIsAtLeastQuarterLonger) {
  auto normal = SynthesizeToPcm({kPrompt, "en-GB"}, 160);
  auto slow = SynthesizeToPcm({kPrompt, "en-GB"}, 110);
  ASSERT_TRUE(normal.ok()) << normal.status();
  ASSERT_TRUE(slow.ok()) << slow.status();
  EXPECT_GE(Seconds(*slow), 1.25 * Seconds(*normal))
      << Seconds(*slow) << " s vs " << Seconds(*normal) << " s";
}

struct LocalePrompt {
  const char* tag;
  const char* text;
  const char* voice_language;
};

void PrintTo(const LocalePrompt& p, std::ostream* os) { *os << p.tag; }

class LocaleVoiceTest : public ::testing::TestWithParam<LocalePrompt> {};

TEST_P(LocaleVoiceTest, SpeaksInTheLocalesOwnVoice) {
  const LocalePrompt& p = GetParam();
  auto pcm = SynthesizeToPcm({p.text, p.tag});
  ASSERT_TRUE(pcm.ok()) << pcm.status();
  ExpectAudibleSpeech(*pcm, p.text, p.voice_language);
}

INSTANTIATE_TEST_SUITE_P(
    Locales, LocaleVoiceTest,
    ::testing::Values(
        LocalePrompt{"en-GB", kPrompt, "en-gb"},
        LocalePrompt{"cy", "Cyffyrddwch y sgrin neu pwyswch unrhyw fysell",
                     "cy"},
        LocalePrompt{"pl", "Dotknij ekranu lub naciśnij dowolny klawisz", "pl"},
        // A regional tag espeak lacks falls back to its base language.
        LocalePrompt{"pl-PL", "Dotknij ekranu lub naciśnij dowolny klawisz",
                     "pl"}),
    [](const auto& info) {
      std::string name = info.param.tag;
      std::replace(name.begin(), name.end(), '-', '_');
      return name;
    });

TEST(SynthesizeTest, UnknownLanguageIsNotFound) {
  auto pcm = SynthesizeToPcm({"Hello", "xx-YY"});
  EXPECT_EQ(pcm.status().code(), absl::StatusCode::kNotFound) << pcm.status();
}

// Watches every buffer the speaker hands to the audio device. Buffers whose
// callback begins after Mark() are counted apart: at most one of them can
// have been filled before the mark (the one in flight). The device is paused
// while the speaker is silent, so buffers stop coming then.
class AudioTap {
 public:
  std::function<void(const int16_t*, int)> Hook() {
    return [this](const int16_t* samples, int count) {
      int non_zero = 0, peak = 0;
      for (int i = 0; i < count; ++i) {
        non_zero += samples[i] != 0;
        peak = std::max(peak, std::abs(static_cast<int>(samples[i])));
      }
      {
        std::lock_guard lock(mu_);
        Counts& c = marked_ ? after_ : before_;
        if (c.buffers == 0) {
          c.first_buffer_non_zero = non_zero;
          c.first_buffer_leading_zeros = static_cast<int>(
              std::find_if(samples, samples + count,
                           [](int16_t s) { return s != 0; }) -
              samples);
        }
        ++c.buffers;
        last_buffer_ = std::chrono::steady_clock::now();
        c.non_zero_buffers += non_zero > 0;
        c.non_zero_samples += non_zero;
        c.peak = std::max(c.peak, peak);
        max_buffer_ = std::max(max_buffer_, count);
      }
      cv_.notify_all();
    };
  }

  void Mark() {
    std::lock_guard lock(mu_);
    marked_ = true;
  }

  struct Counts {
    int buffers = 0;
    int non_zero_buffers = 0;
    long non_zero_samples = 0;
    int peak = 0;
    // In the first buffer counted here.
    int first_buffer_non_zero = -1;
    int first_buffer_leading_zeros = -1;
  };

  // Waits (boundedly) until `done(before, after)`; returns whether it held.
  bool WaitUntil(
      const std::function<bool(const Counts&, const Counts&)>& done) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, kPatience, [&] { return done(before_, after_); });
  }
  Counts before() const {
    std::lock_guard lock(mu_);
    return before_;
  }
  Counts after() const {
    std::lock_guard lock(mu_);
    return after_;
  }
  int max_buffer() const {
    std::lock_guard lock(mu_);
    return max_buffer_;
  }

  // Waits (boundedly) until no buffer has come for `quiet`: the device is
  // paused. Returns whether it happened.
  bool WaitUntilPaused(std::chrono::milliseconds quiet = kPausedAfter) {
    const auto deadline = std::chrono::steady_clock::now() + kPatience;
    while (std::chrono::steady_clock::now() < deadline) {
      std::chrono::steady_clock::time_point last;
      {
        std::lock_guard lock(mu_);
        last = last_buffer_;
      }
      const auto now = std::chrono::steady_clock::now();
      if (now - last >= quiet) return true;
      std::this_thread::sleep_for(quiet - (now - last));
    }
    return false;
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool marked_ = false;
  Counts before_, after_;
  int max_buffer_ = 0;
  std::chrono::steady_clock::time_point last_buffer_{};
};

class SpeakerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // No sound card in tests; set before SDL's audio starts.
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    EspeakOptions options;
    options.on_audio_buffer = tap_.Hook();
    auto speaker = CreateEspeakSpeaker(options);
    ASSERT_TRUE(speaker.ok()) << speaker.status();
    speaker_ = std::move(*speaker);
  }

  // Waits (boundedly) for the speaker to finish, then for its device to
  // pause, so that everything it produced has been counted.
  void WaitUntilQuiet() {
    const auto deadline = std::chrono::steady_clock::now() + kPatience;
    while (speaker_->IsSpeaking() &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_FALSE(speaker_->IsSpeaking());
    EXPECT_TRUE(tap_.WaitUntilPaused())
        << "the audio device kept calling back after speech ended";
  }

  bool WaitForSpeechFlowing() {
    return tap_.WaitUntil([](const auto& before, const auto&) {
      return before.non_zero_buffers >= 5;
    });
  }

  AudioTap tap_;
  std::unique_ptr<Speaker> speaker_;
};

TEST_F(SpeakerTest, StopFallsSilentWithinOneBuffer) {
  speaker_->Say({kLongPrompt, "en-GB"});
  ASSERT_TRUE(WaitForSpeechFlowing()) << "no speech reached the device";
  ASSERT_TRUE(speaker_->IsSpeaking());

  speaker_->Stop();
  tap_.Mark();
  // Silent from then on, until the device pauses (and stays paused).
  WaitUntilQuiet();
  ASSERT_TRUE(tap_.WaitUntilPaused(std::chrono::milliseconds(500)));

  const AudioTap::Counts after = tap_.after();
  EXPECT_LE(after.non_zero_buffers, 1);
  EXPECT_LE(after.non_zero_samples, kMaxBuffer);
  EXPECT_LE(tap_.max_buffer(), kMaxBuffer);
  EXPECT_GE(tap_.max_buffer(), 64);
  EXPECT_FALSE(speaker_->IsSpeaking());
}

TEST_F(SpeakerTest, DeviceIsPausedWhileSilent) {
  // Opened paused: no callbacks before anything is said.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(tap_.before().buffers, 0);

  speaker_->Say({"Hello", "en-GB"});
  WaitUntilQuiet();
  EXPECT_GT(tap_.before().non_zero_buffers, 0);
  tap_.Mark();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_EQ(tap_.after().buffers, 0) << "callbacks while nothing is said";
}

TEST_F(SpeakerTest, FirstCallbackOfAnUtteranceCarriesItsSpeech) {
  // espeak starts "Touch ..." with some 50 ms of silence (the 't' closure).
  auto pcm = SynthesizeToPcm({kPrompt, "en-GB"});
  ASSERT_TRUE(pcm.ok()) << pcm.status();
  const auto first_sound = std::find_if(pcm->samples.begin(), pcm->samples.end(),
                                        [](int16_t s) { return s != 0; });
  ASSERT_GT(first_sound - pcm->samples.begin(), kMaxBuffer);

  // From a paused device, the very first buffer SDL asks for holds speech
  // from its first sample: no silence goes out ahead of it.
  ASSERT_TRUE(tap_.WaitUntilPaused());
  tap_.Mark();
  speaker_->Say({kPrompt, "en-GB"});
  ASSERT_TRUE(tap_.WaitUntil(
      [](const auto&, const auto& after) { return after.buffers > 0; }));
  EXPECT_EQ(tap_.after().first_buffer_leading_zeros, 0);
  EXPECT_GT(tap_.after().first_buffer_non_zero, kMaxBuffer / 2);
  speaker_->Stop();
  WaitUntilQuiet();
}

TEST_F(SpeakerTest, NewPromptCutsOffTheOldOneWithinOneBuffer) {
  const std::string kShort = "Thank you";
  // The same engine, voice and rate make the same samples offline.
  auto short_pcm = SynthesizeToPcm({kShort, "en-GB"});
  ASSERT_TRUE(short_pcm.ok()) << short_pcm.status();
  const int short_non_zero = NonZero(short_pcm->samples);
  ASSERT_GT(short_non_zero, 1000);

  speaker_->Say({kLongPrompt, "en-GB"});
  ASSERT_TRUE(WaitForSpeechFlowing()) << "no speech reached the device";
  speaker_->Say({kShort, "en-GB"});
  tap_.Mark();
  WaitUntilQuiet();

  const AudioTap::Counts after = tap_.after();
  // All of "Thank you", and at most one buffer of the long prompt (with a
  // margin: espeak's output varies slightly with what it said before).
  EXPECT_LE(after.non_zero_samples, short_non_zero * 102 / 100 + kMaxBuffer);
  EXPECT_GE(after.non_zero_samples, short_non_zero * 9 / 10);
}

TEST_F(SpeakerTest, QueuedPromptFollowsTheFirst) {
  auto first = SynthesizeToPcm({"Hello", "en-GB"});
  auto second = SynthesizeToPcm({"Goodbye", "en-GB"});
  ASSERT_TRUE(first.ok() && second.ok());

  speaker_->Say({"Hello", "en-GB"});
  speaker_->Queue({"Goodbye", "en-GB"});
  WaitUntilQuiet();

  const long both = NonZero(first->samples) + NonZero(second->samples);
  EXPECT_GE(tap_.before().non_zero_samples, both * 98 / 100);
  EXPECT_LE(tap_.before().non_zero_samples, both * 102 / 100);
}

TEST_F(SpeakerTest, VolumeScalesWhatIsPlayed) {
  speaker_->Say({"Hello", "en-GB"});
  WaitUntilQuiet();
  tap_.Mark();
  speaker_->SetVolume(0.25f);
  speaker_->Say({"Hello", "en-GB"});
  WaitUntilQuiet();

  const int loud = tap_.before().peak;
  const int quiet = tap_.after().peak;
  EXPECT_GT(quiet, 0);
  // espeak's peaks vary by some 10% from one utterance to the next.
  EXPECT_LE(quiet, loud * 0.4) << quiet << " vs " << loud;
}

}  // namespace
}  // namespace carevoice::a11y
