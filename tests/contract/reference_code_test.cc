// Reference codes: round trips, the check character's guarantees (tested
// exhaustively over a sample), normalization and display form.
#include "contract/reference_code.h"

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"

namespace carevoice::contract {
namespace {

// A spread of valid references: several device codes, counters from the
// low end, the high end and a stride through the middle.
std::vector<std::string> SampleReferences() {
  std::vector<std::string> out;
  for (const char* device : {"kiosk-001", "tablet-oakwood-1", "officer-7"}) {
    const std::string code = DeviceCodeFor(device);
    for (std::uint32_t n = 0; n < kMaxReferenceCounter; n += 997) {
      out.push_back(*MakeReference(code, n));
    }
    out.push_back(*MakeReference(code, kMaxReferenceCounter - 1));
  }
  return out;
}

TEST(ReferenceCodeTest, MatchesTheDocumentedLayout) {
  // Golden values pin the encoding: references already handed to people
  // must stay checkable, and new ones unique, after any refactor.
  EXPECT_EQ(MakeReference("KQ7", 0), "KQ76Y3AD");
  EXPECT_EQ(MakeReference("KQ7", 1), "KQ7EXEM7");
  EXPECT_EQ(MakeReference("KQ7", 12345), "KQ787FE6");
  EXPECT_EQ(MakeReference("KQ7", kMaxReferenceCounter - 1), "KQ7JQAAK");
  EXPECT_EQ(MakeReference("AAA", 0), "AAA6Y3AH");
  // References from before the counters were scrambled still check.
  EXPECT_TRUE(IsValidReference("KQ7AAAA7"));
  EXPECT_TRUE(IsValidReference("KQ7CAK3C"));
}

TEST(ReferenceCodeTest, CountersAreAPermutationOfTheirRange) {
  std::vector<bool> hit(kMaxReferenceCounter, false);
  for (std::uint32_t n = 0; n < kMaxReferenceCounter; ++n) {
    const std::uint32_t m = ScrambleCounter(n);
    ASSERT_LT(m, kMaxReferenceCounter) << n;
    ASSERT_FALSE(hit[m]) << n << " and an earlier counter both give " << m;
    hit[m] = true;
  }
}

TEST(ReferenceCodeTest, ConsecutiveReferencesSayNothingAboutUse) {
  // Nobody is handed "KQ7-AAAA": the first reference looks like any other,
  // and neighbours share about as much as random ones (3.83 of 4 counter
  // characters differ on average).
  const std::string code = DeviceCodeFor("kiosk-001");
  EXPECT_NE(MakeReference(code, 0)->substr(3, 4), "AAAA");
  int differing = 0, pairs = 0;
  for (std::uint32_t n = 0; n + 1 < 20000; ++n) {
    const std::string a = MakeReference(code, n)->substr(3, 4);
    const std::string b = MakeReference(code, n + 1)->substr(3, 4);
    for (int i = 0; i < 4; ++i) differing += a[i] != b[i];
    ++pairs;
  }
  EXPECT_GT(static_cast<double>(differing) / pairs, 3.5);
}

TEST(ReferenceCodeTest, RoundTripsThroughDisplayAndSpeech) {
  for (const std::string& ref : SampleReferences()) {
    ASSERT_EQ(ref.size(), kReferenceLength);
    EXPECT_TRUE(IsValidReference(ref)) << ref;
    const std::string shown = FormatReference(ref);
    EXPECT_EQ(shown.size(), kReferenceLength + 1);
    EXPECT_EQ(NormalizeReference(shown), ref);
  }
}

TEST(ReferenceCodeTest, CountersGiveDistinctReferences) {
  const std::string code = DeviceCodeFor("kiosk-001");
  std::set<std::string> seen;
  for (std::uint32_t n = 0; n < 5000; ++n) {
    const auto ref = MakeReference(code, n);
    ASSERT_TRUE(ref.has_value());
    EXPECT_EQ(ref->substr(0, kDeviceCodeLength), code);
    EXPECT_TRUE(seen.insert(*ref).second) << *ref;
  }
}

TEST(ReferenceCodeTest, RefusesBadDeviceCodesAndCounters) {
  EXPECT_EQ(MakeReference("KQ7", kMaxReferenceCounter), std::nullopt);
  EXPECT_EQ(MakeReference("KQ7", 0xFFFFFFFFu), std::nullopt);
  EXPECT_EQ(MakeReference("KQ", 0), std::nullopt);
  EXPECT_EQ(MakeReference("KQ7M", 0), std::nullopt);
  EXPECT_EQ(MakeReference("KQO", 0), std::nullopt);  // O: not in alphabet
  EXPECT_EQ(MakeReference("kq7", 0), std::nullopt);  // canonical is upper
  EXPECT_EQ(MakeReference("", 0), std::nullopt);
}

TEST(ReferenceCodeTest, CheckCatchesEverySingleSubstitution) {
  for (const std::string& ref : SampleReferences()) {
    for (std::size_t i = 0; i < ref.size(); ++i) {
      for (char c : kReferenceAlphabet) {
        if (c == ref[i]) continue;
        std::string typo = ref;
        typo[i] = c;
        EXPECT_FALSE(IsValidReference(typo)) << ref << " -> " << typo;
      }
    }
  }
}

TEST(ReferenceCodeTest, CheckCatchesEveryAdjacentTransposition) {
  int swaps = 0;
  for (const std::string& ref : SampleReferences()) {
    for (std::size_t i = 0; i + 1 < ref.size(); ++i) {
      if (ref[i] == ref[i + 1]) continue;  // the swap changes nothing
      std::string typo = ref;
      std::swap(typo[i], typo[i + 1]);
      EXPECT_FALSE(IsValidReference(typo)) << ref << " -> " << typo;
      ++swaps;
    }
  }
  EXPECT_GT(swaps, 1000);  // the sample really exercised the rule
}

TEST(ReferenceCodeTest, IsValidReferenceWantsCanonicalForm) {
  const std::string ref = *MakeReference("KQ7", 12345);
  EXPECT_TRUE(IsValidReference(ref));
  EXPECT_FALSE(IsValidReference(FormatReference(ref)));  // dash
  EXPECT_FALSE(IsValidReference("kq787fe6"));            // lower case
  EXPECT_FALSE(IsValidReference(ref.substr(0, 7)));      // too short
  EXPECT_FALSE(IsValidReference(ref + "A"));             // too long
  EXPECT_FALSE(IsValidReference(""));
  EXPECT_FALSE(IsValidReference("KQ7CAK30"));  // 0 is not in the alphabet
}

TEST(ReferenceCodeTest, NormalizeDropsSeparatorsAndUpperCases) {
  EXPECT_EQ(NormalizeReference("kq7c-ak3c"), "KQ7CAK3C");
  EXPECT_EQ(NormalizeReference("  KQ7C AK3C "), "KQ7CAK3C");
  EXPECT_EQ(NormalizeReference("kq7c.ak3c"), "KQ7CAK3C");
  EXPECT_EQ(NormalizeReference("K-Q-7-C\tA.K 3 C"), "KQ7CAK3C");
  EXPECT_TRUE(IsValidReference(NormalizeReference(" kq7c-ak3c ")));
  // Look-alikes outside the alphabet are kept, so the check then fails.
  EXPECT_EQ(NormalizeReference("o0-1l"), "O01L");
  EXPECT_FALSE(IsValidReference(NormalizeReference("KQ7O-AK3C")));
  EXPECT_EQ(NormalizeReference(""), "");
}

TEST(ReferenceCodeTest, FormatSplitsOnlyFullLengthCodes) {
  EXPECT_EQ(FormatReference("KQ7CAK3C"), "KQ7C-AK3C");
  EXPECT_EQ(FormatReference("KQ7CAK3"), "KQ7CAK3");
  EXPECT_EQ(FormatReference("KQ7CAK3CA"), "KQ7CAK3CA");
  EXPECT_EQ(FormatReference(""), "");
}

TEST(ReferenceCodeTest, DeviceCodeIsStableAndInAlphabet) {
  // FNV-1a 64 golden values: a device keeps its code across releases.
  EXPECT_EQ(DeviceCodeFor("kiosk-001"), "9P4");
  EXPECT_EQ(DeviceCodeFor("tablet-oakwood-1"), "769");
  EXPECT_EQ(DeviceCodeFor(""), "MKT");
  std::set<std::string> codes;
  for (int i = 0; i < 200; ++i) {
    const std::string code = DeviceCodeFor("kiosk-" + std::to_string(i));
    ASSERT_EQ(code.size(), kDeviceCodeLength);
    for (char c : code) {
      EXPECT_NE(kReferenceAlphabet.find(c), std::string_view::npos) << code;
    }
    EXPECT_EQ(DeviceCodeFor("kiosk-" + std::to_string(i)), code);
    codes.insert(code);
  }
  EXPECT_GT(codes.size(), 180u);  // 12,167 codes: few collisions in 200
}

}  // namespace
}  // namespace carevoice::contract
