// carevoice-service: serves KioskSync and Officer over gRPC from a SQLite
// store and a catalog file. Only wiring lives here; see service/rpc,
// service/store and service/catalog for the logic, and
// service/rpc/fault_injection.h for the test-only environment variables.
//
//   carevoice-service --db PATH --listen HOST:PORT --catalog FILE [--pin-key FILE]
//   carevoice-service --db PATH --create-first-admin NAME  < password
//
// The second form is the one-time bootstrap (README, "Officers' accounts"):
// it makes the first admin account, reading its password from the first
// line of stdin, and works only while the database has no account at all.
//
// Prints "listening on HOST:PORT" (the real port) once ready. SIGTERM or
// SIGINT: in-flight calls finish (up to a few seconds), the store closes,
// exit status 0.
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <utility>
#include <thread>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "base/clock.h"
#include "base/grpc_tls.h"
#include "base/random.h"
#include "service/auth/accounts.h"
#include "service/auth/devices.h"
#include "service/auth/limits.h"
#include "service/auth/pins.h"
#include "service/auth/sealing.h"
#include "service/cases/cases.h"
#include "service/catalog/catalog.h"
#include "service/log.h"
#include "service/reports/population.h"
#include "service/rpc/fault_injection.h"
#include "service/rpc/listen_address.h"
#include "service/retention/retention.h"
#include "service/rpc/services.h"
#include "service/store/store.h"

