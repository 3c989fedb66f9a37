// Rendering a Letter: a PDF through cairo (1.16's toy text API, with words
// wrapped here by their measured widths), speech through the kiosk's own
// offline synthesis (accessibility/espeak_speaker.h).
#include <cairo-pdf.h>
#include <cairo.h>

#include <cmath>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "accessibility/espeak_speaker.h"
#include "client/letters/letter.h"

namespace carevoice::client::letters {
namespace {

constexpr double kPageWidth = 595.0;   // A4, in points
constexpr double kPageHeight = 842.0;
constexpr double kMargin = 56.0;
constexpr double kBodySize = 18.0;     // large print: at least 16 point
constexpr double kTitleSize = 24.0;
constexpr double kPictureColumn = 96.0;
constexpr double kPictureSize = 64.0;
constexpr char kFont[] = "DejaVu Sans";

// Draws a page at a time, moving down; a new page when the next line
// would not fit.
class Writer {
 public:
  explicit Writer(cairo_t* cr) : cr_(cr) {}

  // `text` wrapped to `width` from `x`, in `size` point (bold or not).
  void Paragraph(std::string_view text, double x, double width, double size, bool bold) {
    cairo_select_font_face(cr_, kFont, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr_, size);
    const double line = size * 1.5;
    for (absl::string_view hard : absl::StrSplit(absl::string_view(text.data(), text.size()), '\n')) {
      std::string current;
      for (absl::string_view word : absl::StrSplit(hard, ' ', absl::SkipEmpty())) {
        std::string trial = current.empty() ? std::string(word) : current + " " + std::string(word);
        if (!current.empty() && Width(trial) > width) {
          Line(current, x, line);
          current = std::string(word);
        } else {
          current = std::move(trial);
        }
      }
      Line(current, x, line);
    }
  }

  void Space(double points) { y_ += points; }
  double y() const { return y_; }
  // Starts a new page unless `height` more fits on this one.
  void Keep(double height) {
    if (y_ + height > kPageHeight - kMargin) NewPage();
  }

 private:
  double Width(const std::string& s) {
    cairo_text_extents_t e;
    cairo_text_extents(cr_, s.c_str(), &e);
    return e.x_advance;
  }
  void Line(const std::string& s, double x, double line) {
    Keep(line);
    cairo_move_to(cr_, x, y_ + line * 0.75);
    cairo_show_text(cr_, s.c_str());
    y_ += line;
  }
  void NewPage() {
    cairo_show_page(cr_);
    y_ = kMargin;
  }

