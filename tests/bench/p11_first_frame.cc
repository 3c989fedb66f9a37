// P11: kiosk launch to first frame, against a minimal SDL2 + ImGui program
// (minimal_imgui_app) in the same environment (same X server, same
// SDL_AUDIODRIVER, same page cache).
//
// Launch = just before posix_spawn of the program. First frame = the first
// SDL_GL_SwapWindow returning, reported by the first_frame_marker shim
// (LD_PRELOAD), which then ends the process; neither program is changed.
// The kiosk runs as deployed (espeak speech, a syncer, an outbox) with a
// service address where nothing listens and an outbox created by the warm-up
// launch (a kiosk restarting with its outbox). Launches alternate kiosk,
// baseline, ...; one untimed warm-up each first. Needs $DISPLAY.
//
// Usage: p11_first_frame KIOSK BASELINE SHIM [ROUNDS]
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "bench_util.h"

namespace carevoice::bench {
namespace {

// ms from spawn to the first frame; dies when the program never shows one.
double LaunchToFirstFrameMs(const std::vector<std::string>& argv, const std::string& shim,
                            const std::string& dir) {
  const std::string marker = dir + "/first-frame";
  std::filesystem::remove(marker);
  std::vector<std::string> env = EnvironWith({"LD_PRELOAD=" + shim,
                                              "CAREVOICE_FIRST_FRAME_FILE=" + marker});
  const int64_t start = MonotonicNs();
  pid_t pid = Spawn(argv, env, dir + "/output.log");
  int status = WaitFor(pid, 60000);
  if (status == -1) {
    Stop(pid);
    Die(argv[0] + " showed no frame within 60 s (see " + dir + "/output.log)");
  }
  std::ifstream in(marker);
  long long first = 0;
  if (!(in >> first) || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    Die(argv[0] + " ended without a frame (see " + dir + "/output.log)");
  }
  return static_cast<double>(first - start) / 1e6;
}

int Main(int argc, char** argv) {
  if (argc < 4) Die("usage: p11_first_frame KIOSK BASELINE SHIM [ROUNDS]");
  if (std::getenv("DISPLAY") == nullptr) Die("P11 needs an X display ($DISPLAY)");
  const int rounds = argc > 4 ? std::max(3, std::atoi(argv[4])) : 7;
  char pattern[] = "/tmp/carevoice-p11-XXXXXX";
  const std::string dir = mkdtemp(pattern);
  const std::vector<std::string> kiosk = {
      std::filesystem::absolute(argv[1]).string(), "--service", "127.0.0.1:1",
      "--outbox", dir + "/outbox.db"};
  const std::vector<std::string> baseline = {std::filesystem::absolute(argv[2]).string()};
  const std::string shim = std::filesystem::absolute(argv[3]).string();

  LaunchToFirstFrameMs(kiosk, shim, dir);  // warm-up; creates the outbox
  LaunchToFirstFrameMs(baseline, shim, dir);
  std::vector<double> kiosk_ms, baseline_ms;
  for (int r = 0; r < rounds; ++r) {
    kiosk_ms.push_back(LaunchToFirstFrameMs(kiosk, shim, dir));
    baseline_ms.push_back(LaunchToFirstFrameMs(baseline, shim, dir));
    std::fprintf(stderr, "P11 round %d: kiosk %.1f ms, minimal SDL2+ImGui %.1f ms\n", r + 1,
                 kiosk_ms.back(), baseline_ms.back());
  }
  std::filesystem::remove_all(dir);
  const double x = Median(kiosk_ms), y = Median(baseline_ms);
  Summary(absl::StrFormat(
      "P11 kiosk_launch_to_first_frame: %.0f ms vs minimal SDL2+ImGui %.0f ms = %.2fx (goal <= 1.50x)",
      x, y, x / y));
  return 0;
}

}  // namespace
}  // namespace carevoice::bench

int main(int argc, char** argv) { return carevoice::bench::Main(argc, argv); }
