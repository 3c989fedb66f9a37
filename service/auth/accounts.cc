#include "service/auth/accounts.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"
#include "base/retry_after.h"
#include "service/auth/passwords.h"

namespace carevoice::service::auth {
namespace {

constexpr std::size_t kMinNameBytes = 3;
constexpr std::size_t kMaxNameBytes = 64;
// Moving an expiry on by less than this is not worth a write.
constexpr absl::Duration kExtendStep = absl::Minutes(1);

std::string Clock(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d %H:%M UTC", t, absl::UTCTimeZone());
}

absl::Time Micros(absl::Time t) { return absl::FromUnixMicros(absl::ToUnixMicros(t)); }

absl::Status WrongNameOrPassword() {
  return absl::UnauthenticatedError("wrong name or password");
}

// How long after its last wrong password an account must wait before the
// next try, given how many there were in a row.
absl::Duration DelayAfter(const SessionPolicy& p, std::int64_t failures) {
  if (failures <= p.free_failures) return absl::ZeroDuration();
  const std::int64_t doublings = std::min<std::int64_t>(failures - p.free_failures, 20);
  return std::min(absl::Seconds(std::int64_t{1} << doublings), p.max_delay);
}

// Wrong passwords in a row under one name, with or without an account:
// both are kept and answered alike, so the answers do not tell which names
// have accounts. Failures long past, with no lock left, no longer count.
store::SigninFailures CurrentFailures(const SessionPolicy& p, store::SigninFailures f,
                                      absl::Time now) {
  if (f.locked_until <= now && now - f.last_failed_at > p.forget_failures_after) return {};
  return f;
}

store::SigninFailures FailuresOf(const SessionPolicy& p, const store::Account& a,
                                 absl::Time now) {
  return CurrentFailures(p, {a.failed_signins, a.last_failed_at, a.locked_until}, now);
}

// Refuses a sign-in attempt while the name is locked or slowed.
absl::Status Throttle(const SessionPolicy& p, const store::SigninFailures& f, absl::Time now) {
  if (f.locked_until > now) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "too many wrong passwords: this account is locked until ", Clock(f.locked_until),
        ", or until an admin unlocks it"));
  }
  const absl::Time next_try = f.last_failed_at + DelayAfter(p, f.count);
  if (now < next_try) {
    return base::WithRetryAfter(
        absl::ResourceExhaustedError(absl::StrCat(
            "too many wrong passwords in a row: wait ",
            static_cast<std::int64_t>(std::ceil(absl::ToDoubleSeconds(next_try - now))),
            " seconds before trying again")),
        next_try - now);
  }
  return absl::OkStatus();
}

// Counts one more wrong password at `now`; the answer to give.
absl::Status CountFailure(const SessionPolicy& p, store::SigninFailures& f, absl::Time now) {
  ++f.count;
  f.last_failed_at = now;
  if (f.count >= p.lock_after) {
    f.locked_until = now + p.lock_for;
    return absl::ResourceExhaustedError(absl::StrCat(
        "wrong name or password, too many times: this account is locked until ",
        Clock(f.locked_until), ", or until an admin unlocks it"));
  }
  if (const absl::Duration wait = DelayAfter(p, f.count); wait > absl::ZeroDuration()) {
    return absl::UnauthenticatedError(absl::StrCat(
        "wrong name or password; wait ", absl::ToInt64Seconds(wait),
        " seconds before trying again"));
  }
  return WrongNameOrPassword();
}

absl::StatusOr<Role> RoleOf(const store::Account& a) {
  std::optional<Role> role = RoleFromName(a.role);
  if (!role) return absl::DataLossError(absl::StrCat("account has an unknown role"));
  return *role;
}

// Whether at least one admin could still sign in among `accounts`.
bool AnAdminRemains(const std::vector<store::Account>& accounts) {
  return std::any_of(accounts.begin(), accounts.end(), [](const store::Account& a) {
    return a.role == RoleName(Role::kAdmin) && !a.disabled;
  });
}

}  // namespace

absl::Status CheckAccountName(std::string_view name) {
  if (name.size() < kMinNameBytes || name.size() > kMaxNameBytes) {
    return absl::InvalidArgumentError("an account name is 3 to 64 characters");
  }
  if (!(name[0] >= 'a' && name[0] <= 'z')) {
    return absl::InvalidArgumentError("an account name starts with a letter a-z");
  }
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
    if (!ok) {
      return absl::InvalidArgumentError(
          "an account name has only a-z, 0-9, dot, dash and underscore");
    }
  }
  return absl::OkStatus();
}

