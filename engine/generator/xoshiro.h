#pragma once
// A small, fast PRNG whose output is the same on every platform and standard library,
// for generated data that must be byte-identical for a seed (std::mt19937 is portable,
// but the std:: distributions on top of it are not).

#include <array>
#include <cmath>
#include <cstdint>

namespace engine {

/// xoshiro256** (Blackman and Vigna) seeded through splitmix64. Distributions use
/// only operations IEEE 754 rounds exactly, so they are as portable as the bits.
class Xoshiro256
{
public:
    /// `stream` selects an independent sequence for the same seed.
    Xoshiro256(std::uint64_t seed, std::uint64_t stream)
    {
        std::uint64_t state = seed ^ (stream * 0xD1B54A32D192ED03ull);
        for (auto &word : m_s)
            word = splitmix64(state);
    }

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }

    /// Uniform in [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    /// Uniform integer in [lo, hi] (span below 2^32), by multiply-shift, not modulo.
    int between(int lo, int hi)
    {
        const auto span = static_cast<std::uint64_t>(static_cast<std::int64_t>(hi) - lo + 1);
        return lo + static_cast<int>(((next() >> 32) * span) >> 32);
    }
    bool chance(double p) { return uniform() < p; }
    template <class T, std::size_t N> const T &pick(const std::array<T, N> &values)
    {
        return values[static_cast<std::size_t>(between(0, static_cast<int>(N) - 1))];
    }
    /// Rounds x >= 0 up or down at random so that the expected result is x.
    int stochasticRound(double x)
    {
        const double whole = std::floor(x);
        return static_cast<int>(whole) + (chance(x - whole) ? 1 : 0);
    }

private:
    static std::uint64_t splitmix64(std::uint64_t &state)
    {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::array<std::uint64_t, 4> m_s {};
};

} // namespace engine
