#include "client/ui/ui.h"

#include <algorithm>
#include <utility>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "client/ui/pictures.h"

namespace carevoice::client::ui {
namespace {

constexpr float kPadding = 16.0f;
constexpr float kMinTarget = 80.0f;  // comfortably above the 53 px (9 mm) floor
constexpr float kBorder = 3.0f;
constexpr float kRounding = 10.0f;
// Captions are subtitles for the speech: at most three lines at the default
// text size, rolling on to the newest words, so at large text sizes they
// never crowd out the screen they describe.
constexpr int kCaptionLines = 3;
constexpr float kCaptionSize = 40.0f;

ImU32 Colour(a11y::Rgb c) {
  auto channel = [](float v) {
    return static_cast<int>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f));
  };
  return IM_COL32(channel(c.r), channel(c.g), channel(c.b), 255);
}

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// The lines `text` is drawn in at `size` within `wrap` pixels (0: no
// wrapping): greedy, breaking only at blanks and new lines, the blanks at
// each break dropped. (ImFont's own word wrap also breaks after punctuation
// inside a word and cuts words anywhere when they do not fit.) Only a word
// wider than `wrap` by itself is cut, as a last resort: layouts avoid that
// (Ui::WordsFit) and the layout test fails on it. Dear ImGui 1.86 has no
// kerning, so widths add up.
std::vector<std::string_view> WrapLines(ImFont* font, float size, float wrap,
                                        std::string_view text) {
  std::vector<std::string_view> lines;
  auto width = [&](const char* b, const char* e) {
    return font->CalcTextSizeA(size, FLT_MAX, 0, b, e).x;
  };
  const char* s = text.data();
  const char* end = s + text.size();
  while (true) {
    const char* hard = std::find(s, end, '\n');
    // One paragraph, [s, hard).
    const char* line = s;
    float line_w = 0;         // up to the end of the line's last word
    const char* line_end = s;
    const char* p = s;
    while (p < hard) {
      const char* word = p;
      while (word < hard && IsBlank(*word)) ++word;
      if (word == hard) break;
      const char* word_end = word;
      while (word_end < hard && !IsBlank(*word_end)) ++word_end;
      float blank_w = line_end > line ? width(line_end, word) : 0;
      float word_w = width(word, word_end);
      if (line_end > line && line_w + blank_w + word_w > wrap && wrap > 0) {
        lines.emplace_back(line, static_cast<std::size_t>(line_end - line));
        line = word;
        line_end = word;
        line_w = 0;
        blank_w = 0;
      }
      if (line_end == line) line = word;
      if (wrap > 0 && word_w > wrap) {
        // A word wider than the line: cut it (never for a label).
        const char* c = word;
        float w = 0;
        while (c < word_end) {
          const char* next = c + 1;
          while (next < word_end && (static_cast<unsigned char>(*next) & 0xC0) == 0x80) ++next;
          float cw = width(c, next);
          if (w + cw > wrap && c > line) {
            lines.emplace_back(line, static_cast<std::size_t>(c - line));
            line = c;
            w = 0;
          }
          w += cw;
          c = next;
        }
        line_w = w;
      } else {
        line_w += blank_w + word_w;
      }
      line_end = word_end;
      p = word_end;
    }
    lines.emplace_back(line, static_cast<std::size_t>(line_end - line));
    if (hard == end) break;
    s = hard + 1;
  }
  return lines;
}

ImVec2 Min(const a11y::Rect& r) { return {r.x, r.y}; }
ImVec2 Max(const a11y::Rect& r) { return {r.x + r.w, r.y + r.h}; }

// A filled, rounded box with a border `border` pixels wide. Drawn as two
// fills (the border's colour, then the face inset), which looks the same
// as a stroked outline at a fraction of the cost of ImGui's thick
// anti-aliased polylines: every button and key is framed on every frame.
// The shapes repeat from frame to frame and are copied from `shapes`.
void Framed(ShapeCache& shapes, ImDrawList* draw, const a11y::Rect& box, ImU32 face,
            ImU32 border, float rounding, float width) {
  shapes.FillRounded(draw, Min(box), Max(box), border, rounding);
  shapes.FillRounded(draw, {box.x + width, box.y + width},
                     {box.x + box.w - width, box.y + box.h - width}, face,
                     std::max(0.0f, rounding - width));
}

}  // namespace

Ui::Ui(a11y::Registry& registry, a11y::FocusModel& focus,
       const a11y::Theme& theme, const Fonts& fonts)
    : registry_(registry), focus_(focus), theme_(theme), fonts_(fonts) {
  // Rounded corners of 10 px need no finer arcs than this (in pixels of
  // error): every button and key is drawn each frame.
  if (ImGui::GetCurrentContext() != nullptr) ImGui::GetStyle().CircleTessellationMaxError = 0.6f;
}

