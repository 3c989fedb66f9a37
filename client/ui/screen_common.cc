#include "client/ui/screens.h"

#include "accessibility/announcer.h"
#include "base/languages.h"
#include "base/proto_time.h"
#include "client/app/consultation_journey.h"
#include "contract/facts.h"

namespace carevoice::client::ui {

namespace {

// A catalog name in `language`, else in English, else the id.
std::string NameIn(const v1::LocalizedText& name, const std::string& language,
                   std::string_view fallback) {
  const auto& names = name.text();
  auto it = names.find(language);
  if (it == names.end()) it = names.find(std::string(base::kDefaultLanguage));
  return it != names.end() ? it->second : std::string(fallback);
}

// The published words for `language`: Easy Read's where asked for and
// given in that language, else the plain words; else the same in English.
std::string PublishedIn(const v1::LocalizedText& text, const v1::LocalizedText* easy,
                        bool easy_read, const std::string& language) {
  for (const std::string& lang : {language, std::string(base::kDefaultLanguage)}) {
    if (easy_read && easy != nullptr) {
      if (auto it = easy->text().find(lang); it != easy->text().end()) return it->second;
    }
    if (auto it = text.text().find(lang); it != text.text().end()) return it->second;
  }
  return {};
}

// The current step's question, when it asks one.
const Step* QuestionStep(const ScreenContext& ctx) {
  const Step* step = ctx.journey.step();
  return step != nullptr && step->question != nullptr ? step : nullptr;
}

}  // namespace

Text CatalogText(const ScreenContext& ctx, const v1::LocalizedText& text,
                 const v1::LocalizedText* easy, const std::string& picture) {
  const bool easy_read = ctx.texts.easy_read();
  return Text{PublishedIn(text, easy, easy_read, ctx.texts.screen().language()),
              PublishedIn(text, easy, easy_read, ctx.texts.speech().language()),
              easy_read ? picture : std::string()};
}

Text ClosingText(const ScreenContext& ctx, const v1::Consultation& consultation,
                 const std::string& prefix) {
  const absl::Time now = ctx.journey.Now();
  const int days = DaysLeft(consultation, now, absl::LocalTimeZone());
  if (days == 0) return ctx.texts.Get(prefix + ".closes_today");
  if (days == 1) return ctx.texts.Get(prefix + ".closes_tomorrow");
  const absl::CivilDay last = absl::ToCivilDay(
      base::FromProtoTimestamp(consultation.closes_at()) - absl::Nanoseconds(1),
      absl::LocalTimeZone());
  v1::Date date;
  date.set_year(static_cast<int>(last.year()));
  date.set_month(last.month());
  date.set_day(last.day());
  const Text day = DateText(ctx.texts, date);
  const std::string count = std::to_string(days);
  return ctx.texts.Format(prefix + ".closes_on", {count, day.shown}, {count, day.spoken});
}

Text ServiceName(const ScreenContext& ctx, std::string_view service_id) {
  if (ctx.catalog != nullptr) {
    for (const v1::Service& service : ctx.catalog->services()) {
      if (service.id() != service_id) continue;
      return Text{NameIn(service.name(), ctx.texts.screen().language(), service_id),
                  NameIn(service.name(), ctx.texts.speech().language(), service_id), ""};
    }
  }
  if (service_id == "something_else") return ctx.texts.Get("service.something_else");
  return Text::Same(std::string(service_id));
}

std::string JourneyKey(const ScreenContext& ctx, std::string_view key) {
  const JourneySpec* spec = ctx.journey.spec();
  if (spec == nullptr) return std::string(key);
  return ResolveKey(*spec, ctx.journey.draft(), key,
                    [&](std::string_view k) { return ctx.texts.speech().Has(k); });
}

Text JourneyText(const ScreenContext& ctx, std::string_view key) {
  return ctx.texts.Get(JourneyKey(ctx, key));
}

Text StepTitle(const ScreenContext& ctx, const StepKeys& keys) {
  if (const Step* q = QuestionStep(ctx)) {
    return CatalogText(ctx, q->question->text(), &q->question->easy_text(),
                       q->question->picture());
  }
  Text title = JourneyText(ctx, keys.title);
  if (title.shown.find("{0}") == std::string::npos &&
      title.spoken.find("{0}") == std::string::npos) {
    return title;
  }
  const JourneySpec* spec = ctx.journey.spec();
  Text name = spec != nullptr && spec->consultation
                  ? CatalogText(ctx, spec->consultation->title(),
                                &spec->consultation->easy_title())
                  : ServiceName(ctx, contract::ServiceIdOf(ctx.journey.draft()));
  title.shown = FormatTemplate(title.shown, {name.shown});
  title.spoken = FormatTemplate(title.spoken, {name.spoken});
  return title;
}

namespace {

// How a consultation's answer reads back: the options' words, in order for
// a ranking ("1. Mornings, 2. Evenings"); the words typed; the point agreed.
std::optional<Text> QuestionAnswerText(const ScreenContext& ctx, const Step& step) {
  const v1::QuestionAnswer* answer = AnswerTo(ctx.journey.draft(), step.question->id());
  if (answer == nullptr || !SaysSomething(*answer)) return std::nullopt;
  const v1::Question& question = *step.question;
  switch (answer->answer_case()) {
    case v1::QuestionAnswer::kChoiceId: {
      v1::QuestionAnswer::Options one;
      one.add_option_ids(answer->choice_id());
      return OptionsText(ctx, question, one, /*numbered=*/false);
    }
    case v1::QuestionAnswer::kRanking: return OptionsText(ctx, question, answer->ranking(), true);
    case v1::QuestionAnswer::kChoices: return OptionsText(ctx, question, answer->choices(), false);
    case v1::QuestionAnswer::kFreeText: return Text::Same(answer->free_text());
    case v1::QuestionAnswer::kAgreement:
      return ctx.texts.Get("agreement." + std::to_string(answer->agreement()));
    case v1::QuestionAnswer::ANSWER_NOT_SET: break;
  }
  return std::nullopt;
}

}  // namespace

Text OptionsText(const ScreenContext& ctx, const v1::Question& question,
                 const v1::QuestionAnswer::Options& ids, bool numbered) {
  Text all;
  for (int i = 0; i < ids.option_ids_size(); ++i) {
    Text one = Text::Same(ids.option_ids(i));
    for (const v1::Question::Option& o : question.options()) {
      if (o.id() == ids.option_ids(i)) one = CatalogText(ctx, o.label(), &o.easy_label());
    }
    // "1. Minibus trips": the number said as a place, never run into the
    // words ("1 More trips" is heard as "one more trips").
    const std::string sep = i == 0 ? "" : ", ";
    const std::string place = numbered ? std::to_string(i + 1) + ". " : "";
    all.shown += sep + place + one.shown;
    all.spoken += sep + place + one.spoken;
  }
  return all;
}

Text ReviewLine(const ScreenContext& ctx, const Step& step) {
  StepKeys keys = KeysFor(*ctx.journey.spec(), step);
  const v1::Submission& draft = ctx.journey.draft();
  if (step.question != nullptr) {
    // "Question 2: What matters most? Your answer: Mornings"
    const Text question = CatalogText(ctx, step.question->text(), &step.question->easy_text());
    const std::optional<Text> answer = QuestionAnswerText(ctx, step);
    Text value = answer ? *answer : JourneyText(ctx, keys.review_none);
    // A vote is secret: said aloud only into headphones (it is on screen).
    if (answer && ctx.journey.spec()->ballot && !ctx.settings.private_listening) {
      value.spoken = ctx.texts.Get("state.hidden").spoken;
    }
    const std::string number = std::to_string(step.number);
    return ctx.texts.Format(JourneyKey(ctx, keys.review_line), {number, question.shown, value.shown},
                            {number, question.spoken, value.spoken});
  }
  Text line = JourneyText(ctx, keys.review_line);
  Text value;
  switch (step.type) {
    case StepType::kChooseFromCatalog: {
      const std::string id = GetText(draft, step.field).value_or("");
      if (step.list == CatalogList::kServices) {
        value = ServiceName(ctx, id);
        break;
      }
      value = JourneyText(ctx, keys.extra.front());  // not sure
      for (const CatalogChoice& choice : CatalogChoices(step, draft, ctx.catalog)) {
        if (choice.id == id) value = Text::Same(choice.name);
      }
      break;
    }
    case StepType::kWords: {
      std::string words = GetText(draft, step.field).value_or("");
      if (words.empty()) return JourneyText(ctx, keys.review_none);
      // What the person typed is read back as typed, in any language; their
      // contact details only in private listening (the screen shows them).
      value = Text::Same(words);
      if (IsPersonalField(step.field) && !ctx.settings.private_listening) {
        value.spoken = ctx.texts.Get("state.hidden").spoken;
      }
      break;
    }
    case StepType::kRate: {
      int rating = GetNumber(draft, step.field).value_or(0);
      if (rating < 1 || rating > 5) return JourneyText(ctx, keys.review_none);
      value = ctx.texts.Get(keys.choices[rating - 1]);
      break;
    }
    case StepType::kChooseOption: {
      if (!ctx.journey.Answered(step)) {
        value = ctx.texts.Get("choice.not_answered");
        break;
      }
      int chosen = GetNumber(draft, step.field).value_or(0);
      for (std::size_t i = 0; i < step.options.size(); ++i) {
        if (step.options[i].value == chosen) value = JourneyText(ctx, keys.choices[i]);
      }
      break;
    }
    case StepType::kDate: {
      absl::StatusOr<std::optional<v1::Date>> date = GetDate(draft, step.field);
      if (!date.ok() || !date->has_value()) {
        value = ctx.texts.Get("choice.not_answered");
        break;
      }
      value = DateText(ctx.texts, **date);
      break;
    }
    case StepType::kQuestion:  // read back above
    case StepType::kNotice:
    case StepType::kReview:
    case StepType::kThanks:
    case StepType::kAnswer:  // a lookup's answer has no review
      break;
  }
  line.shown = FormatTemplate(line.shown, {value.shown});
  line.spoken = FormatTemplate(line.spoken, {value.spoken});
  return line;
}

Text DateText(const Texts& t, const v1::Date& date) {
  const absl::CivilDay day(date.year(), date.month(), date.day());
  // absl counts Monday first, as the language files do (date.weekday.1).
  const int weekday = static_cast<int>(absl::GetWeekday(day)) + 1;
  const Text name = t.Get("date.weekday." + std::to_string(weekday));
  const Text month = t.Get("date.month." + std::to_string(date.month()));
  const std::string number = std::to_string(date.day());
  const std::string year = std::to_string(date.year());
  return t.Format("date.format", {name.shown, number, month.shown, year},
                  {name.spoken, number, month.spoken, year});
}

Text WithNumbers(Text text, const v1::HelpNumbers& n, const Texts& t) {
  const auto& hours = n.safeguarding_hours().text();
  auto hours_in = [&](const std::string& language) {
    auto it = hours.find(language);
    if (it == hours.end()) it = hours.find(std::string(base::kDefaultLanguage));
    return it == hours.end() ? std::string() : it->second;
  };
  // The hours follow the screen's and the speech's languages.
  text.shown = FormatTemplate(text.shown, {n.emergency(), n.safeguarding_team(),
                                           hours_in(t.screen().language()), n.out_of_hours()});
  text.spoken = FormatTemplate(text.spoken, {n.emergency(), n.safeguarding_team(),
                                             hours_in(t.speech().language()), n.out_of_hours()});
  return text;
}

Text NumbersText(const ScreenContext& ctx, std::string_view key) {
  return WithNumbers(JourneyText(ctx, key), ctx.help_numbers, ctx.texts);
}

void SkipQuestionButton(const ScreenContext& ctx, const Step& step, Ui& ui, Intent& intent) {
  // A ballot's mark is not skipped: the person leaves by Back or Home.
  if (step.question == nullptr || !step.optional) return;
  if (ui.Button(step.id + ".skip", ctx.texts.Get("question.skip"))) {
    intent = {Intent::Kind::kSkipQuestion};
  }
}

void OfferFollowOn(const ScreenContext& ctx, Ui& ui, Intent& intent) {
  const JourneySpec* offered = ctx.journey.FollowOnOffered();
  if (offered == nullptr) return;
  const std::string key = offered->id + ".offer";
  if (ui.Button(key, ctx.texts.Get(key), ctx.texts.Get(key + ".hint"))) {
    intent = {Intent::Kind::kBeginFollowOn, offered->id};
  }
}

bool DrawNumbersBanner(const ScreenContext& ctx, Ui& ui) {
  if (!ctx.journey.ShowsNumbers()) return false;
  ui.ErrorText("numbers.banner", NumbersText(ctx, "numbers.banner"));
  return ui.Button("numbers.again", ctx.texts.Get("numbers.again"));
}

Text StepInstruction(const ScreenContext& ctx, const Step& step, const StepKeys& keys) {
  if (step.question != nullptr) {
    // "Question 2 of 5." first: where they are, then how to answer. A
    // ballot's one question (number 0) has no place to say.
    if (step.number == 0) {
      return ctx.texts.Format(JourneyKey(ctx, keys.instruction),
                              {std::to_string(step.question->max_choices())});
    }
    const std::string number = std::to_string(step.number);
    const std::string of = std::to_string(ctx.journey.spec()->consultation->questions_size());
    const std::string max = std::to_string(step.question->max_choices());
    Text where = ctx.texts.Format("question.progress", {number, of});
    Text how = ctx.texts.Format(keys.instruction, {max});
    return Text{a11y::JoinSentences(where.shown, how.shown),
                a11y::JoinSentences(where.spoken, how.spoken), how.picture};
  }
  Text instruction = JourneyText(ctx, keys.instruction);
  if (!step.notice_when || !step.notice_when(ctx.journey.draft())) return instruction;
  Text notice = JourneyText(ctx, keys.notice);
  instruction.shown = a11y::JoinSentences(instruction.shown, notice.shown);
  instruction.spoken = a11y::JoinSentences(instruction.spoken, notice.spoken);
  return instruction;
}

std::string SpellOut(std::string_view reference) {
  // Letters with their ICAO spelling words, understood across languages and
  // on a poor speaker; digits as themselves. Look-alikes never occur: the
  // reference alphabet has none.
  static constexpr std::pair<char, const char*> kWords[] = {
      {'A', "Alpha"},  {'C', "Charlie"}, {'D', "Delta"},    {'E', "Echo"},
      {'F', "Foxtrot"}, {'H', "Hotel"},  {'J', "Juliett"},  {'K', "Kilo"},
      {'M', "Mike"},   {'N', "November"}, {'P', "Papa"},    {'Q', "Quebec"},
      {'R', "Romeo"},  {'T', "Tango"},   {'W', "Whiskey"},  {'X', "X-ray"},
      {'Y', "Yankee"}};
  std::string out;
  for (char c : reference) {
    if (c == '-' || c == ' ') continue;
    if (!out.empty()) out += ", ";
    out += c;
    for (const auto& [letter, word] : kWords) {
      if (letter == c) {
        out += ' ';
        out += word;
      }
    }
  }
  return out;
}

}  // namespace carevoice::client::ui
