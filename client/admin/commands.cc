#include "client/admin/commands.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sodium.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "base/files.h"
#include "google/protobuf/util/json_util.h"
#include "nlohmann/json.hpp"
#include "base/proto_time.h"
#include "base/status_grpc.h"
#include "contract/reference_code.h"
#include "client/admin/session_file.h"
#include "client/model/officer_calls.h"
#include "client/model/officer_client.h"
#include "client/admin/format.h"
#include "client/model/whole_file.h"
#include "client/admin/ballot_sheets.h"
#include "client/letters/letter.h"
#include "client/packs/packs.h"

namespace carevoice::client::admin {
namespace {

// Well under the service's 1000: a page with words may be ~56 KB a record.
constexpr int kMaxPageSize = 200;

// How to sign in again, added to "session ended" errors.
constexpr char kSignInHint[] = "carevoice-admin login --name YOUR-NAME";

std::string Clock(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d %H:%M UTC", t, absl::UTCTimeZone());
}

// Warns on stderr when the service says the session ends soon. (Idle
// expiry cannot bite a command line: every command moves it on.)
void WarnIfEndingSoon(const client::OfficerClient& officer) {
  const std::optional<absl::Time> ends = officer.session_ends_at();
  if (ends && *ends - absl::Now() < absl::Minutes(15)) {
    std::fprintf(stderr,
                 "carevoice-admin: your session ends at %s: sign in again "
                 "(carevoice-admin login) to carry on after that\n",
                 Clock(*ends).c_str());
  }
}

std::string RoleWord(v1::Role role) {
  switch (role) {
    case v1::ROLE_ADMIN: return "admin";
    case v1::ROLE_OFFICER: return "officer";
    case v1::ROLE_CLERK: return "clerk";
    default: return "?";
  }
}

void WriteAccount(const v1::Account& a, std::ostream& out) {
  out << a.name() << "  " << RoleWord(a.role());
  if (a.disabled()) out << "  disabled";
  if (a.has_locked_until()) {
    const absl::Time until = absl::FromUnixSeconds(a.locked_until().seconds());
    if (until > absl::Now()) out << "  locked until " << Clock(until);
  }
  out << "\n";
}

}  // namespace

absl::Status RunList(v1::Officer::StubInterface& stub,
                     const ListOptions& options, std::ostream& out) {
  client::OfficerClient officer(stub, options.token, kSignInHint);
  if (options.format != "table" && options.format != "json") {
    return absl::InvalidArgumentError("--format must be table or json");
  }
  if (options.limit < 1) return absl::InvalidArgumentError("--limit must be >= 1");

  std::vector<v1::SubmissionRecord> records;
  std::string page_token;
  do {
    v1::ListSubmissionsRequest request;
    request.set_include_text(options.include_text);
    if (options.include_text) request.set_reason(options.reason);
    request.set_page_token(page_token);
    request.set_page_size(std::min<int>(
        kMaxPageSize, options.limit - static_cast<int>(records.size())));
    v1::ListSubmissionsResponse response;
    grpc::ClientContext context;
    officer.Prepare(&context, options.deadline);
    if (auto s = officer.Check(stub.ListSubmissions(&context, request, &response),
                          "ListSubmissions");
        !s.ok()) {
      return s;
    }
    if (page_token.empty()) officer.Note(context);
  WarnIfEndingSoon(officer);
    for (auto& r : *response.mutable_records()) records.push_back(std::move(r));
    page_token = response.next_page_token();
  } while (!page_token.empty() &&
           static_cast<int>(records.size()) < options.limit);

  // The table names services and providers: from the catalog the kiosks
  // are served (ids stand in if it cannot be had).
  std::optional<v1::Catalog> catalog;
  if (options.format == "table") {
    v1::GetCatalogRequest request;
    v1::GetCatalogResponse response;
    grpc::ClientContext context;
    officer.Prepare(&context, options.deadline);
    if (stub.GetCatalog(&context, request, &response).ok()) {
      catalog = std::move(*response.mutable_catalog());
    }
  }
  out << (options.format == "json"
              ? FormatJson(records, options.include_text)
              : FormatTable(records, options.include_text, catalog ? &*catalog : nullptr));
  out.flush();
  if (!out) return absl::DataLossError("cannot write the listing");
  return absl::OkStatus();
}


absl::StatusOr<std::int64_t> RunExport(v1::Officer::StubInterface& stub,
                                       const ExportOptions& options) {
  client::OfficerClient officer(stub, options.token, kSignInHint);
  if (options.out_path.empty()) return absl::InvalidArgumentError("--out is required");
  absl::StatusOr<std::unique_ptr<WholeFile>> file = WholeFile::Create(options.out_path);
  if (!file.ok()) return file.status();
  auto write = [&](const std::string& text) { return (*file)->Write(text); };

  v1::ExportSubmissionsRequest request;
  request.set_identified(options.identified);
  if (options.identified) request.set_reason(options.reason);
  if (!write(CsvHeader(options.identified))) return absl::DataLossError("cannot write the export");
  absl::StatusOr<std::int64_t> count = officer.ExportSubmissions(
      request,
      [&](const v1::SubmissionRecord& record) { return write(CsvRow(record, options.identified)); },
      {}, options.deadline);
  if (!count.ok()) return count.status();
  if (absl::Status s = (*file)->Commit(); !s.ok()) return s;
  return *count;
}

absl::StatusOr<std::int64_t> RunSubjectAccess(v1::Officer::StubInterface& stub,
                                              const SubjectAccessOptions& options) {
  client::OfficerClient officer(stub, options.token, kSignInHint);
  if (options.out_path.empty()) return absl::InvalidArgumentError("--out is required");
  grpc::ClientContext context;
  officer.Prepare(&context, options.deadline);
  auto reader = stub.SubjectAccess(&context, options.request);
  nlohmann::ordered_json records = nlohmann::ordered_json::array();
  google::protobuf::util::JsonPrintOptions print;
  print.preserve_proto_field_names = true;
  v1::SubmissionRecord record;
  while (reader->Read(&record)) {
    std::string json;
    if (!google::protobuf::util::MessageToJsonString(record, &json, print).ok()) {
      context.TryCancel();
      reader->Finish();
      return absl::DataLossError("a record could not be written as JSON");
    }
    records.push_back(nlohmann::ordered_json::parse(json));
  }
  if (absl::Status s = officer.Check(reader->Finish(), "SubjectAccess"); !s.ok()) return s;

  nlohmann::ordered_json asked;
  if (!options.request.email().empty()) asked["email"] = options.request.email();
  if (!options.request.phone().empty()) asked["phone"] = options.request.phone();
  if (!options.request.name().empty()) asked["name"] = options.request.name();
  nlohmann::ordered_json document;
  document["what_this_is"] =
      "Everything CareVoice holds about the person with these contact details: each thing "
      "they told the council, whole, and anything the service could not take as it was "
      "(\"quarantined\": true).";
  document["asked_for"] = std::move(asked);
  document["made_at"] = absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::Now(), absl::UTCTimeZone());
  document["how_many"] = records.size();
  document["records"] = std::move(records);

