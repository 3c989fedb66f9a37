#include "base/status_grpc.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/retry_after.h"

namespace carevoice::base {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      std::string(status.message()));
}

grpc::Status ToGrpcStatus(const absl::Status& status, grpc::ServerContextBase& context) {
  if (std::optional<absl::Duration> wait = RetryAfter(status)) {
    context.AddTrailingMetadata(kRetryAfterMetadata,
                                std::to_string(absl::ToInt64Milliseconds(*wait)));
  }
  return ToGrpcStatus(status);
}

absl::Status FromGrpcStatus(const grpc::Status& status, const grpc::ClientContext& call,
                            std::string_view context) {
  absl::Status out = FromGrpcStatus(status, context);
  if (out.ok()) return out;
  const auto& trailers = call.GetServerTrailingMetadata();
  auto it = trailers.find(kRetryAfterMetadata);
  std::int64_t ms = 0;
  if (it != trailers.end() &&
      absl::SimpleAtoi(std::string(it->second.data(), it->second.size()), &ms) && ms >= 0) {
    out = WithRetryAfter(std::move(out), absl::Milliseconds(ms));
  }
  return out;
}

absl::Status FromGrpcStatus(const grpc::Status& status,
                            std::string_view context) {
  if (status.ok()) return absl::OkStatus();
  const auto code = static_cast<absl::StatusCode>(status.error_code());
  if (context.empty()) return absl::Status(code, status.error_message());
  return absl::Status(code, absl::StrCat(absl::string_view(context.data(), context.size()), ": ",
                                         status.error_message()));
}

}  // namespace carevoice::base
