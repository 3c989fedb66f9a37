// Committed state is one value behind a mutex; a write job runs on a copy
// that replaces it only when the job succeeds, which is all a transaction
// needs to be here.
#include "tests/service/fake_store.h"

#include <algorithm>
#include <map>
#include <set>
#include <mutex>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"
#include "base/proto_time.h"
#include "contract/facts.h"

namespace carevoice::service::testing {
namespace {

struct Row {
  store::SubmissionRow row;
  v1::CaseStatus status = v1::CASE_STATUS_RECEIVED;
  std::string reply;
  absl::Time updated_at;
  std::string reply_language{};
};

absl::StatusOr<v1::SubmissionRecord> RecordOf(const Row& r) {
  v1::SubmissionRecord record;
  record.set_submission_id(r.row.submission_id);
  record.set_reference(r.row.reference);
  record.set_device_id(r.row.device_id);
  *record.mutable_received_at() = base::ToProtoTimestamp(r.row.received_at);
  record.set_kind(r.row.kind);
  record.set_urgent(r.row.urgent);
  record.set_status(r.status);
  *record.mutable_told_at() = base::ToProtoTimestamp(r.row.told_at);
  record.set_device_clock_offset_ms(absl::ToInt64Milliseconds(r.row.clock_offset));
  if (!record.mutable_submission()->ParseFromString(r.row.body)) {
    return absl::DataLossError(absl::StrCat(
        "stored submission ", r.row.submission_id, " cannot be parsed"));
  }
  return record;
}

// Newest first, ties by submission id descending, as the SQLite engine.
bool NewerFirst(const Row* a, const Row* b) {
  return std::tie(a->row.received_at, a->row.submission_id) >
         std::tie(b->row.received_at, b->row.submission_id);
}

// The listing order: urgent first, then newest first.
std::tuple<bool, std::int64_t, std::string> ListKey(const Row& r) {
  return {r.row.urgent, absl::ToUnixMicros(r.row.received_at), r.row.submission_id};
}

using Rows = std::map<std::string, Row>;  // by submission id

std::tuple<std::int64_t, std::string> KeyOf(const Row& r) {
  return {absl::ToUnixMicros(r.row.received_at), r.row.submission_id};
}

absl::StatusOr<store::ListPage> ListIn(
    const Rows& submissions, int limit,
    const std::optional<store::ListCursor>& after) {
  std::vector<const Row*> rows;
  for (const auto& [id, r] : submissions) {
    if (!after || ListKey(r) < std::make_tuple(after->urgent, after->received_at_micros,
                                               after->submission_id)) {
      rows.push_back(&r);
    }
  }
  std::sort(rows.begin(), rows.end(),
            [](const Row* a, const Row* b) { return ListKey(*a) > ListKey(*b); });
  store::ListPage page;
  for (const Row* r : rows) {
    if (static_cast<int>(page.records.size()) == limit) {
      const v1::SubmissionRecord& last = page.records.back();
      page.next = store::ListCursor{
          base::UnixMicrosFromTimestamp(last.received_at()),
          last.submission_id(), last.urgent()};
      break;
    }
    absl::StatusOr<v1::SubmissionRecord> record = RecordOf(*r);
    if (!record.ok()) return record.status();
    page.records.push_back(*std::move(record));
  }
  return page;
}

// (month, aspect, value), ordered as the SQLite engine answers.
using TakingPartKey = std::tuple<std::string, std::string, std::string>;

}  // namespace

struct FakeStoreEngine::State {
  struct Data {
    Rows submissions;
    std::map<TakingPartKey, std::int64_t> taking_part;
    std::set<std::string, std::less<>> tallies_counted;
    std::map<std::string, store::BallotBox> ballot_boxes;
    std::vector<store::AuditEntry> audit;  // oldest first
    std::map<std::string, store::Account, std::less<>> accounts;
    std::map<std::string, store::Session, std::less<>> sessions;  // by token hash
    std::map<std::string, store::Device, std::less<>> devices;
    std::map<std::string, store::EnrolmentCode, std::less<>> codes;  // by hash
    std::map<std::string, absl::Time, std::less<>> limits;
    std::map<std::string, store::SigninFailures, std::less<>> signin_failures;
    std::vector<store::SealingKey> sealing_keys;  // newest first
    std::map<std::string, store::CaseRow, std::less<>> cases;
    std::vector<store::CaseEvent> case_events;  // oldest first
    std::vector<store::QuarantineRow> quarantine;                    // oldest first
    std::vector<store::StoredCatalog> catalogs;                      // oldest first
  };
  mutable std::mutex mu;
  Data data;  // committed; guarded by mu
  int fail_next = 0;
  absl::Status fail_with;
  int committed = 0;
  int reference_lookups = 0;
};

struct FakeStoreEngine::Txn final : store::WriteTxn {
  explicit Txn(State::Data d) : data(std::move(d)) {}
  State::Data data;