  absl::StatusOr<std::unique_ptr<WholeFile>> file = WholeFile::Create(options.out_path);
  if (!file.ok()) return file.status();
  (*file)->Write(document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
                 "\n");
  if (absl::Status s = (*file)->Commit(); !s.ok()) return s;
  return static_cast<std::int64_t>(document["how_many"].get<std::size_t>());
}

absl::Status RunErase(v1::Officer::StubInterface& stub, const std::string& token,
                      const v1::EraseRequest& request, bool yes, std::ostream& out) {
  client::OfficerClient officer(stub, token, kSignInHint);
  if (!request.dry_run() && !yes) {
    return absl::FailedPreconditionError(
        "an erasure cannot be undone: look first with --dry-run, then add --yes");
  }
  v1::EraseResponse response;
  grpc::ClientContext context;
  officer.Prepare(&context, absl::Minutes(10));
  if (auto s = officer.Check(stub.Erase(&context, request, &response), "Erase"); !s.ok()) return s;
  out << (response.dry_run() ? "would erase: " : "erased: ") << response.submissions()
      << " submissions, " << response.quarantined() << " quarantined items, and the person's "
      << "details from " << response.audit_reasons() << " audit reasons\n";
  return absl::OkStatus();
}

absl::Status RunRotateSealingKey(v1::Officer::StubInterface& stub, const std::string& token,
                                 std::ostream& out) {
  client::OfficerClient officer(stub, token, kSignInHint);
  v1::SealingKey key;
  grpc::ClientContext context;
  officer.Prepare(&context, absl::Seconds(30));
  if (auto s = officer.Check(stub.RotateSealingKey(&context, v1::RotateSealingKeyRequest(), &key),
                        "RotateSealingKey");
      !s.ok()) {
    return s;
  }
  out << "tablets seal to key " << key.key_id()
      << " from their next contact; what they sealed to older keys still opens\n";
  return absl::OkStatus();
}

namespace {

// One case on one line: what a person scanning the queue needs first.
void PrintCase(const v1::CaseRecord& c, std::ostream& out) {
  out << (c.overdue() ? "OVERDUE  " : "         ") << c.submission_id() << "  " << c.reference()
      << "  " << c.kind() << (c.statutory() ? " (statutory)" : "") << "  " << c.state();
  if (!c.acknowledge_by().empty() && c.state() == "received") {
    out << "  acknowledge by " << c.acknowledge_by();
  }
  if (!c.respond_by().empty()) out << "  respond by " << c.respond_by();
  if (!c.assigned_to().empty()) out << "  assigned to " << c.assigned_to();
  if (c.channel() == "officer") out << "  (entered by an officer)";
  out << "\n";
  for (const std::string& w : c.warnings()) out << "           ! " << w << "\n";
  if (!c.themes().empty()) {
    out << "           themes: " << absl::StrJoin(c.themes(), ", ") << "\n";
  } else if (!c.suggested_themes().empty()) {
    out << "           suggested themes: " << absl::StrJoin(c.suggested_themes(), ", ") << "\n";
  }
  if (!c.reply().empty()) out << "           reply published (" << c.reply_language() << ")\n";
}

}  // namespace

absl::Status RunCases(v1::Officer::StubInterface& stub, const std::string& token,
                      const v1::ListCasesRequest& request, const std::string& format,
                      std::ostream& out) {
  if (format != "table" && format != "json") {
    return absl::InvalidArgumentError("--format must be table or json");
  }
  client::OfficerClient officer(stub, token, kSignInHint);
  absl::StatusOr<v1::ListCasesResponse> response = officer.ListCases(request);
  if (!response.ok()) return response.status();
  if (format == "json") {
    std::string json;
    google::protobuf::util::JsonPrintOptions options;
    options.add_whitespace = true;
    options.preserve_proto_field_names = true;
    if (!google::protobuf::util::MessageToJsonString(*response, &json, options).ok()) {
      return absl::InternalError("cannot write the cases as JSON");
    }
    out << json;
    return absl::OkStatus();
  }
  for (const v1::CaseRecord& c : response->cases()) PrintCase(c, out);
  out << response->cases_size() << (response->cases_size() == 1 ? " case\n" : " cases\n");
  return absl::OkStatus();
}

absl::Status RunWatchCases(v1::Officer::StubInterface& stub, const std::string& token,
                           const std::function<bool(int round)>& between, std::ostream& out) {
  client::OfficerClient officer(stub, token, kSignInHint);
  client::UrgentWorries worries;  // the console's alert tells the same ones
  v1::ListCasesRequest request;
  request.set_kind("safeguarding");
  for (int round = 0;; ++round) {
    absl::StatusOr<v1::ListCasesResponse> response = officer.ListCases(request);
    if (!response.ok()) return response.status();
    for (const v1::CaseRecord& c : worries.Take(*response)) {
      // The reference and where it came from: never the words.
      out << '\a' << "URGENT  safeguarding worry " << contract::FormatReference(c.reference())
          << " (" << c.submission_id() << ") from a " << (c.channel().empty() ? "device" : c.channel())
          << ", received "
          << absl::FormatTime("%Y-%m-%d %H:%M", base::FromProtoTimestamp(c.received_at()),
                              absl::LocalTimeZone())
          << ": a safeguarding decision is due by the end of " << c.acknowledge_by() << "\n";
    }
    out.flush();
    if (!between(round)) return absl::OkStatus();
  }
}

