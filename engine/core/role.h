#pragma once
// Who may approve what: the roles of the people using the workbench, from the least
// to the most authority. A recommendation names the least role that may approve it.

#include <cstdint>
#include <optional>
#include <string_view>

namespace engine {

enum class Role : std::uint8_t { Planner, Manager, Admin };

/// "planner", "manager", "admin": the names used in JSON, the CLI and the store.
constexpr const char *roleName(Role role)
{
    switch (role) {
    case Role::Planner:
        return "planner";
    case Role::Manager:
        return "manager";
    case Role::Admin:
        return "admin";
    }
    return "planner";
}

/// The role named `name`, or nullopt when it names none.
constexpr std::optional<Role> roleFromName(std::string_view name)
{
    for (Role r : {Role::Planner, Role::Manager, Role::Admin})
        if (name == roleName(r))
            return r;
    return std::nullopt;
}

/// Whether someone with role `held` may do what `needed` may.
constexpr bool roleCovers(Role held, Role needed)
{
    return static_cast<int>(held) >= static_cast<int>(needed);
}

} // namespace engine
