// P10: CPU used by an idle kiosk (no input, nothing speaking), as a fraction
// of one core.
//
// Each round starts the real carevoice-kiosk (espeak speech on
// $SDL_AUDIODRIVER, dummy by default; a service address where nothing
// listens, so the syncer retries with its default backoff; a fresh outbox;
// --speech-log), waits for its first spoken line, then waits until that
// speech has finished playing (its length computed by synthesising the
// logged lines with SynthesizeToPcm, plus a margin), then reads the CPU
// time of all its threads over a window of no input: the sum of
// /proc/PID/task/*/schedstat (ns) when no thread came or went, else
// utime+stime from /proc/PID/stat (10 ms ticks, counts ended threads). Ratio = CPU seconds / wall seconds. Median of
// the rounds. Needs $DISPLAY.
//
// Usage: p10_idle_cpu KIOSK [ROUNDS] [WINDOW_SECONDS]
#include <dirent.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "accessibility/espeak_speaker.h"
#include "bench_util.h"

namespace carevoice::bench {
namespace {

void SleepUntil(int64_t ns) {
  const int64_t now = MonotonicNs();
  if (ns > now) std::this_thread::sleep_for(std::chrono::nanoseconds(ns - now));
}

std::vector<std::string> ReadLines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// utime + stime ticks of a /proc/.../stat file, and the thread's name.
bool ReadStat(const std::string& path, long long* ticks, std::string* name) {
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t open = text.find('('), close = text.rfind(')');
  if (open == std::string::npos || close == std::string::npos) return false;
  if (name != nullptr) *name = text.substr(open + 1, close - open - 1);
  std::istringstream rest(text.substr(close + 2));
  std::vector<std::string> fields;
  for (std::string f; rest >> f;) fields.push_back(f);
  if (fields.size() < 13) return false;
  *ticks = std::stoll(fields[11]) + std::stoll(fields[12]);  // utime, stime
  return true;
}

// Per thread (key "name/tid"): CPU ns from /proc/PID/task/TID/schedstat,
// which is exact but forgets threads that have ended.
std::map<std::string, long long> ThreadRuntimeNs(pid_t pid) {
  std::map<std::string, long long> out;
  const std::string dir = absl::StrFormat("/proc/%d/task", pid);
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    long long ticks = 0, ns = 0;
    std::string name;
    std::ifstream schedstat(entry.path().string() + "/schedstat");
    if (ReadStat(entry.path().string() + "/stat", &ticks, &name) && (schedstat >> ns)) {
      out[name + "/" + entry.path().filename().string()] = ns;
    }
  }
  return out;
}

// Seconds of audio the logged lines make (what the kiosk is saying).
double SpeechSeconds(const std::vector<std::string>& lines) {
  double seconds = 0;
  for (const std::string& line : lines) {
    std::vector<std::string> parts = absl::StrSplit(line, absl::MaxSplits('\t', 2));
    if (parts.size() != 3) continue;
    auto pcm = a11y::SynthesizeToPcm({parts[2], parts[1]});
    if (!pcm.ok()) Die("cannot synthesise a logged line: " + pcm.status().ToString());
    seconds += static_cast<double>(pcm->samples.size()) / pcm->sample_rate;
  }
  return seconds;
}

double IdleRound(const std::string& kiosk, const std::string& dir, int round, int window_s) {
  const std::string log = absl::StrFormat("%s/speech-%d.log", dir, round);
  const std::vector<std::string> argv = {
      kiosk, "--service", "127.0.0.1:1", "--outbox", absl::StrFormat("%s/outbox-%d.db", dir, round),
      "--speech-log", log};
  pid_t pid = Spawn(argv, EnvironWith({}), dir + "/kiosk.log");
  int64_t first_line = 0;
  for (int i = 0; i < 6000; ++i) {
    if (!ReadLines(log).empty()) {
      first_line = MonotonicNs();
      break;
    }
    if (WaitFor(pid, 0) != -1) Die("the kiosk ended early (see " + dir + "/kiosk.log)");
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (first_line == 0) {
    Stop(pid);
    Die("the kiosk said nothing within 60 s");
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the rest of the entry queue
  std::vector<std::string> said = ReadLines(log);
  const double speech_s = SpeechSeconds(said);
  SleepUntil(first_line + static_cast<int64_t>((speech_s + 2.0) * 1e9));

  const std::string stat = absl::StrFormat("/proc/%d/stat", pid);
  long long before = 0, after = 0;
  auto threads_before = ThreadRuntimeNs(pid);
  const int64_t start = MonotonicNs();
  if (!ReadStat(stat, &before, nullptr)) Die("cannot read " + stat);
  std::this_thread::sleep_for(std::chrono::seconds(window_s));
  if (!ReadStat(stat, &after, nullptr)) Die("the kiosk ended while idle");
  const int64_t end = MonotonicNs();
  auto threads_after = ThreadRuntimeNs(pid);
  const size_t said_after = ReadLines(log).size();
  Stop(pid);

  // Exact per-thread figures when no thread came or went in the window;
  // otherwise the process's own utime+stime, which counts ended threads.
  bool same_threads = threads_before.size() == threads_after.size();
  long long runtime_ns = 0;
  std::string threads;
  for (const auto& [name, ns] : threads_after) {
    auto it = threads_before.find(name);
    if (it == threads_before.end()) same_threads = false;
    const long long delta = ns - (it == threads_before.end() ? 0 : it->second);
    runtime_ns += delta;
    if (delta >= 1'000'000) threads += absl::StrFormat(" %s=%.1fms", name, delta / 1e6);
  }
  const double tick_s = 1.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
  const double cpu_s = same_threads ? static_cast<double>(runtime_ns) / 1e9
                                    : static_cast<double>(after - before) * tick_s;
  const double wall_s = static_cast<double>(end - start) / 1e9;
  std::fprintf(stderr,
               "P10 round %d: %.4f CPU s (%s) over %.2f s = %.3f%% of a core (speech before "
               "the window %.1f s, %zu lines%s); threads over 1 ms:%s\n",
               round, cpu_s, same_threads ? "schedstat" : "utime+stime ticks", wall_s,
               100 * cpu_s / wall_s, speech_s, said.size(),
               said_after != said.size() ? ", SPOKE DURING THE WINDOW" : "",
               threads.empty() ? " none" : threads.c_str());
  return cpu_s / wall_s;
}

int Main(int argc, char** argv) {
  if (argc < 2) Die("usage: p10_idle_cpu KIOSK [ROUNDS] [WINDOW_SECONDS]");
  if (std::getenv("DISPLAY") == nullptr) Die("P10 needs an X display ($DISPLAY)");
  setenv("SDL_AUDIODRIVER", "dummy", /*overwrite=*/0);
  const std::string kiosk = std::filesystem::absolute(argv[1]).string();
  const int rounds = argc > 2 ? std::max(3, std::atoi(argv[2])) : 3;
  const int window_s = argc > 3 ? std::max(1, std::atoi(argv[3])) : 10;
  char pattern[] = "/tmp/carevoice-p10-XXXXXX";
  const std::string dir = mkdtemp(pattern);
  std::vector<double> ratios;
  for (int r = 1; r <= rounds; ++r) ratios.push_back(IdleRound(kiosk, dir, r, window_s));
  std::filesystem::remove_all(dir);
  const double x = Median(ratios);
  Summary(absl::StrFormat(
      "P10 kiosk_idle_cpu: %.3f%% of a core vs one core 100%% = %.4fx (goal <= 0.0100x)",
      100 * x, x));
  return 0;
}

}  // namespace
}  // namespace carevoice::bench

int main(int argc, char** argv) { return carevoice::bench::Main(argc, argv); }
