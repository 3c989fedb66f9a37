#include "client/letters/letter.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "contract/reference_code.h"

namespace carevoice::client::letters {
namespace {

std::string LongDate(absl::CivilDay day) {
  static const char* const kMonths[] = {"January", "February", "March",     "April",
                                        "May",     "June",     "July",      "August",
                                        "September", "October", "November", "December"};
  return absl::StrCat(day.day(), " ", kMonths[day.month() - 1], " ", day.year());
}

std::string LongDate(const std::string& yyyy_mm_dd) {
  absl::CivilDay day;
  return absl::ParseCivilTime(yyyy_mm_dd, &day) ? LongDate(day) : yyyy_mm_dd;
}

std::string LongDate(const google::protobuf::Timestamp& t) {
  absl::TimeZone london;
  if (!absl::LoadTimeZone("Europe/London", &london)) london = absl::UTCTimeZone();
  return LongDate(absl::ToCivilDay(absl::FromUnixSeconds(t.seconds()), london));
}

// "KQ7M-3RX9", and as it is best read aloud.
std::string Spaced(const std::string& reference) {
  std::vector<std::string> chars;
  for (char c : reference) chars.emplace_back(1, c);
  return absl::StrJoin(chars, " ");
}

std::string What(const v1::CaseDetail& d) {
  if (d.record().kind() == "safeguarding") return "worry about someone's safety";
  if (d.record().kind() == "complaint") return d.case_().statutory() ? "complaint" : "concern";
  return d.record().kind();
}

// The response as recorded: the latest "respond" in the history, its
// outcome before ": ".
const v1::CaseEventRecord* Response(const v1::CaseDetail& d) {
  const v1::CaseEventRecord* found = nullptr;
  for (const v1::CaseEventRecord& e : d.history()) {
    if (e.action() == "respond") found = &e;
  }
  return found;
}

constexpr char kOmbudsman[] =
    "If you are not happy with our response, you can ask the Local Government and Social "
    "Care Ombudsman to look at your complaint. The Ombudsman is free and independent. Phone "
    "0300 061 0614, or visit www.lgo.org.uk.";

}  // namespace

absl::StatusOr<Letter> Build(const v1::CaseDetail& d, Kind kind, bool easy_read,
                             absl::CivilDay today, const From& from) {
  Letter l;
  l.easy_read = easy_read;
  const v1::Contact& contact = d.record().submission().contact();
  const std::string reference = contract::FormatReference(d.case_().reference());
  const std::string what = What(d);
  const std::string told = LongDate(d.case_().told_at());
  l.greeting = contact.name().empty() ? "Dear Sir or Madam," : "Dear " + contact.name() + ",";
  const std::string signer = from.officer.empty() ? from.council : from.officer + ", " + from.council;
  if (kind == Kind::kAcknowledgement) {
    l.title = absl::StrCat("Your ", what, ": reference ", reference);
    if (easy_read) {
      l.ideas.push_back({absl::StrCat("We got your ", what, " on ", told, "."), "check"});
      l.ideas.push_back({absl::StrCat("Your reference is ", Spaced(d.case_().reference()),
                                      ". Keep it safe."),
                         "pencil"});
      if (!d.case_().respond_by().empty()) {
        l.ideas.push_back(
            {absl::StrCat("We will answer you by ", LongDate(d.case_().respond_by()), "."),
             "calendar"});
      }
      l.ideas.push_back({"We would like to talk with you about it. Tell us a good time.", "speak"});
      l.ideas.push_back({"You can check on it at a CareVoice kiosk with your reference.", "check"});
    } else {
      l.ideas.push_back({absl::StrCat("Thank you for telling us. We received your ", what, " on ",
                                      told, ", and its reference is ", reference, ".")});
      l.ideas.push_back({"We would like to talk it through with you, so that we understand "
                         "what happened and what you would like us to do. Please tell us a "
                         "good time to talk, or how you would rather do it."});
      if (!d.case_().respond_by().empty()) {
        l.ideas.push_back({absl::StrCat("We have agreed to respond by ",
                                        LongDate(d.case_().respond_by()),
                                        ". If we need longer, we will tell you why.")});
      }
      l.ideas.push_back({"You can check where it has got to at any CareVoice kiosk, with your "
                         "reference and the PIN you were given."});
    }
  } else {
    const v1::CaseEventRecord* response = Response(d);
    if (response == nullptr) {
      return absl::FailedPreconditionError("no response is recorded yet (case ID respond ...)");
    }
    std::string text = response->detail();
    std::string outcome;
    for (const char* o : {"upheld", "partly_upheld", "not_upheld"}) {
      if (absl::StartsWith(text, std::string(o) + ": ")) {
        outcome = o;
        text = text.substr(outcome.size() + 2);
      }
    }
    l.title = absl::StrCat("Our response to your ", what, ": reference ", reference);
    const std::string found =
        outcome == "upheld"          ? (easy_read ? "We agree with you." : "We have upheld your complaint.")
        : outcome == "partly_upheld" ? (easy_read ? "We agree with some of what you told us."
                                                  : "We have partly upheld your complaint.")
        : outcome == "not_upheld"    ? (easy_read ? "We do not agree that things went wrong."
                                                  : "We have not upheld your complaint.")
                                     : "";
    if (easy_read) {
      l.ideas.push_back({absl::StrCat("You told us about a problem on ", told, "."), "speak"});
      l.ideas.push_back({"We looked into it.", "check"});
      if (!found.empty()) l.ideas.push_back({found, "check"});
      l.ideas.push_back({"This is our answer:", "pencil"});
      l.ideas.push_back({text, "speak"});
      l.ideas.push_back({"Not happy? The Ombudsman can look at it. It is free.", "people"});
      l.ideas.push_back({"Phone the Ombudsman on 0300 061 0614.", "phone"});
    } else {
      l.ideas.push_back({absl::StrCat("You told us about your ", what, " on ", told,
                                      ". We have now looked into it.")});
      if (!found.empty()) l.ideas.push_back({found});
      l.ideas.push_back({text});
      l.ideas.push_back({kOmbudsman});
    }
  }
  l.closing = absl::StrCat("Yours sincerely,\n", signer, "\n", LongDate(today));
  return l;
}

std::string RenderText(const Letter& l) {
  std::vector<std::string> parts = {l.title, l.greeting};
  for (const Idea& idea : l.ideas) parts.push_back(idea.text);
  parts.push_back(l.closing);
  return absl::StrJoin(parts, "\n\n") + "\n";
}

}  // namespace carevoice::client::letters
