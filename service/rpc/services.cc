#include "service/rpc/services.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "base/status_grpc.h"
#include "contract/metadata.h"
#include "contract/reference_code.h"
#include "service/rpc/handlers.h"

namespace carevoice::service::rpc {
namespace {

using base::ToGrpcStatus;

template <typename Response>
grpc::Status Answer(absl::StatusOr<Response> result, Response* response) {
  if (!result.ok()) return ToGrpcStatus(result.status());
  *response = *std::move(result);
  return grpc::Status::OK;
}

// Bytes that are no request at all are the caller's fault: INVALID_ARGUMENT
// (gRPC itself would say INTERNAL, and a client would keep retrying).
template <typename Request>
absl::Status ParseRaw(const grpc::ByteBuffer& raw, Request* request, const char* method) {
  grpc::ByteBuffer copy(raw);  // shares the slices; Deserialize consumes it
  if (grpc::SerializationTraits<Request>::Deserialize(&copy, request).ok()) {
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "the ", method, " request cannot be read: its bytes are not a ", method,
      "Request (damaged, or from another program)"));
}

template <typename Response>
grpc::Status SerializeRaw(const Response& response, grpc::ByteBuffer* raw) {
  bool own_buffer = false;
  return grpc::SerializationTraits<Response>::Serialize(response, raw, &own_buffer);
}

absl::Status SameDevice(const store::Device& device, const std::string& claimed) {
  if (!claimed.empty() && claimed != device.device_id) {
    return absl::PermissionDeniedError(
        "this credential belongs to another device: a device sends only as itself");
  }
  return absl::OkStatus();
}

}  // namespace

std::string BearerToken(const grpc::ServerContextBase& context) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) return "";
  std::string value(it->second.data(), it->second.size());
  constexpr std::string_view kBearer = "Bearer ";
  // Anything else is handed on whole, to be refused as not a token.
  return value.starts_with(kBearer) ? value.substr(kBearer.size()) : value;
}

absl::StatusOr<auth::Caller> OfficerImpl::Admit(grpc::ServerContextBase* context,
                                                auth::Action action) {
  absl::StatusOr<auth::Caller> caller = accounts_.Authenticate(BearerToken(*context));
  if (!caller.ok()) return caller.status();
  if (!auth::Allows(caller->role, action)) {
    return absl::PermissionDeniedError(
        absl::StrCat("the ", std::string(auth::RoleName(caller->role)), " role may not ",
                     std::string(auth::ActionWords(action))));
  }
  context->AddInitialMetadata("carevoice-session-expires-at",
                              absl::StrCat(absl::ToUnixSeconds(caller->expires_at)));
  context->AddInitialMetadata("carevoice-session-ends-at",
                              absl::StrCat(absl::ToUnixSeconds(caller->ends_at)));
  return caller;
}

absl::StatusOr<store::Device> KioskSyncImpl::Admit(grpc::ServerContextBase* context,
                                                   const std::string& claimed) {
  absl::StatusOr<store::Device> device = devices_.Authenticate(BearerToken(*context));
  if (!device.ok()) return device.status();
  if (absl::Status s = SameDevice(*device, claimed); !s.ok()) return s;
  return device;
}

grpc::ServerUnaryReactor* KioskSyncImpl::SubmitBatch(grpc::CallbackServerContext* context,
                                                     const grpc::ByteBuffer* request,
                                                     grpc::ByteBuffer* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  workers_.Post([=, this] { reactor->Finish(SubmitBatchNow(*context, *request, response)); });
  return reactor;
}

grpc::ServerUnaryReactor* KioskSyncImpl::Quarantine(grpc::CallbackServerContext* context,
                                                    const grpc::ByteBuffer* request,
                                                    grpc::ByteBuffer* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  workers_.Post([=, this] { reactor->Finish(QuarantineNow(*context, *request, response)); });
  return reactor;
}

grpc::Status KioskSyncImpl::Enrol(grpc::ServerContext* /*context*/,
                                  const v1::EnrolRequest* request,
                                  v1::EnrolResponse* response) {
  return Answer(rpc::Enrol(devices_, sealing_, *request), response);
}

