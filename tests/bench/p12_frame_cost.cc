// P12: CPU cost of building one kiosk frame, against a plain ImGui form with
// the same widgets.
//
// Kiosk: tests/ui/kiosk_harness drives the real KioskUi headless (real
// fonts, fake speaker and sync) to the service, tell-more (with words typed)
// and review screens. One frame = ImGui::NewFrame + KioskUi::Frame +
// ImGui::Render, with no input (the cost of every frame the shell builds,
// whatever triggered it; GL drawing is not included on either side).
//
// Baseline: a second ImGui context with the same fonts (LoadFonts at the
// kiosk's body size) and display size, building one full-screen
// ImGui::Begin window holding one widget per item the kiosk registered on
// that screen, with the same labels: ImGui::InputTextMultiline holding the
// typed words for a text field, ImGui::Button for other focusable items,
// ImGui::TextWrapped for text and headings. Same NewFrame + Render around.
//
// Both: thread CPU time over batches of frames, batches interleaved, the
// median of the per-round figures. The summary reports the screen with the
// highest ratio; the others go to stderr.
#include <cfloat>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "bench_util.h"
#include "client/ui/fonts.h"
#include "imgui.h"
#include "kiosk_harness.h"

namespace carevoice::bench {
namespace {

using client::ui::testing::KioskHarness;

constexpr float kWidth = 1280, kHeight = 800;
constexpr int kRounds = 7;
constexpr int kFramesPerBatch = 1000;

struct FormItem {
  enum Kind { kText, kButton, kField } kind;
  std::string label;  // "label##id" for buttons and fields
  std::string words;  // a field's contents
};

class PlainForm {
 public:
  explicit PlainForm(float body_px) {
    ImGuiContext* previous = ImGui::GetCurrentContext();
    context_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(context_);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    auto fonts = client::ui::LoadFonts(io, body_px);
    if (!fonts.ok()) Die(fonts.status().ToString());
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    ImGui::SetCurrentContext(previous);
  }
  ~PlainForm() { ImGui::DestroyContext(context_); }

  void SetItems(std::vector<FormItem> items) { items_ = std::move(items); }

  void Frame() {
    ImGui::SetCurrentContext(context_);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(kWidth, kHeight);
    io.DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(kWidth, kHeight));
    ImGui::Begin("form", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings);
    bool in_row = false;  // the last item was a button that may share a row
    for (FormItem& item : items_) {
      switch (item.kind) {
        case FormItem::kButton: {
          // Buttons flow in rows, as the kiosk's keys and choices do, so
          // every widget is on screen: ImGui skips drawing clipped items,
          // and a baseline with most of its widgets below the window's
          // edge would measure less work than it stands for.
          const ImGuiStyle& style = ImGui::GetStyle();
          const float w = ImGui::CalcTextSize(item.label.c_str(), nullptr, true).x +
                          style.FramePadding.x * 2;
          if (in_row && ImGui::GetItemRectMax().x + style.ItemSpacing.x + w <=
                            ImGui::GetWindowContentRegionMax().x) {
            ImGui::SameLine();
          }
          ImGui::Button(item.label.c_str());
          in_row = true;
          break;
        }
        case FormItem::kField:
          in_row = false;
          ImGui::InputTextMultiline(item.label.c_str(), item.words.data(),
                                    item.words.size() + 1, ImVec2(-FLT_MIN, 0));
          break;
        case FormItem::kText:
          in_row = false;
          ImGui::TextWrapped("%s", item.label.c_str());
          break;
      }
    }
    ImGui::End();
    ImGui::Render();
  }

