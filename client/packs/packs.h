// Committee packs: a v1.CommitteeReport, as the service computed it,
// written in the formats councils use. Renderers only lay figures out: no
// figure is computed here, so every format carries the same numbers.
// Pure: any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "carevoice/v1/report.pb.h"

namespace carevoice::client::packs {

enum class Format { kMarkdown, kCsv, kHtml, kXlsx, kPdf };

// "md", "csv", "html", "xlsx", "pdf"; nullopt for any other name.
std::optional<Format> FormatFromName(std::string_view name);

// How a figure reads in words: "1,234"; a change with its sign ("+3",
// "-12", "0"); "12.5%"; "fewer than 5" or "withheld" when suppressed.
std::string CellWords(const v1::ReportCell& cell);

// Whether column `column` of `table` (0 names the rows) holds words, to
// line up on the left, rather than figures, on the right: some row has
// words in it (an empty cell, a total's share, is neither).
bool IsWordsColumn(const v1::ReportTable& table, int column);

// When the report was made: "2027-04-02 09:30 UTC".
std::string MadeWords(const v1::CommitteeReport& report);

// Markdown for quick sharing: title, what the report covers and was made
// from, each section's sentences and tables (a caption, a header row, an
// "All" row), the suppression rules. Table cells have '|' escaped.
std::string Markdown(const v1::CommitteeReport& report);

// CSV (RFC 4180, CRLF, UTF-8 with a byte-order mark so spreadsheets read
// it as UTF-8), one line per figure, so every figure of the PDF and HTML
// can be found and checked:
//   table,caption,row_key,row,column,value,suppressed
// (row_key "(all)" for a table's "All" row)
// value is the number as a number (a percent to one decimal place), or
// empty when suppressed ("small": 1 to 4; "secondary": withheld so a small
// one cannot be worked out). The first lines (table "about") give the
// title, period, previous period, when it was made, from which data, and
// the rules applied. Text is defused against formula injection.
std::string Csv(const v1::CommitteeReport& report);

// One self-contained HTML page (styles and charts inside; no script, no
// request), in the report's language: a contents list, each section's
// sentences, its charts (cairo SVG as images, with alt text saying every
// figure) beside their tables (caption, headers with scope, figures
// right-aligned, the "All" row in the footer), and the rules on small
// numbers. Every text is escaped. Prints on A4, a section to a page.
std::string Html(const v1::CommitteeReport& report);

// XLSX (libxlsxwriter): an "About" sheet with the title, the period's
// days and when it was made as real dates, the data and the rules; then a
// sheet per table (named by its id, as the CSV's "table" column) with its
// caption, a frozen header row, counts and changes as numbers ("+#,##0"
// for changes), shares as percentages, hidden figures in the words of the
// other formats, the "All" row in bold. Text is written as text, never as
// a formula. Errors only when the temporary file cannot be written.
absl::StatusOr<std::string> Xlsx(const v1::CommitteeReport& report);

// The PDF for an agenda pack (cairo, pango; finished with qpdf): A4, a
// first page with the title, what the report covers and was made from, and
// a contents list linking to each section with its page; each section
// from a new page, its sentences, each chart (the HTML's) kept whole above
// its table, tables breaking between rows with their header row repeated,
// the rules on small numbers last, and "Page n of N" at the foot of every
// page. Tagged for screen readers: Document, H1, H2, P, L/LI, Link, Sect,
// Figure (with /Alt), Table, THead/TBody/TFoot, TR, TH (with /Scope), TD;
// the title, /Lang and an outline of the sections are set; fonts embedded.
absl::StatusOr<std::string> Pdf(const v1::CommitteeReport& report);

// The bytes of a pack's file in `format`.
absl::StatusOr<std::string> Render(Format format, const v1::CommitteeReport& report);
// The same with the format by name ("pdf"); InvalidArgument for another.
absl::StatusOr<std::string> Render(std::string_view format_name,
                                   const v1::CommitteeReport& report);

}  // namespace carevoice::client::packs
