#include "service/ballots/papers.h"

#include <sodium.h>

#include <map>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "contract/reference_code.h"
#include "service/ballots/count.h"

namespace carevoice::service::ballots {
namespace {

std::string Sha256(std::string_view text) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

const char* MethodName(Method method) {
  switch (method) {
    case Method::kPlurality: return "plurality";
    case Method::kInstantRunoff: return "instant_runoff";
    case Method::kStvWigm: return "stv_wigm";
  }
  return "";
}

}  // namespace

std::vector<std::string> NewCodes(base::Random& random, int count) {
  const std::string_view alphabet = contract::kReferenceAlphabet;
  std::vector<std::string> codes;
  codes.reserve(count);
  while (static_cast<int>(codes.size()) < count) {
    std::string body;
    while (body.size() < contract::kReferenceLength - 1) {
      // Rejection sampling keeps every character equally likely.
      const std::uint32_t r = random.Next32();
      const std::uint32_t limit = UINT32_MAX - UINT32_MAX % alphabet.size();
      if (r < limit) body += alphabet[r % alphabet.size()];
    }
    if (auto code = contract::WithCheckCharacter(body)) codes.push_back(*code);
  }
  return codes;
}

std::string CodeHash(std::string_view ballot_id, std::string_view code) {
  std::string text("carevoice ballot code");
  text += '\0';
  text += ballot_id;
  text += '\0';
  text += code;
  return Sha256(text);
}

std::string CastHash(std::string_view submission_id) {
  std::string text("carevoice cast");
  text += '\0';
  text += submission_id;
  return Sha256(text);
}

std::string PaperOf(const v1::QuestionAnswer& mark) {
  if (mark.has_ranking()) return absl::StrJoin(mark.ranking().option_ids(), ",");
  return mark.choice_id();
}

absl::StatusOr<v1::BallotResult> CountPapers(const v1::ForumBallot& ballot,
                                             const std::vector<std::string>& papers,
                                             std::uint64_t seed) {
  const auto& options = ballot.question().options();
  std::map<std::string, int, std::less<>> index;
  for (int i = 0; i < options.size(); ++i) index.emplace(options[i].id(), i);
  std::vector<Ballot> counted;
  counted.reserve(papers.size());
  for (const std::string& paper : papers) {
    Ballot marks;
    if (!paper.empty()) {
      for (absl::string_view id : absl::StrSplit(paper, ',')) {
        auto it = index.find(id);
        if (it == index.end()) {
          return absl::InvalidArgumentError("a paper names an option the ballot does not have");
        }
        marks.push_back(it->second);
      }
    }
    counted.push_back(std::move(marks));
  }
  const bool ranked = ballot.question().kind() == v1::Question::KIND_RANKING;
  const Method method = !ranked               ? Method::kPlurality
                        : ballot.seats() == 1 ? Method::kInstantRunoff
                                              : Method::kStvWigm;
  absl::StatusOr<Count> count =
      CountBallots(method, options.size(), ballot.seats(), counted, seed);
  if (!count.ok()) return count.status();
  v1::BallotResult result;
  result.set_method(MethodName(method));
  for (int e : count->elected) result.add_elected(options[e].id());
  result.set_valid(count->valid);
  result.set_blank(count->blank);
  result.set_quota(count->quota);
  result.set_seed(seed);
  for (const Round& round : count->rounds) {
    v1::BallotResult::Round* out = result.add_rounds();
    for (std::int64_t v : round.votes) out->add_votes(v);
    out->set_exhausted(round.exhausted);
    for (int e : round.elected) out->add_elected(options[e].id());
    if (round.excluded >= 0) out->set_excluded(options[round.excluded].id());
    if (round.surplus_of >= 0) out->set_surplus_of(options[round.surplus_of].id());
    out->set_by_lot(round.by_lot);
  }
  return result;
}

}  // namespace carevoice::service::ballots
