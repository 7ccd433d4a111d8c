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
//
// Layout of the Philox4x32-10 input (key: 2 words, counter: 4 words):
//   key[0] = seed bits 0-31          ctr[0] = draw counter (block index within the stream)
//   key[1] = seed bits 32-63         ctr[1] = subject
//                                    ctr[2] = month bits 0-23 | process << 24
//                                    ctr[3] = replicate
// The map (seed, replicate, subject, month, process, counter) -> (key, ctr) is injective for every
// month index below 2^24 (year 1,398,101), so distinct draws never share a Philox block.
struct DrawKey {
    std::uint64_t seed = 0;
    std::uint32_t replicate = 0;
    std::uint32_t subject = 0;
    std::uint32_t month = 0;     // Month::index, < 2^24
    Process process = Process::population_init;
};

// Four independent uniform 32-bit words: one Philox block for (key, counter).
struct Words4 {
    std::uint32_t v[4];
};
Words4 philox_words(const DrawKey& key, std::uint32_t counter);

// Uniform in [0, 1) with 53 random bits, from words 0 and 1 of block `counter`.
double uniform01(const DrawKey& key, std::uint32_t counter = 0);

// One Bernoulli draw without a Stream (the hot path): uniform01(key, counter) < p.
// p <= 0 is always false, p >= 1 always true.
bool bernoulli_draw(const DrawKey& key, std::uint32_t counter, double p);

// Several draws of one key. Words are taken in order from blocks 0, 1, 2, ... of the key, so the
// sequence is fixed by the key alone; the first uniform() equals uniform01(key, 0).
// Words taken per call (where fixed, two scenarios' streams stay aligned whatever the parameters,
// which keeps common random numbers common):
//   uniform, bernoulli: 2 words (one uniform), also for p outside (0, 1);
//   normal: 2 uniforms on the 1st, 3rd, ... call, none on the others (Box-Muller's spare is kept);
//   below: 1 word, rarely more (Lemire's rejection); poisson: a variable number (0 for mean <= 0).
class Stream {
public:
    explicit Stream(const DrawKey& key) : key_(key) {}
    double uniform();                       // [0, 1), 53 bits
    bool bernoulli(double p);               // p clipped to [0, 1]
    double normal(double mean, double sd);  // Box-Muller on two uniforms
    std::uint32_t below(std::uint32_t n);   // uniform integer in [0, n), unbiased; n = 0 gives 0
    // Exact: inversion for mean < 10, PTRS (Hoermann 1993) for larger; mean <= 0 gives 0.
    // For counts, so mean well below 2^32.
    std::uint32_t poisson(double mean);

private:
    std::uint32_t next_word();

    DrawKey key_;
    std::uint32_t counter_ = 0;   // next block
    Words4 block_{};
    int used_ = 4;                // words of block_ already taken
    double spare_normal_ = 0.0;   // second standard normal of the last Box-Muller pair
    bool has_spare_ = false;
};

}  // namespace swsim