absl::Status RunCaseLetter(v1::Officer::StubInterface& stub, const std::string& token,
                           const LetterOptions& options, std::ostream& out) {
  client::OfficerClient officer(stub, token, kSignInHint);
  absl::StatusOr<v1::CaseDetail> got = officer.GetCase(options.id);
  if (!got.ok()) return got.status();
  const v1::CaseDetail& detail = *got;
  std::string format = options.format;
  if (format.empty()) {
    switch (detail.record().submission().contact().reply_format()) {
      case v1::REPLY_FORMAT_LARGE_PRINT: format = "large-print"; break;
      case v1::REPLY_FORMAT_EASY_READ: format = "easy-read"; break;
      case v1::REPLY_FORMAT_AUDIO: format = "audio"; break;
      case v1::REPLY_FORMAT_BSL: format = "bsl"; break;
      case v1::REPLY_FORMAT_PHONE: format = "phone"; break;
      case v1::REPLY_FORMAT_POST: format = "post"; break;
      default: format = "text"; break;
    }
  }
  std::string kind = options.kind;
  if (kind.empty()) {
    const std::string& state = detail.case_().state();
    kind = state == "responded" || state == "closed" || state == "referred" ? "response"
                                                                            : "acknowledgement";
  }
  if (kind != "acknowledgement" && kind != "response") {
    return absl::InvalidArgumentError("--kind is acknowledgement or response");
  }
  const std::string reference = contract::FormatReference(detail.case_().reference());
  if (format == "bsl" || format == "phone" || format == "post") {
    // Not a file this tool can make: a task for the officer, kept in the
    // case's history.
    static const std::map<std::string, std::string> kTasks = {
        {"bsl", "book a British Sign Language interpreter, or record the " + kind +
                    " as a BSL video, and send it"},
        {"phone", "ring the person and give them the " + kind + " by phone"},
        {"post", "print the " + kind + " (carevoice-admin case ID letter --format text) and post it"}};
    v1::MoveCaseRequest note;
    note.set_submission_id(options.id);
    note.set_action("note");
    note.set_note("to do: " + kTasks.at(format) + " (reference " + reference + ")");
    if (absl::StatusOr<v1::CaseRecord> moved = officer.MoveCase(note); !moved.ok()) {
      return moved.status();
    }
    out << "The person asked for " << format << ": " << note.note()
        << ". Kept as a task in the case's history.\n";
    return absl::OkStatus();
  }
  if (format != "text" && format != "large-print" && format != "easy-read" && format != "audio") {
    return absl::InvalidArgumentError(
        "--format is large-print, easy-read, audio, text, bsl, phone or post");
  }
  if (format != "text" && options.out_path.empty()) {
    return absl::InvalidArgumentError("--out FILE: where to write the " + format + " letter");
  }
  absl::TimeZone london;
  if (!absl::LoadTimeZone("Europe/London", &london)) london = absl::UTCTimeZone();
  absl::StatusOr<letters::Letter> letter = letters::Build(
      detail, kind == "response" ? letters::Kind::kResponse : letters::Kind::kAcknowledgement,
      format == "easy-read", absl::ToCivilDay(absl::Now(), london),
      {options.council, options.signed_by});
  if (!letter.ok()) return letter.status();
  if (format == "text" && options.out_path.empty()) {
    out << letters::RenderText(*letter);
    return absl::OkStatus();
  }
  // The letter holds personal data: the file is the officer's alone (made
  // 0600 before anything is written into it).
  const int fd = ::open(options.out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return absl::PermissionDeniedError("cannot create " + options.out_path);
  ::fchmod(fd, 0600);
  ::close(fd);
  if (format == "text") {
    auto file = WholeFile::Create(options.out_path);
    if (!file.ok()) return file.status();
    (*file)->Write(letters::RenderText(*letter));
    if (auto s = (*file)->Commit(); !s.ok()) return s;
  } else if (format == "audio") {
    if (auto s = letters::RenderAudio(*letter, options.out_path); !s.ok()) return s;
  } else if (auto s = letters::RenderPdf(*letter, options.out_path); !s.ok()) {
    return s;
  }
  out << "The " << kind << " for " << reference << " (" << format << ") is in "
      << options.out_path << "\n";
  return absl::OkStatus();
}

absl::Status RunRecordComplaint(v1::Officer::StubInterface& stub, const std::string& token,
                                v1::RecordComplaintRequest request, const std::string& json_path,
                                std::ostream& out) {
  client::OfficerClient officer(stub, token, kSignInHint);
  absl::StatusOr<std::string> text = base::ReadWholeFile(json_path);
  if (!text.ok()) return text.status();
  if (!google::protobuf::util::JsonStringToMessage(*text, request.mutable_submission()).ok()) {
    return absl::InvalidArgumentError(json_path + " is not a Submission in JSON");
  }
  absl::StatusOr<v1::RecordComplaintResponse> response = officer.RecordComplaint(request);
  if (!response.ok()) return response.status();
  PrintCase(response->case_(), out);
  out << "reference " << contract::FormatReference(response->case_().reference()) << ", PIN "
      << response->pin()
      << ": give both to the person; they check on it at a kiosk with them\n";
  return absl::OkStatus();
}

absl::Status RunMoveCase(v1::Officer::StubInterface& stub, const std::string& token,
                         const v1::MoveCaseRequest& request, std::ostream& out) {
  client::OfficerClient officer(stub, token, kSignInHint);
  absl::StatusOr<v1::CaseRecord> record = officer.MoveCase(request);
  if (!record.ok()) return record.status();
  PrintCase(*record, out);
  return absl::OkStatus();
}

absl::Status RunRetention(v1::Officer::StubInterface& stub, const std::string& token,
                          bool dry_run, std::ostream& out) {
  client::OfficerClient officer(stub, token, kSignInHint);
  v1::RunRetentionRequest request;
  request.set_dry_run(dry_run);
  v1::RetentionReport report;
  grpc::ClientContext context;
  officer.Prepare(&context, absl::Minutes(10));
  if (auto s = officer.Check(stub.RunRetention(&context, request, &report), "RunRetention"); !s.ok()) {
    return s;
  }
  out << "The schedule:\n";
  for (const v1::RetentionRule& rule : report.rules()) {
    out << "  " << rule.kind() << ": ";
    if (rule.anonymise_after_days() > 0) {
      out << "anonymised after " << rule.anonymise_after_days() << " days, ";
    }
    out << "deleted after " << rule.delete_after_days() << " days.\n    Why: " << rule.reason()
        << "\n";
  }
  out << (report.dry_run() ? "Would anonymise " : "Anonymised ") << report.anonymised()
      << " submissions, " << (report.dry_run() ? "would delete " : "deleted ") << report.deleted()
      << " submissions and " << report.quarantine_deleted() << " quarantined items.\n";
  return absl::OkStatus();
}

absl::StatusOr<std::int64_t> RunBackup(v1::Officer::StubInterface& stub,
                                       const BackupOptions& options, std::ostream& out) {
  client::OfficerClient officer(stub, options.token, kSignInHint);
  if (options.out_path.empty()) return absl::InvalidArgumentError("--out is required");
  absl::StatusOr<std::unique_ptr<WholeFile>> file = WholeFile::Create(options.out_path);
  if (!file.ok()) return file.status();
  [[maybe_unused]] static const int ready = sodium_init();
  crypto_hash_sha256_state hash;
  crypto_hash_sha256_init(&hash);
  std::int64_t received = 0;
  grpc::ClientContext context;
  officer.Prepare(&context, options.deadline);
  auto reader = stub.Backup(&context, v1::BackupRequest());
  v1::BackupChunk chunk;
  std::optional<v1::BackupChunk> last;
  bool written = true;
  while (written && reader->Read(&chunk)) {
    if (!chunk.sha256().empty()) last = chunk;
    crypto_hash_sha256_update(&hash, reinterpret_cast<const unsigned char*>(chunk.data().data()),
                              chunk.data().size());
    received += static_cast<std::int64_t>(chunk.data().size());
    written = (*file)->Write(chunk.data());
  }
  if (!written) context.TryCancel();
  if (absl::Status s = officer.Check(reader->Finish(), "Backup"); !s.ok()) return s;
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&hash, digest);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
  if (!last || last->total_bytes() != received || last->sha256() != hex) {
    return absl::DataLossError(
        "the backup did not arrive whole (its length or SHA-256 differs): nothing was kept");
  }
  if (absl::Status s = (*file)->Commit(); !s.ok()) return s;
  // Opened as it is (immutable: nothing written beside it) and checked.
  sqlite3* db = nullptr;
  const std::string uri = absl::StrCat("file:", options.out_path, "?immutable=1");
  std::string integrity;
  if (sqlite3_open_v2(uri.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr) ==
      SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr) == SQLITE_OK) {
      while (sqlite3_step(stmt) == SQLITE_ROW) {
        integrity += reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
      }
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  if (integrity != "ok") {
    return absl::DataLossError(absl::StrCat("the backup in ", options.out_path,
                                            " fails SQLite's integrity check: ", integrity));
  }
  out << "backup written: " << options.out_path << " (" << received << " bytes, sha256 " << hex
      << "), integrity ok\n";
  return received;
}

