// A real carevoice-service child process for end-to-end kiosk tests: start
// it on loopback, wait for "listening on HOST:PORT", kill it (SIGKILL or
// SIGTERM), and ask it what it stored through the Officer rpc. Test thread
// only. Spawn from the thread that will outlive the child: the child is
// killed when that thread ends (PR_SET_PDEATHSIG), so a crashed test never
// leaves a service behind.
#pragma once

#include <sys/types.h>

#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace carevoice::client::testing {

struct ServiceOptions {
  std::string binary;
  std::string db;
  std::string catalog;
  std::string listen = "127.0.0.1:0";
  std::vector<std::string> env;  // extra "NAME=value" entries
  std::vector<std::string> args{};  // extra command-line arguments
};

class ServiceProcess {
 public:
  // Makes the test admin in its database (officer_session.h), starts the
  // service and waits up to `ready_timeout` for its "listening on" line. Fails (with the child reaped) if it exits or stays silent.
  static absl::StatusOr<std::unique_ptr<ServiceProcess>> Start(
      const ServiceOptions& options,
      absl::Duration ready_timeout = absl::Seconds(30));
  ~ServiceProcess();  // SIGKILLs the child if it still runs
  ServiceProcess(const ServiceProcess&) = delete;
  ServiceProcess& operator=(const ServiceProcess&) = delete;

  // What it printed after "listening on ", e.g. "127.0.0.1:41234".
  const std::string& address() const { return address_; }
  int port() const { return port_; }
  bool running() const { return pid_ > 0; }

  // SIGKILL, then reap.
  void Kill();
  // SIGTERM and wait up to `limit` for a clean end; returns the exit code,
  // or an error (after a SIGKILL) when it did not end or ended by a signal.
  absl::StatusOr<int> Terminate(absl::Duration limit = absl::Seconds(30));
  // Waits up to `limit` for the child to end on its own; the raw wait
  // status (use WIFSIGNALED etc.), or DeadlineExceeded.
  absl::StatusOr<int> WaitForExit(absl::Duration limit);

 private:
  ServiceProcess(pid_t pid, int stdout_fd) : pid_(pid), stdout_fd_(stdout_fd) {}
  void StartEcho();

  pid_t pid_;
  int stdout_fd_;
  std::string address_;
  int port_ = 0;
  std::thread echo_;  // copies the rest of the child's stdout to stderr
};

// Every submission id the service at `address` holds, with how many records
// it has for each (exactly-once means every count is 1), via the Officer
// ListSubmissions rpc as the test admin, all pages.
absl::StatusOr<std::map<std::string, int>> ListStoredSubmissions(
    const std::string& address);

}  // namespace carevoice::client::testing
