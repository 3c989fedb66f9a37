#include "service/store/audit_chain.h"

#include <sodium.h>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

namespace carevoice::service::store {
namespace {

// Length-prefixed fields: no choice of officer name or action can make two
// different rows encode alike.
void Field(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += ';';
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  // Once, before any use; safe to race (libsodium guards it).
  [[maybe_unused]] static const int ready = sodium_init();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
  return hex;
}

std::string GenesisHash() { return std::string(64, '0'); }

std::string ReasonHash(std::string_view reason) {
  return reason.empty() ? std::string() : Sha256Hex(reason);
}

std::string AuditHash(const AuditEntry& entry, std::string_view prev_hash) {
  std::string encoded = "carevoice-audit-1;";
  Field(encoded, absl::StrCat(entry.seq));
  Field(encoded, absl::StrCat(absl::ToUnixMicros(entry.at)));
  Field(encoded, entry.officer);
  Field(encoded, entry.action);
  Field(encoded, absl::StrCat(entry.count));
  Field(encoded, prev_hash);
  // Added after rows without reasons were written: those still hash alike.
  if (!entry.reason_hash.empty()) Field(encoded, entry.reason_hash);
  return Sha256Hex(encoded);
}

bool AuditChainChecker::Add(const AuditEntry& row) {
  if (!v_.ok()) return false;
  if (row.seq == 0 && v_.checked == 0) {
    ++v_.unchained;  // written before the chain began
    return true;
  }
  auto bad = [&](std::string why) {
    v_.first_bad_seq = row.seq;
    v_.problem = std::move(why);
    return false;
  };
  if (row.seq != expected_seq_) {
    return bad(absl::StrCat("row ", row.seq, " follows ", expected_seq_ - 1,
                            ": a row is missing or out of place"));
  }
  if (row.prev_hash != prev_) {
    return bad(absl::StrCat("row ", row.seq, " does not follow the row before it"));
  }
  if (AuditHash(row, prev_) != row.hash) {
    return bad(absl::StrCat("row ", row.seq, " was changed after it was written"));
  }
  // An erased reason is empty; one still there must be the one hashed.
  if (!row.reason.empty() && ReasonHash(row.reason) != row.reason_hash) {
    return bad(absl::StrCat("row ", row.seq, "'s reason was changed after it was written"));
  }
  if (anchor_ && row.seq == anchor_->seq && row.hash != anchor_->hash) {
    return bad(absl::StrCat("row ", row.seq, " is not the row seen there before: the chain "
                            "was rewritten up to it"));
  }
  prev_ = row.hash;
  ++expected_seq_;
  ++v_.checked;
  v_.head_seq = row.seq;
  v_.head_hash = row.hash;
  return true;
}

AuditVerification AuditChainChecker::Finish() {
  if (v_.ok() && anchor_ && anchor_->seq > v_.head_seq) {
    v_.first_bad_seq = v_.head_seq + 1;
    v_.problem = absl::StrCat("the chain ends at row ", v_.head_seq, " but row ", anchor_->seq,
                              " was seen before: rows were removed from its end");
  }
  return v_;
}

AuditVerification VerifyAuditChain(std::span<const AuditEntry> rows,
                                   const AuditAnchor* anchor) {
  AuditChainChecker checker(anchor);
  for (const AuditEntry& row : rows) {
    if (!checker.Add(row)) break;
  }
  return checker.Finish();
}

}  // namespace carevoice::service::store
