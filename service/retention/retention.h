// The retention schedule (UK GDPR storage limitation): for each kind of
// submission, when what identifies the person is removed (anonymised) and
// when the record is deleted, counted from receipt, with the council's
// reason beside each; and how long the quarantine keeps what it holds.
// Read from a JSON file (assets/retention/retention.json holds the
// defaults and their reasons).
//
// Retention::Run applies it: in one transaction with its audit row, it
// anonymises (contact details, and the words unless the person agreed to
// be quoted; the reference and its PIN's keyed hash stay, so the person
// can still see what came of it) and deletes what is due, then scrubs the
// database file so nothing removed is left in its bytes. A dry run only
// counts, and is audited too. Thread-safety: any thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "base/clock.h"
#include "service/store/store.h"

namespace carevoice::service::retention {

struct Rule {
  std::string kind;  // contract::KindOf: "feedback", "complaint", ...
  absl::Duration anonymise_after;
  absl::Duration delete_after;
  std::string reason;
};

struct Schedule {
  std::vector<Rule> kinds;  // one for every kind of submission
  absl::Duration quarantine_delete_after;
  std::string quarantine_reason;
};

// The schedule in `json` (see the file's "_about"). InvalidArgument, naming
// the place, for a kind missing or unknown, a period under a day, deletion
// before anonymisation, or a reason under 10 characters.
absl::StatusOr<Schedule> ParseSchedule(std::string_view json);
absl::StatusOr<Schedule> LoadSchedule(const std::string& path);

struct Report {
  std::int64_t anonymised = 0;
  std::int64_t deleted = 0;
  std::int64_t quarantine_deleted = 0;
  bool dry_run = false;
};

class Retention {
 public:
  // All three must outlive this object.
  Retention(store::Store& store, const base::Clock& clock, const Schedule& schedule);

  // Applies the schedule as of now, audited in `by`'s name ("retention" or
  // "retention_dry_run", with the counts).
  absl::StatusOr<Report> Run(const std::string& by, bool dry_run);

  const Schedule& schedule() const { return schedule_; }

 private:
  store::Store& store_;
  const base::Clock& clock_;
  const Schedule& schedule_;
};

// Runs `retention` as "service" now and then every `every`, in its own
// thread, until destroyed; each run's counts (never anything about anyone)
// or failure go to the log.
class DailyRun {
 public:
  DailyRun(Retention& retention, absl::Duration every);
  ~DailyRun();
  DailyRun(const DailyRun&) = delete;
  DailyRun& operator=(const DailyRun&) = delete;

 private:
  void Loop();
  Retention& retention_;
  const absl::Duration every_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;  // guarded by mu_
  std::thread thread_;
};

}  // namespace carevoice::service::retention
