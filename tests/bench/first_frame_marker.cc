// LD_PRELOAD shim for P11: measures "launch to first frame" from outside a
// program without changing it. It wraps SDL_GL_SwapWindow; after the first
// real swap returns (the first frame handed to the X server) it writes
// CLOCK_MONOTONIC in ns to $CAREVOICE_FIRST_FRAME_FILE and ends the process
// with _exit(0), so the kiosk and the baseline stop at the same point.
#include <SDL.h>
#include <dlfcn.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

extern "C" void SDL_GL_SwapWindow(SDL_Window* window) {
  using SwapFn = void (*)(SDL_Window*);
  static SwapFn real = reinterpret_cast<SwapFn>(dlsym(RTLD_NEXT, "SDL_GL_SwapWindow"));
  if (real == nullptr) _exit(90);
  real(window);
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  const char* path = std::getenv("CAREVOICE_FIRST_FRAME_FILE");
  if (path == nullptr) return;  // not under the benchmark: behave normally
  std::FILE* file = std::fopen(path, "w");
  if (file == nullptr) _exit(91);
  std::fprintf(file, "%lld\n", static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec);
  if (std::fclose(file) != 0) _exit(92);
  _exit(0);
}
