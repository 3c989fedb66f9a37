// How carevoice-admin shows submission records: an aligned table for a
// terminal, JSON for scripts, RFC 4180 CSV for spreadsheets. Pure
// functions over records the service already redacted: any thread.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "carevoice/v1/carevoice.pb.h"

namespace carevoice::client::admin {

// "received", "in_progress", ...
std::string StatusName(v1::CaseStatus status);

// ISO-8601 UTC to the second: "2026-09-21T13:45:00Z".
std::string IsoTime(const google::protobuf::Timestamp& t);

// The person's words in the submission (every non-empty text field of its
// body, separated by a blank line); "" when they were cleared or absent.
std::string WordsOf(const v1::Submission& s);

// The 1-5 rating of feedback, or 0 when none.
int RatingOf(const v1::Submission& s);

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

// One CSV field: quoted when it holds a comma, quote, CR or LF (quotes
// doubled), else as is.
std::string CsvField(std::string_view value);

// The header line and one line per record, each ending in CRLF. Contact
// columns only when `identified`.
std::string CsvHeader(bool identified);
std::string CsvRow(const v1::SubmissionRecord& record, bool identified);

}  // namespace carevoice::client::admin