void Ui::BeginFrame(float width, float height, float content_bottom) {
  width_ = width;
  height_ = height;
  margin_ = std::max(16.0f, std::round(fonts_.body_size * 0.6f));
  gap_ = std::round(fonts_.body_size * 0.4f);
  content_top_ = margin_;
  content_bottom_ = content_bottom;
  y_ = 0;
  columns_ = 1;
  column_ = 0;
  row_height_ = 0;
  in_bar_ = false;
  focused_drawn_ = false;
  relayout_ = false;
  title_ = {};
  instruction_ = {};
  drawn_count_ = 0;
  registry_.BeginFrame();
  draw_ = ImGui::GetBackgroundDrawList();
  draw_->AddRectFilled({0, 0}, {width, height}, Colour(theme_.background));
  draw_->PushClipRect({0, content_top_ - gap_}, {width, content_bottom_}, false);
}

void Ui::EndFrame() {
  if (!in_bar_) draw_->PopClipRect();
  float scroll_before = scroll_;
  bool overflow_before = overflow_;
  float visible = content_bottom_ - content_top_;
  float total = y_ + (column_ > 0 ? row_height_ + gap_ : 0);
  if (focus_.serial() != focus_serial_) {
    focus_serial_ = focus_.serial();
    manual_scroll_ = false;
  }
  if (focused_drawn_ && !manual_scroll_) {
    // Keep the focused item in view: focus is never hidden (WCAG 2.4.11).
    float top = focused_full_box_.y + scroll_ - content_top_;
    float bottom = top + focused_full_box_.h;
    if (top < scroll_) scroll_ = top;
    if (bottom > scroll_ + visible) scroll_ = bottom - visible;
  }
  scroll_ = std::clamp(scroll_, 0.0f, std::max(0.0f, total - visible));
  bool overflow = total > visible + 1;
  if (overflow && overflow_) ScrollButtons(visible, total);
  overflow_ = overflow;
  // What moved will only show on the next frame.
  relayout_ = relayout_ || scroll_ != scroll_before || overflow_ != overflow_before;
}

void Ui::ScrollBy(float pages) {
  scroll_ += pages * (content_bottom_ - content_top_) * 0.8f;
  manual_scroll_ = true;
  relayout_ = true;
}

void Ui::ScrollButtons(float visible, float total) {
  // No gestures: a person who can only touch scrolls with two large
  // buttons. Keyboard and switch users never need them (focus scrolls).
  float x = width_ - margin_ - kMinTarget;
  a11y::Rect up{x, content_top_, kMinTarget, kMinTarget};
  a11y::Rect down{x, content_bottom_ - kMinTarget, kMinTarget, kMinTarget};
  ImDrawList* draw = ImGui::GetForegroundDrawList();
  auto button = [&](const char* id, a11y::Rect box, bool is_up, bool enabled) {
    Framed(shapes_, draw, box, Colour(enabled ? theme_.button : theme_.button_disabled),
           Colour(theme_.border), kRounding, kBorder);
    float cx = box.x + box.w / 2, cy = box.y + box.h / 2, r = box.w * 0.28f;
    ImU32 ink = Colour(enabled ? theme_.button_text : theme_.button_disabled_text);
    if (is_up) {
      draw->AddTriangleFilled({cx, cy - r}, {cx + r, cy + r * 0.7f}, {cx - r, cy + r * 0.7f}, ink);
    } else {
      draw->AddTriangleFilled({cx - r, cy - r * 0.7f}, {cx + r, cy - r * 0.7f}, {cx, cy + r}, ink);
    }
    Register(id, is_up ? scroll_up_label_ : scroll_down_label_, a11y::Role::kButton, "",
             "", box, false);
    if (enabled && Clickable(id, box)) ScrollBy(is_up ? -1.0f : 1.0f);
  };
  bool was_in_bar = in_bar_;
  in_bar_ = true;  // registered as drawn: not clipped to the content
  button("scroll.up", up, true, scroll_ > 0);
  button("scroll.down", down, false, scroll_ + visible < total);
  in_bar_ = was_in_bar;
}

void Ui::Columns(int columns, const std::vector<Text>& labels) {
  if (column_ > 0) {  // finish a partly filled row
    y_ += row_height_ + gap_;
    column_ = 0;
    row_height_ = 0;
  }
  columns = std::max(1, columns);
  if (!labels.empty()) {
    // At most `columns`: the most for which every word of every label fits
    // its cell, so that no word is ever broken across lines.
    const int n = static_cast<int>(labels.size());
    columns = std::min(columns, n);
    for (; columns > 1; --columns) {
      columns_ = columns;
      float wrap = CellWidth() - 2 * kPadding;
      if (std::all_of(labels.begin(), labels.end(), [&](const Text& label) {
            return WordsFit(fonts_.body, fonts_.body_size, wrap, label.shown);
          })) {
        break;
      }
    }
    // Rows as even as they can be: five in three columns, not four and one.
    int rows = (n + columns - 1) / columns;
    columns = (n + rows - 1) / rows;
  }
  columns_ = columns;
}

