#include "base/random.h"

#include <random>

namespace carevoice::base {

std::uint32_t SystemRandom::Next32() {
  // std::random_device is not safe to share between threads unguarded.
  static std::mutex mu;
  static std::random_device device;
  std::lock_guard lock(mu);
  return device();
}

SystemRandom& SystemRandom::Get() {
  static SystemRandom random;
  return random;
}

std::string RandomHex(Random& random, std::size_t bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes * 2);
  for (std::size_t i = 0; i < bytes; i += 4) {
    std::uint32_t word = random.Next32();
    for (std::size_t j = 0; j < 4 && i + j < bytes; ++j) {
      out.push_back(kHex[(word >> 4) & 0xf]);
      out.push_back(kHex[word & 0xf]);
      word >>= 8;
    }
  }
  return out;
}

double RandomUnit(Random& random) {
  return random.Next32() / 4294967296.0;  // 2^32
}

}  // namespace carevoice::base
