// The kiosk's widget toolkit on top of Dear ImGui's draw lists. ImGui draws;
// the kiosk decides: every widget here lays itself out, draws in the theme's
// colours, registers {id, label, role, state, hint, box} with the
// accessibility registry, and records the text it drew so tests can check
// that everything shown is also spoken. Activation comes from the kiosk's own
// key and pointer handling (KioskUi), never from ImGui. UI thread only, and
// only between ImGui::NewFrame and ImGui::Render.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "accessibility/focus.h"
#include "accessibility/registry.h"
#include "accessibility/theme.h"
#include "client/app/texts.h"
#include "client/ui/shape_cache.h"
#include "imgui.h"

namespace carevoice::client::ui {

struct Fonts {
  ImFont* body = nullptr;       // DejaVu Sans, >= 40 px
  ImFont* heading = nullptr;    // DejaVu Sans Bold
  ImFont* reference = nullptr;  // DejaVu Sans Mono Bold, very large
  float body_size = 40.0f;
};

// A string drawn on screen and the words that stand for it in speech
// (the same, except e.g. a reference code spoken letter by letter), and the
// lines it was drawn in, exactly as drawn (empty for text the toolkit does
// not wrap itself, such as what a person typed into a field).
struct DrawnText {
  std::string shown;
  std::string spoken;
  std::vector<std::string> lines;
};

// How a face is drawn inside a rating choice; 0 means no face.
struct FaceArt {
  int rating = 0;  // 1 (very poor) .. 5 (very good)
};

class Ui {
 public:
  Ui(a11y::Registry& registry, a11y::FocusModel& focus, const a11y::Theme& theme,
     const Fonts& fonts);

  // Starts a frame of a `width` x `height` screen whose scrolling content
  // ends at `content_bottom` (the control bar sits below it).
  void BeginFrame(float width, float height, float content_bottom);
  // Ends layout; keeps the focused item in view for the next frame.
  void EndFrame();

  // Input decided by the kiosk for this frame.
  void SetActivation(std::string id) { activate_id_ = std::move(id); }
  void SetPointer(float x, float y, std::string pressed_id) {
    pointer_x_ = x;
    pointer_y_ = y;
    pressed_id_ = std::move(pressed_id);
  }

  // The screen's title and instruction (spoken on entry, used by Help).
  void Title(const Text& title, const Text& instruction);
  const Text& title() const { return title_; }
  const Text& instruction() const { return instruction_; }

  // A paragraph; in Easy Read its picture stands beside it.
  void Paragraph(std::string_view id, const Text& text);
  void ErrorText(std::string_view id, const Text& text);
  // How far something long has got: `label` in words (which is what is
  // spoken, so it should change in steps, not on every frame), over a bar
  // filled to `fraction` (0..1) in the text colour, framed.
  void Progress(std::string_view id, float fraction, const Text& label);
  // A reference code in very large letters; `spoken` is how it is said.
  void Reference(std::string_view id, std::string_view shown,
                 std::string_view spoken);

  // A full-width (or grid-cell) button. Returns true when chosen.
  bool Button(std::string_view id, const Text& label, const Text& hint = {});
  // The next button is urgent or overdue: framed thickly in the theme's
  // error colour. Its words must say so too; colour is never alone.
  void MarkNextUrgent() { next_urgent_ = true; }
  // One of a set; `selected` is shown and spoken.
  bool Choice(std::string_view id, const Text& label, bool selected, FaceArt face = {},
              const Text& hint = {});
  // An on/off setting, shown with a tick box and spoken as "on"/"off".
  bool Toggle(std::string_view id, const Text& label, bool on, const Text& on_word,
              const Text& off_word);
  // A multi-line field showing `text`; typing is routed to it by the
  // kiosk while it has focus.
  // `personal` (a name, phone, email, address): the typed value is not
  // spoken through the kiosk's speaker unless private listening is on.
  void TextField(std::string_view id, const Text& label, std::string_view text,
                 const Text& hint, const Text& empty_state, bool personal = false);

  // The word spoken for a chosen item ("selected"), in the speech language.
  void SetSelectedWord(std::string word) { selected_word_ = std::move(word); }

