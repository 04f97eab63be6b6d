#pragma once
// Internal to the scoring engine: suppliers as they behave. A new purchase or an
// expedite is a promise from a supplier, and a supplier keeps its promises as well as
// it has been keeping them: the plan dates what it orders by the lateness the supplier
// shows now on the item's open POs and by its on-time record, whichever is worse
// (docs/scoring.md, "Suppliers as they behave").

#include "engine/scoring/projection.h"

#include <string>

namespace engine::detail {

/// Whole days from as_of for a duration in days: rounded up, never negative.
int ceilDays(double days);

struct SupplierOutlook {
    /// How late the supplier runs now on this item: the mean of max(0, expected -
    /// promised) days over its open PO lines of the item that carry a promised date,
    /// weighted by their open quantities; 0 when none does.
    double lateNowDays = 0;
    /// What its record predicts: (1 - on_time_rate) x max(1, lead_time_std_days), the
    /// share of deliveries that come late times how late a late one typically is
    /// (at least a day); 0 when the rate is not given.
    double lateHistoryDays = 0;
    /// The delay a new promise from it is planned with: the worse of the two.
    double expectedLateDays() const;
    /// That delay in whole days, rounded to the nearest (a 90% on-time record with a
    /// day's spread adds nothing; a supplier 6 days late now adds 6).
    int delayDays() const;
    /// The day (from as_of) a purchase placed today arrives: the lead time (and any
    /// transfer after it) rounded up, then the delay.
    int arrivalDay(double leadTimeDays, double transitDays = 0) const;
    /// "the 14-day lead time", and what the delay adds and why, for a sentence.
    std::string leadText(double leadTimeDays) const;
};

/// The outlook of `supplier` for `item`: from the item's PO rows and the supplier's
/// row, so one item loaded alone gets the same figure as a full run.
SupplierOutlook supplierOutlook(const Context &ctx, Index item, Index supplier);

/// The day an expedited receipt is planned on: `expectedDay` pulled in by the
/// supplier's expedite_max_days, then pushed back by its record's lateness in whole
/// days, rounded to the nearest (its current lateness is already in the PO's expected
/// date). -1 when that leaves no day
/// earlier than expectedDay, or the supplier cannot expedite.
int expeditedDay(const Context &ctx, Index supplier, int expectedDay);

} // namespace engine::detail
