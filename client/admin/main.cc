// carevoice-admin: the officers' command line. Wiring only; the commands
// are in commands.h, the output formats in format.h and where the session
// is kept in session_file.h.
//
//   carevoice-admin [--service HOST:PORT] [--tls-ca FILE] COMMAND
//     login --name NAME          password from the terminal, or stdin
//     logout | session
//     list [--format json|table] [--include-text --reason WHY] [--limit N]
//     export --out FILE [--identified --reason WHY]
//     audit verify [--anchor FILE] | audit list [--limit N]
//     account create --name NAME --role admin|officer|clerk   (password as login)
//     account list | disable NAME | enable NAME | unlock NAME
//     account password NAME | account role NAME ROLE
//     device enrol --site NAME --mode kiosk|tablet [--valid-hours N]
//     device list | device revoke ID
//     quarantine list [--limit N]
//     taking-part [--from YYYY-MM] [--to YYYY-MM]
//     catalog publish FILE
//     consultation publish FILE | consultation list | consultation close ID
//     ballot create FILE | ballot codes ID --count N --out FILE | ballot list | ballot count ID
//     notice publish FILE
//     report (--period FIRST..LAST | --annual YEAR) --audience A --format F --out FILE
//     backup --out FILE
//     sar [--email E] [--phone P] [--name N] --reason WHY --out FILE
//     erase [--email E] [--phone P] [--name N] --reason WHY (--dry-run | --yes)
#include <grpcpp/grpcpp.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <thread>

#include "CLI/CLI.hpp"
#include "client/model/officer_client.h"
#include "client/admin/commands.h"
#include "client/admin/session_file.h"

