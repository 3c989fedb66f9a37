// The gRPC service classes. Thin on purpose: each method calls the plain
// function of the same name in handlers.h and converts its absl::Status
// into a grpc::Status (the only place that conversion happens). gRPC calls
// these from its own thread pool, many at once.
#pragma once

#include <functional>

#include "base/clock.h"
#include "base/random.h"
#include "carevoice/v1/carevoice.grpc.pb.h"
#include "service/alerts/notifier.h"
#include "service/auth/accounts.h"
#include "service/auth/devices.h"
#include "service/auth/limits.h"
#include "service/auth/pins.h"
#include "service/auth/sealing.h"
#include "service/cases/cases.h"
#include "service/catalog/catalog.h"
#include "service/reports/population.h"
#include "service/retention/retention.h"
#include "service/rpc/work_pool.h"
#include "service/store/store.h"

namespace carevoice::service::rpc {

// Called after a SubmitBatch call has durably committed at least one newly
// stored item, before its reply is sent. Used for fault injection (see
// fault_injection.h); empty in normal running.
using AfterCommitHook = std::function<void()>;

// SubmitBatch and Quarantine, which carry what people said, take their
// requests as raw bytes, so that bytes that are no request at all (damaged
// on a device's disk, or from a broken client) are answered
// INVALID_ARGUMENT, the caller's fault, not gRPC's own INTERNAL. Their
// work runs on a WorkPool, never on gRPC's callback threads.
using KioskSyncBase = v1::KioskSync::WithRawCallbackMethod_SubmitBatch<
    v1::KioskSync::WithRawCallbackMethod_Quarantine<v1::KioskSync::Service>>;

// Every method but Enrol first admits the device: its credential (the
// "authorization: Bearer <credential>" metadata) must belong to a device
// enrolled and not revoked (else UNAUTHENTICATED, saying why), and a
// request naming a device_id must name that one (else PERMISSION_DENIED):
// no device submits as another. Calls over a fair limit (auth/limits.h)
// get RESOURCE_EXHAUSTED with the wait in the trailing metadata
// base::kRetryAfterMetadata.
class KioskSyncImpl final : public KioskSyncBase {
 public:
  // All seven must outlive this object.
  KioskSyncImpl(store::Store& store, catalog::Catalogs& catalog,
                const base::Clock& clock, auth::Devices& devices, auth::Limits& limits,
                const auth::PinKey& pins, auth::SealingKeys& sealing,
                AfterCommitHook after_commit = nullptr, alerts::Notifier* notifier = nullptr)
      : store_(store),
        catalog_(catalog),
        clock_(clock),
        devices_(devices),
        limits_(limits),
        pins_(pins),
        sealing_(sealing),
        after_commit_(std::move(after_commit)),
        notifier_(notifier) {}

  grpc::Status Enrol(grpc::ServerContext* context, const v1::EnrolRequest* request,
                     v1::EnrolResponse* response) override;
  grpc::ServerUnaryReactor* SubmitBatch(grpc::CallbackServerContext* context,
                                        const grpc::ByteBuffer* request,
                                        grpc::ByteBuffer* response) override;
  grpc::Status GetCatalog(grpc::ServerContext* context,
                          const v1::GetCatalogRequest* request,
                          v1::GetCatalogResponse* response) override;
  grpc::Status CheckReference(grpc::ServerContext* context,
                              const v1::CheckReferenceRequest* request,
                              v1::CheckReferenceResponse* response) override;
  grpc::ServerUnaryReactor* Quarantine(grpc::CallbackServerContext* context,
                                       const grpc::ByteBuffer* request,
                                       grpc::ByteBuffer* response) override;
  grpc::Status CountTakingPart(grpc::ServerContext* context,
                               const v1::CountTakingPartRequest* request,
                               v1::CountTakingPartResponse* response) override;

 private:
  // The device behind `context`; `claimed`, when not empty, must be its id.
  absl::StatusOr<store::Device> Admit(grpc::ServerContextBase* context,
                                      const std::string& claimed);
  // The raw methods' work, on workers_.
  grpc::Status SubmitBatchNow(grpc::CallbackServerContext& context, const grpc::ByteBuffer& raw,
                              grpc::ByteBuffer* raw_response);
  grpc::Status QuarantineNow(grpc::CallbackServerContext& context, const grpc::ByteBuffer& raw,
                             grpc::ByteBuffer* raw_response);

