// The PIN key: kept in a file of its own (never in the database), and the
// keyed hashes and matching that CheckReference relies on.
#include "service/auth/pins.h"

#include <sys/stat.h>

#include <filesystem>

#include "gtest/gtest.h"
#include "tests/service/testing.h"

namespace carevoice::service::auth {
namespace {

using testing::TempDir;

TEST(PinKeyTest, IsMadeOnceAsA0600FileAndReadBackTheSame) {
  TempDir dir;
  const std::string path = dir.File("service.db.pin-key");
  auto made = PinKey::LoadOrCreate(path);
  ASSERT_TRUE(made.ok()) << made.status();
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const std::string text = testing::ReadFile(path);
  EXPECT_EQ(text.size(), 65u) << "64 hex digits and a newline";

  auto again = PinKey::LoadOrCreate(path);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(made->Hash("KQ7M3RX9", "4729"), again->Hash("KQ7M3RX9", "4729"));
  EXPECT_EQ(testing::ReadFile(path), text) << "an existing key is never replaced";
}

TEST(PinKeyTest, RefusesAKeyOthersCanReadOrAFileThatHoldsNoKey) {
  TempDir dir;
  const std::string open = dir.File("open.pin-key");
  ASSERT_TRUE(PinKey::LoadOrCreate(open).ok());
  ::chmod(open.c_str(), 0644);
  auto refused = PinKey::LoadOrCreate(open);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("chmod 600"), std::string::npos)
      << refused.status();

  const std::string junk = dir.File("junk.pin-key");
  testing::WriteFile(junk, "not a key\n");
  ::chmod(junk.c_str(), 0600);
  refused = PinKey::LoadOrCreate(junk);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("64 hex digits"), std::string::npos)
      << refused.status();

  auto nowhere = PinKey::LoadOrCreate(dir.File("no/such/dir/key"));
  EXPECT_EQ(nowhere.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(PinKeyTest, HashesDependOnKeyReferenceAndPin) {
  const PinKey a = PinKey::Random();
  const PinKey b = PinKey::Random();
  const std::string h = a.Hash("KQ7M3RX9", "4729");
  EXPECT_EQ(h.size(), PinKey::kHashBytes);
  EXPECT_EQ(h, a.Hash("KQ7M3RX9", "4729"));
  EXPECT_NE(h, b.Hash("KQ7M3RX9", "4729"));
  EXPECT_NE(h, a.Hash("KQ7M3RX9", "4728"));
  EXPECT_NE(h, a.Hash("KQ7M3RX3", "4729"));
  EXPECT_EQ(h.find("4729"), std::string::npos);
}

TEST(PinKeyTest, MatchFindsTheRightCandidateAndDoesTheSameWorkForNone) {
  const PinKey key = PinKey::Random();
  const std::vector<std::string> stored = {key.Hash("KQ7M3RX9", "1111"), "",
                                           key.Hash("KQ7M3RX9", "2222")};
  EXPECT_EQ(key.Match("KQ7M3RX9", "2222", stored), 2u);
  EXPECT_EQ(key.Match("KQ7M3RX9", "1111", stored), 0u);
  EXPECT_FALSE(key.Match("KQ7M3RX9", "3333", stored).has_value());
  EXPECT_FALSE(key.Match("KQ7M3RX9", "", stored).has_value());
  const std::int64_t before = key.hashes_computed();
  EXPECT_FALSE(key.Match("KQ7M3RX9", "1111", {}).has_value());
  EXPECT_EQ(key.hashes_computed() - before, 1);
}

}  // namespace
}  // namespace carevoice::service::auth
