// carevoice-admin: the officers' command line. Wiring only; the commands
// are in commands.h and the output formats in format.h.
//
//   carevoice-admin --service HOST:PORT [--officer NAME] list
//       [--format json|table] [--include-text] [--limit N]
//   carevoice-admin --service HOST:PORT export --format csv --out FILE
//       [--identified]
#include <grpcpp/grpcpp.h>
#include <pwd.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "CLI/CLI.hpp"
#include "base/grpc_tls.h"
#include "service/admin/commands.h"

namespace {

// $USER, else the login name of this uid (cron and sudo may not set USER).
std::string DefaultOfficer() {
  const char* user = std::getenv("USER");
  if (user != nullptr && *user != '\0') return user;
  const passwd* entry = ::getpwuid(::getuid());
  return entry != nullptr && entry->pw_name != nullptr ? entry->pw_name : "";
}

}  // namespace

int main(int argc, char** argv) {
  namespace admin = carevoice::service::admin;
  CLI::App app{"CareVoice officers' tool"};
  app.require_subcommand(1);
  std::string service = "127.0.0.1:7000";
  std::string officer = DefaultOfficer();
  app.add_option("--service", service, "HOST:PORT of carevoice-service")
      ->capture_default_str();
  app.add_option("--officer", officer, "who is asking (audited); default $USER or login name");
  std::string tls_ca;
  app.add_option("--tls-ca", tls_ca,
                 "CA certificate (PEM) that signed the service's: talk TLS (plaintext without)")
      ->check(CLI::ExistingFile);

  admin::ListOptions list;
  CLI::App* list_cmd = app.add_subcommand("list", "list submissions, urgent first, then newest");
  list_cmd->add_option("--format", list.format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  list_cmd->add_flag("--include-text", list.include_text,
                     "include the person's words (audited)");
  list_cmd->add_option("--limit", list.limit, "at most N records")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();

  admin::ExportOptions exp;
  std::string export_format = "csv";
  CLI::App* export_cmd =
      app.add_subcommand("export", "export every submission as CSV");
  export_cmd->add_option("--format", export_format, "csv")
      ->check(CLI::IsMember({"csv"}))
      ->capture_default_str();
  export_cmd->add_option("--out", exp.out_path, "CSV file to write")->required();
  export_cmd->add_flag("--identified", exp.identified,
                       "include contact details and all words (audited)");
  admin::AuditOptions audit;
  CLI::App* audit_cmd = app.add_subcommand("audit", "the audit of officers' actions");
  audit_cmd->require_subcommand(1);
  CLI::App* verify_cmd =
      audit_cmd->add_subcommand("verify", "check that no audit row was changed or removed");
  CLI::App* audit_list_cmd = audit_cmd->add_subcommand("list", "the newest audit rows");
  audit_list_cmd->add_option("--limit", audit.limit, "at most N rows (1..1000)")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 1;  // --help is not an error
  }

  if (officer.empty()) {
    std::fprintf(stderr, "carevoice-admin: --officer is required ($USER is not set)\n");
    return 1;
  }
  // A page of records with their words can pass gRPC's 4 MB default.
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 * 1024 * 1024);
  auto credentials = carevoice::base::ChannelCredentialsFrom(tls_ca);
  if (!credentials.ok()) {
    std::fprintf(stderr, "carevoice-admin: --tls-ca: %s\n",
                 std::string(credentials.status().message()).c_str());
    return 1;
  }
  auto channel = grpc::CreateCustomChannel(service, *credentials, args);
  auto stub = carevoice::v1::Officer::NewStub(channel);

  absl::Status status;
  if (list_cmd->parsed()) {
    list.officer = officer;
    status = admin::RunList(*stub, list, std::cout);
  } else if (verify_cmd->parsed()) {
    audit.officer = officer;
    status = admin::RunAuditVerify(*stub, audit, std::cout);
  } else if (audit_list_cmd->parsed()) {
    audit.officer = officer;
    status = admin::RunAuditList(*stub, audit, std::cout);
  } else {
    exp.officer = officer;
    auto count = admin::RunExport(*stub, exp);
    status = count.status();
    if (count.ok()) {
      std::fprintf(stderr, "exported %lld records to %s\n",
                   static_cast<long long>(*count), exp.out_path.c_str());
    }
  }
  if (!status.ok()) {
    std::fprintf(stderr, "carevoice-admin: %s\n", std::string(status.message()).c_str());
    return 1;
  }
  return 0;
}
