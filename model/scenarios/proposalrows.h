#pragma once
// Inside model/: network proposals as rows, for ScenarioStore and DecisionStore.

#include "model/error.h"
#include "model/scenarios/proposal.h"

#include <optional>
#include <vector>

namespace model {

class Store;

/// Transfer `line` of proposal `proposalId` with its standing decision, and the
/// proposal itself (without its transfers) in `proposal`; nullopt when either is
/// missing.
Result<std::optional<ProposedTransfer>> readProposedTransfer(
    Store &store, qint64 proposalId, int line, Proposal *proposal);

} // namespace model
