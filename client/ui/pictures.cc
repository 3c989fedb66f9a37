#include "client/ui/pictures.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <vector>

namespace carevoice::client::ui {
namespace {

constexpr float kPi = 3.14159265f;
// Stroke width as a share of the box: bold enough to read at 64 px, not so
// bold that a 160 px picture turns into a blob.
constexpr float kStrokeShare = 1.0f / 15.0f;

// Angle in degrees to radians. ImGui angles run clockwise on screen (y
// grows downwards): 0 points right, 90 down, 270 up.
float Rad(float degrees) { return degrees * kPi / 180.0f; }

// A square drawing surface centred in the box. Pictures are written in unit
// coordinates (0..1 both ways, y down) and the stroke width is kept as a
// margin all round, so round caps and anti-aliasing stay inside the box.
class Canvas {
 public:
  Canvas(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 ink, ImU32 paper)
      : draw_(draw), ink_(ink), paper_(paper), stroke_(PictureStrokeWidth(min, max)) {
    float side = std::min(max.x - min.x, max.y - min.y);
    side_ = std::max(0.0f, side - 2 * stroke_);
    origin_ = {(min.x + max.x - side_) / 2, (min.y + max.y - side_) / 2};
  }

  ImU32 ink() const { return ink_; }
  ImU32 paper() const { return paper_; }
  ImVec2 At(float x, float y) const { return {origin_.x + x * side_, origin_.y + y * side_}; }
  ImVec2 At(ImVec2 p) const { return At(p.x, p.y); }
  float Length(float unit) const { return unit * side_; }
  float Stroke(float weight) const { return stroke_ * weight; }

  // A polyline with round joins and caps: friendlier and bolder than
  // ImGui's mitred joins, which also spike far out at sharp corners.
  void Lines(std::initializer_list<ImVec2> points, bool closed = false,
             float weight = 1.0f) const {
    const ImVec2* first = points.begin();
    const ImVec2* last = points.end() - 1;
    for (const ImVec2* p = first; p != last; ++p) Segment(*p, *(p + 1), weight);
    if (closed) Segment(*last, *first, weight);
    for (const ImVec2& p : points) Cap(p, weight);
  }

  // Part of a circle from `from` to `to` degrees (clockwise on screen),
  // with round caps.
  void Arc(float cx, float cy, float r, float from, float to, float weight = 1.0f) const {
    draw_->PathArcTo(At(cx, cy), Length(r), Rad(from), Rad(to), Segments(r));
    draw_->PathStroke(ink_, 0, Stroke(weight));
    for (float a : {from, to}) {
      Cap({cx + r * std::cos(Rad(a)), cy + r * std::sin(Rad(a))}, weight);
    }
  }

  // A solid band of a ring between radii `inner` and `outer`.
  void Band(float cx, float cy, float inner, float outer, float from, float to) const {
    draw_->PathArcTo(At(cx, cy), Length((inner + outer) / 2), Rad(from), Rad(to),
                     Segments(outer));
    draw_->PathStroke(ink_, 0, Length(outer - inner));
  }

  // A circle outline over a paper disc, so it reads on any background.
  void Ring(float cx, float cy, float r, float weight = 1.0f) const {
    draw_->AddCircleFilled(At(cx, cy), Length(r), paper_, Segments(r));
    draw_->AddCircle(At(cx, cy), Length(r), ink_, Segments(r), Stroke(weight));
  }

  void Disc(float cx, float cy, float r, ImU32 colour) const {
    draw_->AddCircleFilled(At(cx, cy), Length(r), colour, Segments(r));
  }
  void Dot(float cx, float cy, float r) const { Disc(cx, cy, r, ink_); }
  // The lower half of a disc, flat side up.
  void HalfDisc(float cx, float cy, float r) const {
    draw_->PathArcTo(At(cx, cy), Length(r), 0, kPi, Segments(r));
    draw_->PathFillConvex(ink_);
  }

  // A filled convex polygon, points in either order.
  void Fill(std::initializer_list<ImVec2> points, ImU32 colour) const {
    FillConvex(points.begin(), points.size(), colour);
  }