grpc::Status KioskSyncImpl::SubmitBatchNow(grpc::CallbackServerContext& context,
                                           const grpc::ByteBuffer& raw,
                                           grpc::ByteBuffer* raw_response) {
  // Who is asking before what they sent is read.
  auto device = Admit(&context, "");
  if (!device.ok()) return ToGrpcStatus(device.status());
  v1::SubmitBatchRequest request;
  if (absl::Status s = ParseRaw(raw, &request, "SubmitBatch"); !s.ok()) return ToGrpcStatus(s);
  // An empty device_id is the handler's to refuse (INVALID_ARGUMENT).
  if (absl::Status s = SameDevice(*device, request.device_id()); !s.ok()) {
    return ToGrpcStatus(s);
  }
  absl::Status whole_call;
  const std::shared_ptr<const v1::Catalog> catalog = catalog_.Get();
  v1::SubmitBatchResponse response = rpc::SubmitBatch(
      store_, clock_, pins_, request, &whole_call,
      limits_.ForBatch(request.device_id(), static_cast<std::int64_t>(raw.Length())), &sealing_,
      notifier_, catalog.get());
  if (whole_call.ok() && after_commit_ &&
      std::any_of(response.results().begin(), response.results().end(),
                  [](const v1::ItemResult& r) {
                    return r.outcome() == v1::ItemResult::OUTCOME_STORED;
                  })) {
    after_commit_();
  }
  if (!whole_call.ok()) return ToGrpcStatus(whole_call, context);
  // A rotation reaches the tablet at its next contact. Not having the key
  // to hand must not fail a batch that is already stored.
  if (absl::Status s = rpc::SetSealingKey(sealing_, response.mutable_sealing_key()); !s.ok()) {
    response.clear_sealing_key();
  }
  return SerializeRaw(response, raw_response);
}

grpc::Status KioskSyncImpl::GetCatalog(grpc::ServerContext* context,
                                       const v1::GetCatalogRequest* request,
                                       v1::GetCatalogResponse* response) {
  if (auto device = Admit(context, request->device_id()); !device.ok()) {
    return ToGrpcStatus(device.status());
  }
  *response = rpc::GetCatalog(catalog_, *request);
  if (absl::Status s = rpc::SetSealingKey(sealing_, response->mutable_sealing_key()); !s.ok()) {
    return ToGrpcStatus(s);
  }
  return grpc::Status::OK;
}

grpc::Status KioskSyncImpl::CheckReference(
    grpc::ServerContext* context, const v1::CheckReferenceRequest* request,
    v1::CheckReferenceResponse* response) {
  auto device = Admit(context, "");
  if (!device.ok()) return ToGrpcStatus(device.status());
  // Charged before the store is asked, whatever the answer will be.
  const std::string reference = contract::NormalizeReference(request->reference());
  if (absl::Status s = limits_.ChargeLookup(
          device->device_id, contract::IsValidReference(reference) ? reference : "");
      !s.ok()) {
    return ToGrpcStatus(s, *context);
  }
  return Answer(rpc::CheckReference(store_, pins_, *request), response);
}

grpc::Status KioskSyncImpl::QuarantineNow(grpc::CallbackServerContext& context,
                                          const grpc::ByteBuffer& raw,
                                          grpc::ByteBuffer* raw_response) {
  auto device = Admit(&context, "");
  if (!device.ok()) return ToGrpcStatus(device.status());
  v1::QuarantineRequest request;
  if (absl::Status s = ParseRaw(raw, &request, "Quarantine"); !s.ok()) return ToGrpcStatus(s);
  if (absl::Status s = SameDevice(*device, request.device_id()); !s.ok()) {
    return ToGrpcStatus(s);
  }
  if (absl::Status s = limits_.ChargeDeviceBytes(request.device_id(),
                                                static_cast<std::int64_t>(raw.Length()));
      !s.ok()) {
    return ToGrpcStatus(s, context);
  }
  if (absl::Status s = rpc::Quarantine(store_, clock_, request, &sealing_); !s.ok()) {
    return ToGrpcStatus(s);
  }
  return SerializeRaw(v1::QuarantineResponse(), raw_response);
}

