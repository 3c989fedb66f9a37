#include "service/reports/cells.h"

#include "absl/strings/str_cat.h"

namespace carevoice::service::reports {

std::string DayWords(absl::CivilDay d) {
  static constexpr const char* kMonths[] = {"January", "February", "March",     "April",
                                            "May",     "June",     "July",      "August",
                                            "September", "October", "November", "December"};
  return absl::StrCat(d.day(), " ", kMonths[d.month() - 1], " ", d.year());
}

std::string English(const v1::LocalizedText& text, std::string_view fallback) {
  if (auto it = text.text().find("en-GB"); it != text.text().end() && !it->second.empty()) {
    return it->second;
  }
  return std::string(fallback);
}

v1::ReportCell CountCell(std::int64_t n) {
  v1::ReportCell c;
  c.set_count(n);
  return c;
}

v1::ReportCell TextCell(std::string text) {
  v1::ReportCell c;
  c.set_text(std::move(text));
  return c;
}

v1::ReportCell PercentCell(double percent) {
  v1::ReportCell c;
  c.set_percent(percent);
  return c;
}

v1::ReportTable* AddMeasureTable(v1::ReportSection& s, std::string id, std::string caption,
                                 std::string first) {
  v1::ReportTable* t = s.add_tables();
  t->set_id(std::move(id));
  t->set_caption(std::move(caption));
  t->add_columns(std::move(first));
  t->add_columns("Number");
  t->add_columns("Share");
  return t;
}

v1::ReportRow* AddMeasure(v1::ReportTable& t, std::string key, std::string label, std::int64_t n,
                          std::optional<std::int64_t> of) {
  v1::ReportRow* r = t.add_rows();
  r->set_key(std::move(key));
  r->set_label(std::move(label));
  *r->add_cells() = CountCell(n);
  *r->add_cells() = of && *of > 0 ? PercentCell(100.0 * n / *of) : TextCell("");
  return r;
}

}  // namespace carevoice::service::reports
