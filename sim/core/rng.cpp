#include "swsim/core/rng.hpp"

#include <Random123/philox.h>

#include <cassert>
#include <cmath>
#include <numbers>

namespace swsim {

namespace {

constexpr double kTwoPow53Inv = 1.0 / 9007199254740992.0;  // 2^-53

// 53 bits from two words: the top 32 bits of `hi` and the top 21 of `lo`.
double to_unit(std::uint32_t hi, std::uint32_t lo) {
    const std::uint64_t bits = (std::uint64_t{hi} << 21) | (lo >> 11);
    return static_cast<double>(bits) * kTwoPow53Inv;
}

// log(x!) for a count x >= 0 (as a double): Stirling's series, shifted up for small x so that
// seven terms suffice. Ours rather than std::lgamma, which writes the global `signgam`.
double log_factorial(double x) {
    constexpr double a[10] = {8.333333333333333e-02, -2.777777777777778e-03,
                              7.936507936507937e-04, -5.952380952380952e-04,
                              8.417508417508418e-04, -1.917526917526918e-03,
                              6.410256410256410e-03, -2.955065359477124e-02,
                              1.796443723688307e-01, -1.39243221690590e+00};
    double z = x + 1.0;  // log(x!) = log Gamma(x + 1)
    if (z == 1.0 || z == 2.0) return 0.0;
    int shift = 0;
    if (z <= 7.0) {
        shift = static_cast<int>(7.0 - z);
        z += shift;
    }
    const double z2 = 1.0 / (z * z);
    double series = a[9];
    for (int k = 8; k >= 0; --k) series = series * z2 + a[k];
    double result = series / z + 0.5 * std::log(2.0 * std::numbers::pi) + (z - 0.5) * std::log(z) - z;
    for (int k = 0; k < shift; ++k) {
        z -= 1.0;
        result -= std::log(z);
    }
    return result;
}

}  // namespace

Words4 philox_words(const DrawKey& key, std::uint32_t counter) {
    assert(key.month < (1u << 24) && "month index must fit in 24 bits");
    const philox4x32_key_t k = {{static_cast<std::uint32_t>(key.seed),
                                 static_cast<std::uint32_t>(key.seed >> 32)}};
    const philox4x32_ctr_t c = {
        {counter, key.subject,
         (key.month & 0xFFFFFFu) | (static_cast<std::uint32_t>(key.process) << 24), key.replicate}};
    const philox4x32_ctr_t r = philox4x32_R(10, c, k);
    return Words4{{r.v[0], r.v[1], r.v[2], r.v[3]}};
}

double uniform01(const DrawKey& key, std::uint32_t counter) {
    const Words4 w = philox_words(key, counter);
    return to_unit(w.v[0], w.v[1]);
}

bool bernoulli_draw(const DrawKey& key, std::uint32_t counter, double p) {
    return uniform01(key, counter) < p;
}

std::uint32_t Stream::next_word() {
    if (used_ == 4) {
        block_ = philox_words(key_, counter_++);
        used_ = 0;
    }
    return block_.v[used_++];
}

double Stream::uniform() {
    const std::uint32_t hi = next_word();
    return to_unit(hi, next_word());
}

bool Stream::bernoulli(double p) { return uniform() < p; }

double Stream::normal(double mean, double sd) {
    if (has_spare_) {
        has_spare_ = false;
        return mean + sd * spare_normal_;
    }
    // 1 - u lies in (0, 1], so the logarithm is finite.
    const double radius = std::sqrt(-2.0 * std::log(1.0 - uniform()));
    const double angle = 2.0 * std::numbers::pi * uniform();
    spare_normal_ = radius * std::sin(angle);
    has_spare_ = true;
    return mean + sd * radius * std::cos(angle);
}

std::uint32_t Stream::below(std::uint32_t n) {
    // Lemire (2019), "Fast random integer generation in an interval": multiply, reject the few
    // low products that would bias the result.
    std::uint64_t product = std::uint64_t{next_word()} * n;
    if (static_cast<std::uint32_t>(product) < n) {
        if (n == 0) return 0;
        const std::uint32_t threshold = (0u - n) % n;  // 2^32 mod n
        while (static_cast<std::uint32_t>(product) < threshold)
            product = std::uint64_t{next_word()} * n;
    }
    return static_cast<std::uint32_t>(product >> 32);
}

std::uint32_t Stream::poisson(double mean) {
    if (!(mean > 0.0)) return 0;
    if (mean < 10.0) {
        // Inversion: walk the cumulative distribution. The tail beyond k = 200 has probability
        // below 1e-200 for mean < 10; a draw that lands there (only possible through rounding of
        // the cumulative sum) is redrawn.
        for (;;) {
            const double u = uniform();
            double p = std::exp(-mean);
            double cumulative = p;
            std::uint32_t k = 0;
            while (u >= cumulative && k < 200) {
                ++k;
                p *= mean / k;
                cumulative += p;
            }
            if (k < 200) return k;
        }
    }
    // PTRS: transformed rejection with squeeze, Hoermann (1993), "The transformed rejection method
    // for generating Poisson random variables", Insurance: Mathematics and Economics 12, 39-45.
    const double sqrt_mean = std::sqrt(mean);
    const double log_mean = std::log(mean);
    const double b = 0.931 + 2.53 * sqrt_mean;
    const double a = -0.059 + 0.02483 * b;
    const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
    const double v_r = 0.9277 - 3.6224 / (b - 2.0);
    for (;;) {
        const double u = uniform() - 0.5;
        const double v = uniform();
        const double us = 0.5 - std::fabs(u);
        const double k = std::floor((2.0 * a / us + b) * u + mean + 0.43);
        if (us >= 0.07 && v <= v_r) return static_cast<std::uint32_t>(k);
        if (k < 0.0 || (us < 0.013 && v > us)) continue;
        if (std::log(v) + std::log(inv_alpha) - std::log(a / (us * us) + b) <=
            -mean + k * log_mean - log_factorial(k))
            return static_cast<std::uint32_t>(k);
    }
}

}  // namespace swsim
