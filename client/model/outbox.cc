// The rules every Outbox shares: what Enqueue does to a draft before it is
// stored, and how a refusal carries its field. Pure: any thread.
#include "client/model/outbox.h"

#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/proto_time.h"
#include "contract/reference_code.h"
#include "contract/validation.h"

namespace carevoice::client {
namespace {

// Where a refusal's field and key travel inside an absl::Status.
constexpr char kFieldErrorPayload[] =
    "type.carevoice.dev/carevoice.client.FieldError";

// Four digits, like a bank card's: familiar, and enough beside a reference
// the service lets no one try more than a few times an hour.
constexpr std::size_t kPinLength = 4;

// A PIN is easier to guess when it is one digit repeated or a run (1111,
// 1234, 9876): such draws are drawn again, a bounded number of times.
bool IsGuessablePin(std::string_view pin) {
  bool same = true, up = true, down = true;
  for (std::size_t i = 1; i < pin.size(); ++i) {
    same = same && pin[i] == pin[i - 1];
    up = up && pin[i] == pin[i - 1] + 1;
    down = down && pin[i] == pin[i - 1] - 1;
  }
  return same || up || down;
}

std::string MakePin(base::Random& random) {
  std::string pin;
  for (int attempt = 0; attempt < 8; ++attempt) {
    pin = base::RandomDigits(random, kPinLength);
    if (!IsGuessablePin(pin)) break;
  }
  return pin;
}

}  // namespace

absl::Status PrepareForEnqueue(v1::Submission& draft,
                               const std::string& device_id,
                               std::int64_t counter, absl::Time now,
                               base::Random& random) {
  if (counter < 0 || counter >= contract::kMaxReferenceCounter) {
    return absl::ResourceExhaustedError(
        "outbox: this device has used all its reference codes");
  }
  std::optional<std::string> reference = contract::MakeReference(
      contract::DeviceCodeFor(device_id), static_cast<std::uint32_t>(counter));
  if (!reference) return absl::InternalError("outbox: cannot make a reference");

  draft.set_submission_id(base::RandomHex(random, 16));
  draft.set_reference(*reference);
  // A vote is never checked on or replied to: it carries no PIN.
  if (!draft.has_forum_vote()) draft.set_pin(MakePin(random));
  if (!draft.has_created_at()) {
    base::SetProtoTimestamp(now, draft.mutable_created_at());
  }
  if (draft.channel() == v1::CHANNEL_UNSPECIFIED) {
    draft.set_channel(v1::CHANNEL_KIOSK);
  }
  if (std::optional<contract::FieldError> bad =
          contract::ValidateSubmission(draft, now)) {
    absl::Status refused = absl::InvalidArgumentError(
        absl::StrCat(bad->field, ": ", bad->message_key));
    refused.SetPayload(kFieldErrorPayload,
                       absl::Cord(absl::StrCat(bad->field, "\n",
                                               bad->message_key)));
    return refused;
  }
  return absl::OkStatus();
}

absl::Status PrepareTally(v1::TakingPart& tally, absl::Time now, base::Random& random) {
  tally.set_tally_id(base::RandomHex(random, 16));
  tally.set_month(absl::FormatTime("%Y-%m", now, absl::UTCTimeZone()));
  if (std::optional<contract::FieldError> bad = contract::ValidateTakingPart(tally)) {
    return absl::InvalidArgumentError(absl::StrCat(bad->field, ": ", bad->message_key));
  }
  return absl::OkStatus();
}

std::optional<contract::FieldError> FieldErrorOf(const absl::Status& status) {
  auto payload = status.GetPayload(kFieldErrorPayload);  // absl::optional
  if (!payload) return std::nullopt;
  std::pair<std::string, std::string> parts =
      absl::StrSplit(std::string(*payload), absl::MaxSplits('\n', 1));
  return contract::FieldError{std::move(parts.first), std::move(parts.second)};
}

}  // namespace carevoice::client
