#include "client/ui/sdl_shell.h"

#include <SDL_opengl.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "backends/imgui_impl_opengl3.h"
#include "client/ui/fonts.h"
#include "nlohmann/json.hpp"

namespace carevoice::client::ui {
namespace {

const char* RoleName(a11y::Role role) {
  switch (role) {
    case a11y::Role::kButton: return "button";
    case a11y::Role::kTextField: return "text_field";
    case a11y::Role::kRadio: return "radio";
    case a11y::Role::kCheckbox: return "checkbox";
    case a11y::Role::kHeading: return "heading";
    case a11y::Role::kText: return "text";
    case a11y::Role::kImage: return "image";
  }
  return "unknown";
}

}  // namespace

std::string RegistryJson(const WindowApp& app) {
  nlohmann::json items = nlohmann::json::array();
  for (const a11y::WidgetInfo& item : app.registry().items()) {
    items.push_back({{"id", item.id},
                     {"role", RoleName(item.role)},
                     {"label", item.label},
                     {"state", item.state},
                     {"focusable", item.focusable},
                     {"focused", item.id == app.focus().focused_id()},
                     {"clipped", item.clipped},
                     {"box", {item.box.x, item.box.y, item.box.w, item.box.h}}});
  }
  nlohmann::json doc = {{"view", app.ViewName()},
                        {"theme", app.theme().name},
                        {"items", items}};
  return doc.dump(2);
}

int WaitMillis(absl::Duration until, int max_ms) {
  // Duration maths, not milliseconds: "no deadline" is an infinite
  // duration, whose millisecond count must not be added to.
  if (until >= absl::Milliseconds(max_ms)) return max_ms;
  return static_cast<int>(std::max<int64_t>(1, absl::ToInt64Milliseconds(until) + 1));
}

absl::StatusOr<std::unique_ptr<SdlShell>> SdlShell::Create(const ShellOptions& options) {
  if (SDL_InitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
    return absl::UnavailableError(absl::StrCat("cannot start SDL video: ", SDL_GetError()));
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_SHOWN |
                 (options.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
  SDL_Window* window =
      SDL_CreateWindow("CareVoice", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                       options.width, options.height, flags);
  if (window == nullptr) {
    return absl::UnavailableError(absl::StrCat("cannot open a window: ", SDL_GetError()));
  }
  SDL_GLContext gl = SDL_GL_CreateContext(window);
  if (gl == nullptr) {
    std::string error = SDL_GetError();
    SDL_DestroyWindow(window);
    return absl::UnavailableError(absl::StrCat("cannot create an OpenGL context: ", error));
  }
  SDL_GL_MakeCurrent(window, gl);
  SDL_GL_SetSwapInterval(1);
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // a shared kiosk keeps no state between sessions
  io.LogFilename = nullptr;
  ImGui_ImplOpenGL3_Init("#version 130");
  return std::unique_ptr<SdlShell>(new SdlShell(window, gl, options));
}

SdlShell::SdlShell(SDL_Window* window, SDL_GLContext gl, ShellOptions options)
    : window_(window), gl_(gl), options_(std::move(options)) {}

SdlShell::~SdlShell() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui::DestroyContext();
  SDL_GL_DeleteContext(gl_);
  SDL_DestroyWindow(window_);
  SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
}

void SdlShell::RenderFrame(WindowApp& app) {
  int w = 0, h = 0;
  SDL_GL_GetDrawableSize(window_, &w, &h);
  ImGuiIO& io = ImGui::GetIO();
  if (std::optional<float> px = app.TakeFontRequest()) {
    // A new text size: rebuild the atlas and its texture between frames.
    absl::StatusOr<Fonts> fonts = LoadFonts(io, *px);
    if (fonts.ok()) {
      ImGui_ImplOpenGL3_DestroyFontsTexture();
      ImGui_ImplOpenGL3_CreateFontsTexture();
      io.Fonts->ClearTexData();  // the GPU has it now
      app.SetFonts(*fonts);
    } else {
      std::fprintf(stderr, "carevoice-kiosk: %s\n", std::string(fonts.status().message()).c_str());
    }
  }
  io.DisplaySize = ImVec2(static_cast<float>(w), static_cast<float>(h));
  io.DeltaTime = 1.0f / 60.0f;
  ImGui_ImplOpenGL3_NewFrame();
  // The first NewFrame uploads the atlas; its CPU copies are not needed after.
  if (io.Fonts->TexPixelsAlpha8 != nullptr || io.Fonts->TexPixelsRGBA32 != nullptr) {
    io.Fonts->ClearTexData();
  }
  ImGui::NewFrame();
  app.Frame(io.DisplaySize.x, io.DisplaySize.y);
  ImGui::Render();
  glViewport(0, 0, w, h);
  glClearColor(0, 0, 0, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  MaybeScreenshot(app);
  SDL_GL_SwapWindow(window_);
}

void SdlShell::MaybeScreenshot(WindowApp& app) {
  if (options_.screenshot_dir.empty() || app.frames_in_view() < 2) return;
  // A frame whose choice moved on drew the screen being left: not saved
  // under the new name.
  if (app.ViewName() != app.drawn_view()) return;
  // A screen is saved once it has settled, and again whenever what is on it
  // changes or moves (a letter typed, scrolled, an error shown): the JSON
  // beside each picture tells a test driving the window by real clicks
  // where everything is now.
  std::string layout = app.ViewName();
  for (const a11y::WidgetInfo& item : app.registry().items()) {
    absl::StrAppend(&layout, "|", item.id, ":", static_cast<int>(item.box.y),
                    item.clipped ? "c" : "", ":", item.label, ":", item.state);
  }
  if (layout == saved_layout_) return;
  saved_layout_ = std::move(layout);
  std::string view = app.ViewName();
  std::filesystem::create_directories(options_.screenshot_dir);
  std::string base = absl::StrFormat("%s/%02d-%s", options_.screenshot_dir,
                                     ++screenshots_, view);
  // The JSON is written under a temporary name and renamed into place, so
  // a reader never sees half of it.
  if (SaveScreenshot(base + ".png")) {
    std::ofstream(base + ".json.tmp") << RegistryJson(app) << "\n";
    std::filesystem::rename(base + ".json.tmp", base + ".json");
  }
}

bool SdlShell::SaveScreenshot(const std::string& path) {
  int w = 0, h = 0;
  SDL_GL_GetDrawableSize(window_, &w, &h);
  std::vector<unsigned char> pixels(static_cast<size_t>(w) * h * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  // OpenGL's rows run bottom-up; PNG's run top-down.
  std::vector<unsigned char> flipped(pixels.size());
  size_t row = static_cast<size_t>(w) * 3;
  for (int y = 0; y < h; ++y) {
    std::copy_n(pixels.begin() + static_cast<long>((h - 1 - y) * row), row,
                flipped.begin() + static_cast<long>(y * row));
  }
  return stbi_write_png(path.c_str(), w, h, 3, flipped.data(), static_cast<int>(row)) != 0;
}

bool SdlShell::Step(WindowApp& app, int wait_ms) {
  bool quit = false;
  SDL_Event event;
  // Sleep until an event (sync news arrives as a wake-up event), the
  // kiosk's own next step (a scan, a warning), or `wait_ms`, whichever is
  // first.
  bool got = false;
  if (app.NeedsFrame()) {
    got = SDL_PollEvent(&event) != 0;
  } else {
    int ms = WaitMillis(app.NextDeadline() - absl::Now(), wait_ms);
    got = SDL_WaitEventTimeout(&event, ms) != 0;
  }
  while (got) {
    if (event.type == SDL_QUIT) quit = true;
    if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_EXPOSED) {
      RenderFrame(app);
    }
    app.HandleEvent(event);
    got = SDL_PollEvent(&event) != 0;
  }
  if (quit) return false;
  if (app.NeedsFrame()) RenderFrame(app);
  return true;
}

int SdlShell::Run(WindowApp& app, const volatile bool* stop) {
  while ((stop == nullptr || !*stop) && Step(app, kStopCheckMs)) {
  }
  return 0;
}

void SdlShell::WakeFromAnyThread() {
  // SDL_PushEvent is safe from any thread and ends SDL_WaitEventTimeout.
  static const Uint32 kWake = SDL_RegisterEvents(1);
  if (kWake == static_cast<Uint32>(-1)) return;
  SDL_Event event{};
  event.type = kWake;
  SDL_PushEvent(&event);
}

}  // namespace carevoice::client::ui