namespace {

namespace admin = carevoice::client::admin;
namespace v1 = carevoice::v1;

// One line from the terminal without echo, or from stdin when it is not a
// terminal (scripts: `printf '%s\n' "$pw" | carevoice-admin login ...`).
std::string ReadSecret(const char* prompt) {
  std::string line;
  if (::isatty(STDIN_FILENO)) {
    std::fprintf(stderr, "%s", prompt);
    termios old{};
    const bool got = ::tcgetattr(STDIN_FILENO, &old) == 0;
    if (got) {
      termios quiet = old;
      quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
      ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::getline(std::cin, line);
    if (got) ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::fprintf(stderr, "\n");
  } else {
    std::getline(std::cin, line);
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// A new password: asked twice at a terminal, so a slip is caught.
std::optional<std::string> ReadNewPassword() {
  std::string password = ReadSecret("New password (12 characters or more): ");
  if (::isatty(STDIN_FILENO) && ReadSecret("Again: ") != password) {
    std::fprintf(stderr, "carevoice-admin: the two passwords differ; nothing changed\n");
    return std::nullopt;
  }
  return password;
}

// The reason for reading words or contact details: --reason, else asked
// at a terminal. Empty when neither (the service then refuses, saying so).
std::string ReasonFor(std::string reason, const char* what) {
  if (reason.empty() && ::isatty(STDIN_FILENO)) {
    std::fprintf(stderr, "Why do you need %s? (kept in the audit): ", what);
    std::getline(std::cin, reason);
  }
  return reason;
}

int Failed(const absl::Status& status) {
  std::fprintf(stderr, "carevoice-admin: %s\n", std::string(status.message()).c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"CareVoice officers' tool"};
  app.require_subcommand(1);
  std::string service = "127.0.0.1:7000";
  app.add_option("--service", service, "HOST:PORT of carevoice-service")
      ->capture_default_str();
  std::string tls_ca;
  app.add_option("--tls-ca", tls_ca,
                 "CA certificate (PEM) that signed the service's: talk TLS (plaintext without)")
      ->check(CLI::ExistingFile);

  std::string login_name;
  CLI::App* login_cmd = app.add_subcommand("login", "sign in; the session is kept for later commands");
  login_cmd->add_option("--name", login_name, "your account name")->required();
  CLI::App* logout_cmd = app.add_subcommand("logout", "end the session");
  CLI::App* session_cmd =
      app.add_subcommand("session", "who is signed in and until when (extends the session)");

  admin::ListOptions list;
  CLI::App* list_cmd = app.add_subcommand("list", "list submissions, urgent first, then newest");
  list_cmd->add_option("--format", list.format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  list_cmd->add_flag("--include-text", list.include_text,
                     "include the person's words (officer role; audited with --reason)");
  list_cmd->add_option("--reason", list.reason, "why you need the words (kept in the audit)");
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
                       "include contact details and all words (officer role; audited with "
                       "--reason)");
  export_cmd->add_option("--reason", exp.reason,
                         "why you need contact details (kept in the audit)");

  // Who a subject access or an erasure is about, and why.
  struct Person {
    std::string email, phone, name, reason;
  };
  auto add_person = [](CLI::App* cmd, Person& who, const std::string& reason_help) {
    cmd->add_option("--email", who.email, "their email address");
    cmd->add_option("--phone", who.phone, "their phone number");
    cmd->add_option("--name", who.name, "their name (with --email or --phone, to be sure)");
    cmd->add_option("--reason", who.reason, reason_help);
  };
  admin::SubjectAccessOptions sar;
  Person sar_who;
  CLI::App* sar_cmd = app.add_subcommand(
      "sar", "subject access: everything held about one person (officer; audited with a reason)");
  add_person(sar_cmd, sar_who, "why (kept in the audit), e.g. the request's date");
  sar_cmd->add_option("--out", sar.out_path, "JSON file to write (0600)")->required();

  v1::EraseRequest erase;
  Person erase_who;
  bool erase_dry_run = false, erase_yes = false;
  CLI::App* erase_cmd = app.add_subcommand(
      "erase", "erasure: remove everything held about one person (officer; audited)");
  add_person(erase_cmd, erase_who, "why (kept in the audit; must not name the person)");
  erase_cmd->add_flag("--dry-run", erase_dry_run, "only count what would be removed");
  erase_cmd->add_flag("--yes", erase_yes, "really erase: it cannot be undone");

  admin::BackupOptions backup;
  CLI::App* backup_cmd = app.add_subcommand(
      "backup", "a consistent copy of the service's database, taken while it serves (admin)");
  backup_cmd->add_option("--out", backup.out_path,
                         "file to write (0600; it holds everything: keep it as carefully as "
                         "the database)")
      ->required();

  CLI::App* sealing_cmd =
      app.add_subcommand("sealing-key", "the key care-home tablets seal what residents say to (admin)");
  sealing_cmd->require_subcommand(1);
  CLI::App* rotate_cmd = sealing_cmd->add_subcommand(
      "rotate", "make a new key; tablets take it at their next contact, old items still open");

  v1::ListCasesRequest cases_request;
  std::string cases_format = "table";
  CLI::App* cases_cmd = app.add_subcommand(
      "cases", "the case queue: worries awaiting a decision first, then overdue, then by date due "
               "(officer)");
  cases_cmd->add_option("--format", cases_format, "table or json")->capture_default_str();
  bool cases_overdue = false;
  cases_cmd->add_flag("--overdue", cases_overdue, "only cases past a date due");
  std::string cases_assigned;
  cases_cmd->add_option("--assigned-to", cases_assigned, "only cases assigned to NAME");
  std::string cases_kind;
  cases_cmd->add_option("--kind", cases_kind, "only feedback, complaint, safeguarding, idea, ...");
  bool cases_watch = false;
  cases_cmd->add_flag("--watch", cases_watch,
                      "keep watching: print each safeguarding worry awaiting a decision as it "
                      "arrives, with a bell (until interrupted or the session ends)");
  int cases_every = 10;
  cases_cmd->add_option("--every", cases_every, "--watch: seconds between looks")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();

  v1::MoveCaseRequest move;
  std::string move_id, move_action;
  CLI::App* case_cmd = app.add_subcommand(
      "case", "move a case on: acknowledge, agree, respond, close, withdraw, refer, reopen, "
              "assign, decide, make_complaint or make_concern; note (for officers only), theme, "
              "or publish a reply for the person to hear at a kiosk (officer; kept in its "
              "history and audited)");
  case_cmd->add_option("id", move_id, "the case (its submission id)")->required();
  case_cmd->add_option("action", move_action, "what to do")
      ->required()
      ->check(CLI::IsMember({"acknowledge", "agree", "respond", "close", "withdraw", "refer",
                             "reopen", "assign", "decide", "make_complaint", "make_concern",
                             "note", "theme", "publish", "letter"}));
  std::string move_reason, move_contact, move_respond_by, move_response, move_outcome, move_to,
      move_decision;
  case_cmd->add_option("--reason", move_reason,
                       "withdraw, reopen, make_complaint, make_concern, decide "
                       "no_further_action: why");
  case_cmd->add_option("--contact", move_contact,
                       "acknowledge: how the person was told, in the format they asked for");
  case_cmd->add_option("--respond-by", move_respond_by, "agree: the date agreed, YYYY-MM-DD");
  case_cmd->add_option("--response", move_response,
                       "respond: the response (a complaint's names the Ombudsman)");
  case_cmd->add_option("--outcome", move_outcome,
                       "respond: upheld, partly_upheld or not_upheld (a complaint); "
                       "under_consideration, adopted, adopted_in_part or not_taken_forward "
                       "(an idea; publish a reply saying why)");
  case_cmd->add_option("--to", move_to, "assign: the officer");
  case_cmd->add_option("--decision", move_decision,
                       "decide: referred, no_further_action or police");
  std::string move_note, move_reply, move_language;
  std::vector<std::string> move_confirm, move_themes;
  case_cmd->add_option("--note", move_note, "note: the note (never shown to the person)");
  case_cmd->add_option("--reply", move_reply,
                       "publish: \"you said, we did\" in plain words, read aloud at a public "
                       "kiosk, so with no names or contact details");
  case_cmd->add_option("--language", move_language,
                       "publish: the reply's language (en-GB, cy, pl, ur, pa, bn); default the "
                       "person's own");
  case_cmd->add_option("--confirm", move_confirm,
                       "publish: words the redactor flagged that name no one (WORD,WORD)")
      ->delimiter(',');
  case_cmd->add_option("--themes", move_themes, "theme: the case's themes (ID,ID; none to clear)")
      ->delimiter(',');
  admin::LetterOptions letter;
  case_cmd->add_option("--kind", letter.kind,
                       "letter: acknowledgement or response (default: the response once one is "
                       "recorded)");
  case_cmd->add_option("--format", letter.format,
                       "letter: large-print (PDF), easy-read (PDF), audio (WAV), text; bsl, phone "
                       "or post are kept as a task (default: what the person asked for)");
  case_cmd->add_option("--out", letter.out_path, "letter: the file to write (mode 0600)");
  case_cmd->add_option("--council", letter.council, "letter: who it is from")
      ->capture_default_str();
  case_cmd->add_option("--signed", letter.signed_by, "letter: the officer who signs it");

  v1::RecordComplaintRequest record;
  std::string record_how, record_on, record_file;
  CLI::App* record_cmd = app.add_subcommand(
      "complaint", "enter a complaint made another way (by phone, letter, in person, email): on "
                   "the same clock from the day the council received it (officer)");
  record_cmd->add_option("--how", record_how, "phone, letter, in_person, email or other")
      ->required()
      ->check(CLI::IsMember({"phone", "letter", "in_person", "email", "other"}));
  record_cmd->add_option("--received-on", record_on, "the day the council received it, YYYY-MM-DD")
      ->required();
  record_cmd->add_option("--from-json", record_file,
                         "the complaint as a Submission in JSON (body complaint or safeguarding)")
      ->required()
      ->check(CLI::ExistingFile);

  CLI::App* retention_cmd = app.add_subcommand(
      "retention", "the retention schedule: what is anonymised and deleted when, and why (admin)");
  retention_cmd->require_subcommand(1);
  CLI::App* retention_run_cmd = retention_cmd->add_subcommand(
      "run", "apply it now (the service also does, daily); audited");
  bool retention_dry_run = false;
  retention_run_cmd->add_flag("--dry-run", retention_dry_run, "only count what is due");

  admin::AuditOptions audit;
  CLI::App* audit_cmd = app.add_subcommand("audit", "the audit of officers' actions (admin)");
  audit_cmd->require_subcommand(1);
  CLI::App* verify_cmd =
      audit_cmd->add_subcommand("verify", "check that no audit row was changed or removed");
  verify_cmd->add_option("--anchor", audit.anchor_path,
                         "file of the newest row found intact last time (ROW HASH), checked "
                         "and then moved on; default: one per service beside the sessions");
  CLI::App* audit_list_cmd = audit_cmd->add_subcommand("list", "the newest audit rows");
  audit_list_cmd->add_option("--limit", audit.limit, "at most N rows (1..1000)")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();

  CLI::App* account_cmd = app.add_subcommand("account", "officers' accounts (admin)");
  account_cmd->require_subcommand(1);
  std::string account_name, account_role;
  const auto roles = CLI::IsMember({"admin", "officer", "clerk"});
  CLI::App* create_cmd = account_cmd->add_subcommand(
      "create", "a new account; its password is read as login reads one");
  create_cmd->add_option("--name", account_name, "3-64 of a-z 0-9 . _ -")->required();
  create_cmd->add_option("--role", account_role, "admin, officer or clerk")
      ->required()
      ->check(roles);
  CLI::App* accounts_cmd = account_cmd->add_subcommand("list", "every account");
  CLI::App* disable_cmd = account_cmd->add_subcommand("disable", "stop it signing in; ends its sessions");
  CLI::App* enable_cmd = account_cmd->add_subcommand("enable", "let it sign in again");
  CLI::App* unlock_cmd = account_cmd->add_subcommand("unlock", "forgive its wrong passwords");
  CLI::App* password_cmd =
      account_cmd->add_subcommand("password", "set a new password; ends its sessions");
  CLI::App* role_cmd = account_cmd->add_subcommand("role", "change its role");
  for (CLI::App* cmd : {disable_cmd, enable_cmd, unlock_cmd, password_cmd, role_cmd}) {
    cmd->add_option("name", account_name, "the account")->required();
  }
  role_cmd->add_option("role", account_role, "admin, officer or clerk")->required()->check(roles);

  CLI::App* device_cmd = app.add_subcommand("device", "kiosks and tablets (admin)");
  device_cmd->require_subcommand(1);
  v1::CreateEnrolmentCodeRequest enrol;
  std::string site, mode;
  int valid_hours = 24;
  std::string device_id;
  CLI::App* enrol_cmd = device_cmd->add_subcommand(
      "enrol", "print a one-time code that enrols one device (give it --enrol CODE)");
  enrol_cmd->add_option("--site", site, "where the device is")->required();
  enrol_cmd->add_option("--mode", mode, "kiosk or tablet")
      ->required()
      ->check(CLI::IsMember({"kiosk", "tablet"}));
  enrol_cmd->add_option("--valid-hours", valid_hours, "how long the code works (1..168)")
      ->check(CLI::Range(1, 168))
      ->capture_default_str();
  CLI::App* devices_cmd = device_cmd->add_subcommand("list", "every device");
  CLI::App* revoke_cmd =
      device_cmd->add_subcommand("revoke", "refuse the device at once; it keeps its queue");
  revoke_cmd->add_option("id", device_id, "the device's id")->required();

  CLI::App* catalog_cmd = app.add_subcommand("catalog", "the catalog kiosks are served (admin)");
  catalog_cmd->require_subcommand(1);
  std::string catalog_path;
  CLI::App* publish_cmd =
      catalog_cmd->add_subcommand("publish", "check a catalog file and make it the one served");
  publish_cmd->add_option("file", catalog_path, "catalog JSON")->required()->check(CLI::ExistingFile);

  CLI::App* consultation_cmd =
      app.add_subcommand("consultation", "what the council is asking at kiosks (officer)");
  consultation_cmd->require_subcommand(1);
  std::string consultation_path, consultation_id;
  CLI::App* consultation_publish_cmd = consultation_cmd->add_subcommand(
      "publish", "check a consultation file and ask it at every kiosk from its opening");
  consultation_publish_cmd->add_option("file", consultation_path, "consultation JSON")
      ->required()
      ->check(CLI::ExistingFile);
  CLI::App* consultation_list_cmd =
      consultation_cmd->add_subcommand("list", "every consultation: open, to come or closed");
  CLI::App* consultation_close_cmd =
      consultation_cmd->add_subcommand("close", "stop asking it now; answers given still count");
  consultation_close_cmd->add_option("id", consultation_id, "the consultation's id")->required();
  CLI::App* consultation_results_cmd = consultation_cmd->add_subcommand(
      "results", "what people answered, question by question (every role)");
  consultation_results_cmd->add_option("id", consultation_id, "the consultation's id")
      ->required();

  CLI::App* notice_cmd =
      app.add_subcommand("notice", "\"You said, we did\" at every kiosk (officer)");
  notice_cmd->require_subcommand(1);
  std::string notice_path;
  CLI::App* notice_publish_cmd = notice_cmd->add_subcommand(
      "publish", "check a notice file (id, title, body, Easy Read words) and list it at kiosks");
  notice_publish_cmd->add_option("file", notice_path, "notice JSON")->required()->check(
      CLI::ExistingFile);

  CLI::App* ballot_cmd =
      app.add_subcommand("ballot", "Forum ballots: publish, codes, count (officer)");
  ballot_cmd->require_subcommand(1);
  std::string ballot_path, ballot_id, ballot_out;
  int ballot_count = 0;
  CLI::App* ballot_create_cmd =
      ballot_cmd->add_subcommand("create", "check a ballot file and open it at kiosks in its time");
  ballot_create_cmd->add_option("file", ballot_path, "ballot JSON")->required()->check(
      CLI::ExistingFile);
  CLI::App* ballot_codes_cmd = ballot_cmd->add_subcommand(
      "codes", "issue one-time ballot codes: FILE.html (large print) and FILE.txt");
  ballot_codes_cmd->add_option("id", ballot_id, "the ballot's id")->required();
  ballot_codes_cmd->add_option("--count", ballot_count, "how many codes (1..10000)")->required();
  ballot_codes_cmd->add_option("--out", ballot_out, "FILE: writes FILE.html and FILE.txt (0600)")
      ->required();
  CLI::App* ballot_list_cmd =
      ballot_cmd->add_subcommand("list", "every ballot, with codes issued and votes cast");
  CLI::App* ballot_count_cmd = ballot_cmd->add_subcommand(
      "count", "count a closed ballot, every round shown, and publish the result to kiosks");
  ballot_count_cmd->add_option("id", ballot_id, "the ballot's id")->required();

  CLI::App* quarantine_cmd =
      app.add_subcommand("quarantine", "what the service could not take (officer)");
  quarantine_cmd->require_subcommand(1);
  int quarantine_limit = 50;
  CLI::App* quarantine_list_cmd =
      quarantine_cmd->add_subcommand("list", "the newest quarantined items");
  quarantine_list_cmd->add_option("--limit", quarantine_limit, "at most N (1..1000)")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();

  std::string taking_part_from, taking_part_to;
  CLI::App* taking_part_cmd = app.add_subcommand(
      "taking-part", "who took part and how, each answer counted on its own per month");
  taking_part_cmd->add_option("--from", taking_part_from, "first month, YYYY-MM");
  taking_part_cmd->add_option("--to", taking_part_to, "last month, YYYY-MM");

  std::string report_period, report_audience, report_format, report_out;
  int report_year = 0;
  CLI::App* report_cmd = app.add_subcommand(
      "report", "the committee pack of a period: anonymised figures, small numbers suppressed");
  auto* period_opt = report_cmd->add_option(
      "--period", report_period, "FIRST..LAST, UK days, both included: 2026-04-01..2027-03-31");
  report_cmd->add_option("--annual", report_year,
                         "the statutory annual report: the year to 31 March YEAR")
      ->excludes(period_opt);
  report_cmd->add_option("--audience", report_audience,
                         "who it is for: scrutiny (every table), forum (co-production first) or "
                         "public (no table by site)")
      ->required()
      ->check(CLI::IsMember({"scrutiny", "forum", "public"}));
  report_cmd->add_option("--format", report_format, "md, csv, html, xlsx or pdf")
      ->required()
      ->check(CLI::IsMember({"md", "csv", "html", "xlsx", "pdf"}));
  report_cmd->add_option("--out", report_out, "the file to write")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 1;  // --help is not an error
  }

  auto stub = carevoice::client::MakeOfficerStub(service, tls_ca);
  if (!stub.ok()) return Failed(stub.status());

  auto session_path = admin::SessionFilePath(service);
  if (!session_path.ok()) return Failed(session_path.status());

  if (login_cmd->parsed()) {
    const std::string password = ReadSecret("Password: ");
    auto in = admin::RunLogin(**stub, login_name, password);
    if (!in.ok()) return Failed(in.status());
    if (auto s = admin::SaveSessionToken(*session_path, in->token()); !s.ok()) return Failed(s);
    std::fprintf(stderr, "signed in as %s\n", in->session().name().c_str());
    return 0;
  }

  auto saved = admin::LoadSessionToken(*session_path);
  if (!saved.ok()) return Failed(saved.status());
  const std::string token = saved->value_or("");

  absl::Status status;
  if (logout_cmd->parsed()) {
    // Forgotten here even when the service cannot be told.
    status = token.empty() ? absl::OkStatus() : admin::RunLogout(**stub, token);
    if (auto s = admin::ForgetSessionToken(*session_path); status.ok()) status = s;
    if (status.ok()) std::fprintf(stderr, "signed out\n");
  } else if (session_cmd->parsed()) {
    status = admin::RunSession(**stub, token, std::cout);
  } else if (list_cmd->parsed()) {
    list.token = token;
    if (list.include_text) list.reason = ReasonFor(list.reason, "people's words");
    status = admin::RunList(**stub, list, std::cout);
  } else if (verify_cmd->parsed()) {
    audit.token = token;
    if (audit.anchor_path.empty()) {
      auto anchor = admin::AuditAnchorPath(service);
      if (!anchor.ok()) return Failed(anchor.status());
      audit.anchor_path = *anchor;
    }
    status = admin::RunAuditVerify(**stub, audit, std::cout);
  } else if (audit_list_cmd->parsed()) {
    audit.token = token;
    status = admin::RunAuditList(**stub, audit, std::cout);
  } else if (sar_cmd->parsed()) {
    sar.token = token;
    sar.request.set_email(sar_who.email);
    sar.request.set_phone(sar_who.phone);
    sar.request.set_name(sar_who.name);
    sar.request.set_reason(ReasonFor(sar_who.reason, "everything held about a person"));
    auto count = admin::RunSubjectAccess(**stub, sar);
    status = count.status();
    if (count.ok()) {
      std::fprintf(stderr, "wrote %lld records about the person to %s\n",
                   static_cast<long long>(*count), sar.out_path.c_str());
    }
  } else if (erase_cmd->parsed()) {
    erase.set_email(erase_who.email);
    erase.set_phone(erase_who.phone);
    erase.set_name(erase_who.name);
    erase.set_reason(ReasonFor(erase_who.reason, "to erase this person's data"));
    erase.set_dry_run(erase_dry_run);
    status = admin::RunErase(**stub, token, erase, erase_yes, std::cout);
  } else if (cases_cmd->parsed()) {
    cases_request.set_overdue_only(cases_overdue);
    cases_request.set_assigned_to(cases_assigned);
    cases_request.set_kind(cases_kind);
    if (cases_watch) {
      status = admin::RunWatchCases(**stub, token, [&](int) {
        std::this_thread::sleep_for(std::chrono::seconds(cases_every));
        return true;
      }, std::cout);
    } else {
      status = admin::RunCases(**stub, token, cases_request, cases_format, std::cout);
    }
  } else if (case_cmd->parsed() && move_action == "letter") {
    letter.id = move_id;
    status = admin::RunCaseLetter(**stub, token, letter, std::cout);
  } else if (case_cmd->parsed()) {
    move.set_submission_id(move_id);
    move.set_action(move_action);
    move.set_reason(move_reason);
    move.set_contact_method(move_contact);
    move.set_respond_by(move_respond_by);
    move.set_response(move_response);
    move.set_outcome(move_outcome);
    move.set_assign_to(move_to);
    move.set_decision(move_decision);
    move.set_note(move_note);
    move.set_reply(move_reply);
    move.set_reply_language(move_language);
    for (const std::string& w : move_confirm) move.add_confirmed_words(w);
    for (const std::string& t : move_themes) {
      if (t != "none") move.add_themes(t);
    }
    status = admin::RunMoveCase(**stub, token, move, std::cout);
  } else if (record_cmd->parsed()) {
    record.set_how(record_how);
    record.set_received_on(record_on);
    status = admin::RunRecordComplaint(**stub, token, record, record_file, std::cout);
  } else if (retention_run_cmd->parsed()) {
    status = admin::RunRetention(**stub, token, retention_dry_run, std::cout);
  } else if (rotate_cmd->parsed()) {
    status = admin::RunRotateSealingKey(**stub, token, std::cout);
  } else if (backup_cmd->parsed()) {
    backup.token = token;
    status = admin::RunBackup(**stub, backup, std::cout).status();
  } else if (export_cmd->parsed()) {
    exp.token = token;
    if (exp.identified) exp.reason = ReasonFor(exp.reason, "contact details and every word");
    auto count = admin::RunExport(**stub, exp);
    status = count.status();
    if (count.ok()) {
      std::fprintf(stderr, "exported %lld records to %s\n",
                   static_cast<long long>(*count), exp.out_path.c_str());
    }
  } else if (create_cmd->parsed()) {
    v1::CreateAccountRequest request;
    request.set_name(account_name);
    request.set_role(admin::RoleNamed(account_role));
    std::optional<std::string> password = ReadNewPassword();
    if (!password) return 1;
    request.set_password(*password);
    status = admin::RunAccountCreate(**stub, token, request, std::cout);
  } else if (enrol_cmd->parsed()) {
    enrol.set_site(site);
    enrol.set_mode(mode);
    enrol.set_valid_hours(valid_hours);
    status = admin::RunDeviceEnrol(**stub, token, enrol, std::cout);
  } else if (devices_cmd->parsed()) {
    status = admin::RunDeviceList(**stub, token, std::cout);
  } else if (revoke_cmd->parsed()) {
    status = admin::RunDeviceRevoke(**stub, token, device_id, std::cout);
  } else if (publish_cmd->parsed()) {
    status = admin::RunCatalogPublish(**stub, token, catalog_path, std::cout);
  } else if (consultation_publish_cmd->parsed()) {
    status = admin::RunConsultationPublish(**stub, token, consultation_path, std::cout);
  } else if (consultation_list_cmd->parsed()) {
    status = admin::RunConsultationList(**stub, token, std::cout);
  } else if (consultation_close_cmd->parsed()) {
    status = admin::RunConsultationClose(**stub, token, consultation_id, std::cout);
  } else if (consultation_results_cmd->parsed()) {
    status = admin::RunConsultationResults(**stub, token, consultation_id, std::cout);
  } else if (notice_publish_cmd->parsed()) {
    status = admin::RunNoticePublish(**stub, token, notice_path, std::cout);
  } else if (ballot_create_cmd->parsed()) {
    status = admin::RunBallotCreate(**stub, token, ballot_path, std::cout);
  } else if (ballot_codes_cmd->parsed()) {
    status = admin::RunBallotCodes(**stub, token, ballot_id, ballot_count, ballot_out, std::cout);
  } else if (ballot_list_cmd->parsed()) {
    status = admin::RunBallotList(**stub, token, std::cout);
  } else if (ballot_count_cmd->parsed()) {
    status = admin::RunBallotCount(**stub, token, ballot_id, std::cout);
  } else if (report_cmd->parsed()) {
    status = admin::RunReport(**stub, token,
                              {report_period, report_year, report_audience, report_format,
                               report_out},
                              std::cout);
  } else if (taking_part_cmd->parsed()) {
    status = admin::RunTakingPart(**stub, token, taking_part_from, taking_part_to, std::cout);
  } else if (quarantine_list_cmd->parsed()) {
    status = admin::RunQuarantineList(**stub, token, quarantine_limit, std::cout);
  } else if (accounts_cmd->parsed()) {
    status = admin::RunAccountList(**stub, token, std::cout);
  } else {
    v1::UpdateAccountRequest request;
    request.set_name(account_name);
    if (disable_cmd->parsed()) request.set_disabled(true);
    if (enable_cmd->parsed()) request.set_disabled(false);
    if (unlock_cmd->parsed()) request.set_unlock(true);
    if (role_cmd->parsed()) request.set_role(admin::RoleNamed(account_role));
    if (password_cmd->parsed()) {
      std::optional<std::string> password = ReadNewPassword();
      if (!password) return 1;
      request.set_new_password(*password);
    }
    status = admin::RunAccountUpdate(**stub, token, request, std::cout);
  }
  if (!status.ok()) return Failed(status);
  return 0;
}
