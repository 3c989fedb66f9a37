// A scripted stand-in for the service, for syncer tests: it stores batches
// by submission id the way the contract says (replay -> ALREADY_STORED,
// same id with another body -> REJECTED/ALREADY_EXISTS), and can be told to
// be down, to fail after storing, to refuse some items, or to answer only
// part of a batch. Called on the syncer thread; scripted and inspected from
// the test thread; every member takes the one mutex.
#pragma once

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <optional>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "base/retry_after.h"
#include "client/model/transport.h"
#include "contract/validation.h"

namespace carevoice::client::testing {

class FakeTransport final : public Transport {
 public:
  // ---- Scripting ----

  // While down every call fails with UNAVAILABLE and stores nothing.
  void SetDown(bool down) {
    std::lock_guard lock(mu_);
    down_ = down;
  }
  // The next `calls` SubmitBatch calls store their items and then fail, as
  // a service that commits and dies before replying.
  void StoreThenFail(int calls) {
    std::lock_guard lock(mu_);
    store_then_fail_ = calls;
  }
  // The next SubmitBatch answers only its first `items` items.
  void AnswerOnlyFirst(int items) {
    std::lock_guard lock(mu_);
    answer_only_first_ = items;
  }
  // Items about `service_id` are refused: INVALID_ARGUMENT on
  // feedback.service_id.
  void RejectServiceId(const std::string& service_id) {
    std::lock_guard lock(mu_);
    rejected_service_ids_.insert(service_id);
  }
  // The next `items` items are refused with UNAVAILABLE, as a service whose
  // store was briefly busy.
  void RefuseTransiently(int items) {
    std::lock_guard lock(mu_);
    transient_refusals_ = items;
  }
  void SetCatalog(const v1::Catalog& catalog) {
    std::lock_guard lock(mu_);
    catalog_ = catalog;
  }
  // From now on SubmitBatch and GetCatalog need a credential Enrol gave
  // and not revoked since (UNAUTHENTICATED otherwise).
  void RequireCredential() {
    std::lock_guard lock(mu_);
    require_credential_ = true;
  }
  // A code Enrol accepts once.
  void AddEnrolmentCode(const std::string& code) {
    std::lock_guard lock(mu_);
    codes_.insert(code);
  }
  // Any SubmitBatch holding `id` fails as a whole with INTERNAL, as if that
  // item broke the service.
  void Poison(const std::string& id) {
    std::lock_guard lock(mu_);
    poison_.insert(id);
  }
  // Every credential given so far stops working, as a revoked device's.
  // Fair limits: after every `allowed` batches, the next SubmitBatch is
  // refused (RESOURCE_EXHAUSTED) saying to wait `wait`.
  void LimitBatches(int allowed, absl::Duration wait) {
    std::lock_guard lock(mu_);
    batches_allowed_ = allowed;
    batches_left_ = allowed;
    limit_wait_ = wait;
  }
  // When each SubmitBatch call came, and whether it was refused as over
  // the limit.
  std::vector<std::pair<absl::Time, bool>> batch_calls() const {
    std::lock_guard lock(mu_);
    return batch_calls_;
  }

  void RevokeCredentials() {
    std::lock_guard lock(mu_);
    valid_credentials_.clear();
  }

  // ---- Observations ----

  int submit_calls() const {
    std::lock_guard lock(mu_);
    return submit_calls_;
  }
  // The device's clock reading each answered SubmitBatch carried.
  std::vector<std::optional<google::protobuf::Timestamp>> device_times() const {
    std::lock_guard lock(mu_);
    return device_times_;
  }
  int catalog_calls() const {
    std::lock_guard lock(mu_);
    return catalog_calls_;
  }
  // How many times `id` was sent, and how many times it was newly stored
  // (the second must never exceed one).
  int times_sent(const std::string& id) const {
    std::lock_guard lock(mu_);
    auto it = sent_.find(id);
    return it == sent_.end() ? 0 : it->second;
  }
  int times_stored(const std::string& id) const {
    std::lock_guard lock(mu_);
    auto it = newly_stored_.find(id);
    return it == newly_stored_.end() ? 0 : it->second;
  }
  std::size_t stored_count() const {
    std::lock_guard lock(mu_);
    return stored_.size();
  }
  int conflicts() const {
    std::lock_guard lock(mu_);
    return conflicts_;
  }
  std::vector<std::size_t> batch_sizes() const {
    std::lock_guard lock(mu_);
    return batch_sizes_;
  }

