#include "client/admin/ballot_sheets.h"

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "base/html.h"
#include "base/proto_time.h"
#include "contract/reference_code.h"

namespace carevoice::client::admin {
namespace {

std::string English(const v1::LocalizedText& text) {
  auto it = text.text().find("en-GB");
  return it == text.text().end() ? std::string() : it->second;
}

std::string When(const google::protobuf::Timestamp& t) {
  // "%e" pads the day with a space: "Monday  4 January".
  std::string text = absl::FormatTime("%A %e %B %Y at %H:%M UTC", base::FromProtoTimestamp(t),
                                      absl::UTCTimeZone());
  if (const auto twice = text.find("  "); twice != std::string::npos) text.erase(twice, 1);
  return text;
}

// "K Q 7 M, 3 R X 9": each character on its own, in two halves as shown.
std::string SpeltOut(const std::string& code) {
  std::string out;
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (i == 4) out += ", ";
    else if (i > 0) out += ' ';
    out += code[i];
  }
  return out;
}

}  // namespace

std::string BallotCodesHtml(const v1::ForumBallot& ballot, const std::vector<std::string>& codes) {
  const std::string title = base::HtmlEscape(English(ballot.title()));
  std::string html = absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>Ballot codes: ", title, "</title>\n<style>\n"
      "body { font-family: Arial, Helvetica, sans-serif; font-size: 20pt; line-height: 1.5;"
      " color: #000; background: #fff; margin: 1em; }\n"
      "section { border: 3px solid #000; padding: 0.8em; margin: 0 0 1em 0;"
      " break-inside: avoid; page-break-inside: avoid; }\n"
      "h1 { font-size: 26pt; } h2 { font-size: 22pt; margin: 0 0 0.4em 0; }\n"
      ".code { font-family: 'DejaVu Sans Mono', monospace; font-size: 40pt; font-weight: bold;"
      " letter-spacing: 0.15em; margin: 0.2em 0; }\n"
      "@media print { section { page-break-after: always; } }\n"
      "</style>\n</head>\n<body>\n<main>\n<h1>Ballot codes: ", title, "</h1>\n",
      "<p>", codes.size(), codes.size() == 1 ? " code" : " codes",
      ". Give each Forum member one. Each code can vote once.</p>\n");
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const std::string shown = contract::FormatReference(codes[i]);
    absl::StrAppend(
        &html, "<section aria-labelledby=\"code-", i + 1, "\">\n<h2 id=\"code-", i + 1,
        "\">Your ballot code (", i + 1, " of ", codes.size(), ")</h2>\n<p>", title, "</p>\n",
        "<p class=\"code\">", shown, "</p>\n<p>Spelt out: ", SpeltOut(codes[i]), "</p>\n",
        "<p>Vote at any council kiosk or care-home tablet: choose \"Vote in a Forum ballot\" "
        "and type this code. Voting opens ", When(ballot.opens_at()), " and closes ",
        When(ballot.closes_at()), ".</p>\n",
        "<p>Your vote is secret. Nobody can see how you voted, even from this code.</p>\n",
        "</section>\n");
  }
  html += "</main>\n</body>\n</html>\n";
  return html;
}

std::string BallotCodesText(const v1::ForumBallot& ballot, const std::vector<std::string>& codes) {
  std::string text = absl::StrCat("Ballot codes: ", English(ballot.title()), "\n",
                                  "Opens ", When(ballot.opens_at()), "; closes ",
                                  When(ballot.closes_at()), ".\n",
                                  "Each code votes once. Read or braille one to each member.\n\n");
  for (std::size_t i = 0; i < codes.size(); ++i) {
    absl::StrAppend(&text, i + 1, ". ", contract::FormatReference(codes[i]), "  (",
                    SpeltOut(codes[i]), ")\n");
  }
  return text;
}

}  // namespace carevoice::client::admin
