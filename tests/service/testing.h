// Helpers shared by the service tests: a temporary directory that cleans
// up after itself, valid sample submissions, and references. Test threads
// only.
#pragma once

#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "carevoice/v1/carevoice.pb.h"

namespace carevoice::service::testing {

// A fresh directory under $TMPDIR (or /tmp), removed with its contents.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// A valid reference for the n-th submission of device "kiosk-test-1".
std::string TestReference(std::uint32_t n, const std::string& device = "kiosk-test-1");

// A valid submission id, unique per n.
std::string TestSubmissionId(int n);

// A valid feedback submission (kiosk, en-GB, rating 4, some words) created
// at `created_at`.
v1::Submission Feedback(int n, absl::Time created_at,
                        const std::string& text = "The carers are kind.");

// A valid safeguarding worry.
v1::Submission Safeguarding(int n, absl::Time created_at);

// Writes `contents` to `path`, replacing it.
void WriteFile(const std::string& path, const std::string& contents);

// Reads a whole file.
std::string ReadFile(const std::string& path);
// The catalog file at `path` as an admin publishes one: without its
// consultations, which are published one by one.
std::string CatalogWithoutConsultations(const std::string& path);

}  // namespace carevoice::service::testing
