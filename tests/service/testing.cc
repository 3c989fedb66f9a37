#include "tests/service/testing.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "absl/strings/str_format.h"
#include "contract/reference_code.h"
#include "gtest/gtest.h"

namespace carevoice::service::testing {

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern =
      std::string(base != nullptr && *base != '\0' ? base : "/tmp") +
      "/carevoice-service-test-XXXXXX";
  char* made = ::mkdtemp(pattern.data());
  if (made == nullptr) ADD_FAILURE() << "mkdtemp failed";
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TestReference(std::uint32_t n, const std::string& device) {
  auto reference = contract::MakeReference(contract::DeviceCodeFor(device), n);
  if (!reference) ADD_FAILURE() << "no reference for " << n;
  return reference.value_or("");
}

std::string TestSubmissionId(int n) {
  return absl::StrFormat("sub-%016d", n);
}

namespace {

v1::Submission Common(int n, absl::Time created_at) {
  v1::Submission s;
  s.set_submission_id(TestSubmissionId(n));
  s.set_reference(TestReference(static_cast<std::uint32_t>(n)));
  s.mutable_created_at()->set_seconds(absl::ToUnixSeconds(created_at));
  s.set_language("en-GB");
  s.set_channel(v1::CHANNEL_KIOSK);
  s.set_anonymous(true);
  return s;
}

}  // namespace

v1::Submission Feedback(int n, absl::Time created_at, const std::string& text) {
  v1::Submission s = Common(n, created_at);
  v1::Feedback* f = s.mutable_feedback();
  f->set_service_id("home_care");
  f->set_rating(v1::RATING_GOOD);
  f->set_text(text);
  return s;
}

v1::Submission Safeguarding(int n, absl::Time created_at) {
  v1::Submission s = Common(n, created_at);
  s.mutable_safeguarding()->set_what_is_happening(
      "My neighbour has not been seen for days.");
  return s;
}

void WriteFile(const std::string& path, const std::string& contents) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << contents;
  if (!out) ADD_FAILURE() << "cannot write " << path;
}

std::string CatalogWithoutConsultations(const std::string& path) {
  nlohmann::json json = nlohmann::json::parse(ReadFile(path));
  json.erase("consultations");
  return json.dump(2);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace carevoice::service::testing
