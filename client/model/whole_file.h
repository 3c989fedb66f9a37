// A file that appears whole or not at all: written as PATH.partial (mode
// 0600: it may hold personal data), made durable and renamed into place by
// Commit; removed if never committed. For exports, backups and letters on
// an officer's machine.
#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

namespace carevoice::client {

class WholeFile {
 public:
  static absl::StatusOr<std::unique_ptr<WholeFile>> Create(const std::string& path) {
    const std::string partial = path + ".partial";
    const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return absl::PermissionDeniedError(absl::StrCat("cannot create ", partial));
    std::FILE* file = ::fdopen(fd, "wb");
    if (file == nullptr) {
      ::close(fd);
      return absl::InternalError("fdopen failed");
    }
    return std::unique_ptr<WholeFile>(new WholeFile(path, partial, file));
  }
  ~WholeFile() {
    if (file_ != nullptr) std::fclose(file_);
    if (!committed_) std::remove(partial_.c_str());
  }
  WholeFile(const WholeFile&) = delete;
  WholeFile& operator=(const WholeFile&) = delete;

  bool Write(std::string_view bytes) {
    ok_ = ok_ && std::fwrite(bytes.data(), 1, bytes.size(), file_) == bytes.size();
    return ok_;
  }
  // Flushed, synced, closed and renamed into place; or an error and
  // nothing there.
  absl::Status Commit() {
    ok_ = (std::fflush(file_) == 0) && ok_ && (::fsync(::fileno(file_)) == 0);
    ok_ = (std::fclose(file_) == 0) && ok_;
    file_ = nullptr;
    if (!ok_) return absl::DataLossError(absl::StrCat("cannot write ", partial_));
    if (std::rename(partial_.c_str(), path_.c_str()) != 0) {
      return absl::DataLossError(absl::StrCat("cannot rename ", partial_));
    }
    committed_ = true;
    return absl::OkStatus();
  }

 private:
  WholeFile(std::string path, std::string partial, std::FILE* file)
      : path_(std::move(path)), partial_(std::move(partial)), file_(file) {}
  const std::string path_, partial_;
  std::FILE* file_;
  bool ok_ = true;
  bool committed_ = false;
};

}  // namespace carevoice::client
