#include "service/rpc/handlers.h"

#include <algorithm>
#include <deque>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <sodium.h>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/ascii.h"
#include "base/canonical.h"
#include "base/proto_time.h"
#include "contract/limits.h"
#include "contract/reference_code.h"
#include "contract/validation.h"
#include "service/auth/passwords.h"
#include "service/ballots/papers.h"
#include "service/reports/committee.h"
#include "service/reports/consultations.h"
#include "service/reports/suppression.h"
#include "service/log.h"
#include "contract/redaction.h"

namespace carevoice::service::rpc {
namespace {

// The "device" of complaints officers enter: outside the device ids a
// kiosk may enrol with ([A-Za-z0-9_-]), so it is never a real device's.
constexpr char kOfficerDevice[] = ":officer";

std::string ChannelName(v1::Channel channel) {
  switch (channel) {
    case v1::CHANNEL_KIOSK: return "kiosk";
    case v1::CHANNEL_TABLET: return "tablet";
    case v1::CHANNEL_OFFICER: return "officer";
    default: return "";
  }
}

constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 1000;
constexpr std::size_t kMinReasonLength = 5;
constexpr std::size_t kMaxReasonLength = 500;
constexpr std::size_t kMaxQuarantinedBytes = 1024 * 1024;
constexpr std::size_t kMaxQuarantinedIdLength = 100;
constexpr std::size_t kMaxCatalogJsonBytes = 4 * 1024 * 1024;
constexpr std::size_t kMaxConsultationJsonBytes = 1024 * 1024;
constexpr int kMaxBallotCodes = 10000;
constexpr std::size_t kMaxNoticeJsonBytes = 64 * 1024;

// google.rpc.Code values carried in ItemResult.code.
constexpr int kCodeInvalidArgument = 3;
constexpr int kCodeAlreadyExists = 6;
constexpr int kCodeDataLoss = 15;

// To the microsecond, as the store keeps it, so a replay's answer equals
// the first one.
void SetTimestamp(absl::Time t, google::protobuf::Timestamp* ts) {
  *ts = base::TimestampFromUnixMicros(absl::ToUnixMicros(t));
}

void Reject(v1::ItemResult* result, int code, std::string_view field,
            std::string_view message_key) {
  result->set_outcome(v1::ItemResult::OUTCOME_REJECTED);
  result->set_code(code);
  result->set_field(std::string(field));
  result->set_message_key(std::string(message_key));
}

// Page tokens are opaque to clients: base64 of "micros:submission_id".
std::string EncodePageToken(const store::ListCursor& cursor) {
  return absl::WebSafeBase64Escape(absl::StrCat(
      cursor.urgent ? 1 : 0, ":", cursor.received_at_micros, ":", cursor.submission_id));
}

absl::StatusOr<store::ListCursor> DecodePageToken(std::string_view token) {
  std::string raw;
  store::ListCursor cursor;
  const absl::Status bad =
      absl::InvalidArgumentError("page_token is not one this service gave");
  if (!absl::WebSafeBase64Unescape(std::string(token), &raw)) return bad;
  // "<urgent 0|1>:<received_at micros>:<submission id>"
  const std::size_t first = raw.find(':');
  const std::size_t second =
      first == std::string::npos ? std::string::npos : raw.find(':', first + 1);
  if (second == std::string::npos) return bad;
  const std::string_view urgent = std::string_view(raw).substr(0, first);
  if (urgent != "0" && urgent != "1") return bad;
  cursor.urgent = urgent == "1";
  if (!absl::SimpleAtoi(absl::string_view(raw).substr(first + 1, second - first - 1),
                        &cursor.received_at_micros)) {
    return bad;
  }
  cursor.submission_id = raw.substr(second + 1);
  if (!contract::IsValidSubmissionId(cursor.submission_id)) return bad;
  return cursor;
}

// Reading words or contact details needs a reason, kept in the audit.
absl::Status CheckReason(const std::string& reason, const char* what) {
  const absl::string_view trimmed = absl::StripAsciiWhitespace(reason);
  if (trimmed.size() < kMinReasonLength || reason.size() > kMaxReasonLength) {
    return absl::InvalidArgumentError(absl::StrCat(
        "say why you need ", what, " (a reason of 5 to 500 characters): it is audited"));
  }
  return absl::OkStatus();
}

void SetAccount(const store::Account& a, v1::Account* out) {
  out->set_name(a.name);
  if (auto role = auth::RoleFromName(a.role)) out->set_role(auth::RoleToProto(*role));
  out->set_disabled(a.disabled);
  if (a.locked_until > absl::UnixEpoch()) SetTimestamp(a.locked_until, out->mutable_locked_until());
  SetTimestamp(a.created_at, out->mutable_created_at());
}

void SetDevice(const store::Device& d, v1::Device* out) {
  out->set_device_id(d.device_id);
  out->set_site(d.site);
  out->set_mode(d.mode);
  SetTimestamp(d.enrolled_at, out->mutable_enrolled_at());
  if (d.revoked()) SetTimestamp(d.revoked_at, out->mutable_revoked_at());
}

absl::StatusOr<auth::Role> RoleFrom(v1::Role role) {
  std::optional<auth::Role> r = auth::RoleFromProto(role);
  if (!r) return absl::InvalidArgumentError("role must be admin, officer or clerk");
  return *r;
}

// The submission sealed in `item`: NotFound or DataLoss (IsUnopenable)
// when it cannot be opened, or opens to something that is not the
// submission named outside the seal; another error when the keys cannot
// be read now.
absl::StatusOr<v1::Submission> OpenSealed(auth::SealingKeys* sealing,
                                          const v1::SealedSubmission& item) {
  if (sealing == nullptr) return absl::NotFoundError("this service holds no sealing keys");
  absl::StatusOr<std::string> bytes = sealing->Open(item.key_id(), item.sealed());
  if (!bytes.ok()) return bytes.status();
  v1::Submission inner;
  if (!inner.ParseFromString(*bytes)) {
    return absl::DataLossError("it opened, but holds no submission");
  }
  if (inner.submission_id() != item.submission_id()) {
    return absl::DataLossError("the id inside the seal is not the one outside");
  }
  return inner;
}

bool IsUnopenable(const absl::Status& status) {
  return status.code() == absl::StatusCode::kNotFound ||
         status.code() == absl::StatusCode::kDataLoss;
}

// Casts the Forum vote in `item` (a submission with forum_vote) and says
// how it went in `result`. An error means nothing is decided (the device
// sends it again; a cast taken already is then answered ALREADY_STORED).
absl::Status CastVote(store::Store& store, const v1::Submission& item, absl::Time device_now,
                      const v1::Catalog* catalog, v1::ItemResult* result) {
  std::optional<contract::FieldError> error = contract::ValidateSubmission(item, device_now);
  if (!error && catalog == nullptr) {
    error = contract::FieldError{"forum_vote.ballot_id", std::string(contract::kErrUnknownValue)};
  }
  if (!error) error = contract::CheckAgainstCatalog(item, *catalog);
  if (error) {
    Reject(result, kCodeInvalidArgument, error->field, error->message_key);
    LogInfo(absl::StrCat("a vote was refused: ", error->field, " ", error->message_key));
    return absl::OkStatus();
  }
  const v1::ForumVote& vote = item.forum_vote();
  absl::StatusOr<store::CastOutcome> cast =
      store.CastVote(vote.ballot_id(), ballots::CodeHash(vote.ballot_id(), vote.code()),
                     ballots::CastHash(item.submission_id()), ballots::PaperOf(vote.mark()));
  if (!cast.ok()) return cast.status();
  switch (*cast) {
    case store::CastOutcome::kCast:
      result->set_outcome(v1::ItemResult::OUTCOME_STORED);
      break;
    case store::CastOutcome::kAlreadyCast:
      result->set_outcome(v1::ItemResult::OUTCOME_ALREADY_STORED);
      break;
    case store::CastOutcome::kCodeUsed:
      Reject(result, kCodeAlreadyExists, "forum_vote.code", contract::kErrCodeUsed);
      break;
    case store::CastOutcome::kUnknownCode:
      Reject(result, kCodeInvalidArgument, "forum_vote.code", contract::kErrCodeUnknown);
      break;
  }
  return absl::OkStatus();
}

}  // namespace

v1::SubmitBatchResponse SubmitBatch(store::Store& store,
                                    const base::Clock& clock,
                                    const auth::PinKey& pins,
                                    const v1::SubmitBatchRequest& request,
                                    absl::Status* whole_call,
                                    const store::AccessCheck& limit,
                                    auth::SealingKeys* sealing,
                                    alerts::Notifier* notifier,
                                    const v1::Catalog* catalog) {
  v1::SubmitBatchResponse response;
  const int n = request.submissions_size() + request.sealed_size();
  if (n == 0 || static_cast<std::size_t>(n) > contract::kMaxBatchItems) {
    *whole_call = absl::InvalidArgumentError(absl::StrCat(
        "a batch holds 1..", contract::kMaxBatchItems, " submissions, not ", n));
    return response;
  }
  if (!contract::IsValidDeviceId(request.device_id())) {
    *whole_call = absl::InvalidArgumentError(
        "device_id must be 3..64 characters of [A-Za-z0-9_-]");
    return response;
  }

  const absl::Time now = clock.Now();
  // A device whose clock is wrong (by minutes or by days) must not have
  // people's words refused as "in the future" or dated wrongly: each item
  // is checked against the device's own now, and dated by its created_at
  // corrected by the offset measured here (which includes the trip, a few
  // milliseconds).
  absl::Duration offset = absl::ZeroDuration();
  if (request.has_device_time()) {
    offset = now - base::FromProtoTimestamp(request.device_time());
    if (absl::AbsDuration(offset) > absl::Minutes(2)) {
      LogInfo(absl::StrCat("device ", request.device_id(), ": clock off by ",
                           absl::ToInt64Seconds(offset), " s; times corrected"));
    }
  }
  const absl::Time device_now = now - offset;
  std::vector<const v1::Submission*> good;
  std::vector<std::string> pin_hashes;
  std::vector<v1::ItemResult*> good_results;
  // What is refused is kept in the quarantine for officers, so a person's
  // words are never lost to a bug in a kiosk or here. Its PIN is not: it is
  // kept nowhere in plain.
  std::vector<store::QuarantineRow> refused;
  auto quarantine = [&](const v1::Submission& item, std::string reason) {
    v1::Submission kept = item;
    kept.clear_pin();
    refused.push_back({0, now, request.device_id(), item.submission_id(), std::move(reason),
                       base::CanonicalBytes(kept)});
  };
  // Every item, plain or opened from its seal, with its result (plain
  // first, then sealed, as the results are ordered).
  std::vector<std::pair<const v1::Submission*, v1::ItemResult*>> items;
  for (const v1::Submission& item : request.submissions()) {
    v1::ItemResult* result = response.add_results();
    result->set_submission_id(item.submission_id());
    items.emplace_back(&item, result);
  }
  std::deque<v1::Submission> opened;  // stable addresses
  for (const v1::SealedSubmission& item : request.sealed()) {
    v1::ItemResult* result = response.add_results();
    result->set_submission_id(item.submission_id());
    absl::StatusOr<v1::Submission> inner = OpenSealed(sealing, item);
    if (inner.ok()) {
      opened.push_back(*std::move(inner));
      items.emplace_back(&opened.back(), result);
      continue;
    }
    if (!IsUnopenable(inner.status())) {
      // The store could not be read: nothing is decided, the tablet sends
      // it again.
      *whole_call = inner.status();
      return v1::SubmitBatchResponse();
    }
    // Sealed to a key this service never made, or damaged: kept as it
    // came, for officers, and the tablet stops sending it.
    Reject(result, kCodeDataLoss, "sealed", contract::kErrQuarantined);
    refused.push_back({0, now, request.device_id(), item.submission_id(),
                       absl::StrCat("sealed item not opened: ", inner.status().message()),
                       item.sealed()});
    LogWarning(absl::StrCat("device ", request.device_id(), ": a sealed item could not be opened (",
                            inner.status().message(), "); kept in the quarantine"));
  }
  for (auto [item_ptr, result] : items) {
    const v1::Submission& item = *item_ptr;
    if (item.has_forum_vote()) {
      // A vote is secret: cast into its ballot's box apart from any
      // submission, never quarantined, never logged with its id.
      if (absl::Status s = CastVote(store, item, device_now, catalog, result); !s.ok()) {
        *whole_call = s;
        return v1::SubmitBatchResponse();
      }
      continue;
    }
    std::optional<contract::FieldError> error = contract::ValidateSubmission(item, device_now);
    if (!error && catalog != nullptr) error = contract::CheckAgainstCatalog(item, *catalog);
    if (error) {
      Reject(result, kCodeInvalidArgument, error->field, error->message_key);
      quarantine(item, absl::StrCat("refused: ", error->field, " ", error->message_key));
      // The id is safe to log only once it is known to be well formed.
      LogInfo(absl::StrCat(
          "rejected item from device ", request.device_id(), ": field ",
          error->field, " ", error->message_key,
          contract::IsValidSubmissionId(item.submission_id())
              ? absl::StrCat(" (submission ", item.submission_id(), ")")
              : ""));
      continue;
    }
    good.push_back(&item);
    pin_hashes.push_back(contract::IsValidPin(item.pin()) ? pins.Hash(item.reference(), item.pin())
                                                          : std::string());
    good_results.push_back(result);
  }
  auto keep_refused = [&]() -> absl::Status {
    if (refused.empty()) return absl::OkStatus();
    absl::Status kept = store.PutQuarantine(refused);
    if (!kept.ok()) {
      LogWarning(absl::StrCat("SubmitBatch from device ", request.device_id(),
                              ": refused items not quarantined: ", kept.ToString()));
    }
    return kept;
  };
  if (good.empty()) {
    // Refusals cost the service too: charged on their own.
    if (limit) {
      if (absl::Status s = store.WithAccess([&](store::AccessTxn& txn) { return limit(txn); });
          !s.ok()) {
        *whole_call = s;
        return v1::SubmitBatchResponse();
      }
    }
    *whole_call = keep_refused();
    return whole_call->ok() ? response : v1::SubmitBatchResponse();
  }

  auto stored = store.PutSubmissions(request.device_id(), good, now, offset, limit, pin_hashes);
  if (!stored.ok()) {
    LogWarning(absl::StrCat("SubmitBatch from device ", request.device_id(),
                            " not stored: ", stored.status().ToString()));
    *whole_call = stored.status();
    return v1::SubmitBatchResponse();
  }
  for (std::size_t i = 0; i < good.size(); ++i) {
    const store::PutResult& put = (*stored)[i];
    v1::ItemResult* result = good_results[i];
    SetTimestamp(put.received_at, result->mutable_received_at());
    switch (put.outcome) {
      case store::PutResult::Outcome::kStored:
        result->set_outcome(v1::ItemResult::OUTCOME_STORED);
        if (notifier != nullptr && good[i]->body_case() == v1::Submission::kSafeguarding) {
          notifier->Arrived({good[i]->submission_id(), good[i]->reference(),
                             ChannelName(good[i]->channel()), put.received_at});
        }
        break;
      case store::PutResult::Outcome::kAlreadyStored:
        result->set_outcome(v1::ItemResult::OUTCOME_ALREADY_STORED);
        break;
      case store::PutResult::Outcome::kConflict:
        Reject(result, kCodeAlreadyExists, "submission_id",
               contract::kErrConflict);
        quarantine(*good[i], "refused: submission_id reused with a different body");
        LogWarning(absl::StrCat("refused submission ", good[i]->submission_id(),
                                " from device ", request.device_id(),
                                ": id reused with a different body"));
        break;
    }
  }
  // The stored items are committed; if the refused ones cannot be kept the
  // whole call fails and the kiosk sends again (stored ones as replays).
  *whole_call = keep_refused();
  return whole_call->ok() ? response : v1::SubmitBatchResponse();
}

absl::StatusOr<v1::PublishCatalogResponse> PublishCatalog(
    catalog::Catalogs& catalog, const auth::Caller& caller,
    const v1::PublishCatalogRequest& request) {
  if (request.json().size() > kMaxCatalogJsonBytes) {
    return absl::InvalidArgumentError("a catalog is at most 4 MiB of JSON");
  }
  absl::StatusOr<std::string> version = catalog.Publish(caller.name, request.json());
  if (!version.ok()) return version.status();
  v1::PublishCatalogResponse response;
  response.set_version(*version);
  return response;
}

absl::StatusOr<v1::PublishConsultationResponse> PublishConsultation(
    catalog::Catalogs& catalog, const auth::Caller& caller,
    const v1::PublishConsultationRequest& request) {
  if (request.json().size() > kMaxConsultationJsonBytes) {
    return absl::InvalidArgumentError("a consultation is at most 1 MiB of JSON");
  }
  absl::StatusOr<v1::Consultation> published =
      catalog.PublishConsultation(caller.name, request.json());
  if (!published.ok()) return published.status();
  v1::PublishConsultationResponse response;
  *response.mutable_consultation() = *std::move(published);
  return response;
}

absl::StatusOr<v1::CloseConsultationResponse> CloseConsultation(
    catalog::Catalogs& catalog, const auth::Caller& caller,
    const v1::CloseConsultationRequest& request) {
  if (!contract::IsValidCatalogId(request.id())) {
    return absl::InvalidArgumentError("id: a consultation id is 1..64 of [a-z0-9_-]");
  }
  absl::StatusOr<v1::Consultation> closed = catalog.CloseConsultation(caller.name, request.id());
  if (!closed.ok()) return closed.status();
  v1::CloseConsultationResponse response;
  *response.mutable_consultation() = *std::move(closed);
  return response;
}

absl::StatusOr<v1::ConsultationResultsResponse> ConsultationResults(
    store::Store& store, catalog::Catalogs& catalog, const base::Clock& clock,
    const v1::ConsultationResultsRequest& request) {
  const auto catalog_now = catalog.Get();
  const v1::Consultation* found = nullptr;
  for (const v1::Consultation& c : catalog_now->consultations()) {
    if (c.id() == request.id()) found = &c;
  }
  if (found == nullptr) return absl::NotFoundError("no consultation " + request.id());
  absl::StatusOr<v1::ConsultationResultsResponse> response =
      reports::CountConsultation(store, *found);
  if (!response.ok()) return response.status();
  base::SetProtoTimestamp(clock.Now(), response->mutable_now());
  return response;
}

v1::ListConsultationsResponse ListConsultations(catalog::Catalogs& catalog,
                                                const base::Clock& clock) {
  v1::ListConsultationsResponse response;
  *response.mutable_consultations() = catalog.Get()->consultations();
  base::SetProtoTimestamp(clock.Now(), response.mutable_now());
  return response;
}

absl::StatusOr<v1::PublishNoticeResponse> PublishNotice(catalog::Catalogs& catalog,
                                                        const auth::Caller& caller,
                                                        const v1::PublishNoticeRequest& request) {
  if (request.json().size() > kMaxNoticeJsonBytes) {
    return absl::InvalidArgumentError("a notice is at most 64 KiB of JSON");
  }
  absl::StatusOr<v1::Notice> published = catalog.PublishNotice(caller.name, request.json());
  if (!published.ok()) return published.status();
  v1::PublishNoticeResponse response;
  *response.mutable_notice() = *std::move(published);
  return response;
}

absl::StatusOr<v1::PublishBallotResponse> PublishBallot(catalog::Catalogs& catalog,
                                                        const auth::Caller& caller,
                                                        const v1::PublishBallotRequest& request) {
  if (request.json().size() > kMaxConsultationJsonBytes) {
    return absl::InvalidArgumentError("a ballot is at most 1 MiB of JSON");
  }
  absl::StatusOr<v1::ForumBallot> published = catalog.PublishBallot(caller.name, request.json());
  if (!published.ok()) return published.status();
  v1::PublishBallotResponse response;
  *response.mutable_ballot() = *std::move(published);
  return response;
}

namespace {

const v1::ForumBallot* FindBallot(const v1::Catalog& catalog, std::string_view id) {
  for (const v1::ForumBallot& b : catalog.ballots()) {
    if (b.id() == id) return &b;
  }
  return nullptr;
}

}  // namespace

absl::StatusOr<v1::IssueBallotCodesResponse> IssueBallotCodes(
    store::Store& store, catalog::Catalogs& catalog, const base::Clock& clock,
    base::Random& random, const auth::Caller& caller,
    const v1::IssueBallotCodesRequest& request) {
  if (request.count() < 1 || request.count() > kMaxBallotCodes) {
    return absl::InvalidArgumentError(
        absl::StrCat("count: codes are issued 1..", kMaxBallotCodes, " at a time"));
  }
  const auto catalog_now = catalog.Get();
  const v1::ForumBallot* ballot = FindBallot(*catalog_now, request.ballot_id());
  if (ballot == nullptr) return absl::NotFoundError("no ballot " + request.ballot_id());
  const absl::Time now = clock.Now();
  if (base::FromProtoTimestamp(ballot->closes_at()) <= now) {
    return absl::FailedPreconditionError(absl::StrCat("ballot ", ballot->id(), " has closed"));
  }
  // Two codes the same (one chance in billions) would leave a member
  // without a vote: drawn again.
  for (int attempt = 0; attempt < 3; ++attempt) {
    std::vector<std::string> codes = ballots::NewCodes(random, request.count());
    std::vector<std::string> hashes;
    for (const std::string& code : codes) hashes.push_back(ballots::CodeHash(ballot->id(), code));
    std::sort(hashes.begin(), hashes.end());
    if (std::adjacent_find(hashes.begin(), hashes.end()) != hashes.end()) continue;
    absl::StatusOr<std::int64_t> issued = store.AddBallotCodes(
        ballot->id(), hashes, {now, caller.name, "ballot_codes:" + ballot->id(), 0});
    if (issued.status().code() == absl::StatusCode::kAlreadyExists) continue;
    if (!issued.ok()) return issued.status();
    v1::IssueBallotCodesResponse response;
    for (std::string& code : codes) response.add_codes(std::move(code));
    response.set_issued(*issued);
    *response.mutable_ballot() = *ballot;
    return response;
  }
  return absl::UnavailableError("codes could not be made unique; try again");
}

absl::StatusOr<v1::ListBallotsResponse> ListBallots(store::Store& store,
                                                    catalog::Catalogs& catalog,
                                                    const base::Clock& clock) {
  v1::ListBallotsResponse response;
  *response.mutable_ballots() = catalog.Get()->ballots();
  for (const v1::ForumBallot& b : response.ballots()) {
    absl::StatusOr<store::BallotBox> box = store.FindBallotBox(b.id());
    if (!box.ok()) return box.status();
    auto* turnout = response.add_turnout();
    turnout->set_ballot_id(b.id());
    turnout->set_codes_issued(static_cast<std::int64_t>(box->codes.size()));
    turnout->set_votes_cast(static_cast<std::int64_t>(box->papers.size()));
  }
  base::SetProtoTimestamp(clock.Now(), response.mutable_now());
  return response;
}

absl::StatusOr<v1::CountBallotResponse> CountBallot(store::Store& store,
                                                    catalog::Catalogs& catalog,
                                                    const base::Clock& clock,
                                                    base::Random& random,
                                                    const auth::Caller& caller,
                                                    const v1::CountBallotRequest& request) {
  const auto catalog_now = catalog.Get();
  const v1::ForumBallot* ballot = FindBallot(*catalog_now, request.id());
  if (ballot == nullptr) return absl::NotFoundError("no ballot " + request.id());
  const absl::Time now = clock.Now();
  if (now < base::FromProtoTimestamp(ballot->closes_at())) {
    return absl::FailedPreconditionError(
        absl::StrCat("ballot ", ballot->id(), " is still open: it is counted after it closes"));
  }
  absl::StatusOr<store::BallotBox> box = store.FindBallotBox(ballot->id());
  if (!box.ok()) return box.status();
  // A recount uses the seed recorded with the first count, so a tie drawn
  // by lot is drawn the same way; it must come out the same.
  const bool recount = ballot->has_result();
  const std::uint64_t seed =
      recount ? ballot->result().seed()
              : (static_cast<std::uint64_t>(random.Next32()) << 32) | random.Next32();
  absl::StatusOr<v1::BallotResult> result = ballots::CountPapers(*ballot, box->papers, seed);
  if (!result.ok()) return result.status();
  v1::CountBallotResponse response;
  response.set_recounted(recount);
  if (recount) {
    v1::BallotResult before = ballot->result();
    before.clear_counted_at();
    if (base::CanonicalBytes(before) != base::CanonicalBytes(*result)) {
      return absl::DataLossError(absl::StrCat(
          "ballot ", ballot->id(), ": counted again, the stored papers give a different result"));
    }
    *response.mutable_ballot() = *ballot;
    return response;
  }
  base::SetProtoTimestamp(now, result->mutable_counted_at());
  absl::StatusOr<v1::ForumBallot> counted =
      catalog.PublishBallotResult(caller.name, ballot->id(), *result);
  if (!counted.ok()) return counted.status();
  *response.mutable_ballot() = *std::move(counted);
  return response;
}

absl::Status Quarantine(store::Store& store, const base::Clock& clock,
                        const v1::QuarantineRequest& request, auth::SealingKeys* sealing) {
  if (request.items_size() < 1 ||
      static_cast<std::size_t>(request.items_size()) > contract::kMaxBatchItems) {
    return absl::InvalidArgumentError(
        absl::StrCat("a quarantine request holds 1..", contract::kMaxBatchItems, " items"));
  }
  if (!contract::IsValidDeviceId(request.device_id())) {
    return absl::InvalidArgumentError("device_id must be 3..64 characters of [A-Za-z0-9_-]");
  }
  std::vector<store::QuarantineRow> rows;
  const absl::Time now = clock.Now();
  for (int i = 0; i < request.items_size(); ++i) {
    const v1::QuarantinedItem& item = request.items(i);
    if (item.raw().size() > kMaxQuarantinedBytes) {
      return absl::InvalidArgumentError(absl::StrCat("items[", i, "].raw is over 1 MiB"));
    }
    if (item.reason().empty() || item.reason().size() > kMaxReasonLength ||
        item.submission_id().size() > kMaxQuarantinedIdLength) {
      return absl::InvalidArgumentError(
          absl::StrCat("items[", i, "]: reason must be 1..500 bytes, submission_id at most 100"));
    }
    std::string raw = item.raw();
    std::string reason = absl::StrCat("from the device: ", item.reason());
    if (!item.sealed_key_id().empty()) {
      // Opened here when it can be, so officers can read it; kept sealed
      // (and said so) when not.
      v1::SealedSubmission sealed;
      sealed.set_submission_id(item.submission_id());
      sealed.set_key_id(item.sealed_key_id());
      sealed.set_sealed(item.raw());
      absl::StatusOr<v1::Submission> inner = OpenSealed(sealing, sealed);
      if (inner.ok()) {
        inner->clear_pin();
        raw = base::CanonicalBytes(*inner);
      } else if (IsUnopenable(inner.status())) {
        absl::StrAppend(&reason, " (still sealed: ", inner.status().message(), ")");
      } else {
        return inner.status();
      }
    }
    rows.push_back({0, now, request.device_id(), item.submission_id(), std::move(reason),
                    std::move(raw)});
  }
  if (absl::Status s = store.PutQuarantine(rows); !s.ok()) return s;
  // Counts and the device only: what the items say stays in the store.
  LogWarning(absl::StrCat("device ", request.device_id(), " handed ", rows.size(),
                          " item(s) to the quarantine"));
  return absl::OkStatus();
}

absl::Status CountTakingPart(store::Store& store, const v1::CountTakingPartRequest& request,
                             auth::SealingKeys* sealing) {
  const int n = request.tallies_size() + request.sealed_size();
  if (n < 1 || static_cast<std::size_t>(n) > contract::kMaxBatchItems) {
    return absl::InvalidArgumentError(
        absl::StrCat("a count holds 1..", contract::kMaxBatchItems, " tallies, not ", n));
  }
  if (!contract::IsValidDeviceId(request.device_id())) {
    return absl::InvalidArgumentError("device_id must be 3..64 characters of [A-Za-z0-9_-]");
  }
  std::vector<v1::TakingPart> tallies(request.tallies().begin(), request.tallies().end());
  for (int i = 0; i < request.sealed_size(); ++i) {
    const v1::SealedSubmission& item = request.sealed(i);
    if (sealing == nullptr) return absl::FailedPreconditionError("this service holds no sealing keys");
    absl::StatusOr<std::string> bytes = sealing->Open(item.key_id(), item.sealed());
    if (!bytes.ok() && !IsUnopenable(bytes.status())) return bytes.status();
    v1::TakingPart inner;
    if (!bytes.ok() || !inner.ParseFromString(*bytes) || inner.tally_id() != item.submission_id()) {
      return absl::FailedPreconditionError(
          absl::StrCat("sealed[", i, "] does not open to the tally it names"));
    }
    tallies.push_back(std::move(inner));
  }
  for (std::size_t i = 0; i < tallies.size(); ++i) {
    if (auto e = contract::ValidateTakingPart(tallies[i])) {
      return absl::InvalidArgumentError(
          absl::StrCat("tallies[", i, "].", e->field, ": ", e->message_key));
    }
  }
  return store.CountTakingPart(tallies);
}

absl::StatusOr<v1::ListTakingPartResponse> ListTakingPart(store::Store& store,
                                                          const v1::ListTakingPartRequest& request) {
  for (const std::string& month : {request.from_month(), request.to_month()}) {
    if (!month.empty() && !contract::IsMonth(month)) {
      return absl::InvalidArgumentError("a month is written YYYY-MM, e.g. 2026-12");
    }
  }
  absl::StatusOr<std::vector<store::TakingPartCount>> counts = store.TakingPartCounts();
  if (!counts.ok()) return counts.status();
  v1::ListTakingPartResponse response;
  for (const store::TakingPartCount& c : *counts) {
    if (!request.from_month().empty() && c.month < request.from_month()) continue;
    if (!request.to_month().empty() && c.month > request.to_month()) continue;
    v1::TakingPartCount& out = *response.add_counts();
    out.set_month(c.month);
    out.set_aspect(c.aspect);
    out.set_value(c.value);
    // How many visits there were says nothing of anyone; the rest might.
    const bool small = c.count >= 1 && c.count < reports::kSmallestShown;
    if (small && c.aspect != "visits") {
      out.set_suppressed(true);
    } else {
      out.set_count(c.count);
    }
  }
  return response;
}

absl::StatusOr<v1::CommitteeReport> BuildReport(store::Store& store, catalog::Catalogs& catalog,
                                                const base::Clock& clock, const cases::Cases& cases,
                                                const reports::Population* population,
                                                const auth::Caller& caller,
                                                const v1::BuildReportRequest& request) {
  if (request.audience() == v1::AUDIENCE_UNSPECIFIED) {
    return absl::InvalidArgumentError("say who the report is for: scrutiny, forum or public");
  }
  reports::Period period;
  if (request.annual_year() != 0) {
    if (!request.period().empty()) {
      return absl::InvalidArgumentError("give a period or an annual year, not both");
    }
    if (request.annual_year() < 2000 || request.annual_year() > 2200) {
      return absl::InvalidArgumentError("the annual year is the year the report ends, e.g. 2027");
    }
    period = reports::YearTo31March(request.annual_year());
  } else {
    absl::StatusOr<reports::Period> parsed = reports::ParsePeriod(request.period());
    if (!parsed.ok()) return parsed.status();
    period = *parsed;
  }
  reports::CommitteeReports reports(store, clock, cases.zone(), cases.calendar(), cases.themes(),
                                    cases.redactor(), population);
  absl::StatusOr<v1::CommitteeReport> report =
      reports.Build(period, request.audience(), *catalog.Get(), request.annual_year() != 0);
  if (!report.ok()) return report.status();
  // Who made which report, and when: the figures are anonymised, but what
  // goes to committee should be traceable to its making.
  if (absl::Status s = store.RecordAudit(
          {clock.Now(), caller.name,
           absl::StrCat("report:", v1::Audience_Name(request.audience()), ":",
                        report->from_date(), "..", report->to_date()),
           0});
      !s.ok()) {
    return s;
  }
  return report;
}

absl::StatusOr<v1::ListQuarantineResponse> ListQuarantine(store::Store& store,
                                                          const base::Clock& clock,
                                                          const auth::Caller& caller,
                                                          const v1::ListQuarantineRequest& request) {
  const int limit = request.limit() == 0 ? kDefaultPageSize : request.limit();
  if (limit < 1 || limit > kMaxPageSize) {
    return absl::InvalidArgumentError("limit must be 0..1000");
  }
  absl::StatusOr<std::vector<store::QuarantineRow>> rows =
      store.ListQuarantineAudited(limit, {clock.Now(), caller.name, "quarantine_list", 0});
  if (!rows.ok()) return rows.status();
  v1::ListQuarantineResponse response;
  for (const store::QuarantineRow& q : *rows) {
    v1::QuarantineRecord* r = response.add_records();
    r->set_id(q.id);
    SetTimestamp(q.received_at, r->mutable_received_at());
    r->set_device_id(q.device_id);
    r->set_submission_id(q.submission_id);
    r->set_reason(q.reason);
    r->set_size_bytes(q.size_bytes);
  }
  return response;
}

v1::GetCatalogResponse GetCatalog(catalog::Catalogs& catalog,
                                  const v1::GetCatalogRequest& request) {
  v1::GetCatalogResponse response;
  std::shared_ptr<const v1::Catalog> current = catalog.Get();
  if (!request.known_version().empty() &&
      request.known_version() == current->version()) {
    response.set_unchanged(true);
  } else {
    *response.mutable_catalog() = *current;
  }
  return response;
}

absl::StatusOr<v1::CheckReferenceResponse> CheckReference(
    store::Store& store, const auth::PinKey& pins, const v1::CheckReferenceRequest& request) {
  v1::CheckReferenceResponse response;
  // What is malformed becomes empty and goes the same way as the rest: an
  // empty reference finds nothing, and no stored hash is of an empty PIN.
  std::string reference = contract::NormalizeReference(request.reference());
  if (!contract::IsValidReference(reference)) reference.clear();
  std::string pin = contract::NormalizePin(request.pin());
  if (!contract::IsValidPin(pin)) pin.clear();

  absl::StatusOr<std::vector<store::ReferenceStatus>> found = store.FindByReference(reference);
  if (!found.ok()) return found.status();
  std::vector<std::string> hashes;
  hashes.reserve(found->size());
  for (const store::ReferenceStatus& r : *found) hashes.push_back(r.pin_hash);
  const std::optional<std::size_t> match = pins.Match(reference, pin, hashes);
  if (!match) return response;
  const store::ReferenceStatus& status = (*found)[*match];
  response.set_found(true);
  response.set_status(status.status);
  response.set_reply(status.reply);
  response.set_reply_language(status.reply_language);
  // What became of an idea; a complaint's outcome is told in its response.
  for (const char* idea : {"under_consideration", "adopted", "adopted_in_part",
                           "not_taken_forward"}) {
    if (status.outcome == idea) response.set_idea_outcome(status.outcome);
  }
  SetTimestamp(status.updated_at, response.mutable_updated_at());
  return response;
}

absl::StatusOr<v1::VerifyAuditResponse> VerifyAudit(store::Store& store,
                                                    const base::Clock& clock,
                                                    const auth::Caller& caller,
                                                    const v1::VerifyAuditRequest& request) {
  std::optional<store::AuditAnchor> anchor;
  if (request.anchor_row() != 0 || !request.anchor_hash().empty()) {
    const std::string& hash = request.anchor_hash();
    if (request.anchor_row() < 1 || hash.size() != 64 ||
        hash.find_first_not_of("0123456789abcdef") != std::string::npos) {
      return absl::InvalidArgumentError(
          "an anchor is a row (1 or more) and its hash (64 lower-case hex digits)");
    }
    anchor = store::AuditAnchor{request.anchor_row(), hash};
  }
  absl::StatusOr<store::AuditVerification> v = store.VerifyAudit(anchor);
  if (!v.ok()) return v.status();
  // Recorded after the check, so the check covers every row before it.
  if (absl::Status s = store.RecordAudit({clock.Now(), caller.name, "audit_verify",
                                          v->checked});
      !s.ok()) {
    return s;
  }
  v1::VerifyAuditResponse response;
  response.set_intact(v->ok());
  response.set_rows_checked(v->checked);
  response.set_rows_unchained(v->unchained);
  response.set_first_bad_row(v->first_bad_seq);
  response.set_problem(v->problem);
  response.set_head_row(v->head_seq);
  response.set_head_hash(v->head_hash);
  return response;
}

absl::StatusOr<v1::ListAuditResponse> ListAudit(store::Store& store, const base::Clock& clock,
                                                const auth::Caller& caller,
                                                const v1::ListAuditRequest& request) {
  int limit = request.limit() == 0 ? kDefaultPageSize : request.limit();
  if (limit < 1 || limit > kMaxPageSize) {
    return absl::InvalidArgumentError("limit must be 0..1000");
  }
  // Reading the audit is itself recorded, before the rows are read: the
  // answer includes its own row.
  if (absl::Status s = store.RecordAudit({clock.Now(), caller.name, "audit_list", limit});
      !s.ok()) {
    return s;
  }
  absl::StatusOr<std::vector<store::AuditEntry>> rows = store.ListAudit(limit);
  if (!rows.ok()) return rows.status();
  v1::ListAuditResponse response;
  for (const store::AuditEntry& e : *rows) {
    v1::AuditRecord* r = response.add_records();
    r->set_row(e.seq);
    SetTimestamp(e.at, r->mutable_at());
    r->set_officer(e.officer);
    r->set_action(e.action);
    r->set_count(e.count);
    r->set_hash(e.hash);
    r->set_reason(e.reason);
  }
  return response;
}

absl::StatusOr<v1::ListSubmissionsResponse> ListSubmissions(
    store::Store& store, const base::Clock& clock, const auth::Caller& caller,
    const v1::ListSubmissionsRequest& request) {
  if (request.include_text()) {
    if (auto s = CheckReason(request.reason(), "people's words"); !s.ok()) return s;
  }
  int page_size = request.page_size();
  if (page_size == 0) page_size = kDefaultPageSize;
  if (page_size < 1 || page_size > kMaxPageSize) {
    return absl::InvalidArgumentError("page_size must be 0..1000");
  }
  std::optional<store::ListCursor> after;
  if (!request.page_token().empty()) {
    auto cursor = DecodePageToken(request.page_token());
    if (!cursor.ok()) return cursor.status();
    after = std::move(*cursor);
  }
  // The page and its audit row commit together: no audit row, no answer.
  auto page = store.ListSubmissionsAudited(
      page_size, after,
      {clock.Now(), caller.name, request.include_text() ? "list_with_text" : "list", 0,
       request.include_text() ? request.reason() : ""});
  if (!page.ok()) return page.status();

  v1::ListSubmissionsResponse response;
  for (v1::SubmissionRecord& record : page->records) {
    // Contact is never listed; exports are where identified data may go.
    contract::ClearContact(record.mutable_submission());
    if (!request.include_text()) contract::ClearWords(record.mutable_submission());
    *response.add_records() = std::move(record);
  }
  if (page->next) response.set_next_page_token(EncodePageToken(*page->next));
  return response;
}

absl::Status ExportSubmissions(
    store::Store& store, const base::Clock& clock, const auth::Caller& caller,
    const v1::ExportSubmissionsRequest& request,
    const std::function<bool(v1::SubmissionRecord&&)>& write,
    const std::function<void(std::int64_t)>& total) {
  if (request.identified()) {
    if (auto s = CheckReason(request.reason(), "contact details and every word"); !s.ok()) {
      return s;
    }
  }
  if (total) {
    std::int64_t cases = 0;
    absl::Status counted = store.WithAccess([&](store::AccessTxn& txn) {
      auto rows = txn.ListCases();
      if (!rows.ok()) return rows.status();
      cases = static_cast<std::int64_t>(rows->size());
      return absl::OkStatus();
    });
    if (!counted.ok()) return counted;
    total(cases);
  }
  bool client_gone = false;
  // Audited before the first record leaves; a stream that breaks off is
  // audited again with how many left.
  auto handed = store.ExportSubmissionsAudited(
      {clock.Now(), caller.name,
       request.identified() ? "export_identified" : "export_anonymised", 0,
       request.identified() ? request.reason() : ""},
      [&](const v1::SubmissionRecord& stored) {
        v1::SubmissionRecord record = stored;
        if (!request.identified()) {
          contract::ClearContact(record.mutable_submission());
          if (!record.submission().consent().may_quote()) {
            contract::ClearWords(record.mutable_submission());
          }
        }
        if (!write(std::move(record))) {
          client_gone = true;
          return false;
        }
        return true;
      });
  if (!handed.ok()) return handed.status();
  if (client_gone) return absl::CancelledError("the client stopped reading");
  return absl::OkStatus();
}

namespace {

v1::CaseRecord CaseRecordOf(const cases::CaseView& v) {
  v1::CaseRecord out;
  out.set_submission_id(v.record.submission_id());
  out.set_reference(v.record.reference());
  out.set_kind(v.record.kind());
  out.set_statutory(v.row.statutory);
  out.set_state(std::string(cases::StateName(v.state)));
  *out.mutable_told_at() = v.record.has_told_at() ? v.record.told_at() : v.record.received_at();
  *out.mutable_received_at() = v.record.received_at();
  if (v.due.acknowledge_by) out.set_acknowledge_by(absl::FormatCivilTime(*v.due.acknowledge_by));
  if (v.due.respond_by) out.set_respond_by(absl::FormatCivilTime(*v.due.respond_by));
  for (cases::Warning w : v.due.warnings) out.add_warnings(std::string(cases::WarningText(w)));
  out.set_overdue(v.due.overdue);
  out.set_assigned_to(v.row.assigned_to);
  out.set_safeguarding_decided(v.row.safeguarding_decided);
  out.set_outcome(v.row.outcome);
  out.set_reply(v.row.reply);
  out.set_reply_language(v.row.reply_language);
  for (const std::string& t : v.row.themes) out.add_themes(t);
  for (const std::string& t : v.suggested_themes) out.add_suggested_themes(t);
  out.set_channel(ChannelName(v.record.submission().channel()));
  return out;
}

}  // namespace

absl::StatusOr<v1::ListCasesResponse> ListCases(cases::Cases& cases,
                                                const v1::ListCasesRequest& request) {
  cases::Filter filter;
  filter.overdue_only = request.overdue_only();
  filter.assigned_to = request.assigned_to();
  filter.kind = request.kind();
  absl::StatusOr<std::vector<cases::CaseView>> views = cases.List(filter);
  if (!views.ok()) return views.status();
  v1::ListCasesResponse response;
  for (const cases::CaseView& v : *views) *response.add_cases() = CaseRecordOf(v);
  for (const cases::Theme& t : cases.themes().themes()) {
    v1::Theme* out = response.add_themes();
    out->set_id(t.id);
    out->set_name(t.name);
  }
  return response;
}

absl::StatusOr<v1::CaseRecord> MoveCase(cases::Cases& cases, const auth::Caller& caller,
                                        const v1::MoveCaseRequest& request) {
  cases::Request r;
  r.action = request.action();
  r.move.reason = request.reason();
  r.move.contact_method = request.contact_method();
  r.move.response = request.response();
  if (!request.respond_by().empty()) {
    absl::CivilDay day;
    if (!absl::ParseCivilTime(request.respond_by(), &day)) {
      return absl::InvalidArgumentError("respond_by is a date, YYYY-MM-DD");
    }
    r.move.respond_by = day;
  }
  static const std::map<std::string, cases::Outcome>* const kOutcomes =
      new std::map<std::string, cases::Outcome>{{"", cases::Outcome::kNone},
                                                {"upheld", cases::Outcome::kUpheld},
                                                {"partly_upheld", cases::Outcome::kPartlyUpheld},
                                                {"not_upheld", cases::Outcome::kNotUpheld},
                                                {"under_consideration",
                                                 cases::Outcome::kUnderConsideration},
                                                {"adopted", cases::Outcome::kAdopted},
                                                {"adopted_in_part", cases::Outcome::kAdoptedInPart},
                                                {"not_taken_forward",
                                                 cases::Outcome::kNotTakenForward}};
  auto outcome = kOutcomes->find(request.outcome());
  if (outcome == kOutcomes->end()) {
    return absl::InvalidArgumentError(
        "the outcome is upheld, partly_upheld or not_upheld (a complaint), or "
        "under_consideration, adopted, adopted_in_part or not_taken_forward (an idea)");
  }
  r.move.outcome = outcome->second;
  r.assign_to = request.assign_to();
  r.decision = request.decision();
  r.note = request.note();
  r.reply = request.reply();
  r.reply_language = request.reply_language();
  r.confirmed.assign(request.confirmed_words().begin(), request.confirmed_words().end());
  r.themes.assign(request.themes().begin(), request.themes().end());
  absl::StatusOr<cases::CaseView> moved = cases.Apply(caller.name, request.submission_id(), r);
  if (!moved.ok()) return moved.status();
  return CaseRecordOf(*moved);
}

absl::StatusOr<v1::CaseDetail> GetCase(cases::Cases& cases, const auth::Caller& caller,
                                       const v1::GetCaseRequest& request) {
  absl::StatusOr<cases::CaseView> view = cases.Get(caller.name, request.submission_id());
  if (!view.ok()) return view.status();
  absl::StatusOr<std::vector<store::CaseEvent>> history = cases.History(request.submission_id());
  if (!history.ok()) return history.status();
  v1::CaseDetail detail;
  *detail.mutable_case_() = CaseRecordOf(*view);
  *detail.mutable_record() = view->record;
  for (const store::CaseEvent& e : *history) {
    v1::CaseEventRecord* out = detail.add_history();
    SetTimestamp(e.at, out->mutable_at());
    out->set_officer(e.officer);
    out->set_action(e.action);
    out->set_detail(e.detail);
  }
  return detail;
}

absl::StatusOr<v1::RecordComplaintResponse> RecordComplaint(
    store::Store& store, cases::Cases& cases, const auth::PinKey& pins, base::Random& random,
    const base::Clock& clock, const auth::Caller& caller,
    const v1::RecordComplaintRequest& request, alerts::Notifier* notifier) {
  static const char* const kHow[] = {"phone", "letter", "in_person", "email", "other"};
  if (std::find(std::begin(kHow), std::end(kHow), request.how()) == std::end(kHow)) {
    return absl::InvalidArgumentError("how: phone, letter, in_person, email or other");
  }
  const absl::TimeZone london = cases.zone();
  const absl::Time now = clock.Now();
  absl::CivilDay received_on;
  if (!absl::ParseCivilTime(request.received_on(), &received_on)) {
    return absl::InvalidArgumentError("received_on: the day the council received it, YYYY-MM-DD");
  }
  const absl::CivilDay today = absl::ToCivilDay(now, london);
  if (received_on > today) return absl::InvalidArgumentError("received_on is in the future");
  const v1::Submission::BodyCase body = request.submission().body_case();
  if (body != v1::Submission::kComplaint && body != v1::Submission::kSafeguarding) {
    return absl::InvalidArgumentError("the submission is a complaint or a safeguarding worry");
  }

  v1::Submission item = request.submission();
  item.set_channel(v1::CHANNEL_OFFICER);
  std::string id = "officer-";
  static constexpr char kIdChars[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  for (int i = 0; i < 22; ++i) id += kIdChars[random.Next32() % 64];
  item.set_submission_id(id);
  std::optional<std::string> reference = contract::MakeReference(
      contract::DeviceCodeFor(kOfficerDevice), random.Next32() % contract::kMaxReferenceCounter);
  if (!reference) return absl::InternalError("no reference could be made");
  item.set_reference(*reference);
  std::string pin;
  for (int i = 0; i < 6; ++i) pin += static_cast<char>('0' + random.Next32() % 10);
  item.set_pin(pin);
  // Told on the day it was received: now when that is today, else midday.
  const absl::Time told = received_on == today
                              ? now
                              : absl::FromCivil(absl::CivilHour(received_on.year(),
                                                                received_on.month(),
                                                                received_on.day(), 12),
                                                london);
  SetTimestamp(told, item.mutable_created_at());
  if (auto error = contract::ValidateSubmission(item, now)) {
    return absl::InvalidArgumentError(
        absl::StrCat("submission.", error->field, ": ", error->message_key));
  }
  const v1::Submission* items[] = {&item};
  const std::string pin_hashes[] = {pins.Hash(item.reference(), pin)};
  auto stored = store.PutSubmissions(kOfficerDevice, items, now, absl::ZeroDuration(), nullptr,
                                     pin_hashes);
  if (!stored.ok()) return stored.status();
  absl::StatusOr<cases::CaseView> entered =
      cases.Entered(caller.name, item.submission_id(), request.how(), received_on);
  if (!entered.ok()) return entered.status();
  if (notifier != nullptr && body == v1::Submission::kSafeguarding &&
      (*stored)[0].outcome == store::PutResult::Outcome::kStored) {
    notifier->Arrived({item.submission_id(), item.reference(), "officer", now});
  }
  v1::RecordComplaintResponse response;
  *response.mutable_case_() = CaseRecordOf(*entered);
  response.set_pin(pin);
  return response;
}

absl::StatusOr<v1::RetentionReport> RunRetention(retention::Retention& retention,
                                                 const auth::Caller& caller,
                                                 const v1::RunRetentionRequest& request) {
  absl::StatusOr<retention::Report> report = retention.Run(caller.name, request.dry_run());
  if (!report.ok()) return report.status();
  v1::RetentionReport out;
  out.set_anonymised(report->anonymised);
  out.set_deleted(report->deleted);
  out.set_quarantine_deleted(report->quarantine_deleted);
  out.set_dry_run(report->dry_run);
  const retention::Schedule& schedule = retention.schedule();
  for (const retention::Rule& rule : schedule.kinds) {
    v1::RetentionRule* r = out.add_rules();
    r->set_kind(rule.kind);
    r->set_anonymise_after_days(static_cast<int>(rule.anonymise_after / absl::Hours(24)));
    r->set_delete_after_days(static_cast<int>(rule.delete_after / absl::Hours(24)));
    r->set_reason(rule.reason);
  }
  v1::RetentionRule* q = out.add_rules();
  q->set_kind("quarantine");
  q->set_delete_after_days(static_cast<int>(schedule.quarantine_delete_after / absl::Hours(24)));
  q->set_reason(schedule.quarantine_reason);
  return out;
}

absl::Status SetSealingKey(auth::SealingKeys& sealing, v1::SealingKey* out) {
  absl::StatusOr<auth::PublicSealingKey> key = sealing.Current();
  if (!key.ok()) return key.status();
  out->set_key_id(key->key_id);
  out->set_public_key(key->public_key);
  SetTimestamp(key->created_at, out->mutable_created_at());
  return absl::OkStatus();
}

absl::StatusOr<v1::SealingKey> RotateSealingKey(auth::SealingKeys& sealing,
                                                const auth::Caller& caller) {
  absl::StatusOr<auth::PublicSealingKey> key = sealing.Rotate(caller.name);
  if (!key.ok()) return key.status();
  v1::SealingKey out;
  out.set_key_id(key->key_id);
  out.set_public_key(key->public_key);
  SetTimestamp(key->created_at, out.mutable_created_at());
  return out;
}

absl::StatusOr<v1::EnrolResponse> Enrol(auth::Devices& devices, auth::SealingKeys& sealing,
                                        const v1::EnrolRequest& request) {
  // The key first: a device must not use up its code and get no key.
  v1::EnrolResponse response;
  if (absl::Status s = SetSealingKey(sealing, response.mutable_sealing_key()); !s.ok()) {
    return s;
  }
  absl::StatusOr<auth::Enrolled> enrolled = devices.Enrol(request.code(), request.device_id());
  if (!enrolled.ok()) return enrolled.status();
  response.set_credential(enrolled->credential);
  response.set_site(enrolled->device.site);
  response.set_mode(enrolled->device.mode);
  return response;
}

absl::StatusOr<v1::EnrolmentCode> CreateEnrolmentCode(
    auth::Devices& devices, const auth::Caller& caller,
    const v1::CreateEnrolmentCodeRequest& request) {
  const int hours = request.valid_hours() == 0 ? 24 : request.valid_hours();
  if (hours < 1 || hours > 168) {
    return absl::InvalidArgumentError("valid_hours must be 1..168 (0 means 24)");
  }
  absl::StatusOr<auth::NewEnrolment> made =
      devices.MakeEnrolmentCode(caller, request.site(), request.mode(), absl::Hours(hours));
  if (!made.ok()) return made.status();
  v1::EnrolmentCode out;
  out.set_code(auth::FormatEnrolmentCode(made->code));
  SetTimestamp(made->expires_at, out.mutable_expires_at());
  return out;
}

absl::StatusOr<v1::ListDevicesResponse> ListDevices(auth::Devices& devices,
                                                    const auth::Caller& caller) {
  absl::StatusOr<std::vector<store::Device>> all = devices.List(caller);
  if (!all.ok()) return all.status();
  v1::ListDevicesResponse response;
  for (const store::Device& d : *all) SetDevice(d, response.add_devices());
  return response;
}

absl::StatusOr<v1::Device> RevokeDevice(auth::Devices& devices, const auth::Caller& caller,
                                        const v1::RevokeDeviceRequest& request) {
  absl::StatusOr<store::Device> d = devices.Revoke(caller, request.device_id());
  if (!d.ok()) return d.status();
  v1::Device out;
  SetDevice(*d, &out);
  return out;
}

v1::SessionInfo SessionInfoOf(const auth::Caller& caller) {
  v1::SessionInfo info;
  info.set_name(caller.name);
  info.set_role(auth::RoleToProto(caller.role));
  SetTimestamp(caller.expires_at, info.mutable_expires_at());
  SetTimestamp(caller.ends_at, info.mutable_ends_at());
  return info;
}

absl::StatusOr<v1::SignInResponse> SignIn(auth::Accounts& accounts,
                                          const v1::SignInRequest& request) {
  absl::StatusOr<auth::SignedIn> in = accounts.SignIn(request.name(), request.password());
  if (!in.ok()) return in.status();
  v1::SignInResponse response;
  response.set_token(in->token);
  *response.mutable_session() = SessionInfoOf(in->caller);
  return response;
}

absl::StatusOr<v1::Account> CreateAccount(auth::Accounts& accounts, const auth::Caller& caller,
                                          const v1::CreateAccountRequest& request) {
  absl::StatusOr<auth::Role> role = RoleFrom(request.role());
  if (!role.ok()) return role.status();
  absl::StatusOr<store::Account> a =
      accounts.Create(caller, request.name(), *role, request.password());
  if (!a.ok()) return a.status();
  v1::Account out;
  SetAccount(*a, &out);
  return out;
}

absl::StatusOr<v1::ListAccountsResponse> ListAccounts(auth::Accounts& accounts,
                                                      const auth::Caller& caller) {
  absl::StatusOr<std::vector<store::Account>> all = accounts.List(caller);
  if (!all.ok()) return all.status();
  v1::ListAccountsResponse response;
  for (const store::Account& a : *all) SetAccount(a, response.add_accounts());
  return response;
}

absl::StatusOr<v1::Account> UpdateAccount(auth::Accounts& accounts, const auth::Caller& caller,
                                          const v1::UpdateAccountRequest& request) {
  auth::AccountChange change;
  change.name = request.name();
  if (request.has_role()) {
    absl::StatusOr<auth::Role> role = RoleFrom(request.role());
    if (!role.ok()) return role.status();
    change.role = *role;
  }
  if (request.has_disabled()) change.disabled = request.disabled();
  change.unlock = request.unlock();
  change.new_password = request.new_password();
  absl::StatusOr<store::Account> a = accounts.Update(caller, change);
  if (!a.ok()) return a.status();
  v1::Account out;
  SetAccount(*a, &out);
  return out;
}

absl::Status Backup(store::Store& store, const base::Clock& clock, const auth::Caller& caller,
                    const v1::BackupRequest& /*request*/,
                    const std::function<bool(const v1::BackupChunk&)>& write) {
  [[maybe_unused]] static const int ready = sodium_init();
  crypto_hash_sha256_state hash;
  crypto_hash_sha256_init(&hash);
  std::int64_t total = 0;
  absl::Status copied = store.Backup(
      [&](std::string_view bytes) {
        crypto_hash_sha256_update(&hash, reinterpret_cast<const unsigned char*>(bytes.data()),
                                  bytes.size());
        total += static_cast<std::int64_t>(bytes.size());
        v1::BackupChunk chunk;
        chunk.set_data(std::string(bytes));
        return write(chunk);
      },
      {clock.Now(), caller.name, "backup", 0});
  if (!copied.ok()) return copied;
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&hash, digest);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
  v1::BackupChunk last;
  last.set_total_bytes(total);
  last.set_sha256(hex);
  if (!write(last)) return absl::CancelledError("backup: the receiver went away");
  LogInfo(absl::StrCat("backup of ", total, " bytes taken by ", caller.name));
  return absl::OkStatus();
}

namespace {

// Lower case, single spaces, no spaces at either end.
std::string Folded(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += absl::ascii_tolower(static_cast<unsigned char>(c));
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string Digits(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (absl::ascii_isdigit(static_cast<unsigned char>(c))) out += c;
  }
  return out;
}

// Who a subject access or an erasure is about, folded for comparing.
struct Person {
  std::string email, phone, name;