absl::Status CheckNewPassword(std::string_view password) {
  if (password.size() < kMinPasswordBytes || password.size() > kMaxPasswordBytes) {
    return absl::InvalidArgumentError(absl::StrCat("a password is ", kMinPasswordBytes, " to ",
                                                   kMaxPasswordBytes, " characters"));
  }
  return absl::OkStatus();
}

Accounts::Accounts(store::Store& store, const base::Clock& clock, SessionPolicy policy)
    : store_(store), clock_(clock), policy_(std::move(policy)) {}

absl::Status Accounts::CreateFirstAdmin(std::string_view name, std::string_view password) {
  if (auto s = CheckAccountName(name); !s.ok()) return s;
  if (auto s = CheckNewPassword(password); !s.ok()) return s;
  absl::StatusOr<std::string> hash = HashPassword(password);
  if (!hash.ok()) return hash.status();
  const absl::Time now = Micros(clock_.Now());
  return store_.WithAccess([&](store::AccessTxn& txn) -> absl::Status {
    absl::StatusOr<std::vector<store::Account>> all = txn.ListAccounts();
    if (!all.ok()) return all.status();
    if (!all->empty()) {
      return absl::FailedPreconditionError(
          "accounts exist already: the first admin is made only once (ask an admin)");
    }
    store::Account a{std::string(name), std::string(RoleName(Role::kAdmin)), *hash};
    a.created_at = now;
    if (auto s = txn.PutAccount(a); !s.ok()) return s;
    return txn.Audit({now, a.name, absl::StrCat("account_first_admin:", a.name), 1});
  });
}

absl::StatusOr<SignedIn> Accounts::SignIn(std::string_view name, std::string_view password) {
  const bool plausible = CheckAccountName(name).ok() && !password.empty() &&
                         password.size() <= kMaxPasswordBytes;
  // A name without an account is slowed and locked as one with: its
  // failures are kept under the name's hash (the name may be a password
  // typed in the wrong box).
  const std::string name_hash = SecretHash(name);
  std::optional<store::Account> account;
  store::SigninFailures failures;
  const absl::Time now = Micros(clock_.Now());
  if (plausible) {
    absl::Status read = store_.WithAccess([&](store::AccessTxn& txn) -> absl::Status {
      absl::StatusOr<std::optional<store::Account>> found = txn.FindAccount(name);
      if (!found.ok()) return found.status();
      account = *std::move(found);
      if (account) {
        failures = FailuresOf(policy_, *account, now);
        return absl::OkStatus();
      }
      absl::StatusOr<std::optional<store::SigninFailures>> kept =
          txn.FindSigninFailures(name_hash);
      if (!kept.ok()) return kept.status();
      if (kept->has_value()) failures = CurrentFailures(policy_, **kept, now);
      return absl::OkStatus();
    });
    if (!read.ok()) return read;
  }
  const absl::Status throttled = Throttle(policy_, failures, now);

  // The slow check runs outside the transaction, so it never holds up
  // the kiosks' writes; and not at all while the name is throttled.
  bool right = false;
  if (throttled.ok()) {
    if (account) {
      right = PasswordMatches(account->password_hash, password);
    } else {
      SpendPasswordCheckTime(password);  // an unknown name takes as long
    }
  }

  absl::StatusOr<SignedIn> result = WrongNameOrPassword();
  absl::Status written = store_.WithAccess([&](store::AccessTxn& txn) -> absl::Status {
    result = WrongNameOrPassword();
    // Who typed an unknown name is not known; the name itself may be
    // anything (even a password), so it is not recorded.
    if (!plausible) return txn.Audit({now, "(unknown)", "signin_failed", 0});
    absl::StatusOr<std::optional<store::Account>> found = txn.FindAccount(name);
    if (!found.ok()) return found.status();
    if (!found->has_value()) {
      if (!throttled.ok()) {
        result = throttled;
        return txn.Audit({now, "(unknown)", "signin_throttled", 0});
      }
      absl::StatusOr<std::optional<store::SigninFailures>> kept =
          txn.FindSigninFailures(name_hash);
      if (!kept.ok()) return kept.status();
      store::SigninFailures f =
          kept->has_value() ? CurrentFailures(policy_, **kept, now) : store::SigninFailures{};
      result = CountFailure(policy_, f, now);
      if (auto s = txn.PutSigninFailures(name_hash, f); !s.ok()) return s;
      // Rows that no longer slow or lock anyone are swept as others fail.
      if (auto s = txn.ForgetSigninFailuresBefore(now - policy_.forget_failures_after);
          !s.ok()) {
        return s;
      }
      return txn.Audit({now, "(unknown)", "signin_failed", 0});
    }
    store::Account a = **found;
    if (!throttled.ok()) {
      result = throttled;
      return txn.Audit({now, a.name, "signin_throttled", 0});
    }
    if (!right) {
      store::SigninFailures f = FailuresOf(policy_, a, now);
      result = CountFailure(policy_, f, now);
      a.failed_signins = f.count;
      a.last_failed_at = f.last_failed_at;
      a.locked_until = f.locked_until;
      if (auto s = txn.PutAccount(a); !s.ok()) return s;
      return txn.Audit({now, a.name, "signin_failed", a.failed_signins});
    }
    if (a.disabled) {
      result = absl::PermissionDeniedError("this account is disabled: ask an admin");
      return txn.Audit({now, a.name, "signin_disabled", 0});
    }
    a.failed_signins = 0;
    a.locked_until = absl::UnixEpoch();
    if (auto s = txn.PutAccount(a); !s.ok()) return s;
    result = StartSession(txn, a, now);
    return result.status();
  });
  if (!written.ok()) return written;
  return result;
}

