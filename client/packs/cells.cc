#include <algorithm>
#include <cstdint>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "base/proto_time.h"
#include "client/packs/packs.h"

namespace carevoice::client::packs {
namespace {

// "1,234,567": committee papers group thousands.
std::string Grouped(std::int64_t n) {
  const bool negative = n < 0;
  std::string digits = absl::StrCat(negative ? -static_cast<std::uint64_t>(n)
                                             : static_cast<std::uint64_t>(n));
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return negative ? "-" + out : out;
}

}  // namespace

std::optional<Format> FormatFromName(std::string_view name) {
  if (name == "md" || name == "markdown") return Format::kMarkdown;
  if (name == "csv") return Format::kCsv;
  if (name == "html") return Format::kHtml;
  if (name == "xlsx") return Format::kXlsx;
  if (name == "pdf") return Format::kPdf;
  return std::nullopt;
}

std::string CellWords(const v1::ReportCell& cell) {
  switch (cell.suppressed()) {
    case v1::ReportCell::SUPPRESSION_SMALL: return "fewer than 5";
    case v1::ReportCell::SUPPRESSION_SECONDARY: return "withheld";
    default: break;
  }
  switch (cell.value_case()) {
    case v1::ReportCell::kCount:
      if (cell.difference() && cell.count() > 0) return "+" + Grouped(cell.count());
      return Grouped(cell.count());
    case v1::ReportCell::kPercent: return absl::StrFormat("%.1f%%", cell.percent());
    case v1::ReportCell::kText: return cell.text();
    case v1::ReportCell::VALUE_NOT_SET: break;
  }
  return "";
}

bool IsWordsColumn(const v1::ReportTable& table, int column) {
  return column == 0 || std::any_of(table.rows().begin(), table.rows().end(),
                                    [&](const v1::ReportRow& r) {
                                      return column - 1 < r.cells_size() &&
                                             !r.cells(column - 1).text().empty();
                                    });
}

std::string MadeWords(const v1::CommitteeReport& report) {
  return absl::FormatTime("%Y-%m-%d %H:%M UTC", base::FromProtoTimestamp(report.made_at()),
                          absl::UTCTimeZone());
}

absl::StatusOr<std::string> Render(Format format, const v1::CommitteeReport& report) {
  switch (format) {
    case Format::kMarkdown: return Markdown(report);
    case Format::kCsv: return Csv(report);
    case Format::kHtml: return Html(report);
    case Format::kXlsx: return Xlsx(report);
    case Format::kPdf: return Pdf(report);
  }
  return "";
}

absl::StatusOr<std::string> Render(std::string_view format_name,
                                   const v1::CommitteeReport& report) {
  const std::optional<Format> format = FormatFromName(format_name);
  if (!format) {
    return absl::InvalidArgumentError(absl::StrCat(
        "no pack format \"", std::string(format_name), "\": md, csv, html, xlsx or pdf"));
  }
  return Render(*format, report);
}

}  // namespace carevoice::client::packs
