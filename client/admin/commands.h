// The carevoice-admin commands, apart from argument parsing so tests can
// run them against an in-process server. They call the Officer service
// through a stub, with the session token `login` got, and write what they
// get; the main thread calls them. When the service says the session ends
// within a quarter of an hour, a warning goes to stderr.
#pragma once

#include <cstdint>
#include <ostream>
#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "carevoice/v1/carevoice.grpc.pb.h"

namespace carevoice::client::admin {

struct ListOptions {
  std::string token;
  std::string format = "table";  // "table" or "json"
  bool include_text = false;
  std::string reason;  // why the words are needed (with include_text)
  int limit = 100;  // at most this many records, urgent first, then newest
  absl::Duration deadline = absl::Seconds(30);  // per call
};

// Lists submissions page by page and writes them to `out` as asked.
absl::Status RunList(v1::Officer::StubInterface& stub,
                     const ListOptions& options, std::ostream& out);

struct ExportOptions {
  std::string token;
  std::string out_path;
  bool identified = false;
  std::string reason;  // why contact details are needed (with identified)
  absl::Duration deadline = absl::Minutes(30);  // for the whole stream
};

// Streams every submission into a CSV file at out_path (mode 0600: it may
// hold personal data). The file appears only when the export completed;
// a failed export leaves nothing behind. Returns the number of records.
absl::StatusOr<std::int64_t> RunExport(v1::Officer::StubInterface& stub,
                                       const ExportOptions& options);

struct SubjectAccessOptions {
  std::string token;
  v1::SubjectAccessRequest request;  // who, and why
  std::string out_path;
  absl::Duration deadline = absl::Minutes(30);
};

// `sar`: everything the service holds about one person, written to
// out_path (mode 0600) as JSON a person can read: what was asked, when,
// and each record whole. Written only when complete. Returns how many.
absl::StatusOr<std::int64_t> RunSubjectAccess(v1::Officer::StubInterface& stub,
                                              const SubjectAccessOptions& options);

// `erase`: removes everything held about one person (officer; audited).
// Without `yes` (and not a dry run) nothing is sent: an erasure cannot be
// undone. Writes what was (or, on a dry run, would be) removed.
absl::Status RunErase(v1::Officer::StubInterface& stub, const std::string& token,
                      const v1::EraseRequest& request, bool yes, std::ostream& out);

// A new sealing key for tablets (admin); prints its id.
absl::Status RunRotateSealingKey(v1::Officer::StubInterface& stub, const std::string& token,
                                 std::ostream& out);

// Applies the retention schedule now (admin), or only counts (dry run);
// prints the schedule with its reasons and the counts.
absl::Status RunRetention(v1::Officer::StubInterface& stub, const std::string& token,
                          bool dry_run, std::ostream& out);

// The case queue (officer), as a table (overdue cases marked in words) or
// JSON.
absl::Status RunCases(v1::Officer::StubInterface& stub, const std::string& token,
                      const v1::ListCasesRequest& request, const std::string& format,
                      std::ostream& out);
// Watches for urgent worries (officer): prints each safeguarding worry
// still awaiting a decision, once, as it appears (those waiting now
// first), with a bell, asking the queue every `every`. `between(round)` is
// called after each round (tests add worries there; the CLI sleeps);
// returns false to stop. Stops with the error when a call fails (the
// session ended, the service went away).
absl::Status RunWatchCases(v1::Officer::StubInterface& stub, const std::string& token,
                           const std::function<bool(int round)>& between, std::ostream& out);

// A letter to the person about case `id` (officer): the acknowledgement or
// the response, in `format`: "text" (to `out_path`, or printed when it is
// empty), "large-print" or "easy-read" (PDF), "audio" (WAV); "bsl",
// "phone" and "post" are recorded in the case's history as a task for the
// officer, and said. Empty `format` or `kind`: from the case (the format
// the person asked for; the response once one is recorded).
struct LetterOptions {
  std::string id;
  std::string kind;    // "acknowledgement", "response" or empty
  std::string format;  // as above, or empty
  std::string out_path;
  std::string council = "The council";
  std::string signed_by;
};
absl::Status RunCaseLetter(v1::Officer::StubInterface& stub, const std::string& token,
                           const LetterOptions& options, std::ostream& out);

// Enters a complaint made another way (officer), its Submission read from
// the JSON file at `json_path`; prints the case, its reference and the PIN
// to give the person.
absl::Status RunRecordComplaint(v1::Officer::StubInterface& stub, const std::string& token,
                                v1::RecordComplaintRequest request, const std::string& json_path,
                                std::ostream& out);
// Moves one case on (officer); prints where it now stands.
absl::Status RunMoveCase(v1::Officer::StubInterface& stub, const std::string& token,
                         const v1::MoveCaseRequest& request, std::ostream& out);

struct BackupOptions {
  std::string token;
  std::string out_path;
  absl::Duration deadline = absl::Hours(2);  // for the whole stream
};

// `backup`: the service's consistent copy of its database, written to
// out_path (mode 0600: it holds everything) only once it arrived whole
// (its length and SHA-256 as the service sent them), then checked with
// SQLite's integrity check. Returns its size in bytes.
absl::StatusOr<std::int64_t> RunBackup(v1::Officer::StubInterface& stub,
                                       const BackupOptions& options, std::ostream& out);

struct AuditOptions {
  std::string token;
  int limit = 50;  // audit list: the newest this many rows
  absl::Duration deadline = absl::Seconds(60);
  // audit verify: the anchor file (AuditAnchorPath); empty for none.
  std::string anchor_path{};
};

// `audit verify`: recomputes the hash chain at the service and writes what
// it found. With an anchor file, the chain must still hold the row it
// names, with its hash (rows cut from the end are found); when intact, the
// newest row becomes the anchor. An error status when a row does not fit
// (the CLI exits 1).
absl::Status RunAuditVerify(v1::Officer::StubInterface& stub, const AuditOptions& options,
                            std::ostream& out);
// `audit list`: the newest rows, newest first, one line each.
absl::Status RunAuditList(v1::Officer::StubInterface& stub, const AuditOptions& options,
                          std::ostream& out);

// `login`: signs in and returns the session (token and expiry).
absl::StatusOr<v1::SignInResponse> RunLogin(v1::Officer::StubInterface& stub,
                                            const std::string& name,
                                            const std::string& password);
// `logout`: ends the session at the service.
absl::Status RunLogout(v1::Officer::StubInterface& stub, const std::string& token);
// `session`: who is signed in and until when; extends the session.
absl::Status RunSession(v1::Officer::StubInterface& stub, const std::string& token,
                        std::ostream& out);

// `account ...` (admin).
absl::Status RunAccountCreate(v1::Officer::StubInterface& stub, const std::string& token,
                              const v1::CreateAccountRequest& request, std::ostream& out);
absl::Status RunAccountList(v1::Officer::StubInterface& stub, const std::string& token,
                            std::ostream& out);
absl::Status RunAccountUpdate(v1::Officer::StubInterface& stub, const std::string& token,
                              const v1::UpdateAccountRequest& request, std::ostream& out);

// `device enrol`: prints the one-time code and until when it works.
absl::Status RunDeviceEnrol(v1::Officer::StubInterface& stub, const std::string& token,
                            const v1::CreateEnrolmentCodeRequest& request, std::ostream& out);
// `device list`: one line per device.
absl::Status RunDeviceList(v1::Officer::StubInterface& stub, const std::string& token,
                           std::ostream& out);
// `device revoke ID`.
absl::Status RunDeviceRevoke(v1::Officer::StubInterface& stub, const std::string& token,
                             const std::string& device_id, std::ostream& out);

// `catalog publish FILE`: sends the file's JSON; prints the new version.
absl::Status RunCatalogPublish(v1::Officer::StubInterface& stub, const std::string& token,
                               const std::string& path, std::ostream& out);

// `consultation publish FILE`: sends the file's JSON; prints what kiosks
// will show and when. The service names any bad field.
absl::Status RunConsultationPublish(v1::Officer::StubInterface& stub, const std::string& token,
                                    const std::string& path, std::ostream& out);
// `consultation list`: every consultation with whether it is open (and
// days left), to come or closed, by the service's clock.
absl::Status RunConsultationList(v1::Officer::StubInterface& stub, const std::string& token,
                                 std::ostream& out);
// `consultation close ID`: closes it now; kiosks drop it at their next
// refresh.
absl::Status RunConsultationClose(v1::Officer::StubInterface& stub, const std::string& token,
                                  const std::string& id, std::ostream& out);
// `consultation results ID`: what people answered, question by question:
// how many answered, each option's count (a ranking: first places and the
// average place), the agreement scale; free text only counted.
absl::Status RunConsultationResults(v1::Officer::StubInterface& stub, const std::string& token,
                                    const std::string& id, std::ostream& out);
// `notice publish FILE`: a "You said, we did" notice from its JSON, listed
// first at every kiosk.
absl::Status RunNoticePublish(v1::Officer::StubInterface& stub, const std::string& token,
                              const std::string& path, std::ostream& out);
// `ballot create FILE`: publishes a Forum ballot from its JSON.
absl::Status RunBallotCreate(v1::Officer::StubInterface& stub, const std::string& token,
                             const std::string& path, std::ostream& out);
// `ballot codes ID --count N --out FILE`: issues N one-time codes and
// writes them as FILE.html (large print, one card each) and FILE.txt (for
// phone or braille), 0600. The service keeps only their hashes.
absl::Status RunBallotCodes(v1::Officer::StubInterface& stub, const std::string& token,
                            const std::string& id, int count, const std::string& out_path,
                            std::ostream& out);
// `ballot list`: every ballot, open, to come or closed, with codes issued
// and votes cast.
absl::Status RunBallotList(v1::Officer::StubInterface& stub, const std::string& token,
                           std::ostream& out);
// `ballot count ID`: counts a closed ballot, every round shown, and
// publishes the result to kiosks (or counts it again and checks it).
absl::Status RunBallotCount(v1::Officer::StubInterface& stub, const std::string& token,
                            const std::string& id, std::ostream& out);

// "open, 12 days left" / "opens 2027-01-04" / "closed 2026-11-30 (early)",
// for a consultation at `now` (UTC days; the last day counts as one left).
std::string ConsultationState(const v1::Consultation& c, absl::Time now);

// `quarantine list`: what the service could not take, newest first.
absl::Status RunQuarantineList(v1::Officer::StubInterface& stub, const std::string& token,
                               int limit, std::ostream& out);

// `report`: the committee pack the service computes, written as `format`.
struct ReportOptions {
  std::string period;    // FIRST..LAST, or "" with annual_year
  int annual_year = 0;   // the year to 31 March, or 0
  std::string audience;  // scrutiny, forum, public
  std::string format;    // md, csv
  std::string out;       // the file written (whole, or not at all)
};
absl::Status RunReport(v1::Officer::StubInterface& stub, const std::string& token,
                       const ReportOptions& options, std::ostream& out);

// `taking-part [--from M] [--to M]`: who took part and how, a count per
// line ("2026-12  equality.age_band  85 and over  fewer than 5").
absl::Status RunTakingPart(v1::Officer::StubInterface& stub, const std::string& token,
                           const std::string& from_month, const std::string& to_month,
                           std::ostream& out);

// A counted value in words: an enum's number as its name ("7" of
// equality.age_band is "85 and over"), 1/0 of a yes/no as "yes"/"no",
// anything else as it is.
std::string TakingPartValueWords(std::string_view aspect, std::string_view value);

// "admin", "officer", "clerk" to the proto's Role; ROLE_UNSPECIFIED else.
v1::Role RoleNamed(std::string_view name);

}  // namespace carevoice::client::admin
