// The numbers a kiosk gives when someone is at risk, before (or without)
// any catalog from the service: a person must hear them even at a kiosk
// that has never been online. An install sets its council's own
// (carevoice-kiosk --help-numbers FILE); these are the sample council's,
// the same as assets/catalog/sample_catalog.json.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "carevoice/v1/catalog.pb.h"

namespace carevoice::client {

// Reads an install's numbers from a JSON file in the catalog's form
// ({"emergency": "999", "safeguardingTeam": "...", "safeguardingHours":
// {"text": {"en-GB": "..."}}, "outOfHours": "..."}). Fails, naming the
// file, when it cannot be read or lacks the emergency or safeguarding
// number: a kiosk must never start without numbers to give.
absl::StatusOr<v1::HelpNumbers> LoadHelpNumbers(const std::string& path);

inline v1::HelpNumbers BuiltInHelpNumbers() {
  v1::HelpNumbers numbers;
  numbers.set_emergency("999");
  numbers.set_safeguarding_team("0300 123 4567");
  (*numbers.mutable_safeguarding_hours()->mutable_text())["en-GB"] =
      "Monday to Friday, 9am to 5pm";
  numbers.set_out_of_hours("0300 123 4568");
  return numbers;
}

}  // namespace carevoice::client
