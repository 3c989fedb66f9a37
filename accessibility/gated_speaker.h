// A Speaker that can be switched off: with speech off nothing reaches the
// inner speaker (or the transcript behind it), while captions still show.
// Thread-safe like the speaker it wraps; the switch is for the UI thread.
#pragma once

#include <atomic>

#include "accessibility/speaker.h"

namespace carevoice::a11y {

class GatedSpeaker final : public Speaker {
 public:
  explicit GatedSpeaker(Speaker& inner) : inner_(inner) {}

  void SetOn(bool on) {
    if (!on) inner_.Stop();
    on_ = on;
  }
  bool on() const { return on_; }

  void Say(const Utterance& u) override {
    if (on_) inner_.Say(u);
  }
  void Queue(const Utterance& u) override {
    if (on_) inner_.Queue(u);
  }
  void Stop() override { inner_.Stop(); }
  bool IsSpeaking() const override { return on_ && inner_.IsSpeaking(); }
  void SetVolume(float volume) override { inner_.SetVolume(volume); }
  void SetRate(int words_per_minute) override { inner_.SetRate(words_per_minute); }

 private:
  Speaker& inner_;
  std::atomic<bool> on_{true};
};

}  // namespace carevoice::a11y