  store::Store& store_;
  catalog::Catalogs& catalog_;
  const base::Clock& clock_;
  auth::Devices& devices_;
  auth::Limits& limits_;
  const auth::PinKey& pins_;
  auth::SealingKeys& sealing_;
  const AfterCommitHook after_commit_;
  alerts::Notifier* const notifier_;  // may be null
  // Enough for group commit to gather many batches into one commit.
  WorkPool workers_{16};
};

// Every method but SignIn first admits its caller: a live session (the
// "authorization: Bearer <token>" metadata) whose role the table in
// auth/roles.h allows the call's action; else UNAUTHENTICATED or
// PERMISSION_DENIED and nothing else happens. Admitted calls answer with
// the session's expiry in the initial metadata ("carevoice-session-
// expires-at", "carevoice-session-ends-at": unix seconds), so a tool can
// warn before it ends.
class OfficerImpl final : public v1::Officer::Service {
 public:
  // All must outlive this object.
  OfficerImpl(store::Store& store, catalog::Catalogs& catalog, const base::Clock& clock,
              auth::Accounts& accounts, auth::Devices& devices, auth::Limits& limits,
              auth::SealingKeys& sealing, retention::Retention& retention, cases::Cases& cases,
              const auth::PinKey& pins, base::Random& random,
              alerts::Notifier* notifier = nullptr,
              const reports::Population* population = nullptr)
      : store_(store),
        catalog_(catalog),
        clock_(clock),
        accounts_(accounts),
        devices_(devices),
        limits_(limits),
        sealing_(sealing),
        retention_(retention),
        cases_(cases),
        pins_(pins),
        random_(random),
        notifier_(notifier),
        population_(population) {}

  grpc::Status CreateEnrolmentCode(grpc::ServerContext* context,
                                   const v1::CreateEnrolmentCodeRequest* request,
                                   v1::EnrolmentCode* response) override;
  grpc::Status ListDevices(grpc::ServerContext* context, const v1::ListDevicesRequest* request,
                           v1::ListDevicesResponse* response) override;
  grpc::Status RevokeDevice(grpc::ServerContext* context,
                            const v1::RevokeDeviceRequest* request,
                            v1::Device* response) override;
  grpc::Status SignIn(grpc::ServerContext* context, const v1::SignInRequest* request,
                      v1::SignInResponse* response) override;
  grpc::Status SignOut(grpc::ServerContext* context, const v1::SignOutRequest* request,
                       v1::SignOutResponse* response) override;
  grpc::Status ExtendSession(grpc::ServerContext* context,
                             const v1::ExtendSessionRequest* request,
                             v1::SessionInfo* response) override;
  grpc::Status CreateAccount(grpc::ServerContext* context,
                             const v1::CreateAccountRequest* request,
                             v1::Account* response) override;
  grpc::Status ListAccounts(grpc::ServerContext* context,
                            const v1::ListAccountsRequest* request,
                            v1::ListAccountsResponse* response) override;
  grpc::Status UpdateAccount(grpc::ServerContext* context,
                             const v1::UpdateAccountRequest* request,
                             v1::Account* response) override;

