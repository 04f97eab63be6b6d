#pragma once
// Approved actions as planned supply. A transfer, expedite or purchase a planner has
// approved is a commitment the ERP does not show yet: until a snapshot shows it, the
// scoring counts it as supply (so tomorrow's queue does not ask for the same transfer
// again); once a snapshot shows it (the transfer, the new PO date, the new PO line),
// it is matched and closed, and only the ERP's own rows count.

#include "engine/core/date.h"
#include "engine/core/snapshot.h"

#include <cstdint>
#include <string>
#include <vector>

namespace engine {

/// One approved action, as the decision keeps it.
struct PlannedAction {
    enum class Kind : std::uint8_t { Transfer, Expedite, Purchase };
    Kind kind = Kind::Transfer;
    std::int64_t decisionId = 0;
    std::string itemId;
    std::string fromLocationId; ///< transfer: the source
    std::string toLocationId; ///< the location the units are for
    std::string supplierId; ///< expedite and purchase
    std::string poId; ///< expedite: the PO line pulled in
    std::int32_t poLine = 0;
    double qty = 0;
    /// Transfer and purchase: the arrival; expedite: the new expected date.
    Date date = kNoDate;
    /// The ERP rows of this item and route that existed when it was approved
    /// (transfer ids; "po/line" of POs), which therefore cannot be it.
    std::vector<std::string> knownRefs;
};

/// The id an approved action's row carries in a scored snapshot ("approved-12").
std::string plannedRowId(const PlannedAction &a);

/// What a snapshot says of an approved action.
struct PlannedMatch {
    enum class State : std::uint8_t {
        Pending, ///< not in the snapshot yet: it counts as planned supply
        Seen, ///< the snapshot shows it: closed
        Gone, ///< expedite: its PO line is no longer open (received or cancelled): closed
        Lapsed, ///< still not shown `lapseDays` after its date: closed, no longer counted
    };
    State state = State::Pending;
    std::string note; ///< for the audit trail and `pwb decisions`: what was seen, or why closed
};

/// Days after its date that an approved action not shown by a snapshot stops counting.
inline constexpr int kPlannedLapseDays = 14;

/// Matches `actions` (in decision order) against `s`, a snapshot newer than the one
/// they were approved on. A transfer is seen in open transfers of the item on the same
/// route, a purchase in open PO lines of the item at the location from the supplier,
/// each not among its knownRefs and together holding at least 90% of its quantity
/// (an ERP may round); each ERP row is matched to one action at most. An expedite is
/// seen when its PO line is expected by the new date.
std::vector<PlannedMatch> matchPlanned(const Snapshot &s, const std::vector<PlannedAction> &actions,
    int lapseDays = kPlannedLapseDays);

/// Adds `actions` to `s` as the rows the ERP will show: a transfer leaving now and
/// arriving on its date, a PO line arriving on its date, an expedited PO line's new
/// expected date (when earlier). Actions whose item, location or supplier `s` does
/// not hold (one item's rows) are left out. Rebuilds the lookups (`s.index()`).
void addPlannedSupply(Snapshot &s, const std::vector<PlannedAction> &actions);

} // namespace engine
