#include "service/ballots/count.h"

#include <algorithm>
#include <random>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace carevoice::service::ballots {
namespace {

enum class State { kContinuing, kElected, kExcluded };

// One ballot paper as it moves through the count.
struct Paper {
  const Ballot* preferences;
  std::size_t at = 0;               // the preference it counts for now
  std::int64_t value = kOneVote;    // reduced by each surplus it is part of
  int holder = -1;                  // the candidate it counts for; -1 exhausted
};

class Counter {
 public:
  Counter(int candidates, const std::vector<Ballot>& ballots, std::uint64_t seed)
      : state_(candidates, State::kContinuing), kept_(candidates, -1), rng_(seed) {
    for (const Ballot& b : ballots) {
      if (b.empty()) continue;
      papers_.push_back({&b});
      Pass(papers_.back());
    }
  }

  int candidates() const { return static_cast<int>(state_.size()); }
  int valid() const { return static_cast<int>(papers_.size()); }
  State state(int c) const { return state_[c]; }
  const std::vector<Round>& rounds() const { return rounds_; }
  std::vector<Round>& rounds() { return rounds_; }

  // Each candidate's votes now (see Round::votes).
  Round Start() const {
    Round r;
    r.votes.assign(state_.size(), 0);
    for (const Paper& p : papers_) {
      if (p.holder >= 0) r.votes[p.holder] += p.value;
    }
    for (std::size_t c = 0; c < state_.size(); ++c) {
      if (kept_[c] >= 0) r.votes[c] = kept_[c];
    }
    r.exhausted = exhausted_;
    return r;
  }

  std::vector<int> Continuing() const {
    std::vector<int> out;
    for (int c = 0; c < candidates(); ++c) {
      if (state_[c] == State::kContinuing) out.push_back(c);
    }
    return out;
  }

  // Of `tied` (equal now), the one with the fewest (or most) votes at the
  // earliest round at which they differed; else one drawn by lot.
  int Break(std::vector<int> tied, bool lowest, bool* by_lot) {
    std::sort(tied.begin(), tied.end());
    for (const Round& past : rounds_) {
      if (tied.size() == 1) break;
      std::int64_t extreme = past.votes[tied.front()];
      for (int c : tied) {
        extreme = lowest ? std::min(extreme, past.votes[c]) : std::max(extreme, past.votes[c]);
      }
      std::vector<int> still;
      for (int c : tied) {
        if (past.votes[c] == extreme) still.push_back(c);
      }
      tied = std::move(still);
    }
    if (tied.size() == 1) return tied.front();
    *by_lot = true;
    return Lot(tied);
  }

  // One of `among` (in index order) drawn by lot.
  int Lot(const std::vector<int>& among) { return among[rng_() % among.size()]; }

  // Of `among`, the one with the fewest (or most) `votes`, ties broken.
  int Extreme(const std::vector<int>& among, const std::vector<std::int64_t>& votes, bool lowest,
              bool* by_lot) {
    std::int64_t extreme = votes[among.front()];
    for (int c : among) {
      extreme = lowest ? std::min(extreme, votes[c]) : std::max(extreme, votes[c]);
    }
    std::vector<int> tied;
    for (int c : among) {
      if (votes[c] == extreme) tied.push_back(c);
    }
    return Break(std::move(tied), lowest, by_lot);
  }

  // `among`, most votes first, ties broken as above.
  std::vector<int> Order(std::vector<int> among, const std::vector<std::int64_t>& votes,
                         bool* by_lot) {
    std::vector<int> ordered;
    while (!among.empty()) {
      const int next = Extreme(among, votes, /*lowest=*/false, by_lot);
      ordered.push_back(next);
      among.erase(std::find(among.begin(), among.end(), next));
    }
    return ordered;
  }

  void Elect(int c) { state_[c] = State::kElected; }

  // Excludes `c`: each of its papers goes, at its value, to its next
  // continuing preference.
  void Exclude(int c) {
    state_[c] = State::kExcluded;
    kept_[c] = 0;
    for (Paper& p : papers_) {
      if (p.holder == c) Pass(p);
    }
  }

