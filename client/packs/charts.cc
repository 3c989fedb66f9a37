#include "client/packs/charts.h"

#include <cairo-svg.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "client/packs/packs.h"

namespace carevoice::client::packs {
namespace {

constexpr double kLabelWidth = 200.0;  // row labels, wrapped to two lines
constexpr double kGap = 10.0;
constexpr double kFigureRoom = 104.0;  // "fewer than 5" after the longest bar
constexpr double kRowHeight = 32.0;    // a bar chart's row: two lines of label
constexpr double kTrendRowHeight = 42.0;
constexpr double kBarThickness = 16.0;
constexpr double kLegendHeight = 26.0;
constexpr double kLineChartHeight = 260.0;
constexpr double kInk[3] = {0.12, 0.18, 0.32};  // dark navy: 12:1 on white
constexpr char kFont[] = "DejaVu Sans 10";

// The figure columns a chart draws: the first count column for "bar", the
// first two ("This period", "Previous period") for "trend". A column is
// a figure column when some row holds a count there that is not a change.
std::vector<int> FigureColumns(const v1::ReportTable& table) {
  const int wanted = table.chart() == "trend" ? 2
                     : table.chart() == "bar"  ? 1
                     : table.chart() == "line" ? std::min(2, table.columns_size() - 1)
                                               : 0;
  std::vector<int> columns;
  for (int i = 0; i + 1 < table.columns_size() && static_cast<int>(columns.size()) < wanted; ++i) {
    const bool counts = std::any_of(table.rows().begin(), table.rows().end(),
                                    [&](const v1::ReportRow& r) {
                                      return i < r.cells_size() && r.cells(i).has_count() &&
                                             !r.cells(i).difference();
                                    });
    if (counts) columns.push_back(i);
  }
  if (static_cast<int>(columns.size()) < wanted) columns.clear();
  return columns;
}

// The cell in column `i` of `row`, or an empty one.
const v1::ReportCell& CellAt(const v1::ReportRow& row, int i) {
  return i < row.cells_size() ? row.cells(i) : v1::ReportCell::default_instance();
}

double RowHeight(const v1::ReportTable& table) {
  return table.chart() == "trend" ? kTrendRowHeight : kRowHeight;
}

double TopHeight(const v1::ReportTable& table) {
  return table.chart() == "trend" ? kLegendHeight : 0.0;
}

using Layout = std::unique_ptr<PangoLayout, decltype(&g_object_unref)>;

// `text` laid out in at most `lines` lines of `width`, ellipsised past them.
Layout MakeLayout(cairo_t* cr, std::string_view text, double width, int lines,
                  PangoAlignment align = PANGO_ALIGN_LEFT) {
  Layout layout(pango_cairo_create_layout(cr), &g_object_unref);
  std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)> font(
      pango_font_description_from_string(kFont), &pango_font_description_free);
  pango_layout_set_font_description(layout.get(), font.get());
  pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
  pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height(layout.get(), -lines);
  pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment(layout.get(), align);
  return layout;
}

void Text(cairo_t* cr, std::string_view text, double x, double y, double width, int lines,
          PangoAlignment align = PANGO_ALIGN_LEFT) {
  Layout layout = MakeLayout(cr, text, width, lines, align);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout.get());
}

