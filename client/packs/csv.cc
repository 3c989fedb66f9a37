#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "base/csv.h"
#include "base/proto_time.h"
#include "client/packs/packs.h"

namespace carevoice::client::packs {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// Every text field is defused: captions and labels come from catalog
// files officers wrote, and a name may start with "=".
void AppendLine(std::string& out, const std::vector<std::string>& texts, const std::string& value,
                std::string_view suppressed) {
  std::vector<std::string> fields;
  for (const std::string& t : texts) fields.push_back(base::CsvField(base::DefuseFormula(t)));
  fields.push_back(value);
  fields.push_back(std::string(suppressed));
  absl::StrAppend(&out, absl::StrJoin(fields, ","), "\r\n");
}

std::string_view SuppressedWord(const v1::ReportCell& c) {
  switch (c.suppressed()) {
    case v1::ReportCell::SUPPRESSION_SMALL: return "small";
    case v1::ReportCell::SUPPRESSION_SECONDARY: return "secondary";
    default: return "";
  }
}

// A figure as a spreadsheet reads a number; text defused and quoted.
std::string Value(const v1::ReportCell& c) {
  if (c.suppressed() != v1::ReportCell::SUPPRESSION_NONE) return "";
  switch (c.value_case()) {
    case v1::ReportCell::kCount: return absl::StrCat(c.count());
    case v1::ReportCell::kPercent: return absl::StrFormat("%.1f", c.percent());
    case v1::ReportCell::kText: return base::CsvField(base::DefuseFormula(c.text()));
    case v1::ReportCell::VALUE_NOT_SET: break;
  }
  return "";
}

void AppendAbout(std::string& out, const std::string& what, const std::string& words) {
  AppendLine(out, {"about", "About this report", what, what, "value"},
             base::CsvField(base::DefuseFormula(words)), "");
}

}  // namespace

std::string Csv(const v1::CommitteeReport& report) {
  std::string out(kByteOrderMark);
  out += "table,caption,row_key,row,column,value,suppressed\r\n";
  AppendAbout(out, "title", report.title());
  AppendAbout(out, "period", absl::StrCat(report.from_date(), "..", report.to_date()));
  AppendAbout(out, "previous_period",
              absl::StrCat(report.previous_from_date(), "..", report.previous_to_date()));
  AppendAbout(out, "made_at", absl::FormatTime("%Y-%m-%dT%H:%M:%SZ",
                                               base::FromProtoTimestamp(report.made_at()),
                                               absl::UTCTimeZone()));
  AppendAbout(out, "data", report.data_version());
  for (int i = 0; i < report.suppression_rules_size(); ++i) {
    AppendAbout(out, absl::StrCat("rule_", i + 1), report.suppression_rules(i));
  }
  for (const v1::ReportSection& section : report.sections()) {
    for (const v1::ReportTable& table : section.tables()) {
      auto row = [&](const v1::ReportRow& r, const std::string& key) {
        for (int i = 0; i < r.cells_size() && i + 1 < table.columns_size(); ++i) {
          const v1::ReportCell& c = r.cells(i);
          if (c.has_text() && c.text().empty()) continue;  // the "All" row's blanks
          AppendLine(out, {table.id(), table.caption(), key, r.label(), table.columns(i + 1)},
                     Value(c), SuppressedWord(c));
        }
      };
      for (const v1::ReportRow& r : table.rows()) row(r, r.key());
      // Catalog ids are [a-z0-9_-]: "(all)" cannot be one.
      if (table.has_total()) row(table.total(), "(all)");
    }
  }
  return out;
}

}  // namespace carevoice::client::packs
