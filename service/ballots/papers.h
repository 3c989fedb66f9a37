// A Forum ballot's codes and papers as the service keeps them: one-time
// codes in the reference alphabet, kept only as hashes; a vote's mark as a
// paper of option ids; papers counted (count.h) into the result published
// to kiosks. Pure apart from the Random it is given.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "base/random.h"
#include "carevoice/v1/carevoice.pb.h"

namespace carevoice::service::ballots {

// `count` new codes: 7 random characters of the reference alphabet and a
// check character, so they type on the keypad and spell back like a
// reference (contract/reference_code.h), canonical.
std::vector<std::string> NewCodes(base::Random& random, int count);

// The SHA-256 of `code` (canonical) for `ballot_id`: all the service keeps.
std::string CodeHash(std::string_view ballot_id, std::string_view code);
// The SHA-256 of the submission a vote came in: tells a device's retry of
// a cast from a second use of its code.
std::string CastHash(std::string_view submission_id);

// The paper a vote's mark makes: the option ids in order, comma-separated
// ("ana,ben"); ids are [a-z0-9_-], so the comma is never in one.
std::string PaperOf(const v1::QuestionAnswer& mark);

// Counts `papers` for `ballot` (plurality for a single choice;
// instant-runoff for a ranking with one seat, STV by WIGM for several),
// with the lot drawn from `seed`. INVALID_ARGUMENT for a paper naming an
// option the ballot does not have.
absl::StatusOr<v1::BallotResult> CountPapers(const v1::ForumBallot& ballot,
                                             const std::vector<std::string>& papers,
                                             std::uint64_t seed);

}  // namespace carevoice::service::ballots