float Ui::InnerWidth() const {
  // Room for the scroll column when the content overflows.
  float scroll_column = overflow_ && !in_bar_ ? kMinTarget + gap_ : 0;
  return width_ - 2 * margin_ - scroll_column;
}

a11y::Rect Ui::Place(float height) {
  float left = margin_;
  float inner = InnerWidth();
  if (in_bar_) {
    float cell = CellWidth();
    int row = bar_index_ / bar_columns_, column = bar_index_ % bar_columns_;
    ++bar_index_;
    return {left + column * (cell + gap_), bar_top_ + row * (bar_row_height_ + gap_), cell,
            bar_row_height_};
  }
  if (columns_ == 1) {
    a11y::Rect r{left, content_top_ + y_ - scroll_, inner, height};
    y_ += height + gap_;
    return r;
  }
  float cell = (inner - gap_ * (columns_ - 1)) / columns_;
  a11y::Rect r{left + column_ * (cell + gap_), content_top_ + y_ - scroll_, cell,
               height};
  row_height_ = std::max(row_height_, height);
  if (++column_ == columns_) {
    y_ += row_height_ + gap_;
    column_ = 0;
    row_height_ = 0;
  }
  return r;
}

std::size_t Ui::LayoutKeyHash::operator()(const LayoutKeyView& k) const {
  std::size_t h = std::hash<std::string_view>()(k.text);
  h ^= std::hash<const void*>()(k.font) + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  h ^= std::hash<float>()(k.size) + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  h ^= std::hash<float>()(k.wrap) + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  return h;
}

const std::vector<Ui::LaidLine>& Ui::Laid(ImFont* font, float size, float wrap,
                                          std::string_view text) const {
  constexpr std::size_t kMaxLayouts = 2048;
  auto it = layouts_.find(LayoutKeyView{font, size, wrap, text});
  if (it == layouts_.end()) {
    if (layouts_.size() >= kMaxLayouts) layouts_.clear();
    std::vector<LaidLine> laid;
    for (std::string_view line : WrapLines(font, size, wrap, text)) {
      float w = font->CalcTextSizeA(size, FLT_MAX, 0, line.data(), line.data() + line.size()).x;
      laid.push_back({static_cast<std::uint32_t>(line.data() - text.data()),
                      static_cast<std::uint32_t>(line.size()), w});
    }
    it = layouts_.emplace(LayoutKey{font, size, wrap, std::string(text)}, std::move(laid)).first;
  }
  return it->second;
}

float Ui::TextHeight(ImFont* font, float size, float wrap,
                     std::string_view text) const {
  return std::max(1, static_cast<int>(Laid(font, size, wrap, text).size())) * size;
}

bool Ui::WordsFit(ImFont* font, float size, float wrap, std::string_view text) const {
  // Asked of every choice on every frame (rows reflow by it): measured once.
  auto known = fits_.find(LayoutKeyView{font, size, wrap, text});
  if (known != fits_.end()) return known->second;
  if (fits_.size() >= 2048) fits_.clear();
  const bool fits = MeasureWordsFit(font, size, wrap, text);
  fits_.emplace(LayoutKey{font, size, wrap, std::string(text)}, fits);
  return fits;
}

bool Ui::MeasureWordsFit(ImFont* font, float size, float wrap, std::string_view text) const {
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (IsBlank(text[i]) || text[i] == '\n')) ++i;
    std::size_t j = i;
    while (j < text.size() && !IsBlank(text[j]) && text[j] != '\n') ++j;
    if (j > i && font->CalcTextSizeA(size, FLT_MAX, 0, text.data() + i, text.data() + j).x >
                     wrap) {
      return false;
    }
    i = j;
  }
  return true;
}

bool Ui::OnScreen(const a11y::Rect& box) const {
  // The bar is always drawn; content is clipped as BeginFrame's clip rect.
  return in_bar_ || (box.y < content_bottom_ && box.y + box.h > content_top_ - gap_);
}

