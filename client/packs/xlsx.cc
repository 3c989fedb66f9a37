// The XLSX pack, through libxlsxwriter: an "About" sheet (title, period,
// when it was made as a real date and time, from which data, the rules on
// small numbers), then a sheet per table with its caption, a frozen header
// row, counts and changes as numbers, shares as percentages, and hidden
// figures as the words the other formats use. Text is always written as
// text, never as a formula, so words from files cannot run.
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <set>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "base/files.h"
#include "base/proto_time.h"
#include "client/packs/packs.h"

namespace carevoice::client::packs {
namespace {

// Excel's sheet names: at most 31 characters, unique, none of []:*?/\ .
// Table ids are [a-z0-9_]; a repeated one gets a number.
std::string SheetName(const std::string& id, std::set<std::string>& taken) {
  std::string base;
  for (char c : id) {
    if (std::string_view("[]:*?/\\").find(c) == std::string_view::npos) base += c;
  }
  base = base.substr(0, 28);
  if (base.empty() || base == "about") base = "table";
  std::string name = base;
  for (int n = 2; taken.contains(name); ++n) name = absl::StrCat(base, "_", n);
  taken.insert(name);
  return name;
}

struct Formats {
  lxw_format* title;
  lxw_format* bold;
  lxw_format* count;
  lxw_format* total_count;
  lxw_format* change;
  lxw_format* total_change;
  lxw_format* percent;
  lxw_format* total_percent;
  lxw_format* hidden;
  lxw_format* when;
  lxw_format* day;
  lxw_format* wrap;
};

Formats MakeFormats(lxw_workbook* book) {
  auto add = [&](const char* number, bool bold) {
    lxw_format* f = workbook_add_format(book);
    if (number) format_set_num_format(f, number);
    if (bold) format_set_bold(f);
    return f;
  };
  Formats f{};
  f.title = add(nullptr, true);
  format_set_font_size(f.title, 14);
  f.bold = add(nullptr, true);
  format_set_text_wrap(f.bold);
  format_set_align(f.bold, LXW_ALIGN_VERTICAL_TOP);
  f.count = add("#,##0", false);
  f.total_count = add("#,##0", true);
  f.change = add("+#,##0;-#,##0;0", false);
  f.total_change = add("+#,##0;-#,##0;0", true);
  f.percent = add("0.0%", false);
  f.total_percent = add("0.0%", true);
  f.hidden = add(nullptr, false);
  format_set_italic(f.hidden);
  format_set_align(f.hidden, LXW_ALIGN_RIGHT);
  f.when = add("yyyy-mm-dd hh:mm \"UTC\"", false);
  format_set_align(f.when, LXW_ALIGN_LEFT);
  f.day = add("yyyy-mm-dd", false);
  format_set_align(f.day, LXW_ALIGN_LEFT);
  f.wrap = add(nullptr, false);
  format_set_text_wrap(f.wrap);
  format_set_align(f.wrap, LXW_ALIGN_VERTICAL_TOP);
  return f;
}

lxw_datetime DateTimeOf(absl::CivilSecond t) {
  return lxw_datetime{static_cast<int>(t.year()), t.month(), t.day(), t.hour(), t.minute(),
                      static_cast<double>(t.second())};
}

// A "YYYY-MM-DD" day as a date cell, or as text when it does not parse.
void WriteDay(lxw_worksheet* ws, int row, int col, const std::string& day, const Formats& f) {
  absl::CivilDay d;
  if (absl::ParseCivilTime(day, &d)) {
    lxw_datetime dt = DateTimeOf(absl::CivilSecond(d));
    worksheet_write_datetime(ws, row, col, &dt, f.day);
  } else {
    worksheet_write_string(ws, row, col, day.c_str(), nullptr);
  }
}

void WriteCell(lxw_worksheet* ws, int row, int col, const v1::ReportCell& cell, bool total,
               const Formats& f) {
  if (cell.suppressed() != v1::ReportCell::SUPPRESSION_NONE) {
    worksheet_write_string(ws, row, col, CellWords(cell).c_str(), f.hidden);
    return;
  }
  switch (cell.value_case()) {
    case v1::ReportCell::kCount:
      worksheet_write_number(ws, row, col, static_cast<double>(cell.count()),
                             cell.difference() ? (total ? f.total_change : f.change)
                                               : (total ? f.total_count : f.count));
      return;
    case v1::ReportCell::kPercent:
      worksheet_write_number(ws, row, col, cell.percent() / 100.0,
                             total ? f.total_percent : f.percent);
      return;
    case v1::ReportCell::kText:
      worksheet_write_string(ws, row, col, cell.text().c_str(), total ? f.bold : nullptr);
      return;
    case v1::ReportCell::VALUE_NOT_SET:
      return;
  }
}

void WriteAbout(lxw_workbook* book, const v1::CommitteeReport& report, const Formats& f) {
  lxw_worksheet* ws = workbook_add_worksheet(book, "About");
  worksheet_set_column(ws, 0, 0, 22, f.bold);
  worksheet_set_column(ws, 1, 1, 90, f.wrap);
  worksheet_write_string(ws, 0, 0, report.title().c_str(), f.title);
  int row = 2;
  auto line = [&](const char* term, const std::string& words) {
    worksheet_write_string(ws, row, 0, term, f.bold);
    worksheet_write_string(ws, row++, 1, words.c_str(), f.wrap);
  };
  line("Period", report.period_words());
  worksheet_write_string(ws, row, 0, "First day", f.bold);
  WriteDay(ws, row++, 1, report.from_date(), f);
  worksheet_write_string(ws, row, 0, "Last day", f.bold);
  WriteDay(ws, row++, 1, report.to_date(), f);
  line("Compared with", report.previous_period_words());
  worksheet_write_string(ws, row, 0, "Made", f.bold);
  lxw_datetime made = DateTimeOf(
      absl::ToCivilSecond(base::FromProtoTimestamp(report.made_at()), absl::UTCTimeZone()));
  worksheet_write_datetime(ws, row++, 1, &made, f.when);
  line("From", report.data_version());
  for (const std::string& rule : report.suppression_rules()) line("Small numbers", rule);
  line("Sheets", "One sheet a table, named as the CSV's \"table\" column names it.");
}

void WriteTable(lxw_workbook* book, const v1::ReportTable& table, std::set<std::string>& taken,
                const Formats& f) {
  lxw_worksheet* ws = workbook_add_worksheet(book, SheetName(table.id(), taken).c_str());
  worksheet_set_column(ws, 0, 0, 36, nullptr);
  worksheet_set_column(ws, 1, std::max(1, table.columns_size() - 1), 18, nullptr);
  worksheet_write_string(ws, 0, 0, table.caption().c_str(), f.title);
  constexpr int kHeader = 2;
  for (int i = 0; i < table.columns_size(); ++i) {
    worksheet_write_string(ws, kHeader, i, table.columns(i).c_str(), f.bold);
  }
  // The caption and header stay in view as the rows scroll.
  worksheet_freeze_panes(ws, kHeader + 1, 1);
  int row = kHeader + 1;
  auto write_row = [&](const v1::ReportRow& r, bool total) {
    worksheet_write_string(ws, row, 0, r.label().c_str(), total ? f.bold : nullptr);
    for (int i = 0; i < r.cells_size(); ++i) WriteCell(ws, row, i + 1, r.cells(i), total, f);
    ++row;
  };
  for (const v1::ReportRow& r : table.rows()) write_row(r, false);
  if (table.has_total()) write_row(table.total(), true);
  if (!table.note().empty()) worksheet_write_string(ws, row + 1, 0, table.note().c_str(), nullptr);
}

}  // namespace

absl::StatusOr<std::string> Xlsx(const v1::CommitteeReport& report) {
  // libxlsxwriter 1.1.4 writes only to a file: one of our own, read back
  // and removed.
  const char* tmp = std::getenv("TMPDIR");
  std::string path = absl::StrCat(tmp && *tmp ? tmp : "/tmp", "/carevoice-pack-XXXXXX");
  const int fd = mkstemp(path.data());
  if (fd < 0) return absl::InternalError("cannot make a temporary file for the XLSX pack");
  close(fd);
  struct Remove {
    const std::string& path;
    ~Remove() { std::remove(path.c_str()); }
  } remove{path};

  lxw_workbook* book = workbook_new(path.c_str());
  if (book == nullptr) return absl::InternalError("cannot start the XLSX pack");
  lxw_doc_properties properties{};
  std::string title = report.title();
  std::string subject = "Committee pack: anonymised figures, small numbers suppressed";
  properties.title = title.data();
  properties.subject = subject.data();
  workbook_set_properties(book, &properties);
  const Formats formats = MakeFormats(book);
  WriteAbout(book, report, formats);
  std::set<std::string> taken;
  for (const v1::ReportSection& section : report.sections()) {
    for (const v1::ReportTable& table : section.tables()) WriteTable(book, table, taken, formats);
  }
  if (lxw_error e = workbook_close(book); e != LXW_NO_ERROR) {
    return absl::InternalError(absl::StrCat("the XLSX pack was not written: ", lxw_strerror(e)));
  }
  return base::ReadWholeFile(path);
}

}  // namespace carevoice::client::packs
