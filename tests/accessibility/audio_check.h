// Measuring synthesised speech in tests: level, length, word count, and a
// cross-check with sox (installed by ci/setup; its absence is a failure,
// not a skip, since "listen to it" is part of the bar).
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "accessibility/espeak_speaker.h"

namespace carevoice::a11y::testing {

// Whitespace-separated words: also right for Urdu, Punjabi and Bengali.
inline int CountWords(const std::string& text) {
  std::istringstream in(text);
  std::string word;
  int words = 0;
  while (in >> word) ++words;
  return words;
}

// Root mean square level as a fraction of full scale.
inline double Rms(const std::vector<int16_t>& samples) {
  double sum = 0;
  for (int16_t s : samples) sum += (s / 32768.0) * (s / 32768.0);
  return samples.empty() ? 0 : std::sqrt(sum / samples.size());
}

inline double Seconds(const Pcm& pcm) {
  return static_cast<double>(pcm.samples.size()) / pcm.sample_rate;
}

struct SoxStat {
  double rms = -1;
  double seconds = -1;
};

// Runs `sox FILE -n stat`; nullopt when sox cannot be run.
inline std::optional<SoxStat> RunSoxStat(const std::string& path) {
  if (std::system("command -v sox >/dev/null 2>&1") != 0) return std::nullopt;
  std::FILE* pipe = popen(("sox '" + path + "' -n stat 2>&1").c_str(), "r");
  if (pipe == nullptr) return std::nullopt;
  SoxStat stat;
  char line[256];
  while (std::fgets(line, sizeof line, pipe) != nullptr) {
    const std::string text(line);
    const auto colon = text.find(':');
    if (colon == std::string::npos) continue;
    const double value = std::atof(text.c_str() + colon + 1);
    if (text.rfind("RMS     amplitude", 0) == 0) stat.rms = value;
    if (text.rfind("Length (seconds)", 0) == 0) stat.seconds = value;
  }
  pclose(pipe);
  return stat;
}

}  // namespace carevoice::a11y::testing
