#pragma once
// The AVX upper-state of the calling thread. Code that uses 256-bit AVX registers
// and returns without VZEROUPPER (Qt 6.4's VAES string hash, behind every QHash of
// QString, is one) leaves the upper halves of the vector registers in use; from then
// on every SSE instruction of that thread, which is all of the engine's floating
// point and libm's erfc and exp, runs several times slower on recent Intel cores.
// Threads inherit the state from the thread that creates them.

namespace engine {

/// Marks the upper halves of the AVX registers unused (VZEROUPPER) on a CPU with AVX;
/// does nothing elsewhere. Cheap, and it changes no value the engine computes: SSE
/// code never reads those halves.
void clearUpperVectorState();

} // namespace engine