absl::Status RunAuditVerify(v1::Officer::StubInterface& stub, const AuditOptions& options,
                            std::ostream& out) {
  client::OfficerClient officer(stub, options.token, kSignInHint);
  v1::VerifyAuditRequest request;
  if (!options.anchor_path.empty()) {
    absl::StatusOr<std::optional<std::string>> saved = LoadSessionToken(options.anchor_path);
    if (!saved.ok()) return saved.status();
    if (saved->has_value()) {
      const std::vector<std::string> parts = absl::StrSplit(**saved, ' ');
      std::int64_t row = 0;
      if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &row)) {
        return absl::DataLossError(absl::StrCat(
            "the audit anchor ", options.anchor_path, " is not \"ROW HASH\": restore it from "
            "a copy, or (knowing what is lost) remove it"));
      }
      request.set_anchor_row(row);
      request.set_anchor_hash(parts[1]);
    }
  }
  v1::VerifyAuditResponse response;
  grpc::ClientContext context;
  officer.Prepare(&context, options.deadline);
  if (auto s = officer.Check(stub.VerifyAudit(&context, request, &response), "VerifyAudit");
      !s.ok()) {
    return s;
  }
  if (!response.intact()) {
    out << "audit NOT intact: " << response.problem() << "\n";
    return absl::DataLossError(absl::StrCat("the audit chain is broken at row ",
                                            response.first_bad_row()));
  }
  out << "audit intact: " << response.rows_checked() << " rows checked";
  if (response.rows_unchained() > 0) {
    out << " (" << response.rows_unchained() << " from before the chain began)";
  }
  if (request.anchor_row() > 0) out << ", still holding row " << request.anchor_row() << " as seen";
  out << "\n";
  if (response.head_row() > 0) {
    out << "newest row " << response.head_row() << ", hash " << response.head_hash() << "\n";
    if (!options.anchor_path.empty()) {
      if (auto s = SaveSessionToken(options.anchor_path,
                                    absl::StrCat(response.head_row(), " ", response.head_hash()));
          !s.ok()) {
        return s;
      }
    }
  }
  return absl::OkStatus();
}

