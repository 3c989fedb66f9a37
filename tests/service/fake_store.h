// An in-memory Store for tests that need no SQLite file: the real business
// rules (ruled_store.cc) over an in-memory engine, so replays, conflicts
// and equality counts behave exactly as on disk. Any thread.
#pragma once

#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "service/store/engine.h"
#include "service/store/store.h"

namespace carevoice::service::testing {

// The engine alone, for tests that inject failures or look at its rows.
class FakeStoreEngine final : public store::StoreEngine {
 public:
  FakeStoreEngine();
  ~FakeStoreEngine() override;

  // The next `n` writes fail with `error` and change nothing.
  void FailNextWrites(int n, absl::Status error);
  // How many writes have committed.
  int committed_writes() const;
  // How many times FindByReference was asked.
  int reference_lookups() const;
  // Every quarantined row, with its bytes, oldest first.
  std::vector<store::QuarantineRow> quarantined() const;

  absl::Status Write(store::WriteJob job) override;
  absl::StatusOr<std::vector<store::ReferenceStatus>> FindByReference(
      std::string_view reference) override;
  absl::StatusOr<store::ListPage> ListSubmissions(
      int limit, const std::optional<store::ListCursor>& after) override;
  absl::StatusOr<std::int64_t> ForEachSubmission(
      const std::function<bool(const v1::SubmissionRecord&)>& sink) override;
  absl::StatusOr<std::int64_t> ForEachSubmissionUpTo(
      const store::ListCursor& upto,
      const std::function<bool(const v1::SubmissionRecord&)>& sink) override;
  absl::StatusOr<std::vector<store::AuditEntry>> ListAudit(int limit) override;
  absl::Status ForEachAudit(
      const std::function<bool(const store::AuditEntry&)>& sink) override;
  absl::Status ForEachQuarantined(
      const std::function<bool(const store::QuarantineRow&)>& sink) override {
    for (const store::QuarantineRow& row : quarantined()) {
      if (!sink(row)) break;
    }
    return absl::OkStatus();
  }
  absl::Status Scrub() override { return absl::OkStatus(); }  // no file
  // The in-memory store has no file to copy.
  absl::Status Backup(const std::function<bool(std::string_view)>&) override {
    return absl::UnimplementedError("the in-memory store cannot be backed up");
  }
  absl::StatusOr<std::vector<store::TakingPartCount>> TakingPartCounts() override;
  absl::StatusOr<std::vector<store::FacetCount>> CountSubmissions(
      absl::Time from, absl::Time to, store::ReportFacet facet) override;
  absl::StatusOr<store::StoredExtent> SubmissionsStored() override;
  absl::Status ForEachClockedCase(
      absl::Time from, absl::Time to, bool open_only,
      const std::function<bool(const store::ClockedCase&)>& sink) override;
  absl::Status ForEachThemedCase(
      absl::Time from, absl::Time to, bool with_bodies,
      const std::function<bool(const store::ThemedCase&)>& sink) override;
  absl::Status ForEachSubmissionOfKind(
      std::string_view kind, absl::Time from, absl::Time to,
      const std::function<bool(const v1::Submission&)>& sink) override;
  absl::StatusOr<std::vector<store::FacetCount>> CountOutcomes(absl::Time from, absl::Time to,
                                                               std::string_view kind) override;
  absl::StatusOr<std::optional<store::Device>> FindDeviceByCredential(
      std::string_view credential_hash) override;
  absl::StatusOr<std::int64_t> LatestCatalogSerial() override;
  absl::StatusOr<std::optional<store::StoredCatalog>> LatestCatalog() override;

 private:
  struct State;
  struct Txn;
  absl::StatusOr<std::int64_t> ForEachIn(
      const std::optional<store::ListCursor>& upto,
      const std::function<bool(const v1::SubmissionRecord&)>& sink);
  std::unique_ptr<State> state_;
};

// The Store with the real rules over a FakeStoreEngine. `engine`, when
// given, is set to the engine (owned by the store) for failure injection.
std::unique_ptr<store::Store> NewFakeStore(
    FakeStoreEngine** engine = nullptr);

}  // namespace carevoice::service::testing
