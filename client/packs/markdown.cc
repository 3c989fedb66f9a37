#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "client/packs/packs.h"

namespace carevoice::client::packs {
namespace {

// A table cell's words, with what Markdown would read as markup made
// plain: a pipe would end the cell, a newline the row.
std::string Cell(std::string_view words) {
  return absl::StrReplaceAll(std::string(words),
                             {{"\\", "\\\\"}, {"|", "\\|"}, {"\r", " "}, {"\n", " "}});
}

void AppendRow(std::string& out, const std::vector<std::string>& cells) {
  absl::StrAppend(&out, "| ", absl::StrJoin(cells, " | "), " |\n");
}

void AppendTable(std::string& out, const v1::ReportTable& table) {
  absl::StrAppend(&out, "**Table: ", Cell(table.caption()), "**\n\n");
  std::vector<std::string> header;
  std::vector<std::string> rule;
  // Figures line up on the right; words (labels, an ownership model) left.
  for (int i = 0; i < table.columns_size(); ++i) {
    header.push_back(Cell(table.columns(i)));
    const bool words = i == 0 || std::any_of(table.rows().begin(), table.rows().end(),
                                             [&](const v1::ReportRow& r) {
                                               return i - 1 < r.cells_size() &&
                                                      !r.cells(i - 1).text().empty();
                                             });
    rule.push_back(words ? "---" : "---:");
  }
  AppendRow(out, header);
  AppendRow(out, rule);
  auto row = [&](const v1::ReportRow& r, bool bold) {
    std::vector<std::string> cells{bold ? absl::StrCat("**", Cell(r.label()), "**")
                                        : Cell(r.label())};
    for (const v1::ReportCell& c : r.cells()) cells.push_back(Cell(CellWords(c)));
    AppendRow(out, cells);
  };
  for (const v1::ReportRow& r : table.rows()) row(r, false);
  if (table.has_total()) row(table.total(), true);
  out += "\n";
  if (!table.note().empty()) absl::StrAppend(&out, table.note(), "\n\n");
}

}  // namespace

std::string Markdown(const v1::CommitteeReport& report) {
  std::string out = absl::StrCat("# ", report.title(), "\n\n");
  absl::StrAppend(&out, "- Period: ", report.period_words(), "\n");
  absl::StrAppend(&out, "- Compared with: ", report.previous_period_words(), "\n");
  absl::StrAppend(&out, "- Made: ", MadeWords(report), "\n");
  absl::StrAppend(&out, "- From: ", report.data_version(), "\n\n");
  for (const v1::ReportSection& section : report.sections()) {
    absl::StrAppend(&out, "## ", section.title(), "\n\n");
    for (const std::string& p : section.paragraphs()) absl::StrAppend(&out, p, "\n\n");
    for (const v1::ReportTable& table : section.tables()) AppendTable(out, table);
  }
  if (!report.suppression_rules().empty()) {
    out += "## Small numbers\n\n";
    for (const std::string& rule : report.suppression_rules()) {
      absl::StrAppend(&out, "- ", rule, "\n");
    }
  }
  return out;
}

}  // namespace carevoice::client::packs
