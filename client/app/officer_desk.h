// The officer console's state, apart from any window: which view is shown
// (sign in, the queue, a case, an action's form), what the officer typed and
// chose there, what the service last answered, and which call to make next.
// It makes no calls itself: each step returns the OfficerCall to make (the
// console posts it to its OfficerWorker) and the answers come back through
// Apply. So every path -- a refusal, a session that ended, an urgent worry
// arriving -- is tested without a window or a network. UI thread only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "carevoice/v1/carevoice.pb.h"
#include "client/model/officer_calls.h"

namespace carevoice::client {

enum class DeskView { kSignIn, kQueue, kCase, kAction, kExport };

// What an officer can do to a case from the console.
enum class CaseAction {
  kAcknowledge, kAssignToMe, kNote, kRespond, kPublish, kDecide, kClose,
  kAgree,     // the response period agreed with the person
  kWithdraw,  // the person withdrew it (a reason)
  kRefer,     // to the Ombudsman
  kReopen,    // a closed or withdrawn case (a reason)
  kThemes,    // accept the suggested themes
};
// "acknowledge", "assign", "note", "respond", "publish", "decide",
// "close", "agree", "withdraw", "refer", "reopen", "theme": the service's
// names for the moves.
std::string_view CaseActionId(CaseAction action);

// The fields an officer types into, by id (the UI's text fields).
inline constexpr char kDeskName[] = "signin.name";
inline constexpr char kDeskPassword[] = "signin.password";
inline constexpr char kDeskWords[] = "action.words";

class OfficerDesk {
 public:
  // `refresh`: how often the queue is asked for again while signed in, so
  // an urgent worry is told soon after it arrives.
  explicit OfficerDesk(absl::Duration refresh = absl::Seconds(30)) : refresh_(refresh) {}

  DeskView view() const { return view_; }
  // "officer.sign_in", "officer.queue", "officer.case",
  // "officer.action.<action>", "officer.export": each names a screen
  // (screenshots, tests).
  std::string ViewName() const;

  // A call is under way that the officer waits for.
  bool busy() const { return pending_ != 0; }
  // The last refusal or failure, in words (the service's own, or a
  // language key starting "officer." for the desk's); empty for none.
  const std::string& error() const { return error_; }
  // What the last action did ("officer.done.<action>"), until the view
  // changes.
  const std::string& done() const { return done_; }

  // Typing goes to a field by id; false when there is no such field here.
  std::string* Field(std::string_view id);
  const std::string& name() const { return name_; }
  const std::string& password() const { return password_; }
  const std::string& words() const { return words_; }

  // Sign in with what was typed; nullopt (and an error) when a field is empty.
  std::optional<OfficerCall> SignIn();
  // Who is signed in, once they are.
  const std::string& officer() const { return officer_; }
  // Signs out here at once (nothing of the session stays on screen), and
  // tells the service; `why` (a language key, or empty) is then shown on
  // the sign-in screen.
  OfficerCall SignOut(std::string why = {});
  bool signed_in() const { return !officer_.empty(); }

  const v1::ListCasesResponse& queue() const { return queue_; }
  // The case the queue was left from: focus goes back to it.
  const std::string& last_case() const { return last_case_; }
  OfficerCall Refresh();
  // The queue again when it is due (and nothing else is asked): the
  // console calls this on its timer.
  std::optional<OfficerCall> Tick(absl::Time now);
  absl::Time NextRefresh() const { return next_refresh_; }

  // Urgent worries that arrived since the officer last heard of them; the
  // console shows and speaks them, then calls AlertsTold.
  const std::vector<v1::CaseRecord>& alerts() const { return alerts_; }
  void AlertsTold() { alerts_.clear(); }

  OfficerCall Open(const std::string& submission_id);
  const v1::CaseDetail& detail() const { return detail_; }
  // What may be done to the open case now, most likely first.
  std::vector<CaseAction> Actions() const;

