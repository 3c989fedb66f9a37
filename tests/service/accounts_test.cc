// Officers' accounts and sessions (service/auth), on the in-memory store
// and a fake clock: the first admin, sign-in answers, slowing and locking,
// expiry, and admins' changes — each audited.
#include "service/auth/accounts.h"

#include "gtest/gtest.h"
#include "service/auth/passwords.h"
#include "tests/service/fake_store.h"

namespace carevoice::service::auth {
namespace {

constexpr char kPassword[] = "the admin's long password";

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(accounts_.CreateFirstAdmin("ada", kPassword).ok());
    ASSERT_TRUE(accounts_.Create(admin_, "sam", Role::kClerk, "sam's long password").ok());
  }

  std::vector<std::string> AuditActions() {
    std::vector<std::string> actions;
    const absl::StatusOr<std::vector<store::AuditEntry>> audit = store_->ListAudit(1000);
    EXPECT_TRUE(audit.ok()) << audit.status();
    for (const store::AuditEntry& e : audit.value_or(std::vector<store::AuditEntry>{})) {
      actions.insert(actions.begin(), e.officer + " " + e.action);
    }
    return actions;
  }

  std::unique_ptr<store::Store> store_ = testing::NewFakeStore();
  base::FakeClock clock_;
  Accounts accounts_{*store_, clock_};
  const Caller admin_{"ada", Role::kAdmin};
};

