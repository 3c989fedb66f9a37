// P11's baseline: the smallest SDL2 + Dear ImGui (OpenGL 3) program that
// shows what the kiosk shows at start: a 1280x800 window, the same three
// DejaVu fonts at the same sizes (40, 48 and 96 px, as client/ui/fonts.cc
// loads them), one frame with a title, a paragraph and a button, then exit.
// Deliberately links nothing of CareVoice: it is the floor for the kiosk.
#include <SDL.h>
#include <SDL_opengl.h>

#include <cstdio>
#include <string>

#include "backends/imgui_impl_opengl3.h"
#include "imgui.h"

namespace {

const ImWchar kGlyphRanges[] = {0x0020, 0x00FF, 0x0100, 0x017F,
                                0x2010, 0x2027, 0x20AC, 0x20AC, 0};

ImFont* LoadFont(ImGuiIO& io, const char* file, float px) {
  ImFontConfig config;
  config.OversampleH = 2;
  config.OversampleV = 2;
  return io.Fonts->AddFontFromFileTTF(
      (std::string("/usr/share/fonts/truetype/dejavu/") + file).c_str(), px, &config,
      kGlyphRanges);
}

}  // namespace

int main() {
  if (SDL_InitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
    std::fprintf(stderr, "minimal_imgui_app: %s\n", SDL_GetError());
    return 1;
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_Window* window = SDL_CreateWindow("Baseline", SDL_WINDOWPOS_CENTERED,
                                        SDL_WINDOWPOS_CENTERED, 1280, 800,
                                        SDL_WINDOW_OPENGL | SDL_WINDOW_SHOWN);
  SDL_GLContext gl = window != nullptr ? SDL_GL_CreateContext(window) : nullptr;
  if (gl == nullptr) {
    std::fprintf(stderr, "minimal_imgui_app: %s\n", SDL_GetError());
    return 1;
  }
  SDL_GL_MakeCurrent(window, gl);
  SDL_GL_SetSwapInterval(1);
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  ImFont* body = LoadFont(io, "DejaVuSans.ttf", 40);
  ImFont* heading = LoadFont(io, "DejaVuSans-Bold.ttf", 48);
  ImFont* mono = LoadFont(io, "DejaVuSansMono-Bold.ttf", 96);
  if (body == nullptr || heading == nullptr || mono == nullptr || !io.Fonts->Build()) {
    std::fprintf(stderr, "minimal_imgui_app: cannot load the DejaVu fonts\n");
    return 1;
  }
  io.FontDefault = body;
  ImGui_ImplOpenGL3_Init("#version 130");

  int w = 0, h = 0;
  SDL_GL_GetDrawableSize(window, &w, &h);
  io.DisplaySize = ImVec2(static_cast<float>(w), static_cast<float>(h));
  io.DeltaTime = 1.0f / 60.0f;
  SDL_Event event;
  while (SDL_PollEvent(&event)) {
  }
  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("start", nullptr, ImGuiWindowFlags_NoDecoration);
  ImGui::PushFont(heading);
  ImGui::TextUnformatted("Have your say");
  ImGui::PopFont();
  ImGui::TextWrapped("Tell Northshire Council what is working, what is wrong and what "
                     "should change in adult social care.");
  ImGui::Button("Have your say");
  ImGui::End();
  ImGui::Render();
  glViewport(0, 0, w, h);
  glClearColor(0, 0, 0, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  SDL_GL_SwapWindow(window);  // under P11 the marker shim ends the process here

  ImGui_ImplOpenGL3_Shutdown();
  ImGui::DestroyContext();
  SDL_GL_DeleteContext(gl);
  SDL_DestroyWindow(window);
  SDL_Quit();
  return 0;
}
