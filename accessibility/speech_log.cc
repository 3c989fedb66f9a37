#include "accessibility/speech_log.h"

#include <cerrno>
#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

namespace carevoice::a11y {

absl::StatusOr<std::unique_ptr<SpeechLog>> SpeechLog::Open(
    const std::string& path, std::unique_ptr<Speaker> inner,
    const base::Clock& clock) {
  // Truncate: a transcript describes one run, and tests read it whole.
  std::FILE* file = std::fopen(path.c_str(), "w");
  if (file == nullptr) {
    return absl::UnavailableError(absl::StrCat("cannot open speech log ", path,
                                               ": ", std::strerror(errno)));
  }
  return std::unique_ptr<SpeechLog>(
      new SpeechLog(file, std::move(inner), clock));
}

SpeechLog::SpeechLog(std::FILE* file, std::unique_ptr<Speaker> inner,
                     const base::Clock& clock)
    : file_(file), inner_(std::move(inner)), clock_(clock) {}

SpeechLog::~SpeechLog() { std::fclose(file_); }

void SpeechLog::Say(const Utterance& u) {
  Write(u);
  if (inner_) inner_->Say(u);
}

void SpeechLog::Queue(const Utterance& u) {
  Write(u);
  if (inner_) inner_->Queue(u);
}

void SpeechLog::Stop() {
  if (inner_) inner_->Stop();
}

bool SpeechLog::IsSpeaking() const {
  return inner_ ? inner_->IsSpeaking() : false;
}

void SpeechLog::SetVolume(float volume) {
  if (inner_) inner_->SetVolume(volume);
}

void SpeechLog::SetRate(int words_per_minute) {
  if (inner_) inner_->SetRate(words_per_minute);
}

void SpeechLog::Write(const Utterance& u) {
  if (u.text.empty()) return;  // an empty Say only interrupts; nothing is said
  // One line per utterance: fold anything that would break the line or
  // the columns.
  std::string text = u.text;
  for (char& c : text) {
    if (c == '\t' || c == '\r' || c == '\n') c = ' ';
  }
  const std::string line =
      absl::StrCat(absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", clock_.Now(),
                                    absl::UTCTimeZone()),
                   "\t", u.language, "\t", text, "\n");
  std::lock_guard lock(mu_);
  std::fputs(line.c_str(), file_);
  // Flushed per line so a test or an auditor sees it while the kiosk runs.
  std::fflush(file_);
}

}  // namespace carevoice::a11y
