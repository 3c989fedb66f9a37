// carevoice-service as a real process on loopback: start-up line, SIGTERM,
// restart on the same database, and a crash between commit and reply.
#include <fcntl.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <future>
#include <iterator>
#include <optional>
#include <thread>

#include "carevoice/v1/carevoice.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/service/officer_session.h"
#include "tests/service/testing.h"

extern char** environ;

namespace carevoice::service {
namespace {

// Generous: a loaded shared build machine must not fail these tests.
constexpr auto kStartTimeout = std::chrono::seconds(30);
constexpr auto kExitTimeout = std::chrono::seconds(30);
constexpr auto kCallTimeout = std::chrono::seconds(30);

// Waits for `pid` to end; its wait status, or nullopt after kExitTimeout.
std::optional<int> WaitForExitOf(pid_t pid) {
  const auto deadline = std::chrono::steady_clock::now() + kExitTimeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) return status;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return std::nullopt;
}

// A running carevoice-service; killed on destruction if still alive.
class ServiceProcess {
 public:
  ServiceProcess(const std::string& db, std::vector<std::string> extra_env = {},
                 std::vector<std::string> extra_args = {}) {
    // So the test can ask it, as an officer, what it stored.
    if (auto s = testing::EnsureTestAdmin(db); !s.ok()) ADD_FAILURE() << s;
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) {
      ADD_FAILURE() << "pipe failed";
      return;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);

    std::vector<std::string> args = {CAREVOICE_SERVICE_BINARY, "--db", db,
                                     "--listen", "127.0.0.1:0", "--catalog",
                                     CAREVOICE_SAMPLE_CATALOG};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    std::vector<std::string> env;
    for (char** e = environ; *e != nullptr; ++e) {
      // The fault variables come only from the test that wants them.
      if (std::string_view(*e).starts_with("CAREVOICE_FAULT_")) continue;
      env.emplace_back(*e);
    }
    env.insert(env.end(), extra_env.begin(), extra_env.end());
    std::vector<char*> argv, envp;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);

    const int rc = posix_spawn(&pid_, CAREVOICE_SERVICE_BINARY, &actions,
                               nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    stdout_fd_ = out[0];
    if (rc != 0) {
      ADD_FAILURE() << "cannot start " << CAREVOICE_SERVICE_BINARY;
      pid_ = -1;
      return;
    }
    ReadListeningLine();
  }

  ~ServiceProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      int status;
      ::waitpid(pid_, &status, 0);
    }
    if (stdout_fd_ >= 0) ::close(stdout_fd_);
  }

  const std::string& address() const { return address_; }

  // Waits for the process to end; returns its wait status, or -1 on timeout.
  int WaitForExit() {
    if (pid_ <= 0) return -1;
    std::optional<int> status = WaitForExitOf(pid_);
    if (!status) return -1;
    pid_ = -1;
    return *status;
  }

  int Terminate() {
    ::kill(pid_, SIGTERM);
    return WaitForExit();
  }

 private:
  void ReadListeningLine() {
    const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
    std::string line;
    while (line.find('\n') == std::string::npos) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) {
        ADD_FAILURE() << "no 'listening on' line within the start-up timeout";
        return;
      }
      pollfd p{stdout_fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
      char buf[256];
      const ssize_t n = ::read(stdout_fd_, buf, sizeof buf);
      if (n <= 0) {
        ADD_FAILURE() << "the service closed stdout before it was ready";
        return;
      }
      line.append(buf, n);
    }
    line.resize(line.find('\n'));
    const std::string prefix = "listening on 127.0.0.1:";
    ASSERT_EQ(line.rfind(prefix, 0), 0u) << line;
    ASSERT_GT(std::stoi(line.substr(prefix.size())), 0) << line;
    address_ = line.substr(std::string("listening on ").size());
  }

  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string address_;
};

class ServiceProcessTest : public ::testing::Test {
 protected:
  static void SetDeadline(grpc::ClientContext* context) {
    context->set_deadline(std::chrono::system_clock::now() + kCallTimeout);
  }

