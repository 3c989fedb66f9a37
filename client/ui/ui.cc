#include "client/ui/ui.h"

#include <algorithm>
#include <cmath>

namespace carevoice::client::ui {
namespace {

constexpr float kPadding = 16.0f;
constexpr float kMinTarget = 80.0f;  // comfortably above the 53 px (9 mm) floor
constexpr float kBorder = 3.0f;
constexpr float kRounding = 10.0f;
constexpr float kFaceDiameter = 84.0f;

ImU32 Colour(a11y::Rgb c) {
  auto channel = [](float v) {
    return static_cast<int>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f));
  };
  return IM_COL32(channel(c.r), channel(c.g), channel(c.b), 255);
}

ImVec2 Min(const a11y::Rect& r) { return {r.x, r.y}; }
ImVec2 Max(const a11y::Rect& r) { return {r.x + r.w, r.y + r.h}; }

}  // namespace

Ui::Ui(a11y::Registry& registry, a11y::FocusModel& focus,
       const a11y::Theme& theme, const Fonts& fonts)
    : registry_(registry), focus_(focus), theme_(theme), fonts_(fonts) {}

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
  title_.clear();
  instruction_.clear();
  drawn_.clear();
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
    draw->AddRectFilled(Min(box), Max(box),
                        Colour(enabled ? theme_.button : theme_.button_disabled), kRounding);
    draw->AddRect(Min(box), Max(box), Colour(theme_.border), kRounding, 0, kBorder);
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

