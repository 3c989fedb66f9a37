// The Store's business rules over any StoreEngine (DESIGN.md rules 2 and 4):
// a replay with a byte-identical canonical body answers with the first
// receipt; the same id with a different body is refused and the original
// kept; who took part is counted apart, each answer on its own, and a
// visit's retry is not counted again.
#include <algorithm>
#include <iterator>
#include <limits>
#include <utility>

#include "absl/time/time.h"
#include "base/proto_time.h"
#include "contract/facts.h"
#include "service/store/audit_chain.h"
#include "service/store/engine.h"
#include "service/store/submission_facts.h"
#include "service/store/taking_part_cells.h"

namespace carevoice::service::store {
namespace {

using contract::IsUrgent;
using contract::KindOf;
using contract::ServiceIdOf;

// Writes `entry` as the next link of the audit's hash chain, inside the
// transaction that records what it audits (one writer: no race for the
// last link).
absl::Status AppendAudit(WriteTxn& txn, AuditEntry entry) {
  absl::StatusOr<std::optional<AuditEntry>> last = txn.LastAudit();
  if (!last.ok()) return last.status();
  const bool chained = last->has_value() && (*last)->seq > 0;
  entry.seq = chained ? (*last)->seq + 1 : 1;
  entry.prev_hash = chained ? (*last)->hash : GenesisHash();
  // Stored times are whole microseconds: hash what will be read back.
  entry.at = absl::FromUnixMicros(absl::ToUnixMicros(entry.at));
  entry.reason_hash = ReasonHash(entry.reason);
  entry.hash = AuditHash(entry, entry.prev_hash);
  return txn.InsertAudit(entry);
}

// An accounts job's view: the engine's rows, and audit rows chained.
class RuledAccessTxn final : public AccessTxn {
 public:
  explicit RuledAccessTxn(WriteTxn& txn) : txn_(txn) {}
  absl::StatusOr<std::optional<Account>> FindAccount(std::string_view name) override {
    return txn_.FindAccount(name);
  }
  absl::Status PutAccount(const Account& account) override {
    return txn_.PutAccount(account);
  }
  absl::StatusOr<std::vector<Account>> ListAccounts() override { return txn_.ListAccounts(); }
  absl::StatusOr<std::optional<Session>> FindSession(std::string_view token_hash) override {
    return txn_.FindSession(token_hash);
  }
  absl::Status PutSession(const Session& session) override { return txn_.PutSession(session); }
  absl::Status DeleteSession(std::string_view token_hash) override {
    return txn_.DeleteSession(token_hash);
  }
  absl::Status DeleteSessionsOf(std::string_view account, absl::Time now) override {
    return txn_.DeleteSessionsOf(account, now);
  }
  absl::StatusOr<std::optional<Device>> FindDevice(std::string_view device_id) override {
    return txn_.FindDevice(device_id);
  }
  absl::Status PutDevice(const Device& device) override { return txn_.PutDevice(device); }
  absl::StatusOr<std::vector<Device>> ListDevices() override { return txn_.ListDevices(); }
  absl::StatusOr<std::optional<EnrolmentCode>> FindEnrolmentCode(
      std::string_view code_hash) override {
    return txn_.FindEnrolmentCode(code_hash);
  }
  absl::Status PutEnrolmentCode(const EnrolmentCode& code) override {
    return txn_.PutEnrolmentCode(code);
  }
  absl::StatusOr<std::optional<absl::Time>> FindLimit(std::string_view key) override {
    return txn_.FindLimit(key);
  }
  absl::Status PutLimit(std::string_view key, absl::Time spent_until) override {
    return txn_.PutLimit(key, spent_until);
  }
  absl::Status ForgetLimitsBefore(absl::Time now) override {
    return txn_.ForgetLimitsBefore(now);
  }
  absl::StatusOr<std::optional<SigninFailures>> FindSigninFailures(
      std::string_view name_hash) override {
    return txn_.FindSigninFailures(name_hash);
  }
  absl::StatusOr<std::vector<SealingKey>> ListSealingKeys() override {
    return txn_.ListSealingKeys();
  }
  absl::Status PutSealingKey(const SealingKey& key) override { return txn_.PutSealingKey(key); }
  absl::StatusOr<std::optional<v1::SubmissionRecord>> FindSubmissionRecord(
      std::string_view submission_id) override {
    return txn_.FindSubmissionRecord(submission_id);
  }
  absl::StatusOr<std::optional<CaseRow>> FindCase(std::string_view submission_id) override {
    return txn_.FindCase(submission_id);
  }
  absl::StatusOr<std::vector<CaseRow>> ListCases() override { return txn_.ListCases(); }
  absl::Status PutCase(const CaseRow& row, v1::CaseStatus status) override {
    return txn_.PutCase(row, status);
  }
  absl::Status AddCaseEvent(const CaseEvent& event) override { return txn_.AddCaseEvent(event); }
  absl::StatusOr<std::vector<CaseEvent>> ListCaseEvents(std::string_view submission_id) override {
    return txn_.ListCaseEvents(submission_id);
  }
  absl::Status PutSigninFailures(std::string_view name_hash,
                                 const SigninFailures& failures) override {
    return txn_.PutSigninFailures(name_hash, failures);
  }
  absl::Status ForgetSigninFailuresBefore(absl::Time then) override {
    return txn_.ForgetSigninFailuresBefore(then);
  }
  absl::Status Audit(const AuditEntry& entry) override { return AppendAudit(txn_, entry); }

