// The one mapping between absl::Status and grpc::Status. Both use the
// google.rpc.Code numbering, so codes carry over unchanged. Its own
// library (carevoice_base_grpc) so that code without gRPC need not link it.
// Pure: any thread.
#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "grpcpp/client_context.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/status.h"

namespace carevoice::base {

grpc::Status ToGrpcStatus(const absl::Status& status);
// As above; a wait the status carries (base::RetryAfter) is sent as the
// trailing metadata base::kRetryAfterMetadata.
grpc::Status ToGrpcStatus(const absl::Status& status, grpc::ServerContextBase& context);

// The same code; the message prefixed with "`context`: " when context is
// not empty.
absl::Status FromGrpcStatus(const grpc::Status& status,
                            std::string_view context = "");
// As above, with the wait the service sent in `call`'s trailing metadata
// (base::RetryAfter). Only after the call has finished.
absl::Status FromGrpcStatus(const grpc::Status& status, const grpc::ClientContext& call,
                            std::string_view context);

}  // namespace carevoice::base