grpc::Status KioskSyncImpl::CountTakingPart(grpc::ServerContext* context,
                                            const v1::CountTakingPartRequest* request,
                                            v1::CountTakingPartResponse* /*response*/) {
  auto device = Admit(context, request->device_id());
  if (!device.ok()) return ToGrpcStatus(device.status());
  if (absl::Status s = limits_.ChargeDeviceBytes(
          device->device_id, static_cast<std::int64_t>(request->ByteSizeLong()));
      !s.ok()) {
    return ToGrpcStatus(s, *context);
  }
  return ToGrpcStatus(rpc::CountTakingPart(store_, *request, &sealing_));
}

grpc::Status OfficerImpl::SignIn(grpc::ServerContext* context,
                                 const v1::SignInRequest* request,
                                 v1::SignInResponse* response) {
  absl::StatusOr<v1::SignInResponse> signed_in = rpc::SignIn(accounts_, *request);
  if (!signed_in.ok()) return ToGrpcStatus(signed_in.status(), *context);
  *response = *std::move(signed_in);
  return grpc::Status::OK;
}

grpc::Status OfficerImpl::SignOut(grpc::ServerContext* context,
                                  const v1::SignOutRequest* request,
                                  v1::SignOutResponse* /*response*/) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return ToGrpcStatus(accounts_.SignOut(BearerToken(*context), *caller));
}

grpc::Status OfficerImpl::ExtendSession(grpc::ServerContext* context,
                                        const v1::ExtendSessionRequest* request,
                                        v1::SessionInfo* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  *response = SessionInfoOf(*caller);
  return grpc::Status::OK;
}

grpc::Status OfficerImpl::CreateEnrolmentCode(grpc::ServerContext* context,
                                              const v1::CreateEnrolmentCodeRequest* request,
                                              v1::EnrolmentCode* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return Answer(rpc::CreateEnrolmentCode(devices_, *caller, *request), response);
}

grpc::Status OfficerImpl::ListDevices(grpc::ServerContext* context,
                                      const v1::ListDevicesRequest* request,
                                      v1::ListDevicesResponse* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return Answer(rpc::ListDevices(devices_, *caller), response);
}

grpc::Status OfficerImpl::RevokeDevice(grpc::ServerContext* context,
                                       const v1::RevokeDeviceRequest* request,
                                       v1::Device* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return Answer(rpc::RevokeDevice(devices_, *caller, *request), response);
}

grpc::Status OfficerImpl::CreateAccount(grpc::ServerContext* context,
                                        const v1::CreateAccountRequest* request,
                                        v1::Account* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return Answer(rpc::CreateAccount(accounts_, *caller, *request), response);
}

grpc::Status OfficerImpl::ListAccounts(grpc::ServerContext* context,
                                       const v1::ListAccountsRequest* request,
                                       v1::ListAccountsResponse* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return Answer(rpc::ListAccounts(accounts_, *caller), response);
}

grpc::Status OfficerImpl::UpdateAccount(grpc::ServerContext* context,
                                        const v1::UpdateAccountRequest* request,
                                        v1::Account* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return Answer(rpc::UpdateAccount(accounts_, *caller, *request), response);
}

grpc::Status OfficerImpl::ListSubmissions(grpc::ServerContext* context,
                                          const v1::ListSubmissionsRequest* request,
                                          v1::ListSubmissionsResponse* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return Answer(rpc::ListSubmissions(store_, clock_, *caller, *request), response);
}