  absl::StatusOr<std::optional<store::StoredBody>> FindSubmission(
      std::string_view submission_id) override {
    auto it = data.submissions.find(std::string(submission_id));
    if (it == data.submissions.end()) return std::nullopt;
    return store::StoredBody{it->second.row.body, it->second.row.received_at};
  }
  absl::Status InsertSubmission(const store::SubmissionRow& row) override {
    if (data.submissions.contains(row.submission_id)) {
      return absl::InternalError("duplicate submission_id");  // as a PK would
    }
    data.submissions[row.submission_id] =
        Row{row, v1::CASE_STATUS_RECEIVED, "", row.received_at};
    return absl::OkStatus();
  }
  absl::StatusOr<std::optional<store::BallotBox>> FindBallotBox(
      std::string_view ballot_id) override {
    auto it = data.ballot_boxes.find(std::string(ballot_id));
    if (it == data.ballot_boxes.end()) return std::nullopt;
    return it->second;
  }
  absl::Status PutBallotBox(const store::BallotBox& box) override {
    data.ballot_boxes[box.ballot_id] = box;
    return absl::OkStatus();
  }
  absl::StatusOr<bool> MarkTallyCounted(std::string_view tally_id) override {
    return data.tallies_counted.emplace(tally_id).second;
  }
  absl::Status AddTakingPartCount(std::string_view month, std::string_view aspect,
                                  std::string_view value) override {
    ++data.taking_part[TakingPartKey{std::string(month), std::string(aspect), std::string(value)}];
    return absl::OkStatus();
  }
  absl::Status InsertAudit(const store::AuditEntry& entry) override {
    data.audit.push_back(entry);
    return absl::OkStatus();
  }
  absl::StatusOr<std::int64_t> InsertCatalog(std::string_view bytes, absl::Time,
                                             std::string_view) override {
    const std::int64_t serial = static_cast<std::int64_t>(data.catalogs.size()) + 1;
    data.catalogs.push_back({serial, std::string(bytes)});
    return serial;
  }
  absl::Status InsertQuarantine(const store::QuarantineRow& row) override {
    for (const store::QuarantineRow& q : data.quarantine) {
      if (q.device_id == row.device_id && q.submission_id == row.submission_id &&
          q.raw == row.raw) {
        return absl::OkStatus();  // kept once, as the unique index would
      }
    }
    store::QuarantineRow kept = row;
    kept.id = data.quarantine.empty() ? 1 : data.quarantine.back().id + 1;
    data.quarantine.push_back(kept);
    return absl::OkStatus();
  }
  absl::Status DeleteSubmission(std::string_view submission_id) override {
    data.submissions.erase(std::string(submission_id));
    // As the foreign keys cascade on disk.
    data.cases.erase(std::string(submission_id));
    std::erase_if(data.case_events,
                  [&](const store::CaseEvent& e) { return e.submission_id == submission_id; });
    return absl::OkStatus();
  }
  absl::Status ReplaceSubmissionBody(std::string_view submission_id,
                                     std::string_view body) override {
    if (auto it = data.submissions.find(std::string(submission_id));
        it != data.submissions.end()) {
      it->second.row.body = std::string(body);
    }
    for (store::CaseEvent& e : data.case_events) {
      if (e.submission_id == submission_id) e.detail.clear();
    }
    return absl::OkStatus();
  }
  absl::Status DeleteQuarantined(std::int64_t id) override {
    std::erase_if(data.quarantine, [id](const store::QuarantineRow& q) { return q.id == id; });
    return absl::OkStatus();
  }
  absl::Status EraseAuditReason(std::int64_t seq) override {
    for (store::AuditEntry& e : data.audit) {
      if (e.seq == seq) e.reason.clear();
    }
    return absl::OkStatus();
  }
  absl::StatusOr<std::vector<store::QuarantineRow>> ListQuarantine(int limit) override {
    std::vector<store::QuarantineRow> out;
    for (auto it = data.quarantine.rbegin();
         it != data.quarantine.rend() && static_cast<int>(out.size()) < limit; ++it) {
      store::QuarantineRow q = *it;
      q.size_bytes = static_cast<std::int64_t>(q.raw.size());
      q.raw.clear();
      out.push_back(std::move(q));
    }
    return out;
  }
  absl::StatusOr<std::optional<store::AuditEntry>> LastAudit() override {
    if (data.audit.empty()) return std::optional<store::AuditEntry>();
    return std::optional<store::AuditEntry>(data.audit.back());
  }
  absl::StatusOr<store::ListPage> ListSubmissions(
      int limit, const std::optional<store::ListCursor>& after) override {
    return ListIn(data.submissions, limit, after);
  }
  absl::StatusOr<std::optional<store::Account>> FindAccount(std::string_view name) override {
    auto it = data.accounts.find(name);
    if (it == data.accounts.end()) return std::optional<store::Account>();
    return std::optional<store::Account>(it->second);
  }
  absl::Status PutAccount(const store::Account& account) override {
    data.accounts[account.name] = account;
    return absl::OkStatus();
  }
  absl::StatusOr<std::vector<store::Account>> ListAccounts() override {
    std::vector<store::Account> out;
    for (const auto& [name, a] : data.accounts) out.push_back(a);
    return out;
  }
  absl::StatusOr<std::optional<store::Session>> FindSession(
      std::string_view token_hash) override {
    auto it = data.sessions.find(token_hash);
    if (it == data.sessions.end()) return std::optional<store::Session>();
    return std::optional<store::Session>(it->second);
  }
  absl::Status PutSession(const store::Session& session) override {
    if (!data.accounts.contains(session.account)) {
      return absl::InternalError("session of no account");  // as a foreign key would
    }
    data.sessions[session.token_hash] = session;
    return absl::OkStatus();
  }
  absl::Status DeleteSession(std::string_view token_hash) override {
    if (auto it = data.sessions.find(token_hash); it != data.sessions.end()) {
      data.sessions.erase(it);
    }
    return absl::OkStatus();
  }
  absl::Status DeleteSessionsOf(std::string_view account, absl::Time now) override {
    std::erase_if(data.sessions, [&](const auto& entry) {
      return entry.second.account == account || entry.second.expires_at < now;
    });
    return absl::OkStatus();
  }
  absl::StatusOr<std::optional<store::Device>> FindDevice(std::string_view id) override {
    auto it = data.devices.find(id);
    if (it == data.devices.end()) return std::optional<store::Device>();
    return std::optional<store::Device>(it->second);
  }
  absl::Status PutDevice(const store::Device& device) override {
    for (const auto& [id, d] : data.devices) {
      if (id != device.device_id && d.credential_hash == device.credential_hash) {
        return absl::InternalError("credential_hash not unique");  // as the index would
      }
    }
    data.devices[device.device_id] = device;
    return absl::OkStatus();
  }
  absl::StatusOr<std::vector<store::Device>> ListDevices() override {
    std::vector<store::Device> out;
    for (const auto& [id, d] : data.devices) out.push_back(d);
    return out;
  }
  absl::StatusOr<std::optional<store::EnrolmentCode>> FindEnrolmentCode(
      std::string_view code_hash) override {
    auto it = data.codes.find(code_hash);
    if (it == data.codes.end()) return std::optional<store::EnrolmentCode>();
    return std::optional<store::EnrolmentCode>(it->second);
  }
  absl::Status PutEnrolmentCode(const store::EnrolmentCode& code) override {
    data.codes[code.code_hash] = code;
    return absl::OkStatus();
  }
  absl::StatusOr<std::optional<absl::Time>> FindLimit(std::string_view key) override {
    auto it = data.limits.find(key);
    if (it == data.limits.end()) return std::optional<absl::Time>();
    return std::optional<absl::Time>(it->second);
  }
  absl::Status PutLimit(std::string_view key, absl::Time spent_until) override {
    data.limits[std::string(key)] = spent_until;
    return absl::OkStatus();
  }
  absl::Status ForgetLimitsBefore(absl::Time now) override {
    std::erase_if(data.limits, [&](const auto& kv) { return kv.second < now; });
    return absl::OkStatus();
  }
  absl::StatusOr<std::optional<store::SigninFailures>> FindSigninFailures(
      std::string_view name_hash) override {
    auto it = data.signin_failures.find(name_hash);
    if (it == data.signin_failures.end()) return std::optional<store::SigninFailures>();
    return std::optional<store::SigninFailures>(it->second);
  }
  absl::Status PutSigninFailures(std::string_view name_hash,
                                 const store::SigninFailures& failures) override {
    data.signin_failures[std::string(name_hash)] = failures;
    return absl::OkStatus();
  }
  absl::Status ForgetSigninFailuresBefore(absl::Time then) override {
    std::erase_if(data.signin_failures, [&](const auto& kv) {
      return kv.second.last_failed_at < then && kv.second.locked_until < then;
    });
    return absl::OkStatus();
  }
  absl::StatusOr<std::vector<store::SealingKey>> ListSealingKeys() override {
    return data.sealing_keys;
  }
  absl::Status PutSealingKey(const store::SealingKey& key) override {
    for (const store::SealingKey& k : data.sealing_keys) {
      if (k.key_id == key.key_id) return absl::AlreadyExistsError("sealing key exists");
    }
    data.sealing_keys.insert(data.sealing_keys.begin(), key);
    return absl::OkStatus();
  }
  absl::StatusOr<std::optional<v1::SubmissionRecord>> FindSubmissionRecord(
      std::string_view submission_id) override {
    auto it = data.submissions.find(std::string(submission_id));
    if (it == data.submissions.end()) return std::optional<v1::SubmissionRecord>();
    auto record = RecordOf(it->second);
    if (!record.ok()) return record.status();
    return std::optional<v1::SubmissionRecord>(*std::move(record));
  }
  absl::StatusOr<std::optional<store::CaseRow>> FindCase(std::string_view submission_id) override {
    auto it = data.cases.find(submission_id);
    if (it == data.cases.end()) return std::optional<store::CaseRow>();
    return std::optional<store::CaseRow>(it->second);
  }
  absl::StatusOr<std::vector<store::CaseRow>> ListCases() override {
    std::vector<store::CaseRow> rows;
    for (const auto& [id, row] : data.cases) rows.push_back(row);
    return rows;
  }
  absl::Status PutCase(const store::CaseRow& row, v1::CaseStatus status) override {
    data.cases[row.submission_id] = row;
    if (auto it = data.submissions.find(row.submission_id); it != data.submissions.end()) {
      it->second.status = status;
      it->second.updated_at = row.updated_at;
      it->second.reply = row.reply;
      it->second.reply_language = row.reply_language;
    }
    return absl::OkStatus();
  }
  absl::Status AddCaseEvent(const store::CaseEvent& event) override {
    data.case_events.push_back(event);
    return absl::OkStatus();
  }
  absl::StatusOr<std::vector<store::CaseEvent>> ListCaseEvents(
      std::string_view submission_id) override {
    std::vector<store::CaseEvent> events;
    for (const store::CaseEvent& e : data.case_events) {
      if (e.submission_id == submission_id) events.push_back(e);
    }
    return events;
  }
  absl::StatusOr<store::SubmissionsExtent> Extent() override {
    store::SubmissionsExtent extent;
    extent.count = static_cast<std::int64_t>(data.submissions.size());
    for (const auto& [id, r] : data.submissions) {
      if (!extent.last || KeyOf(r) > std::make_tuple(
                                         extent.last->received_at_micros,
                                         extent.last->submission_id)) {
        extent.last = store::ListCursor{std::get<0>(KeyOf(r)), id};
      }
    }
    return extent;
  }
};

FakeStoreEngine::FakeStoreEngine() : state_(std::make_unique<State>()) {}
FakeStoreEngine::~FakeStoreEngine() = default;

void FakeStoreEngine::FailNextWrites(int n, absl::Status error) {
  std::lock_guard lock(state_->mu);
  state_->fail_next = n;
  state_->fail_with = std::move(error);
}

int FakeStoreEngine::committed_writes() const {
  std::lock_guard lock(state_->mu);
  return state_->committed;
}

int FakeStoreEngine::reference_lookups() const {
  std::lock_guard lock(state_->mu);
  return state_->reference_lookups;
}

std::vector<store::QuarantineRow> FakeStoreEngine::quarantined() const {
  std::lock_guard lock(state_->mu);
  return state_->data.quarantine;
}

absl::Status FakeStoreEngine::Write(store::WriteJob job) {
  // One writer at a time, as the one writing connection of a real engine.
  std::lock_guard lock(state_->mu);
  Txn txn(state_->data);
  absl::Status s = job(txn);
  if (!s.ok()) return s;
  if (state_->fail_next > 0) {
    --state_->fail_next;
    return state_->fail_with;  // the commit failed: nothing changes
  }
  state_->data = std::move(txn.data);
  ++state_->committed;
  return absl::OkStatus();
}

absl::StatusOr<std::vector<store::ReferenceStatus>>
FakeStoreEngine::FindByReference(std::string_view reference) {
  std::lock_guard lock(state_->mu);
  ++state_->reference_lookups;
  std::vector<const Row*> rows;
  for (const auto& [id, r] : state_->data.submissions) {
    if (r.row.reference == reference) rows.push_back(&r);
  }
  std::sort(rows.begin(), rows.end(), NewerFirst);
  if (rows.size() > static_cast<std::size_t>(store::kMaxReferenceMatches)) {
    rows.resize(store::kMaxReferenceMatches);
  }
  std::vector<store::ReferenceStatus> found;
  for (const Row* r : rows) {
    auto c = state_->data.cases.find(r->row.submission_id);
    found.push_back({r->status, r->reply, r->updated_at, r->row.pin_hash, r->reply_language,
                     c == state_->data.cases.end() ? std::string() : c->second.outcome});
  }
  return found;
}

absl::StatusOr<store::ListPage> FakeStoreEngine::ListSubmissions(
    int limit, const std::optional<store::ListCursor>& after) {
  std::lock_guard lock(state_->mu);
  return ListIn(state_->data.submissions, limit, after);
}

absl::StatusOr<std::int64_t> FakeStoreEngine::ForEachSubmission(
    const std::function<bool(const v1::SubmissionRecord&)>& sink) {
  return ForEachIn(std::nullopt, sink);
}

absl::StatusOr<std::int64_t> FakeStoreEngine::ForEachSubmissionUpTo(
    const store::ListCursor& upto,
    const std::function<bool(const v1::SubmissionRecord&)>& sink) {
  return ForEachIn(upto, sink);
}

absl::StatusOr<std::int64_t> FakeStoreEngine::ForEachIn(
    const std::optional<store::ListCursor>& upto,
    const std::function<bool(const v1::SubmissionRecord&)>& sink) {
  std::vector<Row> rows;
  {
    std::lock_guard lock(state_->mu);
    for (const auto& [id, r] : state_->data.submissions) {
      if (!upto || KeyOf(r) <= std::make_tuple(upto->received_at_micros,
                                               upto->submission_id)) {
        rows.push_back(r);
      }
    }
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return NewerFirst(&b, &a);  // oldest first
  });
  std::int64_t count = 0;
  for (const Row& r : rows) {
    absl::StatusOr<v1::SubmissionRecord> record = RecordOf(r);
    if (!record.ok()) return record.status();
    ++count;
    if (!sink(*record)) break;
  }
  return count;
}

