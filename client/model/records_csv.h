// Submission records as officers get them in files: RFC 4180 CSV (one
// header line, one line per record, each ending CRLF) and the words and
// facts a record is shown by. Written once, for carevoice-admin's export
// and the officer console's. Pure functions over records the service
// already redacted: any thread.
#pragma once

#include <string>
#include <string_view>

#include "base/csv.h"
#include "carevoice/v1/carevoice.pb.h"

namespace carevoice::client {

// "received", "in_progress", ...
std::string StatusName(v1::CaseStatus status);

// ISO-8601 UTC to the second: "2026-09-21T13:45:00Z".
std::string IsoTime(const google::protobuf::Timestamp& t);

// The person's words in the submission (every non-empty text field of its
// body, separated by a blank line); "" when they were cleared or absent.
std::string WordsOf(const v1::Submission& s);

// The 1-5 rating of feedback, or 0 when none.
int RatingOf(const v1::Submission& s);

// One CSV field (base/csv.h).
using base::CsvField;

// The header line and one line per record, each ending in CRLF. Contact
// columns only when `identified`.
std::string CsvHeader(bool identified);
std::string CsvRow(const v1::SubmissionRecord& record, bool identified);

}  // namespace carevoice::client