absl::StatusOr<SignedIn> Accounts::StartSession(store::AccessTxn& txn,
                                                const store::Account& account, absl::Time now) {
  absl::StatusOr<Role> role = RoleOf(account);
  if (!role.ok()) return role.status();
  SignedIn in{NewSessionToken(), Caller{account.name, *role}};
  in.caller.ends_at = Micros(now + policy_.longest);
  in.caller.expires_at = std::min(Micros(now + policy_.idle), in.caller.ends_at);
  // Sweep sessions that expired unused, so the table holds only live ones.
  if (auto s = txn.DeleteSessionsOf("", now); !s.ok()) return s;
  if (auto s = txn.PutSession({SessionTokenHash(in.token), account.name, now,
                               in.caller.expires_at, in.caller.ends_at});
      !s.ok()) {
    return s;
  }
  if (auto s = txn.Audit({now, account.name, "signin", 0}); !s.ok()) return s;
  return in;
}

absl::StatusOr<Caller> Accounts::Authenticate(std::string_view token) {
  if (token.empty()) return absl::UnauthenticatedError("not signed in: sign in first");
  if (!LooksLikeSessionToken(token)) {
    return absl::UnauthenticatedError(
        "that is not a CareVoice session token (damaged?): sign in again");
  }
  const std::string hash = SessionTokenHash(token);
  const absl::Time now = Micros(clock_.Now());
  absl::StatusOr<Caller> result = absl::UnknownError("");
  absl::Status written = store_.WithAccess([&](store::AccessTxn& txn) -> absl::Status {
    result = absl::UnauthenticatedError(
        "this session has ended (signed out, or its password changed): sign in again");
    absl::StatusOr<std::optional<store::Session>> found = txn.FindSession(hash);
    if (!found.ok()) return found.status();
    if (!found->has_value()) return absl::OkStatus();
    store::Session session = **found;
    if (now >= session.expires_at) {
      result = absl::UnauthenticatedError(
          session.expires_at >= session.ends_at
              ? absl::StrCat("this session reached its limit of ",
                             absl::FormatDuration(policy_.longest), " at ",
                             Clock(session.ends_at), ": sign in again")
              : absl::StrCat("this session expired at ", Clock(session.expires_at),
                             ", unused for ", absl::FormatDuration(policy_.idle),
                             ": sign in again"));
      return txn.DeleteSession(hash);
    }
    absl::StatusOr<std::optional<store::Account>> account = txn.FindAccount(session.account);
    if (!account.ok()) return account.status();
    if (!account->has_value() || (*account)->disabled) {
      result = absl::UnauthenticatedError("this account is disabled: ask an admin");
      return txn.DeleteSession(hash);
    }
    absl::StatusOr<Role> role = RoleOf(**account);
    if (!role.ok()) return role.status();
    const absl::Time moved = std::min(Micros(now + policy_.idle), session.ends_at);
    if (moved - session.expires_at >= kExtendStep) {
      session.expires_at = moved;
      if (auto s = txn.PutSession(session); !s.ok()) return s;
    }
    result = Caller{session.account, *role, session.expires_at, session.ends_at};
    return absl::OkStatus();
  });
  if (!written.ok()) return written;
  return result;
}

