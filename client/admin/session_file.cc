#include "client/admin/session_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "absl/strings/str_cat.h"

namespace carevoice::client::admin {
namespace {

absl::Status MakeFolder(const std::string& path) {
  if (::mkdir(path.c_str(), 0700) == 0 || errno == EEXIST) return absl::OkStatus();
  return absl::PermissionDeniedError(
      absl::StrCat("cannot make ", path, ": ", std::strerror(errno)));
}

}  // namespace

namespace {

absl::StatusOr<std::string> ConfigFilePath(std::string_view folder, std::string_view service) {
  std::string config;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && *xdg == '/') {
    config = xdg;
  } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    config = absl::StrCat(home, "/.config");
  } else {
    return absl::FailedPreconditionError(
        "neither XDG_CONFIG_HOME nor HOME is set: nowhere to keep the session");
  }
  // "HOST:PORT" as a file name: anything but [A-Za-z0-9.-] becomes '_'.
  std::string name(service);
  for (char& c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                    (c >= '0' && c <= '9') || c == '.' || c == '-';
    if (!ok) c = '_';
  }
  return absl::StrCat(config, "/carevoice/", std::string(folder), "/", name);
}

}  // namespace

absl::StatusOr<std::string> SessionFilePath(std::string_view service) {
  return ConfigFilePath("sessions", service);
}

absl::StatusOr<std::string> AuditAnchorPath(std::string_view service) {
  return ConfigFilePath("audit-anchors", service);
}

absl::Status SaveSessionToken(const std::string& path, std::string_view token) {
  // Make each folder up to the file's, owner-only.
  for (std::size_t slash = path.find('/', 1); slash != std::string::npos;
       slash = path.find('/', slash + 1)) {
    if (auto s = MakeFolder(path.substr(0, slash)); !s.ok()) return s;
  }
  const std::string partial = path + ".partial";
  const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    return absl::PermissionDeniedError(
        absl::StrCat("cannot write ", partial, ": ", std::strerror(errno)));
  }
  const std::string line = std::string(token) + "\n";
  const bool written = ::write(fd, line.data(), line.size()) ==
                           static_cast<ssize_t>(line.size()) &&
                       ::fchmod(fd, 0600) == 0 && ::fsync(fd) == 0;
  const bool closed = ::close(fd) == 0;
  if (!written || !closed || std::rename(partial.c_str(), path.c_str()) != 0) {
    std::remove(partial.c_str());
    return absl::DataLossError(absl::StrCat("cannot write ", path));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<std::string>> LoadSessionToken(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::optional<std::string>();
  std::string token;
  std::getline(in, token);
  if (token.empty()) return std::optional<std::string>();
  return std::optional<std::string>(token);
}

absl::Status ForgetSessionToken(const std::string& path) {
  if (std::remove(path.c_str()) != 0 && errno != ENOENT) {
    return absl::PermissionDeniedError(absl::StrCat("cannot remove ", path));
  }
  return absl::OkStatus();
}

}  // namespace carevoice::client::admin