grpc::Status OfficerImpl::ExportSubmissions(
    grpc::ServerContext* context, const v1::ExportSubmissionsRequest* request,
    grpc::ServerWriter<v1::SubmissionRecords>* writer) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  if (absl::Status s = limits_.ChargeExport(caller->name); !s.ok()) {
    return ToGrpcStatus(s, *context);
  }
  // Records go out in runs (SubmissionRecords), well under gRPC's 4 MB.
  // The audit counts records handed to a run, so a client that leaves
  // mid-run is audited as having had up to a run more than arrived.
  constexpr int kMostRecords = 500;
  constexpr std::size_t kMostBytes = 1 << 20;
  v1::SubmissionRecords run;
  std::size_t bytes = 0;
  auto send = [&] {
    if (run.records_size() == 0) return true;
    const bool sent = writer->Write(run);
    run.Clear();
    bytes = 0;
    return sent;
  };
  absl::Status exported = rpc::ExportSubmissions(
      store_, clock_, *caller, *request,
      [&](v1::SubmissionRecord&& r) {
        bytes += r.ByteSizeLong();
        run.mutable_records()->Add(std::move(r));
        return (run.records_size() < kMostRecords && bytes < kMostBytes) || send();
      },
      [context](std::int64_t total) {
        // Ahead of the first record: the officer's progress bar (the
        // console) knows how far there is to go.
        context->AddInitialMetadata(contract::kExportTotalMetadata, std::to_string(total));
      });
  if (exported.ok() && !send()) exported = absl::CancelledError("the client stopped reading");
  return ToGrpcStatus(exported);
}

grpc::Status OfficerImpl::Backup(grpc::ServerContext* context, const v1::BackupRequest* request,
                                 grpc::ServerWriter<v1::BackupChunk>* writer) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return ToGrpcStatus(rpc::Backup(store_, clock_, *caller, *request,
                                  [writer](const v1::BackupChunk& c) { return writer->Write(c); }));
}

grpc::Status OfficerImpl::Erase(grpc::ServerContext* context, const v1::EraseRequest* request,
                                v1::EraseResponse* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return Answer(rpc::Erase(store_, clock_, *caller, *request), response);
}

grpc::Status OfficerImpl::RotateSealingKey(grpc::ServerContext* context,
                                           const v1::RotateSealingKeyRequest* request,
                                           v1::SealingKey* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return Answer(rpc::RotateSealingKey(sealing_, *caller), response);
}

grpc::Status OfficerImpl::RunRetention(grpc::ServerContext* context,
                                       const v1::RunRetentionRequest* request,
                                       v1::RetentionReport* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return Answer(rpc::RunRetention(retention_, *caller, *request), response);
}

grpc::Status OfficerImpl::ListCases(grpc::ServerContext* context,
                                    const v1::ListCasesRequest* request,
                                    v1::ListCasesResponse* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return Answer(rpc::ListCases(cases_, *request), response);
}

grpc::Status OfficerImpl::MoveCase(grpc::ServerContext* context,
                                   const v1::MoveCaseRequest* request,
                                   v1::CaseRecord* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return Answer(rpc::MoveCase(cases_, *caller, *request), response);
}

grpc::Status OfficerImpl::GetCase(grpc::ServerContext* context, const v1::GetCaseRequest* request,
                                  v1::CaseDetail* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return Answer(rpc::GetCase(cases_, *caller, *request), response);
}

grpc::Status OfficerImpl::RecordComplaint(grpc::ServerContext* context,
                                          const v1::RecordComplaintRequest* request,
                                          v1::RecordComplaintResponse* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return Answer(
      rpc::RecordComplaint(store_, cases_, pins_, random_, clock_, *caller, *request, notifier_),
      response);
}

grpc::Status OfficerImpl::SubjectAccess(grpc::ServerContext* context,
                                        const v1::SubjectAccessRequest* request,
                                        grpc::ServerWriter<v1::SubmissionRecord>* writer) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return ToGrpcStatus(rpc::SubjectAccess(
      store_, clock_, *caller, *request,
      [writer](const v1::SubmissionRecord& r) { return writer->Write(r); }));
}

grpc::Status OfficerImpl::GetCatalog(grpc::ServerContext* context,
                                     const v1::GetCatalogRequest* request,
                                     v1::GetCatalogResponse* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  *response = rpc::GetCatalog(catalog_, *request);
  return grpc::Status::OK;
}

grpc::Status OfficerImpl::VerifyAudit(grpc::ServerContext* context,
                                      const v1::VerifyAuditRequest* request,
                                      v1::VerifyAuditResponse* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return Answer(rpc::VerifyAudit(store_, clock_, *caller, *request), response);
}

