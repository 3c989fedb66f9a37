// Store: where the service keeps submissions, their case status, the
// counts of who took part and how (kept apart from the words), officers'
// accounts and sessions, and the officers' audit log. One interface; engines behind it (SQLite now, PostgreSQL
// later) are chosen by a factory, and nothing here names an engine.
//
// Thread-safety: every method may be called from any number of threads at
// once. Writes are durable when a call returns OK (rule 1 of DESIGN.md).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "carevoice/v1/carevoice.pb.h"

namespace carevoice::service::store {

// How one PutSubmissions item went.
struct PutResult {
  enum class Outcome {
    kStored,         // newly and durably stored
    kAlreadyStored,  // same id, byte-identical body: a replay
    kConflict,       // same id, different body: refused, original kept
  };
  Outcome outcome = Outcome::kStored;
  // When the item was first stored (also for replays and conflicts).
  absl::Time received_at;
};

// Where a reference has got to.
struct ReferenceStatus {
  v1::CaseStatus status = v1::CASE_STATUS_UNSPECIFIED;
  std::string reply;  // the council's published reply; empty for none
  absl::Time updated_at;
  // The keyed hash of its PIN (auth/pins.h); empty when it came without.
  std::string pin_hash{};
  std::string reply_language{};  // BCP-47; empty when not said
  // Its case's recorded outcome (cases::OutcomeName; empty for none): for
  // an idea, what became of it.
  std::string outcome{};
};

// At most this many submissions answer for one reference: two devices'
// codes may collide, but not often.
inline constexpr int kMaxReferenceMatches = 8;

// A position in the listing order (keyset paging): urgent first, then
// newest first, ties by submission id descending. The next page starts
// strictly after this one. Exports use (received_at, submission_id) alone.
struct ListCursor {
  std::int64_t received_at_micros = 0;
  std::string submission_id;
  bool urgent = false;
};

struct ListPage {
  std::vector<v1::SubmissionRecord> records;  // newest first
  std::optional<ListCursor> next;             // nullopt on the last page
};

struct AuditEntry {
  absl::Time at;
  std::string officer;
  std::string action;  // e.g. "list", "export_anonymised"
  std::int64_t count = 0;
  // Why, when the action needed a reason. Personal data, so outside what
  // the chain must preserve: the chain covers reason_hash (its SHA-256,
  // set by the store), and erasing the reason leaves the chain whole.
  std::string reason{};
  std::string reason_hash{};
  // The hash chain, set by the store as the row is written (audit_chain.h):
  // the row's place in the chain (1, 2, ...; 0 for rows from before it),
  // the previous row's hash and this row's, in hex.
  std::int64_t seq = 0;
  std::string prev_hash{};
  std::string hash{};
};

// A row of the audit's chain and its hash, kept outside the database by
// whoever checked it (carevoice-admin keeps the last head it found).
struct AuditAnchor {
  std::int64_t seq = 0;
  std::string hash;
};

// What `VerifyAudit` found.
struct AuditVerification {
  std::int64_t checked = 0;    // chained rows whose hashes were recomputed
  std::int64_t unchained = 0;  // rows from before the chain began
  // The newest chained row that fits, and its hash (0 and empty: none).
  std::int64_t head_seq = 0;
  std::string head_hash{};
  // The first row that does not fit the chain (its seq; 0 when all fit),
  // and why ("changed", "missing before it", ...).
  std::int64_t first_bad_seq = 0;
  std::string problem;
  bool ok() const { return problem.empty(); }
};

// An officer's account. The password is kept only as a libsodium
// crypto_pwhash string (Argon2id, salted); times are whole microseconds.
struct Account {
  std::string name;
  std::string role;  // "admin", "officer" or "clerk" (auth/roles.h)
  std::string password_hash;
  bool disabled = false;
  std::int64_t failed_signins = 0;  // wrong passwords since the last right one
  absl::Time last_failed_at = absl::UnixEpoch();
  absl::Time locked_until = absl::UnixEpoch();  // not locked when in the past
  absl::Time created_at = absl::UnixEpoch();
};

// A signed-in session, found by the hash of its token (the token itself is
// never stored).
struct Session {
  std::string token_hash;
  std::string account;
  absl::Time created_at;
  absl::Time expires_at;  // idle expiry, moved on by use up to ends_at
  absl::Time ends_at;     // the latest it can last
};

// An enrolled kiosk or tablet. Its credential is kept only as a hash;
// times are whole microseconds.
struct Device {
  std::string device_id;
  std::string site;
  std::string mode;  // "kiosk" or "tablet"
  std::string credential_hash;
  absl::Time enrolled_at = absl::UnixEpoch();
  absl::Time revoked_at = absl::UnixEpoch();  // not revoked while the epoch
  bool revoked() const { return revoked_at > absl::UnixEpoch(); }
};

// Wrong passwords given for a name that has no account, kept as for an
// account, so that the answers (slower, then locked) are the same and do
// not tell which names exist. Found by a hash of the name.
struct SigninFailures {
  std::int64_t count = 0;
  absl::Time last_failed_at = absl::UnixEpoch();
  absl::Time locked_until = absl::UnixEpoch();
};

// A one-time code an admin made for enrolling a device, kept as a hash.
struct EnrolmentCode {
  std::string code_hash;
  std::string site;
  std::string mode;
  std::string created_by;
  absl::Time created_at = absl::UnixEpoch();
  absl::Time expires_at = absl::UnixEpoch();
  absl::Time used_at = absl::UnixEpoch();  // unused while the epoch
  std::string device_id{};                 // who used it
};

// Who may call, as rows inside one transaction: officers' accounts and
// sessions, devices and their enrolment codes.
// A key pair tablets seal submissions to (libsodium's sealed box): the
// public half goes to tablets; the secret half never leaves the store.
// Old keys are kept so what was sealed to them still opens.
struct SealingKey {
  std::string key_id;      // 16 hex digits, from the public key's hash
  std::string public_key;  // crypto_box_PUBLICKEYBYTES
  std::string secret_key;  // crypto_box_SECRETKEYBYTES
  absl::Time created_at;
};

// A case's place in the workflow (cases/workflow.h), kept beside its
// submission (and removed with it). None of the person's words: the
// response and notes are in its events. The published reply (checked by
// the redactor to hold no personal details) is copied beside the
// submission's status, where CheckReference reads it.
struct CaseRow {
  std::string submission_id{};
  std::string state;  // cases::StateName
  bool statutory = false;
  std::string assigned_to{};
  std::optional<absl::Time> acknowledged_at{};
  std::string agreed_respond_by{};  // YYYY-MM-DD, or empty
  std::optional<absl::Time> responded_at{};
  std::string outcome{};            // "upheld", "partly_upheld", "not_upheld" or empty
  bool safeguarding_decided = false;
  absl::Time updated_at{};
  std::string reply{};
  std::string reply_language{};
  std::vector<std::string> themes{};  // theme ids officers accepted
};

// One step in a case's history: who did what, when, with what was said
// (a reason, how the person was contacted, the response). Personal data:
// removed with the submission, blanked when it is anonymised.
struct CaseEvent {
  std::string submission_id;
  absl::Time at;
  std::string officer;
  std::string action;
  std::string detail{};
};

class AccessRows {
 public:
  virtual ~AccessRows() = default;
  virtual absl::StatusOr<std::optional<Account>> FindAccount(std::string_view name) = 0;
  // Inserts, or replaces the account of the same name.
  virtual absl::Status PutAccount(const Account& account) = 0;
  // Every account, by name.
  virtual absl::StatusOr<std::vector<Account>> ListAccounts() = 0;
  virtual absl::StatusOr<std::optional<Session>> FindSession(std::string_view token_hash) = 0;
  // Inserts, or replaces the session with the same token hash.
  virtual absl::Status PutSession(const Session& session) = 0;
  virtual absl::Status DeleteSession(std::string_view token_hash) = 0;
  // Ends every session of `account`, and any that expired before `now`.
  virtual absl::Status DeleteSessionsOf(std::string_view account, absl::Time now) = 0;

