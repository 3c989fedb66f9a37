#include "client/model/officer_worker.h"

#include <algorithm>
#include <memory>

#include "client/model/officer_client.h"
#include "client/model/records_csv.h"
#include "client/model/whole_file.h"

namespace carevoice::client {

namespace {

// The anonymised CSV of every submission, as carevoice-admin export writes
// it, with progress at every hundredth of the way (or every 50 records
// while the total is not known).
void Export(OfficerClient& client, const OfficerCall& call, OfficerAnswer& answer,
            const std::function<void(const OfficerAnswer&)>& progress) {
  absl::StatusOr<std::unique_ptr<WholeFile>> file = WholeFile::Create(call.export_path);
  if (!file.ok()) {
    answer.status = file.status();
    return;
  }
  if (!(*file)->Write(CsvHeader(/*identified=*/false))) {
    answer.status = absl::DataLossError("cannot write " + call.export_path);
    return;
  }
  OfficerAnswer step = answer;
  step.finished = false;
  std::int64_t told = -1;
  auto tell = [&] {
    const std::int64_t every = step.export_total > 0 ? std::max<std::int64_t>(1, step.export_total / 100) : 50;
    if (progress && (told < 0 || step.exported - told >= every)) {
      told = step.exported;
      progress(step);
    }
  };
  absl::StatusOr<std::int64_t> count = client.ExportSubmissions(
      v1::ExportSubmissionsRequest(),
      [&](const v1::SubmissionRecord& record) {
        if (!(*file)->Write(CsvRow(record, /*identified=*/false))) return false;
        ++step.exported;
        tell();
        return true;
      },
      [&](std::int64_t total) {
        step.export_total = total;
        tell();
      });
  answer.export_total = step.export_total;
  answer.exported = step.exported;
  if (!count.ok()) {
    answer.status = count.status();
    return;
  }
  answer.status = (*file)->Commit();
}

// A committee pack: the figures counted at the service, written in the
// format asked for, saved whole; `progress` hears each step begin.
void Pack(OfficerClient& client, const OfficerCall& call, OfficerAnswer& answer,
          const std::function<void(const OfficerAnswer&)>& progress, const PackRenderer& render) {
  OfficerAnswer step = answer;
  step.finished = false;
  step.export_total = kPackSteps;
  answer.export_total = kPackSteps;
  auto tell = [&](std::int64_t done) {
    step.exported = done;
    answer.exported = done;
    if (progress) progress(step);
  };
  if (!render) {
    answer.status = absl::UnimplementedError("this console cannot write committee packs");
    return;
  }
  tell(0);
  absl::StatusOr<v1::CommitteeReport> report = client.BuildReport(call.pack);
  if (!report.ok()) {
    answer.status = report.status();
    return;
  }
  tell(1);
  absl::StatusOr<std::string> bytes = render(call.pack_format, *report);
  if (!bytes.ok()) {
    answer.status = bytes.status();
    return;
  }
  tell(2);
  absl::StatusOr<std::unique_ptr<WholeFile>> file = WholeFile::Create(call.export_path);
  if (!file.ok()) {
    answer.status = file.status();
    return;
  }
  if (!(*file)->Write(*bytes)) {
    answer.status = absl::DataLossError("cannot write " + call.export_path);
    return;
  }
  answer.status = (*file)->Commit();
  if (answer.status.ok()) answer.exported = kPackSteps;
}

}  // namespace

OfficerAnswer MakeCall(OfficerClient& client, const OfficerCall& call,
                       const std::function<void(const OfficerAnswer&)>& progress,
                       const PackRenderer& render) {
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
    case OfficerCall::Kind::kExport:
      Export(client, call, answer, progress);
      break;
    case OfficerCall::Kind::kPack:
      Pack(client, call, answer, progress, render);
      break;
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

OfficerWorker::OfficerWorker(OfficerClient& client, Listener listener, PackRenderer render)
    : client_(client),
      listener_(std::move(listener)),
      render_(std::move(render)),
      thread_([this] { Loop(); }) {}

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
    listener_(MakeCall(
        client_, call, [this](const OfficerAnswer& step) { listener_(step); }, render_));
  }
}

}  // namespace carevoice::client
