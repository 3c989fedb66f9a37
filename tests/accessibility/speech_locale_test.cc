// Real speech per language (ACCESSIBILITY.md item 2): for each language
// file, prompts taken from the file itself are synthesised by espeak-ng and
// checked for level, a length that fits their word count, and the voice
// espeak-ng actually selected; one WAV per language is cross-checked with
// sox when it is installed. Also: the slow rate is slow in Welsh too.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "accessibility/espeak_speaker.h"
#include "audio_check.h"
#include "nlohmann/json.hpp"

namespace carevoice::a11y {
namespace {

using testing::CountWords;
using testing::Rms;
using testing::RunSoxStat;
using testing::Seconds;
using testing::SoxStat;

// Generous bounds on length (seconds): at least kMinSecondsPerWord a word,
// at most kMaxSecondsPerWord a word plus kPauseSeconds for espeak's closing
// pause, which matters for one-word prompts. At 160 wpm espeak-ng 1.51 says
// these prompts in 0.28-0.53 s a word, and one word ("Diolch", "ধন্যবাদ")
// in 0.8-1.1 s. Too short means silence or a clipped prompt; too long means
// espeak is spelling the text out letter by letter (a script its voice
// cannot read) or reading it in another language's rules.
constexpr double kMinSecondsPerWord = 0.15;
constexpr double kMaxSecondsPerWord = 0.9;
constexpr double kPauseSeconds = 0.5;
constexpr double kMinRms = 0.02;  // fraction of full scale

struct Locale {
  const char* tag;             // the language file and the Utterance language
  const char* voice_language;  // what espeak-ng must report it selected
};

void PrintTo(const Locale& l, std::ostream* os) { *os << l.tag; }

std::optional<nlohmann::json> LoadLanguageFile(const std::string& tag) {
  std::ifstream in(std::string(CAREVOICE_ASSETS_DIR) + "/lang/" + tag + ".json",
                   std::ios::binary);
  if (!in) return std::nullopt;
  nlohmann::json json = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) return std::nullopt;
  return json;
}


class SpeechLocaleTest : public ::testing::TestWithParam<Locale> {};

TEST_P(SpeechLocaleTest, SpeaksItsLanguageFileInItsOwnVoice) {
  const Locale& locale = GetParam();
  const std::optional<nlohmann::json> strings = LoadLanguageFile(locale.tag);
  ASSERT_TRUE(strings.has_value()) << "cannot read lang/" << locale.tag << ".json";

  std::vector<int16_t> all;  // every prompt of this language, for one WAV
  for (const char* key : {"attract.instruction", "thanks.title", "event_date.title", "date.not_yet"}) {
    SCOPED_TRACE(std::string(locale.tag) + " " + key);
    ASSERT_TRUE(strings->contains(key) && (*strings)[key].is_string());
    const std::string text = (*strings)[key].get<std::string>();
    absl::StatusOr<Pcm> pcm = SynthesizeToPcm({text, locale.tag});
    ASSERT_TRUE(pcm.ok()) << pcm.status();

    EXPECT_EQ(pcm->voice_language, locale.voice_language)
        << "espeak-ng selected voice " << pcm->voice_name;
    EXPECT_EQ(pcm->sample_rate, 22050);
    EXPECT_GT(Rms(pcm->samples), kMinRms) << "\"" << text << "\" is (nearly) silent";
    const int words = CountWords(text);
    EXPECT_GE(Seconds(*pcm), kMinSecondsPerWord * words)
        << Seconds(*pcm) << " s for " << words << " words: \"" << text << "\"";
    EXPECT_LE(Seconds(*pcm), kPauseSeconds + kMaxSecondsPerWord * words)
        << Seconds(*pcm) << " s for " << words << " words: \"" << text << "\"";
    all.insert(all.end(), pcm->samples.begin(), pcm->samples.end());
  }

  Pcm joined;
  joined.samples = all;
  const std::string path =
      ::testing::TempDir() + "/speech_locale_" + locale.tag + ".wav";
  ASSERT_TRUE(WriteWav(joined, path)) << path;
  const std::optional<SoxStat> stat = RunSoxStat(path);
  ASSERT_TRUE(stat.has_value()) << "sox is not installed (ci/setup installs it); " << path;
  EXPECT_NEAR(stat->seconds, Seconds(joined), 0.01) << path;
  EXPECT_NEAR(stat->rms, Rms(joined.samples), 0.005) << path;
  EXPECT_GT(stat->rms, kMinRms) << path;
}

INSTANTIATE_TEST_SUITE_P(
    LanguageFiles, SpeechLocaleTest,
    ::testing::Values(Locale{"en-GB", "en-gb"}, Locale{"cy", "cy"},
                      Locale{"pl", "pl"}, Locale{"ur", "ur"},
                      Locale{"pa", "pa"}, Locale{"bn", "bn"}),
    [](const auto& info) {
      std::string name = info.param.tag;
      std::replace(name.begin(), name.end(), '-', '_');
      return name;
    });

TEST(SpeechLocaleRateTest, SlowWelshIsAtLeastAQuarterLonger) {
  const std::optional<nlohmann::json> cy = LoadLanguageFile("cy");
  ASSERT_TRUE(cy.has_value());
  const std::string text = (*cy)["attract.instruction"].get<std::string>();
  absl::StatusOr<Pcm> normal = SynthesizeToPcm({text, "cy"}, 160);
  absl::StatusOr<Pcm> slow = SynthesizeToPcm({text, "cy"}, 110);
  ASSERT_TRUE(normal.ok()) << normal.status();
  ASSERT_TRUE(slow.ok()) << slow.status();
  EXPECT_EQ(slow->voice_language, "cy");
  EXPECT_GE(Seconds(*slow), 1.25 * Seconds(*normal))
      << Seconds(*slow) << " s vs " << Seconds(*normal) << " s";
}

}  // namespace
}  // namespace carevoice::a11y
