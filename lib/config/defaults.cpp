// Built-in reference data: what a new user gets with no config at all.
#include "config/defaults.hpp"

namespace casectl::config {

const std::vector<std::string>& urgency_levels() {
  static const std::vector<std::string> levels = {"emergency", "urgent", "routine"};
  return levels;
}

void apply_builtin_reference_data(Config& c) {
  c.sources = {
      {"self", "Обратился сам", "Came in person"},      {"referral", "Направлен ведомством", "Agency referral"},
      {"hotline", "Телефон доверия", "Hotline call"},   {"school", "Сообщение школы", "School report"},
      {"police", "Сообщение полиции", "Police report"}, {"hospital", "Сообщение больницы", "Hospital report"},
      {"neighbour", "Сообщение соседей", "Neighbour"},  {"outreach", "Выявлен специалистом", "Found by a team member"},
  };
  c.groups = {
      {"large-family", "Многодетная семья", "Large family"},
      {"single-parent", "Одинокий родитель", "Single parent"},
      {"elderly-alone", "Одинокий пожилой человек", "Lonely elderly person"},
      {"domestic-violence", "Пострадавшие от бытового насилия", "Domestic violence"},
      {"child-at-risk", "Риск изъятия ребёнка", "Child at risk of removal"},
      {"servicemen-family", "Семья военнослужащего", "Serviceman's family"},
      {"palliative", "Паллиативный больной", "Palliative patient"},
      {"disability", "Инвалидность", "Disability"},
      {"refugee", "Беженцы", "Refugee"},
      {"low-income", "Малообеспеченная семья", "Low-income family"},
  };
  c.agencies = {
      {"social-protection", "Отдел социальной защиты", "Social protection"},
      {"juvenile-police", "Ювенальная полиция", "Juvenile police"},
      {"guardianship", "Органы опеки и попечительства", "Guardianship"},
      {"school", "Школа", "School"},
      {"hospital", "Больница", "Hospital"},
      {"employment-centre", "Центр занятости", "Employment centre"},
      {"ngo", "НКО", "NGO"},
  };
  c.domains = {
      {"documents", "Документы", "Documents"},
      {"housing", "Жильё", "Housing"},
      {"income", "Доход", "Income"},
      {"employment", "Занятость", "Employment"},
      {"food", "Питание", "Food"},
      {"childcare", "Уход за детьми", "Childcare"},
      {"schooling", "Обучение", "Schooling"},
      {"health", "Здоровье", "Health"},
      {"mental-health", "Психическое здоровье", "Mental health"},
      {"substance-use", "Зависимости", "Substance use"},
      {"safety", "Безопасность", "Safety"},
      {"parenting", "Родительские навыки", "Parenting"},
      {"legal", "Правовые вопросы", "Legal"},
      {"social-support", "Социальная поддержка", "Social support"},
      {"mobility", "Мобильность", "Mobility"},
  };
  c.scale = {
      {"1", "В кризисе", "In crisis"},   {"2", "Уязвимо", "Vulnerable"},
      {"3", "Безопасно", "Safe"},        {"4", "Наращивание возможностей", "Building capacity"},
      {"5", "Благополучие", "Thriving"},
  };
  c.events = {
      {"child-placed-in-care", "Ребёнок помещён в государственное учреждение", "Child placed in state care"},
      {"police-called", "Вызов полиции", "Police called"},
      {"rights-violation-report", "Сообщение о нарушении прав ребёнка", "Report of a violation of a child's rights"},
      {"hospitalised", "Госпитализация", "Hospitalised"},
      {"parental-rights-restricted", "Ограничение родительских прав", "Parental rights restricted"},
      {"child-returned-home", "Ребёнок вернулся в семью", "Child returned home"},
      {"job-found", "Трудоустройство", "Job found"},
      {"documents-restored", "Документы восстановлены", "Documents restored"},
      {"moved", "Переезд", "Moved"},
      {"ran-away", "Самовольный уход ребёнка", "Child ran away"},
  };
  // Who a member is to the family: what social workers and the seeds write in a household list.
  c.relationships = {
      {"mother", "Мать", "Mother"},
      {"father", "Отец", "Father"},
      {"son", "Сын", "Son"},
      {"daughter", "Дочь", "Daughter"},
      {"child", "Ребёнок", "Child"},
      {"stepmother", "Мачеха", "Stepmother"},
      {"stepfather", "Отчим", "Stepfather"},
      {"spouse", "Супруг(а)", "Spouse"},
      {"partner", "Сожитель(ница)", "Partner"},
      {"brother", "Брат", "Brother"},
      {"sister", "Сестра", "Sister"},
      {"grandmother", "Бабушка", "Grandmother"},
      {"grandfather", "Дедушка", "Grandfather"},
      {"grandchild", "Внук (внучка)", "Grandchild"},
      {"aunt", "Тётя", "Aunt"},
      {"uncle", "Дядя", "Uncle"},
      {"guardian", "Опекун", "Guardian"},
      {"foster-parent", "Приёмный родитель", "Foster parent"},
      {"foster-child", "Приёмный ребёнок", "Foster child"},
      {"applicant", "Заявитель", "Applicant"},
      {"other", "Другой родственник", "Other relative"},
  };
  c.response_deadline = {
      {"emergency", std::chrono::hours{24}},
      {"urgent", std::chrono::hours{24 * 3}},
      {"routine", std::chrono::hours{24 * 10}},
  };
}

} // namespace casectl::config
