// The HTML pack: one self-contained page (styles and charts inside it) for
// the council's website and for committee members' screen readers, that
// prints on A4 as it reads on screen. Headings go in order (h1, then h2 per
// section), every table has a caption and headers with scope, every chart
// is an image with words for it and its table beside it.
#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "base/html.h"
#include "client/packs/charts.h"
#include "client/packs/packs.h"

namespace carevoice::client::packs {
namespace {

using base::HtmlEscape;

constexpr double kChartWidth = 640.0;

// Large, plain and high contrast; figures in aligned columns; no colour
// carries meaning. Printed: A4, tables and charts kept whole where they fit.
constexpr char kStyle[] = R"css(
:root { color: #000; background: #fff; }
body { font-family: "DejaVu Sans", Verdana, sans-serif; font-size: 1.125rem; line-height: 1.5;
       max-width: 48rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.75rem; line-height: 1.25; }
h2 { font-size: 1.375rem; margin-top: 2.5rem; border-top: 2px solid #000; padding-top: 0.75rem; }
a { color: #1a3a8a; text-decoration: underline; }
a:focus { outline: 3px solid #000; outline-offset: 2px; background: #ffdd00; color: #000; }
.skip { position: absolute; left: -999rem; }
.skip:focus { position: static; }
dl.about { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dl.about dt { font-weight: bold; }
dl.about dd { margin: 0; }
table { border-collapse: collapse; margin: 1rem 0; width: 100%; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.5rem; }
th, td { border: 1px solid #555; padding: 0.35rem 0.6rem; vertical-align: top; }
th { text-align: left; }
thead th { background: #eee; }
tbody th { font-weight: normal; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tfoot th, tfoot td { font-weight: bold; border-top: 3px double #000; }
td.hidden { font-style: italic; }
figure { margin: 1rem 0 0.5rem; }
figure img { max-width: 100%; height: auto; }
figcaption { font-size: 1rem; }
p.note { font-size: 1rem; }
@page { size: A4; margin: 18mm 15mm; }
@media print {
  body { font-size: 11pt; max-width: none; margin: 0; }
  nav, .skip { display: none; }
  h2 { border-top: none; }
  main > section + section > h2 { break-before: page; }
  h2, caption, figure { break-after: avoid; }
  table, figure, .pair { break-inside: avoid; }
  a { color: #000; }
}
)css";

// An id fit for a fragment: the table and section ids are [a-z0-9_]; any
// other byte is dropped so nothing from a file can break out of it.
std::string Id(std::string_view prefix, std::string_view id) {
  std::string out(prefix);
  for (char c : id) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') out += c;
  }
  return out;
}

void AppendRow(std::string& out, const v1::ReportTable& table, const v1::ReportRow& row) {
  absl::StrAppend(&out, "<tr><th scope=\"row\">", HtmlEscape(row.label()), "</th>");
  for (int i = 0; i < row.cells_size(); ++i) {
    const v1::ReportCell& cell = row.cells(i);
    std::string cls = IsWordsColumn(table, i + 1) ? "" : "num";
    if (cell.suppressed() != v1::ReportCell::SUPPRESSION_NONE) {
      absl::StrAppend(&cls, cls.empty() ? "" : " ", "hidden");
    }
    absl::StrAppend(&out, cls.empty() ? "<td>" : absl::StrCat("<td class=\"", cls, "\">"),
                    HtmlEscape(CellWords(cell)), "</td>");
  }
  out += "</tr>\n";
}

// A chart and its table are kept together on paper where they fit.
void AppendTable(std::string& out, const v1::ReportTable& table) {
  out += "<div class=\"pair\">\n";
  if (HasChart(table)) {
    const std::string svg = ChartSvg(table, kChartWidth);
    absl::StrAppend(&out, "<figure>\n<img src=\"data:image/svg+xml;base64,",
                    absl::Base64Escape(svg),
                    "\" width=\"", static_cast<int>(kChartWidth), "\" height=\"",
                    static_cast<int>(ChartHeight(table, kChartWidth)), "\" alt=\"",
                    HtmlEscape(ChartAlt(table)), "\">\n<figcaption>",
                    HtmlEscape(ChartCaption(table)), "</figcaption>\n</figure>\n");
  }
  absl::StrAppend(&out, "<table id=\"", Id("t-", table.id()), "\">\n<caption>",
                  HtmlEscape(table.caption()), "</caption>\n<thead><tr>");
  for (int i = 0; i < table.columns_size(); ++i) {
    absl::StrAppend(&out, IsWordsColumn(table, i) ? "<th scope=\"col\">"
                                                  : "<th scope=\"col\" class=\"num\">",
                    HtmlEscape(table.columns(i)), "</th>");
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const v1::ReportRow& row : table.rows()) AppendRow(out, table, row);
  out += "</tbody>\n";
  if (table.has_total()) {
    out += "<tfoot>\n";
    AppendRow(out, table, table.total());
    out += "</tfoot>\n";
  }
  out += "</table>\n</div>\n";
  if (!table.note().empty()) {
    absl::StrAppend(&out, "<p class=\"note\">", HtmlEscape(table.note()), "</p>\n");
  }
}

}  // namespace

std::string Html(const v1::CommitteeReport& report) {
  const std::string language = report.language().empty() ? "en-GB" : report.language();
  std::string out = absl::StrCat("<!DOCTYPE html>\n<html lang=\"", HtmlEscape(language),
                                 "\">\n<head>\n<meta charset=\"utf-8\">\n"
                                 "<meta name=\"viewport\" content=\"width=device-width, "
                                 "initial-scale=1\">\n<title>",
                                 HtmlEscape(report.title()), "</title>\n<style>", kStyle,
                                 "</style>\n</head>\n<body>\n"
                                 "<a class=\"skip\" href=\"#main\">Skip to the report</a>\n"
                                 "<header>\n<h1>",
                                 HtmlEscape(report.title()), "</h1>\n<dl class=\"about\">\n");
  for (const auto& [term, words] :
       {std::pair<const char*, std::string>{"Period", report.period_words()},
        {"Compared with", report.previous_period_words()},
        {"Made", MadeWords(report)},
        {"From", report.data_version()}}) {
    absl::StrAppend(&out, "<dt>", term, "</dt><dd>", HtmlEscape(words), "</dd>\n");
  }
  out += "</dl>\n</header>\n<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">Contents</h2>\n<ol>\n";
  for (const v1::ReportSection& section : report.sections()) {
    absl::StrAppend(&out, "<li><a href=\"#", Id("s-", section.id()), "\">",
                    HtmlEscape(section.title()), "</a></li>\n");
  }
  if (!report.suppression_rules().empty()) {
    out += "<li><a href=\"#small-numbers\">Small numbers</a></li>\n";
  }
  out += "</ol>\n</nav>\n<main id=\"main\">\n";
  for (const v1::ReportSection& section : report.sections()) {
    absl::StrAppend(&out, "<section aria-labelledby=\"", Id("s-", section.id()), "\">\n<h2 id=\"",
                    Id("s-", section.id()), "\">", HtmlEscape(section.title()), "</h2>\n");
    for (const std::string& p : section.paragraphs()) {
      absl::StrAppend(&out, "<p>", HtmlEscape(p), "</p>\n");
    }
    for (const v1::ReportTable& table : section.tables()) AppendTable(out, table);
    out += "</section>\n";
  }
  if (!report.suppression_rules().empty()) {
    out += "<section aria-labelledby=\"small-numbers\">\n"
           "<h2 id=\"small-numbers\">Small numbers</h2>\n<ul>\n";
    for (const std::string& rule : report.suppression_rules()) {
      absl::StrAppend(&out, "<li>", HtmlEscape(rule), "</li>\n");
    }
    out += "</ul>\n</section>\n";
  }
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace carevoice::client::packs
