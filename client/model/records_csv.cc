#include "client/model/records_csv.h"

#include <algorithm>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "base/proto_time.h"
#include "contract/facts.h"
#include "contract/reference_code.h"

namespace carevoice::client {
namespace {

using contract::ServiceIdOf;

std::string ShownReference(std::string_view reference) {
  return contract::FormatReference(reference);
}

using base::DefuseFormula;

}  // namespace

std::string StatusName(v1::CaseStatus status) {
  return absl::AsciiStrToLower(
      absl::StripPrefix(v1::CaseStatus_Name(status), "CASE_STATUS_"));
}

std::string IsoTime(const google::protobuf::Timestamp& t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", base::FromProtoTimestamp(t),
                          absl::UTCTimeZone());
}

std::string WordsOf(const v1::Submission& s) {
  const std::string answers = contract::FreeTextOf(s.consultation_answer());
  std::vector<absl::string_view> parts;
  switch (s.body_case()) {
    case v1::Submission::kFeedback:
      parts = {s.feedback().text()};
      break;
    case v1::Submission::kComplaint:
      parts = {s.complaint().what_happened(), s.complaint().desired_outcome(),
               s.complaint().late_reason()};
      break;
    case v1::Submission::kSafeguarding:
      parts = {s.safeguarding().what_is_happening(),
               s.safeguarding().who_is_at_risk(), s.safeguarding().where()};
      break;
    case v1::Submission::kIdea:
      parts = {s.idea().idea(), s.idea().who_benefits()};
      break;
    case v1::Submission::kConsultationAnswer:
      parts = {answers};
      break;
    case v1::Submission::kForumVote:  // votes are never stored as submissions
    case v1::Submission::BODY_NOT_SET:
      break;
  }
  parts.erase(std::remove(parts.begin(), parts.end(), absl::string_view()),
              parts.end());
  return absl::StrJoin(parts, "\n\n");
}

int RatingOf(const v1::Submission& s) {
  return static_cast<int>(contract::RatingOf(s));
}

std::string CsvHeader(bool identified) {
  std::string header =
      "submission_id,reference,received_at,kind,urgent,status,service_id,"
      "rating,language,may_quote,text";
  if (identified) {
    absl::StrAppend(&header,
                    ",contact_name,contact_email,contact_phone,"
                    "contact_postal_address,reply_format");
  }
  return header + "\r\n";
}

std::string CsvRow(const v1::SubmissionRecord& r, bool identified) {
  const v1::Submission& s = r.submission();
  const int rating = RatingOf(s);
  std::vector<std::string> fields = {
      r.submission_id(),
      ShownReference(r.reference()),
      IsoTime(r.received_at()),
      r.kind(),
      r.urgent() ? "true" : "false",
      StatusName(r.status()),
      std::string(ServiceIdOf(s)),
      rating == 0 ? "" : absl::StrCat(rating),
      s.language(),
      s.consent().may_quote() ? "true" : "false",
      DefuseFormula(WordsOf(s)),
  };
  if (identified) {
    const v1::Contact& c = s.contact();
    fields.insert(fields.end(),
                  {DefuseFormula(c.name()), DefuseFormula(c.email()),
                   DefuseFormula(c.phone()), DefuseFormula(c.postal_address()),
                   c.reply_format() == v1::REPLY_FORMAT_UNSPECIFIED
                       ? ""
                       : absl::AsciiStrToLower(absl::StripPrefix(
                             v1::ReplyFormat_Name(c.reply_format()),
                             "REPLY_FORMAT_"))});
  }
  std::vector<std::string> quoted;
  quoted.reserve(fields.size());
  for (const std::string& f : fields) quoted.push_back(CsvField(f));
  return absl::StrCat(absl::StrJoin(quoted, ","), "\r\n");
}

}  // namespace carevoice::client