void Ui::Columns(int columns) {
  if (column_ > 0) {  // finish a partly filled row
    y_ += row_height_ + gap_;
    column_ = 0;
    row_height_ = 0;
  }
  columns_ = std::max(1, columns);
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
    inner = width_ - 2 * margin_;
    float cell = (inner - gap_ * (bar_buttons_ - 1)) / bar_buttons_;
    a11y::Rect r{left + bar_index_ * (cell + gap_), bar_top_, cell, bar_height_};
    ++bar_index_;
    return r;
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

float Ui::TextHeight(ImFont* font, float size, float wrap,
                     std::string_view text) const {
  ImVec2 s = font->CalcTextSizeA(size, FLT_MAX, wrap, text.data(),
                                 text.data() + text.size());
  return std::max(s.y, size);
}

void Ui::DrawTextIn(ImFont* font, float size, a11y::Rect box, ImU32 colour,
                    std::string_view text, bool centred) {
  float wrap = box.w - 2 * kPadding;
  ImVec2 s = font->CalcTextSizeA(size, FLT_MAX, wrap, text.data(),
                                 text.data() + text.size());
  float x = centred ? box.x + (box.w - s.x) / 2 : box.x + kPadding;
  float y = box.y + (box.h - s.y) / 2;
  draw_->AddText(font, size, {std::round(x), std::round(y)}, colour, text.data(),
                 text.data() + text.size(), wrap);
}

void Ui::Register(std::string_view id, std::string_view label, a11y::Role role,
                  std::string state, std::string_view hint, a11y::Rect box,
                  bool focusable) {
  a11y::WidgetInfo info;
  info.id = std::string(id);
  info.label = std::string(label);
  info.role = role;
  info.state = std::move(state);
  info.hint = std::string(hint);
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
  registry_.Add(std::move(info));
}

void Ui::Record(std::string_view shown, std::string_view spoken) {
  drawn_.push_back({std::string(shown), std::string(spoken)});
}

void Ui::Title(std::string_view title, std::string_view instruction) {
  title_ = std::string(title);
  instruction_ = std::string(instruction);
  float heading_size = std::round(fonts_.body_size * 1.2f);
  float wrap = width_ - 2 * margin_;
  a11y::Rect box = Place(TextHeight(fonts_.heading, heading_size, wrap, title));
  box.x -= kPadding;  // text sits flush with the margin
  box.w += 2 * kPadding;
  DrawTextIn(fonts_.heading, heading_size, box, Colour(theme_.text), title, false);
  Register("title", title, a11y::Role::kHeading, "", "", box, false);
  Record(title, title);
  if (!instruction.empty()) Paragraph("instruction", instruction);
}

void Ui::Paragraph(std::string_view id, std::string_view text) {
  float wrap = width_ - 2 * margin_;
  a11y::Rect box = Place(TextHeight(fonts_.body, fonts_.body_size, wrap, text));
  box.x -= kPadding;
  box.w += 2 * kPadding;
  DrawTextIn(fonts_.body, fonts_.body_size, box, Colour(theme_.text), text, false);
  Register(id, text, a11y::Role::kText, "", "", box, false);
  Record(text, text);
}

void Ui::ErrorText(std::string_view id, std::string_view text) {
  float wrap = width_ - 2 * margin_;
  a11y::Rect box = Place(TextHeight(fonts_.heading, fonts_.body_size, wrap, text));
  box.x -= kPadding;
  box.w += 2 * kPadding;
  DrawTextIn(fonts_.heading, fonts_.body_size, box, Colour(theme_.error_text), text,
             false);
  Register(id, text, a11y::Role::kText, "", "", box, false);
  Record(text, text);
}

void Ui::Reference(std::string_view id, std::string_view shown,
                   std::string_view spoken) {
  float size = std::round(fonts_.body_size * 2.4f);
  a11y::Rect box = Place(size * 1.3f);
  DrawTextIn(fonts_.reference, size, box, Colour(theme_.text), shown, true);
  Register(id, spoken, a11y::Role::kText, "", "", box, false);
  Record(shown, spoken);
}

bool Ui::Clickable(std::string_view id, a11y::Rect box) {
  if (!activate_id_.empty() && activate_id_ == id) {
    activate_id_.clear();
    return true;
  }
  return false;
}

bool Ui::Button(std::string_view id, std::string_view label,
                std::string_view hint) {
  float wrap = (in_bar_ ? (width_ - 2 * margin_) / std::max(1, bar_buttons_)
                        : (width_ - 2 * margin_) / columns_) - 2 * kPadding;
  float h = std::max(kMinTarget,
                     TextHeight(fonts_.body, fonts_.body_size, wrap, label) +
                         2 * kPadding);
  a11y::Rect box = Place(h);
  bool pressed = pressed_id_ == id;
  bool hovered = box.Contains(pointer_x_, pointer_y_);
  a11y::Rgb face = pressed ? theme_.button_active
                           : hovered ? theme_.button_hovered : theme_.button;
  draw_->AddRectFilled(Min(box), Max(box), Colour(face), kRounding);
  draw_->AddRect(Min(box), Max(box), Colour(theme_.border), kRounding, 0, kBorder);
  DrawTextIn(fonts_.body, fonts_.body_size, box, Colour(theme_.button_text), label,
             true);
  Register(id, label, a11y::Role::kButton, "", hint, box, true);
  Record(label, label);
  return Clickable(id, box);
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

bool Ui::Choice(std::string_view id, std::string_view label, bool selected,
                FaceArt face, std::string_view hint) {
  float wrap = (width_ - 2 * margin_) / columns_ - 2 * kPadding;
  float label_h = TextHeight(fonts_.body, fonts_.body_size, wrap, label);
  float art_h = face.rating > 0 ? kFaceDiameter + kPadding : 0;
  a11y::Rect box = Place(std::max(kMinTarget, label_h + art_h + 2 * kPadding));
  bool pressed = pressed_id_ == id;
  bool hovered = box.Contains(pointer_x_, pointer_y_);
  a11y::Rgb bg = selected  ? theme_.button_selected
                 : pressed ? theme_.button_active
                 : hovered ? theme_.button_hovered
                           : theme_.button;
  a11y::Rgb fg = selected ? theme_.button_selected_text : theme_.button_text;
  draw_->AddRectFilled(Min(box), Max(box), Colour(bg), kRounding);
  draw_->AddRect(Min(box), Max(box), Colour(theme_.border), kRounding, 0,
                 selected ? kBorder * 2 : kBorder);
  a11y::Rect text_box = box;
  if (face.rating > 0) {
    DrawFace(draw_, {box.x + box.w / 2, box.y + kPadding + kFaceDiameter / 2},
             kFaceDiameter / 2, face.rating, Colour(fg), Colour(bg));
    text_box.y += art_h;
    text_box.h -= art_h;
  }
  DrawTextIn(fonts_.body, fonts_.body_size, text_box, Colour(fg), label, true);
  Register(id, label, a11y::Role::kRadio, selected ? "selected" : "", hint, box,
           true);
  Record(label, label);
  return Clickable(id, box);
}

void Ui::TextField(std::string_view id, std::string_view label,
                   const TextBuffer& buffer, std::string_view hint,
                   std::string_view empty_state) {
  Paragraph(std::string(id) + ".label", label);
  float wrap = width_ - 2 * margin_ - 2 * kPadding;
  bool focused = focus_.focused_id() == id;
  // The caret is drawn as a bar after the last character.
  std::string shown = buffer.text() + (focused ? "|" : "");
  float text_h = TextHeight(fonts_.body, fonts_.body_size, wrap, shown);
  float min_h = fonts_.body_size * 3.6f;
  a11y::Rect box = Place(std::max(min_h, text_h + 2 * kPadding));
  draw_->AddRectFilled(Min(box), Max(box), Colour(theme_.field), 6.0f);
  draw_->AddRect(Min(box), Max(box), Colour(theme_.border), 6.0f, 0, kBorder);
  draw_->AddText(fonts_.body, fonts_.body_size, {box.x + kPadding, box.y + kPadding},
                 Colour(theme_.field_text), shown.data(), shown.data() + shown.size(),
                 wrap);
  std::string state = buffer.text().empty() ? std::string(empty_state) : buffer.text();
  Register(id, label, a11y::Role::kTextField, state, hint, box, true);
  if (!buffer.text().empty()) Record(buffer.text(), buffer.text());
}

void Ui::BeginBar(float top, float height, int buttons) {
  Columns(1);
  draw_->PopClipRect();
  in_bar_ = true;
  bar_top_ = top;
  bar_height_ = height;
  bar_buttons_ = std::max(1, buttons);
  bar_index_ = 0;
  draw_->AddLine({0, top - gap_ / 2}, {width_, top - gap_ / 2}, Colour(theme_.border),
                 2.0f);
}

void Ui::EndBar() {}

void Ui::Caption(std::string_view text, a11y::Rect box) {
  ImDrawList* fg = ImGui::GetForegroundDrawList();
  fg->AddRectFilled(Min(box), Max(box), Colour(theme_.caption));
  float wrap = box.w - 2 * kPadding;
  fg->AddText(fonts_.body, fonts_.body_size, {box.x + kPadding, box.y + kPadding / 2},
              Colour(theme_.caption_text), text.data(), text.data() + text.size(),
              wrap);
}

float Ui::CaptionHeight(std::string_view text, float width) const {
  return TextHeight(fonts_.body, fonts_.body_size, width - 2 * kPadding, text) +
         kPadding;
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