  // A row of an on-screen keyboard. At row level the row is one item (its
  // spoken label lists its keys) and its keys answer touch directly; at key
  // level (`keys_level`) its keys are the items, and nothing outside this
  // row takes focus. Returns the id of the key chosen, or "", and sets
  // `*row_chosen` when the row itself was chosen.
  struct KeySpec {
    std::string id;
    Text label;
    bool on = false;  // a toggle key that is on (capitals)
  };
  std::string KeyRow(std::string_view row_id, const Text& row_label,
                     const std::vector<KeySpec>& keys, bool keys_level, bool* row_chosen);
  // While a keyboard row is open, only its keys may take focus.
  void SetKeysOnly(bool keys_only) { keys_only_ = keys_only; }

  // Lays out the next widgets in equal columns (1 = full width): at most
  // `columns`, and with `labels` (those of the widgets that follow) as
  // many as let every word of every label fit its cell at the current
  // text size, rows made even -- so no label ever breaks inside a word.
  // A face choice alone on its row stands beside its words.
  void Columns(int columns, const std::vector<Text>& labels = {});

  // How the control bar fits: all its buttons in one or two rows, or, when
  // the text is too large for that, folded to its first two and "More".
  struct BarPlan {
    int columns = 1;
    int rows = 1;
    bool folded = false;
    float row_height = 0;
    float height = 0;
  };
  BarPlan PlanBar(const std::vector<Text>& labels, const Text& more, float width,
                  float height) const;
  // The fixed control bar along the bottom edge: same place on every
  // screen. Each button is registered like any other.
  void BeginBar(float top, const BarPlan& plan);

  // The caption strip: the words last spoken, shown for people who cannot
  // hear them. Not registered or recorded: it is itself the speech.
  void Caption(std::string_view text, a11y::Rect box);
  float CaptionHeight(std::string_view text, float width) const;
  // The end of `text` that fits the caption strip.
  std::string_view CaptionTail(std::string_view text, float width) const;

  // A new view starts at its top, and lays its text out afresh.
  void ResetScroll() {
    scroll_ = 0;
    manual_scroll_ = false;
    layouts_.clear();
  }
  // Scrolls the content by a page (pages > 0: down), for the scroll
  // buttons and the mouse wheel; focus no longer pulls the view back until
  // it moves again.
  void ScrollBy(float pages);
  // True when the content is taller than its area (scroll buttons shown).
  bool overflowing() const { return overflow_; }
  // True when the last frame moved the layout, so another should follow.
  bool relayout() const { return relayout_; }
  void SetScrollLabels(std::string up, std::string down) {
    scroll_up_label_ = std::move(up);
    scroll_down_label_ = std::move(down);
  }

  // Draws the focus ring around the focused item (after focus Sync).
  void DrawFocusRing();

  std::span<const DrawnText> drawn() const { return {drawn_.data(), drawn_count_}; }
  const a11y::Theme& theme() const { return theme_; }
  const Fonts& fonts() const { return fonts_; }
  void SetFonts(const Fonts& fonts) {
    fonts_ = fonts;
    layouts_.clear();  // new glyphs, new sizes
    fits_.clear();
    shapes_.Clear();   // a new atlas, a new white pixel
    bar_plan_key_.clear();
  }
  float scroll() const { return scroll_; }

 private:
  a11y::Rect Place(float height);
  bool Clickable(std::string_view id, a11y::Rect box);
  // Whether any of `box` can be seen (content scrolled out of view cannot).
  bool OnScreen(const a11y::Rect& box) const;
  void DrawTextIn(ImFont* font, float size, a11y::Rect box, ImU32 colour,
                  std::string_view text, bool centred);
  float TextHeight(ImFont* font, float size, float wrap, std::string_view text) const;
  // True when every word of `text` fits `wrap` pixels at `size`, so that
  // wrapping never has to break a word.
  bool WordsFit(ImFont* font, float size, float wrap, std::string_view text) const;
  void Register(std::string_view id, std::string_view label, a11y::Role role,
                std::string_view state, std::string_view hint, a11y::Rect box,
                bool focusable, bool decorative = false, bool key = false,
                bool personal = false);
  float CellWidth() const;
  void TextBlock(std::string_view id, const Text& text, ImFont* font, float size,
                 a11y::Rgb colour, a11y::Role role);
  bool Face(std::string_view id, const Text& label, a11y::Role role, std::string state,
            bool selected, FaceArt face, bool tick, const Text& hint);
  void Record(std::string_view shown, std::string_view spoken);
  void ScrollButtons(float visible, float total);
  float InnerWidth() const;

