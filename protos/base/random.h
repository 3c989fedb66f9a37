// The source of randomness (device and submission ids, retry jitter), so
// tests can fix it. SystemRandom and FakeRandom may be called from any
// thread.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>

namespace carevoice::base {

class Random {
 public:
  virtual ~Random() = default;
  // 32 uniformly random bits.
  virtual std::uint32_t Next32() = 0;
};

// The OS entropy source (getrandom or /dev/urandom on Linux).
class SystemRandom final : public Random {
 public:
  std::uint32_t Next32() override;
  // A process-wide instance for wiring in main() and defaults.
  static SystemRandom& Get();
};

// Returns the values it was given in order, then repeats the last one (0
// when given none).
class FakeRandom final : public Random {
 public:
  FakeRandom() = default;
  explicit FakeRandom(std::deque<std::uint32_t> values)
      : values_(std::move(values)) {}
  std::uint32_t Next32() override {
    std::lock_guard lock(mu_);
    if (values_.empty()) return last_;
    last_ = values_.front();
    values_.pop_front();
    return last_;
  }
  void Push(std::uint32_t value) {
    std::lock_guard lock(mu_);
    values_.push_back(value);
  }

 private:
  std::mutex mu_;
  std::deque<std::uint32_t> values_;
  std::uint32_t last_ = 0;
};

// Lowercase hex of `bytes` random bytes drawn from `random`.
std::string RandomHex(Random& random, std::size_t bytes);

// `count` decimal digits, each uniformly random, drawn from `random`.
std::string RandomDigits(Random& random, std::size_t count);

// A double in [0, 1) drawn from `random`.
double RandomUnit(Random& random);

}  // namespace carevoice::base
