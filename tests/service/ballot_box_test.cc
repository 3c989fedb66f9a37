// The secret ballot in the SQLite store, on real files: a code casts once,
// a device's retry is known, and nothing in the database's bytes joins a
// paper to the code that cast it. The test reads the files as an admin
// with a copy of the database would, and finds them the same byte for byte
// whichever paper went with which code.
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "service/ballots/papers.h"
#include "service/store/store.h"
#include "tests/service/testing.h"

namespace carevoice::service::store {
namespace {

using testing::TempDir;

const absl::Time kT0 = absl::FromUnixSeconds(1'790'000'000);
constexpr char kBallot[] = "forum_reps_2027";
const std::vector<std::string> kCodes = {"ACDEFHJK", "MNPQRTWX", "Y3467898", "KQ7M3RX9"};

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Where two byte strings first differ, to say so when they do.
std::string FirstDifference(const std::string& a, const std::string& b) {
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  return "sizes " + std::to_string(a.size()) + " and " + std::to_string(b.size()) +
         ", first difference at byte " + std::to_string(i);
}

std::string Hash(const std::string& code) { return ballots::CodeHash(kBallot, code); }
std::string Cast(int n) { return ballots::CastHash("submission-id-" + std::to_string(n)); }

std::unique_ptr<Store> OpenWithCodes(const std::string& path) {
  auto store = OpenSqliteStore(path);
  EXPECT_TRUE(store.ok()) << store.status();
  if (!store.ok()) return nullptr;
  std::vector<std::string> hashes;
  for (const std::string& code : kCodes) hashes.push_back(Hash(code));
  auto issued = (*store)->AddBallotCodes(kBallot, hashes, {kT0, "officer.test", "ballot_codes", 0});
  EXPECT_TRUE(issued.ok()) << issued.status();
  EXPECT_EQ(issued.value_or(0), 4);
  return std::move(*store);
}

// The database's bytes after casting `papers[i]` with kCodes[i], one after
// another: while the store is open (main file and write-ahead log), and
// once it has closed. The schema's migrations record the second they ran
// (schema_version.applied_at), so two files compare alike only when made
// in the same second: `migrated` is that second, or -1 if opening spanned two.
struct Bytes {
  std::string open, closed;
  std::int64_t migrated = -1;
};

Bytes CastAll(const std::vector<std::string>& papers) {
  TempDir dir;
  const std::string path = dir.File("service.db");
  Bytes bytes;
  {
    const std::int64_t before = absl::ToUnixSeconds(absl::Now());
    std::unique_ptr<Store> store = OpenWithCodes(path);
    if (absl::ToUnixSeconds(absl::Now()) == before) bytes.migrated = before;
    for (std::size_t i = 0; i < papers.size(); ++i) {
      auto cast = store->CastVote(kBallot, Hash(kCodes[i]), Cast(static_cast<int>(i)), papers[i]);
      EXPECT_TRUE(cast.ok()) << cast.status();
      EXPECT_EQ(cast.value_or(CastOutcome::kUnknownCode), CastOutcome::kCast);
    }
    bytes.open = Read(path) + "|wal|" + Read(path + "-wal");
  }
  bytes.closed = Read(path) + "|wal|" + Read(path + "-wal");
  return bytes;
}

TEST(BallotBox, NoByteOfTheDatabaseJoinsAPaperToItsCode) {
  // The same four codes cast the same four papers, in the same order of
  // codes; only which paper went with which code differs.
  Bytes a, b;
  for (int attempt = 0; attempt < 10 && (a.migrated < 0 || a.migrated != b.migrated); ++attempt) {
    a = CastAll({"amara,dewi", "grace", "tomasz,grace,amara", "dewi,amara"});
    b = CastAll({"tomasz,grace,amara", "dewi,amara", "amara,dewi", "grace"});
  }
  ASSERT_EQ(a.migrated, b.migrated) << "the two files were never made in the same second";
  EXPECT_TRUE(a.open == b.open) << "open: " << FirstDifference(a.open, b.open);
  EXPECT_TRUE(a.closed == b.closed) << "closed: " << FirstDifference(a.closed, b.closed);

  // What the comparison can see: the papers themselves are in the bytes
  // (a different vote makes a different file), the codes are not.
  const Bytes c = CastAll({"amara,dewi", "grace", "tomasz,grace,amara", "dewi"});
  EXPECT_FALSE(a.closed == c.closed);
  EXPECT_NE(a.closed.find("tomasz,grace,amara"), std::string::npos);
  for (const std::string& code : kCodes) {
    EXPECT_EQ(a.open.find(code), std::string::npos) << code;
    EXPECT_EQ(a.closed.find(code), std::string::npos) << code;
  }
}

TEST(BallotBox, EachCodeCastsOnceAndARetryIsKnown) {
  TempDir dir;
  std::unique_ptr<Store> store = OpenWithCodes(dir.File("service.db"));
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(*store->CastVote(kBallot, Hash(kCodes[0]), Cast(1), "grace"), CastOutcome::kCast);
  // The same cast again (its answer was lost on the way): taken already.
  EXPECT_EQ(*store->CastVote(kBallot, Hash(kCodes[0]), Cast(1), "grace"),
            CastOutcome::kAlreadyCast);
  // The same code from another cast: refused, whatever it marks.
  EXPECT_EQ(*store->CastVote(kBallot, Hash(kCodes[0]), Cast(2), "amara"), CastOutcome::kCodeUsed);
  // A code this ballot never had, or another ballot's.
  EXPECT_EQ(*store->CastVote(kBallot, Hash("ACDEFHJM"), Cast(3), "amara"),
            CastOutcome::kUnknownCode);
  EXPECT_EQ(*store->CastVote("another_ballot", Hash(kCodes[1]), Cast(4), "amara"),
            CastOutcome::kUnknownCode);
  EXPECT_EQ(*store->CastVote(kBallot, Hash(kCodes[1]), Cast(5), "amara,dewi"), CastOutcome::kCast);

  auto box = store->FindBallotBox(kBallot);
  ASSERT_TRUE(box.ok()) << box.status();
  EXPECT_EQ(box->codes.size(), 4u);
  EXPECT_EQ(box->used.size(), 2u);
  // Sorted, as counted: one paper per cast, none for the refusals.
  EXPECT_EQ(box->papers, (std::vector<std::string>{"amara,dewi", "grace"}));

  // Issuing a code the ballot has already adds nothing.
  auto again = store->AddBallotCodes(kBallot, std::vector<std::string>{Hash(kCodes[2])},
                                     {kT0, "officer.test", "ballot_codes", 0});
  EXPECT_EQ(again.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(store->FindBallotBox(kBallot)->codes.size(), 4u);
}

TEST(BallotBox, CodesAreOfTheReferenceAlphabetAndEveryOneDiffers) {
  base::FakeRandom fixed({7, 7, 7});  // a stuck generator repeats itself...
  std::vector<std::string> same = ballots::NewCodes(fixed, 2);
  EXPECT_EQ(same[0], same[1]);  // ...which is why the service checks codes are unique
  std::vector<std::string> codes = ballots::NewCodes(base::SystemRandom::Get(), 500);
  std::sort(codes.begin(), codes.end());
  EXPECT_EQ(std::adjacent_find(codes.begin(), codes.end()), codes.end());
  for (const std::string& code : codes) {
    EXPECT_EQ(code.size(), 8u);
    EXPECT_EQ(code.find_first_not_of("ACDEFHJKMNPQRTWXY346789"), std::string::npos) << code;
  }
}

}  // namespace
}  // namespace carevoice::service::store
