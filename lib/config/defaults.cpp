// Built-in reference data: what a new user gets with no config at all.
#include "config/defaults.hpp"

namespace casectl::config {

const std::vector<std::string>& urgency_levels() {
  static const std::vector<std::string> levels = {"emergency", "urgent", "routine"};
  return levels;
}

void apply_builtin_reference_data(Config& c) {
  c.sources = {
      {"self", "Обратился сам", "Came in person", "Өзі жүгінді"},      {"referral", "Направлен ведомством", "Agency referral", "Ведомство жолдады"},
      {"hotline", "Телефон доверия", "Hotline call", "Сенім телефоны"},   {"school", "Сообщение школы", "School report", "Мектептен хабарлама"},
      {"police", "Сообщение полиции", "Police report", "Полициядан хабарлама"}, {"hospital", "Сообщение больницы", "Hospital report", "Ауруханадан хабарлама"},
      {"neighbour", "Сообщение соседей", "Neighbour", "Көршілерден хабарлама"},  {"outreach", "Выявлен специалистом", "Found by a team member", "Маман анықтады"},
  };
  c.groups = {
      {"large-family", "Многодетная семья", "Large family", "Көп балалы отбасы"},
      {"single-parent", "Одинокий родитель", "Single parent", "Жалғызбасты ата-ана"},
      {"elderly-alone", "Одинокий пожилой человек", "Lonely elderly person", "Жалғыз тұратын қарт адам"},
      {"domestic-violence", "Пострадавшие от бытового насилия", "Domestic violence", "Тұрмыстық зорлық-зомбылықтан зардап шеккендер"},
      {"child-at-risk", "Риск изъятия ребёнка", "Child at risk of removal", "Баланы алып кету қаупі"},
      {"servicemen-family", "Семья военнослужащего", "Serviceman's family", "Әскери қызметшінің отбасы"},
      {"palliative", "Паллиативный больной", "Palliative patient", "Паллиативтік науқас"},
      {"disability", "Инвалидность", "Disability", "Мүгедектік"},
      {"refugee", "Беженцы", "Refugee", "Босқындар"},
      {"low-income", "Малообеспеченная семья", "Low-income family", "Аз қамтылған отбасы"},
  };
  c.agencies = {
      {"social-protection", "Отдел социальной защиты", "Social protection", "Әлеуметтік қорғау бөлімі"},
      {"juvenile-police", "Ювенальная полиция", "Juvenile police", "Кәмелетке толмағандар ісі жөніндегі полиция"},
      {"guardianship", "Органы опеки и попечительства", "Guardianship", "Қорғаншылық және қамқоршылық органдары"},
      {"school", "Школа", "School", "Мектеп"},
      {"hospital", "Больница", "Hospital", "Аурухана"},
      {"employment-centre", "Центр занятости", "Employment centre", "Жұмыспен қамту орталығы"},
      {"ngo", "НКО", "NGO", "ҮЕҰ"},
  };
  c.domains = {
      {"documents", "Документы", "Documents", "Құжаттар"},
      {"housing", "Жильё", "Housing", "Тұрғын үй"},
      {"income", "Доход", "Income", "Табыс"},
      {"employment", "Занятость", "Employment", "Жұмыспен қамту"},
      {"food", "Питание", "Food", "Тамақтану"},
      {"childcare", "Уход за детьми", "Childcare", "Балаларға күтім"},
      {"schooling", "Обучение", "Schooling", "Оқу"},
      {"health", "Здоровье", "Health", "Денсаулық"},
      {"mental-health", "Психическое здоровье", "Mental health", "Психикалық денсаулық"},
      {"substance-use", "Зависимости", "Substance use", "Тәуелділіктер"},
      {"safety", "Безопасность", "Safety", "Қауіпсіздік"},
      {"parenting", "Родительские навыки", "Parenting", "Ата-аналық дағдылар"},
      {"legal", "Правовые вопросы", "Legal", "Құқықтық мәселелер"},
      {"social-support", "Социальная поддержка", "Social support", "Әлеуметтік қолдау"},
      {"mobility", "Мобильность", "Mobility", "Қозғалу мүмкіндігі"},
  };
  c.scale = {
      {"1", "В кризисе", "In crisis", "Дағдарыста"},   {"2", "Уязвимо", "Vulnerable", "Осал"},
      {"3", "Безопасно", "Safe", "Қауіпсіз"},        {"4", "Наращивание возможностей", "Building capacity", "Мүмкіндіктерді арттыру"},
      {"5", "Благополучие", "Thriving", "Әл-ауқатты"},
  };
  c.events = {
      {"child-placed-in-care", "Ребёнок помещён в государственное учреждение", "Child placed in state care", "Бала мемлекеттік мекемеге орналастырылды"},
      {"police-called", "Вызов полиции", "Police called", "Полиция шақырылды"},
      {"rights-violation-report", "Сообщение о нарушении прав ребёнка", "Report of a violation of a child's rights", "Бала құқығының бұзылуы туралы хабарлама"},
      {"hospitalised", "Госпитализация", "Hospitalised", "Ауруханаға жатқызу"},
      {"parental-rights-restricted", "Ограничение родительских прав", "Parental rights restricted", "Ата-ана құқықтарын шектеу"},
      {"child-returned-home", "Ребёнок вернулся в семью", "Child returned home", "Бала отбасына оралды"},
      {"job-found", "Трудоустройство", "Job found", "Жұмысқа орналасу"},
      {"documents-restored", "Документы восстановлены", "Documents restored", "Құжаттар қалпына келтірілді"},
      {"moved", "Переезд", "Moved", "Көшіп кету"},
      {"ran-away", "Самовольный уход ребёнка", "Child ran away", "Баланың өз бетімен кетуі"},
  };
  // Who a member is to the family: what social workers and the seeds write in a household list.
  c.relationships = {
      {"mother", "Мать", "Mother", "Ана"},
      {"father", "Отец", "Father", "Әке"},
      {"son", "Сын", "Son", "Ұл"},
      {"daughter", "Дочь", "Daughter", "Қыз"},
      {"child", "Ребёнок", "Child", "Бала"},
      {"stepmother", "Мачеха", "Stepmother", "Өгей шеше"},
      {"stepfather", "Отчим", "Stepfather", "Өгей әке"},
      {"spouse", "Супруг(а)", "Spouse", "Жұбайы"},
      {"partner", "Сожитель(ница)", "Partner", "Бірге тұратын серіктес"},
      {"brother", "Брат", "Brother", "Аға (іні)"},
      {"sister", "Сестра", "Sister", "Әпке (сіңлі)"},
      {"grandmother", "Бабушка", "Grandmother", "Әже"},
      {"grandfather", "Дедушка", "Grandfather", "Ата"},
      {"grandchild", "Внук (внучка)", "Grandchild", "Немере"},
      {"aunt", "Тётя", "Aunt", "Тәте"},
      {"uncle", "Дядя", "Uncle", "Көке (нағашы аға)"},
      {"guardian", "Опекун", "Guardian", "Қамқоршы"},
      {"foster-parent", "Приёмный родитель", "Foster parent", "Қабылдаушы ата-ана"},
      {"foster-child", "Приёмный ребёнок", "Foster child", "Қабылданған бала"},
      {"applicant", "Заявитель", "Applicant", "Өтініш беруші"},
      {"other", "Другой родственник", "Other relative", "Басқа туысы"},
  };
  c.response_deadline = {
      {"emergency", std::chrono::hours{24}},
      {"urgent", std::chrono::hours{24 * 3}},
      {"routine", std::chrono::hours{24 * 10}},
  };
}

} // namespace casectl::config
