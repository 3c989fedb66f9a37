// The local population to set beside who we heard from: each equality
// question's answers as shares of the area's adults (e.g. the 2021 Census
// for the council's area), from configuration
// (assets/population/population.json or carevoice-service --population).
// Keys are the equality questions' own names: a field of
// v1.EqualityMonitoring ("age_band") and the names of its enum's values
// ("AGE_BAND_18_TO_24"), so nothing is matched by words.
// Pure: any thread.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace carevoice::service::reports {

struct Population {
  std::string area;    // "Example Borough"
  std::string source;  // what the shares are and where they come from
  // field -> enum value name -> percent of the area's adults.
  std::map<std::string, std::map<std::string, double, std::less<>>, std::less<>> shares;

  // The share for `value` of `field`, if configured.
  std::optional<double> Share(std::string_view field, std::string_view value) const;
};

// {"area": ..., "source": ..., "shares": {"age_band": {"AGE_BAND_18_TO_24":
// 10.8, ...}, ...}}. InvalidArgument naming the place for an unknown
// question or answer, "prefer not to say", a share outside 0..100, or a
// question's shares adding up to more than 100 (and a rounding's 0.5).
absl::StatusOr<Population> ParsePopulation(std::string_view json);
absl::StatusOr<Population> LoadPopulation(const std::string& path);

}  // namespace carevoice::service::reports
