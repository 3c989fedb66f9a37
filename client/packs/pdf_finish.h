// What cairo 1.16 cannot write into a tagged PDF, added afterwards with
// qpdf: the document's language, each figure's alternative text, which way
// each table header cell points, and that viewers show the title rather
// than the file name. Pure: any thread.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace carevoice::client::packs {

struct PdfFinish {
  std::string language;              // BCP-47, for the catalog's /Lang
  std::vector<std::string> figures;  // /Alt of each Figure, in reading order
};

// `pdf` with `finish` applied: /Lang and /ViewerPreferences
// /DisplayDocTitle on the catalog; /Alt on the structure tree's Figure
// elements, in order (their number must match); /A << /O /Table /Scope >>
// on each TH: /Column in a THead, else /Row. InvalidArgument when the
// bytes are not a PDF with a structure tree or the figures do not match.
absl::StatusOr<std::string> FinishTaggedPdf(const std::string& pdf, const PdfFinish& finish);

}  // namespace carevoice::client::packs
