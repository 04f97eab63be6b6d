#pragma once
// A local account as the user list shows it (never its password hash).

#include "engine/core/role.h"

#include <QString>

namespace model {

/// One local account of a workbench database (UserStore::list()).
struct UserAccount {
    QString name;
    engine::Role role = engine::Role::Planner;
    QString createdAt; ///< ISO 8601 UTC
    QString createdBy; ///< the admin who added it (the first admin names itself)
    bool disabled = false;
};

} // namespace model