absl::StatusOr<std::vector<store::AuditEntry>> FakeStoreEngine::ListAudit(
    int limit) {
  std::lock_guard lock(state_->mu);
  const auto& audit = state_->data.audit;
  std::vector<store::AuditEntry> out(audit.rbegin(), audit.rend());
  if (static_cast<int>(out.size()) > limit) out.resize(limit);
  return out;
}

absl::Status FakeStoreEngine::ForEachAudit(
    const std::function<bool(const store::AuditEntry&)>& sink) {
  std::vector<store::AuditEntry> rows;
  {
    std::lock_guard lock(state_->mu);
    rows = state_->data.audit;  // oldest first
  }
  for (const store::AuditEntry& row : rows) {
    if (!sink(row)) break;
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<store::Device>> FakeStoreEngine::FindDeviceByCredential(
    std::string_view credential_hash) {
  std::lock_guard lock(state_->mu);
  for (const auto& [id, d] : state_->data.devices) {
    if (d.credential_hash == credential_hash) return std::optional<store::Device>(d);
  }
  return std::optional<store::Device>();
}

absl::StatusOr<std::int64_t> FakeStoreEngine::LatestCatalogSerial() {
  std::lock_guard lock(state_->mu);
  return static_cast<std::int64_t>(state_->data.catalogs.size());
}

absl::StatusOr<std::optional<store::StoredCatalog>> FakeStoreEngine::LatestCatalog() {
  std::lock_guard lock(state_->mu);
  if (state_->data.catalogs.empty()) return std::optional<store::StoredCatalog>();
  return std::optional<store::StoredCatalog>(state_->data.catalogs.back());
}

absl::StatusOr<std::vector<store::TakingPartCount>> FakeStoreEngine::TakingPartCounts() {
  std::lock_guard lock(state_->mu);
  std::vector<store::TakingPartCount> out;
  for (const auto& [key, count] : state_->data.taking_part) {
    out.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), count});
  }
  return out;
}

