#include "service/rpc/services.h"

#include <algorithm>

#include "base/status_grpc.h"
#include "service/rpc/handlers.h"

namespace carevoice::service::rpc {
namespace {

using base::ToGrpcStatus;

}  // namespace

grpc::Status KioskSyncImpl::SubmitBatch(grpc::ServerContext* /*context*/,
                                        const v1::SubmitBatchRequest* request,
                                        v1::SubmitBatchResponse* response) {
  absl::Status whole_call;
  *response = rpc::SubmitBatch(store_, clock_, *request, &whole_call);
  if (whole_call.ok() && after_commit_ &&
      std::any_of(response->results().begin(), response->results().end(),
                  [](const v1::ItemResult& r) {
                    return r.outcome() == v1::ItemResult::OUTCOME_STORED;
                  })) {
    after_commit_();
  }
  return ToGrpcStatus(whole_call);
}

grpc::Status KioskSyncImpl::GetCatalog(grpc::ServerContext* /*context*/,
                                       const v1::GetCatalogRequest* request,
                                       v1::GetCatalogResponse* response) {
  *response = rpc::GetCatalog(catalog_, *request);
  return grpc::Status::OK;
}

grpc::Status KioskSyncImpl::CheckReference(
    grpc::ServerContext* /*context*/, const v1::CheckReferenceRequest* request,
    v1::CheckReferenceResponse* response) {
  auto result = rpc::CheckReference(store_, *request);
  if (!result.ok()) return ToGrpcStatus(result.status());
  *response = std::move(*result);
  return grpc::Status::OK;
}

grpc::Status OfficerImpl::ListSubmissions(
    grpc::ServerContext* /*context*/, const v1::ListSubmissionsRequest* request,
    v1::ListSubmissionsResponse* response) {
  auto result = rpc::ListSubmissions(store_, clock_, *request);
  if (!result.ok()) return ToGrpcStatus(result.status());
  *response = std::move(*result);
  return grpc::Status::OK;
}

grpc::Status OfficerImpl::ExportSubmissions(
    grpc::ServerContext* /*context*/, const v1::ExportSubmissionsRequest* request,
    grpc::ServerWriter<v1::SubmissionRecord>* writer) {
  return ToGrpcStatus(rpc::ExportSubmissions(
      store_, clock_, *request,
      [writer](const v1::SubmissionRecord& r) { return writer->Write(r); }));
}

grpc::Status OfficerImpl::GetCatalog(grpc::ServerContext* /*context*/,
                                     const v1::GetCatalogRequest* request,
                                     v1::GetCatalogResponse* response) {
  *response = rpc::GetCatalog(catalog_, *request);
  return grpc::Status::OK;
}

grpc::Status OfficerImpl::VerifyAudit(grpc::ServerContext* /*context*/,
                                      const v1::VerifyAuditRequest* request,
                                      v1::VerifyAuditResponse* response) {
  auto result = rpc::VerifyAudit(store_, clock_, *request);
  if (!result.ok()) return ToGrpcStatus(result.status());
  *response = std::move(*result);
  return grpc::Status::OK;
}

grpc::Status OfficerImpl::ListAudit(grpc::ServerContext* /*context*/,
                                    const v1::ListAuditRequest* request,
                                    v1::ListAuditResponse* response) {
  auto result = rpc::ListAudit(store_, clock_, *request);
  if (!result.ok()) return ToGrpcStatus(result.status());
  *response = std::move(*result);
  return grpc::Status::OK;
}

}  // namespace carevoice::service::rpc
