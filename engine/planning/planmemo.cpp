#include "engine/planning/planmemo.h"

#include <bit>
#include <cmath>
#include <cstring>

namespace engine::planning {

namespace {

/// Appends numbers: whole numbers as variable-length integers (small ones take one
/// byte), doubles as a zero tag or their eight bytes.
class Writer
{
public:
    explicit Writer(std::string &out)
        : m_out(out)
    { }
    void unsignedInt(std::uint64_t v)
    {
        while (v >= 0x80) {
            m_out.push_back(static_cast<char>((v & 0x7f) | 0x80));
            v >>= 7;
        }
        m_out.push_back(static_cast<char>(v));
    }
    void integer(std::int64_t v)
    {
        unsignedInt((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
    }
    void real(double v)
    {
        if (v == 0 && !std::signbit(v)) {
            m_out.push_back(0);
            return;
        }
        m_out.push_back(1);
        char bytes[sizeof v];
        std::memcpy(bytes, &v, sizeof v);
        m_out.append(bytes, sizeof v);
    }

private:
    std::string &m_out;
};

class Reader
{
public:
    explicit Reader(std::string_view in)
        : m_in(in)
    { }
    bool ok() const { return m_ok; }
    bool atEnd() const { return m_pos == m_in.size(); }
    std::uint64_t unsignedInt()
    {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (m_pos >= m_in.size())
                return fail();
            const auto byte = static_cast<unsigned char>(m_in[m_pos++]);
            v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
            if ((byte & 0x80) == 0)
                return v;
        }
        return fail();
    }
    std::int64_t integer()
    {
        const std::uint64_t u = unsignedInt();
        return static_cast<std::int64_t>(u >> 1) ^ -static_cast<std::int64_t>(u & 1);
    }
    int small() { return static_cast<int>(integer()); }
    double real()
    {
        if (m_pos >= m_in.size())
            return fail();
        const char tag = m_in[m_pos++];
        if (tag == 0)
            return 0;
        if (tag != 1 || m_in.size() - m_pos < sizeof(double))
            return fail();
        double v = 0;
        std::memcpy(&v, m_in.data() + m_pos, sizeof v);
        m_pos += sizeof v;
        return v;
    }
    /// A count of elements that take at least one byte each: never more than what is
    /// left, so damaged bytes cannot ask for a huge allocation.
    std::size_t count()
    {
        const std::uint64_t n = unsignedInt();
        if (n > m_in.size() - m_pos)
            return static_cast<std::size_t>(fail());
        return static_cast<std::size_t>(n);
    }

private:
    int fail()
    {
        m_ok = false;
        m_pos = m_in.size();
        return 0;
    }
    std::string_view m_in;
    std::size_t m_pos = 0;
    bool m_ok = true;
};

std::uint64_t finalMix(std::uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

/// A 64-bit digest of `bytes` for one seed: each eight-byte word mixed into the state
/// with a multiply and a rotation, the length and a final avalanche at the end. Not a
/// defence against someone forging a collision (see planmemo.h), only against chance.
std::uint64_t digest(std::string_view bytes, std::uint64_t seed)
{
    std::uint64_t h = seed ^ (bytes.size() * 0x9e3779b97f4a7c15ULL);
    std::size_t i = 0;
    for (; i + 8 <= bytes.size(); i += 8) {
        std::uint64_t w = 0;
        std::memcpy(&w, bytes.data() + i, 8);
        h = std::rotl(h ^ finalMix(w + seed), 27) * 0x9e3779b97f4a7c15ULL + 0x632be59bd9b4e019ULL;
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, bytes.data() + i, bytes.size() - i);
    h = std::rotl(h ^ finalMix(tail + seed), 27) * 0x9e3779b97f4a7c15ULL;
    return finalMix(h ^ bytes.size());
}

constexpr std::uint64_t kSeedHigh = 0x243f6a8885a308d3ULL;
constexpr std::uint64_t kSeedLow = 0x13198a2e03707344ULL;
constexpr std::uint64_t kSeedCheck = 0xa4093822299f31d0ULL;

void writeInput(Writer &w, const Input &in, const PlanOptions &options)
{
    w.unsignedInt(kPlanMemoFormat);
    w.integer(options.maxBranchNodes);
    w.integer(in.horizonDays);
    w.unsignedInt(in.locations.size());
    for (const PlanLocation &l : in.locations) {
        w.integer(l.onHand);
        w.integer(l.receivingPerDay);
        w.integer(l.storage);
        w.real(l.holdingCostPerUnitDay);
        w.real(l.overflowCostPerUnitDay);
        w.integer(l.maxShipped);
    }
    w.unsignedInt(in.inTransit.size());
    for (const InTransit &t : in.inTransit) {
        w.integer(t.location);
        w.integer(t.arrivalDay);
        w.integer(t.qty);
    }
    w.unsignedInt(in.receipts.size());
    for (const PoReceipt &r : in.receipts) {
        w.integer(r.location);
        w.integer(r.expectedDay);
        w.integer(r.qty);
        w.integer(r.ref);
        w.unsignedInt(r.expedites.size());
        for (const ExpediteOption &e : r.expedites) {
            w.integer(e.day);
            w.real(e.costPerUnit);
            w.integer(e.maxQty);
        }
    }
    w.unsignedInt(in.purchases.size());
    for (const PurchaseOption &p : in.purchases) {
        w.integer(p.location);
        w.integer(p.arrivalDay);
        w.real(p.costPerUnit);
        w.real(p.fixedCost);
        w.integer(p.minQty);
        w.integer(p.multiple);
        w.integer(p.maxQty);
        w.integer(p.ref);
    }
    w.unsignedInt(in.lanes.size());
    for (const Lane &l : in.lanes) {
        w.integer(l.from);
        w.integer(l.to);
        w.integer(l.transitDays);
        w.real(l.costPerUnit);
        w.integer(l.capacityPerDay);
        w.real(l.fixedCostPerShipment);
        w.integer(l.lastShipDay);
        w.integer(l.reservedForDestination);
        w.integer(l.ref);
    }
    w.unsignedInt(in.demands.size());
    for (const Demand &d : in.demands) {
        w.integer(d.location);
        w.integer(d.dueDay);
        w.integer(d.qty);
        w.real(d.unservedCostPerUnit);
        w.real(d.lateCostPerUnitDay);
        w.real(d.lostSaleCostPerUnit);
        w.integer(d.lostSaleDays);
        w.integer(d.daysPastDue);
        w.integer(d.ref);
    }
}

void writeCosts(Writer &w, const PlanCosts &c)
{
    for (const double v :
        {c.holding, c.overflow, c.lateness, c.unserved, c.transfers, c.expedites, c.purchases})
        w.real(v);
}

PlanCosts readCosts(Reader &r)
{
    PlanCosts c;
    for (double *v : {&c.holding, &c.overflow, &c.lateness, &c.unserved, &c.transfers, &c.expedites,
             &c.purchases})
        *v = r.real();
    return c;
}

void writeReals(Writer &w, const std::vector<double> &values)
{
    w.unsignedInt(values.size());
    for (const double v : values)
        w.real(v);
}

std::vector<double> readReals(Reader &r)
{
    std::vector<double> values(r.count());
    for (double &v : values)
        v = r.real();
    return values;
}

void writeOutcomes(Writer &w, const std::vector<DemandOutcome> &outcomes)
{
    w.unsignedInt(outcomes.size());
    for (const DemandOutcome &o : outcomes) {
        w.integer(o.onTime);
        w.integer(o.late);
        w.integer(o.unserved);
        w.unsignedInt(o.lateBy.size());
        for (const LateUnits &l : o.lateBy) {
            w.integer(l.days);
            w.integer(l.qty);
        }
        w.real(o.cost);
    }
}

std::vector<DemandOutcome> readOutcomes(Reader &r)
{
    std::vector<DemandOutcome> outcomes(r.count());
    for (DemandOutcome &o : outcomes) {
        o.onTime = r.integer();
        o.late = r.integer();
        o.unserved = r.integer();
        o.lateBy.resize(r.count());
        for (LateUnits &l : o.lateBy) {
            l.days = r.small();
            l.qty = r.integer();
        }
        o.cost = r.real();
    }
    return outcomes;
}

template <class T> bool inRange(int i, const std::vector<T> &v)
{
    return i >= 0 && static_cast<std::size_t>(i) < v.size();
}

/// Whether `plan` could be a plan of `input`: every size and index the scoring reads
/// is in range.
bool fits(const Plan &plan, const Input &input)
{
    const std::size_t demands = input.demands.size(), locations = input.locations.size();
    if (plan.demands.size() != demands || plan.doNothing.size() != demands
        || plan.overflowAt.size() != locations || plan.doNothingOverflowAt.size() != locations)
        return false;
    for (const Action &a : plan.actions) {
        if (!inRange(a.location, input.locations) || a.qty < 0)
            return false;
        bool ok = false;
        switch (a.kind) {
        case ActionKind::Transfer:
            ok = inRange(a.index, input.lanes) && inRange(a.fromLocation, input.locations);
            break;
        case ActionKind::Expedite:
            ok = inRange(a.index, input.receipts)
                && inRange(a.option, input.receipts[static_cast<std::size_t>(a.index)].expedites);
            break;
        case ActionKind::Purchase:
            ok = inRange(a.index, input.purchases);
            break;
        }
        if (!ok)
            return false;
        for (const Allocation &s : a.serves)
            if (!inRange(s.demand, input.demands) || s.qty < 0)
                return false;
    }
    return true;
}

} // namespace

PlanKey planKey(const Input &input, const PlanOptions &options)
{
    thread_local std::string bytes;
    bytes.clear();
    Writer w(bytes);
    writeInput(w, input, options);
    return {digest(bytes, kSeedHigh), digest(bytes, kSeedLow)};
}

std::string encodePlan(const Plan &plan)
{
    std::string out;
    out.reserve(256);
    Writer w(out);
    w.real(plan.cost);
    writeCosts(w, plan.costs);
    w.real(plan.modelCost);
    w.real(plan.doNothingCost);
    writeCosts(w, plan.doNothingCosts);
    writeReals(w, plan.overflowAt);
    writeReals(w, plan.doNothingOverflowAt);
    writeOutcomes(w, plan.demands);
    writeOutcomes(w, plan.doNothing);
    w.unsignedInt(plan.actions.size());
    for (const Action &a : plan.actions) {
        w.unsignedInt(static_cast<std::uint64_t>(a.kind));
        w.integer(a.index);
        w.integer(a.option);
        w.integer(a.fromLocation);
        w.integer(a.location);
        w.integer(a.day);
        w.integer(a.arrivalDay);
        w.integer(a.qty);
        w.integer(a.orderedQty);
        w.real(a.cost);
        w.unsignedInt(a.serves.size());
        for (const Allocation &s : a.serves) {
            w.integer(s.demand);
            w.integer(s.qty);
        }
        w.integer(a.keptInStock);
    }
    w.unsignedInt(plan.optimal ? 1 : 0);
    w.integer(plan.branchNodes);
    const std::uint64_t check = digest(out, kSeedCheck);
    char bytes[sizeof check];
    std::memcpy(bytes, &check, sizeof check);
    out.append(bytes, sizeof check);
    return out;
}

std::optional<Plan> decodePlan(std::string_view bytes, const Input &input)
{
    constexpr std::size_t kCheck = sizeof(std::uint64_t);
    if (bytes.size() < kCheck)
        return std::nullopt;
    const std::string_view body = bytes.substr(0, bytes.size() - kCheck);
    std::uint64_t check = 0;
    std::memcpy(&check, bytes.data() + body.size(), kCheck);
    if (check != digest(body, kSeedCheck))
        return std::nullopt;
    Reader r(body);
    Plan plan;
    plan.cost = r.real();
    plan.costs = readCosts(r);
    plan.modelCost = r.real();
    plan.doNothingCost = r.real();
    plan.doNothingCosts = readCosts(r);
    plan.overflowAt = readReals(r);
    plan.doNothingOverflowAt = readReals(r);
    plan.demands = readOutcomes(r);
    plan.doNothing = readOutcomes(r);
    plan.actions.resize(r.count());
    for (Action &a : plan.actions) {
        const std::uint64_t kind = r.unsignedInt();
        if (kind > static_cast<std::uint64_t>(ActionKind::Purchase))
            return std::nullopt;
        a.kind = static_cast<ActionKind>(kind);
        a.index = r.small();
        a.option = r.small();
        a.fromLocation = r.small();
        a.location = r.small();
        a.day = r.small();
        a.arrivalDay = r.small();
        a.qty = r.integer();
        a.orderedQty = r.integer();
        a.cost = r.real();
        a.serves.resize(r.count());
        for (Allocation &s : a.serves) {
            s.demand = r.small();
            s.qty = r.integer();
        }
        a.keptInStock = r.integer();
    }
    plan.optimal = r.unsignedInt() != 0;
    plan.branchNodes = r.small();
    if (!r.ok() || !r.atEnd() || !fits(plan, input))
        return std::nullopt;
    return plan;
}

void PlanMemo::add(const PlanKey &key, std::string_view bytes)
{
    m_kept.try_emplace(key, std::string(bytes));
}

std::optional<Plan> PlanMemo::find(const PlanKey &key, const Input &input) const
{
    const auto it = m_kept.find(key);
    if (it == m_kept.end())
        return std::nullopt;
    std::optional<Plan> plan = decodePlan(it->second.bytes, input);
    if (plan) {
        it->second.used.store(true, std::memory_order_relaxed);
        m_hits.fetch_add(1, std::memory_order_relaxed);
    }
    return plan;
}

void PlanMemo::keep(const PlanKey &key, const Plan &plan)
{
    std::string bytes = encodePlan(plan);
    const std::lock_guard lock(m_mutex);
    m_new.emplace_back(key, std::move(bytes));
}

std::int64_t PlanMemo::solved() const
{
    const std::lock_guard lock(m_mutex);
    return static_cast<std::int64_t>(m_new.size());
}

void PlanMemo::forEachUsed(
    const std::function<void(const PlanKey &, std::string_view)> &visit) const
{
    // A kept plan that was found was not solved again, so a key is in both only when
    // its kept plan was damaged: the plan solved instead is the one to keep.
    for (const auto &[key, kept] : m_kept)
        if (kept.used.load(std::memory_order_relaxed))
            visit(key, kept.bytes);
    const std::lock_guard lock(m_mutex);
    for (const auto &[key, bytes] : m_new)
        visit(key, bytes);
}

} // namespace engine::planning
