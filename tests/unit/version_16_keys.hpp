// Cases as casectl at schema version 16 left them, with the search keys it computed then, in SQL
// that both engines run: migration 17 keys them again (test_store_migration.cpp,
// test_store_postgres_store.cpp). Each engine writes the rows of its own full-text index.
#pragma once

namespace casectl::testing {

// Case 1 came from passports in Latin letters (apostrophes for ь, the Kazakh Latin of 2021): the
// keys of version 16 split the words at the apostrophes and lost ş ñ ı ("il ina natal ia",
// "singis aiger m"). Case 2 is in Cyrillic, its keys the same in both versions.
inline constexpr const char* k_version_16_cases = R"SQL(
  INSERT INTO cases (id, case_id, kind, status, name, district, address, source, urgency, consent, opened, response_due,
                     created_at, created_by, updated_at, updated_on, address_key)
  VALUES (1, '2026-00001', 'family', 'intake', 'Il’ina Natal’ya', 'almaly', 'Mar’yinskaya 5', 'self', 'routine', 1,
          '2026-10-01', '2026-10-10T00:00:00Z', '2026-10-01T10:00:00Z', 'old', '2026-10-01T10:00:00Z', '2026-10-01',
          'mar inskaia 5'),
         (2, '2026-00002', 'family', 'intake', 'Подъячев Ильин', 'almaly', 'ул. Цветочная 3', 'self', 'routine', 1,
          '2026-10-01', '2026-10-10T00:00:00Z', '2026-10-01T10:00:00Z', 'old', '2026-10-01T10:00:00Z', '2026-10-01',
          'ul tsvetochnaia 3');
  INSERT INTO members (case_row, position, name, role, name_key)
  VALUES (1, 1, 'Il’ina Natal’ya', 'мать', 'il ina natal ia'), (1, 2, 'Şyñğys Äigerım', 'дочь', 'singis aiger m'),
         (2, 1, 'Подъячев Ильин', 'отец', 'podiachev ilin'), (2, 2, 'Цветкова Юлия', 'мать', 'tsvetkova iulia');
)SQL";

// The names column of each case's index row as version 16 wrote it.
inline constexpr const char* k_version_16_names[] = {"il ina natal ia il ina natal ia singis aiger m",
                                                     "podiachev ilin podiachev ilin tsvetkova iulia"};

} // namespace casectl::testing