double TextHeight(cairo_t* cr, std::string_view text, double width, int lines) {
  Layout layout = MakeLayout(cr, text, width, lines);
  int w = 0, h = 0;
  pango_layout_get_size(layout.get(), &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

// A bar: solid ink for this period; for the previous, an outline hatched
// with diagonal lines, so the two differ in greyscale and to anyone who
// cannot tell colours apart.
void Bar(cairo_t* cr, double x, double y, double length, double thickness, bool hatched) {
  cairo_set_source_rgb(cr, kInk[0], kInk[1], kInk[2]);
  if (!hatched) {
    cairo_rectangle(cr, x, y, length, thickness);
    cairo_fill(cr);
    return;
  }
  cairo_save(cr);
  cairo_rectangle(cr, x, y, length, thickness);
  cairo_clip(cr);
  cairo_set_line_width(cr, 1.5);
  for (double d = -thickness; d < length; d += 5.0) {
    cairo_move_to(cr, x + d, y + thickness);
    cairo_line_to(cr, x + d + thickness, y);
  }
  cairo_stroke(cr);
  cairo_restore(cr);
  cairo_rectangle(cr, x + 0.75, y + 0.75, std::max(0.0, length - 1.5), thickness - 1.5);
  cairo_set_line_width(cr, 1.5);
  cairo_stroke(cr);
}

// A point's mark: a filled circle for the first line, a hollow square for
// the second, so the two differ without colour.
void Mark(cairo_t* cr, double x, double y, int series) {
  cairo_set_source_rgb(cr, kInk[0], kInk[1], kInk[2]);
  if (series == 0) {
    cairo_arc(cr, x, y, 4.0, 0, 2 * M_PI);
    cairo_fill(cr);
  } else {
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x - 4.0, y - 4.0, 8.0, 8.0);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, kInk[0], kInk[1], kInk[2]);
    cairo_set_line_width(cr, 1.5);
    cairo_stroke(cr);
  }
}

// The line's stroke: solid for the first, dashed for the second.
void Stroke(cairo_t* cr, int series) {
  cairo_set_source_rgb(cr, kInk[0], kInk[1], kInk[2]);
  cairo_set_line_width(cr, 2.0);
  const double dash[] = {6.0, 4.0};
  cairo_set_dash(cr, dash, series == 0 ? 0 : 2, 0);
  cairo_stroke(cr);
  cairo_set_dash(cr, nullptr, 0, 0);
}

// A line chart over the rows in order (months): each figure column a line
// (at most two), each point marked and labelled with its own figure, the
// rows' names along the bottom. A hidden figure breaks its line.
void DrawLines(cairo_t* cr, const v1::ReportTable& table, const std::vector<int>& columns,
               double width) {
  cairo_save(cr);
  std::int64_t largest = 0;
  bool hidden = false;
  for (const v1::ReportRow& r : table.rows()) {
    for (int c : columns) {
      const v1::ReportCell& cell = CellAt(r, c);
      if (cell.suppressed() == v1::ReportCell::SUPPRESSION_NONE) {
        largest = std::max(largest, cell.count());
      } else {
        hidden = true;
      }
    }
  }
  // The key, drawn as the lines are.
  double key_x = kGap;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    cairo_move_to(cr, key_x, 13.0);
    cairo_line_to(cr, key_x + 28.0, 13.0);
    Stroke(cr, static_cast<int>(i));
    Mark(cr, key_x + 14.0, 13.0, static_cast<int>(i));
    Text(cr, table.columns(columns[i] + 1), key_x + 34.0, 5.0, 200.0, 1);
    key_x += 240.0;
  }
  const double top = kLegendHeight + 36.0;  // room for the gap's words and the top labels
  const double bottom = kLineChartHeight - 36.0;  // the rows' names below
  const double left = 30.0, right = width - 30.0;
  const int n = table.rows_size();
  const double step = n > 1 ? (right - left) / (n - 1) : 0.0;
  auto y_of = [&](std::int64_t v) {
    return largest > 0 ? bottom - (bottom - top) * static_cast<double>(v) / largest : bottom;
  };
  // The baseline, at zero.
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 1.0);
  cairo_move_to(cr, left - 10.0, bottom + 0.5);
  cairo_line_to(cr, right + 10.0, bottom + 0.5);
  cairo_stroke(cr);
  // Names along the bottom: every one when they fit, else every k-th.
  const int every = std::max(1, static_cast<int>(std::ceil(n * 56.0 / (right - left + 56.0))));
  for (int i = 0; i < n; i += every) {
    const std::string& name = table.rows(i).label();
    Text(cr, name, left + step * i - 28.0, bottom + 6.0, 56.0, 2, PANGO_ALIGN_CENTER);
  }
  for (std::size_t s = 0; s < columns.size(); ++s) {
    bool drawing = false;
    for (int i = 0; i < n; ++i) {
      const v1::ReportCell& cell = CellAt(table.rows(i), columns[s]);
      if (cell.suppressed() != v1::ReportCell::SUPPRESSION_NONE) {
        if (drawing) Stroke(cr, static_cast<int>(s));
        drawing = false;
        continue;
      }
      const double x = left + step * i, y = y_of(cell.count());
      if (drawing) {
        cairo_line_to(cr, x, y);
      } else {
        cairo_move_to(cr, x, y);
        drawing = true;
      }
    }
    if (drawing) Stroke(cr, static_cast<int>(s));
    for (int i = 0; i < n; ++i) {
      const v1::ReportCell& cell = CellAt(table.rows(i), columns[s]);
      if (cell.suppressed() != v1::ReportCell::SUPPRESSION_NONE) continue;  // a gap
      const double x = left + step * i, y = y_of(cell.count());
      Mark(cr, x, y, static_cast<int>(s));
      // The first line's figures above its points; the second's beside
      // them, on the side with room, so the two never sit on each other.
      if (s == 0) {
        Text(cr, CellWords(cell), x - 28.0, y - 18.0, 56.0, 1, PANGO_ALIGN_CENTER);
      } else if (x + 66.0 <= width) {
        Text(cr, CellWords(cell), x + 8.0, y - 7.0, 56.0, 1);
      } else {
        Text(cr, CellWords(cell), x - 64.0, y - 7.0, 56.0, 1, PANGO_ALIGN_RIGHT);
      }
    }
  }
  if (hidden) {
    Text(cr, "A gap in a line: a figure hidden (see the table).", kGap, kLegendHeight - 2.0,
         width - 2 * kGap, 1);
  }
  cairo_restore(cr);
}