void Ui::DrawTextIn(ImFont* font, float size, a11y::Rect box, ImU32 colour,
                    std::string_view text, bool centred) {
  float wrap = box.w - 2 * kPadding;
  const std::vector<LaidLine>& lines = Laid(font, size, wrap, text);
  float y = box.y + (box.h - lines.size() * size) / 2;
  last_text_.assign(text);
  last_lines_.clear();
  // Scrolled out of sight: laid out and recorded (the layout checks read
  // the lines), not drawn.
  const bool seen = OnScreen(box);
  for (const LaidLine& line : lines) {
    const std::string_view shown = text.substr(line.offset, line.length);
    if (seen) {
      float x = centred ? box.x + (box.w - line.width) / 2 : box.x + kPadding;
      draw_->AddText(font, size, {std::round(x), std::round(y)}, colour, shown.data(),
                     shown.data() + shown.size());
    }
    last_lines_.emplace_back(shown);
    y += size;
  }
}

void Ui::Register(std::string_view id, std::string_view label, a11y::Role role,
                  std::string_view state, std::string_view hint, a11y::Rect box,
                  bool focusable, bool decorative, bool key, bool personal) {
  // An open keyboard row keeps the scan on its keys.
  if (keys_only_ && !key) focusable = false;
  a11y::WidgetInfo& info = registry_.Add();
  info.id.assign(id);
  info.label.assign(label);
  info.role = role;
  info.state.assign(state);
  info.hint.assign(hint);
  if (!in_bar_) {
    if (focusable && id == focus_.focused_id()) {
      focused_full_box_ = box;
      focused_drawn_ = true;
    }
    // Register only what is visible, so touch never reaches a hidden item
    // and boxes describe what a person can see.
    float top = std::clamp(box.y, 0.0f, content_bottom_);
    float bottom = std::clamp(box.y + box.h, 0.0f, content_bottom_);
    info.clipped = top > box.y || bottom < box.y + box.h;
    box.y = top;
    box.h = std::max(0.0f, bottom - top);
  }
  info.box = box;
  info.focusable = focusable;
  info.decorative = decorative;
  info.personal = personal;
}

void Ui::Record(std::string_view shown, std::string_view spoken) {
  // The entries keep their strings' storage from frame to frame.
  if (drawn_count_ == drawn_.size()) drawn_.emplace_back();
  DrawnText& text = drawn_[drawn_count_++];
  text.shown.assign(shown);
  text.spoken.assign(spoken);
  text.lines.clear();
  if (last_text_ == shown) text.lines.assign(last_lines_.begin(), last_lines_.end());
  last_text_.clear();
  last_lines_.clear();
}

void Ui::TextBlock(std::string_view id, const Text& text, ImFont* font, float size,
                   a11y::Rgb colour, a11y::Role role) {
  bool picture = !text.picture.empty() && HasPicture(text.picture);
  float side = picture ? std::round(fonts_.body_size * 1.8f) : 0;
  float indent = picture ? side + gap_ : 0;
  float wrap = InnerWidth() - indent;
  // A heading whose longest word is wider than the screen at the largest
  // text (a long Polish or Welsh word on a portrait tablet) comes down
  // towards the body size rather than break the word.
  const float smallest = std::min(size, fonts_.body_size);
  while (size > smallest && !WordsFit(font, size, wrap, text.shown)) {
    size = std::max(smallest, std::floor(size * 0.9f));
  }
  a11y::Rect box = Place(std::max(TextHeight(font, size, wrap, text.shown), side));
  if (picture) {
    // Easy Read: the picture illustrates the words beside it, which are
    // spoken, so it is marked decorative and stays silent.
    a11y::Rect art{box.x, box.y, side, side};
    DrawPicture(draw_, text.picture, Min(art), Max(art), Colour(theme_.text),
                Colour(theme_.background));
    Register(std::string(id) + ".picture", text.picture, a11y::Role::kImage, "", "", art,
             false, /*decorative=*/true);
  }
  // The text box reaches into the padding so the text sits on the margin.
  a11y::Rect text_box{box.x + indent - kPadding, box.y, box.w - indent + 2 * kPadding, box.h};
  DrawTextIn(font, size, text_box, Colour(colour), text.shown, false);
  Register(id, text.spoken, role, "", "", text_box, false);
  Record(text.shown, text.spoken);
}

void Ui::Title(const Text& title, const Text& instruction) {
  title_ = title;
  instruction_ = instruction;
  TextBlock("title", title, fonts_.heading, std::round(fonts_.body_size * 1.2f), theme_.text,
            a11y::Role::kHeading);
  if (!instruction.shown.empty()) Paragraph("instruction", instruction);
}

void Ui::Paragraph(std::string_view id, const Text& text) {
  TextBlock(id, text, fonts_.body, fonts_.body_size, theme_.text, a11y::Role::kText);
}

