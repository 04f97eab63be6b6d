#include "engine/scoring/scoringoutput.h"

#include <array>

namespace engine {

const char *actionName(Action action)
{
    static constexpr std::array<const char *, 9> kNames {"transfer", "expedite", "purchase",
        "substitute", "notify_customer_service", "supplier_follow_up", "allocate",
        "return_to_supplier", "cycle_count"};
    const auto i = static_cast<std::size_t>(action);
    return i < kNames.size() ? kNames[i] : "";
}

const Factor *ExceptionRecord::topFactor() const
{
    const Factor *best = nullptr;
    for (const Factor &f : factors) {
        if (!best || f.value() > best->value())
            best = &f;
    }
    return best;
}

const Recommendation *ExceptionRecord::topRecommendation() const
{
    for (const Recommendation &r : recommendations) {
        if (r.feasible || r.inPlan)
            return &r;
    }
    return nullptr;
}

const Recommendation *ExceptionRecord::bestRecommendation() const
{
    // Listed feasible first, then by net benefit: the first is the best move.
    return recommendations.empty() ? nullptr : &recommendations.front();
}

} // namespace engine
