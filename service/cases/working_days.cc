#include "service/cases/working_days.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/files.h"
#include "nlohmann/json.hpp"

namespace carevoice::service::cases {
namespace {

bool IsWeekend(absl::CivilDay day) {
  const absl::Weekday w = absl::GetWeekday(day);
  return w == absl::Weekday::saturday || w == absl::Weekday::sunday;
}

// The first `weekday` on or after `day`.
absl::CivilDay OnOrAfter(absl::CivilDay day, absl::Weekday weekday) {
  while (absl::GetWeekday(day) != weekday) ++day;
  return day;
}

// The last `weekday` on or before `day`.
absl::CivilDay OnOrBefore(absl::CivilDay day, absl::Weekday weekday) {
  while (absl::GetWeekday(day) != weekday) --day;
  return day;
}

// Adds `holiday` to `days`, or, when it falls at a weekend, its substitute:
// the next weekday not already taken by another holiday.
void AddWithSubstitute(absl::CivilDay holiday, std::vector<absl::CivilDay>& days) {
  absl::CivilDay day = holiday;
  while (IsWeekend(day) || std::find(days.begin(), days.end(), day) != days.end()) ++day;
  days.push_back(day);
}

absl::StatusOr<absl::CivilDay> ParseDay(const nlohmann::json& value, const std::string& where) {
  absl::CivilDay day;
  if (!value.is_string() || !absl::ParseCivilTime(value.get<std::string>(), &day)) {
    return absl::InvalidArgumentError(absl::StrCat(where, ": a date as YYYY-MM-DD"));
  }
  return day;
}

absl::StatusOr<std::string> Why(const nlohmann::json& entry, const std::string& where) {
  if (!entry.contains("why") || !entry["why"].is_string() ||
      entry["why"].get<std::string>().size() < 3) {
    return absl::InvalidArgumentError(absl::StrCat(where, ".why: say why"));
  }
  return entry["why"].get<std::string>();
}

}  // namespace

absl::CivilDay EasterSunday(int year) {
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return absl::CivilDay(year, month, day);
}

std::vector<absl::CivilDay> StandardBankHolidays(int year) {
  std::vector<absl::CivilDay> days;
  AddWithSubstitute(absl::CivilDay(year, 1, 1), days);
  const absl::CivilDay easter = EasterSunday(year);
  days.push_back(easter - 2);
  days.push_back(easter + 1);
  days.push_back(OnOrAfter(absl::CivilDay(year, 5, 1), absl::Weekday::monday));
  days.push_back(OnOrBefore(absl::CivilDay(year, 5, 31), absl::Weekday::monday));
  days.push_back(OnOrBefore(absl::CivilDay(year, 8, 31), absl::Weekday::monday));
  // Christmas first, so Boxing Day's substitute steps past Christmas's.
  AddWithSubstitute(absl::CivilDay(year, 12, 25), days);
  AddWithSubstitute(absl::CivilDay(year, 12, 26), days);
  std::sort(days.begin(), days.end());
  return days;
}

absl::StatusOr<Closures> ParseClosures(std::string_view text) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    return absl::InvalidArgumentError("the calendar is not a JSON object");
  }
  Closures out;
  if (doc.contains("moved")) {
    if (!doc["moved"].is_array()) return absl::InvalidArgumentError("moved: a list");
    for (std::size_t i = 0; i < doc["moved"].size(); ++i) {
      const nlohmann::json& entry = doc["moved"][i];
      const std::string where = absl::StrCat("moved[", i, "]");
      if (!entry.is_object()) return absl::InvalidArgumentError(where + ": an object");
      auto from = ParseDay(entry.value("from", nlohmann::json()), where + ".from");
      if (!from.ok()) return from.status();
      auto to = ParseDay(entry.value("to", nlohmann::json()), where + ".to");
      if (!to.ok()) return to.status();
      const std::vector<absl::CivilDay> standard =
          StandardBankHolidays(static_cast<int>(from->year()));
      if (std::find(standard.begin(), standard.end(), *from) == standard.end()) {
        return absl::InvalidArgumentError(
            absl::StrCat(where, ".from: ", absl::FormatCivilTime(*from),
                         " is not a bank holiday, so it cannot be moved"));
      }
      auto why = Why(entry, where);
      if (!why.ok()) return why.status();
      out.moved.push_back({*from, *to, *std::move(why)});
    }
  }
  if (doc.contains("closures")) {
    if (!doc["closures"].is_array()) return absl::InvalidArgumentError("closures: a list");
    for (std::size_t i = 0; i < doc["closures"].size(); ++i) {
      const nlohmann::json& entry = doc["closures"][i];
      const std::string where = absl::StrCat("closures[", i, "]");
      if (!entry.is_object()) return absl::InvalidArgumentError(where + ": an object");
      auto day = ParseDay(entry.value("date", nlohmann::json()), where + ".date");
      if (!day.ok()) return day.status();
      auto why = Why(entry, where);
      if (!why.ok()) return why.status();
      out.closures.push_back({*day, *std::move(why)});
    }
  }
  return out;
}

absl::StatusOr<Closures> LoadClosures(const std::string& path) {
  absl::StatusOr<std::string> text = base::ReadWholeFile(path);
  if (!text.ok()) return text.status();
  absl::StatusOr<Closures> closures = ParseClosures(*text);
  if (!closures.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", closures.status().message()));
  }
  return closures;
}

WorkingDays::WorkingDays(Closures closures) : closures_(std::move(closures)) {
  for (const Closures::Move& move : closures_.moved) {
    removed_.insert(move.from);
    added_.insert(move.to);
  }
  for (const Closures::Closure& closure : closures_.closures) added_.insert(closure.day);
}

bool WorkingDays::IsWorkingDay(absl::CivilDay day) const {
  if (IsWeekend(day) || added_.contains(day)) return false;
  if (removed_.contains(day)) return true;
  // Holidays cluster in a few months: only those months need the rules.
  const int month = day.month();
  if (month != 1 && month != 3 && month != 4 && month != 5 && month != 8 && month != 12) {
    return true;
  }
  const std::vector<absl::CivilDay> standard = StandardBankHolidays(static_cast<int>(day.year()));
  return std::find(standard.begin(), standard.end(), day) == standard.end();
}

std::vector<absl::CivilDay> WorkingDays::Holidays(int year) const {
  std::vector<absl::CivilDay> days;
  for (absl::CivilDay day : StandardBankHolidays(year)) {
    if (!removed_.contains(day)) days.push_back(day);
  }
  for (absl::CivilDay day : added_) {
    if (day.year() == year && !IsWeekend(day) &&
        std::find(days.begin(), days.end(), day) == days.end()) {
      days.push_back(day);
    }
  }
  std::sort(days.begin(), days.end());
  return days;
}

absl::CivilDay WorkingDays::AddWorkingDays(absl::CivilDay day, int n) const {
  if (n <= 0) {
    while (!IsWorkingDay(day)) ++day;
    return day;
  }
  for (int counted = 0; counted < n;) {
    ++day;
    if (IsWorkingDay(day)) ++counted;
  }
  return day;
}

}  // namespace carevoice::service::cases
