// Letters to the person, in the format they asked for: the acknowledgement
// of a complaint or concern and the response to it, built from the case
// (its clock, its history, the person's contact details) and rendered as
// plain text, a large-print PDF (cairo), an Easy Read PDF with a picture
// beside each idea, or speech in a WAV file (espeak-ng). Run by the
// officers' tool on the officer's machine: the words go only to the file
// the officer asked for. The fixed wording is English for now.
//
// Thread-safety: pure functions, any thread; RenderAudio waits for the
// process's one espeak-ng engine.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "carevoice/v1/carevoice.pb.h"

namespace carevoice::client::letters {

enum class Kind { kAcknowledgement, kResponse };

// One idea: a paragraph, with the picture drawn beside it in Easy Read
// ("check", "calendar", "speak", "phone", "people", "pencil", "warning").
struct Idea {
  std::string text;
  std::string picture{};
};

struct Letter {
  std::string language = "en-GB";  // of its words; the voice reads in it
  std::string title;
  std::string greeting;
  std::vector<Idea> ideas;
  std::string closing;
  bool easy_read = false;
};

// Who the letter is from (--council on the command line).
struct From {
  std::string council = "The council";
  std::string officer;  // who signs it
};

// The letter for `detail`, dated `today`. FailedPrecondition when the case
// is not at a point the letter can be written (no response recorded yet
// for a response letter).
absl::StatusOr<Letter> Build(const v1::CaseDetail& detail, Kind kind, bool easy_read,
                             absl::CivilDay today, const From& from);

// Plain text: each part on its own, a blank line between.
std::string RenderText(const Letter& letter);
// A4 PDF at 18 point (large print: 24 point headings), words wrapped, left
// aligned, 1.5 line spacing; Easy Read puts each idea's picture in a
// column on the left.
absl::Status RenderPdf(const Letter& letter, const std::string& path);
// The whole letter spoken, in its language's voice, as a RIFF WAV file.
absl::Status RenderAudio(const Letter& letter, const std::string& path);

}  // namespace carevoice::client::letters
