#pragma once
// The generator of randomize() (internal to the engine), as the ODK XForms spec names it:
// Park and Miller's "minimal standard" Lehmer generator, x ← 16807·x mod (2^31 − 1), seeded
// and read the way JavaRosa (ODK Collect) does, so that a seeded shuffle gives the clerk the
// order the field app gives for the same seed:
//   - the seed is taken modulo 2^31 − 1 keeping its sign (Java's % on a double), and a result
//     ≤ 0 is raised by 2^31 − 2;
//   - a draw in [0, 1) is (x − 1) / (2^31 − 2), and a draw below n is that times n, truncated.
// Every product stays below 2^46, so the double arithmetic is exact.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace onewindow::forms::expr {

class ParkMiller {
 public:
  explicit ParkMiller(std::int64_t seed) : state_(std::fmod(static_cast<double>(seed), kModulus)) {
    if (state_ <= 0) state_ += kModulus - 1;
  }

  // The next state, a whole number below 2^31 − 1.
  std::int64_t next() {
    state_ = std::fmod(state_ * kMultiplier, kModulus);
    return static_cast<std::int64_t>(state_);
  }

  // The next draw in [0, 1).
  double nextUnit() { return static_cast<double>(next() - 1) / (kModulus - 1); }

  // The next whole number in [0, bound), bound > 0. Only a degenerate seed (state 0, whose draw
  // is −1/(2^31 − 2)) could leave the range; it gives 0, as Java's (int) truncation does.
  std::size_t below(std::size_t bound) {
    const double scaled = std::trunc(nextUnit() * static_cast<double>(bound));
    return scaled <= 0 ? 0 : std::min(static_cast<std::size_t>(scaled), bound - 1);
  }

 private:
  static constexpr double kModulus = 2147483647.0;
  static constexpr double kMultiplier = 16807.0;
  double state_;
};

}  // namespace onewindow::forms::expr
