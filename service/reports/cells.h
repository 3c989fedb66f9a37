// What the report's sections share: how a figure, a day and a
// "Measure | Number | Share" table are made. Internal to service/reports.
// Pure: any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/time/civil_time.h"
#include "carevoice/v1/common.pb.h"
#include "carevoice/v1/report.pb.h"

namespace carevoice::service::reports {

// "1 April 2026": how a committee paper writes a date.
std::string DayWords(absl::CivilDay d);

// The en-GB words of `text` (the pack's language), or `fallback`.
std::string English(const v1::LocalizedText& text, std::string_view fallback);

v1::ReportCell CountCell(std::int64_t n);
v1::ReportCell TextCell(std::string text);
v1::ReportCell PercentCell(double percent);

// A table whose columns are `first` (what each row measures), "Number"
// and "Share".
v1::ReportTable* AddMeasureTable(v1::ReportSection& s, std::string id, std::string caption,
                                 std::string first = "Measure");

// A row of a measure table: `n`, and its share of `of` when `of` is given
// and above 0 (else the share is left empty).
v1::ReportRow* AddMeasure(v1::ReportTable& t, std::string key, std::string label, std::int64_t n,
                          std::optional<std::int64_t> of = std::nullopt);

}  // namespace carevoice::service::reports
