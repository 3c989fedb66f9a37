// P6 and P14 (PERFORMANCE.md): a committee pack over a year of a large
// council's submissions, on a real SQLite file.
//
//   p14_committee_pack make FILE [N]   writes N submissions (1,000,000) told
//                                      over the year to 31 March 2027
//   p14_committee_pack measure FILE    P6: the report model (every figure of
//                                      the pack); P14: the model and all five
//                                      formats; each against the sqlite3 CLI
//                                      running the pack's GROUP BY queries on
//                                      the same file, and P14's peak memory
//
// Making the file is its own process, so that the memory measured is the
// pack's alone. Each side runs once to warm up, then the median of three
// runs counts.
#include <sys/resource.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <tuple>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "base/clock.h"
#include "base/proto_time.h"
#include "bench_util.h"
#include "client/packs/packs.h"
#include "contract/reference_code.h"
#include "service/cases/themes.h"
#include "service/cases/working_days.h"
#include "service/redact/redactor.h"
#include "service/reports/committee.h"
#include "service/store/store.h"
#include "tests/service/testing.h"

namespace carevoice::bench {
namespace {

namespace store = service::store;
namespace reports = service::reports;

constexpr int kServices = 6, kProviders = 24, kSites = 60;

absl::TimeZone London() {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone("Europe/London", &zone)) Die("no Europe/London time zone");
  return zone;
}

v1::Catalog MakeCatalog() {
  v1::Catalog c;
  c.set_version("bench-1");
  for (int i = 0; i < kServices; ++i) {
    v1::Service* s = c.add_services();
    s->set_id(absl::StrCat("service_", i));
    (*s->mutable_name()->mutable_text())["en-GB"] = absl::StrCat("Service area ", i);
  }
  for (int i = 0; i < kProviders; ++i) {
    v1::Provider* p = c.add_providers();
    p->set_id(absl::StrCat("provider_", i));
    p->set_name(absl::StrCat("Provider ", i));
    p->set_ownership(static_cast<v1::OwnershipModel>(1 + i % 6));
  }
  for (int i = 0; i < kSites; ++i) {
    v1::Site* s = c.add_sites();
    s->set_id(absl::StrCat("site_", i));
    s->set_provider_id(absl::StrCat("provider_", i % kProviders));
    s->set_name(absl::StrCat("Site ", i));
    s->set_locality(absl::StrCat("Locality ", i % 8));
  }
  return c;
}

// One of a year's submissions: mostly feedback, some complaints, ideas and
// worries, spread over services, providers, sites, channels and ratings.
v1::Submission Made(int n, absl::Time told) {
  v1::Submission s;
  s.set_submission_id(service::testing::TestSubmissionId(n));
  // A device's references run out at 23^4: a large council has many kiosks.
  s.set_reference(service::testing::TestReference(
      static_cast<std::uint32_t>(n) % contract::kMaxReferenceCounter,
      absl::StrCat("kiosk-", static_cast<std::uint32_t>(n) / contract::kMaxReferenceCounter)));
  base::SetProtoTimestamp(told, s.mutable_created_at());
  s.set_language(n % 11 == 0 ? "cy" : "en-GB");
  s.set_channel(static_cast<v1::Channel>(1 + n % 3));
  s.set_speaker(static_cast<v1::Speaker>(1 + n % 3));
  s.set_anonymous(true);
  const std::string service = absl::StrCat("service_", n % kServices);
  const std::string provider = absl::StrCat("provider_", (n / 7) % kProviders);
  const std::string site = absl::StrCat("site_", (n / 3) % kSites);
  switch (n % 20) {
    case 0:
    case 1: {
      v1::Complaint* c = s.mutable_complaint();
      c->set_service_id(service);
      c->set_provider_id(provider);
      c->set_what_happened("The carer came late again and left before the lunch was ready.");
      break;
    }
    case 2:
      s.mutable_safeguarding()->set_what_is_happening("A neighbour has not been seen.");
      break;
    case 3:
    case 4: s.mutable_idea()->set_idea("A lunch club on Fridays at the day centre."); break;
    default: {
      v1::Feedback* f = s.mutable_feedback();
      f->set_service_id(service);
      f->set_provider_id(provider);
      f->set_site_id(site);
      f->set_rating(static_cast<v1::Rating>(1 + n % 5));
      f->set_text("The carers are kind and always on time, and they listen to what I say.");
    }
  }
  return s;
}

int Make(const std::string& path, int count) {
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  auto opened = store::OpenSqliteStore(path);
  if (!opened.ok()) Die(opened.status().ToString());
  const absl::TimeZone zone = London();
  const absl::Time first = absl::FromCivil(absl::CivilDay(2026, 4, 1), zone);
  const absl::Duration step = absl::Hours(24 * 365) / count;
  const int64_t started = MonotonicNs();
  constexpr int kBatch = 1000;
  for (int at = 0; at < count; at += kBatch) {
    std::vector<v1::Submission> batch;
    for (int n = at; n < std::min(count, at + kBatch); ++n) {
      batch.push_back(Made(n + 1, first + step * n));
    }
    std::vector<const v1::Submission*> items;
    for (const v1::Submission& s : batch) items.push_back(&s);
    const absl::Time received = base::FromProtoTimestamp(batch.back().created_at());
    auto put = (*opened)->PutSubmissions("kiosk-bench-1", items, received, absl::ZeroDuration());
    if (!put.ok()) Die(put.status().ToString());
  }
  std::fprintf(stderr, "made %d submissions in %.1f s\n", count,
               static_cast<double>(MonotonicNs() - started) / 1e9);
  return 0;
}

class Fixed final : public base::Clock {
 public:
  absl::Time Now() const override { return absl::FromUnixSeconds(1'807'000'000); }
};

// The queries the pack runs, as the store runs them, for the sqlite3 CLI:
// each facet over the year and the year before; kinds month by month; what
// is stored; the cases
// on the clock (the year, twice: the complaints section and the annual
// report; every open one); ideas by outcome; themed cases (the year, the
// year before, quotes with their bodies, the annual report); taking part.
std::string BaselineSql(const reports::Period& year, absl::TimeZone zone) {
  const reports::Period before = reports::PreviousPeriod(year);
  const int64_t from = absl::ToUnixMicros(absl::FromCivil(year.first, zone));
  const int64_t to = absl::ToUnixMicros(absl::FromCivil(year.last + 1, zone));
  const int64_t before_from = absl::ToUnixMicros(absl::FromCivil(before.first, zone));
  std::string sql = ".output /dev/null\n";
  for (const char* column :
       {"kind", "service_id", "provider_id", "site_id", "channel", "speaker", "rating"}) {
    for (const auto& [a, b] : {std::pair{from, to}, std::pair{before_from, from}}) {
      absl::StrAppend(&sql, "SELECT ", column, ", count(*) FROM submissions WHERE counted_at >= ",
                      a, " AND counted_at < ", b, " GROUP BY 1 ORDER BY 1;\n");
    }
  }
  // Month by month: kinds over each month of the year.
  for (absl::CivilMonth m(year.first); m <= absl::CivilMonth(year.last); ++m) {
    absl::StrAppend(&sql, "SELECT kind, count(*) FROM submissions WHERE counted_at >= ",
                    absl::ToUnixMicros(absl::FromCivil(absl::CivilDay(m), zone)),
                    " AND counted_at < ",
                    absl::ToUnixMicros(absl::FromCivil(absl::CivilDay(m + 1), zone)),
                    " GROUP BY 1 ORDER BY 1;\n");
  }
  absl::StrAppend(&sql, "SELECT count(*), max(received_at) FROM submissions;\n");
  auto clocked = [&](int64_t a, int64_t b, bool open_only) {
    absl::StrAppend(
        &sql,
        "SELECT s.kind, s.counted_at, s.body, c.state, c.statutory, c.acknowledged_at, "
        "c.agreed_respond_by, c.responded_at, c.outcome, (SELECT min(e.at) FROM case_events e "
        "WHERE e.submission_id = s.submission_id AND e.action = 'decide'), s.service_id "
        "FROM submissions s LEFT JOIN cases c ON c.submission_id = s.submission_id "
        "WHERE s.counted_at >= ",
        a, " AND s.counted_at < ", b, " AND s.kind IN ('complaint', 'safeguarding') ",
        open_only ? "AND (c.state IS NULL OR c.state IN ('received', 'acknowledged', "
                    "'investigating')) "
                  : "",
        "ORDER BY s.counted_at;\n");
  };
  clocked(from, to, false);
  clocked(from, to, false);
  clocked(std::numeric_limits<int64_t>::min(), to, true);
  absl::StrAppend(&sql,
                  "SELECT coalesce(c.outcome, ''), count(*) FROM submissions s LEFT JOIN cases c "
                  "ON c.submission_id = s.submission_id WHERE s.counted_at >= ",
                  from, " AND s.counted_at < ", to,
                  " AND s.kind = 'idea' GROUP BY 1 ORDER BY 1;\n");
  for (const auto& [a, b, body] :
       {std::tuple{from, to, false}, std::tuple{before_from, from, false},
        std::tuple{from, to, true}, std::tuple{from, to, false}}) {
    absl::StrAppend(&sql, "SELECT s.kind, c.statutory, s.service_id, c.themes, c.outcome",
                    body ? ", s.body " : " ",
                    "FROM submissions s JOIN cases c ON c.submission_id = s.submission_id "
                    "WHERE s.counted_at >= ",
                    a, " AND s.counted_at < ", b, " AND c.themes != '' ORDER BY s.counted_at;\n");
  }
  absl::StrAppend(&sql, "SELECT month, aspect, value, count FROM taking_part_counts "
                        "ORDER BY month, aspect, value;\n");
  return sql;
}

// One warm-up (the file in the page cache, as the CLI will find it), then
// the median of three.
double SecondsOf(const std::function<void()>& run) {
  run();
  std::vector<double> times;
  for (int i = 0; i < 3; ++i) {
    const int64_t started = MonotonicNs();
    run();
    times.push_back(static_cast<double>(MonotonicNs() - started) / 1e9);
  }
  return Median(times);
}

int Measure(const std::string& path) {
  if (!std::filesystem::exists(path)) Die("no " + path + ": run make first");
  const absl::TimeZone zone = London();
  const reports::Period year = reports::YearTo31March(2027);
  auto opened = store::OpenSqliteStore(path);
  if (!opened.ok()) Die(opened.status().ToString());
  store::Store& db = **opened;
  const Fixed clock;
  const service::cases::WorkingDays calendar;
  absl::StatusOr<service::cases::Lexicon> themes =
      service::cases::Lexicon::Load(std::string(CAREVOICE_ASSETS_DIR) + "/themes/themes.json");
  if (!themes.ok()) Die(themes.status().ToString());
  absl::StatusOr<service::redact::Dictionary> words =
      service::redact::Dictionary::Load(service::redact::kDefaultDictionary);
  if (!words.ok()) Die(words.status().ToString());
  const service::redact::Redactor redactor(*std::move(words));
  const v1::Catalog catalog = MakeCatalog();
  reports::CommitteeReports model(db, clock, zone, calendar, *themes, redactor);

  v1::CommitteeReport report;
  const double summary = SecondsOf([&] {
    absl::StatusOr<v1::CommitteeReport> built =
        model.Build(year, v1::AUDIENCE_SCRUTINY, catalog, true);
    if (!built.ok()) Die(built.status().ToString());
    report = *std::move(built);
  });
  std::size_t bytes = 0;
  const double pack = SecondsOf([&] {
    absl::StatusOr<v1::CommitteeReport> built =
        model.Build(year, v1::AUDIENCE_SCRUTINY, catalog, true);
    if (!built.ok()) Die(built.status().ToString());
    bytes = 0;
    for (auto format : {client::packs::Format::kMarkdown, client::packs::Format::kCsv,
                        client::packs::Format::kHtml, client::packs::Format::kXlsx,
                        client::packs::Format::kPdf}) {
      absl::StatusOr<std::string> out = client::packs::Render(format, *built);
      if (!out.ok()) Die(out.status().ToString());
      bytes += out->size();
    }
  });
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const double peak_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;

  const std::string sql_path = path + ".baseline.sql";
  std::ofstream(sql_path) << BaselineSql(year, zone);
  const std::string command = absl::StrCat("sqlite3 -readonly ", path, " < ", sql_path);
  const double baseline = SecondsOf([&] {
    if (std::system(command.c_str()) != 0) Die("sqlite3 failed: " + command);
  });
  absl::StatusOr<store::StoredExtent> extent = db.SubmissionsStored();
  if (!extent.ok()) Die(extent.status().ToString());
  const std::string size = extent->submissions % 1'000'000 == 0
                               ? absl::StrCat(extent->submissions / 1'000'000, "m")
                               : absl::StrCat(extent->submissions / 1000, "k");
  std::fprintf(stderr,
               "report of %lld submissions: %d sections; the pack in 5 formats: %zu bytes\n",
               static_cast<long long>(extent->submissions), report.sections_size(), bytes);
  Summary(absl::StrFormat("P6 summary_%s: %.2f s vs sqlite3 %.2f s = %.2fx (goal <= 1.50x)", size,
                          summary, baseline, summary / baseline));
  Summary(absl::StrFormat(
      "P14 pack_%s: %.2f s vs sqlite3 %.2f s = %.2fx (goal <= 3.00x); peak memory %.0f MB "
      "(goal <= 500 MB)",
      size, pack, baseline, pack / baseline, peak_mb));
  return 0;
}

}  // namespace
}  // namespace carevoice::bench

int main(int argc, char** argv) {
  using carevoice::bench::Die;
  if (argc >= 3 && std::string(argv[1]) == "make") {
    return carevoice::bench::Make(argv[2], argc >= 4 ? std::atoi(argv[3]) : 1'000'000);
  }
  if (argc == 3 && std::string(argv[1]) == "measure") return carevoice::bench::Measure(argv[2]);
  Die("usage: p14_committee_pack make FILE [N] | measure FILE");
}