  int enrol_calls() const {
    std::lock_guard lock(mu_);
    return enrol_calls_;
  }
  // What was handed to the quarantine, by submission id: raw and reason.
  std::map<std::string, v1::QuarantinedItem> quarantined() const {
    std::lock_guard lock(mu_);
    return quarantined_;
  }
  // The visits counted, by tally id, and how many count calls came.
  std::map<std::string, v1::TakingPart> counted() const {
    std::lock_guard lock(mu_);
    return counted_;
  }
  std::set<std::string> sealed_counted() const {
    std::lock_guard lock(mu_);
    return sealed_counted_;
  }
  int count_calls() const {
    std::lock_guard lock(mu_);
    return count_calls_;
  }
  std::string credential_in_use() const {
    std::lock_guard lock(mu_);
    return credential_;
  }
  // What CheckReference answers for `reference` (canonical) with `pin`;
  // anything else is not found.
  void SetCheckAnswer(const std::string& reference, const std::string& pin,
                      v1::CheckReferenceResponse answer) {
    std::lock_guard lock(mu_);
    checks_[reference + "/" + pin] = std::move(answer);
  }
  std::vector<v1::CheckReferenceRequest> check_requests() const {
    std::lock_guard lock(mu_);
    return check_requests_;
  }

  // ---- Transport ----

  absl::StatusOr<v1::EnrolResponse> Enrol(const v1::EnrolRequest& request,
                                          absl::Duration) override {
    std::lock_guard lock(mu_);
    ++enrol_calls_;
    if (down_) return absl::UnavailableError("fake: down");
    if (codes_.erase(request.code()) == 0) {
      return absl::NotFoundError("fake: no such enrolment code");
    }
    v1::EnrolResponse response;
    response.set_credential("cvd_fake_" + std::to_string(enrol_calls_));
    valid_credentials_.insert(response.credential());
    return response;
  }

  void UseCredential(const std::string& credential) override {
    std::lock_guard lock(mu_);
    credential_ = credential;
  }

  absl::StatusOr<v1::CheckReferenceResponse> CheckReference(
      const v1::CheckReferenceRequest& request, absl::Duration) override {
    std::lock_guard lock(mu_);
    check_requests_.push_back(request);
    if (down_) return absl::UnavailableError("fake: down");
    if (absl::Status s = CheckCredential(); !s.ok()) return s;
    auto it = checks_.find(request.reference() + "/" + request.pin());
    return it == checks_.end() ? v1::CheckReferenceResponse() : it->second;
  }

  // Counts as the service does: each tally once, by id.
  absl::Status CountTakingPart(const v1::CountTakingPartRequest& request,
                               absl::Duration) override {
    std::lock_guard lock(mu_);
    ++count_calls_;
    if (down_) return absl::UnavailableError("fake: down");
    if (absl::Status s = CheckCredential(); !s.ok()) return s;
    for (const v1::TakingPart& t : request.tallies()) counted_.emplace(t.tally_id(), t);
    for (const v1::SealedSubmission& t : request.sealed()) sealed_counted_.insert(t.submission_id());
    return absl::OkStatus();
  }

  absl::Status Quarantine(const v1::QuarantineRequest& request, absl::Duration) override {
    std::lock_guard lock(mu_);
    if (down_) return absl::UnavailableError("fake: down");
    if (absl::Status s = CheckCredential(); !s.ok()) return s;
    for (const v1::QuarantinedItem& item : request.items()) {
      quarantined_[item.submission_id()] = item;
    }
    return absl::OkStatus();
  }

  absl::StatusOr<v1::SubmitBatchResponse> SubmitBatch(
      const v1::SubmitBatchRequest& request, absl::Duration) override {
    std::lock_guard lock(mu_);
    ++submit_calls_;
    if (down_) return absl::UnavailableError("fake: down");
    if (absl::Status s = CheckCredential(); !s.ok()) return s;
    if (batches_allowed_ > 0) {
      const bool refused = batches_left_ == 0;
      batch_calls_.emplace_back(absl::Now(), refused);
      if (refused) {
        batches_left_ = batches_allowed_;
        return base::WithRetryAfter(absl::ResourceExhaustedError("fake: too many batches"),
                                    limit_wait_);
      }
      --batches_left_;
    }
    batch_sizes_.push_back(request.submissions_size());
    for (const v1::Submission& s : request.submissions()) {
      if (poison_.contains(s.submission_id())) {
        return absl::InternalError("fake: an item in this batch breaks the service");
      }
    }
    device_times_.push_back(request.has_device_time()
                                ? std::optional<google::protobuf::Timestamp>(request.device_time())
                                : std::nullopt);
    v1::SubmitBatchResponse response;
    for (const v1::Submission& s : request.submissions()) {
      ++sent_[s.submission_id()];
      *response.add_results() = Store(s);
    }
    if (store_then_fail_ > 0) {
      --store_then_fail_;
      return absl::UnavailableError("fake: stored, then lost the reply");
    }
    if (answer_only_first_ >= 0) {
      while (response.results_size() > answer_only_first_) {
        response.mutable_results()->RemoveLast();
      }
      answer_only_first_ = -1;
    }
    return response;
  }

