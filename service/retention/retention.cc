#include "service/retention/retention.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/canonical.h"
#include "base/files.h"
#include "base/proto_time.h"
#include "contract/redaction.h"
#include "nlohmann/json.hpp"
#include "service/log.h"

namespace carevoice::service::retention {
namespace {

using nlohmann::json;

constexpr std::string_view kKinds[] = {"feedback", "complaint", "safeguarding", "idea",
                                       "consultation_answer"};
constexpr std::size_t kMinReason = 10;

absl::StatusOr<absl::Duration> Days(const json& rule, const std::string& where,
                                    const char* field) {
  if (!rule.contains(field) || !rule[field].is_number_integer()) {
    return absl::InvalidArgumentError(absl::StrCat(where, ".", field, ": a whole number of days"));
  }
  const std::int64_t days = rule[field].get<std::int64_t>();
  if (days < 1 || days > 100 * 366) {
    return absl::InvalidArgumentError(absl::StrCat(where, ".", field, ": 1 to 36,600 days"));
  }
  return absl::Hours(24 * days);
}

absl::StatusOr<std::string> Reason(const json& rule, const std::string& where) {
  if (!rule.contains("reason") || !rule["reason"].is_string() ||
      rule["reason"].get<std::string>().size() < kMinReason) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, ".reason: say why, in at least ", kMinReason, " characters"));
  }
  return rule["reason"].get<std::string>();
}

// What is kept of a submission once it is anonymised: what it was about,
// the choices and the dates, for reports; the words only where the person
// agreed to be quoted.
std::string AnonymisedBody(v1::Submission s) {
  contract::ClearContact(&s);
  s.clear_pin();
  if (!s.consent().may_quote()) contract::ClearWords(&s);
  if (s.has_on_behalf_of()) s.mutable_on_behalf_of()->clear_no_consent_reason();
  return base::CanonicalBytes(s);
}

}  // namespace

absl::StatusOr<Schedule> ParseSchedule(std::string_view text) {
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    return absl::InvalidArgumentError("the retention schedule is not a JSON object");
  }
  if (!doc.contains("kinds") || !doc["kinds"].is_object()) {
    return absl::InvalidArgumentError("kinds: an object with a rule for each kind");
  }
  Schedule schedule;
  for (const auto& [kind, rule] : doc["kinds"].items()) {
    if (std::find(std::begin(kKinds), std::end(kKinds), kind) == std::end(kKinds)) {
      return absl::InvalidArgumentError(absl::StrCat("kinds.", kind, ": not a kind of submission"));
    }
  }
  for (std::string_view kind_view : kKinds) {
    const std::string kind(kind_view);
    const std::string where = "kinds." + kind;
    if (!doc["kinds"].contains(kind) || !doc["kinds"][kind].is_object()) {
      return absl::InvalidArgumentError(absl::StrCat(where, ": missing; every kind needs a rule"));
    }
    const json& rule = doc["kinds"][kind];
    absl::StatusOr<absl::Duration> anonymise = Days(rule, where, "anonymise_after_days");
    if (!anonymise.ok()) return anonymise.status();
    absl::StatusOr<absl::Duration> remove = Days(rule, where, "delete_after_days");
    if (!remove.ok()) return remove.status();
    if (*remove < *anonymise) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ": delete_after_days comes before anonymise_after_days"));
    }
    absl::StatusOr<std::string> reason = Reason(rule, where);
    if (!reason.ok()) return reason.status();
    schedule.kinds.push_back({kind, *anonymise, *remove, *std::move(reason)});
  }
  if (!doc.contains("quarantine") || !doc["quarantine"].is_object()) {
    return absl::InvalidArgumentError("quarantine: missing; it needs a rule too");
  }
  absl::StatusOr<absl::Duration> quarantine =
      Days(doc["quarantine"], "quarantine", "delete_after_days");
  if (!quarantine.ok()) return quarantine.status();
  absl::StatusOr<std::string> reason = Reason(doc["quarantine"], "quarantine");
  if (!reason.ok()) return reason.status();
  schedule.quarantine_delete_after = *quarantine;
  schedule.quarantine_reason = *std::move(reason);
  return schedule;
}

