// The sheets a Forum's one-time ballot codes are handed out on: an HTML
// page that prints one code per large-print card (to cut and post, or
// hand over), and a plain-text list for members who are read theirs over
// the phone or have it brailled. Pure.
#pragma once

#include <string>
#include <vector>

#include "carevoice/v1/carevoice.pb.h"

namespace carevoice::client::admin {

// `codes` (canonical) for `ballot`, each on its own card: the ballot's
// title, when it is open, the code as "KQ7M-3RX9" in large type and spelt
// out, and how to vote. Text is escaped; the page has a language, a title
// and headings, and prints one card to a page area without splitting it.
std::string BallotCodesHtml(const v1::ForumBallot& ballot, const std::vector<std::string>& codes);

// The same codes, one to a line: "12. KQ7M-3RX9  (K Q 7 M, 3 R X 9)".
std::string BallotCodesText(const v1::ForumBallot& ballot, const std::vector<std::string>& codes);

}  // namespace carevoice::client::admin
