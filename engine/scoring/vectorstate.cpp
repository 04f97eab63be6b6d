#include "engine/scoring/vectorstate.h"

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))

#include <immintrin.h>

namespace engine {

namespace {

__attribute__((target("avx"))) void zeroUpper()
{
    _mm256_zeroupper();
}

} // namespace

void clearUpperVectorState()
{
    if (__builtin_cpu_supports("avx"))
        zeroUpper();
}

} // namespace engine

#else

namespace engine {

void clearUpperVectorState() { }

} // namespace engine

#endif
