// "Check on something I told you": asks the service where a reference has
// got to, off the UI thread. The reference and PIN are put in the
// contract's form first (spaces, dashes and dots dropped, upper case); a
// reference that fails its check character is answered "not found" without
// a call, as the service would answer it. Nothing is kept: the answer goes
// to the caller and is gone with the session.
//
// Thread-safety: Ask from any thread; `done` runs on the checker's thread.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "absl/time/time.h"
#include "carevoice/v1/carevoice.pb.h"
#include "client/model/transport.h"

namespace carevoice::client {

struct CheckAnswer {
  enum class Outcome {
    kFound,
    kNotFound,     // unknown reference or wrong PIN: one answer for both
    kUnreachable,  // the council could not be asked now
  };
  Outcome outcome = Outcome::kNotFound;
  v1::CaseStatus status = v1::CASE_STATUS_UNSPECIFIED;
  std::string reply{};           // the council's published reply, if any
  std::string reply_language{};  // its language (BCP-47), when given
  // An idea's: under_consideration, adopted, adopted_in_part or
  // not_taken_forward once an officer recorded it; else empty.
  std::string idea_outcome{};
  absl::Time updated_at = absl::UnixEpoch();
};

// The answer the service's response means.
CheckAnswer AnswerOf(const absl::StatusOr<v1::CheckReferenceResponse>& response);

class ReferenceChecker {
 public:
  // `transport` must outlive the checker.
  ReferenceChecker(Transport& transport, absl::Duration timeout);
  ~ReferenceChecker();  // waits for a call under way (at most `timeout`)
  ReferenceChecker(const ReferenceChecker&) = delete;
  ReferenceChecker& operator=(const ReferenceChecker&) = delete;

  // Asks for `reference` with `pin`, as typed. A question not yet sent is
  // replaced by a newer one (the person changed what they typed).
  void Ask(std::string reference, std::string pin, std::function<void(CheckAnswer)> done);

 private:
  struct Question {
    std::string reference, pin;
    std::function<void(CheckAnswer)> done;
  };
  void Run();

  Transport& transport_;
  const absl::Duration timeout_;
  std::mutex mu_;
  std::condition_variable wake_;
  std::optional<Question> next_;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace carevoice::client
