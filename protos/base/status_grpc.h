// The one mapping between absl::Status and grpc::Status. Both use the
// google.rpc.Code numbering, so codes carry over unchanged. Its own
// library (carevoice_base_grpc) so that code without gRPC need not link it.
// Pure: any thread.
#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace carevoice::base {

grpc::Status ToGrpcStatus(const absl::Status& status);

// The same code; the message prefixed with "`context`: " when context is
// not empty.
absl::Status FromGrpcStatus(const grpc::Status& status,
                            std::string_view context = "");

}  // namespace carevoice::base
