// The one canonical byte form of a protobuf message: deterministic
// serialization (map entries in key order), so equal messages give equal
// bytes. Used to store bodies, compare replays and version catalogs. Pure:
// any thread.
#pragma once

#include <string>

#include "google/protobuf/message_lite.h"

namespace carevoice::base {

std::string CanonicalBytes(const google::protobuf::MessageLite& message);

}  // namespace carevoice::base