  a11y::Registry& registry_;
  a11y::FocusModel& focus_;
  const a11y::Theme& theme_;
  Fonts fonts_;
  ImDrawList* draw_ = nullptr;
  ShapeCache shapes_;  // framed boxes, tessellated once

  std::string activate_id_;
  std::string pressed_id_;
  float pointer_x_ = -1, pointer_y_ = -1;

  // Text laid out this view: (font, size, wrap, text) -> lines as
  // (offset, length, width). Bounded: cleared when it grows past a view's
  // worth, e.g. while a person types.
  // Looked up by a view of the text, without copying it.
  struct LayoutKeyView {
    const ImFont* font;
    float size, wrap;
    std::string_view text;
    bool operator==(const LayoutKeyView&) const = default;
  };
  struct LayoutKey {
    const ImFont* font;
    float size, wrap;
    std::string text;
    operator LayoutKeyView() const { return {font, size, wrap, text}; }
  };
  struct LayoutKeyHash {
    using is_transparent = void;
    std::size_t operator()(const LayoutKeyView& k) const;
  };
  struct LayoutKeyEq {
    using is_transparent = void;
    bool operator()(const LayoutKeyView& a, const LayoutKeyView& b) const { return a == b; }
  };
  struct LaidLine {
    std::uint32_t offset, length;
    float width;
  };
  // `text` broken into lines at `wrap` pixels, each with its offset, length
  // and width: laid out once per view and kept (a frame must not wrap and
  // measure every string again, PERFORMANCE.md's P12). Valid until the
  // cache is next cleared.
  const std::vector<LaidLine>& Laid(ImFont* font, float size, float wrap,
                                    std::string_view text) const;
  mutable std::unordered_map<LayoutKey, std::vector<LaidLine>, LayoutKeyHash, LayoutKeyEq>
      layouts_;
  // WordsFit's answers, by the same key.
  mutable std::unordered_map<LayoutKey, bool, LayoutKeyHash, LayoutKeyEq> fits_;
  bool MeasureWordsFit(ImFont* font, float size, float wrap, std::string_view text) const;
  BarPlan MeasureBar(const std::vector<Text>& labels, const Text& more, float width,
                     float height) const;
  // The last bar planned, and what it was planned for.
  mutable std::string bar_plan_key_;
  mutable BarPlan bar_plan_;

  Text title_, instruction_;
  std::vector<DrawnText> drawn_;  // the first drawn_count_ are this frame's
  std::size_t drawn_count_ = 0;
  // The lines of the string DrawTextIn drew last, for Record.
  std::string last_text_;
  std::vector<std::string> last_lines_;

  // Layout, in screen pixels.
  float width_ = 0, height_ = 0;
  float margin_ = 24, gap_ = 16;
  float content_top_ = 0, content_bottom_ = 0;
  float y_ = 0;            // next item's top, in content coordinates
  float scroll_ = 0;       // content scrolled up by this much
  int columns_ = 1, column_ = 0;
  float row_height_ = 0;
  bool overflow_ = false;         // last frame's content did not fit
  bool manual_scroll_ = false;    // scrolled by hand since focus moved
  bool relayout_ = false;
  bool keys_only_ = false;
  std::string scroll_up_label_ = "Scroll up", scroll_down_label_ = "Scroll down";
  std::uint64_t focus_serial_ = 0;
  a11y::Rect focused_full_box_;  // the focused item before clipping
  bool focused_drawn_ = false;
  bool in_bar_ = false;
  float bar_top_ = 0, bar_row_height_ = 0;
  int bar_columns_ = 1, bar_index_ = 0;
  std::string selected_word_ = "selected";
  bool next_urgent_ = false;
};

}  // namespace carevoice::client::ui
