#include "client/ui/screens.h"

namespace carevoice::client::ui {

namespace {

// A catalog name in `language`, else in English, else the id.
std::string NameIn(const v1::LocalizedText& name, const std::string& language,
                   const std::string& fallback) {
  const auto& names = name.text();
  auto it = names.find(language);
  if (it == names.end()) it = names.find("en-GB");
  return it != names.end() ? it->second : fallback;
}

}  // namespace

Text ServiceName(const ScreenContext& ctx, const std::string& service_id) {
  if (ctx.catalog != nullptr) {
    for (const v1::Service& service : ctx.catalog->services()) {
      if (service.id() != service_id) continue;
      return Text{NameIn(service.name(), ctx.texts.screen().language(), service_id),
                  NameIn(service.name(), ctx.texts.speech().language(), service_id), ""};
    }
  }
  if (service_id == "something_else") return ctx.texts.Get("service.something_else");
  return Text::Same(service_id);
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
