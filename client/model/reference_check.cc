#include "client/model/reference_check.h"

#include <utility>

#include "base/proto_time.h"
#include "contract/reference_code.h"

namespace carevoice::client {

CheckAnswer AnswerOf(const absl::StatusOr<v1::CheckReferenceResponse>& response) {
  CheckAnswer answer;
  if (!response.ok()) {
    answer.outcome = CheckAnswer::Outcome::kUnreachable;
    return answer;
  }
  if (!response->found()) return answer;
  answer.outcome = CheckAnswer::Outcome::kFound;
  answer.status = response->status();
  answer.reply = response->reply();
  answer.reply_language = response->reply_language();
  answer.idea_outcome = response->idea_outcome();
  if (response->has_updated_at()) answer.updated_at = base::FromProtoTimestamp(response->updated_at());
  return answer;
}

ReferenceChecker::ReferenceChecker(Transport& transport, absl::Duration timeout)
    : transport_(transport), timeout_(timeout), worker_([this] { Run(); }) {}

ReferenceChecker::~ReferenceChecker() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    next_.reset();
  }
  wake_.notify_all();
  worker_.join();
}

void ReferenceChecker::Ask(std::string reference, std::string pin,
                           std::function<void(CheckAnswer)> done) {
  {
    std::lock_guard lock(mu_);
    next_ = Question{std::move(reference), std::move(pin), std::move(done)};
  }
  wake_.notify_all();
}

void ReferenceChecker::Run() {
  for (;;) {
    Question q;
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [&] { return stopping_ || next_.has_value(); });
      if (stopping_) return;
      q = std::move(*next_);
      next_.reset();
    }
    const std::string reference = contract::NormalizeReference(q.reference);
    const std::string pin = contract::NormalizePin(q.pin);
    CheckAnswer answer;  // not found
    if (contract::IsValidReference(reference) && contract::IsValidPin(pin)) {
      v1::CheckReferenceRequest request;
      request.set_reference(reference);
      request.set_pin(pin);
      answer = AnswerOf(transport_.CheckReference(request, timeout_));
    }
    q.done(std::move(answer));
  }
}

}  // namespace carevoice::client
