// fork+exec rather than posix_spawn so the child can ask to die with its
// parent (PR_SET_PDEATHSIG). Everything the child needs is built before
// fork(): a multithreaded parent's child may only make async-signal-safe
// calls until it execs.
#include "tests/client/service_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <iostream>
#include <optional>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "base/status_grpc.h"
#include "tests/service/officer_session.h"
#include "carevoice/v1/carevoice.grpc.pb.h"
#include "grpcpp/grpcpp.h"

extern char** environ;

namespace carevoice::client::testing {
namespace {

constexpr char kReadyMarker[] = "listening on ";

std::vector<char*> CStrings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// Reaps `pid`, polling for up to `limit`; the wait status or nullopt.
std::optional<int> ReapWithin(pid_t pid, absl::Duration limit) {
  const absl::Time deadline = absl::Now() + limit;
  for (;;) {
    int status = 0;
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) return status;
    if (done < 0 && errno != EINTR) return std::nullopt;
    if (absl::Now() > deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

std::string DescribeWaitStatus(int status) {
  if (WIFEXITED(status)) return absl::StrCat("exited ", WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return absl::StrCat("killed by signal ", WTERMSIG(status));
  return absl::StrCat("wait status ", status);
}

}  // namespace

absl::StatusOr<std::unique_ptr<ServiceProcess>> ServiceProcess::Start(
    const ServiceOptions& options, absl::Duration ready_timeout) {
  // So the test can ask it, as an officer, what it stored.
  if (auto s = service::testing::EnsureTestAdmin(options.db); !s.ok()) return s;
  std::vector<std::string> args = {options.binary, "--db", options.db,
                                   "--listen", options.listen, "--catalog",
                                   options.catalog};
  args.insert(args.end(), options.args.begin(), options.args.end());
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) env.emplace_back(*e);
  env.insert(env.end(), options.env.begin(), options.env.end());
  std::vector<char*> argv = CStrings(args);
  std::vector<char*> envp = CStrings(env);

  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    return absl::InternalError(absl::StrCat("pipe: ", errno));
  }
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return absl::InternalError(absl::StrCat("fork: ", errno));
  }
  if (pid == 0) {
    ::dup2(fds[1], STDOUT_FILENO);  // dup2 clears close-on-exec on fd 1
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(126);  // parent already gone
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  std::unique_ptr<ServiceProcess> process(new ServiceProcess(pid, fds[0]));

  // Read until the ready line, EOF (the child died) or the deadline.
  const absl::Time deadline = absl::Now() + ready_timeout;
  std::string seen;
  for (;;) {
    const std::size_t at = seen.find(kReadyMarker);
    const std::size_t eol = at == std::string::npos ? at : seen.find('\n', at);
    if (eol != std::string::npos) {
      process->address_ = seen.substr(at + sizeof(kReadyMarker) - 1,
                                      eol - at - (sizeof(kReadyMarker) - 1));
      while (!process->address_.empty() &&
             (process->address_.back() == '\r' ||
              process->address_.back() == ' ')) {
        process->address_.pop_back();
      }
      const std::size_t colon = process->address_.rfind(':');
      if (colon == std::string::npos ||
          !absl::SimpleAtoi(process->address_.substr(colon + 1),
                            &process->port_)) {
        return absl::InternalError(
            absl::StrCat("cannot parse ready line: ", process->address_));
      }
      break;
    }
    const absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration()) {
      return absl::DeadlineExceededError(absl::StrCat(
          "service printed no '", kReadyMarker, "' within ",
          absl::FormatDuration(ready_timeout), "; output: ", seen));
    }
    pollfd p{process->stdout_fd_, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(absl::ToInt64Milliseconds(
                                        std::min(left, absl::Seconds(1)))) + 1);
    if (ready < 0 && errno != EINTR) {
      return absl::InternalError(absl::StrCat("poll: ", errno));
    }
    if (ready <= 0) continue;
    char buffer[4096];
    const ssize_t n = ::read(process->stdout_fd_, buffer, sizeof(buffer));
    if (n > 0) {
      seen.append(buffer, static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    // EOF: the child has gone (a port in use, a bad flag, a crash).
    std::optional<int> status = ReapWithin(pid, absl::Seconds(10));
    if (status) process->pid_ = -1;
    return absl::UnavailableError(absl::StrCat(
        "service ended before it was ready (",
        status ? DescribeWaitStatus(*status) : "still running", "); output: ",
        seen));
  }
  process->StartEcho();
  return process;
}

void ServiceProcess::StartEcho() {
  // The pipe must keep being read or a chatty child would block on it.
  echo_ = std::thread([fd = stdout_fd_] {
    char buffer[4096];
    for (;;) {
      const ssize_t n = ::read(fd, buffer, sizeof(buffer));
      if (n == 0 || (n < 0 && errno != EINTR)) return;
      if (n > 0) std::cerr.write(buffer, n);
    }
  });
}

ServiceProcess::~ServiceProcess() {
  Kill();
  if (echo_.joinable()) echo_.join();  // EOF follows the child's death
  ::close(stdout_fd_);
}

void ServiceProcess::Kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  // A SIGKILLed child always ends; the bound only guards against a bug.
  if (ReapWithin(pid_, absl::Seconds(60))) pid_ = -1;
}

absl::StatusOr<int> ServiceProcess::WaitForExit(absl::Duration limit) {
  if (pid_ <= 0) return absl::FailedPreconditionError("not running");
  std::optional<int> status = ReapWithin(pid_, limit);
  if (!status) {
    return absl::DeadlineExceededError(
        absl::StrCat("service still running after ", absl::FormatDuration(limit)));
  }
  pid_ = -1;
  return *status;
}

absl::StatusOr<int> ServiceProcess::Terminate(absl::Duration limit) {
  if (pid_ <= 0) return absl::FailedPreconditionError("not running");
  ::kill(pid_, SIGTERM);
  absl::StatusOr<int> status = WaitForExit(limit);
  if (!status.ok()) {
    Kill();
    return status.status();
  }
  if (!WIFEXITED(*status)) {
    return absl::InternalError(DescribeWaitStatus(*status));
  }
  return WEXITSTATUS(*status);
}

absl::StatusOr<std::map<std::string, int>> ListStoredSubmissions(
    const std::string& address) {
  std::unique_ptr<v1::Officer::Stub> stub = v1::Officer::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  absl::StatusOr<std::string> token = service::testing::SignInTestAdmin(address);
  if (!token.ok()) return token.status();
  std::map<std::string, int> counts;
  std::string page_token;
  // Bounded: 1000 pages of 1000 is far beyond any test's data.
  for (int page = 0; page < 1000; ++page) {
    v1::ListSubmissionsRequest request;
    request.set_page_size(1000);
    request.set_page_token(page_token);
    v1::ListSubmissionsResponse response;
    grpc::ClientContext context;
    service::testing::UseSession(*token, &context);
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(60));
    grpc::Status status = stub->ListSubmissions(&context, request, &response);
    if (!status.ok()) {
      return base::FromGrpcStatus(status, "ListSubmissions");
    }
    for (const v1::SubmissionRecord& record : response.records()) {
      ++counts[record.submission_id().empty()
                   ? record.submission().submission_id()
                   : record.submission_id()];
    }
    if (response.next_page_token().empty()) return counts;
    page_token = response.next_page_token();
  }
  return absl::InternalError("ListSubmissions: too many pages");
}

}  // namespace carevoice::client::testing