  virtual absl::StatusOr<std::optional<Device>> FindDevice(std::string_view device_id) = 0;
  // Inserts, or replaces the device with the same id.
  virtual absl::Status PutDevice(const Device& device) = 0;
  // Every device, by id.
  virtual absl::StatusOr<std::vector<Device>> ListDevices() = 0;
  virtual absl::StatusOr<std::optional<EnrolmentCode>> FindEnrolmentCode(
      std::string_view code_hash) = 0;
  // Inserts, or replaces the code with the same hash.
  virtual absl::Status PutEnrolmentCode(const EnrolmentCode& code) = 0;

  // Fair limits (auth/limits.h): for each limited thing, the time until
  // which its allowance is spent (GCRA's "theoretical arrival time");
  // nullopt when never charged, or forgotten.
  virtual absl::StatusOr<std::optional<absl::Time>> FindLimit(std::string_view key) = 0;
  // Inserts, or replaces the time of `key`.
  virtual absl::Status PutLimit(std::string_view key, absl::Time spent_until) = 0;
  // Forgets every limit spent only until before `now`: such a key is as
  // good as never charged.
  virtual absl::Status ForgetLimitsBefore(absl::Time now) = 0;

  // Failed sign-ins under names without an account, by the name's hash.
  virtual absl::StatusOr<std::optional<SigninFailures>> FindSigninFailures(
      std::string_view name_hash) = 0;
  // Inserts, or replaces the row of `name_hash`.
  virtual absl::Status PutSigninFailures(std::string_view name_hash,
                                         const SigninFailures& failures) = 0;
  // Forgets every row whose last failure and lock both ended before `then`.
  virtual absl::Status ForgetSigninFailuresBefore(absl::Time then) = 0;

