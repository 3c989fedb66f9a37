// Reads the on-screen keyboard's word-prediction lists from the assets
// folder: assets/words/<tag>.txt for each tag of WordLists::Languages()
// ("en-GB", "cy", "pl"). Each file is UTF-8 text, one word per line, most
// frequent first; blank lines are skipped. The keyboard itself never reads
// files: main (and the UI tests) load the lists here and hand them over.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "client/app/onscreen_keyboard.h"

namespace carevoice::client {

// One list. Fails with the path (and line) when the file is missing or
// unreadable, a line is not valid UTF-8 or holds more than one word, or a
// word appears twice.
absl::StatusOr<std::vector<std::string>> LoadWordList(const std::string& path);

// Every language's list from `<words_dir>/<tag>.txt`; fails when any does.
absl::StatusOr<WordLists> LoadWordLists(const std::string& words_dir);

}  // namespace carevoice::client