absl::StatusOr<Schedule> LoadSchedule(const std::string& path) {
  absl::StatusOr<std::string> text = base::ReadWholeFile(path);
  if (!text.ok()) return text.status();
  absl::StatusOr<Schedule> schedule = ParseSchedule(*text);
  if (!schedule.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", schedule.status().message()));
  }
  return schedule;
}

Retention::Retention(store::Store& store, const base::Clock& clock, const Schedule& schedule)
    : store_(store), clock_(clock), schedule_(schedule) {}

absl::StatusOr<Report> Retention::Run(const std::string& by, bool dry_run) {
  const absl::Time now = clock_.Now();
  std::map<std::string, const Rule*, std::less<>> rules;
  for (const Rule& rule : schedule_.kinds) rules[rule.kind] = &rule;

  store::Erasure due;
  absl::StatusOr<std::int64_t> read =
      store_.ForEachSubmission([&](const v1::SubmissionRecord& record) {
        auto rule = rules.find(record.kind());
        if (rule == rules.end()) return true;  // a kind from a newer program: left alone
        const absl::Duration age = now - base::FromProtoTimestamp(record.received_at());
        if (age >= rule->second->delete_after) {
          due.submission_ids.push_back(record.submission_id());
        } else if (age >= rule->second->anonymise_after) {
          // Done once: an anonymised body anonymises to itself.
          std::string body = AnonymisedBody(record.submission());
          if (body != base::CanonicalBytes(record.submission())) {
            due.anonymised.emplace_back(record.submission_id(), std::move(body));
          }
        }
        return true;
      });
  if (!read.ok()) return read.status();
  absl::Status quarantine = store_.ForEachQuarantined([&](const store::QuarantineRow& row) {
    if (now - row.received_at >= schedule_.quarantine_delete_after) {
      due.quarantine_ids.push_back(row.id);
    }
    return true;
  });
  if (!quarantine.ok()) return quarantine;

  Report report;
  report.anonymised = static_cast<std::int64_t>(due.anonymised.size());
  report.deleted = static_cast<std::int64_t>(due.submission_ids.size());
  report.quarantine_deleted = static_cast<std::int64_t>(due.quarantine_ids.size());
  report.dry_run = dry_run;
  // Counts only: nothing about anyone.
  store::AuditEntry audit{now, by, dry_run ? "retention_dry_run" : "retention",
                          report.anonymised + report.deleted + report.quarantine_deleted};
  audit.reason = absl::StrCat("anonymised ", report.anonymised, ", deleted ", report.deleted,
                              ", quarantined items deleted ", report.quarantine_deleted);
  const bool nothing_due = due.submission_ids.empty() && due.anonymised.empty() &&
                           due.quarantine_ids.empty();
  if (dry_run || nothing_due) {
    // Nothing changes, so there is nothing to scrub; the run is audited all
    // the same.
    if (absl::Status s = store_.RecordAudit(audit); !s.ok()) return s;
    return report;
  }
  absl::StatusOr<std::int64_t> done = store_.Erase(due, audit);
  if (!done.ok()) return done.status();
  return report;
}

DailyRun::DailyRun(Retention& retention, absl::Duration every)
    : retention_(retention), every_(every), thread_([this] { Loop(); }) {}

DailyRun::~DailyRun() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void DailyRun::Loop() {
  for (;;) {
    absl::StatusOr<Report> report = retention_.Run("service", /*dry_run=*/false);
    if (report.ok()) {
      LogInfo(absl::StrCat("retention: anonymised ", report->anonymised, ", deleted ",
                           report->deleted, ", quarantined items deleted ",
                           report->quarantine_deleted));
    } else {
      LogWarning(absl::StrCat("retention run failed (tried again at the next run): ",
                              report.status().ToString()));
    }
    std::unique_lock lock(mu_);
    if (cv_.wait_for(lock, absl::ToChronoNanoseconds(every_), [this] { return stop_; })) return;
  }
}

}  // namespace carevoice::service::retention
