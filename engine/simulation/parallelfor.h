#pragma once
// Internal to the network plan: independent work per item on the machine's cores.

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace engine::simulation::detail {

/// Runs f(i) for i in [0, n) on the machine's cores; f's calls are independent, so the
/// result does not depend on the number of threads. An exception stops the run and
/// comes back as its message.
template <class F> std::string parallelFor(std::size_t n, F &&f)
{
    std::atomic<std::size_t> next {0};
    std::mutex guard;
    std::string error;
    auto work = [&] {
        try {
            for (;;) {
                const std::size_t begin = next.fetch_add(32);
                if (begin >= n)
                    return;
                for (std::size_t i = begin; i < std::min(n, begin + 32); ++i)
                    f(i);
            }
        } catch (const std::exception &e) {
            const std::lock_guard lock(guard);
            if (error.empty())
                error = e.what();
            next = n;
        }
    };
    const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1U, 8U);
    if (threads == 1 || n < 64) {
        work();
        return error;
    }
    std::vector<std::jthread> pool;
    for (unsigned t = 1; t < threads; ++t)
        pool.emplace_back(work);
    work();
    pool.clear();
    return error;
}

} // namespace engine::simulation::detail
