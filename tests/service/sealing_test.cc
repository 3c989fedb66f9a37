// Sealed submissions from care-home tablets, through the KioskSync and
// Officer services on a real SQLite store: the key a tablet is given, items
// opened and stored by the same rules as plain ones, replays, items that
// cannot be opened kept in the quarantine, and a key rotation with items
// sealed to the old key still waiting.
#include <sodium.h>

#include <string>

#include "gtest/gtest.h"
#include "service/auth/sealing.h"
#include "tests/service/test_server.h"
#include "tests/service/testing.h"

namespace carevoice::service {
namespace {

using testing::Feedback;

constexpr char kTablet[] = "tablet-test-1";

std::string SealTo(const v1::SealingKey& key, const std::string& plain) {
  EXPECT_EQ(key.public_key().size(), crypto_box_PUBLICKEYBYTES);
  std::string sealed(plain.size() + crypto_box_SEALBYTES, '\0');
  EXPECT_EQ(crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()),
                            reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                            reinterpret_cast<const unsigned char*>(key.public_key().data())),
            0);
  return sealed;
}

v1::SealedSubmission Sealed(const v1::SealingKey& key, const v1::Submission& s) {
  v1::SealedSubmission out;
  out.set_submission_id(s.submission_id());
  out.set_key_id(key.key_id());
  out.set_sealed(SealTo(key, s.SerializeAsString()));
  return out;
}

class SealingTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_GE(sodium_init(), 0); }

  // The key the tablet is told to seal to (with every catalog answer).
  v1::SealingKey CurrentKey() {
    v1::GetCatalogRequest request;
    request.set_device_id(kTablet);
    v1::GetCatalogResponse response;
    grpc::ClientContext context;
    server_.AsDevice(kTablet, &context);
    grpc::Status status = server_.kiosk().GetCatalog(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.sealing_key();
  }

  v1::SubmitBatchResponse Send(const std::vector<v1::SealedSubmission>& items,
                               grpc::Status* status) {
    v1::SubmitBatchRequest request;
    request.set_device_id(kTablet);
    for (const auto& item : items) *request.add_sealed() = item;
    v1::SubmitBatchResponse response;
    grpc::ClientContext context;
    server_.AsDevice(kTablet, &context);
    *status = server_.kiosk().SubmitBatch(&context, request, &response);
    return response;
  }

  // Every stored submission, whole, by id.
  std::map<std::string, v1::Submission> Stored() {
    std::map<std::string, v1::Submission> out;
    auto n = server_.store().ForEachSubmission([&](const v1::SubmissionRecord& r) {
      out[r.submission_id()] = r.submission();
      return true;
    });
    EXPECT_TRUE(n.ok()) << n.status();
    return out;
  }

  std::vector<store::QuarantineRow> Quarantined() {
    std::vector<store::QuarantineRow> out;
    EXPECT_TRUE(server_.store()
                    .ForEachQuarantined([&](const store::QuarantineRow& q) {
                      out.push_back(q);
                      return true;
                    })
                    .ok());
    return out;
  }

  testing::TestServer server_;
};

