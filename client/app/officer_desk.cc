#include "client/app/officer_desk.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace carevoice::client {
namespace {

// Debian's abseil has its own string_view.
absl::string_view Absl(std::string_view s) { return {s.data(), s.size()}; }

bool Blank(std::string_view s) { return absl::StripAsciiWhitespace(Absl(s)).empty(); }

bool IsOpen(std::string_view state) {
  return state == "received" || state == "acknowledged" || state == "investigating";
}

}  // namespace

std::string_view CaseActionId(CaseAction action) {
  switch (action) {
    case CaseAction::kAcknowledge: return "acknowledge";
    case CaseAction::kAssignToMe: return "assign";
    case CaseAction::kNote: return "note";
    case CaseAction::kRespond: return "respond";
    case CaseAction::kPublish: return "publish";
    case CaseAction::kDecide: return "decide";
    case CaseAction::kClose: return "close";
    case CaseAction::kAgree: return "agree";
    case CaseAction::kWithdraw: return "withdraw";
    case CaseAction::kRefer: return "refer";
    case CaseAction::kReopen: return "reopen";
    case CaseAction::kThemes: return "theme";
  }
  return "note";
}

std::vector<std::string> FlaggedWords(std::string_view refusal) {
  // The redactor's refusal names them between these two markers.
  static constexpr std::string_view kBefore = "may be names: ";
  static constexpr std::string_view kAfter = ". If none";
  const std::size_t start = refusal.find(kBefore);
  if (start == std::string_view::npos) return {};
  std::string_view rest = refusal.substr(start + kBefore.size());
  rest = rest.substr(0, rest.find(kAfter));
  std::vector<std::string> words;
  for (absl::string_view w : absl::StrSplit(Absl(rest), ", ", absl::SkipWhitespace())) {
    words.emplace_back(absl::StripAsciiWhitespace(w));
  }
  return words;
}

std::string OfficerDesk::ViewName() const {
  switch (view_) {
    case DeskView::kSignIn: return "officer.sign_in";
    case DeskView::kQueue: return "officer.queue";
    case DeskView::kCase: return "officer.case";
    case DeskView::kAction: return "officer.action." + std::string(CaseActionId(action_));
    case DeskView::kExport: return "officer.export";
  }
  return "officer.sign_in";
}

void OfficerDesk::Show(DeskView view) {
  if (view != view_) {
    error_.clear();
    done_.clear();
  }
  view_ = view;
}

OfficerCall OfficerDesk::Call(OfficerCall::Kind kind) {
  OfficerCall call;
  call.kind = kind;
  call.serial = ++serial_;
  pending_ = call.serial;
  error_.clear();
  return call;
}

std::string* OfficerDesk::Field(std::string_view id) {
  if (view_ == DeskView::kSignIn && id == kDeskName) return &name_;
  if (view_ == DeskView::kSignIn && id == kDeskPassword) return &password_;
  if (view_ == DeskView::kAction && id == kDeskWords && TakesWords()) return &words_;
  return nullptr;
}

std::optional<OfficerCall> OfficerDesk::SignIn() {
  if (Blank(name_)) {
    error_ = "officer.error.name";
    return std::nullopt;
  }
  if (password_.empty()) {
    error_ = "officer.error.password";
    return std::nullopt;
  }
  OfficerCall call = Call(OfficerCall::Kind::kSignIn);
  call.name = std::string(absl::StripAsciiWhitespace(Absl(name_)));
  call.password = password_;
  password_.clear();  // kept no longer than it takes to send
  return call;
}

void OfficerDesk::Forget() {
  officer_.clear();
  name_.clear();
  password_.clear();
  words_.clear();
  queue_.Clear();
  detail_.Clear();
  alerts_.clear();
  last_case_.clear();
  flagged_.clear();
  next_refresh_ = absl::InfiniteFuture();
  background_ = 0;
}

OfficerCall OfficerDesk::SignOut(std::string why) {
  OfficerCall call = Call(OfficerCall::Kind::kSignOut);
  Forget();
  Show(DeskView::kSignIn);
  error_ = std::move(why);
  return call;
}

OfficerCall OfficerDesk::Refresh() { return Call(OfficerCall::Kind::kListCases); }