  // Sends as kiosk-process-1, enrolled at the first call (its credential
  // outlives restarts of the service on the same database).
  grpc::Status Submit(const std::string& address, const v1::Submission& s,
                      v1::SubmitBatchResponse* response) {
    auto stub = v1::KioskSync::NewStub(
        grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
    if (credential_.empty()) {
      absl::StatusOr<std::string> code = testing::NewEnrolmentCode(address);
      EXPECT_TRUE(code.ok()) << code.status();
      v1::EnrolRequest enrol;
      enrol.set_code(code.value_or(""));
      enrol.set_device_id("kiosk-process-1");
      v1::EnrolResponse enrolled;
      grpc::ClientContext context;
      SetDeadline(&context);
      grpc::Status s = stub->Enrol(&context, enrol, &enrolled);
      if (!s.ok()) return s;
      credential_ = enrolled.credential();
    }
    v1::SubmitBatchRequest request;
    request.set_device_id("kiosk-process-1");
    *request.add_submissions() = s;
    grpc::ClientContext context;
    SetDeadline(&context);
    testing::UseSession(credential_, &context);
    return stub->SubmitBatch(&context, request, response);
  }

  // grpc.health.v1.Health/Check for the whole server, without generated
  // stubs: the request is empty, and SERVING is field 1 = 1 ("\x08\x01").
  static bool IsServing(const std::string& address) {
    grpc::GenericStub stub(
        grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
    grpc::ClientContext context;
    SetDeadline(&context);
    grpc::Slice empty("");
    grpc::ByteBuffer request(&empty, 1);
    grpc::ByteBuffer response;
    std::promise<grpc::Status> done;
    stub.UnaryCall(&context, "/grpc.health.v1.Health/Check", grpc::StubOptions(),
                   &request, &response,
                   [&done](grpc::Status s) { done.set_value(std::move(s)); });
    grpc::Status status = done.get_future().get();
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<grpc::Slice> slices;
    if (!status.ok() || !response.Dump(&slices).ok()) return false;
    std::string bytes;
    for (const auto& slice : slices) {
      bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
    }
    return bytes == "\x08\x01";
  }

  static std::vector<std::string> ListIds(const std::string& address) {
    auto stub = v1::Officer::NewStub(
        grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
    v1::ListSubmissionsRequest request;
    v1::ListSubmissionsResponse response;
    grpc::ClientContext context;
    SetDeadline(&context);
    absl::StatusOr<std::string> token = testing::SignInTestAdmin(address);
    EXPECT_TRUE(token.ok()) << token.status();
    testing::UseSession(token.value_or(""), &context);
    grpc::Status s = stub->ListSubmissions(&context, request, &response);
    EXPECT_TRUE(s.ok()) << s.error_message();
    std::vector<std::string> ids;
    for (const auto& r : response.records()) ids.push_back(r.submission_id());
    return ids;
  }

  testing::TempDir dir_;
  std::string credential_;
};

TEST_F(ServiceProcessTest, StopsCleanlyAndKeepsWhatItStored) {
  const std::string db = dir_.File("service.db");
  const v1::Submission s = testing::Feedback(1, absl::Now());
  {
    ServiceProcess service(db);
    ASSERT_FALSE(service.address().empty());
    EXPECT_TRUE(IsServing(service.address()));
    v1::SubmitBatchResponse response;
    grpc::Status status = Submit(service.address(), s, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    ASSERT_EQ(response.results(0).outcome(), v1::ItemResult::OUTCOME_STORED);

    const int wait_status = service.Terminate();
    ASSERT_TRUE(WIFEXITED(wait_status)) << wait_status;
    EXPECT_EQ(WEXITSTATUS(wait_status), 0);
  }
  ServiceProcess again(db);
  ASSERT_FALSE(again.address().empty());
  EXPECT_EQ(ListIds(again.address()),
            std::vector<std::string>{testing::TestSubmissionId(1)});
  v1::SubmitBatchResponse replay;
  ASSERT_TRUE(Submit(again.address(), s, &replay).ok());
  EXPECT_EQ(replay.results(0).outcome(), v1::ItemResult::OUTCOME_ALREADY_STORED);
  const int wait_status = again.Terminate();
  EXPECT_TRUE(WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0);
}

TEST_F(ServiceProcessTest, CrashAfterCommitLosesNothingAndDuplicatesNothing) {
  const std::string db = dir_.File("crash.db");
  const v1::Submission s = testing::Feedback(7, absl::Now());
  {
    ServiceProcess service(db, {"CAREVOICE_FAULT_CRASH_AFTER_COMMIT=1"});
    ASSERT_FALSE(service.address().empty());
    v1::SubmitBatchResponse response;
    grpc::Status status = Submit(service.address(), s, &response);
    EXPECT_FALSE(status.ok()) << "the reply should never have been sent";
    const int wait_status = service.WaitForExit();
    ASSERT_TRUE(WIFSIGNALED(wait_status)) << wait_status;
    EXPECT_EQ(WTERMSIG(wait_status), SIGKILL);
  }
  ServiceProcess again(db);
  ASSERT_FALSE(again.address().empty());
  v1::SubmitBatchResponse replay;
  ASSERT_TRUE(Submit(again.address(), s, &replay).ok());
  EXPECT_EQ(replay.results(0).outcome(), v1::ItemResult::OUTCOME_ALREADY_STORED);
  EXPECT_EQ(ListIds(again.address()),
            std::vector<std::string>{testing::TestSubmissionId(7)});
}

TEST_F(ServiceProcessTest, AWorryRunsTheNotifyCommandWithItsReferenceAndNeverItsWords) {
  const std::string db = dir_.File("service.db");
  const std::string told = dir_.File("told");
  ServiceProcess service(db, {},
                         {"--notify-command", "env | grep '^CAREVOICE_' | sort > '" + told + ".tmp'; mv '" +
                                                  told + ".tmp' '" + told + "'"});
  ASSERT_FALSE(service.address().empty());
  v1::SubmitBatchResponse response;
  ASSERT_TRUE(Submit(service.address(), testing::Feedback(1, absl::Now()), &response).ok());
  const v1::Submission worry = testing::Safeguarding(2, absl::Now());
  ASSERT_TRUE(Submit(service.address(), worry, &response).ok());
  ASSERT_EQ(response.results(0).outcome(), v1::ItemResult::OUTCOME_STORED);
  // The command runs beside the answer, not before it: wait for its file.
  std::string got;
  for (int i = 0; i < 600 && got.empty(); ++i) {
    std::ifstream in(told);
    if (in) got.assign(std::istreambuf_iterator<char>(in), {});
    if (got.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_NE(got.find("CAREVOICE_SUBMISSION_ID=" + worry.submission_id() + "\n"), std::string::npos)
      << got;
  EXPECT_NE(got.find("CAREVOICE_REFERENCE=" + worry.reference() + "\n"), std::string::npos);
  EXPECT_NE(got.find("CAREVOICE_CHANNEL=kiosk\n"), std::string::npos);
  EXPECT_EQ(got.find(worry.safeguarding().what_is_happening()), std::string::npos);
  EXPECT_EQ(got.find(testing::TestSubmissionId(1)), std::string::npos) << "feedback is not urgent";
  const int wait_status = service.Terminate();
  EXPECT_TRUE(WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0);
}

TEST_F(ServiceProcessTest, RefusesAMalformedFaultSetting) {
  // The service must not start without the fault a test asked for.
  const std::string db = dir_.File("bad.db");
  std::vector<std::string> argv_s = {CAREVOICE_SERVICE_BINARY, "--db", db,
                                     "--listen", "127.0.0.1:0"};
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::string fault = "CAREVOICE_FAULT_CRASH_AFTER_COMMIT=zero";
  std::vector<char*> envp = {fault.data(), nullptr};
  pid_t pid;
  ASSERT_EQ(posix_spawn(&pid, CAREVOICE_SERVICE_BINARY, nullptr, nullptr,
                        argv.data(), envp.data()),
            0);
  std::optional<int> status = WaitForExitOf(pid);
  if (!status) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    FAIL() << "the service started with a malformed fault setting";
  }
  EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 1) << *status;
}

}  // namespace
}  // namespace carevoice::service