void Ui::Progress(std::string_view id, float fraction, const Text& label) {
  Paragraph(id, label);
  const a11y::Rect box = Place(std::round(fonts_.body_size * 0.8f));
  if (!OnScreen(box)) return;
  const float filled = box.w * std::clamp(fraction, 0.0f, 1.0f);
  draw_->AddRectFilled({box.x, box.y}, {box.x + box.w, box.y + box.h}, Colour(theme_.field));
  if (filled > 0) {
    draw_->AddRectFilled({box.x, box.y}, {box.x + filled, box.y + box.h}, Colour(theme_.text));
  }
  draw_->AddRect({box.x, box.y}, {box.x + box.w, box.y + box.h}, Colour(theme_.border), 0, 0,
                 kBorder);
}

void Ui::ErrorText(std::string_view id, const Text& text) {
  TextBlock(id, text, fonts_.heading, fonts_.body_size, theme_.error_text, a11y::Role::kText);
}

void Ui::Reference(std::string_view id, std::string_view shown,
                   std::string_view spoken) {
  // Very large, but never so large that the code breaks across lines.
  float size = std::round(fonts_.body_size * 2.4f);
  float fits = fonts_.reference->CalcTextSizeA(size, FLT_MAX, 0, shown.data(),
                                               shown.data() + shown.size()).x;
  float room = InnerWidth() - 2 * kPadding;
  if (fits > room) size = std::floor(size * room / fits);
  a11y::Rect box = Place(size * 1.3f);
  DrawTextIn(fonts_.reference, size, box, Colour(theme_.text), shown, true);
  Register(id, spoken, a11y::Role::kText, "", "", box, false);
  Record(shown, spoken);
}

bool Ui::Clickable(std::string_view id, a11y::Rect /*box*/) {
  if (!activate_id_.empty() && activate_id_ == id) {
    activate_id_.clear();
    return true;
  }
  return false;
}

float Ui::CellWidth() const {
  if (in_bar_) return (width_ - 2 * margin_ - gap_ * (bar_columns_ - 1)) / bar_columns_;
  return (InnerWidth() - gap_ * (columns_ - 1)) / columns_;
}

namespace {

// A simple face: outline, two eyes, and a mouth from a deep frown (1) to a
// broad smile (5). Drawn, not loaded, so it scales with the text.
void DrawFace(ImDrawList* draw, ImVec2 centre, float radius, int rating,
              ImU32 ink, ImU32 fill) {
  draw->AddCircleFilled(centre, radius, fill, 48);
  draw->AddCircle(centre, radius, ink, 48, 4.0f);
  float eye = radius * 0.12f;
  draw->AddCircleFilled({centre.x - radius * 0.35f, centre.y - radius * 0.25f}, eye,
                        ink, 16);
  draw->AddCircleFilled({centre.x + radius * 0.35f, centre.y - radius * 0.25f}, eye,
                        ink, 16);
  float mouth_y = centre.y + radius * 0.35f;
  float half = radius * 0.45f;
  if (rating == 3) {
    draw->AddLine({centre.x - half, mouth_y}, {centre.x + half, mouth_y}, ink, 4.0f);
    return;
  }
  // Curvature: 1 and 5 are strong, 2 and 4 gentle.
  float bend = (rating == 1 || rating == 5) ? 0.9f : 0.45f;
  float arc_radius = half / std::sin(bend);
  float drop = arc_radius * std::cos(bend);
  constexpr float kPi = 3.14159265f;
  if (rating > 3) {  // smile: arc below a centre above the mouth
    draw->PathArcTo({centre.x, mouth_y - drop - radius * 0.1f}, arc_radius,
                    kPi / 2 + bend, kPi / 2 - bend, 24);
  } else {           // frown: arc above a centre below the mouth
    draw->PathArcTo({centre.x, mouth_y + drop + radius * 0.1f}, arc_radius,
                    -kPi / 2 - bend, -kPi / 2 + bend, 24);
  }
  draw->PathStroke(ink, 0, 4.0f);
}

}  // namespace

