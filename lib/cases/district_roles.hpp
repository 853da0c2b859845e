// Who acts on a shared store: a database role per district office (`casectl init --district-roles`).
#pragma once

#include "config/config.hpp"
#include "model/change.hpp"
#include "store/case_store.hpp"
#include "util/status.hpp"

#include <string>
#include <vector>

namespace casectl {

// One district and its role.
struct DistrictRole {
  std::string district; // the config's code
  std::string role;     // casectl_district_CODE
};

// Gives every district of the config its database role and limits the roles to their districts'
// cases (CaseStore::create_district_roles), in one transaction journaled as "district-roles"
// (store-wide: {"roles": {district: role, ...}}). Refuses, with a config error, a config that
// lists no districts (every district is accepted as written then, so there is nothing to divide).
Result<std::vector<DistrictRole>> give_district_roles(store::CaseStore& store, const config::Config& config,
                                                      const ChangeContext& context);

} // namespace casectl
