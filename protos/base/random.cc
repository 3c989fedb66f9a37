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

std::string RandomDigits(Random& random, std::size_t count) {
  // 4294967290 is the largest multiple of 10 below 2^32: values at or above
  // it are drawn again, so every digit is equally likely.
  constexpr std::uint32_t kFair = 4294967290u;
  std::string out;
  out.reserve(count);
  while (out.size() < count) {
    const std::uint32_t word = random.Next32();
    if (word < kFair) out.push_back(static_cast<char>('0' + word % 10));
  }
  return out;
}

double RandomUnit(Random& random) {
  return random.Next32() / 4294967296.0;  // 2^32
}

}  // namespace carevoice::base
