#include "service/reports/heard_from.h"

#include <deque>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/civil_time.h"
#include "google/protobuf/descriptor.h"
#include "service/reports/cells.h"
#include "service/reports/suppression.h"

namespace carevoice::service::reports {
namespace {

using Values = std::map<std::string, std::int64_t, std::less<>>;  // value -> visits
using Aspects = std::map<std::string, Values, std::less<>>;       // aspect -> values

std::string MonthWords(absl::CivilMonth m) {
  return DayWords(absl::CivilDay(m)).substr(2);  // "1 April 2026" less the day
}

// The words of an enum value: AGE_BAND_18_TO_24 -> "18 to 24",
// ROLE_RELATIVE_OR_ADVOCATE -> "Relative or advocate".
std::string ValueWords(const google::protobuf::EnumValueDescriptor& value) {
  const std::string& unspecified = value.type()->value(0)->name();  // "AGE_BAND_UNSPECIFIED"
  const std::string prefix = unspecified.substr(0, unspecified.size() - std::string("UNSPECIFIED").size());
  std::string words = absl::AsciiStrToLower(value.name().substr(prefix.size()));
  absl::StrReplaceAll({{"_", " "}}, &words);
  if (!words.empty()) words[0] = absl::ascii_toupper(words[0]);
  return words;
}

// Each equality question's table id (short enough for a spreadsheet's
// sheet name) and what the pack calls it.
std::pair<std::string, std::string> Question(const std::string& field) {
  static const std::map<std::string, std::pair<std::string, std::string>, std::less<>> kWords = {
      {"age_band", {"age", "Age"}},
      {"sex", {"sex", "Sex"}},
      {"disabled", {"disabled", "Disabled (as the Equality Act 2010 defines it)"}},
      {"unpaid_carer", {"carer", "An unpaid carer"}},
      {"ethnic_group",
       {"ethnic_group", "Ethnic group (the 2021 Census groups for England and Wales)"}},
      {"gender_same_as_at_birth",
       {"gender", "Gender identity the same as the sex registered at birth"}},
      {"role", {"role", "Who they are in social care"}},
  };
  if (auto it = kWords.find(field); it != kWords.end()) return it->second;
  std::string words = field;
  absl::StrReplaceAll({{"_", " "}}, &words);
  if (!words.empty()) words[0] = absl::ascii_toupper(words[0]);
  return {field.substr(0, 20), words};
}

// The languages the kiosks speak, as their people name them.
std::string LanguageWords(const std::string& tag) {
  static const std::map<std::string, std::string, std::less<>> kNames = {
      {"en-GB", "English"},        {"cy", "Welsh (Cymraeg)"},    {"pl", "Polish (Polski)"},
      {"ur", "Urdu (اردو)"},       {"pa", "Punjabi (ਪੰਜਾਬੀ)"}, {"bn", "Bengali (বাংলা)"},
  };
  if (auto it = kNames.find(tag); it != kNames.end()) return it->second;
  return tag;
}

std::int64_t VisitsGiving(const Values& values, std::initializer_list<std::string_view> keys) {
  std::int64_t n = 0;
  for (std::string_view k : keys) {
    if (auto it = values.find(k); it != values.end()) n += it->second;
  }
  return n;
}

// Builds the section's tables and remembers, for suppression, every
// figure that could point at someone and every sum those figures make.
class Builder {
 public:
  explicit Builder(v1::ReportSection& section) : section_(section) {}

  // A figure no row shows but any reader can work out (the visits less
  // those with speech on): it takes part in suppression as a shown one.
  v1::ReportCell* Implied(std::int64_t n) {
    implied_.push_back(CountCell(n));
    sensitive_.push_back(&implied_.back());
    return &implied_.back();
  }

  v1::ReportCell* Sensitive(v1::ReportRow* row) {
    v1::ReportCell* c = row->mutable_cells(0);
    sensitive_.push_back(c);
    return c;
  }

  void AddSum(v1::ReportCell* total, std::vector<v1::ReportCell*> parts) {
    sums_.push_back(reports::Sum{total, std::move(parts)});
  }