 private:
  WriteTxn& txn_;
};

class RuledStore final : public Store {
 public:
  explicit RuledStore(std::unique_ptr<StoreEngine> engine)
      : engine_(std::move(engine)) {}

  absl::StatusOr<std::vector<PutResult>> PutSubmissions(
      std::string_view device_id,
      std::span<const v1::Submission* const> items, absl::Time received_at,
      absl::Duration device_clock_offset, const AccessCheck& check,
      std::span<const std::string> pin_hashes) override {
    if (!pin_hashes.empty() && pin_hashes.size() != items.size()) {
      return absl::InvalidArgumentError("one PIN hash per item, or none");
    }
    // Round to what is stored, so the first answer and every replay agree.
    const absl::Time received =
        absl::FromUnixMicros(absl::ToUnixMicros(received_at));
    const absl::Duration offset =
        absl::Microseconds(absl::ToInt64Microseconds(device_clock_offset));
    std::vector<SubmissionRow> rows;
    rows.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
      const v1::Submission* s = items[i];
      const absl::Time told = absl::FromUnixMicros(
          absl::ToUnixMicros(base::FromProtoTimestamp(s->created_at()) + offset));
      rows.push_back(SubmissionRow{
          s->submission_id(), CanonicalBody(*s), std::string(device_id),
          s->reference(), std::string(KindOf(*s)), IsUrgent(*s),
          std::string(ServiceIdOf(*s)), received, told, offset,
          pin_hashes.empty() ? std::string() : pin_hashes[i], ReportFactsOf(*s)});
    }

