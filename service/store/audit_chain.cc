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

AuditVerification VerifyAuditChain(std::span<const AuditEntry> rows,
                                   const AuditAnchor* anchor) {
  AuditVerification v;
  std::string prev = GenesisHash();
  std::int64_t expected_seq = 1;
  for (const AuditEntry& row : rows) {
    if (row.seq == 0 && v.checked == 0) {
      ++v.unchained;  // written before the chain began
      continue;
    }
    auto bad = [&](std::string why) {
      v.first_bad_seq = row.seq;
      v.problem = std::move(why);
      return v;
    };
    if (row.seq != expected_seq) {
      return bad(absl::StrCat("row ", row.seq, " follows ", expected_seq - 1,
                              ": a row is missing or out of place"));
    }
    if (row.prev_hash != prev) {
      return bad(absl::StrCat("row ", row.seq, " does not follow the row before it"));
    }
    if (AuditHash(row, prev) != row.hash) {
      return bad(absl::StrCat("row ", row.seq, " was changed after it was written"));
    }
    // An erased reason is empty; one still there must be the one hashed.
    if (!row.reason.empty() && ReasonHash(row.reason) != row.reason_hash) {
      return bad(absl::StrCat("row ", row.seq, "'s reason was changed after it was written"));
    }
    if (anchor != nullptr && row.seq == anchor->seq && row.hash != anchor->hash) {
      return bad(absl::StrCat("row ", row.seq, " is not the row seen there before: the chain "
                              "was rewritten up to it"));
    }
    prev = row.hash;
    ++expected_seq;
    ++v.checked;
    v.head_seq = row.seq;
    v.head_hash = row.hash;
  }
  if (anchor != nullptr && anchor->seq > v.head_seq) {
    v.first_bad_seq = v.head_seq + 1;
    v.problem = absl::StrCat("the chain ends at row ", v.head_seq, " but row ", anchor->seq,
                             " was seen before: rows were removed from its end");
  }
  return v;
}

}  // namespace carevoice::service::store
