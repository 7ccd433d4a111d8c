// Counter-based random numbers: every draw is a pure function of
// (seed, replicate, person id, month, process, draw index), computed with Random123's Philox4x32-10.
// No generator state exists, so results do not depend on threads, order of work or sharding, and two
// scenarios run with the same seed give a person the same draws for the same decision (common random
// numbers). Distributions are our own (tested against golden values): the standard library's differ
// between implementations.
#pragma once

#include <cstdint>

#include "swsim/core/ids.hpp"

namespace swsim {

// The key of one stream of draws. `subject` is a person id, or a region index for region-level draws.
struct DrawKey {
    std::uint64_t seed = 0;
    std::uint32_t replicate = 0;
    std::uint32_t subject = 0;
    std::uint32_t month = 0;     // Month::index
    Process process = Process::demography;
};

// Four independent uniform 32-bit words for (key, counter); counter selects the draw within the key.
struct Words4 {
    std::uint32_t v[4];
};
Words4 philox_words(const DrawKey& key, std::uint32_t counter);

// Uniform in [0, 1) with 53 random bits, from words (w0, w1) of the block.
double uniform01(const DrawKey& key, std::uint32_t counter = 0);

// A small handle for several draws of one key: draw(i) for i = 0, 1, 2, ... Each call to
// uniform() takes the next draw; the sequence is fixed by the key alone.
class Stream {
public:
    explicit Stream(const DrawKey& key) : key_(key) {}
    double uniform();                       // [0, 1)
    bool bernoulli(double p);               // p clipped to [0, 1]
    double normal(double mean, double sd);  // Box-Muller on two uniforms
    std::uint32_t below(std::uint32_t n);   // uniform integer in [0, n), n > 0
    std::uint32_t poisson(double mean);     // exact: inversion for small means, PTRS for large
private:
    DrawKey key_;
    std::uint32_t counter_ = 0;
    // Two doubles per Philox block: cache the second.
    double cached_ = 0.0;
    bool has_cached_ = false;
};

}  // namespace swsim
