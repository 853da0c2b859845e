#include "cases/district_roles.hpp"

#include "cases/journal.hpp"
#include "util/messages.hpp"

namespace casectl {

Result<std::vector<DistrictRole>> give_district_roles(store::CaseStore& store, const config::Config& config,
                                                      const ChangeContext& context) {
  if (config.districts.empty())
    return Status::config(tr("district roles need the districts in the config ([districts]): without them any district is "
                             "accepted as written, and there is nothing to divide the cases by"));
  std::vector<std::string> codes;
  for (const config::RefItem& d : config.districts) codes.push_back(d.code);
  std::vector<DistrictRole> given;
  Status status = store.write([&]() -> Status {
    Result<std::vector<std::string>> roles = store.create_district_roles(codes);
    if (!roles) return roles.status();
    Record changes = Record::object();
    Record by_district = Record::object();
    given.clear();
    for (std::size_t i = 0; i < codes.size(); ++i) {
      given.push_back({codes[i], (*roles)[i]});
      by_district[codes[i]] = (*roles)[i];
    }
    changes["roles"] = by_district;
    return journal(store, context, "", "district-roles", changes);
  });
  if (!status) return status;
  return given;
}

} // namespace casectl
