// Enrolled devices (service/auth/devices.h), on the in-memory store and a
// fake clock: codes used once and only in time, credentials kept only as
// hashes, revocation at once, and enrolling again under the same id.
#include "service/auth/devices.h"

#include <set>

#include "gtest/gtest.h"
#include "service/auth/passwords.h"
#include "tests/service/fake_store.h"

namespace carevoice::service::auth {
namespace {

class DevicesTest : public ::testing::Test {
 protected:
  std::string Code(absl::Duration valid_for = absl::Hours(24)) {
    auto made = devices_.MakeEnrolmentCode(admin_, "Central Library", "kiosk", valid_for);
    EXPECT_TRUE(made.ok()) << made.status();
    return made.ok() ? made->code : "";
  }

  std::unique_ptr<store::Store> store_ = testing::NewFakeStore();
  base::FakeClock clock_;
  Devices devices_{*store_, clock_};
  const Caller admin_{"ada", Role::kAdmin};
};

TEST_F(DevicesTest, ACodeEnrolsOneDeviceOnceAndIsEasyToReadOut) {
  const std::string code = Code();
  EXPECT_EQ(code.size(), 12u);
  EXPECT_EQ(FormatEnrolmentCode(code).size(), 14u);
  // Typed as a person might: lower case, with dashes and spaces.
  std::string typed = FormatEnrolmentCode(code);
  for (char& c : typed) c = static_cast<char>(std::tolower(c));
  absl::StatusOr<Enrolled> enrolled = devices_.Enrol(" " + typed + " ", "kiosk-lib-1");
  ASSERT_TRUE(enrolled.ok()) << enrolled.status();
  const std::string* credential = &enrolled->credential;
  EXPECT_EQ(enrolled->device.site, "Central Library");
  absl::StatusOr<store::Device> device = devices_.Authenticate(*credential);
  ASSERT_TRUE(device.ok()) << device.status();
  EXPECT_EQ(device->device_id, "kiosk-lib-1");
  EXPECT_EQ(device->site, "Central Library");
  EXPECT_EQ(device->credential_hash, SecretHash(*credential)) << "only the hash is kept";

  absl::Status again = devices_.Enrol(code, "kiosk-lib-2").status();
  EXPECT_EQ(again.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_NE(again.message().find("used already"), std::string::npos) << again;
}

TEST_F(DevicesTest, EachWayACodeFailsHasItsOwnStatus) {
  EXPECT_EQ(devices_.Enrol("not a code", "kiosk-1").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(devices_.Enrol("ACDE-FHJK-MNPQ", "kiosk-1").status().code(),
            absl::StatusCode::kNotFound);
  const std::string code = Code(absl::Hours(1));
  clock_.Advance(absl::Minutes(61));
  absl::Status expired = devices_.Enrol(code, "kiosk-1").status();
  EXPECT_EQ(expired.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(expired.message().find("expired"), std::string::npos);
  EXPECT_EQ(devices_.Enrol(Code(), "bad id!").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(devices_.MakeEnrolmentCode(admin_, "", "kiosk", absl::Hours(1)).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(devices_.MakeEnrolmentCode(admin_, "Library", "phone", absl::Hours(1))
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(DevicesTest, AWorkingDeviceCannotBeTakenOverWithAnotherCode) {
  ASSERT_TRUE(devices_.Enrol(Code(), "kiosk-1").ok());
  absl::Status takeover = devices_.Enrol(Code(), "kiosk-1").status();
  EXPECT_EQ(takeover.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_NE(takeover.message().find("revoke it"), std::string::npos);
}

TEST_F(DevicesTest, RevokedAtOnceAndEnrolledAgainUnderItsId) {
  absl::StatusOr<std::string> first = devices_.Enrol(Code(), "kiosk-1")->credential;
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(devices_.Revoke(admin_, "kiosk-1").ok());
  absl::Status refused = devices_.Authenticate(*first).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_NE(refused.message().find("revoked"), std::string::npos);

  absl::StatusOr<Enrolled> enrolled_again = devices_.Enrol(Code(), "kiosk-1");
  ASSERT_TRUE(enrolled_again.ok()) << enrolled_again.status();
  const std::string* second = &enrolled_again->credential;
  EXPECT_NE(*second, *first);
  EXPECT_TRUE(devices_.Authenticate(*second).ok());
  EXPECT_FALSE(devices_.Authenticate(*first).ok()) << "the old credential stays dead";
  EXPECT_EQ(devices_.Revoke(admin_, "nobody").status().code(), absl::StatusCode::kNotFound);

  auto listed = devices_.List(admin_);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_FALSE((*listed)[0].revoked());
  std::set<std::string> audited;
  const std::vector<store::AuditEntry> audit = store_->ListAudit(100).value();
  for (const store::AuditEntry& e : audit) audited.insert(e.action);
  EXPECT_TRUE(audited.contains("device_enrolled:kiosk-1"));
  EXPECT_TRUE(audited.contains("device_revoke:kiosk-1"));
  EXPECT_TRUE(audited.contains("device_list"));
}

TEST_F(DevicesTest, CredentialsThatAreNoneMalformedOrUnknownSaySo) {
  std::set<std::string> messages;
  for (const std::string& c : {std::string(), std::string("cvd_x"), NewDeviceCredential()}) {
    absl::Status s = devices_.Authenticate(c).status();
    EXPECT_EQ(s.code(), absl::StatusCode::kUnauthenticated);
    messages.insert(std::string(s.message()));
  }
  EXPECT_EQ(messages.size(), 3u);
}

}  // namespace
}  // namespace carevoice::service::auth