absl::Status Accounts::SignOut(std::string_view token, const Caller& caller) {
  const absl::Time now = Micros(clock_.Now());
  return store_.WithAccess([&](store::AccessTxn& txn) -> absl::Status {
    if (auto s = txn.DeleteSession(SessionTokenHash(token)); !s.ok()) return s;
    return txn.Audit({now, caller.name, "signout", 0});
  });
}

absl::StatusOr<store::Account> Accounts::Create(const Caller& by, std::string_view name,
                                                Role role, std::string_view password) {
  if (auto s = CheckAccountName(name); !s.ok()) return s;
  if (auto s = CheckNewPassword(password); !s.ok()) return s;
  absl::StatusOr<std::string> hash = HashPassword(password);
  if (!hash.ok()) return hash.status();
  const absl::Time now = Micros(clock_.Now());
  store::Account a{std::string(name), std::string(RoleName(role)), *hash};
  a.created_at = now;
  absl::Status s = store_.WithAccess([&](store::AccessTxn& txn) -> absl::Status {
    absl::StatusOr<std::optional<store::Account>> found = txn.FindAccount(name);
    if (!found.ok()) return found.status();
    if (found->has_value()) {
      return absl::AlreadyExistsError(absl::StrCat("an account named ", std::string(name), " exists"));
    }
    if (auto put = txn.PutAccount(a); !put.ok()) return put;
    return txn.Audit({now, by.name, absl::StrCat("account_create:", a.name), 1});
  });
  if (!s.ok()) return s;
  return a;
}

absl::StatusOr<std::vector<store::Account>> Accounts::List(const Caller& by) {
  const absl::Time now = Micros(clock_.Now());
  std::vector<store::Account> accounts;
  absl::Status s = store_.WithAccess([&](store::AccessTxn& txn) -> absl::Status {
    absl::StatusOr<std::vector<store::Account>> all = txn.ListAccounts();
    if (!all.ok()) return all.status();
    accounts = *std::move(all);
    return txn.Audit({now, by.name, "account_list", static_cast<std::int64_t>(accounts.size())});
  });
  if (!s.ok()) return s;
  return accounts;
}

absl::StatusOr<store::Account> Accounts::Update(const Caller& by, const AccountChange& change) {
  std::string new_hash;
  if (!change.new_password.empty()) {
    if (auto s = CheckNewPassword(change.new_password); !s.ok()) return s;
    absl::StatusOr<std::string> hash = HashPassword(change.new_password);
    if (!hash.ok()) return hash.status();
    new_hash = *std::move(hash);
  }
  const absl::Time now = Micros(clock_.Now());
  store::Account updated;
  absl::Status s = store_.WithAccess([&](store::AccessTxn& txn) -> absl::Status {
    absl::StatusOr<std::vector<store::Account>> all = txn.ListAccounts();
    if (!all.ok()) return all.status();
    auto it = std::find_if(all->begin(), all->end(),
                           [&](const store::Account& a) { return a.name == change.name; });
    if (it == all->end()) {
      return absl::NotFoundError(absl::StrCat("no account named ", change.name));
    }
    store::Account& a = *it;
    std::vector<std::string> what;
    if (change.role && a.role != RoleName(*change.role)) {
      a.role = std::string(RoleName(*change.role));
      what.push_back("role");
    }
    if (change.disabled && a.disabled != *change.disabled) {
      a.disabled = *change.disabled;
      what.push_back(a.disabled ? "disable" : "enable");
    }
    if (change.unlock) {
      a.failed_signins = 0;
      a.locked_until = absl::UnixEpoch();
      what.push_back("unlock");
    }
    if (!new_hash.empty()) {
      a.password_hash = new_hash;
      what.push_back("password");
    }
    if (!AnAdminRemains(*all)) {
      return absl::FailedPreconditionError("that would leave no admin who can sign in");
    }
    if (auto put = txn.PutAccount(a); !put.ok()) return put;
    // A disabled account, or one whose password changed, is signed out
    // everywhere.
    if (a.disabled || !new_hash.empty()) {
      if (auto del = txn.DeleteSessionsOf(a.name, now); !del.ok()) return del;
    }
    for (const std::string& w : what) {
      if (auto audited = txn.Audit({now, by.name, absl::StrCat("account_", w, ":", a.name), 1});
          !audited.ok()) {
        return audited;
      }
    }
    updated = a;
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return updated;
}

}  // namespace carevoice::service::auth