  // Passes on the surplus of elected `c` over `quota` (WIGM): every paper
  // it holds goes on at value * surplus / total, truncated to 1/100000.
  void TransferSurplus(int c, std::int64_t total, std::int64_t quota) {
    const std::int64_t surplus = total - quota;
    for (Paper& p : papers_) {
      if (p.holder != c) continue;
      p.value = static_cast<std::int64_t>(static_cast<__int128>(p.value) * surplus / total);
      Pass(p);
    }
    kept_[c] = quota;
  }

  // An elected candidate whose votes stay with them (no surplus left to
  // pass on, or the count has ended).
  void Keep(int c, std::int64_t votes) { kept_[c] = votes; }

 private:
  // Moves `p` on to its next continuing preference, or exhausts it.
  void Pass(Paper& p) {
    if (p.holder >= 0) ++p.at;
    const Ballot& b = *p.preferences;
    while (p.at < b.size() && state_[b[p.at]] != State::kContinuing) ++p.at;
    if (p.at < b.size()) {
      p.holder = b[p.at];
    } else {
      p.holder = -1;
      exhausted_ += p.value;
    }
  }

  std::vector<State> state_;
  std::vector<std::int64_t> kept_;  // votes fixed once a surplus has gone (or excluded: 0)
  std::vector<Paper> papers_;
  std::int64_t exhausted_ = 0;
  std::vector<Round> rounds_;
  std::mt19937_64 rng_;
};

void Plurality(Counter& counter, int seats, Count& count) {
  Round r = counter.Start();
  std::vector<int> order;
  for (int c = 0; c < counter.candidates(); ++c) order.push_back(c);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return r.votes[a] > r.votes[b]; });
  // Those above the last seat's votes are elected; a lot decides only
  // among those level at it, when there are more of them than seats left.
  const std::int64_t cut = r.votes[order[seats - 1]];
  std::vector<int> level;
  for (int c : order) {
    if (r.votes[c] > cut) r.elected.push_back(c);
    if (r.votes[c] == cut) level.push_back(c);
  }
  std::sort(level.begin(), level.end());
  while (static_cast<int>(r.elected.size()) < seats) {
    int next = level.front();
    if (level.size() > static_cast<std::size_t>(seats) - r.elected.size()) {
      next = counter.Lot(level);
      r.by_lot = true;
    }
    r.elected.push_back(next);
    level.erase(std::find(level.begin(), level.end(), next));
  }
  count.elected = r.elected;
  counter.rounds().push_back(std::move(r));
}

bool InstantRunoff(Counter& counter, Count& count) {
  for (int guard = 0; guard <= counter.candidates(); ++guard) {
    Round r = counter.Start();
    const std::vector<int> continuing = counter.Continuing();
    std::int64_t live = 0;
    for (int c : continuing) live += r.votes[c];
    // More than half the continuing votes: only one can have that.
    int leader = continuing.front();
    for (int c : continuing) {
      if (r.votes[c] > r.votes[leader]) leader = c;
    }
    if (continuing.size() == 1 || r.votes[leader] * 2 > live) {
      counter.Elect(leader);
      r.elected.push_back(leader);
      count.elected.push_back(leader);
      counter.rounds().push_back(std::move(r));
      return true;
    }
    r.excluded = counter.Extreme(continuing, r.votes, /*lowest=*/true, &r.by_lot);
    const int excluded = r.excluded;
    counter.rounds().push_back(std::move(r));
    counter.Exclude(excluded);
  }
  return false;  // each round elects or excludes: never reached
}

