#include "client/model/officer_worker.h"

#include "client/model/officer_client.h"

namespace carevoice::client {

OfficerAnswer MakeCall(OfficerClient& client, const OfficerCall& call) {
  OfficerAnswer answer;
  answer.kind = call.kind;
  answer.serial = call.serial;
  switch (call.kind) {
    case OfficerCall::Kind::kSignIn: {
      auto in = client.SignIn(call.name, call.password);
      if (in.ok()) answer.signed_in = std::move(*in);
      answer.status = in.status();
      break;
    }
    case OfficerCall::Kind::kSignOut:
      answer.status = client.SignOut();
      break;
    case OfficerCall::Kind::kListCases: {
      auto queue = client.ListCases(v1::ListCasesRequest());
      if (queue.ok()) answer.queue = std::move(*queue);
      answer.status = queue.status();
      break;
    }
    case OfficerCall::Kind::kGetCase: {
      auto detail = client.GetCase(call.submission_id);
      if (detail.ok()) answer.detail = std::move(*detail);
      answer.status = detail.status();
      break;
    }
    case OfficerCall::Kind::kMoveCase: {
      auto moved = client.MoveCase(call.move);
      if (moved.ok()) answer.moved = std::move(*moved);
      answer.status = moved.status();
      break;
    }
  }
  return answer;
}

std::vector<v1::CaseRecord> UrgentWorries::Take(const v1::ListCasesResponse& queue) {
  std::vector<v1::CaseRecord> fresh;
  for (const v1::CaseRecord& c : queue.cases()) {
    if (c.kind() != "safeguarding" || c.safeguarding_decided()) continue;
    if (told_.insert(c.submission_id()).second) fresh.push_back(c);
  }
  return fresh;
}

OfficerWorker::OfficerWorker(OfficerClient& client, Listener listener)
    : client_(client), listener_(std::move(listener)), thread_([this] { Loop(); }) {}

OfficerWorker::~OfficerWorker() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    calls_.clear();
  }
  wake_.notify_all();
  thread_.join();
}

void OfficerWorker::Post(OfficerCall call) {
  {
    std::lock_guard lock(mu_);
    calls_.push_back(std::move(call));
  }
  wake_.notify_all();
}

void OfficerWorker::Loop() {
  for (;;) {
    OfficerCall call;
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [this] { return stopping_ || !calls_.empty(); });
      if (stopping_) return;
      call = std::move(calls_.front());
      calls_.pop_front();
    }
    listener_(MakeCall(client_, call));
  }
}

}  // namespace carevoice::client
