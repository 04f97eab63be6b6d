#pragma once
// The governed policy: the policy every run of the database uses unless a run is
// given one (and, once there is a governed one, only the same one). A manager or an
// admin sets a new version; it is pending until another manager or admin approves it,
// and only then do runs use it. Both steps, and every refused attempt, are audit
// events with the hashes before and after and the fields that changed. All SQL on the
// policies table lives here.

#include "engine/core/policy.h"
#include "model/error.h"
#include "model/users/user.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace model {

class Store;
class UserStore;

/// One stored version of the policy.
struct StoredPolicy {
    qint64 id = 0;
    engine::Policy policy;
    QString hash; ///< policyHash(policy)
    QString editedBy, editedAt;
    QString approvedBy, approvedAt; ///< empty while pending
    bool approved() const { return !approvedBy.isEmpty(); }
};

/// The stored policy and its approval (Workbench::policies()).
class PolicyStore
{
public:
    PolicyStore(Store &store, UserStore &users)
        : m_store(store)
        , m_users(users)
    { }
    PolicyStore(const PolicyStore &) = delete;
    PolicyStore &operator=(const PolicyStore &) = delete;

    /// The policy in force: the latest approved version; nullopt when none ever was.
    Result<std::optional<StoredPolicy>> current();
    /// What a run uses when it is given no policy: current(), else the built-in default.
    Result<engine::Policy> effective();
    /// Every stored version, newest first.
    Result<std::vector<StoredPolicy>> list();
    /// The policy a run is given (`pwb score --policy FILE`): once the database has a
    /// governed policy, only that one (NotAllowed otherwise, saying how to change it);
    /// before, any.
    Result<void> checkRunPolicy(const engine::Policy &policy);

    /// `editor` (a manager or an admin) sets `policy` as a new pending version. A
    /// planner is refused (NotAllowed), and the attempt is kept in the audit trail.
    Result<StoredPolicy> propose(const engine::Policy &policy, const User &editor);
    /// `approver` (a manager or an admin, not its editor) puts pending version `id` in
    /// force. A version older than the one in force is refused as superseded.
    Result<StoredPolicy> approve(qint64 id, const User &approver);
    /// Puts `policy` in force as set and approved by the system, in a database that has
    /// no stored policy yet: the bundled demo's first start. Does nothing otherwise.
    Result<void> installDemo(const engine::Policy &policy);

    /// The fields in which `after` differs from `before`, as the policy file names
    /// them, each with its value before and after: "planner_approval_limit: 5000 ->
    /// 3000", "weights.sla_penalty: 1 -> 2", "auto_approve: [] -> [...]".
    static QStringList changedFields(const engine::Policy &before, const engine::Policy &after);

private:
    Result<std::optional<StoredPolicy>> find(const char *where, qint64 id);

    Store &m_store;
    UserStore &m_users;
};

} // namespace model
