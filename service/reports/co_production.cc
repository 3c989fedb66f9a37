#include "service/reports/co_production.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/proto_time.h"
#include "service/reports/cells.h"
#include "service/reports/consultations.h"

namespace carevoice::service::reports {
namespace {

constexpr std::int64_t kVoteUnits = 100000;  // a ballot count's votes are in 1/100000

std::string DayOf(const google::protobuf::Timestamp& t, absl::TimeZone zone) {
  return DayWords(absl::ToCivilDay(base::FromProtoTimestamp(t), zone));
}

v1::ReportCell ShareCell(std::int64_t n, std::int64_t of) {
  return of > 0 ? PercentCell(100.0 * static_cast<double>(n) / static_cast<double>(of))
                : TextCell("");
}

v1::ReportRow* AddRow(v1::ReportTable& t, std::string key, std::string label,
                      std::vector<v1::ReportCell> cells) {
  v1::ReportRow* r = t.add_rows();
  r->set_key(std::move(key));
  r->set_label(std::move(label));
  for (v1::ReportCell& c : cells) *r->add_cells() = std::move(c);
  return r;
}

void SetTotal(v1::ReportTable& t, std::vector<v1::ReportCell> cells) {
  v1::ReportRow* r = t.mutable_total();
  r->set_key("(all)");
  r->set_label("All");
  for (v1::ReportCell& c : cells) *r->add_cells() = std::move(c);
}

std::string Ordinal(int n) {
  const int tens = n % 100;
  const char* suffix = (tens >= 11 && tens <= 13) ? "th"
                       : n % 10 == 1              ? "st"
                       : n % 10 == 2              ? "nd"
                       : n % 10 == 3              ? "rd"
                                                  : "th";
  return absl::StrCat(n, suffix);
}

std::string KindWords(const v1::Question& q) {
  switch (q.kind()) {
    case v1::Question::KIND_SINGLE_CHOICE: return "Choose one";
    case v1::Question::KIND_MULTIPLE_CHOICE:
      return absl::StrCat("Choose up to ", q.max_choices());
    case v1::Question::KIND_RANKING: return "Put in order";
    case v1::Question::KIND_AGREEMENT: return "Agree or disagree";
    case v1::Question::KIND_FREE_TEXT: return "In their own words";
    default: return "Other";
  }
}

// One question's answers, as a table beside the consultation's summary.
void AddQuestionTable(v1::ReportSection& s, const std::string& id, const std::string& title,
                      int number, const v1::Question& q,
                      const v1::ConsultationResultsResponse::QuestionResult& result) {
  if (q.kind() == v1::Question::KIND_FREE_TEXT) return;  // counted in the summary only
  v1::ReportTable* t = s.add_tables();
  t->set_id(id);
  t->set_caption(absl::StrCat(title, ": question ", number, ", ", English(q.text(), q.id())));
  t->set_chart("bar");
  const std::int64_t answered = result.answered();
  auto option_label = [&](int i) { return English(q.options(i).label(), q.options(i).id()); };
  switch (q.kind()) {
    case v1::Question::KIND_RANKING: {
      for (const char* c : {"Option", "Points", "First preferences", "Ranked it"}) {
        t->add_columns(c);
      }
      for (int i = 0; i < q.options_size() && i < result.options_size(); ++i) {
        const auto& o = result.options(i);
        AddRow(*t, q.options(i).id(), option_label(i),
               {CountCell(RankingPoints(o, q.options_size())), CountCell(o.chosen()),
                CountCell(o.ranked())});
      }
      t->set_note(absl::StrCat(
          "Points: in each answer the option put first of the ", q.options_size(),
          " gains ", q.options_size(), " points, the next one fewer, and so on; an option left "
          "out gains none (a Borda count). First preferences: how many put it first. ",
          answered, answered == 1 ? " person" : " people", " answered."));
      return;
    }
    case v1::Question::KIND_AGREEMENT: {
      for (const char* c : {"Answer", "Number", "Share of those who answered"}) t->add_columns(c);
      static constexpr const char* kPoints[] = {"Strongly agree", "Agree",
                                                "Neither agree nor disagree", "Disagree",
                                                "Strongly disagree"};
      for (int i = 0; i < 5; ++i) {
        const std::int64_t n = i < result.agreement_size() ? result.agreement(i) : 0;
        AddRow(*t, std::to_string(i + 1), kPoints[i], {CountCell(n), ShareCell(n, answered)});
      }
      SetTotal(*t, {CountCell(answered), ShareCell(answered, answered)});
      return;
    }
    default: {  // a single or multiple choice
      for (const char* c : {"Answer", "Chose it", "Share of those who answered"}) {
        t->add_columns(c);
      }
      for (int i = 0; i < q.options_size() && i < result.options_size(); ++i) {
        const std::int64_t n = result.options(i).chosen();
        AddRow(*t, q.options(i).id(), option_label(i), {CountCell(n), ShareCell(n, answered)});
      }
      if (q.kind() == v1::Question::KIND_SINGLE_CHOICE) {
        SetTotal(*t, {CountCell(answered), ShareCell(answered, answered)});
      } else {
        t->set_note(absl::StrCat("People could choose up to ", q.max_choices(),
                                 ", so the shares add up to more than 100%. ", answered,
                                 answered == 1 ? " person" : " people", " answered."));
      }
      return;
    }
  }
}

absl::Status AddConsultations(store::Store& store, absl::Time from, absl::Time to,
                              absl::TimeZone zone, absl::Time now, const v1::Catalog& catalog,
                              v1::CommitteeReport& report) {
  v1::ReportSection& s = *report.add_sections();
  s.set_id("consultations");
  s.set_title("Co-production: consultations");
  int number = 0;
  for (const v1::Consultation& c : catalog.consultations()) {
    const absl::Time opens = base::FromProtoTimestamp(c.opens_at());
    const absl::Time closes = base::FromProtoTimestamp(c.closes_at());
    if (opens >= to || closes < from) continue;  // not open at any time in the period
    ++number;
    absl::StatusOr<v1::ConsultationResultsResponse> results = CountConsultation(store, c);
    if (!results.ok()) return results.status();
    const std::string title = English(c.title(), c.id());
    const std::string state =
        closes > now ? "still open when this report was made"
                     : absl::StrCat(c.closed_early() ? "closed early on " : "closed on ",
                                    DayOf(c.closes_at(), zone));
    s.add_paragraphs(absl::StrCat("Consultation ", number, ", \"", title, "\": open from ",
                                  DayOf(c.opens_at(), zone), " (", state, "); ",
                                  results->responses(),
                                  results->responses() == 1 ? " response." : " responses."));
    const std::string id = absl::StrCat("consultation_", number);
    v1::ReportTable* summary = s.add_tables();
    summary->set_id(id);
    summary->set_caption(absl::StrCat(title, ": how many answered each question"));
    for (const char* col : {"Question", "Kind of answer", "Answered", "Share of responses"}) {
      summary->add_columns(col);
    }
    for (int q = 0; q < c.questions_size() && q < results->questions_size(); ++q) {
      const v1::Question& question = c.questions(q);
      const std::int64_t answered = results->questions(q).answered();
      AddRow(*summary, question.id(),
             absl::StrCat(q + 1, ". ", English(question.text(), question.id())),
             {TextCell(KindWords(question)), CountCell(answered),
              ShareCell(answered, results->responses())});
    }
    summary->set_note(
        "Anyone could leave a question unanswered. Answers in people's own words are counted "
        "here only: officers read them one by one.");
    for (int q = 0; q < c.questions_size() && q < results->questions_size(); ++q) {
      AddQuestionTable(s, absl::StrCat(id, "_q", q + 1), title, q + 1, c.questions(q),
                       results->questions(q));
    }
  }
  if (number == 0) {
    s.add_paragraphs("No consultation was open at any time in the period.");
  } else {
    s.add_paragraphs(
        "Each answer counts in full: answers are about services, not about the people who gave "
        "them, so no figure here is hidden. A consultation's figures are all its answers so far, "
        "including any given outside this period.");
  }
  return absl::OkStatus();
}

absl::Status AddIdeas(store::Store& store, absl::Time from, absl::Time to, absl::TimeZone zone,
                      const v1::Catalog& catalog, v1::CommitteeReport& report) {
  v1::ReportSection& s = *report.add_sections();
  s.set_id("ideas");
  s.set_title("Co-production: ideas, and what changed");
  absl::StatusOr<std::vector<store::FacetCount>> outcomes = store.CountOutcomes(from, to, "idea");
  if (!outcomes.ok()) return outcomes.status();
  std::map<std::string, std::int64_t, std::less<>> by;
  std::int64_t ideas = 0;
  for (const store::FacetCount& o : *outcomes) {
    by[o.value] += o.count;
    ideas += o.count;
  }
  static constexpr std::pair<const char*, const char*> kOutcomes[] = {
      {"adopted", "Taken up"},
      {"adopted_in_part", "Taken up in part"},
      {"under_consideration", "Being considered"},
      {"not_taken_forward", "Not taken forward"},
  };
  std::int64_t decided = 0;
  v1::ReportTable* t = AddMeasureTable(
      s, "ideas", "Ideas told in the period and what became of them", "What became of it");
  AddMeasure(*t, "received", "Ideas received", ideas);
  for (const auto& [key, label] : kOutcomes) {
    const auto it = by.find(key);
    const std::int64_t n = it == by.end() ? 0 : it->second;
    decided += n;
    AddMeasure(*t, key, label, n, ideas);
  }
  AddMeasure(*t, "undecided", "No answer recorded yet", ideas - decided, ideas);
  s.add_paragraphs(absl::StrCat(
      ideas, ideas == 1 ? " idea was" : " ideas were",
      " told in the period. What became of each is what the officer answering it recorded; "
      "the person is told the same when they check their reference."));

  // "You said, we did", as kiosks list it.
  std::vector<const v1::Notice*> notices;
  for (const v1::Notice& notice : catalog.notices()) {
    if (!notice.has_published_at()) continue;
    const absl::Time at = base::FromProtoTimestamp(notice.published_at());
    if (at >= from && at < to) notices.push_back(&notice);
  }
  std::stable_sort(notices.begin(), notices.end(), [](const v1::Notice* a, const v1::Notice* b) {
    return base::FromProtoTimestamp(a->published_at()) <
           base::FromProtoTimestamp(b->published_at());
  });
  if (notices.empty()) {
    s.add_paragraphs("No \"You said, we did\" notice was published at kiosks in the period.");
    return absl::OkStatus();
  }
  v1::ReportTable* n = s.add_tables();
  n->set_id("you_said_we_did");
  n->set_caption("\"You said, we did\": what changed, as published at kiosks in the period");
  for (const char* col : {"Published", "You said", "We did"}) n->add_columns(col);
  for (const v1::Notice* notice : notices) {
    AddRow(*n, notice->id(), DayOf(notice->published_at(), zone),
           {TextCell(English(notice->title(), "")), TextCell(English(notice->body(), ""))});
  }
  return absl::OkStatus();
}

std::string MethodWords(std::string_view method) {
  if (method == "plurality") return "one mark each; the most marks wins";
  if (method == "instant_runoff") {
    return "instant runoff: the last is excluded and their votes passed on until one has more "
           "than half";
  }
  if (method == "stv_wigm") {
    return "the single transferable vote (Droop quota, weighted inclusive Gregory method)";
  }
  return std::string(method);
}

void AddBallots(absl::Time from, absl::Time to, absl::TimeZone zone, const v1::Catalog& catalog,
                v1::CommitteeReport& report) {
  v1::ReportSection& s = *report.add_sections();
  s.set_id("forum_ballots");
  s.set_title("Co-production: Forum ballots");
  int number = 0;
  for (const v1::ForumBallot& b : catalog.ballots()) {
    const std::string title = English(b.title(), b.id());
    const absl::Time closes = base::FromProtoTimestamp(b.closes_at());
    const bool counted = b.result().has_counted_at();
    if (!counted) {
      if (closes >= from && closes < to) {
        s.add_paragraphs(absl::StrCat("The Forum ballot \"", title, "\" closed on ",
                                      DayOf(b.closes_at(), zone),
                                      " and has not been counted yet."));
      }
      continue;
    }
    const absl::Time counted_at = base::FromProtoTimestamp(b.result().counted_at());
    if (counted_at < from || counted_at >= to) continue;
    ++number;
    const v1::BallotResult& r = b.result();
    std::map<std::string, int, std::less<>> elected_place;
    std::vector<std::string> elected_names;
    for (int i = 0; i < r.elected_size(); ++i) elected_place[r.elected(i)] = i + 1;
    auto name_of = [&](const std::string& id) {
      for (const v1::Question::Option& o : b.question().options()) {
        if (o.id() == id) return English(o.label(), id);
      }
      return id;
    };
    for (const std::string& id : r.elected()) elected_names.push_back(name_of(id));
    s.add_paragraphs(absl::StrCat(
        "Forum ballot ", number, ", \"", title, "\": ", English(b.who_for(), "Forum members"),
        " voted from ", DayOf(b.opens_at(), zone), " to ", DayOf(b.closes_at(), zone), " for ",
        b.seats(), b.seats() == 1 ? " place" : " places", ". ", r.valid(),
        r.valid() == 1 ? " vote" : " votes", " named someone and ", r.blank(),
        " named no one. Counted on ", DayOf(r.counted_at(), zone), " by ", MethodWords(r.method()),
        ". Elected: ", elected_names.empty() ? "no one" : absl::StrJoin(elected_names, ", "),
        "."));
    v1::ReportTable* t = s.add_tables();
    t->set_id(absl::StrCat("ballot_", number));
    t->set_caption(absl::StrCat(title, ": first preferences and who was elected"));
    t->set_chart("bar");
    for (const char* col : {"Candidate or option", "First preferences", "Result"}) {
      t->add_columns(col);
    }
    for (int i = 0; i < b.question().options_size(); ++i) {
      const v1::Question::Option& o = b.question().options(i);
      const std::int64_t first =
          r.rounds_size() > 0 && i < r.rounds(0).votes_size() ? r.rounds(0).votes(i) / kVoteUnits
                                                               : 0;
      const auto place = elected_place.find(o.id());
      AddRow(*t, o.id(), English(o.label(), o.id()),
             {CountCell(first), TextCell(place == elected_place.end()
                                             ? "Not elected"
                                             : absl::StrCat("Elected ", Ordinal(place->second)))});
    }
    t->set_note(absl::StrCat("Votes are secret: the count keeps no link between a vote and who "
                             "cast it. Every round of the count is recorded with the result (",
                             r.rounds_size(), r.rounds_size() == 1 ? " round" : " rounds",
                             "), and a recount repeats it exactly."));
  }
  if (number == 0 && s.paragraphs().empty()) {
    s.add_paragraphs("No Forum ballot was counted in the period.");
  }
}

}  // namespace

absl::Status AddCoProduction(store::Store& store, const Period& period, absl::TimeZone zone,
                             absl::Time now, const v1::Catalog& catalog,
                             v1::CommitteeReport& report) {
  const absl::Time from = absl::FromCivil(period.first, zone);
  const absl::Time to = absl::FromCivil(period.last + 1, zone);
  if (absl::Status s = AddConsultations(store, from, to, zone, now, catalog, report); !s.ok()) {
    return s;
  }
  if (absl::Status s = AddIdeas(store, from, to, zone, catalog, report); !s.ok()) return s;
  AddBallots(from, to, zone, catalog, report);
  return absl::OkStatus();
}

}  // namespace carevoice::service::reports
