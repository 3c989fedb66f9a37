// Where a JSON file fails to fit a message type, named as a field path in
// proto field names ("questions[2].colour", "opens_at"), so an officer is
// told which line of their file to fix. The protobuf JSON parser stays the
// judge of what parses; this only says where, and never quotes a value.
#pragma once

#include <optional>
#include <string>

#include <google/protobuf/descriptor.h>

#include "contract/validation.h"

namespace carevoice::service::catalog {

// The first place where `json` (text) does not fit `type`: a field no
// such message has (contract::kErrUnknownField), a value of the wrong JSON
// type or an unparsable time (kErrBadFormat), an enum name the type does
// not have (kErrUnknownValue). The path is "" for the whole text (not JSON,
// or not an object). nullopt when nothing is found.
std::optional<contract::FieldError> JsonMismatch(const std::string& json,
                                                 const google::protobuf::Descriptor& type);

}  // namespace carevoice::service::catalog
