// The gRPC transport. Each call gets its own deadline and fails fast when the
// service cannot be reached (no wait_for_ready), so the syncer decides when
// to try again, not the channel.
#include "client/model/transport.h"

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/grpc_tls.h"
#include "base/status_grpc.h"
#include "carevoice/v1/carevoice.grpc.pb.h"
#include "grpcpp/grpcpp.h"

namespace carevoice::client {
namespace {

// A fresh channel to `target`. The channel's own reconnect backoff grows
// to two minutes by default, and every call fails at once while it lasts,
// even after the service is back; the syncer already paces retries, so
// keep the channel's short. (Not GRPC_ARG_MIN_RECONNECT_BACKOFF_MS: despite
// its name it is the connect timeout, and a small one aborts handshakes
// with a busy service.) A local subchannel pool keeps a replacement channel
// from inheriting the old one's connection state.
std::shared_ptr<grpc::Channel> NewChannel(
    const std::string& target, const std::shared_ptr<grpc::ChannelCredentials>& credentials) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return grpc::CreateCustomChannel(target, credentials, args);
}

class GrpcTransport final : public Transport {
 public:
  GrpcTransport(std::string target, std::shared_ptr<grpc::ChannelCredentials> credentials)
      : target_(std::move(target)),
        credentials_(std::move(credentials)),
        stub_(v1::KioskSync::NewStub(NewChannel(target_, credentials_))) {}

  absl::StatusOr<v1::EnrolResponse> Enrol(const v1::EnrolRequest& request,
                                          absl::Duration timeout) override {
    return Call(&v1::KioskSync::Stub::Enrol, request, v1::EnrolResponse(), timeout, "Enrol");
  }

  void UseCredential(const std::string& credential) override {
    std::lock_guard lock(mu_);
    credential_ = credential;
  }

  absl::StatusOr<v1::SubmitBatchResponse> SubmitBatch(
      const v1::SubmitBatchRequest& request, absl::Duration timeout) override {
    return Call(&v1::KioskSync::Stub::SubmitBatch, request,
                v1::SubmitBatchResponse(), timeout, "SubmitBatch");
  }

  absl::StatusOr<v1::GetCatalogResponse> GetCatalog(
      const v1::GetCatalogRequest& request, absl::Duration timeout) override {
    return Call(&v1::KioskSync::Stub::GetCatalog, request,
                v1::GetCatalogResponse(), timeout, "GetCatalog");
  }

  absl::Status Quarantine(const v1::QuarantineRequest& request,
                          absl::Duration timeout) override {
    return Call(&v1::KioskSync::Stub::Quarantine, request, v1::QuarantineResponse(), timeout,
                "Quarantine")
        .status();
  }

  absl::Status CountTakingPart(const v1::CountTakingPartRequest& request,
                               absl::Duration timeout) override {
    return Call(&v1::KioskSync::Stub::CountTakingPart, request, v1::CountTakingPartResponse(),
                timeout, "CountTakingPart")
        .status();
  }

  absl::StatusOr<v1::CheckReferenceResponse> CheckReference(
      const v1::CheckReferenceRequest& request, absl::Duration timeout) override {
    return Call(&v1::KioskSync::Stub::CheckReference, request, v1::CheckReferenceResponse(),
                timeout, "CheckReference");
  }

 private:
  template <typename Request, typename Response>
  absl::StatusOr<Response> Call(
      grpc::Status (v1::KioskSync::Stub::*method)(grpc::ClientContext*,
                                                 const Request&, Response*),
      const Request& request, Response response, absl::Duration timeout,
      const char* name) {
    std::shared_ptr<v1::KioskSync::Stub> stub;
    std::string credential;
    {
      std::lock_guard lock(mu_);
      stub = stub_;
      credential = credential_;
    }
    grpc::ClientContext context;
    if (!credential.empty()) context.AddMetadata("authorization", "Bearer " + credential);
    context.set_deadline(std::chrono::system_clock::now() +
                         absl::ToChronoNanoseconds(timeout));
    context.set_wait_for_ready(false);  // unreachable: fail now, not later
    grpc::Status status = ((*stub).*method)(&context, request, &response);
    if (status.ok()) return response;
    if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
      // gRPC 1.51's pick_first can leave a channel whose service went away
      // failing every call for seconds after the service is back. A new
      // channel connects on the next call; connecting is cheap next to the
      // syncer's backoff.
      std::lock_guard lock(mu_);
      if (stub_ == stub) stub_ = v1::KioskSync::NewStub(NewChannel(target_, credentials_));
    }
    return base::FromGrpcStatus(status, context, name);
  }

  const std::string target_;
  const std::shared_ptr<grpc::ChannelCredentials> credentials_;
  std::mutex mu_;
  std::shared_ptr<v1::KioskSync::Stub> stub_;  // replaced after UNAVAILABLE
  std::string credential_;                      // guarded by mu_
};

}  // namespace

absl::StatusOr<std::unique_ptr<Transport>> MakeGrpcTransport(const std::string& target,
                                                             const std::string& tls_ca_path) {
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      base::ChannelCredentialsFrom(tls_ca_path);
  if (!credentials.ok()) return credentials.status();
  return std::make_unique<GrpcTransport>(target, *std::move(credentials));
}

}  // namespace carevoice::client
