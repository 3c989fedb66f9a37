// The real Speaker: espeak-ng on one speech thread (espeak keeps global
// state, so that thread owns every espeak call), audio through an SDL audio
// device in buffers of at most 512 samples (23 ms at 22,050 Hz). Stop/Say
// cut audio off within one buffer: the synth callback returns 1 to abort and
// queued samples are dropped. The device is paused while nothing is queued
// (no audio callbacks when idle) and unpaused as soon as a new utterance has
// a buffer's worth of samples. Also: offline synthesis for tests and audits.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "accessibility/speaker.h"

namespace carevoice::a11y {

struct EspeakOptions {
  int buffer_samples = 512;    // per SDL audio buffer; <= 512 at 22,050 Hz
  int rate_wpm = 160;          // a little slower than espeak's default
  float volume = 1.0f;
  std::string data_path;       // empty: espeak-ng's default data
  // For tests and meters: called on SDL's audio thread with every buffer as
  // it goes to the device (after volume), silence included. Not called while
  // the device is paused (nothing to play). Must be quick.
  std::function<void(const int16_t* samples, int count)> on_audio_buffer;
};

// Starts the speech thread and opens the SDL audio device (SDL's audio
// subsystem is initialised if needed; SDL_AUDIODRIVER=disk or dummy work).
// Fails when espeak-ng or the audio device cannot be opened. espeak-ng is
// initialised once per process and never terminated (1.51 hangs in a second
// espeak_Terminate), so speakers may be created and destroyed freely.
absl::StatusOr<std::unique_ptr<Speaker>> CreateEspeakSpeaker(
    const EspeakOptions& options);

// Mono 16-bit PCM at `sample_rate`.
struct Pcm {
  std::vector<int16_t> samples;
  int sample_rate = 22050;
  std::string voice_name;      // the voice espeak-ng actually selected
  std::string voice_language;  // its language, e.g. "en-gb"
};

// Synthesises `u` synchronously, with no audio device, in the voice of
// u.language ("en-GB" -> espeak's "en-gb"; falls back to the base language).
// NotFound when espeak-ng has no voice for the language. Any thread; while
// an EspeakSpeaker is speaking this waits for its current utterance, since
// espeak-ng is one global engine per process.
absl::StatusOr<Pcm> SynthesizeToPcm(const Utterance& u, int rate_wpm = 160);

// Writes a RIFF WAV file (for listening to and checking with sox).
bool WriteWav(const Pcm& pcm, const std::string& path);

}  // namespace carevoice::a11y