  // Hides what must be hidden, then gives each shown figure its share and
  // each table its note.
  void Suppress() {
    SuppressSmall(sensitive_);
    SuppressSecondary(sums_);
    for (v1::ReportTable& t : *section_.mutable_tables()) {
      int small = 0, secondary = 0;
      for (v1::ReportRow& r : *t.mutable_rows()) {
        v1::ReportCell& n = *r.mutable_cells(0);
        if (n.suppressed() == v1::ReportCell::SUPPRESSION_SMALL) ++small;
        if (n.suppressed() == v1::ReportCell::SUPPRESSION_SECONDARY) ++secondary;
        if (Hidden(n)) {
          // The share would give the count back: it goes from the message
          // too, not only from what a renderer writes.
          r.mutable_cells(1)->clear_value();
          r.mutable_cells(1)->set_suppressed(v1::ReportCell::SUPPRESSION_SECONDARY);
        }
      }
      std::string note =
          "Counts from 1 to 4 are shown as \"fewer than 5\", and no hidden count can be worked "
          "out from the others.";
      if (small + secondary > 0) {
        absl::StrAppend(&note, " Here ", small + secondary,
                        small + secondary == 1 ? " figure is" : " figures are", " hidden.");
      }
      if (!t.note().empty()) note = absl::StrCat(t.note(), " ", note);
      t.set_note(note);
    }
  }

