// Small helpers shared by the contract tests: readable FieldError output in
// failure messages, and strings of an exact code-point length.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

#include "contract/validation.h"

namespace carevoice::contract {

// Found by ADL, so gtest prints {feedback.text, error.too_long}.
inline void PrintTo(const FieldError& e, std::ostream* os) {
  *os << "{" << e.field << ", " << e.message_key << "}";
}

inline FieldError Error(std::string field, std::string_view key) {
  return FieldError{std::move(field), std::string(key)};
}

// `unit` repeated `n` times: Repeat("é", 5) is 5 code points, 10 bytes.
inline std::string Repeat(std::string_view unit, std::size_t n) {
  std::string out;
  out.reserve(unit.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += unit;
  return out;
}

}  // namespace carevoice::contract
