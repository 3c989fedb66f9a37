// The audit's hash chain, the same for every engine: each row's hash covers
// its place in the chain, what it records and the previous row's hash, so
// a row changed later, or one removed from before the newest, no longer
// fits. Removing the newest rows leaves a shorter chain that still fits:
// an anchor kept outside the database (a row and its hash seen earlier)
// shows that.
// Pure functions: any thread.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "service/store/store.h"

namespace carevoice::service::store {

// SHA-256 of `bytes`, lower-case hex.
std::string Sha256Hex(std::string_view bytes);

// The hash before the first row: 64 zeros.
std::string GenesisHash();

// SHA-256 of a reason, in hex; empty for no reason.
std::string ReasonHash(std::string_view reason);

// SHA-256, in lower-case hex, of a fixed encoding of `entry`'s seq, time,
// officer, action, count and reason_hash (not the reason itself, which
// erasure may remove), and `prev_hash`.
std::string AuditHash(const AuditEntry& entry, std::string_view prev_hash);

// Checks `rows`, oldest first: rows from before the chain (seq 0) may only
// come first; then seqs run 1, 2, 3 ... with no gap, each prev_hash is the
// hash before it, each hash is what the row says, and a reason still
// present is the one its reason_hash was made from. With an `anchor`, the
// chain must reach its row, with its hash.
AuditVerification VerifyAuditChain(std::span<const AuditEntry> rows,
                                   const AuditAnchor* anchor = nullptr);

// The same check a row at a time, oldest first, so an audit of any length
// is checked without holding it all.
class AuditChainChecker {
 public:
  // `anchor`, when given, must outlive the checker.
  explicit AuditChainChecker(const AuditAnchor* anchor = nullptr) : anchor_(anchor) {}
  // False once a row does not fit (later rows are not looked at).
  bool Add(const AuditEntry& row);
  AuditVerification Finish();

 private:
  const AuditAnchor* anchor_;
  AuditVerification v_;
  std::string prev_ = GenesisHash();
  std::int64_t expected_seq_ = 1;
};

}  // namespace carevoice::service::store
