// Officers' accounts and sessions: the first admin, sign-in with slowing
// and locking after wrong passwords, sessions that expire when unused and
// are moved on by use, and admins' changes to accounts. Everything lives
// in the store (shared by every replica of the service), and every
// sign-in, sign-out and change is audited in the same transaction.
//
// Thread-safety: any thread; the store serialises what must be.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "base/clock.h"
#include "service/auth/roles.h"
#include "service/store/store.h"

namespace carevoice::service::auth {

// The signed-in account behind a call.
struct Caller {
  std::string name;
  Role role = Role::kClerk;
  absl::Time expires_at{};  // idle expiry, after this call moved it on
  absl::Time ends_at{};     // the latest the session lasts
};

struct SignedIn {
  std::string token;  // secret: the caller's alone
  Caller caller;
};

struct SessionPolicy {
  // A session unused this long ends; any call moves the expiry on.
  absl::Duration idle = absl::Minutes(30);
  // However used, a session ends this long after sign-in.
  absl::Duration longest = absl::Hours(12);
  // Wrong passwords in a row that cost nothing; after them each further
  // attempt waits twice as long as the last (2 s, 4 s, ... up to
  // max_delay), and at lock_after the account locks for lock_for.
  int free_failures = 3;
  absl::Duration max_delay = absl::Minutes(1);
  int lock_after = 10;
  absl::Duration lock_for = absl::Minutes(30);
  // Wrong passwords this long past, with no lock left, no longer count.
  // Names without an account are slowed and locked alike (their failures
  // kept under the name's hash), so the answers never tell which exist.
  absl::Duration forget_failures_after = absl::Hours(24);
};

struct AccountChange {
  std::string name;
  std::optional<Role> role;
  std::optional<bool> disabled;
  bool unlock = false;
  std::string new_password;  // empty: unchanged
};

class Accounts {
 public:
  // `store` and `clock` must outlive this.
  Accounts(store::Store& store, const base::Clock& clock, SessionPolicy policy = {});

  // The first admin: works only while no account exists at all
  // (FAILED_PRECONDITION after), so it cannot be used to take over a
  // running service. Audited.
  absl::Status CreateFirstAdmin(std::string_view name, std::string_view password);

  // Wrong name or password: UNAUTHENTICATED, alike for both. While slowed
  // or locked: RESOURCE_EXHAUSTED saying until when (the password is not
  // even checked). Disabled: PERMISSION_DENIED. Audited either way.
  absl::StatusOr<SignedIn> SignIn(std::string_view name, std::string_view password);

  // The caller a token belongs to, with its expiry moved on. Each way a
  // token can fail is UNAUTHENTICATED with its own plain message: none
  // given, not a CareVoice token, not known (signed out), expired.
  absl::StatusOr<Caller> Authenticate(std::string_view token);

  // Ends the session of `token`. Audited.
  absl::Status SignOut(std::string_view token, const Caller& caller);

  // Admins' work on accounts (the caller's role is checked by the rpc
  // layer). Each change is audited as "account_<what>:<name>".
  absl::StatusOr<store::Account> Create(const Caller& by, std::string_view name, Role role,
                                        std::string_view password);
  absl::StatusOr<std::vector<store::Account>> List(const Caller& by);
  absl::StatusOr<store::Account> Update(const Caller& by, const AccountChange& change);

  const SessionPolicy& policy() const { return policy_; }

 private:
  absl::StatusOr<SignedIn> StartSession(store::AccessTxn& txn, const store::Account& account,
                                        absl::Time now);

  store::Store& store_;
  const base::Clock& clock_;
  const SessionPolicy policy_;
};

// Whether `name` can name an account: 3..64 of [a-z0-9._-], starting with
// a letter. INVALID_ARGUMENT saying what is wrong otherwise.
absl::Status CheckAccountName(std::string_view name);
// 12..256 bytes. INVALID_ARGUMENT otherwise.
absl::Status CheckNewPassword(std::string_view password);

}  // namespace carevoice::service::auth