  // The service's sealing keys (auth/sealing.h), newest first (the order
  // they were put in, whatever their times say).
  virtual absl::StatusOr<std::vector<SealingKey>> ListSealingKeys() = 0;
  // Inserts a new key (ALREADY_EXISTS for a key id held before).
  virtual absl::Status PutSealingKey(const SealingKey& key) = 0;

  // Cases (cases/cases.h). A submission as ListSubmissions gives it.
  virtual absl::StatusOr<std::optional<v1::SubmissionRecord>> FindSubmissionRecord(
      std::string_view submission_id) = 0;
  // The case row of a submission; nullopt while no one has touched it.
  virtual absl::StatusOr<std::optional<CaseRow>> FindCase(std::string_view submission_id) = 0;
  virtual absl::StatusOr<std::vector<CaseRow>> ListCases() = 0;
  // Inserts, or replaces the row of the same submission, and sets the
  // submission's status, reply and reply language (what CheckReference
  // tells the person) and updated_at.
  virtual absl::Status PutCase(const CaseRow& row, v1::CaseStatus status) = 0;
  virtual absl::Status AddCaseEvent(const CaseEvent& event) = 0;
  // Oldest first.
  virtual absl::StatusOr<std::vector<CaseEvent>> ListCaseEvents(
      std::string_view submission_id) = 0;
};

// A check run first inside a write's transaction (a fair-limit charge):
// when it fails, nothing of that write is kept and its status is returned.
using AccessCheck = std::function<absl::Status(AccessRows&)>;

// What an accounts job sees: the rows, and the audit written in the same
// transaction (chained like every audit row).
class AccessTxn : public AccessRows {
 public:
  virtual absl::Status Audit(const AuditEntry& entry) = 0;
};

// Something the service could not take as a submission: refused, damaged
// on a device's disk, or poisoning every batch it was in. Kept raw, with
// why, for officers; never logged.
struct QuarantineRow {
  std::int64_t id = 0;  // set by the store
  absl::Time received_at;
  std::string device_id;
  std::string submission_id;  // as claimed; may be empty or damaged
  std::string reason;
  std::string raw{};           // empty in listings
  std::int64_t size_bytes = 0;  // of raw; set in listings
};

// What an erasure removes: submissions and quarantined rows, by id, and
// audit rows whose reasons name the person (by seq; the rows stay, the
// chain holds). The retention schedule uses it too, and may also keep
// submissions with an anonymised body in place of the whole one.
struct Erasure {
  std::vector<std::string> submission_ids;
  std::vector<std::int64_t> quarantine_ids;
  std::vector<std::int64_t> audit_seqs;
  std::vector<std::pair<std::string, std::string>> anonymised{};  // id, new body
};

// A published catalog: its place in the order of publication, and the
// canonical bytes of the v1.Catalog (version set).
struct StoredCatalog {
  std::int64_t serial = 0;
  std::string bytes{};
};

// One count of how people took part: in `month`, how many visits gave
// `value` for `aspect` (see TakingPartCells). Each answer is counted on its
// own: no combination of answers, no kind, service, device, id or time
// finer than a month, so no count can be lined up with a submission.
struct TakingPartCount {
  std::string month;   // "YYYY-MM" of the visit
  std::string aspect;  // "visits", "how.speech", "equality", "equality.sex" ...
  std::string value;   // see TakingPartCells
  std::int64_t count = 0;
  bool operator==(const TakingPartCount&) const = default;
};

// What a committee report counts submissions by: one GROUP BY each, over
// the facts kept beside every body (submission_facts.h ReportFacts).
enum class ReportFacet { kKind, kService, kProvider, kSite, kChannel, kSpeaker, kRating };

// How many submissions had `value` of a facet: a kind ("complaint"), a
// catalog id, or an enum's number ("3"); "" where none was given.
struct FacetCount {
  std::string value;
  std::int64_t count = 0;
  bool operator==(const FacetCount&) const = default;
};

// What the store holds, for a report's "made from which data".
struct StoredExtent {
  std::int64_t submissions = 0;
  std::optional<absl::Time> newest_received;  // nullopt when there are none
};

// A complaint or safeguarding worry as reports count it, with where its
// case has got to; never its words or who made it.
struct ClockedCase {
  std::string kind;         // "complaint" or "safeguarding"
  bool statutory = false;   // a formal complaint (the case's own flag once an officer acted)
  absl::Time told_at;       // receipt: when the person told us (or its arrival, unmeasured)
  std::string state;        // cases::StateName ("received" while no officer has acted)
  std::optional<absl::Time> acknowledged_at{};
  std::string agreed_respond_by{};  // YYYY-MM-DD, or empty
  std::optional<absl::Time> responded_at{};
  std::string outcome{};            // "upheld", "partly_upheld", "not_upheld" or empty
  std::optional<absl::Time> decided_at{};  // a worry's first safeguarding decision
  std::string service_id{};                // the service area it is about, if named
};

// A submission whose case officers gave themes, as reports count it.
struct ThemedCase {
  std::string kind;
  bool statutory = false;  // the case's own flag
  std::string service_id;
  std::vector<std::string> themes;  // ids from the lexicon
  std::string outcome;              // the case's, or empty
  std::string body{};               // the stored v1.Submission, when asked for
};

// A Forum ballot's secret side: which codes were issued and used, and the
// marked papers. Each is a set kept sorted by its bytes and stored whole,
// rewritten at every cast, so what is stored says nothing of the order
// votes came in, and nothing joins a paper to a code: there is no id, time,
// device or row per vote (the submission a vote came in is not kept).
struct BallotBox {
  std::string ballot_id;
  std::vector<std::string> codes;   // SHA-256 of each code issued
  // A code used: its hash, then the hash of the submission that cast it
  // (so that device's retry is answered "already cast"), 64 bytes.
  std::vector<std::string> used;
  std::vector<std::string> papers;  // option ids in order, comma-separated
};

// How CastVote went.
enum class CastOutcome {
  kCast,         // the paper is in the box, the code used
  kAlreadyCast,  // this same cast was taken before (a retry)
  kCodeUsed,     // the code cast another vote: refused
  kUnknownCode,  // no such code for this ballot: refused
};

class Store {
 public:
  virtual ~Store() = default;

