#include "service/admin/commands.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/status_grpc.h"
#include "service/admin/format.h"

namespace carevoice::service::admin {
namespace {

// Well under the service's 1000: a page with words may be ~56 KB a record.
constexpr int kMaxPageSize = 200;

absl::Status FromGrpc(const grpc::Status& s, const char* what) {
  if (s.ok()) return absl::OkStatus();
  if (s.error_code() == grpc::StatusCode::UNAVAILABLE ||
      s.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
    return base::FromGrpcStatus(
        s, absl::StrCat("cannot reach the service (", what, ")"));
  }
  return base::FromGrpcStatus(s, what);
}

void SetDeadline(grpc::ClientContext* context, absl::Duration d) {
  context->set_deadline(absl::ToChronoTime(absl::Now() + d));
}

}  // namespace

absl::Status RunList(v1::Officer::StubInterface& stub,
                     const ListOptions& options, std::ostream& out) {
  if (options.format != "table" && options.format != "json") {
    return absl::InvalidArgumentError("--format must be table or json");
  }
  if (options.limit < 1) return absl::InvalidArgumentError("--limit must be >= 1");

  std::vector<v1::SubmissionRecord> records;
  std::string page_token;
  do {
    v1::ListSubmissionsRequest request;
    request.set_officer(options.officer);
    request.set_include_text(options.include_text);
    request.set_page_token(page_token);
    request.set_page_size(std::min<int>(
        kMaxPageSize, options.limit - static_cast<int>(records.size())));
    v1::ListSubmissionsResponse response;
    grpc::ClientContext context;
    SetDeadline(&context, options.deadline);
    if (auto s = FromGrpc(stub.ListSubmissions(&context, request, &response),
                          "ListSubmissions");
        !s.ok()) {
      return s;
    }
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
    SetDeadline(&context, options.deadline);
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
  if (options.out_path.empty()) return absl::InvalidArgumentError("--out is required");
  const std::string partial = options.out_path + ".partial";
  const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                        0600);
  if (fd < 0) {
    return absl::PermissionDeniedError(absl::StrCat("cannot create ", partial));
  }
  std::FILE* file = ::fdopen(fd, "wb");
  if (file == nullptr) {
    ::close(fd);
    return absl::InternalError("fdopen failed");
  }
  auto write = [file](const std::string& text) {
    return std::fwrite(text.data(), 1, text.size(), file) == text.size();
  };

  v1::ExportSubmissionsRequest request;
  request.set_officer(options.officer);
  request.set_identified(options.identified);
  grpc::ClientContext context;
  SetDeadline(&context, options.deadline);
  auto reader = stub.ExportSubmissions(&context, request);
  std::int64_t count = 0;
  bool written = write(CsvHeader(options.identified));
  v1::SubmissionRecord record;
  while (written && reader->Read(&record)) {
    written = write(CsvRow(record, options.identified));
    ++count;
  }
  if (!written) context.TryCancel();
  absl::Status status = FromGrpc(reader->Finish(), "ExportSubmissions");
  written = (std::fflush(file) == 0) && written && (::fsync(fd) == 0);
  written = (std::fclose(file) == 0) && written;
  if (status.ok() && !written) {
    status = absl::DataLossError(absl::StrCat("cannot write ", partial));
  }
  if (status.ok() && std::rename(partial.c_str(), options.out_path.c_str()) != 0) {
    status = absl::DataLossError(absl::StrCat("cannot rename ", partial));
  }
  if (!status.ok()) {
    std::remove(partial.c_str());
    return status;
  }
  return count;
}

absl::Status RunAuditVerify(v1::Officer::StubInterface& stub, const AuditOptions& options,
                            std::ostream& out) {
  v1::VerifyAuditRequest request;
  request.set_officer(options.officer);
  v1::VerifyAuditResponse response;
  grpc::ClientContext context;
  SetDeadline(&context, options.deadline);
  if (auto s = FromGrpc(stub.VerifyAudit(&context, request, &response), "VerifyAudit");
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
  out << "\n";
  return absl::OkStatus();
}

absl::Status RunAuditList(v1::Officer::StubInterface& stub, const AuditOptions& options,
                          std::ostream& out) {
  if (options.limit < 1 || options.limit > 1000) {
    return absl::InvalidArgumentError("--limit must be 1..1000");
  }
  v1::ListAuditRequest request;
  request.set_officer(options.officer);
  request.set_limit(options.limit);
  v1::ListAuditResponse response;
  grpc::ClientContext context;
  SetDeadline(&context, options.deadline);
  if (auto s = FromGrpc(stub.ListAudit(&context, request, &response), "ListAudit"); !s.ok()) {
    return s;
  }
  for (const v1::AuditRecord& r : response.records()) {
    out << r.row() << "  " << IsoTime(r.at()) << "  " << r.officer() << "  "
        << r.action() << "  " << r.count() << "\n";
  }
  return absl::OkStatus();
}

}  // namespace carevoice::service::admin
