// The care-home tablet's outbox on real SQLite files: what a resident said
// is sealed for the service before it is written, so none of it is in any
// file the outbox leaves on the disk; only the service's secret key opens it.
#include <sodium.h>

#include <filesystem>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "client/model/outbox_sqlite.h"
#include "gtest/gtest.h"
#include "tests/client/test_support.h"

namespace carevoice::client {
namespace {

using testing::FeedbackDraft;
using testing::ReadFileBytes;
using testing::TempDir;

// A key pair as the service makes one.
struct KeyPair {
  SealingKey key;
  std::string secret;
};

KeyPair MakeKeyPair(const std::string& id) {
  EXPECT_GE(sodium_init(), 0);
  unsigned char pk[crypto_box_PUBLICKEYBYTES];
  unsigned char sk[crypto_box_SECRETKEYBYTES];
  crypto_box_keypair(pk, sk);
  return {{id, std::string(reinterpret_cast<char*>(pk), sizeof pk)},
          std::string(reinterpret_cast<char*>(sk), sizeof sk)};
}

// What the service does: opens the bytes sealed to `pair`.
std::optional<v1::Submission> OpenWith(const KeyPair& pair, const std::string& sealed) {
  if (sealed.size() < crypto_box_SEALBYTES) return std::nullopt;
  std::string plain(sealed.size() - crypto_box_SEALBYTES, '\0');
  if (crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain.data()),
                           reinterpret_cast<const unsigned char*>(sealed.data()), sealed.size(),
                           reinterpret_cast<const unsigned char*>(pair.key.public_key.data()),
                           reinterpret_cast<const unsigned char*>(pair.secret.data())) != 0) {
    return std::nullopt;
  }
  v1::Submission s;
  if (!s.ParseFromString(plain)) return std::nullopt;
  return s;
}

// A resident's concern with words and contact details no file may hold.
v1::Submission Concern() {
  v1::Submission s = FeedbackDraft("Night staff Quillbeck shout at me when I ring the bell");
  s.set_anonymous(false);
  s.mutable_contact()->set_name("Ada Pennywhistle");
  s.mutable_contact()->set_email("ada.pennywhistle@example.org");
  return s;
}

const std::vector<std::string> kSecrets = {"Quillbeck", "shout at me", "Pennywhistle",
                                           "pennywhistle@example"};

class SealedOutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir_.ok());
    Reopen();
  }
  void Reopen() {
    outbox_.reset();
    auto opened = SqliteOutbox::Open(dir_.File("outbox.db"), {.seal = true});
    ASSERT_TRUE(opened.ok()) << opened.status();
    outbox_ = *std::move(opened);
  }
  // Every byte of every file the outbox has in its folder.
  std::string AllFileBytes() const {
    std::string all;
    for (const auto& entry : std::filesystem::directory_iterator(dir_.File(""))) {
      all += ReadFileBytes(entry.path().string());
    }
    return all;
  }
  void ExpectNoSecretOnDisk() const {
    const std::string bytes = AllFileBytes();
    ASSERT_FALSE(bytes.empty());
    for (const std::string& secret : kSecrets) {
      EXPECT_EQ(bytes.find(secret), std::string::npos) << "\"" << secret << "\" is on disk";
    }
  }

  TempDir dir_;
  std::unique_ptr<Outbox> outbox_;
};

TEST_F(SealedOutboxTest, NothingIsQueuedBeforeTheTabletHasAKey) {
  absl::StatusOr<OutboxItem> item = outbox_->Enqueue(Concern(), absl::Now());
  EXPECT_EQ(item.status().code(), absl::StatusCode::kFailedPrecondition) << item.status();
  EXPECT_EQ(*outbox_->PendingCount(), 0);
  ExpectNoSecretOnDisk();
}

TEST_F(SealedOutboxTest, WhatIsQueuedIsSealedAndOnlyTheServiceKeyOpensIt) {
  const KeyPair service = MakeKeyPair("key-one");
  ASSERT_TRUE(outbox_->PinSealingKey(service.key).ok());
  absl::StatusOr<OutboxItem> queued = outbox_->Enqueue(Concern(), absl::Now());
  ASSERT_TRUE(queued.ok()) << queued.status();
  // The screen still needs the reference and PIN, from memory.
  EXPECT_FALSE(queued->submission.pin().empty());
  Reopen();  // as after a power cut: only what is on disk is left
  ExpectNoSecretOnDisk();

  auto pending = outbox_->Pending(10);
  ASSERT_TRUE(pending.ok()) << pending.status();
  ASSERT_EQ(pending->size(), 1u);
  const OutboxItem& item = pending->front();
  EXPECT_EQ(item.submission_id, queued->submission_id) << "the id stays outside the seal";
  EXPECT_EQ(item.reference, queued->reference);
  EXPECT_EQ(item.sealed_key_id, "key-one");
  EXPECT_FALSE(item.damaged);
  EXPECT_EQ(item.submission.ByteSizeLong(), 0u) << "nothing readable comes back from disk";

  std::optional<v1::Submission> opened = OpenWith(service, item.sealed);
  ASSERT_TRUE(opened.has_value()) << "the service's key opens it";
  EXPECT_EQ(opened->feedback().text(), Concern().feedback().text());
  EXPECT_EQ(opened->contact().email(), "ada.pennywhistle@example.org");
  EXPECT_EQ(opened->pin(), queued->submission.pin());
  EXPECT_EQ(opened->submission_id(), item.submission_id);
  EXPECT_EQ(opened->channel(), v1::CHANNEL_TABLET);
  EXPECT_FALSE(OpenWith(MakeKeyPair("other"), item.sealed).has_value())
      << "no other key opens it";
}