namespace {

using carevoice::service::LogInfo;
using carevoice::service::LogWarning;
namespace rpc = carevoice::service::rpc;

constexpr auto kShutdownGrace = std::chrono::seconds(5);
// A valid batch can exceed gRPC's 4 MB default: 100 complaints at their
// code-point limits are ~56 KB each in UTF-8. Refusing it would leave a
// kiosk retrying a batch it can never send.
constexpr int kMaxRequestBytes = 16 * 1024 * 1024;

int Fail(std::string_view what, const absl::Status& status) {
  std::fprintf(stderr, "carevoice-service: %.*s: %s\n",
               static_cast<int>(what.size()), what.data(),
               std::string(status.message()).c_str());
  return 1;
}

// The bootstrap: the first admin, password from stdin's first line.
int CreateFirstAdmin(const std::string& db_path, const std::string& name) {
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  auto store = carevoice::service::store::OpenSqliteStore(db_path);
  if (!store.ok()) return Fail(db_path, store.status());
  carevoice::service::auth::Accounts accounts(**store, carevoice::base::SystemClock::Get());
  absl::Status s = accounts.CreateFirstAdmin(name, password);
  std::fill(password.begin(), password.end(), '\0');
  if (!s.ok()) return Fail("--create-first-admin", s);
  std::printf("created the first admin account, %s\n", name.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"CareVoice service: kiosk sync and officer tools over gRPC"};
  std::string db_path = "carevoice.db";
  std::string listen = "127.0.0.1:7000";
  std::string catalog_path;
  app.add_option("--db", db_path, "SQLite database file (created if missing)")
      ->capture_default_str();
  app.add_option("--listen", listen, "HOST:PORT to listen on; port 0 picks one")
      ->capture_default_str();
  std::string tls_cert, tls_key;
  bool plaintext_beyond_loopback = false;
  app.add_option("--tls-cert", tls_cert, "certificate chain (PEM): serve TLS")
      ->check(CLI::ExistingFile);
  app.add_option("--tls-key", tls_key, "private key (PEM) of --tls-cert")
      ->check(CLI::ExistingFile);
  app.add_flag("--insecure-plaintext-beyond-loopback", plaintext_beyond_loopback,
               "listen without TLS on a non-loopback address: anyone on the "
               "network can read and forge what passes");
  app.add_option("--catalog", catalog_path,
                 "catalog JSON file that seeds an empty store (after that: "
                 "carevoice-admin catalog publish)")
      ->check(CLI::ExistingFile);
  // Fair limits, as COUNT/PERIOD (auth/limits.h); defaults there.
  carevoice::service::auth::LimitPolicy limits_policy;
  std::map<std::string, std::pair<std::string, carevoice::service::auth::Rate*>> rates = {
      {"--limit-device-batches", {"SubmitBatch calls per device", &limits_policy.device_batches}},
      {"--limit-device-bytes",
       {"bytes sent (batches and quarantine) per device", &limits_policy.device_bytes}},
      {"--limit-device-lookups", {"reference look-ups per device", &limits_policy.device_lookups}},
      {"--limit-reference-lookups",
       {"look-ups of one reference", &limits_policy.reference_lookups}},
      {"--limit-account-exports", {"exports per officer account", &limits_policy.account_exports}},
  };
  std::map<std::string, std::string> rate_texts;
  for (auto& [flag, about] : rates) {
    rate_texts[flag] = carevoice::service::auth::FormatRate(*about.second);
    app.add_option(flag, rate_texts[flag], about.first + " (COUNT/PERIOD)")
        ->capture_default_str();
  }
  std::string pin_key_path;
  app.add_option("--pin-key", pin_key_path,
                 "file of the key that PINs are hashed with, kept apart from the "
                 "database and the same on every replica; made (0600) if missing. "
                 "Default: the database's path with .pin-key appended");
  std::string retention_path = CAREVOICE_ASSETS_DIR "/retention/retention.json";
  app.add_option("--retention", retention_path,
                 "the retention schedule (JSON: per kind of submission, when it is anonymised "
                 "and deleted, and why)")
      ->capture_default_str();
  int retention_every_hours = 24;
  app.add_option("--retention-every-hours", retention_every_hours,
                 "how often the schedule is applied (also at start)")
      ->check(CLI::Range(1, 168))
      ->capture_default_str();
  std::string calendar_path = CAREVOICE_ASSETS_DIR "/calendar/england_wales.json";
  std::string themes_path = CAREVOICE_ASSETS_DIR "/themes/themes.json";
  app.add_option("--themes", themes_path,
                 "the themes cases are tagged with, and the keywords that suggest each (JSON)")
      ->capture_default_str();
  std::string population_path = CAREVOICE_ASSETS_DIR "/population/population.json";
  app.add_option("--population", population_path,
                 "the area's population, set beside who we heard from in committee packs (JSON)")
      ->capture_default_str();
  std::string notify_command;
  app.add_option("--notify-command", notify_command,
                 "run with /bin/sh -c when a safeguarding worry arrives (e.g. to mail the "
                 "safeguarding team); it gets CAREVOICE_SUBMISSION_ID, CAREVOICE_REFERENCE, "
                 "CAREVOICE_CHANNEL and CAREVOICE_RECEIVED_AT in its environment, never the words");
  int notify_timeout_seconds = 30;
  app.add_option("--notify-timeout", notify_timeout_seconds,
                 "seconds a notify command may run before it is killed")
      ->check(CLI::Range(1, 600))
      ->capture_default_str();
  std::string dictionary_path = carevoice::service::redact::kDefaultDictionary;
  app.add_option("--dictionary", dictionary_path,
                 "word list the redactor checks a published reply's capitalised words against "
                 "(Debian's wbritish)")
      ->capture_default_str();
  app.add_option("--calendar", calendar_path,
                 "days that are not working days beyond weekends and the computed bank "
                 "holidays: moved holidays and one-off closures (JSON)")
      ->capture_default_str();
  std::string first_admin;
  app.add_option("--create-first-admin", first_admin,
                 "make the first admin account NAME (password: first line of stdin) and "
                 "exit; only while no account exists");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 1;  // --help is not an error
  }
  if (!first_admin.empty()) return CreateFirstAdmin(db_path, first_admin);
  for (auto& [flag, about] : rates) {
    auto rate = carevoice::service::auth::ParseRate(rate_texts[flag]);
    if (!rate.ok()) return Fail(flag, rate.status());
    *about.second = *rate;
  }

  // Blocked here, before any thread exists, so every thread (gRPC's too)
  // inherits the mask and only the waiter below ever receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto address = rpc::ParseHostPort(listen);
  if (!address.ok()) return Fail("--listen", address.status());
  auto credentials = carevoice::base::ServerCredentialsFrom(tls_cert, tls_key);
  if (!credentials.ok()) return Fail("--tls-cert/--tls-key", credentials.status());
  const bool tls = !tls_cert.empty();
  if (!tls && !rpc::IsLoopbackHost(address->host)) {
    // People's words and contact details would cross the network readable
    // by anyone on it: refused unless asked for by name.
    if (!plaintext_beyond_loopback) {
      return Fail("--listen", absl::FailedPreconditionError(absl::StrCat(
                                  address->host,
                                  " is not loopback: give --tls-cert and --tls-key (or, "
                                  "knowing anyone on the network can read and forge what "
                                  "passes, --insecure-plaintext-beyond-loopback)")));
    }
    std::fprintf(stderr,
                 "WARNING: listening on %s WITHOUT TLS (--insecure-plaintext-beyond-"
                 "loopback): anyone on the network can read and forge what passes.\n",
                 address->host.c_str());
  }
  auto fault_hook = rpc::FaultHookFromEnvironment();
  if (!fault_hook.ok()) return Fail("fault injection", fault_hook.status());

