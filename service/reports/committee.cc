#include "service/reports/committee.h"

#include <algorithm>
#include <climits>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "base/proto_time.h"
#include "service/cases/workflow.h"
#include "service/reports/annual.h"
#include "service/reports/cells.h"
#include "service/reports/co_production.h"
#include "service/reports/heard_from.h"
#include "service/reports/suppression.h"
#include "service/reports/themes.h"

namespace carevoice::service::reports {
namespace {

constexpr int kMaxPeriodDays = 3660;  // ten years and leap days

std::string DayText(absl::CivilDay d) { return absl::FormatCivilTime(d); }

using Counts = std::map<std::string, std::int64_t, std::less<>>;

Counts ToMap(const std::vector<store::FacetCount>& counts) {
  Counts out;
  for (const store::FacetCount& c : counts) out[c.value] += c.count;
  return out;
}

std::int64_t Get(const Counts& counts, std::string_view key) {
  auto it = counts.find(key);
  return it == counts.end() ? 0 : it->second;
}

std::int64_t Total(const Counts& counts) {
  std::int64_t total = 0;
  for (const auto& [key, n] : counts) total += n;
  return total;
}

// One facet counted in the period and the one before.
struct Facet {
  Counts now;
  Counts before;
};

// One row of a table over two periods: cells before the figures, the
// period's count, the previous period's, the change (filled once
// suppression is done), and cells after.
struct Line {
  std::string key;
  std::string label;
  std::int64_t now = 0;
  std::int64_t before = 0;
  std::vector<v1::ReportCell> pre{};
  std::vector<v1::ReportCell> post{};
};

// A table over two periods and where its figures are.
struct TrendTable {
  v1::ReportTable* table;
  int now;     // index of "This period" in each row's cells
  int before;  // "Previous period"
  int change;  // "Change"
  v1::ReportCell* Now(v1::ReportRow& r) const { return r.mutable_cells(now); }
  v1::ReportCell* Before(v1::ReportRow& r) const { return r.mutable_cells(before); }
};

TrendTable AddTrendTable(v1::ReportSection& section, std::string id, std::string caption,
                         std::vector<std::string> pre_columns, std::vector<std::string> post_columns,
                         const std::vector<Line>& lines, std::string chart) {
  v1::ReportTable* t = section.add_tables();
  t->set_id(std::move(id));
  t->set_caption(std::move(caption));
  t->set_chart(std::move(chart));
  // The first column names the rows: it is each row's label, not a cell.
  const int now = static_cast<int>(pre_columns.size()) - 1;
  for (std::string& c : pre_columns) t->add_columns(std::move(c));
  t->add_columns("This period");
  t->add_columns("Previous period");
  t->add_columns("Change");
  for (std::string& c : post_columns) t->add_columns(std::move(c));
  std::int64_t total_now = 0, total_before = 0;
  auto fill = [&](v1::ReportRow& row, const Line& line) {
    row.set_key(line.key);
    row.set_label(line.label);
    for (const v1::ReportCell& c : line.pre) *row.add_cells() = c;
    *row.add_cells() = CountCell(line.now);
    *row.add_cells() = CountCell(line.before);
    row.add_cells();  // the change, once suppression is done
    for (const v1::ReportCell& c : line.post) *row.add_cells() = c;
  };
  for (const Line& line : lines) {
    fill(*t->add_rows(), line);
    total_now += line.now;
    total_before += line.before;
  }
  Line all{"", "All", total_now, total_before};
  all.pre.assign(now, TextCell(""));
  if (!lines.empty()) all.post.assign(lines.front().post.size(), TextCell(""));
  fill(*t->mutable_total(), all);
  return TrendTable{t, now, now + 1, now + 2};
}

// Every count of the table's two periods, the total's included.
std::vector<v1::ReportCell*> FiguresOf(const TrendTable& tt) {
  std::vector<v1::ReportCell*> cells;
  for (v1::ReportRow& r : *tt.table->mutable_rows()) {
    cells.push_back(tt.Now(r));
    cells.push_back(tt.Before(r));
  }
  cells.push_back(tt.Now(*tt.table->mutable_total()));
  cells.push_back(tt.Before(*tt.table->mutable_total()));
  return cells;
}

// Each period's column adds up to its "All".
void AddColumnSums(const TrendTable& tt, std::vector<Sum>& sums) {
  Sum now{tt.Now(*tt.table->mutable_total()), {}};
  Sum before{tt.Before(*tt.table->mutable_total()), {}};
  for (v1::ReportRow& r : *tt.table->mutable_rows()) {
    now.parts.push_back(tt.Now(r));
    before.parts.push_back(tt.Before(r));
  }
  sums.push_back(std::move(now));
  sums.push_back(std::move(before));
}

// The rows of `groups` each add up the rows of `members` that name them
// (by `group_of`): an ownership model its providers, a locality its sites.
template <typename GroupOf>
void AddGroupSums(const TrendTable& groups, const TrendTable& members, GroupOf group_of,
                  std::vector<Sum>& sums) {
  for (v1::ReportRow& g : *groups.table->mutable_rows()) {
    Sum now{groups.Now(g), {}};
    Sum before{groups.Before(g), {}};
    for (v1::ReportRow& m : *members.table->mutable_rows()) {
      if (group_of(m) != g.key()) continue;
      now.parts.push_back(members.Now(m));
      before.parts.push_back(members.Before(m));
    }
    sums.push_back(std::move(now));
    sums.push_back(std::move(before));
  }
}

// The change, where both figures are given; else withheld as they are.
void FillChanges(const TrendTable& tt) {
  auto fill = [&](v1::ReportRow& r) {
    const v1::ReportCell& now = r.cells(tt.now);
    const v1::ReportCell& before = r.cells(tt.before);
    v1::ReportCell* change = r.mutable_cells(tt.change);
    change->set_difference(true);
    if (Hidden(now) || Hidden(before)) {
      change->set_suppressed(v1::ReportCell::SUPPRESSION_SECONDARY);
    } else {
      change->set_count(now.count() - before.count());
    }
  };
  for (v1::ReportRow& r : *tt.table->mutable_rows()) fill(r);
  fill(*tt.table->mutable_total());
}

// "3 figures are shown as fewer than 5; 2 more are withheld ..."
void NoteSuppression(const TrendTable& tt) {
  int small = 0, secondary = 0;
  for (const v1::ReportCell* c : FiguresOf(tt)) {
    if (c->suppressed() == v1::ReportCell::SUPPRESSION_SMALL) ++small;
    if (c->suppressed() == v1::ReportCell::SUPPRESSION_SECONDARY) ++secondary;
  }
  std::string note =
      "Counts from 1 to 4 are shown as \"fewer than 5\", and no hidden count can be worked out "
      "from the totals.";
  if (small + secondary > 0) {
    absl::StrAppend(&note, " Here ", small, small == 1 ? " figure is" : " figures are",
                    " fewer than 5");
    if (secondary > 0) {
      absl::StrAppend(&note, " and ", secondary, secondary == 1 ? " more is" : " more are",
                      " withheld so that they cannot be worked out");
    }
    absl::StrAppend(&note, ".");
  }
  tt.table->set_note(note);
}

std::string KindLabel(std::string_view kind) {
  if (kind == "feedback") return "Feedback and compliments";
  if (kind == "complaint") return "Complaints and concerns";
  if (kind == "safeguarding") return "Safeguarding worries";
  if (kind == "idea") return "Ideas";
  if (kind == "consultation_answer") return "Answers to consultations";
  return std::string(kind);
}

std::string ChannelLabel(int channel) {
  switch (channel) {
    case v1::CHANNEL_KIOSK: return "Kiosk in a public place";
    case v1::CHANNEL_TABLET: return "Tablet in a care home or day centre";
    case v1::CHANNEL_OFFICER: return "Told to an officer (phone, letter, in person)";
    default: return "Not recorded";
  }
}

std::string SpeakerLabel(int speaker) {
  switch (speaker) {
    case v1::SPEAKER_USES_SERVICES: return "People who use services";
    case v1::SPEAKER_FAMILY_OR_FRIEND: return "Relatives, friends, advocates and unpaid carers";
    case v1::SPEAKER_CARE_WORKER: return "Care workers";
    default: return "Not asked";
  }
}

std::string RatingLabel(int rating) {
  switch (rating) {
    case v1::RATING_VERY_GOOD: return "Very good";
    case v1::RATING_GOOD: return "Good";
    case v1::RATING_OK: return "OK";
    case v1::RATING_POOR: return "Poor";
    case v1::RATING_VERY_POOR: return "Very poor";
    default: return "No rating";
  }
}

std::string OwnershipLabel(v1::OwnershipModel model) {
  switch (model) {
    case v1::OWNERSHIP_MODEL_COUNCIL: return "Run by the council (in-house)";
    case v1::OWNERSHIP_MODEL_NHS: return "NHS";
    case v1::OWNERSHIP_MODEL_CHARITY: return "Charity";
    case v1::OWNERSHIP_MODEL_COOPERATIVE: return "Co-operative";
    case v1::OWNERSHIP_MODEL_COMMUNITY_INTEREST: return "Community interest company";
    case v1::OWNERSHIP_MODEL_USER_LED: return "User-led organisation";
    case v1::OWNERSHIP_MODEL_PRIVATE: return "Private company";
    case v1::OWNERSHIP_MODEL_MICRO_ENTERPRISE: return "Micro-enterprise";
    default: return "Not recorded";
  }
}

std::string AudienceWords(v1::Audience audience) {
  switch (audience) {
    case v1::AUDIENCE_SCRUTINY: return "report to the Social Care Overview and Scrutiny Committee";
    case v1::AUDIENCE_FORUM: return "for the Local Social Care Forum";
    default: return "published for everyone";
  }
}

// An enum's number as the store keeps it ("3"), or -1.
int Number(std::string_view value) {
  int n = -1;
  return absl::SimpleAtoi(absl::string_view(value.data(), value.size()), &n) ? n : -1;
}

// "123 more than" / "12 fewer than" / "the same as".
std::string Compared(std::int64_t now, std::int64_t before) {
  if (now == before) return "the same number as";
  const std::int64_t d = now > before ? now - before : before - now;
  std::string words = absl::StrCat(d, now > before ? " more than" : " fewer than");
  if (before > 0) {
    absl::StrAppend(&words, absl::StrFormat(" (%+.1f%%)", 100.0 * (now - before) / before),
                    " ");
  } else {
    absl::StrAppend(&words, " ");
  }
  return words;
}

}  // namespace

absl::StatusOr<Period> ParsePeriod(std::string_view text) {
  const absl::Status bad = absl::InvalidArgumentError(
      "a period is written FIRST..LAST, both days included, e.g. 2026-04-01..2027-03-31");
  std::vector<std::string> parts =
      absl::StrSplit(absl::string_view(text.data(), text.size()), "..");
  if (parts.size() != 2) return bad;
  Period p;
  if (!absl::ParseCivilTime(parts[0], &p.first) || !absl::ParseCivilTime(parts[1], &p.last)) {
    return bad;
  }
  if (DayText(p.first) != parts[0] || DayText(p.last) != parts[1]) return bad;
  if (p.last < p.first) {
    return absl::InvalidArgumentError("the period's last day is before its first");
  }
  if (p.last - p.first >= kMaxPeriodDays) {
    return absl::InvalidArgumentError("a report covers at most ten years");
  }
  return p;
}

Period PreviousPeriod(const Period& p) {
  const absl::civil_diff_t days = p.last - p.first + 1;
  return Period{p.first - days, p.first - 1};
}

Period YearTo31March(int year) {
  return Period{absl::CivilDay(year - 1, 4, 1), absl::CivilDay(year, 3, 31)};
}

CommitteeReports::CommitteeReports(store::Store& store, const base::Clock& clock,
                                   absl::TimeZone zone, const cases::WorkingDays& calendar,
                                   const cases::Lexicon& themes, const redact::Redactor& redactor,
                                   const Population* population)
    : store_(store),
      clock_(clock),
      zone_(zone),
      calendar_(calendar),
      themes_(themes),
      redactor_(redactor),
      population_(population) {}

namespace {

// "3 of the 4 due (75.0%) were acknowledged in time", or that none was due.
std::string OfThoseDue(std::int64_t n, std::int64_t due, std::string_view what) {
  if (due == 0) return absl::StrCat("none was yet due to be ", std::string(what));
  return absl::StrFormat("%d of the %d due (%.1f%%) %s %s in time", n, due, 100.0 * n / due,
                         n == 1 ? "was" : "were", std::string(what));
}


// What differs by audience; the figures themselves never do.
// - The Committee gets every table, in the order it scrutinises.
// - The Forum, whose members shape services with the council, gets the
//   same tables with co-production first.
// - The public pack, published on the council's website, leaves out the
//   table by site: a care home is people's home, and counts about one home
//   could point at who lives there. Its locality's figures stay.
// Each pack says, first, who it is for and what it leaves out.
void ShapeForAudience(v1::Audience audience, v1::CommitteeReport& report) {
  std::string about;
  switch (audience) {
    case v1::AUDIENCE_SCRUTINY:
      about =
          "For the Committee: how the council hears people who use adult social care, their "
          "families and care workers, and how it answers them, against the period before. Every "
          "figure is in the CSV and spreadsheet versions of this pack too, for tracing.";
      break;
    case v1::AUDIENCE_FORUM: {
      about =
          "For the Forum's members, who shape services with the council: first what came of "
          "consultations, ideas and the Forum's own ballots, then what people told us, how "
          "complaints were handled and who we heard from.";
      auto* sections = report.mutable_sections();
      // Moves the sections' pointers, not their contents.
      std::stable_partition(sections->pointer_begin(), sections->pointer_end(),
                            [](const v1::ReportSection* s) {
                              return s->id() == "consultations" || s->id() == "ideas" ||
                                     s->id() == "forum_ballots";
                            });
      break;
    }
    default:
      about =
          "What people who use adult social care, their families and care workers told the "
          "council, and what it did. Figures for single care homes and other sites go to the "
          "Scrutiny Committee and the Local Social Care Forum but are not published here: a care "
          "home is people's home, and counts about one home could point at who lives there.";
      for (v1::ReportSection& s : *report.mutable_sections()) {
        auto* tables = s.mutable_tables();
        for (int i = tables->size() - 1; i >= 0; --i) {
          if (tables->Get(i).id() == "by_site") tables->DeleteSubrange(i, 1);
        }
      }
      break;
  }
  if (report.sections().empty()) return;
  auto* paragraphs = report.mutable_sections(0)->mutable_paragraphs();
  paragraphs->Add(std::move(about));
  std::rotate(paragraphs->pointer_begin(), paragraphs->pointer_end() - 1,
              paragraphs->pointer_end());
}

}  // namespace

absl::Status CommitteeReports::AddComplaints(const Period& period, v1::CommitteeReport& report) {
  const absl::Time now = clock_.Now();
  const absl::CivilDay today = absl::ToCivilDay(now, zone_);
  const absl::Time from = absl::FromCivil(period.first, zone_);
  const absl::Time to = absl::FromCivil(period.last + 1, zone_);
  auto clock_of = [&](const store::ClockedCase& k) {
    cases::Case c;
    c.kind = k.kind;
    c.statutory = k.statutory;
    c.told_at = k.told_at;
    c.arrived_at = k.told_at;
    c.state = cases::StateFromName(k.state).value_or(cases::State::kReceived);
    c.acknowledged_at = k.acknowledged_at;
    absl::CivilDay agreed;
    if (absl::ParseCivilTime(k.agreed_respond_by, &agreed)) c.agreed_respond_by = agreed;
    c.responded_at = k.responded_at;
    c.safeguarding_decided = k.decided_at.has_value();
    return cases::ClockOf(c, calendar_, now, zone_);
  };
  auto day = [&](absl::Time t) { return absl::ToCivilDay(t, zone_); };

  std::int64_t formal = 0, informal = 0, ack_in_time = 0, ack_late = 0, resp_in_time = 0,
               resp_late = 0, resp_no_date = 0, ombudsman = 0;
  std::map<std::string, std::int64_t> outcomes;
  std::int64_t worries = 0, decided_same_day = 0, decided_later = 0, undecided = 0;
  absl::Status read =
      store_.ForEachClockedCase(from, to, /*open_only=*/false, [&](const store::ClockedCase& k) {
        const cases::Due due = clock_of(k);
        if (k.kind == "safeguarding") {
          ++worries;
          if (!k.decided_at) {
            ++undecided;
          } else if (due.acknowledge_by && day(*k.decided_at) <= *due.acknowledge_by) {
            ++decided_same_day;
          } else {
            ++decided_later;
          }
          return true;
        }
        if (!k.statutory) {
          ++informal;
          return true;
        }
        ++formal;
        // Acknowledged by the third working day; one not yet due counts
        // neither way.
        if (k.acknowledged_at) {
          ++(day(*k.acknowledged_at) <= *due.acknowledge_by ? ack_in_time : ack_late);
        } else if (today > *due.acknowledge_by) {
          ++ack_late;
        }
        if (due.respond_by) {
          if (k.responded_at) {
            ++(day(*k.responded_at) <= *due.respond_by ? resp_in_time : resp_late);
          } else if (today > *due.respond_by) {
            ++resp_late;
          }
        } else if (k.responded_at) {
          ++resp_no_date;
        }
        if (!k.outcome.empty()) ++outcomes[k.outcome];
        if (cases::StateFromName(k.state) == cases::State::kReferred) ++ombudsman;
        return true;
      });
  if (!read.ok()) return read;

  // Still open as the report is made, of everything told by the period's end.
  std::int64_t open = 0, overdue = 0;
  std::optional<absl::CivilDay> oldest;
  read = store_.ForEachClockedCase(absl::InfinitePast(), to, /*open_only=*/true,
                                   [&](const store::ClockedCase& k) {
                                     if (k.kind != "complaint" || !k.statutory) return true;
                                     ++open;
                                     if (clock_of(k).overdue) ++overdue;
                                     if (!oldest || day(k.told_at) < *oldest) oldest = day(k.told_at);
                                     return true;
                                   });
  if (!read.ok()) return read;

  v1::ReportSection& s = *report.add_sections();
  s.set_id("complaints");
  s.set_title("Complaints and safeguarding");
  s.add_paragraphs(absl::StrCat(
      "Formal complaints are handled under the Local Authority Social Services and National "
      "Health Service Complaints (England) Regulations 2009: acknowledged within 3 working days "
      "and answered by the date agreed with the person. Of the ",
      formal, formal == 1 ? " formal complaint" : " formal complaints", " received, ",
      OfThoseDue(ack_in_time, ack_in_time + ack_late, "acknowledged"), ", and ",
      OfThoseDue(resp_in_time, resp_in_time + resp_late, "answered"), "."));
  const std::int64_t decided = outcomes["upheld"] + outcomes["partly_upheld"] +
                               outcomes["not_upheld"];
  v1::ReportTable* t = AddMeasureTable(s, "complaints", "Formal complaints received in the period");
  AddMeasure(*t, "received", "Formal complaints received", formal);
  AddMeasure(*t, "acknowledged_in_time", "Acknowledged within 3 working days", ack_in_time,
             ack_in_time + ack_late);
  AddMeasure(*t, "acknowledged_late", "Acknowledged late, or past 3 working days without",
             ack_late, ack_in_time + ack_late);
  AddMeasure(*t, "responded_in_time", "Answered by the agreed date", resp_in_time,
             resp_in_time + resp_late);
  AddMeasure(*t, "responded_late", "Answered late, or the agreed date passed without an answer",
             resp_late, resp_in_time + resp_late);
  AddMeasure(*t, "responded_no_date", "Answered with no date agreed", resp_no_date);
  AddMeasure(*t, "upheld", "Outcome: upheld", outcomes["upheld"], decided);
  AddMeasure(*t, "partly_upheld", "Outcome: partly upheld", outcomes["partly_upheld"], decided);
  AddMeasure(*t, "not_upheld", "Outcome: not upheld", outcomes["not_upheld"], decided);
  AddMeasure(*t, "ombudsman", "Referred to the Local Government and Social Care Ombudsman",
             ombudsman);
  AddMeasure(*t, "concerns", "Concerns the person only wanted the council to know about",
             informal);
  t->set_note(
      "Shares of the acknowledgements and answers are of those already due; a share of outcomes "
      "is of the complaints with an outcome recorded.");

  v1::ReportTable* o = AddMeasureTable(
      s, "open_complaints",
      absl::StrCat("Formal complaints still open on ", DayWords(today),
                   ", of all received by the period's end"));
  AddMeasure(*o, "open", "Open", open);
  AddMeasure(*o, "overdue", "Overdue (acknowledgement or answer late)", overdue, open);
  AddMeasure(*o, "oldest_days", "Days since the oldest open complaint was received",
             oldest ? static_cast<std::int64_t>(today - *oldest) : 0);

  v1::ReportTable* w =
      AddMeasureTable(s, "safeguarding", "Safeguarding worries received in the period");
  AddMeasure(*w, "received", "Worries received", worries);
  AddMeasure(*w, "same_day", "Decided on the same working day", decided_same_day, worries);
  AddMeasure(*w, "later", "Decided on a later day", decided_later, worries);
  AddMeasure(*w, "undecided", "No decision recorded yet", undecided, worries);
  return absl::OkStatus();
}

absl::StatusOr<v1::CommitteeReport> CommitteeReports::Build(const Period& period,
                                                            v1::Audience audience,
                                                            const v1::Catalog& catalog,
                                                            bool annual) {
  const Period previous = PreviousPeriod(period);
  const absl::Time from = absl::FromCivil(period.first, zone_);
  const absl::Time to = absl::FromCivil(period.last + 1, zone_);
  const absl::Time before_from = absl::FromCivil(previous.first, zone_);

  auto count = [&](store::ReportFacet facet) -> absl::StatusOr<Facet> {
    absl::StatusOr<std::vector<store::FacetCount>> now = store_.CountSubmissions(from, to, facet);
    if (!now.ok()) return now.status();
    absl::StatusOr<std::vector<store::FacetCount>> before =
        store_.CountSubmissions(before_from, from, facet);
    if (!before.ok()) return before.status();
    return Facet{ToMap(*now), ToMap(*before)};
  };

  v1::CommitteeReport report;
  report.set_audience(audience);
  report.set_language("en-GB");
  report.set_from_date(DayText(period.first));
  report.set_to_date(DayText(period.last));
  report.set_previous_from_date(DayText(previous.first));
  report.set_previous_to_date(DayText(previous.last));
  report.set_period_words(absl::StrCat(DayWords(period.first), " to ", DayWords(period.last)));
  report.set_previous_period_words(
      absl::StrCat(DayWords(previous.first), " to ", DayWords(previous.last)));
  report.set_title(absl::StrCat("People's voices in adult social care, ", report.period_words(),
                                ": ", AudienceWords(audience)));
  base::SetProtoTimestamp(clock_.Now(), report.mutable_made_at());
  absl::StatusOr<store::StoredExtent> extent = store_.SubmissionsStored();
  if (!extent.ok()) return extent.status();
  std::string data = absl::StrCat("catalog ", catalog.version(), "; ", extent->submissions,
                                   " submissions stored");
  if (extent->newest_received) {
    absl::StrAppend(&data, ", the newest received ",
                    absl::FormatTime("%Y-%m-%d %H:%M:%S UTC", *extent->newest_received,
                                     absl::UTCTimeZone()));
  }
  report.set_data_version(data);

  // ---- What people told us ----
  v1::ReportSection& told = *report.add_sections();
  told.set_id("told_us");
  told.set_title("What people told us");

  absl::StatusOr<Facet> kinds = count(store::ReportFacet::kKind);
  if (!kinds.ok()) return kinds.status();
  const std::int64_t total_now = Total(kinds->now), total_before = Total(kinds->before);
  const absl::civil_diff_t days = period.last - period.first + 1;
  told.add_paragraphs(absl::StrCat(
      "People told us ", total_now, total_now == 1 ? " thing" : " things", " from ",
      report.period_words(), ": ", Compared(total_now, total_before), "in the ", days,
      days == 1 ? " day" : " days", " before (", report.previous_period_words(), ")."));
  told.add_paragraphs(
      "Each thing counts on the day the person told us, even when their kiosk or tablet was "
      "offline and sent it later. Forum ballot votes are counted apart, in the ballot's result.");

  std::vector<Line> kind_lines;
  for (std::string_view kind :
       {"feedback", "complaint", "safeguarding", "idea", "consultation_answer"}) {
    kind_lines.push_back(
        {std::string(kind), KindLabel(kind), Get(kinds->now, kind), Get(kinds->before, kind)});
  }
  for (const Counts* counts : {&kinds->now, &kinds->before}) {
    for (const auto& [kind, n] : *counts) {
      const bool listed = std::any_of(kind_lines.begin(), kind_lines.end(),
                                      [&](const Line& l) { return l.key == kind; });
      if (!listed) kind_lines.push_back({kind, KindLabel(kind), Get(kinds->now, kind),
                                         Get(kinds->before, kind)});
    }
  }
  std::vector<TrendTable> open_tables;  // every table, for the changes
  open_tables.push_back(AddTrendTable(told, "by_kind", "What people told us, by kind", {"Kind"},
                                      {}, kind_lines, "trend"));

  // Month by month: everything, and complaints and concerns, each month
  // counted over the days of it that are in the period.
  v1::ReportTable* months = told.add_tables();
  months->set_id("by_month");
  months->set_caption("What people told us, month by month");
  months->set_chart("line");
  for (const char* c : {"Month", "Everything", "Complaints and concerns"}) months->add_columns(c);
  for (absl::CivilMonth m(period.first); m <= absl::CivilMonth(period.last); ++m) {
    const absl::Time month_from = std::max(from, absl::FromCivil(absl::CivilDay(m), zone_));
    const absl::Time month_to = std::min(to, absl::FromCivil(absl::CivilDay(m + 1), zone_));
    absl::StatusOr<std::vector<store::FacetCount>> in_month =
        store_.CountSubmissions(month_from, month_to, store::ReportFacet::kKind);
    if (!in_month.ok()) return in_month.status();
    const Counts counted = ToMap(*in_month);
    v1::ReportRow* r = months->add_rows();
    r->set_key(absl::FormatCivilTime(m));
    r->set_label(DayWords(absl::CivilDay(m)).substr(2));  // "April 2026"
    *r->add_cells() = CountCell(Total(counted));
    *r->add_cells() = CountCell(Get(counted, "complaint"));
  }
  if (absl::CivilMonth(period.first) != absl::CivilMonth(period.last) &&
      (period.first.day() != 1 || (period.last + 1).day() != 1)) {
    months->set_note("The first and last months count only their days in the period.");
  }

  // By service area, in the catalog's order; then any no longer listed.
  absl::StatusOr<Facet> services = count(store::ReportFacet::kService);
  if (!services.ok()) return services.status();
  std::vector<Line> service_lines;
  auto add_keyed = [](std::vector<Line>& lines, const Facet& f, const std::string& key,
                      std::string label) {
    lines.push_back({key, std::move(label), Get(f.now, key), Get(f.before, key)});
  };
  for (const v1::Service& s : catalog.services()) {
    add_keyed(service_lines, *services, s.id(), English(s.name(), s.id()));
  }
  auto add_unlisted = [](std::vector<Line>& lines, const Facet& f, std::string_view none_label) {
    for (const Counts* counts : {&f.now, &f.before}) {
      for (const auto& [key, n] : *counts) {
        const bool listed = std::any_of(lines.begin(), lines.end(),
                                        [&](const Line& l) { return l.key == key; });
        if (listed) continue;
        lines.push_back({key,
                         key.empty() ? std::string(none_label)
                                     : absl::StrCat(key, " (no longer in the catalog)"),
                         Get(f.now, key), Get(f.before, key)});
      }
    }
  };
  add_unlisted(service_lines, *services, "No service named");
  open_tables.push_back(AddTrendTable(told, "by_service", "By service area", {"Service area"}, {},
                                      service_lines, "bar"));

  // Providers, with how each is owned and run, and the ownership models.
  absl::StatusOr<Facet> providers = count(store::ReportFacet::kProvider);
  if (!providers.ok()) return providers.status();
  std::map<std::string, v1::OwnershipModel, std::less<>> ownership_of;
  std::vector<Line> provider_lines;
  for (const v1::Provider& p : catalog.providers()) {
    ownership_of[p.id()] = p.ownership();
    add_keyed(provider_lines, *providers, p.id(), p.name());
  }
  add_unlisted(provider_lines, *providers, "No provider named");
  // Models in the catalog's enum order (council first), unrecorded ones
  // after, "No provider named" last; keyed by the model's name.
  auto model_of = [&](const std::string& provider_id) -> int {
    if (provider_id.empty()) return INT_MAX;
    auto it = ownership_of.find(provider_id);
    const int model = it == ownership_of.end() ? v1::OWNERSHIP_MODEL_UNSPECIFIED : it->second;
    return model == v1::OWNERSHIP_MODEL_UNSPECIFIED ? INT_MAX - 1 : model;
  };
  auto model_key = [&](const std::string& provider_id) -> std::string {
    const int model = model_of(provider_id);
    if (model == INT_MAX) return "none";
    return v1::OwnershipModel_Name(model == INT_MAX - 1 ? v1::OWNERSHIP_MODEL_UNSPECIFIED
                                                        : static_cast<v1::OwnershipModel>(model));
  };
  std::map<int, Line> models;
  for (Line& line : provider_lines) {
    const int order = model_of(line.key);
    const auto model = order >= INT_MAX - 1 ? v1::OWNERSHIP_MODEL_UNSPECIFIED
                                            : static_cast<v1::OwnershipModel>(order);
    line.pre.push_back(TextCell(line.key.empty() ? "" : OwnershipLabel(model)));
    Line& m = models
                  .try_emplace(order, Line{model_key(line.key), order == INT_MAX
                                                                    ? "No provider named"
                                                                    : OwnershipLabel(model)})
                  .first->second;
    m.now += line.now;
    m.before += line.before;
  }
  std::vector<Line> model_lines;
  for (auto& [order, line] : models) model_lines.push_back(std::move(line));
  const TrendTable by_ownership =
      AddTrendTable(told, "by_ownership", "By how the provider is owned and run",
                    {"Ownership model"}, {}, model_lines, "bar");
  const TrendTable by_provider = AddTrendTable(told, "by_provider", "By provider",
                                               {"Provider", "Ownership model"}, {},
                                               provider_lines, "");

  // Sites and their localities.
  absl::StatusOr<Facet> sites = count(store::ReportFacet::kSite);
  if (!sites.ok()) return sites.status();
  std::map<std::string, std::string, std::less<>> locality_of;
  std::vector<Line> site_lines;
  for (const v1::Site& s : catalog.sites()) {
    locality_of[s.id()] = s.locality().empty() ? "Not recorded" : s.locality();
    add_keyed(site_lines, *sites, s.id(), s.name());
  }
  add_unlisted(site_lines, *sites, "No site named");
  auto locality_key = [&](const std::string& site_id) -> std::string {
    if (site_id.empty()) return "No site named";
    auto it = locality_of.find(site_id);
    return it == locality_of.end() ? "Not recorded" : it->second;
  };
  std::map<std::string, Line> localities;
  for (Line& line : site_lines) {
    const std::string locality = locality_key(line.key);
    line.pre.push_back(TextCell(line.key.empty() ? "" : locality));
    Line& l = localities.try_emplace(locality, Line{locality, locality}).first->second;
    l.now += line.now;
    l.before += line.before;
  }
  std::vector<Line> locality_lines;
  for (auto& [key, line] : localities) locality_lines.push_back(std::move(line));
  const TrendTable by_locality = AddTrendTable(told, "by_locality", "By locality", {"Locality"},
                                               {}, locality_lines, "bar");
  const TrendTable by_site =
      AddTrendTable(told, "by_site", "By site", {"Site", "Locality"}, {}, site_lines, "");

  // The breakdowns that could point at someone.
  std::vector<Sum> sums;
  for (const TrendTable* tt : {&by_ownership, &by_provider, &by_locality, &by_site}) {
    SuppressSmall(FiguresOf(*tt));
    AddColumnSums(*tt, sums);
  }
  AddGroupSums(by_ownership, by_provider,
               [&](const v1::ReportRow& r) { return model_key(r.key()); }, sums);
  AddGroupSums(by_locality, by_site,
               [&](const v1::ReportRow& r) { return locality_key(r.key()); }, sums);
  SuppressSecondary(sums);
  for (const TrendTable* tt : {&by_ownership, &by_provider, &by_locality, &by_site}) {
    NoteSuppression(*tt);
    open_tables.push_back(*tt);
  }

  // How people reached us and who was speaking.
  absl::StatusOr<Facet> channels = count(store::ReportFacet::kChannel);
  if (!channels.ok()) return channels.status();
  std::vector<Line> channel_lines;
  for (int c : {v1::CHANNEL_KIOSK, v1::CHANNEL_TABLET, v1::CHANNEL_OFFICER,
                v1::CHANNEL_UNSPECIFIED}) {
    const std::string key = std::to_string(c);
    if (c == v1::CHANNEL_UNSPECIFIED && Get(channels->now, key) + Get(channels->before, key) == 0) {
      continue;
    }
    add_keyed(channel_lines, *channels, key, ChannelLabel(c));
  }
  open_tables.push_back(AddTrendTable(told, "by_channel", "How people told us", {"Channel"}, {},
                                      channel_lines, "bar"));

  absl::StatusOr<Facet> speakers = count(store::ReportFacet::kSpeaker);
  if (!speakers.ok()) return speakers.status();
  std::vector<Line> speaker_lines;
  for (int s : {v1::SPEAKER_USES_SERVICES, v1::SPEAKER_FAMILY_OR_FRIEND, v1::SPEAKER_CARE_WORKER,
                v1::SPEAKER_UNSPECIFIED}) {
    add_keyed(speaker_lines, *speakers, std::to_string(s), SpeakerLabel(s));
  }
  open_tables.push_back(AddTrendTable(told, "by_speaker", "Who was speaking", {"Who"}, {},
                                      speaker_lines, "bar"));

  // Ratings: the whole distribution, and the average beside it.
  absl::StatusOr<Facet> ratings = count(store::ReportFacet::kRating);
  if (!ratings.ok()) return ratings.status();
  std::int64_t rated = 0, points = 0;
  for (const auto& [key, n] : ratings->now) {
    const int r = Number(key);
    if (r >= v1::RATING_VERY_POOR && r <= v1::RATING_VERY_GOOD) {
      rated += n;
      points += n * r;
    }
  }
  std::vector<Line> rating_lines;
  for (int r : {v1::RATING_VERY_GOOD, v1::RATING_GOOD, v1::RATING_OK, v1::RATING_POOR,
                v1::RATING_VERY_POOR}) {
    const std::string key = std::to_string(r);
    Line line{key, RatingLabel(r), Get(ratings->now, key), Get(ratings->before, key)};
    line.post.push_back(PercentCell(rated == 0 ? 0.0 : 100.0 * line.now / rated));
    rating_lines.push_back(std::move(line));
  }
  if (rated > 0) {
    told.add_paragraphs(absl::StrFormat(
        "%d %s of feedback gave a rating from 1 (very poor) to 5 (very good); the average was "
        "%.2f. The table gives every rating, not only the average.",
        rated, rated == 1 ? "piece" : "pieces", static_cast<double>(points) / rated));
  }
  open_tables.push_back(AddTrendTable(told, "ratings", "Ratings given with feedback", {"Rating"},
                                      {"Share of this period's ratings"}, rating_lines, "bar"));

  // What people raised: the themes officers gave their cases.
  absl::StatusOr<ThemeCounts> themes_now = CountThemes(store_, from, to);
  if (!themes_now.ok()) return themes_now.status();
  absl::StatusOr<ThemeCounts> themes_before = CountThemes(store_, before_from, from);
  if (!themes_before.ok()) return themes_before.status();
  std::vector<Line> theme_lines;
  std::set<std::string> quotable;
  for (const cases::Theme& theme : themes_.themes()) {
    theme_lines.push_back(
        {theme.id, theme.name, Get(*themes_now, theme.id), Get(*themes_before, theme.id)});
    if (theme_lines.back().now >= kFewestToQuote) quotable.insert(theme.id);
  }
  const TrendTable by_theme = AddTrendTable(
      told, "themes", "What people raised: the themes officers gave their cases", {"Theme"}, {},
      theme_lines, "bar");
  by_theme.table->set_note(
      "A case may have more than one theme, so the themes add up to more than the cases. Only "
      "cases an officer has read have themes.");
  open_tables.push_back(by_theme);

  absl::StatusOr<std::vector<Quote>> quotes =
      PickQuotes(store_, from, to, quotable, redactor_, 2);
  if (!quotes.ok()) return quotes.status();
  if (!quotes->empty()) {
    v1::ReportTable* q = told.add_tables();
    q->set_id("quotes");
    q->set_caption("In their own words: from people who agreed to be quoted");
    q->add_columns("Theme");
    q->add_columns("What they said");
    int n = 0;
    for (const cases::Theme& theme : themes_.themes()) {
      for (const Quote& quote : *quotes) {
        if (quote.theme != theme.id) continue;
        v1::ReportRow* r = q->add_rows();
        r->set_key(absl::StrCat(theme.id, "_", ++n));
        r->set_label(theme.name);
        *r->add_cells() = TextCell(absl::StrCat("\u201c", quote.words, "\u201d"));
      }
    }
  }
  told.add_paragraphs(absl::StrCat(
      "Quotes are only from people who agreed to be quoted, never from a safeguarding worry, "
      "and only for a theme raised at least ", kFewestToQuote,
      " times in the period. Names, phone numbers, emails, postcodes and street addresses are "
      "replaced by words in brackets, and long quotes are shortened (\u2026)."));

  for (const TrendTable& tt : open_tables) FillChanges(tt);
  // A case may have several themes: an "All" would count some twice.
  by_theme.table->clear_total();

  if (absl::Status s = AddComplaints(period, report); !s.ok()) return s;
  if (absl::Status s = AddCoProduction(store_, period, zone_, clock_.Now(), catalog, report);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = AddHeardFrom(store_, period, population_, report); !s.ok()) return s;
  if (annual) {
    if (absl::Status s = AddAnnualComplaints(store_, period, zone_, themes_, catalog, report);
        !s.ok()) {
      return s;
    }
  }

  report.add_suppression_rules(
      "Counts from 1 to 4 in breakdowns by provider, ownership model, site and locality are "
      "shown as \"fewer than 5\" (primary suppression), as NHS England and the Office for "
      "National Statistics do for published figures about small groups.");
  report.add_suppression_rules(
      "Where a hidden count could be worked out by subtracting the shown counts from a total "
      "(a column's \"All\", an ownership model's providers, a locality's sites), the next "
      "smallest count, or the total, is withheld too (secondary suppression). This closes every "
      "recovery by one subtraction; it is not an audit against every combination of figures.");
  report.add_suppression_rules(
      "A change between periods is not given where either period's figure is withheld.");
  ShapeForAudience(audience, report);
  return report;
}

}  // namespace carevoice::service::reports