// Who a resident is (a visit's equality answers) is sealed as their words
// are: the tablet's files say nothing of it.
TEST_F(SealedOutboxTest, AVisitIsSealedTooAndOnlyTheServiceKeyOpensIt) {
  v1::TakingPart visit;
  visit.mutable_how()->set_language("pa");
  visit.mutable_how()->set_theme("yellow_on_black");
  visit.mutable_equality()->set_ethnic_group(v1::EqualityMonitoring::ETHNIC_GROUP_ASIAN);
  EXPECT_EQ(outbox_->EnqueueTally(visit, absl::Now()).code(), absl::StatusCode::kFailedPrecondition);
  const KeyPair service = MakeKeyPair("key-one");
  ASSERT_TRUE(outbox_->PinSealingKey(service.key).ok());
  ASSERT_TRUE(outbox_->EnqueueTally(visit, absl::Now()).ok());
  Reopen();
  EXPECT_EQ(AllFileBytes().find("yellow_on_black"), std::string::npos);

  auto waiting = outbox_->PendingTallies(10);
  ASSERT_TRUE(waiting.ok()) << waiting.status();
  ASSERT_EQ(waiting->size(), 1u);
  const TallyItem& item = waiting->front();
  EXPECT_EQ(item.sealed_key_id, "key-one");
  EXPECT_EQ(item.tally.ByteSizeLong(), 0u);
  ASSERT_GE(item.sealed.size(), crypto_box_SEALBYTES);
  std::string plain(item.sealed.size() - crypto_box_SEALBYTES, '\0');
  ASSERT_EQ(crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain.data()),
                                 reinterpret_cast<const unsigned char*>(item.sealed.data()),
                                 item.sealed.size(),
                                 reinterpret_cast<const unsigned char*>(service.key.public_key.data()),
                                 reinterpret_cast<const unsigned char*>(service.secret.data())),
            0);
  v1::TakingPart opened;
  ASSERT_TRUE(opened.ParseFromString(plain));
  EXPECT_EQ(opened.tally_id(), item.tally_id);
  EXPECT_EQ(opened.equality().ethnic_group(), v1::EqualityMonitoring::ETHNIC_GROUP_ASIAN);
}

TEST_F(SealedOutboxTest, AWorryIsNotMarkedOnDiskSoItGoesInTurn) {
  ASSERT_TRUE(outbox_->PinSealingKey(MakeKeyPair("key-one").key).ok());
  const OutboxItem first = *outbox_->Enqueue(Concern(), absl::Now());
  v1::Submission worry = FeedbackDraft("unused");
  worry.clear_feedback();
  worry.mutable_safeguarding()->set_what_is_happening("The carer Quillbeck hits a resident.");
  absl::StatusOr<OutboxItem> urgent = outbox_->Enqueue(worry, absl::Now());
  ASSERT_TRUE(urgent.ok()) << urgent.status();
  auto pending = outbox_->Pending(10);
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 2u);
  // A flag saying "this one is a worry" would tell staff what it is.
  EXPECT_EQ((*pending)[0].submission_id, first.submission_id);
  ExpectNoSecretOnDisk();
}

TEST_F(SealedOutboxTest, ANewKeyIsUsedFromThenOnAndOldItemsKeepTheirs) {
  const KeyPair one = MakeKeyPair("key-one");
  const KeyPair two = MakeKeyPair("key-two");
  ASSERT_TRUE(outbox_->PinSealingKey(one.key).ok());
  const OutboxItem before = *outbox_->Enqueue(Concern(), absl::Now());
  ASSERT_TRUE(outbox_->PinSealingKey(two.key).ok());
  Reopen();
  EXPECT_EQ(*outbox_->PinnedSealingKey(), std::optional<SealingKey>(two.key));
  const OutboxItem after = *outbox_->Enqueue(Concern(), absl::Now());
  auto pending = outbox_->Pending(10);
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 2u);
  EXPECT_EQ((*pending)[0].submission_id, before.submission_id);
  EXPECT_EQ((*pending)[0].sealed_key_id, "key-one");
  EXPECT_TRUE(OpenWith(one, (*pending)[0].sealed).has_value());
  EXPECT_EQ((*pending)[1].submission_id, after.submission_id);
  EXPECT_EQ((*pending)[1].sealed_key_id, "key-two");
  EXPECT_TRUE(OpenWith(two, (*pending)[1].sealed).has_value());

  // Delivered: the sealed bytes go too, as plain words do on a kiosk.
  const std::string sealed = (*pending)[0].sealed;
  ASSERT_TRUE(outbox_->MarkDelivered(before.submission_id).ok());
  EXPECT_EQ(AllFileBytes().find(sealed.substr(0, 40)), std::string::npos);
}

TEST_F(SealedOutboxTest, ATabletsOutboxStillSealsWhenOpenedAsAKiosksByMistake) {
  ASSERT_TRUE(outbox_->PinSealingKey(MakeKeyPair("key-one").key).ok());
  outbox_.reset();
  auto as_kiosk = SqliteOutbox::Open(dir_.File("outbox.db"));
  ASSERT_TRUE(as_kiosk.ok()) << as_kiosk.status();
  EXPECT_TRUE((*as_kiosk)->seals());
  absl::StatusOr<OutboxItem> queued = (*as_kiosk)->Enqueue(Concern(), absl::Now());
  ASSERT_TRUE(queued.ok()) << queued.status();
  EXPECT_EQ(queued->sealed_key_id, "key-one");
  as_kiosk->reset();
  ExpectNoSecretOnDisk();
}

}  // namespace
}  // namespace carevoice::client
