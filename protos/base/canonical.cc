#include "base/canonical.h"

#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace carevoice::base {

std::string CanonicalBytes(const google::protobuf::MessageLite& message) {
  std::string bytes;
  {
    // Scoped: the coded stream flushes into `bytes` when destroyed.
    google::protobuf::io::StringOutputStream raw(&bytes);
    google::protobuf::io::CodedOutputStream coded(&raw);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }
  return bytes;
}

}  // namespace carevoice::base