    std::vector<PutResult> results;
    absl::Status s = engine_->Write([&](WriteTxn& txn) -> absl::Status {
      results.clear();  // a job may be run again after a failed attempt
      if (check) {
        if (absl::Status s = check(txn); !s.ok()) return s;
      }
      for (std::size_t i = 0; i < rows.size(); ++i) {
        absl::StatusOr<PutResult> r = PutOne(txn, rows[i]);
        if (!r.ok()) return r.status();
        results.push_back(*r);
      }
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
    return results;
  }

  absl::StatusOr<std::vector<ReferenceStatus>> FindByReference(
      std::string_view reference) override {
    return engine_->FindByReference(reference);
  }

  absl::StatusOr<ListPage> ListSubmissions(
      int limit, const std::optional<ListCursor>& after) override {
    if (limit < 1) return absl::InvalidArgumentError("limit must be >= 1");
    return engine_->ListSubmissions(limit, after);
  }

  absl::StatusOr<std::int64_t> ForEachSubmission(
      const std::function<bool(const v1::SubmissionRecord&)>& sink) override {
    return engine_->ForEachSubmission(sink);
  }

  absl::StatusOr<ListPage> ListSubmissionsAudited(
      int limit, const std::optional<ListCursor>& after,
      AuditEntry audit) override {
    if (limit < 1) return absl::InvalidArgumentError("limit must be >= 1");
    ListPage page;
    absl::Status s = engine_->Write([&](WriteTxn& txn) -> absl::Status {
      absl::StatusOr<ListPage> read = txn.ListSubmissions(limit, after);
      if (!read.ok()) return read.status();
      page = *std::move(read);
      audit.count = static_cast<std::int64_t>(page.records.size());
      return AppendAudit(txn, audit);
    });
    if (!s.ok()) return s;
    return page;
  }

  absl::StatusOr<std::int64_t> ExportSubmissionsAudited(
      AuditEntry audit,
      const std::function<bool(const v1::SubmissionRecord&)>& sink) override {
    // The audit row and the extent it counts commit together; the records
    // are then read outside the writer, so a slow reader of a long export
    // never holds up the kiosks' submissions.
    SubmissionsExtent extent;
    absl::Status s = engine_->Write([&](WriteTxn& txn) -> absl::Status {
      absl::StatusOr<SubmissionsExtent> e = txn.Extent();
      if (!e.ok()) return e.status();
      extent = *e;
      audit.count = extent.count;
      return AppendAudit(txn, audit);
    });
    if (!s.ok()) return s;

    std::int64_t handed = 0;
    absl::StatusOr<std::int64_t> visited = std::int64_t{0};
    if (extent.last) {
      // Never more than the audit row counts, even if a clock stepped back
      // and a later submission sorts inside the extent.
      visited = engine_->ForEachSubmissionUpTo(
          *extent.last, [&](const v1::SubmissionRecord& record) {
            if (handed == extent.count) return false;
            ++handed;
            return sink(record);
          });
    }
    if (!visited.ok() || handed < extent.count) {
      AuditEntry stopped = audit;
      stopped.action += "_stopped";
      stopped.count = handed;
      absl::Status recorded = engine_->Write(
          [&](WriteTxn& txn) { return AppendAudit(txn, stopped); });
      if (!visited.ok()) return visited.status();
      if (!recorded.ok()) return recorded;
    }
    return handed;
  }

  absl::Status ForEachQuarantined(
      const std::function<bool(const QuarantineRow&)>& sink) override {
    return engine_->ForEachQuarantined(sink);
  }

  absl::Status ForEachAudit(const std::function<bool(const AuditEntry&)>& sink) override {
    return engine_->ForEachAudit(sink);
  }

  absl::StatusOr<std::int64_t> Erase(const Erasure& erasure, AuditEntry audit) override {
    audit.count = static_cast<std::int64_t>(erasure.submission_ids.size() +
                                            erasure.quarantine_ids.size() +
                                            erasure.audit_seqs.size() +
                                            erasure.anonymised.size());
    absl::Status s = engine_->Write([&](WriteTxn& txn) -> absl::Status {
      for (const auto& [id, body] : erasure.anonymised) {
        if (absl::Status a = txn.ReplaceSubmissionBody(id, body); !a.ok()) return a;
      }
      for (const std::string& id : erasure.submission_ids) {
        if (absl::Status d = txn.DeleteSubmission(id); !d.ok()) return d;
      }
      for (std::int64_t id : erasure.quarantine_ids) {
        if (absl::Status d = txn.DeleteQuarantined(id); !d.ok()) return d;
      }
      for (std::int64_t seq : erasure.audit_seqs) {
        if (absl::Status d = txn.EraseAuditReason(seq); !d.ok()) return d;
      }
      return AppendAudit(txn, audit);
    });
    if (!s.ok()) return s;
    if (absl::Status scrubbed = engine_->Scrub(); !scrubbed.ok()) return scrubbed;
    return audit.count;
  }

  absl::Status Backup(const std::function<bool(std::string_view)>& sink,
                      const AuditEntry& audit) override {
    if (absl::Status s = RecordAudit(audit); !s.ok()) return s;
    return engine_->Backup(sink);
  }

  absl::Status RecordAudit(const AuditEntry& entry) override {
    return engine_->Write(
        [&](WriteTxn& txn) { return AppendAudit(txn, entry); });
  }

  absl::StatusOr<AuditVerification> VerifyAudit(
      const std::optional<AuditAnchor>& anchor) override {
    AuditChainChecker checker(anchor ? &*anchor : nullptr);
    if (absl::Status s = engine_->ForEachAudit(
            [&](const AuditEntry& row) { return checker.Add(row); });
        !s.ok()) {
      return s;
    }
    return checker.Finish();
  }

  absl::StatusOr<std::vector<AuditEntry>> ListAudit(int limit) override {
    return engine_->ListAudit(limit);
  }

  absl::StatusOr<std::optional<Device>> FindDeviceByCredential(
      std::string_view credential_hash) override {
    return engine_->FindDeviceByCredential(credential_hash);
  }

  absl::StatusOr<std::int64_t> PublishCatalog(std::string_view bytes,
                                              AuditEntry audit) override {
    std::int64_t serial = 0;
    absl::Status s = engine_->Write([&](WriteTxn& txn) -> absl::Status {
      absl::StatusOr<std::int64_t> inserted = txn.InsertCatalog(bytes, audit.at, audit.officer);
      if (!inserted.ok()) return inserted.status();
      serial = *inserted;
      return AppendAudit(txn, audit);
    });
    if (!s.ok()) return s;
    return serial;
  }
  absl::StatusOr<std::int64_t> LatestCatalogSerial() override {
    return engine_->LatestCatalogSerial();
  }
  absl::StatusOr<std::optional<StoredCatalog>> LatestCatalog() override {
    return engine_->LatestCatalog();
  }

  absl::Status PutQuarantine(std::span<const QuarantineRow> rows) override {
    return engine_->Write([&](WriteTxn& txn) -> absl::Status {
      for (QuarantineRow row : rows) {
        row.received_at = absl::FromUnixMicros(absl::ToUnixMicros(row.received_at));
        if (auto s = txn.InsertQuarantine(row); !s.ok()) return s;
      }
      return absl::OkStatus();
    });
  }

  absl::StatusOr<std::vector<QuarantineRow>> ListQuarantineAudited(int limit,
                                                                   AuditEntry audit) override {
    if (limit < 1) return absl::InvalidArgumentError("limit must be >= 1");
    std::vector<QuarantineRow> rows;
    absl::Status s = engine_->Write([&](WriteTxn& txn) -> absl::Status {
      absl::StatusOr<std::vector<QuarantineRow>> read = txn.ListQuarantine(limit);
      if (!read.ok()) return read.status();
      rows = *std::move(read);
      audit.count = static_cast<std::int64_t>(rows.size());
      return AppendAudit(txn, audit);
    });
    if (!s.ok()) return s;
    return rows;
  }

  absl::Status WithAccess(const std::function<absl::Status(AccessTxn&)>& job) override {
    return engine_->Write([&](WriteTxn& txn) {
      RuledAccessTxn accounts(txn);
      return job(accounts);
    });
  }

  absl::Status CountTakingPart(std::span<const v1::TakingPart> tallies) override {
    return engine_->Write([&](WriteTxn& txn) -> absl::Status {
      for (const v1::TakingPart& tally : tallies) {
        absl::StatusOr<bool> fresh = txn.MarkTallyCounted(tally.tally_id());
        if (!fresh.ok()) return fresh.status();
        if (!*fresh) continue;  // a retry: counted already
        for (const auto& [aspect, value] : TakingPartCells(tally)) {
          if (absl::Status s = txn.AddTakingPartCount(tally.month(), aspect, value); !s.ok()) {
            return s;
          }
        }
      }
      return absl::OkStatus();
    });
  }

  absl::StatusOr<std::vector<TakingPartCount>> TakingPartCounts() override {
    return engine_->TakingPartCounts();
  }

  absl::StatusOr<std::vector<FacetCount>> CountSubmissions(absl::Time from, absl::Time to,
                                                           ReportFacet facet) override {
    return engine_->CountSubmissions(from, to, facet);
  }

  absl::StatusOr<StoredExtent> SubmissionsStored() override { return engine_->SubmissionsStored(); }

  absl::Status ForEachClockedCase(absl::Time from, absl::Time to, bool open_only,
                                  const std::function<bool(const ClockedCase&)>& sink) override {
    return engine_->ForEachClockedCase(from, to, open_only, sink);
  }

  absl::Status ForEachThemedCase(absl::Time from, absl::Time to, bool with_bodies,
                                 const std::function<bool(const ThemedCase&)>& sink) override {
    return engine_->ForEachThemedCase(from, to, with_bodies, sink);
  }

  absl::Status ForEachSubmissionOfKind(
      std::string_view kind, absl::Time from, absl::Time to,
      const std::function<bool(const v1::Submission&)>& sink) override {
    return engine_->ForEachSubmissionOfKind(kind, from, to, sink);
  }

  absl::StatusOr<std::vector<FacetCount>> CountOutcomes(absl::Time from, absl::Time to,
                                                        std::string_view kind) override {
    return engine_->CountOutcomes(from, to, kind);
  }

  absl::StatusOr<std::int64_t> AddBallotCodes(std::string_view ballot_id,
                                              std::span<const std::string> code_hashes,
                                              AuditEntry audit) override {
    std::int64_t issued = 0;
    absl::Status s = engine_->Write([&](WriteTxn& txn) -> absl::Status {
      absl::StatusOr<std::optional<BallotBox>> found = txn.FindBallotBox(ballot_id);
      if (!found.ok()) return found.status();
      BallotBox box = found->value_or(BallotBox{std::string(ballot_id), {}, {}, {}});
      std::vector<std::string> added(code_hashes.begin(), code_hashes.end());
      std::sort(added.begin(), added.end());
      std::vector<std::string> codes;
      std::set_union(box.codes.begin(), box.codes.end(), added.begin(), added.end(),
                     std::back_inserter(codes));
      if (codes.size() != box.codes.size() + added.size()) {
        return absl::AlreadyExistsError("a code was issued twice; none were added");
      }
      box.codes = std::move(codes);
      issued = static_cast<std::int64_t>(box.codes.size());
      if (absl::Status put = txn.PutBallotBox(box); !put.ok()) return put;
      audit.count = static_cast<std::int64_t>(added.size());
      return AppendAudit(txn, audit);
    });
    if (!s.ok()) return s;
    return issued;
  }

  absl::StatusOr<CastOutcome> CastVote(std::string_view ballot_id, std::string_view code_hash,
                                       std::string_view cast_hash,
                                       std::string_view paper) override {
    CastOutcome outcome = CastOutcome::kUnknownCode;
    absl::Status s = engine_->Write([&](WriteTxn& txn) -> absl::Status {
      absl::StatusOr<std::optional<BallotBox>> found = txn.FindBallotBox(ballot_id);
      if (!found.ok()) return found.status();
      if (!*found || !std::binary_search((*found)->codes.begin(), (*found)->codes.end(),
                                         std::string(code_hash))) {
        outcome = CastOutcome::kUnknownCode;
        return absl::OkStatus();
      }
      BallotBox& box = **found;
      // `used` is sorted by code hash first: find this code's entry.
      const std::string code(code_hash);
      auto it = std::lower_bound(box.used.begin(), box.used.end(), code);
      if (it != box.used.end() && it->compare(0, code.size(), code) == 0) {
        outcome = it->substr(code.size()) == cast_hash ? CastOutcome::kAlreadyCast
                                                       : CastOutcome::kCodeUsed;
        return absl::OkStatus();
      }
      box.used.insert(it, std::string(code_hash) + std::string(cast_hash));
      box.papers.insert(std::upper_bound(box.papers.begin(), box.papers.end(), paper),
                        std::string(paper));
      outcome = CastOutcome::kCast;
      return txn.PutBallotBox(box);
    });
    if (!s.ok()) return s;
    if (outcome == CastOutcome::kCast || outcome == CastOutcome::kAlreadyCast) {
      // The write-ahead log holds the box as it was before and after this
      // cast: a pair that would join the paper to its code. It goes now
      // (again on a retry, in case readers held it up the first time).
      if (absl::Status scrubbed = engine_->Scrub(); !scrubbed.ok()) return scrubbed;
    }
    return outcome;
  }

  absl::StatusOr<BallotBox> FindBallotBox(std::string_view ballot_id) override {
    BallotBox box{std::string(ballot_id), {}, {}, {}};
    absl::Status s = engine_->Write([&](WriteTxn& txn) -> absl::Status {
      absl::StatusOr<std::optional<BallotBox>> found = txn.FindBallotBox(ballot_id);
      if (!found.ok()) return found.status();
      if (*found) box = **found;
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
    return box;
  }

 private:
  static absl::StatusOr<PutResult> PutOne(WriteTxn& txn,
                                          const SubmissionRow& row) {
    absl::StatusOr<std::optional<StoredBody>> found =
        txn.FindSubmission(row.submission_id);
    if (!found.ok()) return found.status();
    if (*found) {
      // Compared byte for byte (without the PIN).
      return PutResult{(*found)->body == row.body
                           ? PutResult::Outcome::kAlreadyStored
                           : PutResult::Outcome::kConflict,
                       (*found)->received_at};
    }
    if (absl::Status s = txn.InsertSubmission(row); !s.ok()) return s;
    return PutResult{PutResult::Outcome::kStored, row.received_at};
  }

  std::unique_ptr<StoreEngine> engine_;
};

}  // namespace

std::unique_ptr<Store> NewRuledStore(std::unique_ptr<StoreEngine> engine) {
  return std::make_unique<RuledStore>(std::move(engine));
}

}  // namespace carevoice::service::store
