// Canonical bytes: equal messages give equal bytes whatever order their map
// entries were added in, and the bytes parse back to the same message.
#include "base/canonical.h"

#include <string>

#include "google/protobuf/struct.pb.h"
#include "gtest/gtest.h"

namespace carevoice::base {
namespace {

google::protobuf::Struct WithKeys(std::initializer_list<const char*> keys) {
  google::protobuf::Struct s;
  for (const char* key : keys) {
    (*s.mutable_fields())[key].set_string_value(std::string("v-") + key);
  }
  return s;
}

TEST(CanonicalBytesTest, MapOrderDoesNotChangeTheBytes) {
  const std::string forward = CanonicalBytes(WithKeys({"a", "m", "z", "q"}));
  const std::string backward = CanonicalBytes(WithKeys({"q", "z", "m", "a"}));
  EXPECT_EQ(forward, backward);
  // Entries are written in key order.
  EXPECT_LT(forward.find("v-a"), forward.find("v-m"));
  EXPECT_LT(forward.find("v-m"), forward.find("v-q"));
  EXPECT_LT(forward.find("v-q"), forward.find("v-z"));
}

TEST(CanonicalBytesTest, ParsesBackAndDiffersWhenContentDiffers) {
  const google::protobuf::Struct s = WithKeys({"en-GB", "cy"});
  google::protobuf::Struct parsed;
  ASSERT_TRUE(parsed.ParseFromString(CanonicalBytes(s)));
  EXPECT_EQ(parsed.fields().at("cy").string_value(), "v-cy");
  EXPECT_NE(CanonicalBytes(s), CanonicalBytes(WithKeys({"en-GB", "pl"})));
  EXPECT_EQ(CanonicalBytes(google::protobuf::Struct()), "");
}

}  // namespace
}  // namespace carevoice::base
