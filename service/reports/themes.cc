#include "service/reports/themes.h"

#include "absl/strings/ascii.h"
#include "carevoice/v1/submission.pb.h"

namespace carevoice::service::reports {
namespace {

// The person's main words: what the feedback, complaint or idea says.
std::string MainWords(const v1::Submission& s) {
  if (s.has_feedback()) return s.feedback().text();
  if (s.has_complaint()) return s.complaint().what_happened();
  if (s.has_idea()) return s.idea().idea();
  return "";  // safeguarding worries and answers are never quoted
}

}  // namespace

absl::StatusOr<ThemeCounts> CountThemes(store::Store& store, absl::Time from, absl::Time to,
                                        bool formal_only) {
  ThemeCounts counts;
  absl::Status s = store.ForEachThemedCase(from, to, false, [&](const store::ThemedCase& c) {
    if (formal_only && !(c.kind == "complaint" && c.statutory)) return true;
    for (const std::string& theme : c.themes) ++counts[theme];
    return true;
  });
  if (!s.ok()) return s;
  return counts;
}

absl::StatusOr<std::vector<Quote>> PickQuotes(store::Store& store, absl::Time from, absl::Time to,
                                              const std::set<std::string>& themes,
                                              const redact::Redactor& redactor, int per_theme) {
  std::vector<Quote> quotes;
  std::map<std::string, int, std::less<>> taken;
  absl::Status s = store.ForEachThemedCase(from, to, true, [&](const store::ThemedCase& c) {
    if (c.kind == "safeguarding") return true;
    v1::Submission submission;
    if (!submission.ParseFromString(c.body) || !submission.consent().may_quote()) return true;
    const std::string words = MainWords(submission);
    if (absl::StripAsciiWhitespace(words).empty()) return true;
    for (const std::string& theme : c.themes) {
      if (!themes.contains(theme) || taken[theme] >= per_theme) continue;
      const v1::Contact& contact = submission.contact();
      const redact::Known known{contact.name(), contact.email(), contact.phone(),
                                contact.postal_address()};
      quotes.push_back({theme, ShortQuote(redactor.Redact(words, known))});
      ++taken[theme];
      break;  // one person's words under one theme only
    }
    return true;
  });
  if (!s.ok()) return s;
  return quotes;
}

std::string ShortQuote(std::string_view words, std::size_t most) {
  std::string line;
  bool space = false;
  for (char c : words) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !line.empty();
      continue;
    }
    if (space) line += ' ';
    space = false;
    line += c;
  }
  if (line.size() <= most) return line;
  std::size_t cut = line.rfind(' ', most);
  if (cut == std::string::npos || cut < most / 2) {
    cut = most;
    // Never inside a UTF-8 character.
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
  }
  line.resize(cut);
  while (!line.empty() && std::string_view(" ,;:").find(line.back()) != std::string_view::npos) {
    line.pop_back();
  }
  return line + "…";
}

}  // namespace carevoice::service::reports
