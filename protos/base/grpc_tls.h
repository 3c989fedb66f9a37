// Transport security for every CareVoice process: the service's server
// credentials from a certificate and key, and a client's channel
// credentials from the CA that signed the service's certificate. With no
// files given, both are plaintext (loopback only: the service refuses
// anything else without an explicit, loudly named flag).
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"

namespace carevoice::base {

// PEM files: the service's certificate chain and private key. Both or
// neither; unreadable or empty files are refused, naming the file.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFrom(
    const std::string& cert_path, const std::string& key_path);

// The CA (PEM) to check the service's certificate against; empty: plaintext.
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ChannelCredentialsFrom(
    const std::string& ca_path);

}  // namespace carevoice::base
