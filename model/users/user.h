#pragma once
// The person using the workbench: the name decisions are recorded under and the role
// that says what they may approve. The application builds it once at start and hands
// it to the window; nothing below the application asks the operating system who is
// logged in.

#include "engine/core/role.h"

#include <QString>

namespace model {

/// The acting user: whose decisions these are, and with what authority.
struct User {
    QString name;
    engine::Role role = engine::Role::Planner;
};

} // namespace model
