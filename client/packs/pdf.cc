// The PDF pack: what goes into the agenda pack of a committee, on A4. Laid
// out top to bottom by one Writer, run twice: first to learn where every
// section starts and how many pages there are (nothing kept), then to
// write them with the contents' page numbers and "Page n of N". Both runs
// draw on the same kind of surface, so the text is measured alike and the
// pages break in the same places.
//
// Tagged as it is drawn (cairo 1.16's structure tags) so a screen reader
// reads headings, lists, tables with their headers and charts as figures;
// what cairo cannot write (/Lang, /Alt, a header's /Scope) is added after
// by FinishTaggedPdf. The page number at each foot is drawn outside any
// tag: it is not part of the reading order.
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "base/proto_time.h"
#include "client/packs/charts.h"
#include "client/packs/packs.h"
#include "client/packs/pdf_finish.h"

namespace carevoice::client::packs {
namespace {

constexpr double kPageWidth = 595.276;  // A4, in points
constexpr double kPageHeight = 841.890;
constexpr double kMargin = 56.7;  // 20 mm
constexpr double kTextWidth = kPageWidth - 2 * kMargin;
constexpr double kTop = kMargin;
constexpr double kBottom = kPageHeight - kMargin - 20.0;  // the page number below
constexpr double kCellPad = 4.0;

struct Style {
  const char* font;
  double space_after;
};
constexpr Style kTitle{"DejaVu Sans Bold 20", 12.0};
constexpr Style kHeading{"DejaVu Sans Bold 15", 8.0};
constexpr Style kBody{"DejaVu Sans 11", 7.0};
constexpr Style kSmall{"DejaVu Sans 9.5", 6.0};
constexpr Style kCaption{"DejaVu Sans Bold 10.5", 5.0};
constexpr char kCellFont[] = "DejaVu Sans 9.5";
constexpr char kCellBoldFont[] = "DejaVu Sans Bold 9.5";

using Layout = std::unique_ptr<PangoLayout, decltype(&g_object_unref)>;

// Tags one stretch of drawing; tags nest as the scopes do.
class Tag {
 public:
  Tag(cairo_t* cr, const char* name, const std::string& attributes = "")
      : cr_(cr), name_(name) {
    cairo_tag_begin(cr_, name_, attributes.empty() ? nullptr : attributes.c_str());
  }
  ~Tag() { cairo_tag_end(cr_, name_); }
  Tag(const Tag&) = delete;
  Tag& operator=(const Tag&) = delete;

 private:
  cairo_t* cr_;
  const char* name_;
};

// Where a section begins, for the contents' links and the outline.
struct Place {
  int page = 0;
  double y = 0.0;
};

// A link's or outline entry's target in cairo's words: a page, and a point
// on it (from the top left, as drawn).
std::string LinkTo(const Place& place) {
  return absl::StrCat("page=", place.page, " pos=[", kMargin, " ", place.y, "]");
}

struct Cell {
  std::string words;
  bool right = false;  // a figure, lined up on the right
};

class Writer {
 public:
  Writer(cairo_t* cr, const v1::CommitteeReport& report, int pages,
         std::map<std::string, Place> sections)
      : cr_(cr), report_(report), pages_(pages), sections_(std::move(sections)) {}

  void Write() {
    Tag document(cr_, "Document");
    FirstPage();
    for (const v1::ReportSection& section : report_.sections()) {
      NewPage();
      Tag sect(cr_, "Sect");
      Heading(section.id(), section.title());
      for (const std::string& p : section.paragraphs()) Paragraph(p, kBody);
      for (const v1::ReportTable& table : section.tables()) Table(table);
    }
    if (!report_.suppression_rules().empty()) {
      NewPage();
      Tag sect(cr_, "Sect");
      Heading("small_numbers", "Small numbers");
      Tag list(cr_, "L");
      for (const std::string& rule : report_.suppression_rules()) {
        Tag item(cr_, "LI");
        Paragraph("• " + rule, kBody, "LBody");
      }
    }
    Footer();
  }

  int pages() const { return page_; }
  const std::map<std::string, Place>& sections_found() const { return found_; }
  const std::vector<std::string>& figures() const { return figures_; }

