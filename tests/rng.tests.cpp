#include "swsim/core/rng.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

using namespace swsim;

namespace {

// A fixed key for golden values: seed 20150101, replicate 3, person 123456, July 2015, matching.
DrawKey golden_key() {
    return DrawKey{20150101, 3, 123456, static_cast<std::uint32_t>(2015 * 12 + 6), Process::matching};
}

bool same(const Words4& a, const Words4& b) {
    return a.v[0] == b.v[0] && a.v[1] == b.v[1] && a.v[2] == b.v[2] && a.v[3] == b.v[3];
}

struct Moments {
    double mean = 0;
    double variance = 0;
};

template <class Draw>
Moments moments(int n, Draw draw) {
    double sum = 0, sum_sq = 0;
    for (int i = 0; i < n; ++i) {
        const double x = draw();
        sum += x;
        sum_sq += x * x;
    }
    const double mean = sum / n;
    return {mean, (sum_sq - n * mean * mean) / (n - 1)};
}

}  // namespace

TEST_CASE("philox_words reproduces Random123's known answers for Philox4x32-10", "[unit][rng]") {
    // The (key, counter) layout in rng.hpp is a plain copy of the fields, so each known-answer
    // vector of kat_vectors (Random123 1.14) is reachable through a DrawKey.
    CHECK(same(philox_words(DrawKey{}, 0), Words4{{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}}));

    const DrawKey ones{~std::uint64_t{0}, 0xffffffffu, 0xffffffffu, 0xffffffu, static_cast<Process>(0xff)};
    CHECK(same(philox_words(ones, 0xffffffffu), Words4{{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}}));

    // ctr = {243f6a88 85a308d3 13198a2e 03707344}, key = {a4093822 299f31d0} (digits of pi).
    const DrawKey pi{0x299f31d0a4093822ull, 0x03707344u, 0x85a308d3u, 0x198a2eu, static_cast<Process>(0x13)};
    CHECK(same(philox_words(pi, 0x243f6a88u), Words4{{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}}));
}

TEST_CASE("uniform01 and Stream::uniform give golden values", "[unit][rng]") {
    // Computed once with an independent Python implementation of Philox4x32-10 (checked against
    // the known answers above) and the 53-bit conversion (w0 << 21 | w1 >> 11) / 2^53.
    CHECK(uniform01(DrawKey{}, 0) == 0.3990464708489645);
    const std::vector<double> golden = {0.8345844094546542, 0.8570727314790101, 0.24168960575171972,
                                        0.43420827778888804, 0.4748612248360009, 0.8217987986335213};
    Stream s(golden_key());
    for (double g : golden) CHECK(s.uniform() == g);
    CHECK(uniform01(golden_key(), 0) == golden[0]);
    CHECK(uniform01(golden_key(), 1) == golden[2]);
    CHECK(uniform01(golden_key(), 2) == golden[4]);
}

TEST_CASE("normal, below and poisson give golden values", "[unit][rng]") {
    // From the same independent Python implementation (same algorithms, same word consumption).
    Stream z(golden_key());
    for (double g : {1.1821031818349592, -1.4836510876463915, -0.6812012463065256, 0.29881404612521734})
        CHECK(z.normal(0.0, 1.0) == Approx(g).epsilon(1e-14));
    Stream b(golden_key());
    CHECK(b.below(10) == 8);
    CHECK(b.below(1000) == 359);
    CHECK(b.below(0xC0000000u) == 2760824513u);
    CHECK(b.below(7) == 6);
    CHECK(b.below(7) == 1);
    const std::vector<std::pair<double, std::vector<std::uint32_t>>> golden = {
        {0.5, {1, 1, 0, 0, 0, 1, 1, 1}},
        {5.0, {7, 7, 3, 4, 5, 7, 6, 6}},
        {50.0, {44, 49, 53, 61, 54, 48, 52, 45}},
        {500.0, {525, 482, 498, 509, 535, 511, 493, 506}},
    };
    for (const auto& [mean, values] : golden) {
        Stream s(golden_key());
        for (std::uint32_t g : values) CHECK(s.poisson(mean) == g);
    }
}

TEST_CASE("changing any one key field or the counter changes the draw", "[unit][rng]") {
    const DrawKey base = golden_key();
    const Words4 w = philox_words(base, 7);
    std::vector<DrawKey> changed(7, base);
    changed[0].seed ^= 1;
    changed[1].seed ^= std::uint64_t{1} << 40;
    changed[2].replicate += 1;
    changed[3].subject += 1;
    changed[4].month += 1;
    changed[5].process = Process::job_loss;
    changed[6].month |= 1u << 23;  // the highest month bit must not collide with process
    for (const DrawKey& k : changed) {
        const Words4 other = philox_words(k, 7);
        for (int i = 0; i < 4; ++i) CHECK(other.v[i] != w.v[i]);
        CHECK(uniform01(k, 7) != uniform01(base, 7));
    }
    CHECK(uniform01(base, 8) != uniform01(base, 7));
}

TEST_CASE("draws are deterministic and a Stream follows the key's blocks", "[unit][rng][determinism]") {
    Stream a(golden_key()), b(golden_key());
    for (int i = 0; i < 1000; ++i) {
        REQUIRE(a.uniform() == b.uniform());
        REQUIRE(a.normal(1.0, 2.0) == b.normal(1.0, 2.0));
        REQUIRE(a.below(1000) == b.below(1000));
        REQUIRE(a.poisson(i % 60 + 0.5) == b.poisson(i % 60 + 0.5));
        REQUIRE(a.bernoulli(0.3) == b.bernoulli(0.3));
    }
    // Bernoulli always takes one uniform, whatever p: streams of two scenarios stay aligned.
    Stream p0(golden_key()), p1(golden_key()), p2(golden_key());
    CHECK_FALSE(p0.bernoulli(0.0));
    CHECK(p1.bernoulli(1.0));
    CHECK_FALSE(p2.bernoulli(-0.5));
    const double next = p0.uniform();
    CHECK(p1.uniform() == next);
    CHECK(p2.uniform() == next);
    // The free hot-path draw agrees with the block's first uniform.
    CHECK(bernoulli_draw(golden_key(), 0, 0.835) == true);   // u0 = 0.83458...
    CHECK(bernoulli_draw(golden_key(), 0, 0.8345) == false);
}