  // Stores `items` (already validated) from `device_id`, each received at
  // `received_at` from a device whose clock was `device_clock_offset`
  // behind the service's (each is recorded as told at its created_at plus
  // that offset), keyed by submission_id. Returns one result per item, in
  // order, only after every newly stored item is durably committed. (Equality
  // monitoring never comes in a submission: see CountTakingPart.) An error means nothing of this call is known to be
  // stored (the caller may retry the whole call: retries never duplicate).
  // `check`, when given, runs first in the same transaction (one commit
  // for the limit's charge and the words). `pin_hashes`, when not empty,
  // has one entry per item: the keyed hash of its PIN (empty for none),
  // kept beside it. The PIN itself is never kept: it is cleared from the
  // stored body, and a replay is compared without it.
  virtual absl::StatusOr<std::vector<PutResult>> PutSubmissions(
      std::string_view device_id,
      std::span<const v1::Submission* const> items, absl::Time received_at,
      absl::Duration device_clock_offset, const AccessCheck& check = nullptr,
      std::span<const std::string> pin_hashes = {}) = 0;

  // Every submission with `reference` (canonical form), newest first, at
  // most kMaxReferenceMatches: two devices' codes may collide, and the PIN
  // tells them apart. Empty when none has it.
  virtual absl::StatusOr<std::vector<ReferenceStatus>> FindByReference(
      std::string_view reference) = 0;