 private:
  ImGuiContext* context_;
  std::vector<FormItem> items_;
};

void KioskFrame(KioskHarness& h, ImGuiContext* context) {
  ImGui::SetCurrentContext(context);
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(kWidth, kHeight);
  io.DeltaTime = 1.0f / 60.0f;
  ImGui::NewFrame();
  h.kiosk().Frame(kWidth, kHeight);
  ImGui::Render();
}

template <typename F>
double NsPerFrame(F frame) {
  const int64_t start = ThreadCpuNs();
  for (int i = 0; i < kFramesPerBatch; ++i) frame();
  return static_cast<double>(ThreadCpuNs() - start) / kFramesPerBatch;
}

struct Result {
  std::string view;
  size_t widgets;
  double kiosk_us, form_us;
  double ratio() const { return kiosk_us / form_us; }
};

Result Measure(KioskHarness& h, ImGuiContext* kiosk_context, PlainForm& form) {
  ImGui::SetCurrentContext(kiosk_context);
  std::vector<FormItem> items;
  for (const a11y::WidgetInfo& item : h.kiosk().registry().items()) {
    if (item.role == a11y::Role::kTextField) {
      items.push_back({FormItem::kField, item.label + "##" + item.id,
                       h.kiosk().journey().draft().feedback().text()});
    } else if (item.focusable) {
      items.push_back({FormItem::kButton, item.label + "##" + item.id, ""});
    } else {
      items.push_back({FormItem::kText, item.label, ""});
    }
  }
  const std::string view = h.View();
  const size_t widgets = items.size();
  form.SetItems(std::move(items));
  auto kiosk = [&] { KioskFrame(h, kiosk_context); };
  auto plain = [&] { form.Frame(); };
  NsPerFrame(kiosk);  // warm caches and both contexts' layouts
  NsPerFrame(plain);
  std::vector<double> kiosk_rounds, form_rounds;
  for (int r = 0; r < kRounds; ++r) {
    kiosk_rounds.push_back(NsPerFrame(kiosk));
    form_rounds.push_back(NsPerFrame(plain));
  }
  ImGui::SetCurrentContext(kiosk_context);
  if (h.View() != view) Die("the kiosk left the " + view + " screen while measured");
  Result result{view, widgets, Median(kiosk_rounds) / 1000, Median(form_rounds) / 1000};
  std::fprintf(stderr, "P12 %s: %zu widgets, kiosk %.1f us/frame, plain form %.1f us/frame = %.2fx\n",
               view.c_str(), widgets, result.kiosk_us, result.form_us, result.ratio());
  return result;
}

int Main() {
  KioskHarness h(kWidth, kHeight);  // creates the current ImGui context
  ImGuiContext* kiosk_context = ImGui::GetCurrentContext();
  PlainForm form(ImGui::GetIO().FontDefault->FontSize);  // the kiosk's body size
  std::vector<Result> results;

  h.Press(SDLK_SPACE);   // attract -> home
  h.Press(SDLK_RETURN);  // home -> which service
  if (h.View() != "service") Die("expected the service screen, got " + h.View());
  results.push_back(Measure(h, kiosk_context, form));

  if (!h.FocusOn("service.day_centres")) Die("no day centres choice");
  h.Press(SDLK_RETURN);
  if (h.View() != "speaker") Die("expected who is speaking, got " + h.View());
  if (!h.AnswerStep("family_or_friend")) Die("could not say who is speaking");
  if (!h.FocusOn("rating.4")) Die("no rating 4");
  h.Press(SDLK_SPACE);
  if (h.View() != "more") Die("expected the tell-more screen, got " + h.View());
  h.Type(
      "The carers are kind and always on time, but the evening visit is too short to help "
      "with dinner. Could the council look at longer visits for people who live alone? "
      "Thank you for asking.");
  results.push_back(Measure(h, kiosk_context, form));

  h.Press(SDLK_TAB);     // leave the field
  h.Press(SDLK_RETURN);  // continue
  if (h.View() != "review") Die("expected the review screen, got " + h.View());
  results.push_back(Measure(h, kiosk_context, form));

  const Result* worst = &results[0];
  for (const Result& r : results) {
    if (r.ratio() > worst->ratio()) worst = &r;
  }
  ImGui::SetCurrentContext(kiosk_context);  // ~KioskHarness destroys the current one
  Summary(absl::StrFormat(
      "P12 kiosk_frame_cpu: %s screen %.1f us vs ImGui form (%zu widgets) %.1f us = %.2fx (goal <= 3.00x)",
      worst->view, worst->kiosk_us, worst->widgets, worst->form_us, worst->ratio()));
  return 0;
}

}  // namespace
}  // namespace carevoice::bench

int main() { return carevoice::bench::Main(); }
