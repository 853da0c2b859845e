// The case card as it stood at the end of a past day (`show --as-of DATE`), by effective
// (business) dates, for courts and auditors who ask for the case as it was when a decision was
// taken. Built from the card of today (documents.hpp, case_card_record) and rewound:
//
//  - the case's own fields (status, urgency, response_due, district, case manager, groups,
//    household members and every other field `intake --on-existing update` edits) from the
//    journal: each change dated after the day (`effective_on`, or the day of `at` for rows written
//    before it existed) is undone with the old value its `changes` hold ({"field": [old, new]});
//    `closed` is the closing in force; `updated_at` the moment of the last change up to that day;
//  - assessments (and so `risk`), events, task notes and closures dated up to the day; a closure
//    reopened later shows no reopening; `closure` only while the case was closed;
//  - the supervisor, from the journal's changes like the case's fields; the team members added by
//    then, with the roles they had, and those removed since put back (from the journal);
//  - the next review as the review, closing or reopening dated last up to the day left it;
//  - services: the recurring tasks of the plan revision approved last up to the day, due against
//    delivered over the period that ends on that day.
//
// Not rewound: the plan's tasks (the card shows only the services of the plan in force). A team
// member removed since whose adding the journal does not hold is left out. The record gains
// "as_of": the day.
#pragma once

#include "model/case.hpp"
#include "model/journal.hpp"
#include "config/config.hpp"
#include "output/records.hpp"
#include "util/date.hpp"
#include "util/status.hpp"

namespace casectl {
namespace store {
class CaseStore;
}

// The case card of `c` at the end of `as_of` (see above). A day after `today`, or before the case
// was opened: Status::invalid saying so.
Result<Record> case_card_as_of(store::CaseStore& store, const Case& c, const config::Config& config, date::Date as_of,
                               date::Date today);

// Undoes, in `card` (a case record as views::case_record builds it), the changes of the journal
// entries `later` (oldest first) to the case's own fields and its supervisor: each
// {"field": [old, new]} of an update, assign, supervisor, close or reopen entry sets the field
// (when the card has it) back to `old`. Other entries and keys that
// are not the case's fields are left alone.
void rewind_case_fields(Record& card, const std::vector<HistoryEntry>& later);

// The business day of a journal entry: its effective_on, or the day of its `at` for entries
// written before the journal kept one.
std::string effective_day(const HistoryEntry& e);

} // namespace casectl