bool Ui::Face(std::string_view id, const Text& label, a11y::Role role, std::string state,
              bool selected, FaceArt face, bool tick, const Text& hint) {
  float tick_side = tick ? std::round(fonts_.body_size * 0.9f) : 0;
  float tick_room = tick ? tick_side + kPadding : 0;
  float wrap = CellWidth() - 2 * kPadding - tick_room;
  float face_side = std::round(fonts_.body_size * 2.1f);
  // One to a row, the face stands beside the words (as an Easy Read
  // picture does) when they fit there; in a grid cell it sits above them.
  bool beside = face.rating > 0 && columns_ == 1 && !in_bar_ &&
                WordsFit(fonts_.body, fonts_.body_size, wrap - face_side - kPadding, label.shown);
  float art_w = beside ? face_side + kPadding : 0;
  float label_h = TextHeight(fonts_.body, fonts_.body_size, wrap - art_w, label.shown);
  float art_h = face.rating > 0 && !beside ? face_side + kPadding : 0;
  float content_h = beside ? std::max(label_h, face_side) : label_h + art_h;
  a11y::Rect box = Place(std::max(kMinTarget, content_h + 2 * kPadding));
  bool pressed = pressed_id_ == id;
  bool hovered = box.Contains(pointer_x_, pointer_y_);
  a11y::Rgb bg = selected  ? theme_.button_selected
                 : pressed ? theme_.button_active
                 : hovered ? theme_.button_hovered
                           : theme_.button;
  a11y::Rgb fg = selected ? theme_.button_selected_text : theme_.button_text;
  // Out of sight above or below the scrolled content, the shapes would
  // only be clipped away: they are not made (the words are still laid out).
  const bool seen = OnScreen(box);
  const bool urgent = std::exchange(next_urgent_, false);
  if (seen) {
    Framed(shapes_, draw_, box, Colour(bg), Colour(urgent ? theme_.error_text : theme_.border),
           kRounding, urgent ? kBorder * 3 : selected ? kBorder * 2 : kBorder);
  }
  a11y::Rect text_box = box;
  if (beside) {
    if (seen) {
      DrawFace(draw_, {box.x + kPadding + face_side / 2, box.y + box.h / 2}, face_side / 2,
               face.rating, Colour(fg), Colour(bg));
    }
    text_box.x += art_w;
    text_box.w -= art_w;
  } else if (face.rating > 0) {
    if (seen) {
      DrawFace(draw_, {box.x + box.w / 2, box.y + kPadding + face_side / 2}, face_side / 2,
               face.rating, Colour(fg), Colour(bg));
    }
    text_box.y += art_h;
    text_box.h -= art_h;
  }
  if (tick && seen) {
    // The state is shown by the box (ticked or empty) as well as spoken.
    ImVec2 a{box.x + kPadding, box.y + (box.h - tick_side) / 2};
    ImVec2 b{a.x + tick_side, a.y + tick_side};
    Framed(shapes_, draw_, {a.x, a.y, b.x - a.x, b.y - a.y}, Colour(theme_.field), Colour(fg), 4.0f,
           kBorder);
    if (selected) {
      float t = tick_side;
      draw_->AddLine({a.x + t * 0.2f, a.y + t * 0.55f}, {a.x + t * 0.42f, a.y + t * 0.78f},
                     Colour(theme_.field_text), t * 0.14f);
      draw_->AddLine({a.x + t * 0.42f, a.y + t * 0.78f}, {a.x + t * 0.82f, a.y + t * 0.25f},
                     Colour(theme_.field_text), t * 0.14f);
    }
  }
  if (tick) {
    text_box.x += tick_room;
    text_box.w -= tick_room;
  }
  DrawTextIn(fonts_.body, fonts_.body_size, text_box, Colour(fg), label.shown,
             !tick && !beside);
  Register(id, label.spoken, role, state, hint.spoken, box, true);
  return Clickable(id, box);
}

bool Ui::Button(std::string_view id, const Text& label, const Text& hint) {
  bool chosen = Face(id, label, a11y::Role::kButton, "", false, {}, false, hint);
  Record(label.shown, label.spoken);
  return chosen;
}

bool Ui::Choice(std::string_view id, const Text& label, bool selected, FaceArt face,
                const Text& hint) {
  bool chosen = Face(id, label, a11y::Role::kRadio, selected ? selected_word_ : "", selected,
                     face, false, hint);
  Record(label.shown, label.spoken);
  return chosen;
}

bool Ui::Toggle(std::string_view id, const Text& label, bool on, const Text& on_word,
                const Text& off_word) {
  const Text& word = on ? on_word : off_word;
  // Shown as "Easy Read: on"; spoken as "Tick box, Easy Read, on, ...".
  Text shown{label.shown + ": " + word.shown, label.spoken, ""};
  bool chosen = Face(id, shown, a11y::Role::kCheckbox, word.spoken, on, {}, true, {});
  Record(shown.shown, label.spoken + ", " + word.spoken);
  return chosen;
}