  template <typename Request>
  static Person Of(const Request& r) {
    return {Folded(r.email()), Digits(r.phone()), Folded(r.name())};
  }
  bool given() const { return !email.empty() || !phone.empty() || !name.empty(); }
  // Every detail given matches `contact`.
  bool Is(const v1::Contact& contact) const {
    return (email.empty() || email == Folded(contact.email())) &&
           (phone.empty() || phone == Digits(contact.phone())) &&
           (name.empty() || name == Folded(contact.name()));
  }
  // `text` (a reason) mentions any detail given. Short details would
  // match too much: a name of 3 characters and a phone of 6 digits at
  // least.
  bool NamedIn(std::string_view text) const {
    const std::string folded = Folded(text);
    return (!email.empty() && folded.find(email) != std::string::npos) ||
           (phone.size() >= 6 && Digits(text).find(phone) != std::string::npos) ||
           (name.size() >= 3 && folded.find(name) != std::string::npos);
  }
};

// Every submission and quarantined item about `person` (quarantined ones
// as records marked so, when their bytes can be read at all).
absl::StatusOr<std::vector<v1::SubmissionRecord>> HeldAbout(store::Store& store,
                                                            const Person& person,
                                                            std::vector<std::int64_t>* quarantine_ids) {
  std::vector<v1::SubmissionRecord> found;
  absl::StatusOr<std::int64_t> scanned = store.ForEachSubmission([&](const v1::SubmissionRecord& r) {
    if (person.Is(r.submission().contact())) found.push_back(r);
    return true;
  });
  if (!scanned.ok()) return scanned.status();
  absl::Status quarantined = store.ForEachQuarantined([&](const store::QuarantineRow& q) {
    v1::Submission s;
    if (s.ParseFromString(q.raw) && person.Is(s.contact())) {
      v1::SubmissionRecord r;
      r.set_submission_id(s.submission_id());
      r.set_reference(s.reference());
      r.set_device_id(q.device_id);
      SetTimestamp(q.received_at, r.mutable_received_at());
      r.set_quarantined(true);
      *r.mutable_submission() = std::move(s);
      found.push_back(std::move(r));
      if (quarantine_ids != nullptr) quarantine_ids->push_back(q.id);
    }
    return true;
  });
  if (!quarantined.ok()) return quarantined;
  return found;
}

}  // namespace

absl::Status SubjectAccess(store::Store& store, const base::Clock& clock,
                           const auth::Caller& caller, const v1::SubjectAccessRequest& request,
                           const std::function<bool(const v1::SubmissionRecord&)>& write) {
  const Person person = Person::Of(request);
  if (!person.given()) {
    return absl::InvalidArgumentError("say whose data: an email, a phone number or a name");
  }
  if (absl::Status s = CheckReason(request.reason(), "everything held about a person");
      !s.ok()) {
    return s;
  }
  absl::StatusOr<std::vector<v1::SubmissionRecord>> held = HeldAbout(store, person, nullptr);
  if (!held.ok()) return held.status();
  std::vector<v1::SubmissionRecord>& found = *held;
  // What officers recorded about the person is theirs to see too.
  for (v1::SubmissionRecord& r : found) {
    if (r.quarantined()) continue;
    absl::Status read = store.WithAccess([&](store::AccessTxn& txn) -> absl::Status {
      absl::StatusOr<std::vector<store::CaseEvent>> events =
          txn.ListCaseEvents(r.submission_id());
      if (!events.ok()) return events.status();
      for (const store::CaseEvent& e : *events) {
        v1::CaseEventRecord* out = r.add_history();
        SetTimestamp(e.at, out->mutable_at());
        out->set_officer(e.officer);
        out->set_action(e.action);
        out->set_detail(e.detail);
      }
      return absl::OkStatus();
    });
    if (!read.ok()) return read;
  }
  // No audit row, no answer.
  if (absl::Status s = store.RecordAudit({clock.Now(), caller.name, "subject_access",
                                          static_cast<std::int64_t>(found.size()),
                                          request.reason()});
      !s.ok()) {
    return s;
  }
  for (const v1::SubmissionRecord& r : found) {
    if (!write(r)) return absl::CancelledError("subject access: the receiver went away");
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::EraseResponse> Erase(store::Store& store, const base::Clock& clock,
                                        const auth::Caller& caller,
                                        const v1::EraseRequest& request) {
  const Person person = Person::Of(request);
  if (!person.given()) {
    return absl::InvalidArgumentError("say whose data: an email, a phone number or a name");
  }
  if (absl::Status s = CheckReason(request.reason(), "to erase a person's data"); !s.ok()) {
    return s;
  }
  if (person.NamedIn(request.reason())) {
    return absl::InvalidArgumentError(
        "the reason must not name the person: it stays in the audit after the erasure");
  }
  store::Erasure erasure;
  absl::StatusOr<std::vector<v1::SubmissionRecord>> held =
      HeldAbout(store, person, &erasure.quarantine_ids);
  if (!held.ok()) return held.status();
  for (const v1::SubmissionRecord& r : *held) {
    if (!r.quarantined()) erasure.submission_ids.push_back(r.submission_id());
  }
  // Reasons officers gave that name the person (the rows stay: the chain
  // covers only a reason's hash).
  absl::Status audit = store.ForEachAudit([&](const store::AuditEntry& e) {
    if (!e.reason.empty() && person.NamedIn(e.reason)) erasure.audit_seqs.push_back(e.seq);
    return true;
  });
  if (!audit.ok()) return audit;

  v1::EraseResponse response;
  response.set_submissions(static_cast<std::int64_t>(erasure.submission_ids.size()));
  response.set_quarantined(static_cast<std::int64_t>(erasure.quarantine_ids.size()));
  response.set_audit_reasons(static_cast<std::int64_t>(erasure.audit_seqs.size()));
  response.set_dry_run(request.dry_run());
  if (request.dry_run()) {
    if (absl::Status s = store.RecordAudit({clock.Now(), caller.name, "erase_dry_run",
                                            response.submissions() + response.quarantined(),
                                            request.reason()});
        !s.ok()) {
      return s;
    }
    return response;
  }
  absl::StatusOr<std::int64_t> erased =
      store.Erase(erasure, {clock.Now(), caller.name, "erase", 0, request.reason()});
  if (!erased.ok()) return erased.status();
  LogInfo(absl::StrCat("erasure by ", caller.name, ": ", *erased, " rows removed or blanked"));
  return response;
}

}  // namespace carevoice::service::rpc
