#pragma once
// The transfer network between own locations (lanes.csv), for transfer
// recommendations and for the lead time of transfer-replenished SKU-locations.

#include "engine/core/snapshot.h"

#include <memory>
#include <vector>

namespace engine {

/// The fastest route between two locations over active lanes (possibly several
/// hops), with what it costs. Built once per scoring run; routes into a destination
/// are computed the first time that destination is asked for and then cached.
class TransferNetwork
{
public:
    struct Route {
        bool reachable = false;
        double transitDays = 0; ///< sum over the hops
        double costPerUnit = 0; ///< sum over the hops
        double fixedCost = 0; ///< sum over the hops (one shipment per hop)
        double capacityPerDay = kUnset; ///< the tightest hop; kUnset: unlimited
        int hops = 0;
    };

    explicit TransferNetwork(const Snapshot &snapshot);
    ~TransferNetwork();
    TransferNetwork(const TransferNetwork &) = delete;
    TransferNetwork &operator=(const TransferNetwork &) = delete;

    /// The fastest route from `from` to `to`; unreachable when from == to or no
    /// chain of active lanes joins them.
    const Route &route(Index from, Index to);

    /// The lanes (rows of Snapshot::lanes) of route(from, to), in the order a unit
    /// travels them; empty when the route is unreachable.
    std::vector<Index> routeLanes(Index from, Index to);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace engine
