#pragma once
// Inside model/: network proposals as rows, for ScenarioStore and DecisionStore.

#include "model/error.h"
#include "model/scenarios/proposal.h"

#include <optional>
#include <vector>

namespace model {

class Store;
struct SimulationRun;

/// Transfer `line` of proposal `proposalId` with its standing decision, and the
/// proposal itself (without its transfers) in `proposal`; nullopt when either is
/// missing.
Result<std::optional<ProposedTransfer>> readProposedTransfer(
    Store &store, qint64 proposalId, int line, Proposal *proposal);

/// The plan of `run`'s scenario as transfers in whole units, one per item, route ends
/// and ship day, numbered from 1; `leftOut` counts the shipments over a lane only the
/// scenario has (the snapshot has no such active lane to ship them over).
std::vector<ProposedTransfer> proposedTransfers(const SimulationRun &run, int *leftOut);

} // namespace model
