#include "base/csv.h"

namespace carevoice::base {

std::string CsvField(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    return std::string(value);
  }
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string DefuseFormula(std::string_view words) {
  if (!words.empty() && std::string_view("=+-@\t\r").find(words.front()) != std::string_view::npos) {
    return "'" + std::string(words);
  }
  return std::string(words);
}

}  // namespace carevoice::base
