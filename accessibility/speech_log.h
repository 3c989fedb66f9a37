// A Speaker decorator that writes the --speech-log transcript described in
// DESIGN.md: one line per utterance, "ISO-8601 time<TAB>language<TAB>text",
// exactly what was spoken (newlines and tabs in the text become spaces),
// flushed per line. A diagnostic for tests and audits, off by default.
// Thread-safe.
#pragma once

#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "accessibility/speaker.h"
#include "base/clock.h"

namespace carevoice::a11y {

class SpeechLog final : public Speaker {
 public:
  // `inner` may be null (log only). Fails when the file cannot be opened.
  static absl::StatusOr<std::unique_ptr<SpeechLog>> Open(
      const std::string& path, std::unique_ptr<Speaker> inner,
      const base::Clock& clock);
  ~SpeechLog() override;

  void Say(const Utterance& u) override;
  void Queue(const Utterance& u) override;
  void Stop() override;
  bool IsSpeaking() const override;
  void SetVolume(float volume) override;
  void SetRate(int words_per_minute) override;

 private:
  SpeechLog(std::FILE* file, std::unique_ptr<Speaker> inner,
            const base::Clock& clock);
  void Write(const Utterance& u);

  std::mutex mu_;
  std::FILE* file_;
  std::unique_ptr<Speaker> inner_;
  const base::Clock& clock_;
};

}  // namespace carevoice::a11y
