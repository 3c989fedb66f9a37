#include "client/app/help_numbers.h"


#include "base/files.h"
#include "google/protobuf/util/json_util.h"

namespace carevoice::client {

absl::StatusOr<v1::HelpNumbers> LoadHelpNumbers(const std::string& path) {
  absl::StatusOr<std::string> text = base::ReadWholeFile(path);
  if (!text.ok()) return text.status();
  v1::HelpNumbers numbers;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  if (auto s = google::protobuf::util::JsonStringToMessage(*text, &numbers, options);
      !s.ok()) {
    return absl::InvalidArgumentError(path + ": not help numbers: " + s.ToString());
  }
  if (numbers.emergency().empty() || numbers.safeguarding_team().empty()) {
    return absl::InvalidArgumentError(path +
                                      ": needs at least \"emergency\" and \"safeguardingTeam\"");
  }
  return numbers;
}

}  // namespace carevoice::client