  const auto& clock = carevoice::base::SystemClock::Get();
  auto store = carevoice::service::store::OpenSqliteStore(db_path);
  if (!store.ok()) return Fail(db_path, store.status());
  auto catalog =
      carevoice::service::catalog::Catalogs::Open(**store, clock, catalog_path);
  if (!catalog.ok()) return Fail("--catalog", catalog.status());
  auto closures = carevoice::service::cases::LoadClosures(calendar_path);
  if (!closures.ok()) return Fail("--calendar", closures.status());
  auto themes = carevoice::service::cases::Lexicon::Load(themes_path);
  if (!themes.ok()) return Fail("--themes", themes.status());
  auto population = carevoice::service::reports::LoadPopulation(population_path);
  if (!population.ok()) return Fail("--population", population.status());
  auto dictionary = carevoice::service::redact::Dictionary::Load(dictionary_path);
  if (!dictionary.ok()) return Fail("--dictionary", dictionary.status());
  const carevoice::service::redact::Redactor redactor(*std::move(dictionary));
  absl::TimeZone england;
  if (!absl::LoadTimeZone("Europe/London", &england)) {
    return Fail("time zone", absl::FailedPreconditionError(
                                 "Europe/London is not known here (install tzdata): the statutory "
                                 "clock counts days in England"));
  }
  auto schedule = carevoice::service::retention::LoadSchedule(retention_path);
  if (!schedule.ok()) return Fail("--retention", schedule.status());
  if (pin_key_path.empty()) pin_key_path = db_path + ".pin-key";
  auto pins = carevoice::service::auth::PinKey::LoadOrCreate(pin_key_path);
  if (!pins.ok()) return Fail("--pin-key", pins.status());

  carevoice::service::auth::Accounts accounts(**store, clock);
  carevoice::service::auth::Devices devices(**store, clock);
  carevoice::service::auth::Limits limits(**store, clock, limits_policy);
  carevoice::service::auth::SealingKeys sealing(**store, clock);
  // The first sealing key is made now, not by a tablet's first call.
  if (auto key = sealing.Current(); !key.ok()) return Fail("sealing key", key.status());
  std::unique_ptr<carevoice::service::alerts::CommandNotifier> notifier;
  if (!notify_command.empty()) {
    notifier = std::make_unique<carevoice::service::alerts::CommandNotifier>(
        notify_command, absl::Seconds(notify_timeout_seconds));
  }
  rpc::KioskSyncImpl kiosk(**store, **catalog, clock, devices, limits, *pins, sealing,
                           *std::move(fault_hook), notifier.get());
  carevoice::service::retention::Retention retention(**store, clock, *schedule);
  carevoice::service::cases::Cases cases(
      **store, clock, carevoice::service::cases::WorkingDays(*std::move(closures)), england,
      *std::move(themes), redactor);
  rpc::OfficerImpl officer(**store, **catalog, clock, accounts, devices, limits, sealing,
                           retention, cases, *pins, carevoice::base::SystemRandom::Get(),
                           notifier.get(), &*population);

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(listen, *credentials, &port);
  builder.SetMaxReceiveMessageSize(kMaxRequestBytes);
  builder.RegisterService(&kiosk);
  builder.RegisterService(&officer);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server || port == 0) {
    return Fail(listen, absl::UnavailableError("cannot listen there"));
  }
  std::printf("listening on %s:%d\n", address->host.c_str(), port);
  if (!tls) LogInfo("plaintext (no --tls-cert): loopback only");
  std::fflush(stdout);
  LogInfo(absl::StrCat("catalog version ", (*catalog)->Get()->version()));

  // Stopped (joined) before the store closes.
  auto daily = std::make_unique<carevoice::service::retention::DailyRun>(
      retention, absl::Hours(retention_every_hours));

  std::thread waiter([&] {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    LogInfo(absl::StrCat("signal ", signal_number, ": shutting down"));
    server->Shutdown(std::chrono::system_clock::now() + kShutdownGrace);
  });
  server->Wait();
  waiter.join();
  daily.reset();
  server.reset();
  store->reset();  // closes the database after the last call has finished
  LogInfo("stopped");
  return 0;
}