  grpc::Status ListSubmissions(grpc::ServerContext* context,
                               const v1::ListSubmissionsRequest* request,
                               v1::ListSubmissionsResponse* response) override;
  grpc::Status ExportSubmissions(
      grpc::ServerContext* context, const v1::ExportSubmissionsRequest* request,
      grpc::ServerWriter<v1::SubmissionRecords>* writer) override;
  grpc::Status GetCatalog(grpc::ServerContext* context,
                          const v1::GetCatalogRequest* request,
                          v1::GetCatalogResponse* response) override;
  grpc::Status VerifyAudit(grpc::ServerContext* context,
                           const v1::VerifyAuditRequest* request,
                           v1::VerifyAuditResponse* response) override;
  grpc::Status ListAudit(grpc::ServerContext* context, const v1::ListAuditRequest* request,
                         v1::ListAuditResponse* response) override;
  grpc::Status PublishCatalog(grpc::ServerContext* context,
                              const v1::PublishCatalogRequest* request,
                              v1::PublishCatalogResponse* response) override;
  grpc::Status PublishConsultation(grpc::ServerContext* context,
                                   const v1::PublishConsultationRequest* request,
                                   v1::PublishConsultationResponse* response) override;
  grpc::Status CloseConsultation(grpc::ServerContext* context,
                                 const v1::CloseConsultationRequest* request,
                                 v1::CloseConsultationResponse* response) override;
  grpc::Status ConsultationResults(grpc::ServerContext* context,
                                   const v1::ConsultationResultsRequest* request,
                                   v1::ConsultationResultsResponse* response) override;
  grpc::Status ListConsultations(grpc::ServerContext* context,
                                 const v1::ListConsultationsRequest* request,
                                 v1::ListConsultationsResponse* response) override;
  grpc::Status PublishNotice(grpc::ServerContext* context, const v1::PublishNoticeRequest* request,
                             v1::PublishNoticeResponse* response) override;
  grpc::Status PublishBallot(grpc::ServerContext* context, const v1::PublishBallotRequest* request,
                             v1::PublishBallotResponse* response) override;
  grpc::Status IssueBallotCodes(grpc::ServerContext* context,
                                const v1::IssueBallotCodesRequest* request,
                                v1::IssueBallotCodesResponse* response) override;
  grpc::Status ListBallots(grpc::ServerContext* context, const v1::ListBallotsRequest* request,
                           v1::ListBallotsResponse* response) override;
  grpc::Status CountBallot(grpc::ServerContext* context, const v1::CountBallotRequest* request,
                           v1::CountBallotResponse* response) override;
  grpc::Status ListTakingPart(grpc::ServerContext* context, const v1::ListTakingPartRequest* request,
                              v1::ListTakingPartResponse* response) override;
  grpc::Status BuildReport(grpc::ServerContext* context, const v1::BuildReportRequest* request,
                           v1::CommitteeReport* response) override;
  grpc::Status ListQuarantine(grpc::ServerContext* context,
                              const v1::ListQuarantineRequest* request,
                              v1::ListQuarantineResponse* response) override;
  grpc::Status Backup(grpc::ServerContext* context, const v1::BackupRequest* request,
                      grpc::ServerWriter<v1::BackupChunk>* writer) override;
  grpc::Status Erase(grpc::ServerContext* context, const v1::EraseRequest* request,
                     v1::EraseResponse* response) override;
  grpc::Status RotateSealingKey(grpc::ServerContext* context,
                                const v1::RotateSealingKeyRequest* request,
                                v1::SealingKey* response) override;
  grpc::Status RunRetention(grpc::ServerContext* context, const v1::RunRetentionRequest* request,
                            v1::RetentionReport* response) override;
  grpc::Status ListCases(grpc::ServerContext* context, const v1::ListCasesRequest* request,
                         v1::ListCasesResponse* response) override;
  grpc::Status MoveCase(grpc::ServerContext* context, const v1::MoveCaseRequest* request,
                        v1::CaseRecord* response) override;
  grpc::Status GetCase(grpc::ServerContext* context, const v1::GetCaseRequest* request,
                       v1::CaseDetail* response) override;
  grpc::Status RecordComplaint(grpc::ServerContext* context,
                               const v1::RecordComplaintRequest* request,
                               v1::RecordComplaintResponse* response) override;
  grpc::Status SubjectAccess(grpc::ServerContext* context,
                             const v1::SubjectAccessRequest* request,
                             grpc::ServerWriter<v1::SubmissionRecord>* writer) override;

 private:
  // The caller behind `context`, if its session is live and its role may
  // do `action`.
  absl::StatusOr<auth::Caller> Admit(grpc::ServerContextBase* context, auth::Action action);

  store::Store& store_;
  catalog::Catalogs& catalog_;
  const base::Clock& clock_;
  auth::Accounts& accounts_;
  auth::Devices& devices_;
  auth::Limits& limits_;
  auth::SealingKeys& sealing_;
  retention::Retention& retention_;
  cases::Cases& cases_;
  const auth::PinKey& pins_;
  base::Random& random_;
  alerts::Notifier* const notifier_;  // may be null
  const reports::Population* const population_;  // may be null
};

// The secret a call carries ("authorization: Bearer <secret>": an
// officer's session token or a device's credential); empty when none.
std::string BearerToken(const grpc::ServerContextBase& context);

}  // namespace carevoice::service::rpc