std::optional<OfficerCall> OfficerDesk::Tick(absl::Time now) {
  if (officer_.empty() || busy() || background_ != 0 || now < next_refresh_) return std::nullopt;
  OfficerCall call;
  call.kind = OfficerCall::Kind::kListCases;
  call.serial = ++serial_;
  background_ = call.serial;
  next_refresh_ = absl::InfiniteFuture();  // set again by the answer
  return call;
}

OfficerCall OfficerDesk::Open(const std::string& submission_id) {
  OfficerCall call = Call(OfficerCall::Kind::kGetCase);
  call.submission_id = submission_id;
  last_case_ = submission_id;
  return call;
}

std::vector<CaseAction> OfficerDesk::Actions() const {
  const v1::CaseRecord& c = detail_.case_();
  const std::string& state = c.state();
  std::vector<CaseAction> actions;
  // What the law's clock asks for next comes first.
  if (c.kind() == "safeguarding" && !c.safeguarding_decided()) {
    actions.push_back(CaseAction::kDecide);
  }
  if (state == "received") actions.push_back(CaseAction::kAcknowledge);
  if (c.statutory() && (state == "acknowledged" || state == "investigating") &&
      c.respond_by().empty()) {
    actions.push_back(CaseAction::kAgree);
  }
  if (IsOpen(state) && (!c.statutory() || state != "received")) {
    actions.push_back(CaseAction::kRespond);
  }
  // Once responded, the reply to the person and closing are what is left.
  if (state == "responded") {
    actions.push_back(CaseAction::kPublish);
    actions.push_back(CaseAction::kClose);
  } else {
    if (IsOpen(state) && !c.statutory()) actions.push_back(CaseAction::kClose);
    actions.push_back(CaseAction::kPublish);
  }
  if (c.statutory() && (state == "responded" || state == "closed")) {
    actions.push_back(CaseAction::kRefer);
  }
  actions.push_back(CaseAction::kNote);
  if (c.assigned_to() != officer_) actions.push_back(CaseAction::kAssignToMe);
  if (c.themes().empty() && !c.suggested_themes().empty()) {
    actions.push_back(CaseAction::kThemes);
  }
  if (c.statutory() && (state == "acknowledged" || state == "investigating") &&
      !c.respond_by().empty()) {
    actions.push_back(CaseAction::kAgree);  // agreed again, later
  }
  if (IsOpen(state)) actions.push_back(CaseAction::kWithdraw);
  if (state == "closed" || state == "withdrawn") actions.push_back(CaseAction::kReopen);
  return actions;
}

void OfficerDesk::StartAction(CaseAction action) {
  action_ = action;
  option_.clear();
  words_.clear();
  flagged_.clear();
  confirmed_ = false;
  // A reply already published is there to be changed, not typed again.
  if (action == CaseAction::kPublish) words_ = detail_.case_().reply();
  Show(DeskView::kAction);
}

std::vector<std::string> OfficerDesk::Options() const {
  switch (action_) {
    case CaseAction::kAcknowledge: return {"phone", "email", "letter", "in_person"};
    case CaseAction::kRespond: return {"upheld", "partly_upheld", "not_upheld"};
    case CaseAction::kDecide: return {"referred", "no_further_action", "police"};
    default: return {};
  }
}

bool OfficerDesk::TakesWords() const {
  switch (action_) {
    case CaseAction::kNote:
    case CaseAction::kRespond:
    case CaseAction::kPublish:
    case CaseAction::kDecide:
    case CaseAction::kAgree:
    case CaseAction::kWithdraw:
    case CaseAction::kReopen:
      return true;
    default:
      return false;
  }
}

bool OfficerDesk::NeedsWords() const {
  if (action_ == CaseAction::kDecide) return option_ == "no_further_action";
  return TakesWords();
}

