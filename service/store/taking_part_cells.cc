#include "service/store/taking_part_cells.h"

#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace carevoice::service::store {
namespace {

using google::protobuf::FieldDescriptor;

// Every singular scalar field of `m` by reflection, so a question added to
// the contract is counted without a change here.
void AddFields(const google::protobuf::Message& m, const std::string& prefix, bool skip_zero_enums,
               std::vector<std::pair<std::string, std::string>>& cells) {
  const auto* descriptor = m.GetDescriptor();
  const auto* reflection = m.GetReflection();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor* f = descriptor->field(i);
    const std::string aspect = prefix + std::string(f->name());
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_ENUM: {
        const int value = reflection->GetEnumValue(m, f);
        if (value == 0 && skip_zero_enums) break;
        cells.emplace_back(aspect, std::to_string(value));
        break;
      }
      case FieldDescriptor::CPPTYPE_BOOL:
        cells.emplace_back(aspect, reflection->GetBool(m, f) ? "1" : "0");
        break;
      case FieldDescriptor::CPPTYPE_INT32:
        cells.emplace_back(aspect, std::to_string(reflection->GetInt32(m, f)));
        break;
      case FieldDescriptor::CPPTYPE_STRING: {
        std::string value = reflection->GetString(m, f);
        if (!value.empty()) cells.emplace_back(aspect, std::move(value));
        break;
      }
      default:
        break;  // the contract has no other kinds of field here
    }
  }
}

}  // namespace

std::vector<std::pair<std::string, std::string>> TakingPartCells(const v1::TakingPart& tally) {
  std::vector<std::pair<std::string, std::string>> cells;
  cells.emplace_back("visits", "all");
  AddFields(tally.how(), "how.", /*skip_zero_enums=*/false, cells);
  cells.emplace_back("equality", tally.has_equality() ? "answered" : "not_answered");
  if (tally.has_equality()) AddFields(tally.equality(), "equality.", /*skip_zero_enums=*/true, cells);
  return cells;
}

}  // namespace carevoice::service::store