grpc::Status OfficerImpl::PublishCatalog(grpc::ServerContext* context,
                                         const v1::PublishCatalogRequest* request,
                                         v1::PublishCatalogResponse* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return Answer(rpc::PublishCatalog(catalog_, *caller, *request), response);
}

grpc::Status OfficerImpl::PublishConsultation(grpc::ServerContext* context,
                                              const v1::PublishConsultationRequest* request,
                                              v1::PublishConsultationResponse* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return Answer(rpc::PublishConsultation(catalog_, *caller, *request), response);
}

grpc::Status OfficerImpl::CloseConsultation(grpc::ServerContext* context,
                                            const v1::CloseConsultationRequest* request,
                                            v1::CloseConsultationResponse* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return Answer(rpc::CloseConsultation(catalog_, *caller, *request), response);
}

grpc::Status OfficerImpl::ConsultationResults(grpc::ServerContext* context,
                                              const v1::ConsultationResultsRequest* request,
                                              v1::ConsultationResultsResponse* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return Answer(rpc::ConsultationResults(store_, catalog_, clock_, *request), response);
}

grpc::Status OfficerImpl::PublishNotice(grpc::ServerContext* context,
                                        const v1::PublishNoticeRequest* request,
                                        v1::PublishNoticeResponse* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return Answer(rpc::PublishNotice(catalog_, *caller, *request), response);
}

grpc::Status OfficerImpl::PublishBallot(grpc::ServerContext* context,
                                        const v1::PublishBallotRequest* request,
                                        v1::PublishBallotResponse* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return Answer(rpc::PublishBallot(catalog_, *caller, *request), response);
}

grpc::Status OfficerImpl::IssueBallotCodes(grpc::ServerContext* context,
                                           const v1::IssueBallotCodesRequest* request,
                                           v1::IssueBallotCodesResponse* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return Answer(rpc::IssueBallotCodes(store_, catalog_, clock_, random_, *caller, *request),
                response);
}

grpc::Status OfficerImpl::ListBallots(grpc::ServerContext* context,
                                      const v1::ListBallotsRequest* request,
                                      v1::ListBallotsResponse* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return Answer(rpc::ListBallots(store_, catalog_, clock_), response);
}

grpc::Status OfficerImpl::CountBallot(grpc::ServerContext* context,
                                      const v1::CountBallotRequest* request,
                                      v1::CountBallotResponse* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return Answer(rpc::CountBallot(store_, catalog_, clock_, random_, *caller, *request), response);
}

grpc::Status OfficerImpl::ListConsultations(grpc::ServerContext* context,
                                            const v1::ListConsultationsRequest* request,
                                            v1::ListConsultationsResponse* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  *response = rpc::ListConsultations(catalog_, clock_);
  return grpc::Status::OK;
}

grpc::Status OfficerImpl::ListTakingPart(grpc::ServerContext* context,
                                         const v1::ListTakingPartRequest* request,
                                         v1::ListTakingPartResponse* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return Answer(rpc::ListTakingPart(store_, *request), response);
}

grpc::Status OfficerImpl::BuildReport(grpc::ServerContext* context,
                                      const v1::BuildReportRequest* request,
                                      v1::CommitteeReport* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return Answer(rpc::BuildReport(store_, catalog_, clock_, cases_, population_, *caller, *request),
                response);
}

grpc::Status OfficerImpl::ListQuarantine(grpc::ServerContext* context,
                                         const v1::ListQuarantineRequest* request,
                                         v1::ListQuarantineResponse* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return Answer(rpc::ListQuarantine(store_, clock_, *caller, *request), response);
}

grpc::Status OfficerImpl::ListAudit(grpc::ServerContext* context,
                                    const v1::ListAuditRequest* request,
                                    v1::ListAuditResponse* response) {
  auto caller = Admit(context, auth::ActionOf(*request));
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return Answer(rpc::ListAudit(store_, clock_, *caller, *request), response);
}

}  // namespace carevoice::service::rpc
