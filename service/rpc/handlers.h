// The logic of the KioskSync and Officer rpcs as plain functions, so tests
// call them without a server and the gRPC classes in services.h stay thin.
// Errors are absl::Status; turning them into grpc::Status happens only in
// services.cc. Every function may be called from any thread at once.
#pragma once

#include <functional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/clock.h"
#include "base/random.h"
#include "carevoice/v1/carevoice.pb.h"
#include "service/alerts/notifier.h"
#include "service/auth/accounts.h"
#include "service/auth/devices.h"
#include "service/auth/pins.h"
#include "service/auth/sealing.h"
#include "service/cases/cases.h"
#include "service/catalog/catalog.h"
#include "service/reports/population.h"
#include "service/retention/retention.h"
#include "service/store/store.h"

namespace carevoice::service::rpc {

// Validates and stores a batch. A request malformed as a whole (no items,
// more than 100, a bad device id) sets *whole_call to INVALID_ARGUMENT; a
// store failure sets it to the store's error (nothing is acknowledged).
// Refused items (bad fields, an id reused with another body) are also kept
// in the quarantine for officers; if that fails, the call fails. Else
// *whole_call is OK and the response has one result per item, in order:
// STORED, ALREADY_STORED (with the first received_at), or REJECTED with
// code 3 and the field for a bad item, code 6 for an id reused with a
// different body. `limit` (a fair limit's charge, auth::Limits::ForBatch),
// when given, runs in the transaction that stores the items; over it,
// *whole_call is its RESOURCE_EXHAUSTED and nothing is kept. Each item's
// PIN is kept only as its keyed hash under `pins`, nowhere in plain (not
// in the quarantine either). Sealed items (from care-home tablets) are
// opened with `sealing` and then treated as the plain ones; one that does
// not open (an unknown key, damaged bytes, another id inside; or no
// `sealing`) is kept in the quarantine as it came and answered REJECTED,
// code 15, "error.quarantined". When the keys cannot be read, *whole_call
// is that error and nothing is kept. Each safeguarding worry newly stored
// (not a replay) is told to `notifier`, when given. Consultation answers
// are checked against `catalog`'s consultations (contract::
// CheckAgainstCatalog: answered while open, by the time given), when it
// is given; one that does not fit is refused into the quarantine.
v1::SubmitBatchResponse SubmitBatch(store::Store& store,
                                    const base::Clock& clock,
                                    const auth::PinKey& pins,
                                    const v1::SubmitBatchRequest& request,
                                    absl::Status* whole_call,
                                    const store::AccessCheck& limit = nullptr,
                                    auth::SealingKeys* sealing = nullptr,
                                    alerts::Notifier* notifier = nullptr,
                                    const v1::Catalog* catalog = nullptr);

// Publishes a new catalog (see Catalogs::Publish); at most 4 MiB of JSON.
absl::StatusOr<v1::PublishCatalogResponse> PublishCatalog(catalog::Catalogs& catalog,
                                                          const auth::Caller& caller,
                                                          const v1::PublishCatalogRequest& request);

// Keeps what a device hands over (damaged or poisoning items) in the
// quarantine. INVALID_ARGUMENT for a request malformed as a whole.
// An item sealed by a tablet (sealed_key_id set) is opened with `sealing`
// and kept readable, its PIN dropped; one that does not open is kept
// sealed, the reason saying so.
absl::Status Quarantine(store::Store& store, const base::Clock& clock,
                        const v1::QuarantineRequest& request,
                        auth::SealingKeys* sealing = nullptr);

// Counts visits (how people took part, who they are if they said). 
// INVALID_ARGUMENT for a request malformed as a whole or a tally that
// breaks the contract ("tallies[2].equality.sex: error.unknown_value"),
// then nothing is counted; sealed tallies are opened with `sealing`
// (FAILED_PRECONDITION, naming it, when one cannot be).
absl::Status CountTakingPart(store::Store& store, const v1::CountTakingPartRequest& request,
                             auth::SealingKeys* sealing = nullptr);

// The counts of who took part and how, for months from..to (inclusive,
// "YYYY-MM"; empty for open-ended), with small counts suppressed (below
// reports::kSmallestShown, as in committee packs). INVALID_ARGUMENT for a
// month that is not one.
absl::StatusOr<v1::ListTakingPartResponse> ListTakingPart(store::Store& store,
                                                          const v1::ListTakingPartRequest& request);

// The committee report of the period asked (or the year to 31 March of
// annual_year), with the catalog served now, days and working days
// counted as `cases` counts them; audited "report" with the audience and
// period. INVALID_ARGUMENT for a period written wrongly, no audience, or
// both a period and a year.
// `population` (may be null) is set beside who we heard from.
absl::StatusOr<v1::CommitteeReport> BuildReport(store::Store& store, catalog::Catalogs& catalog,
                                                const base::Clock& clock, const cases::Cases& cases,
                                                const reports::Population* population,
                                                const auth::Caller& caller,
                                                const v1::BuildReportRequest& request);

// The key tablets seal to now, into `out` (made on first use).
absl::Status SetSealingKey(auth::SealingKeys& sealing, v1::SealingKey* out);
// A new sealing key (see SealingKeys::Rotate), in the caller's name.
absl::StatusOr<v1::SealingKey> RotateSealingKey(auth::SealingKeys& sealing,
                                                const auth::Caller& caller);

// Publishes a consultation (see Catalogs::PublishConsultation); at most
// 1 MiB of JSON.
absl::StatusOr<v1::PublishConsultationResponse> PublishConsultation(
    catalog::Catalogs& catalog, const auth::Caller& caller,
    const v1::PublishConsultationRequest& request);
absl::StatusOr<v1::CloseConsultationResponse> CloseConsultation(
    catalog::Catalogs& catalog, const auth::Caller& caller,
    const v1::CloseConsultationRequest& request);
// Counts the answers stored for consultation `request.id()`: NotFound for
// one never published.
absl::StatusOr<v1::ConsultationResultsResponse> ConsultationResults(
    store::Store& store, catalog::Catalogs& catalog, const base::Clock& clock,
    const v1::ConsultationResultsRequest& request);
v1::ListConsultationsResponse ListConsultations(catalog::Catalogs& catalog,
                                                const base::Clock& clock);

// Publishes a notice for "What changed" (see Catalogs::PublishNotice); at
// most 64 KiB of JSON.
absl::StatusOr<v1::PublishNoticeResponse> PublishNotice(catalog::Catalogs& catalog,
                                                        const auth::Caller& caller,
                                                        const v1::PublishNoticeRequest& request);
// Forum ballots: publish one (see Catalogs::PublishBallot); issue codes
// for one not yet closed (1..10,000 at a time; only their hashes kept);
// list them with turnout; count one closed and publish its result (counted
// again, with the recorded seed, when it was counted before).
absl::StatusOr<v1::PublishBallotResponse> PublishBallot(catalog::Catalogs& catalog,
                                                        const auth::Caller& caller,
                                                        const v1::PublishBallotRequest& request);
absl::StatusOr<v1::IssueBallotCodesResponse> IssueBallotCodes(
    store::Store& store, catalog::Catalogs& catalog, const base::Clock& clock,
    base::Random& random, const auth::Caller& caller,
    const v1::IssueBallotCodesRequest& request);
absl::StatusOr<v1::ListBallotsResponse> ListBallots(store::Store& store,
                                                    catalog::Catalogs& catalog,
                                                    const base::Clock& clock);
absl::StatusOr<v1::CountBallotResponse> CountBallot(store::Store& store,
                                                    catalog::Catalogs& catalog,
                                                    const base::Clock& clock,
                                                    base::Random& random,
                                                    const auth::Caller& caller,
                                                    const v1::CountBallotRequest& request);

// The catalog, or just `unchanged` when known_version is current.
v1::GetCatalogResponse GetCatalog(catalog::Catalogs& catalog,
                                  const v1::GetCatalogRequest& request);

// Status of a reference as a person typed or said it (dashes, spaces and
// case ignored), given with its PIN. found=false alike, by the same steps
// (one look-up, one keyed hash, constant-time comparisons), for an
// unknown or malformed reference and a wrong or malformed PIN.
absl::StatusOr<v1::CheckReferenceResponse> CheckReference(
    store::Store& store, const auth::PinKey& pins, const v1::CheckReferenceRequest& request);

// The Officer calls below take the signed-in `caller`, already admitted
// for the call's action by the role table (auth/roles.h); what they audit
// is done in the caller's name.

// The audit's hash chain checked, then that check audited.
absl::StatusOr<v1::VerifyAuditResponse> VerifyAudit(store::Store& store,
                                                    const base::Clock& clock,
                                                    const auth::Caller& caller,
                                                    const v1::VerifyAuditRequest& request);
// The newest audit rows, newest first; the reading is audited first.
absl::StatusOr<v1::ListAuditResponse> ListAudit(store::Store& store, const base::Clock& clock,
                                                const auth::Caller& caller,
                                                const v1::ListAuditRequest& request);

// The newest quarantined rows (without their bytes). Audited.
absl::StatusOr<v1::ListQuarantineResponse> ListQuarantine(store::Store& store,
                                                          const base::Clock& clock,
                                                          const auth::Caller& caller,
                                                          const v1::ListQuarantineRequest& request);

// A page of submissions, newest first, words cleared unless include_text
// (which needs a reason, kept in the audit); contact is always cleared.
// Audited (officer, action, count, reason).
absl::StatusOr<v1::ListSubmissionsResponse> ListSubmissions(
    store::Store& store, const base::Clock& clock, const auth::Caller& caller,
    const v1::ListSubmissionsRequest& request);

// Hands every submission, oldest first, to `write` until it returns false
// (the client went away: CANCELLED). Anonymised unless identified (which
// needs a reason, kept in the audit): contact cleared, and words cleared
// unless the person consented to quoting. Audited with the number of
// records handed over. `total`, when given, first hears how many there are
// about to be (every submission is a case), for a progress bar.
absl::Status ExportSubmissions(
    store::Store& store, const base::Clock& clock, const auth::Caller& caller,
    const v1::ExportSubmissionsRequest& request,
    const std::function<bool(v1::SubmissionRecord&&)>& write,
    const std::function<void(std::int64_t)>& total = {});

// Subject access: every submission and quarantined item whose contact
// details match every criterion given (see SubjectAccessRequest), whole,
// to `write`. INVALID_ARGUMENT without a criterion or a reason. Audited
// (with the reason and how many) before anything is handed over.
absl::Status SubjectAccess(store::Store& store, const base::Clock& clock,
                           const auth::Caller& caller, const v1::SubjectAccessRequest& request,
                           const std::function<bool(const v1::SubmissionRecord&)>& write);

// Erasure of everything SubjectAccess would find about the person, and of
// audit reasons naming them, in one transaction with its audit row; then
// the files are scrubbed. INVALID_ARGUMENT without a criterion or a
// reason, or with a reason that names the person.
absl::StatusOr<v1::EraseResponse> Erase(store::Store& store, const base::Clock& clock,
                                        const auth::Caller& caller,
                                        const v1::EraseRequest& request);

// A consistent copy of the database, in chunks to `write` until it returns
// false (CANCELLED); the last chunk carries the total and the SHA-256.
// Audited first, so the copy holds its own audit row.
absl::Status Backup(store::Store& store, const base::Clock& clock, const auth::Caller& caller,
                    const v1::BackupRequest& request,
                    const std::function<bool(const v1::BackupChunk&)>& write);

// Devices, as the rpcs of the same names.
// The case queue (see Cases::List), without words or contact details.
absl::StatusOr<v1::ListCasesResponse> ListCases(cases::Cases& cases,
                                                const v1::ListCasesRequest& request);
// Moves a case on (see Cases::Apply) in the caller's name.
absl::StatusOr<v1::CaseRecord> MoveCase(cases::Cases& cases, const auth::Caller& caller,
                                        const v1::MoveCaseRequest& request);

// A complaint (or safeguarding worry) made another way, entered by the
// caller: stored as any submission would be (channel OFFICER, from device
// "officer", told on the day the council received it), with a new
// reference and PIN, and its case started (see Cases::Entered).
absl::StatusOr<v1::RecordComplaintResponse> RecordComplaint(
    store::Store& store, cases::Cases& cases, const auth::PinKey& pins, base::Random& random,
    const base::Clock& clock, const auth::Caller& caller, const v1::RecordComplaintRequest& request,
    alerts::Notifier* notifier = nullptr);

// One case whole (see Cases::Get), with its history, in the caller's name.
absl::StatusOr<v1::CaseDetail> GetCase(cases::Cases& cases, const auth::Caller& caller,
                                       const v1::GetCaseRequest& request);

// Applies the retention schedule (see retention::Retention::Run) in the
// caller's name, answering the counts and the schedule with its reasons.
absl::StatusOr<v1::RetentionReport> RunRetention(retention::Retention& retention,
                                                 const auth::Caller& caller,
                                                 const v1::RunRetentionRequest& request);

// With the key tablets seal to.
absl::StatusOr<v1::EnrolResponse> Enrol(auth::Devices& devices, auth::SealingKeys& sealing,
                                        const v1::EnrolRequest& request);
absl::StatusOr<v1::EnrolmentCode> CreateEnrolmentCode(
    auth::Devices& devices, const auth::Caller& caller,
    const v1::CreateEnrolmentCodeRequest& request);
absl::StatusOr<v1::ListDevicesResponse> ListDevices(auth::Devices& devices,
                                                    const auth::Caller& caller);
absl::StatusOr<v1::Device> RevokeDevice(auth::Devices& devices, const auth::Caller& caller,
                                        const v1::RevokeDeviceRequest& request);

// Accounts and sessions, as the Officer rpcs of the same names.
v1::SessionInfo SessionInfoOf(const auth::Caller& caller);
absl::StatusOr<v1::SignInResponse> SignIn(auth::Accounts& accounts,
                                          const v1::SignInRequest& request);
absl::StatusOr<v1::Account> CreateAccount(auth::Accounts& accounts, const auth::Caller& caller,
                                          const v1::CreateAccountRequest& request);
absl::StatusOr<v1::ListAccountsResponse> ListAccounts(auth::Accounts& accounts,
                                                      const auth::Caller& caller);
absl::StatusOr<v1::Account> UpdateAccount(auth::Accounts& accounts, const auth::Caller& caller,
                                          const v1::UpdateAccountRequest& request);

}  // namespace carevoice::service::rpc
