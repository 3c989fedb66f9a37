// Working days for the statutory complaint clock (England, 2009
// regulations): every day but Saturdays, Sundays, the bank holidays of
// England and Wales, and one-off closures from configuration.
//
// The bank holidays are computed for any year, by the rules the
// Banking and Financial Dealings Act 1971 and royal proclamations set:
//   New Year's Day            1 January
//   Good Friday               Easter Sunday - 2
//   Easter Monday             Easter Sunday + 1
//   Early May bank holiday    first Monday of May
//   Spring bank holiday       last Monday of May
//   Summer bank holiday       last Monday of August
//   Christmas Day, Boxing Day 25 and 26 December
// A holiday that falls on a Saturday or Sunday has a substitute: the next
// weekday that is not itself a holiday (so Christmas on a Saturday gives
// Monday 27th, and Boxing Day then Tuesday 28th). Easter is the Gregorian
// computus (the "anonymous" algorithm of Meeus/Jones/Butcher). Years when a
// holiday was moved, or a day added, come from configuration
// (assets/calendar/england_wales.json), not from special cases here.
//
// Immutable after construction: any thread.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace carevoice::service::cases {

// Easter Sunday of `year` (Gregorian).
absl::CivilDay EasterSunday(int year);

// One year's bank holidays in England and Wales by the rules above, with
// substitute days, in date order; no configured moves or closures.
std::vector<absl::CivilDay> StandardBankHolidays(int year);

struct Closures {
  struct Move {
    absl::CivilDay from, to;
    std::string why;
  };
  struct Closure {
    absl::CivilDay day;
    std::string why;
  };
  std::vector<Move> moved;
  std::vector<Closure> closures;
};

// The closures in `json` (see the shipped file's "_about"). InvalidArgument,
// naming the entry, for a bad date, a missing reason, or a move from a day
// that is not a bank holiday.
absl::StatusOr<Closures> ParseClosures(std::string_view json);
absl::StatusOr<Closures> LoadClosures(const std::string& path);

class WorkingDays {
 public:
  explicit WorkingDays(Closures closures = {});

  // Not a weekend, a bank holiday (as moved) or a closure.
  bool IsWorkingDay(absl::CivilDay day) const;

  // The non-working weekdays of `year`: bank holidays as moved, and
  // closures; in date order.
  std::vector<absl::CivilDay> Holidays(int year) const;

  // The day `n` working days after `day`. Day 0 is `day` itself, whatever
  // it is; counting starts on the next working day, so n = 3 from a Friday
  // before a bank holiday Monday is the Thursday. n = 0 gives `day` if it
  // is a working day, else the next working day ("the same working day").
  absl::CivilDay AddWorkingDays(absl::CivilDay day, int n) const;

 private:
  Closures closures_;
  std::set<absl::CivilDay> removed_;  // moved away from
  std::set<absl::CivilDay> added_;    // moved to, and closures
};

}  // namespace carevoice::service::cases
