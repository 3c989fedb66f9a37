// CSV as RFC 4180 writes it, for every export officers open in a
// spreadsheet: fields quoted where they must be, and words that a
// spreadsheet would run as a formula defused. Pure: any thread.
#pragma once

#include <string>
#include <string_view>

namespace carevoice::base {

// One CSV field: quoted when it holds a comma, quote, CR or LF (quotes
// doubled), else as is.
std::string CsvField(std::string_view value);

// Words a spreadsheet would take for a formula (starting with = + - @, a
// tab or a carriage return) with an apostrophe before them, so they stay
// words; anything else as is. For text only: a number's minus is its own.
std::string DefuseFormula(std::string_view words);

}  // namespace carevoice::base
