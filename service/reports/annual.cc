#include "service/reports/annual.h"

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/proto_time.h"
#include "service/reports/cells.h"
#include "service/reports/themes.h"

namespace carevoice::service::reports {

absl::Status AddAnnualComplaints(store::Store& store, const Period& year, absl::TimeZone zone,
                                 const cases::Lexicon& themes, const v1::Catalog& catalog,
                                 v1::CommitteeReport& report) {
  const absl::Time from = absl::FromCivil(year.first, zone);
  const absl::Time to = absl::FromCivil(year.last + 1, zone);
  v1::ReportSection& s = *report.add_sections();
  s.set_id("annual_complaints");
  s.set_title(absl::StrCat("Annual complaints report, ", DayWords(year.first), " to ",
                           DayWords(year.last)));
  s.add_paragraphs(
      "The council's annual report on complaints about adult social care, as regulation 18 of "
      "the Local Authority Social Services and National Health Service Complaints (England) "
      "Regulations 2009 asks: the complaints received in the year, how many were well-founded, "
      "how many went to the Local Government and Social Care Ombudsman, what they were about, "
      "the matters of general importance they raised, and what the council did about them.");

  // The figures, from the cases on the statutory clock.
  std::int64_t received = 0, decided = 0, well_founded = 0, ombudsman = 0;
  std::map<std::string, std::int64_t, std::less<>> by_service;
  absl::Status read = store.ForEachClockedCase(from, to, false, [&](const store::ClockedCase& c) {
    if (c.kind != "complaint" || !c.statutory) return true;
    ++received;
    ++by_service[c.service_id];
    if (!c.outcome.empty()) ++decided;
    if (c.outcome == "upheld" || c.outcome == "partly_upheld") ++well_founded;
    if (c.state == "referred to the Ombudsman") ++ombudsman;
    return true;
  });
  if (!read.ok()) return read;
  v1::ReportTable* figures = AddMeasureTable(s, "annual_figures", "Complaints in the year");
  AddMeasure(*figures, "received", "Formal complaints received", received);
  AddMeasure(*figures, "decided", "Decided (an outcome recorded)", decided, received);
  AddMeasure(*figures, "well_founded", "Well-founded: upheld or partly upheld", well_founded,
             decided);
  AddMeasure(*figures, "ombudsman", "Referred to the Local Government and Social Care Ombudsman",
             ombudsman, received);
  figures->set_note(
      "Well-founded is a share of the complaints decided; the others are shares of those "
      "received. A complaint counts in the year the person made it, however late it reached "
      "the council's system.");

  // Subjects: the service areas complained about, and the themes officers
  // gave the complaints.
  v1::ReportTable* services =
      AddMeasureTable(s, "annual_services", "What the complaints were about: service areas",
                      "Service area");
  services->set_chart("bar");
  for (const v1::Service& service : catalog.services()) {
    const auto it = by_service.find(service.id());
    AddMeasure(*services, service.id(), English(service.name(), service.id()),
               it == by_service.end() ? 0 : it->second, received);
    if (it != by_service.end()) by_service.erase(it);
  }
  std::int64_t other = 0;
  for (const auto& [id, n] : by_service) other += n;  // none named, or no longer listed
  AddMeasure(*services, "other", "No service area named", other, received);

  absl::StatusOr<ThemeCounts> counts = CountThemes(store, from, to, /*formal_only=*/true);
  if (!counts.ok()) return counts.status();
  v1::ReportTable* subjects = AddMeasureTable(
      s, "annual_themes", "What the complaints were about: themes officers gave them", "Theme");
  subjects->set_chart("bar");
  std::vector<std::string> general;
  for (const cases::Theme& theme : themes.themes()) {
    const auto it = counts->find(theme.id);
    const std::int64_t n = it == counts->end() ? 0 : it->second;
    AddMeasure(*subjects, theme.id, theme.name, n, received);
    if (n >= kGeneralImportance) general.push_back(absl::StrCat(theme.name, " (", n, ")"));
  }
  subjects->set_note("A complaint may have several themes, so the shares can add up to more "
                     "than 100%.");
  s.add_paragraphs(
      general.empty()
          ? absl::StrCat("Matters of general importance: no theme was raised in ",
                         kGeneralImportance, " or more complaints in the year.")
          : absl::StrCat("Matters of general importance, raised in ", kGeneralImportance,
                         " or more complaints in the year: ", absl::StrJoin(general, "; "), "."));

  // Improvements: what the council published as changed in the year.
  std::vector<const v1::Notice*> notices;
  for (const v1::Notice& n : catalog.notices()) {
    if (!n.has_published_at()) continue;
    const absl::Time at = base::FromProtoTimestamp(n.published_at());
    if (at >= from && at < to) notices.push_back(&n);
  }
  if (notices.empty()) {
    s.add_paragraphs(
        "Improvements: no \"You said, we did\" notice was published in the year. Record what "
        "changed with carevoice-admin notice publish, so that people who spoke up hear it too.");
    return absl::OkStatus();
  }
  s.add_paragraphs(absl::StrCat("Improvements: the council published ", notices.size(),
                                notices.size() == 1 ? " change" : " changes",
                                " at kiosks in the year (\"You said, we did\"), listed below."));
  v1::ReportTable* t = s.add_tables();
  t->set_id("annual_improvements");
  t->set_caption("Improvements made in the year, as published at kiosks");
  for (const char* col : {"Published", "You said", "We did"}) t->add_columns(col);
  for (const v1::Notice* n : notices) {
    v1::ReportRow* r = t->add_rows();
    r->set_key(n->id());
    r->set_label(DayWords(absl::ToCivilDay(base::FromProtoTimestamp(n->published_at()), zone)));
    *r->add_cells() = TextCell(English(n->title(), ""));
    *r->add_cells() = TextCell(English(n->body(), ""));
  }
  return absl::OkStatus();
}

}  // namespace carevoice::service::reports
