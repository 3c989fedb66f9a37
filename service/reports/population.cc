#include "service/reports/population.h"


#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/files.h"
#include "carevoice/v1/common.pb.h"
#include "google/protobuf/descriptor.h"
#include "nlohmann/json.hpp"

namespace carevoice::service::reports {

std::optional<double> Population::Share(std::string_view field, std::string_view value) const {
  const auto q = shares.find(field);
  if (q == shares.end()) return std::nullopt;
  const auto v = q->second.find(value);
  if (v == q->second.end()) return std::nullopt;
  return v->second;
}

absl::StatusOr<Population> ParsePopulation(std::string_view text) {
  const nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    return absl::InvalidArgumentError("the population is a JSON object");
  }
  Population p;
  for (const auto& [key, value] : doc.items()) {
    if (key == "about") continue;
    if (key == "area" || key == "source") {
      if (!value.is_string()) return absl::InvalidArgumentError(key + ": words");
      (key == "area" ? p.area : p.source) = value.get<std::string>();
    } else if (key != "shares") {
      return absl::InvalidArgumentError(key + ": not a field of the population");
    }
  }
  if (p.source.empty()) {
    return absl::InvalidArgumentError("source: say what the shares are and where they come from");
  }
  if (!doc.contains("shares") || !doc["shares"].is_object()) {
    return absl::InvalidArgumentError("shares: an object of equality questions");
  }
  const google::protobuf::Descriptor* questions = v1::EqualityMonitoring::descriptor();
  for (const auto& [field, answers] : doc["shares"].items()) {
    const std::string where = "shares." + field;
    const google::protobuf::FieldDescriptor* f = questions->FindFieldByName(field);
    if (f == nullptr || f->enum_type() == nullptr) {
      return absl::InvalidArgumentError(where + ": not an equality question");
    }
    if (!answers.is_object()) return absl::InvalidArgumentError(where + ": an object of answers");
    double sum = 0.0;
    for (const auto& [name, share] : answers.items()) {
      const google::protobuf::EnumValueDescriptor* v = f->enum_type()->FindValueByName(name);
      if (v == nullptr || v->number() == 0 || absl::EndsWith(name, "PREFER_NOT_TO_SAY")) {
        return absl::InvalidArgumentError(
            absl::StrCat(where, ".", name, ": not an answer of ", f->enum_type()->name()));
      }
      if (!share.is_number() || share.get<double>() < 0.0 || share.get<double>() > 100.0) {
        return absl::InvalidArgumentError(absl::StrCat(where, ".", name, ": a percent, 0 to 100"));
      }
      sum += share.get<double>();
      p.shares[field][name] = share.get<double>();
    }
    if (sum > 100.5) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ": the shares add up to ", sum, "%, more than 100%"));
    }
  }
  return p;
}

absl::StatusOr<Population> LoadPopulation(const std::string& path) {
  absl::StatusOr<std::string> text = base::ReadWholeFile(path);
  if (!text.ok()) return text.status();
  absl::StatusOr<Population> p = ParsePopulation(*text);
  if (!p.ok()) return absl::InvalidArgumentError(absl::StrCat(path, ": ", p.status().message()));
  return p;
}

}  // namespace carevoice::service::reports
