// How carevoice-admin shows submission records: an aligned table for a
// terminal, JSON for scripts, RFC 4180 CSV for spreadsheets. Pure
// functions over records the service already redacted: any thread. The
// CSV is written by client/model/records_csv.h, shared with the console.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "carevoice/v1/carevoice.pb.h"
#include "client/model/records_csv.h"

namespace carevoice::client::admin {

// A JSON array of objects, one per record: reference ("XXXX-XXXX"),
// submission_id, kind, received_at, urgent, status, service_id, rating (a
// number or null), and text when `include_text`.
std::string FormatJson(std::span<const v1::SubmissionRecord> records,
                       bool include_text);

// Aligned columns with a header line; text (when included) on one line,
// shortened to fit a terminal. Services and providers are named from
// `catalog` (en-GB) when it knows them, else shown by id.
std::string FormatTable(std::span<const v1::SubmissionRecord> records,
                        bool include_text, const v1::Catalog* catalog = nullptr);

// The CSV export's lines and the words of a record, shared with the
// officer console's export (client/model/records_csv.h).
using client::CsvField;
using client::CsvHeader;
using client::CsvRow;
using client::IsoTime;
using client::RatingOf;
using client::StatusName;
using client::WordsOf;

}  // namespace carevoice::client::admin