  // Fills a concave shape made of convex `pieces` that meet edge to edge.
  // Anti-aliased pieces would leave faint light seams where they meet, so
  // they are filled hard-edged and a thin anti-aliased `outline` smooths
  // the outside.
  void FillConcave(const std::vector<std::vector<ImVec2>>& pieces,
                   const std::vector<ImVec2>& outline) const {
    const ImDrawListFlags flags = draw_->Flags;
    draw_->Flags &= ~ImDrawListFlags_AntiAliasedFill;
    for (const auto& piece : pieces) FillConvex(piece.data(), piece.size(), ink_);
    draw_->Flags = flags;
    for (const ImVec2& p : outline) draw_->PathLineTo(At(p));
    draw_->PathStroke(ink_, ImDrawFlags_Closed, 1.0f);
  }

  void Box(float x0, float y0, float x1, float y1, ImU32 colour, float rounding = 0) const {
    draw_->AddRectFilled(At(x0, y0), At(x1, y1), colour, Length(rounding));
  }
  // A rectangle outline over a paper face.
  void Frame(float x0, float y0, float x1, float y1, float rounding = 0) const {
    Box(x0, y0, x1, y1, paper_, rounding);
    draw_->AddRect(At(x0, y0), At(x1, y1), ink_, Length(rounding), 0, Stroke(1));
  }

 private:
  // ImGui puts the anti-aliased fringe outside only when the points run
  // clockwise on screen (positive area with y down); otherwise it would
  // shave half a pixel off the shape, so the order is fixed here.
  void FillConvex(const ImVec2* points, size_t count, ImU32 colour) const {
    float area = 0;
    for (size_t i = 0; i < count; ++i) {
      const ImVec2& a = points[i];
      const ImVec2& b = points[(i + 1) % count];
      area += a.x * b.y - b.x * a.y;
    }
    for (size_t i = 0; i < count; ++i) {
      draw_->PathLineTo(At(points[area >= 0 ? i : count - 1 - i]));
    }
    draw_->PathFillConvex(colour);
  }
  // A round cap or join: a disc as wide as the stroke.
  void Cap(ImVec2 p, float weight) const {
    draw_->AddCircleFilled(At(p), Stroke(weight) / 2, ink_, 16);
  }
  void Segment(ImVec2 a, ImVec2 b, float weight) const {
    draw_->PathLineTo(At(a));
    draw_->PathLineTo(At(b));
    draw_->PathStroke(ink_, 0, Stroke(weight));
  }
  // Enough segments for a smooth curve at any size, without wasting
  // vertices on small pictures.
  int Segments(float r) const {
    return std::clamp(static_cast<int>(Length(r) * 0.8f), 12, 64);
  }

