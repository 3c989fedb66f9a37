// The officer console's screens: sign in, the queue, a case, an action's
// form. Each draws the desk's state through the kiosk's widgets (so it is
// spoken, captioned, sized and coloured as the kiosk is) and returns what
// the officer chose.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "base/proto_time.h"
#include "client/ui/officer_ui.h"
#include "client/ui/screens.h"
#include "contract/facts.h"
#include "contract/reference_code.h"

namespace carevoice::client::ui {
namespace {

// The kiosk's own date words (DateText): "Thursday 3 December 2026".
std::string DayWords(const Texts& t, absl::CivilDay day) {
  v1::Date date;
  date.set_year(static_cast<int>(day.year()));
  date.set_month(day.month());
  date.set_day(day.day());
  return DateText(t, date).shown;
}

// "3 December 2026".
std::string ShortDay(const Texts& t, absl::CivilDay day) {
  return absl::StrCat(day.day(), " ", t.Get("date.month." + std::to_string(day.month())).shown,
                      " ", day.year());
}

// "Thursday 3 December 2026 at 10:15", in the council's time.
std::string MomentWords(const Texts& texts, const google::protobuf::Timestamp& at,
                        const absl::TimeZone& zone) {
  const absl::Time t = base::FromProtoTimestamp(at);
  return absl::StrCat(DayWords(texts, absl::ToCivilDay(t, zone)), " at ",
                      absl::FormatTime("%H:%M", t, zone));
}

// A reference as shown ("KQ7M-3RX9") and as said, one character at a
// time ("K Q 7 M, 3 R X 9"), so a listener can write it down.
Text ReferenceText(const std::string& reference) {
  Text t;
  t.shown = contract::FormatReference(reference);
  for (char c : t.shown) {
    if (c == '-') {
      t.spoken += ",";
      continue;
    }
    if (!t.spoken.empty()) t.spoken += ' ';
    t.spoken += c;
  }
  return t;
}

Text KindText(const Texts& t, const v1::CaseRecord& c) {
  if (c.kind() == "complaint" && c.statutory()) return t.Get("officer.kind.complaint.statutory");
  std::string key = "officer.kind." + c.kind();
  return t.speech().Has(key) ? t.Get(key) : Text::Same(c.kind());
}

Text StateText(const Texts& t, const std::string& state) {
  std::string key = "officer.state." + state;
  return t.speech().Has(key) ? t.Get(key) : Text::Same(state);
}

// "⚠ OVERDUE", said "Overdue": the symbol is for the eye.
Text Mark(const Texts& t, const std::string& key) {
  return {t.Get(key).shown, t.Get(key + ".spoken").shown, ""};
}

bool Urgent(const v1::CaseRecord& c) {
  return c.kind() == "safeguarding" && !c.safeguarding_decided();
}

// What is due next, by when, and whose it is: "acknowledge by Tuesday 8
// December 2026, assigned to sam".
std::vector<std::string> DueParts(const Texts& t, const v1::CaseRecord& c) {
  std::vector<std::string> parts;
  if (Urgent(c) && !c.acknowledge_by().empty()) {
    parts.push_back(t.Format("officer.due.decide", {LongDate(t, c.acknowledge_by())}).shown);
  } else if (c.state() == "received" && !c.acknowledge_by().empty()) {
    parts.push_back(t.Format("officer.due.acknowledge", {LongDate(t, c.acknowledge_by())}).shown);
  }
  if (!c.respond_by().empty() && (c.state() == "acknowledged" || c.state() == "investigating")) {
    parts.push_back(t.Format("officer.due.respond", {LongDate(t, c.respond_by())}).shown);
  }
  if (!c.assigned_to().empty()) {
    parts.push_back(t.Format("officer.due.assigned", {c.assigned_to()}).shown);
  }
  if (!c.reply().empty()) parts.push_back(t.Get("officer.due.reply").shown);
  return parts;
}

// Banners for urgent worries not yet heard, on every screen but sign-in:
// shown and said as they arrive, each with a way straight to it.
OfficerIntent DrawAlerts(const OfficerScreen& s, Ui& ui) {
  OfficerIntent intent;
  for (const v1::CaseRecord& c : s.desk.alerts()) {
    const Text ref = ReferenceText(c.reference());
    const std::string channel = "officer.channel." + c.channel();
    const std::string from = s.texts.speech().Has(channel) ? s.texts.Get(channel).shown : "";
    const std::string due = LongDate(s.texts, c.acknowledge_by());
    ui.ErrorText("alert." + c.submission_id(),
                 s.texts.Format("officer.alert", {ref.shown, from, due}, {ref.spoken, from, due}));
    ui.MarkNextUrgent();
    if (ui.Button("alert.open." + c.submission_id(),
                  s.texts.Format("officer.case.title", {KindText(s.texts, c).shown, ref.shown},
                                 {KindText(s.texts, c).spoken, ref.spoken}))) {
      intent = {OfficerIntent::Kind::kOpen, c.submission_id()};
    }
  }
  return intent;
}

// "Asking the service", the last refusal, and what the last action did.
void DrawStatus(const OfficerScreen& s, Ui& ui) {
  if (s.desk.busy()) ui.Paragraph("asking", s.texts.Get("officer.asking"));
  const std::string& error = s.desk.error();
  if (!error.empty()) {
    // The desk's own messages are language keys; the service's are words.
    ui.ErrorText("error", error.rfind("officer.", 0) == 0 ? s.texts.Get(error)
                                                          : Text::Same(error));
  }
  if (!s.desk.done().empty()) ui.Paragraph("done", s.texts.Get(s.desk.done()));
}

std::string Masked(const std::string& secret) {
  std::string dots;
  for (unsigned char c : secret) {
    if ((c & 0xC0) != 0x80) dots += "\xE2\x80\xA2";  // one bullet a character
  }
  return dots;
}

// The person's words, each part with what it answers.
std::vector<std::pair<const char*, std::string>> WordParts(const v1::Submission& s) {
  switch (s.body_case()) {
    case v1::Submission::kFeedback: return {{"text", s.feedback().text()}};
    case v1::Submission::kComplaint:
      return {{"what_happened", s.complaint().what_happened()},
              {"desired_outcome", s.complaint().desired_outcome()},
              {"late_reason", s.complaint().late_reason()}};
    case v1::Submission::kSafeguarding:
      return {{"what_is_happening", s.safeguarding().what_is_happening()},
              {"who_is_at_risk", s.safeguarding().who_is_at_risk()},
              {"where", s.safeguarding().where()}};
    case v1::Submission::kIdea:
      return {{"idea", s.idea().idea()}, {"who_benefits", s.idea().who_benefits()}};
    case v1::Submission::kConsultationAnswer:
      return {{"text", contract::FreeTextOf(s.consultation_answer())}};
    case v1::Submission::kForumVote:  // votes are never stored as submissions
    case v1::Submission::BODY_NOT_SET: break;
  }
  return {};
}

// Theme ids by their names, as the service's lexicon gives them.
std::string ThemeNames(const v1::ListCasesResponse& queue,
                       const google::protobuf::RepeatedPtrField<std::string>& ids) {
  std::vector<std::string> names;
  for (const std::string& id : ids) {
    std::string name = id;
    for (const v1::Theme& theme : queue.themes()) {
      if (theme.id() == id) name = theme.name();
    }
    names.push_back(std::move(name));
  }
  return absl::StrJoin(names, ", ");
}

const char* ReplyFormatWords(v1::ReplyFormat format) {
  switch (format) {
    case v1::REPLY_FORMAT_LARGE_PRINT: return "large print";
    case v1::REPLY_FORMAT_EASY_READ: return "Easy Read";
    case v1::REPLY_FORMAT_AUDIO: return "audio";
    case v1::REPLY_FORMAT_BSL: return "British Sign Language";
    case v1::REPLY_FORMAT_PHONE: return "by phone";
    case v1::REPLY_FORMAT_POST: return "by post";
    default: return "standard print";
  }
}

}  // namespace

std::string LongDate(const Texts& t, std::string_view iso_day) {
  absl::CivilDay day;
  if (!absl::ParseCivilTime(absl::string_view(iso_day.data(), iso_day.size()), &day)) return std::string(iso_day);
  return DayWords(t, day);
}

Text QueueLine(const OfficerScreen& s, const v1::CaseRecord& c) {
  const Texts& t = s.texts;
  std::vector<std::string> shown, spoken;
  if (Urgent(c) || c.overdue()) {
    const Text mark = Mark(t, Urgent(c) ? "officer.case.urgent" : "officer.case.overdue");
    shown.push_back(mark.shown);
    spoken.push_back(mark.spoken);
    if (Urgent(c) && c.overdue()) {
      shown.push_back(Mark(t, "officer.case.overdue").shown);
      spoken.push_back(Mark(t, "officer.case.overdue").spoken);
    }
  }
  const Text kind = KindText(t, c);
  const Text ref = ReferenceText(c.reference());
  shown.push_back(kind.shown + " " + ref.shown);
  spoken.push_back(kind.spoken + " " + ref.spoken);
  const Text state = StateText(t, c.state());
  shown.push_back(state.shown);
  spoken.push_back(state.spoken);
  for (std::string& part : DueParts(t, c)) {
    shown.push_back(part);
    spoken.push_back(std::move(part));
  }
  return {absl::StrJoin(shown, " \xC2\xB7 "), absl::StrJoin(spoken, ", ") + ".", ""};
}

OfficerIntent DrawOfficerSignIn(const OfficerScreen& s, Ui& ui) {
  const Texts& t = s.texts;
  ui.Title(t.Get("officer.sign_in.title"), t.Get("officer.sign_in.instruction"));
  DrawStatus(s, ui);
  ui.TextField(kDeskName, t.Get("officer.field.name"), s.desk.name(), t.Get("officer.field.hint"),
               t.Get("officer.field.empty"));
  // The password is shown as dots and never said.
  ui.TextField(kDeskPassword, t.Get("officer.field.password"), Masked(s.desk.password()),
               t.Get("officer.field.hint"), t.Get("officer.field.empty"), /*personal=*/true);
  if (ui.Button("signin.go", t.Get("officer.sign_in.button"))) {
    return {OfficerIntent::Kind::kSignIn};
  }
  return {};
}

OfficerIntent DrawOfficerQueue(const OfficerScreen& s, Ui& ui) {
  const Texts& t = s.texts;
  const v1::ListCasesResponse& queue = s.desk.queue();
  ui.Title(t.Format("officer.queue.title", {s.desk.officer()}), t.Get("officer.queue.instruction"));
  OfficerIntent intent = DrawAlerts(s, ui);
  int overdue = 0, urgent = 0;
  for (const v1::CaseRecord& c : queue.cases()) {
    overdue += c.overdue() ? 1 : 0;
    urgent += Urgent(c) ? 1 : 0;
  }
  DrawStatus(s, ui);
  if (!s.desk.busy()) {
    ui.Paragraph("queue.count",
                 t.Format(queue.cases_size() == 1 ? "officer.queue.count.one" : "officer.queue.count",
                          {std::to_string(queue.cases_size()), std::to_string(overdue),
                           std::to_string(urgent)}));
  }
  if (queue.cases().empty() && !s.desk.busy()) {
    ui.Paragraph("queue.empty", t.Get("officer.queue.empty"));
  }
  for (const v1::CaseRecord& c : queue.cases()) {
    if (Urgent(c) || c.overdue()) ui.MarkNextUrgent();
    if (ui.Button("case." + c.submission_id(), QueueLine(s, c))) {
      intent = {OfficerIntent::Kind::kOpen, c.submission_id()};
    }
  }
  if (ui.Button("queue.export", t.Get("officer.queue.export"))) {
    intent = {OfficerIntent::Kind::kExportScreen};
  }
  if (ui.Button("queue.refresh", t.Get("officer.queue.refresh"))) {
    intent = {OfficerIntent::Kind::kRefresh};
  }
  if (ui.Button("queue.sign_out", t.Get("officer.queue.sign_out"))) {
    intent = {OfficerIntent::Kind::kSignOut};
  }
  return intent;
}

OfficerIntent DrawOfficerCase(const OfficerScreen& s, Ui& ui) {
  const Texts& t = s.texts;
  const v1::CaseDetail& d = s.desk.detail();
  const v1::CaseRecord& c = d.case_();
  const Text kind = KindText(t, c);
  const Text ref = ReferenceText(c.reference());
  ui.Title(t.Format("officer.case.title", {kind.shown, ref.shown}, {kind.spoken, ref.spoken}),
           t.Get("officer.case.instruction"));
  OfficerIntent intent = DrawAlerts(s, ui);
  DrawStatus(s, ui);

  std::vector<std::string> where{StateText(t, c.state()).shown};
  for (std::string& part : DueParts(t, c)) where.push_back(std::move(part));
  if (Urgent(c) || c.overdue()) {
    where.insert(where.begin(),
                 Mark(t, Urgent(c) ? "officer.case.urgent" : "officer.case.overdue").spoken);
  }
  ui.Paragraph("case.where", t.Format("officer.case.where", {absl::StrJoin(where, ", ")}));
  ui.Paragraph("case.told", t.Format("officer.case.told", {MomentWords(t, c.told_at(), s.zone)}));
  if (c.channel() == "officer") ui.Paragraph("case.channel", t.Get("officer.case.channel.officer"));
  for (int i = 0; i < c.warnings_size(); ++i) {
    ui.ErrorText("case.warning." + std::to_string(i),
                 t.Format("officer.case.warning", {c.warnings(i)}));
  }
  bool any_words = false;
  for (const auto& [field, words] : WordParts(d.record().submission())) {
    if (words.empty()) continue;
    any_words = true;
    ui.Paragraph(std::string("case.words.") + field,
                 t.Format("officer.case.words",
                          {t.Get(std::string("officer.words.") + field).shown, words}));
  }
  if (!any_words) ui.Paragraph("case.words", t.Get("officer.case.no_words"));
  const v1::Contact& contact = d.record().submission().contact();
  std::vector<std::string> how;
  for (const std::string* part : {&contact.name(), &contact.phone(), &contact.email()}) {
    if (!part->empty()) how.push_back(*part);
  }
  if (how.empty()) {
    ui.Paragraph("case.contact", t.Get("officer.case.contact.none"));
  } else {
    how.push_back(ReplyFormatWords(contact.reply_format()));
    ui.Paragraph("case.contact", t.Format("officer.case.contact", {absl::StrJoin(how, ", ")}));
  }
  if (!c.themes().empty()) {
    ui.Paragraph("case.themes",
                 t.Format("officer.case.themes", {ThemeNames(s.desk.queue(), c.themes())}));
  } else if (!c.suggested_themes().empty()) {
    ui.Paragraph("case.themes", t.Format("officer.case.suggested",
                                         {ThemeNames(s.desk.queue(), c.suggested_themes())}));
  }
  if (!c.reply().empty()) ui.Paragraph("case.reply", t.Format("officer.case.reply", {c.reply()}));

  for (CaseAction action : s.desk.Actions()) {
    const std::string id(CaseActionId(action));
    if (ui.Button("action." + id, t.Get("officer.action." + id))) {
      intent = {OfficerIntent::Kind::kAction, "", static_cast<int>(action)};
    }
  }
  if (ui.Button("case.back", t.Get("officer.back.queue"))) intent = {OfficerIntent::Kind::kBack};

  ui.Paragraph("case.history",
               t.Get("officer.case.history"));
  for (int i = 0; i < d.history_size(); ++i) {
    const v1::CaseEventRecord& e = d.history(i);
    const std::string when = MomentWords(t, e.at(), s.zone);
    const std::string who = e.officer().empty() ? "CareVoice" : e.officer();
    ui.Paragraph("case.event." + std::to_string(i),
                 e.detail().empty()
                     ? t.Format("officer.case.event", {when, who, e.action()})
                     : t.Format("officer.case.event.detail", {when, who, e.action(), e.detail()}));
  }
  return intent;
}

OfficerIntent DrawOfficerAction(const OfficerScreen& s, Ui& ui) {
  const Texts& t = s.texts;
  const OfficerDesk& desk = s.desk;
  const std::string id(CaseActionId(desk.action()));
  const v1::CaseRecord& c = desk.detail().case_();
  const Text label = t.Get("officer.action." + id);
  const Text ref = ReferenceText(c.reference());
  ui.Title({label.shown + ": " + ref.shown, label.spoken + ": " + ref.spoken, ""},
           t.Get("officer.form.instruction." + id));
  OfficerIntent intent = DrawAlerts(s, ui);
  DrawStatus(s, ui);
  for (const std::string& option : desk.Options()) {
    if (ui.Choice("option." + option, t.Get("officer.option." + option),
                  desk.option() == option)) {
      intent = {OfficerIntent::Kind::kOption, option};
    }
  }
  if (desk.TakesWords()) {
    ui.TextField(kDeskWords, t.Get("officer.field.words." + id), desk.words(),
                 t.Get("officer.field.hint"), t.Get("officer.field.empty"));
  }
  if (!desk.flagged().empty()) {
    ui.Paragraph("flagged", t.Format("officer.flagged", {absl::StrJoin(desk.flagged(), ", ")}));
    if (ui.Toggle("confirm", t.Get("officer.confirm"), desk.confirmed(), t.Get("state.on"),
                  t.Get("state.off"))) {
      intent = {OfficerIntent::Kind::kConfirm};
    }
  }
  if (ui.Button("form.save", t.Get("officer.save"))) intent = {OfficerIntent::Kind::kSave};
  if (ui.Button("form.cancel", t.Get("officer.cancel"))) intent = {OfficerIntent::Kind::kBack};
  return intent;
}

OfficerIntent DrawOfficerExport(const OfficerScreen& s, Ui& ui) {
  const Texts& t = s.texts;
  const OfficerDesk& desk = s.desk;
  ui.Title(t.Get("officer.export.title"), t.Get("officer.export.instruction"));
  OfficerIntent intent = DrawAlerts(s, ui);
  if (!desk.error().empty()) {
    ui.ErrorText("error", desk.error().rfind("officer.", 0) == 0 ? t.Get(desk.error())
                                                                 : Text::Same(desk.error()));
  }
  if (desk.packing() && (desk.exporting() || !desk.done().empty())) {
    // A pack's steps: each is said as it begins.
    const std::int64_t step = desk.exporting() ? desk.exported() : kPackSteps;
    ui.Progress("export.progress", static_cast<float>(step) / static_cast<float>(kPackSteps),
                t.Get("officer.pack.step." + std::to_string(step)));
  } else if (desk.exporting() || !desk.done().empty()) {
    const std::int64_t total = desk.export_total();
    const std::int64_t done = desk.exported();
    const int percent =
        total > 0 ? static_cast<int>(std::min<std::int64_t>(100, done * 100 / total)) : 0;
    // Said in tenths, so speech keeps up; the bar moves with every record.
    const int tenth = desk.exporting() ? percent / 10 * 10 : 100;
    const std::string shown_total = total >= 0 ? std::to_string(total) : "?";
    ui.Progress("export.progress",
                total > 0 ? static_cast<float>(done) / static_cast<float>(total)
                          : (desk.exporting() ? 0.0f : 1.0f),
                desk.exporting() && total < 0
                    ? t.Get("officer.export.starting")
                    : t.Format(desk.exporting() ? "officer.export.progress"
                                                : "officer.export.finished",
                               {std::to_string(tenth), shown_total}));
  }
  if (!desk.done().empty()) {
    ui.Paragraph("done", desk.packing()
                             ? t.Format("officer.done.pack", {desk.export_path()})
                             : t.Format("officer.done.export",
                                        {std::to_string(desk.exported()), desk.export_path()}));
  }
  if (!desk.exporting() && ui.Button("export.start", t.Get("officer.export.start"))) {
    intent = {OfficerIntent::Kind::kExport};
  }
  if (!desk.exporting()) {
    // The committee pack: each choice says what it sets, so it is clear
    // when heard alone; the period gives its days.
    ui.Paragraph("pack.about", t.Get("officer.pack.about"));
    for (const char* what : {"period", "audience", "format"}) {
      const std::vector<std::string>& ids = OfficerDesk::PackChoices(what);
      for (std::size_t i = 0; i < ids.size(); ++i) {
        const std::string key = absl::StrCat("officer.pack.", what, ".", ids[i]);
        Text label = t.Get(key);
        if (std::string_view(what) == "period") {
          const PackDays days = PackPeriodDays(ids[i], s.today);
          label = t.Format(key, {ShortDay(t, days.first), ShortDay(t, days.last)});
        }
        if (ui.Choice(absl::StrCat("pack.", what, ".", ids[i]), label,
                      desk.PackChoice(what) == ids[i])) {
          intent = {OfficerIntent::Kind::kPackChoice, what, static_cast<int>(i)};
        }
      }
    }
    if (ui.Button("pack.start", t.Get("officer.pack.start"))) {
      intent = {OfficerIntent::Kind::kPack};
    }
  }
  if (!desk.exporting() && ui.Button("export.back", t.Get("officer.back.queue"))) {
    intent = {OfficerIntent::Kind::kBack};
  }
  return intent;
}

}  // namespace carevoice::client::ui