std::string Ui::KeyRow(std::string_view row_id, const Text& row_label,
                       const std::vector<KeySpec>& keys, bool keys_level, bool* row_chosen) {
  *row_chosen = false;
  if (keys.empty()) return "";
  // As many keys to a line as fit their widest label, at most ten.
  float widest = 0;
  for (const KeySpec& k : keys) {
    widest = std::max(widest, fonts_.body->CalcTextSizeA(fonts_.body_size, FLT_MAX, 0,
                                                          k.label.shown.c_str()).x);
  }
  float inner = InnerWidth() - 2 * kPadding;
  float small_gap = std::round(gap_ / 2);
  int per_line = static_cast<int>((inner + small_gap) / (widest + 2 * kPadding + small_gap));
  per_line = std::clamp(per_line, 1, std::min<int>(10, static_cast<int>(keys.size())));
  int lines = (static_cast<int>(keys.size()) + per_line - 1) / per_line;
  float key_h = std::max(kMinTarget, fonts_.body_size + 2 * kPadding);
  a11y::Rect box = Place(lines * key_h + (lines - 1) * small_gap + 2 * kPadding);
  bool open = keys_level;
  // The row's frame is a border on the page's own background.
  Framed(shapes_, draw_, box, Colour(theme_.background), Colour(open ? theme_.focus_ring : theme_.border),
         kRounding, open ? kBorder * 2 : kBorder);
  // The row first: touch finds the keys drawn over it (HitTest searches
  // from the last item).
  Register(row_id, row_label.spoken, a11y::Role::kButton, "", "", box, !keys_level);
  std::string chosen;
  if (Clickable(row_id, box)) *row_chosen = true;
  float key_w = (inner - small_gap * (per_line - 1)) / per_line;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const KeySpec& k = keys[i];
    int line = static_cast<int>(i) / per_line, column = static_cast<int>(i) % per_line;
    a11y::Rect r{box.x + kPadding + column * (key_w + small_gap),
                 box.y + kPadding + line * (key_h + small_gap), key_w, key_h};
    bool pressed = pressed_id_ == k.id;
    a11y::Rgb face = k.on ? theme_.button_selected : pressed ? theme_.button_active : theme_.button;
    if (OnScreen(r)) {
      Framed(shapes_, draw_, r, Colour(face), Colour(theme_.border), kRounding, kBorder);
    }
    DrawTextIn(fonts_.body, fonts_.body_size, r,
               Colour(k.on ? theme_.button_selected_text : theme_.button_text), k.label.shown,
               true);
    Register(k.id, k.label.spoken, a11y::Role::kButton, k.on ? selected_word_ : "", "", r,
             keys_level, false, /*key=*/true);
    Record(k.label.shown, k.label.spoken);
    if (Clickable(k.id, r)) chosen = k.id;
  }
  return chosen;
}

void Ui::TextField(std::string_view id, const Text& label, std::string_view text,
                   const Text& hint, const Text& empty_state, bool personal) {
  Paragraph(std::string(id) + ".label", label);
  float wrap = InnerWidth() - 2 * kPadding;
  bool focused = focus_.focused_id() == id;
  // The caret is drawn as a bar after the last character.
  std::string shown = std::string(text) + (focused ? "|" : "");
  // Typed text is drawn by ImGui's own wrap, so measured by it too.
  float text_h = std::max(fonts_.body_size,
                          fonts_.body->CalcTextSizeA(fonts_.body_size, FLT_MAX, wrap,
                                                     shown.data(),
                                                     shown.data() + shown.size()).y);
  // Room for a few lines, but never more than a small screen can show.
  float min_h = fonts_.body_size * (fonts_.body_size > kCaptionSize * 1.4f ? 2.4f : 3.6f);
  a11y::Rect box = Place(std::max(min_h, text_h + 2 * kPadding));
  Framed(shapes_, draw_, box, Colour(theme_.field), Colour(theme_.border), 6.0f, kBorder);
  draw_->AddText(fonts_.body, fonts_.body_size, {box.x + kPadding, box.y + kPadding},
                 Colour(theme_.field_text), shown.data(), shown.data() + shown.size(),
                 wrap);
  std::string state = text.empty() ? empty_state.spoken : std::string(text);
  Register(id, label.spoken, a11y::Role::kTextField, state, hint.spoken, box, true,
           /*decorative=*/false, /*key=*/false, personal);
  if (!text.empty()) Record(text, text);
}

Ui::BarPlan Ui::PlanBar(const std::vector<Text>& labels, const Text& more, float width,
                       float height) const {
  // The same labels on the same screen plan the same bar: measured once,
  // not on every frame.
  std::string key = absl::StrCat(width, "x", height, "@", fonts_.body_size);
  for (const Text& label : labels) absl::StrAppend(&key, "\x1f", label.shown);
  absl::StrAppend(&key, "\x1f", more.shown);
  if (key == bar_plan_key_) return bar_plan_;
  bar_plan_ = MeasureBar(labels, more, width, height);
  bar_plan_key_ = std::move(key);
  return bar_plan_;
}

