// Who may do what: the role table, written once here and in the README,
// and checked by the service on every Officer call (each begins by
// admitting its caller for ActionOf(request)). Deny by default: an action
// is allowed only where the table says so. tests/service/roles_test.cc
// calls every rpc of the Officer service, as every role and with no
// session, so an rpc added without its row here fails the tests.
//
//   action                                               admin officer clerk
//   administer: devices, accounts, catalog, retention,     ✔
//               the audit, backups
//   case work: cases, full words, contact details,                ✔
//              replies, the quarantine
//   anonymised: lists without words, anonymised exports,   ✔      ✔      ✔
//               reports, the catalog's names
//   co-production: consultations, ballots, notices         ✔      ✔
//   own session: sign out, extend, who am I                ✔      ✔      ✔
//   sign in: needs no session
//
// Admins run the system but do not read people's words: separating the
// two keeps any one account from doing both quietly. A backup holds the
// words, but to be kept, not read; taking one is audited. Pure: any thread.
#pragma once

#include <optional>
#include <string_view>

#include "carevoice/v1/carevoice.pb.h"

namespace carevoice::service::auth {

enum class Role { kAdmin, kOfficer, kClerk };
inline constexpr Role kRoles[] = {Role::kAdmin, Role::kOfficer, Role::kClerk};

enum class Action {
  kSignIn,
  kOwnSession,
  kAdminister,
  kCaseWork,
  kAnonymised,
  kCoProduction,
};

// Whether `role` may do `action` (the table above).
bool Allows(Role role, Action action);

// "admin", "officer", "clerk", as stored and typed.
std::string_view RoleName(Role role);
std::optional<Role> RoleFromName(std::string_view name);
v1::Role RoleToProto(Role role);
std::optional<Role> RoleFromProto(v1::Role role);

// What an action is, in the words of a refusal: "read people's words or
// contact details", ...
std::string_view ActionWords(Action action);

// Which action each Officer call is. Where a request asks for words or
// contact details, it is case work; else what the call is.
Action ActionOf(const v1::SignInRequest&);
Action ActionOf(const v1::SignOutRequest&);
Action ActionOf(const v1::ExtendSessionRequest&);
Action ActionOf(const v1::CreateEnrolmentCodeRequest&);
Action ActionOf(const v1::ListDevicesRequest&);
Action ActionOf(const v1::RevokeDeviceRequest&);
Action ActionOf(const v1::CreateAccountRequest&);
Action ActionOf(const v1::ListAccountsRequest&);
Action ActionOf(const v1::UpdateAccountRequest&);
Action ActionOf(const v1::ListSubmissionsRequest& request);
Action ActionOf(const v1::ExportSubmissionsRequest& request);
Action ActionOf(const v1::GetCatalogRequest&);
Action ActionOf(const v1::PublishCatalogRequest&);
Action ActionOf(const v1::PublishConsultationRequest&);
Action ActionOf(const v1::CloseConsultationRequest&);
Action ActionOf(const v1::ListConsultationsRequest&);
Action ActionOf(const v1::ConsultationResultsRequest&);
Action ActionOf(const v1::PublishNoticeRequest&);
Action ActionOf(const v1::PublishBallotRequest&);
Action ActionOf(const v1::IssueBallotCodesRequest&);
Action ActionOf(const v1::ListBallotsRequest&);
Action ActionOf(const v1::CountBallotRequest&);
Action ActionOf(const v1::VerifyAuditRequest&);
Action ActionOf(const v1::ListAuditRequest&);
Action ActionOf(const v1::ListQuarantineRequest&);
Action ActionOf(const v1::ListTakingPartRequest&);
Action ActionOf(const v1::BuildReportRequest&);
Action ActionOf(const v1::BackupRequest&);
Action ActionOf(const v1::SubjectAccessRequest&);
Action ActionOf(const v1::EraseRequest&);
Action ActionOf(const v1::RotateSealingKeyRequest&);
Action ActionOf(const v1::RunRetentionRequest&);
Action ActionOf(const v1::ListCasesRequest&);
Action ActionOf(const v1::MoveCaseRequest&);
Action ActionOf(const v1::RecordComplaintRequest&);
Action ActionOf(const v1::GetCaseRequest&);

}  // namespace carevoice::service::auth
