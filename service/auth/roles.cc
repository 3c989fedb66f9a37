#include "service/auth/roles.h"

namespace carevoice::service::auth {
namespace {

struct Row {
  Action action;
  bool admin, officer, clerk;
};

// The role table (roles.h, README "Who may do what").
constexpr Row kTable[] = {
    //  action                 admin  officer clerk
    {Action::kAdminister,     true,  false,  false},
    {Action::kCaseWork,       false, true,   false},
    {Action::kAnonymised,     true,  true,   true},
    {Action::kCoProduction,   true,  true,   false},
    {Action::kOwnSession,     true,  true,   true},
};

}  // namespace

bool Allows(Role role, Action action) {
  for (const Row& row : kTable) {
    if (row.action != action) continue;
    switch (role) {
      case Role::kAdmin: return row.admin;
      case Role::kOfficer: return row.officer;
      case Role::kClerk: return row.clerk;
    }
  }
  return false;  // not in the table: nobody (sign-in is checked apart)
}

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAdmin: return "admin";
    case Role::kOfficer: return "officer";
    case Role::kClerk: return "clerk";
  }
  return "";
}

std::optional<Role> RoleFromName(std::string_view name) {
  for (Role r : kRoles) {
    if (RoleName(r) == name) return r;
  }
  return std::nullopt;
}

v1::Role RoleToProto(Role role) {
  switch (role) {
    case Role::kAdmin: return v1::ROLE_ADMIN;
    case Role::kOfficer: return v1::ROLE_OFFICER;
    case Role::kClerk: return v1::ROLE_CLERK;
  }
  return v1::ROLE_UNSPECIFIED;
}

std::optional<Role> RoleFromProto(v1::Role role) {
  switch (role) {
    case v1::ROLE_ADMIN: return Role::kAdmin;
    case v1::ROLE_OFFICER: return Role::kOfficer;
    case v1::ROLE_CLERK: return Role::kClerk;
    default: return std::nullopt;
  }
}

std::string_view ActionWords(Action action) {
  switch (action) {
    case Action::kSignIn: return "sign in";
    case Action::kOwnSession: return "use a session";
    case Action::kAdminister: return "administer devices, accounts, the catalog or the audit";
    case Action::kCaseWork: return "read people's words or contact details";
    case Action::kAnonymised: return "read anonymised lists and exports";
    case Action::kCoProduction: return "run consultations or ballots";
  }
  return "";
}

Action ActionOf(const v1::SignInRequest&) { return Action::kSignIn; }
Action ActionOf(const v1::SignOutRequest&) { return Action::kOwnSession; }
Action ActionOf(const v1::ExtendSessionRequest&) { return Action::kOwnSession; }
Action ActionOf(const v1::CreateEnrolmentCodeRequest&) { return Action::kAdminister; }
Action ActionOf(const v1::ListDevicesRequest&) { return Action::kAdminister; }
Action ActionOf(const v1::RevokeDeviceRequest&) { return Action::kAdminister; }
Action ActionOf(const v1::CreateAccountRequest&) { return Action::kAdminister; }
Action ActionOf(const v1::ListAccountsRequest&) { return Action::kAdminister; }
Action ActionOf(const v1::UpdateAccountRequest&) { return Action::kAdminister; }
Action ActionOf(const v1::ListSubmissionsRequest& request) {
  return request.include_text() ? Action::kCaseWork : Action::kAnonymised;
}
Action ActionOf(const v1::ExportSubmissionsRequest& request) {
  return request.identified() ? Action::kCaseWork : Action::kAnonymised;
}
Action ActionOf(const v1::GetCatalogRequest&) { return Action::kAnonymised; }
Action ActionOf(const v1::ListTakingPartRequest&) { return Action::kAnonymised; }
Action ActionOf(const v1::BuildReportRequest&) { return Action::kAnonymised; }
Action ActionOf(const v1::PublishCatalogRequest&) { return Action::kAdminister; }
Action ActionOf(const v1::PublishConsultationRequest&) { return Action::kCoProduction; }
Action ActionOf(const v1::CloseConsultationRequest&) { return Action::kCoProduction; }
Action ActionOf(const v1::ListConsultationsRequest&) { return Action::kAnonymised; }
Action ActionOf(const v1::ConsultationResultsRequest&) { return Action::kAnonymised; }
Action ActionOf(const v1::PublishNoticeRequest&) { return Action::kCoProduction; }
Action ActionOf(const v1::PublishBallotRequest&) { return Action::kCoProduction; }
Action ActionOf(const v1::IssueBallotCodesRequest&) { return Action::kCoProduction; }
Action ActionOf(const v1::ListBallotsRequest&) { return Action::kAnonymised; }
Action ActionOf(const v1::CountBallotRequest&) { return Action::kCoProduction; }
Action ActionOf(const v1::VerifyAuditRequest&) { return Action::kAdminister; }
Action ActionOf(const v1::ListAuditRequest&) { return Action::kAdminister; }
// Quarantined items are people's words to rescue: case work.
Action ActionOf(const v1::ListQuarantineRequest&) { return Action::kCaseWork; }
// Running the system: the copy is kept, not read (and it is audited).
Action ActionOf(const v1::BackupRequest&) { return Action::kAdminister; }
// A person's whole data, words and contact details: case work.
Action ActionOf(const v1::SubjectAccessRequest&) { return Action::kCaseWork; }
Action ActionOf(const v1::EraseRequest&) { return Action::kCaseWork; }
// Keys are running the system; they open nothing for whoever rotates.
Action ActionOf(const v1::RotateSealingKeyRequest&) { return Action::kAdminister; }
// Running the system by the council's schedule; it reads nobody's words.
Action ActionOf(const v1::RunRetentionRequest&) { return Action::kAdminister; }
// Handling people's cases: case work.
Action ActionOf(const v1::ListCasesRequest&) { return Action::kCaseWork; }
Action ActionOf(const v1::MoveCaseRequest&) { return Action::kCaseWork; }
Action ActionOf(const v1::RecordComplaintRequest&) { return Action::kCaseWork; }
Action ActionOf(const v1::GetCaseRequest&) { return Action::kCaseWork; }

}  // namespace carevoice::service::auth