Ui::BarPlan Ui::MeasureBar(const std::vector<Text>& labels, const Text& more, float width,
                          float height) const {
  float margin = std::max(16.0f, std::round(fonts_.body_size * 0.6f));
  float gap = std::round(fonts_.body_size * 0.4f);
  // A layout fits when every word of every label fits its cell and no label
  // needs more than `lines` lines.
  auto fits = [&](const std::vector<Text>& set, int columns, int lines, float* row_height) {
    float cell = (width - 2 * margin - gap * (columns - 1)) / columns - 2 * kPadding;
    float tallest = 0;
    for (const Text& label : set) {
      if (!WordsFit(fonts_.body, fonts_.body_size, cell, label.shown)) return false;
      float h = TextHeight(fonts_.body, fonts_.body_size, cell, label.shown);
      if (h > fonts_.body_size * (lines + 0.6f)) return false;
      tallest = std::max(tallest, h);
    }
    *row_height = std::max(kMinTarget, tallest + 2 * kPadding);
    return true;
  };
  std::vector<Text> folded(labels.begin(), labels.begin() + std::min<std::size_t>(2, labels.size()));
  folded.push_back(more);
  const int n = static_cast<int>(labels.size());
  const int f = static_cast<int>(folded.size());
  struct Option { const std::vector<Text>* set; int columns; int lines; bool folded; };
  // Everything on show is best; folding into "More" only when the bar would
  // otherwise take more than a quarter of the screen.
  const Option options[] = {
      {&labels, n, 1, false},          {&labels, n, 2, false},
      {&labels, (n + 1) / 2, 1, false}, {&labels, (n + 1) / 2, 2, false},
      {&folded, f, 1, true},           {&folded, f, 2, true},
      {&folded, 1, 2, true}};
  for (const Option& o : options) {
    BarPlan plan;
    if (!fits(*o.set, o.columns, o.lines, &plan.row_height)) continue;
    plan.columns = o.columns;
    plan.folded = o.folded;
    plan.rows = (static_cast<int>(o.set->size()) + o.columns - 1) / o.columns;
    plan.height = plan.rows * plan.row_height + (plan.rows - 1) * gap;
    if (plan.height > height * 0.25f && &o != &options[std::size(options) - 1]) continue;
    return plan;
  }
  // Nothing fits (absurdly narrow): one per row, as tall as needed.
  BarPlan plan;
  plan.folded = true;
  plan.rows = f;
  plan.row_height = kMinTarget + fonts_.body_size * 2.6f;
  plan.height = plan.rows * plan.row_height + (plan.rows - 1) * gap;
  return plan;
}

void Ui::BeginBar(float top, const BarPlan& plan) {
  Columns(1);
  draw_->PopClipRect();
  in_bar_ = true;
  bar_top_ = top;
  bar_row_height_ = plan.row_height;
  bar_columns_ = std::max(1, plan.columns);
  bar_index_ = 0;
  draw_->AddLine({0, top - gap_ / 2}, {width_, top - gap_ / 2}, Colour(theme_.border),
                 2.0f);
}

std::string_view Ui::CaptionTail(std::string_view text, float width) const {
  float wrap = width - 2 * kPadding;
  float limit = kCaptionSize * (kCaptionLines + 0.5f);
  while (TextHeight(fonts_.body, kCaptionSize, wrap, text) > limit) {
    std::size_t space = text.find(' ');
    if (space == std::string_view::npos) break;
    text.remove_prefix(space + 1);
  }
  return text;
}

void Ui::Caption(std::string_view text, a11y::Rect box) {
  ImDrawList* fg = ImGui::GetForegroundDrawList();
  fg->AddRectFilled(Min(box), Max(box), Colour(theme_.caption));
  text = CaptionTail(text, box.w);
  float y = box.y + kPadding / 2;
  for (std::string_view line : WrapLines(fonts_.body, kCaptionSize, box.w - 2 * kPadding, text)) {
    fg->AddText(fonts_.body, kCaptionSize, {box.x + kPadding, y}, Colour(theme_.caption_text),
                line.data(), line.data() + line.size());
    y += kCaptionSize;
  }
}

float Ui::CaptionHeight(std::string_view text, float width) const {
  text = CaptionTail(text, width);
  return TextHeight(fonts_.body, kCaptionSize, width - 2 * kPadding, text) + kPadding;
}

void Ui::DrawFocusRing() {
  const a11y::WidgetInfo* item = registry_.Find(focus_.focused_id());
  if (item == nullptr) return;
  ImDrawList* fg = ImGui::GetForegroundDrawList();
  a11y::Rect r = item->box;
  float out = 6.0f;
  fg->AddRect({r.x - out, r.y - out}, {r.x + r.w + out, r.y + r.h + out},
              Colour(theme_.focus_ring), kRounding + out, 0, 6.0f);
}

}  // namespace carevoice::client::ui