 private:
  v1::ReportSection& section_;
  std::deque<v1::ReportCell> implied_;  // stable addresses
  std::vector<v1::ReportCell*> sensitive_;
  std::vector<reports::Sum> sums_;
};

// Words for a figure in a sentence, as the tables would give it.
std::string Words(const v1::ReportCell& c) {
  if (c.suppressed() == v1::ReportCell::SUPPRESSION_SMALL) return "fewer than 5";
  if (Hidden(c)) return "a withheld number of";
  return absl::StrCat(c.count());
}

}  // namespace

absl::Status AddHeardFrom(store::Store& store, const Period& period, const Population* population,
                          v1::CommitteeReport& report) {
  const absl::CivilMonth first(period.first), last(period.last);
  const std::string from = absl::FormatCivilTime(first), to = absl::FormatCivilTime(last);
  absl::StatusOr<std::vector<store::TakingPartCount>> counts = store.TakingPartCounts();
  if (!counts.ok()) return counts.status();
  Aspects aspects;
  for (const store::TakingPartCount& c : *counts) {
    if (c.month < from || c.month > to) continue;
    aspects[c.aspect][c.value] += c.count;
  }
  const std::int64_t visits = VisitsGiving(aspects["visits"], {"all"});
  const std::int64_t answered = VisitsGiving(aspects["equality"], {"answered"});

  v1::ReportSection& s = *report.add_sections();
  s.set_id("heard_from");
  s.set_title("Who we heard from");
  const std::string months = first == last ? MonthWords(first)
                                           : absl::StrCat(MonthWords(first), " to ", MonthWords(last));
  if (visits == 0) {
    s.add_paragraphs(absl::StrCat("No visits to kiosks or tablets were counted in ", months, "."));
    return absl::OkStatus();
  }
  Builder b(s);

  // How people took part: each way against all visits.
  v1::ReportTable* how = AddMeasureTable(s, "taking_part", "How people took part at kiosks and tablets");
  how->set_chart("bar");
  v1::ReportCell* all = AddMeasure(*how, "visits", "Visits counted", visits)->mutable_cells(0);
  const Values& speech = aspects["how.speech"];
  const Values& size = aspects["how.text_size"];
  const Values& easy = aspects["how.easy_read"];
  const Values& heard = aspects["how.audio_only"];
  const Values& input = aspects["how.input"];
  auto binary = [&](const char* key, const char* label, std::int64_t yes) {
    v1::ReportCell* shown = b.Sensitive(AddMeasure(*how, key, label, yes, visits));
    b.AddSum(all, {shown, b.Implied(visits - yes)});
  };
  binary("speech", "With speech on", VisitsGiving(speech, {"1"}));
  binary("larger_text", "With larger text", VisitsGiving(size, {"1", "2", "3"}));
  binary("easy_read", "In Easy Read", VisitsGiving(easy, {"1"}));
  binary("audio_only", "Heard only, the screen blanked", VisitsGiving(heard, {"1"}));
  std::vector<v1::ReportCell*> inputs;
  std::int64_t recorded = 0;
  for (const auto& [value, label] : std::vector<std::pair<std::string, std::string>>{
           {"1", "By keys, keypad or touch"}, {"2", "By two switches"}, {"3", "By one switch"}}) {
    const std::int64_t n = VisitsGiving(input, {value});
    recorded += n;
    inputs.push_back(b.Sensitive(AddMeasure(*how, "input_" + value, label, n, visits)));
  }
  inputs.push_back(b.Implied(visits - recorded));
  b.AddSum(all, inputs);
  v1::ReportCell* said = b.Sensitive(
      AddMeasure(*how, "equality_answered", "Answered the questions on who they are", answered, visits));
  b.AddSum(all, {said, b.Implied(visits - answered)});

  // Each language, against all visits.
  v1::ReportTable* languages = AddMeasureTable(s, "languages", "The language people used", "Language");
  languages->set_chart("bar");
  std::vector<std::pair<std::int64_t, std::string>> by_count;
  for (const auto& [tag, n] : aspects["how.language"]) by_count.emplace_back(-n, tag);
  std::sort(by_count.begin(), by_count.end());
  std::vector<v1::ReportCell*> spoken;
  std::int64_t tagged = 0;
  for (const auto& [minus_n, tag] : by_count) {
    tagged += -minus_n;
    spoken.push_back(b.Sensitive(AddMeasure(*languages, tag, LanguageWords(tag), -minus_n, visits)));
  }
  spoken.push_back(b.Implied(visits - tagged));
  b.AddSum(all, spoken);

  // Each equality question, against those who answered the questions.
  const google::protobuf::Descriptor* questions = v1::EqualityMonitoring::descriptor();
  for (int i = 0; i < questions->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* q = questions->field(i);
    if (q->enum_type() == nullptr) continue;
    const Values& given = aspects[absl::StrCat("equality.", q->name())];
    const auto [id, words] = Question(std::string(q->name()));
    v1::ReportTable* t = AddMeasureTable(s, absl::StrCat("equality_", id), words, "Answer");
    t->set_chart("bar");
    t->set_note("Shares are of the people who answered the questions on who they are.");
    std::vector<v1::ReportCell*> parts;
    std::int64_t total = 0;
    for (int v = 1; v < q->enum_type()->value_count(); ++v) {
      const google::protobuf::EnumValueDescriptor& value = *q->enum_type()->value(v);
      const std::int64_t n = VisitsGiving(given, {std::to_string(value.number())});
      total += n;
      parts.push_back(b.Sensitive(AddMeasure(*t, absl::StrCat(value.number()), ValueWords(value), n,
                                             answered)));
    }
    parts.push_back(b.Implied(answered - total));  // skipped this question
    b.AddSum(said, parts);
    // The area's adults, where configured: never a figure of ours.
    if (population != nullptr && population->shares.contains(q->name())) {
      t->add_columns("Local population");
      for (int v = 1; v < q->enum_type()->value_count(); ++v) {
        const std::optional<double> share =
            population->Share(q->name(), q->enum_type()->value(v)->name());
        *t->mutable_rows(v - 1)->add_cells() = share ? PercentCell(*share) : TextCell("");
      }
    }
  }

  b.Suppress();
  s.mutable_paragraphs()->Add(absl::StrCat(
      "Kiosks and tablets count each visit by its month, apart from anything the person said, "
      "so these figures cover whole months: ",
      months, ". ", Words(*all), visits == 1 ? " visit was" : " visits were",
      " counted. In ", Words(*said),
      " of them the person chose to answer the questions on who they are; each answer is "
      "counted on its own, never beside another answer or anything said."));
  if (population != nullptr) {
    s.add_paragraphs(absl::StrCat(
        "The \"Local population\" column gives each answer's share of the adults of ",
        population->area.empty() ? "the area" : population->area, ": ", population->source,
        ". The shares of those who answered include people who preferred not to say or left "
        "a question, so compare the two as a guide to who may be missing, not as exact "
        "figures."));
  } else {
    s.add_paragraphs(
        "No local population figures are configured (carevoice-service --population), so "
        "these shares stand alone.");
  }
  return absl::OkStatus();
}

}  // namespace carevoice::service::reports
