#include "service/alerts/notifier.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "service/log.h"

extern char** environ;

namespace carevoice::service::alerts {

CommandNotifier::CommandNotifier(std::string command, absl::Duration timeout)
    : command_(std::move(command)), timeout_(timeout), worker_([this] { Run(); }) {}

CommandNotifier::~CommandNotifier() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

void CommandNotifier::Arrived(const Urgent& urgent) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(urgent);
  }
  wake_.notify_all();
}

void CommandNotifier::Run() {
  for (;;) {
    Urgent next;
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to tell
      next = std::move(queue_.front());
      queue_.pop_front();
    }
    const int code = RunOne(next);
    if (code == 0) {
      LogInfo(absl::StrCat("notify command ran for urgent submission ", next.submission_id));
    } else {
      LogWarning(absl::StrCat("notify command for urgent submission ", next.submission_id,
                              code < 0 ? " did not finish" : " failed, exit " + std::to_string(code),
                              ": the worry is still first in the case queue"));
    }
  }
}

int CommandNotifier::RunOne(const Urgent& urgent) {
  // The service's own environment, and the alert's.
  std::vector<std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    if (std::string_view(*e).starts_with("CAREVOICE_")) continue;
    env.emplace_back(*e);
  }
  env.push_back("CAREVOICE_SUBMISSION_ID=" + urgent.submission_id);
  env.push_back("CAREVOICE_REFERENCE=" + urgent.reference);
  env.push_back("CAREVOICE_CHANNEL=" + urgent.channel);
  env.push_back("CAREVOICE_RECEIVED_AT=" +
                absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", urgent.received_at, absl::UTCTimeZone()));
  std::vector<char*> envp;
  for (std::string& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::string sh = "/bin/sh", dash_c = "-c", command = command_;
  char* argv[] = {sh.data(), dash_c.data(), command.data(), nullptr};

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  // Its own process group, so a timeout ends whatever it started.
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, "/bin/sh", &actions, &attr, argv, envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (spawned != 0) return -1;

  const absl::Time deadline = absl::Now() + timeout_;
  for (;;) {
    int status = 0;
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (done < 0) return -1;
    if (absl::Now() >= deadline) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -1;
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
}

}  // namespace carevoice::service::alerts