cairo_status_t AppendTo(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

bool HasChart(const v1::ReportTable& table) {
  // A line needs two points to say anything.
  const int fewest = table.chart() == "line" ? 2 : 1;
  return table.rows_size() >= fewest && !FigureColumns(table).empty();
}

double ChartHeight(const v1::ReportTable& table, double /*width*/) {
  if (!HasChart(table)) return 0.0;
  if (table.chart() == "line") return kLineChartHeight;
  return TopHeight(table) + RowHeight(table) * table.rows_size() + 4.0;
}

void DrawChart(cairo_t* cr, const v1::ReportTable& table, double width) {
  const std::vector<int> columns = FigureColumns(table);
  if (columns.empty() || table.rows().empty()) return;
  if (table.chart() == "line") {
    if (HasChart(table)) DrawLines(cr, table, columns, width);
    return;
  }
  cairo_save(cr);
  std::int64_t largest = 0;
  for (const v1::ReportRow& r : table.rows()) {
    for (int c : columns) largest = std::max(largest, CellAt(r, c).count());
  }
  const double bars_x = kLabelWidth + kGap;
  const double room = std::max(20.0, width - bars_x - kFigureRoom);
  const bool trend = columns.size() == 2;
  const double thickness = trend ? kBarThickness - 2.0 : kBarThickness;

  // A key for two periods, drawn as the bars are: the words beside the
  // pattern, so the key never depends on colour.
  if (trend) {
    double x = bars_x;
    for (int i = 0; i < 2; ++i) {
      Bar(cr, x, 6.0, 24.0, 12.0, i == 1);
      const std::string& name = table.columns(columns[i] + 1);
      Text(cr, name, x + 30.0, 5.0, 140.0, 1);
      x += 180.0;
    }
  }

  double y = TopHeight(table);
  for (const v1::ReportRow& r : table.rows()) {
    const double row = RowHeight(table);
    Text(cr, r.label(), 0.0, y + (row - TextHeight(cr, r.label(), kLabelWidth, 2)) / 2.0,
         kLabelWidth, 2);
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const v1::ReportCell& cell = CellAt(r, columns[i]);
      const double top = trend ? y + 3.0 + i * (thickness + 2.0) : y + (row - thickness) / 2.0;
      double length = 0.0;
      if (cell.suppressed() == v1::ReportCell::SUPPRESSION_NONE && largest > 0) {
        length = room * static_cast<double>(cell.count()) / static_cast<double>(largest);
      }
      if (length > 0.0) Bar(cr, bars_x, top, std::max(length, 2.0), thickness, i == 1);
      // Every bar says its own figure, in the table's words.
      const double words_y = top + (thickness - TextHeight(cr, "0", kFigureRoom, 1)) / 2.0;
      Text(cr, CellWords(cell), bars_x + length + 4.0, words_y, kFigureRoom, 1);
    }
    y += row;
  }
  // The axis the bars grow from.
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 1.0);
  cairo_move_to(cr, bars_x - 0.5, TopHeight(table));
  cairo_line_to(cr, bars_x - 0.5, y);
  cairo_stroke(cr);
  cairo_restore(cr);
}