  void StartAction(CaseAction action);
  CaseAction action() const { return action_; }
  // The choices the action's form offers ("phone", "upheld", "referred"),
  // empty for none, and the one chosen.
  std::vector<std::string> Options() const;
  const std::string& option() const { return option_; }
  void Choose(std::string option) { option_ = std::move(option); }
  // Whether the form has a field for words, and whether it must be filled.
  bool TakesWords() const;
  bool NeedsWords() const;
  // Words the redactor flagged as possible names, from the last refusal;
  // the officer may confirm they name no one.
  const std::vector<std::string>& flagged() const { return flagged_; }
  bool confirmed() const { return confirmed_; }
  void SetConfirmed(bool confirmed) { confirmed_ = confirmed; }
  // Sends the form; nullopt (and an error) when something it needs is missing.
  std::optional<OfficerCall> Save();

  // The export screen, from the queue: the CSV of every submission, or a
  // committee pack.
  void ShowExport() { Show(DeskView::kExport); }
  // Every submission, anonymised, into a CSV file at `path`; nullopt while
  // one is under way.
  std::optional<OfficerCall> StartExport(std::string path);
  // How far the export has got: records written, of how many (-1 while
  // not known), and where the file goes; `exported_path` is set once it is
  // there whole.
  std::int64_t exported() const { return exported_; }
  std::int64_t export_total() const { return export_total_; }
  const std::string& export_path() const { return export_path_; }
  bool exporting() const { return exporting_; }
  // Whether what is under way, or was last made, is a committee pack.
  bool packing() const { return packing_; }

  // The committee pack's choices, each with its ids in the order offered
  // (PackChoices) and the one chosen: "period" (last_quarter,
  // this_quarter, council_year), "audience" (scrutiny, forum, public) and
  // "format" (pdf, html, xlsx, csv, md). Unknown ids are ignored.
  static const std::vector<std::string>& PackChoices(std::string_view what);
  const std::string& PackChoice(std::string_view what) const;
  void ChoosePack(std::string_view what, const std::string& id);
  // The pack as chosen, made for `today` (the council's day) into `path`;
  // nullopt while an export or a pack is under way.
  std::optional<OfficerCall> StartPack(absl::CivilDay today, std::string path);

  // Back from a form to its case, from a case to the queue (shown as last
  // seen, and asked for again in the background, since the case may have
  // moved); nothing from the queue.
  std::optional<OfficerCall> Back();

  // An answer from the service; returns the call to make next, if any.
  std::optional<OfficerCall> Apply(const OfficerAnswer& answer, absl::Time now);

 private:
  OfficerCall Call(OfficerCall::Kind kind);
  void Forget();  // everything of the session
  void Show(DeskView view);

  absl::Duration refresh_;
  DeskView view_ = DeskView::kSignIn;
  std::uint64_t serial_ = 0;
  std::uint64_t pending_ = 0;      // the call the officer waits for; 0 none
  std::uint64_t background_ = 0;   // a refresh on the timer; 0 none
  std::string error_, done_;
  std::string name_, password_, words_;
  std::string officer_;
  v1::ListCasesResponse queue_;
  absl::Time next_refresh_ = absl::InfiniteFuture();
  UrgentWorries worries_;
  std::vector<v1::CaseRecord> alerts_;
  std::string last_case_;
  v1::CaseDetail detail_;
  CaseAction action_ = CaseAction::kNote;
  std::string option_;
  std::vector<std::string> flagged_;
  bool confirmed_ = false;
  std::int64_t exported_ = 0, export_total_ = -1;
  std::string export_path_;
  bool exporting_ = false;
  bool packing_ = false;
  std::string pack_period_ = "last_quarter", pack_audience_ = "scrutiny", pack_format_ = "pdf";
};

// The days a pack's period choice covers on `today`: the last full quarter
// (calendar quarters: April to June ...), this quarter so far, or the
// council year to the last 31 March (its `annual_year`, for the statutory
// annual complaints report; 0 otherwise).
struct PackDays {
  absl::CivilDay first, last;
  int annual_year = 0;
};
PackDays PackPeriodDays(std::string_view period, absl::CivilDay today);

// The words the redactor flagged in a refusal ("these words are not in the
// dictionary and may be names: A, B. If ..."), or none.
std::vector<std::string> FlaggedWords(std::string_view refusal);

}  // namespace carevoice::client
