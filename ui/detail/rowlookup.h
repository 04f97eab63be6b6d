#pragma once
// Safe, display-ready lookups into the small snapshot an Explanation carries: every
// index is range-checked, so a malformed explanation shows "—" instead of crashing.

#include "engine/core/policy.h"
#include "engine/core/snapshot.h"

#include <QString>

#include <memory>

namespace ui {

class RowLookup
{
public:
    RowLookup() = default;
    explicit RowLookup(std::shared_ptr<const engine::Snapshot> rows);

    bool isValid() const { return bool(m_rows); }

    QString itemId(engine::Index item) const;
    QString itemDescription(engine::Index item) const;
    /// 'A', 'B', 'C' or 0.
    char abcClass(engine::Index item) const;
    QString locationId(engine::Index location) const;
    QString locationName(engine::Index location) const;
    /// "DC-WEST (West DC)" for a location id, or the id alone when it is not in the rows.
    QString describeLocation(const std::string &locationId) const;
    /// "ACME (Acme Corp)" for a customer id, or the id alone.
    QString describeCustomer(const std::string &customerId) const;
    /// "SUP-1 (Nordic Supply)" for a supplier id, or the id alone.
    QString describeSupplier(const std::string &supplierId) const;

    /// The item and location of an item-location row (kNone when out of range).
    engine::Index itemOf(engine::Index itemLocation) const;
    engine::Index locationOf(engine::Index itemLocation) const;
    /// Safety stock of an item-location row, 0 when unknown.
    double safetyStock(engine::Index itemLocation) const;

private:
    std::shared_ptr<const engine::Snapshot> m_rows;
};

/// The largest stockout probability the policy accepts for an ABC class ('A'.. or 0).
double stockoutTarget(const engine::Policy &policy, char abcClass);

} // namespace ui
