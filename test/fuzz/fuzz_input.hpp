// Reading a fuzzer's bytes as typed values, and the one way a target reports a broken guarantee.
#pragma once

#include <cstdint>
#include <cstring>

namespace jackpot::fuzz {

inline void assert_invariant(bool condition) {
  if (!condition) __builtin_trap();
}

class FuzzInput {
 public:
  FuzzInput(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  std::size_t remaining() const { return size_ - at_; }
  std::uint8_t byte() { return at_ < size_ ? data_[at_++] : 0; }
  // Any double, NaN and ±infinity included (the bytes' IEEE bits).
  double any_double() {
    std::uint64_t bits = 0;
    for (int i = 0; i < 8; ++i) bits = bits << 8 | byte();
    double value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t at_ = 0;
};

}  // namespace jackpot::fuzz
