// Small helpers shared by the kiosk model tests: temporary directories,
// valid drafts and catalogs, raw file reads, bounded polling. Test thread
// only, except WaitUntil's predicate, which must itself be thread-safe.
#pragma once

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <string_view>
#include <thread>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "carevoice/v1/carevoice.pb.h"

namespace carevoice::client::testing {

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it
// when the object goes.
class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern =
        std::string(base != nullptr && *base != '\0' ? base : "/tmp") +
        "/carevoice-client-XXXXXX";
    if (char* made = ::mkdtemp(pattern.data()); made != nullptr) path_ = made;
  }
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  bool ok() const { return !path_.empty(); }
  std::string File(std::string_view name) const {
    return path_ + "/" + std::string(name);
  }

 private:
  std::string path_;
};

// A feedback draft that passes the contract rules, about `service_id`,
// carrying `text` as the person's words.
inline v1::Submission FeedbackDraft(std::string_view text,
                                    std::string_view service_id = "home_care") {
  v1::Submission s;
  s.set_language("en-GB");
  s.set_anonymous(true);
  v1::Feedback* f = s.mutable_feedback();
  f->set_service_id(std::string(service_id));
  f->set_rating(v1::RATING_GOOD);
  f->set_text(std::string(text));
  return s;
}

// A small catalog that passes ValidateCatalog; `version` tells copies apart.
inline v1::Catalog SmallCatalog(std::string_view version,
                                std::string_view council = "Testshire") {
  v1::Catalog c;
  c.set_version(std::string(version));
  c.set_council_name(std::string(council));
  v1::Service* service = c.add_services();
  service->set_id("home_care");
  (*service->mutable_name()->mutable_text())["en-GB"] = "Home care";
  c.mutable_help_numbers()->set_emergency("999");
  return c;
}

// The whole file as bytes; empty when it does not exist.
inline std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in),
                     std::istreambuf_iterator<char>());
}

// Polls `done` every few milliseconds until it holds or `limit` passes.
// Generous limits keep slow machines from failing; fast ones return early.
inline bool WaitUntil(const std::function<bool()>& done,
                      absl::Duration limit = absl::Seconds(60)) {
  const absl::Time deadline = absl::Now() + limit;
  while (!done()) {
    if (absl::Now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

}  // namespace carevoice::client::testing