absl::StatusOr<std::vector<store::FacetCount>> FakeStoreEngine::CountSubmissions(
    absl::Time from, absl::Time to, store::ReportFacet facet) {
  std::lock_guard lock(state_->mu);
  std::map<std::string, std::int64_t> counts;
  for (const auto& [id, r] : state_->data.submissions) {
    const store::SubmissionRow& row = r.row;
    const absl::Time counted = row.told_at != absl::UnixEpoch() ? row.told_at : row.received_at;
    if (counted < from || counted >= to) continue;
    std::string value;
    switch (facet) {
      case store::ReportFacet::kKind: value = row.kind; break;
      case store::ReportFacet::kService: value = row.service_id; break;
      case store::ReportFacet::kProvider: value = row.facts.provider_id; break;
      case store::ReportFacet::kSite: value = row.facts.site_id; break;
      case store::ReportFacet::kChannel: value = std::to_string(row.facts.channel); break;
      case store::ReportFacet::kSpeaker: value = std::to_string(row.facts.speaker); break;
      case store::ReportFacet::kRating: value = std::to_string(row.facts.rating); break;
    }
    ++counts[value];
  }
  std::vector<store::FacetCount> out;
  for (const auto& [value, count] : counts) out.push_back({value, count});
  return out;
}

absl::Status FakeStoreEngine::ForEachThemedCase(
    absl::Time from, absl::Time to, bool with_bodies,
    const std::function<bool(const store::ThemedCase&)>& sink) {
  std::vector<std::pair<absl::Time, store::ThemedCase>> found;
  {
    std::lock_guard lock(state_->mu);
    for (const auto& [id, r] : state_->data.submissions) {
      const store::SubmissionRow& row = r.row;
      const absl::Time told = row.told_at != absl::UnixEpoch() ? row.told_at : row.received_at;
      const auto c = state_->data.cases.find(id);
      if (told < from || told >= to || c == state_->data.cases.end() || c->second.themes.empty()) {
        continue;
      }
      found.emplace_back(told, store::ThemedCase{row.kind, c->second.statutory, row.service_id,
                                                 c->second.themes, c->second.outcome,
                                                 with_bodies ? row.body : std::string()});
    }
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [told, c] : found) {
    if (!sink(c)) break;
  }
  return absl::OkStatus();
}

