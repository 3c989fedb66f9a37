#include "client/admin/format.h"

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "base/languages.h"
#include "base/proto_time.h"
#include "base/utf8.h"
#include "contract/facts.h"
#include "contract/reference_code.h"
#include "nlohmann/json.hpp"

namespace carevoice::client::admin {
namespace {

using contract::ProviderIdOf;
using contract::ServiceIdOf;

constexpr std::size_t kTableTextWidth = 60;

// Code points, as a rough terminal width (no East Asian wide handling).
std::size_t Width(std::string_view s) { return base::LenientCodePointCount(s); }

// At most `max` code points, cut on a code point boundary, with "…" when cut.
std::string Shorten(std::string_view s, std::size_t max) {
  if (Width(s) <= max) return std::string(s);
  // max - 1 code points leave room for the ellipsis.
  return std::string(s.substr(0, base::CodePointPrefixBytes(s, max - 1))) +
         "\u2026";
}

std::string OneLine(std::string_view s) {
  std::string out(s);
  std::replace_if(
      out.begin(), out.end(),
      [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  return out;
}

std::string ShownReference(std::string_view reference) {
  return contract::FormatReference(reference);
}

std::string Pad(std::string_view s, std::size_t width) {
  return std::string(s) + std::string(width - std::min(width, Width(s)), ' ');
}

// The en-GB name of a catalog service, or its id when unknown.
std::string ServiceName(const v1::Catalog* catalog, std::string_view id) {
  if (catalog != nullptr && !id.empty()) {
    for (const v1::Service& service : catalog->services()) {
      if (service.id() != id) continue;
      auto name = service.name().text().find(std::string(base::kDefaultLanguage));
      if (name != service.name().text().end()) return name->second;
    }
  }
  return std::string(id);
}

// A provider's name, or its id when unknown.
std::string ProviderName(const v1::Catalog* catalog, std::string_view id) {
  if (catalog != nullptr && !id.empty()) {
    for (const v1::Provider& provider : catalog->providers()) {
      if (provider.id() == id) return provider.name();
    }
  }
  return std::string(id);
}

}  // namespace

// When a complaint's event happened, as the person put it: the day
// ("2026-11-02"), roughly ("last_week" ... "over_a_year_ago"), or null.
nlohmann::ordered_json HappenedOf(const v1::Complaint& c) {
  if (c.has_event_date()) {
    const v1::Date& d = c.event_date();
    return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
  }
  if (c.when() == v1::WHEN_UNSPECIFIED) return nullptr;
  std::string name = v1::When_Name(c.when()).substr(5);  // "WHEN_LAST_WEEK"
  return absl::AsciiStrToLower(name);
}

std::string FormatJson(std::span<const v1::SubmissionRecord> records,
                       bool include_text) {
  // ordered_json keeps keys in the order written, which reads better than
  // alphabetical for a person scanning the output.
  nlohmann::ordered_json array = nlohmann::ordered_json::array();
  for (const v1::SubmissionRecord& r : records) {
    nlohmann::ordered_json o;
    o["reference"] = ShownReference(r.reference());
    o["submission_id"] = r.submission_id();
    o["kind"] = r.kind();
    o["received_at"] = IsoTime(r.received_at());
    o["urgent"] = r.urgent();
    o["status"] = StatusName(r.status());
    o["service_id"] = std::string(ServiceIdOf(r.submission()));
    const int rating = RatingOf(r.submission());
    o["rating"] =
        rating == 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(rating);
    // When the person told the device, on the service's clock (corrected
    // when the device's clock was wrong, and then how far).
    if (r.has_told_at()) o["told_at"] = IsoTime(r.told_at());
    if (std::llabs(r.device_clock_offset_ms()) >= 60'000) {
      o["device_clock_off_by_s"] = r.device_clock_offset_ms() / 1000;
    }
    if (r.submission().has_complaint()) {
      // The 12-month limit is counted from when the person told the kiosk.
      const v1::Complaint& c = r.submission().complaint();
      o["happened"] = HappenedOf(c);
      o["outside_time_limit"] = contract::OutsideTimeLimit(
          c, absl::FromUnixSeconds(r.submission().created_at().seconds()));
    }
    if (include_text) o["text"] = WordsOf(r.submission());
    array.push_back(std::move(o));
  }
  // Invalid UTF-8 cannot reach here (the service validates), but replace
  // rather than throw if it ever does.
  return array.dump(2, ' ', false,
                    nlohmann::ordered_json::error_handler_t::replace) +
         "\n";
}

std::string FormatTable(std::span<const v1::SubmissionRecord> records,
                        bool include_text, const v1::Catalog* catalog) {
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"REFERENCE", "RECEIVED (UTC)", "KIND", "URGENT", "STATUS",
                  "SERVICE", "PROVIDER", "RATING"});
  if (include_text) rows.front().push_back("TEXT");
  for (const v1::SubmissionRecord& r : records) {
    const int rating = RatingOf(r.submission());
    std::vector<std::string> row = {
        ShownReference(r.reference()), IsoTime(r.received_at()), r.kind(),
        r.urgent() ? "URGENT" : "", StatusName(r.status()),
        ServiceName(catalog, ServiceIdOf(r.submission())),
        ProviderName(catalog, ProviderIdOf(r.submission())),
        rating == 0 ? "" : absl::StrCat(rating)};
    if (include_text) {
      row.push_back(Shorten(OneLine(WordsOf(r.submission())), kTableTextWidth));
    }
    rows.push_back(std::move(row));
  }
  std::vector<std::size_t> widths(rows.front().size(), 0);
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], Width(row[i]));
    }
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      absl::StrAppend(&line, i == 0 ? "" : "  ",
                      i + 1 == row.size() ? row[i] : Pad(row[i], widths[i]));
    }
    absl::StrAppend(&out, absl::StripTrailingAsciiWhitespace(line), "\n");
  }
  return out;
}

}  // namespace carevoice::client::admin
