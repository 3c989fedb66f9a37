// Committee packs' renderers: every figure of the report reaches each
// format unchanged (read back by a reader written here from RFC 4180, not
// by the writer), hidden figures stay hidden, and words from catalog files
// cannot run as a spreadsheet formula or break a Markdown table. The PDF is
// read as its readers would: poppler's tools for its pages, fonts, text and
// tagged structure.
#include <cairo.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "client/packs/charts.h"
#include "client/packs/packs.h"
#include "client/packs/pdf_finish.h"
#include "gtest/gtest.h"

namespace carevoice::client::packs {
namespace {

v1::ReportCell Count(std::int64_t n, bool difference = false) {
  v1::ReportCell c;
  c.set_count(n);
  c.set_difference(difference);
  return c;
}

v1::ReportCell Hidden(v1::ReportCell::Suppression why) {
  v1::ReportCell c;
  c.set_suppressed(why);
  return c;
}

v1::ReportCell Text(std::string text) {
  v1::ReportCell c;
  c.set_text(std::move(text));
  return c;
}

// A report as the service would send it, with words an officer's catalog
// file might hold: a formula, a pipe, quotes, a comma, Welsh.
v1::CommitteeReport Sample() {
  v1::CommitteeReport r;
  r.set_title("People's voices, 1 April 2026 to 31 March 2027: report to the Committee");
  r.set_from_date("2026-04-01");
  r.set_to_date("2027-03-31");
  r.set_previous_from_date("2025-04-01");
  r.set_previous_to_date("2026-03-31");
  r.set_period_words("1 April 2026 to 31 March 2027");
  r.set_previous_period_words("1 April 2025 to 31 March 2026");
  r.mutable_made_at()->set_seconds(1'807'000'000);
  r.set_data_version("catalog v9; 58 submissions stored");
  r.add_suppression_rules("Counts from 1 to 4 are shown as \"fewer than 5\".");
  v1::ReportSection* s = r.add_sections();
  s->set_id("told_us");
  s->set_title("What people told us");
  s->add_paragraphs("People told us 36 things.");
  v1::ReportTable* t = s->add_tables();
  t->set_id("by_provider");
  t->set_caption("By provider");
  for (const char* c : {"Provider", "Ownership model", "This period", "Previous period", "Change"}) {
    t->add_columns(c);
  }
  auto row = [&](const char* key, const char* label, std::vector<v1::ReportCell> cells) {
    v1::ReportRow* out = t->add_rows();
    out->set_key(key);
    out->set_label(label);
    for (auto& c : cells) *out->add_cells() = c;
  };
  row("coop", "Gofal Cydweithredol, \"Co-op\"",
      {Text("Co-operative"), Count(1234), Count(1240), Count(-6, true)});
  row("evil", "=HYPERLINK(\"http://x\",\"click\")",
      {Text("@SUM(A1)"), Hidden(v1::ReportCell::SUPPRESSION_SMALL), Count(0),
       Hidden(v1::ReportCell::SUPPRESSION_SECONDARY)});
  row("pipes", "A | B care", {Text("+private"), Count(7), Hidden(v1::ReportCell::SUPPRESSION_SECONDARY),
                               Hidden(v1::ReportCell::SUPPRESSION_SECONDARY)});
  v1::ReportRow* all = t->mutable_total();
  all->set_label("All");
  for (auto& c : std::vector<v1::ReportCell>{Text(""), Count(1244), Count(1250), Count(-6, true)}) {
    *all->add_cells() = c;
  }
  v1::ReportTable* ratings = s->add_tables();
  ratings->set_id("ratings");
  ratings->set_caption("Ratings");
  for (const char* c : {"Rating", "This period", "Share"}) ratings->add_columns(c);
  v1::ReportRow* good = ratings->add_rows();
  good->set_key("4");
  good->set_label("Good");
  *good->add_cells() = Count(4);
  good->add_cells()->set_percent(18.1818);
  return r;
}

// RFC 4180, read independently of the writer: fields split on commas
// outside quotes, "" inside quotes is one quote, records end in CRLF.
std::vector<std::vector<std::string>> ReadCsv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      record.push_back(field);
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      record.push_back(field);
      field.clear();
      records.push_back(record);
      record.clear();
      ++i;
    } else {
      EXPECT_NE(c, '\n') << "a bare LF ends no record in RFC 4180";
      field += c;
    }
  }
  EXPECT_TRUE(field.empty() && record.empty()) << "the last record ends in CRLF";
  return records;
}

