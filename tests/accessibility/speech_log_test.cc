#include "accessibility/speech_log.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "absl/time/time.h"
#include "accessibility/fake_speaker.h"

namespace carevoice::a11y {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

class SpeechLogTest : public ::testing::Test {
 protected:
  std::string path_ =
      ::testing::TempDir() + "/speech_log_test_" +
      ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".tsv";
  // 2026-11-23T05:37:36.123Z
  base::FakeClock clock_{absl::FromUnixMillis(1795412256123)};
};

TEST_F(SpeechLogTest, WritesOneLinePerUtteranceAndForwards) {
  auto inner = std::make_unique<FakeSpeaker>();
  FakeSpeaker* fake = inner.get();
  auto log = SpeechLog::Open(path_, std::move(inner), clock_);
  ASSERT_TRUE(log.ok()) << log.status();

  (*log)->Say({"Have your say", "en-GB"});
  // Flushed per line: readable while the log is still open.
  EXPECT_EQ(ReadFile(path_),
            "2026-11-23T05:37:36.123Z\ten-GB\tHave your say\n");

  clock_.Advance(absl::Milliseconds(1500));
  (*log)->Queue({"Botwm, Anfon, 3 o 4", "cy"});
  EXPECT_EQ(ReadFile(path_),
            "2026-11-23T05:37:36.123Z\ten-GB\tHave your say\n"
            "2026-11-23T05:37:37.623Z\tcy\tBotwm, Anfon, 3 o 4\n");

  (*log)->Stop();
  (*log)->SetVolume(0.5f);
  (*log)->SetRate(110);
  EXPECT_EQ(fake->spoken().size(), 2u);
  EXPECT_EQ(fake->interrupted(), (std::vector<bool>{true, false}));
  EXPECT_EQ(fake->stops(), 1);
  EXPECT_EQ(fake->volume(), 0.5f);
  EXPECT_EQ(fake->rate(), 110);
}

TEST_F(SpeechLogTest, FoldsTabsAndNewlines) {
  auto log = SpeechLog::Open(path_, nullptr, clock_);
  ASSERT_TRUE(log.ok()) << log.status();
  (*log)->Say({"line one\nline\ttwo\r\nend", "en-GB"});
  EXPECT_EQ(ReadFile(path_),
            "2026-11-23T05:37:36.123Z\ten-GB\tline one line two  end\n");
}

TEST_F(SpeechLogTest, WorksWithoutInnerSpeaker) {
  auto log = SpeechLog::Open(path_, nullptr, clock_);
  ASSERT_TRUE(log.ok()) << log.status();
  (*log)->Stop();
  (*log)->SetVolume(1.0f);
  EXPECT_FALSE((*log)->IsSpeaking());
}

TEST_F(SpeechLogTest, StartsAFreshTranscript) {
  { std::ofstream(path_) << "stale\n"; }
  auto log = SpeechLog::Open(path_, nullptr, clock_);
  ASSERT_TRUE(log.ok()) << log.status();
  (*log)->Say({"Hello", "en-GB"});
  EXPECT_EQ(ReadFile(path_), "2026-11-23T05:37:36.123Z\ten-GB\tHello\n");
}

TEST_F(SpeechLogTest, FailsWhenFileCannotBeOpened) {
  auto log = SpeechLog::Open("/nonexistent-dir/speech.tsv", nullptr, clock_);
  EXPECT_FALSE(log.ok());
}

}  // namespace
}  // namespace carevoice::a11y
