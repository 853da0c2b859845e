// Registering the cases a test works on the way `casectl intake` does: intake_case, one
// transaction of its own, with a REQUIRE on every failure so that the tests read as what they check.
#pragma once

#include "cases/intake.hpp"
#include "store/case_store.hpp"

#include <doctest/doctest.h>

#include <string>

namespace casectl::testing {

// Lookalike cases are registered on purpose (duplicate detection has tests of its own in
// test_cases_intake_session.cpp); an external id already in the store is refused, not updated.
inline const IntakeOptions k_register_options{OnDuplicate::allow, OnExisting::fail};

// Registers `request` as a new case; returns its case id.
inline std::string registered(store::CaseStore& store, const IntakeRequest& request, const config::Config& config,
                              const ChangeContext& context) {
  Result<IntakeResult> result = intake_case(store, config, context, request, k_register_options, false);
  REQUIRE_MESSAGE(result.is_ok(), result.status().message());
  REQUIRE(result->fate == IntakeFate::created);
  return result->case_id;
}

} // namespace casectl::testing