  ImDrawList* draw_;
  ImU32 ink_;
  ImU32 paper_;
  float stroke_;
  float side_ = 0;
  ImVec2 origin_;
};

// The hook and dot of a question mark centred on (cx, top .. top + h).
void QuestionMark(const Canvas& c, float cx, float top, float h, float weight) {
  const float r = h * 0.24f;
  const float cy = top + r;
  c.Arc(cx, cy, r, 180, 405, weight);
  // From the end of the hook (45 degrees) down to the middle, then straight.
  const ImVec2 hook_end = {cx + r * std::cos(Rad(45)), cy + r * std::sin(Rad(45))};
  c.Lines({hook_end, {cx, cy + r * 1.45f}, {cx, top + h * 0.68f}}, false, weight);
  c.Dot(cx, top + h * 0.92f, 0.07f * h);
}

// A speech bubble (rounded box with a tail pointing down-left at `tail`).
void Bubble(const Canvas& c, float x0, float y0, float x1, float y1, ImVec2 tail) {
  const float base = x0 + (x1 - x0) * 0.18f;
  c.Fill({{base, y1 - 0.02f}, {base + 0.16f, y1 - 0.02f}, tail}, c.ink());
  c.Frame(x0, y0, x1, y1, 0.09f);
}

void Speak(const Canvas& c) {
  c.Ring(0.30f, 0.66f, 0.28f);
  c.Dot(0.20f, 0.60f, 0.045f);
  c.Dot(0.40f, 0.60f, 0.045f);
  c.HalfDisc(0.30f, 0.74f, 0.11f);  // an open mouth: speaking
  Bubble(c, 0.50f, 0.02f, 0.98f, 0.40f, {0.50f, 0.50f});
  for (float x : {0.63f, 0.74f, 0.85f}) c.Dot(x, 0.21f, 0.045f);
}

void Home(const Canvas& c) {
  c.Frame(0.18f, 0.46f, 0.82f, 0.96f);
  c.Box(0.42f, 0.66f, 0.58f, 0.96f, c.ink());  // the door
  c.Lines({{0.04f, 0.52f}, {0.50f, 0.08f}, {0.96f, 0.52f}}, false, 1.2f);
}

void Question(const Canvas& c) {
  c.Ring(0.5f, 0.5f, 0.48f);
  QuestionMark(c, 0.5f, 0.18f, 0.66f, 1.3f);
}

void List(const Canvas& c) {
  for (float y : {0.18f, 0.5f, 0.82f}) {
    c.Dot(0.12f, y, 0.09f);
    c.Lines({{0.34f, y}, {0.96f, y}}, false, 1.2f);
  }
}

void Star(const Canvas& c) {
  constexpr float kCx = 0.5f, kCy = 0.54f, kOuter = 0.50f, kInner = 0.20f;
  ImVec2 outer[5], inner[5];
  for (int i = 0; i < 5; ++i) {
    float a = Rad(-90 + 72.0f * i);
    float b = Rad(-90 + 36 + 72.0f * i);
    outer[i] = {kCx + kOuter * std::cos(a), kCy + kOuter * std::sin(a)};
    inner[i] = {kCx + kInner * std::cos(b), kCy + kInner * std::sin(b)};
  }
  std::vector<std::vector<ImVec2>> pieces = {{inner[0], inner[1], inner[2], inner[3], inner[4]}};
  std::vector<ImVec2> outline;
  for (int i = 0; i < 5; ++i) {
    pieces.push_back({inner[(i + 4) % 5], outer[i], inner[i]});
    outline.push_back(outer[i]);
    outline.push_back(inner[i]);
  }
  c.FillConcave(pieces, outline);
}

void Pencil(const Canvas& c) {
  // Laid along the diagonal, point at the bottom left.
  const ImVec2 tip = {0.06f, 0.94f};
  const ImVec2 along = {0.7071f, -0.7071f};
  const ImVec2 across = {0.7071f, 0.7071f};
  constexpr float kHalf = 0.13f;
  auto at = [&](float s, float o) {
    return ImVec2{tip.x + along.x * s + across.x * o, tip.y + along.y * s + across.y * o};
  };
  c.Fill({at(0, 0), at(0.11f, -kHalf * 0.42f), at(0.11f, kHalf * 0.42f)}, c.ink());
  c.Lines({at(0, 0), at(0.27f, -kHalf), at(1.08f, -kHalf), at(1.08f, kHalf),
           at(0.27f, kHalf)},
          true);
  c.Lines({at(0.27f, -kHalf), at(0.27f, kHalf)});
  c.Lines({at(0.86f, -kHalf), at(0.86f, kHalf)});
}

void Check(const Canvas& c) {
  c.Lines({{0.06f, 0.54f}, {0.36f, 0.84f}, {0.94f, 0.20f}}, false, 1.8f);
}

void Send(const Canvas& c) {
  // A paper plane flying up to the right, folded down its middle.
  const ImVec2 nose = {0.96f, 0.06f}, wing = {0.04f, 0.44f}, tail = {0.56f, 0.94f};
  const ImVec2 fold = {0.42f, 0.58f};
  c.Fill({nose, tail, fold}, c.paper());
  c.Fill({nose, fold, wing}, c.paper());
  c.Lines({nose, tail, fold, wing}, true);
  c.Lines({nose, fold});
}

void Thanks(const Canvas& c) {
  // A filled heart: two discs and a convex body down to the point.
  constexpr float kR = 0.23f;
  const ImVec2 left = {0.27f, 0.33f}, right = {0.73f, 0.33f};
  c.Dot(left.x, left.y, kR);
  c.Dot(right.x, right.y, kR);
  const float dx = kR * std::cos(Rad(140)), dy = kR * std::sin(Rad(140));
  c.Fill({{left.x + dx, left.y + dy}, left, right, {right.x - dx, right.y + dy},
          {0.5f, 0.94f}},
         c.ink());
}

void Help(const Canvas& c) {
  // A lifebuoy: a ring with four solid bands, each one thick arc (pieces
  // side by side would leave seams).
  constexpr float kOuter = 0.48f, kInner = 0.22f;
  c.Ring(0.5f, 0.5f, kOuter);
  c.Ring(0.5f, 0.5f, kInner);
  for (float centre : {45.0f, 135.0f, 225.0f, 315.0f}) {
    c.Band(0.5f, 0.5f, kInner, kOuter, centre - 20, centre + 20);
  }
}

void Back(const Canvas& c) {
  c.Lines({{0.92f, 0.5f}, {0.08f, 0.5f}}, false, 1.5f);
  c.Lines({{0.44f, 0.14f}, {0.08f, 0.5f}, {0.44f, 0.86f}}, false, 1.5f);
}

void Restart(const Canvas& c) {
  // A circular arrow going round clockwise, its head at the top.
  constexpr float kCx = 0.5f, kCy = 0.54f, kR = 0.38f, kEnd = 245;
  c.Arc(kCx, kCy, kR, -55, kEnd, 1.4f);
  const ImVec2 end = {kCx + kR * std::cos(Rad(kEnd)), kCy + kR * std::sin(Rad(kEnd))};
  // Clockwise tangent and the outward normal at the end of the arc.
  const ImVec2 ahead = {-std::sin(Rad(kEnd)), std::cos(Rad(kEnd))};
  const ImVec2 out = {std::cos(Rad(kEnd)), std::sin(Rad(kEnd))};
  constexpr float kHead = 0.17f;
  c.Fill({{end.x + ahead.x * kHead * 1.3f, end.y + ahead.y * kHead * 1.3f},
          {end.x - out.x * kHead, end.y - out.y * kHead},
          {end.x + out.x * kHead, end.y + out.y * kHead}},
         c.ink());
}

void Settings(const Canvas& c) {
  // A gear: eight tapered teeth round a solid wheel with a hole.
  constexpr float kCx = 0.5f, kCy = 0.5f;
  for (int i = 0; i < 8; ++i) {
    float a = Rad(45.0f * i);
    ImVec2 d = {std::cos(a), std::sin(a)}, n = {-d.y, d.x};
    auto at = [&](float r, float w) {
      return ImVec2{kCx + d.x * r + n.x * w, kCy + d.y * r + n.y * w};
    };
    c.Fill({at(0.30f, -0.11f), at(0.48f, -0.075f), at(0.48f, 0.075f), at(0.30f, 0.11f)},
           c.ink());
  }
  c.Dot(kCx, kCy, 0.36f);
  c.Disc(kCx, kCy, 0.14f, c.paper());
}

void Warning(const Canvas& c) {
  const ImVec2 top = {0.5f, 0.08f}, right = {0.96f, 0.90f}, left = {0.04f, 0.90f};
  c.Fill({top, right, left}, c.paper());
  c.Lines({top, right, left}, true, 1.2f);
  c.Lines({{0.5f, 0.38f}, {0.5f, 0.62f}}, false, 1.4f);
  c.Dot(0.5f, 0.76f, 0.055f);
}

void People(const Canvas& c) {
  // Two figures side by side: a head, and shoulders as a half disc on a body.
  for (float x : {0.27f, 0.73f}) {
    c.Dot(x, 0.26f, 0.14f);
    c.Fill({{x - 0.22f, 0.96f}, {x - 0.22f, 0.70f}, {x + 0.22f, 0.70f}, {x + 0.22f, 0.96f}},
           c.ink());
    c.Dot(x, 0.70f, 0.22f);
  }
}

void Clock(const Canvas& c) {
  c.Ring(0.5f, 0.5f, 0.48f);
  // Marks at three, six and nine; the minute hand stands at twelve.
  for (float a : {0.0f, 90.0f, 180.0f}) {
    float ca = std::cos(Rad(a)), sa = std::sin(Rad(a));
    c.Lines({{0.5f + 0.34f * ca, 0.5f + 0.34f * sa}, {0.5f + 0.40f * ca, 0.5f + 0.40f * sa}});
  }
  c.Lines({{0.5f, 0.5f}, {0.5f, 0.17f}}, false, 1.1f);   // minute hand at twelve
  c.Lines({{0.5f, 0.5f}, {0.69f, 0.61f}}, false, 1.4f);  // hour hand at four
  c.Dot(0.5f, 0.5f, 0.06f);
}

void Calendar(const Canvas& c) {
  // A page with two rings at the top, a heading band and a grid of days,
  // one of them marked.
  c.Frame(0.06f, 0.14f, 0.94f, 0.94f, 0.06f);
  c.Box(0.06f, 0.14f, 0.94f, 0.34f, c.ink(), 0.06f);
  for (float x : {0.30f, 0.70f}) c.Lines({{x, 0.04f}, {x, 0.22f}}, false, 1.3f);
  for (int row = 0; row < 3; ++row) {
    for (int col = 0; col < 4; ++col) {
      const float x = 0.22f + 0.19f * col, y = 0.47f + 0.16f * row;
      if (row == 1 && col == 2) {
        c.Ring(x, y, 0.08f, 1.1f);  // the day
      } else {
        c.Dot(x, y, 0.045f);
      }
    }
  }
}

void Phone(const Canvas& c) {
  // A mobile phone, ringing: its screen and button, waves beside it.
  c.Frame(0.10f, 0.04f, 0.62f, 0.96f, 0.08f);
  c.Lines({{0.20f, 0.18f}, {0.52f, 0.18f}, {0.52f, 0.74f}, {0.20f, 0.74f}}, true, 0.9f);
  c.Dot(0.36f, 0.85f, 0.045f);
  c.Arc(0.62f, 0.42f, 0.16f, 300, 420, 1.0f);
  c.Arc(0.62f, 0.42f, 0.30f, 305, 415, 1.0f);
}

void Lightbulb(const Canvas& c) {
  // A bulb with a screw base and rays: an idea.
  c.Ring(0.5f, 0.42f, 0.26f, 1.2f);
  c.Lines({{0.40f, 0.66f}, {0.40f, 0.78f}, {0.60f, 0.78f}, {0.60f, 0.66f}}, false, 1.1f);
  c.Lines({{0.40f, 0.86f}, {0.60f, 0.86f}}, false, 1.2f);
  c.Lines({{0.45f, 0.95f}, {0.55f, 0.95f}}, false, 1.2f);
  for (float a : {180.0f, 225.0f, 270.0f, 315.0f, 0.0f}) {
    const float ca = std::cos(Rad(a)), sa = std::sin(Rad(a));
    c.Lines({{0.5f + 0.34f * ca, 0.42f + 0.34f * sa}, {0.5f + 0.44f * ca, 0.42f + 0.40f * sa}});
  }
}

void Shield(const Canvas& c) {
  // A shield with a tick on it: kept safe.
  c.Fill({{0.10f, 0.10f}, {0.90f, 0.10f}, {0.90f, 0.50f}, {0.10f, 0.50f}}, c.paper());
  c.Fill({{0.10f, 0.50f}, {0.90f, 0.50f}, {0.5f, 0.94f}}, c.paper());
  c.Lines({{0.10f, 0.12f}, {0.5f, 0.04f}, {0.90f, 0.12f}, {0.90f, 0.50f}, {0.5f, 0.96f},
           {0.10f, 0.50f}},
          true, 1.2f);
  c.Lines({{0.30f, 0.50f}, {0.45f, 0.65f}, {0.72f, 0.34f}}, false, 1.4f);
}

struct Picture {
  const char* name;
  void (*draw)(const Canvas&);
};

// The fixed set: language files refer to these names.
constexpr Picture kPictures[] = {
    {"speak", Speak},       {"home", Home},       {"question", Question},
    {"list", List},         {"star", Star},       {"pencil", Pencil},
    {"check", Check},       {"send", Send},       {"thanks", Thanks},
    {"help", Help},         {"back", Back},       {"restart", Restart},
    {"settings", Settings}, {"warning", Warning}, {"people", People},
    {"clock", Clock},       {"calendar", Calendar}, {"phone", Phone},
    {"lightbulb", Lightbulb}, {"shield", Shield},
};

const Picture* Find(std::string_view name) {
  for (const Picture& p : kPictures) {
    if (name == p.name) return &p;
  }
  return nullptr;
}

}  // namespace

const std::vector<std::string>& PictureNames() {
  static const std::vector<std::string>* names = [] {
    auto* v = new std::vector<std::string>;
    for (const Picture& p : kPictures) v->push_back(p.name);
    return v;
  }();
  return *names;
}

bool HasPicture(std::string_view name) { return Find(name) != nullptr; }

float PictureStrokeWidth(ImVec2 min, ImVec2 max) {
  return std::max(0.0f, std::min(max.x - min.x, max.y - min.y) * kStrokeShare);
}

bool DrawPicture(ImDrawList* draw, std::string_view name, ImVec2 min, ImVec2 max,
                 ImU32 ink, ImU32 paper) {
  const Picture* picture = Find(name);
  if (picture == nullptr) return false;
  picture->draw(Canvas(draw, min, max, ink, paper));
  return true;
}

}  // namespace carevoice::client::ui