TEST(PacksCsvTest, EveryFigureReadsBackTheSameAndWordsStayWords) {
  const v1::CommitteeReport report = Sample();
  const std::string csv = Csv(report);
  ASSERT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF") << "UTF-8 with a byte-order mark";
  const auto records = ReadCsv(csv.substr(3));
  ASSERT_FALSE(records.empty());
  EXPECT_EQ(records[0], (std::vector<std::string>{"table", "caption", "row_key", "row", "column",
                                                  "value", "suppressed"}));
  std::map<std::string, std::pair<std::string, std::string>> figures;  // table/key/column
  std::map<std::string, std::string> about;
  for (std::size_t i = 1; i < records.size(); ++i) {
    ASSERT_EQ(records[i].size(), 7u) << i;
    const auto& r = records[i];
    if (r[0] == "about") {
      about[r[2]] = r[5];
    } else {
      figures[r[0] + "/" + r[2] + "/" + r[4]] = {r[5], r[6]};
    }
  }
  EXPECT_EQ(about["period"], "2026-04-01..2027-03-31");
  EXPECT_EQ(about["previous_period"], "2025-04-01..2026-03-31");
  EXPECT_EQ(about["data"], "catalog v9; 58 submissions stored");
  EXPECT_EQ(about["made_at"], "2027-04-06T08:26:40Z");
  EXPECT_EQ(about["rule_1"], "Counts from 1 to 4 are shown as \"fewer than 5\".");

  // Every figure of the report, as a number, or empty with why.
  for (const auto& table : report.sections(0).tables()) {
    auto check = [&](const v1::ReportRow& row, const std::string& key) {
      for (int i = 0; i < row.cells_size(); ++i) {
        const v1::ReportCell& c = row.cells(i);
        if (c.has_text()) continue;
        const auto found = figures.find(table.id() + "/" + key + "/" + table.columns(i + 1));
        ASSERT_NE(found, figures.end()) << table.id() << " " << key << " " << i;
        if (c.has_count()) {
          EXPECT_EQ(found->second.first, std::to_string(c.count()));
          EXPECT_EQ(found->second.second, "");
        } else if (c.has_percent()) {
          EXPECT_EQ(found->second.first, "18.2");
        } else {
          EXPECT_EQ(found->second.first, "");
          EXPECT_EQ(found->second.second,
                    c.suppressed() == v1::ReportCell::SUPPRESSION_SMALL ? "small" : "secondary");
        }
      }
    };
    for (const auto& row : table.rows()) check(row, row.key());
    check(table.total(), "(all)");
  }
  EXPECT_EQ(figures["by_provider/coop/Change"].first, "-6") << "a number's minus is its own";

  // Words a spreadsheet would run are defused, wherever they come.
  EXPECT_NE(csv.find(",\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\","), std::string::npos) << csv;
  EXPECT_NE(csv.find(",'@SUM(A1),"), std::string::npos);
  EXPECT_NE(csv.find(",'+private,"), std::string::npos);
  for (const auto& r : records) {
    for (const std::string& field : r) {
      if (field.empty() || field == "-6") continue;
      EXPECT_EQ(std::string("=+-@\t\r").find(field[0]), std::string::npos) << field;
    }
  }
}

TEST(PacksMarkdownTest, TablesHoldTheSameWordsAndPipesCannotSplitACell) {
  const std::string md = Markdown(Sample());
  EXPECT_EQ(md.rfind("# People's voices", 0), 0u);
  EXPECT_NE(md.find("- Period: 1 April 2026 to 31 March 2027\n"), std::string::npos);
  EXPECT_NE(md.find("## What people told us\n\nPeople told us 36 things.\n"), std::string::npos);
  EXPECT_NE(md.find("| Provider | Ownership model | This period | Previous period | Change |\n"
                    "| --- | --- | ---: | ---: | ---: |\n"
                    "| Gofal Cydweithredol, \"Co-op\" | Co-operative | 1,234 | 1,240 | -6 |\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| =HYPERLINK(\"http://x\",\"click\") | @SUM(A1) | fewer than 5 | 0 | withheld |"),
            std::string::npos);
  EXPECT_NE(md.find("| A \\| B care | +private | 7 | withheld | withheld |"), std::string::npos);
  EXPECT_NE(md.find("| **All** |  | 1,244 | 1,250 | -6 |"), std::string::npos);
  EXPECT_NE(md.find("| Good | 4 | 18.2% |"), std::string::npos);
  // Every row has as many cells as the header: no pipe split one.
  for (absl::string_view line : absl::StrSplit(md, '\n')) {
    if (!absl::StartsWith(line, "| ")) continue;
    int pipes = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++pipes;
    }
    EXPECT_TRUE(pipes == 6 || pipes == 4) << line;
  }
  EXPECT_NE(md.find("## Small numbers\n\n- Counts from 1 to 4"), std::string::npos);
}

