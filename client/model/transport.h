// How the kiosk reaches the service. GrpcTransport talks to a real service;
// tests use a fake. Implementations are safe to call from the syncer
// thread; each call blocks for at most `timeout`.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "carevoice/v1/carevoice.pb.h"

namespace carevoice::client {

class Transport {
 public:
  virtual ~Transport() = default;
  // Exchanges a one-time enrolment code for this device's credential.
  virtual absl::StatusOr<v1::EnrolResponse> Enrol(const v1::EnrolRequest& request,
                                                  absl::Duration timeout) = 0;
  // The credential every later call carries ("" for none).
  virtual void UseCredential(const std::string& credential) = 0;
  virtual absl::StatusOr<v1::SubmitBatchResponse> SubmitBatch(
      const v1::SubmitBatchRequest& request, absl::Duration timeout) = 0;
  virtual absl::StatusOr<v1::GetCatalogResponse> GetCatalog(
      const v1::GetCatalogRequest& request, absl::Duration timeout) = 0;
  // Hands items the device cannot deliver to the service's quarantine.
  virtual absl::Status Quarantine(const v1::QuarantineRequest& request,
                                  absl::Duration timeout) = 0;
  // Counted visits (how people took part, who they are if they said).
  virtual absl::Status CountTakingPart(const v1::CountTakingPartRequest& request,
                                       absl::Duration timeout) = 0;
  // "Check on something I told you": where a reference has got to.
  virtual absl::StatusOr<v1::CheckReferenceResponse> CheckReference(
      const v1::CheckReferenceRequest& request, absl::Duration timeout) = 0;
};

// A transport over a gRPC channel to `target` ("127.0.0.1:7000"): TLS,
// checking the service's certificate against the CA in `tls_ca_path`, or
// plaintext when that is empty. Fails when the CA file cannot be read.
// Calls fail fast (UNAVAILABLE) while the service is unreachable; after such
// a failure the next call uses a fresh channel, so a restarted service is
// reached at once rather than after gRPC's own reconnect backoff.
absl::StatusOr<std::unique_ptr<Transport>> MakeGrpcTransport(const std::string& target,
                                                             const std::string& tls_ca_path);

}  // namespace carevoice::client