  // Unaudited reads, for the service's own use and tests. What an officer
  // sees goes through the Audited forms below.
  //
  // Up to `limit` (>= 1) records, urgent ones (safeguarding) first, then
  // newest first (ties by submission_id, descending), starting after
  // `after` when given. Records carry the whole stored submission; callers
  // decide what to clear.
  virtual absl::StatusOr<ListPage> ListSubmissions(
      int limit, const std::optional<ListCursor>& after) = 0;

  // Calls `sink` with every record, oldest first, until it returns false.
  // Returns how many records were handed to `sink`.
  virtual absl::StatusOr<std::int64_t> ForEachSubmission(
      const std::function<bool(const v1::SubmissionRecord&)>& sink) = 0;

  // An officer's read of one page (as ListSubmissions), and its audit row
  // (`audit` with count = records returned), committed in one transaction:
  // no audit row, no answer.
  virtual absl::StatusOr<ListPage> ListSubmissionsAudited(
      int limit, const std::optional<ListCursor>& after, AuditEntry audit) = 0;

  // An officer's export. One transaction fixes what the export holds (every
  // submission stored so far) and records `audit` with their number; only
  // then are the records handed to `sink`, oldest first, until it returns
  // false. When fewer leave than were recorded, a second row says how many
  // did (action "<action>_stopped"). Returns how many were handed to `sink`.
  virtual absl::StatusOr<std::int64_t> ExportSubmissionsAudited(
      AuditEntry audit,
      const std::function<bool(const v1::SubmissionRecord&)>& sink) = 0;

  // Durably records an officer's action that reads no records here.
  virtual absl::Status RecordAudit(const AuditEntry& entry) = 0;

  // The newest `limit` audit entries, newest first.
  virtual absl::StatusOr<std::vector<AuditEntry>> ListAudit(int limit) = 0;
  // Recomputes the audit's hash chain, oldest first: a row changed, or one
  // removed from before the newest, is found; with an `anchor`, also rows
  // cut from the end back past it, or a chain rewritten up to it.
  virtual absl::StatusOr<AuditVerification> VerifyAudit(
      const std::optional<AuditAnchor>& anchor = std::nullopt) = 0;

  // The device whose credential hashes to `credential_hash` (revoked or
  // not); nullopt when none. A read: the kiosks' every call asks it.
  virtual absl::StatusOr<std::optional<Device>> FindDeviceByCredential(
      std::string_view credential_hash) = 0;

  // Runs `job` on who may call (AccessRows) in one transaction, durably
  // committed when it returns OK; when the job fails nothing it wrote is
  // kept. The job may be run again after a failed commit.
  virtual absl::Status WithAccess(const std::function<absl::Status(AccessTxn&)>& job) = 0;

  // Records `audit`, then hands a consistent copy of the whole database
  // (taken while writes go on, and holding that audit row) to `sink` in
  // chunks of at most 1 MiB, until it returns false (CANCELLED then).
  virtual absl::Status Backup(const std::function<bool(std::string_view chunk)>& sink,
                              const AuditEntry& audit) = 0;

  // Removes (or anonymises) everything in `erasure` and writes `audit`
  // (its count set to the rows removed, blanked or anonymised), in one
  // transaction, then scrubs the
  // files so nothing removed is left in their bytes. Returns the count.
  virtual absl::StatusOr<std::int64_t> Erase(const Erasure& erasure, AuditEntry audit) = 0;

  // Unaudited: every audit row, oldest first, until `sink` returns false.
  virtual absl::Status ForEachAudit(const std::function<bool(const AuditEntry&)>& sink) = 0;

  // Unaudited: every quarantined row, with its bytes, oldest first, until
  // `sink` returns false. What an officer sees of it is audited by caller.
  virtual absl::Status ForEachQuarantined(
      const std::function<bool(const QuarantineRow&)>& sink) = 0;

  // Durably keeps `rows` in the quarantine. The same bytes from the same
  // device under the same id are kept once, so a retry adds nothing.
  virtual absl::Status PutQuarantine(std::span<const QuarantineRow> rows) = 0;
  // An officer's read of the newest `limit` quarantined rows (without
  // their bytes), and its audit row, in one transaction.
  virtual absl::StatusOr<std::vector<QuarantineRow>> ListQuarantineAudited(
      int limit, AuditEntry audit) = 0;