std::optional<OfficerCall> OfficerDesk::Save() {
  const bool needs_option = action_ == CaseAction::kAcknowledge ||
                            action_ == CaseAction::kDecide ||
                            (action_ == CaseAction::kRespond && detail_.case_().statutory());
  if (needs_option && option_.empty()) {
    error_ = "officer.error.choose." + std::string(CaseActionId(action_));
    return std::nullopt;
  }
  if (NeedsWords() && Blank(words_)) {
    error_ = "officer.error.words." + std::string(CaseActionId(action_));
    return std::nullopt;
  }
  v1::MoveCaseRequest move;
  move.set_submission_id(detail_.case_().submission_id());
  move.set_action(std::string(CaseActionId(action_)));
  switch (action_) {
    case CaseAction::kAcknowledge: move.set_contact_method(option_); break;
    case CaseAction::kAssignToMe: move.set_assign_to(officer_); break;
    case CaseAction::kNote: move.set_note(words_); break;
    case CaseAction::kRespond:
      move.set_outcome(option_);
      move.set_response(words_);
      break;
    case CaseAction::kPublish:
      move.set_reply(words_);
      if (confirmed_) {
        for (const std::string& w : flagged_) move.add_confirmed_words(w);
      }
      break;
    case CaseAction::kDecide:
      move.set_decision(option_);
      move.set_reason(words_);
      break;
    case CaseAction::kClose:
    case CaseAction::kRefer:
      break;
    case CaseAction::kAgree:
      move.set_respond_by(std::string(absl::StripAsciiWhitespace(Absl(words_))));
      break;
    case CaseAction::kWithdraw:
    case CaseAction::kReopen:
      move.set_reason(words_);
      break;
    case CaseAction::kThemes:
      *move.mutable_themes() = detail_.case_().suggested_themes();
      break;
  }
  OfficerCall call = Call(OfficerCall::Kind::kMoveCase);
  call.move = std::move(move);
  return call;
}

std::optional<OfficerCall> OfficerDesk::StartExport(std::string path) {
  if (exporting_) return std::nullopt;
  OfficerCall call = Call(OfficerCall::Kind::kExport);
  done_.clear();
  call.export_path = path;
  export_path_ = std::move(path);
  exported_ = 0;
  export_total_ = -1;
  exporting_ = true;
  packing_ = false;
  return call;
}

const std::vector<std::string>& OfficerDesk::PackChoices(std::string_view what) {
  static const auto* const periods =
      new std::vector<std::string>{"last_quarter", "this_quarter", "council_year"};
  static const auto* const audiences = new std::vector<std::string>{"scrutiny", "forum", "public"};
  static const auto* const formats =
      new std::vector<std::string>{"pdf", "html", "xlsx", "csv", "md"};
  static const auto* const none = new std::vector<std::string>();
  if (what == "period") return *periods;
  if (what == "audience") return *audiences;
  if (what == "format") return *formats;
  return *none;
}

const std::string& OfficerDesk::PackChoice(std::string_view what) const {
  if (what == "period") return pack_period_;
  if (what == "audience") return pack_audience_;
  return pack_format_;
}

void OfficerDesk::ChoosePack(std::string_view what, const std::string& id) {
  const std::vector<std::string>& ids = PackChoices(what);
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) return;
  if (what == "period") pack_period_ = id;
  if (what == "audience") pack_audience_ = id;
  if (what == "format") pack_format_ = id;
}

std::optional<OfficerCall> OfficerDesk::StartPack(absl::CivilDay today, std::string path) {
  if (exporting_) return std::nullopt;
  OfficerCall call = Call(OfficerCall::Kind::kPack);
  done_.clear();
  const PackDays days = PackPeriodDays(pack_period_, today);
  if (days.annual_year != 0) {
    call.pack.set_annual_year(days.annual_year);
  } else {
    call.pack.set_period(absl::StrCat(absl::FormatCivilTime(days.first), "..",
                                      absl::FormatCivilTime(days.last)));
  }
  v1::Audience audience = v1::AUDIENCE_UNSPECIFIED;
  v1::Audience_Parse("AUDIENCE_" + absl::AsciiStrToUpper(pack_audience_), &audience);
  call.pack.set_audience(audience);
  call.pack_format = pack_format_;
  call.export_path = path;
  export_path_ = std::move(path);
  exported_ = 0;
  export_total_ = kPackSteps;
  exporting_ = true;
  packing_ = true;
  return call;
}