TEST_F(SealingTest, ATabletIsGivenTheServiceKeyAndItsSealedWordsAreStoredReadable) {
  const v1::SealingKey key = CurrentKey();
  EXPECT_EQ(key.key_id(), auth::SealingKeyId(key.public_key()));
  EXPECT_EQ(CurrentKey().key_id(), key.key_id()) << "the same key until it is rotated";

  v1::Submission said = Feedback(1, server_.clock().Now(), "The night staff shout at me");
  said.set_pin("4821");
  grpc::Status status;
  v1::SubmitBatchResponse first = Send({Sealed(key, said)}, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(first.results_size(), 1);
  EXPECT_EQ(first.results(0).outcome(), v1::ItemResult::OUTCOME_STORED);
  EXPECT_EQ(first.sealing_key().key_id(), key.key_id()) << "every answer carries the key";

  auto stored = Stored();
  ASSERT_EQ(stored.count(said.submission_id()), 1u);
  EXPECT_EQ(stored[said.submission_id()].feedback().text(), "The night staff shout at me");
  EXPECT_EQ(stored[said.submission_id()].pin(), "") << "the PIN is kept as a hash only";

  // Sealed again (a seal is never the same twice): still a replay.
  v1::SubmitBatchResponse again = Send({Sealed(key, said)}, &status);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(again.results(0).outcome(), v1::ItemResult::OUTCOME_ALREADY_STORED);
  EXPECT_EQ(Stored().size(), 1u);
}

TEST_F(SealingTest, WhatCannotBeOpenedIsKeptInTheQuarantineNotDropped) {
  const v1::SealingKey key = CurrentKey();
  v1::SealingKey stranger = key;  // a key this service never made
  unsigned char pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES];
  crypto_box_keypair(pk, sk);
  stranger.set_public_key(std::string(reinterpret_cast<char*>(pk), sizeof pk));
  stranger.set_key_id(auth::SealingKeyId(stranger.public_key()));

  const v1::Submission a = Feedback(1, server_.clock().Now(), "sealed to a stranger");
  const v1::Submission b = Feedback(2, server_.clock().Now(), "damaged on the way");
  const v1::Submission c = Feedback(3, server_.clock().Now(), "another id inside");
  v1::SealedSubmission damaged = Sealed(key, b);
  damaged.mutable_sealed()->at(40) ^= 0x5a;
  v1::SealedSubmission swapped = Sealed(key, c);
  swapped.set_submission_id(a.submission_id() + "x");
  const v1::Submission good = Feedback(4, server_.clock().Now(), "this one is fine");

  grpc::Status status;
  v1::SubmitBatchResponse response =
      Send({Sealed(stranger, a), damaged, swapped, Sealed(key, good)}, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(response.results_size(), 4);
  for (int i = 0; i < 3; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(response.results(i).outcome(), v1::ItemResult::OUTCOME_REJECTED);
    EXPECT_EQ(response.results(i).code(), 15);
    EXPECT_EQ(response.results(i).message_key(), "error.quarantined");
  }
  EXPECT_EQ(response.results(3).outcome(), v1::ItemResult::OUTCOME_STORED);
  EXPECT_EQ(Stored().size(), 1u);

  auto kept = Quarantined();
  ASSERT_EQ(kept.size(), 3u);
  std::map<std::string, store::QuarantineRow> by_id;
  for (const auto& q : kept) by_id[q.submission_id] = q;
  EXPECT_NE(by_id[a.submission_id()].reason.find("no sealing key"), std::string::npos)
      << by_id[a.submission_id()].reason;
  EXPECT_NE(by_id[b.submission_id()].reason.find("do not open"), std::string::npos);
  EXPECT_NE(by_id[a.submission_id() + "x"].reason.find("id inside"), std::string::npos);
  EXPECT_EQ(by_id[b.submission_id()].raw, damaged.sealed()) << "kept as it came";
}

TEST_F(SealingTest, ARotatedKeyReachesTheTabletAndItemsSealedToTheOldOneStillOpen) {
  const v1::SealingKey old_key = CurrentKey();
  // Queued on the tablet while it still had the old key.
  const v1::Submission waiting = Feedback(1, server_.clock().Now(), "queued before rotation");

  v1::SealingKey new_key;
  {
    grpc::ClientContext context;
    server_.SignedInAs(auth::Role::kAdmin, &context);
    grpc::Status status =
        server_.officer().RotateSealingKey(&context, v1::RotateSealingKeyRequest(), &new_key);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  EXPECT_NE(new_key.key_id(), old_key.key_id());
  EXPECT_EQ(CurrentKey().key_id(), new_key.key_id()) << "picked up at the next contact";

  const v1::Submission after = Feedback(2, server_.clock().Now(), "sealed to the new key");
  grpc::Status status;
  v1::SubmitBatchResponse response =
      Send({Sealed(old_key, waiting), Sealed(new_key, after)}, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.results(0).outcome(), v1::ItemResult::OUTCOME_STORED);
  EXPECT_EQ(response.results(1).outcome(), v1::ItemResult::OUTCOME_STORED);
  EXPECT_EQ(response.sealing_key().key_id(), new_key.key_id());
  auto stored = Stored();
  EXPECT_EQ(stored[waiting.submission_id()].feedback().text(), "queued before rotation");
  EXPECT_EQ(stored[after.submission_id()].feedback().text(), "sealed to the new key");

  // Audited: the first key made at start, then the rotation by the admin.
  auto audit = server_.store().ListAudit(10);
  ASSERT_TRUE(audit.ok());
  int made = 0;
  for (const auto& row : *audit) {
    if (row.action != "sealing_key_made") continue;
    ++made;
    if (row.count == 2) {
      EXPECT_EQ(row.officer, "admin.test");
    }
    if (row.count == 1) {
      EXPECT_EQ(row.officer, "service");
    }
  }
  EXPECT_EQ(made, 2);
}

TEST_F(SealingTest, ASealedItemHandedToTheQuarantineIsOpenedForOfficers) {
  const v1::SealingKey key = CurrentKey();
  v1::Submission said = Feedback(1, server_.clock().Now(), "poisoned every batch");
  said.set_pin("4821");
  v1::QuarantineRequest request;
  request.set_device_id(kTablet);
  v1::QuarantinedItem* item = request.add_items();
  item->set_submission_id(said.submission_id());
  item->set_raw(SealTo(key, said.SerializeAsString()));
  item->set_sealed_key_id(key.key_id());
  item->set_reason("every batch holding it failed");
  v1::QuarantineResponse response;
  grpc::ClientContext context;
  server_.AsDevice(kTablet, &context);
  ASSERT_TRUE(server_.kiosk().Quarantine(&context, request, &response).ok());

  auto kept = Quarantined();
  ASSERT_EQ(kept.size(), 1u);
  v1::Submission opened;
  ASSERT_TRUE(opened.ParseFromString(kept[0].raw));
  EXPECT_EQ(opened.feedback().text(), "poisoned every batch");
  EXPECT_EQ(opened.pin(), "");
}

}  // namespace
}  // namespace carevoice::service