bool Stv(Counter& counter, int seats, Count& count) {
  // The Droop quota: the whole number of votes above valid / (seats + 1).
  count.quota = (static_cast<std::int64_t>(counter.valid()) / (seats + 1) + 1) * kOneVote;
  std::vector<int> surpluses;  // elected, surplus not yet passed on
  for (int guard = 0; guard <= 4 * counter.candidates() + 4; ++guard) {
    Round r = counter.Start();
    std::vector<int> reached;
    for (int c : counter.Continuing()) {
      if (r.votes[c] >= count.quota) reached.push_back(c);
    }
    for (int c : counter.Order(reached, r.votes, &r.by_lot)) {
      counter.Elect(c);
      r.elected.push_back(c);
      count.elected.push_back(c);
      surpluses.push_back(c);
    }
    const int open = seats - static_cast<int>(count.elected.size());
    const std::vector<int> continuing = counter.Continuing();
    if (open > 0 && static_cast<int>(continuing.size()) <= open) {
      // As many left as seats: they are elected, in order of their votes.
      for (int c : counter.Order(continuing, r.votes, &r.by_lot)) {
        counter.Elect(c);
        r.elected.push_back(c);
        count.elected.push_back(c);
      }
    }
    if (static_cast<int>(count.elected.size()) >= seats) {
      for (int c : surpluses) counter.Keep(c, r.votes[c]);
      counter.rounds().push_back(std::move(r));
      return true;
    }
    // Surpluses go first, the largest first; a surplus of nothing is kept.
    std::vector<int> real;
    for (int c : surpluses) {
      if (r.votes[c] > count.quota) {
        real.push_back(c);
      } else {
        counter.Keep(c, r.votes[c]);
      }
    }
    if (!real.empty()) {
      const int from = counter.Extreme(real, r.votes, /*lowest=*/false, &r.by_lot);
      surpluses.assign(real.begin(), real.end());
      surpluses.erase(std::find(surpluses.begin(), surpluses.end(), from));
      r.surplus_of = from;
      const std::int64_t total = r.votes[from];
      counter.rounds().push_back(std::move(r));
      counter.TransferSurplus(from, total, count.quota);
      continue;
    }
    surpluses.clear();
    r.excluded = counter.Extreme(continuing, r.votes, /*lowest=*/true, &r.by_lot);
    const int excluded = r.excluded;
    counter.rounds().push_back(std::move(r));
    counter.Exclude(excluded);
  }
  return false;  // each round passes a surplus on or excludes: never reached
}

}  // namespace

absl::StatusOr<Count> CountBallots(Method method, int candidates, int seats,
                                   const std::vector<Ballot>& ballots, std::uint64_t seed) {
  if (candidates < 1) return absl::InvalidArgumentError("a ballot needs candidates");
  if (seats < 1 || seats > candidates) {
    return absl::InvalidArgumentError(absl::StrCat("seats must be 1..", candidates));
  }
  if (method == Method::kInstantRunoff && seats != 1) {
    return absl::InvalidArgumentError("instant-runoff fills one seat; use STV for more");
  }
  Count count;
  count.method = method;
  count.seats = seats;
  count.seed = seed;
  for (std::size_t i = 0; i < ballots.size(); ++i) {
    const Ballot& b = ballots[i];
    if (method == Method::kPlurality && b.size() > 1) {
      return absl::InvalidArgumentError(absl::StrCat("ballot ", i, " ranks in a single-choice count"));
    }
    std::set<int> seen;
    for (int c : b) {
      if (c < 0 || c >= candidates || !seen.insert(c).second) {
        return absl::InvalidArgumentError(
            absl::StrCat("ballot ", i, " names an unknown candidate, or one twice"));
      }
    }
    (b.empty() ? count.blank : count.valid) += 1;
  }
  Counter counter(candidates, ballots, seed);
  bool ended = true;
  switch (method) {
    case Method::kPlurality: Plurality(counter, seats, count); break;
    case Method::kInstantRunoff: ended = InstantRunoff(counter, count); break;
    case Method::kStvWigm: ended = Stv(counter, seats, count); break;
  }
  if (!ended) return absl::InternalError("the count did not end; nothing is declared");
  count.rounds = counter.rounds();
  return count;
}

std::string VotesText(std::int64_t votes) {
  return absl::StrFormat("%d.%05d", votes / kOneVote, votes % kOneVote);
}

}  // namespace carevoice::service::ballots