 private:
  Layout MakeLayout(std::string_view text, const char* font, double width,
                    PangoAlignment align = PANGO_ALIGN_LEFT) {
    Layout layout(pango_cairo_create_layout(cr_), &g_object_unref);
    // Shaped for the report's language (a quote in Welsh, Urdu, Bengali).
    pango_context_set_language(pango_layout_get_context(layout.get()),
                               pango_language_from_string(Language().c_str()));
    pango_layout_context_changed(layout.get());
    std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)> description(
        pango_font_description_from_string(font), &pango_font_description_free);
    pango_layout_set_font_description(layout.get(), description.get());
    // A negative width: one line, however long (to measure it).
    pango_layout_set_width(layout.get(), width < 0 ? -1 : static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), align);
    pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
    // No ligatures: see Show.
    PangoAttrList* attributes = pango_attr_list_new();
    pango_attr_list_insert(attributes, pango_attr_font_features_new("liga=0, clig=0"));
    pango_layout_set_attributes(layout.get(), attributes);
    pango_attr_list_unref(attributes);
    return layout;
  }

  static double Height(const Layout& layout) {
    int w = 0, h = 0;
    pango_layout_get_size(layout.get(), &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  // Draws `layout` a line at a time, each line laid out again on its own,
  // unwrapped, where the first put it. Wrapped, pango gives the space a
  // line breaks at no glyph, and cairo writes such text (as it would a
  // ligature, which MakeLayout turns off) as a nested /ActualText span
  // inside the tag's marked content: some readers (poppler's) stop reading
  // the tag there, and others run the two lines' words together.
  void Show(const Layout& layout, double x, double y) {
    cairo_set_source_rgb(cr_, 0, 0, 0);
    const char* text = pango_layout_get_text(layout.get());
    const PangoFontDescription* font = pango_layout_get_font_description(layout.get());
    std::unique_ptr<char, decltype(&g_free)> font_name(pango_font_description_to_string(font),
                                                       &g_free);
    PangoLayoutIter* lines = pango_layout_get_iter(layout.get());
    do {
      const PangoLayoutLine* line = pango_layout_iter_get_line_readonly(lines);
      std::string_view words(text + line->start_index, line->length);
      while (!words.empty() && words.back() == '\n') words.remove_suffix(1);
      PangoRectangle extents;
      pango_layout_iter_get_line_extents(lines, nullptr, &extents);
      Layout one = MakeLayout(words, font_name.get(), -1.0);
      cairo_move_to(cr_, x + static_cast<double>(extents.x) / PANGO_SCALE,
                    y + static_cast<double>(extents.y) / PANGO_SCALE);
      pango_cairo_show_layout(cr_, one.get());
    } while (pango_layout_iter_next_line(lines));
    pango_layout_iter_free(lines);
  }

  std::string Language() const {
    return report_.language().empty() ? "en-GB" : report_.language();
  }

  // Moves to a new page when `height` more would not fit on this one
  // (unless this page is still empty: something taller than a page goes
  // where it starts).
  void Need(double height) {
    if (y_ + height > kBottom && y_ > kTop) NewPage();
  }

  void NewPage() {
    Footer();
    cairo_show_page(cr_);
    ++page_;
    y_ = kTop;
  }

  void Footer() {
    const std::string words = absl::StrCat("Page ", page_, " of ", std::max(pages_, page_));
    Layout layout = MakeLayout(words, kSmall.font, kTextWidth, PANGO_ALIGN_CENTER);
    Show(layout, kMargin, kPageHeight - kMargin);
  }

  void Paragraph(std::string_view text, const Style& style, const char* tag = "P") {
    Layout layout = MakeLayout(text, style.font, kTextWidth);
    const double height = Height(layout);
    Need(height);
    {
      Tag t(cr_, tag);
      Show(layout, kMargin, y_);
    }
    y_ += height + style.space_after;
  }

  void Heading(const std::string& id, std::string_view title) {
    found_[id] = {page_, y_};
    Paragraph(title, kHeading, "H2");
  }

  void FirstPage() {
    Paragraph(report_.title(), kTitle, "H1");
    for (const auto& [term, words] :
         {std::pair<const char*, std::string>{"Period", report_.period_words()},
          {"Compared with", report_.previous_period_words()},
          {"Made", MadeWords(report_)},
          {"From", report_.data_version()}}) {
      Paragraph(absl::StrCat(term, ": ", words), kBody);
    }
    y_ += 10.0;
    found_["contents"] = {page_, y_};
    Paragraph("Contents", kHeading, "H2");
    Tag list(cr_, "L");
    int number = 0;
    auto entry = [&](const std::string& id, const std::string& title) {
      const auto it = sections_.find(id);
      const Place place = it == sections_.end() ? Place{} : it->second;
      Tag item(cr_, "LI");
      Tag body(cr_, "LBody");
      // The whole line is the link, so it is one target to touch or click.
      Tag link(cr_, CAIRO_TAG_LINK, place.page > 0 ? LinkTo(place) : "page=1");
      const std::string line = absl::StrCat(++number, ". ", title);
      Layout words = MakeLayout(line, kBody.font, kTextWidth - 60.0);
      Layout page = MakeLayout(absl::StrCat("page ", place.page), kBody.font, 60.0,
                               PANGO_ALIGN_RIGHT);
      const double height = Height(words);
      Need(height);
      Show(words, kMargin, y_);
      Show(page, kMargin + kTextWidth - 60.0, y_);
      y_ += height + kBody.space_after;
    };
    for (const v1::ReportSection& section : report_.sections()) {
      entry(section.id(), section.title());
    }
    if (!report_.suppression_rules().empty()) entry("small_numbers", "Small numbers");
  }

  // A chart is scaled down only if it is taller than a page.
  static double ChartScale(const v1::ReportTable& table) {
    return std::min(1.0, (kBottom - kTop - 40.0) / ChartHeight(table, kTextWidth));
  }

  // The height of a chart with the words under it.
  double ChartBlock(const v1::ReportTable& table) {
    return ChartHeight(table, kTextWidth) * ChartScale(table) + 6.0 +
           Height(MakeLayout(ChartCaption(table), kSmall.font, kTextWidth)) + 8.0;
  }

  // The chart, then the words saying where its figures are.
  void Chart(const v1::ReportTable& table) {
    const double height = ChartHeight(table, kTextWidth);
    const double scale = ChartScale(table);
    Layout caption = MakeLayout(ChartCaption(table), kSmall.font, kTextWidth);
    Need(height * scale + 6.0 + Height(caption));
    {
      Tag figure(cr_, "Figure");
      cairo_save(cr_);
      cairo_translate(cr_, kMargin, y_);
      cairo_scale(cr_, scale, scale);
      DrawChart(cr_, table, kTextWidth);
      cairo_restore(cr_);
    }
    figures_.push_back(ChartAlt(table));
    y_ += height * scale + 6.0;
    {
      Tag p(cr_, "P");
      Show(caption, kMargin, y_);
    }
    y_ += Height(caption) + 8.0;
  }

  double Width(std::string_view text, const char* font) {
    Layout layout = MakeLayout(text, font, -1.0);
    int w = 0, h = 0;
    pango_layout_get_size(layout.get(), &w, &h);
    return static_cast<double>(w) / PANGO_SCALE;
  }

  // Widths as a browser's automatic table layout shares them: every column
  // at least as wide as its longest word (so "Ownership" is not broken and
  // no figure is), the rest of the page's width shared by how much more
  // each column's longest line would take.
  std::vector<double> ColumnWidths(const v1::ReportTable& table, const std::vector<Cell>& header) {
    const std::size_t n = header.size();
    std::vector<double> least(n, 0.0), most(n, 0.0);
    auto measure = [&](const std::vector<Cell>& cells, const char* font) {
      for (std::size_t i = 0; i < cells.size() && i < n; ++i) {
        most[i] = std::max(most[i], Width(cells[i].words, font) + 2 * kCellPad);
        for (absl::string_view word : absl::StrSplit(cells[i].words, ' ', absl::SkipEmpty())) {
          least[i] = std::max(least[i], Width(std::string(word), font) + 2 * kCellPad);
        }
      }
    };
    measure(header, kCellBoldFont);
    for (const v1::ReportRow& row : table.rows()) measure(Cells(table, row), kCellFont);
    if (table.has_total()) measure(Cells(table, table.total()), kCellBoldFont);
    double least_sum = 0.0, most_sum = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      most[i] = std::max(most[i], least[i]);
      least_sum += least[i];
      most_sum += most[i];
    }
    std::vector<double> widths(n);
    if (least_sum >= kTextWidth) {  // too many columns: all squeezed alike
      for (std::size_t i = 0; i < n; ++i) widths[i] = least[i] * kTextWidth / least_sum;
    } else if (most_sum <= kTextWidth) {  // all fit on one line: the spare shared alike
      for (std::size_t i = 0; i < n; ++i) widths[i] = most[i] * kTextWidth / most_sum;
    } else {
      const double share = (kTextWidth - least_sum) / (most_sum - least_sum);
      for (std::size_t i = 0; i < n; ++i) widths[i] = least[i] + (most[i] - least[i]) * share;
    }
    return widths;
  }

  // One row's height, its cells laid out in their columns.
  double RowHeight(const std::vector<Cell>& cells, const std::vector<double>& widths,
                   const char* font) {
    double height = 0.0;
    for (std::size_t i = 0; i < cells.size() && i < widths.size(); ++i) {
      height = std::max(height, Height(MakeLayout(cells[i].words, font, widths[i] - 2 * kCellPad)));
    }
    return height + 2 * kCellPad;
  }

  // Draws one row at y_: the first cell a row header, or every cell a
  // column header (`header`). Tagged unless `tagged` is false (a header
  // row repeated on a new page is only there to be seen).
  void Row(const std::vector<Cell>& cells, const std::vector<double>& widths, bool header,
           bool bold, bool rule_above, bool tagged) {
    const char* font = bold || header ? kCellBoldFont : kCellFont;
    const double height = RowHeight(cells, widths, font);
    std::unique_ptr<Tag> tr = tagged ? std::make_unique<Tag>(cr_, "TR") : nullptr;
    double x = kMargin;
    for (std::size_t i = 0; i < cells.size() && i < widths.size(); ++i) {
      if (header) {
        cairo_set_source_rgb(cr_, 0.92, 0.92, 0.92);
        cairo_rectangle(cr_, x, y_, widths[i], height);
        cairo_fill(cr_);
      }
      cairo_set_source_rgb(cr_, 0.33, 0.33, 0.33);
      cairo_set_line_width(cr_, 0.6);
      cairo_rectangle(cr_, x, y_, widths[i], height);
      cairo_stroke(cr_);
      Layout layout = MakeLayout(cells[i].words, font, widths[i] - 2 * kCellPad,
                                 cells[i].right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      {
        std::unique_ptr<Tag> cell =
            tagged ? std::make_unique<Tag>(cr_, header || i == 0 ? "TH" : "TD") : nullptr;
        Show(layout, x + kCellPad, y_ + kCellPad);
      }
      x += widths[i];
    }
    if (rule_above) {  // the "All" row: a heavy rule above, as printed accounts do
      cairo_set_source_rgb(cr_, 0, 0, 0);
      cairo_set_line_width(cr_, 1.8);
      cairo_move_to(cr_, kMargin, y_);
      cairo_line_to(cr_, kMargin + kTextWidth, y_);
      cairo_stroke(cr_);
    }
    y_ += height;
  }

  std::vector<Cell> Cells(const v1::ReportTable& table, const v1::ReportRow& row) {
    std::vector<Cell> cells{{row.label(), false}};
    for (int i = 0; i < row.cells_size(); ++i) {
      cells.push_back({CellWords(row.cells(i)), !IsWordsColumn(table, i + 1)});
    }
    return cells;
  }

  void Table(const v1::ReportTable& table) {
    std::vector<Cell> header;
    for (int i = 0; i < table.columns_size(); ++i) {
      header.push_back({table.columns(i), !IsWordsColumn(table, i)});
    }
    const std::vector<double> widths = ColumnWidths(table, header);
    Layout caption = MakeLayout(table.caption(), kCaption.font, kTextWidth);
    const double heading =
        Height(caption) + kCaption.space_after + RowHeight(header, widths, kCellBoldFont);
    double whole = heading;
    double top = heading;  // the caption, the header and the first row
    for (const v1::ReportRow& row : table.rows()) {
      whole += RowHeight(Cells(table, row), widths, kCellFont);
      if (top == heading) top = whole;
    }
    if (table.has_total()) whole += RowHeight(Cells(table, table.total()), widths, kCellBoldFont);
    // A table that fits on a page is kept whole, with its chart where both
    // fit; a longer one at least never leaves its caption alone at a foot.
    const double page = kBottom - kTop;
    const double chart = HasChart(table) ? ChartBlock(table) : 0.0;
    if (chart > 0.0 && chart + whole <= page) Need(chart + whole);
    if (chart > 0.0) Chart(table);
    Need(whole <= page ? whole : top);
    {
      Tag t(cr_, "Table");
      {
        Tag c(cr_, "Caption");
        Show(caption, kMargin, y_);
      }
      y_ += Height(caption) + kCaption.space_after;
      {
        Tag head(cr_, "THead");
        Row(header, widths, true, true, false, true);
      }
      // Rows break between pages, never inside one; each new page starts
      // with the header row again.
      auto row_on_page = [&](const std::vector<Cell>& cells, bool total) {
        const char* font = total ? kCellBoldFont : kCellFont;
        if (y_ + RowHeight(cells, widths, font) > kBottom) {
          NewPage();
          Row(header, widths, true, true, false, false);
        }
        Row(cells, widths, false, total, total, true);
      };
      if (!table.rows().empty()) {
        Tag body(cr_, "TBody");
        for (const v1::ReportRow& row : table.rows()) row_on_page(Cells(table, row), false);
      }
      if (table.has_total()) {
        Tag foot(cr_, "TFoot");
        row_on_page(Cells(table, table.total()), true);
      }
    }
    y_ += 8.0;
    if (!table.note().empty()) Paragraph(table.note(), kSmall);
    y_ += 6.0;
  }

  cairo_t* cr_;
  const v1::CommitteeReport& report_;
  const int pages_;                            // 0 on the first run
  const std::map<std::string, Place> sections_;  // from the first run
  int page_ = 1;
  double y_ = kTop;
  std::map<std::string, Place> found_;
  std::vector<std::string> figures_;
};

cairo_status_t AppendTo(void* closure, const unsigned char* data, unsigned int length) {
  if (closure != nullptr) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  }
  return CAIRO_STATUS_SUCCESS;
}

// "2027-04-02T09:30:00Z", as cairo wants a PDF date.
std::string IsoTime(const google::protobuf::Timestamp& t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", base::FromProtoTimestamp(t), absl::UTCTimeZone());
}

struct Run {
  std::string bytes;
  int pages = 0;
  std::map<std::string, Place> sections;
  std::vector<std::string> figures;
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
};

// One run of the Writer. `keep` false discards the bytes.
Run Draw(const v1::CommitteeReport& report, int pages, const std::map<std::string, Place>& sections,
         bool keep) {
  Run run;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(
      AppendTo, keep ? &run.bytes : nullptr, kPageWidth, kPageHeight);
  cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, report.title().c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT,
                                 report.period_words().c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "CareVoice");
  // The date the figures were made, not the moment of writing: the same
  // report gives the same file.
  const std::string made = IsoTime(report.made_at());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, made.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, made.c_str());
  cairo_t* cr = cairo_create(surface);
  Writer writer(cr, report, pages, sections);
  writer.Write();
  run.pages = writer.pages();
  run.sections = writer.sections_found();
  run.figures = writer.figures();
  // An outline of the sections, for viewers' bookmarks panes.
  if (keep) {
    auto outline = [&](const std::string& id, const std::string& title) {
      const auto it = run.sections.find(id);
      if (it == run.sections.end()) return;
      cairo_pdf_surface_add_outline(surface, CAIRO_PDF_OUTLINE_ROOT, title.c_str(),
                                    LinkTo(it->second).c_str(), CAIRO_PDF_OUTLINE_FLAG_OPEN);
    };
    for (const v1::ReportSection& section : report.sections()) {
      outline(section.id(), section.title());
    }
    if (!report.suppression_rules().empty()) outline("small_numbers", "Small numbers");
  }
  run.status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  if (run.status == CAIRO_STATUS_SUCCESS) run.status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  return run;
}

}  // namespace

absl::StatusOr<std::string> Pdf(const v1::CommitteeReport& report) {
  const Run measured = Draw(report, 0, {}, false);
  if (measured.status != CAIRO_STATUS_SUCCESS) {
    return absl::InternalError(
        absl::StrCat("cairo could not lay out the PDF: ", cairo_status_to_string(measured.status)));
  }
  Run written = Draw(report, measured.pages, measured.sections, true);
  if (written.status != CAIRO_STATUS_SUCCESS) {
    return absl::InternalError(
        absl::StrCat("cairo could not write the PDF: ", cairo_status_to_string(written.status)));
  }
  // The contents list's length does not depend on its page numbers, so the
  // second run breaks pages where the first did.
  if (written.pages != measured.pages || written.sections.size() != measured.sections.size()) {
    return absl::InternalError("the PDF's pages moved between its two runs");
  }
  return FinishTaggedPdf(written.bytes, {report.language().empty() ? "en-GB" : report.language(),
                                         written.figures});
}

}  // namespace carevoice::client::packs