absl::Status RunAuditList(v1::Officer::StubInterface& stub, const AuditOptions& options,
                          std::ostream& out) {
  client::OfficerClient officer(stub, options.token, kSignInHint);
  if (options.limit < 1 || options.limit > 1000) {
    return absl::InvalidArgumentError("--limit must be 1..1000");
  }
  v1::ListAuditRequest request;
  request.set_limit(options.limit);
  v1::ListAuditResponse response;
  grpc::ClientContext context;
  officer.Prepare(&context, options.deadline);
  if (auto s = officer.Check(stub.ListAudit(&context, request, &response), "ListAudit"); !s.ok()) {
    return s;
  }
  for (const v1::AuditRecord& r : response.records()) {
    out << r.row() << "  " << IsoTime(r.at()) << "  " << r.officer() << "  "
        << r.action() << "  " << r.count();
    if (!r.reason().empty()) out << "  because: " << r.reason();
    out << "\n";
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::SignInResponse> RunLogin(v1::Officer::StubInterface& stub,
                                            const std::string& name,
                                            const std::string& password) {
  client::OfficerClient officer(stub, "", kSignInHint);
  return officer.SignIn(name, password);
}

absl::Status RunLogout(v1::Officer::StubInterface& stub, const std::string& token) {
  client::OfficerClient officer(stub, token, kSignInHint);
  return officer.SignOut();
}

absl::Status RunSession(v1::Officer::StubInterface& stub, const std::string& token,
                        std::ostream& out) {
  client::OfficerClient officer(stub, token, kSignInHint);
  absl::StatusOr<v1::SessionInfo> info = officer.ExtendSession();
  if (!info.ok()) return info.status();
  out << "signed in as " << info->name() << " (" << RoleWord(info->role()) << ")\n"
      << "session expires if unused at "
      << Clock(absl::FromUnixSeconds(info->expires_at().seconds()))
      << "; ends at the latest at " << Clock(absl::FromUnixSeconds(info->ends_at().seconds()))
      << "\n";
  WarnIfEndingSoon(officer);
  return absl::OkStatus();
}

absl::Status RunAccountCreate(v1::Officer::StubInterface& stub, const std::string& token,
                              const v1::CreateAccountRequest& request, std::ostream& out) {
  client::OfficerClient officer(stub, token, kSignInHint);
  v1::Account account;
  grpc::ClientContext context;
  officer.Prepare(&context, absl::Seconds(60));
  if (auto s = officer.Check(stub.CreateAccount(&context, request, &account), "CreateAccount");
      !s.ok()) {
    return s;
  }
  out << "created: ";
  WriteAccount(account, out);
  officer.Note(context);
  WarnIfEndingSoon(officer);
  return absl::OkStatus();
}

absl::Status RunAccountList(v1::Officer::StubInterface& stub, const std::string& token,
                            std::ostream& out) {
  client::OfficerClient officer(stub, token, kSignInHint);
  v1::ListAccountsRequest request;
  v1::ListAccountsResponse response;
  grpc::ClientContext context;
  officer.Prepare(&context, absl::Seconds(30));
  if (auto s = officer.Check(stub.ListAccounts(&context, request, &response), "ListAccounts");
      !s.ok()) {
    return s;
  }
  for (const v1::Account& a : response.accounts()) WriteAccount(a, out);
  officer.Note(context);
  WarnIfEndingSoon(officer);
  return absl::OkStatus();
}

absl::Status RunAccountUpdate(v1::Officer::StubInterface& stub, const std::string& token,
                              const v1::UpdateAccountRequest& request, std::ostream& out) {
  client::OfficerClient officer(stub, token, kSignInHint);
  v1::Account account;
  grpc::ClientContext context;
  officer.Prepare(&context, absl::Seconds(60));
  if (auto s = officer.Check(stub.UpdateAccount(&context, request, &account), "UpdateAccount");
      !s.ok()) {
    return s;
  }
  out << "now: ";
  WriteAccount(account, out);
  officer.Note(context);
  WarnIfEndingSoon(officer);
  return absl::OkStatus();
}

namespace {

void WriteDevice(const v1::Device& d, std::ostream& out) {
  out << d.device_id() << "  " << d.mode() << "  " << d.site() << "  enrolled "
      << IsoTime(d.enrolled_at());
  if (d.has_revoked_at()) out << "  REVOKED " << IsoTime(d.revoked_at());
  out << "\n";
}

}  // namespace

absl::Status RunDeviceEnrol(v1::Officer::StubInterface& stub, const std::string& token,
                            const v1::CreateEnrolmentCodeRequest& request, std::ostream& out) {
  client::OfficerClient officer(stub, token, kSignInHint);
  v1::EnrolmentCode code;
  grpc::ClientContext context;
  officer.Prepare(&context, absl::Seconds(30));
  if (auto s = officer.Check(stub.CreateEnrolmentCode(&context, request, &code),
                        "CreateEnrolmentCode");
      !s.ok()) {
    return s;
  }
  out << code.code() << "\n";
  std::fprintf(stderr,
               "enrolment code for a %s at %s; works once, until %s. Start the device with "
               "--enrol %s\n",
               request.mode().c_str(), request.site().c_str(),
               Clock(absl::FromUnixSeconds(code.expires_at().seconds())).c_str(),
               code.code().c_str());
  officer.Note(context);
  WarnIfEndingSoon(officer);
  return absl::OkStatus();
}

absl::Status RunDeviceList(v1::Officer::StubInterface& stub, const std::string& token,
                           std::ostream& out) {
  client::OfficerClient officer(stub, token, kSignInHint);
  v1::ListDevicesResponse response;
  grpc::ClientContext context;
  officer.Prepare(&context, absl::Seconds(30));
  if (auto s = officer.Check(stub.ListDevices(&context, v1::ListDevicesRequest(), &response),
                        "ListDevices");
      !s.ok()) {
    return s;
  }
  for (const v1::Device& d : response.devices()) WriteDevice(d, out);
  officer.Note(context);
  WarnIfEndingSoon(officer);
  return absl::OkStatus();
}

absl::Status RunDeviceRevoke(v1::Officer::StubInterface& stub, const std::string& token,
                             const std::string& device_id, std::ostream& out) {
  client::OfficerClient officer(stub, token, kSignInHint);
  v1::RevokeDeviceRequest request;
  request.set_device_id(device_id);
  v1::Device device;
  grpc::ClientContext context;
  officer.Prepare(&context, absl::Seconds(30));
  if (auto s = officer.Check(stub.RevokeDevice(&context, request, &device), "RevokeDevice");
      !s.ok()) {
    return s;
  }
  WriteDevice(device, out);
  officer.Note(context);
  WarnIfEndingSoon(officer);
  return absl::OkStatus();
}

absl::Status RunCatalogPublish(v1::Officer::StubInterface& stub, const std::string& token,
                               const std::string& path, std::ostream& out) {
  client::OfficerClient officer(stub, token, kSignInHint);
  absl::StatusOr<std::string> text = base::ReadWholeFile(path);
  if (!text.ok()) return text.status();
  v1::PublishCatalogRequest request;
  request.set_json(*std::move(text));
  v1::PublishCatalogResponse response;
  grpc::ClientContext context;
  officer.Prepare(&context, absl::Seconds(60));
  if (auto s = officer.Check(stub.PublishCatalog(&context, request, &response), "PublishCatalog");
      !s.ok()) {
    return s;
  }
  out << "published catalog version " << response.version()
      << "; kiosks pick it up at their next refresh\n";
  officer.Note(context);
  WarnIfEndingSoon(officer);
  return absl::OkStatus();
}

namespace {

std::string Day(absl::Time t) { return absl::FormatTime("%Y-%m-%d", t, absl::UTCTimeZone()); }

std::string Questions(const v1::Consultation& c) {
  return absl::StrCat(c.questions_size(), c.questions_size() == 1 ? " question" : " questions");
}

std::string English(const v1::LocalizedText& text) {
  auto it = text.text().find("en-GB");
  return it == text.text().end() ? std::string() : it->second;
}

}  // namespace

std::string ConsultationState(const v1::Consultation& c, absl::Time now) {
  const absl::Time opens = base::FromProtoTimestamp(c.opens_at());
  const absl::Time closes = base::FromProtoTimestamp(c.closes_at());
  if (now < opens) return "opens " + Day(opens);
  if (now >= closes) return "closed " + Day(closes) + (c.closed_early() ? " (early)" : "");
  // Whole days left, the closing day counted: closing in 3 hours is "1 day".
  const int64_t days = (absl::ToInt64Seconds(closes - now) + 86399) / 86400;
  return absl::StrCat("open, ", days, days == 1 ? " day" : " days", " left (closes ", Day(closes),
                      ")");
}

absl::Status RunConsultationPublish(v1::Officer::StubInterface& stub, const std::string& token,
                                    const std::string& path, std::ostream& out) {
  client::OfficerClient officer(stub, token, kSignInHint);
  absl::StatusOr<std::string> text = base::ReadWholeFile(path);
  if (!text.ok()) return text.status();
  v1::PublishConsultationRequest request;
  request.set_json(*std::move(text));
  v1::PublishConsultationResponse response;
  grpc::ClientContext context;
  officer.Prepare(&context, absl::Seconds(60));
  if (auto s = officer.Check(stub.PublishConsultation(&context, request, &response),
                             "PublishConsultation");
      !s.ok()) {
    return s;
  }
  const v1::Consultation& c = response.consultation();
  out << "published consultation " << c.id() << " (" << Questions(c) << "): \"" << English(c.title())
      << "\"; kiosks show it from " << Day(base::FromProtoTimestamp(c.opens_at())) << " until "
      << Day(base::FromProtoTimestamp(c.closes_at())) << "\n";
  officer.Note(context);
  WarnIfEndingSoon(officer);
  return absl::OkStatus();
}

absl::Status RunConsultationList(v1::Officer::StubInterface& stub, const std::string& token,
                                 std::ostream& out) {
  client::OfficerClient officer(stub, token, kSignInHint);
  v1::ListConsultationsResponse response;
  grpc::ClientContext context;
  officer.Prepare(&context, absl::Seconds(30));
  if (auto s = officer.Check(stub.ListConsultations(&context, v1::ListConsultationsRequest(),
                                                    &response),
                             "ListConsultations");
      !s.ok()) {
    return s;
  }
  if (response.consultations().empty()) out << "no consultations published\n";
  const absl::Time now = base::FromProtoTimestamp(response.now());
  for (const v1::Consultation& c : response.consultations()) {
    out << c.id() << "  " << ConsultationState(c, now) << "  " << Questions(c) << "  "
        << English(c.title()) << "\n";
  }
  officer.Note(context);
  WarnIfEndingSoon(officer);
  return absl::OkStatus();
}

absl::Status RunConsultationResults(v1::Officer::StubInterface& stub, const std::string& token,
                                    const std::string& id, std::ostream& out) {
  client::OfficerClient officer(stub, token, kSignInHint);
  v1::ConsultationResultsRequest request;
  request.set_id(id);
  v1::ConsultationResultsResponse response;
  grpc::ClientContext context;
  officer.Prepare(&context, absl::Seconds(60));
  if (auto s = officer.Check(stub.ConsultationResults(&context, request, &response),
                             "ConsultationResults");
      !s.ok()) {
    return s;
  }
  const v1::Consultation& c = response.consultation();
  out << c.id() << "  " << ConsultationState(c, base::FromProtoTimestamp(response.now())) << "  "
      << English(c.title()) << "\n"
      << "responses  " << response.responses() << "\n";
  static constexpr const char* kScale[] = {"strongly agree", "agree", "neither",
                                          "disagree", "strongly disagree"};
  for (int i = 0; i < response.questions_size() && i < c.questions_size(); ++i) {
    const v1::Question& q = c.questions(i);
    const auto& r = response.questions(i);
    out << "\n" << (i + 1) << ". " << English(q.text()) << "\n"
        << "   answered  " << r.answered() << "  skipped  " << response.responses() - r.answered()
        << "\n";
    for (int o = 0; o < r.options_size() && o < q.options_size(); ++o) {
      const auto& count = r.options(o);
      out << "   " << English(q.options(o).label()) << "  ";
      if (q.kind() == v1::Question::KIND_RANKING) {
        out << "first " << count.chosen() << "  placed " << count.ranked();
        if (count.ranked() > 0) {
          // One decimal place: 1.0 is always first.
          const std::int64_t tenths = (count.rank_total() * 10 + count.ranked() / 2) / count.ranked();
          out << "  average place " << tenths / 10 << "." << tenths % 10;
        }
      } else {
        out << count.chosen();
      }
      out << "\n";
    }
    for (int p = 0; p < r.agreement_size() && p < 5; ++p) {
      out << "   " << kScale[p] << "  " << r.agreement(p) << "\n";
    }
    if (q.kind() == v1::Question::KIND_FREE_TEXT) {
      out << "   (words: read them with `list --include-text --reason ...`)\n";
    }
  }
  officer.Note(context);
  WarnIfEndingSoon(officer);
  return absl::OkStatus();
}

absl::Status RunConsultationClose(v1::Officer::StubInterface& stub, const std::string& token,
                                  const std::string& id, std::ostream& out) {
  client::OfficerClient officer(stub, token, kSignInHint);
  v1::CloseConsultationRequest request;
  request.set_id(id);
  v1::CloseConsultationResponse response;
  grpc::ClientContext context;
  officer.Prepare(&context, absl::Seconds(30));
  if (auto s = officer.Check(stub.CloseConsultation(&context, request, &response),
                             "CloseConsultation");
      !s.ok()) {
    return s;
  }
  out << "closed consultation " << response.consultation().id()
      << "; kiosks stop asking at their next refresh, and answers given before now still count\n";
  officer.Note(context);
  WarnIfEndingSoon(officer);
  return absl::OkStatus();
}

namespace {

// Votes in 1/100000 as a decimal, trailing zeros dropped: "12", "7.5".
std::string VotesText(std::int64_t votes) {
  std::string text = absl::StrCat(votes / 100000);
  if (const std::int64_t part = votes % 100000; part != 0) {
    std::string digits = absl::StrCat(100000 + part).substr(1);
    while (digits.back() == '0') digits.pop_back();
    absl::StrAppend(&text, ".", digits);
  }
  return text;
}

std::string BallotKind(const v1::ForumBallot& b) {
  if (b.question().kind() == v1::Question::KIND_SINGLE_CHOICE) return "one mark";
  return absl::StrCat("ranked, ", b.seats(), b.seats() == 1 ? " seat" : " seats");
}

std::string BallotState(const v1::ForumBallot& b, absl::Time now) {
  const absl::Time opens = base::FromProtoTimestamp(b.opens_at());
  const absl::Time closes = base::FromProtoTimestamp(b.closes_at());
  if (now < opens) return "opens " + Day(opens);
  if (now < closes) return "open until " + Day(closes);
  return b.has_result() ? "closed, counted" : "closed " + Day(closes) + ", not counted";
}

std::string OptionName(const v1::ForumBallot& b, const std::string& id) {
  for (const v1::Question::Option& o : b.question().options()) {
    if (o.id() == id) return English(o.label());
  }
  return id;
}

// Writes `text` whole to `path` (0600: the codes are the members' votes).
absl::Status WriteWhole(const std::string& path, const std::string& text) {
  absl::StatusOr<std::unique_ptr<client::WholeFile>> file = client::WholeFile::Create(path);
  if (!file.ok()) return file.status();
  if (!(*file)->Write(text)) return absl::DataLossError("cannot write " + path);
  return (*file)->Commit();
}

}  // namespace

absl::Status RunReport(v1::Officer::StubInterface& stub, const std::string& token,
                       const ReportOptions& options, std::ostream& out) {
  client::OfficerClient officer(stub, token, kSignInHint);
  const std::optional<client::packs::Format> format = client::packs::FormatFromName(options.format);
  if (!format) return absl::InvalidArgumentError("the format is md, csv, html, xlsx or pdf");
  v1::BuildReportRequest request;
  request.set_period(options.period);
  request.set_annual_year(options.annual_year);
  v1::Audience audience = v1::AUDIENCE_UNSPECIFIED;
  if (!v1::Audience_Parse("AUDIENCE_" + absl::AsciiStrToUpper(options.audience), &audience)) {
    return absl::InvalidArgumentError("the audience is scrutiny, forum or public");
  }
  request.set_audience(audience);
  absl::StatusOr<v1::CommitteeReport> report = officer.BuildReport(request);
  if (!report.ok()) return report.status();
  absl::StatusOr<std::string> pack = client::packs::Render(*format, *report);
  if (!pack.ok()) return pack.status();
  if (absl::Status s = WriteWhole(options.out, *pack); !s.ok()) return s;
  out << "wrote " << options.out << ": \"" << report->title() << "\"\n"
      << "from " << report->data_version() << "\n";
  WarnIfEndingSoon(officer);
  return absl::OkStatus();
}

absl::Status RunNoticePublish(v1::Officer::StubInterface& stub, const std::string& token,
                              const std::string& path, std::ostream& out) {
  client::OfficerClient officer(stub, token, kSignInHint);
  absl::StatusOr<std::string> text = base::ReadWholeFile(path);
  if (!text.ok()) return text.status();
  v1::PublishNoticeRequest request;
  request.set_json(*std::move(text));
  v1::PublishNoticeResponse response;
  grpc::ClientContext context;
  officer.Prepare(&context, absl::Seconds(30));
  if (auto s = officer.Check(stub.PublishNotice(&context, request, &response), "PublishNotice");
      !s.ok()) {
    return s;
  }
  out << "published notice " << response.notice().id() << ": \"" << English(response.notice().title())
      << "\"; kiosks list it first under \"What changed because people spoke up\" from their "
         "next refresh\n";
  officer.Note(context);
  WarnIfEndingSoon(officer);
  return absl::OkStatus();
}

absl::Status RunBallotCreate(v1::Officer::StubInterface& stub, const std::string& token,
                             const std::string& path, std::ostream& out) {
  client::OfficerClient officer(stub, token, kSignInHint);
  absl::StatusOr<std::string> text = base::ReadWholeFile(path);
  if (!text.ok()) return text.status();
  v1::PublishBallotRequest request;
  request.set_json(*std::move(text));
  v1::PublishBallotResponse response;
  grpc::ClientContext context;
  officer.Prepare(&context, absl::Seconds(60));
  if (auto s = officer.Check(stub.PublishBallot(&context, request, &response), "PublishBallot");
      !s.ok()) {
    return s;
  }
  const v1::ForumBallot& b = response.ballot();
  out << "published ballot " << b.id() << " (" << BallotKind(b) << ", "
      << b.question().options_size() << " candidates or options): \"" << English(b.title())
      << "\"; open from " << Day(base::FromProtoTimestamp(b.opens_at())) << " until "
      << Day(base::FromProtoTimestamp(b.closes_at())) << ". Issue its codes with: ballot codes "
      << b.id() << " --count N --out FILE\n";
  officer.Note(context);
  WarnIfEndingSoon(officer);
  return absl::OkStatus();
}

absl::Status RunBallotCodes(v1::Officer::StubInterface& stub, const std::string& token,
                            const std::string& id, int count, const std::string& out_path,
                            std::ostream& out) {
  client::OfficerClient officer(stub, token, kSignInHint);
  v1::IssueBallotCodesRequest request;
  request.set_ballot_id(id);
  request.set_count(count);
  v1::IssueBallotCodesResponse response;
  grpc::ClientContext context;
  officer.Prepare(&context, absl::Seconds(60));
  if (auto s = officer.Check(stub.IssueBallotCodes(&context, request, &response),
                             "IssueBallotCodes");
      !s.ok()) {
    return s;
  }
  std::vector<std::string> codes(response.codes().begin(), response.codes().end());
  // The sheet for print beside the list for phone and braille: FILE.html
  // and FILE.txt, whatever FILE ends in.
  std::string stem = out_path;
  for (const char* ext : {".html", ".txt"}) {
    if (absl::EndsWith(stem, ext)) stem.resize(stem.size() - std::strlen(ext));
  }
  const std::string html_path = stem + ".html", text_path = stem + ".txt";
  absl::Status written = WriteWhole(html_path, BallotCodesHtml(response.ballot(), codes));
  if (written.ok()) written = WriteWhole(text_path, BallotCodesText(response.ballot(), codes));
  if (!written.ok()) {
    // The service keeps only their hashes: codes not written are lost, and
    // unused; more can be issued.
    return absl::DataLossError(absl::StrCat(written.message(), "; the ", codes.size(),
                                            " codes just issued are lost (unused): issue again"));
  }
  out << "issued " << codes.size() << " codes for ballot " << id << " (" << response.issued()
      << " issued in all)\nlarge print: " << html_path << "\nplain text (phone, braille): "
      << text_path << "\nthe service keeps only their hashes: these files are the only copy\n";
  officer.Note(context);
  WarnIfEndingSoon(officer);
  return absl::OkStatus();
}

absl::Status RunBallotList(v1::Officer::StubInterface& stub, const std::string& token,
                           std::ostream& out) {
  client::OfficerClient officer(stub, token, kSignInHint);
  v1::ListBallotsResponse response;
  grpc::ClientContext context;
  officer.Prepare(&context, absl::Seconds(30));
  if (auto s = officer.Check(stub.ListBallots(&context, v1::ListBallotsRequest(), &response),
                             "ListBallots");
      !s.ok()) {
    return s;
  }
  if (response.ballots().empty()) out << "no ballots published\n";
  const absl::Time now = base::FromProtoTimestamp(response.now());
  for (int i = 0; i < response.ballots_size(); ++i) {
    const v1::ForumBallot& b = response.ballots(i);
    out << b.id() << "  " << BallotState(b, now) << "  " << BallotKind(b);
    if (i < response.turnout_size()) {
      out << "  codes " << response.turnout(i).codes_issued() << "  votes "
          << response.turnout(i).votes_cast();
    }
    out << "  " << English(b.title()) << "\n";
  }
  officer.Note(context);
  WarnIfEndingSoon(officer);
  return absl::OkStatus();
}

absl::Status RunBallotCount(v1::Officer::StubInterface& stub, const std::string& token,
                            const std::string& id, std::ostream& out) {
  client::OfficerClient officer(stub, token, kSignInHint);
  v1::CountBallotRequest request;
  request.set_id(id);
  v1::CountBallotResponse response;
  grpc::ClientContext context;
  officer.Prepare(&context, absl::Seconds(120));
  if (auto s = officer.Check(stub.CountBallot(&context, request, &response), "CountBallot");
      !s.ok()) {
    return s;
  }
  const v1::ForumBallot& b = response.ballot();
  const v1::BallotResult& r = b.result();
  static const std::map<std::string, std::string> kMethods = {
      {"plurality", "the most votes (one mark each)"},
      {"instant_runoff", "instant-runoff (one seat, preferences transferred)"},
      {"stv_wigm", "single transferable vote, Weighted Inclusive Gregory Method"}};
  auto method = kMethods.find(r.method());
  out << b.id() << "  " << English(b.title()) << "\n"
      << "method  " << (method == kMethods.end() ? r.method() : method->second) << "\n"
      << "ballots  " << r.valid() + r.blank() << " (" << r.valid() << " valid, " << r.blank()
      << " blank)\n";
  if (r.quota() > 0) out << "quota  " << VotesText(r.quota()) << "\n";
  for (int i = 0; i < r.rounds_size(); ++i) {
    const v1::BallotResult::Round& round = r.rounds(i);
    out << "\nround " << (i + 1) << "\n";
    for (int o = 0; o < round.votes_size() && o < b.question().options_size(); ++o) {
      out << "   " << English(b.question().options(o).label()) << "  "
          << VotesText(round.votes(o)) << "\n";
    }
    if (round.exhausted() > 0) {
      out << "   no further preference  " << VotesText(round.exhausted()) << "\n";
    }
    for (const std::string& e : round.elected()) out << "   elected: " << OptionName(b, e) << "\n";
    if (!round.surplus_of().empty()) {
      out << "   surplus of " << OptionName(b, round.surplus_of()) << " passed on\n";
    }
    if (!round.excluded().empty()) out << "   excluded: " << OptionName(b, round.excluded()) << "\n";
    if (round.by_lot()) out << "   (a tie, decided by lot)\n";
  }
  out << "\nelected:";
  for (const std::string& e : r.elected()) out << " " << OptionName(b, e) << ";";
  out << "\nseed " << r.seed() << " (recorded: a recount draws any lot the same way)\n"
      << (response.recounted() ? "counted again from the stored ballots: the same result\n"
                               : "published to kiosks\n");
  officer.Note(context);
  WarnIfEndingSoon(officer);
  return absl::OkStatus();
}

absl::Status RunQuarantineList(v1::Officer::StubInterface& stub, const std::string& token,
                               int limit, std::ostream& out) {
  client::OfficerClient officer(stub, token, kSignInHint);
  v1::ListQuarantineRequest request;
  request.set_limit(limit);
  v1::ListQuarantineResponse response;
  grpc::ClientContext context;
  officer.Prepare(&context, absl::Seconds(30));
  if (auto s = officer.Check(stub.ListQuarantine(&context, request, &response), "ListQuarantine");
      !s.ok()) {
    return s;
  }
  for (const v1::QuarantineRecord& r : response.records()) {
    out << r.id() << "  " << IsoTime(r.received_at()) << "  " << r.device_id() << "  "
        << (r.submission_id().empty() ? "(no id)" : r.submission_id()) << "  "
        << r.size_bytes() << " bytes  " << r.reason() << "\n";
  }
  officer.Note(context);
  WarnIfEndingSoon(officer);
  return absl::OkStatus();
}

std::string TakingPartValueWords(std::string_view aspect, std::string_view value) {
  using google::protobuf::FieldDescriptor;
  const google::protobuf::Descriptor* message = nullptr;
  if (aspect.starts_with("how.")) {
    message = v1::HowTookPart::descriptor();
    aspect.remove_prefix(4);
  } else if (aspect.starts_with("equality.")) {
    message = v1::EqualityMonitoring::descriptor();
    aspect.remove_prefix(9);
  }
  const FieldDescriptor* field =
      message == nullptr ? nullptr : message->FindFieldByName(std::string(aspect));
  int number = 0;
  if (field == nullptr || !absl::SimpleAtoi(absl::string_view(value.data(), value.size()), &number)) {
    return std::string(value);
  }
  if (field->type() == FieldDescriptor::TYPE_BOOL) return number != 0 ? "yes" : "no";
  if (field->type() != FieldDescriptor::TYPE_ENUM) return std::string(value);
  const google::protobuf::EnumValueDescriptor* named = field->enum_type()->FindValueByNumber(number);
  if (named == nullptr) return std::string(value);
  // AGE_BAND_85_AND_OVER -> "85 and over": the enum's own prefix dropped.
  std::string words(named->name());
  std::string prefix;  // AgeBand -> AGE_BAND
  for (char c : std::string(field->enum_type()->name())) {
    if (std::isupper(static_cast<unsigned char>(c)) && !prefix.empty()) prefix += '_';
    prefix += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  prefix += '_';
  if (absl::StartsWith(words, prefix)) words.erase(0, prefix.size());
  for (char& c : words) c = c == '_' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return words;
}

absl::Status RunTakingPart(v1::Officer::StubInterface& stub, const std::string& token,
                           const std::string& from_month, const std::string& to_month,
                           std::ostream& out) {
  client::OfficerClient officer(stub, token, kSignInHint);
  v1::ListTakingPartRequest request;
  request.set_from_month(from_month);
  request.set_to_month(to_month);
  v1::ListTakingPartResponse response;
  grpc::ClientContext context;
  officer.Prepare(&context, absl::Seconds(30));
  if (auto s = officer.Check(stub.ListTakingPart(&context, request, &response), "ListTakingPart");
      !s.ok()) {
    return s;
  }
  if (response.counts().empty()) out << "no visits counted in those months\n";
  for (const v1::TakingPartCount& c : response.counts()) {
    out << c.month() << "  " << c.aspect() << "  " << TakingPartValueWords(c.aspect(), c.value())
        << "  " << (c.suppressed() ? std::string("fewer than 5") : absl::StrCat(c.count())) << "\n";
  }
  officer.Note(context);
  WarnIfEndingSoon(officer);
  return absl::OkStatus();
}

v1::Role RoleNamed(std::string_view name) {
  if (name == "admin") return v1::ROLE_ADMIN;
  if (name == "officer") return v1::ROLE_OFFICER;
  if (name == "clerk") return v1::ROLE_CLERK;
  return v1::ROLE_UNSPECIFIED;
}

}  // namespace carevoice::client::admin