TEST_CASE("uniform and bernoulli_draw have the right moments", "[unit][rng]") {
    constexpr int n = 1'000'000;
    Stream s(DrawKey{42, 0, 7, 24180, Process::inflow});
    const Moments m = moments(n, [&] { return s.uniform(); });
    // sd of the mean sqrt(1/12/n) = 2.9e-4; sd of the variance sqrt((1/80 - 1/144)/n) = 7.5e-5.
    CHECK(std::abs(m.mean - 0.5) < 6 * 2.9e-4);
    CHECK(std::abs(m.variance - 1.0 / 12) < 6 * 7.5e-5);

    int hits = 0;
    for (std::uint32_t person = 0; person < n; ++person)
        hits += bernoulli_draw(DrawKey{42, 0, person, 24180, Process::job_loss}, 0, 0.015) ? 1 : 0;
    const double sd = std::sqrt(0.015 * 0.985 / n);
    CHECK(std::abs(hits / double(n) - 0.015) < 6 * sd);
}

TEST_CASE("normal has the right moments", "[unit][rng]") {
    constexpr int n = 400'000;
    Stream s(DrawKey{42, 1, 7, 24180, Process::population_init});
    const Moments m = moments(n, [&] { return s.normal(0.5, 0.15); });
    CHECK(std::abs(m.mean - 0.5) < 6 * 0.15 / std::sqrt(n));
    CHECK(std::abs(m.variance - 0.0225) < 6 * 0.0225 * std::sqrt(2.0 / n));
    Stream z(DrawKey{43, 1, 7, 24180, Process::population_init});
    int beyond_2sd = 0;
    for (int i = 0; i < n; ++i) beyond_2sd += std::abs(z.normal(0, 1)) > 2.0 ? 1 : 0;
    const double p = 0.04550026389635842;  // P(|Z| > 2)
    CHECK(std::abs(beyond_2sd / double(n) - p) < 6 * std::sqrt(p * (1 - p) / n));
}

TEST_CASE("poisson has the right moments and probabilities", "[unit][rng]") {
    constexpr int n = 200'000;
    CHECK(Stream(golden_key()).poisson(0.0) == 0);
    CHECK(Stream(golden_key()).poisson(-1.0) == 0);
    for (double mean : {0.5, 5.0, 9.99, 10.0, 50.0, 500.0}) {
        INFO("mean " << mean);
        Stream s(DrawKey{7, 0, static_cast<std::uint32_t>(mean * 100), 24180, Process::inflow});
        std::vector<int> draws(n);
        for (int& d : draws) d = static_cast<int>(s.poisson(mean));
        const Moments m = moments(n, [&, i = 0]() mutable { return double(draws[i++]); });
        // sd of the mean sqrt(mean/n); sd of the sample variance sqrt((mean + 2 mean^2)/n).
        CHECK(std::abs(m.mean - mean) < 6 * std::sqrt(mean / n));
        CHECK(std::abs(m.variance - mean) < 6 * std::sqrt((mean + 2 * mean * mean) / n));
        // Frequencies of the central values against the probability mass function.
        const int lo = std::max(0, static_cast<int>(mean - 3 * std::sqrt(mean)));
        const int hi = static_cast<int>(mean + 3 * std::sqrt(mean)) + 1;
        for (int k = lo; k <= hi; ++k) {
            const double pmf = std::exp(-mean + k * std::log(mean) - std::lgamma(k + 1.0));
            int count = 0;
            for (int d : draws) count += d == k ? 1 : 0;
            CHECK(std::abs(count / double(n) - pmf) < 6 * std::sqrt(pmf * (1 - pmf) / n) + 1e-9);
        }
    }
}

TEST_CASE("below(n) stays in range and is uniform", "[unit][rng]") {
    Stream s(golden_key());
    CHECK(s.below(0) == 0);
    CHECK(s.below(1) == 0);
    for (std::uint32_t bound : {2u, 3u, 7u, 1000u, 0x80000001u, 0xC0000000u, 0xffffffffu}) {
        INFO("n " << bound);
        double sum = 0;
        constexpr int n = 100'000;
        for (int i = 0; i < n; ++i) {
            const std::uint32_t x = s.below(bound);
            REQUIRE(x < bound);
            sum += x;
        }
        const double sd_mean = bound / std::sqrt(12.0 * n);
        CHECK(std::abs(sum / n - (bound - 1) / 2.0) < 6 * sd_mean);
    }
    // n = 3 * 2^30: multiply-shift without Lemire's rejection would give y % 3 == 0 half the time.
    int multiples_of_3 = 0;
    constexpr int m = 90'000;
    for (int i = 0; i < m; ++i) multiples_of_3 += s.below(0xC0000000u) % 3 == 0 ? 1 : 0;
    CHECK(std::abs(multiples_of_3 / double(m) - 1 / 3.0) < 6 * std::sqrt(2.0 / 9 / m));
    std::vector<int> counts(7, 0);
    constexpr int n = 70'000;
    for (int i = 0; i < n; ++i) ++counts[s.below(7)];
    for (int c : counts) CHECK(std::abs(c - n / 7.0) < 6 * std::sqrt(n * (1 / 7.0) * (6 / 7.0)));
}