  absl::StatusOr<v1::GetCatalogResponse> GetCatalog(
      const v1::GetCatalogRequest& request, absl::Duration) override {
    std::lock_guard lock(mu_);
    ++catalog_calls_;
    if (down_) return absl::UnavailableError("fake: down");
    if (absl::Status s = CheckCredential(); !s.ok()) return s;
    v1::GetCatalogResponse response;
    if (!request.known_version().empty() &&
        request.known_version() == catalog_.version()) {
      response.set_unchanged(true);
    } else {
      *response.mutable_catalog() = catalog_;
    }
    return response;
  }

 private:
  absl::Status CheckCredential() const {
    if (!require_credential_ || valid_credentials_.contains(credential_)) {
      return absl::OkStatus();
    }
    return absl::UnauthenticatedError("fake: this device is not enrolled or was revoked");
  }

  v1::ItemResult Store(const v1::Submission& s) {
    v1::ItemResult result;
    result.set_submission_id(s.submission_id());
    auto refuse = [&](absl::StatusCode code, std::string field,
                      std::string_view key) {
      result.set_outcome(v1::ItemResult::OUTCOME_REJECTED);
      result.set_code(static_cast<int>(code));
      result.set_field(std::move(field));
      result.set_message_key(std::string(key));
      return result;
    };
    if (transient_refusals_ > 0) {
      --transient_refusals_;
      return refuse(absl::StatusCode::kUnavailable, "", "error.busy");
    }
    if (rejected_service_ids_.contains(s.feedback().service_id())) {
      return refuse(absl::StatusCode::kInvalidArgument, "feedback.service_id",
                    contract::kErrUnknownValue);
    }
    const std::string body = s.SerializeAsString();
    auto [it, inserted] = stored_.emplace(s.submission_id(), body);
    if (inserted) {
      ++newly_stored_[s.submission_id()];
      result.set_outcome(v1::ItemResult::OUTCOME_STORED);
    } else if (it->second == body) {
      result.set_outcome(v1::ItemResult::OUTCOME_ALREADY_STORED);
    } else {
      ++conflicts_;
      return refuse(absl::StatusCode::kAlreadyExists, "submission_id",
                    contract::kErrConflict);
    }
    return result;
  }

  std::vector<std::optional<google::protobuf::Timestamp>> device_times_;
  mutable std::mutex mu_;
  bool down_ = false;
  int batches_allowed_ = 0;  // 0: no limit
  int batches_left_ = 0;
  absl::Duration limit_wait_;
  std::vector<std::pair<absl::Time, bool>> batch_calls_;
  int store_then_fail_ = 0;
  int answer_only_first_ = -1;
  int transient_refusals_ = 0;
  std::set<std::string> rejected_service_ids_;
  v1::Catalog catalog_;
  bool require_credential_ = false;
  std::set<std::string> codes_;
  std::set<std::string> valid_credentials_;
  std::set<std::string> poison_;
  std::map<std::string, v1::QuarantinedItem> quarantined_;
  std::map<std::string, v1::TakingPart> counted_;
  std::set<std::string> sealed_counted_;
  int count_calls_ = 0;
  std::map<std::string, v1::CheckReferenceResponse> checks_;
  std::vector<v1::CheckReferenceRequest> check_requests_;
  std::string credential_;

  int enrol_calls_ = 0;
  int submit_calls_ = 0;
  int catalog_calls_ = 0;
  int conflicts_ = 0;
  std::map<std::string, std::string> stored_;  // id -> body
  std::map<std::string, int> sent_;
  std::map<std::string, int> newly_stored_;
  std::vector<std::size_t> batch_sizes_;
};

}  // namespace carevoice::client::testing