  cairo_t* cr_;
  double y_ = kMargin;
};

// Plain black line pictures, one per idea, so the meaning does not depend
// on colour: the same names as the kiosk's Easy Read pictures.
void Picture(cairo_t* cr, const std::string& name, double x, double y) {
  const double s = kPictureSize, cx = x + s / 2, cy = y + s / 2;
  cairo_save(cr);
  cairo_new_path(cr);  // not from where the last words ended
  cairo_set_line_width(cr, 3.5);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  if (name == "check") {
    cairo_new_sub_path(cr);
    cairo_arc(cr, cx, cy, s * 0.45, 0, 2 * M_PI);
    cairo_stroke(cr);
    cairo_move_to(cr, x + s * 0.27, y + s * 0.52);
    cairo_line_to(cr, x + s * 0.44, y + s * 0.70);
    cairo_line_to(cr, x + s * 0.74, y + s * 0.32);
  } else if (name == "calendar") {
    cairo_rectangle(cr, x + s * 0.1, y + s * 0.18, s * 0.8, s * 0.72);
    cairo_move_to(cr, x + s * 0.1, y + s * 0.38);
    cairo_line_to(cr, x + s * 0.9, y + s * 0.38);
    for (double col : {0.3, 0.5, 0.7}) {
      cairo_move_to(cr, x + s * col, y + s * 0.1);
      cairo_line_to(cr, x + s * col, y + s * 0.26);
    }
    cairo_stroke(cr);
    cairo_rectangle(cr, x + s * 0.5, y + s * 0.55, s * 0.2, s * 0.2);
    cairo_fill(cr);
  } else if (name == "speak") {
    cairo_new_sub_path(cr);
    cairo_arc(cr, cx, y + s * 0.42, s * 0.4, M_PI * 0.65, M_PI * 2.35);
    cairo_line_to(cr, x + s * 0.18, y + s * 0.92);
    cairo_close_path(cr);
  } else if (name == "phone") {
    cairo_rectangle(cr, x + s * 0.28, y + s * 0.05, s * 0.44, s * 0.9);
    cairo_move_to(cr, x + s * 0.42, y + s * 0.85);
    cairo_line_to(cr, x + s * 0.58, y + s * 0.85);
    cairo_stroke(cr);
    cairo_rectangle(cr, x + s * 0.34, y + s * 0.15, s * 0.32, s * 0.55);
  } else if (name == "people") {
    for (double px : {0.3, 0.7}) {
      cairo_new_sub_path(cr);
      cairo_arc(cr, x + s * px, y + s * 0.3, s * 0.13, 0, 2 * M_PI);
      cairo_new_sub_path(cr);
      cairo_arc(cr, x + s * px, y + s * 0.85, s * 0.2, M_PI, 2 * M_PI);
    }
  } else if (name == "pencil") {
    cairo_move_to(cr, x + s * 0.15, y + s * 0.85);
    cairo_line_to(cr, x + s * 0.22, y + s * 0.62);
    cairo_line_to(cr, x + s * 0.7, y + s * 0.14);
    cairo_line_to(cr, x + s * 0.86, y + s * 0.3);
    cairo_line_to(cr, x + s * 0.38, y + s * 0.78);
    cairo_close_path(cr);
    cairo_move_to(cr, x + s * 0.22, y + s * 0.62);
    cairo_line_to(cr, x + s * 0.38, y + s * 0.78);
  } else {  // "warning", and anything unknown
    cairo_move_to(cr, cx, y + s * 0.08);
    cairo_line_to(cr, x + s * 0.95, y + s * 0.9);
    cairo_line_to(cr, x + s * 0.05, y + s * 0.9);
    cairo_close_path(cr);
    cairo_move_to(cr, cx, y + s * 0.38);
    cairo_line_to(cr, cx, y + s * 0.64);
    cairo_move_to(cr, cx, y + s * 0.76);
    cairo_line_to(cr, cx, y + s * 0.77);
  }
  cairo_stroke(cr);
  cairo_restore(cr);
}

}  // namespace

absl::Status RenderPdf(const Letter& letter, const std::string& path) {
  cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), kPageWidth, kPageHeight);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    return absl::UnavailableError("cannot write " + path);
  }
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, letter.title.c_str());
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0, 0, 0);
  Writer w(cr);
  const double width = kPageWidth - 2 * kMargin;
  w.Paragraph(letter.title, kMargin, width, kTitleSize, /*bold=*/true);
  w.Space(kBodySize);
  w.Paragraph(letter.greeting, kMargin, width, kBodySize, false);
  w.Space(kBodySize * 0.75);
  for (const Idea& idea : letter.ideas) {
    if (letter.easy_read) {
      // The picture beside its idea, on the same page.
      w.Keep(kPictureSize + kBodySize);
      const double top = w.y();
      Picture(cr, idea.picture, kMargin, top);
      w.Paragraph(idea.text, kMargin + kPictureColumn, width - kPictureColumn, kBodySize, false);
      if (w.y() < top + kPictureSize) w.Space(top + kPictureSize - w.y());
      w.Space(kBodySize);
    } else {
      w.Paragraph(idea.text, kMargin, width, kBodySize, false);
      w.Space(kBodySize * 0.75);
    }
  }
  w.Paragraph(letter.closing, kMargin, width, kBodySize, false);
  cairo_show_page(cr);
  const cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t finished = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS || finished != CAIRO_STATUS_SUCCESS) {
    return absl::InternalError(std::string("the PDF could not be drawn: ") +
                               cairo_status_to_string(status != CAIRO_STATUS_SUCCESS ? status
                                                                                     : finished));
  }
  return absl::OkStatus();
}

absl::Status RenderAudio(const Letter& letter, const std::string& path) {
  std::vector<std::string> parts = {letter.title, letter.greeting};
  for (const Idea& idea : letter.ideas) parts.push_back(idea.text);
  parts.push_back(letter.closing);
  // Slower than the kiosk's 160 words a minute: a letter is listened to
  // at home, often more than once.
  absl::StatusOr<a11y::Pcm> pcm =
      a11y::SynthesizeToPcm({absl::StrJoin(parts, "\n\n"), letter.language}, 140);
  if (!pcm.ok()) return pcm.status();
  if (!a11y::WriteWav(*pcm, path)) return absl::UnavailableError("cannot write " + path);
  return absl::OkStatus();
}

}  // namespace carevoice::client::letters