absl::Status FakeStoreEngine::ForEachSubmissionOfKind(
    std::string_view kind, absl::Time from, absl::Time to,
    const std::function<bool(const v1::Submission&)>& sink) {
  std::vector<std::pair<absl::Time, v1::Submission>> found;
  {
    std::lock_guard lock(state_->mu);
    for (const auto& [id, r] : state_->data.submissions) {
      const store::SubmissionRow& row = r.row;
      const absl::Time told = row.told_at != absl::UnixEpoch() ? row.told_at : row.received_at;
      if (told < from || told >= to || row.kind != kind) continue;
      v1::Submission s;
      s.ParseFromString(row.body);
      found.emplace_back(told, std::move(s));
    }
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [told, s] : found) {
    if (!sink(s)) break;
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<store::FacetCount>> FakeStoreEngine::CountOutcomes(
    absl::Time from, absl::Time to, std::string_view kind) {
  std::lock_guard lock(state_->mu);
  std::map<std::string, std::int64_t> counts;
  for (const auto& [id, r] : state_->data.submissions) {
    const store::SubmissionRow& row = r.row;
    const absl::Time told = row.told_at != absl::UnixEpoch() ? row.told_at : row.received_at;
    if (told < from || told >= to || row.kind != kind) continue;
    const auto c = state_->data.cases.find(id);
    ++counts[c == state_->data.cases.end() ? std::string() : c->second.outcome];
  }
  std::vector<store::FacetCount> out;
  for (const auto& [value, count] : counts) out.push_back({value, count});
  return out;
}

absl::Status FakeStoreEngine::ForEachClockedCase(
    absl::Time from, absl::Time to, bool open_only,
    const std::function<bool(const store::ClockedCase&)>& sink) {
  std::vector<store::ClockedCase> found;
  {
    std::lock_guard lock(state_->mu);
    for (const auto& [id, r] : state_->data.submissions) {
      const store::SubmissionRow& row = r.row;
      const absl::Time told = row.told_at != absl::UnixEpoch() ? row.told_at : row.received_at;
      if (told < from || told >= to) continue;
      if (row.kind != "complaint" && row.kind != "safeguarding") continue;
      store::ClockedCase c{row.kind, false, told, "received"};
      c.service_id = row.service_id;
      if (auto it = state_->data.cases.find(id); it != state_->data.cases.end()) {
        const store::CaseRow& cr = it->second;
        c.statutory = cr.statutory;
        c.state = cr.state;
        c.acknowledged_at = cr.acknowledged_at;
        c.agreed_respond_by = cr.agreed_respond_by;
        c.responded_at = cr.responded_at;
        c.outcome = cr.outcome;
      } else {
        v1::Submission s;
        s.ParseFromString(row.body);
        c.statutory = contract::IsStatutory(s);
      }
      for (const store::CaseEvent& e : state_->data.case_events) {
        if (e.submission_id == id && e.action == "decide" &&
            (!c.decided_at || e.at < *c.decided_at)) {
          c.decided_at = e.at;
        }
      }
      if (open_only && c.state != "received" && c.state != "acknowledged" &&
          c.state != "investigating") {
        continue;
      }
      found.push_back(std::move(c));
    }
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.told_at < b.told_at; });
  for (const store::ClockedCase& c : found) {
    if (!sink(c)) break;
  }
  return absl::OkStatus();
}

absl::StatusOr<store::StoredExtent> FakeStoreEngine::SubmissionsStored() {
  std::lock_guard lock(state_->mu);
  store::StoredExtent extent;
  for (const auto& [id, r] : state_->data.submissions) {
    ++extent.submissions;
    if (!extent.newest_received || r.row.received_at > *extent.newest_received) {
      extent.newest_received = r.row.received_at;
    }
  }
  return extent;
}

std::unique_ptr<store::Store> NewFakeStore(FakeStoreEngine** engine) {
  auto owned = std::make_unique<FakeStoreEngine>();
  if (engine != nullptr) *engine = owned.get();
  return store::NewRuledStore(std::move(owned));
}

}  // namespace carevoice::service::testing
