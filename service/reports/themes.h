// What people raised, by the themes officers gave their cases, and a few
// of their own words for each: only from people who agreed to be quoted,
// never from a safeguarding worry, with names, phone numbers, emails,
// postcodes and street addresses put in brackets by the redactor, and
// never for a theme raised fewer than 5 times in the period (so a quote
// cannot be lined up with the one or two people who raised it).
// Thread-safety: any thread (the store is).
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/redact/redactor.h"
#include "service/store/store.h"

namespace carevoice::service::reports {

inline constexpr std::int64_t kFewestToQuote = 5;

using ThemeCounts = std::map<std::string, std::int64_t, std::less<>>;

// How many submissions told in [from, to) officers gave each theme (one
// may count under several); only formal complaints with `formal_only`.
absl::StatusOr<ThemeCounts> CountThemes(store::Store& store, absl::Time from, absl::Time to,
                                        bool formal_only = false);

struct Quote {
  std::string theme;
  std::string words;  // redacted and shortened
};

// Up to `per_theme` quotes for each of `themes`, oldest first: feedback,
// complaints and ideas whose person agreed to be quoted.
absl::StatusOr<std::vector<Quote>> PickQuotes(store::Store& store, absl::Time from, absl::Time to,
                                              const std::set<std::string>& themes,
                                              const redact::Redactor& redactor, int per_theme);

// `words` on one line, at most about `most` bytes, cut after a word with
// "…" when longer.
std::string ShortQuote(std::string_view words, std::size_t most = 240);

}  // namespace carevoice::service::reports