TEST(PacksCellTest, FiguresReadAsACommitteePaperWritesThem) {
  EXPECT_EQ(CellWords(Count(0)), "0");
  EXPECT_EQ(CellWords(Count(999)), "999");
  EXPECT_EQ(CellWords(Count(1000)), "1,000");
  EXPECT_EQ(CellWords(Count(1234567)), "1,234,567");
  EXPECT_EQ(CellWords(Count(12, true)), "+12");
  EXPECT_EQ(CellWords(Count(-1234, true)), "-1,234");
  EXPECT_EQ(CellWords(Count(0, true)), "0");
  EXPECT_EQ(CellWords(Hidden(v1::ReportCell::SUPPRESSION_SMALL)), "fewer than 5");
  EXPECT_EQ(CellWords(Hidden(v1::ReportCell::SUPPRESSION_SECONDARY)), "withheld");
  EXPECT_EQ(FormatFromName("csv"), Format::kCsv);
  EXPECT_EQ(FormatFromName("md"), Format::kMarkdown);
  EXPECT_EQ(FormatFromName("html"), Format::kHtml);
  EXPECT_EQ(FormatFromName("xlsx"), Format::kXlsx);
  EXPECT_EQ(FormatFromName("pdf"), Format::kPdf);
  EXPECT_EQ(FormatFromName("docx"), std::nullopt);
}