  // Stores `bytes` (a validated catalog) as the newest, with `audit`, in
  // one transaction. Returns its serial.
  virtual absl::StatusOr<std::int64_t> PublishCatalog(std::string_view bytes,
                                                      AuditEntry audit) = 0;
  // The newest catalog's serial (0 when none), and the newest catalog.
  // Reads: every replica asks, about once a second.
  virtual absl::StatusOr<std::int64_t> LatestCatalogSerial() = 0;
  virtual absl::StatusOr<std::optional<StoredCatalog>> LatestCatalog() = 0;

  // Counts visits (already validated): each cell of each tally
  // (TakingPartCells) gains one, in one durable transaction; a tally whose
  // id was counted before is skipped. The tallies themselves are not kept.
  virtual absl::Status CountTakingPart(std::span<const v1::TakingPart> tallies) = 0;
  // Every count, ordered by month, aspect and value.
  virtual absl::StatusOr<std::vector<TakingPartCount>> TakingPartCounts() = 0;

  // Submissions the person told us in [from, to) -- told_at, on the
  // service's clock, however late their device sent them; the receipt
  // where that was not measured -- counted by `facet`, ordered by value.
  // Aggregated in the store: no body is read, memory is one row per value.
  virtual absl::StatusOr<std::vector<FacetCount>> CountSubmissions(absl::Time from, absl::Time to,
                                                                   ReportFacet facet) = 0;
  // How many submissions are stored, and the newest receipt.
  virtual absl::StatusOr<StoredExtent> SubmissionsStored() = 0;
  // Complaints and safeguarding worries told in [from, to), oldest first;
  // with `open_only`, only those whose case is still open (received,
  // acknowledged, investigating). Reads the bodies of these kinds alone,
  // one at a time; `sink` returns false to stop.
  virtual absl::Status ForEachClockedCase(absl::Time from, absl::Time to, bool open_only,
                                          const std::function<bool(const ClockedCase&)>& sink) = 0;
  // Submissions told in [from, to) whose case has themes, oldest first,
  // with their bodies only `with_bodies` (for quotes); `sink` returns false
  // to stop.
  virtual absl::Status ForEachThemedCase(absl::Time from, absl::Time to, bool with_bodies,
                                         const std::function<bool(const ThemedCase&)>& sink) = 0;
  // The bodies of submissions of `kind` ("consultation", ...) told in
  // [from, to), oldest first, one at a time; no other kind's body is read.
  // `sink` returns false to stop.
  virtual absl::Status ForEachSubmissionOfKind(
      std::string_view kind, absl::Time from, absl::Time to,
      const std::function<bool(const v1::Submission&)>& sink) = 0;
  // Submissions of `kind` told in [from, to) counted by their case's
  // outcome ("adopted", ...; "" where none is recorded, or no case yet),
  // ordered by outcome. Aggregated in the store: no body is read.
  virtual absl::StatusOr<std::vector<FacetCount>> CountOutcomes(absl::Time from, absl::Time to,
                                                                std::string_view kind) = 0;

  // Adds the hashes of new codes to `ballot_id`'s box, with `audit` (count
  // set to how many), in one transaction. Returns how many codes the ballot
  // has now. ALREADY_EXISTS (nothing added) when one was issued before.
  virtual absl::StatusOr<std::int64_t> AddBallotCodes(std::string_view ballot_id,
                                                      std::span<const std::string> code_hashes,
                                                      AuditEntry audit) = 0;
  // Casts `paper` with the code hashing to `code_hash`, in one durable
  // transaction, then scrubs the files so no earlier state of the box is
  // left in their bytes to show which paper came with which code.
  // `cast_hash` (32 bytes) names this cast, so that its retry is known.
  virtual absl::StatusOr<CastOutcome> CastVote(std::string_view ballot_id,
                                               std::string_view code_hash,
                                               std::string_view cast_hash,
                                               std::string_view paper) = 0;
  // The box of `ballot_id` (empty when no code was issued).
  virtual absl::StatusOr<BallotBox> FindBallotBox(std::string_view ballot_id) = 0;
};

// Opens (creating and migrating if needed) the SQLite store at `path`.
// Fails when the file cannot be opened, is not a CareVoice database, or was
// written by a newer schema than this program knows.
absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);

}  // namespace carevoice::service::store
