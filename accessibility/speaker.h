// The Speaker interface: everything the kiosk says goes through one of
// these. The real one (espeak_speaker.h) synthesises on its own thread and
// plays through SDL audio; FakeSpeaker records for tests; SpeechLog writes
// the --speech-log transcript. Implementations are safe to call from any
// thread; calls return at once and never wait for audio.
#pragma once

#include <string>

namespace carevoice::a11y {

struct Utterance {
  std::string text;
  std::string language = "en-GB";  // BCP-47 tag of the text
  bool operator==(const Utterance&) const = default;
};

class Speaker {
 public:
  virtual ~Speaker() = default;
  // Cuts off whatever is being said or queued and says `u`.
  virtual void Say(const Utterance& u) = 0;
  // Says `u` after everything already queued.
  virtual void Queue(const Utterance& u) = 0;
  // Silence within one audio buffer; the queue is dropped.
  virtual void Stop() = 0;
  // True while audio for an utterance is still being produced or played.
  virtual bool IsSpeaking() const = 0;
  // Volume as a fraction of full scale (0.1 .. 1.0); rate in words per
  // minute (80 .. 450). Take effect from the next utterance.
  virtual void SetVolume(float volume) = 0;
  virtual void SetRate(int words_per_minute) = 0;
};

}  // namespace carevoice::a11y