PackDays PackPeriodDays(std::string_view period, absl::CivilDay today) {
  const absl::CivilMonth quarter(today.year(), (today.month() - 1) / 3 * 3 + 1);
  if (period == "this_quarter") return {absl::CivilDay(quarter), today};
  if (period == "council_year") {
    // The year to 31 March just gone (this year's, from April).
    const int year = today.month() >= 4 ? static_cast<int>(today.year())
                                        : static_cast<int>(today.year()) - 1;
    return {absl::CivilDay(year - 1, 4, 1), absl::CivilDay(year, 3, 31), year};
  }
  return {absl::CivilDay(quarter - 3), absl::CivilDay(quarter) - 1};
}

std::optional<OfficerCall> OfficerDesk::Back() {
  switch (view_) {
    case DeskView::kExport:
      // The file is written whole or not at all: the officer stays to hear
      // which, unless nothing is under way.
      if (exporting_) return std::nullopt;
      Show(DeskView::kQueue);
      return std::nullopt;
    case DeskView::kAction:
      Show(DeskView::kCase);
      return std::nullopt;
    case DeskView::kCase: {
      // The queue as last seen at once, focus on this case, while the
      // service is asked again in the background (the case may have moved).
      Show(DeskView::kQueue);
      if (background_ != 0) return std::nullopt;
      OfficerCall call;
      call.kind = OfficerCall::Kind::kListCases;
      call.serial = ++serial_;
      background_ = call.serial;
      return call;
    }
    default:
      return std::nullopt;
  }
}

std::optional<OfficerCall> OfficerDesk::Apply(const OfficerAnswer& answer, absl::Time now) {
  const bool to_file = answer.kind == OfficerCall::Kind::kExport ||
                       answer.kind == OfficerCall::Kind::kPack;
  if (to_file && !answer.finished) {
    if (answer.serial == pending_) {  // on its way
      exported_ = answer.exported;
      export_total_ = answer.export_total;
    }
    return std::nullopt;
  }
  const bool waited = answer.serial == pending_;
  const bool timer = answer.serial == background_;
  if (!waited && !timer) return std::nullopt;  // asked before the officer moved on
  if (waited) pending_ = 0;
  if (timer) background_ = 0;
  if (to_file) {
    exporting_ = false;
    exported_ = answer.exported;
    export_total_ = answer.export_total;
  }
  if (!answer.status.ok() && answer.status.code() == absl::StatusCode::kUnauthenticated &&
      answer.kind != OfficerCall::Kind::kSignIn) {
    // The session ended (idle, or its longest): sign in again; nothing
    // typed into a form is sent without one.
    Forget();
    Show(DeskView::kSignIn);
    error_ = "officer.error.session_ended";
    return std::nullopt;
  }
  if (!answer.status.ok()) {
    if (waited) error_ = std::string(answer.status.message());
    if (timer) next_refresh_ = now + refresh_;  // try again later
    if (answer.kind == OfficerCall::Kind::kMoveCase && action_ == CaseAction::kPublish) {
      flagged_ = FlaggedWords(std::string(answer.status.message()));
    }
    return std::nullopt;
  }
  switch (answer.kind) {
    case OfficerCall::Kind::kSignIn:
      officer_ = answer.signed_in.session().name();
      Show(DeskView::kQueue);
      return Refresh();
    case OfficerCall::Kind::kSignOut:
      return std::nullopt;  // already signed out here
    case OfficerCall::Kind::kListCases: {
      queue_ = answer.queue;
      next_refresh_ = now + refresh_;
      std::vector<v1::CaseRecord> fresh = worries_.Take(queue_);
      alerts_.insert(alerts_.end(), fresh.begin(), fresh.end());
      return std::nullopt;
    }
    case OfficerCall::Kind::kGetCase:
      detail_ = answer.detail;
      Show(DeskView::kCase);
      return std::nullopt;
    case OfficerCall::Kind::kMoveCase: {
      *detail_.mutable_case_() = answer.moved;
      Show(DeskView::kCase);
      done_ = "officer.done." + std::string(CaseActionId(action_));
      words_.clear();
      flagged_.clear();
      // The history now holds the move: read the case again.
      OfficerCall call = Call(OfficerCall::Kind::kGetCase);
      call.submission_id = answer.moved.submission_id();
      return call;
    }
    case OfficerCall::Kind::kExport:
      done_ = "officer.done.export";
      return std::nullopt;
    case OfficerCall::Kind::kPack:
      done_ = "officer.done.pack";
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace carevoice::client
