#include "service/catalog/json_check.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/time/time.h"

namespace carevoice::service::catalog {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using Result = std::optional<contract::FieldError>;

Result Fail(const std::string& path, std::string_view key) {
  return contract::FieldError{path, std::string(key)};
}

// A name from the file as it may appear in a message: a field name or a
// language tag is said as written; anything else is not quoted.
std::string Said(const std::string& name) {
  const bool plain = !name.empty() && name.size() <= 64 &&
                     std::all_of(name.begin(), name.end(), [](char c) {
                       return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_' ||
                              c == '-';
                     });
  return plain ? name : "?";
}

std::string Join(const std::string& path, const std::string& name) {
  return path.empty() ? name : path + "." + name;
}

Result CheckMessage(const nlohmann::json& json, const Descriptor& type, const std::string& path);

// One value (not a repeated list) of `field`.
Result CheckValue(const nlohmann::json& v, const FieldDescriptor& field, const std::string& path) {
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      const Descriptor& type = *field.message_type();
      if (type.full_name() == "google.protobuf.Timestamp") {
        absl::Time t;
        std::string error;
        if (!v.is_string() || !absl::ParseTime(absl::RFC3339_full, v.get<std::string>(), &t, &error)) {
          return Fail(path, contract::kErrBadFormat);
        }
        return std::nullopt;
      }
      return CheckMessage(v, type, path);
    }
    case FieldDescriptor::CPPTYPE_ENUM:
      if (v.is_number_integer()) {
        return field.enum_type()->FindValueByNumber(v.get<int>()) == nullptr
                   ? Fail(path, contract::kErrUnknownValue)
                   : std::nullopt;
      }
      if (!v.is_string()) return Fail(path, contract::kErrBadFormat);
      return field.enum_type()->FindValueByName(v.get<std::string>()) == nullptr
                 ? Fail(path, contract::kErrUnknownValue)
                 : std::nullopt;
    case FieldDescriptor::CPPTYPE_STRING:
      return v.is_string() ? std::nullopt : Fail(path, contract::kErrBadFormat);
    case FieldDescriptor::CPPTYPE_BOOL:
      return v.is_boolean() ? std::nullopt : Fail(path, contract::kErrBadFormat);
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_INT64:
    case FieldDescriptor::CPPTYPE_UINT64:
      // Proto JSON also takes numbers written as strings ("2"); the parser
      // judges what such a string holds.
      return v.is_number_integer() || v.is_string() ? std::nullopt
                                                    : Fail(path, contract::kErrBadFormat);
    case FieldDescriptor::CPPTYPE_FLOAT:
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return v.is_number() || v.is_string() ? std::nullopt : Fail(path, contract::kErrBadFormat);
  }
  return std::nullopt;
}

Result CheckMessage(const nlohmann::json& json, const Descriptor& type, const std::string& path) {
  if (!json.is_object()) return Fail(path, contract::kErrBadFormat);
  for (const auto& [key, value] : json.items()) {
    const FieldDescriptor* field = nullptr;
    for (int i = 0; i < type.field_count() && field == nullptr; ++i) {
      const FieldDescriptor* f = type.field(i);
      if (f->name() == key || f->json_name() == key) field = f;
    }
    if (field == nullptr) return Fail(Join(path, Said(key)), contract::kErrUnknownField);
    // Localized words are named as the contract names them: "title[cy]",
    // not "title.text[cy]".
    const bool words = type.full_name() == "carevoice.v1.LocalizedText" && field->is_map();
    const std::string at = words ? path : Join(path, field->name());
    if (value.is_null()) continue;  // proto JSON: the field's default
    if (field->is_map()) {
      if (!value.is_object()) return Fail(at, contract::kErrBadFormat);
      const FieldDescriptor& mapped = *field->message_type()->map_value();
      for (const auto& [k, v] : value.items()) {
        if (auto e = CheckValue(v, mapped, at + "[" + Said(k) + "]")) return e;
      }
    } else if (field->is_repeated()) {
      if (!value.is_array()) return Fail(at, contract::kErrBadFormat);
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (auto e = CheckValue(value[i], *field, at + "[" + std::to_string(i) + "]")) return e;
      }
    } else if (auto e = CheckValue(value, *field, at)) {
      return e;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<contract::FieldError> JsonMismatch(const std::string& json, const Descriptor& type) {
  nlohmann::json parsed = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return Fail("", contract::kErrBadFormat);
  return CheckMessage(parsed, type, "");
}

}  // namespace carevoice::service::catalog