std::string ChartSvg(const v1::ReportTable& table, double width) {
  std::string svg;
  const double height = ChartHeight(table, width);
  if (height <= 0.0) return svg;
  cairo_surface_t* surface = cairo_svg_surface_create_for_stream(AppendTo, &svg, width, height);
  cairo_t* cr = cairo_create(surface);
  DrawChart(cr, table, width);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return svg;
}

std::string ChartCaption(const v1::ReportTable& table) {
  const std::string& caption = table.caption();
  const bool ends = !caption.empty() && std::string_view(".?!").find(caption.back()) !=
                                            std::string_view::npos;
  return absl::StrCat("Chart: ", caption, ends ? "" : ".", " The figures are in the table below.");
}

std::string ChartAlt(const v1::ReportTable& table) {
  const std::vector<int> columns = FigureColumns(table);
  if (columns.empty()) return "";
  if (table.chart() == "line") {
    std::vector<std::string> lines;
    for (std::size_t s = 0; s < columns.size(); ++s) {
      std::vector<std::string> points;
      for (const v1::ReportRow& r : table.rows()) {
        points.push_back(absl::StrCat(r.label(), " ", CellWords(CellAt(r, columns[s]))));
      }
      lines.push_back(absl::StrCat(table.columns(columns[s] + 1),
                                   s == 0 ? " (solid line)" : " (dashed line)", ": ",
                                   absl::StrJoin(points, ", ")));
    }
    return absl::StrCat("Line chart of ", table.caption(), ". ", absl::StrJoin(lines, ". "), ".");
  }
  std::vector<std::string> bars;
  for (const v1::ReportRow& r : table.rows()) {
    std::string bar = absl::StrCat(r.label(), ": ", CellWords(CellAt(r, columns[0])));
    if (columns.size() == 2) {
      absl::StrAppend(&bar, " (", CellWords(CellAt(r, columns[1])), " before)");
    }
    bars.push_back(std::move(bar));
  }
  if (columns.size() == 2) {
    return absl::StrCat("Bar chart of ", table.caption(), ": ",
                        absl::AsciiStrToLower(table.columns(columns[0] + 1)), " beside the ",
                        absl::AsciiStrToLower(table.columns(columns[1] + 1)), " (hatched). ",
                        absl::StrJoin(bars, "; "), ".");
  }
  return absl::StrCat("Bar chart of ", table.caption(), ": ",
                      absl::AsciiStrToLower(table.columns(columns[0] + 1)), ". ",
                      absl::StrJoin(bars, "; "), ".");
}

}  // namespace carevoice::client::packs