// How many times `needle` is in `hay`.
int Occurrences(const std::string& hay, std::string_view needle) {
  int n = 0;
  for (auto at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

TEST(PacksHtmlTest, WordsFromFilesStayWordsAndEveryTableIsLabelled) {
  v1::CommitteeReport report = Sample();
  v1::ReportTable* t = report.mutable_sections(0)->mutable_tables(0);
  t->mutable_rows(2)->set_label("<script>alert(1)</script><img src=x onerror=alert(2)>");
  report.mutable_sections(0)->set_id("told_us\"><b");
  const std::string html = Html(report);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"en-GB\">", 0), 0u);
  EXPECT_NE(html.find("<title>People&#39;s voices, 1 April 2026 to 31 March 2027"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos) << "markup from a file ran";
  EXPECT_EQ(html.find("<img src=x"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"),
            std::string::npos);
  EXPECT_NE(html.find("<h2 id=\"s-told_usb\">"), std::string::npos) << "an id keeps to [a-z0-9_]";
  // One h1; a caption and column headers for every table, a row header
  // for every row and "All".
  EXPECT_EQ(Occurrences(html, "<h1>"), 1);
  EXPECT_EQ(Occurrences(html, "<caption>"), 2);
  EXPECT_EQ(Occurrences(html, "<th scope=\"col\""), 5 + 3);
  EXPECT_EQ(Occurrences(html, "<th scope=\"row\">"), 4 + 1);
  EXPECT_NE(html.find("<tfoot>\n<tr><th scope=\"row\">All</th><td></td><td class=\"num\">1,244</td>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<td class=\"num hidden\">fewer than 5</td>"), std::string::npos);
  EXPECT_NE(html.find("<th scope=\"row\">Gofal Cydweithredol, &quot;Co-op&quot;</th>"),
            std::string::npos)
      << "a Welsh name as given";
}

TEST(PacksHtmlTest, AChartIsAnImageSayingEveryFigureBesideItsTable) {
  v1::CommitteeReport report = Sample();
  report.mutable_sections(0)->mutable_tables(0)->set_chart("trend");
  const std::string html = Html(report);
  const auto figure = html.find("<figure>\n<img src=\"data:image/svg+xml;base64,");
  ASSERT_NE(figure, std::string::npos) << html;
  EXPECT_LT(figure, html.find("<caption>By provider</caption>")) << "the chart comes before its table";
  EXPECT_NE(html.find("alt=\"Bar chart of By provider: this period beside the previous period "
                      "(hatched). Gofal Cydweithredol, &quot;Co-op&quot;: 1,234 (1,240 before); "),
            std::string::npos)
      << html;
  EXPECT_EQ(Occurrences(html, "<figure>"), 1) << "the ratings table asks for no chart";
}

// The ink of a chart's bars (kInk): pixels close to it, along a line.
int InkAlong(cairo_surface_t* surface, int y) {
  const unsigned char* data = cairo_image_surface_get_data(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  int n = 0;
  for (int x = 0; x < cairo_image_surface_get_width(surface); ++x) {
    const auto* px = reinterpret_cast<const std::uint32_t*>(data + y * stride) + x;
    const int r = (*px >> 16) & 0xff, g = (*px >> 8) & 0xff, b = *px & 0xff;
    if (std::abs(r - 31) < 12 && std::abs(g - 46) < 12 && std::abs(b - 82) < 12) ++n;
  }
  return n;
}

// `t`'s chart drawn on white, `width` by `height` pixels; the caller
// destroys it.
cairo_surface_t* Drawn(const v1::ReportTable& t, int width, int height) {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  DrawChart(cr, t, width);
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  return surface;
}

TEST(PacksChartTest, BarsAreAsLongAsTheirFiguresAndAHiddenOneDrawsNone) {
  v1::ReportTable t;
  t.set_id("by_channel");
  t.set_caption("How people told us");
  t.set_chart("bar");
  for (const char* c : {"Channel", "This period", "Change"}) t.add_columns(c);
  auto row = [&](const char* label, v1::ReportCell now) {
    v1::ReportRow* r = t.add_rows();
    r->set_label(label);
    *r->add_cells() = now;
    *r->add_cells() = Count(-40, true);  // a change is never drawn
  };
  row("Kiosk", Count(100));
  row("Tablet", Count(50));
  row("Officer", Count(0));
  row("Post", Hidden(v1::ReportCell::SUPPRESSION_SMALL));
  ASSERT_TRUE(HasChart(t));
  const int width = 640;
  const int height = static_cast<int>(ChartHeight(t, width));
  ASSERT_GT(height, 4 * 20);
  cairo_surface_t* surface = Drawn(t, width, height);
  const int row_height = height / 4;  // rows share the height evenly
  std::vector<int> ink;
  for (int i = 0; i < 4; ++i) ink.push_back(InkAlong(surface, i * row_height + row_height / 2));
  cairo_surface_destroy(surface);
  EXPECT_GT(ink[0], 200) << "the largest bar spans most of the room";
  EXPECT_NEAR(static_cast<double>(ink[1]) / ink[0], 0.5, 0.02) << ink[0] << " " << ink[1];
  EXPECT_EQ(ink[2], 0);
  EXPECT_EQ(ink[3], 0) << "a hidden figure draws no bar";
  EXPECT_EQ(ChartAlt(t),
            "Bar chart of How people told us: this period. Kiosk: 100; Tablet: 50; Officer: 0; "
            "Post: fewer than 5.");
  const std::string svg = ChartSvg(t, width);
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  t.set_chart("");
  EXPECT_FALSE(HasChart(t));
  EXPECT_EQ(ChartSvg(t, width), "");
}

// The first ink (kInk) from the top in column `x`, below the key.
int FirstInkDown(cairo_surface_t* surface, int x, int from_y) {
  const unsigned char* data = cairo_image_surface_get_data(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  for (int y = from_y; y < cairo_image_surface_get_height(surface); ++y) {
    const auto* px = reinterpret_cast<const std::uint32_t*>(data + y * stride) + x;
    const int r = (*px >> 16) & 0xff, g = (*px >> 8) & 0xff, b = *px & 0xff;
    if (std::abs(r - 31) < 12 && std::abs(g - 46) < 12 && std::abs(b - 82) < 12) return y;
  }
  return -1;
}

TEST(PacksChartTest, ALineRisesWithItsFiguresAndSaysEveryPoint) {
  v1::ReportTable t;
  t.set_id("by_month");
  t.set_caption("What people told us, month by month");
  t.set_chart("line");
  for (const char* c : {"Month", "Everything", "Complaints and concerns"}) t.add_columns(c);
  auto row = [&](const char* label, v1::ReportCell all, v1::ReportCell complaints) {
    v1::ReportRow* r = t.add_rows();
    r->set_label(label);
    *r->add_cells() = all;
    *r->add_cells() = complaints;
  };
  row("April 2026", Count(0), Hidden(v1::ReportCell::SUPPRESSION_SMALL));
  ASSERT_FALSE(HasChart(t)) << "one point is no line";
  row("May 2026", Count(50), Hidden(v1::ReportCell::SUPPRESSION_SMALL));
  row("June 2026", Count(100), Count(10));
  ASSERT_TRUE(HasChart(t));
  const int width = 640;
  const int height = static_cast<int>(ChartHeight(t, width));
  cairo_surface_t* surface = Drawn(t, width, height);
  // The points sit at 30, 320 and 610 across; the higher the figure, the
  // higher the mark, in proportion.
  const int below_key = 30;
  const int y0 = FirstInkDown(surface, 30, below_key);
  const int y50 = FirstInkDown(surface, 320, below_key);
  const int y100 = FirstInkDown(surface, 610, below_key);
  cairo_surface_destroy(surface);
  ASSERT_GT(y0, 0);
  ASSERT_GT(y50, 0);
  ASSERT_GT(y100, 0);
  EXPECT_LT(y100, y50);
  EXPECT_LT(y50, y0);
  EXPECT_NEAR(y50 - y100, y0 - y50, 6) << y0 << " " << y50 << " " << y100;
  EXPECT_EQ(ChartAlt(t),
            "Line chart of What people told us, month by month. Everything (solid line): "
            "April 2026 0, May 2026 50, June 2026 100. Complaints and concerns (dashed line): "
            "April 2026 fewer than 5, May 2026 fewer than 5, June 2026 10.");
}

TEST(PacksXlsxTest, OpenpyxlReadsNumbersAsNumbersAndFormulasAsText) {
  const absl::StatusOr<std::string> xlsx = Xlsx(Sample());
  ASSERT_TRUE(xlsx.ok()) << xlsx.status();
  ASSERT_EQ(xlsx->substr(0, 4), std::string("PK\x03\x04", 4)) << "a zip, as XLSX is";
  const std::string path = ::testing::TempDir() + "/pack_test.xlsx";
  std::ofstream(path, std::ios::binary) << *xlsx;
  // Read by an independent reader (Debian's openpyxl): every cell of the
  // provider table as "type:value", a line each.
  const std::string command =
      "/usr/bin/python3 -c 'import openpyxl,sys\n"
      "b = openpyxl.load_workbook(sys.argv[1])\n"
      "print(b.sheetnames)\n"
      "ws = b[\"by_provider\"]\n"
      "print(ws.freeze_panes)\n"
      "for row in ws.iter_rows(min_row=4):\n"
      "  print(\"|\".join(f\"{c.data_type}:{c.value}:{c.number_format}\" for c in row))\n' " +
      path;
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  ASSERT_EQ(pclose(pipe), 0) << out;
  std::remove(path.c_str());
  EXPECT_NE(out.find("['About', 'by_provider', 'ratings']"), std::string::npos) << out;
  EXPECT_NE(out.find("\nB4\n"), std::string::npos) << "the header row is frozen: " << out;
  EXPECT_NE(out.find("s:Gofal Cydweithredol, \"Co-op\":General|s:Co-operative:General|"
                     "n:1234:#,##0|n:1240:#,##0|n:-6:+#,##0;-#,##0;0"),
            std::string::npos)
      << out;
  // Written as text ("s"), never a formula ("f"): nothing from a file runs.
  EXPECT_NE(out.find("s:=HYPERLINK(\"http://x\",\"click\"):General|s:@SUM(A1):General|"
                     "s:fewer than 5:General|n:0:#,##0|s:withheld:General"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("f:"), std::string::npos) << out;
}

// What a command prints to stdout, and whether it exited 0.
std::pair<std::string, bool> Output(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {"", false};
  std::string out;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  return {out, pclose(pipe) == 0};
}

// A pack long enough to break a table across pages.
v1::CommitteeReport LongSample() {
  v1::CommitteeReport report = Sample();
  v1::ReportTable* providers = report.mutable_sections(0)->mutable_tables(0);
  providers->set_chart("trend");
  report.mutable_sections(0)->mutable_tables(1)->set_chart("bar");
  v1::ReportSection* sites = report.add_sections();
  sites->set_id("sites");
  sites->set_title("Sites");
  v1::ReportTable* t = sites->add_tables();
  t->set_id("by_site");
  t->set_caption("By site");
  for (const char* c : {"Site", "This period"}) t->add_columns(c);
  for (int i = 1; i <= 70; ++i) {
    v1::ReportRow* row = t->add_rows();
    row->set_key("site" + std::to_string(i));
    row->set_label("Day centre number " + std::to_string(i));
    row->add_cells()->set_count(1000 + i);
  }
  return report;
}

// Poppler's tools (as a committee clerk's PDF reader would) read the pack:
// A4, tagged, titled, fonts embedded, every figure there as text, the
// structure a screen reader walks, and the /Lang, /Alt and /Scope that
// cairo cannot write.
TEST(PacksPdfTest, PopplerReadsATaggedA4PackWithEveryFigure) {
  const v1::CommitteeReport report = LongSample();
  const absl::StatusOr<std::string> pdf = Pdf(report);
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  ASSERT_EQ(pdf->substr(0, 5), "%PDF-");
  const std::string path = ::testing::TempDir() + "/pack_test.pdf";
  std::ofstream(path, std::ios::binary) << *pdf;

  const auto [info, info_ok] = Output("pdfinfo " + path);
  ASSERT_TRUE(info_ok) << info;
  EXPECT_NE(info.find("Tagged:          yes"), std::string::npos) << info;
  EXPECT_NE(info.find("Title:           People's voices, 1 April 2026"), std::string::npos) << info;
  EXPECT_NE(info.find("Page size:       595.276 x 841.89 pts (A4)"), std::string::npos) << info;
  const auto pages_at = info.find("Pages:");
  ASSERT_NE(pages_at, std::string::npos);
  const int pages = std::stoi(info.substr(pages_at + 6));
  EXPECT_GE(pages, 4) << "the contents, two sections (one of three pages) and the rules";

  // Every font embedded: the pack reads the same on any machine.
  const auto [fonts, fonts_ok] = Output("pdffonts " + path);
  ASSERT_TRUE(fonts_ok) << fonts;
  int font_count = 0;
  for (absl::string_view line : absl::StrSplit(fonts, '\n', absl::SkipEmpty())) {
    if (absl::StartsWith(line, "name") || absl::StartsWith(line, "---")) continue;
    const std::vector<absl::string_view> words = absl::StrSplit(line, ' ', absl::SkipEmpty());
    ASSERT_GE(words.size(), 7u) << line;
    EXPECT_EQ(words[words.size() - 5], "yes") << "not embedded: " << line;
    ++font_count;
  }
  EXPECT_GE(font_count, 2) << fonts;

  // The structure a screen reader walks, with each element's text: every
  // figure in its cell, headers with their scope, a Figure per chart.
  const auto [structure, structure_ok] = Output("pdfinfo -struct-text " + path);
  ASSERT_TRUE(structure_ok) << structure;
  EXPECT_EQ(Occurrences(structure, "\n    Figure\n"), 2) << structure;
  for (const char* element : {"\n  H1 (block)\n", "\n    H2 (block)\n", "\n    Table (block)\n",
                              "\n      THead\n", "\n      TBody\n", "\n      TFoot\n",
                              "\n      Caption\n        \"By provider\"\n", "Link (inline)",
                              "\n  L (block)\n"}) {
    EXPECT_NE(structure.find(element), std::string::npos) << element << "\n" << structure;
  }
  EXPECT_EQ(Occurrences(structure, "TH:\n             /Scope /Column\n"), 5 + 3 + 2) << structure;
  for (const v1::ReportSection& section : report.sections()) {
    for (const v1::ReportTable& table : section.tables()) {
      for (const v1::ReportRow& row : table.rows()) {
        EXPECT_NE(structure.find(absl::StrCat("/Scope /Row\n            \"", row.label(), "\"\n")),
                  std::string::npos)
            << row.label();
        for (const v1::ReportCell& cell : row.cells()) {
          EXPECT_NE(structure.find(absl::StrCat("  TD\n            \"", CellWords(cell), "\"\n")),
                    std::string::npos)
              << CellWords(cell);
        }
      }
    }
  }
  // The contents list says where each section starts; the rules come last.
  EXPECT_NE(structure.find("\"2. Sitespage 3\""), std::string::npos) << structure;
  EXPECT_NE(structure.find(absl::StrCat("\"3. Small numberspage ", pages, "\"")),
            std::string::npos)
      << structure;

  // Page numbers, and a table's header row again on each page it runs on.
  const auto [text, text_ok] = Output("pdftotext -layout " + path + " -");
  ASSERT_TRUE(text_ok);
  const std::vector<std::string> page_texts = absl::StrSplit(text, '\f');
  ASSERT_GE(static_cast<int>(page_texts.size()), pages);
  for (int p = 1; p <= pages; ++p) {
    const std::string& page = page_texts[p - 1];
    EXPECT_NE(page.find(absl::StrCat("Page ", p, " of ", pages)), std::string::npos) << page;
    if (page.find("Day centre number") != std::string::npos) {
      EXPECT_NE(page.find("This period"), std::string::npos) << "no header row on page " << p;
    }
  }
  EXPECT_NE(text.find("Day centre number 70"), std::string::npos);

  // What cairo cannot write, added after: /Lang, each chart's words, the
  // title shown rather than the file's name.
  const auto [raw, raw_ok] = Output("qpdf --qdf --object-streams=disable " + path + " -");
  ASSERT_TRUE(raw_ok);
  EXPECT_NE(raw.find("/Lang (en-GB)"), std::string::npos);
  EXPECT_NE(raw.find("/DisplayDocTitle true"), std::string::npos);
  EXPECT_NE(raw.find("/Alt (Bar chart of By provider: this period beside the previous period "),
            std::string::npos);
  EXPECT_NE(raw.find("/Alt (Bar chart of Ratings: this period. Good: 4.)"), std::string::npos);
  // Every text drawn outside a tag (the page numbers) is an artifact, so a
  // screen reader passes over it: no text object on a page sits outside
  // marked content.
  int artifacts = 0, untagged_text = 0, page_streams = 0;
  for (std::size_t at = raw.find("%% Contents for page"); at != std::string::npos;
       at = raw.find("%% Contents for page", at + 1)) {
    ++page_streams;
    const std::size_t begin = raw.find("stream\n", at);
    const std::size_t end = raw.find("endstream", begin);
    ASSERT_NE(end, std::string::npos);
    int depth = 0;
    for (absl::string_view token : absl::StrSplit(
             absl::string_view(raw).substr(begin + 7, end - begin - 7),
             absl::ByAnyChar(" \n\r"), absl::SkipEmpty())) {
      if (token == "BDC" || token == "BMC") ++depth;
      if (token == "EMC") --depth;
      if (token == "/Artifact") ++artifacts;
      if (token == "BT" && depth == 0) ++untagged_text;
    }
  }
  EXPECT_EQ(page_streams, pages);
  EXPECT_GE(artifacts, pages) << "a page number on every page";
  EXPECT_EQ(untagged_text, 0);

  // It renders, and the same report gives the same bytes.
  const auto [rendered, rendered_ok] =
      Output("pdftoppm -r 30 -png -f 2 -l 2 " + path + " " + ::testing::TempDir() + "/pack_page");
  EXPECT_TRUE(rendered_ok);
  const absl::StatusOr<std::string> again = Pdf(report);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(*again == *pdf) << "two PDFs of one report differ";
  std::remove(path.c_str());
}

TEST(PacksPdfTest, OnlyATaggedPdfWithAWordForEachFigureIsFinished) {
  EXPECT_EQ(FinishTaggedPdf("not a PDF", {"en-GB", {}}).status().code(),
            absl::StatusCode::kInvalidArgument);
  const absl::StatusOr<std::string> pdf = Pdf(LongSample());
  ASSERT_TRUE(pdf.ok());
  const absl::StatusOr<std::string> short_of_words = FinishTaggedPdf(*pdf, {"cy", {"one"}});
  EXPECT_EQ(short_of_words.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(short_of_words.status().message().find("2 figures but 1"), std::string::npos)
      << short_of_words.status();
}

}  // namespace
}  // namespace carevoice::client::packs