TEST_F(AccountsTest, TheFirstAdminIsMadeOnlyWhileThereIsNoAccount) {
  absl::Status again = accounts_.CreateFirstAdmin("mallory", "mallory's long password");
  EXPECT_EQ(again.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_FALSE(accounts_.SignIn("mallory", "mallory's long password").ok());
  EXPECT_EQ(AuditActions(), (std::vector<std::string>{"ada account_first_admin:ada",
                                                      "ada account_create:sam",
                                                      "(unknown) signin_failed"}));
}

TEST_F(AccountsTest, PasswordsAndTokensAreKeptOnlyAsHashes) {
  absl::StatusOr<SignedIn> in = accounts_.SignIn("ada", kPassword);
  ASSERT_TRUE(in.ok()) << in.status();
  ASSERT_TRUE(store_->WithAccess([&](store::AccessTxn& txn) -> absl::Status {
    auto ada = txn.FindAccount("ada");
    EXPECT_TRUE((*ada)->password_hash.starts_with("$argon2id$")) << (*ada)->password_hash;
    EXPECT_EQ((*ada)->password_hash.find(kPassword), std::string::npos);
    EXPECT_FALSE(txn.FindSession(in->token)->has_value()) << "the token itself is not kept";
    EXPECT_TRUE(txn.FindSession(SessionTokenHash(in->token))->has_value());
    return absl::OkStatus();
  }).ok());
}

TEST_F(AccountsTest, AWrongPasswordAndAnUnknownNameGetTheSameAnswer) {
  absl::Status wrong = accounts_.SignIn("ada", "not the password").status();
  absl::Status unknown = accounts_.SignIn("nobody", "not the password").status();
  absl::Status malformed = accounts_.SignIn("Robert'); DROP TABLE", "x").status();
  EXPECT_EQ(wrong.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(wrong, unknown);
  EXPECT_EQ(wrong, malformed);
}

TEST_F(AccountsTest, WrongPasswordsSlowDownThenLockAndSaySo) {
  for (int i = 1; i <= 3; ++i) {
    EXPECT_EQ(accounts_.SignIn("sam", "guess").status().message(), "wrong name or password")
        << "attempt " << i << " costs nothing";
  }
  EXPECT_EQ(accounts_.SignIn("sam", "guess").status().message(),
            "wrong name or password; wait 2 seconds before trying again");
  // Even the right password waits its turn: no guess is checked early.
  absl::Status early = accounts_.SignIn("sam", "sam's long password").status();
  EXPECT_EQ(early.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(early.message(), "too many wrong passwords in a row: wait 2 seconds before trying again");
  for (int failures = 5; failures <= 9; ++failures) {
    clock_.Advance(absl::Minutes(1));
    EXPECT_EQ(accounts_.SignIn("sam", "guess").status().code(),
              absl::StatusCode::kUnauthenticated);
  }
  clock_.Advance(absl::Minutes(1));
  absl::Status locked = accounts_.SignIn("sam", "guess").status();
  EXPECT_EQ(locked.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(locked.message().find("this account is locked until"), std::string::npos) << locked;
  clock_.Advance(absl::Minutes(29));
  EXPECT_EQ(accounts_.SignIn("sam", "sam's long password").status().code(),
            absl::StatusCode::kResourceExhausted)
      << "still locked";
  clock_.Advance(absl::Minutes(2));
  EXPECT_TRUE(accounts_.SignIn("sam", "sam's long password").ok()) << "the lock ran out";
  EXPECT_EQ(accounts_.SignIn("sam", "guess").status().message(), "wrong name or password")
      << "a right password forgave the wrong ones";
}

// Were only real accounts slowed and locked, a few wrong guesses would
// tell which names exist. A name without an account gets the same answers
// at every step, the same lock, and its failures are kept only under the
// name's hash and forgotten a day later, as an account's are.
TEST_F(AccountsTest, ANameWithoutAnAccountIsSlowedAndLockedJustAsOneWith) {
  const auto both = [&](const std::string& password) {
    absl::Status known = accounts_.SignIn("sam", password).status();
    absl::Status unknown = accounts_.SignIn("sam.smith", password).status();
    EXPECT_EQ(known, unknown);
    return known;
  };
  for (int attempt = 1; attempt <= 12; ++attempt) {
    const absl::Status guess = both("guess");
    EXPECT_FALSE(guess.ok()) << "attempt " << attempt;
    if (attempt == 4) {
      EXPECT_EQ(guess.message(), "wrong name or password; wait 2 seconds before trying again");
      EXPECT_EQ(both("another guess").code(), absl::StatusCode::kResourceExhausted)
          << "too soon: slowed alike";
    }
    if (attempt >= 10) {
      EXPECT_NE(guess.message().find("this account is locked until"), std::string::npos)
          << attempt << ": " << guess;
    }
    clock_.Advance(absl::Minutes(1));
  }
  ASSERT_TRUE(store_->WithAccess([&](store::AccessTxn& txn) -> absl::Status {
    EXPECT_FALSE(txn.FindSigninFailures("sam.smith")->has_value()) << "not the name itself";
    auto kept = txn.FindSigninFailures(SecretHash("sam.smith"));
    EXPECT_TRUE(kept.ok() && kept->has_value());
    return absl::OkStatus();
  }).ok());

  // A day after the lock ran out, failures long past no longer count, for
  // either name; the unknown one's row is swept as others fail.
  clock_.Advance(absl::Hours(25));
  EXPECT_EQ(both("guess").message(), "wrong name or password");
  clock_.Advance(absl::Hours(25));
  EXPECT_FALSE(accounts_.SignIn("someone.else", "guess").ok());
  ASSERT_TRUE(store_->WithAccess([&](store::AccessTxn& txn) -> absl::Status {
    EXPECT_FALSE(txn.FindSigninFailures(SecretHash("sam.smith"))->has_value());
    EXPECT_TRUE(txn.FindSigninFailures(SecretHash("someone.else"))->has_value());
    return absl::OkStatus();
  }).ok());
}

TEST_F(AccountsTest, AnAdminUnlocksAnAccount) {
  for (int i = 0; i < 4; ++i) (void)accounts_.SignIn("sam", "guess");
  EXPECT_FALSE(accounts_.SignIn("sam", "sam's long password").ok());
  AccountChange unlock;
  unlock.name = "sam";
  unlock.unlock = true;
  ASSERT_TRUE(accounts_.Update(admin_, unlock).ok());
  EXPECT_TRUE(accounts_.SignIn("sam", "sam's long password").ok());
  EXPECT_EQ(AuditActions().back(), "sam signin");
}

TEST_F(AccountsTest, ASessionExpiresUnusedIsMovedOnByUseAndHasALimit) {
  absl::StatusOr<SignedIn> in = accounts_.SignIn("sam", "sam's long password");
  ASSERT_TRUE(in.ok());
  const absl::Time start = clock_.Now();
  EXPECT_EQ(in->caller.expires_at, start + absl::Minutes(30));
  EXPECT_EQ(in->caller.ends_at, start + absl::Hours(12));
  // Used every 20 minutes, it lasts until its 12 hours are up.
  for (int i = 0; i < 35; ++i) {
    clock_.Advance(absl::Minutes(20));
    absl::StatusOr<Caller> caller = accounts_.Authenticate(in->token);
    ASSERT_TRUE(caller.ok()) << "after " << (i + 1) * 20 << " min: " << caller.status();
    EXPECT_EQ(caller->name, "sam");
    EXPECT_EQ(caller->role, Role::kClerk);
    EXPECT_EQ(caller->expires_at, std::min(clock_.Now() + absl::Minutes(30), caller->ends_at));
  }
  clock_.Advance(absl::Minutes(20));  // 12 h 0 min
  absl::Status ended = accounts_.Authenticate(in->token).status();
  EXPECT_EQ(ended.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_NE(ended.message().find("reached its limit of 12h"), std::string::npos) << ended;

  in = accounts_.SignIn("sam", "sam's long password");
  ASSERT_TRUE(in.ok());
  clock_.Advance(absl::Minutes(31));
  absl::Status idle = accounts_.Authenticate(in->token).status();
  EXPECT_EQ(idle.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_NE(idle.message().find("expired at"), std::string::npos) << idle;
  EXPECT_NE(idle.message(), ended.message());
  EXPECT_NE(accounts_.Authenticate(in->token).status().message().find("has ended"),
            std::string::npos)
      << "an expired session is gone";
}

TEST_F(AccountsTest, EachWayATokenFailsSaysItsOwnThing) {
  absl::StatusOr<SignedIn> in = accounts_.SignIn("sam", "sam's long password");
  ASSERT_TRUE(in.ok());
  ASSERT_TRUE(accounts_.SignOut(in->token, in->caller).ok());
  std::set<std::string> messages;
  for (const std::string& token : {std::string(), std::string("cvs_short"), in->token}) {
    absl::Status s = accounts_.Authenticate(token).status();
    EXPECT_EQ(s.code(), absl::StatusCode::kUnauthenticated) << token;
    messages.insert(std::string(s.message()));
  }
  EXPECT_EQ(messages.size(), 3u) << "none given, not a token, signed out";
}

TEST_F(AccountsTest, DisablingOrANewPasswordEndsTheSessions) {
  absl::StatusOr<SignedIn> first = accounts_.SignIn("sam", "sam's long password");
  ASSERT_TRUE(first.ok());
  AccountChange password;
  password.name = "sam";
  password.new_password = "sam's new long password";
  ASSERT_TRUE(accounts_.Update(admin_, password).ok());
  EXPECT_FALSE(accounts_.Authenticate(first->token).ok());
  EXPECT_FALSE(accounts_.SignIn("sam", "sam's long password").ok());
  absl::StatusOr<SignedIn> second = accounts_.SignIn("sam", "sam's new long password");
  ASSERT_TRUE(second.ok());

  AccountChange disable;
  disable.name = "sam";
  disable.disabled = true;
  ASSERT_TRUE(accounts_.Update(admin_, disable).ok());
  EXPECT_FALSE(accounts_.Authenticate(second->token).ok());
  absl::Status refused = accounts_.SignIn("sam", "sam's new long password").status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(refused.message(), "this account is disabled: ask an admin");
  EXPECT_EQ(accounts_.SignIn("sam", "a wrong password").status().code(),
            absl::StatusCode::kUnauthenticated)
      << "a disabled account does not tell a guesser its password was wrong or right";
}

TEST_F(AccountsTest, TheLastAdminCannotBeDisabledOrDemoted) {
  AccountChange demote;
  demote.name = "ada";
  demote.role = Role::kOfficer;
  EXPECT_EQ(accounts_.Update(admin_, demote).status().code(),
            absl::StatusCode::kFailedPrecondition);
  AccountChange disable;
  disable.name = "ada";
  disable.disabled = true;
  EXPECT_EQ(accounts_.Update(admin_, disable).status().code(),
            absl::StatusCode::kFailedPrecondition);
  AccountChange promote;
  promote.name = "sam";
  promote.role = Role::kAdmin;
  ASSERT_TRUE(accounts_.Update(admin_, promote).ok());
  EXPECT_TRUE(accounts_.Update(admin_, demote).ok()) << "another admin remains";
  EXPECT_EQ(AuditActions().back(), "ada account_role:ada");
}

TEST_F(AccountsTest, NamesAndPasswordsAreChecked) {
  for (const char* bad : {"ab", "Ada", "1ada", "ada smith", "ada@council", ""}) {
    EXPECT_EQ(accounts_.Create(admin_, bad, Role::kClerk, "a long enough password")
                  .status()
                  .code(),
              absl::StatusCode::kInvalidArgument)
        << bad;
  }
  EXPECT_EQ(accounts_.Create(admin_, "jo", Role::kClerk, "short").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(accounts_.Create(admin_, "sam", Role::kClerk, "a long enough password")
                .status()
                .code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_TRUE(accounts_.Create(admin_, "jo.bloggs-2", Role::kOfficer, std::string(256, 'p')).ok());
  AccountChange nobody;
  nobody.name = "nobody";
  nobody.unlock = true;
  EXPECT_EQ(accounts_.Update(admin_, nobody).status().code(), absl::StatusCode::kNotFound);
}

TEST(PasswordsTest, HashesAreSaltedAndTokensRandom) {
  auto a = HashPassword("the same password");
  auto b = HashPassword("the same password");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b) << "salted";
  EXPECT_TRUE(PasswordMatches(*a, "the same password"));
  EXPECT_TRUE(PasswordMatches(*b, "the same password"));
  EXPECT_FALSE(PasswordMatches(*a, "the same password "));
  EXPECT_FALSE(PasswordMatches("not a hash", "the same password"));
  const std::string t1 = NewSessionToken(), t2 = NewSessionToken();
  EXPECT_NE(t1, t2);
  EXPECT_TRUE(LooksLikeSessionToken(t1));
  EXPECT_FALSE(LooksLikeSessionToken(t1.substr(1)));
  EXPECT_FALSE(LooksLikeSessionToken(t1 + "x"));
  EXPECT_EQ(SessionTokenHash(t1).size(), 64u);
}

}  // namespace
}  // namespace carevoice::service::auth
